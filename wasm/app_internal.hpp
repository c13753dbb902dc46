// Helpers shared by the App's files (app*.cpp): reading the server's JSON answers,
// error codes, URL and .ics text. Internal to the widget.
#pragma once

#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

#include "kairos/time_text.hpp"
#include "kairos/wire/front_office.hpp"
#include "kairos/wire/json_mapping.hpp"
#include "kairos/wire/office.hpp"
#include "widget_state.hpp"

namespace kairos::widget::app_detail {

using Json = wire::Json;

inline constexpr const char* common_zones[] = {
    "Pacific/Honolulu", "America/Anchorage", "America/Los_Angeles", "America/Denver", "America/Chicago",
    "America/New_York", "America/Sao_Paulo", "UTC", "Europe/London", "Europe/Berlin", "Europe/Budapest",
    "Europe/Helsinki", "Europe/Moscow", "Asia/Dubai", "Asia/Kolkata", "Asia/Singapore", "Asia/Shanghai",
    "Asia/Tokyo", "Australia/Sydney", "Pacific/Auckland"};

inline std::string str(const Json& j, std::string_view key) {
  const Json* m = wire::member(j, key);
  return (m != nullptr && m->is_string()) ? m->get<std::string>() : std::string();
}

// The page's logo as the widget may load it: a data: image (PNG, JPEG, GIF, WebP, SVG)
// or a path on the Kairos server (same origin as the widget); anything else (another
// site, javascript:, protocol-relative //host) is not shown. The shell checks again
// before loading (web/widget/index.html, loadImage).
inline std::string allowed_logo(const std::string& url, const std::string& widget_url) {
  for (const char* type : {"data:image/png", "data:image/jpeg", "data:image/gif", "data:image/webp", "data:image/svg+xml"}) {
    const std::string_view t(type);
    if (url.size() > t.size() && url.compare(0, t.size(), t) == 0 && (url[t.size()] == ';' || url[t.size()] == ',')) return url;
  }
  if (url.size() > 1 && url[0] == '/' && url[1] != '/' && url[1] != '\\') return url;
  // An absolute URL on the widget's own origin (scheme://host[:port]/…).
  const std::size_t scheme = widget_url.find("://");
  if (scheme == std::string::npos) return {};
  const std::size_t path = widget_url.find('/', scheme + 3);
  const std::string origin = widget_url.substr(0, path);
  if (url.size() > origin.size() && url.compare(0, origin.size(), origin) == 0 && url[origin.size()] == '/') return url;
  return {};
}

inline Json parse(std::string_view body) {
  auto r = wire::parse_json(body);
  return r ? std::move(*r) : Json();
}

// The stable code of a failed answer: the problem+json `code`, else one for the status.
inline std::string error_code_of(int status, std::string_view body) {
  std::string code = wire::read_problem(parse(body)).code;
  if (!code.empty()) return code;
  if (status == 0) return "network_error";
  if (status == 404) return "not_found";
  if (status == 409) return "slot_unavailable";
  if (status == 429) return "rate_limited";
  if (status == 401 || status == 403) return "invalid_token";
  return "error";
}

// "guest.email" → "email": the server blames nested fields, the form has flat ones.
inline std::string form_field_of(const std::string& field) {
  const auto dot = field.rfind('.');
  return dot == std::string::npos ? field : field.substr(dot + 1);
}

// A booking the server answered, as wire/ reads it (the server writes it there too).
inline BookingView read_booking(wire::BookingSummary r) {
  BookingView b;
  b.uid = std::move(r.uid);
  b.status = std::move(r.status);
  b.token = std::move(r.token);
  b.page = std::move(r.page);
  b.event_type = std::move(r.event_type);
  b.host = std::move(r.host);
  if (r.when) b.slot = Slot{r.when->start, r.when->end, b.host};
  return b;
}

inline std::string url_encode(std::string_view s) {
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

inline std::string ics_time(core::Instant t) {
  std::string s = core::format_instant(t);  // 2026-03-09T14:00:00Z
  std::string out;
  for (const char c : s) {
    if (c != '-' && c != ':') out += c;
  }
  return out;
}

inline std::string ics_text(std::string_view s) {
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

}  // namespace kairos::widget::app_detail
