// A booking (appointment) as the lifecycle rules see it: who, when, with whom, its
// state, and its history. The state names follow seed 001 (Pending, Approved,
// Cancelled, Rejected, Rescheduled, Completed, plus a No-show mark on Completed); the
// proposal and confirmation-request fields follow seeds 000 and 002. The server stores
// these values and the widget shows them; neither decides a transition on its own
// (lifecycle.hpp does).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kairos/result.hpp"
#include "kairos/time.hpp"

namespace kairos::core {

enum class BookingStatus : std::uint8_t { pending, approved, cancelled, rejected, rescheduled, completed };
const char* to_string(BookingStatus s);
Result<BookingStatus> parse_booking_status(std::string_view text);  // "invalid_status"

// Whether the appointment still takes place (pending, approved, rescheduled): it holds
// its time on the calendar and may receive reminders.
bool is_active(BookingStatus s);
// The statuses for which is_active holds, in enum order (the store's "live" query).
std::vector<BookingStatus> active_statuses();

// No appointment is longer than a day (policy durations and owner edits are bounded by
// it): a store looking for what overlaps [from, to) need only look from from - 1 day.
inline constexpr Minutes max_appointment_length{24 * 60};

// Who asks for a transition. A guest acts through the booking's signed token, a host
// (owner or staff) through the API key or a signed host link, the system on its own
// (automatic completion, auto-approval).
enum class Actor : std::uint8_t { guest, host, system };
const char* to_string(Actor a);
Result<Actor> parse_actor(std::string_view text);  // "invalid_actor"

enum class BookingAction : std::uint8_t { approve, reject, cancel, reschedule, complete, mark_no_show };
const char* to_string(BookingAction a);
Result<BookingAction> parse_booking_action(std::string_view text);  // "invalid_action"

// "Invite mail or not" and "public or private" of a proposal visit (seed 000); fixed at
// creation, see proposal.hpp.
enum class Visibility : std::uint8_t { public_, private_ };
const char* to_string(Visibility v);  // "public" | "private"
Result<Visibility> parse_visibility(std::string_view text);  // "invalid_visibility"

struct Guest {
  std::string name;
  std::string email;
  std::string phone;
  std::string company;
  std::string timezone;  // IANA id, empty = the page's zone
  std::string language;  // en | ja | fi | de | hu, empty = the page's language
  friend bool operator==(const Guest&, const Guest&) = default;
};

// One line of a booking's history: what happened, when, by whom. `event` is a stable
// snake_case word ("created", "approved", "cancelled", "request_accepted", ...);
// `detail` is free text (a reason, the accepting address, the old time).
struct HistoryEntry {
  Instant at;
  Actor actor = Actor::system;
  std::string event;
  std::string detail;
  friend bool operator==(const HistoryEntry&, const HistoryEntry&) = default;
};

struct Booking {
  std::string uid;
  std::string page_id;
  std::string event_type_id;
  Interval when;
  std::vector<std::string> host_ids;  // first = responsible host, others attend
  std::string room_id;                // empty when the event type needs no room
  BookingStatus status = BookingStatus::pending;
  bool no_show = false;               // the No-show mark, only on completed bookings
  Guest guest;                        // the guest who booked (or the first proposal guest)
  std::vector<Guest> other_guests;    // further visitors of a proposal visit
  std::string notes;                  // the guest's own notes
  std::string location;               // the office the guest comes to (R-PROP-6)
  std::string guidance;               // the host's guidance text to the guest (R-PROP-6)
  std::string checkin_code;           // reception code of a confirmed visit (R-PROP-7)
  std::string proposal_id;            // the proposal it came from, empty otherwise
  bool send_mail = true;              // false: "no scheduling mail" visit (fixed at creation):
                                      // the guest gets no mail but the R-PROP-4 completion mail
  Visibility visibility = Visibility::public_;  // fixed at creation
  std::string tray;                   // "" = the calendar; "declined" after a declined request
  std::vector<std::string> labels;    // staff / location / custom label ids (seed 004)
  std::string request_id;             // the latest confirmation request about it, "" = none
  // Grows by one with every change (transition, edit, request answer): the calendar
  // copy's SEQUENCE (RFC 5546), so a later update always supersedes an earlier one.
  std::int64_t sequence = 0;
  Instant created_at;
  std::vector<HistoryEntry> history;
  friend bool operator==(const Booking&, const Booking&) = default;
};

// The tray a booking moves to when its guest declines a confirmation request (R-REQ-4).
inline constexpr std::string_view declined_tray = "declined";

}  // namespace kairos::core
