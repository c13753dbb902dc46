// JSON of the front office's records; see kairos/wire/front_office.hpp.
#include "kairos/wire/front_office.hpp"

#include <algorithm>
#include <tuple>

#include "kairos/email.hpp"  // check_email
#include "kairos/language.hpp"
#include "kairos/templates.hpp"  // supported_languages
#include "kairos/time_text.hpp"
#include "kairos/wire/lifecycle.hpp"  // read_guest
#include "reading.hpp"

namespace kairos::core {

void to_json(nlohmann::json& j, const LocalizedText& t) {
  if (t.by_language.empty()) j = t.text;
  else j = t.by_language;
}

void to_json(nlohmann::json& j, const Location& l) {
  j = wire::location_document(l);
  j["id"] = l.id;
}

void to_json(nlohmann::json& j, const Label& l) {
  j = wire::label_document(l);
  j["id"] = l.id;
}

void to_json(nlohmann::json& j, const InquiryHistoryEntry& h) {
  j = nlohmann::json{{"at", h.at}, {"event", h.event}, {"detail", h.detail}};
}

void to_json(nlohmann::json& j, const InquiryReply& r) { j = nlohmann::json{{"at", r.at}, {"message", r.message}}; }

void to_json(nlohmann::json& j, const Inquiry& q) {
  j = wire::inquiry_document(q);
  j["id"] = q.id;
  j["state"] = to_string(q.state);
  j["updated"] = q.updated;
}

void to_json(nlohmann::json& j, const ReportSettings& s) {
  j = nlohmann::json{{"report_time", s.report_time ? format_time(*s.report_time) : std::string()},
                     {"timezone", s.timezone},
                     {"language", s.language},
                     {"subscribers", s.subscribers},
                     {"last_report", s.last_report ? format_date(*s.last_report) : std::string()}};
}

}  // namespace kairos::core

namespace kairos::wire {
namespace {

// A member that must be there in a stored document.
Result<const Json*> stored_member(const Json& j, std::string_view key, std::string_view field) {
  const Json* m = member(j, key);
  if (!m) return core::make_error("missing_field", std::string(key) + " is missing", field_path(field, key));
  return m;
}

#define KAIROS_REQUIRE(obj, key, parent, out, reader)                                  \
  if (auto m_ = stored_member(obj, key, parent); !m_) return m_.error();              \
  KAIROS_READ(obj, key, parent, out, reader)

Result<core::InquiryHistoryEntry> read_history_entry(const Json& j, std::string_view field) {
  if (!j.is_object()) return core::make_error("invalid_type", "expected a history entry", std::string(field));
  core::InquiryHistoryEntry h;
  KAIROS_REQUIRE(j, "at", field, h.at, read_instant);
  KAIROS_REQUIRE(j, "event", field, h.event, read_string);
  KAIROS_READ(j, "detail", field, h.detail, read_string);
  return h;
}

Result<core::InquiryReply> read_reply_entry(const Json& j, std::string_view field) {
  if (!j.is_object()) return core::make_error("invalid_type", "expected a reply", std::string(field));
  core::InquiryReply r;
  KAIROS_REQUIRE(j, "at", field, r.at, read_instant);
  KAIROS_READ(j, "message", field, r.message, read_string);
  return r;
}

Result<core::DeliveryProblem> read_delivery_problem(const Json& j, std::string_view field) {
  if (!j.is_object()) return core::make_error("invalid_type", "expected a delivery problem", std::string(field));
  core::DeliveryProblem p;
  KAIROS_READ(j, "address", field, p.address, read_string);
  KAIROS_READ(j, "status", field, p.status, read_string);
  KAIROS_READ(j, "bounce", field, p.bounce, read_string);
  return p;
}

Json guest_document(const core::Guest& g) {
  Json out{{"name", g.name}, {"email", g.email}};
  if (!g.phone.empty()) out["phone"] = g.phone;
  return out;
}

}  // namespace

// --- owner content in several languages ------------------------------------------------

Result<core::LocalizedText> read_localized(const Json& j, std::string_view field) {
  core::LocalizedText t;
  if (j.is_string()) {
    t.text = j.get<std::string>();
    return t;
  }
  if (!j.is_object()) return core::make_error("invalid_type", "a string or a map of language to text", std::string(field));
  for (const auto& [lang, v] : j.items()) {
    auto s = read_string(v, field_path(field, lang));
    if (!s) return s.error();
    t.by_language[lang] = *s;
  }
  return t;
}

Result<core::LocalizedText> read_localized_request(const Json& j, std::string_view field, bool required,
                                                   std::size_t max, bool single_line) {
  const std::string f(field);
  // One text, checked the same way whether it stands alone or is one language's.
  const auto check = [&](const std::string& s, const std::string& at) -> core::Status {
    if (required && s.empty()) return core::make_error("missing_field", f + " must not be empty", at);
    if (s.size() > max) return core::make_error("too_long", f + " is too long", at);
    if (single_line && !is_single_line(s)) return core::make_error("control_character", "a name is one line of text", at);
    return core::ok_status();
  };
  if (j.is_string()) {
    const auto& s = j.get_ref<const std::string&>();
    if (auto st = check(s, f); !st) return st.error();
    return core::LocalizedText{s, {}};
  }
  if (!j.is_object()) return core::make_error("invalid_type", "a string or a map of language to text", f);
  if (j.empty()) return core::make_error("missing_field", f + " needs the text in at least one language", f);
  core::LocalizedText t;
  for (const auto& [lang, v] : j.items()) {
    const std::string at = field_path(field, lang);
    if (!core::is_supported_language(lang))
      return core::make_error("unsupported_language", "languages are en, ja, fi, de, hu", at);
    if (!v.is_string()) return core::make_error("invalid_type", "expected the text in this language", at);
    const auto& s = v.get_ref<const std::string&>();
    // A language given is a text promised: an empty one would show the guest nothing.
    if (s.empty()) return core::make_error("missing_field", f + " must not be empty", at);
    if (auto st = check(s, at); !st) return st.error();
    t.by_language[lang] = s;
  }
  return t;
}

std::string localized_in(const Json* j, std::string_view language, std::string_view fallback) {
  if (j == nullptr) return {};
  auto t = read_localized(*j, "");
  return t ? t->in(language, fallback) : std::string();
}

// --- stored documents ----------------------------------------------------------------

Json location_document(const core::Location& l) {
  return Json{{"name", l.name}, {"address", l.address}, {"phone", l.phone}, {"timezone", l.timezone}};
}

Result<core::Location> read_location_document(const Json& j, std::string_view field) {
  if (!j.is_object()) return core::make_error("invalid_type", "expected a location object", std::string(field));
  core::Location l;
  KAIROS_REQUIRE(j, "name", field, l.name, read_localized);
  KAIROS_READ(j, "address", field, l.address, read_localized);
  KAIROS_READ(j, "phone", field, l.phone, read_string);
  KAIROS_READ(j, "timezone", field, l.timezone, read_string);
  return l;
}

Json label_document(const core::Label& l) {
  Json out{{"name", l.name}, {"kind", core::to_string(l.kind)}, {"color", l.color}};
  if (!l.staff.empty()) out["staff"] = l.staff;
  if (!l.location.empty()) out["location"] = l.location;
  return out;
}

Result<core::Label> read_label_document(const Json& j, std::string_view field) {
  if (!j.is_object()) return core::make_error("invalid_type", "expected a label object", std::string(field));
  core::Label l;
  KAIROS_REQUIRE(j, "name", field, l.name, read_string);
  KAIROS_REQUIRE(j, "kind", field, l.kind, enum_reader<core::LabelKind>(core::parse_label_kind));
  KAIROS_READ(j, "color", field, l.color, read_string);
  KAIROS_READ(j, "staff", field, l.staff, read_string);
  KAIROS_READ(j, "location", field, l.location, read_string);
  return l;
}

Json inquiry_document(const core::Inquiry& q) {
  Json out{{"kind", core::to_string(q.kind)},
           {"page", q.page},
           {"location", q.location},
           {"language", q.language},
           {"guest", guest_document(q.guest)},
           {"message", q.message},
           {"wished_times", q.wished_times},
           {"labels", q.labels},
           {"staff", q.staff},
           {"created", q.created},
           {"received_on", q.received_on},
           {"history", q.history},
           {"replies", q.replies}};
  if (q.awaiting_since) out["awaiting_since"] = *q.awaiting_since;
  if (q.unconverted_on) out["unconverted_on"] = *q.unconverted_on;
  if (!q.booking.empty()) out["booking"] = q.booking;
  if (q.delivery_problem)
    out["delivery_problem"] = Json{{"address", q.delivery_problem->address},
                                   {"status", q.delivery_problem->status},
                                   {"bounce", q.delivery_problem->bounce}};
  return out;
}

Result<core::Inquiry> read_inquiry_document(const Json& j, std::string_view field) {
  if (!j.is_object()) return core::make_error("invalid_type", "expected an inquiry object", std::string(field));
  core::Inquiry q;
  KAIROS_REQUIRE(j, "kind", field, q.kind, enum_reader<core::InquiryKind>(core::parse_inquiry_kind));
  KAIROS_REQUIRE(j, "page", field, q.page, read_string);
  KAIROS_READ(j, "location", field, q.location, read_string);
  KAIROS_READ(j, "language", field, q.language, read_string);
  KAIROS_REQUIRE(j, "guest", field, q.guest, read_guest);
  KAIROS_READ(j, "message", field, q.message, read_string);
  KAIROS_READ(j, "wished_times", field, q.wished_times,
              [](const Json& a, std::string_view f) { return read_array<core::Interval>(a, f, read_interval); });
  KAIROS_READ(j, "labels", field, q.labels, read_strings);
  KAIROS_READ(j, "staff", field, q.staff, read_string);
  KAIROS_REQUIRE(j, "created", field, q.created, read_instant);
  q.updated = q.created;
  KAIROS_REQUIRE(j, "received_on", field, q.received_on, read_date);
  KAIROS_READ(j, "history", field, q.history, [](const Json& a, std::string_view f) {
    return read_array<core::InquiryHistoryEntry>(a, f, read_history_entry);
  });
  KAIROS_READ(j, "replies", field, q.replies,
              [](const Json& a, std::string_view f) { return read_array<core::InquiryReply>(a, f, read_reply_entry); });
  KAIROS_READ(j, "awaiting_since", field, q.awaiting_since, read_date);
  KAIROS_READ(j, "unconverted_on", field, q.unconverted_on, read_date);
  KAIROS_READ(j, "booking", field, q.booking, read_string);
  KAIROS_READ(j, "delivery_problem", field, q.delivery_problem, read_delivery_problem);
  return q;
}

Json bounce_document(const core::BounceRecord& b) {
  Json out{{"address", b.address},       {"message", b.message},         {"template", b.template_key},
           {"status", b.status},         {"diagnostic", b.diagnostic},   {"error", b.error},
           {"booking", b.booking},       {"inquiry", b.inquiry},         {"guest_name", b.guest_name},
           {"guest_phone", b.guest_phone}, {"created", b.created}};
  if (b.suggestion) out["suggestion"] = *b.suggestion;
  if (b.corrected_to) out["corrected_to"] = *b.corrected_to;
  if (b.corrected_at) out["corrected_at"] = *b.corrected_at;
  if (b.resent) out["resent"] = *b.resent;
  return out;
}

Result<core::BounceRecord> read_bounce_document(const Json& j, std::string_view field) {
  if (!j.is_object()) return core::make_error("invalid_type", "expected a bounce object", std::string(field));
  core::BounceRecord b;
  KAIROS_REQUIRE(j, "address", field, b.address, read_string);
  KAIROS_REQUIRE(j, "message", field, b.message, read_int);
  KAIROS_READ(j, "template", field, b.template_key, read_string);
  KAIROS_READ(j, "status", field, b.status, read_string);
  KAIROS_READ(j, "diagnostic", field, b.diagnostic, read_string);
  KAIROS_READ(j, "error", field, b.error, read_string);
  KAIROS_READ(j, "booking", field, b.booking, read_string);
  KAIROS_READ(j, "inquiry", field, b.inquiry, read_string);
  KAIROS_READ(j, "guest_name", field, b.guest_name, read_string);
  KAIROS_READ(j, "guest_phone", field, b.guest_phone, read_string);
  KAIROS_READ(j, "suggestion", field, b.suggestion, read_string);
  KAIROS_REQUIRE(j, "created", field, b.created, read_instant);
  KAIROS_READ(j, "corrected_to", field, b.corrected_to, read_string);
  KAIROS_READ(j, "corrected_at", field, b.corrected_at, read_instant);
  KAIROS_READ(j, "resent", field, b.resent, read_int);
  return b;
}

Json bounce_view(const core::BounceRecord& b, std::string_view state) {
  Json j = bounce_document(b);
  j["id"] = b.id;
  j["state"] = state;
  return j;
}

Json report_settings_document(const core::ReportSettings& s) {
  Json out{{"timezone", s.timezone}, {"language", s.language}, {"subscribers", s.subscribers}};
  if (s.report_time) out["report_time"] = *s.report_time;
  if (s.last_report) out["last_report"] = *s.last_report;
  return out;
}

Result<core::ReportSettings> read_report_settings_document(const Json& j, std::string_view field) {
  if (!j.is_object()) return core::make_error("invalid_type", "expected a settings object", std::string(field));
  core::ReportSettings s;
  KAIROS_READ(j, "report_time", field, s.report_time,
              [](const Json& t, std::string_view f) { return read_time(t, f); });
  KAIROS_READ(j, "timezone", field, s.timezone, read_string);
  KAIROS_READ(j, "language", field, s.language, read_string);
  KAIROS_READ(j, "subscribers", field, s.subscribers, read_strings);
  KAIROS_READ(j, "last_report", field, s.last_report, read_date);
  return s;
}

// --- views -------------------------------------------------------------------------

Json inquiry_view(const core::Inquiry& q, const core::Location* location) {
  Json j = q;
  Json draft{{"page", q.page}, {"guest", guest_document(q.guest)}, {"notes", q.message}};
  if (!q.location.empty()) draft["location"] = q.location;
  if (!q.wished_times.empty()) draft["start"] = q.wished_times.front().start;
  j["booking_draft"] = std::move(draft);
  if (location) j["location_name"] = location->name;
  return j;
}

// --- request bodies ----------------------------------------------------------------

Result<core::Location> read_location_request(const Json& body, core::Location base, bool create) {
  if (!body.is_object()) return core::make_error("invalid_type", "expected an object", "");
  for (auto [key, out, max] : {std::tuple{"name", &base.name, std::size_t{200}},
                               std::tuple{"address", &base.address, std::size_t{500}}}) {
    const Json* v = member(body, key);
    if (!v) {
      if (create) return core::make_error("missing_field", std::string(key) + " is required", key);
      continue;
    }
    auto t = read_localized_request(*v, key, create, max, std::string_view(key) == "name");
    if (!t) return t.error();
    *out = std::move(*t);
  }
  if (const Json* p = member(body, "phone")) {
    auto s = read_string(*p, "phone");
    if (!s) return s.error();
    if (s->size() > 40) return core::make_error("too_long", "phone is too long", "phone");
    base.phone = *s;
  }
  if (const Json* z = member(body, "timezone")) {
    auto s = read_string(*z, "timezone");
    if (!s) return s.error();
    base.timezone = *s;
  }
  return base;
}

namespace {

core::Status read_label_text(const Json& body, core::Label& l) {
  if (const Json* n = member(body, "name")) {
    auto s = read_string(*n, "name");
    if (!s) return s.error();
    l.name = *s;
  }
  if (const Json* c = member(body, "color")) {
    auto s = read_string(*c, "color");
    if (!s) return s.error();
    l.color = *s;
  }
  return core::ok_status();
}

}  // namespace

Result<core::Label> read_label_request(const Json& body) {
  core::Label l;
  auto nj = required(body, "name");
  if (!nj) return nj.error();
  auto kj = required(body, "kind");
  if (!kj) return kj.error();
  if (auto st = read_label_text(body, l); !st) return st.error();
  KAIROS_READ(body, "kind", "", l.kind, enum_reader<core::LabelKind>(core::parse_label_kind));
  // A staff label may name its staff member (host id), a location label its location.
  for (auto [key, out] : {std::pair{"staff", &l.staff}, std::pair{"location", &l.location}})
    if (const Json* v = member(body, key); v && v->is_string()) *out = v->get<std::string>();
  if (auto st = core::check_label(l); !st) return st.error();
  return l;
}

Result<core::Label> read_label_change(const Json& body, core::Label base) {
  if (member(body, "kind")) return core::make_error("immutable_field", "a label keeps its kind", "kind");
  if (auto st = read_label_text(body, base); !st) return st.error();
  if (auto st = core::check_label(base); !st) return st.error();
  return base;
}

Result<std::vector<std::string>> read_id_list(const Json& j, std::string_view field, std::size_t max) {
  const std::string f(field);
  if (!j.is_array()) return core::make_error("invalid_type", "expected a list of ids", f);
  if (j.size() > max) return core::make_error("too_long", "at most " + std::to_string(max) + " ids", f);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < j.size(); ++i) {
    auto id = read_string(j[i], field_path(field, i));
    if (!id) return id.error();
    if (std::find(out.begin(), out.end(), *id) == out.end()) out.push_back(*id);
  }
  return out;
}

std::string inquiry_request_body(const InquiryRequest& r) {
  Json guest{{"name", r.input.name}, {"email", r.input.email}};
  if (!r.input.phone.empty()) guest["phone"] = r.input.phone;
  Json body{{"page", r.page}, {"kind", core::to_string(r.input.kind)}, {"guest", guest}, {"message", r.input.message}};
  if (r.language) body["language"] = *r.language;
  if (r.input.kind == core::InquiryKind::booking_request) {
    Json wished = Json::array();
    for (const core::Interval& w : r.input.wished_times)
      wished.push_back(Json{{"start", core::format_instant(w.start)}, {"end", core::format_instant(w.end)}});
    body["wished_times"] = std::move(wished);
  }
  if (r.location && !r.location->empty()) body["location"] = *r.location;
  return body.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Result<InquiryRequest> read_inquiry_request(const Json& body) {
  InquiryRequest r;
  auto pj = required(body, "page");
  if (!pj) return pj.error();
  auto page = read_string(**pj, "page");
  if (!page) return page.error();
  r.page = *page;
  auto kj = required(body, "kind");
  if (!kj) return kj.error();
  KAIROS_READ(body, "kind", "", r.input.kind, enum_reader<core::InquiryKind>(core::parse_inquiry_kind));
  auto gj = required(body, "guest");
  if (!gj) return gj.error();
  if (!(*gj)->is_object()) return core::make_error("invalid_type", "expected an object", "guest");
  KAIROS_READ(**gj, "name", "guest", r.input.name, read_string);
  KAIROS_READ(**gj, "email", "guest", r.input.email, read_string);
  KAIROS_READ(**gj, "phone", "guest", r.input.phone, read_string);
  KAIROS_READ(body, "message", "", r.input.message, read_string);
  if (const Json* w = member(body, "wished_times")) {
    if (!w->is_array()) return core::make_error("invalid_type", "expected a list of {start, end}", "wished_times");
    if (w->size() > 10) return core::make_error("too_many_times", "at most 10 wished times", "wished_times");
    auto times = read_array<core::Interval>(*w, "wished_times", read_interval);
    if (!times) return times.error();
    r.input.wished_times = std::move(*times);
  }
  if (const Json* l = member(body, "language")) {
    auto s = read_string(*l, "language");
    if (!s) return s.error();
    const auto& langs = core::supported_languages();
    if (std::find(langs.begin(), langs.end(), *s) == langs.end())
      return core::make_error("unsupported_language", "en, ja, fi, de or hu", "language");
    r.language = *s;
  }
  if (const Json* l = member(body, "location")) {
    auto s = read_string(*l, "location");
    if (!s) return s.error();
    r.location = *s;
  }
  return r;
}

Result<InquiryChange> read_inquiry_change(const Json& body) {
  InquiryChange c;
  if (const Json* l = member(body, "labels")) {
    auto ids = read_id_list(*l, "labels", 50);
    if (!ids) return ids.error();
    c.labels = std::move(*ids);
  }
  if (const Json* l = member(body, "location")) {
    auto s = read_string(*l, "location");
    if (!s) return s.error();
    c.location = *s;
  }
  if (const Json* s = member(body, "staff")) {
    auto v = read_string(*s, "staff");
    if (!v) return v.error();
    if (v->size() > 64) return core::make_error("too_long", "staff is an id", "staff");
    c.staff = *v;
  }
  if (const Json* s = member(body, "state")) {
    auto target = enum_reader<core::InquiryState>(core::parse_inquiry_state)(*s, "state");
    if (!target) return target.error();
    auto event = core::event_to_reach(*target);
    if (!event) return event.error();
    c.event = *event;
  }
  return c;
}

Result<core::ReportSettings> read_report_settings_request(const Json& body, core::ReportSettings base) {
  KAIROS_READ(body, "report_time", "", base.report_time,
              [](const Json& t, std::string_view f) { return read_time(t, f); });
  KAIROS_READ(body, "timezone", "", base.timezone, read_string);
  KAIROS_READ(body, "language", "", base.language, read_string);
  if (const Json* list = member(body, "subscribers")) {
    if (!list->is_array() || list->size() > 100)
      return core::make_error("invalid_type", "a list of e-mail addresses", "subscribers");
    base.subscribers.clear();
    for (std::size_t i = 0; i < list->size(); ++i) {
      auto a = read_string((*list)[i], field_path("subscribers", i));
      if (!a) return a.error();
      auto c = core::check_email(*a);
      if (!c.valid) return core::make_error("invalid_email", "not a valid e-mail address", field_path("subscribers", i));
      base.subscribers.push_back(c.address);
    }
  }
  return base;
}

Result<std::string> read_text_member(const Json& body, std::string_view key, std::size_t min, std::size_t max,
                                     std::string_view code) {
  auto v = required(body, key);
  if (!v) return v.error();
  auto s = read_string(**v, key);
  if (!s) return s.error();
  if (s->size() < min || s->size() > max)
    return core::make_error(std::string(code), std::to_string(min) + " to " + std::to_string(max) + " characters",
                            std::string(key));
  return s;
}

Json inquiry_created_view(const core::Inquiry& q) { return Json{{"id", q.id}, {"state", core::to_string(q.state)}}; }

std::string read_inquiry_created(const Json& j) { return string_or_empty(j, "id"); }

Json daily_report_view(core::LocalDate date, const std::string& location, const std::vector<core::Inquiry>& items) {
  return Json{{"date", core::format_date(date)},
              {"location", location.empty() ? Json(nullptr) : Json(location)},
              {"count", items.size()},
              {"items", items}};
}

Json search_view(const std::string& q, std::vector<Json> bookings, std::vector<Json> inquiries) {
  return Json{{"q", q}, {"bookings", Json(std::move(bookings))}, {"inquiries", Json(std::move(inquiries))}};
}

Json manual_message_view(const std::string& booking, const std::string& recipient, std::string_view skipped) {
  Json v{{"booking", booking}, {"recipient", recipient}};
  if (!skipped.empty()) v["skipped"] = skipped;
  return v;
}

Json arrival_view(const ArrivalView& a) {
  Json v{{"status", "arrived"}, {"already", a.already}, {"start", a.when.start}, {"end", a.when.end}, {"hosts", a.hosts}};
  if (a.room) v["room"] = *a.room;
  if (a.location) v["location"] = *a.location;
  return v;
}

}  // namespace kairos::wire
