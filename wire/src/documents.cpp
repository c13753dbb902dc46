// JSON of the owner's configuration documents (shapes in documents.hpp): request
// readers with field paths for 422 answers, stored readers that fail on a corrupt
// document, and writers that keep what a request left out out of the document.
#include "kairos/wire/documents.hpp"

#include <algorithm>
#include <cctype>

#include "kairos/time_text.hpp"
#include "kairos/wire/availability.hpp"
#include "kairos/wire/explain.hpp"
#include "kairos/wire/front_office.hpp"
#include "kairos/wire/lifecycle.hpp"
#include "reading.hpp"

namespace kairos::wire {

using core::make_error;

namespace {

constexpr std::array<const char*, 7> kDays = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

// --- request fields ----------------------------------------------------------------------

Result<std::string> text_field(const Json& obj, const char* key, bool required, std::size_t max_len = 500) {
  const Json* m = member(obj, key);
  if (!m) {
    if (required) return make_error("missing_field", std::string(key) + " is required", key);
    return std::string();
  }
  auto s = read_string(*m, key);
  if (!s) return s.error();
  if (required && s->empty()) return make_error("missing_field", std::string(key) + " must not be empty", key);
  if (s->size() > max_len) return make_error("too_long", std::string(key) + " is too long", key);
  // Names reach mail headers and one-line labels.
  if (std::string_view(key) == "name" && !is_single_line(*s))
    return make_error("control_character", "a name is one line of text", key);
  return s;
}

// Owner content (docs/API.md, "Owner content in several languages"): a string or a map
// of language → text, checked by the same reader as a location's name, stored as given
// (a string stays a string, so documents written before still read the same).
Result<core::LocalizedText> owner_text(const Json& obj, const char* key, bool required, std::size_t max_len,
                                       const std::string& path) {
  const Json* m = member(obj, key);
  if (!m) {
    if (required) return make_error("missing_field", std::string(key) + " is required", path);
    return core::LocalizedText{};
  }
  return read_localized_request(*m, path, required, max_len, std::string_view(key) == "name");
}

Result<std::int64_t> int_field(const Json& obj, const std::string& key, const std::string& path, std::int64_t lo,
                               std::int64_t hi) {
  const Json* m = member(obj, key);
  if (!m) return make_error("missing_field", key + " is required", path);
  auto v = read_int(*m, path);
  if (!v) return v.error();
  if (*v < lo || *v > hi)
    return make_error("out_of_range", key + " must be between " + std::to_string(lo) + " and " + std::to_string(hi),
                      path);
  return v;
}

Result<std::vector<core::LocalInterval>> hours_list(const Json& j, const std::string& path) {
  if (!j.is_array()) return make_error("invalid_type", "expected a list of [start, end] pairs", path);
  std::vector<core::LocalInterval> out;
  for (std::size_t i = 0; i < j.size(); ++i) {
    auto p = field_path(path, i);
    if (!j[i].is_array() || j[i].size() != 2) return make_error("invalid_type", "expected [\"HH:MM\", \"HH:MM\"]", p);
    auto a = read_time(j[i][0], p, false);
    if (!a) return a.error();
    auto b = read_time(j[i][1], p, true);
    if (!b) return b.error();
    out.push_back({*a, *b});
  }
  return out;
}

bool is_email_shape(const std::string& s) {
  auto at = s.find('@');
  return at != std::string::npos && at > 0 && at + 1 < s.size() && s.find('@', at + 1) == std::string::npos &&
         s.find(' ') == std::string::npos;
}

bool is_phone_text(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '(' || c == ')' || c == ' ' ||
          c == '.'))
      return false;
  return true;
}

// --- stored members (a wrong type is a corrupt document) ---------------------------------

Result<std::string> stored_string(const Json& j, std::string_view parent, std::string_view key, bool required) {
  const Json* m = member(j, key);
  if (!m) {
    if (required) return make_error("missing_field", "this field is required", field_path(parent, key));
    return std::string();
  }
  return read_string(*m, field_path(parent, key));
}

Result<std::optional<bool>> stored_bool(const Json& j, std::string_view parent, std::string_view key) {
  const Json* m = member(j, key);
  if (!m) return std::optional<bool>();
  auto b = read_bool(*m, field_path(parent, key));
  if (!b) return b.error();
  return std::optional<bool>(*b);
}

Result<std::optional<std::int64_t>> stored_int(const Json& j, std::string_view parent, std::string_view key) {
  const Json* m = member(j, key);
  if (!m) return std::optional<std::int64_t>();
  auto v = read_int(*m, field_path(parent, key));
  if (!v) return v.error();
  return std::optional<std::int64_t>(*v);
}

Result<core::LocalizedText> stored_text(const Json& j, std::string_view parent, std::string_view key, bool required) {
  const Json* m = member(j, key);
  if (!m) {
    if (required) return make_error("missing_field", "this field is required", field_path(parent, key));
    return core::LocalizedText{};
  }
  return read_localized(*m, field_path(parent, key));
}

Json intervals(const std::vector<core::LocalInterval>& v) {
  Json a = Json::array();
  for (const auto& i : v) a.push_back(i);
  return a;
}

Result<core::TemplateOverride> read_template_override(const Json& o, std::string_view f) {
  if (!o.is_object()) return make_error("invalid_type", "expected an object", std::string(f));
  core::TemplateOverride t;
  for (auto [key, out] : {std::pair{"template", &t.template_key}, std::pair{"language", &t.language}}) {
    auto s = stored_string(o, f, key, true);
    if (!s) return s.error();
    *out = std::move(*s);
  }
  for (auto [key, out] : {std::pair{"subject", &t.subject}, std::pair{"body", &t.body}}) {
    auto s = stored_string(o, f, key, false);
    if (!s) return s.error();
    *out = std::move(*s);
  }
  return t;
}

}  // namespace

bool valid_public_id(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
      return false;
  return true;
}

// --- hosts -------------------------------------------------------------------------------

core::WeeklyHours HostDocument::weekly() const {
  core::WeeklyHours w;
  for (std::size_t d = 0; d < 7; ++d)
    if (weekly_hours[d]) w.days[d] = *weekly_hours[d];
  return w;
}

core::Host HostDocument::schedule(std::string id, core::ZoneRules zone) const {
  core::Host h;
  h.id = std::move(id);
  h.zone = std::move(zone);
  h.weekly = weekly();
  h.overrides = overrides;
  h.busy = busy;
  return h;
}

Json host_document(const HostDocument& h) {
  Json weekly = Json::object();
  for (std::size_t d = 0; d < 7; ++d)
    if (h.weekly_hours[d]) weekly[kDays[d]] = intervals(*h.weekly_hours[d]);
  Json overrides = Json::array();
  for (const auto& o : h.overrides) overrides.push_back({{"date", o.date}, {"hours", intervals(o.hours)}});
  Json out{{"name", h.name},   {"email", h.email},         {"timezone", h.timezone},
           {"busy", h.busy},   {"overrides", overrides},   {"weekly_hours", weekly}};
  if (!h.language.empty()) out["language"] = h.language;
  if (!h.phone.empty()) out["phone"] = h.phone;
  if (!h.location.empty()) out["location"] = h.location;
  if (h.sms_reminders) out["sms_reminders"] = *h.sms_reminders;
  if (h.sms_arrivals) out["sms_arrivals"] = *h.sms_arrivals;
  return out;
}

Result<HostDocument> read_host_document(const Json& j, std::string_view field) {
  if (!j.is_object()) return make_error("invalid_type", "expected a host document", std::string(field));
  HostDocument h;
  for (auto [key, out, required] : {std::tuple{"name", &h.name, true}, std::tuple{"email", &h.email, true},
                                    std::tuple{"timezone", &h.timezone, true}, std::tuple{"language", &h.language, false},
                                    std::tuple{"phone", &h.phone, false}, std::tuple{"location", &h.location, false}}) {
    auto s = stored_string(j, field, key, required);
    if (!s) return s.error();
    *out = std::move(*s);
  }
  for (auto [key, out] : {std::pair{"sms_reminders", &h.sms_reminders}, std::pair{"sms_arrivals", &h.sms_arrivals}}) {
    auto b = stored_bool(j, field, key);
    if (!b) return b.error();
    *out = *b;
  }
  if (const Json* w = member(j, "weekly_hours")) {
    const std::string wf = field_path(field, "weekly_hours");
    if (!w->is_object()) return make_error("invalid_type", "expected an object of weekdays", wf);
    for (std::size_t d = 0; d < 7; ++d)
      if (const Json* day = member(*w, kDays[d])) {
        auto r = read_array<core::LocalInterval>(*day, field_path(wf, kDays[d]), [](const Json& e, const std::string& f) {
          return read_local_interval(e, f);
        });
        if (!r) return r.error();
        h.weekly_hours[d] = std::move(*r);
      }
  } else {  // the API's default, as read_host reads it
    for (std::size_t d = 0; d < 5; ++d) h.weekly_hours[d] = core::WeeklyHours::standard().days[d];
  }
  if (const Json* o = member(j, "overrides")) {
    auto r = read_overrides(*o, field_path(field, "overrides"));
    if (!r) return r.error();
    h.overrides = std::move(*r);
  }
  if (const Json* b = member(j, "busy")) {
    auto r = read_busy_blocks(*b, field_path(field, "busy"));
    if (!r) return r.error();
    h.busy = std::move(*r);
  }
  return h;
}

Result<HostDocument> read_host_request(const Json& in, const std::function<bool(const std::string&)>& zone_known) {
  HostDocument out;
  auto name = text_field(in, "name", true);
  if (!name) return name.error();
  auto email = text_field(in, "email", true);
  if (!email) return email.error();
  if (!is_email_shape(*email)) return make_error("invalid_email", "not an e-mail address", "email");
  auto tz = text_field(in, "timezone", true, 64);
  if (!tz) return tz.error();
  if (!zone_known(*tz)) return make_error("unknown_zone", "unknown time zone", "timezone");
  out.name = *name;
  out.email = *email;
  out.timezone = *tz;
  // The host's own language (their mails and link pages), and SMS reminders to staff.
  auto lang = text_field(in, "language", false, 8);
  if (!lang) return lang.error();
  if (!lang->empty()) {
    if (!core::is_supported_language(*lang))
      return make_error("unsupported_language", "one of en, ja, fi, de, hu", "language");
    out.language = *lang;
  }
  auto phone = text_field(in, "phone", false, 40);
  if (!phone) return phone.error();
  out.phone = *phone;
  if (const Json* sms = member(in, "sms_reminders")) {
    auto v = read_bool(*sms, "sms_reminders");
    if (!v) return v.error();
    out.sms_reminders = *v;
  }

  if (const Json* w = member(in, "weekly_hours")) {
    if (!w->is_object()) return make_error("invalid_type", "expected an object of weekdays", "weekly_hours");
    for (auto it = w->begin(); it != w->end(); ++it) {
      auto day = std::find(kDays.begin(), kDays.end(), it.key());
      if (day == kDays.end())
        return make_error("invalid_weekday", "weekdays are mon … sun", field_path("weekly_hours", it.key()));
      auto h = hours_list(*it, field_path("weekly_hours", it.key()));
      if (!h) return h.error();
      out.weekly_hours[static_cast<std::size_t>(day - kDays.begin())] = std::move(*h);
    }
  } else {
    for (std::size_t d = 0; d < 5; ++d) out.weekly_hours[d] = core::WeeklyHours::standard().days[d];
  }

  if (const Json* o = member(in, "overrides")) {
    if (!o->is_array()) return make_error("invalid_type", "expected a list", "overrides");
    for (std::size_t i = 0; i < o->size(); ++i) {
      auto p = field_path("overrides", i);
      auto d = required((*o)[i], "date");
      if (!d) return make_error("missing_field", "date is required", field_path(p, "date"));
      auto date = read_date(**d, field_path(p, "date"));
      if (!date) return date.error();
      core::DateOverride ov{*date, {}};
      if (const Json* hrs = member((*o)[i], "hours")) {
        auto r = hours_list(*hrs, field_path(p, "hours"));
        if (!r) return r.error();
        ov.hours = std::move(*r);
      }
      out.overrides.push_back(std::move(ov));
    }
  }

  if (const Json* b = member(in, "busy")) {
    if (!b->is_array()) return make_error("invalid_type", "expected a list", "busy");
    if (b->size() > 5000) return make_error("too_long", "at most 5000 busy blocks", "busy");
    // Timed blocks {start, end} and whole local days {date} (an all-day calendar
    // entry: that day where the host is), the core's BusyBlock.
    auto blocks = read_busy_blocks(*b, "busy");
    if (!blocks) return blocks.error();
    out.busy = std::move(*blocks);
  }
  // Front office (issue 14): the host's office, a phone for SMS and whether reminders go
  // by SMS too. The location id is checked against the account by the server.
  for (auto [k, dest] : {std::pair{"location", &out.location}, std::pair{"phone", &out.phone}}) {
    auto v = text_field(in, k, false, 64);
    if (!v) return v.error();
    if (!v->empty()) *dest = *v;
  }
  if (!out.phone.empty() && !is_phone_text(out.phone))
    return make_error("invalid_phone", "digits, spaces and + - ( ) . only", "phone");
  if (const Json* s = member(in, "sms_reminders")) {
    auto b = read_bool(*s, "sms_reminders");
    if (!b) return b.error();
    out.sms_reminders = *b;
  }
  if (const Json* s = member(in, "sms_arrivals")) {  // a visitor checked in (default on)
    auto b = read_bool(*s, "sms_arrivals");
    if (!b) return b.error();
    out.sms_arrivals = *b;
  }
  // The core decides which hours make sense.
  if (auto st = core::validate(out.schedule("probe", {})); !st) return st.error();
  return out;
}

Json host_sms_view(const std::string& host_id, const HostDocument& h) {
  return Json{{"host", host_id},
              {"host_name", h.name},
              {"phone", h.phone},
              {"sms_reminders", h.texts_reminders()},
              {"sms_arrivals", h.texts_arrivals()}};
}

Json host_view(const std::string& id, const HostDocument& h) {
  Json v = host_document(h);
  v["id"] = id;
  return v;
}

Json host_update(const HostDocument& stored, const Json& body) {
  Json merged = host_document(stored);
  if (body.is_object())
    for (const auto& [k, v] : body.items()) merged[k] = v;
  return merged;
}

// --- pages -------------------------------------------------------------------------------

const PageEventType* PageDocument::event_type(std::string_view id) const {
  for (const auto& e : event_types)
    if (e.id == id) return &e;
  return nullptr;
}

bool PageDocument::offers_room(std::string_view room_id) const {
  for (const auto& e : event_types)
    if (e.rooms && std::find(e.rooms->begin(), e.rooms->end(), room_id) != e.rooms->end()) return true;
  return false;
}

Json page_view(const std::string& id, const PageDocument& p) {
  Json v = page_document(p);
  v["id"] = id;
  return v;
}

Result<std::optional<std::string>> read_page_id(const Json& body) {
  const Json* given = member(body, "id");
  if (!given) return std::optional<std::string>();
  if (!given->is_string() || !valid_public_id(given->get<std::string>()))
    return make_error("invalid_id", "letters, digits, '-' and '_', at most 64", "id");
  return std::optional<std::string>(given->get<std::string>());
}

Json embed_view(const std::string& page, const std::string& mode, const std::string& snippet) {
  return Json{{"page", page}, {"mode", mode}, {"snippet", snippet}};
}

Json page_event_type_document(const PageEventType& e) {
  Json et{{"id", e.id}, {"name", e.name}, {"duration_minutes", e.duration_minutes}, {"auto_approve", e.auto_approve}};
  for (auto [key, v] : {std::pair{"slot_interval_minutes", &e.slot_interval_minutes},
                        std::pair{"buffer_before_minutes", &e.buffer_before_minutes},
                        std::pair{"buffer_after_minutes", &e.buffer_after_minutes},
                        std::pair{"min_notice_minutes", &e.min_notice_minutes}})
    if (*v) et[key] = **v;
  if (e.window) et["window"] = *e.window;
  if (e.limits) et["limits"] = *e.limits;
  if (e.rooms) et["rooms"] = *e.rooms;
  if (!e.location.empty()) et["location"] = e.location;
  if (e.description) et["description"] = *e.description;
  return et;
}

Json page_document(const PageDocument& p) {
  Json ets = Json::array();
  for (const auto& e : p.event_types) ets.push_back(page_event_type_document(e));
  Json out{{"name", p.name},       {"description", p.description}, {"language", p.language}, {"enabled", p.enabled},
           {"hosts", p.hosts},     {"host_mode", p.host_mode},     {"event_types", ets}};
  if (!p.logo.empty()) out["logo"] = p.logo;
  if (p.notifications) out["notifications"] = *p.notifications;
  if (p.templates) {
    Json list = Json::array();
    for (const auto& t : *p.templates) list.push_back(template_override_document(t));
    out["templates"] = list;
  }
  return out;
}

namespace {

Result<PageEventType> read_stored_event_type(const Json& t, std::string_view f) {
  if (!t.is_object()) return make_error("invalid_type", "expected an event type", std::string(f));
  PageEventType e;
  auto id = stored_string(t, f, "id", true);
  if (!id) return id.error();
  e.id = std::move(*id);
  auto name = stored_text(t, f, "name", true);
  if (!name) return name.error();
  e.name = std::move(*name);
  auto dur = stored_int(t, f, "duration_minutes");
  if (!dur) return dur.error();
  if (!*dur) return make_error("missing_field", "this field is required", field_path(f, "duration_minutes"));
  e.duration_minutes = **dur;
  for (auto [key, out] : {std::pair{"slot_interval_minutes", &e.slot_interval_minutes},
                          std::pair{"buffer_before_minutes", &e.buffer_before_minutes},
                          std::pair{"buffer_after_minutes", &e.buffer_after_minutes},
                          std::pair{"min_notice_minutes", &e.min_notice_minutes}}) {
    auto v = stored_int(t, f, key);
    if (!v) return v.error();
    *out = *v;
  }
  // The window and limits read as the slot engine reads them.
  auto policy = read_event_policy(t, f);
  if (!policy) return policy.error();
  if (member(t, "window")) e.window = policy->window;
  if (member(t, "limits")) e.limits = policy->limits;
  if (member(t, "rooms")) e.rooms = policy->room_ids;
  e.auto_approve = policy->auto_approve;
  auto loc = stored_string(t, f, "location", false);
  if (!loc) return loc.error();
  e.location = std::move(*loc);
  if (member(t, "description")) {
    auto d = stored_text(t, f, "description", false);
    if (!d) return d.error();
    e.description = std::move(*d);
  }
  return e;
}

}  // namespace

Result<PageDocument> read_page_document(const Json& j, std::string_view field) {
  if (!j.is_object()) return make_error("invalid_type", "expected a page document", std::string(field));
  PageDocument p;
  auto name = stored_text(j, field, "name", true);
  if (!name) return name.error();
  p.name = std::move(*name);
  auto desc = stored_text(j, field, "description", false);
  if (!desc) return desc.error();
  p.description = std::move(*desc);
  if (member(j, "language")) {
    auto lang = stored_string(j, field, "language", true);
    if (!lang) return lang.error();
    p.language = std::move(*lang);
  }
  auto logo = stored_string(j, field, "logo", false);
  if (!logo) return logo.error();
  p.logo = std::move(*logo);
  auto enabled = stored_bool(j, field, "enabled");
  if (!enabled) return enabled.error();
  p.enabled = enabled->value_or(true);
  auto hosts = required(j, "hosts");
  if (!hosts) return make_error("missing_field", "this field is required", field_path(field, "hosts"));
  auto ids = read_strings(**hosts, field_path(field, "hosts"));
  if (!ids) return ids.error();
  p.hosts = std::move(*ids);
  KAIROS_READ(j, "host_mode", field, p.host_mode, read_host_mode);
  if (const Json* n = member(j, "notifications")) {
    auto checked = read_page_notifications(*n, field_path(field, "notifications"), {});
    if (!checked) return checked.error();
    p.notifications = *n;
  }
  if (const Json* t = member(j, "templates")) {
    auto list = read_array<core::TemplateOverride>(*t, field_path(field, "templates"), read_template_override);
    if (!list) return list.error();
    p.templates = std::move(*list);
  }
  auto ets = required(j, "event_types");
  if (!ets) return make_error("missing_field", "this field is required", field_path(field, "event_types"));
  auto types = read_array<PageEventType>(**ets, field_path(field, "event_types"), read_stored_event_type);
  if (!types) return types.error();
  p.event_types = std::move(*types);
  return p;
}

Result<PageDocument> read_page_request(const Json& in, const std::function<bool(const std::string&)>& host_known,
                                       const std::function<bool(const std::string&)>& room_known) {
  PageDocument out;
  auto name = owner_text(in, "name", true, 500, "name");
  if (!name) return name.error();
  auto desc = owner_text(in, "description", false, 5000, "description");
  if (!desc) return desc.error();
  auto lang = text_field(in, "language", false, 16);
  if (!lang) return lang.error();
  auto logo = text_field(in, "logo", false, 2000);
  if (!logo) return logo.error();
  out.name = *name;
  out.description = *desc;
  out.language = lang->empty() ? "en" : *lang;
  out.logo = *logo;
  // A disabled page stays configured but offers nothing and takes no bookings.
  if (const Json* e = member(in, "enabled")) {
    auto v = read_bool(*e, "enabled");
    if (!v) return v.error();
    out.enabled = *v;
  }

  const Json* hosts = member(in, "hosts");
  if (!hosts) return make_error("missing_field", "hosts is required", "hosts");
  if (!hosts->is_array() || hosts->empty())
    return make_error("invalid_type", "expected a non-empty list of host ids", "hosts");
  for (std::size_t i = 0; i < hosts->size(); ++i) {
    auto id = read_string((*hosts)[i], field_path("hosts", i));
    if (!id) return id.error();
    if (!host_known(*id)) return make_error("unknown_host", "no such host", field_path("hosts", i));
    out.hosts.push_back(*id);
  }

  auto mode = text_field(in, "host_mode", false, 8);
  if (!mode) return mode.error();
  const std::string m = mode->empty() ? "any" : *mode;
  if (m != "any" && m != "all") return make_error("invalid_host_mode", "host_mode is \"any\" or \"all\"", "host_mode");
  out.host_mode = m == "all" ? core::HostMode::all : core::HostMode::any;

  // Notification settings of the page (reminders, follow-up, SMS) and owner overrides of
  // message templates; both optional, checked here so delivery never meets bad data.
  if (const Json* n = member(in, "notifications")) {
    // Checked by the same reader that later reads them for the core.
    auto checked = read_page_notifications(*n, "notifications", {});
    if (!checked) return checked.error();
    Json kept = Json::object();
    for (const char* k : {"reminders_minutes", "sms_reminders", "host_reminders", "follow_up_minutes", "no_show_mail",
                          "host_language"})
      if (const Json* v = member(*n, k)) kept[k] = *v;
    out.notifications = kept;
  }
  if (const Json* t = member(in, "templates")) {
    if (!t->is_array() || t->size() > 200)
      return make_error("invalid_type", "expected a list of template overrides", "templates");
    std::vector<core::TemplateOverride> list;
    const auto& keys = core::template_keys();
    for (std::size_t i = 0; i < t->size(); ++i) {
      const auto f = field_path("templates", i);
      const Json& o = (*t)[i];
      if (!o.is_object()) return make_error("invalid_type", "expected an object", f);
      auto key = text_field(o, "template", true, 64);
      if (!key) return make_error(key.error().code, key.error().message, field_path(f, "template"));
      if (std::find(keys.begin(), keys.end(), *key) == keys.end())
        return make_error("unknown_template", "no such template", field_path(f, "template"));
      auto lang2 = text_field(o, "language", true, 8);
      if (!lang2) return make_error(lang2.error().code, lang2.error().message, field_path(f, "language"));
      if (!core::is_supported_language(*lang2))
        return make_error("unsupported_language", "one of en, ja, fi, de, hu", field_path(f, "language"));
      auto subject = text_field(o, "subject", false, 300);
      if (!subject) return make_error(subject.error().code, subject.error().message, field_path(f, "subject"));
      auto body = text_field(o, "body", false, 20000);
      if (!body) return make_error(body.error().code, body.error().message, field_path(f, "body"));
      list.push_back({*key, *lang2, *subject, *body});
    }
    out.templates = std::move(list);
  }

  const Json* types = member(in, "event_types");
  if (!types) return make_error("missing_field", "event_types is required", "event_types");
  if (!types->is_array() || types->empty())
    return make_error("invalid_type", "expected a non-empty list of event types", "event_types");
  for (std::size_t i = 0; i < types->size(); ++i) {
    const Json& t = (*types)[i];
    auto p = field_path("event_types", i);
    if (!t.is_object()) return make_error("invalid_type", "expected an object", p);
    PageEventType et;
    auto id = text_field(t, "id", true, 64);
    if (!id) return make_error(id.error().code, id.error().message, field_path(p, "id"));
    if (!valid_public_id(*id)) return make_error("invalid_id", "letters, digits, '-' and '_' only", field_path(p, "id"));
    if (out.event_type(*id)) return make_error("duplicate_id", "event type ids must be unique", field_path(p, "id"));
    auto ename = owner_text(t, "name", true, 500, field_path(p, "name"));
    if (!ename) return ename.error();
    et.id = *id;
    et.name = *ename;
    auto dur = int_field(t, "duration_minutes", field_path(p, "duration_minutes"), 1, 1440);
    if (!dur) return dur.error();
    et.duration_minutes = *dur;
    struct Opt {
      const char* key;
      std::int64_t lo, hi;
      std::optional<std::int64_t>* out;
    };
    for (Opt o : {Opt{"slot_interval_minutes", 1, 1440, &et.slot_interval_minutes},
                  Opt{"buffer_before_minutes", 0, 1440, &et.buffer_before_minutes},
                  Opt{"buffer_after_minutes", 0, 1440, &et.buffer_after_minutes},
                  Opt{"min_notice_minutes", 0, 525600, &et.min_notice_minutes}}) {
      if (!member(t, o.key)) continue;
      auto v = int_field(t, o.key, field_path(p, o.key), o.lo, o.hi);
      if (!v) return v.error();
      *o.out = *v;
    }
    if (const Json* w = member(t, "window")) {
      auto wp = field_path(p, "window");
      if (!w->is_object()) return make_error("invalid_type", "expected an object", wp);
      if (member(*w, "rolling_days")) {
        auto n = int_field(*w, "rolling_days", field_path(wp, "rolling_days"), 1, 3650);
        if (!n) return n.error();
        et.window = core::BookingWindow::rolling(static_cast<int>(*n));
      } else {
        auto f = required(*w, "from");
        if (!f) return make_error("missing_field", "from is required", field_path(wp, "from"));
        auto from = read_date(**f, field_path(wp, "from"));
        if (!from) return from.error();
        auto t2 = required(*w, "to");
        if (!t2) return make_error("missing_field", "to is required", field_path(wp, "to"));
        auto to = read_date(**t2, field_path(wp, "to"));
        if (!to) return to.error();
        et.window = core::BookingWindow::between(*from, *to);
      }
    }
    if (const Json* l = member(t, "limits")) {
      auto lp = field_path(p, "limits");
      if (!l->is_object()) return make_error("invalid_type", "expected an object", lp);
      core::Limits lim;
      for (auto [k, dest] : {std::pair{"per_day", &lim.per_day}, std::pair{"per_week", &lim.per_week}}) {
        if (!member(*l, k)) continue;
        auto v = int_field(*l, k, field_path(lp, k), 1, 1000);
        if (!v) return v.error();
        *dest = static_cast<int>(*v);
      }
      et.limits = lim;
    }
    if (const Json* rooms = member(t, "rooms")) {
      auto rp = field_path(p, "rooms");
      if (!rooms->is_array()) return make_error("invalid_type", "expected a list of room ids", rp);
      std::vector<std::string> ids;
      for (std::size_t k = 0; k < rooms->size(); ++k) {
        auto id2 = read_string((*rooms)[k], field_path(rp, k));
        if (!id2) return id2.error();
        if (!room_known(*id2)) return make_error("unknown_room", "no such room", field_path(rp, k));
        ids.push_back(*id2);
      }
      et.rooms = std::move(ids);
    }
    if (const Json* a = member(t, "auto_approve")) {
      auto b = read_bool(*a, field_path(p, "auto_approve"));
      if (!b) return b.error();
      et.auto_approve = *b;
    }
    auto loc = text_field(t, "location", false, 2000);
    if (!loc) return make_error(loc.error().code, loc.error().message, field_path(p, "location"));
    et.location = *loc;
    auto edesc = owner_text(t, "description", false, 2000, field_path(p, "description"));
    if (!edesc) return edesc.error();
    if (!edesc->empty()) et.description = *edesc;
    // The core's own policy checks, on the event type as it is stored.
    auto policy = read_event_policy(page_event_type_document(et), p);
    if (!policy) return policy.error();
    out.event_types.push_back(std::move(et));
  }
  return out;
}

Result<core::EventPolicy> event_policy(const PageEventType& e) {
  return read_event_policy(page_event_type_document(e), e.id);
}

Result<core::NotificationSettings> notification_settings(const PageDocument& p, core::NotificationSettings base) {
  if (!p.notifications) return base;
  return read_page_notifications(*p.notifications, "notifications", std::move(base));
}

Json public_page_view(const PageDocument& page, const std::vector<PublicHost>& hosts,
                      const std::function<std::optional<core::Location>(const std::string&)>& location,
                      std::string_view language) {
  // Owner content as stored (a string or a language map) when no language is asked for
  // (the widget picks as the guest switches language), else the text in that language,
  // else the page's (then English, then any).
  const auto text = [&](const core::LocalizedText& t) -> Json {
    if (language.empty()) return t;
    return t.in(language, page.language);
  };
  Json out{{"name", text(page.name)},
           {"description", text(page.description)},
           {"language", page.language},
           {"languages", core::supported_languages()},
           {"host_mode", page.host_mode},
           {"enabled", page.enabled}};
  if (!page.logo.empty()) out["logo"] = page.logo;
  Json hs = Json::array();
  // The id is the one the availability answer's hosts and a slot's assignment carry, so
  // the widget can name the host a chosen time goes to.
  for (const auto& h : hosts) hs.push_back({{"id", h.id}, {"name", h.name}, {"timezone", h.timezone}});
  out["hosts"] = hs;
  Json ets = Json::array();
  for (const auto& et : page.event_types) {
    Json e{{"id", et.id}, {"name", text(et.name)}, {"duration_minutes", et.duration_minutes}};
    if (!et.location.empty()) e["location"] = et.location;
    if (et.description) e["description"] = text(*et.description);
    // A location id shows as the office the guest sees (name, address, phone).
    if (auto loc = et.location.empty() ? std::nullopt : location(et.location)) {
      Json l = location_document(*loc);
      l["id"] = loc->id;
      l["name"] = text(loc->name);
      l["address"] = text(loc->address);
      e["location"] = l;
    }
    ets.push_back(e);
  }
  out["event_types"] = ets;
  return out;
}

// --- an account's small documents --------------------------------------------------------

Json account_settings_document(const AccountSettings& s) {
  return Json{{"sender_name", s.sender_name}, {"logo", s.logo}, {"language", s.language}};
}

Result<AccountSettings> read_account_settings_document(const Json& j, std::string_view field) {
  if (!j.is_object()) return make_error("invalid_type", "expected an object", std::string(field));
  AccountSettings s;
  for (auto [key, out] : {std::pair{"sender_name", &s.sender_name}, std::pair{"logo", &s.logo},
                          std::pair{"language", &s.language}}) {
    auto v = stored_string(j, field, key, false);
    if (!v) return v.error();
    *out = std::move(*v);
  }
  return s;
}

Json account_view(const std::string& id, const std::string& name, const AccountSettings& s) {
  Json v = account_settings_document(s);
  v["id"] = id;
  v["name"] = name;
  return v;
}

Result<AccountUpdate> read_account_request(const Json& body, AccountSettings current) {
  // A name reaches the From: header of every mail of the account.
  auto one_line = [&](const char* key, bool required) -> Result<std::optional<std::string>> {
    const Json* v = member(body, key);
    if (!v) {
      if (required) return make_error("missing_field", std::string(key) + " is required", key);
      return std::optional<std::string>();
    }
    auto text = read_string(*v, key);
    if (!text) return text.error();
    std::string t = *text;
    while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.pop_back();
    while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.erase(t.begin());
    if ((required && t.empty()) || t.size() > 120 || t.find_first_of("\r\n<>\"") != std::string::npos)
      return make_error("invalid_name", "1 to 120 characters, no line breaks, quotes or angle brackets", key);
    return std::optional<std::string>(t);
  };
  auto name = one_line("name", true);
  if (!name) return name.error();
  auto sender = one_line("sender_name", false);
  if (!sender) return sender.error();
  AccountUpdate out{**name, std::move(current)};
  if (*sender) out.settings.sender_name = **sender;  // "" goes back to the business name
  if (const Json* l = member(body, "logo")) {
    auto logo = read_string(*l, "logo");
    if (!logo) return logo.error();
    const bool web = logo->rfind("https://", 0) == 0 || logo->rfind("http://", 0) == 0;
    if (!logo->empty() && (!web || logo->size() > 500 || logo->find_first_of(" \r\n\"<>") != std::string::npos))
      return make_error("invalid_url", "an http or https address of an image", "logo");
    out.settings.logo = *logo;
  }
  if (const Json* l = member(body, "language")) {
    auto lang = read_string(*l, "language");
    if (!lang) return lang.error();
    if (!core::is_supported_language(*lang))
      return make_error("unsupported_language", "one of en, ja, fi, de, hu", "language");
    out.settings.language = *lang;
  }
  return out;
}

// --- rooms -------------------------------------------------------------------------------

Result<RoomRequest> read_room_request(const Json& body) {
  const Json* name = member(body, "name");
  if (!name) return make_error("missing_field", "name is required", "name");
  if (!name->is_string() || name->get<std::string>().empty() || name->get<std::string>().size() > 200)
    return make_error("invalid_type", "name must be a non-empty string", "name");
  if (!is_single_line(name->get_ref<const std::string&>()))
    return make_error("control_character", "a name is one line of text", "name");
  RoomRequest out{name->get<std::string>(), std::nullopt};
  if (const Json* l = member(body, "location")) {
    auto id = read_string(*l, "location");
    if (!id) return id.error();
    out.location = *id;
  }
  return out;
}

Json room_view(const std::string& id, const std::string& name, const std::optional<std::string>& location) {
  Json v{{"id", id}, {"name", name}};
  if (location) v["location"] = *location;
  return v;
}

Json room_location_document(const std::string& location) { return Json{{"location", location}}; }

Result<std::string> read_room_location_document(const Json& j, std::string_view field) {
  if (!j.is_object()) return make_error("invalid_type", "expected an object", std::string(field));
  return stored_string(j, field, "location", true);
}

Json template_override_document(const core::TemplateOverride& t) {
  return Json{{"template", t.template_key}, {"language", t.language}, {"subject", t.subject}, {"body", t.body}};
}

Result<core::TemplateOverride> read_template_override_document(const Json& j, std::string_view field) {
  return read_template_override(j, field);
}

Json suppression_document(const std::string& address, const std::string& bounce) {
  return Json{{"address", address}, {"bounce", bounce}};
}

}  // namespace kairos::wire

// --- the console's views -------------------------------------------------------------------

namespace kairos::wire {

Json list_view(Json items, const std::optional<std::string>& next_cursor) {
  return Json{{"items", std::move(items)}, {"next_cursor", next_cursor ? Json(*next_cursor) : Json(nullptr)}};
}

Json collection_view(std::string_view key, std::vector<Json> items) {
  Json v = Json::object();
  v[std::string(key)] = Json(std::move(items));
  return v;
}

Json collection_view(std::string_view key, std::vector<Json> items, const std::optional<std::string>& next_cursor) {
  Json v = collection_view(key, std::move(items));
  v["next_cursor"] = next_cursor ? Json(*next_cursor) : Json(nullptr);
  return v;
}

Json explain_view(const std::string& page, const std::string& event_type, const std::string& date,
                  const std::string& tz, core::Instant now, const std::vector<core::StartExplanation>& starts) {
  return Json{{"page", page}, {"event_type", event_type}, {"date", date}, {"tz", tz}, {"now", now}, {"starts", starts}};
}

Json host_preview_view(const std::string& tz, const core::ZoneRules& zone, core::LocalDate from, core::LocalDate to,
                       const std::vector<core::Interval>& free) {
  Json days = Json::object();
  for (core::LocalDate d = from; d <= to; d = d + core::Days(1)) days[core::format_date(d)] = Json::array();
  for (const auto& iv : free) {
    const std::string d = core::format_date(zone.to_local(iv.start).date());
    if (days.contains(d)) days[d].push_back({{"start", iv.start}, {"end", iv.end}});
  }
  return Json{{"tz", tz}, {"days", days}};
}

Json mail_preview_view(const MailPreview& m) {
  return Json{{"recipient", m.recipient}, {"template", m.template_key}, {"send_at", m.send_at},
              {"subject", m.subject},     {"text", m.text},             {"html", m.html}};
}

Json template_view(const std::string& key, const std::string& lang, const core::TemplateOverride* override) {
  auto def = core::default_template(key, lang);
  Json j{{"template", key},
         {"language", lang},
         {"channel", key.find("_sms.") != std::string::npos ? "sms" : "mail"},
         {"default_subject", def ? std::string(def->subject) : ""},
         {"default_body", def ? std::string(def->body) : ""},
         {"overridden", override != nullptr},
         {"subject", nullptr},
         {"body", nullptr}};
  if (override) {
    if (!override->subject.empty()) j["subject"] = override->subject;
    if (!override->body.empty()) j["body"] = override->body;
  }
  return j;
}

Json placeholder_list() {
  Json p = Json::array();
  for (const auto& n : core::placeholders()) p.push_back(n);
  return p;
}

Json template_preview(const std::string& key, const std::string& lang, const core::RenderedMessage& m) {
  return Json{{"template", key}, {"language", lang}, {"subject", m.subject}, {"text", m.text}, {"html", m.html}};
}

Json staff_view(const StaffView& s) {
  return Json{{"id", s.id},
              {"name", s.name},
              {"email", s.email},
              {"role", s.role},
              {"language", s.language},
              {"invited", s.invited},
              {"created_at", s.created_at},
              {"host", s.host.empty() ? Json(nullptr) : Json(s.host)}};
}

Json session_view(const std::string& account, const std::string& account_name, const std::string& role,
                  bool via_session, const std::optional<StaffView>& staff) {
  Json out{{"account", account}, {"account_name", account_name}, {"role", role}, {"via", via_session ? "session" : "api_key"}};
  if (staff) {
    out["staff"] = staff->id;
    out["id"] = staff->id;
    out["name"] = staff->name;
    out["email"] = staff->email;
    out["language"] = staff->language;
    out["host"] = staff->host.empty() ? Json(nullptr) : Json(staff->host);
  } else {
    out["staff"] = nullptr;
    out["name"] = "API key";
    out["language"] = "en";
  }
  return out;
}

Json api_key_view(const std::string& id, const std::string& name, core::Instant created_at,
                  const std::optional<std::string>& key) {
  Json j{{"id", id}, {"name", name}, {"created_at", created_at}};
  if (key) j["key"] = *key;
  return j;
}

Json message_summary(const MessageSummary& m) {
  Json j{{"id", m.id}, {"template", m.template_key}, {"recipient", m.recipient}, {"state", m.state}};
  if (m.last_error) j["last_error"] = *m.last_error;
  if (m.send_at) j["send_at"] = *m.send_at;
  return j;
}

Json accepted_view() { return status_view("accepted"); }

Json status_view(std::string_view status) { return Json{{"status", status}}; }

Json with_messages(Json view, std::vector<Json> messages) {
  view["messages"] = Json(std::move(messages));
  return view;
}

Json related_bookings_view(const std::string& booking, std::vector<Json> items) {
  Json v = list_view(Json(std::move(items)));
  v["booking"] = booking;
  return v;
}

Json template_list_view(std::vector<Json> items) {
  Json v = list_view(Json(std::move(items)));
  v["placeholders"] = placeholder_list();
  return v;
}

Json template_detail_view(const std::string& key, const std::string& lang, const core::TemplateOverride* override) {
  Json v = template_view(key, lang, override);
  v["placeholders"] = placeholder_list();
  return v;
}

Json guest_page_view(Json public_view, const std::string& id, const std::string& account_logo, bool mail_delivery) {
  public_view["id"] = id;
  const Json* logo = member(public_view, "logo");
  if ((!logo || (logo->is_string() && logo->get_ref<const std::string&>().empty())) && !account_logo.empty())
    public_view["logo"] = account_logo;
  public_view["mail_delivery"] = mail_delivery;
  return public_view;
}

namespace {
// Owner content as the widget reads it: a string or a language map; "" otherwise.
core::LocalizedText lenient_localized(const Json& obj, std::string_view key) {
  const Json* m = member(obj, key);
  if (m == nullptr) return {};
  auto t = read_localized(*m, key);
  return t ? std::move(*t) : core::LocalizedText{};
}
}  // namespace

PublicPage read_public_page(const Json& j) {
  PublicPage p;
  p.id = string_or_empty(j, "id");
  p.language = string_or_empty(j, "language");
  p.host_mode = string_or_empty(j, "host_mode");
  p.logo = string_or_empty(j, "logo");
  p.name = lenient_localized(j, "name");
  p.description = lenient_localized(j, "description");
  if (const Json* m = member(j, "mail_delivery"); m != nullptr && m->is_boolean()) p.mail_delivery = m->get<bool>();
  if (const Json* hosts = member(j, "hosts"); hosts != nullptr && hosts->is_array()) {
    for (const Json& h : *hosts)
      p.hosts.push_back({string_or_empty(h, "id"), string_or_empty(h, "name"), string_or_empty(h, "timezone")});
  }
  if (const Json* types = member(j, "event_types"); types != nullptr && types->is_array()) {
    for (const Json& t : *types) {
      PublicEventType e;
      e.id = string_or_empty(t, "id");
      e.name = lenient_localized(t, "name");
      e.description = lenient_localized(t, "description");
      if (const Json* d = member(t, "duration_minutes"); d != nullptr && d->is_number_integer()) {
        const auto minutes = d->get<std::int64_t>();
        if (minutes >= 0 && minutes <= 1'000'000) e.duration_minutes = static_cast<int>(minutes);
      }
      // A stored location arrives as an object (the office's name and address, each a
      // string or a language map); otherwise a word such as "video" or "phone".
      if (const Json* loc = member(t, "location"); loc != nullptr && loc->is_object()) {
        e.office = PublicOffice{string_or_empty(*loc, "id"), lenient_localized(*loc, "name"),
                                lenient_localized(*loc, "address")};
      } else {
        e.location = string_or_empty(t, "location");
      }
      p.event_types.push_back(std::move(e));
    }
  }
  return p;
}

}  // namespace kairos::wire
