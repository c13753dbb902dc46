// How the Store's typed values become columns and back, shared by both implementations
// (sqlite_store.cpp, postgres/pg_store.cpp): instants are unix seconds, statuses their
// words, and "not yet" (handed_off_at, sent_at) is 0. Nothing outside store/ sees these.
// A row that does not read back (an unknown status word) is a store fault: it throws,
// so it answers 500 and is logged instead of being taken for some other state.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

#include "kairos/booking.hpp"
#include "kairos/time.hpp"
#include "store.hpp"

namespace kairos::server::store::columns {

inline std::int64_t seconds(core::Instant t) { return t.unix_seconds(); }
inline std::int64_t seconds(const std::optional<core::Instant>& t) { return t ? t->unix_seconds() : 0; }
inline core::Instant instant(std::int64_t s) { return core::Instant::from_unix_seconds(s); }
inline std::optional<core::Instant> instant_or_none(std::int64_t s) {
  if (s == 0) return std::nullopt;
  return core::Instant::from_unix_seconds(s);
}

inline core::BookingStatus booking_status(const std::string& word) {
  auto s = core::parse_booking_status(word);
  if (!s) throw std::runtime_error("corrupt booking row: status '" + word + "'");
  return *s;
}
inline OutboxState outbox_state(const std::string& word) {
  auto s = parse_outbox_state(word);
  if (!s) throw std::runtime_error("corrupt outbox row: state '" + word + "'");
  return *s;
}

// The core's live statuses as an SQL list, `('pending','approved',…)`, and its longest
// appointment in seconds: the conflict queries of both stores are built from these, so
// which bookings hold their time and how far back one may start stay the core's rules.
inline std::string live_status_list() {
  std::string in;
  for (auto st : core::active_statuses()) in += std::string(in.empty() ? "('" : ",'") + core::to_string(st) + "'";
  return in + ")";
}
inline std::string longest_appointment_seconds() {
  return std::to_string(core::Seconds(core::max_appointment_length).count());
}

}  // namespace kairos::server::store::columns
