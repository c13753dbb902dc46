// Front-office routes (issue 14): locations, labels, inquiries and their report, guest
// search, manual mail, bounces and the reception kiosk's check-in. Another account's ids
// answer 404 like unknown ones.
#include <algorithm>
#include <cctype>
#include <mutex>
#include <unordered_map>

#include "auth/tokens.hpp"
#include "bookings.hpp"
#include "front.hpp"
#include "http/log.hpp"
#include "integrations/integrations.hpp"
#include "kairos/email.hpp"
#include "kairos/front_office.hpp"
#include "kairos/proposal.hpp"
#include "kairos/time_text.hpp"
#include "kairos/wire/json_mapping.hpp"

namespace kairos::server {

using http::Request;
using http::Response;
using nlohmann::json;
using core::make_error;

namespace {

Response not_found(const char* what) { return http::problem(404, "not_found", std::string("No such ") + what + "."); }

std::int64_t now_s(App& app) { return app.now().unix_seconds(); }

// A name or address: a non-empty string, or a map of language → non-empty string.
core::Result<json> read_text_or_map(const json& body, const char* key, bool required, std::size_t max) {
  const json* v = wire::member(body, key);
  if (!v) {
    if (required) return make_error("missing_field", std::string(key) + " is required", key);
    return json("");
  }
  auto ok_text = [&](const json& t) { return t.is_string() && !t.get<std::string>().empty() && t.get<std::string>().size() <= max; };
  if (v->is_string()) {
    if (required && v->get<std::string>().empty()) return make_error("missing_field", std::string(key) + " must not be empty", key);
    if (v->get<std::string>().size() > max) return make_error("too_long", std::string(key) + " is too long", key);
    return *v;
  }
  if (v->is_object() && !v->empty() && v->size() <= 10) {
    for (auto& [lang, t] : v->items())
      if (lang.size() > 16 || !ok_text(t)) return make_error("invalid_type", "a text per language", wire::field_path(key, lang));
    return *v;
  }
  return make_error("invalid_type", "a string or a map of language to text", key);
}

core::Result<json> location_doc(App& app, const json& body, const json& base) {
  json out = base.is_object() ? base : json::object();
  auto name = read_text_or_map(body, "name", !out.contains("name"), 200);
  if (!name) return name.error();
  if (wire::member(body, "name")) out["name"] = *name;
  auto addr = read_text_or_map(body, "address", !out.contains("address"), 500);
  if (!addr) return addr.error();
  if (wire::member(body, "address")) out["address"] = *addr;
  if (const json* p = wire::member(body, "phone")) {
    auto s = wire::read_string(*p, "phone");
    if (!s) return s.error();
    if (s->size() > 40) return make_error("too_long", "phone is too long", "phone");
    out["phone"] = *s;
  }
  if (const json* z = wire::member(body, "timezone")) {
    auto s = wire::read_string(*z, "timezone");
    if (!s) return s.error();
    if (!s->empty() && !app.zones.get(*s)) return make_error("unknown_zone", "unknown time zone", "timezone");
    out["timezone"] = *s;
  }
  return out;
}

json doc_view(const store::TokenDoc& d) {
  json j = json::parse(d.doc, nullptr, false);
  if (!j.is_object()) j = json::object();
  j["id"] = d.id;
  return j;
}

std::vector<store::TokenDoc> account_docs(App& app, const char* kind, const std::vector<const char*>& states,
                                          const std::string& account) {
  std::vector<store::TokenDoc> out;
  for (const char* st : states)
    for (auto& d : app.store.token_docs(kind, st))
      if (d.account_id == account) out.push_back(std::move(d));
  return out;
}

const std::vector<const char*> kInquiryStates{"new", "awaiting_reply", "converted", "closed", "unconverted"};

Response list_response(json items, const Request& req) {
  // limit (default 100, max 1000) and an opaque cursor (the offset), as the other lists.
  std::size_t limit = 100, offset = 0;
  if (auto l = req.query.find("limit"); l != req.query.end()) {
    try {
      long v = std::stol(l->second);
      if (v < 1 || v > 1000) throw std::out_of_range("limit");
      limit = static_cast<std::size_t>(v);
    } catch (...) {
      return http::problem(422, "invalid_limit", "limit is 1 to 1000", "limit");
    }
  }
  if (auto c = req.query.find("cursor"); c != req.query.end() && !c->second.empty()) {
    try {
      offset = static_cast<std::size_t>(std::stoul(c->second));
    } catch (...) {
      return http::problem(422, "invalid_cursor", "not a cursor of this list", "cursor");
    }
  }
  json page = json::array();
  for (std::size_t i = offset; i < items.size() && i < offset + limit; ++i) page.push_back(items[i]);
  json next = offset + limit < items.size() ? json(std::to_string(offset + limit)) : json(nullptr);
  return http::json_response(200, {{"items", page}, {"next_cursor", next}});
}

core::Result<std::optional<std::int64_t>> instant_or_date(const Request& req, const char* name) {
  auto it = req.query.find(name);
  if (it == req.query.end() || it->second.empty()) return std::optional<std::int64_t>();
  if (it->second.size() == 10) {
    auto d = core::parse_date(it->second);
    if (!d) return make_error(d.error().code, d.error().message, name);
    return std::optional<std::int64_t>(core::utc_midnight(*d).unix_seconds());
  }
  auto t = core::parse_instant(it->second);
  if (!t) return make_error(t.error().code, t.error().message, name);
  return std::optional<std::int64_t>(t->unix_seconds());
}

// --- inquiries ----------------------------------------------------------------------------

json inquiry_view(App& app, const store::TokenDoc& d) {
  json j = doc_view(d);
  j["state"] = d.state;
  // What the console fills a new booking with when it converts the inquiry.
  json draft{{"page", j.value("page", "")}, {"guest", j.value("guest", json::object())}};
  if (!j.value("location", "").empty()) draft["location"] = j["location"];
  if (j.contains("wished_times") && j["wished_times"].is_array() && !j["wished_times"].empty())
    draft["start"] = j["wished_times"][0].value("start", "");
  draft["notes"] = j.value("message", "");
  j["booking_draft"] = draft;
  if (auto loc = find_location(app, d.account_id, j.value("location", ""))) j["location_name"] = loc->value("name", json());
  return j;
}

std::string wished_text(App& app, const json& wished, const std::string& zone_id) {
  std::string out;
  auto zone = app.zones.get(zone_id.empty() ? "UTC" : zone_id);
  for (const auto& w : wished) {
    auto s = core::parse_instant(w.value("start", ""));
    auto e = core::parse_instant(w.value("end", ""));
    if (!s || !e) continue;
    if (zone) {
      const std::string a = core::format_local((*zone)->to_local(*s)), b = core::format_local((*zone)->to_local(*e));
      out += "\n- " + a.substr(0, 10) + " " + a.substr(11, 5) + "–" + b.substr(11, 5) + " (" + zone_id + ")";
    } else {
      out += "\n- " + core::format_instant(*s) + " – " + core::format_instant(*e);
    }
  }
  return out;
}

std::map<std::string, std::string> inquiry_fields(App& app, const store::TokenDoc& d, const json& j, const std::string& lang) {
  std::map<std::string, std::string> f;
  const json g = j.value("guest", json::object());
  f["guest_name"] = g.value("name", "");
  f["guest_email"] = g.value("email", "");
  f["guest_phone"] = g.value("phone", "");
  f["quoted"] = core::quote_message(j.value("message", ""));
  f["kind"] = j.value("kind", "");
  if (auto loc = find_location(app, d.account_id, j.value("location", ""))) {
    f["location"] = localized(loc->value("name", json()), lang);
    f["location_address"] = localized(loc->value("address", json()), lang);
    f["location_phone"] = loc->value("phone", "");
  }
  f["wished"] = wished_text(app, j.value("wished_times", json::array()),
                            inquiry_zone(app, d.account_id, j.value("location", "")));
  f["admin_url"] = app.cfg.public_url + "/console/#/inquiries/" + d.id;
  return f;
}

// The location's staff: hosts of that location, else the page's hosts.
std::vector<json> staff_for(App& app, const std::string& account_id, const std::string& location, const std::string& page) {
  std::vector<json> out;
  if (!location.empty())
    for (const auto& h : app.store.hosts(account_id)) {
      json d = json::parse(h.doc, nullptr, false);
      if (d.is_object() && d.value("location", "") == location) out.push_back(d);
    }
  if (out.empty())
    if (auto p = app.store.page(page))
      for (const auto& id : json::parse(p->doc, nullptr, false).value("hosts", json::array()))
        if (auto h = app.store.host(id.get<std::string>())) out.push_back(json::parse(h->doc, nullptr, false));
  return out;
}

core::Result<store::TokenDoc> create_inquiry(App& app, const json& body) {
  auto pj = wire::required(body, "page");
  if (!pj) return pj.error();
  auto page_id = wire::read_string(**pj, "page");
  if (!page_id) return page_id.error();
  auto page = app.store.page(*page_id);
  if (!page) return make_error("page_not_found", "no such page (or it was deleted)", "page");
  const json pdoc = json::parse(page->doc, nullptr, false);
  core::InquiryInput in;
  auto kj = wire::required(body, "kind");
  if (!kj) return kj.error();
  auto ks = wire::read_string(**kj, "kind");
  if (!ks) return ks.error();
  auto kind = core::parse_inquiry_kind(*ks);
  if (!kind) return kind.error();
  in.kind = *kind;
  auto gj = wire::required(body, "guest");
  if (!gj) return gj.error();
  if (!(*gj)->is_object()) return make_error("invalid_type", "expected an object", "guest");
  for (auto [key, out] : {std::pair{"name", &in.name}, std::pair{"email", &in.email}, std::pair{"phone", &in.phone}}) {
    if (const json* v = wire::member(**gj, key)) {
      auto s = wire::read_string(*v, wire::field_path("guest", key));
      if (!s) return s.error();
      *out = *s;
    }
  }
  if (const json* m = wire::member(body, "message")) {
    auto s = wire::read_string(*m, "message");
    if (!s) return s.error();
    in.message = *s;
  }
  if (const json* w = wire::member(body, "wished_times")) {
    if (!w->is_array()) return make_error("invalid_type", "expected a list of {start, end}", "wished_times");
    if (w->size() > 10) return make_error("too_many_times", "at most 10 wished times", "wished_times");
    for (std::size_t i = 0; i < w->size(); ++i) {
      auto iv = wire::read_interval((*w)[i], wire::field_path("wished_times", i));
      if (!iv) return iv.error();
      in.wished_times.push_back(*iv);
    }
  }
  std::string language = pdoc.value("language", "en");
  if (const json* l = wire::member(body, "language")) {
    auto s = wire::read_string(*l, "language");
    if (!s) return s.error();
    if (*s != "en" && *s != "ja" && *s != "fi" && *s != "de" && *s != "hu")
      return make_error("unsupported_language", "en, ja, fi, de or hu", "language");
    language = *s;
  }
  auto checked = core::check_inquiry(in, app.now());
  if (!checked) return checked.error();
  std::string location;
  if (const json* l = wire::member(body, "location")) {
    auto s = wire::read_string(*l, "location");
    if (!s) return s.error();
    if (!s->empty() && !find_location(app, page->account_id, *s))
      return make_error("unknown_location", "no such location", "location");
    location = *s;
  }
  if (location.empty()) location = pdoc.value("location", "");
  if (location.empty())
    for (const auto& et : pdoc.value("event_types", json::array()))
      if (find_location(app, page->account_id, et.value("location", ""))) {
        location = et.value("location", "");
        break;
      }
  // Seed 004: mail from the web forms gets its store's label automatically.
  json labels = json::array();
  if (!location.empty())
    for (const auto& l : account_docs(app, "label", {"live"}, page->account_id)) {
      json lj = json::parse(l.doc, nullptr, false);
      if (lj.value("kind", "") == "location" && lj.value("location", "") == location) labels.push_back(l.id);
    }
  const core::Instant now = app.now();
  json wished = json::array();
  for (const auto& w : checked->wished_times) wished.push_back(w);
  json guest{{"name", checked->name}, {"email", checked->email}};
  if (!checked->phone.empty()) guest["phone"] = checked->phone;
  json doc{{"kind", core::to_string(checked->kind)}, {"page", page->id}, {"location", location},
           {"language", language}, {"guest", guest}, {"message", checked->message}, {"wished_times", wished},
           {"labels", labels}, {"staff", ""}, {"created", core::format_instant(now)},
           {"received_on", core::format_date(local_date(app, inquiry_zone(app, page->account_id, location), now))},
           {"history", json::array({{{"at", core::format_instant(now)}, {"event", "received"}, {"detail", ""}}})},
           {"replies", json::array()}};
  const std::string id = auth::random_id("inq_", 16);
  store::TokenDoc d{id, page->account_id, id, "inquiry", "new", doc.dump(), now.unix_seconds(), now.unix_seconds()};
  auto st = app.store.transact([&]() -> core::Status {
    app.store.put_token_doc(d);
    integ::emit_event(app, d.account_id, "inquiry.created", "inquiry:" + id, inquiry_view(app, d));
    auto f = inquiry_fields(app, d, doc, language);
    if (auto t = core::front_text("inquiry.received.guest", language, f))
      queue_message(app, d.account_id, "inquiry:" + id, "ack", "inquiry.received.guest", "mail", checked->email,
                    t->subject, t->text);
    for (const auto& s : staff_for(app, d.account_id, location, page->id)) {
      const std::string lang = s.value("language", "en");
      auto fs = inquiry_fields(app, d, doc, lang);
      if (auto t = core::front_text("inquiry.new.staff", lang, fs))
        queue_message(app, d.account_id, "inquiry:" + id, "announce", "inquiry.new.staff", "mail",
                      s.value("email", ""), t->subject, t->text);
    }
    return core::ok_status();
  });
  if (!st) return st.error();
  return d;
}

core::Result<store::TokenDoc> owned_inquiry(App& app, const Request& req) {
  auto d = app.store.token_doc("inquiry", req.params.at("id"));
  if (!d || d->account_id != req.account_id) return make_error("not_found", "No such inquiry.");
  return *d;
}

bool guest_matches(const json& guest, const std::string& extra_text, const std::string& q) {
  for (const char* k : {"name", "email", "company"})
    if (core::text_matches(guest.value(k, ""), q)) return true;
  if (core::phone_matches(guest.value("phone", ""), q)) return true;
  return core::text_matches(extra_text, q);
}

}  // namespace

// --- bounces: re-send what failed after a correction ------------------------------------------

std::size_t resend_failed(App& app, const std::string& account, const std::string& owner, const std::string& old_address,
                          const std::string& new_address) {
  std::size_t n = 0;
  std::vector<std::int64_t> bounced;
  for (const auto& b : account_docs(app, "bounce", {"active"}, account)) {
    json j = json::parse(b.doc, nullptr, false);
    if (j.value("address", "") == old_address) bounced.push_back(j.value("message", std::int64_t{0}));
  }
  for (const auto& m : app.store.outbox(account, owner)) {
    if (m.recipient != old_address || m.channel != "mail") continue;
    if (m.state == "scheduled" && m.handed_off_at == 0) {  // later mails (reminders) go to the new address
      store::OutboxMessage o = m;
      o.id = 0;
      o.recipient = new_address;
      app.store.add_outbox(o);  // the same key replaces the scheduled row
      continue;
    }
    const bool failed = m.state == "failed" || std::find(bounced.begin(), bounced.end(), m.id) != bounced.end();
    if (!failed) continue;
    store::OutboxMessage o = m;
    o.id = 0;
    o.key = m.key + ":resend:" + auth::random_token(4);
    o.recipient = new_address;
    o.send_at = now_s(app);
    o.state = "scheduled";
    o.handed_off_at = 0;
    o.attempts = 0;
    o.last_error.clear();
    o.sent_at = 0;
    o.created_at = now_s(app);
    app.store.add_outbox(o);
    ++n;
  }
  return n;
}

std::size_t address_corrected(App& app, const std::string& account, const std::string& booking, const std::string& old_address,
                              const std::string& new_address) {
  if (old_address == new_address || old_address.empty()) return 0;
  const std::size_t n = resend_failed(app, account, booking, old_address, new_address);
  for (auto& b : account_docs(app, "bounce", {"active"}, account)) {
    json j = json::parse(b.doc, nullptr, false);
    if (j.value("booking", "") != booking || j.value("address", "") != old_address) continue;
    j["corrected_to"] = new_address;
    j["corrected_at"] = core::format_instant(app.now());
    j["resent"] = n;
    b.state = "corrected";
    b.doc = j.dump();
    b.updated_at = now_s(app);
    app.store.put_token_doc(b);
  }
  return n;
}

namespace {

// --- kiosk guesses --------------------------------------------------------------------------

struct Guesses {
  std::mutex mu;
  struct W { std::int64_t start = 0; int wrong = 0; };
  std::unordered_map<std::string, W> by_client;
};
Guesses& guesses() {
  static Guesses g;
  return g;
}
constexpr int kWrongGuesses = 10;           // per client …
constexpr std::int64_t kGuessWindow = 600;  // … per 10 minutes

}  // namespace

bool checkin_guess_allowed(App& app, const std::string& client, int& retry_after) {
  const std::int64_t now = now_s(app);
  Guesses& g = guesses();
  std::lock_guard lock(g.mu);
  if (g.by_client.size() > 100000) g.by_client.clear();
  auto& w = g.by_client[client];
  if (now - w.start >= kGuessWindow) w = {now, 0};
  if (w.wrong < kWrongGuesses) return true;
  retry_after = static_cast<int>(kGuessWindow - (now - w.start));
  return false;
}

void checkin_guess_wrong(const std::string& client) {
  Guesses& g = guesses();
  std::lock_guard lock(g.mu);
  ++g.by_client[client].wrong;
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
  return d ? json::parse(d->doc, nullptr, false).value("location", "") : std::string();
}
void set_room_location(App& app, const std::string& account_id, const std::string& room_id, const std::string& location) {
  const auto now = now_s(app);
  app.store.put_token_doc({room_id, account_id, "room:" + room_id, "room_location", "live",
                           json{{"location", location}}.dump(), now, now});
}

void register_front_routes(App& app, http::Router& r) {
  using http::Access;

  // --- locations ----------------------------------------------------------------------
  r.add("POST", "/v1/admin/locations", Access::owner, [&app](Request& req) {
    auto body = parse_body(req);
    if (!body) return http::problem(body.error());
    auto doc = location_doc(app, *body, json::object());
    if (!doc) return http::problem(doc.error());
    const std::string id = auth::random_id("loc_");
    store::TokenDoc d{id, req.account_id, id, "location", "live", doc->dump(), now_s(app), now_s(app)};
    app.store.put_token_doc(d);
    return http::json_response(201, doc_view(d)).with_header("Location", "/v1/admin/locations/" + id);
  });
  r.add("GET", "/v1/admin/locations", Access::owner, [&app](Request& req) {
    json items = json::array();
    for (const auto& d : account_docs(app, "location", {"live"}, req.account_id)) items.push_back(doc_view(d));
    return list_response(items, req);
  });
  r.add("GET", "/v1/admin/locations/{id}", Access::owner, [&app](Request& req) {
    auto loc = find_location(app, req.account_id, req.params["id"]);
    if (!loc) return not_found("location");
    return http::json_response(200, *loc);
  });
  r.add("PUT", "/v1/admin/locations/{id}", Access::owner, [&app](Request& req) {
    auto d = app.store.token_doc("location", req.params["id"]);
    if (!d || d->account_id != req.account_id || d->state != "live") return not_found("location");
    auto body = parse_body(req);
    if (!body) return http::problem(body.error());
    auto doc = location_doc(app, *body, json::parse(d->doc, nullptr, false));
    if (!doc) return http::problem(doc.error());
    d->doc = doc->dump();
    d->updated_at = now_s(app);
    app.store.put_token_doc(*d);
    return http::json_response(200, doc_view(*d));
  });
  r.add("DELETE", "/v1/admin/locations/{id}", Access::owner, [&app](Request& req) {
    auto d = app.store.token_doc("location", req.params["id"]);
    if (!d || d->account_id != req.account_id || d->state != "live") return not_found("location");
    d->state = "deleted";  // kept, so old bookings still name their office
    d->updated_at = now_s(app);
    app.store.put_token_doc(*d);
    return http::empty_response(204);
  });

  // --- labels -------------------------------------------------------------------------
  r.add("POST", "/v1/admin/labels", Access::owner, [&app](Request& req) {
    auto body = parse_body(req);
    if (!body) return http::problem(body.error());
    auto nj = wire::required(*body, "name");
    if (!nj) return http::problem(nj.error());
    auto name = wire::read_string(**nj, "name");
    if (!name) return http::problem(name.error());
    if (name->empty() || name->size() > 100) return http::problem(422, "invalid_name", "1 to 100 characters", "name");
    auto kj = wire::required(*body, "kind");
    if (!kj) return http::problem(kj.error());
    auto kind = wire::read_string(**kj, "kind");
    if (!kind) return http::problem(kind.error());
    if (*kind != "staff" && *kind != "location" && *kind != "custom")
      return http::problem(422, "invalid_kind", "kind is staff, location or custom", "kind");
    json doc{{"name", *name}, {"kind", *kind}, {"color", "#6b7280"}};
    if (const json* c = wire::member(*body, "color")) {
      auto s = wire::read_string(*c, "color");
      if (!s) return http::problem(s.error());
      bool hex = s->size() == 7 && (*s)[0] == '#' &&
                 std::all_of(s->begin() + 1, s->end(), [](char ch) { return std::isxdigit(static_cast<unsigned char>(ch)); });
      if (!hex) return http::problem(422, "invalid_color", "a color is #RRGGBB", "color");
      doc["color"] = *s;
    }
    // A staff label may name its staff member (host id), a location label its location.
    for (const char* k : {"staff", "location"})
      if (const json* v = wire::member(*body, k); v && v->is_string()) doc[k] = *v;
    if (doc.contains("location"))
      if (auto st = check_location(app, req.account_id, doc["location"], "location"); !st) return http::problem(st.error());
    const std::string id = auth::random_id("lab_");
    store::TokenDoc d{id, req.account_id, id, "label", "live", doc.dump(), now_s(app), now_s(app)};
    app.store.put_token_doc(d);
    return http::json_response(201, doc_view(d)).with_header("Location", "/v1/admin/labels/" + id);
  });
  r.add("GET", "/v1/admin/labels", Access::owner, [&app](Request& req) {
    json items = json::array();
    const std::string kind = req.query_or("kind");
    for (const auto& d : account_docs(app, "label", {"live"}, req.account_id)) {
      json v = doc_view(d);
      if (kind.empty() || v.value("kind", "") == kind) items.push_back(v);
    }
    return list_response(items, req);
  });
  r.add("GET", "/v1/admin/labels/{id}", Access::owner, [&app](Request& req) {
    auto d = app.store.token_doc("label", req.params["id"]);
    if (!d || d->account_id != req.account_id || d->state != "live") return not_found("label");
    return http::json_response(200, doc_view(*d));
  });
  r.add("PUT", "/v1/admin/labels/{id}", Access::owner, [&app](Request& req) {  // rename, recolour
    auto d = app.store.token_doc("label", req.params["id"]);
    if (!d || d->account_id != req.account_id || d->state != "live") return not_found("label");
    auto body = parse_body(req);
    if (!body) return http::problem(body.error());
    json doc = json::parse(d->doc, nullptr, false);
    if (const json* n = wire::member(*body, "name")) {
      auto s = wire::read_string(*n, "name");
      if (!s) return http::problem(s.error());
      if (s->empty() || s->size() > 100) return http::problem(422, "invalid_name", "1 to 100 characters", "name");
      doc["name"] = *s;
    }
    if (const json* c = wire::member(*body, "color")) {
      auto s = wire::read_string(*c, "color");
      if (!s) return http::problem(s.error());
      bool hex = s->size() == 7 && (*s)[0] == '#' &&
                 std::all_of(s->begin() + 1, s->end(), [](char ch) { return std::isxdigit(static_cast<unsigned char>(ch)); });
      if (!hex) return http::problem(422, "invalid_color", "a color is #RRGGBB", "color");
      doc["color"] = *s;
    }
    if (wire::member(*body, "kind")) return http::problem(422, "immutable_field", "a label keeps its kind", "kind");
    d->doc = doc.dump();
    d->updated_at = now_s(app);
    app.store.put_token_doc(*d);
    return http::json_response(200, doc_view(*d));
  });
  r.add("DELETE", "/v1/admin/labels/{id}", Access::owner, [&app](Request& req) {
    auto d = app.store.token_doc("label", req.params["id"]);
    if (!d || d->account_id != req.account_id || d->state != "live") return not_found("label");
    d->state = "deleted";
    d->updated_at = now_s(app);
    app.store.put_token_doc(*d);
    return http::empty_response(204);
  });

  // --- inquiries ----------------------------------------------------------------------
  static RateLimiter inquiry_limiter(app.cfg.booking_rate);
  r.add("POST", "/v1/inquiries", Access::open, [&app](Request& req) {
    int retry = 0;
    if (!inquiry_limiter.allow(req.client, now_s(app), retry))
      return http::problem(429, "rate_limited", "Too many messages from this client; try again later.")
          .with_header("Retry-After", std::to_string(retry));
    auto body = parse_body(req);
    if (!body) return http::problem(body.error());
    auto d = create_inquiry(app, *body);
    if (!d) return http::problem(d.error());
    return http::json_response(201, {{"id", d->id}, {"state", d->state}});
  });
  r.add("GET", "/v1/admin/inquiries", Access::owner, [&app](Request& req) {
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
    json items = json::array();
    for (const auto& d : docs) {
      if (*from && d.created_at < **from) continue;
      if (*to && d.created_at >= **to) continue;
      json v = inquiry_view(app, d);
      if (!loc.empty() && v.value("location", "") != loc) continue;
      if (!label.empty()) {
        auto ls = v.value("labels", json::array());
        if (std::find(ls.begin(), ls.end(), json(label)) == ls.end()) continue;
      }
      if (!q.empty() && !guest_matches(v.value("guest", json::object()), v.value("message", ""), q)) continue;
      items.push_back(v);
    }
    return list_response(items, req);
  });
  r.add("GET", "/v1/admin/inquiries/{id}", Access::owner, [&app](Request& req) {
    auto d = owned_inquiry(app, req);
    if (!d) return not_found("inquiry");
    json v = inquiry_view(app, *d);
    json out = json::array();
    for (const auto& m : app.store.outbox(req.account_id, "inquiry:" + d->id))
      out.push_back({{"id", m.id}, {"template", m.template_key}, {"recipient", m.recipient}, {"state", m.state},
                     {"last_error", m.last_error}});
    v["messages"] = out;
    return http::json_response(200, v);
  });
  r.add("PATCH", "/v1/admin/inquiries/{id}", Access::owner, [&app](Request& req) {
    if (!owned_inquiry(app, req)) return not_found("inquiry");
    auto body = parse_body(req);
    if (!body) return http::problem(body.error());
    std::optional<std::vector<std::string>> labels;
    if (const json* l = wire::member(*body, "labels")) {
      auto ls = read_labels(app, req.account_id, *l);
      if (!ls) return http::problem(ls.error());
      labels = *ls;
    }
    std::optional<std::string> location, staff;
    if (const json* l = wire::member(*body, "location")) {
      auto s = wire::read_string(*l, "location");
      if (!s) return http::problem(s.error());
      if (auto st = check_location(app, req.account_id, *s, "location"); !st) return http::problem(st.error());
      location = *s;
    }
    if (const json* s = wire::member(*body, "staff")) {
      auto v = wire::read_string(*s, "staff");
      if (!v) return http::problem(v.error());
      if (v->size() > 64) return http::problem(422, "too_long", "staff is an id", "staff");
      staff = *v;
    }
    std::optional<core::InquiryEvent> event;
    if (const json* s = wire::member(*body, "state")) {
      auto v = wire::read_string(*s, "state");
      if (!v) return http::problem(v.error());
      auto target = core::parse_inquiry_state(*v);
      if (!target) return http::problem(target.error());
      if (*target == core::InquiryState::closed) event = core::InquiryEvent::close;
      else if (*target == core::InquiryState::new_) event = core::InquiryEvent::reopen;
      else return http::problem(409, "illegal_transition", "use reply or convert for that state", "state");
    }
    json result;
    auto st = app.store.transact([&]() -> core::Status {
      auto d = owned_inquiry(app, req);
      if (!d) return d.error();
      json j = json::parse(d->doc, nullptr, false);
      const core::Instant now = app.now();
      if (event) {
        auto cur = core::parse_inquiry_state(d->state).value_or(core::InquiryState::new_);
        auto next = core::next_inquiry_state(cur, *event);
        if (!next) return next.error();
        if (*next != cur) j["history"].push_back({{"at", core::format_instant(now)}, {"event", core::to_string(*next)}, {"detail", ""}});
        d->state = core::to_string(*next);
      }
      if (labels) j["labels"] = *labels;
      if (location) j["location"] = *location;
      if (staff) j["staff"] = *staff;
      d->doc = j.dump();
      d->updated_at = now.unix_seconds();
      app.store.put_token_doc(*d);
      result = inquiry_view(app, *d);
      return core::ok_status();
    });
    if (!st) return http::problem(st.error());
    return http::json_response(200, result);
  });
  r.add("POST", "/v1/admin/inquiries/{id}/reply", Access::owner, [&app](Request& req) {
    if (!owned_inquiry(app, req)) return not_found("inquiry");
    auto body = parse_body(req);
    if (!body) return http::problem(body.error());
    auto mj = wire::required(*body, "message");
    if (!mj) return http::problem(mj.error());
    auto msg = wire::read_string(**mj, "message");
    if (!msg) return http::problem(msg.error());
    if (msg->empty() || msg->size() > 20000) return http::problem(422, "invalid_message", "1 to 20000 characters", "message");
    json result;
    auto st = app.store.transact([&]() -> core::Status {
      auto d = owned_inquiry(app, req);
      if (!d) return d.error();
      auto next = core::next_inquiry_state(core::parse_inquiry_state(d->state).value_or(core::InquiryState::new_),
                                           core::InquiryEvent::reply);
      if (!next) return next.error();
      json j = json::parse(d->doc, nullptr, false);
      const core::Instant now = app.now();
      const std::string lang = j.value("language", "en");
      auto f = inquiry_fields(app, *d, j, lang);
      f["reply"] = *msg;
      auto t = core::front_text("inquiry.reply.guest", lang, f);
      if (!t) return t.error();
      queue_message(app, d->account_id, "inquiry:" + d->id, "reply", "inquiry.reply.guest", "mail",
                    j["guest"].value("email", ""), t->subject, t->text);
      d->state = core::to_string(*next);
      j["awaiting_since"] = core::format_date(local_date(app, inquiry_zone(app, d->account_id, j.value("location", "")), now));
      j["replies"].push_back({{"at", core::format_instant(now)}, {"message", *msg}});
      j["history"].push_back({{"at", core::format_instant(now)}, {"event", "replied"}, {"detail", ""}});
      d->doc = j.dump();
      d->updated_at = now.unix_seconds();
      app.store.put_token_doc(*d);
      result = inquiry_view(app, *d);
      return core::ok_status();
    });
    if (!st) return http::problem(st.error());
    return http::json_response(200, result);
  });
  r.add("POST", "/v1/admin/inquiries/{id}/convert", Access::owner, [&app](Request& req) {
    if (!owned_inquiry(app, req)) return not_found("inquiry");
    auto body = parse_body(req);
    if (!body) return http::problem(body.error());
    auto bj = wire::required(*body, "booking");
    if (!bj) return http::problem(bj.error());
    auto uid = wire::read_string(**bj, "booking");
    if (!uid) return http::problem(uid.error());
    auto b = app.store.booking(*uid);
    if (!b || b->account_id != req.account_id) return http::problem(422, "unknown_booking", "no such booking of this account", "booking");
    json result;
    auto st = app.store.transact([&]() -> core::Status {
      auto d = owned_inquiry(app, req);
      if (!d) return d.error();
      auto next = core::next_inquiry_state(core::parse_inquiry_state(d->state).value_or(core::InquiryState::new_),
                                           core::InquiryEvent::convert);
      if (!next) return next.error();
      json j = json::parse(d->doc, nullptr, false);
      const core::Instant now = app.now();
      d->state = core::to_string(*next);
      j["booking"] = *uid;
      j["history"].push_back({{"at", core::format_instant(now)}, {"event", "converted"}, {"detail", *uid}});
      d->doc = j.dump();
      d->updated_at = now.unix_seconds();
      app.store.put_token_doc(*d);
      result = inquiry_view(app, *d);
      return core::ok_status();
    });
    if (!st) return http::problem(st.error());
    return http::json_response(200, result);
  });

  // --- the unconverted report ------------------------------------------------------------
  r.add("GET", "/v1/admin/reports/unconverted", Access::owner, [&app](Request& req) {
    const std::string loc = req.query_or("location");
    if (auto st = check_location(app, req.account_id, loc, "location"); !st) return http::problem(st.error());
    core::LocalDate date;
    if (auto d = req.query.find("date"); d != req.query.end()) {
      auto p = core::parse_date(d->second);
      if (!p) return http::problem(422, p.error().code, p.error().message, "date");
      date = *p;
    } else {  // yesterday, in the location's (or the account's) zone
      date = local_date(app, inquiry_zone(app, req.account_id, loc), app.now()) - core::Days(1);
    }
    json items = report_items(app, req.account_id, date, loc);
    json out = json::array();
    for (const auto& i : items) out.push_back(i);
    return http::json_response(200, {{"date", core::format_date(date)}, {"location", loc.empty() ? json(nullptr) : json(loc)},
                                     {"count", out.size()}, {"items", out}});
  });
  r.add("GET", "/v1/admin/reports/settings", Access::owner, [&app](Request& req) {
    auto d = app.store.token_doc("front_settings", req.account_id);
    json j = d ? json::parse(d->doc, nullptr, false) : json::object();
    return http::json_response(200, {{"report_time", j.value("report_time", "")}, {"timezone", j.value("timezone", "UTC")},
                                     {"language", j.value("language", "en")},
                                     {"subscribers", j.value("subscribers", json::array())},
                                     {"last_report", j.value("last_report", "")}});
  });
  r.add("PUT", "/v1/admin/reports/settings", Access::owner, [&app](Request& req) {
    auto body = parse_body(req);
    if (!body) return http::problem(body.error());
    auto d = app.store.token_doc("front_settings", req.account_id);
    json j = d ? json::parse(d->doc, nullptr, false) : json::object();
    if (const json* t = wire::member(*body, "report_time")) {
      auto tm = wire::read_time(*t, "report_time");
      if (!tm) return http::problem(tm.error());
      j["report_time"] = core::format_time(*tm);
    }
    if (const json* z = wire::member(*body, "timezone")) {
      auto s = wire::read_string(*z, "timezone");
      if (!s) return http::problem(s.error());
      if (!app.zones.get(*s)) return http::problem(422, "unknown_zone", "unknown time zone", "timezone");
      j["timezone"] = *s;
    }
    if (const json* l = wire::member(*body, "language")) {
      auto s = wire::read_string(*l, "language");
      if (!s) return http::problem(s.error());
      j["language"] = *s;
    }
    if (const json* s = wire::member(*body, "subscribers")) {
      if (!s->is_array() || s->size() > 100) return http::problem(422, "invalid_type", "a list of e-mail addresses", "subscribers");
      json list = json::array();
      for (std::size_t i = 0; i < s->size(); ++i) {
        auto a = wire::read_string((*s)[i], wire::field_path("subscribers", i));
        if (!a) return http::problem(a.error());
        auto c = core::check_email(*a);
        if (!c.valid) return http::problem(422, "invalid_email", "not a valid e-mail address", wire::field_path("subscribers", i));
        list.push_back(c.address);
      }
      j["subscribers"] = list;
    }
    const auto now = now_s(app);
    app.store.put_token_doc({req.account_id, req.account_id, "settings:" + req.account_id, "front_settings", "live",
                             j.dump(), d ? d->created_at : now, now});
    return http::json_response(200, j);
  });

  // --- finding a guest ----------------------------------------------------------------------
  r.add("GET", "/v1/admin/search", Access::owner, [&app](Request& req) {
    const std::string q = req.query_or("q");
    if (q.empty()) return http::problem(422, "missing_field", "q is required", "q");
    if (q.size() > 200) return http::problem(422, "too_long", "the search text is too long", "q");
    store::BookingQuery bq;
    bq.account_id = req.account_id;
    bq.limit = 20000;
    json bookings = json::array();
    for (const auto& rec : app.store.bookings(bq)) {
      core::Booking b = to_core(rec);
      json g{{"name", b.guest.name}, {"email", b.guest.email}, {"phone", b.guest.phone}, {"company", b.guest.company}};
      bool hit = guest_matches(g, b.notes, q);
      for (const auto& o : b.other_guests)
        hit = hit || guest_matches({{"name", o.name}, {"email", o.email}, {"phone", o.phone}, {"company", o.company}}, "", q);
      if (hit && bookings.size() < 200) bookings.push_back(booking_json(b));
    }
    json inquiries = json::array();
    for (const auto& d : account_docs(app, "inquiry", kInquiryStates, req.account_id)) {
      json v = inquiry_view(app, d);
      if (guest_matches(v.value("guest", json::object()), v.value("message", ""), q) && inquiries.size() < 200)
        inquiries.push_back(v);
    }
    return http::json_response(200, {{"q", q}, {"bookings", bookings}, {"inquiries", inquiries}});
  });

  // --- manual mail to chosen guests -----------------------------------------------------------
  r.add("POST", "/v1/admin/messages", Access::owner, [&app](Request& req) {
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
    json out = json::array();
    auto st = app.store.transact([&]() -> core::Status {
      for (const auto& b : recs) {
        json entry{{"booking", b.uid}, {"recipient", b.guest_email}};
        if (b.guest_email.empty()) entry["skipped"] = "no_email";
        else if (suppressed(app, req.account_id, b.guest_email)) entry["skipped"] = "suppressed";
        else queue_message(app, req.account_id, b.uid, "manual", "manual.guest", "mail", b.guest_email, subject, text);
        out.push_back(entry);
      }
      return core::ok_status();
    });
    if (!st) return http::problem(st.error());
    return http::json_response(202, {{"messages", out}});
  });

  // --- bounces ----------------------------------------------------------------------------------
  r.add("GET", "/v1/admin/bounces", Access::owner, [&app](Request& req) {
    const std::string state = req.query_or("state");
    if (!state.empty() && state != "active" && state != "corrected")
      return http::problem(422, "invalid_state", "state is active or corrected", "state");
    std::vector<const char*> states{"active", "corrected"};
    if (!state.empty()) states = {state.c_str()};
    json items = json::array();
    for (const auto& d : account_docs(app, "bounce", states, req.account_id)) {
      json v = doc_view(d);
      v["state"] = d.state;
      items.push_back(v);
    }
    return list_response(items, req);
  });
  r.add("POST", "/v1/admin/bounces/{id}/correct", Access::owner, [&app](Request& req) {
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
      json j = json::parse(cur->doc, nullptr, false);
      const std::string old = j.value("address", "");
      const std::string booking = j.value("booking", ""), inquiry = j.value("inquiry", "");
      if (!booking.empty()) {
        if (auto b = app.store.booking(booking)) {
          core::Booking cb = to_core(*b);
          if (cb.guest.email == old) cb.guest.email = check.address;
          for (auto& o : cb.other_guests)
            if (o.email == old) o.email = check.address;
          cb.history.push_back({app.now(), core::Actor::host, "email_corrected", old + " → " + check.address});
          auto rec = to_record(cb, b->account_id, b->token_hash);
          rec.created_at = b->created_at;
          rec.updated_at = now_s(app);
          rec.buffer_before_min = b->buffer_before_min;
          rec.buffer_after_min = b->buffer_after_min;
          app.store.update_booking(rec);
        }
        resent += resend_failed(app, req.account_id, booking, old, check.address);
      }
      if (!inquiry.empty()) {
        if (auto q = app.store.token_doc("inquiry", inquiry)) {
          json qj = json::parse(q->doc, nullptr, false);
          if (qj["guest"].value("email", "") == old) qj["guest"]["email"] = check.address;
          qj.erase("delivery_problem");
          q->doc = qj.dump();
          app.store.put_token_doc(*q);
        }
        resent += resend_failed(app, req.account_id, "inquiry:" + inquiry, old, check.address);
      }
      // The same address confirmed as right lifts the block; a new one leaves the old blocked.
      if (old == check.address)
        if (auto s = app.store.token_doc("suppression", req.account_id + ":" + old)) {
          s->state = "lifted";
          app.store.put_token_doc(*s);
        }
      j["corrected_to"] = check.address;
      j["corrected_at"] = core::format_instant(app.now());
      j["resent"] = resent;
      cur->state = "corrected";
      cur->doc = j.dump();
      cur->updated_at = now_s(app);
      app.store.put_token_doc(*cur);
      result = doc_view(*cur);
      result["state"] = "corrected";
      return core::ok_status();
    });
    if (!st) return http::problem(st.error());
    return http::json_response(200, result);
  });
  r.add("POST", "/v1/admin/bounces/poll", Access::owner, [&app](Request&) {
    if (app.cfg.bounce_imap.empty())
      return http::problem(409, "not_configured", "the server runs without --bounce-imap");
    return http::json_response(200, {{"matched", poll_bounces(app)}});
  });

  // --- the reception kiosk ----------------------------------------------------------------------
  r.add("POST", "/v1/checkin/{code}", Access::open, [&app](Request& req) {
    int retry = 0;
    if (!checkin_guess_allowed(app, req.client, retry))
      return http::problem(429, "rate_limited", "Too many wrong codes; please ask the reception staff.")
          .with_header("Retry-After", std::to_string(retry));
    auto wrong = [&] { checkin_guess_wrong(req.client); };
    const std::string code = normalize_checkin_code(req.params["code"]);
    auto rec = code.size() == 6 ? app.store.booking_by_checkin(code) : std::nullopt;
    if (!rec || !core::is_active(core::parse_booking_status(rec->status).value_or(core::BookingStatus::cancelled))) {
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
      updated.updated_at = now_s(app);
      updated.buffer_before_min = cur->buffer_before_min;
      updated.buffer_after_min = cur->buffer_after_min;
      app.store.update_booking(updated);
      for (const auto& hid : cb.host_ids) {
        auto h = app.store.host(hid);
        if (!h) continue;
        json hd = json::parse(h->doc, nullptr, false);
        const std::string lang = hd.value("language", "en");
        std::string when;
        if (auto z = app.zones.get(hd.value("timezone", "UTC"))) {
          std::string l = core::format_local((*z)->to_local(cb.when.start));
          when = l.substr(0, 10) + " " + l.substr(11, 5);
        }
        std::map<std::string, std::string> f{{"guest_name", cb.guest.name}, {"guest_company", cb.guest.company},
                                             {"when", when}, {"location", location_text(app, cur->account_id, cb.location, "", lang)}};
        if (auto room = app.store.room(cb.room_id)) f["room"] = room->name;
        if (auto t = core::front_text("checkin.arrived.host", lang, f))
          queue_message(app, cur->account_id, cb.uid, "arrived", "checkin.arrived.host", "mail", hd.value("email", ""),
                        t->subject, t->text);
        if (!hd.value("phone", "").empty())
          if (auto t = core::front_text("checkin.arrived.sms", lang, f))
            queue_message(app, cur->account_id, cb.uid, "arrived", "checkin.arrived.sms", "sms", hd.value("phone", ""),
                          t->subject, t->text);
      }
      return core::ok_status();
    });
    if (!st) return http::problem(st.error());
    // Only what the visitor needs: the time, where to wait, whom they meet. No guest list.
    json hosts = json::array();
    if (!b.host_ids.empty())
      if (auto h = app.store.host(b.host_ids.front())) hosts.push_back(json::parse(h->doc, nullptr, false).value("name", ""));
    json out{{"status", "arrived"}, {"already", !first}, {"start", b.when.start}, {"end", b.when.end}, {"hosts", hosts}};
    if (auto room = app.store.room(b.room_id)) out["room"] = room->name;
    if (auto loc = find_location(app, rec->account_id, b.location)) out["location"] = loc->value("name", json());
    return http::json_response(200, out);
  });
}

}  // namespace kairos::server
