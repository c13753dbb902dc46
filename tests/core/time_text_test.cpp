#include "kairos/time_text.hpp"

#include <gtest/gtest.h>

#include "test_zones.hpp"

using namespace kairos::core;

TEST(TimeText, ParsesInstantsWithOffsetsAndFractions) {
  EXPECT_EQ(parse_instant("2026-03-09T14:00:00Z")->unix_seconds(), 1773064800);
  EXPECT_EQ(*parse_instant("2026-03-09T09:00:00-05:00"), *parse_instant("2026-03-09T14:00:00Z"));
  EXPECT_EQ(*parse_instant("2026-03-09T19:30:00.123+05:30"), *parse_instant("2026-03-09T14:00:00Z"));
}

TEST(TimeText, RejectsMalformedInstantsWithStableCode) {
  for (const char* bad : {"", "2026-03-09", "2026-03-09T14:00:00", "2026-02-30T10:00:00Z", "2026-03-09T25:00:00Z",
                          "2026-03-09T14:00:00+5", "2026-03-09T14:00:00Zjunk", "2026-03-09T14:00:00.Z", "x026-03-09T14:00:00Z"}) {
    auto r = parse_instant(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, "invalid_instant") << bad;
  }
}

TEST(TimeText, FormatsInstantsInUtcAndInAZone) {
  const auto t = *parse_instant("2026-11-01T05:30:00Z");
  EXPECT_EQ(format_instant(t), "2026-11-01T05:30:00Z");
  EXPECT_EQ(format_instant(t, kairos::testing::zone("America/New_York")), "2026-11-01T01:30:00-04:00");
  EXPECT_EQ(format_instant(t + Seconds(3600), kairos::testing::zone("America/New_York")), "2026-11-01T01:30:00-05:00");
}

TEST(TimeText, DatesAndTimesAreStrict) {
  EXPECT_EQ(format_date(*parse_date("2026-12-24")), "2026-12-24");
  EXPECT_EQ(parse_date("2026-2-4").error().code, "invalid_date");
  EXPECT_EQ(parse_date("2026-02-30").error().code, "invalid_date");
  EXPECT_EQ(format_time(*parse_time("09:15")), "09:15");
  EXPECT_EQ(parse_time("24:00").error().code, "invalid_time");
  EXPECT_TRUE(parse_time("24:00", true).ok());
  EXPECT_EQ(parse_time("9:15").error().code, "invalid_time");
}
