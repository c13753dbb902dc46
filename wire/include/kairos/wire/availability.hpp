// The JSON mapping of the slot engine's inputs and outputs. The server answers
// GET /v1/pages/{page}/availability with exactly to_json(AvailabilityInputs); the
// widget decodes it with read_availability_inputs and calls free_slots, so both
// compute the same slots by construction. Field names follow the API (API.md):
//
//   AvailabilityInputs {"now", "mode": "any"|"all", "event_type": EventPolicy,
//                       "hosts": [Host], "rooms": [Room], "bookings": [Booking], "holds": [Hold]}
//   EventPolicy  {"id", "duration_minutes", "slot_interval_minutes"?, "buffer_before_minutes"?,
//                 "buffer_after_minutes"?, "min_notice_minutes"?,
//                 "window"?: {"rolling_days": N} | {"from": date, "to": date},
//                 "limits"?: {"per_day"?, "per_week"?}, "rooms"?: [id], "auto_approve"?}
//   Host         {"id", "timezone", "zone"?: ZoneRules, "weekly_hours"?: {"mon": [["09:00","17:00"]], …},
//                 "overrides"?: [{"date", "hours": [[from, to]]}], "busy"?: [Busy], "priority"?}
//   Busy         {"start", "end"} | {"date"} (all-day)
//   Room         {"id", "busy"?: [{"start", "end"}]}
//   Booking      {"id", "hosts": [id], "room"?, "start", "end", "buffer_before_minutes"?, "buffer_after_minutes"?}
//   Hold         {"id", "hosts": [id], "rooms"?: [id], "start", "end"}
//   Slot         {"start", "end", "hosts": [id], "rooms"?: [id]}
//   Assignment   {"start", "end", "hosts": [id], "room"?}
// Optional fields take the core's defaults when absent (weekly_hours absent =
// Mon–Fri 09:00–17:00; a weekday key absent from a present weekly_hours = no hours;
// slot_interval_minutes absent = the duration), except the event type's buffers:
// absent = 15 minutes each, R-PAGE-4's default (seed 003). Encoders write every field.
// Readers never throw; errors carry the JSON path of the field at fault.
#pragma once

#include "kairos/slots.hpp"
#include "kairos/wire/json_mapping.hpp"

namespace kairos::core {
void to_json(nlohmann::json& j, const LocalInterval& i);
void to_json(nlohmann::json& j, const WeeklyHours& w);
void to_json(nlohmann::json& j, const DateOverride& o);
void to_json(nlohmann::json& j, const BusyBlock& b);
void to_json(nlohmann::json& j, const Host& h);
void to_json(nlohmann::json& j, const BookingWindow& w);
void to_json(nlohmann::json& j, const Limits& l);
void to_json(nlohmann::json& j, const EventPolicy& p);
void to_json(nlohmann::json& j, HostMode m);
void to_json(nlohmann::json& j, const ExistingBooking& b);
void to_json(nlohmann::json& j, const Hold& h);
void to_json(nlohmann::json& j, const Room& r);
void to_json(nlohmann::json& j, const AvailabilityInputs& in);
void to_json(nlohmann::json& j, const Slot& s);
void to_json(nlohmann::json& j, const DaySlots& d);
void to_json(nlohmann::json& j, const Assignment& a);
}  // namespace kairos::core

namespace kairos::wire {

inline constexpr int kDefaultBufferMinutes = 15;

// ["09:00", "17:00"]; "24:00" allowed as an end.
Result<core::LocalInterval> read_local_interval(const Json& j, std::string_view field);
Result<core::WeeklyHours> read_weekly_hours(const Json& j, std::string_view field);
Result<std::vector<core::DateOverride>> read_overrides(const Json& j, std::string_view field);
Result<std::vector<core::BusyBlock>> read_busy_blocks(const Json& j, std::string_view field);
Result<core::HostMode> read_host_mode(const Json& j, std::string_view field);
// The event type as the admin API and the availability document spell it. Reads and
// validates (core::validate) the policy.
Result<core::EventPolicy> read_event_policy(const Json& j, std::string_view field);
// "zone" (rules) is optional here: the admin API sends only "timezone", and the
// server loads the rules itself; without "zone" the host's zone is left empty.
Result<core::Host> read_host(const Json& j, std::string_view field);
Result<core::Room> read_room(const Json& j, std::string_view field);
Result<core::ExistingBooking> read_existing_booking(const Json& j, std::string_view field);
Result<core::Hold> read_hold(const Json& j, std::string_view field);
// The whole availability document; every host must carry its "zone" rules.
Result<core::AvailabilityInputs> read_availability_inputs(const Json& j, std::string_view field);
// GET /v1/pages/{page}/availability: the inputs with the page's id under "page".
Json availability_view(const core::AvailabilityInputs& in, const std::string& page);

}  // namespace kairos::wire
