// JSON mapping of the slot engine's values (shapes in availability.hpp). Encoders
// write every field so that a document read back gives equal values; readers apply
// the API's defaults to absent optional fields and blame errors on the JSON path.
#include "kairos/wire/availability.hpp"

#include <array>
#include <utility>

namespace {
// Weekday keys of weekly_hours, Monday first like WeeklyHours::days.
constexpr std::array<const char*, 7> kDayKeys = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
}  // namespace

namespace kairos::core {
namespace {

nlohmann::json intervals_json(const std::vector<LocalInterval>& v) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& i : v) a.push_back(i);
  return a;
}

}  // namespace

void to_json(nlohmann::json& j, const LocalInterval& i) { j = nlohmann::json::array({i.start, i.end}); }

void to_json(nlohmann::json& j, const WeeklyHours& w) {
  j = nlohmann::json::object();
  for (std::size_t d = 0; d < 7; ++d) j[kDayKeys[d]] = intervals_json(w.days[d]);
}

void to_json(nlohmann::json& j, const DateOverride& o) { j = {{"date", o.date}, {"hours", intervals_json(o.hours)}}; }

void to_json(nlohmann::json& j, const BusyBlock& b) {
  if (b.all_day) {
    j = {{"date", b.date}};
  } else {
    j = b.when;
  }
}

void to_json(nlohmann::json& j, const Host& h) {
  j = {{"id", h.id}, {"timezone", h.zone.id()}, {"zone", h.zone}, {"weekly_hours", h.weekly},
       {"overrides", h.overrides}, {"busy", h.busy}, {"priority", h.priority}};
}

void to_json(nlohmann::json& j, const BookingWindow& w) {
  switch (w.kind) {
    case BookingWindow::Kind::unlimited: j = nullptr; return;
    case BookingWindow::Kind::rolling_days: j = {{"rolling_days", w.rolling_days}}; return;
    case BookingWindow::Kind::absolute: j = {{"from", w.from}, {"to", w.to}}; return;
  }
}

void to_json(nlohmann::json& j, const Limits& l) {
  j = nlohmann::json::object();
  if (l.per_day) j["per_day"] = *l.per_day;
  if (l.per_week) j["per_week"] = *l.per_week;
}

void to_json(nlohmann::json& j, const EventPolicy& p) {
  j = {{"id", p.id},
       {"duration_minutes", p.duration.count()},
       {"slot_interval_minutes", p.interval.count()},
       {"buffer_before_minutes", p.buffer_before.count()},
       {"buffer_after_minutes", p.buffer_after.count()},
       {"min_notice_minutes", p.min_notice.count()},
       {"window", p.window},
       {"limits", p.limits},
       {"rooms", p.room_ids},
       {"auto_approve", p.auto_approve}};
}

void to_json(nlohmann::json& j, HostMode m) { j = to_string(m); }

void to_json(nlohmann::json& j, const ExistingBooking& b) {
  j = {{"id", b.id}, {"hosts", b.host_ids}, {"start", b.when.start}, {"end", b.when.end},
       {"buffer_before_minutes", b.buffer_before.count()}, {"buffer_after_minutes", b.buffer_after.count()}};
  if (!b.room_id.empty()) j["room"] = b.room_id;
}

void to_json(nlohmann::json& j, const Hold& h) {
  j = {{"id", h.id}, {"hosts", h.host_ids}, {"rooms", h.room_ids}, {"start", h.when.start}, {"end", h.when.end}};
}

void to_json(nlohmann::json& j, const Room& r) { j = {{"id", r.id}, {"busy", r.busy}}; }

void to_json(nlohmann::json& j, const AvailabilityInputs& in) {
  j = {{"now", in.now}, {"mode", in.mode},       {"event_type", in.policy}, {"hosts", in.hosts},
       {"rooms", in.rooms}, {"bookings", in.bookings}, {"holds", in.holds}};
}

void to_json(nlohmann::json& j, const Slot& s) {
  j = {{"start", s.when.start}, {"end", s.when.end}, {"hosts", s.free_hosts}};
  if (!s.free_rooms.empty()) j["rooms"] = s.free_rooms;
}

void to_json(nlohmann::json& j, const DaySlots& d) { j = {{"date", d.date}, {"slots", d.slots}}; }

void to_json(nlohmann::json& j, const Assignment& a) {
  j = {{"start", a.when.start}, {"end", a.when.end}, {"hosts", a.host_ids}};
  if (!a.room_id.empty()) j["room"] = a.room_id;
}

}  // namespace kairos::core

namespace kairos::wire {
namespace {

using core::Error;
using core::make_error;

Error wrong_type(std::string field, const char* what) {
  return make_error("invalid_type", std::string("expected ") + what, std::move(field));
}

Error blame(Error e, std::string field) {
  e.field = std::move(field);
  return e;
}

// Reads each element of an array with `read_one(element, "field[i]")`.
template <class T, class F>
Result<std::vector<T>> read_array(const Json& j, std::string_view field, F read_one) {
  if (!j.is_array()) return wrong_type(std::string(field), "an array");
  std::vector<T> out;
  out.reserve(j.size());
  for (std::size_t i = 0; i < j.size(); ++i) {
    auto r = read_one(j[i], field_path(field, i));
    if (!r) return r.error();
    out.push_back(std::move(*r));
  }
  return out;
}

Result<std::vector<std::string>> read_strings(const Json& j, std::string_view field) {
  return read_array<std::string>(j, field, [](const Json& e, const std::string& f) { return read_string(e, f); });
}

// A required member, read with `read_one`.
template <class F>
auto read_required(const Json& obj, std::string_view parent, std::string_view key, F read_one)
    -> decltype(read_one(obj, std::string())) {
  const std::string f = field_path(parent, key);
  auto m = required(obj, key);
  if (!m) return blame(m.error(), f);
  return read_one(**m, f);
}

// Minutes from an optional integer member; `fallback` when absent.
Result<core::Minutes> read_minutes(const Json& obj, std::string_view parent, std::string_view key,
                                   core::Minutes fallback) {
  const Json* m = member(obj, key);
  if (!m) return fallback;
  const std::string f = field_path(parent, key);
  auto v = read_int(*m, f);
  if (!v) return v.error();
  if (*v < -100000000 || *v > 100000000) return make_error("invalid_number", "out of range", f);
  return core::Minutes(*v);
}

Result<std::optional<int>> read_optional_count(const Json& obj, std::string_view parent, std::string_view key) {
  const Json* m = member(obj, key);
  if (!m) return std::optional<int>();
  const std::string f = field_path(parent, key);
  auto v = read_int(*m, f);
  if (!v) return v.error();
  if (*v < -1000000 || *v > 1000000) return make_error("invalid_number", "out of range", f);
  return std::optional<int>(static_cast<int>(*v));
}

Result<std::vector<core::LocalInterval>> read_intervals(const Json& j, std::string_view field) {
  return read_array<core::LocalInterval>(j, field, [](const Json& e, const std::string& f) { return read_local_interval(e, f); });
}

}  // namespace

Result<core::LocalInterval> read_local_interval(const Json& j, std::string_view field) {
  if (!j.is_array() || j.size() != 2) return wrong_type(std::string(field), "a pair [\"HH:MM\", \"HH:MM\"]");
  auto start = read_time(j[0], field_path(field, std::size_t{0}));
  if (!start) return start.error();
  auto end = read_time(j[1], field_path(field, std::size_t{1}), /*allow_end_of_day=*/true);
  if (!end) return end.error();
  return core::LocalInterval{*start, *end};
}

Result<core::WeeklyHours> read_weekly_hours(const Json& j, std::string_view field) {
  if (!j.is_object()) return wrong_type(std::string(field), "an object of weekdays (\"mon\" .. \"sun\")");
  core::WeeklyHours w;
  for (std::size_t d = 0; d < 7; ++d) {
    if (const Json* day = member(j, kDayKeys[d])) {
      auto r = read_intervals(*day, field_path(field, kDayKeys[d]));
      if (!r) return r.error();
      w.days[d] = std::move(*r);
    }
  }
  return w;
}

Result<std::vector<core::DateOverride>> read_overrides(const Json& j, std::string_view field) {
  return read_array<core::DateOverride>(j, field, [](const Json& e, const std::string& f) -> Result<core::DateOverride> {
    if (!e.is_object()) return wrong_type(f, "an object with date and hours");
    auto date = read_required(e, f, "date", [](const Json& x, const std::string& g) { return read_date(x, g); });
    if (!date) return date.error();
    core::DateOverride o{*date, {}};
    if (const Json* h = member(e, "hours")) {
      auto hours = read_intervals(*h, field_path(f, "hours"));
      if (!hours) return hours.error();
      o.hours = std::move(*hours);
    }
    return o;
  });
}

Result<std::vector<core::BusyBlock>> read_busy_blocks(const Json& j, std::string_view field) {
  return read_array<core::BusyBlock>(j, field, [](const Json& e, const std::string& f) -> Result<core::BusyBlock> {
    if (const Json* d = member(e, "date"); d && !member(e, "start")) {
      auto date = read_date(*d, field_path(f, "date"));
      if (!date) return date.error();
      return core::BusyBlock::whole_day(*date);
    }
    auto i = read_interval(e, f);
    if (!i) return i.error();
    return core::BusyBlock::timed(*i);
  });
}

Result<core::HostMode> read_host_mode(const Json& j, std::string_view field) {
  auto s = read_string(j, field);
  if (!s) return s.error();
  if (*s == "any") return core::HostMode::any;
  if (*s == "all") return core::HostMode::all;
  return make_error("invalid_host_mode", "host_mode must be \"any\" or \"all\"", std::string(field));
}

Result<core::EventPolicy> read_event_policy(const Json& j, std::string_view field) {
  if (!j.is_object()) return wrong_type(std::string(field), "an event type object");
  core::EventPolicy p;
  if (const Json* id = member(j, "id")) {
    auto s = read_string(*id, field_path(field, "id"));
    if (!s) return s.error();
    p.id = std::move(*s);
  }
  auto dur_j = required(j, "duration_minutes");
  if (!dur_j) return blame(dur_j.error(), field_path(field, "duration_minutes"));
  auto dur = read_minutes(j, field, "duration_minutes", core::Minutes(0));
  if (!dur) return dur.error();
  p.duration = *dur;
  auto interval = read_minutes(j, field, "slot_interval_minutes", core::Minutes(0));
  if (!interval) return interval.error();
  p.interval = *interval;
  auto before = read_minutes(j, field, "buffer_before_minutes", core::Minutes(kDefaultBufferMinutes));
  if (!before) return before.error();
  p.buffer_before = *before;
  auto after = read_minutes(j, field, "buffer_after_minutes", core::Minutes(kDefaultBufferMinutes));
  if (!after) return after.error();
  p.buffer_after = *after;
  auto notice = read_minutes(j, field, "min_notice_minutes", core::Minutes(0));
  if (!notice) return notice.error();
  p.min_notice = *notice;
  if (const Json* w = member(j, "window")) {
    const std::string f = field_path(field, "window");
    if (!w->is_object()) return wrong_type(f, "{\"rolling_days\": N} or {\"from\": date, \"to\": date}");
    if (member(*w, "rolling_days")) {
      auto days = read_optional_count(*w, f, "rolling_days");
      if (!days) return days.error();
      p.window = core::BookingWindow::rolling(**days);
    } else if (member(*w, "from") || member(*w, "to")) {
      auto from = read_required(*w, f, "from", [](const Json& x, const std::string& g) { return read_date(x, g); });
      if (!from) return from.error();
      auto to = read_required(*w, f, "to", [](const Json& x, const std::string& g) { return read_date(x, g); });
      if (!to) return to.error();
      p.window = core::BookingWindow::between(*from, *to);
    }
  }
  if (const Json* l = member(j, "limits")) {
    const std::string f = field_path(field, "limits");
    if (!l->is_object()) return wrong_type(f, "an object with per_day and per_week");
    auto day = read_optional_count(*l, f, "per_day");
    if (!day) return day.error();
    auto week = read_optional_count(*l, f, "per_week");
    if (!week) return week.error();
    p.limits = core::Limits{*day, *week};
  }
  if (const Json* r = member(j, "rooms")) {
    auto rooms = read_strings(*r, field_path(field, "rooms"));
    if (!rooms) return rooms.error();
    p.room_ids = std::move(*rooms);
  }
  if (const Json* a = member(j, "auto_approve")) {
    auto b = read_bool(*a, field_path(field, "auto_approve"));
    if (!b) return b.error();
    p.auto_approve = *b;
  }
  if (core::Status s = core::validate(p); !s) return blame(s.error(), field_path(field, s.error().field));
  return p;
}

Result<core::Host> read_host(const Json& j, std::string_view field) {
  if (!j.is_object()) return wrong_type(std::string(field), "a host object");
  core::Host h;
  if (const Json* id = member(j, "id")) {
    auto s = read_string(*id, field_path(field, "id"));
    if (!s) return s.error();
    h.id = std::move(*s);
  }
  if (const Json* z = member(j, "zone")) {
    auto rules = read_zone_rules(*z, field_path(field, "zone"));
    if (!rules) return rules.error();
    h.zone = std::move(*rules);
  }
  if (const Json* w = member(j, "weekly_hours")) {
    auto weekly = read_weekly_hours(*w, field_path(field, "weekly_hours"));
    if (!weekly) return weekly.error();
    h.weekly = std::move(*weekly);
  }
  if (const Json* o = member(j, "overrides")) {
    auto overrides = read_overrides(*o, field_path(field, "overrides"));
    if (!overrides) return overrides.error();
    h.overrides = std::move(*overrides);
  }
  if (const Json* b = member(j, "busy")) {
    auto busy = read_busy_blocks(*b, field_path(field, "busy"));
    if (!busy) return busy.error();
    h.busy = std::move(*busy);
  }
  auto priority = read_optional_count(j, field, "priority");
  if (!priority) return priority.error();
  h.priority = priority->value_or(0);
  return h;
}

Result<core::Room> read_room(const Json& j, std::string_view field) {
  if (!j.is_object()) return wrong_type(std::string(field), "a room object");
  auto id = read_required(j, field, "id", [](const Json& x, const std::string& g) { return read_string(x, g); });
  if (!id) return id.error();
  core::Room r{std::move(*id), {}};
  if (const Json* b = member(j, "busy")) {
    auto busy = read_array<core::Interval>(*b, field_path(field, "busy"),
                                           [](const Json& e, const std::string& f) { return read_interval(e, f); });
    if (!busy) return busy.error();
    r.busy = std::move(*busy);
  }
  return r;
}

Result<core::ExistingBooking> read_existing_booking(const Json& j, std::string_view field) {
  if (!j.is_object()) return wrong_type(std::string(field), "a booking object");
  core::ExistingBooking b;
  if (const Json* id = member(j, "id")) {
    auto s = read_string(*id, field_path(field, "id"));
    if (!s) return s.error();
    b.id = std::move(*s);
  }
  auto hosts = read_required(j, field, "hosts", [](const Json& x, const std::string& g) { return read_strings(x, g); });
  if (!hosts) return hosts.error();
  b.host_ids = std::move(*hosts);
  if (const Json* r = member(j, "room")) {
    auto s = read_string(*r, field_path(field, "room"));
    if (!s) return s.error();
    b.room_id = std::move(*s);
  }
  auto when = read_interval(j, field);
  if (!when) return when.error();
  b.when = *when;
  auto before = read_minutes(j, field, "buffer_before_minutes", core::Minutes(0));
  if (!before) return before.error();
  auto after = read_minutes(j, field, "buffer_after_minutes", core::Minutes(0));
  if (!after) return after.error();
  b.buffer_before = *before;
  b.buffer_after = *after;
  return b;
}

Result<core::Hold> read_hold(const Json& j, std::string_view field) {
  if (!j.is_object()) return wrong_type(std::string(field), "a hold object");
  core::Hold h;
  if (const Json* id = member(j, "id")) {
    auto s = read_string(*id, field_path(field, "id"));
    if (!s) return s.error();
    h.id = std::move(*s);
  }
  auto hosts = read_required(j, field, "hosts", [](const Json& x, const std::string& g) { return read_strings(x, g); });
  if (!hosts) return hosts.error();
  h.host_ids = std::move(*hosts);
  if (const Json* r = member(j, "rooms")) {
    auto rooms = read_strings(*r, field_path(field, "rooms"));
    if (!rooms) return rooms.error();
    h.room_ids = std::move(*rooms);
  }
  auto when = read_interval(j, field);
  if (!when) return when.error();
  h.when = *when;
  return h;
}

Result<core::AvailabilityInputs> read_availability_inputs(const Json& j, std::string_view field) {
  if (!j.is_object()) return wrong_type(std::string(field), "an availability object");
  core::AvailabilityInputs in;
  auto now = read_required(j, field, "now", [](const Json& x, const std::string& g) { return read_instant(x, g); });
  if (!now) return now.error();
  in.now = *now;
  if (const Json* m = member(j, "mode")) {
    auto mode = read_host_mode(*m, field_path(field, "mode"));
    if (!mode) return mode.error();
    in.mode = *mode;
  }
  auto policy = read_required(j, field, "event_type",
                              [](const Json& x, const std::string& g) { return read_event_policy(x, g); });
  if (!policy) return policy.error();
  in.policy = std::move(*policy);
  auto hosts = read_required(j, field, "hosts", [](const Json& x, const std::string& g) {
    return read_array<core::Host>(x, g, [](const Json& e, const std::string& f) -> Result<core::Host> {
      if (!member(e, "zone")) return make_error("missing_field", "this field is required", field_path(f, "zone"));
      return read_host(e, f);
    });
  });
  if (!hosts) return hosts.error();
  in.hosts = std::move(*hosts);
  if (const Json* r = member(j, "rooms")) {
    auto rooms = read_array<core::Room>(*r, field_path(field, "rooms"), [](const Json& e, const std::string& f) { return read_room(e, f); });
    if (!rooms) return rooms.error();
    in.rooms = std::move(*rooms);
  }
  if (const Json* b = member(j, "bookings")) {
    auto bookings = read_array<core::ExistingBooking>(*b, field_path(field, "bookings"),
                                                      [](const Json& e, const std::string& f) { return read_existing_booking(e, f); });
    if (!bookings) return bookings.error();
    in.bookings = std::move(*bookings);
  }
  if (const Json* h = member(j, "holds")) {
    auto holds = read_array<core::Hold>(*h, field_path(field, "holds"), [](const Json& e, const std::string& f) { return read_hold(e, f); });
    if (!holds) return holds.error();
    in.holds = std::move(*holds);
  }
  return in;
}

Json availability_view(const core::AvailabilityInputs& in, const std::string& page) {
  Json out = in;
  out["page"] = page;
  return out;
}

}  // namespace kairos::wire
