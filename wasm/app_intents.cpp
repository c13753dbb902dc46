// Intents → state changes and requests: the same Intent from a click in the canvas or the
// ARIA mirror; form edits and their checks; messages from the host page.
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
#include "kairos/wire/office.hpp"
#include "mirror.hpp"
#include "probe.hpp"
#include "app_internal.hpp"
#include "screens.hpp"

namespace kairos::widget {

using namespace app_detail;
using Kind = Intent::Kind;

void App::validate_form() {
  WidgetState& s = state_;
  FormCheck check = s.screen == Screen::inquiry
                        ? check_inquiry_form(s.form, s.inquiry_message, s.inquiry_request, s.wishes,
                                             core::Instant::from_unix_seconds(s.now_unix))
                        : check_guest_form(s.form);
  s.form_valid = check.errors.empty();
  s.email_suggestion = check.email_suggestion;
  s.field_errors.clear();
  for (core::Error& e : check.errors) {
    const bool shown = s.show_all_errors ||
                       std::find(s.touched.begin(), s.touched.end(), e.field) != s.touched.end();
    if (shown) s.field_errors.push_back(std::move(e));
  }
}

void App::edit_field(std::string_view field, std::string_view value) {
  WidgetState& s = state_;
  std::string* target = nullptr;
  if (field == "name") target = &s.form.name;
  else if (field == "email") target = &s.form.email;
  else if (field == "phone") target = &s.form.phone;
  else if (field == "company") target = &s.form.company;
  else if (field == "notes") target = &s.form.notes;
  else if (field == "readjust_message") target = &s.readjust_message;
  else if (field == "decline_reason") target = &s.decline_reason;
  else if (field == "message") target = &s.inquiry_message;
  if (target == nullptr) return;
  *target = std::string(value);
  if (std::find(s.touched.begin(), s.touched.end(), field) == s.touched.end()) s.touched.emplace_back(field);
  validate_form();
}

void App::apply(const Intent& in) {
  WidgetState& s = state_;
  switch (in.kind) {
    case Kind::next_available:
      seeking_ = true;
      seek_steps_ = 0;
      [[fallthrough]];
    case Kind::prev_month:
    case Kind::next_month: {
      if (in.kind != Kind::next_available) seeking_ = false;
      int m = s.month + (in.kind == Kind::prev_month ? -1 : 1);
      int y = s.year;
      if (m < 1) { m = 12; --y; }
      if (m > 12) { m = 1; ++y; }
      s.year = y;
      s.month = m;
      s.day.reset();
      s.slot.reset();
      if (!s.error_code.empty()) {
        s.error_code.clear();
        slots_.invalidate();  // the guest moved on: a month that failed may be asked again
      }
      break;
    }
    case Kind::select_day: {
      auto d = core::parse_date(in.arg);
      if (d) {
        s.day = *d;
        s.year = d->year();
        s.month = d->month();
        s.slot.reset();
      }
      break;
    }
    case Kind::select_slot: {
      auto t = core::parse_instant(in.arg);
      const core::ZoneRules* zone = guest_zone();
      if (!t || zone == nullptr || !s.day) break;
      MonthQuery q{s.page_id, event_type_id(), s.year, s.month, zone};
      if (s.rescheduling && !s.booking.page.empty()) q.page = s.booking.page;
      const DayMap* days = slots_.days(q);
      if (days == nullptr) break;
      const auto it = days->find(s.day->days_since_epoch());
      if (it == days->end()) break;
      for (const Slot& slot : it->second) {
        if (slot.start == *t) s.slot = slot;
      }
      if (!s.slot) break;
      s.notice_code.clear();
      s.error_code.clear();
      browser::emit("slotSelected", wire::slot_selected_event({s.slot->start, s.slot->end}, s.zone_id).dump());
      if (s.rescheduling) {
        s.screen = Screen::review;
      } else {
        s.screen = Screen::form;
        validate_form();
      }
      break;
    }
    case Kind::set_zone:
      if (std::find(s.zone_choices.begin(), s.zone_choices.end(), in.arg) == s.zone_choices.end()) break;
      s.zone_id = in.arg;
      s.zone_filter.clear();
      s.day.reset();
      s.slot.reset();
      ensure_zone(s.zone_id);
      break;
    case Kind::set_event_type:
      for (std::size_t i = 0; i < s.event_types.size(); ++i) {
        if (s.event_types[i].id == in.arg) s.event_type = i;
      }
      s.slot.reset();
      break;
    case Kind::edit_field: edit_field(in.arg, in.value); break;
    case Kind::accept_suggestion:
      if (!s.email_suggestion.empty()) edit_field("email", std::string(s.email_suggestion));
      break;
    case Kind::back:
      s.error_code.clear();
      if (s.screen == Screen::form) s.screen = Screen::calendar;
      else if (s.screen == Screen::review) s.screen = s.rescheduling ? Screen::calendar : Screen::form;
      else if (s.screen == Screen::calendar && s.rescheduling) { s.rescheduling = false; s.screen = Screen::manage; }
      else if (s.screen == Screen::readjust) s.screen = Screen::proposal;
      else if (s.screen == Screen::decline) s.screen = Screen::request;
      else if (s.screen == Screen::inquiry) s.screen = s.inquiry_request ? Screen::suggest : Screen::calendar;
      else if (s.screen == Screen::suggest || s.screen == Screen::inquiry_sent) {
        s.screen = Screen::calendar;
        s.day.reset();
      }
      break;
    case Kind::to_form: s.screen = Screen::form; break;
    case Kind::to_review:
      s.show_all_errors = true;
      validate_form();
      if (s.form_valid) {
        s.screen = Screen::review;
        char key[40];
        std::snprintf(key, sizeof key, "w-%lld-%d", static_cast<long long>(browser::now_ms()), next_id_);
        s.idempotency_key = key;
      }
      break;
    case Kind::confirm:
      if (!s.busy) submit_booking();
      break;
    case Kind::download_ics: {
      const std::string title = s.event_types.empty() ? s.page_name : s.event_types[s.event_type].name + " — " + s.page_name;
      std::string ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Kairos//Widget//EN\r\nBEGIN:VEVENT\r\nUID:" +
                        s.booking.uid + "@kairos\r\nDTSTAMP:" +
                        ics_time(core::Instant::from_unix_seconds(static_cast<std::int64_t>(browser::now_ms() / 1000))) +
                        "\r\nDTSTART:" + ics_time(s.booking.slot.start) + "\r\nDTEND:" + ics_time(s.booking.slot.end) +
                        "\r\nSUMMARY:" + ics_text(title) + "\r\nDESCRIPTION:" + ics_text(manage_url(s.booking)) +
                        "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
      browser::download("booking.ics", "text/calendar", ics);
      break;
    }
    case Kind::open_manage: browser::open_url(manage_url(s.booking)); break;
    case Kind::start_cancel: s.screen = Screen::cancel_ask; s.error_code.clear(); break;
    case Kind::keep: s.screen = Screen::manage; break;
    case Kind::confirm_cancel:
      s.busy = true;
      send(Call::cancel, "POST", "/v1/bookings/" + url_encode(s.booking.uid) + "/cancel", "{}");
      break;
    case Kind::start_reschedule:
      s.rescheduling = true;
      s.error_code.clear();
      if (!s.booking.page.empty()) s.page_id = s.booking.page;
      if (s.event_types.empty() && !s.page_id.empty()) {
        s.screen = Screen::loading;
        send(Call::page, "GET", "/v1/pages/" + url_encode(s.page_id));
      } else {
        s.screen = Screen::calendar;
      }
      break;
    case Kind::choose_candidate:
      if (auto t = core::parse_instant(in.arg)) {
        for (const Slot& c : s.candidates) {
          if (c.start == *t) s.slot = c;
        }
        s.busy = true;
        s.error_code.clear();
        send(Call::choose, "POST", "/v1/proposals/" + url_encode(s.token) + "/choose", wire::start_body(*t));
      }
      break;
    case Kind::start_readjust: s.screen = Screen::readjust; break;
    case Kind::send_readjust:
      s.busy = true;
      send(Call::readjust, "POST", "/v1/proposals/" + url_encode(s.token) + "/readjust",
           wire::message_body(s.readjust_message));
      break;
    case Kind::accept_request:
      s.busy = true;
      send(Call::accept, "POST", "/v1/requests/" + url_encode(s.token) + "/accept", "{}");
      break;
    case Kind::start_decline: s.screen = Screen::decline; break;
    case Kind::send_decline:
      s.busy = true;
      send(Call::decline, "POST", "/v1/requests/" + url_encode(s.token) + "/decline",
           wire::reason_body(s.decline_reason));
      break;
    case Kind::retry:
      slots_.invalidate();
      load_link_mode();
      break;
    case Kind::start_question:
      s.inquiry_request = false;
      s.error_code.clear();
      s.show_all_errors = false;
      s.screen = Screen::inquiry;
      validate_form();
      break;
    case Kind::start_suggest:
      s.inquiry_request = true;
      s.error_code.clear();
      s.day.reset();
      s.slot.reset();
      s.screen = Screen::suggest;
      break;
    case Kind::toggle_wish: {
      // Any hour of a chosen day may be wished (the host decides); the core bounds the
      // list (10) and refuses past times, so the widget offers neither.
      const auto t = core::parse_instant(in.arg);
      if (!t || s.screen != Screen::suggest) break;
      const auto it = std::find_if(s.wishes.begin(), s.wishes.end(), [&](const Slot& w) { return w.start == *t; });
      if (it != s.wishes.end()) {
        s.wishes.erase(it);
        break;
      }
      const ViewModel vm = view_model();
      for (const SlotRow& row : vm.wish_rows) {
        if (row.slot.start == *t && s.wishes.size() < 10) s.wishes.push_back(row.slot);
      }
      std::sort(s.wishes.begin(), s.wishes.end(), [](const Slot& a, const Slot& b) { return a.start < b.start; });
      break;
    }
    case Kind::to_inquiry:
      if (s.wishes.empty()) break;
      s.error_code.clear();
      s.show_all_errors = false;
      s.screen = Screen::inquiry;
      validate_form();
      break;
    case Kind::send_inquiry:
      s.show_all_errors = true;
      validate_form();
      if (s.form_valid && !s.busy) submit_inquiry();
      break;
    case Kind::retry_month:
      if (!failed_month_.empty()) slots_.retry(failed_month_);
      failed_month_.clear();
      month_failures_ = 0;
      retry_at_ms_ = 0;
      s.error_code.clear();
      break;
  }
}

void App::on_mirror_focus(std::string_view key) {
  state_.focus_key = std::string(key);
  settle_frames_ = kSettleFrames;
}

void App::on_mirror_activate(std::string_view id) {
  settle_frames_ = kSettleFrames;
  if (auto intent = parse_intent_id(id)) mirror_queue_.push_back(std::move(*intent));
}

void App::on_mirror_input(std::string_view field, std::string_view value) {
  settle_frames_ = kSettleFrames;
  if (field == "set_zone" || field == "set_event_type") {
    if (auto intent = parse_intent_id(std::string(field) + ":" + std::string(value))) mirror_queue_.push_back(*intent);
    return;
  }
  mirror_queue_.push_back(Intent{Kind::edit_field, std::string(field), std::string(value)});
}

void App::on_host_message(std::string_view body) {
  settle_frames_ = kSettleFrames;
  const Json j = parse(body);
  const std::string type = str(j, "type");
  if (type == "kairos:prefill") {
    if (const Json* n = wire::member(j, "name"); n != nullptr && n->is_string()) state_.form.name = n->get<std::string>();
    if (const Json* e = wire::member(j, "email"); e != nullptr && e->is_string()) state_.form.email = e->get<std::string>();
    validate_form();
  } else if (type == "kairos:theme") {
    state_.dark = str(j, "theme") == "dark";
    state_.accent = apply_theme(state_.dark, state_.accent);
  } else if (type == "kairos:language") {
    parse_lang(str(j, "lang"), state_.lang);
  }
}

}  // namespace kairos::widget
