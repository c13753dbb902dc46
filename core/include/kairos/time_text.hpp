// Text forms of time values used at every edge (API, widget, mails):
// RFC 3339 instants, ISO dates "YYYY-MM-DD" and times "HH:MM". Parsing returns
// errors as values with stable codes; formatting is locale-free.
#pragma once

#include <string>
#include <string_view>

#include "kairos/result.hpp"
#include "kairos/time.hpp"
#include "kairos/zone.hpp"

namespace kairos::core {

// "2026-03-09T14:00:00Z".
std::string format_instant(Instant t);
// "2026-03-09T09:00:00-05:00": the instant written with the zone's offset then.
std::string format_instant(Instant t, const ZoneRules& zone);
// Accepts "Z" or "±HH:MM" offsets and optional fractional seconds (truncated).
// Error code "invalid_instant".
Result<Instant> parse_instant(std::string_view text);

std::string format_date(LocalDate d);
Result<LocalDate> parse_date(std::string_view text);  // "invalid_date"

// "HH:MM", or "HH:MM:SS" when seconds are not zero.
std::string format_time(LocalTime t);
// "HH:MM" (00:00..23:59); "24:00" only when allow_end_of_day. Code "invalid_time".
Result<LocalTime> parse_time(std::string_view text, bool allow_end_of_day = false);

std::string format_local(LocalDateTime t);  // "2026-03-09T09:00:00"

}  // namespace kairos::core
