// Issue 10 §3 rules the audit moved into core/ (docs/ARCHITECTURE.md, "Issue 10, item
// by item"): the widget's opening hours of a guest's date, which confirmation requests
// follow their bookings and when a booking is gone for them (the server listed states
// by hand), and the day a daily report covers (written twice in the server).
#include <gtest/gtest.h>

#include <algorithm>

#include "kairos/confirmation.hpp"
#include "kairos/front_office.hpp"
#include "kairos/schedule.hpp"
#include "kairos/slots.hpp"
#include "slot_fixtures.hpp"

using namespace kairos::core;
using namespace kairos::testing;

namespace {

TEST(AnyHostWorkingTime, IsTheUnionOfTheHostsHoursOnTheGuestsDate) {
  Host ana = make_host("ana", "Europe/Helsinki", WeeklyHours{});
  Host ben = make_host("ben", "Asia/Tokyo", WeeklyHours{});
  ana.weekly.on(Weekday::wed) = {hours("09:00", "12:00")};  // 07:00–10:00 UTC
  ben.weekly.on(Weekday::wed) = {hours("18:00", "20:00")};  // 09:00–11:00 UTC
  ben.weekly.on(Weekday::thu) = {hours("07:00", "08:00")};  // Wed 22:00–23:00 UTC
  // The guest's Wednesday in UTC: Ana's and Ben's evening hours overlap and merge; Ben's
  // Thursday morning is still the guest's Wednesday.
  const Interval wednesday = local_dates(zone("UTC"), date("2026-12-02"), date("2026-12-02"));
  const auto open = any_host_working_time({ana, ben}, wednesday);
  ASSERT_EQ(open.size(), 2u);
  EXPECT_EQ(open[0], span("2026-12-02T07:00:00Z", "2026-12-02T11:00:00Z"));
  EXPECT_EQ(open[1], span("2026-12-02T22:00:00Z", "2026-12-02T23:00:00Z"));
}

TEST(AnyHostWorkingTime, CutsSpansAcrossMidnightToTheDateAndJoinsTouchingOnes) {
  Host night = make_host("night", "UTC", WeeklyHours{});
  night.weekly.on(Weekday::tue) = {hours("22:00", "24:00")};
  night.weekly.on(Weekday::wed) = {hours("00:00", "02:00"), hours("10:00", "11:00")};
  Host day = make_host("day", "UTC", WeeklyHours{});
  day.weekly.on(Weekday::wed) = {hours("11:00", "12:00")};
  const auto open = any_host_working_time({night, day}, local_dates(zone("UTC"), date("2026-12-02"), date("2026-12-02")));
  ASSERT_EQ(open.size(), 2u);
  EXPECT_EQ(open[0], span("2026-12-02T00:00:00Z", "2026-12-02T02:00:00Z"));  // Tuesday's part is cut off
  EXPECT_EQ(open[1], span("2026-12-02T10:00:00Z", "2026-12-02T12:00:00Z"));  // 10–11 and 11–12 touch
  EXPECT_TRUE(any_host_working_time({}, span("2026-12-02T00:00:00Z", "2026-12-03T00:00:00Z")).empty());
}

TEST(RequestsFollowingBookings, AreTheHeldSentAndAcceptedOnes) {
  const auto states = states_following_bookings();
  auto follows = [&](RequestState s) { return std::find(states.begin(), states.end(), s) != states.end(); };
  EXPECT_TRUE(follows(RequestState::pending_send));
  EXPECT_TRUE(follows(RequestState::sent));
  EXPECT_TRUE(follows(RequestState::accepted));  // R-REQ-3: who confirmed hears of a change
  EXPECT_FALSE(follows(RequestState::declined));
  EXPECT_FALSE(follows(RequestState::cancelled));
}

TEST(RequestsFollowingBookings, ABookingIsGoneForThemWhenCancelledOrRejected) {
  EXPECT_TRUE(gone_for_requests(BookingStatus::cancelled));
  EXPECT_TRUE(gone_for_requests(BookingStatus::rejected));
  for (BookingStatus s : {BookingStatus::pending, BookingStatus::approved, BookingStatus::rescheduled,
                          BookingStatus::completed})
    EXPECT_FALSE(gone_for_requests(s)) << to_string(s);
}

TEST(DailyReport, CoversTheLocalDayBefore) {
  EXPECT_EQ(report_date(date("2027-03-28")), date("2027-03-27"));  // Helsinki's spring-forward Sunday
  EXPECT_EQ(report_date(date("2027-03-01")), date("2027-02-28"));
  EXPECT_EQ(report_date(date("2028-01-01")), date("2027-12-31"));
}

}  // namespace
