// JSON of the front office's records (locations, labels, inquiries): the API's views,
// the documents the server stores (token_docs.doc) and the API's request bodies. The
// only place these records meet JSON. Stored documents carry neither the id, the
// account nor an inquiry's state (the store's row holds them); readers of stored
// documents fail on a wrong type or a missing required member so a corrupt row is
// reported, never silently defaulted.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kairos/front_office.hpp"
#include "kairos/wire/json_mapping.hpp"

namespace kairos::core {
// A single text as a string, texts per language as an object.
void to_json(nlohmann::json& j, const LocalizedText& t);
// Views: the stored document with "id" (an inquiry's also with "state" and "updated").
void to_json(nlohmann::json& j, const Location& l);
void to_json(nlohmann::json& j, const Label& l);
void to_json(nlohmann::json& j, const InquiryHistoryEntry& h);
void to_json(nlohmann::json& j, const InquiryReply& r);
void to_json(nlohmann::json& j, const Inquiry& q);
// The report settings as GET answers them ("" for an unset time or date).
void to_json(nlohmann::json& j, const ReportSettings& s);
}  // namespace kairos::core

namespace kairos::wire {

// --- owner content in several languages --------------------------------------------
// A name or description of a page, service or location is a string or a map of language
// → text ({"en": "Intro call", "ja": "初回相談"}); the guest sees their language, else the
// page's (core::LocalizedText::in).

// As stored: a string or a map of strings (a wrong type fails: a corrupt row).
Result<core::LocalizedText> read_localized(const Json& j, std::string_view field);
// As a request gives it: a string (`required`: not empty), or a non-empty map of supported
// languages (unsupported_language) to non-empty texts; each at most `max` bytes
// (too_long) and, for names (`single_line`), one line (control_character). Errors name
// the field, or field.lang for one language's text.
Result<core::LocalizedText> read_localized_request(const Json& j, std::string_view field, bool required,
                                                   std::size_t max, bool single_line);
// The text of a stored value in `language`, else `fallback`, else English, else any; ""
// when `j` is null or not owner content.
std::string localized_in(const Json* j, std::string_view language, std::string_view fallback);

// --- stored documents --------------------------------------------------------------
Json location_document(const core::Location& l);
Result<core::Location> read_location_document(const Json& j, std::string_view field);
Json label_document(const core::Label& l);
Result<core::Label> read_label_document(const Json& j, std::string_view field);
Json inquiry_document(const core::Inquiry& q);
Result<core::Inquiry> read_inquiry_document(const Json& j, std::string_view field);
Json bounce_document(const core::BounceRecord& b);
Result<core::BounceRecord> read_bounce_document(const Json& j, std::string_view field);
// The API's view of a bounce (GET /v1/admin/bounces): its document with id and state.
Json bounce_view(const core::BounceRecord& b, std::string_view state);
Json report_settings_document(const core::ReportSettings& s);
Result<core::ReportSettings> read_report_settings_document(const Json& j, std::string_view field);

// --- views -------------------------------------------------------------------------
// An inquiry as staff see it: with "booking_draft" (what the console fills a new booking
// with when it converts the inquiry) and, given its location, "location_name".
Json inquiry_view(const core::Inquiry& q, const core::Location* location);
// POST /v1/inquiries: {id, state} of the new inquiry.
Json inquiry_created_view(const core::Inquiry& q);
// What the widget reads of it: the id ("" when absent or no string).
std::string read_inquiry_created(const Json& j);
// GET /v1/admin/reports/daily: {date, location (null: all), count, items}.
Json daily_report_view(core::LocalDate date, const std::string& location, const std::vector<core::Inquiry>& items);
// GET /v1/admin/search: {q, bookings, inquiries}.
Json search_view(const std::string& q, std::vector<Json> bookings, std::vector<Json> inquiries);
// POST /v1/admin/messages: one booking's outcome, "skipped" ("no_email", "suppressed")
// when nothing was queued ("" = queued).
Json manual_message_view(const std::string& booking, const std::string& recipient, std::string_view skipped);
// POST /v1/checkin/{code}: only what the visitor needs, no guest list.
struct ArrivalView {
  bool already = false;
  core::Interval when;
  std::vector<std::string> hosts;
  std::optional<std::string> room;
  std::optional<core::LocalizedText> location;
};
Json arrival_view(const ArrivalView& a);

// --- request bodies ----------------------------------------------------------------
// POST (`create`: name and address required) or PUT (members present replace `base`'s)
// of a location: name and address a non-empty string or a map of language → text,
// phone ≤ 40, timezone a string (the server checks the zone exists).
Result<core::Location> read_location_request(const Json& body, core::Location base, bool create);
// POST of a label: name, kind required; color, staff, location optional; check_label.
Result<core::Label> read_label_request(const Json& body);
// PUT of a label: name and color; the kind stays ("immutable_field").
Result<core::Label> read_label_change(const Json& body, core::Label base);
// A list of ids (labels), at most `max`, duplicates dropped.
Result<std::vector<std::string>> read_id_list(const Json& j, std::string_view field, std::size_t max);

// POST /v1/inquiries: page, kind, guest {name, email, phone}, message, wished_times
// (≤ 10 intervals), language (a supported one), location.
struct InquiryRequest {
  std::string page;
  core::InquiryInput input;
  std::optional<std::string> language, location;
};
Result<InquiryRequest> read_inquiry_request(const Json& body);
// The same body as the widget sends it (read back by read_inquiry_request in the tests).
std::string inquiry_request_body(const InquiryRequest& r);

// PATCH /v1/admin/inquiries/{id}: labels (ids), location, staff (≤ 64), state (closed
// or new, through core::event_to_reach).
struct InquiryChange {
  std::optional<std::vector<std::string>> labels;
  std::optional<std::string> location, staff;
  std::optional<core::InquiryEvent> event;
};
Result<InquiryChange> read_inquiry_change(const Json& body);

// PUT /v1/admin/reports/settings onto `base`: report_time (HH:MM), timezone (the server
// checks the zone exists), language, subscribers (≤ 100 e-mail addresses, normalised).
Result<core::ReportSettings> read_report_settings_request(const Json& body, core::ReportSettings base);

// One required string member of a body, `min`..`max` bytes long (`code` otherwise).
Result<std::string> read_text_member(const Json& body, std::string_view key, std::size_t min, std::size_t max,
                                     std::string_view code);

}  // namespace kairos::wire
