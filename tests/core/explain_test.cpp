// explain_starts: each candidate start of a day with the reasons the slot engine had.
// (That its available starts equal free_slots' offer is SlotsProperty's job.)
#include "kairos/explain.hpp"

#include <gtest/gtest.h>

#include "kairos/time_text.hpp"
#include "slot_fixtures.hpp"

using namespace kairos::core;
using namespace kairos::testing;

namespace {

// 2026-03-09 is a Monday; Helsinki is UTC+2 then.
const StartExplanation& at(const std::vector<StartExplanation>& xs, const Host& h, const std::string& wall) {
  const Instant t = h.zone.to_instant(local(wall));
  for (const auto& x : xs)
    if (x.when.start == t) return x;
  static const StartExplanation none{};
  ADD_FAILURE() << "no candidate at " << wall;
  return none;
}

std::vector<std::string> codes(const StartExplanation& x) {
  std::vector<std::string> out;
  for (const auto& r : x.reasons) out.push_back(r.code);
  return out;
}

}  // namespace

TEST(Explain, BufferNextToABookingNamesTheBooking) {
  Host h = make_host("h1", "Europe/Helsinki");
  auto in = make_inputs({h}, 30);
  in.policy.buffer_after = Minutes(15);
  in.bookings.push_back(booking("b_visit", {"h1"}, {h.zone.to_instant(local("2026-03-09T10:30")),
                                                    h.zone.to_instant(local("2026-03-09T11:00"))}));
  const auto xs = explain_starts(in, local_day(h.zone, "2026-03-09"));
  EXPECT_TRUE(at(xs, h, "2026-03-09T09:30").available);
  const auto& ten = at(xs, h, "2026-03-09T10:00");  // 10:00–10:30 + 15 min buffer touches 10:30
  EXPECT_FALSE(ten.available);
  ASSERT_EQ(codes(ten), std::vector<std::string>{"buffer"});
  EXPECT_EQ(ten.reasons[0].booking, "b_visit");
  EXPECT_EQ(ten.reasons[0].host, "h1");
  EXPECT_EQ(codes(at(xs, h, "2026-03-09T10:30")), std::vector<std::string>{"booked"});
  EXPECT_EQ(at(xs, h, "2026-03-09T09:00").host, "h1");
}

TEST(Explain, NoticeWindowAndPastAreReasonsOfTheWholeStart) {
  Host h = make_host("h1", "Europe/Helsinki");
  auto in = make_inputs({h}, 60, 0, "2026-03-09T08:30:00Z");  // 10:30 in Helsinki
  in.policy.min_notice = Minutes(120);
  const auto xs = explain_starts(in, local_day(h.zone, "2026-03-09"));
  EXPECT_EQ(codes(at(xs, h, "2026-03-09T10:00")), std::vector<std::string>{"past"});
  EXPECT_EQ(codes(at(xs, h, "2026-03-09T12:00")), std::vector<std::string>{"minimum_notice"});
  EXPECT_TRUE(at(xs, h, "2026-03-09T13:00").available);
  in.policy.window = BookingWindow::rolling(1);
  const auto next = explain_starts(in, local_day(h.zone, "2026-03-10"));
  EXPECT_TRUE(at(next, h, "2026-03-10T09:00").available);
  EXPECT_EQ(codes(at(next, h, "2026-03-10T11:00")), std::vector<std::string>{"outside_window"});
}

TEST(Explain, HoldsBusyBlocksAndLimitsAreNamed) {
  Host h = make_host("h1", "Europe/Helsinki");
  h.busy.push_back(busy_local(h, "2026-03-09T12:00", "2026-03-09T13:00"));
  auto in = make_inputs({h}, 60);
  in.holds.push_back(Hold{"pr_abc#1", {"h1"}, {}, {h.zone.to_instant(local("2026-03-09T14:00")),
                                                   h.zone.to_instant(local("2026-03-09T15:00"))}});
  const auto xs = explain_starts(in, local_day(h.zone, "2026-03-09"));
  const auto& noon = at(xs, h, "2026-03-09T12:00");
  ASSERT_EQ(codes(noon), std::vector<std::string>{"busy"});
  ASSERT_TRUE(noon.reasons[0].busy.has_value());
  EXPECT_EQ(noon.reasons[0].busy->start, h.zone.to_instant(local("2026-03-09T12:00")));
  const auto& two = at(xs, h, "2026-03-09T14:00");
  ASSERT_EQ(codes(two), std::vector<std::string>{"proposal_hold"});
  EXPECT_EQ(two.reasons[0].proposal, "pr_abc#1");

  in.policy.limits.per_day = 1;
  in.bookings.push_back(booking("b1", {"h1"}, {h.zone.to_instant(local("2026-03-09T16:00")),
                                               h.zone.to_instant(local("2026-03-09T17:00"))}));
  const auto limited = explain_starts(in, local_day(h.zone, "2026-03-09"));
  const auto& nine = at(limited, h, "2026-03-09T09:00");
  ASSERT_EQ(codes(nine), std::vector<std::string>{"day_limit"});
  EXPECT_EQ(nine.reasons[0].count, 1);
  EXPECT_EQ(nine.reasons[0].limit, 1);
}

TEST(Explain, ADayOffOverrideStillListsTheWeeklyStarts) {
  Host h = make_host("h1", "Europe/Helsinki");
  h.overrides.push_back(DateOverride{date("2026-03-09"), {}});
  auto in = make_inputs({h}, 60);
  const auto xs = explain_starts(in, local_day(h.zone, "2026-03-09"));
  ASSERT_EQ(xs.size(), 8u);  // 09:00 … 16:00 of the weekly hours
  for (const auto& x : xs) {
    EXPECT_FALSE(x.available);
    EXPECT_EQ(codes(x), std::vector<std::string>{"date_override"});
  }
  EXPECT_TRUE(free_slots(in, local_day(h.zone, "2026-03-09")).empty());
}

TEST(Explain, AllModeSaysWhichHostIsBusy) {
  Host a = make_host("ha", "Europe/Helsinki");
  Host b = make_host("hb", "Europe/Helsinki");
  auto in = make_inputs({a, b}, 60);
  in.mode = HostMode::all;
  in.bookings.push_back(booking("b_of_b", {"hb"}, {a.zone.to_instant(local("2026-03-09T11:00")),
                                                   a.zone.to_instant(local("2026-03-09T12:00"))}));
  const auto xs = explain_starts(in, local_day(a.zone, "2026-03-09"));
  const auto& eleven = at(xs, a, "2026-03-09T11:00");
  EXPECT_FALSE(eleven.available);
  ASSERT_EQ(eleven.reasons.size(), 1u);
  EXPECT_EQ(eleven.reasons[0].host, "hb");
  EXPECT_EQ(eleven.reasons[0].booking, "b_of_b");
  EXPECT_TRUE(at(xs, a, "2026-03-09T10:00").available);
}

TEST(Explain, NoRoomFreeListsWhatHoldsEachRoom) {
  Host h = make_host("h1", "Europe/Helsinki");
  auto in = make_inputs({h}, 60);
  in.policy.room_ids = {"r1"};
  in.rooms.push_back(Room{"r1", {}});
  in.bookings.push_back(booking("b_room", {"other"}, {h.zone.to_instant(local("2026-03-09T13:00")),
                                                      h.zone.to_instant(local("2026-03-09T14:00"))}, 0, 0, "r1"));
  const auto xs = explain_starts(in, local_day(h.zone, "2026-03-09"));
  const auto& one = at(xs, h, "2026-03-09T13:00");
  EXPECT_EQ(codes(one), (std::vector<std::string>{"no_room_free", "room_booked"}));
  EXPECT_EQ(one.reasons[1].room, "r1");
  EXPECT_EQ(one.reasons[1].booking, "b_room");
  EXPECT_EQ(at(xs, h, "2026-03-09T09:00").room, "r1");
}

TEST(HostFreeTime, WorkingTimeMinusBusyBlocksAndBookings) {
  Host h = make_host("h1", "Europe/Helsinki");
  h.busy.push_back(busy_local(h, "2026-03-09T12:00", "2026-03-09T13:00"));
  h.overrides.push_back(DateOverride{date("2026-03-10"), {}});
  const Interval taken{h.zone.to_instant(local("2026-03-09T15:00")), h.zone.to_instant(local("2026-03-09T15:30"))};
  const auto free = host_free_time(h, {taken}, Interval{local_day(h.zone, "2026-03-09").start,
                                                        local_day(h.zone, "2026-03-10").end});
  std::vector<std::string> text;
  for (const auto& i : free)
    text.push_back(format_local(h.zone.to_local(i.start)).substr(11, 5) + "-" +
                   format_local(h.zone.to_local(i.end)).substr(11, 5));
  EXPECT_EQ(text, (std::vector<std::string>{"09:00-12:00", "13:00-15:00", "15:30-17:00"}));
}
