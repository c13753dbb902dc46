// The booking policy of one event type: how long an appointment lasts, how often a
// start is offered, the buffers around it, how soon and how far ahead it may be
// booked, per-host limits and the rooms it needs. Plain values; validate() is the
// one place that decides which policies make sense, with codes the API returns.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kairos/result.hpp"
#include "kairos/time.hpp"

namespace kairos::core {

// When bookings may start. Rolling: starts in [now, now + N × 24 h). Absolute: starts
// whose local date, in the zone of the responsible (first) host, is within
// [from, to] inclusive. Default: unlimited.
struct BookingWindow {
  enum class Kind : std::uint8_t { unlimited, rolling_days, absolute };
  Kind kind = Kind::unlimited;
  int rolling_days = 0;
  LocalDate from;
  LocalDate to;

  static BookingWindow rolling(int days) { return BookingWindow{Kind::rolling_days, days, {}, {}}; }
  static BookingWindow between(LocalDate from, LocalDate to) { return BookingWindow{Kind::absolute, 0, from, to}; }
  friend bool operator==(const BookingWindow&, const BookingWindow&) = default;
};

// Maximum bookings per host per local day / local week (Monday–Sunday, ISO), counted
// in the host's own zone by the local date of each booking's start.
struct Limits {
  std::optional<int> per_day;
  std::optional<int> per_week;
  friend bool operator==(const Limits&, const Limits&) = default;
};

struct EventPolicy {
  std::string id;
  Minutes duration{30};
  Minutes interval{0};  // 0 = the duration (R-PAGE-3's default)
  Minutes buffer_before{0};
  Minutes buffer_after{0};
  Minutes min_notice{0};
  BookingWindow window;
  Limits limits;
  std::vector<std::string> room_ids;  // empty = no room needed; else one of these
  bool auto_approve = true;

  // The step of the slot grid: `interval`, or `duration` when interval is 0.
  Minutes step() const { return interval.count() > 0 ? interval : duration; }
  friend bool operator==(const EventPolicy&, const EventPolicy&) = default;
};

enum class HostMode : std::uint8_t { any, all };
const char* to_string(HostMode m);

// Codes (field in the API's names): invalid_duration (duration_minutes: 1..1440),
// invalid_interval (slot_interval_minutes: 0..1440), invalid_buffer
// (buffer_before_minutes / buffer_after_minutes: 0..1440), invalid_min_notice
// (min_notice_minutes: >= 0), invalid_window (window: rolling_days >= 1, from <= to),
// invalid_limit (limits.per_day / limits.per_week: >= 1), invalid_rooms (rooms: no
// empty or duplicate id).
Status validate(const EventPolicy& policy);

}  // namespace kairos::core
