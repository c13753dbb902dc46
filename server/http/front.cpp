// The request pipeline shared by every route.
#include "front.hpp"

#include <chrono>
#include <exception>
#include <future>
#include <thread>

#include "log.hpp"

namespace kairos::server::http {

Front::Front(FrontOptions opts, const Router& router, Metrics& metrics, KeyResolver keys)
    : opts_(std::move(opts)), router_(router), metrics_(metrics), keys_(std::move(keys)) {}

std::string bearer_token(const Request& req) {
  const std::string* h = req.header("authorization");
  if (!h) return {};
  std::string_view v = *h;
  while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
  if (v.size() < 7) return {};
  std::string scheme(v.substr(0, 7));
  for (auto& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (scheme != "bearer ") return {};
  v.remove_prefix(7);
  while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
  while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
  return std::string(v);
}

bool Front::origin_allowed(const std::string& origin) const {
  for (const auto& o : opts_.cors_origins)
    if (o == "*" || o == origin) return true;
  return false;
}

bool Front::wait_idle(int max_ms) const {
  for (int waited = 0; waited < max_ms; waited += 10) {
    if (inflight_.load() == 0) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return inflight_.load() == 0;
}

void Front::handle(std::shared_ptr<Request> reqp, Reply done) {
  auto t0 = std::chrono::steady_clock::now();
  ++inflight_;
  Request& req = *reqp;
  const Route* deferred = nullptr;
  Response res;
  try {
    res = dispatch(req, &deferred);
  } catch (const Fault& f) {
    log::error("unhandled fault", {{"route", req.route}, {"error", f.what()}});
    res = problem(f.error);
    deferred = nullptr;
  } catch (const std::exception& e) {
    log::error("unhandled exception", {{"route", req.route}, {"error", e.what()}});
    res = problem(500, "internal_error", "The server could not complete the request.");
    deferred = nullptr;
  } catch (...) {
    log::error("unhandled exception", {{"route", req.route}});
    res = problem(500, "internal_error", "The server could not complete the request.");
    deferred = nullptr;
  }
  if (!deferred) {
    --inflight_;
    done(finish(req, std::move(res), t0));
    return;
  }
  auto answered = std::make_shared<std::atomic<bool>>(false);
  Reply reply = [this, reqp, t0, done = std::move(done), answered](Response r) {
    if (answered->exchange(true)) return;  // once only
    if (reqp->method == "HEAD") {
      r.body.clear();
      r.shared_body.reset();
      r.body_file.reset();
    }
    --inflight_;
    done(finish(*reqp, std::move(r), t0));
  };
  try {
    deferred->async_handler(req, reply);
  } catch (const Fault& f) {
    log::error("unhandled fault", {{"route", req.route}, {"error", f.what()}});
    reply(problem(f.error));
  } catch (const std::exception& e) {
    log::error("unhandled exception", {{"route", req.route}, {"error", e.what()}});
    reply(problem(500, "internal_error", "The server could not complete the request."));
  } catch (...) {
    log::error("unhandled exception", {{"route", req.route}});
    reply(problem(500, "internal_error", "The server could not complete the request."));
  }
}

Response Front::handle(Request& req) {
  std::shared_ptr<Request> alias(std::shared_ptr<Request>(), &req);  // not owned
  std::promise<Response> answer;
  auto fut = answer.get_future();
  handle(alias, [&answer](Response r) { answer.set_value(std::move(r)); });
  return fut.get();
}

Response Front::reject(Request& req, Response res) { return finish(req, std::move(res), std::chrono::steady_clock::now()); }

Response Front::finish(Request& req, Response res, std::chrono::steady_clock::time_point t0) {
  add_common_headers(req, res);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const std::string route = req.route.empty() ? std::string("unmatched") : req.route;
  metrics_.observe(req.method, route, res.status, secs);
  log::access(req.method, req.path, route, res.status, secs * 1000.0, req.client);
  return res;
}

Response Front::dispatch(Request& req, const Route** deferred) {
  if (draining_) return problem(503, "unavailable", "The server is shutting down.");
  if (opts_.trust_proxy) {
    if (const std::string* xff = req.header("x-forwarded-for")) {
      std::string_view v = *xff;
      auto comma = v.rfind(',');
      if (comma != std::string_view::npos) v.remove_prefix(comma + 1);
      while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
      while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
      if (!v.empty() && v.size() <= 64) req.client = std::string(v);
    }
  }

  if (req.method == "OPTIONS") {  // CORS preflight for any known path
    auto m = router_.match("GET", req.path);
    if (!m.route && !m.path_known) return problem(404, "not_found", "No such resource.");
    Response r = empty_response(204);
    const std::string* origin = req.header("origin");
    if (origin && origin_allowed(*origin)) {
      r.with_header("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE, OPTIONS");
      r.with_header("Access-Control-Allow-Headers", "Authorization, Content-Type, Idempotency-Key");
      r.with_header("Access-Control-Max-Age", "600");
    }
    req.route = "OPTIONS";
    return r;
  }

  auto m = router_.match(req.method, req.path);
  if (!m.route) {
    if (m.path_known) {
      std::string allow;
      for (const auto& a : m.allowed) allow += (allow.empty() ? "" : ", ") + a;
      return problem(405, "method_not_allowed", "This method is not allowed here.").with_header("Allow", allow);
    }
    return problem(404, "not_found", "No such resource.");
  }
  req.route = m.route->pattern;
  req.params = std::move(m.params);

  if (req.body.size() > opts_.body_limit)
    return problem(413, "payload_too_large",
                   std::string("The request body is larger than ").append(std::to_string(opts_.body_limit)).append(" bytes."));

  if (m.route->access == Access::owner && auth_) {
    if (auto refused = auth_(req)) return *refused;
  } else if (m.route->access == Access::owner) {
    std::string key = bearer_token(req);
    if (key.empty())
      return problem(401, "unauthorized", "An API key is required: Authorization: Bearer <key>.")
          .with_header("WWW-Authenticate", "Bearer");
    auto account = keys_(key);
    if (!account) return problem(403, "forbidden", "The API key is not valid.");
    req.account_id = *account;
    req.role = "owner";
  }

  if (m.route->async_handler) {
    *deferred = m.route;
    return {};
  }
  Response r = m.route->handler(req);
  if (req.method == "HEAD") {
    r.body.clear();
    r.shared_body.reset();
    r.body_file.reset();
  }
  return r;
}

void Front::add_common_headers(const Request& req, Response& res) const {
  const std::string* origin = req.header("origin");
  if (origin && origin_allowed(*origin)) {
    bool any = false;
    for (const auto& o : opts_.cors_origins) any = any || o == "*";
    res.with_header("Access-Control-Allow-Origin", any ? "*" : *origin);
    if (!any) res.with_header("Vary", "Origin");
    res.with_header("Access-Control-Expose-Headers", "Location, Retry-After");
  }
  res.with_header("X-Content-Type-Options", "nosniff");
  bool referrer_set = false;
  for (const auto& [k, v] : res.headers) referrer_set = referrer_set || k == "Referrer-Policy";
  if (!referrer_set) res.with_header("Referrer-Policy", "strict-origin-when-cross-origin");
  bool framable = req.path == "/widget/" || req.path.rfind("/widget/", 0) == 0;
  if (framable) {
    res.with_header("Content-Security-Policy", "frame-ancestors *");
  } else {
    res.with_header("X-Frame-Options", "DENY");
    bool api = req.path.rfind("/v1/", 0) == 0 || req.path == "/healthz" || req.path == "/metrics";
    // Mail-link pages are small HTML documents: their own inline style and a form that
    // posts back to the same link, nothing else.
    bool link_page = req.path.rfind("/v1/links/", 0) == 0;
    res.with_header("Content-Security-Policy",
                    link_page ? "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'"
                    : api     ? "default-src 'none'; frame-ancestors 'none'"
                              : "frame-ancestors 'none'");
  }
  if (opts_.https) res.with_header("Strict-Transport-Security", "max-age=31536000");
  if (req.path.rfind("/v1/", 0) == 0) {
    bool cached = false;
    for (const auto& [k, v] : res.headers) cached = cached || k == "Cache-Control";
    if (!cached) res.with_header("Cache-Control", "no-store");
  }
}

}  // namespace kairos::server::http
