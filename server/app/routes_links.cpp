// The buttons of mails (R-LIFE-4). GET /v1/links/{token} opens a signed link: for an
// action on a booking (approve, reject, cancel) it shows what will happen with one
// button, and POST performs it — a GET never changes anything, so mail scanners that
// prefetch links cannot approve or cancel by accident. Links to a proposal or a
// confirmation request open the widget in that mode. A used, expired or tampered link
// gets a clear page, never an error dump. With --test-clock, /v1/test/* lets tests move
// the server's clock and run the scheduled work at once instead of sleeping.
#include <algorithm>

#include "app.hpp"
#include "documents.hpp"
#include "route_table.hpp"
#include "auth/tokens.hpp"
#include "bookings.hpp"
#include "delivery_service.hpp"
#include "http/log.hpp"
#include "integrations/integrations.hpp"
#include "kairos/language.hpp"
#include "kairos/notify.hpp"
#include "kairos/templates.hpp"
#include "kairos/wire/integrations.hpp"
#include "kairos/wire/json_mapping.hpp"

namespace kairos::server {
namespace {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

std::string purpose_of(const std::string& token) { return token.substr(0, token.find('.')); }

// The language of a link's pages: the mail's (?lang=, every mailed link carries it),
// else `fallback`, else English.
std::string link_language(const Request& req, const std::string& fallback = "en") {
  const std::string asked = req.query_or("lang");
  return std::string(core::supported_language_or(asked, fallback));
}

std::string text(core::LinkPageText t, const std::string& lang) { return core::link_page_text(t, lang); }

Response page(int status, const std::string& title, const std::string& body_html, const std::string& lang = "en") {
  std::string h = "<!doctype html><html lang=\"" + lang + "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                  "content=\"width=device-width,initial-scale=1\"><title>" + core::escape_html(title) +
                  "</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:34rem;margin:3rem auto;"
                  "padding:0 1rem;color:#1d2330}button{font:inherit;padding:.6rem 1.2rem;border:0;border-radius:6px;"
                  "background:#2457d6;color:#fff;cursor:pointer}.muted{color:#5b6475}</style></head><body><h1>" +
                  core::escape_html(title) + "</h1>" + body_html + "</body></html>";
  return http::text_response(status, std::move(h), "text/html; charset=utf-8")
      .with_header("Cache-Control", "no-store")
      .with_header("Referrer-Policy", "no-referrer");
}

Response link_problem(const core::Error& e, const std::string& lang) {
  using T = core::LinkPageText;
  auto say = [&](int status, T title, T hint) {
    return page(status, text(title, lang), "<p>" + core::escape_html(text(hint, lang)) + "</p>", lang);
  };
  if (e.code == "link_expired") return say(410, T::expired, T::expired_hint);
  if (e.code == "link_used") return say(410, T::used, T::used_hint);
  return say(400, T::invalid, T::invalid_hint);
}

bool booking_action(const std::string& purpose, core::BookingAction& action, core::Actor& actor) {
  if (purpose == "approve") { action = core::BookingAction::approve; actor = core::Actor::host; return true; }
  if (purpose == "reject") { action = core::BookingAction::reject; actor = core::Actor::host; return true; }
  if (purpose == "cancel") { action = core::BookingAction::cancel; actor = core::Actor::guest; return true; }
  return false;
}

// The time in the zone of the one the link was mailed to: the guest's for guest links,
// the responsible host's for host links (their mail said it in that zone).
std::string when_text(App& app, const store::BookingRecord& rec, const std::string& language, core::Actor actor) {
  const core::Interval when = rec.when;
  const core::Booking b = to_core(rec);
  std::string zone = actor == core::Actor::guest ? b.guest.timezone : std::string();
  if (zone.empty() && !b.host_ids.empty()) {
    if (auto h = app.store.host(b.host_ids.front())) zone = stored_host(*h).timezone;
  }
  auto z = app.zones.get(zone.empty() ? "UTC" : zone);
  if (!z) return core::format_when(when, core::ZoneRules::fixed("UTC", 0), language);
  return core::format_when(when, **z, language) + " (" + zone + ")";
}

}  // namespace

std::string token_hash_for(App& app, const std::string& kind, const std::string& token) {
  if (std::count(token.begin(), token.end(), '.') == 4) {
    const std::string purpose = purpose_of(token);
    const bool fits = kind == "proposal" ? (purpose == "choose" || purpose == "ask_other_times")
                                         : (purpose == "accept" || purpose == "decline");
    if (fits) {
      auto claims = app.links.verify(token, purpose, app.now());
      if (claims) {
        const std::string id = claims->subject.substr(0, claims->subject.find('~'));
        if (auto doc = app.store.token_doc(kind, id)) return doc->token_hash;
      }
    }
  }
  return auth::sha256_hex(token);
}

std::string link_recipient(App& app, const std::string& token) {
  if (std::count(token.begin(), token.end(), '.') != 4) return {};
  const std::string purpose = purpose_of(token);
  if (purpose != "accept" && purpose != "decline") return {};
  auto claims = app.links.verify(token, purpose, app.now());
  if (!claims) return {};
  const auto tilde = claims->subject.find('~');
  if (tilde == std::string::npos) return {};
  const std::string hex = claims->subject.substr(tilde + 1);
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    auto nib = [](char c) { return c >= 'a' ? c - 'a' + 10 : c - '0'; };
    out.push_back(static_cast<char>(nib(hex[i]) * 16 + nib(hex[i + 1])));
  }
  return out;
}

namespace {

Response open_link(App& app, Request& req) {
  const std::string& token = req.params.at("token");
  const std::string purpose = purpose_of(token);
  auto claims = app.links.verify(token, purpose, app.now());
  const std::string mail_lang = link_language(req);
  if (!claims) return link_problem(claims.error(), mail_lang);
  // The widget opens in the mail's language.
  const std::string lang_param = req.query_or("lang").empty() ? std::string() : "&lang=" + mail_lang;
  if (purpose == "choose" || purpose == "ask_other_times") {
    return http::empty_response(302).with_header(
        "Location", "/widget/?proposal=" + token + (purpose == "ask_other_times" ? "&readjust=1" : "") + lang_param);
  }
  if (purpose == "accept" || purpose == "decline") {
    return http::empty_response(302).with_header(
        "Location", "/widget/?request=" + token + (purpose == "decline" ? "&decline=1" : "") + lang_param);
  }
  core::BookingAction action{};
  core::Actor actor{};
  if (!booking_action(purpose, action, actor)) return link_problem(core::make_error("invalid_link", ""), mail_lang);
  // A used single-use link says so; its button would only fail.
  if (app.store.link_used(claims->nonce)) return link_problem(core::make_error("link_used", ""), mail_lang);
  using T = core::LinkPageText;
  auto rec = app.store.booking(claims->subject);
  if (!rec) {
    return page(404, text(T::gone, mail_lang), "<p>" + core::escape_html(text(T::gone_hint, mail_lang)) + "</p>",
                mail_lang);
  }
  const core::Booking b = to_core(*rec);
  // The language of the message the link came in (?lang=), else the guest's own for
  // guest links, else English.
  const std::string lang =
      link_language(req, actor == core::Actor::guest && !b.guest.language.empty() ? b.guest.language : "en");
  auto action_enum = core::parse_signed_action(purpose);
  const std::string label = action_enum ? core::action_label(*action_enum, lang) : purpose;
  std::string body = "<p><strong>" + core::escape_html(b.guest.name) + "</strong></p><p>" +
                     core::escape_html(when_text(app, *rec, lang, actor)) + "</p><p class=\"muted\">" +
                     core::escape_html(text(T::status, lang) + ": " + core::status_label(b.status, lang)) +
                     "</p><form method=\"post\"><button type=\"submit\">" + core::escape_html(label) +
                     "</button></form>";
  return page(200, label, body, lang);
}

Response follow_link(App& app, Request& req) {
  const std::string& token = req.params.at("token");
  const std::string purpose = purpose_of(token);
  auto claims = app.links.verify(token, purpose, app.now());
  const std::string lang = link_language(req);
  using T = core::LinkPageText;
  if (!claims) return link_problem(claims.error(), lang);
  // Links to a proposal or a request act too (a POST is an explicit click): accept
  // and decline answer as the recipient the link was mailed to, "other times"
  // withdraws the proposal; choosing needs a time, which the widget asks for.
  if (purpose == "choose") {
    return http::empty_response(303).with_header(
        "Location", "/widget/?proposal=" + token + (req.query_or("lang").empty() ? std::string() : "&lang=" + lang));
  }
  if (purpose == "accept" || purpose == "decline" || purpose == "ask_other_times") {
    if (!app.store.use_link(claims->nonce, purpose, claims->subject, app.now()))
      return link_problem(core::make_error("link_used", ""), lang);
    core::Status done = core::ok_status();
    if (purpose == "ask_other_times") {
      done = readjust_proposal(app, token, "");
    } else if (auto answered = answer_request(app, token, purpose == "accept", "", ""); !answered) {
      done = answered.error();
    }
    if (!done) {
      return page(http::status_for_code(done.error().code), text(T::failed, lang),
                  "<p>" + core::escape_html(done.error().message) + "</p>", lang);
    }
    return page(200, text(T::done, lang), "<p>" + core::escape_html(text(T::done_request, lang)) + "</p>", lang);
  }
  core::BookingAction action{};
  core::Actor actor{};
  if (!booking_action(purpose, action, actor)) return link_problem(core::make_error("invalid_link", ""), lang);
  if (!app.store.use_link(claims->nonce, purpose, claims->subject, app.now())) {
    return link_problem(core::make_error("link_used", ""), lang);
  }
  auto done = act_on_booking(app, claims->subject, action, actor, std::nullopt, "");
  if (!done) {
    if (done.error().code == "illegal_transition") {
      return page(409, text(T::nothing_to_do, lang),
                  "<p>" + core::escape_html(text(T::already_changed, lang) + " " + done.error().message) + "</p>", lang);
    }
    if (done.error().code == "not_found" || done.error().code == "booking_not_found") {
      return page(404, text(T::gone, lang), "<p>" + core::escape_html(text(T::gone_hint, lang)) + "</p>", lang);
    }
    return page(http::status_for_code(done.error().code), text(T::failed, lang),
                "<p>" + core::escape_html(done.error().message) + "</p>", lang);
  }
  log::info("link used", {{"purpose", purpose}, {"booking", claims->subject}});
  std::string said = core::escape_html(text(T::done_booking, lang));
  const std::string status = "<strong>" + core::escape_html(core::status_label(done->status, lang)) + "</strong>";
  said.replace(said.find("{status}"), 8, status);
  return page(200, text(T::done, lang), "<p>" + said + "</p>", lang);
}

// Tests only: move the clock, then run what the timers would run.
Response set_test_clock(App& app, Request& req) {
  auto body = parse_body(req);
  if (!body) return http::problem(body.error());
  // "set" freezes the clock at an instant; "advance_seconds" then moves it (frozen or not).
  if (const json* set = wire::member(*body, "set")) {
    auto at = wire::read_instant(*set, "set");
    if (!at) return http::problem(at.error());
    app.clock.freeze(*at);
  }
  if (const json* adv = wire::member(*body, "advance_seconds")) {
    auto n = wire::read_int(*adv, "advance_seconds");
    if (!n) return http::problem(n.error());
    app.clock.advance(*n);
  }
  return http::json_response(200, wire::clock_view(app.now()));
}

Response test_tick(App& app, Request&) {
  app.sweep();
  integ::run_calendar_pass(app);
  auto hooks = integ::run_webhooks_once(app);
  auto stats = run_delivery_once(app);
  return http::json_response(200, wire::tick_view(app.now(), {stats.sent, stats.retried, stats.failed},
                                                  {hooks.sent, hooks.retried, hooks.failed}));
}

}  // namespace

void register_link_routes(App& app, http::Router& r) {
  add_routes(app, r, {
      {"GET", "/v1/links/{token}", http::Access::open, open_link},
      {"POST", "/v1/links/{token}", http::Access::open, follow_link}
  });
  if (!app.cfg.test_clock) return;
  add_routes(app, r, {
      {"POST", "/v1/test/clock", http::Access::open, set_test_clock, false},
      {"POST", "/v1/test/tick", http::Access::open, test_tick, false}
  });
}

}  // namespace kairos::server
