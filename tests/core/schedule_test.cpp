// Host schedules and event policies: the civil rules before any slot is cut, and the
// cached local clock the grid relies on (it must answer exactly as ZoneRules does).
#include "kairos/schedule.hpp"

#include <gtest/gtest.h>

#include "kairos/local_clock.hpp"
#include "kairos/policy.hpp"
#include "slot_fixtures.hpp"

using namespace kairos::core;
using namespace kairos::testing;

namespace {

TEST(WeeklyHours, StandardIsMondayToFridayNineToFive) {
  const WeeklyHours w = WeeklyHours::standard();
  for (Weekday d : {Weekday::mon, Weekday::tue, Weekday::wed, Weekday::thu, Weekday::fri}) {
    ASSERT_EQ(w.on(d).size(), 1u);
    EXPECT_EQ(w.on(d)[0], hours("09:00", "17:00"));
  }
  EXPECT_TRUE(w.on(Weekday::sat).empty());
  EXPECT_TRUE(w.on(Weekday::sun).empty());
  EXPECT_EQ(Host{}.weekly, w);  // a host without hours gets the default
}

TEST(Schedule, OverrideReplacesTheWeekdayHours) {
  Host h = make_host("ana", "America/New_York");
  h.overrides = {DateOverride{date("2026-12-24"), {}}, DateOverride{date("2026-12-26"), {hours("10:00", "12:00")}}};
  EXPECT_TRUE(hours_on(h, date("2026-12-24")).empty());                      // Thursday, day off
  EXPECT_EQ(hours_on(h, date("2026-12-23")), h.weekly.on(Weekday::wed));     // untouched
  EXPECT_EQ(hours_on(h, date("2026-12-26")).at(0), hours("10:00", "12:00"));  // a Saturday opened
}

TEST(Schedule, WorkingTimeJoinsHoursAcrossMidnightAndFollowsDst) {
  Host h = make_host("ana", "America/New_York", WeeklyHours{});
  h.weekly.on(Weekday::sat) = {hours("20:00", "24:00")};
  h.weekly.on(Weekday::sun) = {hours("00:00", "04:00"), hours("22:00", "02:00")};
  // Saturday 2026-03-07 20:00 EST .. Sunday 04:00 EDT is one stretch of 7 elapsed hours
  // (the 02:00 -> 03:00 jump swallows one), then Sunday 22:00 .. Monday 02:00 EDT.
  const auto w = working_time(h, span("2026-03-07T00:00:00Z", "2026-03-10T00:00:00Z"));
  ASSERT_EQ(w.size(), 2u);
  EXPECT_EQ(w[0], span("2026-03-08T01:00:00Z", "2026-03-08T08:00:00Z"));
  EXPECT_EQ(w[1], span("2026-03-09T02:00:00Z", "2026-03-09T06:00:00Z"));
}

TEST(Schedule, AllDayBusyBlockIsTheHostsLocalDate) {
  const auto z = zone("America/Santiago");
  // 2026-09-06 starts at 01:00 (midnight is skipped) and lasts 23 hours.
  EXPECT_EQ(busy_interval(BusyBlock::whole_day(date("2026-09-06")), z),
            span("2026-09-06T04:00:00Z", "2026-09-07T03:00:00Z"));
  const Interval timed = span("2026-09-06T10:00:00Z", "2026-09-06T11:00:00Z");
  EXPECT_EQ(busy_interval(BusyBlock::timed(timed), z), timed);
}

TEST(Schedule, ValidateRejectsHoursOutsideTheDay) {
  Host h = make_host("ana", "UTC");
  EXPECT_TRUE(validate(h).ok());
  h.weekly.on(Weekday::mon) = {LocalInterval{LocalTime::from_seconds(86400), hm("10:00")}};
  EXPECT_EQ(validate(h).error().code, "invalid_hours");
  EXPECT_EQ(validate(h).error().field, "weekly_hours");
  h.id.clear();
  EXPECT_EQ(validate(h).error().code, "invalid_host");
  EXPECT_EQ(validate(h).error().field, "id");
}

TEST(EventPolicy, ValidateNamesTheFieldAtFault) {
  struct Case {
    void (*edit)(EventPolicy&);
    const char* code;
    const char* field;
  };
  const Case cases[] = {
      {[](EventPolicy& p) { p.duration = Minutes(0); }, "invalid_duration", "duration_minutes"},
      {[](EventPolicy& p) { p.duration = Minutes(1441); }, "invalid_duration", "duration_minutes"},
      {[](EventPolicy& p) { p.interval = Minutes(-5); }, "invalid_interval", "slot_interval_minutes"},
      {[](EventPolicy& p) { p.buffer_before = Minutes(-1); }, "invalid_buffer", "buffer_before_minutes"},
      {[](EventPolicy& p) { p.buffer_after = Minutes(-1); }, "invalid_buffer", "buffer_after_minutes"},
      {[](EventPolicy& p) { p.min_notice = Minutes(-1); }, "invalid_min_notice", "min_notice_minutes"},
      {[](EventPolicy& p) { p.window = BookingWindow::rolling(0); }, "invalid_window", "window.rolling_days"},
      {[](EventPolicy& p) { p.window = BookingWindow::between(date("2026-03-02"), date("2026-03-01")); },
       "invalid_window", "window.to"},
      {[](EventPolicy& p) { p.limits.per_day = 0; }, "invalid_limit", "limits.per_day"},
      {[](EventPolicy& p) { p.limits.per_week = -2; }, "invalid_limit", "limits.per_week"},
      {[](EventPolicy& p) { p.room_ids = {"r1", "r1"}; }, "invalid_rooms", "rooms"},
  };
  EventPolicy base;
  EXPECT_TRUE(validate(base).ok());
  for (const Case& c : cases) {
    EventPolicy p = base;
    c.edit(p);
    const Status s = validate(p);
    ASSERT_FALSE(s.ok()) << c.code;
    EXPECT_EQ(s.error().code, c.code);
    EXPECT_EQ(s.error().field, c.field);
  }
}

TEST(EventPolicy, StepDefaultsToTheDuration) {
  EventPolicy p;
  p.duration = Minutes(40);
  EXPECT_EQ(p.step(), Minutes(40));
  p.interval = Minutes(15);
  EXPECT_EQ(p.step(), Minutes(15));
}

TEST(LocalClock, AgreesWithZoneRulesEverywhere) {
  // Every 15 minutes of three years, in zones with gaps, overlaps, half hours and
  // midnight changes: the cache must never answer differently from the table.
  for (const char* id : {"America/New_York", "America/Santiago", "Australia/Lord_Howe", "Asia/Kolkata",
                         "Pacific/Apia", "Europe/Helsinki"}) {
    const ZoneRules z = zone(id);
    LocalClock clock(z);
    const auto from = local("2025-01-01T00:00");
    int mismatches = 0;
    for (std::int64_t m = 0; m < 3 * 366 * 24 * 4; ++m) {
      const LocalDateTime l = from + Seconds(m * 900 + (m % 7) * 60);
      Instant got[2];
      const int n = clock.resolve(l, got);
      const LocalLookup want = z.lookup(l);
      const int want_n = want.kind == LocalLookup::Kind::skipped ? 0 : want.kind == LocalLookup::Kind::repeated ? 2 : 1;
      bool same = n == want_n && (n < 1 || got[0] == want.first) && (n < 2 || got[1] == want.second);
      same = same && clock.to_instant(l) == z.to_instant(l);
      const Instant t = Instant::from_unix_seconds(l.local_seconds());
      same = same && clock.to_local(t) == z.to_local(t);
      if (!same && ++mismatches < 5) ADD_FAILURE() << id << " " << format_local(l);
      // A claimed single offset over the next 10 hours must hold at every point of it.
      std::int64_t offset = 0;
      if (m % 97 == 0 && clock.single_offset(l, l + Seconds(36000), offset)) {
        for (std::int64_t k = 0; k <= 36000; k += 1800) {
          const LocalLookup r = z.lookup(l + Seconds(k));
          if (r.kind != LocalLookup::Kind::unique || r.first.unix_seconds() != l.local_seconds() + k - offset) {
            ++mismatches;
          }
        }
      }
    }
    EXPECT_EQ(mismatches, 0) << id;
  }
}

}  // namespace
