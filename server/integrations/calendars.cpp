// Calendar feeds in (R-INT-1): subscriptions and uploads per host, the background
// fetcher, the per-host busy blocks the slot engine reads, and their routes.
#include <algorithm>
#include <atomic>
#include <thread>

#include "app.hpp"
#include "documents.hpp"
#include "route_table.hpp"
#include "auth/tokens.hpp"
#include "http/log.hpp"
#include "ical_expand.hpp"
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

namespace {

const char* kCalendarCols =
    "id, account_id, host_id, name, url, busy, refresh_minutes, ics, etag, last_modified, blocks, events, "
    "last_fetched, last_attempt, last_error, failures, next_fetch_at, created_at";

CalendarRow row_of(const store::IntegRow& s) {
  CalendarRow c;
  c.id = s.text(0);
  c.account_id = s.text(1);
  c.host_id = s.text(2);
  c.name = s.text(3);
  c.url = s.text(4);
  c.busy = s.i64(5) != 0;
  c.refresh_minutes = static_cast<int>(s.i64(6));
  c.ics = s.text(7);
  c.etag = s.text(8);
  c.last_modified = s.text(9);
  c.blocks = s.text(10);
  c.events = s.i64(11);
  c.last_fetched = s.i64(12);
  c.last_attempt = s.i64(13);
  c.last_error = s.text(14);
  c.failures = s.i64(15);
  c.next_fetch_at = s.i64(16);
  c.created_at = s.i64(17);
  return c;
}

std::vector<CalendarRow> query_calendars(State& st, const std::string& where, const std::vector<store::IntegValue>& args) {
  std::string sql = std::string("SELECT ") + kCalendarCols + " FROM calendars WHERE " + where + " ORDER BY created_at, id";
  std::vector<CalendarRow> out;
  for (const auto& r : st.db->query(sql, args)) out.push_back(row_of(r));
  return out;
}

std::string blocks_text(const Expansion& e) {
  std::vector<core::BusyBlock> blocks;
  blocks.reserve(e.blocks.size());
  for (const auto& b : e.blocks)
    blocks.push_back(b.all_day ? core::BusyBlock::whole_day(b.date) : core::BusyBlock::timed(b.when));
  return wire::calendar_blocks_document(blocks);
}

// A calendar's stored blocks; a corrupt row is logged and counts as none (the fetcher
// and the busy rebuild run on their own threads: one bad row must not stop the others).
std::vector<core::BusyBlock> stored_blocks(const CalendarRow& c) {
  auto blocks = wire::read_calendar_blocks(c.blocks);
  if (!blocks) {
    log::error("corrupt calendar blocks", {{"calendar", c.id}, {"error", blocks.error().message}});
    return {};
  }
  return std::move(*blocks);
}

core::Interval expansion_span(App& app) {
  const core::Instant now = app.now();
  return core::Interval{now - core::Days(8), now + core::Days(app.cfg.feed_horizon_days)};
}

core::Result<Expansion> expand_for_host(App& app, const std::string& host_id, const std::string& text) {
  auto host = app.store.host(host_id);
  if (!host) return core::make_error("not_found", "no such host");
  auto zone = app.zones.get(stored_host(*host).timezone);
  if (!zone) return zone.error();
  ExpandOptions opt;
  opt.span = expansion_span(app);
  opt.host_zone = zone->get();
  opt.zone_of = [&app](const std::string& id) -> std::shared_ptr<const core::ZoneRules> {
    auto z = app.zones.get(id);
    return z ? *z : nullptr;
  };
  return expand_ics(text, opt);
}

// A system notice to a person (feed failing, webhook disabled): a plain mail through
// the outbox, rendered by the mail composer from its payload.
void notify(App& app, const std::string& account_id, const std::string& to, const std::string& key,
            const std::string& subject, const std::string& text) {
  if (to.find('@') == std::string::npos) {
    log::warn("integration notice without an address", {{"subject", subject}});
    return;
  }
  store::OutboxMessage m;
  m.account_id = account_id;
  m.key = key;
  m.template_key = "system.notice";
  m.channel = "mail";
  m.recipient = to;
  m.send_at = app.now();
  m.state = store::OutboxState::scheduled;
  wire::MessagePayload payload;
  payload.subject = subject;
  payload.text = text;
  payload.important = true;
  m.payload = wire::message_payload(payload).dump();
  m.created_at = m.send_at;
  app.store.add_outbox(m);
}

}  // namespace

State* state(App& app) { return app.integrations.state.get(); }

// Re-reads a host's busy blocks; `tell` says so to the other instances (PostgreSQL).
void rebuild_host_busy(App& app, const std::string& host_id, bool tell) {
  State* st = state(app);
  if (!st) return;
  // Read and publish as one step: two fetches of one host's calendars finishing
  // together must not publish an older reading last.
  static std::mutex rebuild_mu;
  std::lock_guard rebuild(rebuild_mu);
  auto hb = std::make_shared<HostBusy>();
  for (const auto& c : query_calendars(*st, "host_id = $1 AND busy = 1", {host_id})) {
    for (const auto& b : stored_blocks(c)) {
      if (b.all_day) {
        hb->days.push_back(b);
      } else {
        hb->timed.push_back(b);
        hb->longest = std::max(hb->longest, b.when.length().count());
      }
    }
  }
  std::sort(hb->timed.begin(), hb->timed.end(), [](const auto& a, const auto& b) { return a.when.start < b.when.start; });
  std::sort(hb->days.begin(), hb->days.end(), [](const auto& a, const auto& b) { return a.date < b.date; });
  {
    std::lock_guard lock(st->busy_mu);
    if (hb->timed.empty() && hb->days.empty()) st->busy.erase(host_id);
    else st->busy[host_id] = std::move(hb);
  }
  app.integrations.busy_version.fetch_add(1);  // slot answers cached before this are stale
  if (tell) st->db->notify("busy:" + host_id);  // and so are the other instances'
}

void load_all_busy(App& app) {
  State* st = state(app);
  std::vector<std::string> hosts;
  for (const auto& r : st->db->query("SELECT DISTINCT host_id FROM calendars")) hosts.push_back(r.text(0));
  {
    // Hosts whose last calendar went away meanwhile (a reload after a lost connection).
    std::lock_guard lock(st->busy_mu);
    for (const auto& [h, b] : st->busy)
      if (std::find(hosts.begin(), hosts.end(), h) == hosts.end()) hosts.push_back(h);
  }
  for (const auto& h : hosts) rebuild_host_busy(app, h, false);
}

void add_calendar_busy(App& app, core::AvailabilityInputs& in, core::Interval span) {
  State* st = state(app);
  if (!st) return;
  for (auto& host : in.hosts) {
    std::shared_ptr<const HostBusy> hb;
    {
      std::lock_guard lock(st->busy_mu);
      auto it = st->busy.find(host.id);
      if (it == st->busy.end()) continue;
      hb = it->second;
    }
    // Timed blocks by start: those starting before span.end and ending after its start.
    const core::Instant from = span.start - core::Seconds(hb->longest);
    auto it = std::lower_bound(hb->timed.begin(), hb->timed.end(), from,
                               [](const core::BusyBlock& b, core::Instant t) { return b.when.start < t; });
    for (; it != hb->timed.end() && it->when.start < span.end; ++it)
      if (span.start < it->when.end) host.busy.push_back(*it);
    const auto d0 = core::LocalDate::from_days(static_cast<std::int32_t>(span.start.unix_seconds() / 86400 - 2));
    const auto d1 = core::LocalDate::from_days(static_cast<std::int32_t>(span.end.unix_seconds() / 86400 + 2));
    auto dit = std::lower_bound(hb->days.begin(), hb->days.end(), d0,
                                [](const core::BusyBlock& b, core::LocalDate d) { return b.date < d; });
    for (; dit != hb->days.end() && dit->date <= d1; ++dit) host.busy.push_back(*dit);
  }
}

// --- the fetcher ------------------------------------------------------------------------

namespace {

void record_success(App& app, const CalendarRow& c, const std::string& ics, const std::string& etag,
                    const std::string& last_modified, const Expansion& e) {
  State* st = state(app);
  const std::int64_t now = app.now().unix_seconds();
  st->db->exec("UPDATE calendars SET ics = $2, etag = $3, last_modified = $4, blocks = $5, events = $6, last_fetched = $7,"
               " last_attempt = $7, last_error = '', failures = 0, next_fetch_at = $8 WHERE id = $1",
               {c.id, ics, etag, last_modified, blocks_text(e), static_cast<std::int64_t>(e.events), now,
                now + (c.url.empty() ? 86400 : static_cast<std::int64_t>(c.refresh_minutes) * 60)});
  rebuild_host_busy(app, c.host_id, true);
}

void record_failure(App& app, const CalendarRow& c, const std::string& error) {
  State* st = state(app);
  const std::int64_t now = app.now().unix_seconds();
  const std::int64_t failures = c.failures + 1;
  // The last good copy stays; retry sooner than the refresh period, never hammering.
  st->db->exec("UPDATE calendars SET last_attempt = $2, last_error = $3, failures = $4, next_fetch_at = $5 WHERE id = $1",
               {c.id, now, error.substr(0, 500), failures,
                now + 60 * std::min<std::int64_t>(c.refresh_minutes, 5 * failures)});
  log::warn("calendar feed failed", {{"calendar", c.id}, {"host", c.host_id}, {"failures", failures}, {"error", error}});
  if (failures == app.cfg.feed_notify_after) {
    auto host = app.store.host(c.host_id);
    std::string email = host ? stored_host(*host).email : "";
    std::string when = c.last_fetched ? core::format_instant(core::Instant::from_unix_seconds(c.last_fetched)) : "never";
    notify(app, c.account_id, email, "calendar.failing." + c.id + "." + std::to_string(now),
           "Your calendar \"" + c.name + "\" cannot be read",
           "Kairos has failed " + std::to_string(failures) + " times in a row to read your calendar \"" + c.name +
               "\".\n\nLast error: " + error + "\nLast good copy: " + when +
               "\n\nUntil it can be read again, the busy times of that last copy keep counting, so nothing is "
               "double-booked and nothing is blocked that was free. Check that the calendar's secret address "
               "still works, or subscribe it again.\n");
  }
}

void fetch_one(App& app, const CalendarRow& c) {
  if (c.url.empty()) {  // an upload: re-expand daily so the span moves with time
    auto e = expand_for_host(app, c.host_id, c.ics);
    if (e) record_success(app, c, c.ics, "", "", *e);
    return;
  }
  HttpRequest req;
  req.url = c.url;
  req.connect_timeout_ms = 5000;
  req.timeout_ms = static_cast<long>(app.cfg.feed_timeout_seconds) * 1000;
  req.max_bytes = app.cfg.feed_max_bytes;
  req.max_redirects = 3;
  req.allow_private = app.cfg.allow_private_targets;
  req.headers.push_back("Accept: text/calendar, */*;q=0.5");
  if (!c.ics.empty() && !c.etag.empty()) req.headers.push_back("If-None-Match: " + c.etag);
  if (!c.ics.empty() && !c.last_modified.empty()) req.headers.push_back("If-Modified-Since: " + c.last_modified);
  HttpResult res = http_request(req);
  if (!res.transport_ok) return record_failure(app, c, res.error);
  if (res.status == 304 && !c.ics.empty()) {
    auto e = expand_for_host(app, c.host_id, c.ics);
    if (!e) return record_failure(app, c, e.error().message);
    return record_success(app, c, c.ics, c.etag, c.last_modified, *e);
  }
  if (res.status != 200) return record_failure(app, c, "HTTP " + std::to_string(res.status));
  auto e = expand_for_host(app, c.host_id, res.body);
  if (!e) return record_failure(app, c, e.error().code + ": " + e.error().message);
  record_success(app, c, res.body, res.etag, res.last_modified, *e);
}

}  // namespace

std::size_t run_calendar_pass(App& app) {
  State* st = state(app);
  if (!st) return 0;
  std::lock_guard pass(st->fetch_mu);
  // Claimed with a lease: with several instances on PostgreSQL each due calendar is
  // fetched by one of them (the others skip the locked rows, then see the lease); a
  // fetcher that dies leaves it to be fetched again once the lease has run out.
  const std::int64_t now = app.now().unix_seconds();
  const std::int64_t lease = now + static_cast<std::int64_t>(app.cfg.feed_timeout_seconds) + 120;
  std::vector<CalendarRow> due;
  for (const auto& r : st->db->query(std::string(store::claims::kCalendarsReturning) + kCalendarCols, {now, lease, 200}))
    due.push_back(row_of(r));
  std::sort(due.begin(), due.end(), [](const auto& a, const auto& b) { return a.created_at != b.created_at ? a.created_at < b.created_at : a.id < b.id; });
  // A few fetches at once, so one slow feed (up to --feed-timeout-seconds) does not
  // delay every other host's calendar by that much.
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < due.size(); i = next++) {
      try {
        fetch_one(app, due[i]);
      } catch (const std::exception& e) {
        log::error("calendar fetch failed", {{"calendar", due[i].id}, {"error", e.what()}});
      }
    }
  };
  std::vector<std::thread> helpers;
  for (std::size_t t = 1; t < std::min<std::size_t>(4, due.size()); ++t) helpers.emplace_back(work);
  work();
  for (auto& h : helpers) h.join();
  return due.size();
}

// --- routes ---------------------------------------------------------------------------

namespace {

json calendar_view(App& app, const CalendarRow& c) {
  auto at = [](std::int64_t s) {
    return s ? std::optional<core::Instant>(core::Instant::from_unix_seconds(s)) : std::nullopt;
  };
  wire::CalendarView v{c.id,       c.host_id,     c.name,           c.url,           c.busy,
                       c.refresh_minutes, c.events, c.failures, c.last_error, at(c.last_fetched),
                       at(c.last_attempt), stored_blocks(c).size()};
  return wire::calendar_view(v, app.now());
}

Response not_found(const char* what) { return http::problem(404, "not_found", std::string("No such ") + what + "."); }

}  // namespace

void wake_fetcher(App& app);

namespace {

// The settings a subscription takes at creation and in a PATCH (wire's reader): whether
// it counts as busy, and how often it is fetched.
void apply_settings(const wire::CalendarSettings& s, CalendarRow& c) {
  if (s.busy) c.busy = *s.busy;
  if (s.refresh_minutes) c.refresh_minutes = *s.refresh_minutes;
}

Response add_calendar(App& app, Request& req) {
  State* st = state(app);
  if (!st) return http::problem(409, "integrations_unavailable", "calendars are not available (the server runs on an in-memory database)");
  auto host = owned_host(app, req);
  if (!host) return http::problem(host.error());
  auto body = parse_body(req);
  if (!body) return http::problem(body.error());
  auto read = wire::read_calendar_request(*body);
  if (!read) return http::problem(read.error());
  CalendarRow c;
  c.id = auth::random_id("cal_");
  c.account_id = req.account_id;
  c.host_id = host->id;
  c.name = read->name;
  apply_settings(read->settings, c);
  const std::int64_t now = app.now().unix_seconds();
  c.created_at = now;
  Expansion e;
  if (read->url) {
    c.url = *read->url;
    if (auto chk = check_target_url(c.url, app.cfg.allow_private_targets); !chk) return http::problem(chk.error());
    c.next_fetch_at = 0;  // the fetcher reads it on its next pass, not this request
  } else {
    c.ics = *read->ics;
    auto x = expand_for_host(app, host->id, c.ics);
    if (!x) return http::problem(422, x.error().code, x.error().message, "ics");
    e = std::move(*x);
    c.blocks = blocks_text(e);
    c.events = static_cast<std::int64_t>(e.events);
    c.last_fetched = c.last_attempt = now;
    c.next_fetch_at = now + 86400;
  }
  st->db->exec("INSERT INTO calendars(id, account_id, host_id, name, url, busy, refresh_minutes, ics, blocks, events,"
               " last_fetched, last_attempt, next_fetch_at, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)",
               {c.id, c.account_id, c.host_id, c.name, c.url, std::int64_t{c.busy}, std::int64_t{c.refresh_minutes},
                c.ics, c.blocks, c.events, c.last_fetched, c.last_attempt, c.next_fetch_at, c.created_at});
  if (c.url.empty()) rebuild_host_busy(app, c.host_id, true);
  else wake_fetcher(app);
  return http::json_response(201, calendar_view(app, c))
      .with_header("Location", "/v1/admin/hosts/" + host->id + "/calendars/" + c.id);
}

Response list_calendars(App& app, Request& req) {
  State* st = state(app);
  auto host = owned_host(app, req);
  if (!host) return http::problem(host.error());
  std::vector<json> out;
  if (st)
    for (const auto& c : query_calendars(*st, "host_id = $1", {host->id})) out.push_back(calendar_view(app, c));
  return http::json_response(200, wire::collection_view("calendars", std::move(out)));
}

Response get_calendar(App& app, Request& req) {
  State* st = state(app);
  auto host = owned_host(app, req);
  if (!host || !st) return not_found("host");
  auto rows = query_calendars(*st, "id = $1 AND host_id = $2", {req.params["cid"], host->id});
  if (rows.empty()) return not_found("calendar");
  return http::json_response(200, calendar_view(app, rows.front()));
}

Response delete_calendar(App& app, Request& req) {
  State* st = state(app);
  auto host = owned_host(app, req);
  if (!host || !st) return not_found("host");
  const std::int64_t n = st->db->exec("DELETE FROM calendars WHERE id = $1 AND host_id = $2", {req.params["cid"], host->id});
  if (n == 0) return not_found("calendar");
  rebuild_host_busy(app, host->id, true);
  return http::empty_response(204);
}

// Rename, count or stop counting as busy, change the refresh period.
Response patch_calendar(App& app, Request& req) {
  State* st = state(app);
  auto host = owned_host(app, req);
  if (!host || !st) return not_found("host");
  auto rows = query_calendars(*st, "id = $1 AND host_id = $2", {req.params["cid"], host->id});
  if (rows.empty()) return not_found("calendar");
  CalendarRow c = rows.front();
  auto body = parse_body(req);
  if (!body) return http::problem(body.error());
  auto change = wire::read_calendar_change(*body);
  if (!change) return http::problem(change.error());
  if (change->name) c.name = *change->name;
  apply_settings(change->settings, c);
  st->db->exec("UPDATE calendars SET name = $2, busy = $3, refresh_minutes = $4 WHERE id = $1",
               {c.id, c.name, std::int64_t{c.busy}, std::int64_t{c.refresh_minutes}});
  rebuild_host_busy(app, host->id, true);
  return http::json_response(200, calendar_view(app, c));
}

Response refresh_calendar(App& app, Request& req) {
  State* st = state(app);
  auto host = owned_host(app, req);
  if (!host || !st) return not_found("host");
  const std::int64_t n =
      st->db->exec("UPDATE calendars SET next_fetch_at = 0 WHERE id = $1 AND host_id = $2", {req.params["cid"], host->id});
  if (n == 0) return not_found("calendar");
  wake_fetcher(app);
  return http::json_response(202, wire::calendar_refresh_view(req.params["cid"]));
}

}  // namespace

void register_calendar_routes(App& app, http::Router& r) {
  server::add_routes(app, r, {
      {"POST", "/v1/admin/hosts/{id}/calendars", http::Access::owner, add_calendar},
      {"GET", "/v1/admin/hosts/{id}/calendars", http::Access::owner, list_calendars},
      {"GET", "/v1/admin/hosts/{id}/calendars/{cid}", http::Access::owner, get_calendar},
      {"DELETE", "/v1/admin/hosts/{id}/calendars/{cid}", http::Access::owner, delete_calendar},
      {"PATCH", "/v1/admin/hosts/{id}/calendars/{cid}", http::Access::owner, patch_calendar},
      {"POST", "/v1/admin/hosts/{id}/calendars/{cid}/refresh", http::Access::owner, refresh_calendar},
  });
}

void render_calendar_metrics(App& app, std::string& out) {
  State* st = state(app);
  if (!st) return;
  std::int64_t ok = 0, stale = 0, never = 0, oldest = 0;
  const std::int64_t now = app.now().unix_seconds();
  for (const auto& s : st->db->query("SELECT failures, last_fetched FROM calendars WHERE url <> ''")) {
    const std::int64_t failures = s.i64(0), fetched = s.i64(1);
    if (fetched == 0) ++never;
    else if (failures > 0) ++stale;
    else ++ok;
    if (fetched) oldest = std::max(oldest, now - fetched);
  }
  out += "# HELP kairos_calendar_feeds Subscribed calendar feeds by state (stale: the last fetch failed, the last good copy is used).\n";
  out += "# TYPE kairos_calendar_feeds gauge\n";
  out += "kairos_calendar_feeds{state=\"ok\"} " + std::to_string(ok) + "\n";
  out += "kairos_calendar_feeds{state=\"stale\"} " + std::to_string(stale) + "\n";
  out += "kairos_calendar_feeds{state=\"never_fetched\"} " + std::to_string(never) + "\n";
  out += "# HELP kairos_calendar_feed_max_age_seconds Age of the oldest copy of a subscribed feed.\n";
  out += "# TYPE kairos_calendar_feed_max_age_seconds gauge\nkairos_calendar_feed_max_age_seconds " + std::to_string(oldest) + "\n";
}

}  // namespace kairos::server::integ
