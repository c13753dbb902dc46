// The slot engine as a guest and a host would notice it: which starts are offered,
// to whom a booking goes, and which error a refused start gets. `now` is fixed; zones
// are real (tz database); expected times are worked out by hand from the published
// DST dates, not taken from this code.
#include "kairos/slots.hpp"

#include <gtest/gtest.h>

#include "slot_fixtures.hpp"

using namespace kairos::core;
using namespace kairos::testing;
using Strings = std::vector<std::string>;

namespace {

const char* kNy = "America/New_York";

std::string code_of(const Result<Assignment>& r) { return r.ok() ? "ok" : r.error().code; }

TEST(Slots, SixtyMinuteEventOnFifteenMinuteGridEndsAtEndOfHours) {
  const auto in = make_inputs({make_host("ana", kNy)}, 60, 15);
  const auto& z = in.hosts[0].zone;
  const auto slots = free_slots(in, local_day(z, "2026-03-09"));  // a Monday
  const auto starts = local_starts(slots, z);
  ASSERT_EQ(starts.size(), 29u);  // 09:00, 09:15, ... 16:00
  EXPECT_EQ(starts.front(), "2026-03-09T09:00");
  EXPECT_EQ(starts[1], "2026-03-09T09:15");
  EXPECT_EQ(starts.back(), "2026-03-09T16:00");
  EXPECT_EQ(slots.back().when.end, z.to_instant(local("2026-03-09T17:00")));
  EXPECT_EQ(slots.front().free_hosts, Strings{"ana"});
  EXPECT_TRUE(slots.front().free_rooms.empty());
}

TEST(Slots, IntervalDefaultsToDuration) {
  const auto in = make_inputs({make_host("ana", kNy)}, 45);
  const auto& z = in.hosts[0].zone;
  const auto starts = local_starts(free_slots(in, local_day(z, "2026-03-09")), z);
  EXPECT_EQ(starts, (Strings{"2026-03-09T09:00", "2026-03-09T09:45", "2026-03-09T10:30", "2026-03-09T11:15",
                             "2026-03-09T12:00", "2026-03-09T12:45", "2026-03-09T13:30", "2026-03-09T14:15",
                             "2026-03-09T15:00", "2026-03-09T15:45"}));
}

TEST(Slots, GridStartsFromEachIntervalsOwnStart) {
  // R-PAGE-3: 09:15–09:45 with 30-minute steps offers 09:15; 07:30–12:00 hourly offers 07:30, 08:30, ...
  auto h = make_host("ana", kNy, only_on(Weekday::mon, {hours("13:00", "15:00"), hours("09:15", "09:45")}));
  auto in = make_inputs({h}, 30, 30);
  const auto& z = in.hosts[0].zone;
  EXPECT_EQ(local_starts(free_slots(in, local_day(z, "2026-03-09")), z),
            (Strings{"2026-03-09T09:15", "2026-03-09T13:00", "2026-03-09T13:30", "2026-03-09T14:00",
                     "2026-03-09T14:30"}));
  in.hosts[0].weekly = only_on(Weekday::mon, {hours("07:30", "12:00")});
  in.policy.interval = Minutes(60);
  EXPECT_EQ(local_starts(free_slots(in, local_day(z, "2026-03-09")), z),
            (Strings{"2026-03-09T07:30", "2026-03-09T08:30", "2026-03-09T09:30", "2026-03-09T10:30",
                     "2026-03-09T11:30"}));
}

TEST(Slots, BufferBeforeKeepsSlotClearOfBusyBlock) {
  auto h = make_host("ana", kNy, only_on(Weekday::mon, {hours("09:00", "13:00")}));
  h.busy = {busy_local(h, "2026-03-09T10:00", "2026-03-09T11:00")};
  auto in = make_inputs({h}, 30, 30);
  const auto& z = in.hosts[0].zone;
  // Without buffers 11:00 follows the busy block directly.
  EXPECT_EQ(local_starts(free_slots(in, local_day(z, "2026-03-09")), z),
            (Strings{"2026-03-09T09:00", "2026-03-09T09:30", "2026-03-09T11:00", "2026-03-09T11:30",
                     "2026-03-09T12:00", "2026-03-09T12:30"}));
  in.policy.buffer_before = Minutes(15);
  // 11:00's buffer (10:45) overlaps the block: the next slot is 11:30.
  EXPECT_EQ(local_starts(free_slots(in, local_day(z, "2026-03-09")), z),
            (Strings{"2026-03-09T09:00", "2026-03-09T09:30", "2026-03-09T11:30", "2026-03-09T12:00",
                     "2026-03-09T12:30"}));
  EXPECT_EQ(code_of(check_booking(in, {z.to_instant(local("2026-03-09T11:00"))})), "slot_unavailable");
  in.policy.buffer_after = Minutes(15);
  // Now 09:30 (ending 10:00, buffer to 10:15) is out too; buffers may lie outside hours.
  EXPECT_EQ(local_starts(free_slots(in, local_day(z, "2026-03-09")), z),
            (Strings{"2026-03-09T09:00", "2026-03-09T11:30", "2026-03-09T12:00", "2026-03-09T12:30"}));
}

TEST(Slots, ExistingBookingKeepsItsOwnBuffers) {
  auto h = make_host("ana", kNy, only_on(Weekday::mon, {hours("09:00", "12:00")}));
  auto in = make_inputs({h}, 30, 30);
  const auto& z = in.hosts[0].zone;
  in.bookings = {booking("b1", {"ana"}, {z.to_instant(local("2026-03-09T10:00")), z.to_instant(local("2026-03-09T10:30"))},
                         0, 30)};
  EXPECT_EQ(local_starts(free_slots(in, local_day(z, "2026-03-09")), z),
            (Strings{"2026-03-09T09:00", "2026-03-09T09:30", "2026-03-09T11:00", "2026-03-09T11:30"}));
}

TEST(Slots, OverrideReplacesWeeklyHoursOffTheGrid) {
  auto h = make_host("ana", kNy);
  // Out of date order, with a second entry for the 10th that the first one overrules.
  h.overrides = {DateOverride{date("2026-03-11"), {}}, DateOverride{date("2026-03-10"), {hours("10:10", "12:00")}},
                 DateOverride{date("2026-03-10"), {hours("08:00", "09:00")}}};
  auto in = make_inputs({h}, 30);
  const auto& z = in.hosts[0].zone;
  EXPECT_EQ(local_starts(free_slots(in, local_day(z, "2026-03-10")), z),
            (Strings{"2026-03-10T10:10", "2026-03-10T10:40", "2026-03-10T11:10"}));
  EXPECT_TRUE(free_slots(in, local_day(z, "2026-03-11")).empty());  // day off
  EXPECT_EQ(free_slots(in, local_day(z, "2026-03-12")).size(), 16u);  // weekly hours again
  EXPECT_EQ(code_of(check_booking(in, {z.to_instant(local("2026-03-10T10:00"))})), "outside_availability");
  EXPECT_EQ(code_of(check_booking(in, {z.to_instant(local("2026-03-10T10:30"))})), "off_slot_grid");
  EXPECT_EQ(code_of(check_booking(in, {z.to_instant(local("2026-03-10T10:40"))})), "ok");
  EXPECT_EQ(code_of(check_booking(in, {z.to_instant(local("2026-03-11T10:00"))})), "outside_availability");
}

TEST(Slots, HoursCrossingMidnightRunIntoTheNextDay) {
  // Friday night shift 22:00–02:00; a Saturday override closes nothing of Friday's hours.
  auto h = make_host("ana", kNy, only_on(Weekday::fri, {hours("22:00", "02:00")}));
  h.overrides = {DateOverride{date("2026-03-14"), {}}};
  auto in = make_inputs({h}, 60);
  const auto& z = in.hosts[0].zone;
  EXPECT_EQ(local_starts(free_slots(in, {z.to_instant(local("2026-03-13T00:00")), z.to_instant(local("2026-03-15T00:00"))}), z),
            (Strings{"2026-03-13T22:00", "2026-03-13T23:00", "2026-03-14T00:00", "2026-03-14T01:00"}));
  // A range that starts after midnight still sees Friday's shift.
  EXPECT_EQ(local_starts(free_slots(in, local_day(z, "2026-03-14")), z),
            (Strings{"2026-03-14T00:00", "2026-03-14T01:00"}));
}

TEST(Slots, HoursUntilMidnightJoinTheNextDaysHours) {
  auto h = make_host("ana", kNy, WeeklyHours{});
  h.weekly.on(Weekday::mon) = {hours("22:00", "24:00")};
  h.weekly.on(Weekday::tue) = {hours("00:00", "01:00")};
  auto in = make_inputs({h}, 90, 60);
  const auto& z = in.hosts[0].zone;
  // 22:00–23:30 and 23:00–00:30 span midnight; 00:00 would end at 01:30, after hours.
  EXPECT_EQ(local_starts(free_slots(in, {utc("2026-03-09T00:00:00Z"), utc("2026-03-11T00:00:00Z")}), z),
            (Strings{"2026-03-09T22:00", "2026-03-09T23:00"}));
}

TEST(Slots, AllDayBusyBlocksTheHostsWholeLocalDay) {
  auto h = make_host("kenji", "Asia/Tokyo", every_day({hours("00:00", "24:00")}));
  h.busy = {BusyBlock::whole_day(date("2026-03-10"))};
  auto in = make_inputs({h}, 60);
  const auto& z = in.hosts[0].zone;
  const auto slots = free_slots(in, {z.to_instant(local("2026-03-09T00:00")), z.to_instant(local("2026-03-12T00:00"))});
  const auto days = group_by_local_date(slots, z);
  ASSERT_EQ(days.size(), 2u);
  EXPECT_EQ(days[0].date, date("2026-03-09"));
  EXPECT_EQ(days[0].slots.size(), 24u);
  EXPECT_EQ(days[1].date, date("2026-03-11"));  // the 10th is blocked from 00:00 to 24:00 Tokyo time
  EXPECT_EQ(days[1].slots.size(), 24u);
  EXPECT_EQ(local_starts(days[0].slots, z).back(), "2026-03-09T23:00");
}

TEST(Slots, PerWeekLimitCountsTheLocalWeekAcrossAMonthBoundary) {
  // The ISO week Mon 2026-03-30 .. Sun 2026-04-05 spans March and April.
  auto in = make_inputs({make_host("ana", kNy)}, 60, 60, "2026-03-20T00:00:00Z");
  const auto& z = in.hosts[0].zone;
  in.policy.limits.per_week = 2;
  auto at = [&](const std::string& l) { return z.to_instant(local(l)); };
  in.bookings = {booking("b1", {"ana"}, {at("2026-03-31T09:00"), at("2026-03-31T10:00")}),
                 booking("b2", {"ana"}, {at("2026-04-01T09:00"), at("2026-04-01T10:00")})};
  EXPECT_TRUE(free_slots(in, local_day(z, "2026-03-30")).empty());
  EXPECT_TRUE(free_slots(in, local_day(z, "2026-04-03")).empty());
  EXPECT_EQ(free_slots(in, local_day(z, "2026-03-27")).size(), 8u);  // the week before
  EXPECT_EQ(free_slots(in, local_day(z, "2026-04-06")).size(), 8u);  // the week after
  EXPECT_EQ(code_of(check_booking(in, {at("2026-04-02T11:00")})), "limit_reached");
  // Rescheduling one of the week's bookings does not count it against itself.
  EXPECT_EQ(code_of(check_booking(in, {at("2026-04-02T11:00"), std::nullopt, "b2", ""})), "ok");
}

TEST(Slots, PerDayLimitCountsTheHostsLocalDate) {
  auto in = make_inputs({make_host("ana", kNy)}, 60, 60, "2026-03-01T00:00:00Z");
  const auto& z = in.hosts[0].zone;
  in.policy.limits.per_day = 1;
  in.bookings = {booking("b1", {"ana"}, {z.to_instant(local("2026-03-09T16:00")), z.to_instant(local("2026-03-09T17:00"))})};
  EXPECT_TRUE(free_slots(in, local_day(z, "2026-03-09")).empty());
  EXPECT_EQ(free_slots(in, local_day(z, "2026-03-10")).size(), 8u);
}

TEST(Slots, AnyModeNeverAssignsAHostWhoIsNotWorking) {
  auto a = make_host("ana", kNy, only_on(Weekday::mon, {hours("09:00", "12:00")}));
  auto b = make_host("bo", kNy, only_on(Weekday::mon, {hours("13:00", "17:00")}));
  auto in = make_inputs({a, b}, 60);
  const auto& z = in.hosts[0].zone;
  for (const Slot& s : free_slots(in, local_day(z, "2026-03-09"))) {
    const int hour = z.to_local(s.when.start).time().hour();
    EXPECT_EQ(s.free_hosts, Strings{hour < 12 ? "ana" : "bo"}) << hour;
  }
  auto r = check_booking(in, {z.to_instant(local("2026-03-09T14:00"))});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->host_ids, Strings{"bo"});
}

TEST(Slots, ParallelRequestsForATwoHostSlotGoToDifferentHosts) {
  auto in = make_inputs({make_host("ana", kNy), make_host("bo", kNy)}, 30);
  const auto& z = in.hosts[0].zone;
  const BookingRequest req{z.to_instant(local("2026-03-09T10:00"))};
  auto first = check_booking(in, req);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->host_ids, Strings{"ana"});  // equal counts: input order
  in.bookings.push_back(booking("b1", first->host_ids, first->when));
  auto second = check_booking(in, req);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->host_ids, Strings{"bo"});
  in.bookings.push_back(booking("b2", second->host_ids, second->when));
  EXPECT_EQ(code_of(check_booking(in, req)), "slot_unavailable");
  EXPECT_FALSE(offers(free_slots(in, local_day(z, "2026-03-09")), req.start));
}

TEST(Slots, AnyModeAssignsTheHostWithFewestBookingsThatWeek) {
  auto in = make_inputs({make_host("ana", kNy), make_host("bo", kNy)}, 30);
  const auto& z = in.hosts[0].zone;
  in.bookings = {booking("b1", {"ana"}, {z.to_instant(local("2026-03-09T09:00")), z.to_instant(local("2026-03-09T09:30"))})};
  auto r = check_booking(in, {z.to_instant(local("2026-03-11T10:00"))});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->host_ids, Strings{"bo"});
  // The next week both are even again, and priority decides.
  in.hosts[1].priority = -1;
  auto next = check_booking(in, {z.to_instant(local("2026-03-16T10:00"))});
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->host_ids, Strings{"bo"});
  in.hosts[1].priority = 1;
  EXPECT_EQ(check_booking(in, {z.to_instant(local("2026-03-16T10:00"))})->host_ids, Strings{"ana"});
}

TEST(Slots, AllModeOffersOnlyCommonFreeTime) {
  // London 09–17 (GMT) is 09:00–17:00 UTC; New York 09–17 (EDT since 2026-03-08) is
  // 13:00–21:00 UTC. Common: 13:00–17:00 UTC = 09:00–13:00 New York; ben is busy 14–15 UTC.
  auto a = make_host("ana", kNy);
  auto b = make_host("ben", "Europe/London");
  b.busy = {BusyBlock::timed(span("2026-03-09T14:00:00Z", "2026-03-09T15:00:00Z"))};
  auto in = make_inputs({a, b}, 60);
  in.mode = HostMode::all;
  const auto& z = in.hosts[0].zone;
  const auto slots = free_slots(in, local_day(z, "2026-03-09"));
  EXPECT_EQ(local_starts(slots, z), (Strings{"2026-03-09T09:00", "2026-03-09T11:00", "2026-03-09T12:00"}));
  EXPECT_EQ(slots[0].free_hosts, (Strings{"ana", "ben"}));
  auto r = check_booking(in, {utc("2026-03-09T13:00:00Z")});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->host_ids, (Strings{"ana", "ben"}));
  EXPECT_EQ(code_of(check_booking(in, {utc("2026-03-09T14:00:00Z")})), "slot_unavailable");
  EXPECT_EQ(code_of(check_booking(in, {utc("2026-03-09T17:00:00Z")})), "outside_availability");
}

TEST(Slots, RoomsOfferASlotOnlyWithAFreeRoom) {
  auto in = make_inputs({make_host("ana", kNy), make_host("bo", kNy)}, 60);
  const auto& z = in.hosts[0].zone;
  auto at = [&](const std::string& l) { return z.to_instant(local(l)); };
  in.policy.room_ids = {"r1", "r2"};
  in.rooms = {Room{"r1", {}}, Room{"r2", {Interval{at("2026-03-09T11:00"), at("2026-03-09T12:00")}}}};
  in.bookings = {booking("b1", {"ana"}, {at("2026-03-09T10:00"), at("2026-03-09T11:00")}, 0, 0, "r1"),
                 booking("b2", {"ana"}, {at("2026-03-09T11:00"), at("2026-03-09T12:00")}, 0, 0, "r1")};
  const auto slots = free_slots(in, local_day(z, "2026-03-09"));
  ASSERT_EQ(local_starts(slots, z).at(0), "2026-03-09T09:00");
  EXPECT_EQ(slots[0].free_rooms, (Strings{"r1", "r2"}));
  EXPECT_EQ(local_starts(slots, z).at(1), "2026-03-09T10:00");
  EXPECT_EQ(slots[1].free_rooms, Strings{"r2"});
  EXPECT_EQ(slots[1].free_hosts, Strings{"bo"});
  EXPECT_EQ(local_starts(slots, z).at(2), "2026-03-09T12:00");  // 11:00: bo is free but no room is
  EXPECT_EQ(code_of(check_booking(in, {at("2026-03-09T11:00")})), "slot_unavailable");
  auto r = check_booking(in, {at("2026-03-09T10:00")});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->room_id, "r2");
  EXPECT_EQ(r->host_ids, Strings{"bo"});
}

TEST(Slots, HoldsBlockUntilTheirOwnProposalIsChosen) {
  auto in = make_inputs({make_host("ana", kNy)}, 60);
  const auto& z = in.hosts[0].zone;
  const Interval ten{z.to_instant(local("2026-03-09T10:00")), z.to_instant(local("2026-03-09T11:00"))};
  in.holds = {Hold{"p1", {"ana"}, {}, ten}};
  EXPECT_FALSE(offers(free_slots(in, local_day(z, "2026-03-09")), ten.start));
  EXPECT_EQ(code_of(check_booking(in, {ten.start})), "slot_unavailable");
  EXPECT_EQ(code_of(check_booking(in, {ten.start, std::nullopt, "", "p1"})), "ok");
}

TEST(Slots, NoticeAndBookingWindowBoundTheOffer) {
  // now = Monday 2026-03-09 10:00 New York (14:00 UTC).
  auto in = make_inputs({make_host("ana", kNy)}, 60, 60, "2026-03-09T14:00:00Z");
  const auto& z = in.hosts[0].zone;
  in.policy.min_notice = Minutes(120);
  EXPECT_EQ(local_starts(free_slots(in, local_day(z, "2026-03-09")), z).front(), "2026-03-09T12:00");
  EXPECT_EQ(code_of(check_booking(in, {z.to_instant(local("2026-03-09T11:00"))})), "too_soon");
  EXPECT_EQ(code_of(check_booking(in, {z.to_instant(local("2026-03-09T09:00"))})), "too_soon");
  in.policy.window = BookingWindow::rolling(2);  // until Wednesday 10:00
  EXPECT_EQ(local_starts(free_slots(in, local_day(z, "2026-03-11")), z), (Strings{"2026-03-11T09:00"}));
  EXPECT_EQ(code_of(check_booking(in, {z.to_instant(local("2026-03-12T09:00"))})), "outside_booking_window");
  in.policy.window = BookingWindow::between(date("2026-03-16"), date("2026-03-17"));
  EXPECT_TRUE(free_slots(in, local_day(z, "2026-03-13")).empty());
  EXPECT_EQ(free_slots(in, local_day(z, "2026-03-17")).size(), 8u);
  EXPECT_TRUE(free_slots(in, local_day(z, "2026-03-18")).empty());
  EXPECT_EQ(code_of(check_booking(in, {z.to_instant(local("2026-03-18T09:00"))})), "outside_booking_window");
}

TEST(Slots, CheckBookingRejectsWithStableCodesAndFields) {
  auto in = make_inputs({make_host("ana", kNy)}, 30);
  const auto& z = in.hosts[0].zone;
  const Instant nine = z.to_instant(local("2026-03-09T09:00"));
  auto dur = check_booking(in, {nine, Minutes(45)});
  ASSERT_FALSE(dur.ok());
  EXPECT_EQ(dur.error().code, "invalid_duration");
  EXPECT_EQ(dur.error().field, "duration");
  EXPECT_EQ(code_of(check_booking(in, {nine, Minutes(30)})), "ok");
  auto grid = check_booking(in, {nine + Minutes(10)});
  ASSERT_FALSE(grid.ok());
  EXPECT_EQ(grid.error().code, "off_slot_grid");
  EXPECT_EQ(grid.error().field, "start");
  EXPECT_EQ(code_of(check_booking(in, {z.to_instant(local("2026-03-14T10:00"))})), "outside_availability");  // Saturday
  EXPECT_EQ(code_of(check_booking(in, {z.to_instant(local("2026-03-09T16:45"))})), "outside_availability");  // runs past 17:00
  in.policy.duration = Minutes(0);
  EXPECT_EQ(check_booking(in, {nine}).error().field, "duration_minutes");
  EXPECT_TRUE(free_slots(in, local_day(z, "2026-03-09")).empty());
}

TEST(Slots, NewYorkGridFollowsTheLocalClockAcrossDst) {
  auto h = make_host("ana", kNy);
  h.weekly.on(Weekday::sun) = {hours("00:00", "05:00")};
  auto in = make_inputs({h}, 30);
  const auto& z = in.hosts[0].zone;
  // 09:00 stays 09:00: 14:00 UTC before the change, 13:00 UTC after.
  EXPECT_EQ(utc_starts(free_slots(in, local_day(z, "2026-03-06"))).front(), "2026-03-06T14:00:00Z");
  EXPECT_EQ(utc_starts(free_slots(in, local_day(z, "2026-03-09"))).front(), "2026-03-09T13:00:00Z");
  // Spring forward 2026-03-08 02:00 -> 03:00: nothing at 02:xx.
  EXPECT_EQ(local_starts(free_slots(in, local_day(z, "2026-03-08")), z),
            (Strings{"2026-03-08T00:00", "2026-03-08T00:30", "2026-03-08T01:00", "2026-03-08T01:30",
                     "2026-03-08T03:00", "2026-03-08T03:30", "2026-03-08T04:00", "2026-03-08T04:30"}));
  // Fall back 2026-11-01 02:00 -> 01:00: 01:00 and 01:30 happen twice, as distinct instants.
  in.hosts[0].weekly.on(Weekday::sun) = {hours("00:00", "03:00")};
  EXPECT_EQ(utc_starts(free_slots(in, local_day(z, "2026-11-01"))),
            (Strings{"2026-11-01T04:00:00Z", "2026-11-01T04:30:00Z", "2026-11-01T05:00:00Z", "2026-11-01T05:30:00Z",
                     "2026-11-01T06:00:00Z", "2026-11-01T06:30:00Z", "2026-11-01T07:00:00Z",
                     "2026-11-01T07:30:00Z"}));
  EXPECT_EQ(code_of(check_booking(in, {utc("2026-11-01T06:00:00Z")})), "ok");  // the second 01:00
}

TEST(Slots, SantiagoMidnightGapAndRepeatedHour) {
  // DST starts Sun 2026-09-06 at 24:00 -> 01:00; ends Sun 2026-04-05 at 24:00 -> 23:00 on Saturday.
  auto h = make_host("sofia", "America/Santiago", WeeklyHours{});
  h.weekly.on(Weekday::sun) = {hours("00:00", "03:00")};
  h.weekly.on(Weekday::sat) = {hours("22:00", "24:00")};
  auto in = make_inputs({h}, 30);
  const auto& z = in.hosts[0].zone;
  EXPECT_EQ(local_starts(free_slots(in, local_day(z, "2026-09-06")), z),
            (Strings{"2026-09-06T01:00", "2026-09-06T01:30", "2026-09-06T02:00", "2026-09-06T02:30"}));
  // Saturday 22:00–24:00 lasts three hours on 2026-04-04: 23:00 and 23:30 happen twice.
  EXPECT_EQ(utc_starts(free_slots(in, {utc("2026-04-05T00:00:00Z"), utc("2026-04-05T04:00:00Z")})),
            (Strings{"2026-04-05T01:00:00Z", "2026-04-05T01:30:00Z", "2026-04-05T02:00:00Z", "2026-04-05T02:30:00Z",
                     "2026-04-05T03:00:00Z", "2026-04-05T03:30:00Z"}));
}

TEST(Slots, LordHoweHalfHourShift) {
  // DST starts Sun 2026-10-04 02:00 -> 02:30 (+10:30 -> +11).
  auto h = make_host("liam", "Australia/Lord_Howe", only_on(Weekday::sun, {hours("01:00", "04:00")}));
  auto in = make_inputs({h}, 30);
  const auto& z = in.hosts[0].zone;
  EXPECT_EQ(local_starts(free_slots(in, local_day(z, "2026-10-04")), z),
            (Strings{"2026-10-04T01:00", "2026-10-04T01:30", "2026-10-04T02:30", "2026-10-04T03:00",
                     "2026-10-04T03:30"}));
  // DST ends Sun 2026-04-05 02:00 -> 01:30: 01:30 happens twice.
  EXPECT_EQ(utc_starts(free_slots(in, local_day(z, "2026-04-05"))),
            (Strings{"2026-04-04T14:00:00Z", "2026-04-04T14:30:00Z", "2026-04-04T15:00:00Z", "2026-04-04T15:30:00Z",
                     "2026-04-04T16:00:00Z", "2026-04-04T16:30:00Z", "2026-04-04T17:00:00Z"}));
}

TEST(Slots, HalfHourZoneKeepsTheLocalGrid) {
  auto h = make_host("isha", "Asia/Kolkata", only_on(Weekday::mon, {hours("09:00", "10:00")}));
  const auto in = make_inputs({h}, 30);
  EXPECT_EQ(utc_starts(free_slots(in, span("2026-03-09T00:00:00Z", "2026-03-10T00:00:00Z"))),
            (Strings{"2026-03-09T03:30:00Z", "2026-03-09T04:00:00Z"}));
}

TEST(Slots, GuestZoneAcrossTheDateLine) {
  // Pago Pago (-11) Monday 00:00–24:00 is Monday 16:30 .. Tuesday 16:30 in Kolkata (+05:30).
  auto h = make_host("tala", "Pacific/Pago_Pago", only_on(Weekday::mon, {hours("00:00", "24:00")}));
  const auto in = make_inputs({h}, 60);
  const auto guest = zone("Asia/Kolkata");
  const auto slots = free_slots(in, span("2026-03-08T00:00:00Z", "2026-03-12T00:00:00Z"));
  ASSERT_EQ(slots.size(), 24u);
  const auto days = group_by_local_date(slots, guest);
  ASSERT_EQ(days.size(), 2u);
  EXPECT_EQ(days[0].date, date("2026-03-09"));
  EXPECT_EQ(local_starts(days[0].slots, guest).front(), "2026-03-09T16:30");
  EXPECT_EQ(days[0].slots.size(), 8u);
  EXPECT_EQ(days[1].date, date("2026-03-10"));
  EXPECT_EQ(local_starts(days[1].slots, guest).back(), "2026-03-10T15:30");
  EXPECT_EQ(days[1].slots.size(), 16u);
  // The same slots seen from Pago Pago are all on the host's Monday.
  const auto host_days = group_by_local_date(slots, in.hosts[0].zone);
  ASSERT_EQ(host_days.size(), 1u);
  EXPECT_EQ(host_days[0].date, date("2026-03-09"));
}

TEST(Slots, ConflictSpanHoldsEveryBookingThatRefusesAStart) {
  // Buffers of up to a day on the new booking and on the existing one: whatever booking
  // makes check_booking answer slot_unavailable lies within conflict_span of the slot,
  // so the server may load only that stretch when nothing counts bookings.
  const auto h = make_host("ana", "Etc/UTC", every_day({hours("00:00", "24:00")}));
  const Instant start = utc("2026-03-10T12:00:00Z");
  for (int policy_buffer : {0, 720, 1440}) {
    auto in = make_inputs({h}, 30);
    in.policy.buffer_before = in.policy.buffer_after = Minutes(policy_buffer);
    BookingRequest req;
    req.start = start;
    ASSERT_TRUE(check_booking(in, req)) << policy_buffer;
    const Interval span = conflict_span(Interval{start, start + in.policy.duration});
    int refused = 0;
    for (int offset = -3000; offset <= 3000; offset += 15) {  // minutes from the start
      for (int own : {0, 1440}) {
        auto probe = in;
        probe.bookings = {booking("b", {"ana"}, {start + Minutes(offset), start + Minutes(offset + 60)}, own, own)};
        auto a = check_booking(probe, req);
        if (a) continue;
        EXPECT_EQ(a.error().code, "slot_unavailable");
        EXPECT_TRUE(probe.bookings[0].when.overlaps(span)) << policy_buffer << " " << offset << " " << own;
        ++refused;
      }
    }
    EXPECT_GT(refused, 0);
  }
}

TEST(Slots, LocalDatesAndInputsSpan) {
  const auto z = zone("Asia/Kolkata");
  EXPECT_EQ(local_dates(z, date("2026-03-09"), date("2026-03-10")),
            span("2026-03-08T18:30:00Z", "2026-03-10T18:30:00Z"));
  // The slots of a Sunday depend on the bookings of that whole week (per-week limit):
  // keeping only the inputs inside inputs_span must not change them.
  auto h = make_host("ana", kNy, every_day({hours("09:00", "17:00")}));
  auto in = make_inputs({h}, 60);
  in.policy.limits.per_week = 2;
  auto at = [&](const std::string& l) { return in.hosts[0].zone.to_instant(local(l)); };
  in.bookings = {booking("mon", {"ana"}, {at("2026-03-09T00:30"), at("2026-03-09T01:30")}),
                 booking("tue", {"ana"}, {at("2026-03-10T09:00"), at("2026-03-10T10:00")}),
                 booking("next", {"ana"}, {at("2026-03-30T09:00"), at("2026-03-30T10:00")})};
  const Interval sunday = local_dates(in.hosts[0].zone, date("2026-03-15"), date("2026-03-15"));
  const auto full = free_slots(in, sunday);
  EXPECT_TRUE(full.empty());  // the week is full
  auto trimmed = in;
  const Interval wide = inputs_span(sunday);
  std::erase_if(trimmed.bookings, [&](const ExistingBooking& b) { return !b.when.overlaps(wide); });
  EXPECT_EQ(trimmed.bookings.size(), 2u);
  EXPECT_EQ(free_slots(trimmed, sunday), full);
}

}  // namespace
