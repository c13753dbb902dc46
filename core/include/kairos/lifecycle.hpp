// Booking lifecycle (seed 001, SPEC R-LIFE-*): the only place that decides whether a
// transition is allowed, who may ask for it, and what it sets off. Everything is a
// value in, value out: the caller passes the booking, `now` and the settings, and gets
// the new booking plus the messages to plan and the scheduled ones to cancel. An
// illegal transition is an error with a stable code, never a silent change.
//
// Transitions (anything else is "illegal_transition"):
//   pending     → approved (host) | rejected (host) | cancelled (guest, host) | rescheduled (guest, host)
//   approved    → cancelled (guest, host) | rejected (host) | rescheduled (guest, host)
//                 | completed (system or host, only once the end has passed)
//   rescheduled → the same as approved (the appointment goes ahead at its new time)
//   completed   → no-show mark (host), once
// An actor outside the list gets "forbidden".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kairos/booking.hpp"
#include "kairos/notify.hpp"
#include "kairos/result.hpp"
#include "kairos/time.hpp"

namespace kairos::core {

// What one lifecycle step produces. The server stores `booking`, cancels the scheduled
// messages whose key starts with any of `cancel_key_prefixes`, then plans `messages`,
// all in one transaction.
struct Transition {
  Booking booking;
  std::vector<PlannedMessage> messages;
  std::vector<std::string> cancel_key_prefixes;
};

// Extra inputs some actions need.
struct ActionDetails {
  std::optional<Interval> new_when;  // reschedule: the new time (required)
  std::string reason;                // free text kept in the history
};

// Applies `action` asked by `actor` at `now`. Errors: "illegal_transition" (the state
// does not allow it), "forbidden" (this actor may not), "not_ended" (completing before
// the end), "too_late" (a guest cancelling or rescheduling once the appointment has
// begun), "missing_field"/"invalid_interval"/"in_past" (reschedule without a valid
// future new time), "unchanged" (reschedule to the same time).
Result<Transition> apply(const Booking& booking, BookingAction action, Actor actor, Instant now,
                         const NotificationSettings& settings, const ActionDetails& details = {});

// A new booking: status pending, or approved when settings.auto_approve; history
// "created" (and "approved" by the system); the matching mails and, when approved, the
// reminders. Errors: "invalid_interval" (empty time), "invalid_email" (the guest's
// address fails check_email), "missing_field" (no host).
Result<Transition> create_booking_outcome(const Booking& draft, Instant now, const NotificationSettings& settings);

// True when the system should now complete the booking: it is approved or rescheduled
// and its end has passed. The caller then applies BookingAction::complete as Actor::system.
bool auto_complete_due(const Booking& booking, Instant now);
// The statuses auto_complete_due can hold for (the store's sweep of ended bookings).
std::vector<BookingStatus> auto_complete_statuses();

// Whether `actor` may ask for `action` in `status` (the table above), for UIs that grey
// out buttons. apply() checks the same table.
bool allowed(BookingStatus status, bool no_show, BookingAction action, Actor actor);

// The actions `actor` may take on `booking` at `now`, in BookingAction order: exactly
// those apply() would accept (given a valid new time for a reschedule). UIs offer these
// and nothing else, so that no screen re-invents a rule.
std::vector<BookingAction> available_actions(const Booking& booking, Actor actor, Instant now);

// Deleting a booking (owner API): every scheduled message of it is cancelled. The key
// prefix "" matches all keys.
std::vector<std::string> cancel_prefixes_on_delete();

}  // namespace kairos::core
