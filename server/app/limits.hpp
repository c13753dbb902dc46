// Abuse limits per client (the client is the peer address, or X-Forwarded-For behind a
// trusted proxy): booking creations and inquiries per minute, wrong check-in codes per
// ten minutes. Each App owns its limits, so two servers in one process (as some tests
// run them) never share windows; memory stays bounded under a flood of clients.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace kairos::server {

// Fixed one-minute windows; per_minute <= 0 means no limit.
class RateLimiter {
 public:
  explicit RateLimiter(int per_minute) : per_minute_(per_minute) {}
  // True when the client may proceed; `retry_after` (seconds) is set otherwise.
  bool allow(const std::string& client, std::int64_t now_s, int& retry_after);

 private:
  int per_minute_;
  std::mutex mu_;
  struct Window { std::int64_t minute = 0; int count = 0; };
  std::unordered_map<std::string, Window> windows_;
};

// Wrong guesses of a secret code (the reception kiosk's check-in code, R-PROP-9):
// `max_wrong` per client per `window_s`; only wrong guesses count.
class GuessLimiter {
 public:
  GuessLimiter(int max_wrong, std::int64_t window_s) : max_wrong_(max_wrong), window_s_(window_s) {}
  bool allowed(const std::string& client, std::int64_t now_s, int& retry_after);
  void wrong(const std::string& client, std::int64_t now_s);

 private:
  int max_wrong_;
  std::int64_t window_s_;
  std::mutex mu_;
  struct Window { std::int64_t start = 0; int wrong = 0; };
  std::unordered_map<std::string, Window> windows_;
};

struct Limits {
  explicit Limits(int bookings_per_minute)
      : bookings(bookings_per_minute), inquiries(bookings_per_minute), checkin_guesses(10, 600) {}
  RateLimiter bookings;         // POST /v1/pages/{page}/bookings
  RateLimiter inquiries;        // POST /v1/pages/{page}/inquiries, as bookings
  GuessLimiter checkin_guesses; // GET and POST /v1/checkin/{code}: 10 wrong per 10 minutes
};

}  // namespace kairos::server
