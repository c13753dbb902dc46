// Host-proposed times (seed 000) and confirmation requests (seed 002): the owner creates
// them with the API key, the guest opens them with the secret token of the link. The
// core decides everything (validate_proposal, choose_candidate, ask_other_times,
// create_request, withdraw_request, accept_request, decline_request); these handlers
// load the stored documents, call it, and store what it returns in one transaction.

#include <algorithm>
#include <stdexcept>

#include "app.hpp"
#include "documents.hpp"
#include "route_table.hpp"
#include "integrations/integrations.hpp"
#include "auth/tokens.hpp"
#include "bookings.hpp"
#include "mail_composer.hpp"
#include "requests.hpp"
#include "stored.hpp"
#include "kairos/confirmation.hpp"
#include "kairos/proposal.hpp"
#include "kairos/time_text.hpp"
#include "kairos/wire/availability.hpp"
#include "kairos/wire/json_mapping.hpp"
#include "kairos/wire/lifecycle.hpp"
#include "kairos/wire/office.hpp"

namespace kairos::server {

using core::make_error;
using http::Request;
using http::Response;
using nlohmann::json;

// --- stored documents: wire/'s mapping, read back loudly --------------------------------
// (shared with routes_console.cpp and the mail composer through bookings.hpp)

core::Proposal proposal_from(const store::TokenDoc& d) {
  return loud(wire::read_proposal_document(d.doc), "proposal " + d.id);
}

core::ConfirmationRequest request_from(const store::TokenDoc& d) {
  return loud(wire::read_request_document(d.doc), "request " + d.id);
}


namespace {

// Messages that belong to a proposal or a request, not (yet) to a booking: stored under a
// pseudo booking uid so their keys can be cancelled together.
void plan_loose(App& app, const std::string& account_id, const std::string& owner_uid,
                const std::vector<core::PlannedMessage>& msgs, const std::vector<std::string>& cancel,
                const std::optional<wire::GoneAppointment>& gone = std::nullopt) {
  core::Booking stub;
  stub.uid = owner_uid;
  plan_messages(app, account_id, stub, msgs, cancel, gone);
}

std::optional<store::TokenDoc> by_token(App& app, const char* kind, const Request& req) {
  return app.store.token_doc_by_token(kind, token_hash_for(app, kind, req.params.at("token")));
}

Response not_found(const char* what) { return http::problem(404, "not_found", std::string("No such ") + what + "."); }

}  // namespace

// --- confirmation requests (shared with routes_console.cpp) ------------------------------------------------------------

core::Result<std::size_t> read_limit(const Request& req, std::size_t fallback) {
  const std::string l = req.query_or("limit");
  if (l.empty()) return fallback;
  if (l.size() > 4 || !std::all_of(l.begin(), l.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
      std::stoi(l) < 1 || std::stoi(l) > 1000)
    return make_error("invalid_limit", "limit is 1 to 1000", "limit");
  return static_cast<std::size_t>(std::stoi(l));
}

core::Result<std::vector<std::string>> string_list(const json& body, const char* key, bool required) {
  return wire::read_string_list(body, key, required);
}

core::Result<core::ConfirmationRequest> read_request_draft(const json& body) {
  auto draft = wire::read_request_draft(body);
  if (draft) draft->id = auth::random_id("cr_");
  return draft;
}

// Stores the bookings a request step changed (history, status, tray).
void store_changed_bookings(App& app, const std::vector<core::Booking>& changed) {
  for (const auto& b : changed) {
    auto rec = app.store.booking(b.uid);
    if (!rec) continue;
    auto updated = to_record(b, rec->account_id, rec->token_hash);
    updated.created_at = rec->created_at;
    updated.updated_at = app.now();
    app.store.update_booking(updated);
  }
}

json request_view(App& app, const core::ConfirmationRequest& r, bool for_recipient) {
  std::vector<core::Booking> bookings;
  for (const auto& uid : r.booking_uids)
    if (auto rec = app.store.booking(uid)) bookings.push_back(to_core(*rec));
  return wire::request_view(r, core::visible_state(r, app.now()), bookings, for_recipient);
}

namespace {

core::Result<std::vector<core::Booking>> load_bookings(App& app, const std::vector<std::string>& uids,
                                                       const std::string& account_id) {
  std::vector<core::Booking> out;
  for (std::size_t i = 0; i < uids.size(); ++i) {
    auto rec = app.store.booking(uids[i]);
    if (!rec || rec->account_id != account_id)
      return make_error("booking_not_found", "no such booking", wire::field_path("bookings", i));
    out.push_back(to_core(*rec));
  }
  return out;
}

}  // namespace

void requests_follow_booking(App& app, const std::string& account_id, const core::Booking& b, bool gone) {
  const auto now = app.now();
  // Which requests follow a booking is the core's rule (accepted ones too, R-REQ-3).
  for (const core::RequestState state : core::states_following_bookings()) {
    for (const auto& doc : app.store.token_docs("request", core::to_string(state))) {
      if (doc.account_id != account_id) continue;
      auto cr = request_from(doc);
      if (std::find(cr.booking_uids.begin(), cr.booking_uids.end(), b.uid) == cr.booking_uids.end()) continue;
      auto out = gone ? core::on_booking_deleted(cr, b, now) : core::on_booking_changed(cr, b, now);
      // A deleted booking is gone when its cancellation is rendered: the mail carries
      // the appointment it cancels.
      std::optional<wire::GoneAppointment> appointment;
      if (gone) {
        appointment = wire::GoneAppointment{b.uid,           b.when,    b.guest.name,    b.sequence + 1,
                                            b.guest.timezone, b.page_id, b.event_type_id, b.guest.email};
      }
      plan_loose(app, account_id, "request:" + cr.id, out.messages, out.cancel_key_prefixes, appointment);
      auto updated = doc;
      updated.state = core::to_string(out.request.state);
      updated.doc = wire::request_document(out.request);
      updated.updated_at = now;
      app.store.put_token_doc(updated);
    }
  }
}

core::Result<json> answer_request(App& app, const std::string& token, bool accept, std::string who,
                                  const std::string& reason) {
  const std::string hash = token_hash_for(app, "request", token);
  json view;
  auto st = app.store.transact([&]() -> core::Status {
    auto doc = app.store.token_doc_by_token("request", hash);
    if (!doc) return make_error("not_found", "no such confirmation request");
    auto cr = request_from(*doc);
    std::vector<core::Booking> bookings;
    for (const auto& uid : cr.booking_uids)
      if (auto rec = app.store.booking(uid)) bookings.push_back(to_core(*rec));
    // A mail link names its recipient; any other holder of the token must say who
    // answers, and the core refuses anyone who is not a recipient ("forbidden").
    if (who.empty()) who = link_recipient(app, token);
    auto now = app.now();
    core::NotificationSettings settings;
    settings.default_language = cr.language;
    for (const auto& b : bookings) add_host_preferences(app, settings, b.host_ids);
    auto out = accept ? core::accept_request(cr, bookings, who, now, settings)
                      : core::decline_request(cr, bookings, who, reason, now, settings);
    if (!out) return out.error();
    store_changed_bookings(app, out->bookings);
    for (const auto& b : out->bookings)
      for (const auto& prefix : out->booking_cancel_key_prefixes) app.store.cancel_outbox_for(b.uid, prefix);
    plan_loose(app, doc->account_id, "request:" + cr.id, out->messages, out->cancel_key_prefixes);
    auto updated = *doc;
    updated.state = core::to_string(out->request.state);
    updated.doc = wire::request_document(out->request);
    updated.updated_at = now;
    app.store.put_token_doc(updated);
    integ::emit_event(app, doc->account_id, accept ? "request.accepted" : "request.declined", "request:" + cr.id,
                      json(out->request));
    view = wire::request_answer_view(out->request);
    return core::ok_status();
  });
  if (!st) return st.error();
  return view;
}

core::Status readjust_proposal(App& app, const std::string& token, const std::string& message) {
  const std::string hash = token_hash_for(app, "proposal", token);
  return app.store.transact([&]() -> core::Status {
    auto doc = app.store.token_doc_by_token("proposal", hash);
    if (!doc) return make_error("not_found", "no such proposal");
    core::Proposal p = proposal_from(*doc);
    auto now = app.now();
    core::NotificationSettings settings;
    settings.default_language = p.language;
    add_host_preferences(app, settings, p.host_ids);
    auto out = core::ask_other_times(p, now, settings, message);
    if (!out) return out.error();
    plan_loose(app, doc->account_id, "proposal:" + p.id, out->messages, {});
    integ::emit_event(app, doc->account_id, "proposal.readjust", "proposal:" + p.id, json(out->proposal));
    auto updated = *doc;
    updated.state = core::to_string(out->proposal.state);
    updated.doc = wire::proposal_document(out->proposal);
    updated.updated_at = now;
    app.store.put_token_doc(updated);
    return core::ok_status();
  });
}

namespace {

// The proposing host as the core sees it (zone and busy blocks from the store).
core::Status proposal_host(App& app, const store::HostRecord& rec, core::Host& out) {
  const wire::HostDocument d = stored_host(rec);
  auto zone = app.zones.get(d.timezone);
  if (!zone) return zone.error();
  out = d.schedule(rec.id, **zone);
  return core::ok_status();
}

}  // namespace

namespace {

// A recipient accepts or declines a confirmation request (its token or a mailed link).
Response answer_route(App& app, Request& req, bool accept) {
  wire::RequestAnswer answer;
  if (!req.body.empty()) {
    auto j = wire::parse_request_json(req.body);
    if (!j) return http::problem(j.error());
    answer = wire::read_request_answer(*j);
  }
  auto view = answer_request(app, req.params.at("token"), accept, answer.email, answer.reason);
  if (!view) return http::problem(view.error());
  return http::json_response(200, *view);
}

}  // namespace

namespace {

Response create_proposal(App& app, Request& req) {
  auto body = parse_body(req);
  if (!body) return http::problem(body.error());
  auto read = wire::read_proposal_request(*body);
  if (!read) return http::problem(read.error());
  core::Proposal p = std::move(*read);
  auto page = app.store.page(p.page_id);
  if (!page || page->account_id != req.account_id)
    return http::problem(404, "page_not_found", "No such page.", "page");
  auto hrec = app.store.host(p.host_ids.front());
  if (!hrec || hrec->account_id != req.account_id)
    return http::problem(422, "unknown_host", "no such host", "host");
  for (std::size_t i = 0; i < p.room_ids.size(); ++i) {
    auto room = app.store.room(p.room_ids[i]);
    if (!room || room->account_id != req.account_id)
      return http::problem(422, "unknown_room", "no such room", wire::field_path("rooms", i));
  }
  p.language = stored_page(*page).language;
  p.id = auth::random_id("pr_");
  std::string token = auth::random_token();
  auto now = app.now();
  if (auto st = core::validate_proposal(p, now); !st) return http::problem(st.error());

  auto st = app.store.transact([&]() -> core::Status {
    // Every candidate must be free now (the hold would come too late otherwise): the
    // core checks the host's busy time, bookings with buffers, other holds and rooms.
    auto ctx = load_page_context(app, p.page_id, p.event_type_id);
    if (!ctx) return ctx.error();
    core::Host proposer;
    if (auto found = proposal_host(app, *hrec, proposer); !found) return found.error();
    ctx->hosts = {proposer};
    ctx->policy.room_ids = p.room_ids;
    core::Interval span = p.candidates.front();
    for (const auto& c : p.candidates) span = core::Interval{std::min(span.start, c.start), std::max(span.end, c.end)};
    if (auto free = core::check_candidates(p, build_inputs(app, *ctx, span, now)); !free) return free.error();
    app.store.put_token_doc(store::TokenDoc{p.id, req.account_id, auth::sha256_hex(token), "proposal", "open",
                                            wire::proposal_document(p), now, now});
    plan_loose(app, req.account_id, "proposal:" + p.id, core::plan_proposal_invites(p, now), {});
    integ::emit_event(app, req.account_id, "proposal.created", "proposal:" + p.id, json(p));
    return core::ok_status();
  });
  if (!st) return http::problem(st.error());
  return http::json_response(201, wire::proposal_created_view(p.id, token, app.cfg.public_url + "/widget/?proposal=" + token));
}

Response proposal_for_guest(App& app, Request& req) {
  auto doc = by_token(app, "proposal", req);
  if (!doc) return not_found("proposal");
  const core::Proposal p = proposal_from(*doc);
  std::string host_name;
  for (const auto& h : p.host_ids)
    if (auto rec = app.store.host(h)) {
      host_name = stored_host(*rec).name;
      break;
    }
  return http::json_response(200, wire::proposal_guest_view(p, doc->state, host_name));
}

Response choose_proposal(App& app, Request& req) {
  auto body = parse_body(req);
  if (!body) return http::problem(body.error());
  auto start = wire::read_proposal_choice(*body);
  if (!start) return http::problem(start.error());
  const std::string hash = token_hash_for(app, "proposal", req.params.at("token"));
  json answer;
  auto st = app.store.transact([&]() -> core::Status {
    auto doc = app.store.token_doc_by_token("proposal", hash);
    if (!doc) return make_error("not_found", "no such proposal");
    core::Proposal p = proposal_from(*doc);
    auto now = app.now();
    std::vector<core::RoomBusy> busy;
    // The room bookings overlapping the chosen candidate (none to load for a start that
    // is not one: the core answers not_a_candidate).
    if (auto chosen = core::candidate_at(p, *start); chosen && !p.room_ids.empty()) {
      for (const auto& rec : app.store.busy_bookings({}, p.room_ids, *chosen))
        busy.push_back(core::RoomBusy{rec.room_id, rec.when});
    }
    core::NotificationSettings settings;
    settings.default_language = p.language;
    add_host_preferences(app, settings, p.host_ids);
    auto out = core::choose_candidate(p, *start, busy, now, auth::random_id("b_", 16), random_u64(), settings);
    if (!out) return out.error();
    std::string token = auth::random_token();
    auto rec = to_record(out->booking, doc->account_id, auth::sha256_hex(token));
    rec.created_at = rec.updated_at = now;
    // The proposal's holds go before its booking comes (on PostgreSQL they are rows the
    // exclusion constraint checks the booking against).
    auto updated = *doc;
    updated.state = core::to_string(out->proposal.state);
    updated.doc = wire::proposal_document(out->proposal);
    updated.updated_at = now;
    app.store.put_token_doc(updated);
    app.store.insert_booking(rec);
    plan_messages(app, doc->account_id, out->booking, out->messages, {});
    const auto& b = out->booking;
    integ::emit_event(app, doc->account_id, "proposal.chosen", "proposal:" + p.id,
                      {{"proposal", p.id}, {"booking", booking_json(b)}});
    integ::emit_booking_events(app, doc->account_id, nullptr, b, nullptr);
    answer = wire::created_booking_view(b, token);
    return core::ok_status();
  });
  if (!st) return http::problem(st.error());
  return http::json_response(201, answer);
}

Response readjust_proposal_route(App& app, Request& req) {
  // The guest may say why or when instead (R-PROP-5): the host's mail quotes it.
  std::string message;
  if (!req.body.empty()) {
    auto j = wire::parse_request_json(req.body);
    if (!j) return http::problem(j.error());
    auto read = wire::read_readjust_request(*j);
    if (!read) return http::problem(read.error());
    message = std::move(*read);
  }
  auto st = readjust_proposal(app, req.params.at("token"), message);
  if (!st) return http::problem(st.error());
  return http::json_response(200, wire::state_view("withdrawn"));
}

// --- confirmation requests ----------------------------------------------------------
Response create_request_route(App& app, Request& req) {
  auto body = parse_body(req);
  if (!body) return http::problem(body.error());
  auto read = read_request_draft(*body);
  if (!read) return http::problem(read.error());
  core::ConfirmationRequest draft = std::move(*read);
  std::string token = auth::random_token();
  json answer;
  auto st = app.store.transact([&]() -> core::Status {
    auto bookings = load_bookings(app, draft.booking_uids, req.account_id);
    if (!bookings) return bookings.error();
    auto now = app.now();
    draft.created_at = now;
    // Recipients who are no guest of these bookings read the page's language.
    if (!bookings->empty()) {
      if (auto pg = app.store.page(bookings->front().page_id))
        draft.language = stored_page(*pg).language;
    }
    auto out = core::create_request(draft, *bookings, now);
    if (!out) return out.error();
    app.store.put_token_doc(store::TokenDoc{draft.id, req.account_id, auth::sha256_hex(token), "request",
                                            core::to_string(out->request.state), wire::request_document(out->request),
                                            now, now});
    store_changed_bookings(app, out->bookings);
    plan_loose(app, req.account_id, "request:" + draft.id, out->messages, out->cancel_key_prefixes);
    integ::emit_event(app, req.account_id, "request.sent", "request:" + draft.id, json(out->request));
    // The `url` does not say who answers (they must give their e-mail); each
    // recipient's own link does, like the button of their mail.
    std::vector<std::pair<std::string, std::string>> per;
    for (const auto& to : out->request.recipients) {
      const std::string link = action_url(app, core::SignedAction::accept, draft.id, now, "", to);
      const auto at_links = link.find("/v1/links/");
      if (at_links != std::string::npos)
        per.emplace_back(to, app.cfg.public_url + "/widget/?request=" + link.substr(at_links + 10));
    }
    answer = wire::request_created_view(draft.id, out->request.send_at, token,
                                        app.cfg.public_url + "/widget/?request=" + token, per);
    return core::ok_status();
  });
  if (!st) return http::problem(st.error());
  return http::json_response(201, answer);
}

Response cancel_request(App& app, Request& req) {
  auto st = app.store.transact([&]() -> core::Status {
    auto doc = app.store.token_doc("request", req.params.at("id"));
    if (!doc || doc->account_id != req.account_id) return make_error("not_found", "no such confirmation request");
    auto cr = request_from(*doc);
    auto out = core::withdraw_request(cr, app.now());
    if (!out) return out.error();
    plan_loose(app, doc->account_id, "request:" + cr.id, out->messages, out->cancel_key_prefixes);
    store_changed_bookings(app, out->bookings);
    auto updated = *doc;
    updated.state = core::to_string(out->request.state);
    updated.doc = wire::request_document(out->request);
    updated.updated_at = app.now();
    app.store.put_token_doc(updated);
    return core::ok_status();
  });
  if (!st) return http::problem(st.error());
  return http::empty_response(204);
}

Response request_for_recipient(App& app, Request& req) {
  auto doc = by_token(app, "request", req);
  if (!doc) return not_found("confirmation request");
  // The link's holder sees the appointments, not the other addresses; a forwarded link
  // names no one.
  return http::json_response(200, request_view(app, request_from(*doc), true));
}

Response accept_request(App& app, Request& req) {
  return answer_route(app, req, true);
}

Response decline_request(App& app, Request& req) {
  return answer_route(app, req, false);
}

}  // namespace

void register_proposal_routes(App& app, http::Router& r) {
  add_routes(app, r, {
      {"POST", "/v1/admin/proposals", http::Access::owner, create_proposal},
      {"GET", "/v1/proposals/{token}", http::Access::open, proposal_for_guest},
      {"POST", "/v1/proposals/{token}/choose", http::Access::open, choose_proposal},
      {"POST", "/v1/proposals/{token}/readjust", http::Access::open, readjust_proposal_route},
      {"POST", "/v1/admin/confirmation-requests", http::Access::owner, create_request_route},
      {"DELETE", "/v1/admin/confirmation-requests/{id}", http::Access::owner, cancel_request},
      {"GET", "/v1/requests/{token}", http::Access::open, request_for_recipient},
      {"POST", "/v1/requests/{token}/accept", http::Access::open, accept_request},
      {"POST", "/v1/requests/{token}/decline", http::Access::open, decline_request}
  });
}

}  // namespace kairos::server
