// The owner console's endpoints beyond configuration: why a start is or is not
// offered (core::explain_starts, the walk of free_slots), bookings staff enter for a
// caller on the phone, the lists of proposals and confirmation requests (with
// cursors), a booking's related bookings, and the preview of a confirmation request's
// mails exactly as the outbox would render them. Another account's ids answer 404.
#include <algorithm>

#include "app.hpp"
#include "route_table.hpp"
#include "integrations/integrations.hpp"
#include "auth/tokens.hpp"
#include "bookings.hpp"
#include "documents.hpp"
#include "kairos/wire/availability.hpp"
#include "kairos/confirmation.hpp"
#include "kairos/email.hpp"
#include "kairos/explain.hpp"
#include "kairos/time_text.hpp"
#include "kairos/wire/explain.hpp"
#include "kairos/wire/json_mapping.hpp"
#include "kairos/wire/documents.hpp"
#include "kairos/wire/lifecycle.hpp"
#include "mail_composer.hpp"
#include "requests.hpp"

namespace kairos::server {

using core::make_error;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

Response not_found(const char* what) { return http::problem(404, "not_found", std::string("No such ") + what + "."); }

// limit (1..1000, default 100) and cursor of a list request.
struct Paging {
  std::size_t limit = 100;
  std::string cursor;
};

core::Result<Paging> read_paging(const Request& req) {
  Paging p;
  auto limit = read_limit(req, p.limit);
  if (!limit) return limit.error();
  p.limit = *limit;
  p.cursor = req.query_or("cursor");
  if (p.cursor.size() > 200) return make_error("invalid_cursor", "not a cursor of this list", "cursor");
  return p;
}

// Lists of token documents are newest first; a cursor is the id of the last item seen.
json page_of(const std::vector<json>& all, const Paging& paging) {
  std::size_t from = 0;
  if (!paging.cursor.empty()) {
    auto it = std::find_if(all.begin(), all.end(), [&](const json& j) { return j.value("id", "") == paging.cursor; });
    from = it == all.end() ? all.size() : static_cast<std::size_t>(it - all.begin()) + 1;
  }
  std::vector<json> items;
  for (std::size_t i = from; i < all.size() && items.size() < paging.limit; ++i) items.push_back(all[i]);
  const bool more = from + items.size() < all.size();
  return wire::list_view(items, more ? std::optional(items.back().value("id", "")) : std::nullopt);
}

json proposal_view(App& app, const store::TokenDoc& doc) {
  const core::Proposal p = proposal_from(doc);
  return wire::proposal_admin_view(p, doc.id, core::visible_state(p, app.now()), doc.created_at, doc.updated_at);
}

// The guest of a staff booking; the same checks as a guest's own booking.
core::Result<core::Guest> read_guest(App& app, const json& body) { return read_booking_guest(app, body); }

Response explain_slot(App& app, Request& req) {
  auto page = app.store.page(req.params.at("page"));
  if (!page || page->account_id != req.account_id) return http::problem(404, "page_not_found", "No such page.");
  const std::string et = req.query_or("event_type");
  if (et.empty()) return http::problem(422, "missing_field", "event_type is required", "event_type");
  const std::string date_text = req.query_or("date");
  if (date_text.empty()) return http::problem(422, "missing_field", "date is required", "date");
  auto date = core::parse_date(date_text);
  if (!date) return http::problem(422, date.error().code, date.error().message, "date");
  auto ctx = load_page_context(app, page->id, et);
  if (!ctx) return http::problem(ctx.error());
  // The day is read in `tz` (default: the responsible host's zone), as /slots reads it.
  const std::string tz = req.query_or("tz", ctx->host_docs.front().timezone.empty() ? std::string("UTC") : ctx->host_docs.front().timezone);
  auto zone = app.zones.get(tz);
  if (!zone) return http::problem(422, "unknown_zone", "not a time zone of the tz database", "tz");
  const core::Interval span = core::local_dates(**zone, *date, *date);
  const core::Instant now = app.now();
  auto inputs = build_inputs(app, *ctx, span, now);
  return http::json_response(
      200, wire::explain_view(page->id, et, date_text, tz, now, core::explain_starts(inputs, span)));
}

Response preview_host(App& app, Request& req) {
  auto body = parse_body(req);
  if (!body) return http::problem(body.error());
  std::string host_id;
  if (const json* id = wire::member(*body, "id"); id && id->is_string()) host_id = id->get<std::string>();
  json fields = *body;
  for (const char* k : {"id", "from", "to", "tz"}) fields.erase(k);
  if (!host_id.empty()) {  // a saved host: fields left out keep their values, as in PUT
    auto h = app.store.host(host_id);
    if (!h || h->account_id != req.account_id) return http::problem(404, "not_found", "No such host.", "id");
    fields = wire::host_update(stored_host(*h), fields);
  }
  auto doc = host_from_request(fields, app.zones);
  if (!doc) return http::problem(doc.error());
  auto hz = app.zones.get(doc->timezone);
  if (!hz) return http::problem(hz.error());
  const core::Host host = doc->schedule(host_id.empty() ? std::string("preview") : host_id, **hz);
  const core::Instant now = app.now();
  const json* tz_given = wire::member(*body, "tz");
  const std::string tz = tz_given && tz_given->is_string() ? tz_given->get<std::string>() : doc->timezone;
  auto zone = app.zones.get(tz);
  if (!zone) return http::problem(422, "unknown_zone", "not a time zone of the tz database", "tz");
  core::LocalDate from = (*zone)->to_local(now).date(), to = from + core::Days(13);
  for (auto [key, out] : {std::pair{"from", &from}, std::pair{"to", &to}}) {
    const json* v = wire::member(*body, key);
    if (!v) continue;
    auto d = wire::read_date(*v, key);
    if (!d) return http::problem(d.error());
    *out = *d;
  }
  if (to < from || to - from >= core::Days(62))
    return http::problem(422, "invalid_range", "from..to is 1 to 62 days", "to");
  const core::Interval range = core::local_dates(**zone, from, to);
  std::vector<core::Interval> taken;
  if (!host_id.empty())
    for (const auto& b : app.store.busy_bookings({host_id}, {}, range)) taken.push_back(b.when);
  return http::json_response(200, wire::host_preview_view(tz, **zone, from, to, core::host_free_time(host, taken, range)));
}

Response phone_booking(App& app, Request& req) {
  auto body = parse_body(req);
  if (!body) return http::problem(body.error());
  std::string page_id, et;
  for (auto [key, out] : {std::pair{"page", &page_id}, std::pair{"event_type", &et}}) {
    auto v = wire::required(*body, key);
    if (!v) return http::problem(v.error());
    auto s = wire::read_string(**v, key);
    if (!s) return http::problem(s.error());
    *out = *s;
  }
  auto page = app.store.page(page_id);
  if (!page || page->account_id != req.account_id)
    return http::problem(404, "page_not_found", "No such page.", "page");
  auto sj = wire::required(*body, "start");
  if (!sj) return http::problem(sj.error());
  auto start = wire::read_instant(**sj, "start");
  if (!start) return http::problem(start.error());
  auto guest = read_guest(app, *body);
  if (!guest) return http::problem(guest.error());
  auto hosts = string_list(*body, "hosts", false);
  if (!hosts) return http::problem(hosts.error());
  std::string room, notes, location;
  for (auto [key, out, max] : {std::tuple{"room", &room, std::size_t{100}}, std::tuple{"notes", &notes, std::size_t{5000}},
                               std::tuple{"location", &location, std::size_t{200}}}) {
    const json* v = wire::member(*body, key);
    if (!v || v->is_null()) continue;
    auto s = wire::read_string(*v, key);
    if (!s) return http::problem(s.error());
    if (s->size() > max) return http::problem(422, "too_long", "the text is too long", key);
    *out = *s;
  }
  bool notify = true;
  if (const json* n = wire::member(*body, "notify")) {
    auto b = wire::read_bool(*n, "notify");
    if (!b) return http::problem(b.error());
    notify = *b;
  }

  json answer;
  auto st = app.store.transact([&]() -> core::Status {
    auto ctx = load_page_context(app, page_id, et);
    if (!ctx) return ctx.error();
    const core::Instant now = app.now();
    core::BookingRequest br;
    br.start = *start;
    // Staff may book a caller sooner than the notice or outside the window: the core
    // waives exactly those for a start it is told was already accepted (booked_start);
    // hours, grid, overlaps, limits and rooms are checked as for a guest.
    br.booked_start = *start;
    br.host_ids = *hosts;
    br.room_id = room;
    auto inputs = build_inputs(app, *ctx, core::Interval{*start, *start + ctx->policy.duration}, now);
    auto a = core::check_booking(inputs, br);
    if (!a) return a.error();

    core::Booking draft = new_booking_draft(*ctx, *a, now);
    draft.guest = *guest;
    draft.notes = notes;
    if (!location.empty()) draft.location = location;
    // Staff entered it themselves: it needs no approval.
    core::NotificationSettings settings = settings_for(*ctx);
    settings.auto_approve = true;
    auto out = core::create_booking_outcome(draft, now, settings);
    if (!out) return out.error();
    std::vector<core::PlannedMessage> messages;
    for (const auto& m : out->messages) {
      // Without notify the guest gets no confirmation now (reminders stay).
      if (!notify && m.role == core::Recipient::guest && m.key.rfind("reminder", 0) != 0) continue;
      messages.push_back(m);
    }
    answer = store_created_booking(app, *ctx, out->booking, messages, out->cancel_key_prefixes, now);
    answer["notified"] = notify;
    return core::ok_status();
  });
  if (!st) return http::problem(st.error());
  return http::json_response(201, answer).with_header("Location", "/v1/admin/bookings/" + answer.value("uid", ""));
}

Response related_bookings(App& app, Request& req) {
  auto rec = app.store.booking(req.params.at("uid"));
  if (!rec || rec->account_id != req.account_id) return http::problem(404, "booking_not_found", "No such booking.");
  const core::Booking b = to_core(*rec);
  std::string zone_id = "UTC";
  if (auto h = app.store.host(rec->host_id)) zone_id = stored_host(*h).timezone;
  auto zone = app.zones.get(zone_id);
  if (!zone) zone = app.zones.get("UTC");
  store::BookingQuery q;
  q.account_id = req.account_id;
  const core::Interval week = core::related_span(b, **zone);  // the core's notion of "related"
  q.from = week.start;
  q.to = week.end;
  q.q = b.guest.email;
  q.limit = 1000;
  std::vector<core::Booking> candidates;
  for (const auto& other : app.store.bookings(q)) candidates.push_back(to_core(other));
  const auto uids = core::suggest_related(candidates, b, **zone);
  std::vector<json> items;
  for (const auto& uid : uids)
    for (const auto& c : candidates)
      if (c.uid == uid) items.push_back(booking_json(c));
  return http::json_response(200, wire::related_bookings_view(b.uid, std::move(items)));
}

Response list_proposals(App& app, Request& req) {
  auto paging = read_paging(req);
  if (!paging) return http::problem(paging.error());
  const std::string state = req.query_or("state");
  if (!state.empty() && state != "open" && state != "chosen" && state != "withdrawn" && state != "expired")
    return http::problem(422, "invalid_state", "state is open, chosen, withdrawn or expired", "state");
  std::vector<json> all;
  for (const auto& doc : app.store.token_docs_of("proposal", req.account_id)) {
    json v = proposal_view(app, doc);
    if (state.empty() || v.value("state", "") == state) all.push_back(std::move(v));
  }
  return http::json_response(200, page_of(all, *paging));
}

Response get_proposal(App& app, Request& req) {
  auto doc = app.store.token_doc("proposal", req.params.at("id"));
  if (!doc || doc->account_id != req.account_id) return not_found("proposal");
  std::vector<json> outbox;
  for (const auto& m : app.store.outbox(req.account_id, "proposal:" + doc->id))
    outbox.push_back(wire::message_summary({m.id, m.template_key, m.recipient, store::to_string(m.state), {}, {}}));
  return http::json_response(200, wire::with_messages(proposal_view(app, *doc), std::move(outbox)));
}

Response withdraw_proposal(App& app, Request& req) {
  auto st = app.store.transact([&]() -> core::Status {
    auto doc = app.store.token_doc("proposal", req.params.at("id"));
    if (!doc || doc->account_id != req.account_id) return make_error("not_found", "no such proposal");
    auto withdrawn = core::withdraw_proposal(proposal_from(*doc));
    if (!withdrawn) return withdrawn.error();
    // Invitations not yet sent are not sent any more; the holds go with the state.
    app.store.cancel_outbox_for("proposal:" + doc->id, "");
    auto updated = *doc;
    updated.state = core::to_string(withdrawn->state);
    updated.doc = wire::proposal_document(*withdrawn);
    updated.updated_at = app.now();
    app.store.put_token_doc(updated);
    return core::ok_status();
  });
  if (!st) return http::problem(st.error());
  return http::empty_response(204);
}

Response list_requests(App& app, Request& req) {
  auto paging = read_paging(req);
  if (!paging) return http::problem(paging.error());
  const std::string state = req.query_or("state");
  if (!state.empty() && !core::parse_request_state(state))
    return http::problem(422, "invalid_state", "state is pending_send, sent, accepted, declined or cancelled", "state");
  std::vector<json> all;
  for (const auto& doc : app.store.token_docs_of("request", req.account_id)) {
    json v = request_view(app, request_from(doc));
    v["id"] = doc.id;
    if (state.empty() || v.value("state", "") == state) all.push_back(std::move(v));
  }
  return http::json_response(200, page_of(all, *paging));
}

Response get_request(App& app, Request& req) {
  auto doc = app.store.token_doc("request", req.params.at("id"));
  if (!doc || doc->account_id != req.account_id) return not_found("confirmation request");
  std::vector<json> outbox;
  for (const auto& m : app.store.outbox(req.account_id, "request:" + doc->id))
    outbox.push_back(wire::message_summary({m.id, m.template_key, m.recipient, store::to_string(m.state), {}, m.send_at}));
  return http::json_response(200, wire::with_messages(request_view(app, request_from(*doc)), std::move(outbox)));
}

// The mails a request would send, rendered by the outbox's own composer: the request
// is created inside a transaction that is then rolled back, so nothing is kept.
Response preview_request(App& app, Request& req) {
  auto body = parse_body(req);
  if (!body) return http::problem(body.error());
  auto read = read_request_draft(*body);
  if (!read) return http::problem(read.error());
  core::ConfirmationRequest draft = std::move(*read);
  std::vector<json> items;
  std::optional<core::Error> failure;
  const core::Error rollback{"preview_only", "rolled back", ""};
  {
    auto st = app.store.transact([&]() -> core::Status {
      items.clear();  // PostgreSQL may run this again after a deadlock
      std::vector<core::Booking> bookings;
      for (std::size_t i = 0; i < draft.booking_uids.size(); ++i) {
        auto rec = app.store.booking(draft.booking_uids[i]);
        if (!rec || rec->account_id != req.account_id)
          return make_error("booking_not_found", "no such booking", wire::field_path("bookings", i));
        bookings.push_back(to_core(*rec));
      }
      const core::Instant now = app.now();
      draft.created_at = now;
      auto out = core::create_request(draft, bookings, now);
      if (!out) return out.error();
      app.store.put_token_doc(store::TokenDoc{draft.id, req.account_id, auth::sha256_hex(auth::random_token()),
                                              "request", core::to_string(out->request.state),
                                              wire::request_document(out->request), now, now});
      store_changed_bookings(app, out->bookings);
      core::Booking stub;
      stub.uid = "request:" + draft.id;
      plan_messages(app, req.account_id, stub, out->messages, out->cancel_key_prefixes);
      StoreComposer composer(app);
      for (const auto& m : app.store.outbox(req.account_id, stub.uid)) {
        if (m.state != store::OutboxState::scheduled || m.channel != "mail") continue;
        mail::DeliveryItem item{m.id, m.account_id, m.booking_uid, m.key, m.template_key, m.channel,
                                m.recipient, m.payload, m.send_at, 0};
        auto mail = composer.compose(item, now);
        if (!mail) return mail.error();
        if (auto* cm = std::get_if<mail::ComposedMail>(&*mail))
          items.push_back(wire::mail_preview_view({m.recipient, m.template_key, m.send_at, cm->message.subject,
                                                   cm->message.text, cm->message.html}));
      }
      return rollback;
    });
    if (!st && st.error().code != rollback.code) failure = st.error();
  }
  if (failure) return http::problem(*failure);
  return http::json_response(200, wire::collection_view("items", std::move(items)));
}

}  // namespace

void register_console_routes(App& app, http::Router& r) {
  add_routes(app, r, {
      // --- "why is 10:00 not offered?" ------------------------------------------------------
      {"GET", "/v1/admin/pages/{page}/explain", http::Access::owner, explain_slot},
      // --- the free times a host's hours give, before they are saved -----------------------
      {"POST", "/v1/admin/hosts/preview", http::Access::owner, preview_host},
      // --- a booking for a caller on the phone --------------------------------------------
      {"POST", "/v1/admin/bookings", http::Access::owner, phone_booking},
      // --- the same guest's other bookings that week (seed 002) ----------------------------
      {"GET", "/v1/admin/bookings/{uid}/related", http::Access::owner, related_bookings},
      // --- proposals ----------------------------------------------------------------------
      {"GET", "/v1/admin/proposals", http::Access::owner, list_proposals},
      {"GET", "/v1/admin/proposals/{id}", http::Access::owner, get_proposal},
      {"DELETE", "/v1/admin/proposals/{id}", http::Access::owner, withdraw_proposal},
      // --- confirmation requests ----------------------------------------------------------
      {"GET", "/v1/admin/confirmation-requests", http::Access::owner, list_requests},
      {"GET", "/v1/admin/confirmation-requests/{id}", http::Access::owner, get_request},
      {"POST", "/v1/admin/confirmation-requests/preview", http::Access::owner, preview_request},
  });
}

}  // namespace kairos::server
