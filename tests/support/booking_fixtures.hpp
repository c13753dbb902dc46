// Test helpers for the lifecycle suites: a typical booking and compact views of planned
// messages, so that tables of expectations stay readable.
#pragma once

#include <string>
#include <vector>

#include "kairos/booking.hpp"
#include "kairos/notify.hpp"
#include "test_zones.hpp"

namespace kairos::testing {

// A 30-minute approved booking on 2026-03-10 14:00 UTC with host "h1" and a guest who
// has a phone, language "en".
inline core::Booking sample_booking(core::BookingStatus status = core::BookingStatus::approved) {
  core::Booking b;
  b.uid = "b1";
  b.page_id = "demo";
  b.event_type_id = "intro";
  b.when = {utc("2026-03-10T14:00:00Z"), utc("2026-03-10T14:30:00Z")};
  b.host_ids = {"h1"};
  b.status = status;
  b.guest = {"Ada Lovelace", "ada@example.com", "+358401234567", "Analytical Ltd", "Europe/Helsinki", "en"};
  b.created_at = utc("2026-03-01T09:00:00Z");
  b.history.push_back({b.created_at, core::Actor::guest, "created", ""});
  return b;
}

// "key role template channel send_at [actions]" — one line per message.
inline std::string describe(const core::PlannedMessage& m) {
  std::string s = m.key + " " + core::to_string(m.role) + (m.address.empty() ? "" : "=" + m.address) + " " +
                  m.template_key + " " + m.language + " " + core::to_string(m.channel) + " " +
                  core::format_instant(m.send_at) + " [";
  for (std::size_t i = 0; i < m.actions.size(); ++i) s += (i ? "," : "") + std::string(core::to_string(m.actions[i]));
  return s + "]" + (m.important ? " important" : "");
}

inline std::vector<std::string> describe(const std::vector<core::PlannedMessage>& ms) {
  std::vector<std::string> out;
  for (const auto& m : ms) out.push_back(describe(m));
  return out;
}

}  // namespace kairos::testing
