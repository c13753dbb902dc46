// Every quarter hour of wall-clock time, and every quarter hour of UTC, over several
// years in the zones the product must get right: the core's answer (through rules
// built by zoneinfo) must equal date/tz's answer from /usr/share/zoneinfo.
#include <date/tz.h>
#include <gtest/gtest.h>

#include <chrono>

#include "kairos/time_text.hpp"
#include "kairos/zone.hpp"
#include "zoneinfo.hpp"

using namespace kairos;
using core::Instant;

namespace {

const char* kZones[] = {"America/New_York",  "America/Chicago",    "Europe/Helsinki", "Asia/Kolkata",
                        "Australia/Adelaide", "Australia/Lord_Howe", "America/Santiago", "Asia/Tokyo",
                        "Pacific/Kiritimati", "Pacific/Pago_Pago",  "Europe/Budapest", "Europe/Berlin",
                        "Pacific/Chatham",    "Asia/Tehran",        "America/St_Johns", "Africa/Casablanca"};

constexpr std::int64_t kFrom = 1704067200;  // 2024-01-01T00:00:00Z
constexpr std::int64_t kTo = 1830297600;    // 2028-01-01T00:00:00Z

}  // namespace

class TzdbOracle : public ::testing::TestWithParam<const char*> {};

TEST_P(TzdbOracle, LocalToUtcMatchesDateTz) {
  const std::string id = GetParam();
  auto rules = zoneinfo::load_zone(id, Instant::from_unix_seconds(kFrom - 86400 * 2), Instant::from_unix_seconds(kTo + 86400 * 2));
  ASSERT_TRUE(rules.ok()) << rules.error().message;
  const date::time_zone* tz = date::locate_zone(id);
  int gaps = 0, overlaps = 0;
  for (std::int64_t l = kFrom; l < kTo; l += 900) {
    const auto info = tz->get_info(date::local_seconds(std::chrono::seconds(l)));
    const auto ours = rules->lookup(core::LocalDateTime::from_local_seconds(l));
    const std::int64_t first = l - info.first.offset.count();
    switch (info.result) {
      case date::local_info::unique:
        ASSERT_EQ(ours.kind, core::LocalLookup::Kind::unique) << id << " local " << l;
        ASSERT_EQ(ours.first.unix_seconds(), first) << id << " local " << l;
        break;
      case date::local_info::nonexistent:
        ++gaps;
        ASSERT_EQ(ours.kind, core::LocalLookup::Kind::skipped) << id << " local " << l;
        ASSERT_EQ(ours.first.unix_seconds(), first) << id << " local " << l;  // moved forward by the gap
        ASSERT_EQ(ours.transition.unix_seconds(), date::sys_seconds(info.second.begin).time_since_epoch().count());
        break;
      case date::local_info::ambiguous:
        ++overlaps;
        ASSERT_EQ(ours.kind, core::LocalLookup::Kind::repeated) << id << " local " << l;
        ASSERT_EQ(ours.first.unix_seconds(), first) << id << " local " << l;  // earlier instant
        ASSERT_EQ(ours.second.unix_seconds(), l - info.second.offset.count()) << id << " local " << l;
        break;
    }
  }
  RecordProperty("gaps", gaps);
  RecordProperty("overlaps", overlaps);
}

TEST_P(TzdbOracle, UtcToLocalMatchesDateTz) {
  const std::string id = GetParam();
  auto rules = zoneinfo::load_zone(id, Instant::from_unix_seconds(kFrom), Instant::from_unix_seconds(kTo));
  ASSERT_TRUE(rules.ok()) << rules.error().message;
  const date::time_zone* tz = date::locate_zone(id);
  for (std::int64_t t = kFrom; t < kTo; t += 900) {
    const auto info = tz->get_info(date::sys_seconds(std::chrono::seconds(t)));
    const auto& ours = rules->offset_at(Instant::from_unix_seconds(t));
    ASSERT_EQ(ours.utc_offset_seconds, info.offset.count()) << id << " " << t;
    ASSERT_EQ(ours.dst, info.save != std::chrono::minutes(0)) << id << " " << t;
    ASSERT_EQ(ours.abbreviation, info.abbrev) << id << " " << t;
  }
}

TEST(TzdbOracle, RulesPastTheLastListedTransitionComeFromTheFooter) {
  // "Fat" TZif files list transitions up to 2037; later years come from the POSIX
  // footer. date/tz in OS-database mode stops at the last listed transition, so the
  // expectations here are the published rules themselves (US: second Sunday of March
  // to first Sunday of November; Lord Howe: +10:30 / +11 from October to April).
  struct Probe { const char* zone; const char* at; int offset; };
  const Probe probes[] = {
      {"America/New_York", "2040-03-11T06:59:59Z", -5 * 3600}, {"America/New_York", "2040-03-11T07:00:00Z", -4 * 3600},
      {"America/New_York", "2040-11-04T05:59:59Z", -4 * 3600}, {"America/New_York", "2040-11-04T06:00:00Z", -5 * 3600},
      {"Europe/Helsinki", "2040-07-01T00:00:00Z", 3 * 3600},   {"Europe/Helsinki", "2040-12-01T00:00:00Z", 2 * 3600},
      {"Australia/Lord_Howe", "2040-01-15T00:00:00Z", 11 * 3600}, {"Australia/Lord_Howe", "2040-07-01T00:00:00Z", 37800},
  };
  for (const Probe& p : probes) {
    const Instant t = *core::parse_instant(p.at);
    auto rules = zoneinfo::load_zone(p.zone, *core::parse_instant("2039-06-01T00:00:00Z"), *core::parse_instant("2041-06-01T00:00:00Z"));
    ASSERT_TRUE(rules.ok());
    EXPECT_EQ(rules->offset_at(t).utc_offset_seconds, p.offset) << p.zone << " " << p.at;
  }
}

INSTANTIATE_TEST_SUITE_P(Zones, TzdbOracle, ::testing::ValuesIn(kZones),
                         [](const auto& test_info) {
                           std::string n = test_info.param;
                           for (char& c : n) if (c == '/') c = '_';
                           return n;
                         });
