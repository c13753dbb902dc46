// The view model: everything a screen shows that is derived from the state (month grid,
// day slots, wished hours, labels, what the guest may do).
#include "app.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "browser.hpp"
#include "form_check.hpp"
#include "kairos/booking.hpp"
#include "kairos/lifecycle.hpp"
#include "kairos/time_text.hpp"
#include "kairos/wire/json_mapping.hpp"
#include "mirror.hpp"
#include "probe.hpp"
#include "app_internal.hpp"
#include "screens.hpp"

namespace kairos::widget {

using namespace app_detail;
using Kind = Intent::Kind;

ViewModel App::view_model() const {
  const WidgetState& s = state_;
  ViewModel vm;
  vm.lang = s.lang;
  const Locale& loc = locale(s.lang);
  const core::ZoneRules* zone = guest_zone();
  vm.form_valid = s.form_valid;
  if (auto status = core::parse_booking_status(s.booking.status)) {
    // The core's available_actions: nothing is offered that the server would refuse
    // (no Cancel once the appointment has started).
    core::Booking b;
    b.status = *status;
    b.when = core::Interval{s.booking.slot.start, s.booking.slot.end};
    for (const core::BookingAction a :
         core::available_actions(b, core::Actor::guest, core::Instant::from_unix_seconds(s.now_unix))) {
      if (a == core::BookingAction::cancel) vm.can_cancel = true;
      if (a == core::BookingAction::reschedule) vm.can_reschedule = true;
    }
  }
  if (zone != nullptr && s.slot) vm.slot_summary = describe_slot(s.lang, *zone, *s.slot);
  if (zone != nullptr && !s.booking.uid.empty()) vm.booking_label = describe_slot(s.lang, *zone, s.booking.slot);
  if (zone != nullptr && s.screen == Screen::done && s.slot && s.mode == Mode::proposal)
    vm.booking_label = describe_slot(s.lang, *zone, *s.slot);
  if (zone != nullptr) {
    for (const Slot& c : s.candidates) vm.candidate_labels.push_back(describe_slot(s.lang, *zone, c));
    for (const BookingView& b : s.request_bookings) {
      std::string label = describe_slot(s.lang, *zone, b.slot);
      if (!b.title.empty()) label = b.title + ": " + label;
      vm.request_labels.push_back(std::move(label));
    }
  }
  vm.host_line = s.host_name;
  if (vm.host_line.empty()) {
    const std::string& id = !s.booking.host.empty() && s.screen == Screen::success ? s.booking.host
                            : s.slot ? s.slot->host : s.booking.host;
    for (const auto& [hid, name] : s.hosts) {
      if (!id.empty() && hid == id) vm.host_line = name;
    }
  }
  if (!s.event_types.empty()) {
    const EventType& e = s.event_types[s.event_type];
    // A kind word ("video", "phone" …) in the guest's language; an office by its name.
    vm.location_line = e.location_id.empty() && e.location_address.empty() ? location_text(s.lang, e.location) : e.location;
    if (!e.location_address.empty()) vm.location_line += (vm.location_line.empty() ? "" : " \xC2\xB7 ") + e.location_address;
  }
  if (zone != nullptr) {
    for (const Slot& w : s.wishes) vm.wish_labels.push_back(describe_slot(s.lang, *zone, w));
  }
  // The suggest screen shows the same calendar, where every day from today on can be
  // chosen and its hours wished.
  const bool wish = s.screen == Screen::suggest;
  if (s.screen != Screen::calendar && !wish) return vm;

  vm.month_title = format_month_year(s.lang, s.year, s.month);
  for (int i = 0; i < 7; ++i) vm.weekday_headers.emplace_back(loc.weekdays_short[(loc.first_weekday + i) % 7]);
  const core::LocalDate first = *core::LocalDate::from_ymd(s.year, s.month, 1);
  const int lead = (static_cast<int>(first.weekday()) - loc.first_weekday + 7) % 7;
  const int days = core::days_in_month(s.year, s.month);
  const int total = ((lead + days + 6) / 7) * 7;
  MonthQuery q{s.page_id, event_type_id(), s.year, s.month, zone};
  if (s.rescheduling && !s.booking.page.empty()) q.page = s.booking.page;
  const DayMap* slots = zone != nullptr && !wish ? slots_.days(q) : nullptr;
  // Wished times: the hosts' opening hours of each day, from the same availability.
  const OpenMap* open = zone != nullptr && wish ? slots_.open_hours(q) : nullptr;
  const core::Instant now = core::Instant::from_unix_seconds(s.now_unix);
  const int wish_minutes = s.event_types.empty() || s.event_types[s.event_type].duration_minutes <= 0
                               ? 60 : s.event_types[s.event_type].duration_minutes;
  // Starts every hour from each opening span's start (as a host's grid steps) that end
  // inside the span and lie in the future.
  const auto wish_starts = [&](core::LocalDate d) {
    std::vector<core::Instant> out;
    if (open == nullptr) return out;
    const auto it = open->find(d.days_since_epoch());
    if (it == open->end()) return out;
    for (const core::Interval& span : it->second) {
      for (core::Instant t = span.start; t + core::Minutes(wish_minutes) <= span.end; t += core::Minutes(60)) {
        if (t > now) out.push_back(t);
      }
    }
    return out;
  };
  vm.month_loading = zone != nullptr && (wish ? open == nullptr : slots == nullptr);
  // After a failure the month shows the error (with "Try again") until it loads, also
  // while an automatic retry waits or is in flight.
  const bool retrying_this = !failed_month_.empty() && failed_month_ == slots_.key(q);
  vm.month_failed = zone != nullptr && (wish ? open == nullptr : slots == nullptr) && (slots_.is_failed(q) || retrying_this);
  vm.month_retrying = vm.month_failed && (retry_at_ms_ > 0 || !slots_.is_failed(q));
  std::optional<core::LocalDate> today;
  if (zone != nullptr) {
    today = zone->to_local(core::Instant::from_unix_seconds(s.now_unix)).date();
    vm.can_prev_month = s.year * 12 + s.month > today->year() * 12 + today->month();
    // The calendar pages a year ahead at most (the longest booking window the widget shows).
    vm.can_next_month = s.year * 12 + s.month < today->year() * 12 + today->month() + 12;
  }
  for (int i = 0; i < total; ++i) {
    DayCell c;
    c.date = first + core::Days(i - lead);
    c.in_month = i >= lead && i < lead + days;
    if (slots != nullptr) {
      const auto it = slots->find(c.date.days_since_epoch());
      c.bookable = c.in_month && it != slots->end() && !it->second.empty();
    }
    // Closed days (and days whose hours are over) cannot be chosen for wishes.
    if (wish) c.bookable = c.in_month && today && c.date >= *today && !wish_starts(c.date).empty();
    c.selected = s.day && *s.day == c.date;
    c.today = c.in_month && today && *today == c.date;
    vm.month_has_slots = vm.month_has_slots || c.bookable;
    vm.cells.push_back(c);
  }
  vm.seeking = seeking_ && !wish;
  if (zone != nullptr) {
    // "Helsinki (UTC+2)": the zone's city and its offset now (from its rules).
    vm.zone_label = friendly_zone(zone->id(), zone->offset_at(core::Instant::from_unix_seconds(s.now_unix)).utc_offset_seconds / 60);
  }
  if (wish && s.day && zone != nullptr) {
    vm.day_title = format_long_date(s.lang, *s.day);
    for (const core::Instant start : wish_starts(*s.day)) {
      const core::LocalTime local = zone->to_local(start).time();
      SlotRow row;
      row.slot = Slot{start, start + core::Minutes(wish_minutes), {}};
      row.label = format_clock(s.lang, local);
      row.part_of_day = local.hour() < 12 ? 0 : local.hour() < 17 ? 1 : 2;
      row.selected = std::any_of(s.wishes.begin(), s.wishes.end(), [&](const Slot& w) { return w.start == start; });
      vm.wish_rows.push_back(std::move(row));
    }
    return vm;
  }
  if (s.day && zone != nullptr) {
    vm.day_title = format_long_date(s.lang, *s.day);
    if (slots != nullptr) {
      const auto it = slots->find(s.day->days_since_epoch());
      if (it != slots->end()) {
        for (const Slot& slot : it->second) {
          SlotRow row;
          row.slot = slot;
          const core::LocalTime local = zone->to_local(slot.start).time();
          row.label = format_clock(s.lang, local);
          row.part_of_day = local.hour() < 12 ? 0 : local.hour() < 17 ? 1 : 2;
          row.selected = s.slot && s.slot->start == slot.start;
          vm.day_slots.push_back(std::move(row));
        }
      }
    }
  }
  return vm;
}

}  // namespace kairos::widget
