// Terse builders for slot-engine inputs and readable views of its outputs, shared by
// the schedule, slots and property suites. Hosts get real zone rules from the OS tz
// database (test_zones.hpp); `now` is always fixed by the test.
#pragma once

#include <string>
#include <vector>

#include "kairos/slots.hpp"
#include "test_zones.hpp"

namespace kairos::testing {

inline core::LocalInterval hours(const std::string& from, const std::string& to) { return {hm(from), hm(to)}; }

inline core::Interval span(const std::string& from, const std::string& to) { return {utc(from), utc(to)}; }

// A host in `zone_id` with the given weekly hours (default Mon–Fri 09:00–17:00).
inline core::Host make_host(const std::string& id, const std::string& zone_id,
                            core::WeeklyHours weekly = core::WeeklyHours::standard()) {
  core::Host h;
  h.id = id;
  h.zone = zone(zone_id);
  h.weekly = std::move(weekly);
  return h;
}

inline core::WeeklyHours only_on(core::Weekday day, std::vector<core::LocalInterval> iv) {
  core::WeeklyHours w;
  w.on(day) = std::move(iv);
  return w;
}

inline core::WeeklyHours every_day(std::vector<core::LocalInterval> iv) {
  core::WeeklyHours w;
  for (auto& d : w.days) d = iv;
  return w;
}

// A timed busy block given as wall-clock times in the host's zone.
inline core::BusyBlock busy_local(const core::Host& h, const std::string& from, const std::string& to) {
  return core::BusyBlock::timed({h.zone.to_instant(local(from)), h.zone.to_instant(local(to))});
}

inline core::AvailabilityInputs make_inputs(std::vector<core::Host> hosts, int duration, int interval = 0,
                                            const std::string& now = "2026-03-01T00:00:00Z") {
  core::AvailabilityInputs in;
  in.now = utc(now);
  in.policy.id = "consult";
  in.policy.duration = core::Minutes(duration);
  in.policy.interval = core::Minutes(interval);
  in.hosts = std::move(hosts);
  return in;
}

inline core::ExistingBooking booking(const std::string& id, std::vector<std::string> hosts, core::Interval when,
                                     int before = 0, int after = 0, std::string room = {}) {
  return core::ExistingBooking{id, std::move(hosts), std::move(room), when, core::Minutes(before),
                               core::Minutes(after)};
}

// Slot starts as wall-clock "YYYY-MM-DDTHH:MM" in `zone`.
inline std::vector<std::string> local_starts(const std::vector<core::Slot>& slots, const core::ZoneRules& z) {
  std::vector<std::string> out;
  for (const auto& s : slots) out.push_back(core::format_local(z.to_local(s.when.start)).substr(0, 16));
  return out;
}

// Slot starts as RFC 3339 UTC.
inline std::vector<std::string> utc_starts(const std::vector<core::Slot>& slots) {
  std::vector<std::string> out;
  for (const auto& s : slots) out.push_back(core::format_instant(s.when.start));
  return out;
}

// The slots of one host-local day: the range is that local date in `z`.
inline core::Interval local_day(const core::ZoneRules& z, const std::string& d) {
  const auto day = date(d);
  return {z.start_of_day(day), z.start_of_day(day + core::Days(1))};
}

inline bool offers(const std::vector<core::Slot>& slots, core::Instant start) {
  for (const auto& s : slots) {
    if (s.when.start == start) return true;
  }
  return false;
}

}  // namespace kairos::testing
