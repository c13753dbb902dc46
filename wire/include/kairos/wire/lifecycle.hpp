// JSON mapping of the lifecycle values (booking, planned messages, settings, proposals,
// confirmation requests, e-mail checks, rendered messages) for the server's store and
// API and for the widget. Field names are the snake_case names of the core's members;
// enums are written with their to_string names. Readers never throw and blame the field.
#pragma once

#include "kairos/booking.hpp"
#include "kairos/confirmation.hpp"
#include "kairos/edit.hpp"
#include "kairos/email.hpp"
#include "kairos/lifecycle.hpp"
#include "kairos/notify.hpp"
#include "kairos/proposal.hpp"
#include "kairos/templates.hpp"
#include "kairos/wire/availability.hpp"  // to_json(Hold)
#include "kairos/wire/json_mapping.hpp"

namespace kairos::core {
void to_json(nlohmann::json& j, const Guest& g);
void to_json(nlohmann::json& j, const HistoryEntry& h);
void to_json(nlohmann::json& j, const Booking& b);
void to_json(nlohmann::json& j, const PlannedMessage& m);
void to_json(nlohmann::json& j, const NotificationSettings& s);
void to_json(nlohmann::json& j, const Transition& t);
void to_json(nlohmann::json& j, const ProposalGuest& g);
void to_json(nlohmann::json& j, const Proposal& p);
void to_json(nlohmann::json& j, const ChangeSet& c);
void to_json(nlohmann::json& j, const ConfirmationRequest& r);
void to_json(nlohmann::json& j, const RequestOutcome& o);
void to_json(nlohmann::json& j, const EmailCheck& c);
void to_json(nlohmann::json& j, const RenderedMessage& m);
}  // namespace kairos::core

namespace kairos::wire {

// Optional members take the core's defaults when absent. read_booking reads a whole
// core::Booking (availability.hpp's read_existing_booking reads the slot engine's
// ExistingBooking).
Result<core::Guest> read_guest(const Json& j, std::string_view field);
Result<core::Booking> read_booking(const Json& j, std::string_view field);
Result<core::NotificationSettings> read_notification_settings(const Json& j, std::string_view field);
Result<core::Proposal> read_proposal(const Json& j, std::string_view field);
Result<core::ConfirmationRequest> read_confirmation_request(const Json& j, std::string_view field);
// A page's "notifications" object as the API takes it ({reminders_minutes: [..],
// sms_reminders, host_reminders, follow_up_minutes, no_show_mail, host_language}) onto
// `base` (which carries auto-approval and the page language).
Result<core::NotificationSettings> read_page_notifications(const Json& j, std::string_view field,
                                                           core::NotificationSettings base);
// The body of PATCH /v1/admin/bookings/{uid}: start, end, hosts (non-empty list of
// ids), room (non-empty id), guidance (≤ 5000), guests (non-empty list, each with an
// e-mail), send_mail, visibility, notify.
Result<core::BookingEdit> read_booking_edit(const Json& j);

}  // namespace kairos::wire
