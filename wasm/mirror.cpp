// Builds the mirror description from the same state and view model the canvas draws.
#include "mirror.hpp"

#include <nlohmann/json.hpp>

#include "kairos/time_text.hpp"

namespace kairos::widget {

namespace {

using Json = nlohmann::json;
using Kind = Intent::Kind;

struct Builder {
  const WidgetState& s;
  const ViewModel& vm;
  Json nodes = Json::array();

  const char* t(const char* Texts::*m) const { return tr(s.lang, m); }
  static Json text(const char* kind, const std::string& x) { return Json{{"t", kind}, {"x", x}}; }
  static Json button(Kind k, const std::string& arg, const std::string& x, bool disabled = false, bool pressed = false) {
    Json b{{"t", "button"}, {"id", intent_id(Intent{k, arg, {}})}, {"x", x}};
    if (disabled) b["disabled"] = true;
    if (pressed) b["pressed"] = true;
    return b;
  }
  void h(const std::string& x, int level = 1) { nodes.push_back(Json{{"t", "h"}, {"l", level}, {"x", x}}); }
  void p(const std::string& x) { if (!x.empty()) nodes.push_back(text("p", x)); }
  void alert(const std::string& x) { nodes.push_back(text("alert", x)); }
  void btn(Kind k, const std::string& x, bool disabled = false, const std::string& arg = {}) {
    nodes.push_back(button(k, arg, x, disabled));
  }
  void screen_error() { if (!s.error_code.empty()) alert(error_text(s.lang, s.error_code)); }
  void input(const char* id, const char* label, const std::string& value, bool optional,
             const char* type = "text", bool multiline = false) {
    Json n{{"t", "input"}, {"id", id}, {"x", label}, {"v", value}, {"type", type}};
    if (!optional) n["required"] = true;
    if (multiline) n["multiline"] = true;
    if (const auto r = s.field_rects.find(id); r != s.field_rects.end()) {
      n["r"] = Json::array({static_cast<int>(r->second[0]), static_cast<int>(r->second[1]),
                            static_cast<int>(r->second[2]), static_cast<int>(r->second[3])});
    }
    for (const core::Error& e : s.field_errors) {
      if (e.field == id) {
        n["e"] = error_text(s.lang, e.code);
        break;
      }
    }
    nodes.push_back(std::move(n));
  }

  void calendar() {
    // The business logo, named for screen readers (the canvas draws it beside the name).
    if (s.logo_texture != 0) nodes.push_back(Json{{"t", "img"}, {"x", fill(t(&Texts::logo_alt), s.page_name)}});
    h(s.page_name.empty() ? t(&Texts::choose_day) : s.page_name);
    if (!s.event_types.empty()) {
      const EventType& e = s.event_types[s.event_type];
      p(e.name + (e.duration_minutes > 0 ? " \xC2\xB7 " + fill(t(&Texts::minutes), std::to_string(e.duration_minutes)) : ""));
      p(vm.location_line);
      p(vm.host_line);
      p(e.description);
    }
    p(s.page_description);
    if (!s.notice_code.empty()) alert(t(&Texts::slot_taken));
    screen_error();
    if (s.event_types.size() > 1 && !s.rescheduling) {
      Json opts = Json::array();
      for (const EventType& e : s.event_types) opts.push_back(Json::array({e.id, e.name}));
      nodes.push_back(Json{{"t", "select"}, {"id", "set_event_type"}, {"x", t(&Texts::service)},
                           {"v", s.event_types[s.event_type].id}, {"o", opts}});
    }
    zone_select();
    month_grid();
    if (vm.month_failed) {
      alert(vm.month_retrying ? t(&Texts::retrying) : error_text(s.lang, "network_error"));
      btn(Kind::retry_month, t(&Texts::try_again));
    } else if (vm.month_loading) nodes.push_back(text("status", t(&Texts::loading)));
    else if (vm.seeking) nodes.push_back(text("status", t(&Texts::loading)));
    else if (!vm.month_has_slots) {
      p(t(&Texts::no_times_this_month));
      if (vm.can_next_month) btn(Kind::next_available, t(&Texts::next_available));
    }
    if (s.day) {
      h(vm.day_title, 2);
      p(fill(t(&Texts::times_in), vm.zone_label));
      Json slots = Json::array();
      for (const SlotRow& r : vm.day_slots) {
        Json b = button(Kind::select_slot, core::format_instant(r.slot.start), r.label, false, r.selected);
        b["start"] = core::format_instant(r.slot.start);
        b["end"] = core::format_instant(r.slot.end);
        slots.push_back(std::move(b));
      }
      if (vm.day_slots.empty()) p(t(&Texts::no_times_this_day));
      nodes.push_back(Json{{"t", "list"}, {"id", "slots"}, {"x", t(&Texts::choose_time)}, {"c", slots}});
    }
    if (s.rescheduling) {
      btn(Kind::back, t(&Texts::back));
    } else {
      btn(Kind::start_question, t(&Texts::ask_question));
      btn(Kind::start_suggest, t(&Texts::suggest_times));
    }
  }

  void zone_select() {
    Json zones = Json::array();
    for (std::size_t i = 0; i < s.zone_choices.size(); ++i) {
      zones.push_back(Json::array({s.zone_choices[i], i < s.zone_labels.size() ? s.zone_labels[i] : s.zone_choices[i]}));
    }
    nodes.push_back(Json{{"t", "select"}, {"id", "set_zone"}, {"x", t(&Texts::time_zone)}, {"v", s.zone_id}, {"o", zones}});
  }

  void wish_list() {
    p(t(&Texts::wished_times));
    if (vm.wish_labels.empty()) p(t(&Texts::no_wishes));
    for (const std::string& w : vm.wish_labels) p(w);
  }

  // The month's title, paging and days: the booking calendar and the wished times share it.
  void month_grid() {
    h(vm.month_title, 2);
    btn(Kind::prev_month, t(&Texts::previous_month), !vm.can_prev_month);
    btn(Kind::next_month, t(&Texts::next_month), !vm.can_next_month);
    Json days = Json::array();
    for (const DayCell& c : vm.cells) {
      if (!c.in_month) continue;
      Json b = button(Kind::select_day, core::format_date(c.date), format_long_date(s.lang, c.date), !c.bookable, c.selected);
      b["date"] = core::format_date(c.date);
      days.push_back(std::move(b));
    }
    nodes.push_back(Json{{"t", "list"}, {"id", "days"}, {"x", t(&Texts::choose_day)}, {"c", days}});
  }

  // The same calendar as booking: every day from today can be chosen, its hours wished.
  void suggest() {
    h(t(&Texts::suggest_title));
    p(t(&Texts::suggest_body));
    p(vm.location_line);
    screen_error();
    zone_select();
    month_grid();
    if (s.day) {
      h(vm.day_title, 2);
      p(fill(t(&Texts::times_in), vm.zone_label));
      Json items = Json::array();
      for (const SlotRow& r : vm.wish_rows) {
        Json b = button(Kind::toggle_wish, core::format_instant(r.slot.start), r.label, false, r.selected);
        b["start"] = core::format_instant(r.slot.start);
        b["end"] = core::format_instant(r.slot.end);
        items.push_back(std::move(b));
      }
      if (vm.wish_rows.empty()) p(t(&Texts::no_times_this_day));
      nodes.push_back(Json{{"t", "list"}, {"id", "wishes"}, {"x", t(&Texts::choose_time)}, {"c", items}});
    }
    wish_list();
    btn(Kind::back, t(&Texts::back));
    btn(Kind::to_inquiry, t(&Texts::next), s.wishes.empty());
  }

  void inquiry() {
    h(s.inquiry_request ? t(&Texts::suggest_title) : t(&Texts::ask_question));
    if (s.inquiry_request) {
      p(t(&Texts::wished_times));
      for (const std::string& w : vm.wish_labels) p(w);
    } else {
      p(t(&Texts::question_body));
    }
    p(vm.location_line);
    input("name", t(&Texts::name), s.form.name, false);
    input("email", t(&Texts::email), s.form.email, false, "email");
    if (!s.email_suggestion.empty()) {
      nodes.push_back(text("status", fill(t(&Texts::did_you_mean), s.email_suggestion)));
      btn(Kind::accept_suggestion, std::string(t(&Texts::use_suggestion)) + ": " + s.email_suggestion);
    }
    input("phone", t(&Texts::phone), s.form.phone, true, "tel");
    input("message", t(&Texts::message), s.inquiry_message, false, "text", true);
    for (const core::Error& e : s.field_errors) {
      if (e.field == "wished_times") alert(error_text(s.lang, e.code));
    }
    screen_error();
    if (s.busy) nodes.push_back(text("status", t(&Texts::sending)));
    btn(Kind::back, t(&Texts::back), s.busy);
    btn(Kind::send_inquiry, t(&Texts::send_request), !vm.form_valid || s.busy);
  }

  void form() {
    h(t(&Texts::your_details));
    p(vm.slot_summary);
    if (!vm.host_line.empty()) p(std::string(t(&Texts::host)) + ": " + vm.host_line);
    input("name", t(&Texts::name), s.form.name, false);
    input("email", t(&Texts::email), s.form.email, false, "email");
    if (!s.email_suggestion.empty()) {
      nodes.push_back(text("status", fill(t(&Texts::did_you_mean), s.email_suggestion)));
      btn(Kind::accept_suggestion, std::string(t(&Texts::use_suggestion)) + ": " + s.email_suggestion);
    }
    input("phone", t(&Texts::phone), s.form.phone, true, "tel");
    input("company", t(&Texts::company), s.form.company, true);
    input("notes", t(&Texts::notes), s.form.notes, true, "text", true);
    btn(Kind::back, t(&Texts::back));
    btn(Kind::to_review, t(&Texts::next), !vm.form_valid);
  }

  void review() {
    h(t(&Texts::review));
    p(vm.slot_summary);
    if (!vm.host_line.empty()) p(std::string(t(&Texts::host)) + ": " + vm.host_line);
    if (!s.rescheduling) {
      p(std::string(t(&Texts::name)) + ": " + s.form.name);
      p(std::string(t(&Texts::email)) + ": " + s.form.email);
      if (!s.form.phone.empty()) p(std::string(t(&Texts::phone)) + ": " + s.form.phone);
      if (!s.form.company.empty()) p(std::string(t(&Texts::company)) + ": " + s.form.company);
      if (!s.form.notes.empty()) p(std::string(t(&Texts::notes)) + ": " + s.form.notes);
    }
    screen_error();
    if (s.busy) nodes.push_back(text("status", t(&Texts::sending)));
    btn(Kind::back, t(&Texts::back), s.busy);
    btn(Kind::confirm, t(&Texts::confirm_booking), s.busy);
  }

  void build() {
    switch (s.screen) {
      case Screen::loading: nodes.push_back(text("status", t(&Texts::loading))); break;
      case Screen::calendar: calendar(); break;
      case Screen::form: form(); break;
      case Screen::review: review(); break;
      case Screen::success:
        h(s.booking.status == "pending" ? t(&Texts::pending_title) : t(&Texts::booked_title));
        nodes.push_back(text("status", vm.booking_label));
        p(s.mail_delivery ? t(&Texts::booked_body) : t(&Texts::booked_body_no_mail));
        p(vm.location_line);
        if (!vm.host_line.empty()) p(std::string(t(&Texts::host)) + ": " + vm.host_line);
        btn(Kind::download_ics, t(&Texts::add_to_calendar));
        p(t(&Texts::manage_link));
        nodes.push_back(Json{{"t", "link"}, {"x", t(&Texts::open_manage)}, {"href", s.booking.manage_url}});
        break;
      case Screen::manage: {
        h(t(&Texts::manage_title));
        p(vm.booking_label);
        p(std::string(t(&Texts::status)) + ": " + booking_status_text(s.lang, s.booking.status));
        screen_error();
        btn(Kind::start_reschedule, t(&Texts::reschedule), !vm.can_reschedule || s.busy);
        btn(Kind::start_cancel, t(&Texts::cancel_booking), !vm.can_cancel || s.busy);
        break;
      }
      case Screen::cancel_ask:
        h(t(&Texts::cancel_booking));
        p(vm.booking_label);
        screen_error();
        btn(Kind::confirm_cancel, t(&Texts::confirm_cancel), s.busy);
        btn(Kind::keep, t(&Texts::keep_booking));
        break;
      case Screen::proposal: {
        h(t(&Texts::proposal_title));
        p(s.host_message);
        p(t(&Texts::proposal_body));
        screen_error();
        Json items = Json::array();
        for (std::size_t i = 0; i < s.candidates.size() && i < vm.candidate_labels.size(); ++i) {
          Json b = button(Kind::choose_candidate, core::format_instant(s.candidates[i].start),
                          std::string(t(&Texts::choose_this_time)) + ": " + vm.candidate_labels[i], s.busy);
          b["start"] = core::format_instant(s.candidates[i].start);
          items.push_back(std::move(b));
        }
        nodes.push_back(Json{{"t", "list"}, {"id", "candidates"}, {"x", t(&Texts::proposal_body)}, {"c", items}});
        btn(Kind::start_readjust, t(&Texts::ask_other_times));
        break;
      }
      case Screen::readjust:
        h(t(&Texts::ask_other_times));
        input("readjust_message", t(&Texts::message_to_host), s.readjust_message, true, "text", true);
        screen_error();
        btn(Kind::back, t(&Texts::back));
        btn(Kind::send_readjust, t(&Texts::send_request), s.busy);
        break;
      case Screen::request:
        h(t(&Texts::request_title));
        p(t(&Texts::request_body));
        for (const std::string& l : vm.request_labels) p(l);
        p(s.host_message);
        screen_error();
        btn(Kind::accept_request, t(&Texts::accept), s.busy);
        if (s.allow_decline) btn(Kind::start_decline, t(&Texts::decline), s.busy);
        break;
      case Screen::decline:
        h(t(&Texts::decline));
        input("decline_reason", t(&Texts::decline_reason), s.decline_reason, true, "text", true);
        screen_error();
        btn(Kind::back, t(&Texts::back));
        btn(Kind::send_decline, t(&Texts::send_request), s.busy);
        break;
      case Screen::done:
        h(t(s.done_text));
        nodes.push_back(text("status", vm.booking_label));
        break;
      case Screen::fatal:
        // The canvas draws the error as the screen's title: the mirror's heading too (axe:
        // page-has-heading-one), announced as an alert on the first screen as well.
        nodes.push_back(Json{{"t", "h"}, {"l", 1}, {"x", error_text(s.lang, s.error_code.empty() ? "error" : s.error_code)},
                             {"alert", true}});
        btn(Kind::retry, t(&Texts::try_again));
        break;
      case Screen::suggest: suggest(); break;
      case Screen::inquiry: inquiry(); break;
      case Screen::inquiry_sent:
        h(t(&Texts::inquiry_sent_title));
        for (const std::string& w : vm.wish_labels) p(w);
        p(vm.location_line);
        nodes.push_back(text("status", fill(s.mail_delivery ? t(&Texts::inquiry_sent_body)
                                                            : t(&Texts::inquiry_sent_body_no_mail), s.form.email)));
        btn(Kind::back, t(&Texts::back_to_calendar));
        break;
    }
  }
};

}  // namespace

const char* screen_name(Screen s) {
  switch (s) {
    case Screen::loading: return "loading";
    case Screen::calendar: return "calendar";
    case Screen::form: return "form";
    case Screen::review: return "review";
    case Screen::success: return "success";
    case Screen::manage: return "manage";
    case Screen::cancel_ask: return "cancel";
    case Screen::proposal: return "proposal";
    case Screen::readjust: return "readjust";
    case Screen::request: return "request";
    case Screen::decline: return "decline";
    case Screen::done: return "done";
    case Screen::fatal: return "error";
    case Screen::suggest: return "suggest";
    case Screen::inquiry: return "inquiry";
    case Screen::inquiry_sent: return "inquiry_sent";
  }
  return "";
}

std::string describe_mirror(const WidgetState& state, const ViewModel& vm) {
  Builder b{state, vm};
  b.build();
  Json root{{"lang", locale(state.lang).code}, {"screen", screen_name(state.screen)}, {"zone", state.zone_id},
            {"busy", state.busy}, {"nodes", std::move(b.nodes)},
            {"strings", Json{{"region", tr(state.lang, &Texts::booking_region)},
                             {"loading", tr(state.lang, &Texts::loading)},
                             {"close", tr(state.lang, &Texts::close)}}}};
  if (!state.booking.uid.empty()) root["booking"] = state.booking.uid;
  return root.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace kairos::widget
