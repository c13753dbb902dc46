#include "kairos/wire/json_mapping.hpp"

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "kairos/time_text.hpp"

namespace kairos::core {

void to_json(nlohmann::json& j, const Instant& t) { j = format_instant(t); }
void to_json(nlohmann::json& j, const LocalDate& d) { j = format_date(d); }
void to_json(nlohmann::json& j, const LocalTime& t) { j = format_time(t); }
void to_json(nlohmann::json& j, const Interval& i) { j = nlohmann::json{{"start", i.start}, {"end", i.end}}; }

void to_json(nlohmann::json& j, const ZoneOffset& o) {
  j = nlohmann::json{{"offset", o.utc_offset_seconds}, {"dst", o.dst}, {"abbr", o.abbreviation}};
}

void to_json(nlohmann::json& j, const ZoneRules& z) {
  nlohmann::json tr = nlohmann::json::array();
  for (const auto& t : z.transitions()) {
    nlohmann::json o = t.offset;
    o["at"] = t.at;
    tr.push_back(std::move(o));
  }
  j = nlohmann::json{{"zone", z.id()}, {"initial", z.initial()}, {"transitions", std::move(tr)}};
  if (z.covers_from() != Instant::min()) j["from"] = z.covers_from();
  if (z.covers_to() != Instant::max()) j["to"] = z.covers_to();
}

void to_json(nlohmann::json& j, const Error& e) {
  j = nlohmann::json{{"code", e.code}, {"message", e.message}};
  if (!e.field.empty()) j["field"] = e.field;
}

}  // namespace kairos::core

namespace kairos::wire {
namespace {

core::Error blame(core::Error e, std::string_view field) {
  e.field = std::string(field);
  return e;
}

core::Error wrong_type(std::string_view field, const char* what) {
  return core::make_error("invalid_type", std::string("expected ") + what, std::string(field));
}

}  // namespace

Result<Json> parse_json(std::string_view text) {
  Json j = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return core::make_error("invalid_json", "the body is not valid JSON");
  return j;
}

namespace {

bool allowed_in_text(unsigned char c) { return !(c < 0x20 || c == 0x7f) || c == '\t' || c == '\n' || c == '\r'; }

bool clean_text(std::string_view s) {
  for (char c : s)
    if (!allowed_in_text(static_cast<unsigned char>(c))) return false;
  return true;
}

}  // namespace

bool is_single_line(std::string_view s) {
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) return false;
  }
  return true;
}

Result<Json> parse_request_json(std::string_view text) {
  constexpr std::size_t kMaxDepth = 64;
  struct Level {
    bool object = false;
    std::string key;                          // the member being read (objects)
    std::size_t index = 0;                    // the element being read (arrays)
    std::set<std::string, std::less<>> keys;  // seen so far (objects)
  };
  std::vector<Level> path;
  std::string bad_code;
  std::string bad_field;
  auto where = [&path]() {
    std::string f;
    for (const auto& l : path) f = l.object ? field_path(f, l.key) : field_path(f, l.index);
    return f;
  };
  auto fail = [&](const char* code) {
    if (bad_code.empty()) bad_code = code, bad_field = where();
  };
  auto advance = [&path]() {
    if (!path.empty() && !path.back().object) ++path.back().index;
  };
  std::size_t too_deep = 0;  // levels past kMaxDepth, counted instead of kept
  Json::parser_callback_t cb = [&](int, Json::parse_event_t event, Json& parsed) {
    using E = Json::parse_event_t;
    switch (event) {
      case E::object_start:
      case E::array_start:
        if (path.size() >= kMaxDepth) {
          ++too_deep;
          fail("too_deep");
        } else {
          path.push_back(Level{event == E::object_start, {}, 0, {}});
        }
        break;
      case E::object_end:
      case E::array_end:
        if (too_deep) --too_deep;
        else if (!path.empty()) path.pop_back();
        advance();
        break;
      case E::key: {
        const auto& k = parsed.get_ref<const std::string&>();
        if (path.empty()) break;
        path.back().key = k;
        if (!clean_text(k)) fail("control_character");
        if (!path.back().keys.insert(k).second) fail("duplicate_key");
        break;
      }
      case E::value:
        if (parsed.is_string() && !clean_text(parsed.get_ref<const std::string&>())) fail("control_character");
        advance();
        break;
    }
    return bad_code.empty();  // after a fault, discard the rest instead of building it
  };
  Json j = Json::parse(text.begin(), text.end(), cb, /*allow_exceptions=*/false);
  if (bad_code == "duplicate_key")
    return core::make_error("duplicate_key", "an object names the same key twice", bad_field);
  if (bad_code == "control_character")
    return core::make_error("control_character", "control characters (such as NUL) are not allowed in text", bad_field);
  if (!bad_code.empty() || j.is_discarded()) return core::make_error("invalid_json", "the body is not valid JSON");
  return j;
}

std::string field_path(std::string_view parent, std::string_view child) {
  if (parent.empty()) return std::string(child);
  return std::string(parent) + "." + std::string(child);
}

std::string field_path(std::string_view parent, std::size_t index) {
  return std::string(parent) + "[" + std::to_string(index) + "]";
}

const Json* member(const Json& obj, std::string_view key) {
  if (!obj.is_object()) return nullptr;
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return nullptr;
  return &*it;
}

Result<const Json*> required(const Json& obj, std::string_view key) {
  const Json* m = member(obj, key);
  if (!m) return core::make_error("missing_field", "this field is required", std::string(key));
  return m;
}

Result<std::string> read_string(const Json& j, std::string_view field) {
  if (!j.is_string()) return wrong_type(field, "a string");
  return j.get<std::string>();
}

Result<std::int64_t> read_int(const Json& j, std::string_view field) {
  if (j.is_number_unsigned()) {
    const auto u = j.get<std::uint64_t>();
    if (u <= static_cast<std::uint64_t>(INT64_MAX)) return static_cast<std::int64_t>(u);
  } else if (j.is_number_integer()) {
    return j.get<std::int64_t>();
  } else if (j.is_number_float()) {
    // Range first: casting a double outside int64 (1e300, NaN) is undefined behaviour.
    const double d = j.get<double>();
    if (d > -9e15 && d < 9e15 && d == static_cast<double>(static_cast<std::int64_t>(d))) {
      return static_cast<std::int64_t>(d);
    }
  }
  return wrong_type(field, "an integer");
}

Result<bool> read_bool(const Json& j, std::string_view field) {
  if (!j.is_boolean()) return wrong_type(field, "true or false");
  return j.get<bool>();
}

Result<core::Instant> read_instant(const Json& j, std::string_view field) {
  if (!j.is_string()) return wrong_type(field, "an RFC 3339 instant string");
  auto r = core::parse_instant(j.get_ref<const std::string&>());
  if (!r) return blame(r.error(), field);
  return *r;
}

Result<core::LocalDate> read_date(const Json& j, std::string_view field) {
  if (!j.is_string()) return wrong_type(field, "a date string YYYY-MM-DD");
  auto r = core::parse_date(j.get_ref<const std::string&>());
  if (!r) return blame(r.error(), field);
  return *r;
}

Result<core::LocalTime> read_time(const Json& j, std::string_view field, bool allow_end_of_day) {
  if (!j.is_string()) return wrong_type(field, "a time string HH:MM");
  auto r = core::parse_time(j.get_ref<const std::string&>(), allow_end_of_day);
  if (!r) return blame(r.error(), field);
  return *r;
}

Result<core::Interval> read_interval(const Json& j, std::string_view field) {
  if (!j.is_object()) return wrong_type(field, "an object with start and end");
  auto s = required(j, "start");
  if (!s) return blame(s.error(), field_path(field, "start"));
  auto e = required(j, "end");
  if (!e) return blame(e.error(), field_path(field, "end"));
  auto start = read_instant(**s, field_path(field, "start"));
  if (!start) return start.error();
  auto end = read_instant(**e, field_path(field, "end"));
  if (!end) return end.error();
  if (!(*start < *end)) return core::make_error("invalid_interval", "end must be after start", field_path(field, "end"));
  return core::Interval{*start, *end};
}

namespace {

Result<core::ZoneOffset> read_offset(const Json& j, std::string_view field) {
  if (!j.is_object()) return wrong_type(field, "an offset object");
  core::ZoneOffset o;
  auto off = required(j, "offset");
  if (!off) return blame(off.error(), field_path(field, "offset"));
  auto v = read_int(**off, field_path(field, "offset"));
  if (!v) return v.error();
  o.utc_offset_seconds = static_cast<std::int32_t>(*v);
  if (const Json* d = member(j, "dst")) {
    auto b = read_bool(*d, field_path(field, "dst"));
    if (!b) return b.error();
    o.dst = *b;
  }
  if (const Json* a = member(j, "abbr")) {
    auto s = read_string(*a, field_path(field, "abbr"));
    if (!s) return s.error();
    o.abbreviation = *s;
  }
  return o;
}

}  // namespace

Result<core::ZoneRules> read_zone_rules(const Json& j, std::string_view field) {
  if (!j.is_object()) return wrong_type(field, "a zone rules object");
  auto id_j = required(j, "zone");
  if (!id_j) return blame(id_j.error(), field_path(field, "zone"));
  auto id = read_string(**id_j, field_path(field, "zone"));
  if (!id) return id.error();
  auto init_j = required(j, "initial");
  if (!init_j) return blame(init_j.error(), field_path(field, "initial"));
  auto initial = read_offset(**init_j, field_path(field, "initial"));
  if (!initial) return initial.error();
  std::vector<core::ZoneTransition> transitions;
  if (const Json* tr = member(j, "transitions")) {
    if (!tr->is_array()) return wrong_type(field_path(field, "transitions"), "an array");
    transitions.reserve(tr->size());
    for (std::size_t i = 0; i < tr->size(); ++i) {
      const std::string f = field_path(field_path(field, "transitions"), i);
      auto at_j = required((*tr)[i], "at");
      if (!at_j) return blame(at_j.error(), field_path(f, "at"));
      auto at = read_instant(**at_j, field_path(f, "at"));
      if (!at) return at.error();
      auto off = read_offset((*tr)[i], f);
      if (!off) return off.error();
      transitions.push_back({*at, std::move(*off)});
    }
  }
  core::Instant from = core::Instant::min(), to = core::Instant::max();
  if (const Json* f = member(j, "from")) {
    auto r = read_instant(*f, field_path(field, "from"));
    if (!r) return r.error();
    from = *r;
  }
  if (const Json* t = member(j, "to")) {
    auto r = read_instant(*t, field_path(field, "to"));
    if (!r) return r.error();
    to = *r;
  }
  auto z = core::ZoneRules::make(std::move(*id), std::move(*initial), std::move(transitions), from, to);
  if (!z) return blame(z.error(), field);
  return z;
}

}  // namespace kairos::wire
