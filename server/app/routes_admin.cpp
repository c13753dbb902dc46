// Owner configuration routes: hosts, rooms, pages and the embed snippet. Another
// account's ids answer 404 exactly like unknown ones, so ids do not leak.
#include <algorithm>

#include "app.hpp"
#include "route_table.hpp"
#include "auth/tokens.hpp"
#include "documents.hpp"
#include "front.hpp"
#include "kairos/templates.hpp"
#include "kairos/wire/json_mapping.hpp"

namespace kairos::server {

using http::Request;
using http::Response;
using nlohmann::json;

namespace {

Response not_found(const char* what) { return http::problem(404, "not_found", std::string("No such ") + what + "."); }

json host_view(const store::HostRecord& h) {
  json d = json::parse(h.doc, nullptr, false);
  d["id"] = h.id;
  return d;
}

json page_view(const store::PageRecord& p) {
  json d = json::parse(p.doc, nullptr, false);
  d["id"] = p.id;
  return d;
}

std::string html_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

}  // namespace

namespace {

// The account itself: its name is the sender name of its mails ("Salon Aurora
// <bookings@…>"), so guests recognise who writes to them, unless `sender_name` says
// otherwise; `logo` and `language` are what new pages start from.
Response get_account(App& app, Request& req) {
  json out = account_settings(app, req.account_id);
  out["id"] = req.account_id;
  out["name"] = app.store.account_name(req.account_id).value_or("");
  return http::json_response(200, out);
}

Response put_account(App& app, Request& req) {
  auto body = parse_body(req);
  if (!body) return http::problem(body.error());
  auto one_line = [](const json& in, const char* key, bool required) -> core::Result<std::optional<std::string>> {
    const json* v = wire::member(in, key);
    if (!v) {
      if (required) return core::make_error("missing_field", std::string(key) + " is required", key);
      return std::optional<std::string>();
    }
    auto text = wire::read_string(*v, key);
    if (!text) return text.error();
    std::string t = *text;
    while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.pop_back();
    while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.erase(t.begin());
    if ((required && t.empty()) || t.size() > 120 || t.find_first_of("\r\n<>\"") != std::string::npos)
      return core::make_error("invalid_name", "1 to 120 characters, no line breaks, quotes or angle brackets", key);
    return std::optional<std::string>(t);
  };
  auto name = one_line(*body, "name", true);
  if (!name) return http::problem(name.error());
  auto sender = one_line(*body, "sender_name", false);
  if (!sender) return http::problem(sender.error());
  json settings = account_settings(app, req.account_id);
  if (*sender) settings["sender_name"] = **sender;  // "" goes back to the business name
  if (const json* l = wire::member(*body, "logo")) {
    auto logo = wire::read_string(*l, "logo");
    if (!logo) return http::problem(logo.error());
    const bool web = logo->rfind("https://", 0) == 0 || logo->rfind("http://", 0) == 0;
    if (!logo->empty() && (!web || logo->size() > 500 || logo->find_first_of(" \r\n\"<>") != std::string::npos))
      return http::problem(core::make_error("invalid_url", "an http or https address of an image", "logo"));
    settings["logo"] = *logo;
  }
  if (const json* l = wire::member(*body, "language")) {
    auto lang = wire::read_string(*l, "language");
    if (!lang) return http::problem(lang.error());
    const auto& langs = core::supported_languages();
    if (std::find(langs.begin(), langs.end(), *lang) == langs.end())
      return http::problem(core::make_error("unsupported_language", "one of en, ja, fi, de, hu", "language"));
    settings["language"] = *lang;
  }
  app.store.set_account_name(req.account_id, **name);
  put_account_settings(app, req.account_id, settings);
  settings["id"] = req.account_id;
  settings["name"] = **name;
  return http::json_response(200, settings);
}

// --- hosts ----------------------------------------------------------------------
Response create_host(App& app, Request& req) {
  auto body = parse_body(req);
  if (!body) return http::problem(body.error());
  auto doc = normalize_host(*body, app.zones);
  if (!doc) return http::problem(doc.error());
  if (auto st = check_location(app, req.account_id, doc->value("location", ""), "location"); !st)
    return http::problem(st.error());
  store::HostRecord h{auth::random_id("h_"), req.account_id, doc->dump()};
  app.store.put_host(h);
  return http::json_response(201, host_view(h)).with_header("Location", "/v1/admin/hosts/" + h.id);
}

Response list_hosts(App& app, Request& req) {
  json out = json::array();
  const std::string at = req.query_or("location");
  for (const auto& h : app.store.hosts(req.account_id)) {
    json v = host_view(h);
    if (at.empty() || v.value("location", "") == at) out.push_back(v);
  }
  return http::json_response(200, {{"hosts", out}});
}

Response get_host(App& app, Request& req) {
  auto h = owned_host(app, req);
  if (!h) return http::problem(h.error());
  return http::json_response(200, host_view(*h));
}

Response put_host(App& app, Request& req) {
  auto h = owned_host(app, req);
  if (!h) return http::problem(h.error());
  auto body = parse_body(req);
  if (!body) return http::problem(body.error());
  // Fields left out keep their values; the merged document is validated as a whole.
  json merged = json::parse(h->doc, nullptr, false);
  for (auto& [k, v] : body->items()) merged[k] = v;
  auto doc = normalize_host(merged, app.zones);
  if (!doc) return http::problem(doc.error());
  if (auto st = check_location(app, req.account_id, doc->value("location", ""), "location"); !st)
    return http::problem(st.error());
  h->doc = doc->dump();
  app.store.put_host(*h);
  return http::json_response(200, host_view(*h));
}

// --- rooms ----------------------------------------------------------------------
Response create_room(App& app, Request& req) {
  auto body = parse_body(req);
  if (!body) return http::problem(body.error());
  const json* name = wire::member(*body, "name");
  if (!name) return http::problem(422, "missing_field", "name is required", "name");
  if (!name->is_string() || name->get<std::string>().empty() || name->get<std::string>().size() > 200)
    return http::problem(422, "invalid_type", "name must be a non-empty string", "name");
  if (!wire::is_single_line(name->get_ref<const std::string&>()))
    return http::problem(422, "control_character", "a name is one line of text", "name");
  std::string location;
  if (const json* l = wire::member(*body, "location")) {
    auto id = wire::read_string(*l, "location");
    if (!id) return http::problem(id.error());
    if (auto st = check_location(app, req.account_id, *id, "location"); !st) return http::problem(st.error());
    location = *id;
  }
  store::RoomRecord room{auth::random_id("r_"), req.account_id, name->get<std::string>()};
  app.store.put_room(room);
  if (!location.empty()) set_room_location(app, req.account_id, room.id, location);
  return http::json_response(201, {{"id", room.id}, {"name", room.name}, {"location", location}})
      .with_header("Location", "/v1/admin/rooms/" + room.id);
}

Response list_rooms(App& app, Request& req) {
  json out = json::array();
  const std::string at = req.query_or("location");
  for (const auto& room : app.store.rooms(req.account_id)) {
    const std::string loc = room_location(app, room.id);
    // "location" only when set, so rooms without one keep their old shape.
    if (at.empty() || at == loc) {
      json row{{"id", room.id}, {"name", room.name}};
      if (!loc.empty()) row["location"] = loc;
      out.push_back(std::move(row));
    }
  }
  return http::json_response(200, {{"rooms", out}});
}

Response put_room(App& app, Request& req) {
  auto room = owned_room(app, req);
  if (!room) return http::problem(room.error());
  auto body = parse_body(req);
  if (!body) return http::problem(body.error());
  const json* name = wire::member(*body, "name");
  if (!name) return http::problem(422, "missing_field", "name is required", "name");
  if (!name->is_string() || name->get<std::string>().empty() || name->get<std::string>().size() > 200)
    return http::problem(422, "invalid_type", "name must be a non-empty string", "name");
  room->name = name->get<std::string>();
  app.store.put_room(*room);
  return http::json_response(200, {{"id", room->id}, {"name", room->name}});
}

Response delete_room(App& app, Request& req) {
  auto room = owned_room(app, req);
  if (!room) return http::problem(room.error());
  // A room an event type still offers cannot go: its bookings and slots need it.
  for (const auto& p : app.store.pages(req.account_id)) {
    const json d = json::parse(p.doc, nullptr, false);
    for (const auto& et : d.value("event_types", json::array()))
      for (const auto& r2 : et.value("rooms", json::array()))
        if (r2 == room->id)
          return http::problem(409, "room_in_use", "An event type of page " + p.id + " uses this room.", "id");
  }
  if (!app.store.delete_room(req.account_id, room->id)) return not_found("room");
  return http::empty_response(204);
}

// --- pages ----------------------------------------------------------------------
Response create_page(App& app, Request& req) {
  auto body = parse_body(req);
  if (!body) return http::problem(body.error());
  std::string id;
  if (const json* given = wire::member(*body, "id")) {
    if (!given->is_string() || !valid_public_id(given->get<std::string>()))
      return http::problem(422, "invalid_id", "letters, digits, '-' and '_', at most 64", "id");
    id = given->get<std::string>();
  } else {
    id = auth::random_id("p_");
  }
  auto doc = normalize_page(*body, app.store, req.account_id);
  if (!doc) return http::problem(doc.error());
  store::PageRecord p{id, req.account_id, doc->dump()};
  if (app.store.page_id_taken(id)) return http::problem(409, "already_exists", "This page id is taken.", "id");
  app.store.put_page(p);
  return http::json_response(201, page_view(p)).with_header("Location", "/v1/admin/pages/" + id);
}

Response list_pages(App& app, Request& req) {
  json out = json::array();
  for (const auto& p : app.store.pages(req.account_id)) out.push_back(page_view(p));
  return http::json_response(200, {{"pages", out}});
}

Response get_page(App& app, Request& req) {
  auto p = owned_page(app, req);
  if (!p) return http::problem(p.error());
  return http::json_response(200, page_view(*p));
}

Response put_page(App& app, Request& req) {
  auto p = owned_page(app, req);
  if (!p) return http::problem(p.error());
  auto body = parse_body(req);
  if (!body) return http::problem(body.error());
  auto doc = normalize_page(*body, app.store, req.account_id);
  if (!doc) return http::problem(doc.error());
  p->doc = doc->dump();
  app.store.put_page(*p);
  return http::json_response(200, page_view(*p));
}

Response delete_page(App& app, Request& req) {
  if (!app.store.delete_page(req.account_id, req.params["id"])) return not_found("page");
  return http::empty_response(204);
}

Response page_embed(App& app, Request& req) {
  auto p = owned_page(app, req);
  if (!p) return http::problem(p.error());
  std::string mode = req.query_or("mode", "inline");
  if (mode != "inline" && mode != "popup" && mode != "floating")
    return http::problem(422, "invalid_mode", "mode is inline, popup or floating", "mode");
  std::string id = html_escape(p->id);
  std::string snippet = "<script src=\"" + html_escape(app.cfg.public_url) + "/embed.js\" async></script>\n" +
                        "<div data-kairos-page=\"" + id + "\"" +
                        (mode == "inline" ? std::string() : " data-kairos-mode=\"" + mode + "\"") + "></div>\n";
  if (req.query_or("format") == "html") return http::text_response(200, snippet, "text/plain; charset=utf-8");
  return http::json_response(200, {{"page", p->id}, {"mode", mode}, {"snippet", snippet}});
}

}  // namespace

void register_admin_routes(App& app, http::Router& r) {
  add_routes(app, r, {
      {"GET", "/v1/admin/account", http::Access::owner, get_account},
      {"PUT", "/v1/admin/account", http::Access::owner, put_account},
      {"POST", "/v1/admin/hosts", http::Access::owner, create_host},
      {"GET", "/v1/admin/hosts", http::Access::owner, list_hosts},
      {"GET", "/v1/admin/hosts/{id}", http::Access::owner, get_host},
      {"PUT", "/v1/admin/hosts/{id}", http::Access::owner, put_host},
      {"POST", "/v1/admin/rooms", http::Access::owner, create_room},
      {"GET", "/v1/admin/rooms", http::Access::owner, list_rooms},
      {"PUT", "/v1/admin/rooms/{id}", http::Access::owner, put_room},
      {"DELETE", "/v1/admin/rooms/{id}", http::Access::owner, delete_room},
      {"POST", "/v1/admin/pages", http::Access::owner, create_page},
      {"GET", "/v1/admin/pages", http::Access::owner, list_pages},
      {"GET", "/v1/admin/pages/{id}", http::Access::owner, get_page},
      {"PUT", "/v1/admin/pages/{id}", http::Access::owner, put_page},
      {"DELETE", "/v1/admin/pages/{id}", http::Access::owner, delete_page},
      {"GET", "/v1/admin/pages/{id}/embed", http::Access::owner, page_embed}
  });
}

}  // namespace kairos::server
