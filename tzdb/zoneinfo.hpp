// Builds core::ZoneRules for an IANA zone from the OS tz database (TZif files under
// /usr/share/zoneinfo, RFC 8536), including the POSIX TZ footer that extends a
// zone's rules past its last listed transition. This is the only place that reads
// the tz database; the core and the widget only ever see the resulting table.
// May perform I/O (load_zone); parse_tzif is pure.
#pragma once

#include <string>
#include <string_view>

#include "kairos/result.hpp"
#include "kairos/zone.hpp"

namespace kairos::zoneinfo {

inline constexpr const char* kDefaultDir = "/usr/share/zoneinfo";

// True when `id` has the shape of an IANA zone id ("Area/Location", letters, digits,
// '_', '-', '+', '/'); never lets a path escape the zoneinfo folder.
bool is_valid_zone_id(std::string_view id);

// The rules of a zone restricted to [from, to): the offset in force at `from` becomes
// the table's initial offset, followed by every transition inside the range.
core::Result<core::ZoneRules> parse_tzif(std::string_view bytes, std::string id, core::Instant from,
                                         core::Instant to);

// Reads `dir`/`id`. Error code "unknown_zone" (field "timezone") when the id is not a
// zone of the database.
core::Result<core::ZoneRules> load_zone(const std::string& id, core::Instant from, core::Instant to,
                                        const std::string& dir = kDefaultDir);

}  // namespace kairos::zoneinfo
