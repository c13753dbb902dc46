// The widget's state, the view model drawn from it each frame, and the intents a guest
// expresses by clicking in the canvas or activating an element of the ARIA mirror.
// Both input paths produce the same Intent, so the mirror does exactly what the canvas
// does. The state holds no scheduling rule: slots come from the core, bookings from the
// server.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "i18n.hpp"
#include "kairos/result.hpp"
#include "kairos/time.hpp"
#include "kairos/zone.hpp"

namespace kairos::widget {

enum class Mode { book, manage, proposal, request };

enum class Screen {
  loading,      // page config, zone rules or the first month still loading
  calendar,     // month grid + the chosen day's slots
  form,         // guest details
  review,       // check and confirm
  success,      // booked: .ics and manage link
  manage,       // an existing booking: cancel or reschedule
  cancel_ask,   // "really cancel?"
  proposal,     // candidates from the host
  readjust,     // ask the host for other times
  request,      // confirmation request: accept or decline
  decline,      // reason for declining
  done,         // a terminal message (cancelled, accepted, …)
  fatal,        // nothing can be shown (bad link, page gone)
  suggest,      // "none of these times work": the guest picks wished times on the calendar
  inquiry,      // a question or the wished times: name, e-mail, message
  inquiry_sent, // the inquiry is stored and acknowledged
};

struct EventType {
  std::string id;
  std::string name;
  int duration_minutes = 0;
  std::string location;          // what the guest reads: an office's name, or "video", "phone" …
  std::string location_address;  // the office's address (a location object), else ""
  std::string location_id;       // "loc_…" when the event type names a stored location
  std::string description;
};

struct Slot {
  core::Instant start;
  core::Instant end;
  std::string host;  // the host this time goes to (the core's assignment, first free host), "" if unknown
};

struct GuestForm {
  std::string name;
  std::string email;
  std::string phone;
  std::string company;
  std::string notes;
};

struct BookingView {
  std::string uid;
  std::string status;
  std::string token;
  std::string manage_url;
  std::string page;
  std::string event_type;
  std::string title;
  std::string host;  // the host the server assigned ("host" in the booking answer)
  Slot slot;
};

struct Intent {
  enum class Kind {
    prev_month, next_month, select_day, select_slot, set_zone, set_event_type, edit_field,
    accept_suggestion, back, to_form, to_review, confirm, download_ics, open_manage,
    start_cancel, confirm_cancel, keep, start_reschedule, choose_candidate, start_readjust,
    send_readjust, accept_request, start_decline, send_decline, retry, retry_month, next_available,
    start_question, start_suggest, toggle_wish, to_inquiry, send_inquiry,
  };
  Kind kind = Kind::back;
  std::string arg;    // a date, an instant, a zone, a field name …
  std::string value;  // edit_field: the new text
};

// "select_day:2026-03-09" ↔ Intent; the mirror's element ids.
std::string intent_id(const Intent& intent);
std::optional<Intent> parse_intent_id(std::string_view id);

struct WidgetState {
  // Configuration (query string of the shell page, set by embed.js or a mail link).
  Lang lang = Lang::en;
  bool dark = false;
  std::uint32_t accent = 0x2563ebu;  // 0xRRGGBB
  std::string api_base;              // "" = same origin
  std::string widget_url;            // this page, for manage links
  Mode mode = Mode::book;
  std::string page_id;
  std::string token;        // booking / proposal / request token from the link
  std::string booking_uid;  // manage mode
  std::int64_t now_unix = 0;

  Screen screen = Screen::loading;
  bool busy = false;              // a request that blocks the screen is in flight
  std::string error_code;         // the last error on this screen (core or server code)
  std::string notice_code;        // a banner on the calendar (slot taken meanwhile)
  bool rescheduling = false;      // calendar picks a new time for `booking`

  // Page and calendar.
  std::string page_name;
  std::string page_description;
  std::string host_name;  // the page's host when it has one (all mode: every host, in order)
  std::vector<std::pair<std::string, std::string>> hosts;  // the page's hosts: id, name
  // The business logo (R-PAGE-1): its URL when the widget may load it (allowed_logo),
  // and once loaded its GL texture and size in CSS px (40 px tall).
  std::string logo_url;
  unsigned logo_texture = 0;
  float logo_w = 0, logo_h = 0;
  std::vector<EventType> event_types;
  std::size_t event_type = 0;
  std::string zone_id;
  std::vector<std::string> zone_choices;  // the guest's zone first
  std::vector<std::string> zone_labels;   // "Helsinki (UTC+2)", parallel to zone_choices
  std::string zone_filter;                // the picker's search text
  int year = 2026;
  int month = 1;
  std::optional<core::LocalDate> day;
  std::optional<Slot> slot;

  // Form.
  GuestForm form;
  std::string email_suggestion;
  std::vector<core::Error> field_errors;  // the errors shown (touched fields, or all after Next)
  bool form_valid = false;
  std::vector<std::string> touched;
  bool show_all_errors = false;
  std::string idempotency_key;
  // Where each text field was drawn last frame (CSS pixels: x, y, width, height), so
  // the mirror can point at it (magnifiers, tests that click into the canvas).
  std::map<std::string, std::array<float, 4>> field_rects;
  // Every actionable item's rect last frame, by the mirror's data-key (intent id,
  // "field:name", "select:set_zone"), and the key the mirror's focus is on: the canvas
  // draws the focus ring there, so the keyboard path shows in the designed UI.
  std::map<std::string, std::array<float, 4>> item_rects;
  std::string focus_key;
  bool mail_delivery = true;  // the server sends mail (GET /v1/pages/{page}: mail_delivery)

  // Results and link modes.
  BookingView booking;
  std::vector<Slot> candidates;
  std::string host_message;
  std::string readjust_message;
  std::vector<BookingView> request_bookings;
  bool allow_decline = false;
  std::string decline_reason;
  const char* Texts::*done_text = &Texts::booked_title;

  // Inquiries (issue 14, R-INQ-1): a plain question, or wished times when none of the
  // offered ones work. Validated by the core's check_inquiry like a booking.
  bool inquiry_request = false;  // true: booking_request with `wishes`; false: question
  std::vector<Slot> wishes;      // at most 10, in the order chosen
  std::string inquiry_message;
  std::string inquiry_id;
};

struct DayCell {
  core::LocalDate date;
  bool in_month = false;
  bool bookable = false;
  bool selected = false;
  bool today = false;
};

struct SlotRow {
  Slot slot;
  std::string label;  // "9:30 AM"
  bool selected = false;
  int part_of_day = 0;  // 0 morning (< 12:00), 1 afternoon (< 17:00), 2 evening, local time
};

// Everything a screen shows that is derived rather than stored.
struct ViewModel {
  Lang lang = Lang::en;
  std::string month_title;
  std::vector<std::string> weekday_headers;  // 7, in display order
  std::vector<DayCell> cells;                // whole weeks covering the month
  bool month_loading = false;
  bool can_prev_month = true;  // not before the current month
  bool can_next_month = true;  // not past the bookable window
  bool month_failed = false;   // the availability request failed (retried with backoff)
  bool month_retrying = false;
  bool month_has_slots = false;
  std::string day_title;
  std::string zone_label;   // "Helsinki (UTC+2)"
  bool seeking = false;     // paging ahead to the first month with a free time
  std::vector<SlotRow> day_slots;
  std::string slot_summary;  // "Monday, March 9, 2026 · 9:30 AM – 10:00 AM (America/New_York)"
  std::vector<std::string> candidate_labels;
  std::vector<std::string> request_labels;
  std::string booking_label;
  bool form_valid = false;
  // What the guest may still do with the booking (the core's lifecycle table decides).
  bool can_cancel = false;
  bool can_reschedule = false;
  // Suggest screen: the wishable times of the chosen day (every hour of the working
  // day still ahead), and the chosen wishes as the guest reads them.
  std::vector<SlotRow> wish_rows;
  std::vector<std::string> wish_labels;
  std::string location_line;  // "Shibuya office · Shibuya 1-2-3, Tokyo", or "Video call" for a kind word
  // The host the guest meets: the page's only host (or, all mode, every host), else the
  // one a chosen time goes to, else the one the server assigned; "" while unknown.
  std::string host_line;
};

// "Helsinki (UTC+2)", "Kolkata (UTC+5:30)", "UTC": a zone as a guest recognises it; the
// offset is left out when unknown (kNoOffset in browser.hpp: -100000).
std::string friendly_zone(const std::string& zone_id, int offset_minutes);
// Whether `label` or `zone_id` contains `filter`, ignoring ASCII case ("hel" → Helsinki).
bool zone_matches(const std::string& zone_id, const std::string& label, const std::string& filter);

// The text for a time span in the guest's zone, localised.
std::string describe_slot(Lang lang, const core::ZoneRules& zone, const Slot& slot);

}  // namespace kairos::widget
