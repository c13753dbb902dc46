// Language selection, text lookup with English fallback, error-code messages and the
// localised spelling of months, dates and clock times.
#include "i18n.hpp"

#include <cstdio>

namespace kairos::widget {

extern const Locale locale_en;
extern const Locale locale_ja;
extern const Locale locale_fi;
extern const Locale locale_de;
extern const Locale locale_hu;

const Locale& locale(Lang lang) {
  switch (lang) {
    case Lang::ja: return locale_ja;
    case Lang::fi: return locale_fi;
    case Lang::de: return locale_de;
    case Lang::hu: return locale_hu;
    case Lang::en: break;
  }
  return locale_en;
}

bool parse_lang(std::string_view tag, Lang& out) {
  const std::string_view primary = tag.substr(0, tag.find_first_of("-_"));
  struct Entry { std::string_view code; Lang lang; };
  constexpr Entry entries[] = {{"en", Lang::en}, {"ja", Lang::ja}, {"fi", Lang::fi},
                               {"de", Lang::de}, {"hu", Lang::hu}};
  for (const Entry& e : entries) {
    if (primary.size() == 2 && (primary[0] | 0x20) == e.code[0] && (primary[1] | 0x20) == e.code[1]) {
      out = e.lang;
      return true;
    }
  }
  return false;
}

const char* tr(Lang lang, const char* Texts::*member) {
  const char* text = locale(lang).texts.*member;
  return text != nullptr ? text : locale_en.texts.*member;
}

const char* error_text(Lang lang, std::string_view code) {
  struct Entry { std::string_view code; const char* Texts::*text; };
  // Every code a guest route can answer has a line here or is listed as shown by the
  // generic text in tests/errors/check_widget_texts.py (the test errors.widget_texts).
  static constexpr Entry entries[] = {
      {"network_error", &Texts::err_network},
      {"unavailable", &Texts::err_network},
      {"request_timeout", &Texts::err_network},
      {"missing_field", &Texts::err_missing_field},
      {"required", &Texts::err_missing_field},
      {"invalid_email", &Texts::err_invalid_email},
      {"invalid_phone", &Texts::err_invalid_phone},
      {"too_long", &Texts::err_too_long},
      {"slot_unavailable", &Texts::err_slot_unavailable},
      {"off_slot_grid", &Texts::err_slot_unavailable},
      {"outside_availability", &Texts::err_slot_unavailable},
      {"candidate_taken", &Texts::err_slot_unavailable},
      {"candidate_in_past", &Texts::err_slot_unavailable},
      {"room_unavailable", &Texts::err_slot_unavailable},
      {"not_a_candidate", &Texts::err_slot_unavailable},
      {"in_past", &Texts::err_in_past},
      {"outside_booking_window", &Texts::err_outside_booking_window},
      {"too_soon", &Texts::err_too_soon},
      {"limit_reached", &Texts::err_limit_reached},
      {"page_not_found", &Texts::err_page_not_found},
      {"page_disabled", &Texts::err_page_not_found},
      {"unknown_event_type", &Texts::err_page_not_found},
      {"not_found", &Texts::err_not_found},
      {"booking_not_found", &Texts::err_not_found},
      {"invalid_token", &Texts::err_invalid_token},
      {"unauthorized", &Texts::err_invalid_token},
      {"forbidden", &Texts::err_invalid_token},
      {"invalid_link", &Texts::err_invalid_token},
      {"link_expired", &Texts::err_invalid_token},
      {"wrong_link_purpose", &Texts::err_invalid_token},
      {"illegal_transition", &Texts::err_invalid_transition},
      {"too_late", &Texts::err_invalid_transition},
      {"unchanged", &Texts::err_invalid_transition},
      {"not_ended", &Texts::err_invalid_transition},
      {"rate_limited", &Texts::err_rate_limited},
      {"too_many_connections", &Texts::err_rate_limited},
      {"decline_not_allowed", &Texts::err_decline_not_allowed},
      {"request_not_sent", &Texts::err_request_not_sent},
      {"request_closed", &Texts::err_closed},
      {"proposal_closed", &Texts::err_closed},
      {"too_many_times", &Texts::err_too_many_times},
      {"invalid_interval", &Texts::err_invalid_interval},
  };

  for (const Entry& e : entries) {
    if (e.code == code) return tr(lang, e.text);
  }
  return tr(lang, &Texts::err_generic);
}

std::string booking_status_text(Lang lang, std::string_view status) {
  if (status == "pending") return tr(lang, &Texts::status_pending);
  if (status == "approved") return tr(lang, &Texts::status_approved);
  if (status == "cancelled") return tr(lang, &Texts::status_cancelled);
  if (status == "rejected") return tr(lang, &Texts::status_rejected);
  if (status == "rescheduled") return tr(lang, &Texts::status_rescheduled);
  if (status == "completed") return tr(lang, &Texts::status_completed);
  return std::string(status);
}

std::string location_text(Lang lang, std::string_view kind) {
  std::string k(kind);
  for (char& c : k) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == '-' || c == ' ') c = '_';
  }
  if (k == "video" || k == "video_call") return tr(lang, &Texts::location_video);
  if (k == "phone" || k == "phone_call" || k == "telephone") return tr(lang, &Texts::location_phone);
  if (k == "office" || k == "in_person" || k == "on_site") return tr(lang, &Texts::location_office);
  if (k == "guest_address" || k == "address" || k == "at_guest") return tr(lang, &Texts::location_guest_address);
  return std::string(kind);
}

std::string fill(const char* pattern, std::string_view arg) {
  std::string out(pattern);
  const auto at = out.find("%s");
  if (at != std::string::npos) out.replace(at, 2, arg);
  return out;
}

std::string format_month_year(Lang lang, int year, int month) {
  const Locale& l = locale(lang);
  const char* m = l.months[(month - 1) % 12];
  char buf[96];
  switch (lang) {
    case Lang::ja: std::snprintf(buf, sizeof buf, "%d年%s", year, m); break;
    case Lang::hu: std::snprintf(buf, sizeof buf, "%d. %s", year, m); break;
    default: std::snprintf(buf, sizeof buf, "%s %d", m, year); break;
  }
  return buf;
}

std::string format_long_date(Lang lang, core::LocalDate d) {
  const Locale& l = locale(lang);
  const int wd = static_cast<int>(d.weekday());
  const char* month = l.months_in_date[d.month() - 1];
  char buf[128];
  switch (lang) {
    case Lang::en:
      std::snprintf(buf, sizeof buf, "%s, %s %d, %d", l.weekdays[wd], month, d.day(), d.year());
      break;
    case Lang::ja:
      std::snprintf(buf, sizeof buf, "%d年%d月%d日（%s）", d.year(), d.month(), d.day(), l.weekdays_short[wd]);
      break;
    case Lang::fi:
      std::snprintf(buf, sizeof buf, "%s %d. %s %d", l.weekdays[wd], d.day(), month, d.year());
      break;
    case Lang::de:
      std::snprintf(buf, sizeof buf, "%s, %d. %s %d", l.weekdays[wd], d.day(), month, d.year());
      break;
    case Lang::hu:
      std::snprintf(buf, sizeof buf, "%d. %s %d., %s", d.year(), month, d.day(), l.weekdays[wd]);
      break;
  }
  return buf;
}

std::string format_clock(Lang lang, core::LocalTime t) {
  char buf[32];
  const int h = t.hour() % 24;
  const int m = t.minute();
  if (locale(lang).twelve_hour) {
    std::snprintf(buf, sizeof buf, "%d:%02d %s", h % 12 == 0 ? 12 : h % 12, m, h < 12 ? "AM" : "PM");
  } else if (lang == Lang::fi) {
    std::snprintf(buf, sizeof buf, "%d.%02d", h, m);
  } else if (lang == Lang::hu || lang == Lang::ja) {
    std::snprintf(buf, sizeof buf, "%d:%02d", h, m);
  } else {
    std::snprintf(buf, sizeof buf, "%02d:%02d", h, m);
  }
  return buf;
}

}  // namespace kairos::widget
