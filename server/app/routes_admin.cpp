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

// Views of the stored documents, read back typed (a corrupt one fails loudly).
json host_view(const store::HostRecord& h) { return wire::host_view(h.id, stored_host(h)); }

json page_view(const store::PageRecord& p) { return wire::page_view(p.id, stored_page(p)); }

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
  return http::json_response(200, wire::account_view(req.account_id, app.store.account_name(req.account_id).value_or(""),
                                                     stored_account_settings(app, req.account_id)));
}

Response put_account(App& app, Request& req) {
  auto body = parse_body(req);
  if (!body) return http::problem(body.error());
  auto update = wire::read_account_request(*body, stored_account_settings(app, req.account_id));
  if (!update) return http::problem(update.error());
  app.store.set_account_name(req.account_id, update->name);
  put_account_settings(app, req.account_id, update->settings);
  return http::json_response(200, wire::account_view(req.account_id, update->name, update->settings));
}

// --- hosts ----------------------------------------------------------------------
Response create_host(App& app, Request& req) {
  auto body = parse_body(req);
  if (!body) return http::problem(body.error());
  auto doc = host_from_request(*body, app.zones);
  if (!doc) return http::problem(doc.error());
  if (auto st = check_location(app, req.account_id, doc->location, "location"); !st) return http::problem(st.error());
  store::HostRecord h{auth::random_id("h_"), req.account_id, wire::host_document(*doc).dump()};
  app.store.put_host(h);
  return http::json_response(201, wire::host_view(h.id, *doc)).with_header("Location", "/v1/admin/hosts/" + h.id);
}

Response list_hosts(App& app, Request& req) {
  std::vector<json> out;
  const std::string at = req.query_or("location");
  for (const auto& h : app.store.hosts(req.account_id)) {
    const wire::HostDocument d = stored_host(h);
    if (at.empty() || d.location == at) out.push_back(wire::host_view(h.id, d));
  }
  return http::json_response(200, wire::collection_view("hosts", std::move(out)));
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
  auto doc = host_from_request(wire::host_update(stored_host(*h), *body), app.zones);
  if (!doc) return http::problem(doc.error());
  if (auto st = check_location(app, req.account_id, doc->location, "location"); !st) return http::problem(st.error());
  h->doc = wire::host_document(*doc).dump();
  app.store.put_host(*h);
  return http::json_response(200, wire::host_view(h->id, *doc));
}

// --- rooms ----------------------------------------------------------------------
Response create_room(App& app, Request& req) {
  auto body = parse_body(req);
  if (!body) return http::problem(body.error());
  auto in = wire::read_room_request(*body);
  if (!in) return http::problem(in.error());
  const std::string location = in->location.value_or("");
  if (in->location)
    if (auto st = check_location(app, req.account_id, location, "location"); !st) return http::problem(st.error());
  store::RoomRecord room{auth::random_id("r_"), req.account_id, in->name};
  app.store.put_room(room);
  if (!location.empty()) set_room_location(app, req.account_id, room.id, location);
  return http::json_response(201, wire::room_view(room.id, room.name, location))
      .with_header("Location", "/v1/admin/rooms/" + room.id);
}

Response list_rooms(App& app, Request& req) {
  std::vector<json> out;
  const std::string at = req.query_or("location");
  for (const auto& room : app.store.rooms(req.account_id)) {
    const std::string loc = room_location(app, room.id);
    // "location" only when set, so rooms without one keep their old shape.
    if (at.empty() || at == loc)
      out.push_back(wire::room_view(room.id, room.name, loc.empty() ? std::nullopt : std::optional<std::string>(loc)));
  }
  return http::json_response(200, wire::collection_view("rooms", std::move(out)));
}

Response put_room(App& app, Request& req) {
  auto room = owned_room(app, req);
  if (!room) return http::problem(room.error());
  auto body = parse_body(req);
  if (!body) return http::problem(body.error());
  auto in = wire::read_room_request(*body);
  if (!in) return http::problem(in.error());
  room->name = in->name;
  app.store.put_room(*room);
  return http::json_response(200, wire::room_view(room->id, room->name, std::nullopt));
}

Response delete_room(App& app, Request& req) {
  auto room = owned_room(app, req);
  if (!room) return http::problem(room.error());
  // A room an event type still offers cannot go: its bookings and slots need it.
  for (const auto& p : app.store.pages(req.account_id))
    if (stored_page(p).offers_room(room->id))
      return http::problem(409, "room_in_use", "An event type of page " + p.id + " uses this room.", "id");
  if (!app.store.delete_room(req.account_id, room->id)) return not_found("room");
  return http::empty_response(204);
}

// --- pages ----------------------------------------------------------------------
Response create_page(App& app, Request& req) {
  auto body = parse_body(req);
  if (!body) return http::problem(body.error());
  auto given = wire::read_page_id(*body);
  if (!given) return http::problem(given.error());
  const std::string id = given->value_or(auth::random_id("p_"));
  auto doc = page_from_request(*body, app.store, req.account_id);
  if (!doc) return http::problem(doc.error());
  store::PageRecord p{id, req.account_id, wire::page_document(*doc).dump()};
  if (app.store.page_id_taken(id)) return http::problem(409, "already_exists", "This page id is taken.", "id");
  app.store.put_page(p);
  return http::json_response(201, wire::page_view(id, *doc)).with_header("Location", "/v1/admin/pages/" + id);
}

Response list_pages(App& app, Request& req) {
  std::vector<json> out;
  for (const auto& p : app.store.pages(req.account_id)) out.push_back(page_view(p));
  return http::json_response(200, wire::collection_view("pages", std::move(out)));
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
  auto doc = page_from_request(*body, app.store, req.account_id);
  if (!doc) return http::problem(doc.error());
  p->doc = wire::page_document(*doc).dump();
  app.store.put_page(*p);
  return http::json_response(200, wire::page_view(p->id, *doc));
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
  return http::json_response(200, wire::embed_view(p->id, mode, snippet));
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
