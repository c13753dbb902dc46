#include "limits.hpp"

namespace kairos::server {

namespace {
constexpr std::size_t kMaxClients = 100000;  // then forget every window: bounded memory
}

bool RateLimiter::allow(const std::string& client, std::int64_t now_s, int& retry_after) {
  if (per_minute_ <= 0) return true;
  const std::int64_t minute = now_s / 60;
  std::lock_guard lock(mu_);
  if (windows_.size() > kMaxClients) windows_.clear();
  auto& w = windows_[client];
  if (w.minute != minute) w = Window{minute, 0};
  if (w.count >= per_minute_) {
    retry_after = static_cast<int>(60 - now_s % 60);
    return false;
  }
  ++w.count;
  return true;
}

bool GuessLimiter::allowed(const std::string& client, std::int64_t now_s, int& retry_after) {
  std::lock_guard lock(mu_);
  if (windows_.size() > kMaxClients) windows_.clear();
  auto& w = windows_[client];
  if (now_s - w.start >= window_s_) w = Window{now_s, 0};
  if (w.wrong < max_wrong_) return true;
  retry_after = static_cast<int>(window_s_ - (now_s - w.start));
  return false;
}

void GuessLimiter::wrong(const std::string& client, std::int64_t now_s) {
  std::lock_guard lock(mu_);
  auto& w = windows_[client];
  if (now_s - w.start >= window_s_) w = Window{now_s, 0};
  ++w.wrong;
}

}  // namespace kairos::server
