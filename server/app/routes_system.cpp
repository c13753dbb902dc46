// Operational routes: health, metrics, the OpenAPI document, and zone rules.
#include "app.hpp"
#include "route_table.hpp"
#include "embedded.hpp"
#include "integrations/integrations.hpp"
#include "kairos/time_text.hpp"
#include "kairos/wire/documents.hpp"
#include "kairos/wire/json_mapping.hpp"
#include "zoneinfo.hpp"

namespace kairos::server {

using http::Request;
using http::Response;

namespace {

Response health(App& app, Request&) {
  // Ready means the database answers.
  (void)app.store.outbox_depth();
  return http::json_response(200, wire::status_view("ok"));
}

Response metrics(App& app, Request&) {
  std::string out;
  app.metrics.render(out);
  out += "# HELP kairos_bookings Bookings by status.\n# TYPE kairos_bookings gauge\n";
  for (const auto& [status, n] : app.store.booking_counts_by_status())
    out += "kairos_bookings{status=\"" + http::prom_label(core::to_string(status)) + "\"} " + std::to_string(n) + "\n";
  out += "# HELP kairos_outbox_depth Messages planned or scheduled and not yet sent.\n";
  out += "# TYPE kairos_outbox_depth gauge\nkairos_outbox_depth " + std::to_string(app.store.outbox_depth()) + "\n";
  auto cs = app.store.commit_stats();
  out += "# HELP kairos_store_commits_total Durable commits of the store (one fsync each).\n";
  out += "# TYPE kairos_store_commits_total counter\nkairos_store_commits_total " + std::to_string(cs.commits) + "\n";
  out += "# HELP kairos_store_transactions_total Write transactions carried by those commits.\n";
  out += "# TYPE kairos_store_transactions_total counter\nkairos_store_transactions_total " +
         std::to_string(cs.transactions) + "\n";
  out += "# HELP kairos_slot_cache_total Slot answers served from the cache (hit) or computed (miss).\n";
  out += "# TYPE kairos_slot_cache_total counter\nkairos_slot_cache_total{result=\"hit\"} " +
         std::to_string(app.slots.hits.load()) + "\nkairos_slot_cache_total{result=\"miss\"} " +
         std::to_string(app.slots.misses.load()) + "\n";
  integ::render_metrics(app, out);
  return http::text_response(200, std::move(out), "text/plain; version=0.0.4; charset=utf-8");
}

Response openapi_document(App&, Request&) {
  Response res = http::text_response(200, std::string(embedded::kOpenApi), "application/json");
  return res;
}

Response zone_rules(App& app, Request& req) {
  std::string zone = req.query_or("zone");
  if (zone.empty()) return http::problem(422, "missing_field", "zone is required", "zone");
  auto today = core::LocalDate::from_days(static_cast<std::int32_t>(app.now().unix_seconds() / 86400));
  core::LocalDate from = today, to = today + core::Days(366);
  if (auto f = req.query.find("from"); f != req.query.end()) {
    auto d = core::parse_date(f->second);
    if (!d) return http::problem(422, d.error().code, d.error().message, "from");
    from = *d;
  }
  if (auto t = req.query.find("to"); t != req.query.end()) {
    auto d = core::parse_date(t->second);
    if (!d) return http::problem(422, d.error().code, d.error().message, "to");
    to = *d;
  }
  if (to < from) return http::problem(422, "invalid_range", "to is before from", "to");
  if (to - from > core::Days(3700)) return http::problem(422, "range_too_long", "at most ten years", "to");
  if (!zoneinfo::is_valid_zone_id(zone)) return http::problem(422, "unknown_zone", "unknown time zone", "zone");
  // One day of margin each side, so every local date in the range is covered.
  auto rules = zoneinfo::load_zone(zone, core::utc_midnight(from - core::Days(1)),
                                   core::utc_midnight(to + core::Days(2)));
  if (!rules) return http::problem(422, rules.error().code, rules.error().message, "zone");
  Response res = http::json_response(200, nlohmann::json(*rules));
  res.with_header("Cache-Control", "public, max-age=86400");
  return res;
}

}  // namespace

void register_system_routes(App& app, http::Router& r) {
  add_routes(app, r, {
      {"GET", "/healthz", http::Access::open, health},
      {"GET", "/metrics", http::Access::open, metrics},
      {"GET", "/v1/openapi.json", http::Access::open, openapi_document},
      {"GET", "/v1/zones", http::Access::open, zone_rules}
  });
}

}  // namespace kairos::server
