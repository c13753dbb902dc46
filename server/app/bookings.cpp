// Booking service: records ↔ core values, and the transactional write paths.
#include "bookings.hpp"

#include <openssl/rand.h>

#include "auth/tokens.hpp"
#include "front.hpp"
#include "http/log.hpp"
#include "kairos/email.hpp"
#include "kairos/proposal.hpp"
#include "kairos/time_text.hpp"
#include "kairos/wire/availability.hpp"
#include "kairos/wire/json_mapping.hpp"
#include "kairos/wire/lifecycle.hpp"

namespace kairos::server {

using core::make_error;
using nlohmann::json;

core::Instant at(std::int64_t s) { return core::Instant::from_unix_seconds(s); }

std::uint64_t random_u64() {
  std::uint64_t v = 0;
  RAND_bytes(reinterpret_cast<unsigned char*>(&v), sizeof v);
  return v;
}

namespace {

json guest_json(const core::Guest& g) {
  json j{{"name", g.name}, {"email", g.email}};
  if (!g.phone.empty()) j["phone"] = g.phone;
  if (!g.company.empty()) j["company"] = g.company;
  if (!g.timezone.empty()) j["timezone"] = g.timezone;
  if (!g.language.empty()) j["language"] = g.language;
  return j;
}

core::Guest guest_from(const json& j) {
  core::Guest g;
  if (!j.is_object()) return g;
  g.name = j.value("name", "");
  g.email = j.value("email", "");
  g.phone = j.value("phone", "");
  g.company = j.value("company", "");
  g.timezone = j.value("timezone", "");
  g.language = j.value("language", "");
  return g;
}

}  // namespace

// --- pages → core inputs --------------------------------------------------------------

core::Result<PageContext> load_page_context(App& app, const std::string& page_id, const std::string& event_type) {
  auto page = app.store.page(page_id);
  if (!page) return make_error("page_not_found", "no such page (or it was deleted)", "page");
  PageContext ctx;
  ctx.page = *page;
  ctx.doc = json::parse(page->doc, nullptr, false);
  bool found = false;
  for (const auto& et : ctx.doc.value("event_types", json::array()))
    if (et.value("id", "") == event_type) {
      ctx.event_type = et;
      found = true;
    }
  if (!found) return make_error("unknown_event_type", "the page has no such event type", "event_type");
  auto policy = wire::read_event_policy(ctx.event_type, "event_type");
  if (!policy) return policy.error();
  ctx.policy = std::move(*policy);
  ctx.mode = ctx.doc.value("host_mode", "any") == "all" ? core::HostMode::all : core::HostMode::any;
  for (const auto& id : ctx.doc.value("hosts", json::array())) {
    auto rec = app.store.host(id.get<std::string>());
    if (!rec) continue;  // a deleted host no longer offers times
    json hdoc = json::parse(rec->doc, nullptr, false);
    json in = hdoc;
    in["id"] = rec->id;
    auto host = wire::read_host(in, "host");
    if (!host) return host.error();
    auto zone = app.zones.get(hdoc.value("timezone", ""));
    if (!zone) return zone.error();
    host->zone = **zone;
    ctx.hosts.push_back(std::move(*host));
    ctx.host_docs.push_back(std::move(hdoc));
  }
  if (ctx.hosts.empty()) return make_error("page_not_found", "the page has no hosts", "page");
  return ctx;
}

core::AvailabilityInputs build_inputs(App& app, const PageContext& ctx, core::Interval range, core::Instant now) {
  core::AvailabilityInputs in;
  in.now = now;
  in.policy = ctx.policy;
  in.mode = ctx.mode;
  in.hosts = ctx.hosts;
  std::vector<std::string> host_ids, room_ids = ctx.policy.room_ids;
  for (const auto& h : ctx.hosts) host_ids.push_back(h.id);
  for (const auto& r : room_ids) in.rooms.push_back(core::Room{r, {}});
  // The core says how much around the range its answer depends on (buffers, zone
  // offsets, and the local week that per-week limits and fair assignment count).
  const core::Interval span = core::inputs_span(range);
  auto from = span.start;
  auto to = span.end;
  for (const auto& rec : app.store.busy_bookings(host_ids, room_ids, from.unix_seconds(), to.unix_seconds())) {
    core::ExistingBooking b;
    b.id = rec.uid;
    b.host_ids = rec.host_ids.empty() ? std::vector<std::string>{rec.host_id} : rec.host_ids;
    b.room_id = rec.room_id;
    b.when = core::Interval{at(rec.start), at(rec.end)};
    b.buffer_before = core::Minutes(rec.buffer_before_min);
    b.buffer_after = core::Minutes(rec.buffer_after_min);
    in.bookings.push_back(std::move(b));
  }
  // Open proposals hold their candidates on their hosts and rooms (R-PROP-2).
  for (const auto& doc : app.store.token_docs("proposal", "open")) {
    json p = json::parse(doc.doc, nullptr, false);
    for (const auto& h : p.value("holds", json::array())) {
      auto hold = wire::read_hold(h, "hold");
      if (!hold) continue;
      if (hold->when.end <= from || to <= hold->when.start) continue;
      in.holds.push_back(std::move(*hold));
    }
  }
  return in;
}

core::NotificationSettings settings_for(const PageContext& ctx) {
  core::NotificationSettings s;
  s.auto_approve = ctx.policy.auto_approve;
  s.default_language = ctx.doc.value("language", "en");
  // Optional page-level notification settings: {"reminders_minutes":[1440,60],
  // "sms_reminders":true, "host_reminders":true, "follow_up_minutes":120,
  // "no_show_mail":true, "host_language":"ja"}. Values of the wrong type keep defaults.
  const json* n = wire::member(ctx.doc, "notifications");
  if (n && n->is_object()) {
    if (const json* r = wire::member(*n, "reminders_minutes"); r && r->is_array()) {
      s.reminder_offsets.clear();
      for (const json& m : *r)
        if (m.is_number_integer() && m.get<long>() > 0 && m.get<long>() <= 60L * 24 * 60) s.reminder_offsets.emplace_back(m.get<long>());
    }
    s.sms_reminders = n->value("sms_reminders", s.sms_reminders);
    s.host_reminders = n->value("host_reminders", s.host_reminders);
    s.no_show_mail = n->value("no_show_mail", s.no_show_mail);
    if (const json* f = wire::member(*n, "follow_up_minutes"); f && f->is_number_integer() && f->get<long>() >= 0)
      s.follow_up_after = core::Minutes(f->get<long>());
    if (const json* h = wire::member(*n, "host_language"); h && h->is_string()) s.host_language = h->get<std::string>();
  }
  return s;
}

// --- records ↔ core -------------------------------------------------------------------

core::Booking to_core(const store::BookingRecord& r) {
  core::Booking b;
  json d = json::parse(r.doc, nullptr, false);
  if (!d.is_object()) d = json::object();
  b.uid = r.uid;
  b.page_id = r.page_id;
  b.event_type_id = r.event_type;
  b.when = core::Interval{at(r.start), at(r.end)};
  b.host_ids = r.host_ids.empty() ? std::vector<std::string>{r.host_id} : r.host_ids;
  b.room_id = r.room_id;
  b.status = core::parse_booking_status(r.status).value_or(core::BookingStatus::pending);
  b.no_show = d.value("no_show", false);
  b.guest = guest_from(d.value("guest", json::object()));
  for (const auto& g : d.value("other_guests", json::array())) b.other_guests.push_back(guest_from(g));
  b.notes = d.value("notes", "");
  b.location = d.value("location", "");
  b.guidance = d.value("guidance", "");
  b.checkin_code = r.checkin_code;
  b.proposal_id = d.value("proposal_id", "");
  b.send_mail = d.value("send_mail", true);
  b.visibility = core::parse_visibility(d.value("visibility", "public")).value_or(core::Visibility::public_);
  b.tray = d.value("tray", "");
  for (const auto& l : d.value("labels", json::array()))
    if (l.is_string()) b.labels.push_back(l.get<std::string>());
  b.created_at = at(r.created_at);
  for (const auto& h : d.value("history", json::array())) {
    core::HistoryEntry e;
    e.at = core::parse_instant(h.value("at", "")).value_or(core::Instant());
    e.actor = core::parse_actor(h.value("actor", "system")).value_or(core::Actor::system);
    e.event = h.value("event", "");
    e.detail = h.value("detail", "");
    b.history.push_back(std::move(e));
  }
  return b;
}

store::BookingRecord to_record(const core::Booking& b, const std::string& account_id, const std::string& token_hash) {
  store::BookingRecord r;
  r.uid = b.uid;
  r.account_id = account_id;
  r.page_id = b.page_id;
  r.event_type = b.event_type_id;
  r.host_ids = b.host_ids;
  r.host_id = b.host_ids.empty() ? std::string() : b.host_ids.front();
  r.room_id = b.room_id;
  r.start = b.when.start.unix_seconds();
  r.end = b.when.end.unix_seconds();
  r.status = core::to_string(b.status);
  r.token_hash = token_hash;
  r.guest_name = b.guest.name;
  r.guest_email = b.guest.email;
  r.guest_phone = b.guest.phone;
  r.checkin_code = b.checkin_code;
  json d{{"guest", guest_json(b.guest)}, {"no_show", b.no_show}, {"notes", b.notes}, {"location", b.location},
         {"guidance", b.guidance}, {"proposal_id", b.proposal_id}, {"send_mail", b.send_mail},
         {"visibility", core::to_string(b.visibility)}, {"tray", b.tray}, {"labels", b.labels}};
  json others = json::array();
  for (const auto& g : b.other_guests) others.push_back(guest_json(g));
  d["other_guests"] = others;
  json hist = json::array();
  for (const auto& h : b.history)
    hist.push_back({{"at", core::format_instant(h.at)}, {"actor", core::to_string(h.actor)}, {"event", h.event},
                    {"detail", h.detail}});
  d["history"] = hist;
  r.doc = d.dump();
  r.created_at = b.created_at.unix_seconds();
  return r;
}

json booking_json(const core::Booking& b) {
  json j = b;  // the wire mapping the widget decodes (kairos/wire/lifecycle.hpp)
  j["host"] = b.host_ids.empty() ? std::string() : b.host_ids.front();
  j["labels"] = b.labels;
  for (const auto& h : b.history)  // the reception kiosk's check-in (R-PROP-9)
    if (h.event == "arrived") j["arrived_at"] = core::format_instant(h.at);
  return j;
}

void plan_messages(App& app, const std::string& account_id, const core::Booking& b,
                   const std::vector<core::PlannedMessage>& messages, const std::vector<std::string>& cancel_prefixes) {
  for (const auto& p : cancel_prefixes) app.store.cancel_outbox_for(b.uid, p);
  auto now = app.now().unix_seconds();
  for (const auto& m : messages) {
    std::string to;
    switch (m.role) {
      case core::Recipient::guest:
        // A proposal's guests are addressed one by one (the address is the e-mail).
        if (m.channel == core::Channel::mail && m.address.find('@') != std::string::npos) to = m.address;
        else to = m.channel == core::Channel::sms ? b.guest.phone : b.guest.email;
        break;
      case core::Recipient::host: {
        auto h = app.store.host(m.address);
        if (h) to = json::parse(h->doc, nullptr, false).value("email", "");
        break;
      }
      default:
        to = m.address;
    }
    if (to.empty()) continue;  // e.g. an SMS reminder for a guest without a phone
    json actions = json::array();
    for (auto a : m.actions) actions.push_back(core::to_string(a));
    json payload{{"role", core::to_string(m.role)}, {"address", m.address}, {"language", m.language},
                 {"actions", actions}, {"important", m.important}};
    store::OutboxMessage o;
    o.account_id = account_id;
    o.booking_uid = b.uid;
    o.key = m.key;
    o.template_key = m.template_key;
    o.channel = core::to_string(m.channel);
    o.recipient = to;
    o.send_at = m.send_at.unix_seconds();
    o.state = "scheduled";
    o.payload = payload.dump();
    o.created_at = now;
    app.store.add_outbox(o);
    // Staff who want them get their reminders by SMS too (seed 001).
    if (m.role == core::Recipient::host && m.template_key == "booking.reminder.host")
      plan_host_sms(app, account_id, b, m);
  }
}

// --- create ---------------------------------------------------------------------------

namespace {

core::Result<std::string> opt_text(const json& obj, const char* key, std::string_view field, std::size_t max) {
  const json* m = wire::member(obj, key);
  if (!m) return std::string();
  auto s = wire::read_string(*m, field);
  if (!s) return s.error();
  if (s->size() > max) return make_error("too_long", "the text is too long", std::string(field));
  return s;
}

core::Result<core::Guest> read_guest(App& app, const json& body) {
  auto g = wire::required(body, "guest");
  if (!g) return make_error("missing_field", "guest is required", "guest");
  const json& gj = **g;
  if (!gj.is_object()) return make_error("invalid_type", "expected an object", "guest");
  core::Guest guest;
  auto name = opt_text(gj, "name", "guest.name", 200);
  if (!name) return name.error();
  if (name->empty()) return make_error("missing_field", "the guest's name is required", "guest.name");
  guest.name = *name;
  auto email = opt_text(gj, "email", "guest.email", 320);
  if (!email) return email.error();
  if (email->empty()) return make_error("missing_field", "the guest's e-mail is required", "guest.email");
  auto check = core::check_email(*email);
  if (!check.valid) {
    std::string detail = "not a valid e-mail address";
    if (check.suggestion) detail += "; did you mean " + *check.suggestion + "?";
    return make_error("invalid_email", detail, "guest.email");
  }
  guest.email = check.address;
  for (auto [key, field, max, out] : {std::tuple{"phone", "guest.phone", 40, &guest.phone},
                                      std::tuple{"company", "guest.company", 200, &guest.company},
                                      std::tuple{"timezone", "guest.timezone", 64, &guest.timezone},
                                      std::tuple{"language", "guest.language", 16, &guest.language}}) {
    auto v = opt_text(gj, key, field, static_cast<std::size_t>(max));
    if (!v) return v.error();
    *out = *v;
  }
  if (!guest.timezone.empty() && !app.zones.get(guest.timezone))
    return make_error("unknown_zone", "not a time zone of the tz database", "guest.timezone");
  return guest;
}

}  // namespace

core::Result<Created> create_booking(App& app, const json& body, const std::string& idempotency_key,
                                     const std::string& body_hash) {
  const std::string scope = "POST /v1/bookings";
  if (!idempotency_key.empty()) {  // fast path for repeats, re-checked inside the transaction
    if (auto prev = app.store.idempotency(scope, idempotency_key)) {
      if (prev->body_hash != body_hash)
        return make_error("idempotency_key_reused", "this Idempotency-Key was used with another body",
                          "Idempotency-Key");
      return Created{prev->status, prev->response};
    }
  }
  auto page_id = wire::required(body, "page");
  if (!page_id) return page_id.error();
  auto page = wire::read_string(**page_id, "page");
  if (!page) return page.error();
  auto et_j = wire::required(body, "event_type");
  if (!et_j) return et_j.error();
  auto et = wire::read_string(**et_j, "event_type");
  if (!et) return et.error();
  auto start_j = wire::required(body, "start");
  if (!start_j) return start_j.error();
  auto start = wire::read_instant(**start_j, "start");
  if (!start) return start.error();
  auto guest = read_guest(app, body);
  if (!guest) return guest.error();
  auto notes = opt_text(body, "notes", "notes", 5000);
  if (!notes) return notes.error();

  Created created;
  auto st = app.store.transact([&]() -> core::Status {
    if (!idempotency_key.empty()) {
      if (auto prev = app.store.idempotency(scope, idempotency_key)) {
        if (prev->body_hash != body_hash)
          return make_error("idempotency_key_reused", "this Idempotency-Key was used with another body",
                            "Idempotency-Key");
        created = Created{prev->status, prev->response};
        return core::ok_status();
      }
    }
    auto ctx = load_page_context(app, *page, *et);
    if (!ctx) return ctx.error();
    core::Instant now = app.now();
    auto inputs = build_inputs(app, *ctx, core::Interval{*start, *start + ctx->policy.duration}, now);
    core::BookingRequest req;
    req.start = *start;
    auto a = core::check_booking(inputs, req);
    if (!a) return a.error();

    core::Booking draft;
    draft.uid = auth::random_id("b_", 16);
    draft.page_id = ctx->page.id;
    draft.event_type_id = ctx->policy.id;
    draft.when = a->when;
    draft.host_ids = a->host_ids;
    draft.room_id = a->room_id;
    draft.guest = *guest;
    draft.notes = *notes;
    draft.location = ctx->event_type.value("location", "");
    draft.created_at = now;
    if (!draft.room_id.empty()) draft.checkin_code = core::reception_code(random_u64());
    auto out = core::create_booking_outcome(draft, now, settings_for(*ctx));
    if (!out) return out.error();

    std::string token = auth::random_token();
    auto rec = to_record(out->booking, ctx->page.account_id, auth::sha256_hex(token));
    rec.buffer_before_min = ctx->policy.buffer_before.count();
    rec.buffer_after_min = ctx->policy.buffer_after.count();
    rec.created_at = rec.updated_at = now.unix_seconds();
    app.store.insert_booking(rec);
    plan_messages(app, ctx->page.account_id, out->booking, out->messages, out->cancel_key_prefixes);

    const auto& b = out->booking;
    json res{{"uid", b.uid},
             {"status", core::to_string(b.status)},
             {"start", b.when.start},
             {"end", b.when.end},
             {"host", b.host_ids.front()},
             {"hosts", b.host_ids},
             {"token", token}};
    if (!b.room_id.empty()) res["room"] = b.room_id;
    if (!b.checkin_code.empty()) res["checkin_code"] = b.checkin_code;
    created = Created{201, res.dump()};
    if (!idempotency_key.empty())
      app.store.put_idempotency(scope, idempotency_key, store::IdempotencyRecord{body_hash, 201, created.body},
                                now.unix_seconds());
    return core::ok_status();
  });
  if (!st) return st.error();
  return created;
}

// --- lifecycle actions ----------------------------------------------------------------

core::Result<core::Booking> act_on_booking(App& app, const std::string& uid, core::BookingAction action,
                                           core::Actor actor, std::optional<core::Instant> new_start,
                                           const std::string& reason) {
  core::Booking result;
  auto st = app.store.transact([&]() -> core::Status {
    auto rec = app.store.booking(uid);
    if (!rec) return make_error("booking_not_found", "no such booking");
    core::Booking b = to_core(*rec);
    core::Instant now = app.now();
    auto ctx = load_page_context(app, b.page_id, b.event_type_id);
    core::NotificationSettings settings = ctx ? settings_for(*ctx) : core::NotificationSettings{};
    core::ActionDetails details;
    details.reason = reason;
    std::optional<core::Assignment> moved;

    if (action == core::BookingAction::reschedule || action == core::BookingAction::approve) {
      if (!ctx) return ctx.error();
      core::BookingRequest req;
      req.start = action == core::BookingAction::reschedule ? *new_start : b.when.start;
      req.ignore_booking_id = b.uid;
      auto inputs = build_inputs(app, *ctx, core::Interval{req.start, req.start + ctx->policy.duration}, now);
      auto a = core::check_booking(inputs, req);
      if (action == core::BookingAction::reschedule) {
        if (!a) return a.error();
        moved = *a;
        details.new_when = a->when;
      } else if (!a && (a.error().code == "slot_unavailable" || a.error().code == "limit_reached")) {
        // Approval must not create a double booking; a start that merely became too
        // soon or left the window can still be approved by its owner.
        return a.error();
      }
    }
    auto t = core::apply(b, action, actor, now, settings, details);
    if (!t) return t.error();
    core::Booking nb = t->booking;
    if (moved) {
      nb.host_ids = moved->host_ids;
      nb.room_id = moved->room_id;
    }
    auto updated = to_record(nb, rec->account_id, rec->token_hash);
    updated.created_at = rec->created_at;
    updated.updated_at = now.unix_seconds();
    app.store.update_booking(updated);
    plan_messages(app, rec->account_id, nb, t->messages, t->cancel_key_prefixes);
    if (nb.status != b.status || nb.when != b.when) {
      requests_follow_booking(app, rec->account_id, nb,
                              nb.status == core::BookingStatus::cancelled || nb.status == core::BookingStatus::rejected);
    }
    result = nb;
    return core::ok_status();
  });
  if (!st) return st.error();
  return result;
}

std::size_t complete_ended_bookings(App& app) {
  std::size_t done = 0;
  auto now = app.now();
  for (const auto& rec : app.store.bookings_ended({"approved", "rescheduled"}, now.unix_seconds(), 500)) {
    if (!core::auto_complete_due(to_core(rec), now)) continue;
    auto r = act_on_booking(app, rec.uid, core::BookingAction::complete, core::Actor::system, std::nullopt, "");
    if (r) ++done;
    else log::warn("automatic completion refused", {{"uid", rec.uid}, {"code", r.error().code}});
  }
  return done;
}

}  // namespace kairos::server
