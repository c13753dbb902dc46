// The owner's edit of a booking: what a move keeps and how it is re-checked.
#include "kairos/edit.hpp"

#include <algorithm>

namespace kairos::core {

bool moves(const BookingEdit& e) { return e.start || e.end || e.hosts || e.room; }

namespace {

bool room_of_policy(const EventPolicy& policy, const std::string& room) {
  return !room.empty() && std::find(policy.room_ids.begin(), policy.room_ids.end(), room) != policy.room_ids.end();
}

}  // namespace

EditCheck edit_check(const Booking& before, const BookingEdit& e, const EventPolicy& policy, bool keep_room) {
  EditCheck c;
  BookingRequest& r = c.request;
  r.start = e.start.value_or(before.when.start);
  r.ignore_booking_id = before.uid;
  r.booked_start = before.when.start;  // a kept start is not refused for notice
  const Seconds length = before.when.end - before.when.start;
  const Instant new_end = e.end.value_or(r.start + length);
  if (e.end || length != Seconds(policy.duration)) r.end = new_end;
  // The hosts stay unless the owner names others (a move never hands a visit over).
  r.host_ids = e.hosts ? *e.hosts : before.host_ids;
  if (e.room) {
    r.room_id = *e.room;
  } else if (keep_room && room_of_policy(policy, before.room_id)) {
    r.room_id = before.room_id;
  }
  // Inputs for the longer of the two lengths (at most a day; longer ends are refused).
  const Seconds asked = std::clamp(new_end - r.start, Seconds(0), Seconds(Days(1)));
  c.inputs_range = Interval{r.start, r.start + std::max(asked, Seconds(policy.duration))};
  return c;
}

bool may_retry_without_room(const Booking& before, const BookingEdit& e, const EventPolicy& policy,
                            const Error& error) {
  return error.code == "slot_unavailable" && !e.room && room_of_policy(policy, before.room_id);
}

Booking edited(const Booking& before, const BookingEdit& e, const std::optional<Assignment>& placed) {
  Booking after = before;
  if (placed) {
    after.when = placed->when;
    after.host_ids = placed->host_ids;
    after.room_id = placed->room_id;
  }
  if (e.guidance) after.guidance = *e.guidance;
  if (e.guests && !e.guests->empty()) {
    Guest first = e.guests->front();
    first.timezone = before.guest.timezone;
    first.language = before.guest.language;
    if (first.name.empty()) first.name = before.guest.name;
    after.guest = first;
    after.other_guests.assign(e.guests->begin() + 1, e.guests->end());
  }
  if (e.send_mail) after.send_mail = *e.send_mail;
  if (e.visibility) after.visibility = *e.visibility;
  return after;
}

}  // namespace kairos::core
