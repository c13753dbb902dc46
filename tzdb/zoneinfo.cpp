#include "zoneinfo.hpp"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <optional>
#include <vector>

#include "kairos/time.hpp"

namespace kairos::zoneinfo {
namespace {

using core::Instant;
using core::ZoneOffset;
using core::ZoneTransition;

core::Error corrupt(const std::string& id) {
  return core::make_error("unknown_zone", "the tz database entry for " + id + " is unreadable", "timezone");
}

struct Reader {
  std::string_view b;
  std::size_t pos = 0;
  bool ok = true;
  std::uint32_t u32() {
    if (pos + 4 > b.size()) { ok = false; return 0; }
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(b[pos++]);
    return v;
  }
  std::int64_t i64() {
    if (pos + 8 > b.size()) { ok = false; return 0; }
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<unsigned char>(b[pos++]);
    return static_cast<std::int64_t>(v);
  }
  std::uint8_t u8() {
    if (pos + 1 > b.size()) { ok = false; return 0; }
    return static_cast<unsigned char>(b[pos++]);
  }
  void skip(std::size_t n) {
    if (pos + n > b.size()) ok = false; else pos += n;
  }
};

struct Header {
  char version = 0;
  std::uint32_t isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt;
};

bool read_header(Reader& r, Header& h) {
  if (r.pos + 20 > r.b.size() || r.b.substr(r.pos, 4) != "TZif") return false;
  h.version = r.b[r.pos + 4];
  r.skip(20);
  h.isutcnt = r.u32(); h.isstdcnt = r.u32(); h.leapcnt = r.u32();
  h.timecnt = r.u32(); h.typecnt = r.u32(); h.charcnt = r.u32();
  return r.ok && h.typecnt > 0;
}

// --- POSIX TZ strings ("EST5EDT,M3.2.0,M11.1.0") -------------------------------

struct PosixRule {
  enum Kind { julian_no_leap, zero_based, month_week_day } kind = month_week_day;
  int a = 0, b = 0, c = 0;      // J: day; n: day; M: month, week, weekday
  std::int32_t time = 7200;     // seconds after local midnight, may be negative or > 24 h
};

struct PosixTz {
  ZoneOffset std_off, dst_off;
  bool has_dst = false;
  PosixRule start, end;
};

struct Parser {
  std::string_view s;
  std::size_t p = 0;
  bool eof() const { return p >= s.size(); }
  char peek() const { return eof() ? '\0' : s[p]; }

  std::optional<std::string> name() {
    if (peek() == '<') {
      const std::size_t e = s.find('>', p);
      if (e == std::string_view::npos) return std::nullopt;
      std::string n(s.substr(p + 1, e - p - 1));
      p = e + 1;
      return n;
    }
    const std::size_t st = p;
    while (!eof() && ((peek() >= 'A' && peek() <= 'Z') || (peek() >= 'a' && peek() <= 'z'))) ++p;
    if (p - st < 3) return std::nullopt;
    return std::string(s.substr(st, p - st));
  }
  std::optional<int> number() {
    if (eof() || peek() < '0' || peek() > '9') return std::nullopt;
    int v = 0;
    while (!eof() && peek() >= '0' && peek() <= '9') v = v * 10 + (s[p++] - '0');
    return v;
  }
  // [+-]hh[:mm[:ss]] in seconds.
  std::optional<std::int32_t> hms() {
    int sign = 1;
    if (peek() == '+' || peek() == '-') sign = s[p++] == '-' ? -1 : 1;
    auto h = number();
    if (!h) return std::nullopt;
    std::int32_t v = *h * 3600;
    if (peek() == ':') { ++p; auto m = number(); if (!m) return std::nullopt; v += *m * 60;
      if (peek() == ':') { ++p; auto sec = number(); if (!sec) return std::nullopt; v += *sec; } }
    return sign * v;
  }
  std::optional<PosixRule> rule() {
    PosixRule r;
    if (peek() == 'M') {
      ++p;
      auto m = number(); if (!m || peek() != '.') return std::nullopt; ++p;
      auto w = number(); if (!w || peek() != '.') return std::nullopt; ++p;
      auto d = number(); if (!d) return std::nullopt;
      r.kind = PosixRule::month_week_day; r.a = *m; r.b = *w; r.c = *d;
    } else if (peek() == 'J') {
      ++p; auto n = number(); if (!n) return std::nullopt;
      r.kind = PosixRule::julian_no_leap; r.a = *n;
    } else {
      auto n = number(); if (!n) return std::nullopt;
      r.kind = PosixRule::zero_based; r.a = *n;
    }
    if (peek() == '/') { ++p; auto t = hms(); if (!t) return std::nullopt; r.time = *t; }
    return r;
  }
};

std::optional<PosixTz> parse_posix(std::string_view text) {
  Parser ps{text};
  PosixTz tz;
  auto sn = ps.name();
  if (!sn) return std::nullopt;
  auto so = ps.hms();
  if (!so) return std::nullopt;
  tz.std_off = ZoneOffset{-*so, false, *sn};  // POSIX offsets count west of Greenwich
  if (ps.eof()) return tz;
  auto dn = ps.name();
  if (!dn) return std::nullopt;
  std::int32_t dst = tz.std_off.utc_offset_seconds + 3600;
  if (ps.peek() != ',' && !ps.eof()) { auto d = ps.hms(); if (!d) return std::nullopt; dst = -*d; }
  tz.dst_off = ZoneOffset{dst, true, *dn};
  if (ps.peek() != ',') return std::nullopt;
  ++ps.p;
  auto a = ps.rule();
  if (!a || ps.peek() != ',') return std::nullopt;
  ++ps.p;
  auto b = ps.rule();
  if (!b || !ps.eof()) return std::nullopt;
  tz.has_dst = true;
  tz.start = *a;
  tz.end = *b;
  return tz;
}

core::LocalDate rule_date(const PosixRule& r, int year) {
  using core::LocalDate;
  const LocalDate jan1 = *LocalDate::from_ymd(year, 1, 1);
  switch (r.kind) {
    case PosixRule::zero_based: return jan1 + core::Days(r.a);
    case PosixRule::julian_no_leap: {
      // Day 1..365, February 29 never counted.
      const bool leap = core::days_in_month(year, 2) == 29;
      return jan1 + core::Days(r.a - 1 + (leap && r.a >= 60 ? 1 : 0));
    }
    case PosixRule::month_week_day: {
      const LocalDate first = *LocalDate::from_ymd(year, r.a, 1);
      // POSIX weekday: 0 = Sunday. core::Weekday: 0 = Monday.
      const int first_wd = (static_cast<int>(first.weekday()) + 1) % 7;
      int day = 1 + (r.c - first_wd + 7) % 7 + (r.b - 1) * 7;
      const int dim = core::days_in_month(year, r.a);
      while (day > dim) day -= 7;  // week 5 means "last"
      return first + core::Days(day - 1);
    }
  }
  return jan1;
}

Instant rule_instant(const PosixRule& r, int year, std::int32_t offset_before) {
  const std::int64_t local = static_cast<std::int64_t>(rule_date(r, year).days_since_epoch()) * 86400 + r.time;
  return Instant::from_unix_seconds(local - offset_before);
}

int year_of(Instant t) {
  return core::LocalDateTime::from_local_seconds(t.unix_seconds()).date().year();
}

}  // namespace

bool is_valid_zone_id(std::string_view id) {
  if (id.empty() || id.size() > 64 || id.front() == '/' || id.back() == '/') return false;
  if (id.find("..") != std::string_view::npos || id.find("//") != std::string_view::npos) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
           c == '+' || c == '/';
  });
}

core::Result<core::ZoneRules> parse_tzif(std::string_view bytes, std::string id, Instant from, Instant to) {
  Reader r{bytes};
  Header h{};
  if (!read_header(r, h)) return corrupt(id);
  if (h.version < '2') return corrupt(id);  // every supported tzdata ships v2+
  // Skip the 32-bit block; the 64-bit block follows with its own header.
  r.skip(h.timecnt * 5ull + h.typecnt * 6ull + h.charcnt + h.leapcnt * 8ull + h.isstdcnt + h.isutcnt);
  if (!r.ok || !read_header(r, h)) return corrupt(id);

  std::vector<std::int64_t> times(h.timecnt);
  for (auto& t : times) t = r.i64();
  std::vector<std::uint8_t> idx(h.timecnt);
  for (auto& i : idx) i = r.u8();
  std::vector<ZoneOffset> types(h.typecnt);
  std::vector<std::uint8_t> desig(h.typecnt);
  for (std::uint32_t i = 0; i < h.typecnt; ++i) {
    types[i].utc_offset_seconds = static_cast<std::int32_t>(r.u32());
    types[i].dst = r.u8() != 0;
    desig[i] = r.u8();
  }
  if (!r.ok || r.pos + h.charcnt > bytes.size()) return corrupt(id);
  const std::string_view chars = bytes.substr(r.pos, h.charcnt);
  for (std::uint32_t i = 0; i < h.typecnt; ++i) {
    if (desig[i] >= chars.size()) return corrupt(id);
    const auto end = chars.find('\0', desig[i]);
    types[i].abbreviation = std::string(chars.substr(desig[i], end == std::string_view::npos ? chars.npos : end - desig[i]));
  }
  r.skip(h.charcnt + h.leapcnt * 12ull + h.isstdcnt + h.isutcnt);
  if (!r.ok) return corrupt(id);

  std::vector<ZoneTransition> all;
  all.reserve(times.size());
  for (std::size_t i = 0; i < times.size(); ++i) {
    if (idx[i] >= types.size()) return corrupt(id);
    all.push_back({Instant::from_unix_seconds(times[i]), types[idx[i]]});
  }

  // Extend past the last listed transition with the footer's POSIX rule.
  std::optional<PosixTz> footer;
  if (r.pos < bytes.size() && bytes[r.pos] == '\n') {
    const auto end = bytes.find('\n', r.pos + 1);
    if (end != std::string_view::npos) footer = parse_posix(bytes.substr(r.pos + 1, end - r.pos - 1));
  }
  if (footer && footer->has_dst) {
    const Instant last = all.empty() ? from : all.back().at;
    for (int y = year_of(std::max(last, from)); y <= year_of(to) + 1; ++y) {
      ZoneTransition a{rule_instant(footer->start, y, footer->std_off.utc_offset_seconds), footer->dst_off};
      ZoneTransition b{rule_instant(footer->end, y, footer->dst_off.utc_offset_seconds), footer->std_off};
      if (b.at < a.at) std::swap(a, b);
      for (auto* t : {&a, &b}) {
        if (all.empty() || all.back().at < t->at) all.push_back(*t);
      }
    }
  }

  // Restrict to [from, to): initial = the offset in force at `from`.
  ZoneOffset initial = types[0];
  std::vector<ZoneTransition> kept;
  for (const auto& t : all) {
    if (!(from < t.at)) { initial = t.offset; continue; }
    if (!(t.at < to)) break;
    if (kept.empty() ? !(t.offset == initial) : !(t.offset == kept.back().offset)) kept.push_back(t);
  }
  if (all.empty() && footer) initial = footer->std_off;
  return core::ZoneRules::make(std::move(id), initial, std::move(kept), from, to);
}

core::Result<core::ZoneRules> load_zone(const std::string& id, Instant from, Instant to, const std::string& dir) {
  auto unknown = [&] { return core::make_error("unknown_zone", "unknown time zone: " + id, "timezone"); };
  if (!is_valid_zone_id(id)) return unknown();
  std::ifstream f(dir + "/" + id, std::ios::binary);
  if (!f) return unknown();
  std::string bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  if (bytes.size() < 4 || bytes.compare(0, 4, "TZif") != 0) return unknown();
  return parse_tzif(bytes, id, from, to);
}

}  // namespace kairos::zoneinfo
