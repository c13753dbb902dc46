// The owner's edit of a booking (PATCH /v1/admin/bookings/{uid}): which fields it may
// change, what a move keeps, and the slot-engine request that re-checks it. The server
// only parses the body into a BookingEdit, loads the inputs for `inputs_range`, and
// stores what edit_booking (proposal.hpp) returns.
//
// Rules:
//  - A move (start and/or end) keeps the booking's hosts: they must be free at the new
//    time, else the engine answers "slot_unavailable" (409). Other hosts are taken only
//    when the owner lists them (`hosts`).
//  - The room is kept when it is still one of the event type's rooms; a move whose kept
//    room is taken may use another free room of the event type (rooms are alike; hosts
//    are people the guest expects).
//  - An absent end keeps the booking's length.
//  - send_mail and visibility are fixed at creation (R-PROP-8): edit_booking refuses a
//    different value with "immutable_field".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kairos/booking.hpp"
#include "kairos/policy.hpp"
#include "kairos/slots.hpp"
#include "kairos/time.hpp"

namespace kairos::core {

struct BookingEdit {
  std::optional<Instant> start, end;
  std::optional<std::vector<std::string>> hosts;  // first = responsible
  std::optional<std::string> room;
  std::optional<std::string> guidance;
  std::optional<std::vector<Guest>> guests;  // first = the booking's guest
  std::optional<bool> send_mail;
  std::optional<Visibility> visibility;
  bool notify = false;  // the owner's answer to "send the guests an update?"
};

// Whether the edit touches time, hosts or room (and so needs the slot engine).
bool moves(const BookingEdit& e);

struct EditCheck {
  BookingRequest request;  // for check_booking
  Interval inputs_range;   // what build_inputs must cover
};

// The engine request for an edit that moves(). `keep_room`: try the current room
// (false on the retry after it was taken).
EditCheck edit_check(const Booking& before, const BookingEdit& e, const EventPolicy& policy, bool keep_room = true);

// Whether a failed check with the kept room may be retried letting the engine pick a
// room: the owner named no room and the booking has one.
bool may_retry_without_room(const Booking& before, const BookingEdit& e, const EventPolicy& policy,
                            const Error& error);

// The booking after the edit: `placed` (the engine's answer) when it moved; guests
// replaced with the first keeping the guest's zone, language and (if none given) name.
Booking edited(const Booking& before, const BookingEdit& e, const std::optional<Assignment>& placed);

}  // namespace kairos::core
