// Test helpers: real zone rules from the OS tz database (natively and, through
// Node's file system, in the wasm build), and terse constructors for time values.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "kairos/time_text.hpp"
#include "kairos/zone.hpp"
#include "zoneinfo.hpp"

namespace kairos::testing {

inline core::LocalDate date(const std::string& s) {
  auto r = core::parse_date(s);
  EXPECT_TRUE(r.ok()) << s;
  return r.value_or(core::LocalDate());
}

inline core::LocalTime hm(const std::string& s) {
  auto r = core::parse_time(s, true);
  EXPECT_TRUE(r.ok()) << s;
  return r.value_or(core::LocalTime());
}

// "2025-03-09T02:30" as a wall-clock time.
inline core::LocalDateTime local(const std::string& s) { return core::LocalDateTime(date(s.substr(0, 10)), hm(s.substr(11, 5))); }

inline core::Instant utc(const std::string& s) {
  auto r = core::parse_instant(s);
  EXPECT_TRUE(r.ok()) << s;
  return r.value_or(core::Instant());
}

// Rules of `id` for 2023-01-01 .. 2029-01-01, from /usr/share/zoneinfo.
inline core::ZoneRules zone(const std::string& id) {
  auto r = zoneinfo::load_zone(id, utc("2023-01-01T00:00:00Z"), utc("2029-01-01T00:00:00Z"));
  EXPECT_TRUE(r.ok()) << id << ": " << (r.ok() ? "" : r.error().message);
  return r.value_or(core::ZoneRules::fixed("UTC", 0));
}

}  // namespace kairos::testing
