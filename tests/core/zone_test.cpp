// Zone conversions through ZoneRules built from the OS tz database. Expected values are
// facts of the zones (published DST dates), not outputs of this code; the native
// tests/tz suite also checks every conversion against Howard Hinnant's date/tz.
#include "kairos/zone.hpp"

#include <gtest/gtest.h>

#include "test_zones.hpp"

using namespace kairos::core;
using namespace kairos::testing;
using Kind = LocalLookup::Kind;

namespace {

struct Case {
  const char* zone;
  const char* local;
  Kind kind;
  const char* first;   // resolved instant (policy)
  const char* second;  // later instant when repeated
};

const Case kCases[] = {
    {"America/New_York", "2025-03-09T01:59", Kind::unique, "2025-03-09T06:59:00Z", nullptr},
    {"America/New_York", "2025-03-09T02:30", Kind::skipped, "2025-03-09T07:30:00Z", nullptr},  // 03:30 EDT
    {"America/New_York", "2025-03-09T03:00", Kind::unique, "2025-03-09T07:00:00Z", nullptr},
    {"America/New_York", "2026-11-01T01:30", Kind::repeated, "2026-11-01T05:30:00Z", "2026-11-01T06:30:00Z"},
    {"America/New_York", "2026-11-01T02:00", Kind::unique, "2026-11-01T07:00:00Z", nullptr},
    {"America/Chicago", "2025-03-09T02:15", Kind::skipped, "2025-03-09T08:15:00Z", nullptr},
    {"America/Chicago", "2025-11-02T01:15", Kind::repeated, "2025-11-02T06:15:00Z", "2025-11-02T07:15:00Z"},
    {"Europe/Helsinki", "2025-03-30T03:30", Kind::skipped, "2025-03-30T01:30:00Z", nullptr},
    {"Europe/Helsinki", "2025-10-26T03:30", Kind::repeated, "2025-10-26T00:30:00Z", "2025-10-26T01:30:00Z"},
    {"Asia/Kolkata", "2025-05-01T09:00", Kind::unique, "2025-05-01T03:30:00Z", nullptr},
    {"Australia/Adelaide", "2025-10-05T02:30", Kind::skipped, "2025-10-04T17:00:00Z", nullptr},
    {"Australia/Adelaide", "2025-04-06T02:30", Kind::repeated, "2025-04-05T16:00:00Z", "2025-04-05T17:00:00Z"},
    {"Australia/Lord_Howe", "2025-10-05T02:15", Kind::skipped, "2025-10-04T15:45:00Z", nullptr},
    {"Australia/Lord_Howe", "2025-04-06T01:45", Kind::repeated, "2025-04-05T14:45:00Z", "2025-04-05T15:15:00Z"},
    {"America/Santiago", "2024-09-08T00:00", Kind::skipped, "2024-09-08T04:00:00Z", nullptr},  // 01:00 -03
    {"America/Santiago", "2025-04-05T23:30", Kind::repeated, "2025-04-06T02:30:00Z", "2025-04-06T03:30:00Z"},
    {"Asia/Tokyo", "2026-03-09T09:00", Kind::unique, "2026-03-09T00:00:00Z", nullptr},
    {"Pacific/Kiritimati", "2026-01-01T00:00", Kind::unique, "2025-12-31T10:00:00Z", nullptr},
};

}  // namespace

TEST(ZoneRules, ResolvesWallClockTimesPerDocumentedPolicy) {
  for (const Case& c : kCases) {
    SCOPED_TRACE(std::string(c.zone) + " " + c.local);
    const ZoneRules z = zone(c.zone);
    const LocalLookup r = z.lookup(local(c.local));
    EXPECT_EQ(to_string(r.kind), std::string(to_string(c.kind)));
    EXPECT_EQ(format_instant(r.first), c.first);
    EXPECT_EQ(z.to_instant(local(c.local)), utc(c.first));
    if (c.second) {
      EXPECT_EQ(format_instant(r.second), c.second);
    }
  }
}

TEST(ZoneRules, SkippedTimeMovesForwardByTheGap) {
  const ZoneRules ny = zone("America/New_York");
  EXPECT_EQ(format_local(ny.to_local(ny.to_instant(local("2025-03-09T02:30")))), "2025-03-09T03:30:00");
  const ZoneRules lh = zone("Australia/Lord_Howe");  // 30-minute gap
  EXPECT_EQ(format_local(lh.to_local(lh.to_instant(local("2025-10-05T02:15")))), "2025-10-05T02:45:00");
}

TEST(ZoneRules, StartOfDayFollowsAGapThatSwallowsMidnight) {
  const ZoneRules scl = zone("America/Santiago");
  EXPECT_EQ(format_instant(scl.start_of_day(date("2024-09-08")), scl), "2024-09-08T01:00:00-03:00");
  EXPECT_EQ(format_instant(scl.start_of_day(date("2024-09-09")), scl), "2024-09-09T00:00:00-03:00");
}

TEST(ZoneRules, UtcToLocalRoundTripsEveryQuarterHourOfAYear) {
  for (const char* id : {"America/New_York", "Australia/Lord_Howe", "America/Santiago", "Asia/Kolkata"}) {
    const ZoneRules z = zone(id);
    for (Instant t = utc("2025-01-01T00:00:00Z"); t < utc("2026-01-01T00:00:00Z"); t += Minutes(15)) {
      const LocalLookup r = z.lookup(z.to_local(t));
      ASSERT_TRUE(r.first == t || r.second == t) << id << " " << format_instant(t);
      ASSERT_NE(r.kind, LocalLookup::Kind::skipped) << id << " " << format_instant(t);
    }
  }
}

TEST(ZoneRules, HalfHourAndFarEastOffsets) {
  EXPECT_EQ(zone("Asia/Kolkata").offset_at(utc("2026-01-01T00:00:00Z")).utc_offset_seconds, 19800);
  EXPECT_EQ(zone("Pacific/Kiritimati").offset_at(utc("2026-01-01T00:00:00Z")).utc_offset_seconds, 14 * 3600);
  const ZoneRules adl = zone("Australia/Adelaide");
  EXPECT_EQ(adl.offset_at(utc("2026-07-01T00:00:00Z")).utc_offset_seconds, 34200);
  EXPECT_EQ(adl.offset_at(utc("2026-01-01T00:00:00Z")).utc_offset_seconds, 37800);
}

TEST(ZoneRules, RefusesUnknownOrEscapingZoneIds) {
  using kairos::zoneinfo::load_zone;
  for (const char* bad : {"Mars/Olympus", "../etc/passwd", "America/../../etc", "", "America/New York"}) {
    auto r = load_zone(bad, utc("2025-01-01T00:00:00Z"), utc("2026-01-01T00:00:00Z"));
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, "unknown_zone");
  }
}

TEST(ZoneRules, MakeRejectsUnorderedTransitions) {
  auto r = ZoneRules::make("X/Y", {}, {{utc("2025-02-01T00:00:00Z"), {3600, true, "A"}}, {utc("2025-01-01T00:00:00Z"), {0, false, "B"}}});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "invalid_zone");
}
