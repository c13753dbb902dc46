// The slot engine: which starts a guest is offered (free_slots) and whether one start
// may be booked (check_booking). Both run the same evaluation over the same inputs,
// so the widget (wasm) and the server (native) agree, and a start is accepted exactly
// when it is offered. Every input, including `now` and each host's zone rules, is a
// value; nothing here reads a clock or a file.
//
// The rules, in the order they are applied to a candidate start s (slot [s, s + d)):
//  1. Grid: each working interval of a host's local date steps from its own start by
//     policy.step() on the host's wall clock (09:00 stays 09:00 across DST). A local
//     start in a DST gap is not offered; a local start that occurs twice (fall-back)
//     is offered at both instants. Any mode: a host is only a candidate for starts on
//     its own grid. All mode: the grid is the first (responsible) host's.
//  2. Hours: [s, s + d) lies inside the host's working time (adjacent intervals, also
//     across midnight, join).
//  3. Notice and window: s >= now + min_notice, s >= now, and s inside the booking
//     window (absolute dates are read in the first host's zone).
//  4. Conflicts: [s - buffer_before, s + d + buffer_after) overlaps no busy block, no
//     existing booking of the host, no hold on the host; and [s, s + d) overlaps no
//     existing booking widened by that booking's own buffers.
//  5. Limits: the host's bookings on the local date (and in the local ISO week) of s,
//     in the host's zone, are below limits.per_day (per_week).
//  6. Rooms (when the policy lists some): at least one listed room has no booking and
//     no hold overlapping [s, s + d) and no busy interval of its own; rooms are held
//     for the appointment itself, not for the host's buffers. Rooms are tried in the
//     policy's order.
// Any mode offers s when at least one host passes; all mode when every host passes.
//
// Fair assignment (any mode): among the free hosts, the one with the fewest bookings
// in the local ISO week (Monday–Sunday, host's zone) containing s, then the lower
// Host::priority, then the earlier position in AvailabilityInputs::hosts. All mode
// assigns every host, the first (responsible) one first.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kairos/policy.hpp"
#include "kairos/result.hpp"
#include "kairos/schedule.hpp"
#include "kairos/time.hpp"
#include "kairos/zone.hpp"

namespace kairos::core {

// An appointment already stored (pending or approved; the server passes no others).
struct ExistingBooking {
  std::string id;
  std::vector<std::string> host_ids;
  std::string room_id;  // empty = none
  Interval when;
  Minutes buffer_before{0};
  Minutes buffer_after{0};
};

// A tentative reservation from a proposal: blocks its hosts and rooms until chosen or
// expired (the server passes only live holds).
struct Hold {
  std::string id;
  std::vector<std::string> host_ids;
  std::vector<std::string> room_ids;
  Interval when;
};

// A room's own busy times; bookings and holds naming the room block it as well. A
// room listed by the policy without a Room entry is busy only through those.
struct Room {
  std::string id;
  std::vector<Interval> busy;
};

struct AvailabilityInputs {
  Instant now;
  EventPolicy policy;
  HostMode mode = HostMode::any;
  std::vector<Host> hosts;  // the first is the responsible host; order breaks ties
  std::vector<Room> rooms;
  std::vector<ExistingBooking> bookings;
  std::vector<Hold> holds;
};

struct Slot {
  Interval when;
  // Any mode: the free hosts, best assignment first. All mode: every host, first = responsible.
  std::vector<std::string> free_hosts;
  // The free rooms in the policy's order (empty when the policy needs none).
  std::vector<std::string> free_rooms;
  friend bool operator==(const Slot&, const Slot&) = default;
};

// What a Slot carries: everything, or only `when` (the same slots, with free_hosts and
// free_rooms left empty: a guest's list of times, which for a team of thousands of hosts
// would otherwise copy every free host's id into every slot).
enum class SlotDetail : std::uint8_t { full, times };

// Every slot whose start lies in `range`, sorted by start, without duplicates.
// An invalid policy yields no slots (validate() says why). The range is cut to
// 731 days from its (bookable) start.
std::vector<Slot> free_slots(const AvailabilityInputs& inputs, Interval range, SlotDetail detail = SlotDetail::full);

// The instants of the local dates from..to (inclusive) in `zone`: the range to pass
// to free_slots for "the slots of these days" as the guest sees them
// (GET /v1/pages/{page}/slots?from&to&tz).
Interval local_dates(const ZoneRules& zone, LocalDate from, LocalDate to);

// The instants the local dates from..to (inclusive) can cover in any zone of the world
// (UTC−12 … UTC+14, with a day's margin): the query range of the availability document,
// from which a guest in any zone computes those dates' slots.
Interval any_zone_dates(LocalDate from, LocalDate to);

// The stretch of time whose busy blocks, bookings and holds can change the slots of
// `range` (buffers, durations and zone offsets of up to a day, whole local weeks for
// limits and fair assignment): `range` widened by 8 days on each side. The server
// loads these, and zone rules covering it, for the availability document.
Interval inputs_span(Interval range);

// The stretch whose bookings, holds and busy blocks can conflict with an appointment
// at `slot`, when nothing counts other bookings (no per-day or per-week limit, no
// choice among several hosts by their weeks): `slot` widened by a day on each side,
// the longest buffer either side can have. Enough input for check_booking then.
Interval conflict_span(Interval slot);

struct DaySlots {
  LocalDate date;
  std::vector<Slot> slots;
};

// Groups slots by the local date of their start in `guest_zone`, dates ascending,
// each day's slots in start order.
std::vector<DaySlots> group_by_local_date(const std::vector<Slot>& slots, const ZoneRules& guest_zone);

struct BookingRequest {
  Instant start;
  std::optional<Minutes> duration;  // when given, must equal the policy's duration
  std::string ignore_booking_id;    // the booking being rescheduled: not a conflict
  std::string ignore_hold_id;       // the proposal hold being chosen: not a conflict
  // An owner's edit (PATCH /v1/admin/bookings/{uid}) may fix what the engine would
  // otherwise choose; empty/absent = the engine decides, as for a guest.
  std::vector<std::string> host_ids;  // exactly these hosts, every one free; first = responsible
  std::string room_id;                // exactly this room (one of policy.room_ids), free
  std::optional<Instant> end;         // a different end: 1 to 1440 whole minutes after start
  // The edited booking's current start. When `start` equals it, notice, window and
  // "not in the past" are not re-applied (they held when it was booked); every host,
  // room, hours, grid and limit rule still is.
  std::optional<Instant> booked_start;
};

struct Assignment {
  Interval when;
  std::vector<std::string> host_ids;  // first = responsible
  std::string room_id;                // empty when the policy needs no room
  friend bool operator==(const Assignment&, const Assignment&) = default;
};

// Accepts exactly the starts free_slots offers (with the same assignment as the
// slot's first host and room). Errors, field "start" unless noted:
//   invalid_duration (field "duration"), invalid_* from validate(policy) (its field),
//   too_soon (before now + min_notice), outside_booking_window,
//   outside_availability (no host works for the whole slot),
//   off_slot_grid (inside working time, but not a start the grid offers),
//   limit_reached (free only for hosts at their day/week limit),
//   slot_unavailable (taken: busy, booked, held, or no free room).
//
// An owner's edit (host_ids, room_id or end given) is checked as a booking of the
// policy with these changes: the listed hosts act as an all-mode team (each must work
// through the whole appointment, be clear of busy blocks, bookings and holds with
// both sides' buffers, and be under its limits; the grid is the first host's), the
// room is the only room tried, and the duration is end - start while the grid keeps
// the event type's step. So an owner, like a guest, books only inside the hosts'
// working hours, on the grid, after the notice and inside the window: the same rules
// the owner's move of `start` has always had, except that a kept start (booked_start)
// is not refused for notice or window. No host or room is ever booked twice.
// Further errors: unknown_host (field "hosts[i]": not one of inputs.hosts, i.e. the
// page's hosts), duplicate_host ("hosts[i]"), unknown_room ("room": not one of the
// event type's rooms), invalid_duration ("end": not 1..1440 whole minutes after start).
Result<Assignment> check_booking(const AvailabilityInputs& inputs, const BookingRequest& request);

// Whether a pending booking may be approved, given check_booking's answer for its own
// time (ignoring itself): approval must never create a double booking or break a limit
// (slot_unavailable, limit_reached refuse it), but a start that has since become too
// soon, left the window or the hours is still the owner's to accept.
Status approval_allowed(const Result<Assignment>& slot_check);

}  // namespace kairos::core
