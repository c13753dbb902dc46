// "Why is 10:00 not offered?" (R-CON-4): every candidate start of a range with the
// verdict of the slot engine and the reasons behind it. explain_starts drives the very
// walk free_slots uses (same Engine, same verdicts, same room choice), so a start is
// `available` exactly when free_slots offers it, with the same host and room; the
// reasons then name what blocked each host: the booking, busy block or proposal hold,
// the limit, the date override.
//
// Candidate starts are the engine's grid starts (every start of every host's working
// intervals on its own clock; all mode: the responsible host's), plus the starts the
// weekly hours would have had on a date whose override removed them (reason
// date_override), so a holiday explains itself instead of showing nothing.
//
// Reason codes (Reason::code), per start or per host / room:
//   past               the start is before now
//   minimum_notice     sooner than the event type's minimum notice
//   outside_window     outside the bookable period (rolling days or absolute dates)
//   outside_hours      the host does not work for the whole appointment
//   date_override      ... because the date's hours are overridden (holiday, day off, other hours)
//   not_on_grid        the host works then, but its start times step differently (any mode)
//   booked             the host has booking `booking` at this time
//   buffer             a buffer (this event type's, or booking `booking`'s own) touches booking `booking`
//   busy               a busy block of the host (`busy`: its time) overlaps, buffers included
//   proposal_hold      proposal `proposal` holds this time on the host
//   day_limit          the host has `count` bookings on this local date (limit `limit`)
//   week_limit         the host has `count` bookings in this local ISO week (limit `limit`)
//   no_room_free       no room of the event type is free; then one of room_booked
//                      (`room`, `booking`), room_held (`room`, `proposal`), room_busy (`room`, `busy`)
// In all mode every host must be free, so each busy host has its own reasons.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kairos/slots.hpp"

namespace kairos::core {

struct Reason {
  std::string code;
  std::string detail;    // one English sentence; clients translate by code
  std::string host;      // the host concerned ("" = the start as a whole)
  std::string room;
  std::string booking;
  std::string proposal;  // the hold's id (a proposal's holds carry its id)
  std::optional<Interval> busy;
  int count = 0;  // limits only
  int limit = 0;
  friend bool operator==(const Reason&, const Reason&) = default;
};

struct StartExplanation {
  Interval when;
  bool available = false;
  std::string host;  // available: the host the booking would get (free_slots' first)
  std::string room;  // available: the room it would get ("" when none is needed)
  std::vector<Reason> reasons;  // empty when available
  friend bool operator==(const StartExplanation&, const StartExplanation&) = default;
};

// Every candidate start in `range` (typically one local day: local_dates(zone, d, d)),
// ascending. An invalid policy gives nothing (validate() says why).
std::vector<StartExplanation> explain_starts(const AvailabilityInputs& inputs, Interval range);

}  // namespace kairos::core
