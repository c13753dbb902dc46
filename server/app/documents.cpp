// Owner configuration documents: shape checks with field paths for 422 answers.
#include "documents.hpp"

#include <algorithm>

#include "kairos/templates.hpp"

#include "kairos/time_text.hpp"
#include "kairos/wire/availability.hpp"
#include "kairos/wire/front_office.hpp"
#include "kairos/wire/json_mapping.hpp"
#include "kairos/wire/lifecycle.hpp"
#include "zone_cache.hpp"

namespace kairos::server {

using core::make_error;
using nlohmann::json;
using wire::field_path;

namespace {

constexpr const char* kDays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

core::Result<std::string> text_field(const json& obj, const char* key, bool required, std::size_t max_len = 500) {
  const json* m = wire::member(obj, key);
  if (!m) {
    if (required) return make_error("missing_field", std::string(key) + " is required", key);
    return std::string();
  }
  auto s = wire::read_string(*m, key);
  if (!s) return s.error();
  if (required && s->empty()) return make_error("missing_field", std::string(key) + " must not be empty", key);
  if (s->size() > max_len) return make_error("too_long", std::string(key) + " is too long", key);
  // Names reach mail headers and one-line labels.
  if (std::string_view(key) == "name" && !wire::is_single_line(*s))
    return make_error("control_character", "a name is one line of text", key);
  return s;
}

// Owner content (docs/API.md, "Owner content in several languages"): a string or a map
// of language → text, checked by the same wire reader as a location's name, stored as
// given (a string stays a string, so documents written before still read the same).
core::Result<json> owner_text(const json& obj, const char* key, bool required, std::size_t max_len,
                              const std::string& path) {
  const json* m = wire::member(obj, key);
  if (!m) {
    if (required) return make_error("missing_field", std::string(key) + " is required", path);
    return json();
  }
  auto t = wire::read_localized_request(*m, path, required, max_len, std::string_view(key) == "name");
  if (!t) return t.error();
  if (t->empty()) return json();
  return json(*t);
}

core::Result<std::int64_t> int_field(const json& obj, const std::string& key, const std::string& path,
                                     std::int64_t lo, std::int64_t hi, std::optional<std::int64_t> fallback) {
  const json* m = wire::member(obj, key);
  if (!m) {
    if (fallback) return *fallback;
    return make_error("missing_field", key + " is required", path);
  }
  auto v = wire::read_int(*m, path);
  if (!v) return v.error();
  if (*v < lo || *v > hi)
    return make_error("out_of_range", key + " must be between " + std::to_string(lo) + " and " + std::to_string(hi),
                      path);
  return v;
}

core::Result<json> hours_list(const json& j, const std::string& path) {
  if (!j.is_array()) return make_error("invalid_type", "expected a list of [start, end] pairs", path);
  json out = json::array();
  for (std::size_t i = 0; i < j.size(); ++i) {
    auto p = field_path(path, i);
    if (!j[i].is_array() || j[i].size() != 2) return make_error("invalid_type", "expected [\"HH:MM\", \"HH:MM\"]", p);
    auto a = wire::read_time(j[i][0], p, false);
    if (!a) return a.error();
    auto b = wire::read_time(j[i][1], p, true);
    if (!b) return b.error();
    out.push_back({core::format_time(*a), core::format_time(*b)});
  }
  return out;
}

bool is_email_shape(const std::string& s) {
  auto at = s.find('@');
  return at != std::string::npos && at > 0 && at + 1 < s.size() && s.find('@', at + 1) == std::string::npos &&
         s.find(' ') == std::string::npos;
}

}  // namespace

bool valid_public_id(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
      return false;
  return true;
}

static bool is_phone_text(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '(' || c == ')' || c == ' ' || c == '.'))
      return false;
  return true;
}

core::Result<json> normalize_host(const json& in, ZoneCache& zones) {
  json out = json::object();
  auto name = text_field(in, "name", true);
  if (!name) return name.error();
  auto email = text_field(in, "email", true);
  if (!email) return email.error();
  if (!is_email_shape(*email)) return make_error("invalid_email", "not an e-mail address", "email");
  auto tz = text_field(in, "timezone", true, 64);
  if (!tz) return tz.error();
  if (auto z = zones.get(*tz); !z) return make_error("unknown_zone", "unknown time zone", "timezone");
  out["name"] = *name;
  out["email"] = *email;
  out["timezone"] = *tz;
  // The host's own language (their mails and link pages), and SMS reminders to staff.
  auto lang = text_field(in, "language", false, 8);
  if (!lang) return lang.error();
  if (!lang->empty()) {
    const auto& langs = core::supported_languages();
    if (std::find(langs.begin(), langs.end(), *lang) == langs.end())
      return make_error("unsupported_language", "one of en, ja, fi, de, hu", "language");
    out["language"] = *lang;
  }
  auto phone = text_field(in, "phone", false, 40);
  if (!phone) return phone.error();
  if (!phone->empty()) out["phone"] = *phone;
  if (const json* sms = wire::member(in, "sms_reminders")) {
    auto v = wire::read_bool(*sms, "sms_reminders");
    if (!v) return v.error();
    out["sms_reminders"] = *v;
  }

  json weekly = json::object();
  if (const json* w = wire::member(in, "weekly_hours")) {
    if (!w->is_object()) return make_error("invalid_type", "expected an object of weekdays", "weekly_hours");
    for (auto it = w->begin(); it != w->end(); ++it) {
      bool known = false;
      for (const char* d : kDays) known = known || it.key() == d;
      if (!known) return make_error("invalid_weekday", "weekdays are mon … sun", field_path("weekly_hours", it.key()));
      auto h = hours_list(*it, field_path("weekly_hours", it.key()));
      if (!h) return h.error();
      weekly[it.key()] = *h;
    }
  } else {
    for (const char* d : {"mon", "tue", "wed", "thu", "fri"}) weekly[d] = json::array({json::array({"09:00", "17:00"})});
  }
  out["weekly_hours"] = weekly;

  json overrides = json::array();
  if (const json* o = wire::member(in, "overrides")) {
    if (!o->is_array()) return make_error("invalid_type", "expected a list", "overrides");
    for (std::size_t i = 0; i < o->size(); ++i) {
      auto p = field_path("overrides", i);
      auto d = wire::required((*o)[i], "date");
      if (!d) return make_error("missing_field", "date is required", field_path(p, "date"));
      auto date = wire::read_date(**d, field_path(p, "date"));
      if (!date) return date.error();
      const json* hrs = wire::member((*o)[i], "hours");
      json h = json::array();
      if (hrs) {
        auto r = hours_list(*hrs, field_path(p, "hours"));
        if (!r) return r.error();
        h = *r;
      }
      overrides.push_back({{"date", core::format_date(*date)}, {"hours", h}});
    }
  }
  out["overrides"] = overrides;

  json busy = json::array();
  if (const json* b = wire::member(in, "busy")) {
    if (!b->is_array()) return make_error("invalid_type", "expected a list", "busy");
    if (b->size() > 5000) return make_error("too_long", "at most 5000 busy blocks", "busy");
    // Timed blocks {start, end} and whole local days {date} (an all-day calendar
    // entry: that day where the host is), the core's BusyBlock.
    auto blocks = wire::read_busy_blocks(*b, "busy");
    if (!blocks) return blocks.error();
    for (const auto& block : *blocks) busy.push_back(block);
  }
  out["busy"] = busy;
  // Front office (issue 14): the host's office, a phone for SMS and whether reminders go
  // by SMS too. The location id is checked against the account by the route.
  for (const char* k : {"location", "phone"}) {
    auto v = text_field(in, k, false, 64);
    if (!v) return v.error();
    if (!v->empty()) out[k] = *v;
  }
  if (out.contains("phone") && !is_phone_text(out["phone"].get<std::string>()))
    return make_error("invalid_phone", "digits, spaces and + - ( ) . only", "phone");
  if (const json* s = wire::member(in, "sms_reminders")) {
    auto b = wire::read_bool(*s, "sms_reminders");
    if (!b) return b.error();
    out["sms_reminders"] = *b;
  }
  if (const json* s = wire::member(in, "sms_arrivals")) {  // a visitor checked in (default on)
    auto b = wire::read_bool(*s, "sms_arrivals");
    if (!b) return b.error();
    out["sms_arrivals"] = *b;
  }
  // The core decides which hours make sense; reading the document back as a core::Host
  // also proves the slot engine will be able to use it.
  json probe = out;
  probe["id"] = "probe";
  auto host = wire::read_host(probe, "");
  if (!host) return host.error();
  if (auto st = core::validate(*host); !st) return st.error();
  return out;
}

core::Result<json> normalize_page(const json& in, store::Store& store, const std::string& account_id) {
  json out = json::object();
  auto name = owner_text(in, "name", true, 500, "name");
  if (!name) return name.error();
  auto desc = owner_text(in, "description", false, 5000, "description");
  if (!desc) return desc.error();
  auto lang = text_field(in, "language", false, 16);
  if (!lang) return lang.error();
  auto logo = text_field(in, "logo", false, 2000);
  if (!logo) return logo.error();
  out["name"] = *name;
  out["description"] = desc->is_null() ? json("") : *desc;
  out["language"] = lang->empty() ? "en" : *lang;
  if (!logo->empty()) out["logo"] = *logo;
  // A disabled page stays configured but offers nothing and takes no bookings.
  if (const json* e = wire::member(in, "enabled")) {
    auto v = wire::read_bool(*e, "enabled");
    if (!v) return v.error();
    out["enabled"] = *v;
  } else {
    out["enabled"] = true;
  }

  const json* hosts = wire::member(in, "hosts");
  if (!hosts) return make_error("missing_field", "hosts is required", "hosts");
  if (!hosts->is_array() || hosts->empty()) return make_error("invalid_type", "expected a non-empty list of host ids", "hosts");
  json host_ids = json::array();
  for (std::size_t i = 0; i < hosts->size(); ++i) {
    auto id = wire::read_string((*hosts)[i], field_path("hosts", i));
    if (!id) return id.error();
    auto h = store.host(*id);
    if (!h || h->account_id != account_id) return make_error("unknown_host", "no such host", field_path("hosts", i));
    host_ids.push_back(*id);
  }
  out["hosts"] = host_ids;

  auto mode = text_field(in, "host_mode", false, 8);
  if (!mode) return mode.error();
  std::string m = mode->empty() ? "any" : *mode;
  if (m != "any" && m != "all") return make_error("invalid_host_mode", "host_mode is \"any\" or \"all\"", "host_mode");
  out["host_mode"] = m;

  // Notification settings of the page (reminders, follow-up, SMS) and owner overrides of
  // message templates; both optional, validated here so delivery never meets bad data.
  if (const json* n = wire::member(in, "notifications")) {
    // Checked by the same wire reader that later reads them for the core.
    auto checked = wire::read_page_notifications(*n, "notifications", {});
    if (!checked) return checked.error();
    json kept = json::object();
    for (const char* k : {"reminders_minutes", "sms_reminders", "host_reminders", "follow_up_minutes", "no_show_mail",
                          "host_language"})
      if (const json* v = wire::member(*n, k)) kept[k] = *v;
    out["notifications"] = kept;
  }
  if (const json* t = wire::member(in, "templates")) {
    if (!t->is_array() || t->size() > 200) return make_error("invalid_type", "expected a list of template overrides", "templates");
    json list = json::array();
    const auto& keys = core::template_keys();
    const auto& langs = core::supported_languages();
    for (std::size_t i = 0; i < t->size(); ++i) {
      const auto f = field_path("templates", i);
      const json& o = (*t)[i];
      if (!o.is_object()) return make_error("invalid_type", "expected an object", f);
      auto key = text_field(o, "template", true, 64);
      if (!key) return make_error(key.error().code, key.error().message, field_path(f, "template"));
      if (std::find(keys.begin(), keys.end(), *key) == keys.end())
        return make_error("unknown_template", "no such template", field_path(f, "template"));
      auto lang2 = text_field(o, "language", true, 8);
      if (!lang2) return make_error(lang2.error().code, lang2.error().message, field_path(f, "language"));
      if (std::find(langs.begin(), langs.end(), *lang2) == langs.end())
        return make_error("unsupported_language", "one of en, ja, fi, de, hu", field_path(f, "language"));
      auto subject = text_field(o, "subject", false, 300);
      if (!subject) return make_error(subject.error().code, subject.error().message, field_path(f, "subject"));
      auto body = text_field(o, "body", false, 20000);
      if (!body) return make_error(body.error().code, body.error().message, field_path(f, "body"));
      list.push_back({{"template", *key}, {"language", *lang2}, {"subject", *subject}, {"body", *body}});
    }
    out["templates"] = list;
  }

  const json* types = wire::member(in, "event_types");
  if (!types) return make_error("missing_field", "event_types is required", "event_types");
  if (!types->is_array() || types->empty())
    return make_error("invalid_type", "expected a non-empty list of event types", "event_types");
  json ets = json::array();
  for (std::size_t i = 0; i < types->size(); ++i) {
    const json& t = (*types)[i];
    auto p = field_path("event_types", i);
    if (!t.is_object()) return make_error("invalid_type", "expected an object", p);
    json et = json::object();
    auto id = text_field(t, "id", true, 64);
    if (!id) return make_error(id.error().code, id.error().message, field_path(p, "id"));
    if (!valid_public_id(*id)) return make_error("invalid_id", "letters, digits, '-' and '_' only", field_path(p, "id"));
    for (const auto& prev : ets)
      if (prev["id"] == *id) return make_error("duplicate_id", "event type ids must be unique", field_path(p, "id"));
    auto ename = owner_text(t, "name", true, 500, field_path(p, "name"));
    if (!ename) return ename.error();
    et["id"] = *id;
    et["name"] = *ename;
    auto dur = int_field(t, "duration_minutes", field_path(p, "duration_minutes"), 1, 1440, std::nullopt);
    if (!dur) return dur.error();
    et["duration_minutes"] = *dur;
    struct Opt { const char* key; std::int64_t lo, hi; };
    for (Opt o : {Opt{"slot_interval_minutes", 1, 1440}, Opt{"buffer_before_minutes", 0, 1440},
                  Opt{"buffer_after_minutes", 0, 1440}, Opt{"min_notice_minutes", 0, 525600}}) {
      if (!wire::member(t, o.key)) continue;
      auto v = int_field(t, o.key, field_path(p, o.key), o.lo, o.hi, std::nullopt);
      if (!v) return v.error();
      et[o.key] = *v;
    }
    if (const json* w = wire::member(t, "window")) {
      auto wp = field_path(p, "window");
      if (!w->is_object()) return make_error("invalid_type", "expected an object", wp);
      if (wire::member(*w, "rolling_days")) {
        auto n = int_field(*w, "rolling_days", field_path(wp, "rolling_days"), 1, 3650, std::nullopt);
        if (!n) return n.error();
        et["window"] = {{"rolling_days", *n}};
      } else {
        auto f = wire::required(*w, "from");
        if (!f) return make_error("missing_field", "from is required", field_path(wp, "from"));
        auto from = wire::read_date(**f, field_path(wp, "from"));
        if (!from) return from.error();
        auto t2 = wire::required(*w, "to");
        if (!t2) return make_error("missing_field", "to is required", field_path(wp, "to"));
        auto to = wire::read_date(**t2, field_path(wp, "to"));
        if (!to) return to.error();
        et["window"] = {{"from", core::format_date(*from)}, {"to", core::format_date(*to)}};
      }
    }
    if (const json* l = wire::member(t, "limits")) {
      auto lp = field_path(p, "limits");
      if (!l->is_object()) return make_error("invalid_type", "expected an object", lp);
      json lim = json::object();
      for (const char* k : {"per_day", "per_week"}) {
        if (!wire::member(*l, k)) continue;
        auto v = int_field(*l, k, field_path(lp, k), 1, 1000, std::nullopt);
        if (!v) return v.error();
        lim[k] = *v;
      }
      et["limits"] = lim;
    }
    if (const json* rooms = wire::member(t, "rooms")) {
      auto rp = field_path(p, "rooms");
      if (!rooms->is_array()) return make_error("invalid_type", "expected a list of room ids", rp);
      json ids = json::array();
      for (std::size_t k = 0; k < rooms->size(); ++k) {
        auto id2 = wire::read_string((*rooms)[k], field_path(rp, k));
        if (!id2) return id2.error();
        auto r = store.room(*id2);
        if (!r || r->account_id != account_id) return make_error("unknown_room", "no such room", field_path(rp, k));
        ids.push_back(*id2);
      }
      et["rooms"] = ids;
    }
    if (const json* a = wire::member(t, "auto_approve")) {
      auto b = wire::read_bool(*a, field_path(p, "auto_approve"));
      if (!b) return b.error();
      et["auto_approve"] = *b;
    } else {
      et["auto_approve"] = true;
    }
    auto loc = text_field(t, "location", false, 2000);
    if (!loc) return make_error(loc.error().code, loc.error().message, field_path(p, "location"));
    if (!loc->empty()) et["location"] = *loc;
    auto edesc = owner_text(t, "description", false, 2000, field_path(p, "description"));
    if (!edesc) return edesc.error();
    if (!edesc->is_null()) et["description"] = *edesc;
    auto policy = wire::read_event_policy(et, p);  // the core's own policy checks
    if (!policy) return policy.error();
    ets.push_back(et);
  }
  out["event_types"] = ets;
  return out;
}

json public_page(const json& page, store::Store& store, std::string_view language) {
  const std::string page_lang = page.contains("language") && page["language"].is_string()
                                    ? page["language"].get<std::string>() : std::string("en");
  // Owner content as stored (a string or a language map) when no language is asked for
  // (the widget picks as the guest switches language), else the text in that language,
  // else the page's (then English, then any).
  const auto text = [&](const json& obj, const char* key) -> json {
    const json* v = wire::member(obj, key);
    if (!v) return "";
    if (language.empty()) return *v;
    return wire::localized_in(v, language, page_lang);
  };
  json out{{"name", text(page, "name")},
           {"description", text(page, "description")},
           {"language", page_lang},
           {"languages", json::array({"en", "ja", "fi", "de", "hu"})},
           {"host_mode", page.value("host_mode", "any")},
           {"enabled", page.value("enabled", true)}};
  if (page.contains("logo")) out["logo"] = page["logo"];
  json hosts = json::array();
  for (const auto& id : page.value("hosts", json::array())) {
    auto h = store.host(id.get<std::string>());
    if (!h) continue;
    auto d = json::parse(h->doc, nullptr, false);
    // The id is the one the availability answer's hosts and a slot's assignment carry, so
    // the widget can name the host a chosen time goes to.
    hosts.push_back({{"id", h->id}, {"name", d.value("name", "")}, {"timezone", d.value("timezone", "")}});
  }
  out["hosts"] = hosts;
  json ets = json::array();
  for (const auto& et : page.value("event_types", json::array())) {
    json e{{"id", et["id"]}, {"name", text(et, "name")}, {"duration_minutes", et["duration_minutes"]}};
    if (et.contains("location")) e["location"] = et["location"];
    if (et.contains("description")) e["description"] = text(et, "description");
    // A location id shows as the office the guest sees (name, address, phone).
    if (auto loc = store.token_doc("location", et.value("location", "")); loc && loc->state == "live") {
      json l = json::parse(loc->doc, nullptr, false);
      if (l.is_object()) {
        l["id"] = loc->id;
        for (const char* k : {"name", "address"})
          if (l.contains(k)) l[k] = text(l, k);
        e["location"] = l;
      }
    }
    ets.push_back(e);
  }
  out["event_types"] = ets;
  return out;
}

}  // namespace kairos::server
