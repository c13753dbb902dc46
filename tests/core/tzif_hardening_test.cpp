// The TZif reader against hostile files and zone ids: counts larger than the file,
// footer numbers that overflow, impossible months, and ids that name folders or the
// database's helper files. Every case answers an error, never a crash or a huge
// allocation.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "kairos/time_text.hpp"
#include "zoneinfo.hpp"

namespace {

using kairos::core::Instant;
using kairos::zoneinfo::is_known_zone;
using kairos::zoneinfo::load_zone;
using kairos::zoneinfo::parse_tzif;

Instant utc(const char* s) { return *kairos::core::parse_instant(s); }

void put32(std::string& out, std::uint32_t v) {
  for (int i = 3; i >= 0; --i) out.push_back(static_cast<char>((v >> (i * 8)) & 0xff));
}
void put64(std::string& out, std::uint64_t v) {
  for (int i = 7; i >= 0; --i) out.push_back(static_cast<char>((v >> (i * 8)) & 0xff));
}

struct Counts {
  std::uint32_t isut = 0, isstd = 0, leap = 0, time = 0, type = 1, chars = 4;
};

std::string header(const Counts& c) {
  std::string h = "TZif2";
  h.append(15, '\0');
  put32(h, c.isut);
  put32(h, c.isstd);
  put32(h, c.leap);
  put32(h, c.time);
  put32(h, c.type);
  put32(h, c.chars);
  return h;
}

// A valid v2 file: one type (UTC offset `off`, "STD"), one transition in 2000, a footer.
std::string tzif(const std::string& footer, std::int32_t off = 3600) {
  Counts c;
  c.time = 1;
  std::string f = header(c);
  put32(f, 946684800u);
  f.push_back('\0');
  put32(f, static_cast<std::uint32_t>(off));
  f.push_back('\0');
  f.push_back('\0');
  f.append("STD", 4);
  f += header(c);
  put64(f, 946684800u);
  f.push_back('\0');
  put32(f, static_cast<std::uint32_t>(off));
  f.push_back('\0');
  f.push_back('\0');
  f.append("STD", 4);
  return f + "\n" + footer + "\n";
}

auto parse(const std::string& bytes) {
  return parse_tzif(bytes, "Test/Zone", utc("2024-01-01T00:00:00Z"), utc("2030-01-01T00:00:00Z"));
}

TEST(TzifHardening, AWellFormedFileStillReads) {
  auto r = parse(tzif("STD-1DST,M3.5.0,M10.5.0/3"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r.value().offset_at(utc("2026-01-15T00:00:00Z")).utc_offset_seconds, 3600);
  EXPECT_EQ(r.value().offset_at(utc("2026-07-15T00:00:00Z")).utc_offset_seconds, 7200);
}

TEST(TzifHardening, CountsLargerThanTheFileAreRefusedBeforeAllocating) {
  Counts huge;
  huge.time = 0xffffffffu;  // 4 G transitions: 32 GiB of times if trusted
  std::string f = header(huge);
  f.append(50, '\0');
  auto r = parse(f);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "unknown_zone");

  Counts many_types;
  many_types.type = 100000;
  EXPECT_FALSE(parse(header(many_types) + std::string(64, '\0')).ok());
}

TEST(TzifHardening, TheSecondHeaderIsCheckedToo) {
  std::string f = tzif("STD-1");
  const std::size_t second = f.find("TZif", 4);
  ASSERT_NE(second, std::string::npos);
  // timecnt of the 64-bit header
  f[second + 32] = '\x7f';
  EXPECT_FALSE(parse(f).ok());
}

TEST(TzifHardening, TruncatedFilesAreRefused) {
  const std::string f = tzif("STD-1DST,M3.5.0,M10.5.0/3");
  for (std::size_t n = 0; n < f.size() - 30; n += 7) EXPECT_FALSE(parse(f.substr(0, n)).ok()) << n;
}

TEST(TzifHardening, FooterNumbersThatWouldOverflowAreIgnored) {
  for (const char* footer : {"STD-99999999999DST,M3.5.0,M10.5.0", "STD-1DST,M3.5.0/99999999999,M10.5.0",
                             "STD-1DST,M99999999999.5.0,M10.5.0", "STD-1DST,J99999999999,J100",
                             "STD-200DST,M3.5.0,M10.5.0", "STD-1:99DST,M3.5.0,M10.5.0"}) {
    auto r = parse(tzif(footer));
    ASSERT_TRUE(r.ok()) << footer;  // the listed transitions are still usable
    EXPECT_EQ(r.value().offset_at(utc("2026-07-15T00:00:00Z")).utc_offset_seconds, 3600) << footer;
  }
}

TEST(TzifHardening, ImpossibleFooterDatesAreIgnored) {
  for (const char* footer : {"STD-1DST,M13.2.0,M11.1.0", "STD-1DST,M0.2.0,M11.1.0", "STD-1DST,M3.6.0,M11.1.0",
                             "STD-1DST,M3.2.7,M11.1.0", "STD-1DST,J0,J100", "STD-1DST,J366,J100",
                             "STD-1DST,400,100"}) {
    auto r = parse(tzif(footer));
    ASSERT_TRUE(r.ok()) << footer;
    EXPECT_EQ(r.value().offset_at(utc("2026-07-15T00:00:00Z")).utc_offset_seconds, 3600) << footer;
  }
}

TEST(TzifHardening, OffsetsBeyondAnyZoneAreCorrupt) {
  EXPECT_FALSE(parse(tzif("STD-1", 200 * 3600)).ok());
  EXPECT_FALSE(parse(tzif("STD-1", INT32_MIN)).ok());
}

TEST(TzifHardening, OnlyRealZoneIdsAreZones) {
  for (const char* id : {"Europe/Berlin", "America/New_York", "UTC", "Etc/GMT+5", "US/Eastern", "Asia/Calcutta"})
    EXPECT_TRUE(is_known_zone(id)) << id;
  for (const char* id : {"Europe", "Asia", "America/Argentina", "localtime", "posixrules", "Factory",
                         "right/Europe/Berlin", "posix/Europe/Berlin", "zone.tab", "tzdata.zi", "leapseconds"})
    EXPECT_FALSE(is_known_zone(id)) << id;
}

TEST(TzifHardening, AFolderIsAnUnknownZoneNotAnException) {
  for (const char* id : {"Europe", "Asia", "America/Argentina", "posix", "right", "localtime", "posixrules"}) {
    auto r = load_zone(id, utc("2025-01-01T00:00:00Z"), utc("2026-01-01T00:00:00Z"));
    ASSERT_FALSE(r.ok()) << id;
    EXPECT_EQ(r.error().code, "unknown_zone") << id;
  }
}

}  // namespace
