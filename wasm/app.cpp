// The widget application's life cycle: start-up, link modes, zones and months to load,
// and one frame (draw, mirror, height). Intents are in app_intents.cpp, requests and
// answers in app_client.cpp and app_decode.cpp, the view model in app_view.cpp.
#include "app.hpp"

#include <GLES3/gl3.h>
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
#include "skeleton.hpp"

namespace kairos::widget {

using namespace app_detail;
using Kind = Intent::Kind;

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
  // The guest's zone first, then the common ones west to east, each as "City (UTC+n)".
  s.zone_choices.push_back(s.zone_id);
  for (const char* z : common_zones) {
    if (s.zone_id != z) s.zone_choices.emplace_back(z);
  }
  for (const std::string& z : s.zone_choices) {
    s.zone_labels.push_back(friendly_zone(z, browser::zone_offset_minutes(z, static_cast<double>(s.now_unix) * 1000.0)));
  }
  s.accent = apply_theme(s.dark, s.accent);

  send(Call::font_latin, "FONT", browser::asset_url("fonts/latin.ttf"));
  // Japanese chosen by the embed or the browser: its font is wanted from the start (the
  // shell has already started the download).
  if (chosen && s.lang == Lang::ja) ensure_japanese_font();
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
  // Link modes show no page name: their fonts need not wait for anything.
  if (s.mode != Mode::book) update_title_text();
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

void App::update_title_text() {
  const WidgetState& s = state_;
  // Every text of the language and the page's name (known before the fonts are first
  // built, so the atlas is built once), the weekday initials (火 水 木 金 土 appear in no
  // other text) and the zone labels (captions).
  constexpr std::size_t n = sizeof(Texts) / sizeof(const char*);
  std::array<const char*, n> texts{};
  std::memcpy(texts.data(), &locale(s.lang).texts, sizeof(Texts));
  std::string title = s.page_name;
  for (const char* t : texts) {
    if (t != nullptr) title += t;
  }
  for (const char* w : locale(s.lang).weekdays_short) {
    if (w != nullptr) title += w;
  }
  for (const std::string& z : s.zone_labels) title += z;
  fonts_.set_title_text(std::move(title));
  // The rest of what the first screens write (the Japanese body font's first build).
  const Locale& l = locale(s.lang);
  std::string body = "\xE5\xB9\xB4\xE6\x9C\x88\xE6\x97\xA5\xEF\xBC\x88\xEF\xBC\x89";  // 年月日（） of the date formats
  for (const char* const* names : {l.months, l.months_in_date, l.weekdays}) {
    for (int i = 0; i < (names == l.weekdays ? 7 : 12); ++i) {
      if (names[i] != nullptr) body += names[i];
    }
  }
  body += s.page_description;
  for (const EventType& e : s.event_types) body += e.name + e.description + e.location + e.location_address;
  for (const auto& [id, name] : s.hosts) body += name;
  fonts_.set_body_text(std::move(body));
}

void App::fail(std::string code) {
  update_title_text();
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
  // The wished-times calendar needs the month's availability too (its opening hours).
  if (state_.screen != Screen::calendar && state_.screen != Screen::suggest) return;
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
  fonts_.expect_japanese(true);
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
  // A failed month pauses the search: when its retry (automatic or "Try again") comes
  // back empty, the search goes on (it stopped for good, leaving an empty month shown).
  if (slots_.is_failed(q)) return;
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

void App::on_image(int id, const unsigned char* rgba, int width, int height) {
  WidgetState& s = state_;
  if (id != logo_request_ || rgba == nullptr || width <= 0 || height <= 0) return;
  GLuint tex = 0;
  glGenTextures(1, &tex);
  glBindTexture(GL_TEXTURE_2D, tex);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
  // Rasterised at the screen's ratio, drawn 40 CSS px tall: one texel per device pixel.
  s.logo_texture = tex;
  s.logo_h = kLogoHeight;
  s.logo_w = kLogoHeight * static_cast<float>(width) / static_cast<float>(height);
  settle_frames_ = kSettleFrames;
}

void App::frame() {
  if (settle_frames_ > 0) --settle_frames_;
  WidgetState& s = state_;
  if (!s.logo_url.empty() && logo_request_ == 0) {
    logo_request_ = next_id_++;
    browser::load_image(logo_request_, s.logo_url, static_cast<int>(kLogoHeight), static_cast<int>(kLogoMaxWidth));
  }
  // Mirror activations arrive between frames; apply them in order, as clicks.
  std::vector<Intent> queued;
  queued.swap(mirror_queue_);
  for (const Intent& i : queued) apply(i);
  maybe_retry_month();
  ensure_month();
  // Months the shell already holds are handled at once: the calendar can find its first
  // month with a free time within this frame instead of one month a frame.
  for (int i = 0; i < 13; ++i) {
    poll();
    const int year = s.year, month = s.month;
    seek_free_month();
    ensure_month();
    if (early_.empty() && year == s.year && month == s.month) break;
  }

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
  update_title_text();
  const std::string mirror = describe_mirror(s, view_model());
  if (mirror != last_mirror_ || fonts_.generation() != checked_fonts_) {
    // A text the Japanese body font's first build lacks: every kanji now.
    checked_fonts_ = fonts_.generation();
    if (!fonts_.covers(mirror)) fonts_.want_all_kanji(browser::now_ms());
  }
  if (mirror != last_mirror_) {
    settle_frames_ = kSettleFrames;
    last_mirror_ = mirror;
    browser::publish_mirror(mirror);
  }
  // A field takes typing (a name may be written in any kanji).
  if (ImGui::GetIO().WantTextInput) fonts_.want_all_kanji(browser::now_ms());
  if (const auto r = s.item_rects.find(s.focus_key); !s.focus_key.empty() && r != s.item_rects.end() &&
                                                      r->second != last_focus_rect_) {
    last_focus_rect_ = r->second;
    browser::focus_rect(static_cast<int>(r->second[0]) - 8, static_cast<int>(r->second[1]) - 8,
                        static_cast<int>(r->second[2]) + 16, static_cast<int>(r->second[3]) + 16);
  }
  if (s.focus_key.empty()) last_focus_rect_ = {};
  // The first screen is shown (and its height told) once it is settled: the calendar
  // with its month loaded (or failed) after seeking the first month with a free time.
  // Until then the shell's skeleton stands, as tall as the calendar will be.
  // (At most 4 s after the first screen: a zone or month that never answers must not
  // leave the skeleton standing.)
  if (!settled_ && s.screen != Screen::loading) {
    if (first_screen_ms_ == 0) first_screen_ms_ = browser::now_ms();
    settled_ = !(s.screen == Screen::calendar && !vm.month_failed && (vm.seeking || vm.month_loading)) ||
               browser::now_ms() - first_screen_ms_ > 4000;
  }
  int h = static_cast<int>(height + 0.5f);
  if (s.screen == Screen::calendar && s.mode == Mode::book && !s.rescheduling && !s.day && !s.event_types.empty()) {
    // The booking calendar, until a day is chosen, is at least as tall as the skeleton
    // was (no shift when the first screen replaces it); a chosen day's times then set
    // the height.
    const EventType& e = s.event_types[s.event_type];
    std::string service = e.name;
    if (e.duration_minutes > 0) service += " \xC2\xB7 " + fill(tr(s.lang, &Texts::minutes), std::to_string(e.duration_minutes));
    h = std::max(h, skeleton_height(static_cast<int>(ImGui::GetIO().DisplaySize.x),
                                    SkeletonTexts{s.page_name, service, vm.location_line, s.host_name, e.description,
                                                  s.page_description, static_cast<int>(s.event_types.size()),
                                                  !s.logo_url.empty()}));
  }
  if (h != last_height_ && settled_) {
    last_height_ = h;
    browser::report_height(h);
  }
  const bool japanese_ready = s.lang != Lang::ja || fonts_.has_japanese();
  if (!announced_ready_ && settled_ && japanese_ready) {
    announced_ready_ = true;
    browser::mark("ready");
    // The rest of the kanji once the first screen has been on for a moment.
    fonts_.want_all_kanji(browser::now_ms() + 1500);
    browser::ready();
    browser::emit("loaded", wire::loaded_event(s.page_id, s.mode == Mode::book ? "calendar" : "link").dump());
  }
}

}  // namespace kairos::widget
