// Feeds out (R-INT-2): secret, revocable iCalendar subscription URLs of a host's, a
// room's or the whole account's bookings and open proposal holds. UIDs are the ones
// the booking mails carry and SEQUENCE is the booking's last change, so a calendar
// app that has the mail invitation and the feed updates one event.
#include <algorithm>
#include <map>
#include <optional>

#include "app.hpp"
#include "documents.hpp"
#include "route_table.hpp"
#include "auth/tokens.hpp"
#include "bookings.hpp"
#include "ics.hpp"
#include "integrations.hpp"
#include "kairos/proposal.hpp"
#include "kairos/time_text.hpp"
#include "kairos/wire/availability.hpp"
#include "kairos/wire/front_office.hpp"
#include "kairos/wire/documents.hpp"
#include "kairos/wire/integrations.hpp"
#include "kairos/wire/json_mapping.hpp"
#include "state.hpp"

namespace kairos::server::integ {

using http::Request;
using http::Response;
using nlohmann::json;

State* state(App& app);

namespace {

std::string feed_url(App& app, const std::string& token) { return app.cfg.public_url + "/v1/feeds/" + token + ".ics"; }

json feed_view(App& app, const store::IntegRow& s) {
  return wire::feed_view(
      {s.text(0), feed_url(app, s.text(1)), s.text(2), s.text(3), core::Instant::from_unix_seconds(s.i64(4))});
}

Response not_found(const char* what) { return http::problem(404, "not_found", std::string("No such ") + what + "."); }

std::string event_name(App& app, const std::string& page_id, const std::string& event_type,
                       std::map<std::string, std::optional<wire::PageDocument>>& pages) {
  auto it = pages.find(page_id);
  if (it == pages.end()) {
    auto p = app.store.page(page_id);
    it = pages.emplace(page_id, p ? std::optional(stored_page(*p)) : std::nullopt).first;
  }
  if (it->second)
    if (const wire::PageEventType* et = it->second->event_type(event_type))
      // Staff read the feed: the page's language (a name may be given per language).
      if (auto n = et->name.in(it->second->language, it->second->language); !n.empty()) return n;
  return "Appointment";
}

}  // namespace

std::string render_feed(App& app, const std::string& account_id, const std::string& scope, const std::string& target) {
  const core::Instant now = app.now();
  const std::string domain = app.cfg.public_domain();
  std::map<std::string, std::string> room_names;
  for (const auto& r : app.store.rooms(account_id)) room_names[r.id] = r.name;
  std::map<std::string, std::optional<wire::PageDocument>> pages;
  std::vector<ics::CalendarEvent> events;

  store::BookingQuery q;
  q.account_id = account_id;
  q.from = now - core::Days(92);
  q.to = now + core::Days(400);
  q.limit = 10000;
  for (const auto& rec : app.store.bookings(q)) {
    if (rec.status == core::BookingStatus::cancelled || rec.status == core::BookingStatus::rejected) continue;  // gone from the feed = gone from the app
    if (scope == "host" && rec.host_id != target &&
        std::find(rec.host_ids.begin(), rec.host_ids.end(), target) == rec.host_ids.end())
      continue;
    if (scope == "room" && rec.room_id != target) continue;
    const core::Booking b = to_core(rec);
    ics::CalendarEvent e;
    e.uid = b.uid + "@" + domain;
    e.sequence = static_cast<int>(rec.updated_at.unix_seconds() % 2000000000);
    e.method = ics::Method::publish;
    e.tentative = b.status == core::BookingStatus::pending;
    e.when = b.when;
    e.stamp = now;
    const std::string what = event_name(app, b.page_id, b.event_type_id, pages);
    e.summary = what + ": " + (b.guest.company.empty() ? b.guest.name : b.guest.name + " (" + b.guest.company + ")");
    std::string place = b.location;
    if (!b.room_id.empty()) {
      const std::string room = room_names.count(b.room_id) ? room_names[b.room_id] : b.room_id;
      place = place.empty() ? room : place + ", " + room;
    }
    e.location = place;
    std::string desc = "Guest: " + b.guest.name + " <" + b.guest.email + ">";
    if (!b.guest.phone.empty()) desc += "\nPhone: " + b.guest.phone;
    if (!b.notes.empty()) desc += "\nNotes: " + b.notes;
    desc += "\nStatus: " + std::string(core::to_string(b.status));
    e.description = desc;
    e.attendees.push_back({b.guest.name, b.guest.email});
    events.push_back(std::move(e));
  }

  // Open proposals: each candidate is held (tentative) until a guest chooses.
  for (const auto& doc : app.store.token_docs("proposal", "open")) {
    if (doc.account_id != account_id) continue;
    const core::Proposal p = proposal_from(doc);
    for (const auto& h : core::proposal_holds(p)) {
      const core::Hold* hold = &h;
      if (hold->when.end < now - core::Days(92)) continue;
      if (scope == "host" && std::find(hold->host_ids.begin(), hold->host_ids.end(), target) == hold->host_ids.end())
        continue;
      if (scope == "room" && std::find(hold->room_ids.begin(), hold->room_ids.end(), target) == hold->room_ids.end())
        continue;
      ics::CalendarEvent e;
      e.uid = "hold-" + doc.id + "-" + std::to_string(hold->when.start.unix_seconds()) + "@" + domain;
      e.sequence = static_cast<int>(doc.updated_at.unix_seconds() % 2000000000);
      e.method = ics::Method::publish;
      e.tentative = true;
      e.when = hold->when;
      e.stamp = now;
      std::string who = p.guests.empty() ? std::string("guest") : p.guests.front().name;
      if (!p.guests.empty() && !p.guests.front().company.empty()) who += " (" + p.guests.front().company + ")";
      e.summary = "Held for " + who + " (proposed time)";
      e.location = p.location;
      e.description = "A time proposed to " + who + "; it is released when they choose another.";
      events.push_back(std::move(e));
    }
  }
  std::sort(events.begin(), events.end(), [](const auto& a, const auto& b) { return a.when.start < b.when.start; });
  std::string name = "Kairos";
  if (scope == "host") {
    if (auto h = app.store.host(target)) name = stored_host(*h).name;
  } else if (scope == "room") {
    name = room_names.count(target) ? room_names[target] : "Room";
  } else if (auto acc = app.store.account_name(account_id)) {
    name = *acc;
  }
  return ics::write_feed(name, events);
}

namespace {

Response create_feed(App& app, Request& req) {
  State* st = state(app);
  if (!st) return http::problem(409, "integrations_unavailable", "feeds are not available (the server runs on an in-memory database)");
  auto body = parse_body(req);
  if (!body) return http::problem(body.error());
  auto read = wire::read_feed_request(*body);
  if (!read) return http::problem(read.error());
  const std::string scope = read->scope, target = read->target;
  if (scope == "host") {
    auto h = app.store.host(target);
    if (!h || h->account_id != req.account_id) return http::problem(422, "unknown_host", "no such host", "host");
  } else if (scope == "room") {
    auto rm = app.store.room(target);
    if (!rm || rm->account_id != req.account_id) return http::problem(422, "unknown_room", "no such room", "room");
  }
  const std::string id = auth::random_id("feed_");
  const std::string token = auth::random_token(24);
  st->db->exec("INSERT INTO feeds(id, account_id, token, scope, target, created_at) VALUES ($1,$2,$3,$4,$5,$6)",
               {id, req.account_id, token, scope, target, app.now().unix_seconds()});
  return http::json_response(201, wire::feed_view({id, feed_url(app, token), scope, target, std::nullopt}))
      .with_header("Location", "/v1/admin/feeds/" + id);
}

Response list_feeds(App& app, Request& req) {
  State* st = state(app);
  std::vector<json> out;
  if (st)
    for (const auto& s : st->db->query("SELECT id, token, scope, target, created_at FROM feeds WHERE account_id = $1"
                                       " ORDER BY created_at, id",
                                       {req.account_id}))
      out.push_back(feed_view(app, s));
  return http::json_response(200, wire::collection_view("feeds", std::move(out)));
}

Response delete_feed(App& app, Request& req) {
  State* st = state(app);
  if (!st) return not_found("feed");
  const std::int64_t n =
      st->db->exec("DELETE FROM feeds WHERE id = $1 AND account_id = $2", {req.params["id"], req.account_id});
  if (n == 0) return not_found("feed");
  return http::empty_response(204);
}

// The subscription itself: the token is the only credential (calendar apps send no
// headers), so an unknown or revoked one is a plain 404.
Response get_feed(App& app, Request& req) {
  State* st = state(app);
  std::string file = req.params["file"];
  if (!st || file.size() < 5 || file.compare(file.size() - 4, 4, ".ics") != 0 || file.size() > 200)
    return not_found("feed");
  const std::string token = file.substr(0, file.size() - 4);
  std::string account, scope, target;
  {
    auto rows = st->db->query("SELECT account_id, scope, target FROM feeds WHERE token = $1", {token});
    if (rows.empty()) return not_found("feed");
    account = rows[0].text(0);
    scope = rows[0].text(1);
    target = rows[0].text(2);
  }
  Response res = http::text_response(200, render_feed(app, account, scope, target), "text/calendar; charset=utf-8");
  res.with_header("Cache-Control", "private, max-age=300");
  return res;
}

}  // namespace

void register_feed_routes(App& app, http::Router& r) {
  server::add_routes(app, r, {
      {"POST", "/v1/admin/feeds", http::Access::owner, create_feed},
      {"GET", "/v1/admin/feeds", http::Access::owner, list_feeds},
      {"DELETE", "/v1/admin/feeds/{id}", http::Access::owner, delete_feed},
      {"GET", "/v1/feeds/{file}", http::Access::open, get_feed},
  });
}

}  // namespace kairos::server::integ
