// Kairos and the tools a business already uses (R-INT-1…3, docs/INTEGRATIONS.md):
//  - calendar feeds in: a host's iCalendar subscriptions and uploads, fetched by a
//    background pass (never on a request), expanded into busy blocks kept in memory
//    per host and in the database, added to the core's inputs like any busy block;
//  - feeds out: secret, revocable iCalendar URLs of a host's, room's or account's
//    bookings and proposal holds;
//  - webhooks: events written to the outbox in the change's transaction and delivered,
//    signed, at least once and in order per booking by their own worker.
#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "kairos/booking.hpp"
#include "kairos/slots.hpp"

namespace kairos::server {
class App;
namespace http {
class Router;
}

namespace integ {
struct State;

// Opens the integration tables (on the store's database: the SQLite file or
// PostgreSQL) and loads the busy blocks of every calendar. Called once at start-up;
// without it everything is a no-op.
void start(App& app);
// Before the store closes: stops listening to the other instances.
void stop(App& app);

// Adds the host calendars' busy blocks overlapping `span` to `in.hosts` (build_inputs).
void add_calendar_busy(App& app, core::AvailabilityInputs& in, core::Interval span);

// One pass of the fetcher: fetches the calendars whose refresh is due, re-expands
// uploads daily, tells owners about feeds that keep failing. Returns calendars fetched.
std::size_t run_calendar_pass(App& app);

struct WebhookStats {
  std::size_t sent = 0, retried = 0, failed = 0;
};
// One pass of webhook delivery (the outbox rows of channel "webhook").
WebhookStats run_webhooks_once(App& app);

// The event planner of webhooks: call inside the store transaction of the change.
// `subject` orders deliveries (a booking uid, "proposal:<id>", "request:<id>").
// `event_id` (default: a fresh one) names the event to receivers, who de-duplicate by it.
void emit_event(App& app, const std::string& account_id, const std::string& type, const std::string& subject,
                const nlohmann::json& data, const std::string& event_id = "");
// The events of one booking change (before = nullptr for a new booking); action is
// the lifecycle action when there was one.
void emit_booking_events(App& app, const std::string& account_id, const core::Booking* before,
                         const core::Booking& after, const core::BookingAction* action);

void register_routes(App& app, http::Router& r);

// Prometheus lines: feed states and ages, webhook deliveries.
void render_metrics(App& app, std::string& out);

}  // namespace integ
}  // namespace kairos::server
