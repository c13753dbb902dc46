// JSON of the owner's configuration documents the server stores: hosts (hosts.doc),
// pages (pages.doc), and the small token documents of an account (its settings, a room's
// location, a template override). The only place these documents meet JSON: the request
// readers check a body and give the typed document, the writers give the stored (and
// echoed) JSON, and the stored readers read a stored text back once.
//
// Stored readers fail on a wrong type or a missing required member: a corrupt document
// is reported ("corrupt_document" through read_stored_text), never read as empty.
//
// The writers keep what a request left out out of the document (a weekday not given, an
// event type's buffers not given): the admin API echoes documents as stored, and an
// absent buffer means the 15-minute default, not a stored 15.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "kairos/explain.hpp"
#include "kairos/front_office.hpp"
#include "kairos/language.hpp"
#include "kairos/notify.hpp"
#include "kairos/slots.hpp"
#include "kairos/templates.hpp"
#include "kairos/wire/json_mapping.hpp"

namespace kairos::wire {

// Stored texts are read back with read_stored_text (json_mapping.hpp), e.g.
// read_stored_text(doc, read_host_document, "host").

// A page's or event type's id as the API takes it: 1..64 of letters, digits, '-', '_'.
bool valid_public_id(const std::string& id);

// --- hosts -----------------------------------------------------------------------------

struct HostDocument {
  std::string name, email, timezone;
  std::string language;  // "" = not set (their mails then follow the page)
  std::string phone;     // "" = none
  std::string location;  // "" = none (a location id of the account)
  std::optional<bool> sms_reminders;  // absent: off
  std::optional<bool> sms_arrivals;   // absent: on
  // Each weekday as given; a weekday left out has no hours (core::WeeklyHours).
  std::array<std::optional<std::vector<core::LocalInterval>>, 7> weekly_hours;
  std::vector<core::DateOverride> overrides;
  std::vector<core::BusyBlock> busy;

  bool texts_reminders() const { return sms_reminders.value_or(false); }
  bool texts_arrivals() const { return sms_arrivals.value_or(true); }
  core::WeeklyHours weekly() const;
  // The slot engine's host (id and zone rules are the server's).
  core::Host schedule(std::string id, core::ZoneRules zone) const;
};

Json host_document(const HostDocument& h);
Result<HostDocument> read_host_document(const Json& j, std::string_view field);
// A host as the API takes it ({name, email, timezone, language?, phone?, location?,
// sms_reminders?, sms_arrivals?, weekly_hours?, overrides?, busy?}); weekly_hours absent
// = Monday to Friday 09:00–17:00. `zone_known` answers whether a time zone id exists
// (the zone database is the server's; "unknown_zone" otherwise). The hours are checked
// by the core (core::validate).
Result<HostDocument> read_host_request(const Json& body, const std::function<bool(const std::string&)>& zone_known);

// GET/PUT /v1/admin/me/sms: the SMS settings of a login's host.
Json host_sms_view(const std::string& host_id, const HostDocument& h);
// A host as the admin API answers it: the stored document and its id.
Json host_view(const std::string& id, const HostDocument& h);
// PUT /v1/admin/hosts/{id}: the stored host with the body's members over it, to be read
// again by read_host_request (fields left out keep their values; the whole is checked).
Json host_update(const HostDocument& stored, const Json& body);

// --- pages -----------------------------------------------------------------------------

struct PageEventType {
  std::string id;
  core::LocalizedText name;
  std::int64_t duration_minutes = 0;
  // Left out when not given (the policy's defaults then apply).
  std::optional<std::int64_t> slot_interval_minutes, buffer_before_minutes, buffer_after_minutes, min_notice_minutes;
  std::optional<core::BookingWindow> window;
  std::optional<core::Limits> limits;
  std::optional<std::vector<std::string>> rooms;
  bool auto_approve = true;
  std::string location;  // a location id of the account or free text; "" = none
  std::optional<core::LocalizedText> description;
};

struct PageDocument {
  core::LocalizedText name, description;
  std::string language = "en";
  std::string logo;  // "" = none
  bool enabled = true;
  std::vector<std::string> hosts;
  core::HostMode host_mode = core::HostMode::any;
  // As given (checked by read_page_notifications); read with notification_settings.
  std::optional<Json> notifications;
  std::optional<std::vector<core::TemplateOverride>> templates;
  std::vector<PageEventType> event_types;

  const PageEventType* event_type(std::string_view id) const;
  // Whether an event type offers the room (then the room cannot be deleted).
  bool offers_room(std::string_view room_id) const;
};

Json page_event_type_document(const PageEventType& e);
Json page_document(const PageDocument& p);
Result<PageDocument> read_page_document(const Json& j, std::string_view field);
// A page as the API takes it. `host_known` / `room_known` answer whether an id is one of
// the account's ("unknown_host" / "unknown_room" otherwise).
Result<PageDocument> read_page_request(const Json& body, const std::function<bool(const std::string&)>& host_known,
                                       const std::function<bool(const std::string&)>& room_known);
// A page as the admin API answers it: the stored document and its id.
Json page_view(const std::string& id, const PageDocument& p);
// POST /v1/admin/pages: the id the body asks for (nullopt: none given, the server picks
// one); "invalid_id" when it is no public id.
Result<std::optional<std::string>> read_page_id(const Json& body);
// GET /v1/admin/pages/{id}/embed: {page, mode, snippet}.
Json embed_view(const std::string& page, const std::string& mode, const std::string& snippet);
// The slot engine's policy of an event type (wire::read_event_policy's defaults).
Result<core::EventPolicy> event_policy(const PageEventType& e);
// The page's notification settings onto `base` (read_page_notifications).
Result<core::NotificationSettings> notification_settings(const PageDocument& p, core::NotificationSettings base);

// GET /v1/pages/{page}: the public view (no e-mail addresses, no internal ids beyond
// event types and hosts). Owner content in `language`, else the page's; as stored (a
// string or a language map) when `language` is empty.
struct PublicHost {
  std::string id, name, timezone;
};
Json public_page_view(const PageDocument& p, const std::vector<PublicHost>& hosts,
                      const std::function<std::optional<core::Location>(const std::string&)>& location,
                      std::string_view language);

// --- an account's small documents (token_docs) ------------------------------------------

// "account_settings": each "" when not set.
struct AccountSettings {
  std::string sender_name, logo, language;
};
Json account_settings_document(const AccountSettings& s);
Result<AccountSettings> read_account_settings_document(const Json& j, std::string_view field);

// GET/PUT /v1/admin/account: the account's id and name with its settings.
Json account_view(const std::string& id, const std::string& name, const AccountSettings& s);
// PUT /v1/admin/account: {name, sender_name?, logo?, language?} over the current
// settings. Names are one line of 1 to 120 characters without quotes or angle brackets
// (trimmed; "invalid_name"), sender_name "" goes back to the business name, a logo is an
// http(s) address ("invalid_url"), a language one of the supported ones.
struct AccountUpdate {
  std::string name;
  AccountSettings settings;
};
Result<AccountUpdate> read_account_request(const Json& body, AccountSettings current);

// --- rooms -------------------------------------------------------------------------------

// POST/PUT /v1/admin/rooms: {name, location?}. A name is 1 to 200 characters of one line.
struct RoomRequest {
  std::string name;
  std::optional<std::string> location;  // an id the server checks against the account
};
Result<RoomRequest> read_room_request(const Json& body);
// A room as the admin API answers it; "location" only when given (a list leaves out an
// empty one, so rooms without one keep their old shape).
Json room_view(const std::string& id, const std::string& name, const std::optional<std::string>& location);

// "room_location": the location of a room ({"location": id}).
Json room_location_document(const std::string& location);
Result<std::string> read_room_location_document(const Json& j, std::string_view field);

// "template": an account's override of one template in one language.
Json template_override_document(const core::TemplateOverride& t);
Result<core::TemplateOverride> read_template_override_document(const Json& j, std::string_view field);

// "suppression": an address that bounced, with the bounce that suppressed it.
Json suppression_document(const std::string& address, const std::string& bounce);

// --- the console's views of an account's records ---------------------------------------

// A list answer: {"items": [...], "next_cursor": cursor or null}.
Json list_view(Json items, const std::optional<std::string>& next_cursor = std::nullopt);
// A list under its own name: {"<key>": [...]} (hosts, rooms, pages, feeds, …), and with
// "next_cursor" (cursor or null) where the list pages.
Json collection_view(std::string_view key, std::vector<Json> items);
Json collection_view(std::string_view key, std::vector<Json> items, const std::optional<std::string>& next_cursor);

// GET /v1/admin/pages/{page}/explain: {page, event_type, date, tz, now, starts}.
Json explain_view(const std::string& page, const std::string& event_type, const std::string& date,
                  const std::string& tz, core::Instant now, const std::vector<core::StartExplanation>& starts);
// POST /v1/admin/hosts/preview: {tz, days: {"YYYY-MM-DD": [{start, end}]}}, every day of
// from..to present (empty when free time is none), each free interval under the local
// date (in `zone`) it starts on.
Json host_preview_view(const std::string& tz, const core::ZoneRules& zone, core::LocalDate from, core::LocalDate to,
                       const std::vector<core::Interval>& free);
// POST /v1/admin/requests/preview: one mail a request would send.
struct MailPreview {
  std::string recipient, template_key;
  core::Instant send_at;
  std::string subject, text, html;
};
Json mail_preview_view(const MailPreview& m);

// GET /v1/admin/templates/{key}/{lang}: the default text and the override, if any
// (subject and body null unless overridden with a non-empty text).
Json template_view(const std::string& key, const std::string& lang, const core::TemplateOverride* override);
// The placeholders a template may name.
Json placeholder_list();
// POST /v1/admin/templates/{key}/{lang}/preview: the rendered message.
Json template_preview(const std::string& key, const std::string& lang, const core::RenderedMessage& m);

// A staff login as the console lists it (no password hash: "invited" until one is set).
struct StaffView {
  std::string id, name, email, role, language, host;  // host "" = none (null)
  bool invited = false;
  core::Instant created_at;
};
Json staff_view(const StaffView& s);
// GET /v1/admin/session: who is signed in (`staff` absent: an API key).
Json session_view(const std::string& account, const std::string& account_name, const std::string& role,
                  bool via_session, const std::optional<StaffView>& staff);
// An API key; `key` (the secret) only in the answer that creates it.
Json api_key_view(const std::string& id, const std::string& name, core::Instant created_at,
                  const std::optional<std::string>& key = std::nullopt);
// A message of the outbox as a record's view lists it: {id, template, recipient, state},
// with "last_error" or "send_at" where that view shows them.
struct MessageSummary {
  std::int64_t id = 0;
  std::string template_key, recipient, state;
  std::optional<std::string> last_error;
  std::optional<core::Instant> send_at;
};
Json message_summary(const MessageSummary& m);
// A record's view (a proposal, request or inquiry) with its outbox messages under "messages".
Json with_messages(Json view, std::vector<Json> messages);
// GET /v1/admin/bookings/{uid}/related: a list answer naming the booking it is about.
Json related_bookings_view(const std::string& booking, std::vector<Json> items);
// GET /v1/admin/templates(/{key}/{lang}): the views with the placeholders a template may name.
Json template_list_view(std::vector<Json> items);
Json template_detail_view(const std::string& key, const std::string& lang, const core::TemplateOverride* override);

// {"status": "accepted"} of an action that mails later.
Json accepted_view();
// {"status": status} ("ok" of GET /health).
Json status_view(std::string_view status);

// GET /v1/pages/{page}: the public view (public_page_view) with the page's id, the
// account's logo when the page has none (`account_logo` "" = none), and whether mail
// really leaves this server.
Json guest_page_view(Json public_view, const std::string& id, const std::string& account_logo, bool mail_delivery);

// What the widget reads of GET /v1/pages/{page} (guest_page_view over public_page_view).
// Lenient on purpose, as read_booking_summary: a member absent or of another type keeps
// its default (owner content empty, a list empty, `mail_delivery` and `duration_minutes`
// unset), an element of a list that is no object reads as all defaults. Owner content
// stays as sent (a string, or a language map when no language was asked for): the
// widget picks the guest's language, else the page's (LocalizedText::in).
struct PublicOffice {  // an event type's stored location, as the guest sees it
  std::string id;
  core::LocalizedText name, address;
};
struct PublicEventType {
  std::string id;
  core::LocalizedText name, description;
  std::optional<int> duration_minutes;
  std::string location;                 // a word ("video", "phone") when no office is named
  std::optional<PublicOffice> office;   // "location" as an object
};
struct PublicPage {
  std::string id, language, host_mode, logo;
  core::LocalizedText name, description;
  std::optional<bool> mail_delivery;
  std::vector<PublicHost> hosts;
  std::vector<PublicEventType> event_types;
};
PublicPage read_public_page(const Json& j);

}  // namespace kairos::wire
