// The benchmark scenario of the slot engine (issue 3): one month of slots for a page
// with 3 hosts in any mode (New York, Chicago, Denver; Mon–Fri 09:00–17:00), 30-minute
// event on a 15-minute grid with 10/5-minute buffers, 40 existing bookings with their
// own buffers, and N busy blocks (15–120 min, anywhere in the month, round-robin over
// the hosts). Busy blocks are sorted by start, as the store returns them; `shuffled`
// reverses each host's list to measure unsorted input. Deterministic (fixed seed).
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>

#include "kairos/slots.hpp"
#include "kairos/time_text.hpp"
#include "zoneinfo.hpp"

namespace kairos::bench {

struct Scenario {
  core::AvailabilityInputs inputs;
  core::Interval range;
};

inline core::Instant at(const char* text) { return core::parse_instant(text).value_or(core::Instant()); }

inline Scenario make_scenario(int busy_blocks, bool shuffled = false) {
  using namespace kairos::core;
  Scenario s;
  s.range = Interval{at("2026-04-01T04:00:00Z"), at("2026-05-01T04:00:00Z")};  // April in New York
  AvailabilityInputs& in = s.inputs;
  in.now = at("2026-03-31T12:00:00Z");
  in.mode = HostMode::any;
  in.policy.id = "consult";
  in.policy.duration = Minutes(30);
  in.policy.interval = Minutes(15);
  in.policy.buffer_before = Minutes(10);
  in.policy.buffer_after = Minutes(5);
  const char* zones[] = {"America/New_York", "America/Chicago", "America/Denver"};
  for (int h = 0; h < 3; ++h) {
    Host host;
    host.id = "host-" + std::to_string(h + 1);
    auto z = zoneinfo::load_zone(zones[h], at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z"));
    host.zone = z.ok() ? std::move(z).value() : ZoneRules::fixed("UTC", 0);
    in.hosts.push_back(std::move(host));
  }
  std::uint64_t seed = 12345;
  auto next = [&seed](std::int64_t n) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::int64_t>((seed >> 33) % static_cast<std::uint64_t>(n));
  };
  const std::int64_t month = s.range.end.unix_seconds() - s.range.start.unix_seconds();
  for (int b = 0; b < busy_blocks; ++b) {
    const Instant start = s.range.start + Seconds(300 * next(month / 300));
    in.hosts[static_cast<std::size_t>(b % 3)].busy.push_back(
        BusyBlock::timed({start, start + Seconds(60 * (15 + next(106)))}));
  }
  for (Host& h : in.hosts) {
    std::sort(h.busy.begin(), h.busy.end(), [](const BusyBlock& a, const BusyBlock& b) { return a.when < b.when; });
    if (shuffled) std::reverse(h.busy.begin(), h.busy.end());
  }
  for (int b = 0; b < 40; ++b) {
    const Instant start = s.range.start + Seconds(900 * next(month / 900));
    in.bookings.push_back(ExistingBooking{"b" + std::to_string(b), {in.hosts[static_cast<std::size_t>(b % 3)].id}, {},
                                          {start, start + Seconds(1800)}, Minutes(10), Minutes(5)});
  }
  return s;
}

}  // namespace kairos::bench
