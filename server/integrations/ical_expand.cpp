// The feed's components into core::BusyBlocks. Recurrences are expanded on the wall
// clock of DTSTART's zone (RFC 5545 §3.3.10), so a weekly 09:00 stays 09:00 across a
// DST change, and each instance is then made an instant.
//
// Division of labour: libical does the iCalendar semantics — RRULE parsing and
// iteration, DURATION values, VTIMEZONE definitions of non-IANA zones. The content
// lines themselves are read by a small streaming tokenizer that looks only at the dozen
// properties busy time depends on: libical's full parse allocates every property and
// parameter of every event (titles, attendees, alarms) and took ~80 ms of CPU for a
// 5,000-event feed, the tokenizer a few (docs/BENCHMARKS.md).
#include "ical_expand.hpp"

#include <libical/ical.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <mutex>
#include <set>
#include <unordered_map>

namespace kairos::server::integ {
namespace {

// Outlook writes Windows zone names (with a VTIMEZONE); when a feed leaves the
// VTIMEZONE out, these common ones still resolve.
const std::unordered_map<std::string, std::string>& windows_zones() {
  static const std::unordered_map<std::string, std::string> m{
      {"W. Europe Standard Time", "Europe/Berlin"},     {"Romance Standard Time", "Europe/Paris"},
      {"Central Europe Standard Time", "Europe/Budapest"}, {"GMT Standard Time", "Europe/London"},
      {"Eastern Standard Time", "America/New_York"},  {"Central Standard Time", "America/Chicago"},
      {"Mountain Standard Time", "America/Denver"},   {"Pacific Standard Time", "America/Los_Angeles"},
      {"Tokyo Standard Time", "Asia/Tokyo"},          {"China Standard Time", "Asia/Shanghai"},
      {"India Standard Time", "Asia/Kolkata"},        {"AUS Eastern Standard Time", "Australia/Sydney"},
      {"UTC", "Etc/UTC"},                              {"Coordinated Universal Time", "Etc/UTC"},
  };
  return m;
}

// --- content lines ----------------------------------------------------------------------

// RFC 5545 §3.1: a line break followed by a space or tab continues the line.
std::string unfold(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '\r' && i + 2 < in.size() && in[i + 1] == '\n' && (in[i + 2] == ' ' || in[i + 2] == '\t')) {
      i += 2;
      continue;
    }
    if (c == '\n' && i + 1 < in.size() && (in[i + 1] == ' ' || in[i + 1] == '\t')) {
      ++i;
      continue;
    }
    out.push_back(c);
  }
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::toupper(static_cast<unsigned char>(a[i])) != std::toupper(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

struct Line {
  std::string_view name, params, value;  // params: everything between the name and ':'
};

bool split_line(std::string_view l, Line& out) {
  std::size_t i = 0;
  while (i < l.size() && l[i] != ';' && l[i] != ':') ++i;
  if (i == l.size()) return false;
  out.name = l.substr(0, i);
  std::size_t p = i;
  bool quoted = false;
  for (; i < l.size(); ++i) {
    if (l[i] == '"') quoted = !quoted;
    else if (l[i] == ':' && !quoted) break;
  }
  if (i == l.size()) return false;
  out.params = l.substr(p, i - p);
  out.value = l.substr(i + 1);
  return true;
}

// The value of parameter `name` (unquoted), empty when absent.
std::string_view param(std::string_view params, std::string_view name) {
  std::size_t i = 0;
  while (i < params.size()) {
    if (params[i] != ';') {
      ++i;
      continue;
    }
    std::size_t eq = params.find('=', i + 1);
    if (eq == std::string_view::npos) return {};
    const std::string_view key = params.substr(i + 1, eq - i - 1);
    std::size_t j = eq + 1;
    std::string_view v;
    if (j < params.size() && params[j] == '"') {
      std::size_t close = params.find('"', j + 1);
      if (close == std::string_view::npos) return {};
      v = params.substr(j + 1, close - j - 1);
      i = close + 1;
    } else {
      std::size_t end = params.find(';', j);
      if (end == std::string_view::npos) end = params.size();
      v = params.substr(j, end - j);
      i = end;
    }
    if (iequals(key, name)) return v;
  }
  return {};
}

struct TimeProp {
  std::string_view value, tzid;
  bool date = false;  // VALUE=DATE (or an 8-character value)
  bool set = false;
};

struct Event {
  std::string_view uid, rrule, duration;
  TimeProp dtstart, dtend, rid;
  std::vector<TimeProp> rdates, exdates;
  bool cancelled = false, transparent = false;
};

TimeProp time_prop(const Line& l) {
  TimeProp t;
  t.value = l.value;
  t.tzid = param(l.params, "TZID");
  t.date = iequals(param(l.params, "VALUE"), "DATE") || l.value.size() == 8;
  t.set = true;
  return t;
}

// Comma-separated lists (EXDATE, RDATE): one TimeProp per value.
void time_list(const Line& l, std::vector<TimeProp>& out) {
  TimeProp base = time_prop(l);
  std::string_view v = l.value;
  while (!v.empty()) {
    std::size_t c = v.find(',');
    TimeProp t = base;
    t.value = v.substr(0, c);
    t.date = base.date && t.value.size() >= 8 && t.value.find('T') == std::string_view::npos;
    if (t.value.size() == 8) t.date = true;
    out.push_back(t);
    if (c == std::string_view::npos) break;
    v.remove_prefix(c + 1);
  }
}

struct Parsed {
  std::vector<Event> events;
  std::string timezones;  // the VTIMEZONE components, for libical
  bool calendar = false;
};

void tokenize(std::string_view text, Parsed& out) {
  Event* ev = nullptr;
  int nested = 0;         // components inside a VEVENT (VALARM…)
  bool in_tz = false;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view raw = text.substr(pos, nl - pos);
    pos = nl + 1;
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    if (raw.empty()) continue;
    if (in_tz) {
      out.timezones.append(raw).append("\r\n");
      if (iequals(raw, "END:VTIMEZONE")) in_tz = false;
      continue;
    }
    Line l;
    if (!split_line(raw, l)) continue;
    if (iequals(l.name, "BEGIN")) {
      if (ev) ++nested;
      else if (iequals(l.value, "VEVENT")) ev = &out.events.emplace_back();
      else if (iequals(l.value, "VTIMEZONE")) {
        in_tz = true;
        out.timezones.append(raw).append("\r\n");
      } else if (iequals(l.value, "VCALENDAR")) out.calendar = true;
      continue;
    }
    if (iequals(l.name, "END")) {
      if (ev && nested > 0) --nested;
      else if (ev && iequals(l.value, "VEVENT")) ev = nullptr;
      continue;
    }
    if (!ev || nested > 0) continue;
    const std::string_view n = l.name;
    if (iequals(n, "DTSTART")) ev->dtstart = time_prop(l);
    else if (iequals(n, "DTEND")) ev->dtend = time_prop(l);
    else if (iequals(n, "DURATION")) ev->duration = l.value;
    else if (iequals(n, "RRULE")) ev->rrule = l.value;
    else if (iequals(n, "RDATE")) time_list(l, ev->rdates);
    else if (iequals(n, "EXDATE")) time_list(l, ev->exdates);
    else if (iequals(n, "RECURRENCE-ID")) ev->rid = time_prop(l);
    else if (iequals(n, "UID")) ev->uid = l.value;
    else if (iequals(n, "STATUS")) ev->cancelled = iequals(l.value, "CANCELLED");
    else if (iequals(n, "TRANSP")) ev->transparent = iequals(l.value, "TRANSPARENT");
  }
}

// "YYYYMMDD" or "YYYYMMDDTHHMMSS[Z]".
struct Stamp {
  core::LocalDateTime local;
  bool date = false, utc = false;
};

std::optional<Stamp> parse_stamp(std::string_view v, bool date) {
  auto num = [&](std::size_t at, std::size_t len, int& out) {
    if (at + len > v.size()) return false;
    auto r = std::from_chars(v.data() + at, v.data() + at + len, out);
    return r.ec == std::errc() && r.ptr == v.data() + at + len;
  };
  int y = 0, m = 0, d = 0;
  if (!num(0, 4, y) || !num(4, 2, m) || !num(6, 2, d)) return std::nullopt;
  auto day = core::LocalDate::from_ymd(y, m, d);
  if (!day) return std::nullopt;
  Stamp s;
  if (date || v.size() == 8) {
    s.date = true;
    s.local = core::LocalDateTime(*day, core::LocalTime::midnight());
    return s;
  }
  int hh = 0, mi = 0, ss = 0;
  if (v.size() < 15 || (v[8] != 'T' && v[8] != 't') || !num(9, 2, hh) || !num(11, 2, mi) || !num(13, 2, ss))
    return std::nullopt;
  if (hh > 23 || mi > 59 || ss > 60) return std::nullopt;
  s.utc = v.size() > 15 && (v[15] == 'Z' || v[15] == 'z');
  s.local = core::LocalDateTime(*day, core::LocalTime::from_seconds(hh * 3600 + mi * 60 + std::min(ss, 59)));
  return s;
}

icaltimetype to_ical(core::LocalDateTime l, bool date) {
  icaltimetype t = icaltime_null_time();
  const auto d = l.date();
  const auto tm = l.time();
  t.year = d.year();
  t.month = d.month();
  t.day = d.day();
  t.is_date = date ? 1 : 0;
  if (!date) {
    t.hour = tm.hour();
    t.minute = tm.minute();
    t.second = tm.second();
  }
  return t;
}

std::optional<core::LocalDateTime> from_ical(const icaltimetype& t) {
  auto d = core::LocalDate::from_ymd(t.year, t.month, t.day);
  if (!d) return std::nullopt;
  if (t.is_date) return core::LocalDateTime(*d, core::LocalTime::midnight());
  if (t.hour < 0 || t.hour > 23 || t.minute < 0 || t.minute > 59 || t.second < 0 || t.second > 60) return std::nullopt;
  return core::LocalDateTime(*d, core::LocalTime::from_seconds(t.hour * 3600 + t.minute * 60 + std::min(t.second, 59)));
}


// DAILY and WEEKLY rules with INTERVAL, COUNT, UNTIL, WKST and plain BYDAY, stepped on
// the wall clock. libical's iterator goes through ICU calendars for every occurrence
// (half the expansion time of a feed with a few hundred series); anything beyond
// these parts is left to it. `until` is already on DTSTART's wall clock.
template <class Emit>
bool step_simple_rule(const icalrecurrencetype& r, core::LocalDateTime start, std::optional<core::LocalDateTime> until,
                      core::LocalDateTime horizon, std::size_t max_iterations, Emit&& emit, core::Status& status) {
  if (r.freq != ICAL_DAILY_RECURRENCE && r.freq != ICAL_WEEKLY_RECURRENCE) return false;
  if (r.rscale) return false;
  for (const short* by : {r.by_second, r.by_minute, r.by_hour, r.by_month_day, r.by_year_day, r.by_week_no,
                          r.by_month, r.by_set_pos})
    if (by[0] != ICAL_RECURRENCE_ARRAY_MAX) return false;
  bool days[7] = {false, false, false, false, false, false, false};
  bool any = false;
  for (int i = 0; i < ICAL_BY_DAY_SIZE && r.by_day[i] != ICAL_RECURRENCE_ARRAY_MAX; ++i) {
    if (icalrecurrencetype_day_position(r.by_day[i]) != 0) return false;
    const int w = static_cast<int>(icalrecurrencetype_day_day_of_week(r.by_day[i]));  // 1 = Sunday
    if (w < 1 || w > 7) return false;
    days[(w + 5) % 7] = true;  // Monday = 0
    any = true;
  }
  const auto wd = [](core::LocalDate d) { return static_cast<int>(d.weekday()); };
  const core::LocalDate first = start.date();
  if (!any) days[wd(first)] = true;
  if (!days[wd(first)]) return false;  // DTSTART off the rule: libical's reading
  const int interval = r.interval > 0 ? r.interval : 1;
  const core::LocalTime at = start.time();
  std::size_t emitted = 0, n = 0;
  auto take = [&](core::LocalDate d) {  // false: stop
    const core::LocalDateTime l(d, at);
    if (until && l > *until) return false;
    if (l > horizon) return false;
    if (r.count > 0 && emitted >= static_cast<std::size_t>(r.count)) return false;
    ++emitted;
    status = emit(l);
    return static_cast<bool>(status);
  };
  if (r.freq == ICAL_DAILY_RECURRENCE) {
    for (core::LocalDate d = first; n < max_iterations; d = d + core::Days(interval), ++n) {
      if (!days[wd(d)]) continue;
      if (!take(d)) break;
    }
    return true;
  }
  int wkst = r.week_start == ICAL_NO_WEEKDAY ? 0 : (static_cast<int>(r.week_start) + 5) % 7;
  const core::LocalDate week0 = first - core::Days((wd(first) - wkst + 7) % 7);
  for (core::LocalDate w = week0; n < max_iterations; w = w + core::Days(7 * interval)) {
    for (int i = 0; i < 7; ++i, ++n) {
      const core::LocalDate d = w + core::Days(i);
      if (d < first || !days[wd(d)]) continue;
      if (!take(d)) return true;
    }
  }
  return true;
}

// How wall-clock times of one TZID become instants.
struct Conv {
  bool utc = false;
  const core::ZoneRules* rules = nullptr;
  icaltimezone* ical = nullptr;

  core::Instant to_instant(core::LocalDateTime l) const {
    if (utc) return core::Instant::from_unix_seconds(l.local_seconds());
    if (rules) return rules->to_instant(l);
    return core::Instant::from_unix_seconds(static_cast<std::int64_t>(icaltime_as_timet_with_zone(to_ical(l, false), ical)));
  }
  core::LocalDateTime to_local(core::Instant i) const {
    if (utc) return core::LocalDateTime::from_local_seconds(i.unix_seconds());
    if (rules) return rules->to_local(i);
    icaltimetype t = icaltime_from_timet_with_zone(static_cast<time_t>(i.unix_seconds()), 0, ical);
    return from_ical(t).value_or(core::LocalDateTime());
  }
};

class Expander {
 public:
  Expander(Parsed& parsed, const ExpandOptions& opt) : parsed_(parsed), opt_(opt) {
    host_.rules = opt.host_zone;
    utc_.utc = true;
  }
  ~Expander() {
    if (tzcal_) icalcomponent_free(tzcal_);
  }
  Expander(const Expander&) = delete;
  Expander& operator=(const Expander&) = delete;

  core::Status run(Expansion& out) {
    // First pass: which occurrences of which series were moved or cancelled one by one.
    for (const Event& ev : parsed_.events) {
      if (!ev.rid.set) continue;
      if (auto k = key_of(ev.rid)) overridden_[std::string(ev.uid)].insert(*k);
    }
    for (const Event& ev : parsed_.events) {
      ++out.events;
      auto st = event(ev, out);
      if (!st) return st;
    }
    return core::ok_status();
  }

 private:
  // The conversion for a time's TZID (or UTC / floating).
  const Conv& conv_for(const TimeProp& p, const Stamp& s) {
    if (s.utc) return utc_;
    if (p.tzid.empty()) return host_;  // floating: the host's own wall clock
    std::string key(p.tzid);
    auto it = convs_.find(key);
    if (it != convs_.end()) return it->second;
    Conv c;
    if (auto rules = opt_.zone_of ? opt_.zone_of(key) : nullptr) {
      c.rules = rules.get();
      held_.push_back(std::move(rules));
    } else if (icaltimezone* z = vtimezone(key)) {
      c.ical = z;
    } else if (auto w = windows_zones().find(key); w != windows_zones().end() && opt_.zone_of) {
      if (auto mapped = opt_.zone_of(w->second)) {
        c.rules = mapped.get();
        held_.push_back(std::move(mapped));
      }
    }
    if (!c.rules && !c.ical) c = host_;  // an unknown zone: read as the host's wall clock
    return convs_.emplace(key, c).first->second;
  }

  // The feed's own definition of a zone, parsed by libical on first use.
  icaltimezone* vtimezone(const std::string& id) {
    if (parsed_.timezones.empty()) return nullptr;
    if (!tzcal_) {
      const std::string cal = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + parsed_.timezones + "END:VCALENDAR\r\n";
      tzcal_ = icalparser_parse_string(cal.c_str());
      if (!tzcal_) return nullptr;
    }
    return icalcomponent_get_timezone(tzcal_, id.c_str());
  }

  // The key of one occurrence: an instant for timed events, a day number for dates.
  std::optional<std::int64_t> key_of(const TimeProp& p) {
    auto s = parse_stamp(p.value, p.date);
    if (!s) return std::nullopt;
    if (s->date) return s->local.date().days_since_epoch();
    return conv_for(p, *s).to_instant(s->local).unix_seconds();
  }

  core::Status event(const Event& ev, Expansion& out) {
    if (ev.cancelled || ev.transparent || !ev.dtstart.set) return core::ok_status();
    auto start_s = parse_stamp(ev.dtstart.value, ev.dtstart.date);
    if (!start_s) return core::ok_status();
    const core::LocalDateTime start = start_s->local;
    const bool all_day = start_s->date;
    const Conv& conv = conv_for(ev.dtstart, *start_s);

    // Length: whole days for all-day events; for timed ones the wall-clock length
    // when DTEND is in the same zone (RFC 5545 nominal), else the exact one.
    std::int64_t days = 1;
    std::int64_t nominal = -1, exact = -1;
    if (ev.dtend.set) {
      auto end_s = parse_stamp(ev.dtend.value, ev.dtend.date);
      if (!end_s) return core::ok_status();
      if (all_day) {
        days = std::max<std::int64_t>(1, (end_s->local.date() - start.date()).count());
      } else {
        const Conv& ec = conv_for(ev.dtend, *end_s);
        if (&ec == &conv) nominal = (end_s->local - start).count();
        else exact = (ec.to_instant(end_s->local) - conv.to_instant(start)).count();
      }
    } else if (!ev.duration.empty()) {
      const std::string d(ev.duration);
      const std::int64_t s = icaldurationtype_as_int(icaldurationtype_from_string(d.c_str()));
      if (all_day) days = std::max<std::int64_t>(1, (s + 86399) / 86400);
      else nominal = s;
    } else if (!all_day) {
      return core::ok_status();  // a timed event without an end takes no time
    }
    if (!all_day && nominal <= 0 && exact <= 0) return core::ok_status();
    days = std::min<std::int64_t>(days, 366);

    auto add = [&](core::LocalDateTime l) -> core::Status {
      if (all_day) {
        for (std::int64_t i = 0; i < days; ++i) {
          const core::LocalDate d = l.date() + core::Days(i);
          if (d < first_date() || last_date() < d) continue;
          out.blocks.push_back(core::BusyBlock::whole_day(d));
        }
      } else {
        const core::Instant s = conv.to_instant(l);
        const core::Instant e = nominal > 0 ? conv.to_instant(l + core::Seconds(nominal)) : s + core::Seconds(exact);
        if (e <= s) return core::ok_status();
        const core::Interval iv{s, e};
        if (!iv.overlaps(opt_.span)) return core::ok_status();
        out.blocks.push_back(core::BusyBlock::timed(iv));
      }
      if (out.blocks.size() > opt_.max_blocks)
        return core::make_error("too_many_events", "the calendar expands to more than " +
                                                       std::to_string(opt_.max_blocks) + " busy blocks");
      return core::ok_status();
    };

    if (ev.rid.set || (ev.rrule.empty() && ev.rdates.empty())) return add(start);  // single, or one moved occurrence

    // A series: DTSTART, RRULE and RDATE occurrences, less EXDATEs and the occurrences
    // that have components of their own (RECURRENCE-ID).
    std::set<std::int64_t> skip;
    if (auto o = overridden_.find(std::string(ev.uid)); o != overridden_.end()) skip = o->second;
    std::set<std::int32_t> skip_dates;  // DATE-valued EXDATEs of a timed series
    for (const TimeProp& x : ev.exdates) {
      auto s = parse_stamp(x.value, x.date);
      if (!s) continue;
      if (s->date && !all_day) skip_dates.insert(s->local.date().days_since_epoch());
      else if (auto k = key_of(x)) skip.insert(*k);
    }
    std::set<std::int64_t> seen;
    auto occurrence = [&](core::LocalDateTime l) -> core::Status {
      const std::int64_t k = all_day ? l.date().days_since_epoch() : conv.to_instant(l).unix_seconds();
      if (skip.count(k) || skip_dates.count(l.date().days_since_epoch()) || !seen.insert(k).second)
        return core::ok_status();
      return add(l);
    };
    const core::LocalDateTime horizon = conv.to_local(opt_.span.end) + core::Days(2);

    bool iterated = false;
    if (!ev.rrule.empty()) {
      const std::string text(ev.rrule);
      icalrecurrencetype rule = icalrecurrencetype_from_string(text.c_str());
      if (rule.freq != ICAL_NO_RECURRENCE) {
        // UNTIL in UTC bounds the series on the wall clock of DTSTART's zone.
        if (!icaltime_is_null_time(rule.until) && icaltime_is_utc(rule.until) && !all_day) {
          if (auto u = from_ical(rule.until)) {
            rule.until = to_ical(conv.to_local(core::Instant::from_unix_seconds(u->local_seconds())), false);
          }
        }
        std::optional<core::LocalDateTime> until;
        if (!icaltime_is_null_time(rule.until)) {
          until = from_ical(rule.until);
          if (until && rule.until.is_date && !all_day) until = *until + core::Seconds(86399);  // the whole day
        }
        core::Status status = core::ok_status();
        if (opt_.fast_rules &&
            step_simple_rule(rule, start, until, horizon, opt_.max_iterations, occurrence, status)) {
          iterated = true;
          if (!status) return status;
        } else if (icalrecur_iterator* it = icalrecur_iterator_new(rule, to_ical(start, all_day))) {  // floating wall clock
          iterated = true;
          std::size_t n = 0;
          for (icaltimetype t = icalrecur_iterator_next(it); !icaltime_is_null_time(t) && n < opt_.max_iterations;
               t = icalrecur_iterator_next(it), ++n) {
            auto l = from_ical(t);
            if (!l) continue;
            if (*l > horizon) break;
            auto st = occurrence(*l);
            if (!st) {
              icalrecur_iterator_free(it);
              return st;
            }
          }
          icalrecur_iterator_free(it);
        }
      }
    }
    if (!iterated) {
      auto st = occurrence(start);
      if (!st) return st;
    }
    for (const TimeProp& x : ev.rdates) {
      const std::string_view v = x.value.substr(0, x.value.find('/'));  // PERIOD: its start
      auto s = parse_stamp(v, x.date);
      if (!s) continue;
      core::LocalDateTime l = s->local;
      // An RDATE in another zone than DTSTART: the same instant on DTSTART's wall clock.
      if (!s->date) {
        const Conv& rc = conv_for(x, *s);
        if (&rc != &conv) l = conv.to_local(rc.to_instant(l));
      }
      auto st = occurrence(l);
      if (!st) return st;
    }
    return core::ok_status();
  }

  core::LocalDate first_date() const {
    return core::LocalDate::from_days(static_cast<std::int32_t>(opt_.span.start.unix_seconds() / 86400 - 2));
  }
  core::LocalDate last_date() const {
    return core::LocalDate::from_days(static_cast<std::int32_t>(opt_.span.end.unix_seconds() / 86400 + 2));
  }

  Parsed& parsed_;
  const ExpandOptions& opt_;
  Conv host_, utc_;
  std::map<std::string, Conv> convs_;
  std::vector<std::shared_ptr<const core::ZoneRules>> held_;
  std::unordered_map<std::string, std::set<std::int64_t>> overridden_;
  icalcomponent* tzcal_ = nullptr;
};

std::mutex& ical_mutex() {  // libical's zone caches are process-wide
  static std::mutex m;
  return m;
}

}  // namespace

core::Result<Expansion> expand_ics(std::string_view text, const ExpandOptions& opt) {
  if (!opt.host_zone) return core::make_error("invalid_ics", "no host zone");
  const std::string unfolded = unfold(text);
  Parsed parsed;
  tokenize(unfolded, parsed);
  if (!parsed.calendar) return core::make_error("invalid_ics", "not an iCalendar object (no BEGIN:VCALENDAR)");
  Expansion out;
  core::Status st = core::ok_status();
  {
    std::lock_guard lock(ical_mutex());
    icalerror_set_errors_are_fatal(0);
    Expander ex(parsed, opt);
    st = ex.run(out);
  }
  if (!st) return st.error();
  auto timed_end = std::stable_partition(out.blocks.begin(), out.blocks.end(), [](const auto& b) { return !b.all_day; });
  std::sort(out.blocks.begin(), timed_end, [](const auto& a, const auto& b) { return a.when.start < b.when.start; });
  std::sort(timed_end, out.blocks.end(), [](const auto& a, const auto& b) { return a.date < b.date; });
  return out;
}

}  // namespace kairos::server::integ
