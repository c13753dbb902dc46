// The application: the services behind the routes. Handlers are thin: parse the
// request (wire readers), call the core, call the store, map the result. This header
// is the context every route file shares; each routes_*.cpp registers one area, as a
// table of named handlers where converted (route_table.hpp).
#pragma once

#include <atomic>
#include <cstdint>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "config.hpp"
#include "signed_link.hpp"
#include "http/http_types.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "kairos/time.hpp"
#include "kairos/templates.hpp"
#include "store/store.hpp"
#include "zone_cache.hpp"

namespace kairos::server {
namespace integ {
struct State;
}
class PageContextCache;  // bookings.hpp

// Per-client fixed-window limiter (booking creations per minute).
class RateLimiter {
 public:
  explicit RateLimiter(int per_minute) : per_minute_(per_minute) {}
  // True when the client may proceed; `retry_after` is set otherwise.
  bool allow(const std::string& client, std::int64_t now_s, int& retry_after);

 private:
  int per_minute_;
  std::mutex mu_;
  struct Window { std::int64_t minute = 0; int count = 0; };
  std::unordered_map<std::string, Window> windows_;
};

class App {
 public:
  App(Config cfg, store::Store& store, http::Metrics& metrics);

  void register_routes(http::Router& r);

  // Owner authentication: account of an API key (cached by hash).
  std::optional<std::string> account_for_key(const std::string& key);
  // Drops cached API keys (after a revocation; other instances re-read within a minute).
  void forget_keys();
  // Bootstrap (--admin-key): the account owning `key`, created when missing.
  std::string ensure_account(const std::string& key, const std::string& name);
  // --demo: seeds the demo account, hosts, rooms and the page "demo"; returns the key.
  std::string seed_demo();
  // One pass of scheduled work: completion after the end, outbox hand-off.
  void sweep();

  // The server's clock; with --test-clock, shifted by POST /v1/test/clock, or frozen at an
  // instant ({"set": …}) so tests can assert exact times instead of "within a minute".
  core::Instant now() const;
  std::atomic<std::int64_t> clock_offset{0};
  static constexpr std::int64_t not_frozen = INT64_MIN;
  std::atomic<std::int64_t> frozen_at{not_frozen};  // unix seconds while frozen

  Config cfg;
  store::Store& store;
  http::Metrics& metrics;
  ZoneCache zones;
  RateLimiter booking_limiter;
  LinkSigner links;  // signs the buttons of mails; its key lives in the store
  const http::Router* router = nullptr;
  // Calendars, feeds and webhooks (server/integrations); null until integ::start.
  std::shared_ptr<integ::State> integ_state;
  std::atomic<std::uint64_t> busy_version{0};  // bumped when calendar busy blocks change
  std::atomic<std::uint64_t> slot_cache_hits{0}, slot_cache_misses{0};  // GET …/slots (/metrics)
  std::function<void()> wake_fetcher;          // asks the fetcher thread for a pass now
  // Pages and hosts parsed for the core, per store config generation (bookings.hpp).
  std::shared_ptr<PageContextCache> page_contexts;

 private:
  std::mutex key_mu_;
  struct CachedKey {
    std::string account;
    std::chrono::steady_clock::time_point until;
  };
  std::unordered_map<std::string, CachedKey> key_cache_;  // hash → account, for a minute
};

// The --demo console login (demo.cpp).
extern const char* const kDemoOwnerEmail;
extern const char* const kDemoOwnerPassword;

// Route registration, one area per file.
void register_system_routes(App& app, http::Router& r);
void register_admin_routes(App& app, http::Router& r);
void register_guest_routes(App& app, http::Router& r);
void register_booking_routes(App& app, http::Router& r);
void register_proposal_routes(App& app, http::Router& r);
void register_static_routes(App& app, http::Router& r);
void register_link_routes(App& app, http::Router& r);
void register_staff_routes(App& app, http::Router& r);    // staff logins, sessions, API keys
void register_console_routes(App& app, http::Router& r);  // explain, phone bookings, listings
void register_template_routes(App& app, http::Router& r);  // mail and SMS templates per language
// An account's template overrides, as the composer applies them (a page's own win).
std::vector<core::TemplateOverride> account_template_overrides(App& app, const std::string& account_id);

// The stored token hash a proposal or request token stands for: the hash of the token
// itself, or, for a signed mail link ("choose", "accept", …) to that proposal or
// request, the hash of the document it names.
std::string token_hash_for(App& app, const std::string& kind, const std::string& token);
// The recipient a signed accept/decline link was mailed to; "" for any other token.
std::string link_recipient(App& app, const std::string& token);

// A recipient answers a confirmation request (the token of the request or of a mailed
// link); `who` empty: the link's recipient. Answers the request's public view.
core::Result<nlohmann::json> answer_request(App& app, const std::string& token, bool accept, std::string who,
                                            const std::string& reason);
// The guest asks for other times on a proposal (its token or a mailed link).
core::Status readjust_proposal(App& app, const std::string& token, const std::string& message);

// Helpers shared by route files.
core::Result<nlohmann::json> parse_body(const http::Request& req);
std::string now_text(const App& app);

}  // namespace kairos::server
