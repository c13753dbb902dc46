// The front office (issue 14, seeds 000 and 004): locations, labels, inquiries, the
// unconverted report, bounces, guest search, manual mail and the reception kiosk.
// Locations, labels, inquiries, bounce records and report settings are documents in
// the store's token_docs table (kinds "location", "label", "inquiry", "bounce",
// "front_settings"), so every store implementation carries them without new methods.
// Locations, labels and inquiries are the core's records (core::Location, Label,
// Inquiry) written and read only through wire/front_office.hpp.
// The rules (states, the next-day rule, report contents, search normalisation, DSN
// parsing, texts) are the core's (kairos/front_office.hpp); this is the glue.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "app.hpp"
#include "kairos/booking.hpp"
#include "kairos/front_office.hpp"
#include "kairos/notify.hpp"
#include "kairos/result.hpp"
#include "kairos/wire/documents.hpp"

namespace kairos::server {

void register_front_routes(App& app, http::Router& r);

// --- the stored records (wire/'s documents in token_docs; a corrupt row throws) ------
core::Location location_from(const store::TokenDoc& d);
core::Label label_from(const store::TokenDoc& d);
core::Inquiry inquiry_from(const store::TokenDoc& d);
core::BounceRecord bounce_from(const store::TokenDoc& d);
// The record's row: `state` for locations and labels ("live", "deleted"); an inquiry's
// state, created and updated times are its own.
store::TokenDoc location_row(const core::Location& l, const std::string& state, core::Instant created, core::Instant updated);
store::TokenDoc label_row(const core::Label& l, const std::string& state, core::Instant created, core::Instant updated);
store::TokenDoc inquiry_row(const core::Inquiry& q);
store::TokenDoc bounce_row(const core::BounceRecord& b, const std::string& state, core::Instant created,
                           core::Instant updated);
// Rows of `kind` of the account in the given states.
std::vector<store::TokenDoc> account_docs(App& app, const char* kind, const std::vector<const char*>& states,
                                          const std::string& account);

// A live location of `account_id`, or nullopt.
std::optional<core::Location> find_location(App& app, const std::string& account_id, const std::string& id);
// The location of an outbox message's owner: a booking uid (the visit's office),
// "inquiry:<id>", "proposal:<id>" or "request:<id>" (its first booking's); empty when none.
std::string message_owner_location(App& app, const std::string& account_id, const std::string& owner);
// The account's live labels.
std::vector<core::Label> account_labels(App& app, const std::string& account_id);
// An inquiry of `account_id`, or nullopt.
std::optional<core::Inquiry> find_inquiry(App& app, const std::string& account_id, const std::string& id);
// Every change of a stored inquiry: in one transaction it is read back, moved by `event`
// through the core's state machine (history, timestamps), changed by `edit`, stored and
// returned. "not_found" when it is not the account's; `edit`'s error rolls back.
core::Result<core::Inquiry> change_inquiry(App& app, const std::string& account_id, const std::string& id,
                                           std::optional<core::InquiryEvent> event, const std::string& detail,
                                           const std::function<core::Status(core::Inquiry&)>& edit = {});

// The name of the account's location `id` in `language`; empty when `id` is not one
// (a free-text location, or none).
std::string location_name(App& app, const std::string& account_id, const std::string& id, const std::string& language);
// "Name, address" (and " · room name") for mails and .ics; `location` may be a location
// id or, for older event types, free text, which is returned as it is.
std::string location_text(App& app, const std::string& account_id, const std::string& location,
                          const std::string& room_id, const std::string& language);
// 422 unknown_location unless `id` is empty or a location of the account.
core::Status check_location(App& app, const std::string& account_id, const std::string& id, const std::string& field);
// 422 unknown_label unless every id is a label of the account.
core::Result<std::vector<std::string>> read_labels(App& app, const std::string& account_id, const nlohmann::json& v);
core::Status check_labels(App& app, const std::string& account_id, const std::vector<std::string>& ids);

// A room's location (rooms have no document of their own: kept as token doc "room_location").
std::string room_location(App& app, const std::string& room_id);
void set_room_location(App& app, const std::string& account_id, const std::string& room_id, const std::string& location);

// Queues an already written message (front-office mails and SMS) in the outbox.
void queue_message(App& app, const std::string& account_id, const std::string& owner, const std::string& key,
                   const std::string& template_key, const std::string& channel, const std::string& recipient,
                   const std::string& subject, const std::string& text, const nlohmann::json& extra = {});

// A guest's address changed on `owner` (a booking uid or "inquiry:<id>"): what failed to
// the old address is queued again for the new one, scheduled mail follows the new one.
// Returns how many messages were re-sent.
std::size_t resend_failed(App& app, const std::string& account, const std::string& owner, const std::string& old_address,
                          const std::string& new_address);
// The same for a booking edited by staff, and its bounces marked corrected.
std::size_t address_corrected(App& app, const std::string& account, const std::string& booking,
                              const std::string& old_address, const std::string& new_address);

// True when mail to `address` is suppressed after a bounce (until it is corrected).
bool suppressed(App& app, const std::string& account_id, const std::string& address);


// The account's settings beside its name (Setup → Account): {sender_name, logo, language},
// each "" when not set. Stored as token doc "account_settings" (wire::AccountSettings; a
// corrupt one throws, stored.hpp).
wire::AccountSettings stored_account_settings(App& app, const std::string& account_id);
void put_account_settings(App& app, const std::string& account_id, const wire::AccountSettings& settings);
// The display name of the account's mails: its sender_name, else its name, else `fallback`.
std::string account_sender(App& app, const std::string& account_id, const std::string& fallback);

// The account's report settings (defaults when none are stored; a corrupt row throws).
core::ReportSettings report_settings(App& app, const std::string& account_id);
void put_report_settings(App& app, const std::string& account_id, const core::ReportSettings& s, core::Instant created);

// The zone an inquiry's dates are counted in: its location's, else the report settings'.
std::string inquiry_zone(App& app, const std::string& account_id, const std::string& location);
core::LocalDate local_date(App& app, const std::string& zone, core::Instant t);
// The unconverted report of `date` (location empty = every location), oldest first.
std::vector<core::Inquiry> report_items(App& app, const std::string& account_id, core::LocalDate date, const std::string& location);

// The reception kiosk's guess limit (10 wrong codes per client per 10 minutes), shared
// by GET and POST /v1/checkin/{code}; codes compare upper-case without spaces or dashes.
bool checkin_guess_allowed(App& app, const std::string& client, int& retry_after);
void checkin_guess_wrong(App& app, const std::string& client);
std::string normalize_checkin_code(const std::string& raw);

// Scheduled work: awaiting replies → unconverted, the daily report mail, bounce polling.
void front_sweep(App& app);
// One poll of the bounce mailbox (--bounce-imap); returns how many reports it matched.
std::size_t poll_bounces(App& app);
// Matches one raw DSN message; true when it named one of our messages.
bool handle_bounce(App& app, const std::string& raw);

}  // namespace kairos::server
