// Metrics collection and the text exposition format 0.0.4.
#include "metrics.hpp"

#include <cstdio>

namespace kairos::server::http {

std::string prom_label(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}

void Metrics::observe(const std::string& method, const std::string& route, int status, double seconds) {
  std::lock_guard lock(mu_);
  auto it = routes_.find(route);
  if (it == routes_.end()) it = routes_.emplace(route, RouteStats{}).first;
  ++it->second.requests[{method, status}];
  auto& h = it->second.latency;
  for (std::size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++h.buckets[i];
  ++h.count;
  h.sum += seconds;
}

void Metrics::render(std::string& out) const {
  std::lock_guard lock(mu_);
  out += "# HELP kairos_http_requests_total HTTP requests by method, route and status.\n";
  out += "# TYPE kairos_http_requests_total counter\n";
  for (const auto& [route, stats] : routes_)
    for (const auto& [k, n] : stats.requests)
      out += "kairos_http_requests_total{method=\"" + prom_label(k.first) + "\",route=\"" + prom_label(route) +
             "\",status=\"" + std::to_string(k.second) + "\"} " + std::to_string(n) + "\n";
  out += "# HELP kairos_http_request_duration_seconds Time from request parsed to response written.\n";
  out += "# TYPE kairos_http_request_duration_seconds histogram\n";
  char buf[64];
  for (const auto& [route, stats] : routes_) {
    const Histogram& h = stats.latency;
    std::string lbl = "route=\"" + prom_label(route) + "\"";
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      std::snprintf(buf, sizeof buf, "%g", kBuckets[i]);
      out += "kairos_http_request_duration_seconds_bucket{" + lbl + ",le=\"" + buf + "\"} " +
             std::to_string(h.buckets[i]) + "\n";
    }
    out += "kairos_http_request_duration_seconds_bucket{" + lbl + ",le=\"+Inf\"} " + std::to_string(h.count) + "\n";
    std::snprintf(buf, sizeof buf, "%.6f", h.sum);
    out += "kairos_http_request_duration_seconds_sum{" + lbl + "} " + buf + "\n";
    out += "kairos_http_request_duration_seconds_count{" + lbl + "} " + std::to_string(h.count) + "\n";
  }
}

}  // namespace kairos::server::http
