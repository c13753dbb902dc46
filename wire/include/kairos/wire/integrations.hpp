// JSON of the integrations (server/integrations/): calendar subscriptions and their
// stored busy blocks, iCalendar feeds, webhooks, their deliveries and the event
// envelope receivers get. The server's only mapping of these; it keeps the rows and the
// network. Instants are written as the API's RFC 3339 text; absent ones as null.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kairos/slots.hpp"
#include "kairos/wire/json_mapping.hpp"

namespace kairos::wire {

// --- calendar subscriptions ------------------------------------------------------------
// GET /v1/admin/hosts/{host}/calendars/{id}: a subscription (url set) or an upload.
struct CalendarView {
  std::string id, host, name, url;  // url empty: an upload
  bool busy = true;
  int refresh_minutes = 30;
  std::int64_t events = 0, failures = 0;
  std::string last_error;
  std::optional<core::Instant> last_fetched, last_attempt;
  std::size_t busy_blocks = 0;
};
// "stale": a subscription whose last attempt failed or that was never read;
// "age_seconds": since the last good copy (`now` − last_fetched).
Json calendar_view(const CalendarView& c, core::Instant now);

// The busy blocks of a calendar as stored (calendars.blocks): {"t": [[start, end] in
// unix seconds], "d": [days since 1970-01-01]}; compact because a feed holds thousands.
std::string calendar_blocks_document(const std::vector<core::BusyBlock>& blocks);
// "" reads as no blocks; anything else that does not read back is "corrupt_document".
Result<std::vector<core::BusyBlock>> read_calendar_blocks(std::string_view stored);

// The settings a subscription takes at creation and in a PATCH: busy (a boolean,
// invalid_type) and refresh_minutes (5..10080, invalid_refresh).
struct CalendarSettings {
  std::optional<bool> busy;
  std::optional<int> refresh_minutes;
};
// POST: name (required, 1..200), exactly one of url (a subscription; webcal:// read as
// https://) or ics (the text of an upload), and the settings.
struct CalendarRequest {
  std::string name;
  std::optional<std::string> url, ics;
  CalendarSettings settings;
};
Result<CalendarRequest> read_calendar_request(const Json& body);
// PATCH: name (1..200) and the settings, each optional.
struct CalendarChange {
  std::optional<std::string> name;
  CalendarSettings settings;
};
Result<CalendarChange> read_calendar_change(const Json& body);

// --- feeds ---------------------------------------------------------------------------------
struct FeedView {
  std::string id, url, scope, target;  // target empty for an account's feed (null)
  std::optional<core::Instant> created;  // absent in the 201 answer
};
Json feed_view(const FeedView& f);
// POST /v1/admin/feeds: exactly one of host (an id), room (an id) or account: true
// (invalid_scope otherwise). `target` is the id given, empty for the account.
struct FeedRequest {
  std::string scope, target;
};
Result<FeedRequest> read_feed_request(const Json& body);

// --- webhooks ------------------------------------------------------------------------------
struct WebhookView {
  std::string id, url;
  std::vector<std::string> events;
  std::string notify_email, disabled_reason;  // "" = null
  bool enabled = true;
  std::int64_t failures = 0;
  core::Instant created;
};
Json webhook_view(const WebhookView& w);
// POST /v1/admin/webhooks: url (required string; the server checks the target), events
// (required: a non-empty list of `known` types or "*", kept once each; invalid_events,
// unknown_event), secret (16..200, invalid_secret), notify_email (an address ≤ 320,
// invalid_email). Absent or null optional members stay unset.
struct WebhookRequest {
  std::string url;
  std::vector<std::string> events;
  std::optional<std::string> secret, notify_email;
};
Result<WebhookRequest> read_webhook_request(const Json& body, const std::vector<std::string>& known);
// PATCH: url, events and enabled (a boolean), each optional.
struct WebhookChange {
  std::optional<std::string> url;
  std::optional<std::vector<std::string>> events;
  std::optional<bool> enabled;
};
Result<WebhookChange> read_webhook_change(const Json& body, const std::vector<std::string>& known);

// One delivery of a webhook (GET …/deliveries). `state` is the outbox state; a
// scheduled one shows as "retrying" after an attempt, else "pending".
struct DeliveryView {
  std::int64_t id = 0;
  std::string event, type, subject, state, last_error;
  std::int64_t attempts = 0;
  core::Instant created;
  std::optional<core::Instant> delivered, next_attempt;
};
Json delivery_view(const DeliveryView& d);
// POST …/deliveries/{did}/redeliver: the new delivery, {"id", "state": "pending"}.
Json redelivery_view(std::int64_t id);
// POST /v1/admin/webhooks: the view with the secret, shown this once.
Json webhook_created_view(const WebhookView& w, const std::string& secret);
// POST …/calendars/{cid}/refresh: {"id", "refresh": "queued"}.
Json calendar_refresh_view(const std::string& id);

// The data of a booking.rescheduled event: the booking's view with the time it had
// before under "previous" ({start, end}).
Json rescheduled_data(Json booking_view, const core::Interval& previous);

// The body a receiver gets: {"id", "type", "created", "data"}.
std::string webhook_event(std::string_view id, std::string_view type, core::Instant created, const Json& data);

// --- SMS gateway ---------------------------------------------------------------------------
// The body POSTed to the SMS gateway: {"id", "to", "text"} (the id doubles as the
// Idempotency-Key).
std::string sms_gateway_body(std::string_view id, std::string_view to, std::string_view text);

// --- test endpoints (--test-clock) -----------------------------------------------------------
// POST /v1/test/clock: {"now"}.
Json clock_view(core::Instant now);
// POST /v1/test/tick: what one pass of mail and webhook delivery did.
struct PassCounts {
  std::size_t sent = 0, retried = 0, failed = 0;
};
Json tick_view(core::Instant now, const PassCounts& mail, const PassCounts& webhooks);

}  // namespace kairos::wire
