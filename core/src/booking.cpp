// Names of the booking vocabulary: the stable snake_case words used in the API, the
// store and the widget, and their parsers.
#include "kairos/booking.hpp"

#include <array>

namespace kairos::core {
namespace {

template <class E, std::size_t N>
Result<E> parse_name(std::string_view text, const std::array<const char*, N>& names, const char* code,
                     const char* what) {
  for (std::size_t i = 0; i < N; ++i) {
    if (text == names[i]) return static_cast<E>(i);
  }
  return make_error(code, std::string("unknown ") + what + " \"" + std::string(text) + "\"");
}

constexpr std::array<const char*, 6> status_names{"pending", "approved", "cancelled", "rejected", "rescheduled",
                                                  "completed"};
constexpr std::array<const char*, 3> actor_names{"guest", "host", "system"};
constexpr std::array<const char*, 6> action_names{"approve", "reject", "cancel", "reschedule", "complete",
                                                  "mark_no_show"};
constexpr std::array<const char*, 2> visibility_names{"public", "private"};

}  // namespace

const char* to_string(BookingStatus s) { return status_names[static_cast<std::size_t>(s)]; }
Result<BookingStatus> parse_booking_status(std::string_view text) {
  return parse_name<BookingStatus>(text, status_names, "invalid_status", "booking status");
}

std::vector<BookingStatus> active_statuses() {
  std::vector<BookingStatus> out;
  for (std::size_t i = 0; i < status_names.size(); ++i) {
    if (is_active(static_cast<BookingStatus>(i))) out.push_back(static_cast<BookingStatus>(i));
  }
  return out;
}

bool is_active(BookingStatus s) {
  return s == BookingStatus::pending || s == BookingStatus::approved || s == BookingStatus::rescheduled;
}

const char* to_string(Actor a) { return actor_names[static_cast<std::size_t>(a)]; }
Result<Actor> parse_actor(std::string_view text) {
  return parse_name<Actor>(text, actor_names, "invalid_actor", "actor");
}

const char* to_string(BookingAction a) { return action_names[static_cast<std::size_t>(a)]; }
Result<BookingAction> parse_booking_action(std::string_view text) {
  return parse_name<BookingAction>(text, action_names, "invalid_action", "booking action");
}

const char* to_string(Visibility v) { return visibility_names[static_cast<std::size_t>(v)]; }
Result<Visibility> parse_visibility(std::string_view text) {
  return parse_name<Visibility>(text, visibility_names, "invalid_visibility", "visibility");
}

}  // namespace kairos::core
