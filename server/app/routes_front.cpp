// Front-office routes (issue 14): locations, labels, inquiries and their report, guest
// search, manual mail, bounces and the reception kiosk's check-in. Another account's ids
// answer 404 like unknown ones.
#include <algorithm>
#include <cctype>
#include <mutex>
#include <unordered_map>

#include "auth/tokens.hpp"
#include "bookings.hpp"
#include "documents.hpp"
#include "front.hpp"
#include "requests.hpp"
#include "route_table.hpp"
#include "http/log.hpp"
#include "integrations/integrations.hpp"
#include "kairos/templates.hpp"
#include "kairos/email.hpp"
#include "kairos/front_office.hpp"
#include "kairos/proposal.hpp"
#include "kairos/time_text.hpp"
#include "kairos/wire/front_office.hpp"
#include "requests.hpp"

namespace kairos::server {

using http::Request;
using http::Response;
using nlohmann::json;
using core::make_error;

namespace {

Response not_found(const char* what) { return http::problem(404, "not_found", std::string("No such ") + what + "."); }


json bounce_view(const store::TokenDoc& d) { return wire::bounce_view(bounce_from(d), d.state); }

const std::vector<const char*> kInquiryStates{"new", "awaiting_reply", "converted", "closed", "unconverted"};

Response list_response(const std::vector<json>& items, const Request& req) {
  // limit (default 100, max 1000) and an opaque cursor (the offset), as the other lists.
  auto limit_read = read_limit(req, 100);
  if (!limit_read) return http::problem(limit_read.error());
  const std::size_t limit = *limit_read;
  std::size_t offset = 0;
  // The cursor is the offset this server handed out: digits only ("-1" or "5x" are not one).
  if (const std::string c = req.query_or("cursor"); !c.empty()) {
    if (c.size() > 9 || !std::all_of(c.begin(), c.end(), [](char ch) { return ch >= '0' && ch <= '9'; }))
      return http::problem(422, "invalid_cursor", "not a cursor of this list", "cursor");
    offset = static_cast<std::size_t>(std::stoul(c));
  }
  std::vector<json> page;
  for (std::size_t i = offset; i < items.size() && i < offset + limit; ++i) page.push_back(items[i]);
  return http::json_response(
      200, wire::list_view(page, offset + limit < items.size() ? std::optional(std::to_string(offset + limit)) : std::nullopt));
}

// --- inquiries ----------------------------------------------------------------------------

json inquiry_view(App& app, const core::Inquiry& q) {
  auto loc = find_location(app, q.account, q.location);
  return wire::inquiry_view(q, loc ? &*loc : nullptr);
}

// The wished times as the reader's language writes a time (like every booking mail's).
std::string wished_text(App& app, const std::vector<core::Interval>& wished, const std::string& zone_id,
                        const std::string& lang) {
  std::string out;
  auto zone = app.zones.get(zone_id.empty() ? "UTC" : zone_id);
  for (const auto& w : wished) {
    if (zone) {
      out += "\n- " + core::format_when(w, **zone, lang) + " (" + (zone_id.empty() ? "UTC" : zone_id) + ")";
    } else {
      out += "\n- " + core::format_instant(w.start) + " – " + core::format_instant(w.end);
    }
  }
  return out;
}

std::map<std::string, std::string> inquiry_fields(App& app, const core::Inquiry& q, const std::string& lang) {
  std::map<std::string, std::string> f;
  f["guest_name"] = q.guest.name;
  f["guest_email"] = q.guest.email;
  f["guest_phone"] = q.guest.phone;
  f["quoted"] = core::quote_message(q.message);
  f["kind"] = core::to_string(q.kind);
  if (auto loc = find_location(app, q.account, q.location)) {
    f["location"] = loc->name.in(lang);
    f["location_address"] = loc->address.in(lang);
    f["location_phone"] = loc->phone;
  }
  f["wished"] = wished_text(app, q.wished_times, inquiry_zone(app, q.account, q.location), lang);
  f["admin_url"] = app.cfg.public_url + "/console/#/inquiries/" + q.id;
  return f;
}

// The location's staff: hosts of that location, else the page's hosts.
std::vector<wire::HostDocument> staff_for(App& app, const std::string& account_id, const std::string& location,
                                          const std::string& page) {
  std::vector<wire::HostDocument> out;
  if (!location.empty())
    for (const auto& h : app.store.hosts(account_id)) {
      wire::HostDocument d = stored_host(h);
      if (d.location == location) out.push_back(std::move(d));
    }
  if (out.empty())
    if (auto p = app.store.page(page))
      for (const auto& id : stored_page(*p).hosts)
        if (auto h = app.store.host(id)) out.push_back(stored_host(*h));
  return out;
}

// The location an inquiry without one belongs to: the page's first event type's that
// names a location of the account.
std::string page_location(App& app, const store::PageRecord& page) {
  for (const auto& et : stored_page(page).event_types)
    if (find_location(app, page.account_id, et.location)) return et.location;
  return {};
}

core::Result<core::Inquiry> create_inquiry(App& app, const json& body) {
  auto r = wire::read_inquiry_request(body);
  if (!r) return r.error();
  auto page = app.store.page(r->page);
  if (!page) return make_error("page_not_found", "no such page (or it was deleted)", "page");
  auto checked = core::check_inquiry(r->input, app.now());
  if (!checked) return checked.error();
  if (r->location && !r->location->empty() && !find_location(app, page->account_id, *r->location))
    return make_error("unknown_location", "no such location", "location");
  const core::Instant now = app.now();
  const std::string location = r->location && !r->location->empty() ? *r->location : page_location(app, *page);
  core::Inquiry q = core::new_inquiry(*checked, now, local_date(app, inquiry_zone(app, page->account_id, location), now));
  q.id = auth::random_id("inq_", 16);
  q.account = page->account_id;
  q.page = page->id;
  q.location = location;
  q.language = r->language ? *r->language : stored_page(*page).language;
  // Seed 004: mail from the web forms gets its store's label automatically.
  q.labels = core::automatic_labels(account_labels(app, q.account), location);
  auto st = app.store.transact([&]() -> core::Status {
    app.store.put_token_doc(inquiry_row(q));
    integ::emit_event(app, q.account, "inquiry.created", "inquiry:" + q.id, inquiry_view(app, q));
    if (auto t = core::front_text("inquiry.received.guest", q.language, inquiry_fields(app, q, q.language)))
      queue_message(app, q.account, "inquiry:" + q.id, "ack", "inquiry.received.guest", "mail", q.guest.email,
                    t->subject, t->text);
    for (const auto& s : staff_for(app, q.account, location, page->id)) {
      const std::string lang = s.language.empty() ? "en" : s.language;
      if (auto t = core::front_text("inquiry.new.staff", lang, inquiry_fields(app, q, lang)))
        queue_message(app, q.account, "inquiry:" + q.id, "announce", "inquiry.new.staff", "mail", s.email, t->subject,
                      t->text);
    }
    return core::ok_status();
  });
  if (!st) return st.error();
  return q;
}

// Every staff action on an inquiry answers the same way: 404 for another account's (or
// an unknown) id, the problem of a refused change, else the inquiry as it is now.
Response inquiry_action(App& app, const Request& req, std::optional<core::InquiryEvent> event, const std::string& detail,
                        const std::function<core::Status(core::Inquiry&)>& edit = {}) {
  auto q = change_inquiry(app, req.account_id, req.params.at("id"), event, detail, edit);
  if (!q) return q.error().code == "not_found" ? not_found("inquiry") : http::problem(q.error());
  return http::json_response(200, inquiry_view(app, *q));
}

bool guest_matches(const core::Guest& guest, const std::string& extra_text, const std::string& q) {
  for (const auto* text : {&guest.name, &guest.email, &guest.company})
    if (core::text_matches(*text, q)) return true;
  if (core::phone_matches(guest.phone, q)) return true;
  return core::text_matches(extra_text, q);
}

}  // namespace

// --- bounces: re-send what failed after a correction ------------------------------------------

std::size_t resend_failed(App& app, const std::string& account, const std::string& owner, const std::string& old_address,
                          const std::string& new_address) {
  std::size_t n = 0;
  std::vector<std::int64_t> bounced;
  for (const auto& d : account_docs(app, "bounce", {"active"}, account)) {
    const core::BounceRecord b = bounce_from(d);
    if (b.address == old_address) bounced.push_back(b.message);
  }
  for (const auto& m : app.store.outbox(account, owner)) {
    if (m.recipient != old_address || m.channel != "mail") continue;
    if (m.state == store::OutboxState::scheduled && !m.handed_off_at) {  // later mails (reminders) go to the new address
      store::OutboxMessage o = m;
      o.id = 0;
      o.recipient = new_address;
      app.store.add_outbox(o);  // the same key replaces the scheduled row
      continue;
    }
    const bool failed = m.state == store::OutboxState::failed || std::find(bounced.begin(), bounced.end(), m.id) != bounced.end();
    if (!failed) continue;
    store::OutboxMessage o = m;
    o.id = 0;
    o.key = m.key + ":resend:" + auth::random_token(4);
    o.recipient = new_address;
    o.send_at = app.now();
    o.state = store::OutboxState::scheduled;
    o.handed_off_at.reset();
    o.attempts = 0;
    o.last_error.clear();
    o.sent_at.reset();
    o.created_at = app.now();
    app.store.add_outbox(o);
    ++n;
  }
  return n;
}

std::size_t address_corrected(App& app, const std::string& account, const std::string& booking, const std::string& old_address,
                              const std::string& new_address) {
  if (old_address == new_address || old_address.empty()) return 0;
  const std::size_t n = resend_failed(app, account, booking, old_address, new_address);
  for (const auto& d : account_docs(app, "bounce", {"active"}, account)) {
    core::BounceRecord b = bounce_from(d);
    if (b.booking != booking || b.address != old_address) continue;
    b.corrected_to = new_address;
    b.corrected_at = app.now();
    b.resent = static_cast<long long>(n);
    app.store.put_token_doc(bounce_row(b, "corrected", d.created_at, app.now()));
  }
  return n;
}

bool checkin_guess_allowed(App& app, const std::string& client, int& retry_after) {
  return app.limits.checkin_guesses.allowed(client, app.now().unix_seconds(), retry_after);
}

void checkin_guess_wrong(App& app, const std::string& client) {
  app.limits.checkin_guesses.wrong(client, app.now().unix_seconds());
}

std::string normalize_checkin_code(const std::string& raw) {
  std::string code;
  for (char c : raw)
    if (c != ' ' && c != '-') code.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  return code;
}

// Defined here, declared in front.hpp.
std::string room_location(App& app, const std::string& room_id) {
  auto d = app.store.token_doc("room_location", room_id);
  return d ? read_stored(d->doc, wire::read_room_location_document, "room location " + d->id) : std::string();
}
void set_room_location(App& app, const std::string& account_id, const std::string& room_id, const std::string& location) {
  const auto now = app.now();
  app.store.put_token_doc({room_id, account_id, "room:" + room_id, "room_location", "live",
                           wire::room_location_document(location).dump(), now, now});
}

namespace {

// The zone of a location is checked here: the zone database is the server's.
core::Status check_zone(App& app, const core::Location& l) {
  if (!l.timezone.empty() && !app.zones.get(l.timezone)) return make_error("unknown_zone", "unknown time zone", "timezone");
  return core::ok_status();
}

Response create_location(App& app, Request& req) {
  auto body = parse_body(req);
  if (!body) return http::problem(body.error());
  auto loc = wire::read_location_request(*body, {}, true);
  if (!loc) return http::problem(loc.error());
  if (auto st = check_zone(app, *loc); !st) return http::problem(st.error());
  loc->id = auth::random_id("loc_");
  loc->account = req.account_id;
  app.store.put_token_doc(location_row(*loc, "live", app.now(), app.now()));
  return http::json_response(201, *loc).with_header("Location", "/v1/admin/locations/" + loc->id);
}

Response list_locations(App& app, Request& req) {
  std::vector<json> items;
  for (const auto& d : account_docs(app, "location", {"live"}, req.account_id)) items.push_back(location_from(d));
  return list_response(items, req);
}

Response get_location(App& app, Request& req) {
  auto loc = find_location(app, req.account_id, req.params["id"]);
  if (!loc) return not_found("location");
  return http::json_response(200, *loc);
}

Response put_location(App& app, Request& req) {
  auto d = app.store.token_doc("location", req.params["id"]);
  if (!d || d->account_id != req.account_id || d->state != "live") return not_found("location");
  auto body = parse_body(req);
  if (!body) return http::problem(body.error());
  auto loc = wire::read_location_request(*body, location_from(*d), false);
  if (!loc) return http::problem(loc.error());
  if (auto st = check_zone(app, *loc); !st) return http::problem(st.error());
  app.store.put_token_doc(location_row(*loc, "live", d->created_at, app.now()));
  return http::json_response(200, *loc);
}

Response delete_location(App& app, Request& req) {
  auto d = app.store.token_doc("location", req.params["id"]);
  if (!d || d->account_id != req.account_id || d->state != "live") return not_found("location");
  d->state = "deleted";  // kept, so old bookings still name their office
  d->updated_at = app.now();
  app.store.put_token_doc(*d);
  return http::empty_response(204);
}

Response create_label(App& app, Request& req) {
  auto body = parse_body(req);
  if (!body) return http::problem(body.error());
  auto label = wire::read_label_request(*body);
  if (!label) return http::problem(label.error());
  if (auto st = check_location(app, req.account_id, label->location, "location"); !st) return http::problem(st.error());
  label->id = auth::random_id("lab_");
  label->account = req.account_id;
  app.store.put_token_doc(label_row(*label, "live", app.now(), app.now()));
  return http::json_response(201, *label).with_header("Location", "/v1/admin/labels/" + label->id);
}

Response list_labels(App& app, Request& req) {
  std::vector<json> items;
  const std::string kind = req.query_or("kind");
  for (const auto& l : account_labels(app, req.account_id))
    if (kind.empty() || core::to_string(l.kind) == kind) items.push_back(l);
  return list_response(items, req);
}

Response get_label(App& app, Request& req) {
  auto d = app.store.token_doc("label", req.params["id"]);
  if (!d || d->account_id != req.account_id || d->state != "live") return not_found("label");
  return http::json_response(200, label_from(*d));
}

Response put_label(App& app, Request& req) {  // rename, recolour
  auto d = app.store.token_doc("label", req.params["id"]);
  if (!d || d->account_id != req.account_id || d->state != "live") return not_found("label");
  auto body = parse_body(req);
  if (!body) return http::problem(body.error());
  auto label = wire::read_label_change(*body, label_from(*d));
  if (!label) return http::problem(label.error());
  app.store.put_token_doc(label_row(*label, "live", d->created_at, app.now()));
  return http::json_response(200, *label);
}

Response delete_label(App& app, Request& req) {
  auto d = app.store.token_doc("label", req.params["id"]);
  if (!d || d->account_id != req.account_id || d->state != "live") return not_found("label");
  d->state = "deleted";
  d->updated_at = app.now();
  app.store.put_token_doc(*d);
  return http::empty_response(204);
}

Response post_inquiry(App& app, Request& req) {
  int retry = 0;
  if (!app.limits.inquiries.allow(req.client, app.now().unix_seconds(), retry))
    return http::problem(429, "rate_limited", "Too many messages from this client; try again later.")
        .with_header("Retry-After", std::to_string(retry));
  auto body = parse_body(req);
  if (!body) return http::problem(body.error());
  auto q = create_inquiry(app, *body);
  if (!q) return http::problem(q.error());
  return http::json_response(201, wire::inquiry_created_view(*q));
}

Response list_inquiries(App& app, Request& req) {
  auto from = instant_or_date(req, "from");
  if (!from) return http::problem(from.error());
  auto to = instant_or_date(req, "to");
  if (!to) return http::problem(to.error());
  const std::string state = req.query_or("state"), label = req.query_or("label"), loc = req.query_or("location"),
                    q = req.query_or("q");
  if (!state.empty() && !core::parse_inquiry_state(state)) return http::problem(core::parse_inquiry_state(state).error());
  if (q.size() > 200) return http::problem(422, "too_long", "the search text is too long", "q");
  std::vector<store::TokenDoc> docs;
  if (state.empty()) docs = account_docs(app, "inquiry", kInquiryStates, req.account_id);
  else docs = account_docs(app, "inquiry", {state.c_str()}, req.account_id);
  std::sort(docs.begin(), docs.end(), [](const auto& a, const auto& b) {
    return a.created_at != b.created_at ? a.created_at > b.created_at : a.id > b.id;
  });
  std::vector<json> items;
  for (const auto& d : docs) {
    if (*from && d.created_at < **from) continue;
    if (*to && d.created_at >= **to) continue;
    const core::Inquiry inq = inquiry_from(d);
    if (!loc.empty() && inq.location != loc) continue;
    if (!label.empty() && std::find(inq.labels.begin(), inq.labels.end(), label) == inq.labels.end()) continue;
    if (!q.empty() && !guest_matches(inq.guest, inq.message, q)) continue;
    items.push_back(inquiry_view(app, inq));
  }
  return list_response(items, req);
}

Response get_inquiry(App& app, Request& req) {
  auto q = find_inquiry(app, req.account_id, req.params["id"]);
  if (!q) return not_found("inquiry");
  std::vector<json> out;
  for (const auto& m : app.store.outbox(req.account_id, "inquiry:" + q->id))
    out.push_back(wire::message_summary({m.id, m.template_key, m.recipient, store::to_string(m.state), m.last_error, {}}));
  return http::json_response(200, wire::with_messages(inquiry_view(app, *q), std::move(out)));
}

Response patch_inquiry(App& app, Request& req) {
  if (!find_inquiry(app, req.account_id, req.params["id"])) return not_found("inquiry");
  auto body = parse_body(req);
  if (!body) return http::problem(body.error());
  auto change = wire::read_inquiry_change(*body);
  if (!change) return http::problem(change.error());
  if (change->labels)
    if (auto st = check_labels(app, req.account_id, *change->labels); !st) return http::problem(st.error());
  if (change->location)
    if (auto st = check_location(app, req.account_id, *change->location, "location"); !st) return http::problem(st.error());
  return inquiry_action(app, req, change->event, "", [&](core::Inquiry& q) {
    if (change->labels) q.labels = *change->labels;
    if (change->location) q.location = *change->location;
    if (change->staff) q.staff = *change->staff;
    return core::ok_status();
  });
}

Response reply_to_inquiry(App& app, Request& req) {
  if (!find_inquiry(app, req.account_id, req.params["id"])) return not_found("inquiry");
  auto body = parse_body(req);
  if (!body) return http::problem(body.error());
  auto msg = wire::read_text_member(*body, "message", 1, 20000, "invalid_message");
  if (!msg) return http::problem(msg.error());
  return inquiry_action(app, req, core::InquiryEvent::reply, "", [&](core::Inquiry& q) -> core::Status {
    auto f = inquiry_fields(app, q, q.language);
    f["reply"] = *msg;
    auto t = core::front_text("inquiry.reply.guest", q.language, f);
    if (!t) return t.error();
    queue_message(app, q.account, "inquiry:" + q.id, "reply", "inquiry.reply.guest", "mail", q.guest.email, t->subject,
                  t->text);
    q.replies.push_back({app.now(), *msg});
    return core::ok_status();
  });
}

Response convert_inquiry(App& app, Request& req) {
  if (!find_inquiry(app, req.account_id, req.params["id"])) return not_found("inquiry");
  auto body = parse_body(req);
  if (!body) return http::problem(body.error());
  auto bj = wire::required(*body, "booking");
  if (!bj) return http::problem(bj.error());
  auto uid = wire::read_string(**bj, "booking");
  if (!uid) return http::problem(uid.error());
  auto b = app.store.booking(*uid);
  if (!b || b->account_id != req.account_id) return http::problem(422, "unknown_booking", "no such booking of this account", "booking");
  return inquiry_action(app, req, core::InquiryEvent::convert, *uid, [&](core::Inquiry& q) {
    q.booking = *uid;
    return core::ok_status();
  });
}

Response unconverted_report(App& app, Request& req) {
  const std::string loc = req.query_or("location");
  if (auto st = check_location(app, req.account_id, loc, "location"); !st) return http::problem(st.error());
  core::LocalDate date;
  if (auto d = req.query.find("date"); d != req.query.end()) {
    auto p = core::parse_date(d->second);
    if (!p) return http::problem(422, p.error().code, p.error().message, "date");
    date = *p;
  } else {  // the core's report day, in the location's (or the account's) zone
    date = core::report_date(local_date(app, inquiry_zone(app, req.account_id, loc), app.now()));
  }
  return http::json_response(200, wire::daily_report_view(date, loc, report_items(app, req.account_id, date, loc)));
}

Response get_report_settings(App& app, Request& req) {
  return http::json_response(200, report_settings(app, req.account_id));
}

Response put_report_settings_route(App& app, Request& req) {
  auto body = parse_body(req);
  if (!body) return http::problem(body.error());
  auto d = app.store.token_doc("front_settings", req.account_id);
  auto settings = wire::read_report_settings_request(*body, report_settings(app, req.account_id));
  if (!settings) return http::problem(settings.error());
  if (wire::member(*body, "timezone") && !app.zones.get(settings->timezone))
    return http::problem(422, "unknown_zone", "unknown time zone", "timezone");
  const auto now = app.now();
  put_report_settings(app, req.account_id, *settings, d ? d->created_at : now);
  return http::json_response(200, *settings);
}

Response search(App& app, Request& req) {
  const std::string q = req.query_or("q");
  if (q.empty()) return http::problem(422, "missing_field", "q is required", "q");
  if (q.size() > 200) return http::problem(422, "too_long", "the search text is too long", "q");
  store::BookingQuery bq;
  bq.account_id = req.account_id;
  bq.limit = 20000;
  std::vector<json> bookings;
  for (const auto& rec : app.store.bookings(bq)) {
    core::Booking b = to_core(rec);
    bool hit = guest_matches(b.guest, b.notes, q);
    for (const auto& o : b.other_guests) hit = hit || guest_matches(o, "", q);
    if (hit && bookings.size() < 200) bookings.push_back(booking_json(b));
  }
  std::vector<json> inquiries;
  for (const auto& d : account_docs(app, "inquiry", kInquiryStates, req.account_id)) {
    const core::Inquiry inq = inquiry_from(d);
    if (guest_matches(inq.guest, inq.message, q) && inquiries.size() < 200) inquiries.push_back(inquiry_view(app, inq));
  }
  return http::json_response(200, wire::search_view(q, std::move(bookings), std::move(inquiries)));
}

Response send_message(App& app, Request& req) {
  auto body = parse_body(req);
  if (!body) return http::problem(body.error());
  auto bj = wire::required(*body, "bookings");
  if (!bj) return http::problem(bj.error());
  if (!(*bj)->is_array() || (*bj)->empty() || (*bj)->size() > 500)
    return http::problem(422, "invalid_type", "1 to 500 booking uids", "bookings");
  std::string subject, text;
  for (auto [key, out, max] : {std::tuple{"subject", &subject, 300}, std::tuple{"text", &text, 20000}}) {
    auto v = wire::required(*body, key);
    if (!v) return http::problem(v.error());
    auto s = wire::read_string(**v, key);
    if (!s) return http::problem(s.error());
    if (s->empty() || s->size() > static_cast<std::size_t>(max))
      return http::problem(422, "invalid_text", "must not be empty (and not too long)", key);
    if (std::string(key) == "subject" && s->find_first_of("\r\n") != std::string::npos)
      return http::problem(422, "invalid_text", "no line breaks in a subject", key);
    *out = *s;
  }
  std::vector<store::BookingRecord> recs;
  for (std::size_t i = 0; i < (*bj)->size(); ++i) {
    auto uid = wire::read_string((**bj)[i], wire::field_path("bookings", i));
    if (!uid) return http::problem(uid.error());
    auto b = app.store.booking(*uid);
    if (!b || b->account_id != req.account_id)
      return http::problem(422, "unknown_booking", "no such booking of this account", wire::field_path("bookings", i));
    recs.push_back(*b);
  }
  std::vector<json> out;
  auto st = app.store.transact([&]() -> core::Status {
    out.clear();  // PostgreSQL may run this again after a deadlock
    for (const auto& b : recs) {
      std::string_view skipped;
      if (b.guest_email.empty()) skipped = "no_email";
      else if (suppressed(app, req.account_id, b.guest_email)) skipped = "suppressed";
      else queue_message(app, req.account_id, b.uid, "manual", "manual.guest", "mail", b.guest_email, subject, text);
      out.push_back(wire::manual_message_view(b.uid, b.guest_email, skipped));
    }
    return core::ok_status();
  });
  if (!st) return http::problem(st.error());
  return http::json_response(202, wire::collection_view("messages", std::move(out)));
}

Response list_bounces(App& app, Request& req) {
  const std::string state = req.query_or("state");
  if (!state.empty() && state != "active" && state != "corrected")
    return http::problem(422, "invalid_state", "state is active or corrected", "state");
  const std::string location = req.query_or("location");  // the office of its booking or inquiry
  if (!location.empty() && !find_location(app, req.account_id, location))
    return http::problem(422, "unknown_location", "no such location", "location");
  std::vector<const char*> states{"active", "corrected"};
  if (!state.empty()) states = {state.c_str()};
  std::vector<json> items;
  for (const auto& d : account_docs(app, "bounce", states, req.account_id)) {
    json v = bounce_view(d);
    if (!location.empty()) {
      const std::string booking = v.value("booking", ""), inquiry = v.value("inquiry", "");
      const std::string owner = !booking.empty() ? booking : inquiry.empty() ? std::string() : "inquiry:" + inquiry;
      if (owner.empty() || message_owner_location(app, req.account_id, owner) != location) continue;
    }
    items.push_back(v);
  }
  return list_response(items, req);
}

Response correct_bounce(App& app, Request& req) {
  auto d = app.store.token_doc("bounce", req.params["id"]);
  if (!d || d->account_id != req.account_id) return not_found("bounce");
  auto body = parse_body(req);
  if (!body) return http::problem(body.error());
  auto ej = wire::required(*body, "email");
  if (!ej) return http::problem(ej.error());
  auto e = wire::read_string(**ej, "email");
  if (!e) return http::problem(e.error());
  auto check = core::check_email(*e);
  if (!check.valid) {
    std::string detail = "not a valid e-mail address";
    if (check.suggestion) detail += "; did you mean " + *check.suggestion + "?";
    return http::problem(422, "invalid_email", detail, "email");
  }
  std::size_t resent = 0;
  json result;
  auto st = app.store.transact([&]() -> core::Status {
    auto cur = app.store.token_doc("bounce", d->id);
    if (!cur) return make_error("not_found", "No such bounce.");
    core::BounceRecord bounce = bounce_from(*cur);
    const std::string old = bounce.address;
    const std::string booking = bounce.booking, inquiry = bounce.inquiry;
    if (!booking.empty()) {
      if (auto b = app.store.booking(booking)) {
        core::Booking cb = to_core(*b);
        if (cb.guest.email == old) cb.guest.email = check.address;
        for (auto& o : cb.other_guests)
          if (o.email == old) o.email = check.address;
        cb.history.push_back({app.now(), core::Actor::host, "email_corrected", old + " → " + check.address});
        auto rec = to_record(cb, b->account_id, b->token_hash);
        rec.created_at = b->created_at;
        rec.updated_at = app.now();
        rec.buffer_before_min = b->buffer_before_min;
        rec.buffer_after_min = b->buffer_after_min;
        app.store.update_booking(rec);
      }
      resent += resend_failed(app, req.account_id, booking, old, check.address);
    }
    if (!inquiry.empty()) {
      (void)change_inquiry(app, req.account_id, inquiry, std::nullopt, "", [&](core::Inquiry& q) {
        if (q.guest.email == old) q.guest.email = check.address;
        q.delivery_problem.reset();
        return core::ok_status();
      });
      resent += resend_failed(app, req.account_id, "inquiry:" + inquiry, old, check.address);
    }
    // The same address confirmed as right lifts the block; a new one leaves the old blocked.
    if (old == check.address)
      if (auto s = app.store.token_doc("suppression", req.account_id + ":" + old)) {
        s->state = "lifted";
        app.store.put_token_doc(*s);
      }
    bounce.corrected_to = check.address;
    bounce.corrected_at = app.now();
    bounce.resent = static_cast<long long>(resent);
    app.store.put_token_doc(bounce_row(bounce, "corrected", cur->created_at, app.now()));
    result = wire::bounce_view(bounce, "corrected");
    return core::ok_status();
  });
  if (!st) return http::problem(st.error());
  return http::json_response(200, result);
}

Response poll_bounces_now(App& app, Request&) {
  if (app.cfg.bounce_imap.empty())
    return http::problem(409, "not_configured", "the server runs without --bounce-imap");
  return http::json_response(200, {{"matched", poll_bounces(app)}});
}

Response check_in(App& app, Request& req) {
  int retry = 0;
  if (!checkin_guess_allowed(app, req.client, retry))
    return http::problem(429, "rate_limited", "Too many wrong codes; please ask the reception staff.")
        .with_header("Retry-After", std::to_string(retry));
  auto wrong = [&] { checkin_guess_wrong(app, req.client); };
  const std::string code = normalize_checkin_code(req.params["code"]);
  auto rec = code.size() == 6 ? app.store.booking_by_checkin(code) : std::nullopt;
  if (!rec || !core::is_active(rec->status)) {
    wrong();
    return http::problem(404, "checkin_unknown", "This code is not valid. Please check it or ask the reception staff.");
  }
  core::Booking b = to_core(*rec);
  const core::Interval window = core::checkin_window(b);
  if (app.now() < window.start)
    return http::problem(409, "checkin_too_early", "Check-in for this visit opens at " + core::format_instant(window.start) + ".")
        .with_header("X-Checkin-Opens", core::format_instant(window.start));
  if (!(app.now() < window.end)) return http::problem(409, "checkin_closed", "This visit's check-in time is over.");
  bool first = true;
  auto st = app.store.transact([&]() -> core::Status {
    auto cur = app.store.booking(rec->uid);
    if (!cur) return make_error("checkin_unknown", "no such visit");
    core::Booking cb = to_core(*cur);
    for (const auto& h : cb.history)
      if (h.event == "arrived") first = false;
    if (!first) return core::ok_status();
    cb.history.push_back({app.now(), core::Actor::guest, "arrived", "reception kiosk"});
    auto updated = to_record(cb, cur->account_id, cur->token_hash);
    updated.created_at = cur->created_at;
    updated.updated_at = app.now();
    updated.buffer_before_min = cur->buffer_before_min;
    updated.buffer_after_min = cur->buffer_after_min;
    app.store.update_booking(updated);
    for (const auto& hid : cb.host_ids) {
      auto h = app.store.host(hid);
      if (!h) continue;
      const wire::HostDocument hd = stored_host(*h);
      const std::string lang = hd.language.empty() ? "en" : hd.language;
      // The visit's time as the host's other mails write it: their language and zone.
      std::string when;
      if (auto z = app.zones.get(hd.timezone.empty() ? "UTC" : hd.timezone))
        when = core::format_when(cb.when, **z, lang) + " (" + (hd.timezone.empty() ? "UTC" : hd.timezone) + ")";
      std::map<std::string, std::string> f{{"guest_name", cb.guest.name}, {"guest_company", cb.guest.company},
                                           {"when", when}, {"location", location_text(app, cur->account_id, cb.location, "", lang)}};
      if (auto room = app.store.room(cb.room_id)) f["room"] = room->name;
      if (auto t = core::front_text("checkin.arrived.host", lang, f))
        queue_message(app, cur->account_id, cb.uid, "arrived", "checkin.arrived.host", "mail", hd.email, t->subject,
                      t->text);
      if (!hd.phone.empty() && hd.texts_arrivals())
        if (auto t = core::front_text("checkin.arrived.sms", lang, f))
          queue_message(app, cur->account_id, cb.uid, "arrived", "checkin.arrived.sms", "sms", hd.phone, t->subject,
                        t->text);
    }
    return core::ok_status();
  });
  if (!st) return http::problem(st.error());
  // Only what the visitor needs: the time, where to wait, whom they meet. No guest list.
  wire::ArrivalView out;
  out.already = !first;
  out.when = b.when;
  if (!b.host_ids.empty())
    if (auto h = app.store.host(b.host_ids.front())) out.hosts.push_back(stored_host(*h).name);
  if (auto room = app.store.room(b.room_id)) out.room = room->name;
  if (auto loc = find_location(app, rec->account_id, b.location)) out.location = loc->name;
  return http::json_response(200, wire::arrival_view(out));
}

}  // namespace

void register_front_routes(App& app, http::Router& r) {
  add_routes(app, r, {
      // --- locations ----------------------------------------------------------------------
      {"POST", "/v1/admin/locations", http::Access::owner, create_location},
      {"GET", "/v1/admin/locations", http::Access::owner, list_locations},
      {"GET", "/v1/admin/locations/{id}", http::Access::owner, get_location},
      {"PUT", "/v1/admin/locations/{id}", http::Access::owner, put_location},
      {"DELETE", "/v1/admin/locations/{id}", http::Access::owner, delete_location},
      // --- labels -------------------------------------------------------------------------
      {"POST", "/v1/admin/labels", http::Access::owner, create_label},
      {"GET", "/v1/admin/labels", http::Access::owner, list_labels},
      {"GET", "/v1/admin/labels/{id}", http::Access::owner, get_label},
      {"PUT", "/v1/admin/labels/{id}", http::Access::owner, put_label},
      {"DELETE", "/v1/admin/labels/{id}", http::Access::owner, delete_label},
      // --- inquiries ----------------------------------------------------------------------
      {"POST", "/v1/inquiries", http::Access::open, post_inquiry},
      {"GET", "/v1/admin/inquiries", http::Access::owner, list_inquiries},
      {"GET", "/v1/admin/inquiries/{id}", http::Access::owner, get_inquiry},
      {"PATCH", "/v1/admin/inquiries/{id}", http::Access::owner, patch_inquiry},
      {"POST", "/v1/admin/inquiries/{id}/reply", http::Access::owner, reply_to_inquiry},
      {"POST", "/v1/admin/inquiries/{id}/convert", http::Access::owner, convert_inquiry},
      // --- the unconverted report ------------------------------------------------------------
      {"GET", "/v1/admin/reports/unconverted", http::Access::owner, unconverted_report},
      {"GET", "/v1/admin/reports/settings", http::Access::owner, get_report_settings},
      {"PUT", "/v1/admin/reports/settings", http::Access::owner, put_report_settings_route},
      // --- finding a guest ----------------------------------------------------------------------
      {"GET", "/v1/admin/search", http::Access::owner, search},
      // --- manual mail to chosen guests -----------------------------------------------------------
      {"POST", "/v1/admin/messages", http::Access::owner, send_message},
      // --- bounces ----------------------------------------------------------------------------------
      {"GET", "/v1/admin/bounces", http::Access::owner, list_bounces},
      {"POST", "/v1/admin/bounces/{id}/correct", http::Access::owner, correct_bounce},
      {"POST", "/v1/admin/bounces/poll", http::Access::owner, poll_bounces_now},
      // --- the reception kiosk ----------------------------------------------------------------------
      {"POST", "/v1/checkin/{code}", http::Access::open, check_in},
  });
}

}  // namespace kairos::server
