// The stored documents of proposals and confirmation requests (routes_proposals.cpp
// writes them), shared with the console's listings (routes_console.cpp).
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "app.hpp"
#include "bookings.hpp"  // proposal_from, request_from
#include "kairos/booking.hpp"
#include "kairos/confirmation.hpp"
#include "kairos/proposal.hpp"

namespace kairos::server {

// A request as staff see it (wire::request_view): visible state, its bookings' times and
// states; `for_recipient`: as the holder of its link sees it.
nlohmann::json request_view(App& app, const core::ConfirmationRequest& r, bool for_recipient = false);
// The `limit` query parameter of a list: 1..1000 digits only, `fallback` when absent;
// 422 invalid_limit otherwise.
core::Result<std::size_t> read_limit(const http::Request& req, std::size_t fallback);
// A `from`/`to` query parameter: an instant, or a date (its UTC midnight); nullopt when
// absent. The parse error names the parameter.
core::Result<std::optional<core::Instant>> instant_or_date(const http::Request& req, const char* name);

// The strings listed under `key` (at most 100; wire::read_string_list); missing_field
// when `required` and absent.
core::Result<std::vector<std::string>> string_list(const nlohmann::json& body, const char* key, bool required);
// The confirmation request a POST body describes (bookings, recipients, allow_decline,
// message) under a fresh id; both creating and previewing a request read it here.
core::Result<core::ConfirmationRequest> read_request_draft(const nlohmann::json& body);
// Stores the bookings a request step changed (history, status, tray).
void store_changed_bookings(App& app, const std::vector<core::Booking>& changed);

}  // namespace kairos::server
