// Booking service: records ↔ core values, and the transactional write paths.
#include "bookings.hpp"
#include "documents.hpp"

#include <openssl/rand.h>

#include <algorithm>
#include <stdexcept>

#include "auth/tokens.hpp"
#include "front.hpp"
#include "http/log.hpp"
#include "integrations/integrations.hpp"
#include "kairos/confirmation.hpp"
#include "kairos/email.hpp"
#include "kairos/proposal.hpp"
#include "kairos/time_text.hpp"
#include "kairos/wire/availability.hpp"
#include "kairos/wire/json_mapping.hpp"
#include "kairos/wire/office.hpp"
#include "stored.hpp"
#include "kairos/wire/lifecycle.hpp"

namespace kairos::server {

using core::make_error;
using nlohmann::json;

std::uint64_t random_u64() {
  std::uint64_t v = 0;
  RAND_bytes(reinterpret_cast<unsigned char*>(&v), sizeof v);
  return v;
}

// --- pages → core inputs --------------------------------------------------------------

core::Result<PageContext> load_page_context(App& app, const std::string& page_id, const std::string& event_type) {
  auto page = app.store.page(page_id);
  if (!page) return make_error("page_not_found", "no such page (or it was deleted)", "page");
  PageContext ctx;
  ctx.page = *page;
  ctx.doc = stored_page(*page);
  const wire::PageEventType* et = ctx.doc.event_type(event_type);
  if (et == nullptr) return make_error("unknown_event_type", "the page has no such event type", "event_type");
  ctx.event_type = *et;
  auto policy = wire::read_event_policy(wire::page_event_type_document(*et), "event_type");
  if (!policy) return policy.error();
  ctx.policy = std::move(*policy);
  ctx.mode = ctx.doc.host_mode;
  ctx.enabled = ctx.doc.enabled;
  for (const auto& id : ctx.doc.hosts) {
    auto rec = app.store.host(id);
    if (!rec) continue;  // a deleted host no longer offers times
    wire::HostDocument hdoc = stored_host(*rec);
    auto zone = app.zones.get(hdoc.timezone);
    if (!zone) return zone.error();
    ctx.hosts.push_back(hdoc.schedule(rec->id, **zone));
    ctx.host_docs.push_back(std::move(hdoc));
  }
  if (ctx.hosts.empty()) return make_error("page_not_found", "the page has no hosts", "page");
  return ctx;
}

std::shared_ptr<const PageContext> PageContextCache::get(const std::string& key, std::uint64_t generation) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end() || it->second.generation != generation) return nullptr;
  return it->second.ctx;
}

void PageContextCache::put(const std::string& key, std::uint64_t generation, std::shared_ptr<const PageContext> ctx) {
  std::lock_guard lock(mu_);
  if (entries_.size() >= 256) entries_.clear();  // many pages: start over rather than grow
  entries_[key] = Entry{generation, std::move(ctx)};
}

PageContextCache::Holds PageContextCache::holds(std::uint64_t generation) {
  std::lock_guard lock(mu_);
  return holds_generation_ == generation ? holds_ : nullptr;
}

void PageContextCache::put_holds(std::uint64_t generation, Holds holds) {
  std::lock_guard lock(mu_);
  holds_generation_ = generation;
  holds_ = std::move(holds);
}

PageContextCache::Holds open_proposal_holds(App& app) {
  // Read before loading, as for page contexts: a proposal written meanwhile makes it stale.
  const auto generation = app.store.proposals_generation();
  if (generation)
    if (auto hit = app.slots.contexts->holds(*generation)) return hit;
  auto holds = std::make_shared<std::vector<core::Hold>>();
  for (const auto& doc : app.store.token_docs("proposal", "open")) {
    // One corrupt proposal must not take every page's slots down: it is logged (each
    // time the holds are loaded) and its own routes answer 500 corrupt_document.
    auto p = wire::read_proposal_document(doc.doc);
    if (!p) {
      log::error("corrupt proposal document", {{"proposal", doc.id}, {"error", p.error().message}});
      continue;
    }
    for (auto& hold : core::proposal_holds(*p)) holds->push_back(std::move(hold));
  }
  std::stable_sort(holds->begin(), holds->end(),
                   [](const core::Hold& a, const core::Hold& b) { return a.when.start < b.when.start; });
  PageContextCache::Holds shared = std::move(holds);
  if (generation) app.slots.contexts->put_holds(*generation, shared);
  return shared;
}

core::Result<std::shared_ptr<const PageContext>> shared_page_context(App& app, const std::string& page_id,
                                                                     const std::string& event_type) {
  // Read before loading: a write committed meanwhile makes this number stale, so what
  // was loaded is never served under a current one (see SqliteStore::config_generation).
  const auto generation = app.store.config_generation();
  std::string key;
  if (generation) {
    key.reserve(page_id.size() + event_type.size() + 1);
    key.append(page_id).append(1, '\n').append(event_type);
    if (auto hit = app.slots.contexts->get(key, *generation)) return hit;
  }
  auto ctx = load_page_context(app, page_id, event_type);
  if (!ctx) return ctx.error();
  auto shared = std::make_shared<const PageContext>(std::move(*ctx));
  if (generation) app.slots.contexts->put(key, *generation, shared);
  return shared;
}

core::AvailabilityInputs build_inputs(App& app, const PageContext& ctx, core::Interval range, core::Instant now,
                                      bool overlaps_only) {
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
  // With `overlaps_only` (see bookings.hpp) only what can conflict with the slot, with
  // either side's buffers (the core's conflict_span).
  const core::Interval span = overlaps_only ? core::conflict_span(range) : core::inputs_span(range);
  integ::add_calendar_busy(app, in, span);  // the hosts' subscribed calendars (R-INT-1)
  // Checking one slot: only the bookings that can conflict with it (the store may
  // filter by their buffers; a host's full day is ~100 bookings of which 2 matter).
  const auto records = overlaps_only ? app.store.conflicting_bookings(host_ids, room_ids, range, ctx.policy.buffer_before,
                                                                      ctx.policy.buffer_after)
                                     : app.store.busy_bookings(host_ids, room_ids, span);
  for (const auto& rec : records) {
    core::ExistingBooking b;
    b.id = rec.uid;
    b.host_ids = rec.host_ids.empty() ? std::vector<std::string>{rec.host_id} : rec.host_ids;
    b.room_id = rec.room_id;
    b.when = rec.when;
    b.buffer_before = core::Minutes(rec.buffer_before_min);
    b.buffer_after = core::Minutes(rec.buffer_after_min);
    in.bookings.push_back(std::move(b));
  }
  // Open proposals hold their candidates on their hosts and rooms (R-PROP-2).
  const auto holds = open_proposal_holds(app);
  for (const auto& hold : *holds) {
    if (span.end <= hold.when.start) break;  // sorted by start
    if (hold.when.end <= span.start) continue;
    in.holds.push_back(hold);
  }
  return in;
}

namespace {

// A host's own language and SMS reminders (asked for, and a phone to send them to), read
// once from its stored document for both paths below.
void add_host_document(core::NotificationSettings& s, const std::string& id, const wire::HostDocument& d) {
  if (!d.language.empty()) s.host_languages[id] = d.language;
  if (d.texts_reminders() && !d.phone.empty()) s.sms_hosts.push_back(id);
}

}  // namespace

void add_host_preferences(App& app, core::NotificationSettings& s, const std::vector<std::string>& host_ids) {
  for (const auto& id : host_ids) {
    if (s.host_languages.count(id)) continue;
    if (auto rec = app.store.host(id)) add_host_document(s, id, stored_host(*rec));
  }
}

core::NotificationSettings settings_for(const PageContext& ctx) {
  core::NotificationSettings s;
  s.auto_approve = ctx.policy.auto_approve;
  s.default_language = ctx.doc.language;
  for (std::size_t i = 0; i < ctx.hosts.size() && i < ctx.host_docs.size(); ++i)
    add_host_document(s, ctx.hosts[i].id, ctx.host_docs[i]);
  // The page's notification settings, read by wire/ exactly as the API accepted them.
  return loud(wire::notification_settings(ctx.doc, s), "page " + ctx.page.id);
}

// --- records ↔ core -------------------------------------------------------------------

core::Booking to_core(const store::BookingRecord& r) {
  // The indexed columns are authoritative; the document (wire's) carries the rest.
  core::Booking columns;
  columns.uid = r.uid;
  columns.page_id = r.page_id;
  columns.event_type_id = r.event_type;
  columns.when = r.when;
  columns.host_ids = r.host_ids.empty() ? std::vector<std::string>{r.host_id} : r.host_ids;
  columns.room_id = r.room_id;
  columns.status = r.status;
  columns.checkin_code = r.checkin_code;
  columns.created_at = r.created_at;
  return loud(wire::read_booking_document(r.doc, columns), "booking " + r.uid);
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
  r.when = b.when;
  r.status = b.status;
  r.token_hash = token_hash;
  r.guest_name = b.guest.name;
  r.guest_email = b.guest.email;
  r.guest_phone = b.guest.phone;
  r.checkin_code = b.checkin_code;
  r.doc = wire::booking_document(b);  // the columns above are not repeated in it
  r.created_at = b.created_at;
  return r;
}

json booking_json(const core::Booking& b, App* app) {
  // Staff see the state of the latest confirmation request (R-REQ-5).
  std::optional<wire::RequestBadge> request;
  if (app && !b.request_id.empty()) {
    if (auto doc = app->store.token_doc("request", b.request_id))
      request = wire::RequestBadge{b.request_id, core::visible_state(request_from(*doc), app->now())};
  }
  return wire::booking_view(b, request);
}

void plan_messages(App& app, const std::string& account_id, const core::Booking& b,
                   const std::vector<core::PlannedMessage>& messages, const std::vector<std::string>& cancel_prefixes,
                   const std::optional<wire::GoneAppointment>& gone, const PageContext* ctx) {
  for (const auto& p : cancel_prefixes) app.store.cancel_outbox_for(b.uid, p);
  const auto now = app.now();
  std::vector<store::OutboxMessage> planned;
  for (const auto& m : messages) {
    std::string to;
    switch (m.role) {
      case core::Recipient::guest:
        // A proposal's guests are addressed one by one (the address is the e-mail).
        if (m.channel == core::Channel::mail && m.address.find('@') != std::string::npos) to = m.address;
        else to = m.channel == core::Channel::sms ? b.guest.phone : b.guest.email;
        break;
      case core::Recipient::host: {
        const bool sms = m.channel == core::Channel::sms;
        auto address = [sms](const wire::HostDocument& d) { return sms ? d.phone : d.email; };
        bool known = false;
        for (std::size_t i = 0; ctx && i < ctx->hosts.size() && i < ctx->host_docs.size(); ++i)
          if (ctx->hosts[i].id == m.address) {
            to = address(ctx->host_docs[i]);
            known = true;
            break;
          }
        if (known) break;
        auto h = app.store.host(m.address);
        if (h) to = address(stored_host(*h));
        break;
      }
      default:
        to = m.address;
    }
    if (to.empty()) continue;  // e.g. an SMS reminder for a guest without a phone
    wire::MessagePayload payload = wire::planned_payload(m);
    payload.gone = gone;
    store::OutboxMessage o;
    o.account_id = account_id;
    o.booking_uid = b.uid;
    o.key = m.key;
    o.template_key = m.template_key;
    o.channel = core::to_string(m.channel);
    o.recipient = to;
    o.send_at = m.send_at;
    o.state = store::OutboxState::scheduled;
    o.payload = wire::message_payload(payload).dump();
    o.created_at = now;
    planned.push_back(std::move(o));
  }
  app.store.add_outbox_all(planned);
}

// --- create ---------------------------------------------------------------------------

namespace {

core::Status check_guest_zone(App& app, const core::Guest& guest) {
  if (!guest.timezone.empty() && !app.zones.get(guest.timezone))
    return make_error("unknown_zone", "not a time zone of the tz database", "guest.timezone");
  return core::ok_status();
}

}  // namespace

core::Result<core::Guest> read_booking_guest(App& app, const json& body) {
  auto guest = wire::read_guest_request(body);
  if (!guest) return guest;
  if (auto st = check_guest_zone(app, *guest); !st) return st.error();
  return guest;
}

core::Booking new_booking_draft(const PageContext& ctx, const core::Assignment& a, core::Instant now) {
  core::Booking draft;
  draft.uid = auth::random_id("b_", 16);
  draft.page_id = ctx.page.id;
  draft.event_type_id = ctx.policy.id;
  draft.when = a.when;
  draft.host_ids = a.host_ids;
  draft.room_id = a.room_id;
  draft.location = ctx.event_type.location;
  draft.created_at = now;
  if (!draft.room_id.empty()) draft.checkin_code = core::reception_code(random_u64());
  return draft;
}

json store_created_booking(App& app, const PageContext& ctx, const core::Booking& b,
                           const std::vector<core::PlannedMessage>& messages,
                           const std::vector<std::string>& cancel_prefixes, core::Instant now) {
  std::string token = auth::random_token();
  auto rec = to_record(b, ctx.page.account_id, auth::sha256_hex(token));
  rec.buffer_before_min = ctx.policy.buffer_before.count();
  rec.buffer_after_min = ctx.policy.buffer_after.count();
  rec.created_at = rec.updated_at = now;
  app.store.insert_booking(rec);
  plan_messages(app, ctx.page.account_id, b, messages, cancel_prefixes, std::nullopt, &ctx);
  integ::emit_booking_events(app, ctx.page.account_id, nullptr, b, nullptr);
  return wire::created_booking_view(b, token);
}

void create_booking(App& app, const json& body, const std::string& idempotency_key, const std::string& body_hash,
                    std::function<void(core::Result<Created>)> done) {
  const std::string scope = "POST /v1/bookings";
  if (!idempotency_key.empty()) {  // fast path for repeats, re-checked inside the transaction
    if (auto prev = app.store.idempotency(scope, idempotency_key)) {
      if (prev->body_hash != body_hash)
        return done(make_error("idempotency_key_reused", "this Idempotency-Key was used with another body",
                               "Idempotency-Key"));
      return done(Created{prev->status, prev->response});
    }
  }
  auto read = wire::read_booking_request(body);
  if (!read) return done(read.error());
  if (auto st = check_guest_zone(app, read->guest); !st) return done(st.error());

  // The check, the insert, its messages, events and idempotency record run in one
  // savepoint of a group commit (the store's writer thread); `done` follows the commit.
  struct State {
    std::string scope, idempotency_key, body_hash, page, et;
    core::Instant start;
    core::Guest guest;
    std::string notes;
    Created created;
  };
  auto state = std::make_shared<State>(State{scope, idempotency_key, body_hash, std::move(read->page),
                                             std::move(read->event_type), read->start, std::move(read->guest),
                                             std::move(read->notes), {}});
  app.store.transact_async_keyed(state->page, [&app, state]() -> core::Status {
    const std::string& key_scope = state->scope;
    const std::string& key = state->idempotency_key;
    const std::string& hash = state->body_hash;
    const core::Instant start_at = state->start;
    Created& created = state->created;
    if (!key.empty()) {
      if (auto prev = app.store.idempotency(key_scope, key)) {
        if (prev->body_hash != hash)
          return make_error("idempotency_key_reused", "this Idempotency-Key was used with another body",
                            "Idempotency-Key");
        created = Created{prev->status, prev->response};
        return core::ok_status();
      }
    }
    auto shared = shared_page_context(app, state->page, state->et);
    if (!shared) return shared.error();
    const PageContext& ctx = **shared;
    if (!ctx.enabled) return make_error("page_disabled", "this page takes no bookings at the moment", "page");
    core::Instant now = app.now();
    // Counts of other bookings matter only for limits and for choosing among several
    // hosts; otherwise the check reads only the bookings near the start (a busy host's
    // whole fortnight of bookings was read, and copied, for every new booking).
    const bool counts = ctx.policy.limits.per_day || ctx.policy.limits.per_week ||
                        (ctx.mode == core::HostMode::any && ctx.hosts.size() > 1);
    auto inputs = build_inputs(app, ctx, core::Interval{start_at, start_at + ctx.policy.duration}, now, !counts);
    core::BookingRequest req;
    req.start = start_at;
    auto a = core::check_booking(inputs, req);
    if (!a) return a.error();

    core::Booking draft = new_booking_draft(ctx, *a, now);
    draft.guest = state->guest;
    draft.notes = state->notes;
    auto out = core::create_booking_outcome(draft, now, settings_for(ctx));
    if (!out) return out.error();
    const json res = store_created_booking(app, ctx, out->booking, out->messages, out->cancel_key_prefixes, now);
    created = Created{201, res.dump()};
    if (!key.empty())
      app.store.put_idempotency(key_scope, key, store::IdempotencyRecord{hash, 201, created.body}, now);
    return core::ok_status();
  }, [state, done = std::move(done)](core::Status st, std::exception_ptr error) {
    if (error) {  // a store fault: logged, answered as a generic 500
      try {
        std::rethrow_exception(error);
      } catch (const std::exception& e) {
        log::error("booking transaction failed", {{"error", e.what()}});
      } catch (...) {
        log::error("booking transaction failed", {});
      }
      return done(make_error("internal_error", "The server could not complete the request."));
    }
    if (!st) return done(st.error());
    done(std::move(state->created));
  });
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
      } else if (auto allowed = core::approval_allowed(a); !allowed) {
        return allowed.error();  // the core's rule: never a double booking
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
    updated.updated_at = now;
    app.store.update_booking(updated);
    plan_messages(app, rec->account_id, nb, t->messages, t->cancel_key_prefixes);
    integ::emit_booking_events(app, rec->account_id, &b, nb, &action);
    if (nb.status != b.status || nb.when != b.when) {
      requests_follow_booking(app, rec->account_id, nb, core::gone_for_requests(nb.status));
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
  // Which bookings the core completes.
  for (const auto& rec : app.store.bookings_ended(core::auto_complete_statuses(), now, 500)) {
    if (!core::auto_complete_due(to_core(rec), now)) continue;
    auto r = act_on_booking(app, rec.uid, core::BookingAction::complete, core::Actor::system, std::nullopt, "");
    if (r) ++done;
    else log::warn("automatic completion refused", {{"uid", rec.uid}, {"code", r.error().code}});
  }
  return done;
}

}  // namespace kairos::server
