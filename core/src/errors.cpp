// The error-code registry (errors.hpp). Keep sorted by code; docs/ERRORS.md is
// generated from the same entries by the test errors.registry (it fails when they differ).
#include "kairos/errors.hpp"

#include <algorithm>

namespace kairos::core {

const std::vector<ErrorCode>& error_codes() {
  static const std::vector<ErrorCode> codes{
      {"already_exists", 409, "error.already_exists", "the id is taken (pages keep their ids after deletion)"},
      {"bad_credentials", 401, "error.bad_credentials", "wrong e-mail or password"},
      {"bad_request", 400, "error.bad_request", "the request could not be parsed as HTTP"},
      {"booking_not_found", 404, "error.booking_not_found", "no such booking, or not this account's, or a wrong token"},
      {"candidate_in_past", 422, "error.candidate_in_past", "a proposed candidate has already begun"},
      {"candidate_taken", 409, "error.candidate_taken", "a proposed candidate is not free for its host or rooms"},
      {"corrupt_document", 500, "error.corrupt_document", "a stored document could not be read back (never the caller's fault)"},
      {"cross_origin", 403, "error.cross_origin", "a cookie-authenticated change came from another origin"},
      {"decline_not_allowed", 409, "error.decline_not_allowed", "the confirmation request can only be accepted"},
      {"duplicate_candidate", 422, "error.duplicate_candidate", "two candidates start at the same time"},
      {"duplicate_host", 422, "error.duplicate_host", "a host is listed twice"},
      {"duplicate_id", 422, "error.duplicate_id", "two event types share an id"},
      {"edit_conflict", 409, "error.edit_conflict", "the booking changed since it was read (stale version); reload and retry"},
      {"forbidden", 403, "error.forbidden", "the actor may not do this (e.g. a guest approving, a stranger answering a request)"},
      {"idempotency_key_reused", 422, "error.idempotency_key_reused", "the Idempotency-Key was used with another body"},
      {"illegal_transition", 409, "error.illegal_transition", "the booking's state does not allow the action"},
      {"immutable_field", 422, "error.immutable_field", "send_mail or visibility, fixed at creation, cannot change"},
      {"in_past", 422, "error.in_past", "the new time has already begun"},
      {"internal_error", 500, "error.internal_error", "an unexpected server fault"},
      {"invalid_action", 422, "error.invalid_action", "unknown action name"},
      {"invalid_actor", 422, "error.invalid_actor", "unknown actor name"},
      {"invalid_buffer", 422, "error.invalid_buffer", "a buffer is negative or longer than a day"},
      {"invalid_content_length", 400, "error.invalid_content_length", "the Content-Length header is malformed"},
      {"invalid_cursor", 422, "error.invalid_cursor", "the list cursor is malformed or from another list"},
      {"invalid_date", 422, "error.invalid_date", "not a YYYY-MM-DD date"},
      {"invalid_duration", 422, "error.invalid_duration", "the duration (or end) is not 1 to 1440 whole minutes"},
      {"invalid_email", 422, "error.invalid_email", "not a valid e-mail address"},
      {"invalid_host", 422, "error.invalid_host", "a host's document is not usable by the slot engine"},
      {"invalid_host_mode", 422, "error.invalid_host_mode", "host_mode is \"any\" or \"all\""},
      {"invalid_hours", 422, "error.invalid_hours", "working hours are malformed or overlap"},
      {"invalid_id", 422, "error.invalid_id", "ids use letters, digits, '-' and '_' (at most 64)"},
      {"invalid_idempotency_key", 422, "error.invalid_idempotency_key", "the Idempotency-Key is empty or longer than 200 characters"},
      {"invalid_instant", 422, "error.invalid_instant", "not an RFC 3339 instant"},
      {"invalid_interval", 422, "error.invalid_interval", "the end is not after the start"},
      {"invalid_json", 400, "error.invalid_json", "the body is not valid JSON"},
      {"invalid_limit", 422, "error.invalid_limit", "a per-day or per-week limit is out of range"},
      {"invalid_link", 400, "error.invalid_link", "a signed link is malformed or tampered with"},
      {"invalid_min_notice", 422, "error.invalid_min_notice", "the minimum notice is out of range"},
      {"invalid_mode", 422, "error.invalid_mode", "the embed mode is inline, popup or floating"},
      {"invalid_name", 422, "error.invalid_name", "the account name has line breaks, quotes or angle brackets, or is too long"},
      {"invalid_number", 422, "error.invalid_number", "not a number in range"},
      {"invalid_offset", 422, "error.invalid_offset", "a zone offset is out of range"},
      {"invalid_range", 422, "error.invalid_range", "to is before from"},
      {"invalid_role", 422, "error.invalid_role", "a staff role is \"owner\" or \"staff\""},
      {"invalid_rooms", 422, "error.invalid_rooms", "the event type's rooms are malformed"},
      {"invalid_state", 422, "error.invalid_state", "unknown request state"},
      {"invalid_status", 422, "error.invalid_status", "unknown booking status"},
      {"invalid_time", 422, "error.invalid_time", "not an HH:MM time"},
      {"invalid_tray", 422, "error.invalid_tray", "the only tray is \"declined\""},
      {"invalid_type", 422, "error.invalid_type", "a value has the wrong JSON type"},
      {"invalid_visibility", 422, "error.invalid_visibility", "visibility is \"public\" or \"private\""},
      {"invalid_weekday", 422, "error.invalid_weekday", "weekdays are mon … sun"},
      {"invalid_window", 422, "error.invalid_window", "the booking window is malformed"},
      {"invalid_zone", 422, "error.invalid_zone", "a zone table is malformed"},
      {"last_owner", 409, "error.last_owner", "the account's last owner cannot be removed or demoted"},
      {"limit_reached", 409, "error.limit_reached", "the hosts free then are at their per-day or per-week limit"},
      {"link_expired", 410, "error.link_expired", "the signed link has expired"},
      {"link_used", 410, "error.link_used", "the single-use link was used before"},
      {"method_not_allowed", 405, "error.method_not_allowed", "the path exists, the method does not"},
      {"missing_field", 422, "error.missing_field", "a required field is absent or empty"},
      {"no_recipient", 422, "error.no_recipient", "a message has no address to go to"},
      {"not_a_candidate", 422, "error.not_a_candidate", "that time was not proposed"},
      {"not_ended", 409, "error.not_ended", "a booking completes only after its end"},
      {"not_found", 404, "error.not_found", "no such resource (or not this account's)"},
      {"off_slot_grid", 422, "error.off_slot_grid", "inside working time, but not a start the grid offers"},
      {"out_of_range", 422, "error.out_of_range", "a number is outside its allowed range"},
      {"outside_availability", 422, "error.outside_availability", "no host works for the whole slot"},
      {"outside_booking_window", 422, "error.outside_booking_window", "the start is outside the event type's booking window"},
      {"page_disabled", 409, "error.page_disabled", "the page is disabled: it offers nothing and takes no bookings"},
      {"page_not_found", 404, "error.page_not_found", "no such page (or it was deleted, or has no hosts)"},
      {"payload_too_large", 413, "error.payload_too_large", "the body is larger than the server accepts"},
      {"proposal_closed", 409, "error.proposal_closed", "the proposal was already chosen or withdrawn"},
      {"range_too_long", 422, "error.range_too_long", "the date range is longer than allowed"},
      {"rate_limited", 429, "error.rate_limited", "too many bookings from this client; see Retry-After"},
      {"request_already_sent", 409, "error.request_already_sent", "the confirmation request left its undo window"},
      {"request_closed", 409, "error.request_closed", "the confirmation request was already answered or cancelled"},
      {"request_not_sent", 409, "error.request_not_sent", "the confirmation request is still inside its undo window"},
      {"room_in_use", 409, "error.room_in_use", "an event type still offers the room"},
      {"room_unavailable", 409, "error.room_unavailable", "none of the proposed rooms is free then"},
      {"slot_unavailable", 409, "error.slot_unavailable", "the time is taken (busy, booked, held, or no free room)"},
      {"too_late", 422, "error.too_late", "a guest's own action after the appointment began"},
      {"too_long", 422, "error.too_long", "a text is longer than allowed"},
      {"too_many_attempts", 429, "error.too_many_attempts", "too many wrong passwords; wait for Retry-After"},
      {"too_soon", 422, "error.too_soon", "the start is before now + the minimum notice"},
      {"unauthorized", 401, "error.unauthorized", "no or an unknown API key / booking token"},
      {"unavailable", 503, "error.unavailable", "the server is shutting down or overloaded"},
      {"unchanged", 422, "error.unchanged", "the booking is already at that time"},
      {"unknown_booking", 422, "error.unknown_booking", "a listed booking is not one of this request's"},
      {"unknown_event_type", 422, "error.unknown_event_type", "the page has no such event type"},
      {"unknown_host", 422, "error.unknown_host", "no such host (of this account or page)"},
      {"unknown_room", 422, "error.unknown_room", "no such room (of this account or event type)"},
      {"unknown_template", 422, "error.unknown_template", "no such message template"},
      {"unknown_zone", 422, "error.unknown_zone", "not a time zone of the tz database"},
      {"unrenderable", 500, "error.unrenderable", "a message could not be rendered (its booking is gone or its data unreadable)"},
      {"unsupported_language", 422, "error.unsupported_language", "one of en, ja, fi, de, hu"},
      {"weak_password", 422, "error.weak_password", "a password has 8 to 200 characters"},
      {"wrong_link_purpose", 400, "error.wrong_link_purpose", "the signed link is for another action"},
  };
  return codes;
}

const ErrorCode* find_error_code(std::string_view code) {
  const auto& all = error_codes();
  auto it = std::lower_bound(all.begin(), all.end(), code,
                             [](const ErrorCode& e, std::string_view c) { return e.code < c; });
  return it != all.end() && it->code == code ? &*it : nullptr;
}

int http_status_of(std::string_view code) {
  const ErrorCode* e = find_error_code(code);
  return e ? e->http_status : 422;
}

}  // namespace kairos::core
