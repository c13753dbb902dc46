// Intents → state changes and requests; answers → state. See app.hpp.
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
#include "screens.hpp"

namespace kairos::widget {

namespace {

using Json = wire::Json;
using Kind = Intent::Kind;

constexpr const char* common_zones[] = {
    "Pacific/Honolulu", "America/Anchorage", "America/Los_Angeles", "America/Denver", "America/Chicago",
    "America/New_York", "America/Sao_Paulo", "UTC", "Europe/London", "Europe/Berlin", "Europe/Budapest",
    "Europe/Helsinki", "Europe/Moscow", "Asia/Dubai", "Asia/Kolkata", "Asia/Singapore", "Asia/Shanghai",
    "Asia/Tokyo", "Australia/Sydney", "Pacific/Auckland"};

std::string str(const Json& j, std::string_view key) {
  const Json* m = wire::member(j, key);
  return (m != nullptr && m->is_string()) ? m->get<std::string>() : std::string();
}

// Owner content is a string or a map of language → text (docs/API.md, "Owner content in
// several languages"): the guest's language, else English, else any.
std::string text_in(const Json* j, Lang lang) {
  if (j == nullptr) return {};
  if (j->is_string()) return j->get<std::string>();
  if (!j->is_object() || j->empty()) return {};
  for (const char* code : {locale(lang).code, "en"}) {
    if (const Json* t = wire::member(*j, code); t != nullptr && t->is_string()) return t->get<std::string>();
  }
  const Json& first = j->begin().value();
  return first.is_string() ? first.get<std::string>() : std::string();
}

Json parse(std::string_view body) {
  auto r = wire::parse_json(body);
  return r ? std::move(*r) : Json();
}

// The stable code of a failed answer: the problem+json `code`, else one for the status.
std::string error_code_of(int status, std::string_view body) {
  const Json j = parse(body);
  std::string code = str(j, "code");
  if (!code.empty()) return code;
  if (status == 0) return "network_error";
  if (status == 404) return "not_found";
  if (status == 409) return "slot_unavailable";
  if (status == 429) return "rate_limited";
  if (status == 401 || status == 403) return "invalid_token";
  return "error";
}

// "guest.email" → "email": the server blames nested fields, the form has flat ones.
std::string form_field_of(const std::string& field) {
  const auto dot = field.rfind('.');
  return dot == std::string::npos ? field : field.substr(dot + 1);
}

std::optional<Slot> read_slot(const Json& j) {
  auto i = wire::read_interval(j, "slot");
  if (!i) return std::nullopt;
  return Slot{i->start, i->end};
}

BookingView read_booking(const Json& j) {
  BookingView b;
  b.uid = str(j, "uid");
  b.status = str(j, "status");
  b.token = str(j, "token");
  b.manage_url = str(j, "manage_url");
  b.page = str(j, "page");
  b.event_type = str(j, "event_type");
  b.title = str(j, "title");
  if (auto s = read_slot(j)) b.slot = *s;
  return b;
}

std::string url_encode(std::string_view s) {
  std::string out;
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~') {
      out += ch;
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

std::string ics_time(core::Instant t) {
  std::string s = core::format_instant(t);  // 2026-03-09T14:00:00Z
  std::string out;
  for (const char c : s) {
    if (c != '-' && c != ':') out += c;
  }
  return out;
}

std::string ics_text(std::string_view s) {
  std::string out;
  for (const char c : s) {
    if (c == ',' || c == ';' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace

int App::send(Call call, std::string_view method, const std::string& path, const std::string& body,
              const std::string& key) {
  const int id = next_id_++;
  pending_[id] = Pending{call, key};
  if (call == Call::font_latin || call == Call::font_japanese) {
    browser::fetch_binary(id, path);
    return id;
  }
  const bool guest_token = call == Call::get_booking || call == Call::cancel || call == Call::reschedule;
  const std::string idem = call == Call::create_booking ? state_.idempotency_key : std::string();
  browser::fetch(id, method, state_.api_base + path, body, guest_token ? state_.token : std::string(), idem);
  return id;
}

void App::start() {
  const Json cfg = parse(browser::config_json());
  WidgetState& s = state_;
  s.api_base = str(cfg, "api");
  s.widget_url = str(cfg, "widget_url");
  s.page_id = str(cfg, "page");
  s.dark = str(cfg, "theme") == "dark";
  const std::string accent = str(cfg, "accent");
  if (accent.size() == 7 && accent[0] == '#') {
    s.accent = static_cast<std::uint32_t>(std::strtoul(accent.c_str() + 1, nullptr, 16));
  }
  // Language: the embed's choice, else the browser's first supported one, else the page's.
  bool chosen = parse_lang(str(cfg, "lang"), s.lang);
  if (const Json* langs = wire::member(cfg, "languages"); !chosen && langs != nullptr && langs->is_array()) {
    for (const Json& l : *langs) {
      if (l.is_string() && parse_lang(l.get<std::string>(), s.lang)) {
        chosen = true;
        break;
      }
    }
  }
  lang_from_embed_or_browser_ = chosen;
  s.form.name = str(cfg, "name");
  s.form.email = str(cfg, "email");
  if (const Json* now = wire::member(cfg, "now_ms"); now != nullptr && now->is_number()) {
    s.now_unix = static_cast<std::int64_t>(now->get<double>() / 1000.0);
  }
  probe::set_enabled(!str(cfg, "probe").empty());
  s.zone_id = str(cfg, "tz");
  if (s.zone_id.empty()) s.zone_id = "UTC";
  for (const char* z : common_zones) s.zone_choices.emplace_back(z);
  if (std::find(s.zone_choices.begin(), s.zone_choices.end(), s.zone_id) == s.zone_choices.end()) {
    s.zone_choices.insert(s.zone_choices.begin(), s.zone_id);
  }
  s.accent = apply_theme(s.dark, s.accent);

  send(Call::font_latin, "FONT", browser::asset_url("fonts/latin.ttf"));
  ensure_zone(s.zone_id);
  if (!str(cfg, "proposal").empty()) {
    s.mode = Mode::proposal;
    s.token = str(cfg, "proposal");
  } else if (!str(cfg, "request").empty()) {
    s.mode = Mode::request;
    s.token = str(cfg, "request");
  } else if (!str(cfg, "booking").empty()) {
    s.mode = Mode::manage;
    s.booking_uid = str(cfg, "booking");
    s.token = str(cfg, "token");
  }
  load_link_mode();
}

void App::load_link_mode() {
  WidgetState& s = state_;
  s.screen = Screen::loading;
  s.error_code.clear();
  switch (s.mode) {
    case Mode::book:
      if (s.page_id.empty()) return fail("page_not_found");
      send(Call::page, "GET", "/v1/pages/" + url_encode(s.page_id));
      break;
    case Mode::manage:
      send(Call::get_booking, "GET", "/v1/bookings/" + url_encode(s.booking_uid) + "?token=" + url_encode(s.token));
      break;
    case Mode::proposal: send(Call::proposal, "GET", "/v1/proposals/" + url_encode(s.token)); break;
    case Mode::request: send(Call::request, "GET", "/v1/requests/" + url_encode(s.token)); break;
  }
}

void App::fail(std::string code) {
  state_.error_code = std::move(code);
  state_.screen = Screen::fatal;
  state_.busy = false;
}

void App::ensure_zone(const std::string& zone_id) {
  if (zones_.count(zone_id) != 0) return;
  for (const auto& [id, p] : pending_) {
    if (p.call == Call::zone && p.key == zone_id) return;
  }
  // The table covers the days the calendar can show: a little past, a year ahead.
  const core::LocalDate today = core::LocalDate::from_days(static_cast<std::int32_t>(state_.now_unix / 86400));
  send(Call::zone, "GET",
       "/v1/zones?zone=" + url_encode(zone_id) + "&from=" + core::format_date(today - core::Days(62)) +
           "&to=" + core::format_date(today + core::Days(800)),
       {}, zone_id);
}

const core::ZoneRules* App::guest_zone() const {
  const auto it = zones_.find(state_.zone_id);
  return it == zones_.end() ? nullptr : &it->second;
}

std::string App::event_type_id() const {
  if (state_.rescheduling && !state_.booking.event_type.empty()) return state_.booking.event_type;
  return state_.event_types.empty() ? std::string() : state_.event_types[state_.event_type].id;
}

void App::ensure_month() {
  if (state_.screen != Screen::calendar) return;
  const std::string page = state_.rescheduling && !state_.booking.page.empty() ? state_.booking.page : state_.page_id;
  MonthQuery q{page, event_type_id(), state_.year, state_.month, guest_zone()};
  if (auto r = slots_.missing(q)) {
    slots_.mark_loading(r->key);
    send(Call::month, "GET", r->path, {}, r->key);
  }
}

void App::ensure_japanese_font() {
  if (japanese_requested_) return;
  japanese_requested_ = true;
  send(Call::font_japanese, "FONT", browser::asset_url("fonts/ja.ttf"));
}

std::string App::manage_url(const BookingView& b) const {
  if (!b.manage_url.empty()) return b.manage_url;
  std::string base = state_.widget_url;
  if (base.empty()) base = "/widget/";
  const std::string page = b.page.empty() ? state_.page_id : b.page;
  return base + "?page=" + url_encode(page) + "&booking=" + url_encode(b.uid) + "&token=" + url_encode(b.token) +
         "&lang=" + locale(state_.lang).code;
}

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

void App::submit_booking() {
  WidgetState& s = state_;
  if (!s.slot) return;
  s.busy = true;
  s.error_code.clear();
  if (s.rescheduling) {
    Json body{{"start", core::format_instant(s.slot->start)}};
    send(Call::reschedule, "POST", "/v1/bookings/" + url_encode(s.booking.uid) + "/reschedule", body.dump());
    return;
  }
  Json guest{{"name", s.form.name}, {"email", s.form.email}, {"timezone", s.zone_id},
             {"language", locale(s.lang).code}};
  if (!s.form.phone.empty()) guest["phone"] = s.form.phone;
  if (!s.form.company.empty()) guest["company"] = s.form.company;
  Json body{{"page", s.page_id}, {"event_type", event_type_id()}, {"start", core::format_instant(s.slot->start)},
            {"guest", guest}};
  if (!s.form.notes.empty()) body["notes"] = s.form.notes;
  send(Call::create_booking, "POST", "/v1/bookings", body.dump(-1, ' ', false, Json::error_handler_t::replace));
}

void App::submit_inquiry() {
  WidgetState& s = state_;
  s.busy = true;
  s.error_code.clear();
  Json guest{{"name", s.form.name}, {"email", s.form.email}};
  if (!s.form.phone.empty()) guest["phone"] = s.form.phone;
  Json body{{"page", s.page_id}, {"kind", s.inquiry_request ? "booking_request" : "question"}, {"guest", guest},
            {"message", s.inquiry_message}, {"language", locale(s.lang).code}};
  if (s.inquiry_request) {
    Json wished = Json::array();
    for (const Slot& w : s.wishes) {
      wished.push_back(Json{{"start", core::format_instant(w.start)}, {"end", core::format_instant(w.end)}});
    }
    body["wished_times"] = wished;
  }
  if (!s.event_types.empty() && !s.event_types[s.event_type].location_id.empty()) {
    body["location"] = s.event_types[s.event_type].location_id;
  }
  send(Call::inquiry, "POST", "/v1/inquiries", body.dump(-1, ' ', false, Json::error_handler_t::replace));
}

void App::handle_inquiry(int status, std::string_view body) {
  WidgetState& s = state_;
  s.busy = false;
  const Json j = parse(body);
  if (status == 200 || status == 201) {
    s.inquiry_id = str(j, "id");
    s.screen = Screen::inquiry_sent;
    browser::emit("inquirySent", Json{{"id", s.inquiry_id}, {"kind", s.inquiry_request ? "booking_request" : "question"}}.dump());
    return;
  }
  // The server's answer wins: its code under the field it names, else on the screen.
  const std::string code = error_code_of(status, body);
  std::string field = form_field_of(str(j, "field"));
  if (field.rfind("wished_times", 0) == 0) field.clear();
  if (status == 422 && !field.empty() && field != "page") {
    s.field_errors = {core::make_error(code, str(j, "detail"), field)};
    s.form_valid = false;
    return;
  }
  s.error_code = code;
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
      browser::emit("slotSelected", Json{{"start", core::format_instant(s.slot->start)},
                                         {"end", core::format_instant(s.slot->end)}, {"timezone", s.zone_id}}.dump());
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
        send(Call::choose, "POST", "/v1/proposals/" + url_encode(s.token) + "/choose",
             Json{{"start", in.arg}}.dump());
      }
      break;
    case Kind::start_readjust: s.screen = Screen::readjust; break;
    case Kind::send_readjust:
      s.busy = true;
      send(Call::readjust, "POST", "/v1/proposals/" + url_encode(s.token) + "/readjust",
           Json{{"message", s.readjust_message}}.dump(-1, ' ', false, Json::error_handler_t::replace));
      break;
    case Kind::accept_request:
      s.busy = true;
      send(Call::accept, "POST", "/v1/requests/" + url_encode(s.token) + "/accept", "{}");
      break;
    case Kind::start_decline: s.screen = Screen::decline; break;
    case Kind::send_decline:
      s.busy = true;
      send(Call::decline, "POST", "/v1/requests/" + url_encode(s.token) + "/decline",
           Json{{"reason", s.decline_reason}}.dump(-1, ' ', false, Json::error_handler_t::replace));
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
  if (!s.event_types.empty()) {
    const EventType& e = s.event_types[s.event_type];
    vm.location_line = e.location;
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
  vm.month_loading = slots == nullptr && !wish;
  // After a failure the month shows the error (with "Try again") until it loads, also
  // while an automatic retry waits or is in flight.
  const bool retrying_this = !failed_month_.empty() && failed_month_ == slots_.key(q);
  vm.month_failed = !wish && zone != nullptr && slots == nullptr && (slots_.is_failed(q) || retrying_this);
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
    if (wish) c.bookable = c.in_month && today && c.date >= *today;
    c.selected = s.day && *s.day == c.date;
    c.today = c.in_month && today && *today == c.date;
    vm.month_has_slots = vm.month_has_slots || c.bookable;
    vm.cells.push_back(c);
  }
  vm.seeking = seeking_ && !wish;
  if (zone != nullptr) {
    // "Helsinki (UTC+2)": the zone's city and its offset now.
    std::string city = zone->id().substr(zone->id().rfind('/') == std::string::npos ? 0 : zone->id().rfind('/') + 1);
    std::replace(city.begin(), city.end(), '_', ' ');
    const int off = zone->offset_at(core::Instant::from_unix_seconds(s.now_unix)).utc_offset_seconds / 60;
    char buf[24];
    if (off % 60 == 0) std::snprintf(buf, sizeof buf, " (UTC%+d)", off / 60);
    else std::snprintf(buf, sizeof buf, " (UTC%+d:%02d)", off / 60, std::abs(off % 60));
    vm.zone_label = city + (off == 0 && city == "UTC" ? std::string() : std::string(buf));
  }
  if (wish && s.day && zone != nullptr) {
    vm.day_title = format_long_date(s.lang, *s.day);
    const int minutes = s.event_types.empty() || s.event_types[s.event_type].duration_minutes <= 0
                            ? 60 : s.event_types[s.event_type].duration_minutes;
    const core::Instant now = core::Instant::from_unix_seconds(s.now_unix);
    for (int h = 8; h <= 19; ++h) {
      const core::Instant start =
          zone->to_instant(core::LocalDateTime(*s.day, core::LocalTime::from_seconds(h * 3600)));
      const core::LocalTime local = zone->to_local(start).time();
      if (start <= now || local.hour() != h) continue;  // past, or inside a DST gap
      SlotRow row;
      row.slot = Slot{start, start + core::Minutes(minutes)};
      row.label = format_clock(s.lang, local);
      row.part_of_day = h < 12 ? 0 : h < 17 ? 1 : 2;
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

bool App::wants_frame() const {
  return settle_frames_ > 0 || state_.busy || !pending_.empty() || ImGui::GetIO().WantTextInput || retry_at_ms_ > 0;
}

void App::maybe_retry_month() {
  if (retry_at_ms_ <= 0 || browser::now_ms() < retry_at_ms_) return;
  retry_at_ms_ = 0;
  slots_.retry(failed_month_);
  settle_frames_ = kSettleFrames;
}

void App::seek_free_month() {
  WidgetState& s = state_;
  if (!seeking_ || s.screen != Screen::calendar) return;
  const core::ZoneRules* zone = guest_zone();
  if (zone == nullptr) return;
  MonthQuery q{s.page_id, event_type_id(), s.year, s.month, zone};
  if (s.rescheduling && !s.booking.page.empty()) q.page = s.booking.page;
  if (slots_.is_failed(q)) {
    seeking_ = false;
    return;
  }
  const DayMap* days = slots_.days(q);
  if (days == nullptr) return;  // still loading
  for (const auto& [d, list] : *days) {
    const core::LocalDate date = core::LocalDate::from_days(d);
    if (!list.empty() && date.year() == s.year && date.month() == s.month) {
      seeking_ = false;
      return;
    }
  }
  if (++seek_steps_ > 12) {
    seeking_ = false;
    return;
  }
  if (++s.month > 12) {
    s.month = 1;
    ++s.year;
  }
  s.day.reset();
  s.slot.reset();
  settle_frames_ = kSettleFrames;
}

void App::on_mirror_focus(std::string_view key) {
  state_.focus_key = std::string(key);
  settle_frames_ = kSettleFrames;
}

void App::frame() {
  if (settle_frames_ > 0) --settle_frames_;
  WidgetState& s = state_;
  // Mirror activations arrive between frames; apply them in order, as clicks.
  std::vector<Intent> queued;
  queued.swap(mirror_queue_);
  for (const Intent& i : queued) apply(i);
  maybe_retry_month();
  ensure_month();
  seek_free_month();
  ensure_month();

  const ViewModel vm = view_model();
  float height = 0;
  if (auto intent = draw_screen(s, vm, height)) {
    apply(*intent);
    settle_frames_ = kSettleFrames;
  }
  browser::want_text_input(ImGui::GetIO().WantTextInput);
  browser::want_wheel(ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId));

  if (!japanese_requested_ &&
      (s.lang == Lang::ja || needs_japanese(s.page_name) || needs_japanese(s.page_description) ||
       needs_japanese(s.form.name) || needs_japanese(s.form.company) || needs_japanese(s.form.notes) ||
       needs_japanese(s.host_message) || needs_japanese(s.readjust_message) || needs_japanese(s.decline_reason) ||
       needs_japanese(s.inquiry_message))) {
    ensure_japanese_font();
  }
  if (japanese_requested_) {
    // The glyphs the title fonts need: every text of the language, and the page's name
    // (known before the Japanese font arrives, so its atlas is built once).
    constexpr std::size_t n = sizeof(Texts) / sizeof(const char*);
    std::array<const char*, n> texts{};
    std::memcpy(texts.data(), &locale(s.lang).texts, sizeof(Texts));
    std::string title = s.page_name;
    for (const char* t : texts) {
      if (t != nullptr) title += t;
    }
    fonts_.set_title_text(std::move(title));
  }
  const std::string mirror = describe_mirror(s, view_model());
  if (mirror != last_mirror_) {
    settle_frames_ = kSettleFrames;
    last_mirror_ = mirror;
    browser::publish_mirror(mirror);
  }
  if (const auto r = s.item_rects.find(s.focus_key); !s.focus_key.empty() && r != s.item_rects.end() &&
                                                      r->second != last_focus_rect_) {
    last_focus_rect_ = r->second;
    browser::focus_rect(static_cast<int>(r->second[0]) - 8, static_cast<int>(r->second[1]) - 8,
                        static_cast<int>(r->second[2]) + 16, static_cast<int>(r->second[3]) + 16);
  }
  if (s.focus_key.empty()) last_focus_rect_ = {};
  const int h = static_cast<int>(height + 0.5f);
  if (h != last_height_) {
    last_height_ = h;
    browser::report_height(h);
  }
  const bool japanese_ready = s.lang != Lang::ja || fonts_.has_japanese();
  if (!announced_ready_ && s.screen != Screen::loading && japanese_ready) {
    announced_ready_ = true;
    browser::ready();
    browser::emit("loaded", Json{{"page", s.page_id}, {"screen", s.mode == Mode::book ? "calendar" : "link"}}.dump());
  }
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

void App::on_binary(int id, std::vector<unsigned char> bytes) {
  settle_frames_ = kSettleFrames;
  const auto it = pending_.find(id);
  if (it == pending_.end()) return;
  const Call call = it->second.call;
  pending_.erase(it);
  if (bytes.empty()) return;
  if (call == Call::font_latin) fonts_.set_latin(std::move(bytes));
  if (call == Call::font_japanese) fonts_.set_japanese(std::move(bytes));
}

void App::handle_page(int status, std::string_view body) {
  WidgetState& s = state_;
  if (status != 200) return fail(error_code_of(status, body));
  const Json j = parse(body);
  s.page_name = text_in(wire::member(j, "name"), s.lang);
  s.page_description = text_in(wire::member(j, "description"), s.lang);
  if (const Json* m = wire::member(j, "mail_delivery"); m != nullptr && m->is_boolean()) s.mail_delivery = m->get<bool>();
  if (!lang_from_embed_or_browser_) {
    parse_lang(str(j, "language"), s.lang);
    s.page_name = text_in(wire::member(j, "name"), s.lang);
    s.page_description = text_in(wire::member(j, "description"), s.lang);
  }
  s.event_types.clear();
  if (const Json* types = wire::member(j, "event_types"); types != nullptr && types->is_array()) {
    for (const Json& t : *types) {
      EventType e;
      e.id = str(t, "id");
      e.name = text_in(wire::member(t, "name"), s.lang);
      if (const Json* d = wire::member(t, "duration_minutes"); d != nullptr && d->is_number_integer()) {
        e.duration_minutes = d->get<int>();
      }
      // A stored location arrives as an object (the office's name and address, each a
      // string or a language map); otherwise a word such as "video" or "phone".
      if (const Json* loc = wire::member(t, "location"); loc != nullptr && loc->is_object()) {
        e.location = text_in(wire::member(*loc, "name"), s.lang);
        e.location_address = text_in(wire::member(*loc, "address"), s.lang);
        e.location_id = str(*loc, "id");
      } else {
        e.location = str(t, "location");
      }
      e.description = text_in(wire::member(t, "description"), s.lang);
      if (!e.id.empty()) s.event_types.push_back(std::move(e));
    }
  }
  if (s.event_types.empty()) return fail("page_not_found");
  if (const Json* hosts = wire::member(j, "hosts"); hosts != nullptr && hosts->is_array() && hosts->size() == 1) {
    s.host_name = str((*hosts)[0], "name");
  }
  s.event_type = 0;
  for (std::size_t i = 0; i < s.event_types.size(); ++i) {
    if (s.rescheduling && s.event_types[i].id == s.booking.event_type) s.event_type = i;
  }
}

void App::handle_booking_created(int status, std::string_view body) {
  WidgetState& s = state_;
  s.busy = false;
  const Json j = parse(body);
  if (status == 200 || status == 201) {
    s.booking = read_booking(j);
    if (s.booking.slot.start == core::Instant() && s.slot) s.booking.slot = *s.slot;
    s.booking.manage_url = manage_url(s.booking);
    s.screen = Screen::success;
    slots_.invalidate();
    browser::emit("bookingSuccessful",
                  Json{{"uid", s.booking.uid}, {"status", s.booking.status},
                       {"start", core::format_instant(s.booking.slot.start)},
                       {"end", core::format_instant(s.booking.slot.end)}}.dump());
    return;
  }
  const std::string code = error_code_of(status, body);
  browser::emit("bookingFailed", Json{{"code", code}, {"status", status}}.dump());
  if (code == "slot_unavailable" || status == 409) {
    // Someone else was faster: the server's answer wins; show what is still free.
    slots_.invalidate();
    s.notice_code = "slot_unavailable";
    s.slot.reset();
    s.screen = Screen::calendar;
    return;
  }
  const std::string field = form_field_of(str(j, "field"));
  if (status == 422 && !field.empty() && field != "start") {
    s.field_errors = {core::make_error(code, str(j, "detail"), field)};
    s.form_valid = false;
    s.screen = Screen::form;
    return;
  }
  s.error_code = code;
}

void App::handle_booking(int status, std::string_view body) {
  WidgetState& s = state_;
  if (status != 200) return fail(error_code_of(status, body));
  const Json j = parse(body);
  const Json* b = wire::member(j, "booking");
  s.booking = read_booking(b != nullptr ? *b : j);
  if (s.booking.uid.empty()) s.booking.uid = s.booking_uid;
  if (s.booking.token.empty()) s.booking.token = s.token;
  if (s.page_id.empty()) s.page_id = s.booking.page;
  s.screen = Screen::manage;
}

void App::handle_proposal(int status, std::string_view body) {
  WidgetState& s = state_;
  if (status != 200) return fail(error_code_of(status, body));
  const Json j = parse(body);
  s.host_message = str(j, "message");
  s.candidates.clear();
  if (const Json* c = wire::member(j, "candidates"); c != nullptr && c->is_array()) {
    for (const Json& x : *c) {
      if (auto slot = read_slot(x)) s.candidates.push_back(*slot);
    }
  }
  std::string st = str(j, "state");
  if (st.empty()) st = str(j, "status");
  if (st == "confirmed" || st == "chosen") {
    s.done_text = &Texts::proposal_confirmed;
    s.screen = Screen::done;
  } else if (st == "readjust" || st == "readjusted" || st == "deleted" || st == "withdrawn") {
    s.done_text = &Texts::readjust_sent;
    s.screen = Screen::done;
  } else {
    s.screen = Screen::proposal;
  }
}

void App::handle_request(int status, std::string_view body) {
  WidgetState& s = state_;
  if (status != 200) return fail(error_code_of(status, body));
  const Json j = parse(body);
  s.host_message = str(j, "message");
  s.allow_decline = false;
  if (const Json* a = wire::member(j, "allow_decline"); a != nullptr && a->is_boolean()) s.allow_decline = a->get<bool>();
  s.request_bookings.clear();
  if (const Json* list = wire::member(j, "bookings"); list != nullptr && list->is_array()) {
    for (const Json& b : *list) s.request_bookings.push_back(read_booking(b));
  }
  std::string st = str(j, "state");
  if (st.empty()) st = str(j, "status");
  if (st == "accepted") {
    s.done_text = &Texts::accepted_title;
    s.screen = Screen::done;
  } else if (st == "declined") {
    s.done_text = &Texts::declined_title;
    s.screen = Screen::done;
  } else if (st == "cancelled") {
    fail("request_closed");
  } else {
    s.screen = Screen::request;
  }
}

void App::handle_simple_action(Call call, int status, std::string_view body) {
  WidgetState& s = state_;
  s.busy = false;
  if (status < 200 || status >= 300) {
    const std::string code = error_code_of(status, body);
    if (call == Call::reschedule && (code == "slot_unavailable" || status == 409)) {
      slots_.invalidate();
      s.notice_code = "slot_unavailable";
      s.slot.reset();
      s.screen = Screen::calendar;
      return;
    }
    if (call == Call::choose) browser::emit("bookingFailed", Json{{"code", code}, {"status", status}}.dump());
    s.error_code = code;
    return;
  }
  const Json j = parse(body);
  s.error_code.clear();
  switch (call) {
    case Call::cancel:
      s.booking.status = "cancelled";
      s.done_text = &Texts::cancelled_title;
      break;
    case Call::reschedule: {
      const Json* b = wire::member(j, "booking");
      if (auto slot = read_slot(b != nullptr ? *b : j)) s.booking.slot = *slot;
      else if (s.slot) s.booking.slot = *s.slot;
      s.rescheduling = false;
      s.done_text = &Texts::rescheduled_title;
      break;
    }
    case Call::choose: {
      const Json* b = wire::member(j, "booking");
      s.booking = read_booking(b != nullptr ? *b : j);
      if (s.slot && s.booking.slot.start == core::Instant()) s.booking.slot = *s.slot;
      s.done_text = &Texts::proposal_confirmed;
      browser::emit("bookingSuccessful", Json{{"uid", s.booking.uid}, {"start", core::format_instant(s.booking.slot.start)},
                                              {"end", core::format_instant(s.booking.slot.end)}}.dump());
      break;
    }
    case Call::readjust: s.done_text = &Texts::readjust_sent; break;
    case Call::accept: s.done_text = &Texts::accepted_title; break;
    case Call::decline: s.done_text = &Texts::declined_title; break;
    default: break;
  }
  s.screen = Screen::done;
}

void App::on_response(int id, int status, std::string_view body) {
  settle_frames_ = kSettleFrames;
  const auto it = pending_.find(id);
  if (it == pending_.end()) return;
  const Pending p = it->second;
  pending_.erase(it);
  WidgetState& s = state_;
  switch (p.call) {
    case Call::page: handle_page(status, body); break;
    case Call::zone: {
      if (status != 200) {
        if (p.key == s.zone_id) fail(error_code_of(status, body));
        break;
      }
      const Json j = parse(body);
      auto rules = wire::read_zone_rules(j, "zone");
      if (!rules) {
        const Json* inner = wire::member(j, "rules");
        if (inner != nullptr) rules = wire::read_zone_rules(*inner, "rules");
      }
      if (!rules) {
        if (p.key == s.zone_id) fail(rules.error().code);
        break;
      }
      zones_[p.key] = std::move(*rules);
      if (!calendar_initialised_ && p.key == s.zone_id) {
        // The first month shown is the guest's current month.
        calendar_initialised_ = true;
        const core::LocalDate today = zones_[p.key].to_local(core::Instant::from_unix_seconds(s.now_unix)).date();
        s.year = today.year();
        s.month = today.month();
      }
      break;
    }
    case Call::month:
      if (status != 200) {
        // Shown in the calendar with "Try again"; asked again after 1, 2, 4 s.
        slots_.failed(p.key);
        if (failed_month_ != p.key) month_failures_ = 0;
        failed_month_ = p.key;
        ++month_failures_;
        retry_at_ms_ = month_failures_ <= 3 ? browser::now_ms() + 1000.0 * (1 << (month_failures_ - 1)) : 0;
        break;
      }
      if (p.key == failed_month_) {
        failed_month_.clear();
        month_failures_ = 0;
        retry_at_ms_ = 0;
      }
      if (auto r = slots_.store(p.key, body); !r) s.error_code = r.error().code;
      break;
    case Call::create_booking: handle_booking_created(status, body); break;
    case Call::inquiry: handle_inquiry(status, body); break;
    case Call::get_booking: handle_booking(status, body); break;
    case Call::proposal: handle_proposal(status, body); break;
    case Call::request: handle_request(status, body); break;
    case Call::cancel:
    case Call::reschedule:
    case Call::choose:
    case Call::readjust:
    case Call::accept:
    case Call::decline: handle_simple_action(p.call, status, body); break;
    case Call::font_latin:
    case Call::font_japanese: break;
  }
  // Book mode (and rescheduling) show the calendar once the page and the zone are known.
  if (s.screen == Screen::loading && (s.mode == Mode::book || s.rescheduling) && !s.event_types.empty() &&
      guest_zone() != nullptr) {
    s.screen = Screen::calendar;
  }
}

}  // namespace kairos::widget
