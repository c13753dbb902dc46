// The server's clock, a service of its own: what "now" is for every rule, mail and
// sweep. --clock-offset shifts it for the whole run; with --test-clock, tests move it on
// (POST /v1/test/clock {"advance_seconds": n}) or freeze it at an instant ({"set": …})
// so they can assert exact times instead of "within a minute".
#pragma once

#include <atomic>
#include <chrono>
#include <climits>
#include <cstdint>

#include "kairos/time.hpp"

namespace kairos::server {

class Clock {
 public:
  explicit Clock(std::int64_t offset_seconds = 0) : base_offset_(offset_seconds) {}

  core::Instant now() const {
    if (auto f = frozen_at_.load(); f != kNotFrozen) return core::Instant::from_unix_seconds(f + offset_.load());
    auto s = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch());
    return core::Instant::from_unix_seconds(s.count() + base_offset_ + offset_.load());
  }
  // Stands still at `at` from now on; advance() still moves it.
  void freeze(core::Instant at) {
    offset_.store(0);
    frozen_at_.store(at.unix_seconds());
  }
  void advance(std::int64_t seconds) { offset_.fetch_add(seconds); }

 private:
  static constexpr std::int64_t kNotFrozen = INT64_MIN;
  const std::int64_t base_offset_;
  std::atomic<std::int64_t> offset_{0};
  std::atomic<std::int64_t> frozen_at_{kNotFrozen};  // unix seconds while frozen
};

}  // namespace kairos::server
