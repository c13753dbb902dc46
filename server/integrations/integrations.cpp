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
void reload_hooks(State& st, const std::string& account_id, bool tell);
void rebuild_host_busy(App& app, const std::string& host_id, bool tell);
void seed_delivery_cursor(State& st);
void register_calendar_routes(App& app, http::Router& r);
void register_feed_routes(App& app, http::Router& r);
void register_webhook_routes(App& app, http::Router& r);
void render_calendar_metrics(App& app, std::string& out);

void start(App& app) {
  if (app.integrations.state || app.cfg.db == ":memory:") return;
  auto st = std::make_shared<State>(store::open_integ_db(app.cfg.db));
  app.integrations.state = st;
  load_all_busy(app);
  load_all_hooks(*st);
  seed_delivery_cursor(*st);
  // Other instances on the same PostgreSQL database changed a host's calendars or an
  // account's webhooks: re-read ours ("*": we may have missed some, re-read all).
  st->db->listen([&app](const std::string& what) {
    State* s = state(app);
    if (!s) return;
    if (what == "*") {
      load_all_busy(app);
      load_all_hooks(*s);
    } else if (what.rfind("busy:", 0) == 0) {
      rebuild_host_busy(app, what.substr(5), false);
    } else if (what.rfind("hooks:", 0) == 0) {
      reload_hooks(*s, what.substr(6), false);
    }
  });
}

void stop(App& app) {
  // The listener thread ends with the connection's owner; nothing may call into App
  // from it once the store is gone.
  app.integrations.state.reset();
}

void wake_fetcher(App& app) {
  if (app.integrations.wake_fetcher) app.integrations.wake_fetcher();
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
  out += "# HELP kairos_webhook_deliveries Webhook deliveries by state.\n# TYPE kairos_webhook_deliveries gauge\n";
  for (const auto& r : st->db->query("SELECT state, count(*) FROM outbox WHERE channel = 'webhook' GROUP BY state ORDER BY state"))
    out += "kairos_webhook_deliveries{state=\"" + r.text(0) + "\"} " + std::to_string(r.i64(1)) + "\n";
  std::int64_t disabled = 0;
  for (const auto& r : st->db->query("SELECT count(*) FROM webhooks WHERE enabled = 0")) disabled = r.i64(0);
  out += "# HELP kairos_webhooks_disabled Webhooks disabled after a long run of failures.\n";
  out += "# TYPE kairos_webhooks_disabled gauge\nkairos_webhooks_disabled " + std::to_string(disabled) + "\n";
}

}  // namespace kairos::server::integ
