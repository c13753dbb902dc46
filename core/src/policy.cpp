// Which event-type policies make sense, with the API's field names in the errors.
#include "kairos/policy.hpp"

#include "kairos/booking.hpp"

#include <algorithm>

namespace kairos::core {

const char* to_string(HostMode m) { return m == HostMode::all ? "all" : "any"; }

Status validate(const EventPolicy& p) {
  constexpr auto kDay = max_appointment_length;
  if (p.duration <= Minutes(0) || p.duration > kDay) {
    return make_error("invalid_duration", "the duration must be 1 to 1440 minutes", "duration_minutes");
  }
  if (p.interval < Minutes(0) || p.interval > kDay) {
    return make_error("invalid_interval", "the slot interval must be 0 (= duration) to 1440 minutes",
                      "slot_interval_minutes");
  }
  if (p.buffer_before < Minutes(0) || p.buffer_before > kDay) {
    return make_error("invalid_buffer", "a buffer must be 0 to 1440 minutes", "buffer_before_minutes");
  }
  if (p.buffer_after < Minutes(0) || p.buffer_after > kDay) {
    return make_error("invalid_buffer", "a buffer must be 0 to 1440 minutes", "buffer_after_minutes");
  }
  if (p.min_notice < Minutes(0)) {
    return make_error("invalid_min_notice", "the minimum notice cannot be negative", "min_notice_minutes");
  }
  if (p.window.kind == BookingWindow::Kind::rolling_days && (p.window.rolling_days < 1 || p.window.rolling_days > 36600)) {
    return make_error("invalid_window", "rolling_days must be 1 to 36600", "window.rolling_days");
  }
  if (p.window.kind == BookingWindow::Kind::absolute && p.window.to < p.window.from) {
    return make_error("invalid_window", "the window ends before it starts", "window.to");
  }
  if (p.limits.per_day && *p.limits.per_day < 1) {
    return make_error("invalid_limit", "a limit must be at least 1", "limits.per_day");
  }
  if (p.limits.per_week && *p.limits.per_week < 1) {
    return make_error("invalid_limit", "a limit must be at least 1", "limits.per_week");
  }
  for (std::size_t i = 0; i < p.room_ids.size(); ++i) {
    if (p.room_ids[i].empty() || std::find(p.room_ids.begin(), p.room_ids.begin() + static_cast<std::ptrdiff_t>(i),
                                           p.room_ids[i]) != p.room_ids.begin() + static_cast<std::ptrdiff_t>(i)) {
      return make_error("invalid_rooms", "room ids must be distinct and not empty", "rooms");
    }
  }
  return ok_status();
}

}  // namespace kairos::core
