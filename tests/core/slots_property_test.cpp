// The product's rule over generated inputs: check_booking accepts exactly the starts
// free_slots offers, with the slot's first host and room; and the offer for a range
// is the same whether it is asked for at once or in pieces. Inputs come from a fixed
// seed (same cases natively and in wasm), around DST changes in several zones, with
// hours crossing midnight, overrides, busy blocks, bookings with buffers, holds,
// rooms, limits and both host modes.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <set>

#include "kairos/explain.hpp"
#include "kairos/slots.hpp"
#include "kairos/time_text.hpp"
#include "slot_fixtures.hpp"

using namespace kairos::core;
using namespace kairos::testing;

namespace {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : s_(seed) {}
  int below(int n) {
    s_ = s_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<int>((s_ >> 33) % static_cast<std::uint64_t>(n));
  }
  bool chance(int percent) { return below(100) < percent; }

 private:
  std::uint64_t s_;
};

struct Generated {
  AvailabilityInputs in;
  Interval range;
};

LocalTime quarter(int q) { return LocalTime::from_seconds(q * 900); }

Generated generate(Rng& rng) {
  static const char* kZones[] = {"America/New_York", "America/Santiago", "Australia/Lord_Howe", "Asia/Kolkata",
                                 "Europe/Berlin", "Pacific/Pago_Pago"};
  // Weeks holding a DST change in at least one of the zones (or none).
  static const char* kWeeks[] = {"2026-03-05T00:00:00Z", "2026-04-02T00:00:00Z", "2026-09-03T00:00:00Z",
                                 "2026-10-01T00:00:00Z", "2026-10-22T00:00:00Z", "2026-06-10T00:00:00Z"};
  Generated g;
  const Instant week = utc(kWeeks[rng.below(6)]);
  g.range = Interval{week, week + Seconds(Days(3 + rng.below(5)))};
  g.in.now = week - Seconds(Days(1)) + Seconds(rng.below(4 * 86400));
  EventPolicy& p = g.in.policy;
  static const int kDurations[] = {15, 30, 45, 60, 90};
  static const int kIntervals[] = {0, 5, 15, 20, 30, 60};
  p.duration = Minutes(kDurations[rng.below(5)]);
  p.interval = Minutes(kIntervals[rng.below(6)]);
  p.buffer_before = Minutes(rng.chance(50) ? 0 : 5 * rng.below(4));
  p.buffer_after = Minutes(rng.chance(50) ? 0 : 5 * rng.below(4));
  p.min_notice = Minutes(rng.chance(50) ? 0 : 60 * rng.below(30));
  if (rng.chance(20)) p.window = BookingWindow::rolling(1 + rng.below(6));
  if (rng.chance(20)) p.limits.per_day = 1 + rng.below(3);
  if (rng.chance(20)) p.limits.per_week = 1 + rng.below(6);
  g.in.mode = rng.chance(30) ? HostMode::all : HostMode::any;

  const int hosts = 1 + rng.below(3);
  for (int i = 0; i < hosts; ++i) {
    Host h;
    h.id = "h" + std::to_string(i);
    h.zone = zone(kZones[rng.below(6)]);
    h.priority = rng.below(3);
    for (auto& day : h.weekly.days) {
      if (rng.chance(30)) continue;
      day.clear();
      const int n = rng.below(3);
      for (int k = 0; k < n; ++k) {
        const int start = rng.below(96);
        const int len = 1 + rng.below(40);  // may run past midnight
        day.push_back(LocalInterval{quarter(start), quarter((start + len) % 96 == 0 ? 96 : (start + len) % 96)});
      }
    }
    for (int d = 0; d < 8; ++d) {
      if (!rng.chance(15)) continue;
      const LocalDate date = h.zone.to_local(week).date() + Days(d);
      DateOverride o{date, {}};
      if (rng.chance(60)) o.hours.push_back(LocalInterval{quarter(rng.below(60)), quarter(60 + rng.below(37))});
      h.overrides.push_back(o);
    }
    const int busy = rng.below(25);
    for (int b = 0; b < busy; ++b) {
      if (rng.chance(10)) {
        h.busy.push_back(BusyBlock::whole_day(h.zone.to_local(week).date() + Days(rng.below(8))));
      } else {
        const Instant s = week + Seconds(Minutes(5 * rng.below(12 * 24 * 8)));
        h.busy.push_back(BusyBlock::timed({s, s + Seconds(Minutes(5 + 5 * rng.below(36)))}));
      }
    }
    // Half the hosts get their timed blocks sorted (as the store returns them), with
    // all-day blocks left wherever they are: the engine sweeps such a list in place.
    if (rng.chance(50)) {
      std::vector<Interval> timed;
      for (const BusyBlock& b : h.busy) {
        if (!b.all_day) timed.push_back(b.when);
      }
      std::sort(timed.begin(), timed.end());
      std::size_t next = 0;
      for (BusyBlock& b : h.busy) {
        if (!b.all_day) b.when = timed[next++];
      }
    }
    g.in.hosts.push_back(std::move(h));
  }
  if (rng.chance(40)) {
    const int rooms = 1 + rng.below(3);
    for (int r = 0; r < rooms; ++r) {
      Room room{"r" + std::to_string(r), {}};
      for (int b = rng.below(6); b > 0; --b) {
        const Instant s = week + Seconds(Minutes(15 * rng.below(4 * 24 * 8)));
        room.busy.push_back({s, s + Seconds(Minutes(30 + 15 * rng.below(8)))});
      }
      p.room_ids.push_back(room.id);
      if (rng.chance(80)) g.in.rooms.push_back(std::move(room));
    }
  }
  for (int b = rng.below(12); b > 0; --b) {
    const Instant s = week + Seconds(Minutes(15 * rng.below(4 * 24 * 8)));
    ExistingBooking bk{"b" + std::to_string(b), {"h" + std::to_string(rng.below(hosts))}, {},
                       {s, s + Seconds(Minutes(30))}, Minutes(5 * rng.below(4)), Minutes(5 * rng.below(4))};
    if (!p.room_ids.empty() && rng.chance(50)) bk.room_id = p.room_ids[static_cast<std::size_t>(rng.below(static_cast<int>(p.room_ids.size())))];
    g.in.bookings.push_back(bk);
  }
  for (int b = rng.below(4); b > 0; --b) {
    const Instant s = week + Seconds(Minutes(15 * rng.below(4 * 24 * 8)));
    Hold hold{"p" + std::to_string(b), {"h" + std::to_string(rng.below(hosts))}, {}, {s, s + Seconds(Minutes(60))}};
    if (!p.room_ids.empty() && rng.chance(50)) hold.room_ids.push_back(p.room_ids[0]);
    g.in.holds.push_back(hold);
  }
  return g;
}

Assignment expected_assignment(const AvailabilityInputs& in, const Slot& s) {
  Assignment a;
  a.when = s.when;
  if (in.mode == HostMode::all) {
    a.host_ids = s.free_hosts;
  } else {
    a.host_ids = {s.free_hosts.front()};
  }
  if (!s.free_rooms.empty()) a.room_id = s.free_rooms.front();
  return a;
}

constexpr int kCases = 60;

TEST(SlotsProperty, CheckBookingAcceptsExactlyTheOfferedStarts) {
  Rng rng(20260309);
  std::size_t offered_total = 0;
  std::size_t probed_total = 0;
  for (int c = 0; c < kCases; ++c) {
    const Generated g = generate(rng);
    const auto slots = free_slots(g.in, g.range);
    offered_total += slots.size();
    std::set<std::int64_t> offered;
    for (std::size_t i = 0; i < slots.size(); ++i) {
      const Slot& s = slots[i];
      ASSERT_TRUE(i == 0 || slots[i - 1].when.start < s.when.start) << "case " << c << ": not sorted/unique";
      ASSERT_FALSE(s.free_hosts.empty());
      offered.insert(s.when.start.unix_seconds());
      const auto r = check_booking(g.in, {s.when.start});
      ASSERT_TRUE(r.ok()) << "case " << c << ": offered " << format_instant(s.when.start) << " refused: "
                          << r.error().code;
      EXPECT_EQ(*r, expected_assignment(g.in, s)) << "case " << c << " at " << format_instant(s.when.start);
    }
    // Every 5 minutes (all grids here are on 5-minute marks) plus odd seconds.
    for (Instant t = g.range.start; t < g.range.end; t += Seconds(300)) {
      for (Instant probe : {t, t + Seconds(60)}) {
        ++probed_total;
        const auto r = check_booking(g.in, {probe});
        ASSERT_EQ(r.ok(), offered.count(probe.unix_seconds()) == 1)
            << "case " << c << " at " << format_instant(probe) << ": " << (r.ok() ? "accepted" : r.error().code);
      }
    }
  }
  // The generator must produce real offers, or the property says nothing.
  EXPECT_GT(offered_total, 500u);
  EXPECT_GT(probed_total, 50000u);
}

TEST(SlotsProperty, OfferDoesNotDependOnHowTheRangeIsCut) {
  Rng rng(42);
  for (int c = 0; c < kCases; ++c) {
    const Generated g = generate(rng);
    const auto whole = free_slots(g.in, g.range);
    const Instant cut = g.range.start + Seconds(rng.below(static_cast<int>(g.range.length().count())));
    auto pieces = free_slots(g.in, {g.range.start, cut});
    const auto rest = free_slots(g.in, {cut, g.range.end});
    pieces.insert(pieces.end(), rest.begin(), rest.end());
    EXPECT_EQ(pieces, whole) << "case " << c << " cut at " << format_instant(cut);
  }
}

TEST(SlotsProperty, BusyBlockOrderDoesNotChangeTheOffer) {
  // Sorted busy blocks are swept in place, unsorted ones copied and merged: both
  // must offer the same slots.
  Rng rng(7);
  std::size_t compared = 0;
  for (int c = 0; c < kCases; ++c) {
    Generated g = generate(rng);
    AvailabilityInputs sorted = g.in;
    AvailabilityInputs reversed = g.in;
    for (std::size_t h = 0; h < g.in.hosts.size(); ++h) {
      auto& a = sorted.hosts[h].busy;
      std::stable_sort(a.begin(), a.end(), [](const BusyBlock& x, const BusyBlock& y) { return x.when.start < y.when.start; });
      reversed.hosts[h].busy.assign(a.rbegin(), a.rend());
    }
    const auto expected = free_slots(reversed, g.range);
    compared += expected.size();
    EXPECT_EQ(free_slots(sorted, g.range), expected) << "case " << c;
  }
  EXPECT_GT(compared, 500u);
}

}  // namespace

// explain_starts walks the same engine: its available starts, hosts and rooms are
// exactly free_slots' offer, and every other start says why.
TEST(SlotsProperty, ExplanationsAgreeWithTheOfferAndGiveReasons) {
  Rng rng(20261130);
  std::size_t available_total = 0, refused_total = 0;
  for (int c = 0; c < kCases; ++c) {
    const Generated g = generate(rng);
    const auto slots = free_slots(g.in, g.range);
    const auto explained = explain_starts(g.in, g.range);
    std::vector<Assignment> offered, available;
    for (const Slot& s : slots) offered.push_back(expected_assignment(g.in, s));
    for (std::size_t i = 0; i < explained.size(); ++i) {
      const StartExplanation& x = explained[i];
      ASSERT_TRUE(i == 0 || explained[i - 1].when.start < x.when.start) << "case " << c << ": not sorted/unique";
      if (!x.available) {
        ++refused_total;
        EXPECT_FALSE(x.reasons.empty()) << "case " << c << " at " << format_instant(x.when.start);
        continue;
      }
      ++available_total;
      EXPECT_TRUE(x.reasons.empty());
      Assignment a;
      a.when = x.when;
      a.host_ids = g.in.mode == HostMode::all ? std::vector<std::string>{} : std::vector<std::string>{x.host};
      if (g.in.mode == HostMode::all)
        for (const Host& h : g.in.hosts) a.host_ids.push_back(h.id);
      a.room_id = x.room;
      available.push_back(a);
    }
    ASSERT_EQ(available, offered) << "case " << c;
  }
  EXPECT_GT(available_total, 500u);
  EXPECT_GT(refused_total, 500u);
}
