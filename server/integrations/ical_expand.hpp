// Reading a host's iCalendar feed (Google, Outlook, iCloud or an upload) into busy
// blocks with libical: RRULE, RDATE, EXDATE and RECURRENCE-ID expanded over a span;
// times with a TZID are read in that zone (an IANA id through the server's tz
// database, anything else through the feed's own VTIMEZONE), floating times in the
// host's zone; all-day events become whole local dates (the core blocks the host's
// local day, core::BusyBlock::whole_day); TRANSP:TRANSPARENT and STATUS:CANCELLED do
// not block. Only instants survive: no titles, attendees or descriptions are kept.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kairos/result.hpp"
#include "kairos/schedule.hpp"
#include "kairos/time.hpp"
#include "kairos/zone.hpp"

namespace kairos::server::integ {

struct Expansion {
  std::vector<core::BusyBlock> blocks;  // timed blocks by start, then whole days by date
  std::size_t events = 0;               // VEVENT components read
};

struct ExpandOptions {
  core::Interval span;                  // instances overlapping it are kept
  const core::ZoneRules* host_zone = nullptr;  // floating times; required
  // IANA id → rules, nullptr when the id is not one.
  std::function<std::shared_ptr<const core::ZoneRules>(const std::string&)> zone_of;
  std::size_t max_blocks = 200000;      // a feed that expands to more is refused
  std::size_t max_iterations = 100000;  // per recurring series (FREQ=SECONDLY and friends)
  // DAILY and WEEKLY rules with plain BYDAY (most of what calendars hold) are stepped
  // here; everything else goes to libical's iterator. false: libical for every rule
  // (the benchmark compares the two).
  bool fast_rules = true;
};

// Errors: "invalid_ics" (not an iCalendar object), "too_many_events".
core::Result<Expansion> expand_ics(std::string_view text, const ExpandOptions& opt);

}  // namespace kairos::server::integ
