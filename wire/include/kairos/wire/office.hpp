// JSON of the back office's flows: the stored documents of bookings, proposals and
// confirmation requests, the request bodies and answers of their endpoints, and the
// payload an outbox message carries to the mail composer. The server's only mapping of
// these; lifecycle.hpp's to_json/read_* map the core values themselves.
//
// Readers of stored documents take the stored text and fail with "corrupt_document"
// (the field and the reader's reason in the message) on anything that does not read
// back: a corrupt row is reported, never read as empty or defaulted. Readers of request
// bodies return the API's codes and blame the field. Nothing here throws.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kairos/wire/lifecycle.hpp"

namespace kairos::wire {

// --- stored documents ----------------------------------------------------------------
std::string proposal_document(const core::Proposal& p);  // with its holds (derived)
Result<core::Proposal> read_proposal_document(std::string_view stored);
std::string request_document(const core::ConfirmationRequest& r);
Result<core::ConfirmationRequest> read_request_document(std::string_view stored);

// A booking's document holds what its store row's columns do not (uid, page,
// event_type, start, end, hosts, room, status, checkin_code and created_at are columns).
std::string booking_document(const core::Booking& b);
// Reads `stored` ("" reads as {}) onto the row's values in `columns`, which win.
Result<core::Booking> read_booking_document(std::string_view stored, const core::Booking& columns);

// --- answers --------------------------------------------------------------------------
// A booking as the API shows it: the core value, "host" (the first), "arrived_at" once
// checked in and, for staff, the latest confirmation request's visible state.
struct RequestBadge {
  std::string id;
  core::RequestState state;
};
Json booking_view(const core::Booking& b, const std::optional<RequestBadge>& request = std::nullopt);
// 201 of a booking just made (POST /v1/bookings, a chosen proposal): uid, status, start,
// end, host, hosts, token, and room and checkin_code when set.
Json created_booking_view(const core::Booking& b, std::string_view token);

// GET /v1/admin/bookings/{uid} adds to booking_view what staff may do now, the messages
// that could not be delivered (failed sends and later bounces, R-INQ-4) with the guest's
// phone as the way to reach them, and the version an edit sends back.
struct DeliveryProblem {
  std::optional<std::string> bounce;  // a bounce reported later (its id); else a failed send
  std::int64_t message = 0;
  std::string template_key, channel, recipient, error;
  std::optional<std::string> status, suggestion;  // of a bounce
};
struct BookingDetail {
  std::vector<core::BookingAction> actions;
  std::vector<DeliveryProblem> problems;
  std::string fallback_phone;
  std::int64_t version = 0;
};
void add_booking_detail(Json& view, const BookingDetail& d);

// GET /v1/checkin/{code}: only what the visitor needs (a guessed code shows no guest's
// name): the hosts' names and, when a room is held, its id and name.
Json checkin_view(const core::Booking& b, const std::vector<std::string>& host_names, std::string_view room_name);

// One message of GET /v1/admin/outbox; "details" is its stored payload (left out when it
// is no JSON object).
struct OutboxMessageView {
  std::int64_t id = 0;
  std::string booking, key, template_key, channel, recipient;
  core::Instant send_at;
  std::string state;
  bool handed_off = false;
  std::int64_t attempts = 0;
  std::string last_error;
  std::optional<core::Instant> sent_at;
  std::string payload;
};
Json outbox_message_view(const OutboxMessageView& m);

// What the widget reads of any booking the API answers it (created_booking_view,
// booking_view, the rows of a request view): members absent or of another type stay
// empty (a request's rows carry no token or host), and `when` is unset unless start and
// end read as an interval. Lenient on purpose: the widget shows what it got.
struct BookingSummary {
  std::string uid, status, token, page, event_type, host;
  std::optional<core::Interval> when;
};
BookingSummary read_booking_summary(const Json& j);
// An answer that carries the booking under "booking" (GET /v1/bookings/{uid}, a
// reschedule, a chosen proposal) or is the booking itself (created_booking_view):
// read_booking_summary of the one present.
BookingSummary read_booking_answer(const Json& j);
// The problem+json of a failed answer ({type, title, status, code, detail, field?}, the
// server's http::problem): code, detail and field, each "" when absent or no string.
core::Error read_problem(const Json& j);

// GET /v1/proposals/{token}: what the guest sees (no addresses). `state` is the row's;
// "status" is the widget's word for it (withdrawn = "readjusted").
Json proposal_guest_view(const core::Proposal& p, std::string_view state, std::string_view host_name);
// What the widget reads of it: "state" (else "status"), the host's message and the
// candidates that read as intervals; lenient as read_booking_summary (absent = default).
struct PublicProposal {
  std::string state, message;
  std::vector<core::Interval> candidates;
};
PublicProposal read_public_proposal(const Json& j);

// A confirmation request for staff: its document with the visible "state" (also as
// "status") and one row per booking that still exists. For the holder of a link
// (`for_recipient`): without recipients, their languages and the guests' names.
Json request_view(const core::ConfirmationRequest& r, core::RequestState visible,
                  const std::vector<core::Booking>& bookings, bool for_recipient = false);
// What the widget reads of the link holder's view (GET /v1/requests/{token}): "state"
// (else "status"), the message, allow_decline (false unless a boolean true) and each
// row as read_booking_summary reads it; lenient, absent = default.
struct PublicRequest {
  std::string state, message;
  bool allow_decline = false;
  std::vector<BookingSummary> bookings;
};
PublicRequest read_public_request(const Json& j);
// The answer to accept/decline: the request's document without recipients.
Json request_answer_view(const core::ConfirmationRequest& r);
// POST /v1/admin/proposals and …/requests: the new record's id, its token and the link
// that opens it (a request adds when it is sent and each recipient's own link).
Json proposal_created_view(const std::string& id, const std::string& token, const std::string& url);
Json request_created_view(const std::string& id, core::Instant send_at, const std::string& token,
                          const std::string& url, const std::vector<std::pair<std::string, std::string>>& recipient_urls);
// A proposal as staff see it (GET /v1/admin/proposals): its document with the row's
// id, the visible state and the row's times.
Json proposal_admin_view(const core::Proposal& p, const std::string& id, std::string_view state,
                         core::Instant created_at, core::Instant updated_at);
// {"state": state} of an action's answer ("withdrawn").
Json state_view(std::string_view state);

// --- the widget's browser events (docs/WIDGET.md, "Events") -----------------------------
// kairos:loaded {page, screen}: "calendar" (booking) or "link" (a guest link's screen).
Json loaded_event(const std::string& page, std::string_view screen);
// kairos:slotSelected {start, end, timezone}: the time picked and the guest's zone.
Json slot_selected_event(const core::Interval& when, const std::string& timezone);
// kairos:bookingSuccessful {uid, status, start, end}.
Json booking_successful_event(const std::string& uid, const std::string& status, const core::Interval& when);
// kairos:bookingFailed {code, status}: the answer's code and HTTP status (0: no answer).
Json booking_failed_event(const std::string& code, int status);
// kairos:inquirySent {id, kind}: the new inquiry's id, "booking_request" or "question".
Json inquiry_sent_event(const std::string& id, bool booking_request);

// --- request bodies --------------------------------------------------------------------
// A list of strings (`key` of `body`): "missing_field" when `required` and absent,
// "invalid_type" when not a list of at most `max` strings.
Result<std::vector<std::string>> read_string_list(const Json& body, std::string_view key, bool required,
                                                  std::size_t max = 100);

// The "guest" of a new booking (POST /v1/bookings, the console's phone booking): name
// (required, one line, ≤ 200), email (required, a valid address, normalised; ≤ 320),
// phone ≤ 40, company ≤ 200, timezone ≤ 64 (the server checks the zone exists),
// language ≤ 16.
Result<core::Guest> read_guest_request(const Json& body);
// POST /v1/bookings: page, event_type, start, guest, notes (≤ 5000).
struct BookingRequest {
  std::string page, event_type;
  core::Instant start;
  core::Guest guest;
  std::string notes;
};
Result<BookingRequest> read_booking_request(const Json& body);

// The bodies the widget sends, written as the readers here read them (OfficeWire tests
// read each back): POST /v1/bookings; a reschedule or a proposal's choice ({"start"});
// a re-adjust ({"message"}); a decline ({"reason"}). Text a guest typed that is not
// valid UTF-8 is replaced, never a failed dump.
std::string booking_request_body(const BookingRequest& r);
std::string start_body(core::Instant start);
std::string message_body(const std::string& message);
std::string reason_body(const std::string& reason);

// POST /v1/admin/proposals: page, event_type, host (one id, as host_ids), candidates
// (1..50 {start, end}), rooms, guests (≤ 50 {name, company, email, language}, each ≤ 320),
// message and location (≤ 5000), send_mail, visibility. Existence is the server's check.
Result<core::Proposal> read_proposal_request(const Json& body);
// POST /v1/proposals/{token}/choose: {"start"}.
Result<core::Instant> read_proposal_choice(const Json& body);
// POST /v1/proposals/{token}/readjust: an optional {"message"} (≤ 2000 kept).
Result<std::string> read_readjust_request(const Json& body);

// POST /v1/admin/confirmation-requests (and its preview): bookings and recipients
// (required lists), allow_decline, message (≤ 5000 kept). The id is the caller's.
Result<core::ConfirmationRequest> read_request_draft(const Json& body);
// The optional "reason" of a step (a booking's cancel or reject, a declined request):
// ≤ 2000 kept; a member of another type, or a body that is no object, gives none.
std::string read_reason(const Json& body);
// The "version" a booking edit was made from (optimistic concurrency): an integer
// (invalid_type), absent = none.
Result<std::optional<std::int64_t>> read_edit_version(const Json& body);
// The office (location id) of a booking edit; absent = unchanged.
Result<std::optional<std::string>> read_edit_location(const Json& body);

// POST /v1/requests/{token}/accept|decline: optional reason (read_reason) and email;
// members of another type are ignored, as the route always did.
struct RequestAnswer {
  std::string reason, email;
};
RequestAnswer read_request_answer(const Json& body);

// --- outbox payloads -----------------------------------------------------------------
// What an outbox message tells the composer besides its template and recipient.
// Planned messages carry role, address, language, actions and importance; a request's
// cancellation of a booking deleted meanwhile carries that appointment (`gone`);
// prerendered mails (front office, integrations' notices) carry their subject and text.
struct GoneAppointment {
  std::string booking;
  core::Interval when;
  std::string guest_name;
  std::int64_t sequence = 0;
  // The guest's zone and the appointment's page and service: the cancellation names
  // the time as the guest reads it and the service, though the booking is gone.
  std::string guest_timezone, page, event_type, guest_email;
};
struct MessagePayload {
  std::optional<std::string> role;      // guest, host, attendee, recipient, staff, front
  std::optional<std::string> address;   // a planned message's core address
  std::optional<std::string> language;
  std::optional<std::vector<core::SignedAction>> actions;
  std::optional<bool> important;
  std::optional<bool> prerendered;
  std::optional<std::string> subject, text;
  std::optional<GoneAppointment> gone;
};
// Only the members set are written.
Json message_payload(const MessagePayload& p);
// A planned message's payload (role, address, language, actions, important).
MessagePayload planned_payload(const core::PlannedMessage& m);
// "corrupt_document" when not an object or a member has the wrong type; unknown
// actions are skipped (an old payload may name one no longer offered).
Result<MessagePayload> read_message_payload(std::string_view stored);

}  // namespace kairos::wire
