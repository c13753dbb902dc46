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

#include "clock.hpp"
#include "config.hpp"
#include "limits.hpp"
#include "owner_keys.hpp"
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
class SlotCache;         // routes_guest.cpp

// What the integrations (server/integrations) keep on the App: their state (null until
// integ::start), the version of the calendars' busy blocks (bumped when they change:
// slot answers cached before are stale) and how to ask the fetcher thread for a pass now.
struct Integrations {
  std::shared_ptr<integ::State> state;
  std::atomic<std::uint64_t> busy_version{0};
  std::function<void()> wake_fetcher;
};

// The slot read path's state: pages and hosts parsed for the core, per store config
// generation (bookings.hpp), and the answers of GET /v1/pages/{page}/slots with their
// hit and miss counts for /metrics (routes_guest.cpp makes the cache with the routes).
struct Slots {
  std::shared_ptr<PageContextCache> contexts;
  std::shared_ptr<SlotCache> cache;
  std::atomic<std::uint64_t> hits{0}, misses{0};
};

class App {
 public:
  App(Config cfg, store::Store& store, http::Metrics& metrics);

  void register_routes(http::Router& r);

  // --demo: seeds the demo account, hosts, rooms and the page "demo"; returns the key.
  std::string seed_demo();
  // One pass of scheduled work: completion after the end, outbox hand-off.
  void sweep();

  // "Now" for every rule, mail and sweep: clock.now() (clock.hpp).
  core::Instant now() const { return clock.now(); }

  Config cfg;
  store::Store& store;
  http::Metrics& metrics;
  Clock clock;      // --clock-offset, and the test clock (POST /v1/test/clock)
  OwnerKeys keys;   // API keys → accounts (owner authentication)
  ZoneCache zones;
  Limits limits;  // per-client booking, inquiry and check-in code limits
  LinkSigner links;  // signs the buttons of mails; its key lives in the store
  const http::Router* router = nullptr;
  Integrations integrations;  // calendars, feeds, webhooks
  Slots slots;  // parsed page contexts and cached slot answers
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
// The caller's own host, room or page named by the path's {id}, or 404 not_found
// ("No such host."): another account's id answers exactly like an unknown one.
core::Result<store::HostRecord> owned_host(App& app, const http::Request& req);
core::Result<store::RoomRecord> owned_room(App& app, const http::Request& req);
core::Result<store::PageRecord> owned_page(App& app, const http::Request& req);
std::string now_text(const App& app);

}  // namespace kairos::server
