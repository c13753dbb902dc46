// App wiring: the services it composes, and route registration.
#include "app.hpp"

#include "auth/tokens.hpp"
#include "bookings.hpp"
#include "integrations/integrations.hpp"
#include "front.hpp"
#include "kairos/time_text.hpp"
#include "kairos/wire/json_mapping.hpp"

namespace kairos::server {

App::App(Config c, store::Store& s, http::Metrics& m)
    : cfg(std::move(c)), store(s), metrics(m), clock(cfg.clock_offset_seconds), keys(s), limits(cfg.booking_rate),
      links(s.secret("link_hmac", auth::random_token(32))), slots{std::make_shared<PageContextCache>(), nullptr} {}

void App::register_routes(http::Router& r) {
  register_system_routes(*this, r);
  register_admin_routes(*this, r);
  register_guest_routes(*this, r);
  register_booking_routes(*this, r);
  register_proposal_routes(*this, r);
  register_link_routes(*this, r);
  register_front_routes(*this, r);
  register_staff_routes(*this, r);
  register_console_routes(*this, r);
  register_template_routes(*this, r);
  integ::register_routes(*this, r);
  register_static_routes(*this, r);
  router = &r;
}

std::string now_text(const App& app) { return core::format_instant(app.now()); }

core::Result<nlohmann::json> parse_body(const http::Request& req) {
  auto j = wire::parse_request_json(req.body);
  if (!j) return j.error();
  if (!j->is_object()) return core::make_error("invalid_type", "the body must be a JSON object");
  return j;
}

namespace {
template <class Record>
core::Result<Record> owned(std::optional<Record> rec, const http::Request& req, const char* what) {
  if (!rec || rec->account_id != req.account_id) return core::make_error("not_found", std::string("No such ") + what + ".");
  return std::move(*rec);
}
}  // namespace

core::Result<store::HostRecord> owned_host(App& app, const http::Request& req) {
  return owned(app.store.host(req.params.at("id")), req, "host");
}
core::Result<store::RoomRecord> owned_room(App& app, const http::Request& req) {
  return owned(app.store.room(req.params.at("id")), req, "room");
}
core::Result<store::PageRecord> owned_page(App& app, const http::Request& req) {
  return owned(app.store.page(req.params.at("id")), req, "page");
}

}  // namespace kairos::server
