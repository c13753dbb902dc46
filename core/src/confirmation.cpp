// Confirmation requests (seed 002): the 10-minute hold, what a deleted or changed
// booking does to a held or sent request, and the guest's accept / decline.
#include "kairos/confirmation.hpp"

#include <algorithm>
#include <array>

#include "kairos/email.hpp"

namespace kairos::core {
namespace {

constexpr std::array<const char*, 5> state_names{"pending_send", "sent", "accepted", "declined", "cancelled"};

// Monday of the ISO week that contains `d`.
LocalDate week_start(LocalDate d) { return d - Days(static_cast<int>(d.weekday())); }

std::string prefix(const ConfirmationRequest& r) { return "request:" + r.id + ":"; }

void mail_recipients(RequestOutcome& out, const ConfirmationRequest& r, const std::string& event,
                     const char* template_key, Instant at, std::vector<SignedAction> actions) {
  for (const std::string& to : r.recipients) {
    out.messages.push_back({prefix(r) + event + ":mail:recipient:" + to, Recipient::recipient, to, template_key,
                            recipient_language(r, to), Channel::mail, at, actions, false});
  }
}

void mail_hosts(RequestOutcome& out, const ConfirmationRequest& r, const std::vector<Booking>& bookings,
                const char* event, const char* template_key, Instant now, NotificationSettings settings) {
  if (settings.default_language.empty() || settings == NotificationSettings{}) settings.default_language = r.language;
  std::vector<std::string> hosts;
  for (const Booking& b : bookings) {
    for (const std::string& h : b.host_ids) {
      if (std::find(hosts.begin(), hosts.end(), h) == hosts.end()) hosts.push_back(h);
    }
  }
  for (const std::string& h : hosts) {
    out.messages.push_back({prefix(r) + event + ":mail:host:" + h, Recipient::host, h, template_key,
                            host_language(settings, h), Channel::mail, now, {}, false});
  }
}

// The checks shared by accept and decline.
Status can_answer(const ConfirmationRequest& r, const std::string& who, Instant now) {
  const RequestState s = visible_state(r, now);
  if (s == RequestState::pending_send) return make_error("request_not_sent", "the request has not been sent yet");
  if (s != RequestState::sent) return make_error("request_closed", std::string("the request is ") + to_string(s));
  const bool recipient = std::any_of(r.recipients.begin(), r.recipients.end(),
                                     [&](const std::string& a) { return same_address(a, who); });
  if (!recipient) return make_error("forbidden", "only a recipient of the request may answer it");
  return ok_status();
}

std::vector<Booking> bookings_of(const ConfirmationRequest& r, const std::vector<Booking>& bookings) {
  std::vector<Booking> out;
  for (const Booking& b : bookings) {
    if (std::find(r.booking_uids.begin(), r.booking_uids.end(), b.uid) != r.booking_uids.end()) out.push_back(b);
  }
  return out;
}

}  // namespace

std::string recipient_language(const ConfirmationRequest& r, const std::string& address) {
  for (std::size_t i = 0; i < r.recipients.size() && i < r.recipient_languages.size(); ++i) {
    if (same_address(r.recipients[i], address) && !r.recipient_languages[i].empty()) return r.recipient_languages[i];
  }
  return r.language;
}

const char* to_string(RequestState s) { return state_names[static_cast<std::size_t>(s)]; }

std::vector<RequestState> states_following_bookings() {
  return {RequestState::pending_send, RequestState::sent, RequestState::accepted};
}

bool gone_for_requests(BookingStatus status) {
  return status == BookingStatus::cancelled || status == BookingStatus::rejected;
}

Result<RequestState> parse_request_state(std::string_view text) {
  for (std::size_t i = 0; i < state_names.size(); ++i) {
    if (text == state_names[i]) return static_cast<RequestState>(i);
  }
  return make_error("invalid_state", "unknown request state \"" + std::string(text) + "\"");
}

std::vector<std::string> suggest_related(const std::vector<Booking>& bookings, const Booking& booking,
                                         const ZoneRules& zone) {
  std::vector<const Booking*> found;
  const LocalDate week = week_start(zone.to_local(booking.when.start).date());
  for (const Booking& b : bookings) {
    if (b.uid == booking.uid || !is_active(b.status) || b.guest.email.empty()) continue;
    if (!same_address(b.guest.email, booking.guest.email)) continue;
    if (week_start(zone.to_local(b.when.start).date()) != week) continue;
    found.push_back(&b);
  }
  std::stable_sort(found.begin(), found.end(), [](const Booking* a, const Booking* b) { return a->when.start < b->when.start; });
  std::vector<std::string> uids;
  for (const Booking* b : found) uids.push_back(b->uid);
  return uids;
}

Interval related_span(const Booking& booking, const ZoneRules& zone) {
  const LocalDate week = week_start(zone.to_local(booking.when.start).date());
  return Interval{zone.start_of_day(week), zone.start_of_day(week + Days(7))};
}

Result<RequestOutcome> create_request(const ConfirmationRequest& draft, const std::vector<Booking>& bookings,
                                      Instant now) {
  if (draft.booking_uids.empty()) return make_error("missing_field", "a request needs a booking", "bookings");
  if (draft.recipients.empty()) return make_error("missing_field", "a request needs a recipient", "recipients");
  RequestOutcome out;
  out.request = draft;
  ConfirmationRequest& r = out.request;
  r.recipients.clear();
  for (std::size_t i = 0; i < draft.recipients.size(); ++i) {
    const EmailCheck c = check_email(draft.recipients[i]);
    if (!c.valid) {
      return make_error("invalid_email", "a recipient's e-mail address is not valid",
                        std::string("recipients[") + std::to_string(i) + "]");
    }
    r.recipients.push_back(c.address);
  }
  for (std::size_t i = 0; i < draft.booking_uids.size(); ++i) {
    const auto it = std::find_if(bookings.begin(), bookings.end(),
                                 [&](const Booking& b) { return b.uid == draft.booking_uids[i]; });
    const std::string field = std::string("bookings[") + std::to_string(i) + "]";
    if (it == bookings.end()) return make_error("unknown_booking", "no such booking", field);
    if (!is_active(it->status)) return make_error("illegal_transition", "the booking no longer takes place", field);
  }
  // A recipient who is one of the bookings' guests reads their own language (R-REQ-1);
  // anyone else the page's.
  r.recipient_languages.clear();
  for (const std::string& to : r.recipients) {
    std::string lang = r.language;
    bool found = false;
    for (const Booking& b : bookings_of(r, bookings)) {
      std::vector<const Guest*> guests{&b.guest};
      for (const Guest& g : b.other_guests) guests.push_back(&g);
      for (const Guest* g : guests) {
        if (found || g->email.empty() || !same_address(g->email, to)) continue;
        // The first booking naming them decides (the request's order).
        NotificationSettings s;
        s.default_language = r.language;
        Booking probe;
        probe.guest.language = g->language;
        lang = guest_language(probe, s);
        found = true;
      }
    }
    r.recipient_languages.push_back(lang);
  }
  r.created_at = now;
  r.send_at = now + request_hold;
  r.state = RequestState::pending_send;
  r.responded_by.clear();
  r.responded_at = Instant();
  r.decline_reason.clear();
  // Each booking shows its latest request (R-REQ-5).
  for (Booking b : bookings_of(r, bookings)) {
    b.request_id = r.id;
    out.bookings.push_back(std::move(b));
  }
  std::vector<SignedAction> actions{SignedAction::accept};
  if (r.allow_decline) actions.push_back(SignedAction::decline);
  mail_recipients(out, r, "confirm", "request.confirm.recipient", r.send_at, actions);
  return out;
}

RequestState visible_state(const ConfirmationRequest& r, Instant now) {
  if (r.state == RequestState::pending_send && r.send_at <= now) return RequestState::sent;
  return r.state;
}

Result<RequestOutcome> withdraw_request(const ConfirmationRequest& r, Instant now) {
  if (visible_state(r, now) != RequestState::pending_send) {
    return make_error("request_already_sent", "the request has already been sent and can no longer be withdrawn");
  }
  RequestOutcome out;
  out.request = r;
  out.request.state = RequestState::cancelled;
  out.cancel_key_prefixes = {prefix(r)};
  return out;
}

RequestOutcome on_booking_deleted(const ConfirmationRequest& r, const Booking& deleted, Instant now) {
  RequestOutcome out;
  out.request = r;
  const RequestState s = visible_state(r, now);
  if (s == RequestState::pending_send) {
    auto& uids = out.request.booking_uids;
    uids.erase(std::remove(uids.begin(), uids.end(), deleted.uid), uids.end());
    if (uids.empty()) {
      // Deleted inside the hold: nothing goes out (R-REQ-2).
      out.request.state = RequestState::cancelled;
      out.cancel_key_prefixes = {prefix(r)};
    }
    return out;
  }
  if (s == RequestState::sent || s == RequestState::accepted) {
    mail_recipients(out, r, "cancelled:" + deleted.uid, "request.cancelled.recipient", now, {});
  }
  return out;
}

RequestOutcome on_booking_changed(const ConfirmationRequest& r, const Booking& changed, Instant now) {
  RequestOutcome out;
  out.request = r;
  const RequestState s = visible_state(r, now);
  if (s == RequestState::sent || s == RequestState::accepted) {
    std::vector<SignedAction> actions;
    if (s == RequestState::sent) {
      actions.push_back(SignedAction::accept);
      if (r.allow_decline) actions.push_back(SignedAction::decline);
    }
    mail_recipients(out, r, "updated:" + changed.uid + ":" + std::to_string(now.unix_seconds()),
                    "request.updated.recipient", now, actions);
  }
  return out;
}

Result<RequestOutcome> accept_request(const ConfirmationRequest& r, const std::vector<Booking>& bookings,
                                      const std::string& who, Instant now, const NotificationSettings& settings) {
  if (Status st = can_answer(r, who, now); !st) return st.error();
  RequestOutcome out;
  out.request = r;
  out.request.state = RequestState::accepted;
  out.request.responded_by = check_email(who).address;
  out.request.responded_at = now;
  for (Booking b : bookings_of(r, bookings)) {
    b.history.push_back({now, Actor::guest, "request_accepted", out.request.responded_by});
    ++b.sequence;
    if (b.status == BookingStatus::pending) b.status = BookingStatus::approved;
    out.bookings.push_back(std::move(b));
  }
  mail_hosts(out, r, out.bookings, "accepted", "request.accepted.host", now, settings);
  return out;
}

Result<RequestOutcome> decline_request(const ConfirmationRequest& r, const std::vector<Booking>& bookings,
                                       const std::string& who, const std::string& reason, Instant now,
                                       const NotificationSettings& settings) {
  if (Status st = can_answer(r, who, now); !st) return st.error();
  if (!r.allow_decline) return make_error("decline_not_allowed", "this request can only be accepted");
  RequestOutcome out;
  out.request = r;
  out.request.state = RequestState::declined;
  out.request.responded_by = check_email(who).address;
  out.request.responded_at = now;
  out.request.decline_reason = reason;
  for (Booking b : bookings_of(r, bookings)) {
    b.tray = std::string(declined_tray);
    ++b.sequence;
    // Declined: the appointment no longer takes place (R-REQ-4). It keeps its record in
    // the Declined tray; its time is free and nothing more is sent for it.
    if (is_active(b.status)) b.status = BookingStatus::cancelled;
    b.history.push_back({now, Actor::guest, "request_declined",
                         out.request.responded_by + (reason.empty() ? "" : ": " + reason)});
    out.bookings.push_back(std::move(b));
  }
  out.booking_cancel_key_prefixes = {std::string(reminder_prefix), std::string(follow_up_prefix)};
  mail_hosts(out, r, out.bookings, "declined", "request.declined.host", now, settings);
  return out;
}

}  // namespace kairos::core
