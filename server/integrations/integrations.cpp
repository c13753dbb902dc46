// Wiring of the integrations: start-up, route registration, the fetcher's wake-up and
// the metrics.
#include "integrations.hpp"

#include <condition_variable>

#include "app.hpp"
#include "http/log.hpp"
#include "store/open.hpp"
#include "state.hpp"

namespace kairos::server::integ {

State* state(App& app);
void load_all_busy(App& app);
void load_all_hooks(State& st);
void seed_delivery_cursor(State& st);
void register_calendar_routes(App& app, http::Router& r);
void register_feed_routes(App& app, http::Router& r);
void register_webhook_routes(App& app, http::Router& r);
void render_calendar_metrics(App& app, std::string& out);

void start(App& app) {
  if (app.integ_state || app.cfg.db == ":memory:") return;
  if (store::is_postgres(app.cfg.db)) {
    // The integration tables live beside the SQLite store for now; on PostgreSQL the
    // routes answer 503 and slots ignore calendars (docs/INTEGRATIONS.md).
    log::warn("calendars, feeds and webhooks are not available on PostgreSQL yet", {});
    return;
  }
  auto st = std::make_shared<State>(app.cfg.db);
  app.integ_state = st;
  load_all_busy(app);
  load_all_hooks(*st);
  seed_delivery_cursor(*st);
}

void wake_fetcher(App& app) {
  if (app.wake_fetcher) app.wake_fetcher();
}

void register_routes(App& app, http::Router& r) {
  register_calendar_routes(app, r);
  register_feed_routes(app, r);
  register_webhook_routes(app, r);
}

void render_metrics(App& app, std::string& out) {
  render_calendar_metrics(app, out);
  State* st = state(app);
  if (!st) return;
  std::lock_guard lock(st->db.mu);
  out += "# HELP kairos_webhook_deliveries Webhook deliveries by state.\n# TYPE kairos_webhook_deliveries gauge\n";
  Stmt s = st->db.prepare("SELECT state, count(*) FROM outbox WHERE channel = 'webhook' GROUP BY state");
  while (s.step()) out += "kairos_webhook_deliveries{state=\"" + s.text(0) + "\"} " + std::to_string(s.i64(1)) + "\n";
  Stmt d = st->db.prepare("SELECT count(*) FROM webhooks WHERE enabled = 0");
  d.step();
  out += "# HELP kairos_webhooks_disabled Webhooks disabled after a long run of failures.\n";
  out += "# TYPE kairos_webhooks_disabled gauge\nkairos_webhooks_disabled " + std::to_string(d.i64(0)) + "\n";
}

}  // namespace kairos::server::integ
