// The booking state machine of seed 001 and its notification matrix (SPEC §3): which
// transitions exist, who may ask for them, and which messages each one plans. The
// matrix is written out per transition below so that docs/LIFECYCLE.md can be checked
// against it line by line.
#include "kairos/lifecycle.hpp"

#include <algorithm>

#include "kairos/email.hpp"
#include "kairos/time_text.hpp"

namespace kairos::core {
namespace {

using SA = SignedAction;

// Immediate messages are keyed by the booking's history length, so that two
// reschedules of one booking never produce the same key.
std::string event_key(const char* event, std::size_t seq, const char* rest) {
  return std::string(event) + "#" + std::to_string(seq) + ":" + rest;
}

// One mail to the guest (unless the visit sends no scheduling mail) and one per host.
void plan_pair(std::vector<PlannedMessage>& out, const Booking& b, const NotificationSettings& s, Instant now,
               const char* event, std::vector<SA> guest_actions, bool to_hosts, std::vector<SA> host_actions) {
  const std::size_t seq = b.history.size();
  if (b.send_mail) {
    out.push_back({event_key(event, seq, "mail:guest"), Recipient::guest, "",
                   std::string("booking.") + event + ".guest", guest_language(b, s), Channel::mail, now,
                   std::move(guest_actions), false});
  }
  if (!to_hosts) return;
  for (const std::string& h : b.host_ids) {
    out.push_back({event_key(event, seq, "mail:host:") + h, Recipient::host, h, std::string("booking.") + event + ".host",
                   host_language(s, h), Channel::mail, now, host_actions, false});
  }
}

void append(std::vector<PlannedMessage>& out, std::vector<PlannedMessage> more) {
  for (auto& m : more) out.push_back(std::move(m));
}

bool state_allows(BookingStatus status, bool no_show, BookingAction action) {
  const bool open = is_active(status);
  switch (action) {
    case BookingAction::approve: return status == BookingStatus::pending;
    case BookingAction::reject:
    case BookingAction::cancel:
    case BookingAction::reschedule: return open;
    case BookingAction::complete: return status == BookingStatus::approved || status == BookingStatus::rescheduled;
    case BookingAction::mark_no_show: return status == BookingStatus::completed && !no_show;
  }
  return false;
}

bool actor_allows(BookingAction action, Actor actor) {
  switch (action) {
    case BookingAction::approve:
    case BookingAction::reject:
    case BookingAction::mark_no_show: return actor == Actor::host;
    case BookingAction::cancel:
    case BookingAction::reschedule: return actor == Actor::guest || actor == Actor::host;
    case BookingAction::complete: return actor == Actor::system || actor == Actor::host;
  }
  return false;
}

}  // namespace

bool allowed(BookingStatus status, bool no_show, BookingAction action, Actor actor) {
  return state_allows(status, no_show, action) && actor_allows(action, actor);
}

std::vector<BookingStatus> auto_complete_statuses() { return {BookingStatus::approved, BookingStatus::rescheduled}; }

bool auto_complete_due(const Booking& booking, Instant now) {
  const auto statuses = auto_complete_statuses();
  return std::find(statuses.begin(), statuses.end(), booking.status) != statuses.end() && booking.when.end <= now;
}

std::vector<std::string> cancel_prefixes_on_delete() { return {""}; }

namespace {

// The checks of apply() that depend on time rather than on the state table.
bool timely(const Booking& b, BookingAction action, Actor actor, Instant now) {
  if (action == BookingAction::complete) return b.when.end <= now;
  if (actor == Actor::guest && (action == BookingAction::cancel || action == BookingAction::reschedule)) {
    return now < b.when.start;
  }
  return true;
}

}  // namespace

std::vector<BookingAction> available_actions(const Booking& booking, Actor actor, Instant now) {
  std::vector<BookingAction> out;
  for (BookingAction a : {BookingAction::approve, BookingAction::reject, BookingAction::cancel, BookingAction::reschedule,
                          BookingAction::complete, BookingAction::mark_no_show}) {
    if (allowed(booking.status, booking.no_show, a, actor) && timely(booking, a, actor, now)) out.push_back(a);
  }
  return out;
}

Result<Transition> apply(const Booking& booking, BookingAction action, Actor actor, Instant now,
                         const NotificationSettings& settings, const ActionDetails& details) {
  if (!state_allows(booking.status, booking.no_show, action)) {
    return make_error("illegal_transition", std::string("cannot ") + to_string(action) + " a " +
                                                (booking.no_show ? "no-show" : to_string(booking.status)) +
                                                " booking");
  }
  if (!actor_allows(action, actor)) {
    return make_error("forbidden", std::string("a ") + to_string(actor) + " may not " + to_string(action) +
                                       " a booking");
  }

  // A guest's own links stop working once the appointment has begun; the host can
  // still cancel or move it (e.g. after a no-show phone call).
  if (action != BookingAction::complete && !timely(booking, action, actor, now)) {
    return make_error("too_late", "the appointment has already begun");
  }

  Transition t{booking, {}, {}};
  Booking& b = t.booking;
  ++b.sequence;
  auto record = [&](const char* event, std::string detail) {
    b.history.push_back({now, actor, event, detail.empty() ? details.reason : std::move(detail)});
  };
  const std::vector<std::string> scheduled{std::string(reminder_prefix), std::string(follow_up_prefix)};

  switch (action) {
    case BookingAction::approve:
      b.status = BookingStatus::approved;
      record("approved", {});
      plan_pair(t.messages, b, settings, now, "approved", {SA::cancel, SA::book_again}, true, {SA::reject});
      append(t.messages, plan_reminders(b, settings, now));
      break;
    case BookingAction::reject:
      b.status = BookingStatus::rejected;
      record("rejected", {});
      plan_pair(t.messages, b, settings, now, "rejected", {SA::book_again}, true, {});
      t.cancel_key_prefixes = scheduled;
      break;
    case BookingAction::cancel:
      b.status = BookingStatus::cancelled;
      record("cancelled", {});
      plan_pair(t.messages, b, settings, now, "cancelled", {SA::book_again}, true, {});
      t.cancel_key_prefixes = scheduled;
      break;
    case BookingAction::reschedule: {
      if (!details.new_when) return make_error("missing_field", "rescheduling needs the new time", "start");
      const Interval to = *details.new_when;
      if (to.empty()) return make_error("invalid_interval", "the new time ends before it starts", "start");
      if (to.start < now) return make_error("in_past", "the new time has already begun", "start");
      if (to == b.when) return make_error("unchanged", "the booking is already at that time", "start");
      const Interval from = b.when;
      b.when = to;
      // A guest moving a booking that awaits approval does not approve it: it stays
      // pending until staff decide (auto-approve pages approve at once anyway). A host
      // choosing the new time settles it.
      const bool still_pending = b.status == BookingStatus::pending && actor == Actor::guest && !settings.auto_approve;
      b.status = still_pending ? BookingStatus::pending : BookingStatus::rescheduled;
      // "start/end -> start/end": booking_context() reads the previous time back from it.
      record("rescheduled", format_instant(from.start) + "/" + format_instant(from.end) + " -> " +
                                format_instant(to.start) + "/" + format_instant(to.end));
      plan_pair(t.messages, b, settings, now, "rescheduled", {}, true,
                still_pending ? std::vector<SA>{SA::approve, SA::reject} : std::vector<SA>{});
      t.cancel_key_prefixes = scheduled;
      append(t.messages, plan_reminders(b, settings, now));
      break;
    }
    case BookingAction::complete:
      if (now < b.when.end) return make_error("not_ended", "a booking completes only after its end");
      b.status = BookingStatus::completed;
      record("completed", {});
      t.cancel_key_prefixes = {std::string(reminder_prefix)};
      if (settings.follow_up_after && b.send_mail) {
        Instant at = b.when.end + *settings.follow_up_after;
        if (at < now) at = now;  // completed late: send the follow-up now, never in the past
        t.messages.push_back({"follow_up:mail:guest", Recipient::guest, "", "booking.follow_up.guest",
                              guest_language(b, settings), Channel::mail, at, {SA::book_again}, false});
      }
      break;
    case BookingAction::mark_no_show:
      b.no_show = true;
      record("no_show", {});
      // "How was your visit?" makes no sense to someone who did not come.
      t.cancel_key_prefixes = {std::string(follow_up_prefix)};
      if (settings.no_show_mail && b.send_mail) {
        t.messages.push_back({event_key("no_show", b.history.size(), "mail:guest"), Recipient::guest, "",
                              "booking.no_show.guest", guest_language(b, settings), Channel::mail, now,
                              {SA::book_again}, false});
      }
      break;
  }
  return t;
}

Result<Transition> create_booking_outcome(const Booking& draft, Instant now, const NotificationSettings& settings) {
  if (draft.when.empty()) return make_error("invalid_interval", "the booking ends before it starts", "start");
  if (draft.host_ids.empty()) return make_error("missing_field", "a booking needs a host", "host");
  const EmailCheck email = check_email(draft.guest.email);
  if (!email.valid) return make_error("invalid_email", "the guest's e-mail address is not valid", "guest.email");

  Transition t{draft, {}, {}};
  Booking& b = t.booking;
  b.guest.email = email.address;
  b.no_show = false;
  b.created_at = now;
  b.history.clear();
  b.history.push_back({now, Actor::guest, "created", {}});
  if (settings.auto_approve) {
    b.status = BookingStatus::approved;
    b.history.push_back({now, Actor::system, "approved", "auto-approval"});
    plan_pair(t.messages, b, settings, now, "approved", {SA::cancel, SA::book_again}, true, {SA::reject});
    append(t.messages, plan_reminders(b, settings, now));
  } else {
    b.status = BookingStatus::pending;
    plan_pair(t.messages, b, settings, now, "pending", {SA::cancel, SA::book_again}, true,
              {SA::approve, SA::reject});
  }
  return t;
}

}  // namespace kairos::core
