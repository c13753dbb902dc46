// Booking routes: creation (rate-limited, idempotent), the guest's own booking through
// its token, and the owner's list, actions, edits and deletion. Another account's
// booking, and a wrong token, answer 404 like an unknown uid.
#include <algorithm>
#include <map>

#include "app.hpp"
#include "integrations/integrations.hpp"
#include "auth/tokens.hpp"
#include "bookings.hpp"
#include "documents.hpp"
#include "front.hpp"
#include "http/front.hpp"
#include "kairos/proposal.hpp"
#include "kairos/time_text.hpp"
#include "requests.hpp"
#include "route_table.hpp"
#include "kairos/edit.hpp"
#include "kairos/wire/documents.hpp"
#include "kairos/wire/json_mapping.hpp"
#include "kairos/wire/office.hpp"
#include "kairos/wire/lifecycle.hpp"

namespace kairos::server {

using http::Request;
using http::Response;
using nlohmann::json;

namespace {

Response booking_not_found() { return http::problem(404, "booking_not_found", "No such booking."); }

// The guest's booking when the request carries its token (Bearer or ?token=).
std::optional<store::BookingRecord> guest_booking(App& app, const Request& req, Response& error) {
  std::string token = http::bearer_token(req);
  if (token.empty()) token = req.query_or("token");
  if (token.empty()) {
    error = http::problem(401, "unauthorized", "The booking's token is required.").with_header("WWW-Authenticate",
                                                                                               "Bearer");
    return std::nullopt;
  }
  auto rec = app.store.booking(req.params.at("uid"));
  if (!rec || !auth::constant_time_equal(auth::sha256_hex(token), rec->token_hash)) {
    error = booking_not_found();
    return std::nullopt;
  }
  return rec;
}

std::optional<store::BookingRecord> owned_booking(App& app, const Request& req) {
  auto rec = app.store.booking(req.params.at("uid"));
  if (!rec || rec->account_id != req.account_id) return std::nullopt;
  return rec;
}

std::string reason_of(const Request& req) {
  if (req.body.empty()) return {};
  auto j = wire::parse_json(req.body);
  return j ? wire::read_reason(*j) : std::string();
}

// Optimistic concurrency of edits: the ETag of a booking names its version.
std::string booking_etag(std::int64_t version) { return "\"v" + std::to_string(version) + "\""; }

// The version an edit was made from: If-Match ("v3", W/"v3" or *), else the body's
// "version"; none = unconditional (integrations that do not care).
core::Result<std::optional<std::int64_t>> seen_version(const Request& req, const json& body) {
  if (const std::string* m = req.header("if-match")) {
    std::string v = *m;
    if (v.rfind("W/", 0) == 0) v = v.substr(2);
    if (v == "*") return std::optional<std::int64_t>();
    if (v.size() >= 4 && v.size() <= 20 && v.front() == '"' && v.back() == '"' && v[1] == 'v' &&
        v.find_first_not_of("0123456789", 2) == v.size() - 1)
      return std::optional<std::int64_t>(std::stoll(v.substr(2, v.size() - 3)));
    return core::make_error("edit_conflict", "If-Match names no version of this booking", "If-Match");
  }
  return wire::read_edit_version(body);
}

Response action_route(App& app, Request& req, core::BookingAction action) {
  if (!owned_booking(app, req)) return booking_not_found();
  if (!req.body.empty())
    if (auto j = wire::parse_request_json(req.body); !j) return http::problem(j.error());
  auto b = act_on_booking(app, req.params["uid"], action, core::Actor::host, std::nullopt, reason_of(req));
  if (!b) return http::problem(b.error());
  return http::json_response(200, booking_json(*b));
}

}  // namespace

core::Result<std::optional<core::Instant>> instant_or_date(const Request& req, const char* name) {
  auto it = req.query.find(name);
  if (it == req.query.end() || it->second.empty()) return std::optional<core::Instant>();
  if (it->second.size() == 10) {
    auto d = core::parse_date(it->second);
    if (!d) return core::make_error(d.error().code, d.error().message, name);
    return std::optional<core::Instant>(core::utc_midnight(*d));
  }
  auto t = core::parse_instant(it->second);
  if (!t) return core::make_error(t.error().code, t.error().message, name);
  return std::optional<core::Instant>(*t);
}

namespace {

// Answered after the booking's group commit, without holding a server thread meanwhile.
void post_booking(App& app, Request& req, http::Reply reply) {
  int retry = 0;
  if (!app.limits.bookings.allow(req.client, app.now().unix_seconds(), retry))
    return reply(http::problem(429, "rate_limited", "Too many bookings from this client; try again later.")
                     .with_header("Retry-After", std::to_string(retry)));
  std::string key;
  if (const std::string* k = req.header("idempotency-key")) {
    key = *k;
    if (key.empty() || key.size() > 200)
      return reply(http::problem(422, "invalid_idempotency_key", "1 to 200 characters", "Idempotency-Key"));
  }
  auto body = parse_body(req);
  if (!body) return reply(http::problem(body.error()));
  create_booking(app, *body, key, auth::sha256_hex(req.body), [reply](core::Result<Created> created) {
    if (!created) return reply(http::problem(created.error()));
    Response res = http::text_response(created->status, created->body, "application/json");
    // The answer (wire::created_booking_view), also as an Idempotency-Key repeat gets it.
    const auto answer = wire::parse_json(created->body);
    const std::string uid = answer ? wire::read_booking_summary(*answer).uid : std::string();
    if (!uid.empty()) res.with_header("Location", "/v1/bookings/" + uid);
    reply(std::move(res));
  });
}

Response get_guest_booking(App& app, Request& req) {
  Response err;
  auto rec = guest_booking(app, req, err);
  if (!rec) return err;
  return http::json_response(200, booking_json(to_core(*rec)));
}

Response guest_cancel(App& app, Request& req) {
  Response err;
  auto rec = guest_booking(app, req, err);
  if (!rec) return err;
  auto b = act_on_booking(app, rec->uid, core::BookingAction::cancel, core::Actor::guest, std::nullopt,
                          reason_of(req));
  if (!b) return http::problem(b.error());
  return http::json_response(200, booking_json(*b));
}

Response guest_reschedule(App& app, Request& req) {
  Response err;
  auto rec = guest_booking(app, req, err);
  if (!rec) return err;
  auto body = parse_body(req);
  if (!body) return http::problem(body.error());
  auto s = wire::required(*body, "start");
  if (!s) return http::problem(s.error());
  auto start = wire::read_instant(**s, "start");
  if (!start) return http::problem(start.error());
  auto b = act_on_booking(app, rec->uid, core::BookingAction::reschedule, core::Actor::guest, *start, "");
  if (!b) return http::problem(b.error());
  return http::json_response(200, booking_json(*b));
}

Response list_bookings(App& app, Request& req) {
  store::BookingQuery q;
  q.account_id = req.account_id;
  auto from = instant_or_date(req, "from");
  if (!from) return http::problem(from.error());
  auto to = instant_or_date(req, "to");
  if (!to) return http::problem(to.error());
  q.from = *from;
  q.to = *to;
  if (const std::string status = req.query_or("status"); !status.empty()) {
    auto st = core::parse_booking_status(status);
    if (!st) return http::problem(422, "invalid_status", "unknown booking status", "status");
    q.status = *st;
  }
  q.host = req.query_or("host");
  q.q = req.query_or("q");
  if (q.q.size() > 200) return http::problem(422, "too_long", "the search text is too long", "q");
  std::vector<json> out;
  q.tray = req.query_or("tray");
  if (!q.tray.empty() && q.tray != core::declined_tray)
    return http::problem(422, "invalid_tray", "the only tray is \"declined\"", "tray");
  const std::string location = req.query_or("location"), label = req.query_or("label");
  // Cursor pagination as every list ({items, next_cursor}): the store answers in (start,
  // uid) order and the cursor is the last item's "<start seconds>.<uid>", so a booking
  // added or removed between pages neither repeats nor hides another one.
  auto limit_read = read_limit(req, 100);
  if (!limit_read) return http::problem(limit_read.error());
  const std::size_t limit = *limit_read;
  std::int64_t after_start = 0;
  std::string after_uid;
  const std::string cursor = req.query_or("cursor");
  if (!cursor.empty()) {
    const auto dot = cursor.find('.');
    const std::string secs = cursor.substr(0, dot);
    if (dot == std::string::npos || secs.empty() || secs.size() > 12 || cursor.size() > 200 ||
        !std::all_of(secs.begin() + (secs[0] == '-' ? 1 : 0), secs.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
        secs == "-")
      return http::problem(422, "invalid_cursor", "not a cursor of this list", "cursor");
    after_start = std::stoll(secs);
    after_uid = cursor.substr(dot + 1);
  }
  q.limit = 100000;  // the page is cut here, after the location and label filters
  std::string next, last;
  for (const auto& rec : app.store.bookings(q)) {
    core::Booking b = to_core(rec);
    if (!location.empty() && b.location != location) continue;
    if (!label.empty() && std::find(b.labels.begin(), b.labels.end(), label) == b.labels.end()) continue;
    const std::int64_t st = b.when.start.unix_seconds();
    if (!cursor.empty() && (st < after_start || (st == after_start && b.uid <= after_uid))) continue;
    if (out.size() == limit) {
      next = last;
      break;
    }
    out.push_back(booking_json(b, &app));
    last = std::to_string(st) + "." + b.uid;
  }
  return http::json_response(
      200, wire::collection_view("items", std::move(out), next.empty() ? std::nullopt : std::optional<std::string>(next)));
}

Response get_booking(App& app, Request& req) {
  auto rec = owned_booking(app, req);
  if (!rec) return booking_not_found();
  core::Booking bk = to_core(*rec);
  json j = booking_json(bk, &app);
  wire::BookingDetail detail;
  // What staff may do now, from the lifecycle core: the console offers these buttons
  // and no others (it never re-decides the rules).
  detail.actions = core::available_actions(bk, core::Actor::host, app.now());
  // R-INQ-4: a message that could not be delivered is shown to staff, with the
  // guest's phone as the way to reach them instead.
  for (const auto& m : app.store.outbox(req.account_id, rec->uid)) {
    if (m.state != store::OutboxState::failed) continue;
    detail.problems.push_back({std::nullopt, m.id, m.template_key, m.channel, m.recipient, m.last_error, {}, {}});
  }
  for (const auto& d : app.store.token_docs("bounce", "active")) {  // bounces reported later (DSNs)
    if (d.account_id != req.account_id) continue;
    const core::BounceRecord b = bounce_from(d);
    if (b.booking != rec->uid) continue;
    detail.problems.push_back({b.id, b.message, b.template_key, "mail", b.address, b.error, b.status, b.suggestion});
  }
  detail.fallback_phone = rec->guest_phone;
  detail.version = rec->version;  // an edit sends it back (If-Match or "version")
  wire::add_booking_detail(j, detail);
  return http::json_response(200, j).with_header("ETag", booking_etag(rec->version));
}

Response approve_booking(App& app, Request& req) {
  return action_route(app, req, core::BookingAction::approve);
}

Response reject_booking(App& app, Request& req) {
  return action_route(app, req, core::BookingAction::reject);
}

Response cancel_booking(App& app, Request& req) {
  return action_route(app, req, core::BookingAction::cancel);
}

Response complete_booking(App& app, Request& req) {
  return action_route(app, req, core::BookingAction::complete);
}

Response mark_no_show(App& app, Request& req) {
  return action_route(app, req, core::BookingAction::mark_no_show);
}

Response patch_booking(App& app, Request& req) {
  if (!owned_booking(app, req)) return booking_not_found();
  auto body = parse_body(req);
  if (!body) return http::problem(body.error());
  auto seen = seen_version(req, *body);
  if (!seen) return http::problem(seen.error());
  std::int64_t version = 0;
  auto edit = wire::read_booking_edit(*body);
  if (!edit) return http::problem(edit.error());
  auto location = wire::read_edit_location(*body);  // the visit's office (R-PROP-6 "office")
  if (!location) return http::problem(location.error());
  if (*location)
    if (auto st = check_location(app, req.account_id, **location, "location"); !st) return http::problem(st.error());
  std::optional<std::vector<std::string>> labels;
  if (const json* l = wire::member(*body, "labels")) {
    auto ls = read_labels(app, req.account_id, *l);
    if (!ls) return http::problem(ls.error());
    labels = *ls;
  }
  core::Booking result;
  auto st = app.store.transact([&]() -> core::Status {
    auto rec = app.store.booking(req.params.at("uid"));
    if (!rec) return core::make_error("booking_not_found", "no such booking");
    // Two staff editing one booking: the later save names a version that is gone.
    if (*seen && **seen != rec->version)
      return core::make_error("edit_conflict", "the booking was changed meanwhile; reload it and edit again");
    version = rec->version + 1;
    const core::Booking before = to_core(*rec);
    core::Instant now = app.now();
    auto ctx = load_page_context(app, before.page_id, before.event_type_id);
    // The core's edit rules (kairos/edit.hpp) say what a move keeps; the engine
    // re-checks the edited booking against the inputs read in this transaction.
    std::optional<core::Assignment> placed;
    if (core::moves(*edit)) {
      if (!ctx) return ctx.error();
      auto check = core::edit_check(before, *edit, ctx->policy);
      auto a = core::check_booking(build_inputs(app, *ctx, check.inputs_range, now), check.request);
      if (!a && core::may_retry_without_room(before, *edit, ctx->policy, a.error())) {
        check = core::edit_check(before, *edit, ctx->policy, /*keep_room=*/false);
        a = core::check_booking(build_inputs(app, *ctx, check.inputs_range, now), check.request);
      }
      if (!a) return a.error();
      placed = *a;
    }
    core::Booking after = core::edited(before, *edit, placed);
    if (*location) after.location = **location;
    if (labels) after.labels = *labels;
    core::ZoneRules zone = ctx ? ctx->hosts.front().zone : core::ZoneRules::fixed("UTC", 0, "UTC");
    auto settings = ctx ? settings_for(*ctx) : core::NotificationSettings{};
    add_host_preferences(app, settings, before.host_ids);
    auto out = core::edit_booking(before, after, edit->notify, now, settings, zone);
    if (!out) return out.error();
    auto updated = to_record(out->booking, rec->account_id, rec->token_hash);
    updated.created_at = rec->created_at;
    updated.updated_at = now;
    app.store.update_booking(updated);
    plan_messages(app, rec->account_id, out->booking, out->messages, out->cancel_key_prefixes);
    integ::emit_booking_events(app, rec->account_id, &before, out->booking, nullptr);
    requests_follow_booking(app, rec->account_id, out->booking, false);
    // A corrected e-mail address receives again what bounced or was held (R-INQ-4).
    address_corrected(app, rec->account_id, before.uid, before.guest.email, out->booking.guest.email);
    result = out->booking;
    return core::ok_status();
  });
  if (!st) return http::problem(st.error());
  json answer = booking_json(result, &app);
  answer["version"] = version;
  return http::json_response(200, answer).with_header("ETag", booking_etag(version));
}

Response delete_booking(App& app, Request& req) {
  if (!owned_booking(app, req)) return booking_not_found();
  auto st = app.store.transact([&]() -> core::Status {
    const std::string& uid = req.params["uid"];
    for (const auto& p : core::cancel_prefixes_on_delete()) app.store.cancel_outbox_for(uid, p);
    auto rec = app.store.booking(uid);
    if (rec) requests_follow_booking(app, req.account_id, to_core(*rec), true);
    if (!app.store.delete_booking(uid)) return core::make_error("booking_not_found", "no such booking");
    // Receivers learn that the booking is gone (data: the booking as it was last).
    if (rec) integ::emit_event(app, req.account_id, "booking.deleted", uid, booking_json(to_core(*rec)));
    return core::ok_status();
  });
  if (!st) return http::problem(st.error());
  return http::empty_response(204);
}

Response list_outbox(App& app, Request& req) {
  // Filters: state, and location (the office of the message's booking, inquiry,
  // proposal or request: a reception desk sees its own office's delivery problems).
  // limit and cursor (the last id seen) page through the list, oldest first, or newest
  // first with order=newest (what staff read: the latest messages on top).
  const std::string state_text = req.query_or("state"), location = req.query_or("location");
  const auto state = store::parse_outbox_state(state_text);
  const std::string order = req.query_or("order");
  if (!order.empty() && order != "oldest" && order != "newest")
    return http::problem(422, "invalid_order", "order is oldest or newest", "order");
  const bool newest = order == "newest";
  if (!state_text.empty() && !state)
    return http::problem(422, "invalid_state", "state is scheduled, sent, failed or cancelled", "state");
  if (!location.empty() && !find_location(app, req.account_id, location))
    return http::problem(422, "unknown_location", "no such location", "location");
  auto limit_read = read_limit(req, 1000);
  if (!limit_read) return http::problem(limit_read.error());
  const std::size_t limit = *limit_read;
  std::int64_t after = 0;
  if (const std::string c = req.query_or("cursor"); !c.empty()) {
    if (c.size() > 18 || !std::all_of(c.begin(), c.end(), [](char ch) { return ch >= '0' && ch <= '9'; }))
      return http::problem(422, "invalid_cursor", "not a cursor of this list", "cursor");
    after = std::stoll(c);
  }
  std::map<std::string, std::string> where;  // owner → location, looked up once
  std::vector<json> out;
  std::string next;
  std::int64_t last_id = 0;
  // The store answers 1000 rows at a time; filters may skip many, so read on until the
  // page is full or the messages run out.
  bool full = false;
  for (std::int64_t from = after; !full;) {
    auto batch = app.store.outbox(req.account_id, req.query_or("booking"), from,
                                  newest ? store::OutboxOrder::newest : store::OutboxOrder::oldest);
    if (batch.empty()) break;
    from = batch.back().id;
    for (const auto& m : batch) {
      if (state && m.state != *state) continue;
      if (!location.empty()) {
        auto it = where.find(m.booking_uid);
        if (it == where.end())
          it = where.emplace(m.booking_uid, message_owner_location(app, req.account_id, m.booking_uid)).first;
        if (it->second != location) continue;
      }
      if (out.size() == limit) {
        next = std::to_string(last_id);
        full = true;
        break;
      }
      out.push_back(wire::outbox_message_view({m.id, m.booking_uid, m.key, m.template_key, m.channel, m.recipient,
                                               m.send_at, store::to_string(m.state), m.handed_off_at.has_value(),
                                               m.attempts, m.last_error, m.sent_at, m.payload}));
      last_id = m.id;
    }
  }
  return http::json_response(
      200, wire::collection_view("messages", std::move(out), next.empty() ? std::nullopt : std::optional<std::string>(next)));
}

Response get_checkin(App& app, Request& req) {
  int retry = 0;  // guesses are limited as at the kiosk (R-PROP-9)
  if (!checkin_guess_allowed(app, req.client, retry))
    return http::problem(429, "rate_limited", "Too many wrong codes.").with_header("Retry-After", std::to_string(retry));
  auto rec = app.store.booking_by_checkin(normalize_checkin_code(req.params["code"]));
  if (!rec) {
    checkin_guess_wrong(app, req.client);
    return http::problem(404, "not_found", "No visit with this code.");
  }
  auto b = to_core(*rec);
  if (!core::checkin_valid(b, app.now()))
    return http::problem(404, "not_found", "No visit with this code at this time.");
  std::vector<std::string> hosts;
  for (const auto& id : b.host_ids)
    if (auto h = app.store.host(id)) hosts.push_back(stored_host(*h).name);
  std::string room_name;
  if (!b.room_id.empty())
    if (auto room = app.store.room(b.room_id)) room_name = room->name;
  return http::json_response(200, wire::checkin_view(b, hosts, room_name));
}

}  // namespace

void register_booking_routes(App& app, http::Router& r) {
  add_routes(app, r, {
      {"POST", "/v1/bookings", http::Access::open, post_booking},
      {"GET", "/v1/bookings/{uid}", http::Access::open, get_guest_booking},
      {"POST", "/v1/bookings/{uid}/cancel", http::Access::open, guest_cancel},
      {"POST", "/v1/bookings/{uid}/reschedule", http::Access::open, guest_reschedule},
      // --- owner ------------------------------------------------------------------------
      {"GET", "/v1/admin/bookings", http::Access::owner, list_bookings},
      {"GET", "/v1/admin/bookings/{uid}", http::Access::owner, get_booking},
      {"POST", "/v1/admin/bookings/{uid}/approve", http::Access::owner, approve_booking},
      {"POST", "/v1/admin/bookings/{uid}/reject", http::Access::owner, reject_booking},
      {"POST", "/v1/admin/bookings/{uid}/cancel", http::Access::owner, cancel_booking},
      {"POST", "/v1/admin/bookings/{uid}/complete", http::Access::owner, complete_booking},
      {"POST", "/v1/admin/bookings/{uid}/no-show", http::Access::owner, mark_no_show},
      {"PATCH", "/v1/admin/bookings/{uid}", http::Access::owner, patch_booking},
      {"DELETE", "/v1/admin/bookings/{uid}", http::Access::owner, delete_booking},
      {"GET", "/v1/admin/outbox", http::Access::owner, list_outbox},
      {"GET", "/v1/checkin/{code}", http::Access::open, get_checkin},
  });
}

}  // namespace kairos::server
