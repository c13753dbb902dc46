// Answers → state: the page, bookings, proposals, confirmation requests, simple actions
// and inquiries, each decoded from the server's JSON; the server's answer always wins.
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
#include "kairos/wire/front_office.hpp"
#include "kairos/wire/json_mapping.hpp"
#include "mirror.hpp"
#include "probe.hpp"
#include "app_internal.hpp"
#include "screens.hpp"

namespace kairos::widget {

using namespace app_detail;
using Kind = Intent::Kind;

void App::handle_page(int status, std::string_view body) {
  WidgetState& s = state_;
  if (status != 200) return fail(error_code_of(status, body));
  const Json j = parse(body);
  const std::string page_lang = str(j, "language");
  // Owner content (a string or a language map, docs/API.md "Owner content in several
  // languages"): the guest's language, else the page's; the server's own rule (wire).
  const auto owner = [&page_lang](const Json* v, Lang lang) { return wire::localized_in(v, locale(lang).code, page_lang); };
  s.page_name = owner(wire::member(j, "name"), s.lang);
  s.page_description = owner(wire::member(j, "description"), s.lang);
  if (const Json* m = wire::member(j, "mail_delivery"); m != nullptr && m->is_boolean()) s.mail_delivery = m->get<bool>();
  s.logo_url = allowed_logo(str(j, "logo"), s.widget_url);
  if (!lang_from_embed_or_browser_) {
    parse_lang(str(j, "language"), s.lang);
    s.page_name = owner(wire::member(j, "name"), s.lang);
    s.page_description = owner(wire::member(j, "description"), s.lang);
  }
  s.event_types.clear();
  if (const Json* types = wire::member(j, "event_types"); types != nullptr && types->is_array()) {
    for (const Json& t : *types) {
      EventType e;
      e.id = str(t, "id");
      e.name = owner(wire::member(t, "name"), s.lang);
      if (const Json* d = wire::member(t, "duration_minutes"); d != nullptr && d->is_number_integer()) {
        e.duration_minutes = d->get<int>();
      }
      // A stored location arrives as an object (the office's name and address, each a
      // string or a language map); otherwise a word such as "video" or "phone".
      if (const Json* loc = wire::member(t, "location"); loc != nullptr && loc->is_object()) {
        e.location = owner(wire::member(*loc, "name"), s.lang);
        e.location_address = owner(wire::member(*loc, "address"), s.lang);
        e.location_id = str(*loc, "id");
      } else {
        e.location = str(t, "location");
      }
      e.description = owner(wire::member(t, "description"), s.lang);
      if (!e.id.empty()) s.event_types.push_back(std::move(e));
    }
  }
  if (s.event_types.empty()) return fail("page_not_found");
  // One host (or all mode, where every host attends): named from the start. Several in any
  // mode: the one a chosen time goes to, by the id the availability answer assigns.
  s.hosts.clear();
  s.host_name.clear();
  if (const Json* hosts = wire::member(j, "hosts"); hosts != nullptr && hosts->is_array()) {
    for (const Json& h : *hosts) s.hosts.emplace_back(str(h, "id"), str(h, "name"));
  }
  if (s.hosts.size() == 1 || str(j, "host_mode") == "all") {
    for (const auto& [id, name] : s.hosts) s.host_name += (s.host_name.empty() ? "" : ", ") + name;
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

}  // namespace kairos::widget
