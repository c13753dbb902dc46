// Confirmation requests for existing appointments (seed 002, SPEC R-REQ-*): the host
// asks one or more addresses to confirm one or more bookings. The mail is held for 10
// minutes (an undo window); deleting the booking inside it sends nothing. After sending,
// a change of the booking sends an update mail and a deletion a cancellation mail.
// Accepting records who and when in the booking's history; declining moves the booking
// to the "declined" tray. The request's state is what the appointment shows.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kairos/booking.hpp"
#include "kairos/notify.hpp"
#include "kairos/result.hpp"
#include "kairos/time.hpp"
#include "kairos/zone.hpp"

namespace kairos::core {

enum class RequestState : std::uint8_t { pending_send, sent, accepted, declined, cancelled };
const char* to_string(RequestState s);
Result<RequestState> parse_request_state(std::string_view text);  // "invalid_state"

inline constexpr Minutes request_hold{10};

struct ConfirmationRequest {
  std::string id;
  std::vector<std::string> booking_uids;
  std::vector<std::string> recipients;  // e-mail addresses, trimmed
  bool allow_decline = true;
  std::string message;                  // the host's edited text, empty = the template's
  std::string language = "en";         // the page's: recipients who are not a guest
  // Per recipient (same order): the language of their mails. create_request fills it:
  // a recipient who is a guest of one of the bookings gets that guest's language.
  std::vector<std::string> recipient_languages;
  Instant created_at;
  Instant send_at;                      // created_at + request_hold
  RequestState state = RequestState::pending_send;
  std::string responded_by;             // the address that accepted or declined
  Instant responded_at;
  std::string decline_reason;
  friend bool operator==(const ConfirmationRequest&, const ConfirmationRequest&) = default;
};

// The other active bookings of the same guest (same e-mail, case-insensitive) whose
// start falls in the same ISO week (Monday–Sunday on `zone`'s wall clock) as `booking`,
// in start order. The booking itself is not listed.
std::vector<std::string> suggest_related(const std::vector<Booking>& bookings, const Booking& booking,
                                         const ZoneRules& zone);
// Where suggest_related looks: the ISO week of `booking`'s start on `zone`'s wall clock
// (local midnight on Monday to local midnight a week later). A caller loads the guest's
// bookings that start in it.
Interval related_span(const Booking& booking, const ZoneRules& zone);

struct RequestOutcome {
  ConfirmationRequest request;
  std::vector<Booking> bookings;              // the bookings changed by this step
  std::vector<PlannedMessage> messages;
  std::vector<std::string> cancel_key_prefixes;  // e.g. the held mail of a cancelled request
  // Scheduled messages of each changed booking to cancel (its reminders after a decline).
  std::vector<std::string> booking_cancel_key_prefixes;
};

// Creates a request held until now + 10 min. Errors: "missing_field" (no booking, no
// recipient), "invalid_email" (a recipient), "unknown_booking" (a uid not in
// `bookings`), "illegal_transition" (a booking not active).
// Messages: one mail per recipient at send_at (Accept, and Decline when allowed), key
// "request:<id>:mail:recipient:<address>".
Result<RequestOutcome> create_request(const ConfirmationRequest& draft, const std::vector<Booking>& bookings,
                                      Instant now);

// The state to show at `now`: a pending_send request whose hold has passed is sent.
RequestState visible_state(const ConfirmationRequest& r, Instant now);

// The host withdraws the request inside the hold (undo). Error "request_already_sent".
Result<RequestOutcome> withdraw_request(const ConfirmationRequest& r, Instant now);

// The states in which a request follows its bookings, so that a change or deletion of
// one is told to its recipients: held, sent and accepted (R-REQ-3: whoever confirmed
// hears of a later change). Declined and cancelled requests are closed.
std::vector<RequestState> states_following_bookings();

// Whether a booking that reached `status` is gone for its requests, which then tell
// their recipients as of a deletion (on_booking_deleted): it was cancelled or
// rejected. Any other change is on_booking_changed.
bool gone_for_requests(BookingStatus status);

// A booking of the request was deleted. Inside the hold: the request is cancelled (if
// it has no booking left) and nothing is sent; after sending: a cancellation mail to
// every recipient.
RequestOutcome on_booking_deleted(const ConfirmationRequest& r, const Booking& deleted, Instant now);

// A booking of the request changed (time, place...). After sending: an update mail to
// every recipient; inside the hold nothing (the held mail renders the current data).
RequestOutcome on_booking_changed(const ConfirmationRequest& r, const Booking& changed, Instant now);

// The recipient `who` accepts: the request is accepted, each booking gets a history
// entry "request_accepted" (detail: who) at now and a pending booking becomes approved;
// the hosts get a mail. Errors: "request_not_sent" (still held), "request_closed"
// (already answered or cancelled), "forbidden" (`who` is not a recipient).
Result<RequestOutcome> accept_request(const ConfirmationRequest& r, const std::vector<Booking>& bookings,
                                      const std::string& who, Instant now, const NotificationSettings& settings = {});

// The recipient declines: each booking leaves the calendar — it is cancelled (its time
// is free again, its reminders and follow-up are cancelled) and moves to the
// "declined" tray — with a history entry "request_declined"; the hosts get a mail. Errors as accept, plus
// "decline_not_allowed".
Result<RequestOutcome> decline_request(const ConfirmationRequest& r, const std::vector<Booking>& bookings,
                                       const std::string& who, const std::string& reason, Instant now,
                                       const NotificationSettings& settings = {});

// The language of recipient `address`'s mails (recipient_languages, else r.language).
std::string recipient_language(const ConfirmationRequest& r, const std::string& address);

}  // namespace kairos::core
