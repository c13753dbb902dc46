// A host's availability as civil rules: weekly hours on the host's own wall clock,
// date overrides, and busy blocks that are already instants (calendar feeds) or
// whole local dates (all-day events). Nothing here is an instant until it meets the
// host's ZoneRules, so "09:00" keeps meaning 09:00 on both sides of a DST change.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "kairos/result.hpp"
#include "kairos/time.hpp"
#include "kairos/zone.hpp"

namespace kairos::core {

// Working hours on one local date. `end <= start` runs into the next day (22:00–02:00,
// and 00:00–00:00 is a full 24 hours); `end == 24:00` ends at midnight.
struct LocalInterval {
  LocalTime start;
  LocalTime end;

  // True when the interval continues past midnight into the next local date.
  constexpr bool crosses_midnight() const { return end <= start; }
  friend bool operator==(const LocalInterval&, const LocalInterval&) = default;
};

// Hours per weekday, Monday first. Several intervals per day are allowed and may be
// in any order; overlapping intervals simply union.
struct WeeklyHours {
  std::array<std::vector<LocalInterval>, 7> days;

  // Monday–Friday 09:00–17:00 (R-PAGE-2's default).
  static WeeklyHours standard();
  // No hours at all (a host who only works on overrides).
  static WeeklyHours none() { return WeeklyHours{}; }

  const std::vector<LocalInterval>& on(Weekday d) const { return days[static_cast<std::size_t>(d)]; }
  std::vector<LocalInterval>& on(Weekday d) { return days[static_cast<std::size_t>(d)]; }
  friend bool operator==(const WeeklyHours&, const WeeklyHours&) = default;
};

// Replaces the weekly hours of one local date. Empty hours = day off.
struct DateOverride {
  LocalDate date;
  std::vector<LocalInterval> hours;
  friend bool operator==(const DateOverride&, const DateOverride&) = default;
};

// An external busy time. A timed block is `when`; an all-day block (all_day = true)
// blocks the host's whole local `date` in the host's zone, whatever `when` says,
// because an all-day calendar entry means "that day where I am", not 24 UTC hours.
struct BusyBlock {
  Interval when;
  bool all_day = false;
  LocalDate date;

  static BusyBlock timed(Interval i) { return BusyBlock{i, false, LocalDate()}; }
  static BusyBlock whole_day(LocalDate d) { return BusyBlock{Interval{}, true, d}; }
  friend bool operator==(const BusyBlock&, const BusyBlock&) = default;
};

struct Host {
  std::string id;
  ZoneRules zone;
  WeeklyHours weekly = WeeklyHours::standard();
  std::vector<DateOverride> overrides;  // at most one per date; the first one wins
  std::vector<BusyBlock> busy;          // any order; sorted input is faster
  // Tie-break of any-mode assignment after fairness: lower first, then the order of
  // AvailabilityInputs::hosts.
  int priority = 0;
};

// The hours that apply on `date`: its override when there is one, else the weekly hours.
const std::vector<LocalInterval>& hours_on(const Host& host, LocalDate date);

// The wall-clock bounds of `interval` worked on `date`: end on the next date when
// the interval crosses midnight.
struct LocalSpan {
  LocalDateTime start;
  LocalDateTime end;
};
LocalSpan local_span(LocalDate date, const LocalInterval& interval);

// The instants a busy block covers for a host in `zone`.
Interval busy_interval(const BusyBlock& block, const ZoneRules& zone);

// The host's working time overlapping `range`, as sorted, disjoint (merged) instants.
// Wall-clock bounds are converted with the zone's documented DST policy (a start in
// a gap moves forward by the gap; a repeated time takes its earlier instant).
std::vector<Interval> working_time(const Host& host, Interval range);

// The time any of `hosts` works inside `range`: their working time cut to `range`,
// sorted, disjoint and merged where spans touch (the widget's opening hours of a
// guest's date, from which it offers wished times for an inquiry).
std::vector<Interval> any_host_working_time(const std::vector<Host>& hosts, Interval range);

// Checks a host's rules: id not empty, no interval with start outside 00:00..23:59:59
// or end after 24:00. Code "invalid_hours" (field "weekly_hours" / "overrides").
Status validate(const Host& host);

}  // namespace kairos::core
