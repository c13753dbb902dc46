// Answers → state: the page, bookings, proposals, confirmation requests, simple actions
// and inquiries, each read by wire/'s reader of that answer (the server writes it there
// too) and copied into the state; the server's answer always wins. The browser events
// are wire/'s writers too (docs/WIDGET.md, "Events").
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
#include "kairos/wire/documents.hpp"
#include "kairos/wire/front_office.hpp"
#include "kairos/wire/office.hpp"
#include "mirror.hpp"
#include "probe.hpp"
#include "app_internal.hpp"
#include "screens.hpp"

namespace kairos::widget {

using namespace app_detail;
using Kind = Intent::Kind;

namespace {
// kairos:bookingSuccessful of the booking the server answered.
std::string booking_event(const BookingView& b) {
  return wire::booking_successful_event(b.uid, b.status, core::Interval{b.slot.start, b.slot.end}).dump();
}
}  // namespace

void App::handle_page(int status, std::string_view body) {
  WidgetState& s = state_;
  if (status != 200) return fail(error_code_of(status, body));
  const wire::PublicPage page = wire::read_public_page(parse(body));
  // Owner content (a string or a language map, docs/API.md "Owner content in several
  // languages"): the guest's language, else the page's (LocalizedText::in, the server's rule).
  if (!lang_from_embed_or_browser_) parse_lang(page.language, s.lang);
  const auto owner = [&page, &s](const core::LocalizedText& t) { return t.in(locale(s.lang).code, page.language); };
  s.page_name = owner(page.name);
  s.page_description = owner(page.description);
  if (page.mail_delivery) s.mail_delivery = *page.mail_delivery;
  s.logo_url = allowed_logo(page.logo, s.widget_url);
  s.event_types.clear();
  for (const wire::PublicEventType& t : page.event_types) {
    if (t.id.empty()) continue;
    EventType e;
    e.id = t.id;
    e.name = owner(t.name);
    if (t.duration_minutes) e.duration_minutes = *t.duration_minutes;
    // A stored location is the office (its name and address); otherwise a word such as
    // "video" or "phone".
    if (t.office) {
      e.location = owner(t.office->name);
      e.location_address = owner(t.office->address);
      e.location_id = t.office->id;
    } else {
      e.location = t.location;
    }
    e.description = owner(t.description);
    s.event_types.push_back(std::move(e));
  }
  if (s.event_types.empty()) return fail("page_not_found");
  // One host (or all mode, where every host attends): named from the start. Several in any
  // mode: the one a chosen time goes to, by the id the availability answer assigns.
  s.hosts.clear();
  s.host_name.clear();
  for (const wire::PublicHost& h : page.hosts) s.hosts.emplace_back(h.id, h.name);
  if (s.hosts.size() == 1 || page.host_mode == "all") {
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
  if (status == 200 || status == 201) {
    s.booking = read_booking(wire::read_booking_summary(parse(body)));
    if (s.booking.slot.start == core::Instant() && s.slot) s.booking.slot = *s.slot;
    s.booking.manage_url = manage_url(s.booking);
    s.screen = Screen::success;
    slots_.invalidate();
    browser::emit("bookingSuccessful", booking_event(s.booking));
    return;
  }
  const core::Error problem = wire::read_problem(parse(body));
  const std::string code = error_code_of(status, body);
  browser::emit("bookingFailed", wire::booking_failed_event(code, status).dump());
  if (code == "slot_unavailable" || status == 409) {
    // Someone else was faster: the server's answer wins; show what is still free.
    slots_.invalidate();
    s.notice_code = "slot_unavailable";
    s.slot.reset();
    s.screen = Screen::calendar;
    return;
  }
  const std::string field = form_field_of(problem.field);
  if (status == 422 && !field.empty() && field != "start") {
    s.field_errors = {core::make_error(code, problem.message, field)};
    s.form_valid = false;
    s.screen = Screen::form;
    return;
  }
  s.error_code = code;
}

void App::handle_booking(int status, std::string_view body) {
  WidgetState& s = state_;
  if (status != 200) return fail(error_code_of(status, body));
  s.booking = read_booking(wire::read_booking_answer(parse(body)));
  if (s.booking.uid.empty()) s.booking.uid = s.booking_uid;
  if (s.booking.token.empty()) s.booking.token = s.token;
  if (s.page_id.empty()) s.page_id = s.booking.page;
  s.screen = Screen::manage;
}

void App::handle_proposal(int status, std::string_view body) {
  WidgetState& s = state_;
  if (status != 200) return fail(error_code_of(status, body));
  const wire::PublicProposal p = wire::read_public_proposal(parse(body));
  s.host_message = p.message;
  s.candidates.clear();
  for (const core::Interval& c : p.candidates) s.candidates.push_back(Slot{c.start, c.end, {}});
  const std::string& st = p.state;
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
  wire::PublicRequest r = wire::read_public_request(parse(body));
  s.host_message = std::move(r.message);
  s.allow_decline = r.allow_decline;
  s.request_bookings.clear();
  for (wire::BookingSummary& b : r.bookings) s.request_bookings.push_back(read_booking(std::move(b)));
  const std::string& st = r.state;
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
    if (call == Call::choose) browser::emit("bookingFailed", wire::booking_failed_event(code, status).dump());
    s.error_code = code;
    return;
  }
  s.error_code.clear();
  switch (call) {
    case Call::cancel:
      s.booking.status = "cancelled";
      s.done_text = &Texts::cancelled_title;
      break;
    case Call::reschedule: {
      const wire::BookingSummary b = wire::read_booking_answer(parse(body));
      if (b.when) s.booking.slot = Slot{b.when->start, b.when->end, b.host};
      else if (s.slot) s.booking.slot = *s.slot;
      s.rescheduling = false;
      s.done_text = &Texts::rescheduled_title;
      break;
    }
    case Call::choose: {
      s.booking = read_booking(wire::read_booking_answer(parse(body)));
      if (s.slot && s.booking.slot.start == core::Instant()) s.booking.slot = *s.slot;
      s.done_text = &Texts::proposal_confirmed;
      browser::emit("bookingSuccessful", booking_event(s.booking));
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
  if (status == 200 || status == 201) {
    s.inquiry_id = wire::read_inquiry_created(parse(body));
    s.screen = Screen::inquiry_sent;
    browser::emit("inquirySent", wire::inquiry_sent_event(s.inquiry_id, s.inquiry_request).dump());
    return;
  }
  // The server's answer wins: its code under the field it names, else on the screen.
  const core::Error problem = wire::read_problem(parse(body));
  const std::string code = error_code_of(status, body);
  std::string field = form_field_of(problem.field);
  if (field.rfind("wished_times", 0) == 0) field.clear();
  if (status == 422 && !field.empty() && field != "page") {
    s.field_errors = {core::make_error(code, problem.message, field)};
    s.form_valid = false;
    return;
  }
  s.error_code = code;
}

}  // namespace kairos::widget
