// Webhooks (R-INT-3): subscriptions, the event planner (which changes are which
// events), delivery from the outbox (signed, in order per subject, retried with
// backoff, the subscription disabled after a long run of failures) and the log.
#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "app.hpp"
#include "route_table.hpp"
#include "auth/tokens.hpp"
#include "bookings.hpp"
#include "http/log.hpp"
#include "integrations.hpp"
#include "kairos/time_text.hpp"
#include "kairos/wire/documents.hpp"
#include "kairos/wire/integrations.hpp"
#include "kairos/wire/json_mapping.hpp"
#include "kairos/wire/office.hpp"
#include "net.hpp"
#include "state.hpp"
#include "store/claims.hpp"

namespace kairos::server::integ {

using http::Request;
using http::Response;
using nlohmann::json;

State* state(App& app);

namespace {

const std::vector<std::string>& event_types() {
  static const std::vector<std::string> all{
      "booking.created",   "booking.requested", "booking.approved",  "booking.rejected", "booking.cancelled",
      "booking.rescheduled", "booking.completed", "booking.no_show",  "booking.deleted",  "proposal.created", "proposal.chosen",
      "proposal.readjust", "request.sent",      "request.accepted",  "request.declined", "inquiry.created",
      "delivery.failed"};
  return all;
}

std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ",") + s;
  return out;
}

WebhookSub sub_of(const store::IntegRow& s) {
  WebhookSub w;
  w.id = s.text(0);
  w.account_id = s.text(1);
  w.url = s.text(2);
  w.events = split_commas(s.text(3));
  w.secret = s.text(4);
  w.notify_email = s.text(5);
  w.enabled = s.i64(6) != 0;
  return w;
}

const char* kHookCols = "id, account_id, url, events, secret, notify_email, enabled, failures, disabled_reason, created_at";

}  // namespace

// Re-reads an account's enabled subscriptions; `tell` says so to the other instances
// (PostgreSQL), whose planners must see a new or disabled webhook too.
void reload_hooks(State& st, const std::string& account_id, bool tell) {
  std::vector<WebhookSub> subs;
  for (const auto& r : st.db->query("SELECT id, account_id, url, events, secret, notify_email, enabled FROM webhooks"
                                    " WHERE account_id = $1 AND enabled = 1",
                                    {account_id}))
    subs.push_back(sub_of(r));
  {
    std::lock_guard lock(st.hooks_mu);
    st.hooks[account_id] = std::move(subs);
  }
  if (tell) st.db->notify("hooks:" + account_id);
}

namespace {

// Never touches the database: emit_event runs inside the store's write transaction,
// and waiting here for this connection could wait on that very transaction.
std::vector<WebhookSub> hooks_of(State& st, const std::string& account_id) {
  std::lock_guard lock(st.hooks_mu);
  auto it = st.hooks.find(account_id);
  return it == st.hooks.end() ? std::vector<WebhookSub>{} : it->second;
}

}  // namespace

void load_all_hooks(State& st) {
  std::vector<std::string> accounts;
  for (const auto& r : st.db->query("SELECT DISTINCT account_id FROM webhooks")) accounts.push_back(r.text(0));
  {
    std::lock_guard lock(st.hooks_mu);  // accounts whose last webhook went away meanwhile
    for (const auto& [a, v] : st.hooks)
      if (std::find(accounts.begin(), accounts.end(), a) == accounts.end()) accounts.push_back(a);
  }
  for (const auto& a : accounts) reload_hooks(st, a, false);
}

// --- the event planner ---------------------------------------------------------------

void emit_event(App& app, const std::string& account_id, const std::string& type, const std::string& subject,
                const json& data, const std::string& event_id) {
  State* st = state(app);
  if (!st) return;
  auto subs = hooks_of(*st, account_id);
  if (subs.empty()) return;
  const core::Instant now = app.now();
  const std::string id = event_id.empty() ? auth::random_id("evt_", 20) : event_id;
  const std::string body = wire::webhook_event(id, type, now, data);
  for (const auto& w : subs) {
    if (std::find(w.events.begin(), w.events.end(), type) == w.events.end() &&
        std::find(w.events.begin(), w.events.end(), "*") == w.events.end())
      continue;
    store::OutboxMessage m;
    m.account_id = account_id;
    m.booking_uid = subject;
    m.key = "webhook:" + id;
    m.template_key = type;
    m.channel = "webhook";
    m.recipient = w.id;
    m.send_at = now;
    m.state = store::OutboxState::scheduled;
    m.payload = body;
    m.created_at = now;
    app.store.add_outbox(m);  // inside the caller's transaction: the event commits with the change
  }
}

void emit_booking_events(App& app, const std::string& account_id, const core::Booking* before,
                         const core::Booking& after, const core::BookingAction* action) {
  // Most accounts have no webhook: then no event body is built (every booking came here).
  if (State* st = state(app); !st || hooks_of(*st, account_id).empty()) return;
  json data = booking_json(after);
  if (!before) {
    emit_event(app, account_id, "booking.created", after.uid, data);
    if (after.status == core::BookingStatus::pending) emit_event(app, account_id, "booking.requested", after.uid, data);
    return;
  }
  if (!action) {
    // An owner's edit (PATCH) that moved the appointment is a reschedule to receivers.
    if (before->when == after.when) return;
    emit_event(app, account_id, "booking.rescheduled", after.uid, wire::rescheduled_data(data, before->when));
    return;
  }
  const char* type = nullptr;
  switch (*action) {
    case core::BookingAction::approve: type = "booking.approved"; break;
    case core::BookingAction::reject: type = "booking.rejected"; break;
    case core::BookingAction::cancel: type = "booking.cancelled"; break;
    case core::BookingAction::reschedule: type = "booking.rescheduled"; break;
    case core::BookingAction::complete: type = "booking.completed"; break;
    case core::BookingAction::mark_no_show: type = "booking.no_show"; break;
  }
  if (*action == core::BookingAction::reschedule) data = wire::rescheduled_data(std::move(data), before->when);
  if (type) emit_event(app, account_id, type, after.uid, data);
}

// Called once at start-up, before requests are served: failures from before webhooks
// existed are not news, and any failure after start-up must be (seeding lazily in the
// first worker pass skipped failures that happened before it ran).
void seed_delivery_cursor(State& st) {
  st.db->exec("INSERT INTO integration_cursors(name, value) SELECT 'delivery.failed', coalesce(max(id), 0) FROM outbox"
              " WHERE true ON CONFLICT(name) DO NOTHING");  // WHERE: SQLite's parser needs it before ON CONFLICT
}

// delivery.failed: mails and SMS that ended in "failed" since the last pass.
void emit_delivery_failures(App& app) {
  State* st = state(app);
  std::vector<std::tuple<std::int64_t, std::string, std::string, std::string, std::string, std::string>> rows;
  std::int64_t cursor = 0;
  for (const auto& c : st->db->query("SELECT value FROM integration_cursors WHERE name = 'delivery.failed'"))
    cursor = c.i64(0);
  for (const auto& s : st->db->query("SELECT id, account_id, booking_uid, channel, template_key, last_error FROM outbox"
                                     " WHERE state = 'failed' AND channel IN ('mail', 'sms') AND id > $1 ORDER BY id LIMIT 200",
                                     {cursor}))
    rows.emplace_back(s.i64(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5));
  if (rows.empty()) return;
  // Several instances (PostgreSQL): whoever moves the cursor from where it read it
  // emits these events; the others find it moved and emit nothing. Moving it first
  // could lose the events to a crash in between, so the event ids are the failed
  // message's: a repeat after such a crash is recognisable to receivers.
  const std::int64_t last = std::get<0>(rows.back());
  if (st->db->exec("UPDATE integration_cursors SET value = $1 WHERE name = 'delivery.failed' AND value = $2",
                   {last, cursor}) == 0)
    return;
  auto st2 = app.store.transact([&]() -> core::Status {
    for (const auto& [id, account, subject, channel, tmpl, error] : rows)
      emit_event(app, account, "delivery.failed", subject,
                 {{"message", id}, {"subject", subject}, {"channel", channel}, {"template", tmpl}, {"error", error}},
                 "evt_failed_" + std::to_string(id));
    return core::ok_status();
  });
  if (!st2)  // hand them back to the next pass
    st->db->exec("UPDATE integration_cursors SET value = $1 WHERE name = 'delivery.failed' AND value = $2", {cursor, last});
}

// --- delivery --------------------------------------------------------------------------

namespace {

struct Claimed {
  std::int64_t id = 0;
  std::string hook, payload, type, account_id;
  int attempts = 0;
};

std::vector<Claimed> claim(State& st, std::int64_t now, std::int64_t lease) {
  std::vector<Claimed> out;
  // The oldest undelivered event per (subscription, subject) only: in order per booking.
  // Leased, and on PostgreSQL locked with SKIP LOCKED: several instances' workers take
  // disjoint rows, and a row leased by one is invisible to the others until the lease
  // runs out (a worker that died) or the row is done — so each delivery is sent once,
  // and a subject's next event waits while its predecessor is leased elsewhere.
  for (const auto& s : st.db->query(store::claims::kWebhooks, {now, now + lease, 50}))
    out.push_back({s.i64(0), s.text(1), s.text(2), s.text(3), s.text(5), static_cast<int>(s.i64(4))});
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  return out;
}

std::int64_t backoff(int failed_attempts) {  // 30 s, 1 min, 2 min, … capped at 1 h
  std::int64_t d = 30;
  for (int i = 1; i < failed_attempts && d < 3600; ++i) d *= 2;
  return std::min<std::int64_t>(d, 3600);
}

}  // namespace

std::string signature_header(const std::string& secret, std::int64_t t, const std::string& body) {
  return "t=" + std::to_string(t) + ",v1=" + hmac_sha256_hex(secret, std::to_string(t) + "." + body);
}

namespace {

struct Outcome {
  std::int64_t id = 0;
  std::string hook, error;
  bool ok = false;
  int attempts = 0;
  std::int64_t at = 0;
};

void tell_disabled(App& app, const WebhookSub& w, const std::string& reason, core::Instant t) {
  log::warn("webhook disabled", {{"webhook", w.id}, {"reason", reason}});
  if (w.notify_email.find('@') == std::string::npos) return;
  store::OutboxMessage m;
  m.account_id = w.account_id;
  m.key = "webhook.disabled." + w.id + "." + std::to_string(t.unix_seconds());
  m.template_key = "system.notice";
  m.channel = "mail";
  m.recipient = w.notify_email;
  m.send_at = t;
  m.state = store::OutboxState::scheduled;
  wire::MessagePayload notice;
  notice.subject = "A webhook of your Kairos account was disabled";
  notice.text = "Kairos disabled the webhook to " + w.url + " after " + reason +
                ".\n\nEvents keep being recorded; once the receiver works again, redeliver one of "
                "its deliveries (POST /v1/admin/webhooks/" + w.id +
                "/deliveries/{id}/redeliver or the console) to enable it again.\n";
  notice.important = true;
  m.payload = wire::message_payload(notice).dump();
  m.created_at = t;
  app.store.add_outbox(m);
}

}  // namespace

WebhookStats run_webhooks_once(App& app) {
  WebhookStats stats, total;
  State* st = state(app);
  if (!st) return total;
  std::lock_guard pass(st->deliver_mu);
  try {
    emit_delivery_failures(app);
  } catch (const std::exception& e) {
    log::error("delivery.failed events", {{"error", e.what()}});
  }
  HttpSession session;  // keep-alive to the receivers for the whole pass
  std::map<std::string, std::optional<WebhookSub>> subs;
  for (int round = 0; round < 200; ++round) {
    const std::int64_t now = app.now().unix_seconds();
    auto items = claim(*st, now, 60);
    if (items.empty()) break;
    std::vector<Outcome> outcomes;
    for (const auto& it : items) {
      auto found = subs.find(it.hook);
      if (found == subs.end()) {
        auto rows = st->db->query("SELECT id, account_id, url, events, secret, notify_email, enabled FROM webhooks WHERE id = $1",
                                  {it.hook});
        found = subs.emplace(it.hook, rows.empty() ? std::nullopt : std::optional<WebhookSub>(sub_of(rows[0]))).first;
      }
      if (!found->second) continue;
      const WebhookSub& w = *found->second;
      HttpRequest req;
      req.method = "POST";
      req.url = w.url;
      req.body = it.payload;
      req.timeout_ms = static_cast<long>(app.cfg.webhook_timeout_seconds) * 1000;
      req.max_bytes = 64 * 1024;  // the receiver's answer is not read beyond this
      req.allow_private = app.cfg.allow_private_targets;
      const std::int64_t t = app.now().unix_seconds();
      req.headers = {"Content-Type: application/json", "Kairos-Signature: " + signature_header(w.secret, t, it.payload),
                     "Kairos-Event: " + it.type, "Kairos-Delivery: " + std::to_string(it.id)};
      HttpResult res = session.request(req);
      Outcome o;
      o.id = it.id;
      o.hook = w.id;
      o.at = t;
      o.attempts = it.attempts + 1;
      o.ok = (res.transport_ok || res.too_large) && res.status >= 200 && res.status < 300;
      if (!o.ok) o.error = res.transport_ok ? "HTTP " + std::to_string(res.status) : res.error;
      outcomes.push_back(std::move(o));
    }
    // The batch's outcomes in one transaction (one fsync); a crash before it re-sends,
    // which at-least-once allows.
    std::vector<std::pair<std::string, std::string>> disabled;  // hook, reason
    st->db->transaction([&] {
      disabled.clear();  // PostgreSQL may run the transaction again
      stats = WebhookStats{};
      for (const Outcome& o : outcomes) {
        if (o.ok) {
          st->db->exec("UPDATE outbox SET state = 'sent', sent_at = $2, attempts = $3, lease_until = 0,"
                       " last_error = '' WHERE id = $1",
                       {o.id, o.at, o.attempts});
          st->db->exec("UPDATE webhooks SET failures = 0 WHERE id = $1 AND failures <> 0", {o.hook});
          ++stats.sent;
          continue;
        }
        if (o.attempts >= app.cfg.webhook_max_attempts) {
          st->db->exec("UPDATE outbox SET state = 'failed', attempts = $2, lease_until = 0, last_error = $3,"
                       " next_attempt_at = $4 WHERE id = $1",
                       {o.id, o.attempts, "gave up after " + std::to_string(o.attempts) + " attempts: " + o.error, o.at});
          ++stats.failed;
        } else {
          st->db->exec("UPDATE outbox SET attempts = $2, lease_until = 0, last_error = $3, next_attempt_at = $4 WHERE id = $1",
                       {o.id, o.attempts, o.error, o.at + backoff(o.attempts)});
          ++stats.retried;
        }
        auto f = st->db->query("UPDATE webhooks SET failures = failures + 1 WHERE id = $1 RETURNING failures, enabled",
                               {o.hook});
        if (!f.empty() && f[0].i64(0) >= app.cfg.webhook_disable_after && f[0].i64(1) != 0) {
          const std::string reason = std::to_string(f[0].i64(0)) + " failed attempts in a row; last: " + o.error;
          st->db->exec("UPDATE webhooks SET enabled = 0, disabled_reason = $2 WHERE id = $1", {o.hook, reason});
          disabled.emplace_back(o.hook, reason);
        }
      }
    });
    total.sent += stats.sent;
    total.retried += stats.retried;
    total.failed += stats.failed;
    for (const auto& [hook, reason] : disabled) {
      const WebhookSub& w = *subs[hook];
      {
        std::lock_guard hl(st->hooks_mu);
        auto& v = st->hooks[w.account_id];
        v.erase(std::remove_if(v.begin(), v.end(), [&](const WebhookSub& x) { return x.id == w.id; }), v.end());
      }
      st->db->notify("hooks:" + w.account_id);
      tell_disabled(app, w, reason, app.now());
    }
  }
  if (total.sent + total.retried + total.failed > 0)
    log::info("webhook delivery", {{"sent", total.sent}, {"retried", total.retried}, {"failed", total.failed}});
  return total;
}

// --- routes ----------------------------------------------------------------------------

namespace {

wire::WebhookView hook_of(const store::IntegRow& s) {
  return wire::WebhookView{s.text(0),    s.text(2),     split_commas(s.text(3)), s.text(5), s.text(8),
                           s.i64(6) != 0, s.i64(7), core::Instant::from_unix_seconds(s.i64(9))};
}

Response not_found(const char* what) { return http::problem(404, "not_found", std::string("No such ") + what + "."); }

std::optional<wire::WebhookView> find_hook(State& st, const std::string& account, const std::string& id) {
  auto rows = st.db->query(std::string("SELECT ") + kHookCols + " FROM webhooks WHERE id = $1 AND account_id = $2",
                           {id, account});
  if (rows.empty()) return std::nullopt;
  return hook_of(rows[0]);
}

Response create_webhook(App& app, Request& req) {
  State* st = state(app);
  if (!st) return http::problem(409, "integrations_unavailable", "webhooks are not available (the server runs on an in-memory database)");
  auto body = parse_body(req);
  if (!body) return http::problem(body.error());
  auto read = wire::read_webhook_request(*body, event_types());
  if (!read) return http::problem(read.error());
  if (auto chk = check_target_url(read->url, app.cfg.allow_private_targets); !chk) return http::problem(chk.error());
  const std::string secret = read->secret ? *read->secret : auth::random_token(24);
  const std::string notify = read->notify_email.value_or("");
  const std::string id = auth::random_id("wh_");
  const std::int64_t now = app.now().unix_seconds();
  st->db->exec("INSERT INTO webhooks(id, account_id, url, events, secret, notify_email, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7)",
               {id, req.account_id, read->url, join(read->events), secret, notify, now});
  reload_hooks(*st, req.account_id, true);
  return http::json_response(201, wire::webhook_created_view(*find_hook(*st, req.account_id, id), secret))
      .with_header("Location", "/v1/admin/webhooks/" + id);
}

Response list_webhooks(App& app, Request& req) {
  State* st = state(app);
  std::vector<json> out;
  if (st)
    for (const auto& s : st->db->query(std::string("SELECT ") + kHookCols +
                                           " FROM webhooks WHERE account_id = $1 ORDER BY created_at, id",
                                       {req.account_id}))
      out.push_back(wire::webhook_view(hook_of(s)));
  return http::json_response(200, wire::collection_view("webhooks", std::move(out)));
}

Response get_webhook(App& app, Request& req) {
  State* st = state(app);
  auto h = st ? find_hook(*st, req.account_id, req.params["id"]) : std::nullopt;
  if (!h) return not_found("webhook");
  return http::json_response(200, wire::webhook_view(*h));
}

// Change the URL or events, or enable a disabled webhook again (enabled: true).
Response patch_webhook(App& app, Request& req) {
  State* st = state(app);
  auto h = st ? find_hook(*st, req.account_id, req.params["id"]) : std::nullopt;
  if (!h) return not_found("webhook");
  auto body = parse_body(req);
  if (!body) return http::problem(body.error());
  auto change = wire::read_webhook_change(*body, event_types());
  if (!change) return http::problem(change.error());
  if (change->url)
    if (auto chk = check_target_url(*change->url, app.cfg.allow_private_targets); !chk) return http::problem(chk.error());
  const std::string url = change->url.value_or(h->url);
  const std::vector<std::string> events = change->events.value_or(h->events);
  const bool enabled = change->enabled.value_or(h->enabled);
  st->db->exec("UPDATE webhooks SET url = $2, events = $3, enabled = $4,"
               " failures = CASE WHEN $4 = 1 AND enabled = 0 THEN 0 ELSE failures END,"
               " disabled_reason = CASE WHEN $4 = 1 THEN '' ELSE disabled_reason END WHERE id = $1",
               {req.params["id"], url, join(events), std::int64_t{enabled}});
  reload_hooks(*st, req.account_id, true);
  return http::json_response(200, wire::webhook_view(*find_hook(*st, req.account_id, req.params["id"])));
}

Response delete_webhook(App& app, Request& req) {
  State* st = state(app);
  if (!st || !find_hook(*st, req.account_id, req.params["id"])) return not_found("webhook");
  st->db->transaction([&] {
    st->db->exec("DELETE FROM webhooks WHERE id = $1", {req.params["id"]});
    st->db->exec("UPDATE outbox SET state = 'cancelled' WHERE channel = 'webhook' AND recipient = $1 AND state = 'scheduled'",
                 {req.params["id"]});
  });
  reload_hooks(*st, req.account_id, true);
  return http::empty_response(204);
}

Response list_deliveries(App& app, Request& req) {
  State* st = state(app);
  if (!st || !find_hook(*st, req.account_id, req.params["id"])) return not_found("webhook");
  std::vector<json> out;
  for (const auto& s : st->db->query("SELECT id, template_key, state, attempts, last_error, created_at, sent_at,"
                                     " next_attempt_at, booking_uid, msg_key FROM outbox WHERE channel = 'webhook'"
                                     " AND recipient = $1 ORDER BY id DESC LIMIT 200",
                                     {req.params["id"]})) {
    const std::string key = s.text(9);
    auto at = [](std::int64_t t) {
      return t ? std::optional<core::Instant>(core::Instant::from_unix_seconds(t)) : std::nullopt;
    };
    out.push_back(wire::delivery_view({s.i64(0), key.rfind("webhook:", 0) == 0 ? key.substr(8) : key, s.text(1),
                                       s.text(8), s.text(2), s.text(4), s.i64(3),
                                       core::Instant::from_unix_seconds(s.i64(5)), at(s.i64(6)), at(s.i64(7))}));
  }
  return http::json_response(200, wire::collection_view("deliveries", std::move(out)));
}

Response redeliver(App& app, Request& req) {
  State* st = state(app);
  if (!st || !find_hook(*st, req.account_id, req.params["id"])) return not_found("webhook");
  std::int64_t did = 0;
  try {
    did = std::stoll(req.params["did"]);
  } catch (...) {
    return not_found("delivery");
  }
  store::OutboxMessage m;
  {
    auto rows = st->db->query("SELECT account_id, booking_uid, msg_key, template_key, payload FROM outbox"
                              " WHERE id = $1 AND channel = 'webhook' AND recipient = $2 AND account_id = $3",
                              {did, req.params["id"], req.account_id});
    if (rows.empty()) return not_found("delivery");
    const auto& s = rows[0];
    m.account_id = s.text(0);
    m.booking_uid = s.text(1);
    m.key = s.text(2) + ":again:" + auth::random_id("", 8);
    m.template_key = s.text(3);
    m.payload = s.text(4);  // the same event (same id): receivers can tell a repeat
    // A redelivery is the owner saying the receiver works again.
    st->db->exec("UPDATE webhooks SET enabled = 1, failures = 0, disabled_reason = '' WHERE id = $1", {req.params["id"]});
  }
  reload_hooks(*st, req.account_id, true);
  m.channel = "webhook";
  m.recipient = req.params["id"];
  m.send_at = m.created_at = app.now();
  m.state = store::OutboxState::scheduled;
  std::int64_t id = app.store.add_outbox(m);
  return http::json_response(202, wire::redelivery_view(id));
}

}  // namespace

void register_webhook_routes(App& app, http::Router& r) {
  server::add_routes(app, r, {
      {"POST", "/v1/admin/webhooks", http::Access::owner, create_webhook},
      {"GET", "/v1/admin/webhooks", http::Access::owner, list_webhooks},
      {"GET", "/v1/admin/webhooks/{id}", http::Access::owner, get_webhook},
      {"PATCH", "/v1/admin/webhooks/{id}", http::Access::owner, patch_webhook},
      {"DELETE", "/v1/admin/webhooks/{id}", http::Access::owner, delete_webhook},
      {"GET", "/v1/admin/webhooks/{id}/deliveries", http::Access::owner, list_deliveries},
      {"POST", "/v1/admin/webhooks/{id}/deliveries/{did}/redeliver", http::Access::owner, redeliver},
  });
}

}  // namespace kairos::server::integ
