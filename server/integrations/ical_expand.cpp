// libical glue: the feed's components into core::BusyBlocks. Recurrences are
// expanded on the wall clock of DTSTART's zone (RFC 5545 §3.3.10), so a weekly 09:00
// stays 09:00 across a DST change, and each instance is then made an instant.
#include "ical_expand.hpp"

#include <libical/ical.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <set>
#include <unordered_map>
#include <unordered_set>

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

// How wall-clock times of one TZID become instants.
struct Conv {
  bool utc = false;
  const core::ZoneRules* rules = nullptr;
  icaltimezone* ical = nullptr;

  core::Instant to_instant(core::LocalDateTime l) const {
    if (utc) return core::Instant::from_unix_seconds(l.local_seconds());
    if (rules) return rules->to_instant(l);
    icaltimetype t = icaltime_null_time();
    const auto d = l.date();
    const auto tm = l.time();
    t.year = d.year();
    t.month = d.month();
    t.day = d.day();
    t.hour = tm.hour();
    t.minute = tm.minute();
    t.second = tm.second();
    return core::Instant::from_unix_seconds(static_cast<std::int64_t>(icaltime_as_timet_with_zone(t, ical)));
  }
  core::LocalDateTime to_local(core::Instant i) const {
    if (utc) return core::LocalDateTime::from_local_seconds(i.unix_seconds());
    if (rules) return rules->to_local(i);
    icaltimetype t = icaltime_from_timet_with_zone(static_cast<time_t>(i.unix_seconds()), 0, ical);
    auto d = core::LocalDate::from_ymd(t.year, t.month, t.day).value_or(core::LocalDate());
    return core::LocalDateTime(d, core::LocalTime::from_seconds(t.hour * 3600 + t.minute * 60 + t.second));
  }
};

class Expander {
 public:
  Expander(icalcomponent* cal, const ExpandOptions& opt) : cal_(cal), opt_(opt) {
    host_.rules = opt.host_zone;
    utc_.utc = true;
  }

  // The conversion for a property's TZID (or UTC / floating).
  const Conv& conv_for(icalproperty* p, const icaltimetype& t) {
    if (icaltime_is_utc(t)) return utc_;
    icalparameter* tz = p ? icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER) : nullptr;
    const char* id = tz ? icalparameter_get_tzid(tz) : nullptr;
    if (!id || !*id) return host_;  // floating: the host's own wall clock
    std::string key(id);
    auto it = convs_.find(key);
    if (it != convs_.end()) return it->second;
    Conv c;
    if (auto rules = opt_.zone_of ? opt_.zone_of(key) : nullptr) {
      c.rules = rules.get();
      held_.push_back(std::move(rules));
    } else if (icaltimezone* z = icalcomponent_get_timezone(cal_, id)) {
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

  static std::optional<core::LocalDateTime> local_of(const icaltimetype& t) {
    auto d = core::LocalDate::from_ymd(t.year, t.month, t.day);
    if (!d) return std::nullopt;
    if (t.is_date) return core::LocalDateTime(*d, core::LocalTime::midnight());
    if (t.hour < 0 || t.hour > 23 || t.minute < 0 || t.minute > 59 || t.second < 0 || t.second > 60) return std::nullopt;
    return core::LocalDateTime(*d, core::LocalTime::from_seconds(t.hour * 3600 + t.minute * 60 + std::min(t.second, 59)));
  }

  // The key of one occurrence: an instant for timed events, a day number for dates.
  std::optional<std::int64_t> key_of(icalproperty* p, const icaltimetype& t) {
    auto l = local_of(t);
    if (!l) return std::nullopt;
    if (t.is_date) return l->date().days_since_epoch();
    return conv_for(p, t).to_instant(*l).unix_seconds();
  }

  core::Status run(Expansion& out) {
    // First pass: which occurrences of which series were moved or cancelled one by one.
    for (icalcomponent* ev = icalcomponent_get_first_component(cal_, ICAL_VEVENT_COMPONENT); ev;
         ev = icalcomponent_get_next_component(cal_, ICAL_VEVENT_COMPONENT)) {
      icalproperty* rid = icalcomponent_get_first_property(ev, ICAL_RECURRENCEID_PROPERTY);
      if (!rid) continue;
      const char* uid = icalcomponent_get_uid(ev);
      if (auto k = key_of(rid, icalproperty_get_recurrenceid(rid))) overridden_[uid ? uid : ""].insert(*k);
    }
    for (icalcomponent* ev = icalcomponent_get_first_component(cal_, ICAL_VEVENT_COMPONENT); ev;
         ev = icalcomponent_get_next_component(cal_, ICAL_VEVENT_COMPONENT)) {
      ++out.events;
      auto st = event(ev, out);
      if (!st) return st;
    }
    return core::ok_status();
  }

 private:
  core::Status event(icalcomponent* ev, Expansion& out) {
    if (icalcomponent_get_status(ev) == ICAL_STATUS_CANCELLED) return core::ok_status();
    if (icalproperty* tp = icalcomponent_get_first_property(ev, ICAL_TRANSP_PROPERTY)) {
      auto v = icalproperty_get_transp(tp);
      if (v == ICAL_TRANSP_TRANSPARENT || v == ICAL_TRANSP_TRANSPARENTNOCONFLICT) return core::ok_status();
    }
    icalproperty* ps = icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY);
    if (!ps) return core::ok_status();
    const icaltimetype ts = icalproperty_get_dtstart(ps);
    auto start = local_of(ts);
    if (!start) return core::ok_status();
    const bool all_day = ts.is_date;
    const Conv& conv = conv_for(ps, ts);

    // Length: whole days for all-day events; for timed ones the wall-clock length
    // when DTEND is in the same zone (RFC 5545 nominal), else the exact one.
    std::int64_t days = 1;
    std::int64_t nominal = -1, exact = -1;
    icalproperty* pe = icalcomponent_get_first_property(ev, ICAL_DTEND_PROPERTY);
    icalproperty* pd = icalcomponent_get_first_property(ev, ICAL_DURATION_PROPERTY);
    if (pe) {
      const icaltimetype te = icalproperty_get_dtend(pe);
      auto end = local_of(te);
      if (!end) return core::ok_status();
      if (all_day) {
        days = std::max<std::int64_t>(1, (end->date() - start->date()).count());
      } else if (&conv_for(pe, te) == &conv) {
        nominal = (*end - *start).count();
      } else {
        exact = (conv_for(pe, te).to_instant(*end) - conv.to_instant(*start)).count();
      }
    } else if (pd) {
      const std::int64_t s = icaldurationtype_as_int(icalproperty_get_duration(pd));
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
        core::Interval iv{s, e};
        if (!iv.overlaps(opt_.span)) return core::ok_status();
        out.blocks.push_back(core::BusyBlock::timed(iv));
      }
      if (out.blocks.size() > opt_.max_blocks)
        return core::make_error("too_many_events", "the calendar expands to more than " +
                                                       std::to_string(opt_.max_blocks) + " busy blocks");
      return core::ok_status();
    };

    icalproperty* rid = icalcomponent_get_first_property(ev, ICAL_RECURRENCEID_PROPERTY);
    icalproperty* rr = icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY);
    icalproperty* rd = icalcomponent_get_first_property(ev, ICAL_RDATE_PROPERTY);
    if (rid || (!rr && !rd)) return add(*start);  // a single event, or one moved occurrence

    // A series: DTSTART, RRULE and RDATE occurrences, less EXDATEs and the occurrences
    // that have components of their own (RECURRENCE-ID).
    const char* uid_c = icalcomponent_get_uid(ev);
    const std::string uid = uid_c ? uid_c : "";
    std::set<std::int64_t> skip;
    if (auto o = overridden_.find(uid); o != overridden_.end()) skip = o->second;
    std::set<std::int32_t> skip_dates;  // DATE-valued EXDATEs of a timed series
    for (icalproperty* x = icalcomponent_get_first_property(ev, ICAL_EXDATE_PROPERTY); x;
         x = icalcomponent_get_next_property(ev, ICAL_EXDATE_PROPERTY)) {
      const icaltimetype t = icalproperty_get_exdate(x);
      if (t.is_date && !all_day) {
        if (auto l = local_of(t)) skip_dates.insert(l->date().days_since_epoch());
      } else if (auto k = key_of(x, t)) {
        skip.insert(*k);
      }
    }
    std::set<std::int64_t> seen;
    auto occurrence = [&](core::LocalDateTime l) -> core::Status {
      const std::int64_t k = all_day ? l.date().days_since_epoch() : conv.to_instant(l).unix_seconds();
      if (skip.count(k) || skip_dates.count(l.date().days_since_epoch()) || !seen.insert(k).second)
        return core::ok_status();
      return add(l);
    };
    const core::LocalDateTime horizon = conv.to_local(opt_.span.end) + core::Days(2);

    if (rr) {
      icalrecurrencetype rule = icalproperty_get_rrule(rr);
      // UNTIL in UTC bounds the series on the wall clock of DTSTART's zone.
      if (!icaltime_is_null_time(rule.until) && icaltime_is_utc(rule.until) && !all_day) {
        if (auto u = local_of(rule.until)) {
          const core::LocalDateTime lu = conv.to_local(core::Instant::from_unix_seconds(u->local_seconds()));
          icaltimetype t = icaltime_null_time();
          t.year = lu.date().year();
          t.month = lu.date().month();
          t.day = lu.date().day();
          t.hour = lu.time().hour();
          t.minute = lu.time().minute();
          t.second = lu.time().second();
          rule.until = t;
        }
      }
      icaltimetype first = ts;
      first.zone = nullptr;  // iterate on the floating wall clock
      icalrecur_iterator* it = icalrecur_iterator_new(rule, first);
      if (it) {
        std::size_t n = 0;
        for (icaltimetype t = icalrecur_iterator_next(it); !icaltime_is_null_time(t) && n < opt_.max_iterations;
             t = icalrecur_iterator_next(it), ++n) {
          auto l = local_of(t);
          if (!l) continue;
          if (*l > horizon) break;
          auto st = occurrence(*l);
          if (!st) {
            icalrecur_iterator_free(it);
            return st;
          }
        }
        icalrecur_iterator_free(it);
      } else {
        auto st = occurrence(*start);
        if (!st) return st;
      }
    } else {
      auto st = occurrence(*start);
      if (!st) return st;
    }
    for (icalproperty* x = rd; x; x = icalcomponent_get_next_property(ev, ICAL_RDATE_PROPERTY)) {
      const icaldatetimeperiodtype v = icalproperty_get_rdate(x);
      const icaltimetype t = icaltime_is_null_time(v.time) ? v.period.start : v.time;
      auto l = local_of(t);
      if (!l) continue;
      // An RDATE in another zone than DTSTART: the same instant on DTSTART's wall clock.
      if (!t.is_date && &conv_for(x, t) != &conv) l = conv.to_local(conv_for(x, t).to_instant(*l));
      auto st = occurrence(*l);
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

  icalcomponent* cal_;
  const ExpandOptions& opt_;
  Conv host_, utc_;
  std::map<std::string, Conv> convs_;
  std::vector<std::shared_ptr<const core::ZoneRules>> held_;
  std::unordered_map<std::string, std::set<std::int64_t>> overridden_;
};

std::mutex& ical_mutex() {  // libical's zone caches are process-wide
  static std::mutex m;
  return m;
}

}  // namespace

core::Result<Expansion> expand_ics(std::string_view text, const ExpandOptions& opt) {
  if (!opt.host_zone) return core::make_error("invalid_ics", "no host zone");
  if (text.find("BEGIN:VCALENDAR") == std::string_view::npos)
    return core::make_error("invalid_ics", "not an iCalendar object (no BEGIN:VCALENDAR)");
  std::lock_guard lock(ical_mutex());
  icalerror_set_errors_are_fatal(0);
  const std::string copy(text);
  icalcomponent* root = icalparser_parse_string(copy.c_str());
  if (!root) return core::make_error("invalid_ics", "the calendar could not be parsed");
  std::vector<icalcomponent*> cals;
  if (icalcomponent_isa(root) == ICAL_VCALENDAR_COMPONENT) {
    cals.push_back(root);
  } else {
    for (icalcomponent* c = icalcomponent_get_first_component(root, ICAL_VCALENDAR_COMPONENT); c;
         c = icalcomponent_get_next_component(root, ICAL_VCALENDAR_COMPONENT))
      cals.push_back(c);
  }
  if (cals.empty()) {
    icalcomponent_free(root);
    return core::make_error("invalid_ics", "no VCALENDAR component");
  }
  Expansion out;
  core::Status st = core::ok_status();
  for (icalcomponent* cal : cals) {
    Expander ex(cal, opt);
    st = ex.run(out);
    if (!st) break;
  }
  icalcomponent_free(root);
  if (!st) return st.error();
  auto timed_end = std::stable_partition(out.blocks.begin(), out.blocks.end(), [](const auto& b) { return !b.all_day; });
  std::sort(out.blocks.begin(), timed_end, [](const auto& a, const auto& b) { return a.when.start < b.when.start; });
  std::sort(timed_end, out.blocks.end(), [](const auto& a, const auto& b) { return a.date < b.date; });
  return out;
}

}  // namespace kairos::server::integ
