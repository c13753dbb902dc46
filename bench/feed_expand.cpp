// Expansion of a large calendar feed (docs/BENCHMARKS.md "Calendar feeds"): 5,000
// VEVENTs of which 50 are recurring series (weekly, daily on weekdays, monthly, with
// EXDATEs and moved occurrences), in three zones, expanded with libical over the
// default span (8 days back, 400 ahead). Prints min / median over the runs.
//
// usage: kairos_feed_expand [RUNS]   (default 30)
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "integrations/ical_expand.hpp"
#include "kairos/time_text.hpp"
#include "zoneinfo.hpp"

using namespace kairos;

namespace {

std::string stamp(int y, int m, int d, int hh, int mm) {
  char b[32];
  std::snprintf(b, sizeof b, "%04d%02d%02dT%02d%02d00", y, m, d, hh, mm);
  return b;
}

std::string feed() {
  const char* zones[] = {"Europe/Berlin", "America/New_York", "Asia/Tokyo"};
  std::string s = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\n";
  // 4,950 single events spread over two years, 30–90 minutes each.
  for (int i = 0; i < 4950; ++i) {
    const int day = i % 700;
    const auto date = core::LocalDate::from_days(20454 + day);  // from 2026-01-01
    const int hh = 7 + (i * 7) % 11, mm = (i % 4) * 15;
    const char* z = zones[i % 3];
    s += "BEGIN:VEVENT\r\nUID:single-" + std::to_string(i) + "@bench\r\nDTSTAMP:20261101T000000Z\r\n";
    s += std::string("DTSTART;TZID=") + z + ":" + stamp(date.year(), date.month(), date.day(), hh, mm) + "\r\n";
    s += std::string("DTEND;TZID=") + z + ":" + stamp(date.year(), date.month(), date.day(), hh + 1, mm) + "\r\n";
    s += "SUMMARY:Meeting " + std::to_string(i) + "\r\n";
    if (i % 17 == 0) s += "TRANSP:TRANSPARENT\r\n";
    if (i % 23 == 0) s += "STATUS:CANCELLED\r\n";
    s += "END:VEVENT\r\n";
  }
  // 50 recurring series started a year ago, without end, with exceptions.
  const char* rules[] = {"FREQ=WEEKLY;BYDAY=MO,WE", "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR", "FREQ=MONTHLY;BYMONTHDAY=15",
                         "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR", "FREQ=WEEKLY"};
  for (int k = 0; k < 50; ++k) {
    const char* z = zones[k % 3];
    const std::string uid = "series-" + std::to_string(k) + "@bench";
    s += "BEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTAMP:20261101T000000Z\r\n";
    s += std::string("DTSTART;TZID=") + z + ":" + stamp(2025, 12, 1 + k % 5, 8 + k % 8, 0) + "\r\n";
    s += std::string("DTEND;TZID=") + z + ":" + stamp(2025, 12, 1 + k % 5, 9 + k % 8, 0) + "\r\n";
    s += std::string("RRULE:") + rules[k % 5] + "\r\n";
    s += std::string("EXDATE;TZID=") + z + ":" + stamp(2026, 12, 7, 8 + k % 8, 0) + "\r\n";
    s += "SUMMARY:Series\r\nEND:VEVENT\r\n";
    s += "BEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTAMP:20261101T000000Z\r\n";
    s += std::string("RECURRENCE-ID;TZID=") + z + ":" + stamp(2027, 1, 4, 8 + k % 8, 0) + "\r\n";
    s += std::string("DTSTART;TZID=") + z + ":" + stamp(2027, 1, 5, 13, 0) + "\r\n";
    s += std::string("DTEND;TZID=") + z + ":" + stamp(2027, 1, 5, 14, 0) + "\r\n";
    s += "SUMMARY:Moved\r\nEND:VEVENT\r\n";
  }
  s += "END:VCALENDAR\r\n";
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  const int runs = argc > 1 ? std::atoi(argv[1]) : 30;
  const std::string text = feed();
  const auto from = core::utc_midnight(*core::LocalDate::from_ymd(2020, 1, 1));
  const auto to = core::utc_midnight(*core::LocalDate::from_ymd(2030, 1, 1));
  std::vector<std::shared_ptr<const core::ZoneRules>> zones;
  for (const char* z : {"Europe/Berlin", "America/New_York", "Asia/Tokyo"})
    zones.push_back(std::make_shared<const core::ZoneRules>(zoneinfo::load_zone(z, from, to).value()));
  server::integ::ExpandOptions opt;
  const core::Instant now = core::utc_midnight(*core::LocalDate::from_ymd(2026, 11, 30));
  opt.span = core::Interval{now - core::Days(8), now + core::Days(400)};
  opt.host_zone = zones[0].get();
  opt.zone_of = [&](const std::string& id) -> std::shared_ptr<const core::ZoneRules> {
    if (id == "Europe/Berlin") return zones[0];
    if (id == "America/New_York") return zones[1];
    if (id == "Asia/Tokyo") return zones[2];
    return nullptr;
  };
  // CPU time of this thread as well as wall time: on a shared, loaded machine the wall
  // clock measures the neighbours.
  auto cpu_ms = [] {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1000.0 + static_cast<double>(ts.tv_nsec) / 1e6;
  };
  std::vector<double> ms, cpu;
  std::size_t blocks = 0, events = 0;
  for (int r = 0; r < runs; ++r) {
    const double c0 = cpu_ms();
    const auto t0 = std::chrono::steady_clock::now();
    auto e = server::integ::expand_ics(text, opt);
    const auto t1 = std::chrono::steady_clock::now();
    cpu.push_back(cpu_ms() - c0);
    if (!e) {
      std::fprintf(stderr, "expansion failed: %s\n", e.error().message.c_str());
      return 1;
    }
    blocks = e->blocks.size();
    events = e->events;
    ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
  }
  std::sort(ms.begin(), ms.end());
  std::sort(cpu.begin(), cpu.end());
  // The stepped DAILY/WEEKLY rules must give exactly libical's occurrences.
  auto fast = server::integ::expand_ics(text, opt);
  opt.fast_rules = false;
  const double l0 = cpu_ms();
  auto slow = server::integ::expand_ics(text, opt);
  const double libical_ms = cpu_ms() - l0;
  if (!fast || !slow || fast->blocks != slow->blocks) {
    std::fprintf(stderr, "stepped rules and libical's iterator disagree\n");
    return 1;
  }
  std::printf("feed: %zu bytes, %zu VEVENTs (50 recurring series, 50 moved occurrences) -> %zu busy blocks\n",
              text.size(), events, blocks);
  std::printf("expand_ics over 408 days: min %.1f ms, median %.1f ms, max %.1f ms (%d runs)\n", ms.front(),
              ms[ms.size() / 2], ms.back(), runs);
  std::printf("  thread CPU time: min %.1f ms, median %.1f ms\n", cpu.front(), cpu[cpu.size() / 2]);
  std::printf("  with libical's iterator for every rule (same %zu blocks): %.1f ms CPU\n", slow->blocks.size(), libical_ms);
  return 0;
}
