// Strict, locale-free parsing and formatting of the text forms of time values.
#include "kairos/time_text.hpp"

#include <cstdio>

namespace kairos::core {
namespace {

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    const char c = s[i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

std::string two(int v) {
  char b[3] = {static_cast<char>('0' + v / 10 % 10), static_cast<char>('0' + v % 10), 0};
  return b;
}

std::string ymd(LocalDate d) {
  char b[16];
  std::snprintf(b, sizeof b, "%04d-%02d-%02d", d.year(), d.month(), d.day());
  return b;
}

std::string hms(LocalTime t) {
  return two(t.hour()) + ":" + two(t.minute()) + ":" + two(t.second());
}

std::string offset_text(std::int32_t off) {
  const char sign = off < 0 ? '-' : '+';
  const int a = off < 0 ? -off : off;
  return std::string(1, sign) + two(a / 3600) + ":" + two(a / 60 % 60);
}

}  // namespace

std::string format_date(LocalDate d) { return ymd(d); }

Result<LocalDate> parse_date(std::string_view s) {
  int y = 0, m = 0, d = 0;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !digits(s, 0, 4, y) || !digits(s, 5, 2, m) ||
      !digits(s, 8, 2, d)) {
    return make_error("invalid_date", "expected a date as YYYY-MM-DD");
  }
  auto r = LocalDate::from_ymd(y, m, d);
  if (!r) return make_error("invalid_date", "no such calendar date");
  return *r;
}

std::string format_time(LocalTime t) {
  std::string r = two(t.hour()) + ":" + two(t.minute());
  if (t.second() != 0) r += ":" + two(t.second());
  return r;
}

Result<LocalTime> parse_time(std::string_view s, bool allow_end_of_day) {
  int h = 0, m = 0;
  if (s.size() != 5 || s[2] != ':' || !digits(s, 0, 2, h) || !digits(s, 3, 2, m)) {
    return make_error("invalid_time", "expected a time as HH:MM");
  }
  if (h == 24 && m == 0) {
    if (!allow_end_of_day) return make_error("invalid_time", "24:00 is only allowed as the end of an interval");
    return LocalTime::end_of_day();
  }
  auto r = LocalTime::from_hms(h, m, 0);
  if (!r) return make_error("invalid_time", "no such time of day");
  return *r;
}

std::string format_local(LocalDateTime t) { return ymd(t.date()) + "T" + hms(t.time()); }

std::string format_instant(Instant t) {
  const auto l = LocalDateTime::from_local_seconds(t.unix_seconds());
  return format_local(l) + "Z";
}

std::string format_instant(Instant t, const ZoneRules& zone) {
  const std::int32_t off = zone.offset_at(t).utc_offset_seconds;
  const auto l = LocalDateTime::from_local_seconds(t.unix_seconds() + off);
  return format_local(l) + offset_text(off);
}

Result<Instant> parse_instant(std::string_view s) {
  auto fail = [] { return make_error("invalid_instant", "expected an RFC 3339 instant such as 2026-03-09T14:00:00Z"); };
  if (s.size() < 20) return fail();
  auto date = parse_date(s.substr(0, 10));
  if (!date) return fail();
  if (s[10] != 'T' && s[10] != 't' && s[10] != ' ') return fail();
  int h = 0, mi = 0, se = 0;
  if (!digits(s, 11, 2, h) || s[13] != ':' || !digits(s, 14, 2, mi) || s[16] != ':' || !digits(s, 17, 2, se)) {
    return fail();
  }
  if (h > 23 || mi > 59 || se > 60) return fail();
  if (se == 60) se = 59;  // a leap second reads as the second before it
  std::size_t pos = 19;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    const std::size_t start = pos;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    if (pos == start || pos - start > 9) return fail();
  }
  if (pos >= s.size()) return fail();
  std::int32_t off = 0;
  if (s[pos] == 'Z' || s[pos] == 'z') {
    ++pos;
  } else if (s[pos] == '+' || s[pos] == '-') {
    int oh = 0, om = 0;
    if (!digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' || !digits(s, pos + 4, 2, om)) {
      return fail();
    }
    if (oh > 23 || om > 59) return fail();
    off = (oh * 3600 + om * 60) * (s[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return fail();
  }
  if (pos != s.size()) return fail();
  const std::int64_t local = static_cast<std::int64_t>(date->days_since_epoch()) * 86400 + h * 3600 + mi * 60 + se;
  return Instant::from_unix_seconds(local - off);
}

}  // namespace kairos::core
