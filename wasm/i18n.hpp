// The widget's languages: every text the guest sees, and how dates and times are
// written in English, Japanese, Finnish, German and Hungarian. Tables live in
// wasm/i18n/<lang>.cpp as native speakers write them; a missing entry falls back to
// English. Error messages are looked up by the core's stable error codes, so the
// widget shows the same message whether the core or the server reported the code.
#pragma once

#include <string>
#include <string_view>

#include "kairos/time.hpp"

namespace kairos::widget {

enum class Lang { en, ja, fi, de, hu };

// One member per text; tables use designated initializers, so a misplaced or renamed
// entry fails to compile.
struct Texts {
  const char* loading;
  const char* choose_day;
  const char* choose_time;
  const char* no_times_this_day;
  const char* no_times_this_month;
  const char* previous_month;
  const char* next_month;
  const char* time_zone;
  const char* service;
  const char* minutes;  // "%d min"
  const char* your_details;
  const char* name;
  const char* email;
  const char* phone;
  const char* company;
  const char* notes;
  const char* optional;
  const char* did_you_mean;  // "Did you mean %s?"
  const char* use_suggestion;
  const char* back;
  const char* next;
  const char* review;
  const char* confirm_booking;
  const char* booking;
  const char* sending;
  const char* booked_title;
  const char* pending_title;
  const char* booked_body;
  const char* add_to_calendar;
  const char* manage_link;
  const char* open_manage;
  const char* slot_taken;
  const char* manage_title;
  const char* status;
  const char* status_pending;
  const char* status_approved;
  const char* status_cancelled;
  const char* status_rejected;
  const char* status_rescheduled;
  const char* status_completed;
  const char* cancel_booking;
  const char* confirm_cancel;
  const char* keep_booking;
  const char* cancelled_title;
  const char* reschedule;
  const char* rescheduled_title;
  const char* proposal_title;
  const char* proposal_body;
  const char* choose_this_time;
  const char* ask_other_times;
  const char* message_to_host;
  const char* send_request;
  const char* proposal_confirmed;
  const char* readjust_sent;
  const char* request_title;
  const char* request_body;
  const char* accept;
  const char* decline;
  const char* decline_reason;
  const char* accepted_title;
  const char* declined_title;
  const char* try_again;
  const char* when;
  const char* err_generic;
  const char* err_network;
  const char* err_missing_field;
  const char* err_invalid_email;
  const char* err_invalid_phone;
  const char* err_too_long;
  const char* err_slot_unavailable;
  const char* err_outside_booking_window;
  const char* err_too_soon;
  const char* err_limit_reached;
  const char* err_page_not_found;
  const char* err_not_found;
  const char* err_invalid_token;
  const char* err_invalid_transition;
  const char* err_rate_limited;
  const char* err_decline_not_allowed;
  const char* err_request_not_sent;
  const char* err_closed;
  const char* booked_body_no_mail;  // the server sends no mail (no --smtp)
  const char* close;
  const char* booking_region;       // the mirror region's and the frame's name
  const char* logo_alt;             // "%s logo": the business logo's text in the mirror
  const char* retrying;             // "Trying again…" while a failed request is retried
  const char* morning;
  const char* afternoon;
  const char* evening;
  const char* next_available;       // a button when the month has no free time
  const char* times_in;             // "Times in %s"
  // Inquiries (issue 14): a question, or wished times when none of the offered work.
  const char* ask_question;
  const char* suggest_times;        // the calendar's link to the suggest screen
  const char* suggest_title;
  const char* suggest_body;
  const char* wished_times;
  const char* no_wishes;
  const char* message;
  const char* question_body;
  const char* inquiry_sent_title;
  const char* inquiry_sent_body;          // "… to %s …" (mail is on its way)
  const char* inquiry_sent_body_no_mail;  // the server sends no mail
  const char* location;
  const char* back_to_calendar;
  const char* err_too_many_times;
  const char* err_in_past;
  const char* err_invalid_interval;
  const char* search_zone;          // the zone picker's search field
  // Where the meeting is when an event type names a kind, not an office (SPEC: office /
  // phone / video / guest address), and the label of the host the guest meets.
  const char* location_video;
  const char* location_phone;
  const char* location_office;
  const char* location_guest_address;
  const char* host;
};

struct Locale {
  const char* code;           // BCP 47, e.g. "fi"
  const char* native_name;    // "Suomi"
  Texts texts;
  const char* months[12];            // standalone: "maaliskuu"
  const char* months_in_date[12];    // inside a date: "maaliskuuta", "März", "március"
  const char* weekdays[7];           // Monday first
  const char* weekdays_short[7];     // Monday first
  int first_weekday;                 // 0 = Monday … 6 = Sunday
  bool twelve_hour;
};

const Locale& locale(Lang lang);
// "en", "ja-JP", "fi-FI", "de-AT", "hu" … → the language; nullopt-like: English.
bool parse_lang(std::string_view tag, Lang& out);

// The text in `lang`, English when the table has none.
const char* tr(Lang lang, const char* Texts::*member);
// An event type's location kind ("video", "phone", "office", "guest_address"; any case,
// "-" or " " for "_") as the guest reads it; any other text as it is.
std::string location_text(Lang lang, std::string_view kind);
// A booking status ("approved", "pending", …) as the guest reads it.
std::string booking_status_text(Lang lang, std::string_view status);
// The message for a core / server error code ("slot_unavailable" …).
const char* error_text(Lang lang, std::string_view code);

std::string format_month_year(Lang lang, int year, int month);
std::string format_long_date(Lang lang, core::LocalDate d);   // with weekday
std::string format_clock(Lang lang, core::LocalTime t);
// "%s" / "%d" substitution for the few texts that take one argument.
std::string fill(const char* pattern, std::string_view arg);

}  // namespace kairos::widget
