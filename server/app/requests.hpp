// The stored documents of proposals and confirmation requests (routes_proposals.cpp
// writes them), shared with the console's listings (routes_console.cpp).
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "app.hpp"
#include "kairos/booking.hpp"
#include "kairos/confirmation.hpp"
#include "kairos/proposal.hpp"

namespace kairos::server {

nlohmann::json proposal_doc(const core::Proposal& p);
nlohmann::json request_doc(const core::ConfirmationRequest& r);
core::ConfirmationRequest request_from(const nlohmann::json& stored);
// A request as staff see it: visible state, its bookings' times and states.
nlohmann::json request_view(App& app, const core::ConfirmationRequest& r);
// Stores the bookings a request step changed (history, status, tray).
void store_changed_bookings(App& app, const std::vector<core::Booking>& changed);

}  // namespace kairos::server
