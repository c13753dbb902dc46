// Prometheus text-format metrics (prometheus-cpp is not packaged in Debian): request
// counts by route and status, a latency histogram by route, plus gauges the caller
// supplies at scrape time (bookings by status, outbox depth).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

namespace kairos::server::http {

class Metrics {
 public:
  static constexpr std::array<double, 11> kBuckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                   0.05,   0.1,   0.25,   0.5,   1.0};
  void observe(const std::string& method, const std::string& route, int status, double seconds);
  // Appends the HTTP families to `out`.
  void render(std::string& out) const;

 private:
  struct Histogram {
    std::array<std::uint64_t, kBuckets.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  struct RouteStats {
    std::map<std::pair<std::string, int>, std::uint64_t> requests;  // (method, status) → count
    Histogram latency;
  };
  std::map<std::string, RouteStats, std::less<>> routes_;
};

// Escapes a label value for the text format.
std::string prom_label(const std::string& v);

}  // namespace kairos::server::http
