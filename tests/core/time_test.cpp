#include "kairos/time.hpp"

#include <gtest/gtest.h>

#include "test_zones.hpp"

using namespace kairos::core;
using kairos::testing::date;

TEST(LocalDate, RoundTripsCivilFieldsAcrossCenturies) {
  // Years 1 ..= 9999.
  for (int days = -719162; days <= 2932896; days += 997) {
    const LocalDate d = LocalDate::from_days(days);
    auto back = LocalDate::from_ymd(d.year(), d.month(), d.day());
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(back->days_since_epoch(), days);
  }
}

TEST(LocalDate, RejectsDatesThatDoNotExist) {
  EXPECT_FALSE(LocalDate::from_ymd(2026, 2, 29).has_value());
  EXPECT_TRUE(LocalDate::from_ymd(2028, 2, 29).has_value());
  EXPECT_FALSE(LocalDate::from_ymd(2100, 2, 29).has_value());
  EXPECT_TRUE(LocalDate::from_ymd(2000, 2, 29).has_value());
  EXPECT_FALSE(LocalDate::from_ymd(2026, 13, 1).has_value());
  EXPECT_FALSE(LocalDate::from_ymd(2026, 4, 31).has_value());
}

TEST(LocalDate, KnowsTheWeekday) {
  EXPECT_EQ(date("1970-01-01").weekday(), Weekday::thu);
  EXPECT_EQ(date("2026-11-22").weekday(), Weekday::sun);
  EXPECT_EQ(date("2025-03-09").weekday(), Weekday::sun);
  EXPECT_EQ(date("1969-12-29").weekday(), Weekday::mon);
}

TEST(LocalDateTime, SplitsIntoDateAndTimeBeforeTheEpoch) {
  const auto t = LocalDateTime::from_local_seconds(-1);
  EXPECT_EQ(t.date(), date("1969-12-31"));
  EXPECT_EQ(t.time().seconds_of_day(), 86399);
}

TEST(LocalTime, AllowsTwentyFourOnlyAsEndOfDay) {
  EXPECT_TRUE(LocalTime::from_hms(24, 0).has_value());
  EXPECT_FALSE(LocalTime::from_hms(24, 1).has_value());
  EXPECT_FALSE(LocalTime::from_hms(23, 60).has_value());
}

TEST(Interval, IsHalfOpen) {
  const Interval a{Instant::from_unix_seconds(0), Instant::from_unix_seconds(60)};
  const Interval b{Instant::from_unix_seconds(60), Instant::from_unix_seconds(120)};
  EXPECT_FALSE(a.overlaps(b));
  EXPECT_TRUE(a.contains(Instant::from_unix_seconds(0)));
  EXPECT_FALSE(a.contains(Instant::from_unix_seconds(60)));
  const Interval c{Instant::from_unix_seconds(0), Instant::from_unix_seconds(61)};
  EXPECT_TRUE(c.overlaps(b));
}
