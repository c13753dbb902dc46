// The slot engine. One Engine prepares, per host, sorted lists of instants (grid
// starts, merged working time, busy blocks, bookings and holds, booking buffers) and then
// walks the candidate starts in increasing order with forward-only cursors, so a month
// costs O(grid + busy) after an is_sorted check (and a sort only for unsorted input).
// free_slots and check_booking both drive this same walk; check_booking over the
// one-second range holding its start, so the two cannot disagree.
#include "kairos/slots.hpp"

#include "kairos/booking.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <limits>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "kairos/explain.hpp"
#include "kairos/local_clock.hpp"
#include "kairos/time_text.hpp"

namespace kairos::core {
namespace {

constexpr Days kMaxRange{731};

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

std::int32_t day_of(LocalDateTime l) { return static_cast<std::int32_t>(floor_div(l.local_seconds(), 86400)); }
// ISO weeks start on Monday; 1970-01-01 was a Thursday, so day 4 (Monday) opens week 1.
std::int32_t week_of(std::int32_t day) { return static_cast<std::int32_t>(floor_div(std::int64_t{day} + 3, 7)); }

struct ByStart {
  bool operator()(const Interval& a, const Interval& b) const { return a.start < b.start; }
};

// Sorts (only when not already sorted: a host's busy blocks usually arrive sorted,
// and then this is O(n)) and unions overlapping or touching intervals in place.
void sort_and_merge(std::vector<Interval>& v) {
  if (!std::is_sorted(v.begin(), v.end(), ByStart{})) std::sort(v.begin(), v.end(), ByStart{});
  std::size_t out = 0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (out > 0 && v[i].start <= v[out - 1].end) {
      v[out - 1].end = std::max(v[out - 1].end, v[i].end);
    } else {
      v[out++] = v[i];
    }
  }
  v.resize(out);
}

// A forward-only cursor over sorted disjoint intervals; query starts never decrease.
class Sweep {
 public:
  explicit Sweep(const std::vector<Interval>& v) : it_(v.data()), end_(v.data() + v.size()) {}
  bool overlaps(const Interval& q) {
    skip(q.start);
    return it_ != end_ && it_->start < q.end;
  }
  bool contains(const Interval& q) {
    skip(q.start);
    return it_ != end_ && it_->start <= q.start && q.end <= it_->end;
  }

 private:
  void skip(Instant t) {
    while (it_ != end_ && it_->end <= t) ++it_;
  }
  const Interval* it_;
  const Interval* end_;
};

// An overlap test straight over a host's busy blocks as given, when their timed
// blocks are sorted by start (they may overlap; all-day blocks are skipped here and
// handled by a Sweep): the running maximum end of every block starting before the
// query's end answers it, because query starts and ends never decrease. No copy, no
// merge: a month over 100,000 blocks is one pass.
class SortedBusySweep {
 public:
  SortedBusySweep(const BusyBlock* begin, const BusyBlock* end) : it_(begin), end_(end) {}
  bool overlaps(const Interval& q) {
    while (it_ != end_ && (it_->all_day || it_->when.start < q.end)) {
      if (!it_->all_day && max_end_ < it_->when.end) max_end_ = it_->when.end;
      ++it_;
    }
    return q.start < max_end_;
  }

 private:
  const BusyBlock* it_;
  const BusyBlock* end_;
  Instant max_end_ = Instant::min();
};

bool contains_sorted(const std::vector<Interval>& v, const Interval& q) {
  auto it = std::upper_bound(v.begin(), v.end(), q.start, [](Instant t, const Interval& i) { return t < i.start; });
  return it != v.begin() && std::prev(it)->contains(q);
}

// Counts per key (local day or local week), looked up by binary search.
class Counts {
 public:
  void add(std::int32_t key) { keys_.push_back(key); }
  void finish() {
    std::sort(keys_.begin(), keys_.end());
    last_count_ = -1;
  }
  int at(std::int32_t key) const {
    // Consecutive candidates mostly share a day and a week: remember the last answer.
    if (key == last_key_ && last_count_ >= 0) return last_count_;
    auto r = std::equal_range(keys_.begin(), keys_.end(), key);
    last_key_ = key;
    last_count_ = static_cast<int>(r.second - r.first);
    return last_count_;
  }

 private:
  std::vector<std::int32_t> keys_;
  mutable std::int32_t last_key_ = 0;
  mutable int last_count_ = -1;
};

bool names(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

bool ignored(const std::string& id, const std::string& ignore) { return !ignore.empty() && id == ignore; }

struct GridStart {
  Instant at;
  std::int32_t local_day;
};

enum class Verdict : std::uint8_t { off_grid, outside_hours, busy, limit, free };

struct HostPlan {
  explicit HostPlan(const Host& h) : host(&h), clock(h.zone) {}
  const Host* host;
  LocalClock clock;
  std::vector<GridStart> grid;
  std::vector<Interval> work;  // merged working time
  bool busy_sorted = false;     // timed busy blocks sorted: swept in place (SortedBusySweep)
  std::vector<Interval> busy;   // otherwise the busy blocks, else only the all-day ones
  std::vector<Interval> taken;  // bookings and holds: kept clear of the buffered slot
  std::vector<Interval> soft;  // bookings widened by their own buffers: kept clear of the slot
  Counts per_day;
  Counts per_week;
};

// The instants a booking may start in (notice and window), before any host rule.
Interval bookable(const AvailabilityInputs& in) {
  const EventPolicy& p = in.policy;
  Interval b{in.now + Seconds(p.min_notice), Instant::max()};
  if (p.window.kind == BookingWindow::Kind::rolling_days) {
    b.end = in.now + Seconds(Days(p.window.rolling_days));
  } else if (p.window.kind == BookingWindow::Kind::absolute) {
    const ZoneRules utc = ZoneRules::fixed("UTC", 0);
    const ZoneRules& zone = in.hosts.empty() ? utc : in.hosts.front().zone;
    b.start = std::max(b.start, zone.start_of_day(p.window.from));
    b.end = zone.start_of_day(p.window.to + Days(1));
  }
  return b;
}

class Engine {
 public:
  // With `keep_bookable`, notice and window do not cut the range (an owner's edit that
  // keeps an accepted start).
  Engine(const AvailabilityInputs& in, Interval range, const std::string& ignore_booking,
         const std::string& ignore_hold, bool keep_bookable = false)
      : in_(in), dur_(in.policy.duration), bb_(in.policy.buffer_before), ba_(in.policy.buffer_after) {
    const Interval allowed = keep_bookable ? Interval{Instant::min(), Instant::max()} : bookable(in);
    range_ = Interval{std::max(range.start, allowed.start), std::min(range.end, allowed.end)};
    if (range_.end - range_.start > Seconds(kMaxRange)) range_.end = range_.start + Seconds(kMaxRange);
    plans_.reserve(in.hosts.size());
    if (!range_.empty()) index_by_host();
    for (std::size_t h = 0; h < in.hosts.size(); ++h) {
      plans_.emplace_back(in.hosts[h]);
      if (range_.empty()) continue;
      const bool needs_grid = in.mode == HostMode::any || h == 0;
      prepare(plans_.back(), h, needs_grid, ignore_booking, ignore_hold);
    }
    if (!range_.empty()) prepare_rooms(ignore_booking, ignore_hold);
  }

  std::size_t host_count() const { return plans_.size(); }
  const HostPlan& plan(std::size_t h) const { return plans_[h]; }
  bool works_through(std::size_t h, const Interval& slot) const { return contains_sorted(plans_[h].work, slot); }

  // Calls visit(start, verdicts, local_days) for candidate starts, ascending;
  // verdicts[h] and local_days[h] describe host h at that start. With
  // `offerable_only`, only starts the mode offers are visited (some host free in any
  // mode, every host free in all mode), and a verdict other than `free` may stand for
  // any reason; otherwise every candidate is visited with exact verdicts.
  template <class Visit>
  void run(Visit&& visit, bool offerable_only) {
    const std::size_t n = plans_.size();
    if (n == 0 || range_.empty()) return;
    std::vector<Sweep> work, busy, taken, soft;
    std::vector<SortedBusySweep> sorted_busy;
    for (const HostPlan& p : plans_) {
      const auto& blocks = p.host->busy;
      sorted_busy.emplace_back(blocks.data(), blocks.data() + (p.busy_sorted ? blocks.size() : 0));
      work.emplace_back(p.work);
      busy.emplace_back(p.busy);
      taken.emplace_back(p.taken);
      soft.emplace_back(p.soft);
    }
    std::vector<Verdict> verdicts(n, Verdict::off_grid);
    std::vector<std::int32_t> days(n, 0);
    const Seconds dur(dur_), before(bb_), after(ba_);
    auto evaluate = [&](std::size_t h, Instant s, std::int32_t day) {
      const Interval slot{s, s + dur};
      if (!work[h].contains(slot)) return Verdict::outside_hours;
      const Interval buffered{s - before, slot.end + after};
      if (sorted_busy[h].overlaps(buffered) || busy[h].overlaps(buffered) || taken[h].overlaps(buffered) ||
          soft[h].overlaps(slot)) {
        return Verdict::busy;
      }
      const Limits& lim = in_.policy.limits;
      if (lim.per_day && plans_[h].per_day.at(day) >= *lim.per_day) return Verdict::limit;
      if (lim.per_week && plans_[h].per_week.at(week_of(day)) >= *lim.per_week) return Verdict::limit;
      return Verdict::free;
    };

    if (in_.mode == HostMode::all) {
      for (const GridStart& g : plans_[0].grid) {
        days[0] = g.local_day;
        verdicts[0] = evaluate(0, g.at, g.local_day);
        bool all = verdicts[0] == Verdict::free;
        for (std::size_t h = 1; h < n; ++h) {
          // Skipping a cursor's call is safe: later calls only move it further.
          if (offerable_only && !all) break;
          days[h] = day_of(plans_[h].clock.to_local(g.at));
          verdicts[h] = evaluate(h, g.at, days[h]);
          all = all && verdicts[h] == Verdict::free;
        }
        if (!offerable_only || all) visit(g.at, verdicts, days);
      }
      return;
    }
    // Any mode: a merge of the hosts' grids; a host is a candidate only on its own
    // grid. Each grid is evaluated in one tight pass first; when only offers matter,
    // only the free entries take part in the merge.
    std::vector<std::vector<std::uint32_t>> entries(n);
    std::vector<std::vector<Verdict>> own(n);
    for (std::size_t h = 0; h < n; ++h) {
      const auto& grid = plans_[h].grid;
      entries[h].reserve(grid.size());
      if (!offerable_only) own[h].reserve(grid.size());
      for (std::size_t i = 0; i < grid.size(); ++i) {
        const Verdict v = evaluate(h, grid[i].at, grid[i].local_day);
        if (offerable_only && v != Verdict::free) continue;
        entries[h].push_back(static_cast<std::uint32_t>(i));
        if (!offerable_only) own[h].push_back(v);
      }
    }
    std::vector<std::size_t> head(n, 0);
    for (;;) {
      Instant s = Instant::max();
      for (std::size_t h = 0; h < n; ++h) {
        if (head[h] < entries[h].size()) s = std::min(s, plans_[h].grid[entries[h][head[h]]].at);
      }
      if (s == Instant::max()) return;
      for (std::size_t h = 0; h < n; ++h) {
        verdicts[h] = Verdict::off_grid;
        if (head[h] < entries[h].size()) {
          const GridStart& g = plans_[h].grid[entries[h][head[h]]];
          if (g.at == s) {
            days[h] = g.local_day;
            verdicts[h] = offerable_only ? Verdict::free : own[h][head[h]];
            ++head[h];
          }
        }
      }
      visit(s, verdicts, days);
    }
  }

  // Appends the indices (into policy.room_ids) of the rooms free for `slot`. Calls
  // must come in increasing slot start.
  void free_rooms(const Interval& slot, std::vector<std::size_t>& out) {
    for (std::size_t r = 0; r < room_sweeps_.size(); ++r) {
      if (!room_sweeps_[r].overlaps(slot)) out.push_back(r);
    }
  }
  bool needs_room() const { return !in_.policy.room_ids.empty(); }

 private:
  // Which bookings and holds name each host (input order kept): one pass over them, so
  // a team of thousands of hosts does not scan every booking once per host.
  void index_by_host() {
    const std::size_t n = in_.hosts.size();
    bookings_of_.assign(n, {});
    holds_of_.assign(n, {});
    std::unordered_map<std::string_view, std::vector<std::uint32_t>> hosts_by_id;
    hosts_by_id.reserve(n);
    for (std::size_t h = 0; h < n; ++h) hosts_by_id[in_.hosts[h].id].push_back(static_cast<std::uint32_t>(h));
    auto add = [&](std::vector<std::vector<std::uint32_t>>& of, const std::vector<std::string>& ids, std::size_t k) {
      for (const std::string& id : ids) {
        auto it = hosts_by_id.find(id);
        if (it == hosts_by_id.end()) continue;
        for (std::uint32_t h : it->second) {
          auto& list = of[h];
          if (list.empty() || list.back() != k) list.push_back(static_cast<std::uint32_t>(k));  // once per host
        }
      }
    };
    for (std::size_t k = 0; k < in_.bookings.size(); ++k) add(bookings_of_, in_.bookings[k].host_ids, k);
    for (std::size_t k = 0; k < in_.holds.size(); ++k) add(holds_of_, in_.holds[k].host_ids, k);
  }

  void prepare(HostPlan& p, std::size_t h_index, bool needs_grid, const std::string& ignore_booking,
               const std::string& ignore_hold) {
    const Host& host = *p.host;
    const Seconds step(in_.policy.step());
    const Seconds dur(dur_);
    // Hours of a date end at most two local dates later; local dates differ from UTC
    // ones by at most 26 h; slots reach `dur` (<= 24 h) past the range.
    const LocalDate first = p.clock.to_local(range_.start).date() - Days(3);
    const LocalDate last = p.clock.to_local(range_.end + dur).date() + Days(2);
    const Interval work_span{range_.start, range_.end + dur};
    if (needs_grid) {
      // Room for the grid in one allocation: the busiest weekday's starts per day.
      std::int64_t per_day = 0;
      for (const auto& day : host.weekly.days) {
        std::int64_t n = 0;
        for (const LocalInterval& iv : day) {
          const std::int64_t len = (iv.end.seconds_of_day() - iv.start.seconds_of_day() + 86400 - 1) % 86400 + 1;
          n += len / step.count() + 2;  // + 1 for the first start, + 1 for a repeated hour
        }
        per_day = std::max(per_day, n);
      }
      const std::int64_t days = (range_.end - range_.start).count() / 86400 + 2;
      p.grid.reserve(static_cast<std::size_t>(std::min<std::int64_t>(per_day * days, 1 << 20)));
    }
    // Every instant i in the range shows a wall-clock time within [start + least
    // offset, end + greatest offset): the grid only walks that stretch.
    std::int64_t least = host.zone.initial().utc_offset_seconds, greatest = least;
    for (const ZoneTransition& t : host.zone.transitions()) {
      least = std::min<std::int64_t>(least, t.offset.utc_offset_seconds);
      greatest = std::max<std::int64_t>(greatest, t.offset.utc_offset_seconds);
    }
    const std::int64_t local_lo = range_.start.unix_seconds() + least;
    const std::int64_t local_hi = range_.end.unix_seconds() + greatest;
    // The overrides of these dates, in date order (the first one of a date wins, as in
    // hours_on), so a host with years of holidays costs one pass, not one per date.
    std::vector<const DateOverride*> overrides;
    for (const DateOverride& o : host.overrides) {
      if (first <= o.date && o.date <= last) overrides.push_back(&o);
    }
    std::stable_sort(overrides.begin(), overrides.end(),
                     [](const DateOverride* a, const DateOverride* b) { return a->date < b->date; });
    auto next_override = overrides.begin();
    for (LocalDate d = first; d <= last; d = d + Days(1)) {
      while (next_override != overrides.end() && (*next_override)->date < d) ++next_override;
      const bool overridden = next_override != overrides.end() && (*next_override)->date == d;
      for (const LocalInterval& iv : overridden ? (*next_override)->hours : host.weekly.on(d.weekday())) {
        const LocalSpan span = local_span(d, iv);
        const Interval w{p.clock.to_instant(span.start), p.clock.to_instant(span.end)};
        if (w.empty() || w.end < work_span.start || work_span.end < w.start) continue;
        p.work.push_back(w);
        if (!needs_grid) continue;
        const std::int64_t l0 = span.start.local_seconds();
        const std::int64_t skip = local_lo > l0 ? (local_lo - l0 + step.count() - 1) / step.count() : 0;
        const LocalDateTime stop = std::min(span.end, LocalDateTime::from_local_seconds(local_hi));
        std::int64_t offset = 0;
        const LocalDateTime from = span.start + step * skip;
        if (from < stop && p.clock.single_offset(from, stop, offset)) {
          // The hot loop: additions only, written into place (the date changes at
          // most once or twice along an interval).
          const std::int64_t st = step.count();
          const std::size_t base = p.grid.size();
          p.grid.resize(base + static_cast<std::size_t>((stop.local_seconds() - from.local_seconds() + st - 1) / st));
          std::size_t n = base;
          std::int32_t day = day_of(from);
          std::int64_t next_midnight = (std::int64_t{day} + 1) * 86400;
          for (std::int64_t l = from.local_seconds(); l < stop.local_seconds(); l += st) {
            while (l >= next_midnight) {
              ++day;
              next_midnight += 86400;
            }
            const Instant i = Instant::from_unix_seconds(l - offset);
            if (range_.contains(i)) p.grid[n++] = GridStart{i, day};
          }
          p.grid.resize(n);
          continue;
        }
        Instant at[2];
        for (LocalDateTime l = span.start + step * skip; l < stop; l = l + step) {
          const int k = p.clock.resolve(l, at);
          for (int i = 0; i < k; ++i) {
            if (range_.contains(at[i])) p.grid.push_back(GridStart{at[i], day_of(l)});
          }
        }
      }
    }
    sort_and_merge(p.work);
    auto earlier = [](const GridStart& a, const GridStart& b) { return a.at < b.at; };
    if (!std::is_sorted(p.grid.begin(), p.grid.end(), earlier)) std::stable_sort(p.grid.begin(), p.grid.end(), earlier);
    p.grid.erase(std::unique(p.grid.begin(), p.grid.end(), [](const GridStart& a, const GridStart& b) { return a.at == b.at; }),
                 p.grid.end());

    // Conflicts that can touch a buffered slot starting in the range.
    const Interval hard_span{range_.start - Seconds(bb_), range_.end + dur + Seconds(ba_)};
    const Interval soft_span{range_.start, range_.end + dur};
    // Sorted timed blocks (the store's order) are swept where they are; only all-day
    // blocks, or an unsorted list, are copied, filtered to the range.
    p.busy_sorted = true;
    Instant previous = Instant::min();
    for (const BusyBlock& b : host.busy) {
      if (b.all_day) continue;
      if (b.when.start < previous) {
        p.busy_sorted = false;
        break;
      }
      previous = b.when.start;
    }
    for (const BusyBlock& b : host.busy) {
      if (p.busy_sorted && !b.all_day) continue;
      const Interval i = b.all_day ? busy_interval(b, host.zone) : b.when;
      if (i.overlaps(hard_span)) p.busy.push_back(i);
    }
    const bool counts = in_.mode == HostMode::any || in_.policy.limits.per_day || in_.policy.limits.per_week;
    for (std::uint32_t k : bookings_of_[h_index]) {
      const ExistingBooking& b = in_.bookings[k];
      if (ignored(b.id, ignore_booking)) continue;
      if (b.when.overlaps(hard_span)) p.taken.push_back(b.when);
      if (b.buffer_before.count() > 0 || b.buffer_after.count() > 0) {
        const Interval widened{b.when.start - Seconds(b.buffer_before), b.when.end + Seconds(b.buffer_after)};
        if (widened.overlaps(soft_span)) p.soft.push_back(widened);
      }
      if (counts) {
        const std::int32_t day = day_of(p.clock.to_local(b.when.start));
        p.per_day.add(day);
        p.per_week.add(week_of(day));
      }
    }
    for (std::uint32_t k : holds_of_[h_index]) {
      const Hold& h = in_.holds[k];
      if (ignored(h.id, ignore_hold)) continue;
      if (h.when.overlaps(hard_span)) p.taken.push_back(h.when);
    }
    sort_and_merge(p.busy);
    sort_and_merge(p.taken);
    sort_and_merge(p.soft);
    p.per_day.finish();
    p.per_week.finish();
  }

  void prepare_rooms(const std::string& ignore_booking, const std::string& ignore_hold) {
    const Interval span{range_.start, range_.end + Seconds(dur_)};
    room_busy_.resize(in_.policy.room_ids.size());
    for (std::size_t r = 0; r < in_.policy.room_ids.size(); ++r) {
      const std::string& id = in_.policy.room_ids[r];
      std::vector<Interval>& busy = room_busy_[r];
      for (const Room& room : in_.rooms) {
        if (room.id != id) continue;
        for (const Interval& i : room.busy) {
          if (i.overlaps(span)) busy.push_back(i);
        }
      }
      for (const ExistingBooking& b : in_.bookings) {
        if (b.room_id == id && !ignored(b.id, ignore_booking) && b.when.overlaps(span)) busy.push_back(b.when);
      }
      for (const Hold& h : in_.holds) {
        if (!ignored(h.id, ignore_hold) && names(h.room_ids, id) && h.when.overlaps(span)) busy.push_back(h.when);
      }
      sort_and_merge(busy);
    }
    for (const auto& busy : room_busy_) room_sweeps_.emplace_back(busy);
  }

  const AvailabilityInputs& in_;
  Minutes dur_, bb_, ba_;
  Interval range_;
  std::vector<HostPlan> plans_;
  std::vector<std::vector<std::uint32_t>> bookings_of_, holds_of_;  // indices per host
  std::vector<std::vector<Interval>> room_busy_;
  std::vector<Sweep> room_sweeps_;
};

// Any mode: free hosts, best assignment first (fewest bookings in the host's local
// week of the start, then lower priority, then input order).
void fair_order(const Engine& e, const std::vector<Verdict>& verdicts, const std::vector<std::int32_t>& days,
                std::vector<std::size_t>& out, std::vector<std::pair<std::int64_t, std::size_t>>& keyed) {
  out.clear();
  keyed.clear();
  for (std::size_t h = 0; h < verdicts.size(); ++h) {
    if (verdicts[h] != Verdict::free) continue;
    // One key per host (week count, then priority), computed once, not per comparison.
    const std::int64_t week = e.plan(h).per_week.at(week_of(days[h]));
    keyed.emplace_back((week << 32) + (std::int64_t{e.plan(h).host->priority} + (std::int64_t{1} << 31)), h);
  }
  auto before = [](const auto& a, const auto& b) { return a.first < b.first; };
  if (keyed.size() <= 16) {
    // Insertion sort: stable, no allocation, and most pages have a handful of hosts.
    for (std::size_t i = 1; i < keyed.size(); ++i) {
      const auto k = keyed[i];
      std::size_t j = i;
      for (; j > 0 && before(k, keyed[j - 1]); --j) keyed[j] = keyed[j - 1];
      keyed[j] = k;
    }
  } else if (!std::is_sorted(keyed.begin(), keyed.end(), before)) {
    std::stable_sort(keyed.begin(), keyed.end(), before);  // big teams: n log n, not n²
  }
  for (const auto& k : keyed) out.push_back(k.second);
}

bool all_free(const std::vector<Verdict>& verdicts) {
  return std::all_of(verdicts.begin(), verdicts.end(), [](Verdict v) { return v == Verdict::free; });
}

}  // namespace

std::vector<Slot> free_slots(const AvailabilityInputs& inputs, Interval range, SlotDetail detail) {
  std::vector<Slot> out;
  if (!validate(inputs.policy) || range.empty()) return out;
  Engine engine(inputs, range, {}, {});
  std::vector<std::size_t> hosts;
  std::vector<std::pair<std::int64_t, std::size_t>> keyed;
  std::vector<std::size_t> rooms;
  const Seconds dur(inputs.policy.duration);
  const bool times_only = detail == SlotDetail::times;
  engine.run([&](Instant s, const std::vector<Verdict>& verdicts, const std::vector<std::int32_t>& days) {
    if (inputs.mode == HostMode::all) {
      if (!all_free(verdicts)) return;
    } else if (times_only) {
      // Only starts some host is free at are visited: no order needed.
      if (std::none_of(verdicts.begin(), verdicts.end(), [](Verdict v) { return v == Verdict::free; })) return;
    } else {
      fair_order(engine, verdicts, days, hosts, keyed);
      if (hosts.empty()) return;
    }
    const Interval when{s, s + dur};
    rooms.clear();
    if (engine.needs_room()) {
      engine.free_rooms(when, rooms);
      if (rooms.empty()) return;
    }
    Slot& slot = out.emplace_back();
    slot.when = when;
    if (times_only) return;
    if (inputs.mode == HostMode::all) {
      slot.free_hosts.reserve(inputs.hosts.size());
      for (const Host& h : inputs.hosts) slot.free_hosts.push_back(h.id);
    } else {
      slot.free_hosts.reserve(hosts.size());
      for (std::size_t h : hosts) slot.free_hosts.push_back(inputs.hosts[h].id);
    }
    slot.free_rooms.reserve(rooms.size());
    for (std::size_t r : rooms) slot.free_rooms.push_back(inputs.policy.room_ids[r]);
  }, /*offerable_only=*/true);
  return out;
}

Interval local_dates(const ZoneRules& zone, LocalDate from, LocalDate to) {
  return Interval{zone.start_of_day(from), zone.start_of_day(to + Days(1))};
}

Status approval_allowed(const Result<Assignment>& slot_check) {
  if (slot_check.ok()) return ok_status();
  const std::string& code = slot_check.error().code;
  if (code == "slot_unavailable" || code == "limit_reached") return slot_check.error();
  return ok_status();
}

Interval any_zone_dates(LocalDate from, LocalDate to) {
  return Interval{utc_midnight(from) - Days(2), utc_midnight(to) + Days(3)};
}

Interval inputs_span(Interval range) {
  constexpr Seconds kWiden = Days(8);
  return Interval{range.start - kWiden, range.end + kWiden};
}

Interval conflict_span(Interval slot) {
  // A booking's buffers and the new one's are at most max_appointment_length each
  // (validate): an existing booking conflicts only if it ends after slot.start minus
  // a buffer and starts before slot.end plus one.
  constexpr Seconds kWiden = max_appointment_length;
  return Interval{slot.start - kWiden, slot.end + kWiden};
}

std::vector<DaySlots> group_by_local_date(const std::vector<Slot>& slots, const ZoneRules& guest_zone) {
  LocalClock clock(guest_zone);
  std::vector<std::pair<std::int32_t, std::size_t>> keyed;
  keyed.reserve(slots.size());
  for (std::size_t i = 0; i < slots.size(); ++i) keyed.emplace_back(day_of(clock.to_local(slots[i].when.start)), i);
  // A fall-back at midnight can make a later instant show an earlier date.
  std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<DaySlots> out;
  for (const auto& [day, i] : keyed) {
    if (out.empty() || out.back().date.days_since_epoch() != day) out.push_back(DaySlots{LocalDate::from_days(day), {}});
    out.back().slots.push_back(slots[i]);
  }
  return out;
}

namespace {

constexpr Minutes kMaxOwnerDuration = max_appointment_length;  // the engine's bound on a slot (a day)

// The owner's choices (hosts, room, end) turned into the inputs of an ordinary check:
// the chosen hosts as an all-mode team, the chosen room as the only room, the chosen
// length as the duration with the event type's grid step kept.
Result<AvailabilityInputs> owner_inputs(const AvailabilityInputs& inputs, const BookingRequest& request) {
  AvailabilityInputs edited = inputs;
  EventPolicy& p = edited.policy;
  if (request.end) {
    const auto length = *request.end - request.start;
    const bool whole = length.count() % 60 == 0;
    const Minutes minutes(length.count() / 60);
    if (length.count() <= 0 || !whole || minutes > kMaxOwnerDuration) {
      return make_error("invalid_duration", "the end must be 1 to 1440 whole minutes after the start", "end");
    }
    if (p.interval.count() == 0) p.interval = p.duration;  // the grid does not move with the length
    p.duration = minutes;
  }
  if (!request.host_ids.empty()) {
    edited.hosts.clear();
    for (std::size_t i = 0; i < request.host_ids.size(); ++i) {
      const std::string& id = request.host_ids[i];
      std::string field = "hosts[";
      field += std::to_string(i);
      field += ']';
      auto it = std::find_if(inputs.hosts.begin(), inputs.hosts.end(), [&](const Host& h) { return h.id == id; });
      if (it == inputs.hosts.end()) return make_error("unknown_host", "not a host of this page", field);
      for (const Host& chosen : edited.hosts) {
        if (chosen.id == id) return make_error("duplicate_host", "a host is listed twice", field);
      }
      edited.hosts.push_back(*it);
    }
    edited.mode = HostMode::all;
  }
  if (!request.room_id.empty()) {
    if (!names(p.room_ids, request.room_id)) {
      return make_error("unknown_room", "not a room of this event type", "room");
    }
    p.room_ids = {request.room_id};
  }
  return edited;
}

}  // namespace

Result<Assignment> check_booking(const AvailabilityInputs& inputs, const BookingRequest& request) {
  if (Status s = validate(inputs.policy); !s) return s.error();
  if (!request.host_ids.empty() || !request.room_id.empty() || request.end) {
    auto edited = owner_inputs(inputs, request);
    if (!edited) return edited.error();
    BookingRequest plain;
    plain.start = request.start;
    plain.ignore_booking_id = request.ignore_booking_id;
    plain.ignore_hold_id = request.ignore_hold_id;
    plain.booked_start = request.booked_start;
    return check_booking(*edited, plain);
  }
  const EventPolicy& p = inputs.policy;
  if (request.duration && *request.duration != p.duration) {
    return make_error("invalid_duration", "this event type lasts " + std::to_string(p.duration.count()) + " minutes",
                      "duration");
  }
  const Instant start = request.start;
  const Interval allowed = bookable(inputs);
  // A start already accepted for this booking stays acceptable to its owner: reassigning
  // today's visit must not fail for the notice it was booked with.
  const bool kept = request.booked_start && *request.booked_start == start;
  if (!kept && start < inputs.now + Seconds(p.min_notice)) {
    return make_error("too_soon", "this start is sooner than the minimum notice allows", "start");
  }
  if (!kept && !allowed.contains(start)) {
    return make_error("outside_booking_window", "this start is outside the bookable period", "start");
  }
  const Interval when{start, start + Seconds(p.duration)};
  Engine engine(inputs, Interval{start, start + Seconds(1)}, request.ignore_booking_id, request.ignore_hold_id, kept);
  bool found = false;
  std::vector<Verdict> verdicts;
  std::vector<std::size_t> hosts;
  std::vector<std::pair<std::int64_t, std::size_t>> keyed;
  std::vector<std::size_t> rooms;
  engine.run([&](Instant s, const std::vector<Verdict>& v, const std::vector<std::int32_t>& days) {
    if (s != start) return;
    found = true;
    verdicts = v;
    if (inputs.mode == HostMode::any) fair_order(engine, v, days, hosts, keyed);
    const bool hosts_ok = inputs.mode == HostMode::all ? all_free(v) : !hosts.empty();
    if (hosts_ok && engine.needs_room()) engine.free_rooms(when, rooms);
  }, /*offerable_only=*/false);

  auto unavailable = [] { return make_error("slot_unavailable", "this time is no longer available", "start"); };
  if (!found) {
    std::size_t working = 0;
    for (std::size_t h = 0; h < engine.host_count(); ++h) working += engine.works_through(h, when) ? 1 : 0;
    const bool inside = inputs.mode == HostMode::all ? working == engine.host_count() && working > 0 : working > 0;
    if (inside) return make_error("off_slot_grid", "this start is not one of the offered start times", "start");
    return make_error("outside_availability", "no host is available for the whole appointment", "start");
  }
  auto any_is = [&](Verdict x) { return std::find(verdicts.begin(), verdicts.end(), x) != verdicts.end(); };
  const bool hosts_ok = inputs.mode == HostMode::all ? all_free(verdicts) : !hosts.empty();
  if (!hosts_ok) {
    if (inputs.mode == HostMode::all && any_is(Verdict::outside_hours)) {
      return make_error("outside_availability", "not every host is available for the whole appointment", "start");
    }
    if (any_is(Verdict::busy)) return unavailable();
    if (any_is(Verdict::limit)) return make_error("limit_reached", "the host's booking limit is reached", "start");
    return make_error("outside_availability", "no host is available for the whole appointment", "start");
  }
  if (engine.needs_room() && rooms.empty()) return unavailable();

  Assignment a;
  a.when = when;
  if (inputs.mode == HostMode::all) {
    for (const Host& h : inputs.hosts) a.host_ids.push_back(h.id);
  } else {
    a.host_ids.push_back(inputs.hosts[hosts.front()].id);
  }
  if (!rooms.empty()) a.room_id = p.room_ids[rooms.front()];
  return a;
}

}  // namespace kairos::core

// --- explanations (kairos/explain.hpp) ---------------------------------------------------

namespace kairos::core {
namespace {

Reason reason(std::string code, std::string detail, std::string host = {}) {
  Reason r;
  r.code = std::move(code);
  r.detail = std::move(detail);
  r.host = std::move(host);
  return r;
}

const DateOverride* override_on(const Host& h, LocalDate d) {
  for (const DateOverride& o : h.overrides) {
    if (o.date == d) return &o;  // the first one of a date wins, as in hours_on
  }
  return nullptr;
}

std::string span_text(const Interval& i) { return format_instant(i.start) + " to " + format_instant(i.end); }

// Why host h is not free at s, given the engine's verdict. The verdict decides; this
// only names what caused it, by the engine's own rules (buffered slot against busy
// blocks, bookings and holds; slot against bookings widened by their own buffers).
void host_reasons(const AvailabilityInputs& in, const Engine& e, std::size_t h, Verdict v, Instant s,
                  std::int32_t day, std::vector<Reason>& out) {
  const Host& host = in.hosts[h];
  const EventPolicy& p = in.policy;
  const Interval slot{s, s + Seconds(p.duration)};
  const Interval buffered{s - Seconds(p.buffer_before), slot.end + Seconds(p.buffer_after)};
  const LocalDate date = host.zone.to_local(s).date();
  if (v == Verdict::off_grid || v == Verdict::outside_hours) {
    if (v == Verdict::off_grid && e.works_through(h, slot)) {
      out.push_back(reason("not_on_grid", "the host works then, but its start times step differently", host.id));
    } else if (const DateOverride* o = override_on(host, date)) {
      out.push_back(reason("date_override",
                           o->hours.empty() ? "the host's hours on " + format_date(date) + " are overridden: day off"
                                            : "the host's hours on " + format_date(date) + " are overridden",
                           host.id));
    } else {
      out.push_back(reason("outside_hours", "the host does not work for the whole appointment", host.id));
    }
    return;
  }
  if (v == Verdict::limit) {
    const int per_day = e.plan(h).per_day.at(day);
    if (p.limits.per_day && per_day >= *p.limits.per_day) {
      Reason r = reason("day_limit", "the host has reached the bookings allowed per day", host.id);
      r.count = per_day;
      r.limit = *p.limits.per_day;
      out.push_back(std::move(r));
    }
    const int per_week = e.plan(h).per_week.at(week_of(day));
    if (p.limits.per_week && per_week >= *p.limits.per_week) {
      Reason r = reason("week_limit", "the host has reached the bookings allowed per week", host.id);
      r.count = per_week;
      r.limit = *p.limits.per_week;
      out.push_back(std::move(r));
    }
    return;
  }
  if (v != Verdict::busy) return;
  const std::size_t before = out.size();
  for (const ExistingBooking& b : in.bookings) {
    if (!names(b.host_ids, host.id)) continue;
    const Interval widened{b.when.start - Seconds(b.buffer_before), b.when.end + Seconds(b.buffer_after)};
    Reason r;
    if (b.when.overlaps(slot)) {
      r = reason("booked", "the host has a booking at this time", host.id);
    } else if (b.when.overlaps(buffered)) {
      r = reason("buffer", "the buffer around this appointment would touch a booking", host.id);
    } else if (widened.overlaps(slot)) {
      r = reason("buffer", "the appointment would touch the buffer of a booking", host.id);
    } else {
      continue;
    }
    r.booking = b.id;
    r.busy = b.when;
    out.push_back(std::move(r));
  }
  for (const BusyBlock& b : host.busy) {
    const Interval i = b.all_day ? busy_interval(b, host.zone) : b.when;
    if (!i.overlaps(buffered)) continue;
    Reason r = reason("busy", "a busy time of the host's calendar: " + span_text(i), host.id);
    r.busy = i;
    out.push_back(std::move(r));
  }
  for (const Hold& hold : in.holds) {
    if (!names(hold.host_ids, host.id) || !hold.when.overlaps(buffered)) continue;
    Reason r = reason("proposal_hold", "a proposal holds this time for the host", host.id);
    r.proposal = hold.id;
    r.busy = hold.when;
    out.push_back(std::move(r));
  }
  if (out.size() == before) out.push_back(reason("busy", "the host is busy", host.id));
}

void room_reasons(const AvailabilityInputs& in, const Interval& slot, std::vector<Reason>& out) {
  out.push_back(reason("no_room_free", "no room of this event type is free"));
  for (const std::string& id : in.policy.room_ids) {
    for (const ExistingBooking& b : in.bookings) {
      if (b.room_id != id || !b.when.overlaps(slot)) continue;
      Reason r = reason("room_booked", "the room has a booking at this time");
      r.room = id;
      r.booking = b.id;
      r.busy = b.when;
      out.push_back(std::move(r));
    }
    for (const Hold& h : in.holds) {
      if (!names(h.room_ids, id) || !h.when.overlaps(slot)) continue;
      Reason r = reason("room_held", "a proposal holds the room");
      r.room = id;
      r.proposal = h.id;
      r.busy = h.when;
      out.push_back(std::move(r));
    }
    for (const Room& room : in.rooms) {
      if (room.id != id) continue;
      for (const Interval& i : room.busy) {
        if (!i.overlaps(slot)) continue;
        Reason r = reason("room_busy", "the room is busy: " + span_text(i));
        r.room = id;
        r.busy = i;
        out.push_back(std::move(r));
      }
    }
  }
}

}  // namespace

std::vector<StartExplanation> explain_starts(const AvailabilityInputs& inputs, Interval range) {
  std::vector<StartExplanation> out;
  if (!validate(inputs.policy) || range.empty()) return out;
  const EventPolicy& p = inputs.policy;
  const Seconds dur(p.duration);
  const Interval allowed = bookable(inputs);
  // Notice and window do not cut the walk here: they become reasons instead.
  Engine engine(inputs, range, {}, {}, /*keep_bookable=*/true);
  std::vector<std::size_t> hosts;
  std::vector<std::pair<std::int64_t, std::size_t>> keyed;
  std::vector<std::size_t> rooms;
  engine.run([&](Instant s, const std::vector<Verdict>& verdicts, const std::vector<std::int32_t>& days) {
    StartExplanation x;
    x.when = Interval{s, s + dur};
    bool hosts_ok = false;
    if (inputs.mode == HostMode::all) {
      hosts_ok = all_free(verdicts);
    } else {
      fair_order(engine, verdicts, days, hosts, keyed);
      hosts_ok = !hosts.empty();
    }
    rooms.clear();
    bool rooms_ok = true;
    if (hosts_ok && engine.needs_room()) {
      engine.free_rooms(x.when, rooms);
      rooms_ok = !rooms.empty();
    }
    if (!allowed.contains(s)) {
      if (s < inputs.now) {
        x.reasons.push_back(reason("past", "the start is in the past"));
      } else if (s < inputs.now + Seconds(p.min_notice)) {
        x.reasons.push_back(reason("minimum_notice", "sooner than the minimum notice allows"));
      } else {
        x.reasons.push_back(reason("outside_window", "outside the bookable period"));
      }
    }
    if (!hosts_ok) {
      for (std::size_t h = 0; h < verdicts.size(); ++h) {
        if (verdicts[h] != Verdict::free) host_reasons(inputs, engine, h, verdicts[h], s, days[h], x.reasons);
      }
    } else if (!rooms_ok) {
      room_reasons(inputs, x.when, x.reasons);
    }
    x.available = allowed.contains(s) && hosts_ok && rooms_ok;
    if (x.available) {
      x.host = inputs.mode == HostMode::all ? inputs.hosts.front().id : inputs.hosts[hosts.front()].id;
      if (!rooms.empty()) x.room = p.room_ids[rooms.front()];
    }
    out.push_back(std::move(x));
  }, /*offerable_only=*/false);

  // Starts the weekly hours would have had on overridden dates: walked once more
  // without the overrides, kept only where the override is what removed them.
  bool overridden = false;
  for (const Host& h : inputs.hosts) overridden = overridden || !h.overrides.empty();
  if (!overridden) return out;
  AvailabilityInputs weekly = inputs;
  for (Host& h : weekly.hosts) h.overrides.clear();
  Engine plain(weekly, range, {}, {}, /*keep_bookable=*/true);
  std::vector<StartExplanation> extra;
  std::size_t next = 0;
  plain.run([&](Instant s, const std::vector<Verdict>& verdicts, const std::vector<std::int32_t>&) {
    while (next < out.size() && out[next].when.start < s) ++next;
    if (next < out.size() && out[next].when.start == s) return;  // a candidate already
    StartExplanation x;
    x.when = Interval{s, s + dur};
    for (std::size_t h = 0; h < verdicts.size(); ++h) {
      if (verdicts[h] == Verdict::off_grid) continue;
      const Host& host = inputs.hosts[h];
      const LocalDate date = host.zone.to_local(s).date();
      if (const DateOverride* o = override_on(host, date)) {
        x.reasons.push_back(reason("date_override",
                                   o->hours.empty() ? "the host's hours on " + format_date(date) + " are overridden: day off"
                                                    : "the host's hours on " + format_date(date) + " are overridden",
                                   host.id));
      }
    }
    if (!x.reasons.empty()) extra.push_back(std::move(x));
  }, /*offerable_only=*/false);
  if (extra.empty()) return out;
  std::vector<StartExplanation> merged;
  merged.reserve(out.size() + extra.size());
  std::merge(std::make_move_iterator(out.begin()), std::make_move_iterator(out.end()),
             std::make_move_iterator(extra.begin()), std::make_move_iterator(extra.end()), std::back_inserter(merged),
             [](const StartExplanation& a, const StartExplanation& b) { return a.when.start < b.when.start; });
  return merged;
}

std::vector<Interval> host_free_time(const Host& host, const std::vector<Interval>& taken, Interval range) {
  std::vector<Interval> busy = taken;
  for (const BusyBlock& b : host.busy) busy.push_back(b.all_day ? busy_interval(b, host.zone) : b.when);
  sort_and_merge(busy);
  std::vector<Interval> out;
  std::size_t k = 0;
  for (Interval w : working_time(host, range)) {
    w = Interval{std::max(w.start, range.start), std::min(w.end, range.end)};
    while (k < busy.size() && busy[k].end <= w.start) ++k;
    for (std::size_t j = k; j < busy.size() && busy[j].start < w.end; ++j) {
      if (w.start < busy[j].start) out.push_back(Interval{w.start, busy[j].start});
      w.start = std::max(w.start, busy[j].end);
    }
    if (w.start < w.end) out.push_back(w);
  }
  return out;
}

}  // namespace kairos::core
