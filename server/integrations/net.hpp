// Outgoing HTTP for calendar feeds and webhooks (libcurl): only http and https, no
// proxies from the environment, bounded in time and size, and never to a loopback,
// link-local, private or otherwise internal address unless allowed
// (--allow-private-targets). The address check runs on the address curl is about to
// connect to (CURLOPT_OPENSOCKETFUNCTION), so DNS answers and redirects cannot slip
// past it.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "kairos/result.hpp"

struct sockaddr;

namespace kairos::server::integ {

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  std::string body;
  long connect_timeout_ms = 5000;
  long timeout_ms = 30000;
  std::size_t max_bytes = 10 * 1024 * 1024;
  int max_redirects = 0;             // http/https only
  bool allow_private = false;
};

struct HttpResult {
  bool transport_ok = false;  // a response arrived (any status)
  long status = 0;
  std::string body;
  std::string etag, last_modified;
  std::string error;           // transport failure, for staff
  bool refused_target = false; // the address was internal and not allowed
  bool too_large = false;
  bool timed_out = false;
};

HttpResult http_request(const HttpRequest& req);

// A libcurl handle kept across requests, so deliveries to one receiver reuse the
// connection (each new connection still passes the address check). One thread.
class HttpSession {
 public:
  HttpSession();
  ~HttpSession();
  HttpSession(const HttpSession&) = delete;
  HttpSession& operator=(const HttpSession&) = delete;
  HttpResult request(const HttpRequest& req);

 private:
  void* curl_ = nullptr;
};

// True for addresses an outgoing request must not reach by default.
bool is_internal_address(const struct sockaddr* addr);
// Checks a target URL when it is configured: http/https, a host, and no internal
// literal address or "localhost" (names are checked again when connecting).
// Errors: invalid_url, private_target.
core::Status check_target_url(const std::string& url, bool allow_private);

// Hex HMAC-SHA256 (webhook signatures).
std::string hmac_sha256_hex(const std::string& key, const std::string& data);

}  // namespace kairos::server::integ
