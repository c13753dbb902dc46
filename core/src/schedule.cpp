// A host's civil rules turned into instants through the host's zone rules.
#include "kairos/schedule.hpp"

#include <algorithm>
#include <utility>

#include "kairos/local_clock.hpp"

namespace kairos::core {

WeeklyHours WeeklyHours::standard() {
  WeeklyHours w;
  const LocalInterval nine_to_five{LocalTime::from_seconds(9 * 3600), LocalTime::from_seconds(17 * 3600)};
  for (Weekday d : {Weekday::mon, Weekday::tue, Weekday::wed, Weekday::thu, Weekday::fri}) w.on(d) = {nine_to_five};
  return w;
}

const std::vector<LocalInterval>& hours_on(const Host& host, LocalDate date) {
  for (const DateOverride& o : host.overrides) {
    if (o.date == date) return o.hours;
  }
  return host.weekly.on(date.weekday());
}

LocalSpan local_span(LocalDate date, const LocalInterval& interval) {
  const LocalDate end_date = interval.crosses_midnight() ? date + Days(1) : date;
  return LocalSpan{LocalDateTime(date, interval.start), LocalDateTime(end_date, interval.end)};
}

Interval busy_interval(const BusyBlock& block, const ZoneRules& zone) {
  if (!block.all_day) return block.when;
  return Interval{zone.start_of_day(block.date), zone.start_of_day(block.date + Days(1))};
}

namespace {
// Sorted and disjoint: spans that overlap or touch become one.
std::vector<Interval> merged(std::vector<Interval> spans) {
  std::sort(spans.begin(), spans.end());
  std::vector<Interval> out;
  for (const Interval& w : spans) {
    if (!out.empty() && w.start <= out.back().end) {
      out.back().end = std::max(out.back().end, w.end);
    } else {
      out.push_back(w);
    }
  }
  return out;
}
}  // namespace

std::vector<Interval> working_time(const Host& host, Interval range) {
  std::vector<Interval> out;
  if (range.empty()) return out;
  LocalClock clock(host.zone);
  // A date's hours end at most two local dates later, and local and UTC dates differ
  // by at most 26 h, so these dates cover every interval that can touch the range.
  const LocalDate first = clock.to_local(range.start).date() - Days(2);
  const LocalDate last = clock.to_local(range.end).date() + Days(1);
  for (LocalDate d = first; d <= last; d = d + Days(1)) {
    for (const LocalInterval& iv : hours_on(host, d)) {
      const LocalSpan span = local_span(d, iv);
      const Interval w{clock.to_instant(span.start), clock.to_instant(span.end)};
      if (!w.empty() && w.overlaps(range)) out.push_back(w);
    }
  }
  return merged(std::move(out));
}

std::vector<Interval> any_host_working_time(const std::vector<Host>& hosts, Interval range) {
  std::vector<Interval> spans;
  for (const Host& h : hosts) {
    for (const Interval& w : working_time(h, range)) {
      const Interval cut{std::max(w.start, range.start), std::min(w.end, range.end)};
      if (!cut.empty()) spans.push_back(cut);
    }
  }
  return merged(std::move(spans));
}

namespace {

bool valid_interval(const LocalInterval& iv) {
  return iv.start.seconds_of_day() >= 0 && iv.start.seconds_of_day() < 86400 && iv.end.seconds_of_day() >= 0 &&
         iv.end.seconds_of_day() <= 86400;
}

}  // namespace

Status validate(const Host& host) {
  if (host.id.empty()) return make_error("invalid_host", "a host needs an id", "id");
  for (const auto& day : host.weekly.days) {
    for (const LocalInterval& iv : day) {
      if (!valid_interval(iv)) return make_error("invalid_hours", "hours must lie within 00:00..24:00", "weekly_hours");
    }
  }
  for (const DateOverride& o : host.overrides) {
    for (const LocalInterval& iv : o.hours) {
      if (!valid_interval(iv)) return make_error("invalid_hours", "hours must lie within 00:00..24:00", "overrides");
    }
  }
  return ok_status();
}

}  // namespace kairos::core
