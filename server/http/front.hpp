// Everything every request goes through, in one place: route matching, owner
// authentication, the body limit, CORS, security headers, metrics, the access log,
// draining at shutdown, and the guarantee that no exception or internal text leaves the
// server (an unexpected failure becomes a generic 500 problem and a log line).
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "http_types.hpp"
#include "metrics.hpp"
#include "router.hpp"

namespace kairos::server::http {

struct FrontOptions {
  std::vector<std::string> cors_origins;  // "*" allows any origin
  std::size_t body_limit = 64 * 1024;
  bool https = false;                     // adds Strict-Transport-Security
  // Behind a reverse proxy every peer is the proxy: take the client from the last
  // address the proxy appended to X-Forwarded-For (the rate limit counts clients).
  bool trust_proxy = false;
};

// Returns the account id that owns an API key, or nullopt.
using KeyResolver = std::function<std::optional<std::string>(const std::string& api_key)>;

// Authenticates a request to an owner route (API key or session cookie) and sets its
// account, staff and role; returns the refusal to send instead, or nullopt.
using Authenticator = std::function<std::optional<Response>(Request& req)>;

class Front {
 public:
  Front(FrontOptions opts, const Router& router, Metrics& metrics, KeyResolver keys);
  // Replaces the API-key-only check of owner routes (the staff console's sessions).
  void set_authenticator(Authenticator a) { auth_ = std::move(a); }

  // Answers through `done`: at once for most routes, later and possibly from another
  // thread for asynchronous ones (Router::add_async), which hold no thread meanwhile.
  void handle(std::shared_ptr<Request> req, Reply done);
  // The same, waiting for an asynchronous answer.
  Response handle(Request& req);
  // Answers with `res` without routing (requests the adapter already knows are bad),
  // still adding the common headers, metrics and the log line.
  Response reject(Request& req, Response res);

  // Shutdown: new requests get 503; wait_idle blocks until in-flight ones finish.
  void start_draining() { draining_ = true; }
  bool wait_idle(int max_ms) const;

 private:
  // Returns the answer, or sets `deferred` to the asynchronous route that will give it.
  Response dispatch(Request& req, const Route** deferred);
  Response finish(Request& req, Response res, std::chrono::steady_clock::time_point t0);
  void add_common_headers(const Request& req, Response& res) const;
  bool origin_allowed(const std::string& origin) const;

  FrontOptions opts_;
  const Router& router_;
  Metrics& metrics_;
  KeyResolver keys_;
  Authenticator auth_;
  std::atomic<bool> draining_{false};
  std::atomic<int> inflight_{0};
};

// Extracts the bearer credential of an Authorization header ("" when absent).
std::string bearer_token(const Request& req);

}  // namespace kairos::server::http
