// The HTTP client side of the App: requests (bookings, inquiries), the dispatch of
// answers and binary assets to their decoders.
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
#include "kairos/wire/office.hpp"
#include "mirror.hpp"
#include "probe.hpp"
#include "app_internal.hpp"
#include "screens.hpp"

namespace kairos::widget {

using namespace app_detail;
using Kind = Intent::Kind;

int App::send(Call call, std::string_view method, const std::string& path, const std::string& body,
              const std::string& key) {
  const int id = next_id_++;
  pending_[id] = Pending{call, key};
  if (call == Call::font_latin || call == Call::font_japanese) {
    if (browser::EarlyAnswer a = browser::fetch_binary(id, path); a.present) {
      early_.push_back(Early{id, true, a.status, std::move(a.body)});
    }
    return id;
  }
  const bool guest_token = call == Call::get_booking || call == Call::cancel || call == Call::reschedule;
  const std::string idem = call == Call::create_booking ? state_.idempotency_key : std::string();
  if (browser::EarlyAnswer a = browser::fetch(id, method, state_.api_base + path, body,
                                              guest_token ? state_.token : std::string(), idem);
      a.present) {
    early_.push_back(Early{id, false, a.status, std::move(a.body)});
  }
  return id;
}

bool App::poll() {
  bool any = false;
  while (!early_.empty()) {
    std::vector<Early> answers;
    answers.swap(early_);
    for (Early& a : answers) {
      any = true;
      if (a.binary) {
        on_binary(a.id, std::vector<unsigned char>(a.body.begin(), a.body.end()));
      } else {
        on_response(a.id, a.status, a.body);
      }
    }
  }
  return any;
}

void App::submit_booking() {
  WidgetState& s = state_;
  if (!s.slot) return;
  s.busy = true;
  s.error_code.clear();
  if (s.rescheduling) {
    send(Call::reschedule, "POST", "/v1/bookings/" + url_encode(s.booking.uid) + "/reschedule",
         wire::start_body(s.slot->start));
    return;
  }
  wire::BookingRequest r;
  r.page = s.page_id;
  r.event_type = event_type_id();
  r.start = s.slot->start;
  r.guest = {s.form.name, s.form.email, s.form.phone, s.form.company, s.zone_id, locale(s.lang).code};
  r.notes = s.form.notes;
  send(Call::create_booking, "POST", "/v1/bookings", wire::booking_request_body(r));
}

void App::submit_inquiry() {
  WidgetState& s = state_;
  s.busy = true;
  s.error_code.clear();
  wire::InquiryRequest r;
  r.page = s.page_id;
  r.input.kind = s.inquiry_request ? core::InquiryKind::booking_request : core::InquiryKind::question;
  r.input.name = s.form.name;
  r.input.email = s.form.email;
  r.input.phone = s.form.phone;
  r.input.message = s.inquiry_message;
  for (const Slot& w : s.wishes) r.input.wished_times.push_back({w.start, w.end});
  r.language = locale(s.lang).code;
  if (!s.event_types.empty()) r.location = s.event_types[s.event_type].location_id;
  send(Call::inquiry, "POST", "/v1/inquiries", wire::inquiry_request_body(r));
}

void App::on_binary(int id, std::vector<unsigned char> bytes) {
  settle_frames_ = kSettleFrames;
  const auto it = pending_.find(id);
  if (it == pending_.end()) return;
  const Call call = it->second.call;
  pending_.erase(it);
  if (bytes.empty()) {
    if (call == Call::font_japanese) fonts_.expect_japanese(false);  // draw with what there is
    return;
  }
  if (call == Call::font_latin) fonts_.set_latin(std::move(bytes));
  if (call == Call::font_japanese) fonts_.set_japanese(std::move(bytes));
}

void App::on_response(int id, int status, std::string_view body) {
  settle_frames_ = kSettleFrames;
  const auto it = pending_.find(id);
  if (it == pending_.end()) return;
  const Pending p = it->second;
  pending_.erase(it);
  WidgetState& s = state_;
  switch (p.call) {
    case Call::page:
      handle_page(status, body);
      if (s.lang == Lang::ja) ensure_japanese_font();  // the page's language: before the first atlas
      update_title_text();  // the page's name: the fonts can be built now
      break;
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
