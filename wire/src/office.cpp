// JSON of the back office's flows; see kairos/wire/office.hpp.
#include "kairos/wire/office.hpp"

#include <tuple>

#include "kairos/time_text.hpp"

#include "reading.hpp"

namespace kairos::wire {

namespace {

// The members of a booking that its store row holds as columns.
constexpr const char* kBookingColumns[] = {"uid",  "page",   "event_type",   "start",     "end",
                                           "hosts", "room", "status", "checkin_code", "created_at"};

Result<std::string> read_capped(const Json& obj, std::string_view key, std::size_t keep) {
  const Json* v = member(obj, key);
  if (!v) return std::string();
  auto s = read_string(*v, key);
  if (!s) return s.error();
  return s->substr(0, keep);
}

}  // namespace

// --- stored documents ------------------------------------------------------------------

std::string proposal_document(const core::Proposal& p) { return Json(p).dump(); }

Result<core::Proposal> read_proposal_document(std::string_view stored) {
  return read_stored_text(stored, read_proposal, "proposal", "proposal");
}

std::string request_document(const core::ConfirmationRequest& r) { return Json(r).dump(); }

Result<core::ConfirmationRequest> read_request_document(std::string_view stored) {
  return read_stored_text(stored, read_confirmation_request, "request", "request");
}

std::string booking_document(const core::Booking& b) {
  Json d = b;
  for (const char* k : kBookingColumns) d.erase(k);
  return d.dump();
}

Result<core::Booking> read_booking_document(std::string_view stored, const core::Booking& columns) {
  return read_stored_text(
      stored.empty() ? std::string_view("{}") : stored,
      [&](const Json& doc, std::string_view field) {
        Json d = doc;
        const Json c = columns;
        for (const char* k : kBookingColumns)
          if (auto it = c.find(k); it != c.end()) d[k] = *it;
        return read_booking(d, field);
      },
      "booking", "booking");
}

// --- answers ---------------------------------------------------------------------------

Json booking_view(const core::Booking& b, const std::optional<RequestBadge>& request) {
  Json j = b;
  j["host"] = b.host_ids.empty() ? std::string() : b.host_ids.front();
  for (const auto& h : b.history)  // the reception kiosk's check-in (R-PROP-9)
    if (h.event == "arrived") j["arrived_at"] = core::format_instant(h.at);
  if (request) j["request"] = {{"id", request->id}, {"state", core::to_string(request->state)}};
  return j;
}

Json created_booking_view(const core::Booking& b, std::string_view token) {
  Json j{{"uid", b.uid},
         {"status", core::to_string(b.status)},
         {"start", b.when.start},
         {"end", b.when.end},
         {"host", b.host_ids.empty() ? std::string() : b.host_ids.front()},
         {"hosts", b.host_ids},
         {"token", token}};
  if (!b.room_id.empty()) j["room"] = b.room_id;
  if (!b.checkin_code.empty()) j["checkin_code"] = b.checkin_code;
  return j;
}

void add_booking_detail(Json& view, const BookingDetail& d) {
  Json actions = Json::array();
  for (auto a : d.actions) actions.push_back(core::to_string(a));
  view["available_actions"] = std::move(actions);
  if (!d.problems.empty()) {
    Json problems = Json::array();
    for (const auto& p : d.problems) {
      Json j{{"message", p.message}, {"template", p.template_key}, {"channel", p.channel},
             {"recipient", p.recipient}, {"error", p.error}};
      if (p.bounce) j["bounce"] = *p.bounce;
      if (p.status) j["status"] = *p.status;
      if (p.suggestion) j["suggestion"] = *p.suggestion;
      problems.push_back(std::move(j));
    }
    view["delivery_problems"] = std::move(problems);
    view["fallback_phone"] = d.fallback_phone;
  }
  view["version"] = d.version;
}

Json checkin_view(const core::Booking& b, const std::vector<std::string>& host_names, std::string_view room_name) {
  Json out{{"uid", b.uid},
           {"start", b.when.start},
           {"end", b.when.end},
           {"status", core::to_string(b.status)},
           {"hosts", host_names}};
  if (!b.room_id.empty()) {
    out["room"] = b.room_id;
    if (!room_name.empty()) out["room_name"] = room_name;
  }
  return out;
}

Json outbox_message_view(const OutboxMessageView& m) {
  Json j{{"id", m.id},
         {"booking", m.booking},
         {"key", m.key},
         {"template", m.template_key},
         {"channel", m.channel},
         {"recipient", m.recipient},
         {"send_at", m.send_at},
         {"state", m.state},
         {"handed_off", m.handed_off},
         {"attempts", m.attempts}};
  if (!m.last_error.empty()) j["last_error"] = m.last_error;
  if (m.sent_at) j["sent_at"] = *m.sent_at;
  if (auto payload = parse_json(m.payload); payload && payload->is_object()) j["details"] = std::move(*payload);
  return j;
}

BookingSummary read_booking_summary(const Json& j) {
  BookingSummary b;
  for (auto [key, out] : {std::pair{"uid", &b.uid}, std::pair{"status", &b.status}, std::pair{"token", &b.token},
                          std::pair{"page", &b.page}, std::pair{"event_type", &b.event_type},
                          std::pair{"host", &b.host}})
    if (const Json* v = member(j, key); v && v->is_string()) *out = v->get<std::string>();
  if (auto when = read_interval(j, "booking")) b.when = *when;
  return b;
}

BookingSummary read_booking_answer(const Json& j) {
  const Json* b = member(j, "booking");
  return read_booking_summary(b != nullptr ? *b : j);
}

core::Error read_problem(const Json& j) {
  return core::Error{string_or_empty(j, "code"), string_or_empty(j, "detail"), string_or_empty(j, "field")};
}

namespace {
// A guest link's state: "state", else the widget's older word "status".
std::string state_of(const Json& j) {
  std::string st = string_or_empty(j, "state");
  return st.empty() ? string_or_empty(j, "status") : st;
}
}  // namespace

Json proposal_guest_view(const core::Proposal& p, std::string_view state, std::string_view host_name) {
  Json guests = Json::array();
  for (const auto& g : p.guests) guests.push_back({{"name", g.name}, {"company", g.company}});
  return Json{{"id", p.id},
              {"page", p.page_id},
              {"event_type", p.event_type_id},
              {"state", state},
              // The widget's word for the same thing.
              {"status", state == "withdrawn" ? std::string_view("readjusted") : state},
              {"host", host_name},
              {"candidates", p.candidates},
              {"guests", std::move(guests)},
              {"message", p.message},
              {"readjust_message", p.readjust_message},
              {"location", p.location},
              {"language", p.language}};
}

PublicProposal read_public_proposal(const Json& j) {
  PublicProposal p;
  p.state = state_of(j);
  p.message = string_or_empty(j, "message");
  if (const Json* c = member(j, "candidates"); c != nullptr && c->is_array()) {
    for (const Json& x : *c)
      if (auto i = read_interval(x, "candidates")) p.candidates.push_back(*i);
  }
  return p;
}

Json request_view(const core::ConfirmationRequest& r, core::RequestState visible,
                  const std::vector<core::Booking>& bookings, bool for_recipient) {
  Json j = r;
  j["state"] = core::to_string(visible);
  j["status"] = j["state"];
  Json rows = Json::array();
  for (const auto& b : bookings) {
    Json row{{"uid", b.uid},
             {"start", b.when.start},
             {"end", b.when.end},
             {"status", core::to_string(b.status)},
             {"location", b.location},         // lists filter by office
             {"page", b.page_id},              // and name the service
             {"event_type", b.event_type_id}};
    if (!for_recipient) row["guest"] = {{"name", b.guest.name}};  // whose visit (staff lists)
    rows.push_back(std::move(row));
  }
  j["bookings"] = std::move(rows);
  if (for_recipient) {  // the link's holder sees the appointments, not the other addresses
    j.erase("recipients");
    j.erase("recipient_languages");
  }
  return j;
}

PublicRequest read_public_request(const Json& j) {
  PublicRequest r;
  r.state = state_of(j);
  r.message = string_or_empty(j, "message");
  if (const Json* a = member(j, "allow_decline"); a != nullptr && a->is_boolean()) r.allow_decline = a->get<bool>();
  if (const Json* list = member(j, "bookings"); list != nullptr && list->is_array()) {
    for (const Json& b : *list) r.bookings.push_back(read_booking_summary(b));
  }
  return r;
}

Json request_answer_view(const core::ConfirmationRequest& r) {
  Json j = r;
  j.erase("recipients");
  j.erase("recipient_languages");
  return j;
}

// --- the widget's browser events --------------------------------------------------------

Json loaded_event(const std::string& page, std::string_view screen) { return Json{{"page", page}, {"screen", screen}}; }

Json slot_selected_event(const core::Interval& when, const std::string& timezone) {
  return Json{{"start", when.start}, {"end", when.end}, {"timezone", timezone}};
}

Json booking_successful_event(const std::string& uid, const std::string& status, const core::Interval& when) {
  return Json{{"uid", uid}, {"status", status}, {"start", when.start}, {"end", when.end}};
}

Json booking_failed_event(const std::string& code, int status) { return Json{{"code", code}, {"status", status}}; }

Json inquiry_sent_event(const std::string& id, bool booking_request) {
  return Json{{"id", id}, {"kind", booking_request ? "booking_request" : "question"}};
}

// --- request bodies --------------------------------------------------------------------

Result<std::vector<std::string>> read_string_list(const Json& body, std::string_view key, bool is_required,
                                                  std::size_t max) {
  const Json* m = member(body, key);
  if (!m) {
    if (is_required) return core::make_error("missing_field", std::string(key) + " is required", std::string(key));
    return std::vector<std::string>{};
  }
  if (!m->is_array() || m->size() > max)
    return core::make_error("invalid_type", "expected a list of strings", std::string(key));
  return read_strings(*m, key);
}

namespace {

Result<std::string> opt_text(const Json& obj, const char* key, std::string_view field, std::size_t max) {
  const Json* m = member(obj, key);
  if (!m) return std::string();
  auto s = read_string(*m, field);
  if (!s) return s.error();
  if (s->size() > max) return core::make_error("too_long", "the text is too long", std::string(field));
  return s;
}

Result<std::string> required_text(const Json& body, const char* key) {
  auto v = required(body, key);
  if (!v) return v.error();
  return read_string(**v, key);
}

}  // namespace

Result<core::Guest> read_guest_request(const Json& body) {
  const Json* gj = member(body, "guest");
  if (!gj) return core::make_error("missing_field", "guest is required", "guest");
  if (!gj->is_object()) return core::make_error("invalid_type", "expected an object", "guest");
  core::Guest guest;
  auto name = opt_text(*gj, "name", "guest.name", 200);
  if (!name) return name.error();
  if (name->empty()) return core::make_error("missing_field", "the guest's name is required", "guest.name");
  if (!is_single_line(*name)) return core::make_error("control_character", "a name is one line of text", "guest.name");
  guest.name = std::move(*name);
  auto email = opt_text(*gj, "email", "guest.email", 320);
  if (!email) return email.error();
  if (email->empty()) return core::make_error("missing_field", "the guest's e-mail is required", "guest.email");
  auto check = core::check_email(*email);
  if (!check.valid) {
    std::string detail = "not a valid e-mail address";
    if (check.suggestion) detail += "; did you mean " + *check.suggestion + "?";
    return core::make_error("invalid_email", detail, "guest.email");
  }
  guest.email = check.address;
  for (auto [key, field, max, out] : {std::tuple{"phone", "guest.phone", 40, &guest.phone},
                                      std::tuple{"company", "guest.company", 200, &guest.company},
                                      std::tuple{"timezone", "guest.timezone", 64, &guest.timezone},
                                      std::tuple{"language", "guest.language", 16, &guest.language}}) {
    auto v = opt_text(*gj, key, field, static_cast<std::size_t>(max));
    if (!v) return v.error();
    *out = std::move(*v);
  }
  return guest;
}

Result<BookingRequest> read_booking_request(const Json& body) {
  BookingRequest r;
  auto page = required_text(body, "page");
  if (!page) return page.error();
  r.page = std::move(*page);
  auto et = required_text(body, "event_type");
  if (!et) return et.error();
  r.event_type = std::move(*et);
  auto start_j = required(body, "start");
  if (!start_j) return start_j.error();
  auto start = read_instant(**start_j, "start");
  if (!start) return start.error();
  r.start = *start;
  auto guest = read_guest_request(body);
  if (!guest) return guest.error();
  r.guest = std::move(*guest);
  auto notes = opt_text(body, "notes", "notes", 5000);
  if (!notes) return notes.error();
  r.notes = std::move(*notes);
  return r;
}

Result<core::Proposal> read_proposal_request(const Json& body) {
  core::Proposal p;
  for (auto [key, out] : {std::pair{"page", &p.page_id}, std::pair{"event_type", &p.event_type_id}}) {
    auto v = required(body, key);
    if (!v) return v.error();
    auto s = read_string(**v, key);
    if (!s) return s.error();
    *out = *s;
  }
  auto host_j = required(body, "host");
  if (!host_j) return host_j.error();
  auto host = read_string(**host_j, "host");
  if (!host) return host.error();
  p.host_ids = {*host};
  auto cands = required(body, "candidates");
  if (!cands) return cands.error();
  if (!(*cands)->is_array() || (*cands)->size() > 50)
    return core::make_error("invalid_type", "expected a list of at most 50 {start, end}", "candidates");
  auto candidates = read_array<core::Interval>(**cands, "candidates", read_interval);
  if (!candidates) return candidates.error();
  p.candidates = std::move(*candidates);
  auto rooms = read_string_list(body, "rooms", false);
  if (!rooms) return rooms.error();
  p.room_ids = std::move(*rooms);
  const Json* guests = member(body, "guests");
  if (!guests) return core::make_error("missing_field", "guests is required", "guests");
  if (!guests->is_array() || guests->size() > 50)
    return core::make_error("invalid_type", "expected a list of guests", "guests");
  for (std::size_t i = 0; i < guests->size(); ++i) {
    const Json& g = (*guests)[i];
    const std::string f = field_path("guests", i);
    if (!g.is_object()) return core::make_error("invalid_type", "expected an object", f);
    core::ProposalGuest pg;
    for (auto [key, out] : {std::pair{"name", &pg.name}, std::pair{"company", &pg.company},
                            std::pair{"email", &pg.email}, std::pair{"language", &pg.language}}) {
      const Json* v = member(g, key);
      if (!v) continue;
      auto s = read_string(*v, field_path(f, key));
      if (!s) return s.error();
      *out = s->substr(0, 320);
    }
    p.guests.push_back(std::move(pg));
  }
  for (auto [key, out] : {std::pair{"message", &p.message}, std::pair{"location", &p.location}}) {
    auto s = read_capped(body, key, 5000);
    if (!s) return s.error();
    *out = std::move(*s);
  }
  KAIROS_READ(body, "send_mail", "", p.send_mail, read_bool);
  if (const Json* v = member(body, "visibility")) {
    auto s = read_string(*v, "visibility");
    if (!s) return s.error();
    auto vis = core::parse_visibility(*s);
    if (!vis) return core::make_error(vis.error().code, vis.error().message, "visibility");
    p.visibility = *vis;
  }
  return p;
}

Result<core::Instant> read_proposal_choice(const Json& body) {
  auto s = required(body, "start");
  if (!s) return s.error();
  return read_instant(**s, "start");
}

namespace {
std::string body_text(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }
}  // namespace

std::string booking_request_body(const BookingRequest& r) {
  Json guest{{"name", r.guest.name}, {"email", r.guest.email}};
  for (auto [key, value] : {std::pair{"phone", &r.guest.phone}, std::pair{"company", &r.guest.company},
                            std::pair{"timezone", &r.guest.timezone}, std::pair{"language", &r.guest.language}})
    if (!value->empty()) guest[key] = *value;
  Json body{{"page", r.page}, {"event_type", r.event_type}, {"start", core::format_instant(r.start)}, {"guest", guest}};
  if (!r.notes.empty()) body["notes"] = r.notes;
  return body_text(body);
}
std::string start_body(core::Instant start) { return body_text(Json{{"start", core::format_instant(start)}}); }
std::string message_body(const std::string& message) { return body_text(Json{{"message", message}}); }
std::string reason_body(const std::string& reason) { return body_text(Json{{"reason", reason}}); }

Result<std::string> read_readjust_request(const Json& body) { return read_capped(body, "message", 2000); }

Result<core::ConfirmationRequest> read_request_draft(const Json& body) {
  auto uids = read_string_list(body, "bookings", true);
  if (!uids) return uids.error();
  auto recipients = read_string_list(body, "recipients", true);
  if (!recipients) return recipients.error();
  core::ConfirmationRequest draft;
  draft.booking_uids = std::move(*uids);
  draft.recipients = std::move(*recipients);
  KAIROS_READ(body, "allow_decline", "", draft.allow_decline, read_bool);
  auto message = read_capped(body, "message", 5000);
  if (!message) return message.error();
  draft.message = std::move(*message);
  return draft;
}

std::string read_reason(const Json& body) {
  const Json* v = member(body, "reason");
  return v && v->is_string() ? v->get<std::string>().substr(0, 2000) : std::string();
}

Result<std::optional<std::int64_t>> read_edit_version(const Json& body) {
  const Json* v = member(body, "version");
  if (!v) return std::optional<std::int64_t>();
  if (!v->is_number_integer()) return core::make_error("invalid_type", "expected an integer", "version");
  return std::optional<std::int64_t>(v->get<std::int64_t>());
}

Result<std::optional<std::string>> read_edit_location(const Json& body) {
  const Json* l = member(body, "location");
  if (!l) return std::optional<std::string>();
  auto id = read_string(*l, "location");
  if (!id) return id.error();
  return std::optional<std::string>(std::move(*id));
}

RequestAnswer read_request_answer(const Json& body) {
  RequestAnswer a;
  a.reason = read_reason(body);
  if (const Json* v = member(body, "email"); v && v->is_string()) a.email = v->get<std::string>();
  return a;
}

// --- outbox payloads -------------------------------------------------------------------

Json message_payload(const MessagePayload& p) {
  Json j = Json::object();
  if (p.role) j["role"] = *p.role;
  if (p.address) j["address"] = *p.address;
  if (p.language) j["language"] = *p.language;
  if (p.actions) {
    Json a = Json::array();
    for (auto act : *p.actions) a.push_back(core::to_string(act));
    j["actions"] = std::move(a);
  }
  if (p.important) j["important"] = *p.important;
  if (p.prerendered) j["prerendered"] = *p.prerendered;
  if (p.subject) j["subject"] = *p.subject;
  if (p.text) j["text"] = *p.text;
  if (p.gone) {
    j["booking"] = p.gone->booking;
    j["start"] = p.gone->when.start;
    j["end"] = p.gone->when.end;
    j["guest_name"] = p.gone->guest_name;
    j["sequence"] = p.gone->sequence;
    if (!p.gone->guest_timezone.empty()) j["guest_timezone"] = p.gone->guest_timezone;
    if (!p.gone->page.empty()) j["page"] = p.gone->page;
    if (!p.gone->event_type.empty()) j["event_type"] = p.gone->event_type;
    if (!p.gone->guest_email.empty()) j["guest_email"] = p.gone->guest_email;
  }
  return j;
}

MessagePayload planned_payload(const core::PlannedMessage& m) {
  MessagePayload p;
  p.role = core::to_string(m.role);
  p.address = m.address;
  p.language = m.language;
  p.actions = m.actions;
  p.important = m.important;
  return p;
}

Result<MessagePayload> read_message_payload(std::string_view stored) {
  const auto reader = [](const Json& j, std::string_view field) -> Result<MessagePayload> {
    MessagePayload p;
    auto text = [&](const char* key, std::optional<std::string>& out) -> core::Status {
      if (const Json* v = member(j, key)) {
        auto s = read_string(*v, field_path(field, key));
        if (!s) return s.error();
        out = std::move(*s);
      }
      return core::ok_status();
    };
    auto flag = [&](const char* key, std::optional<bool>& out) -> core::Status {
      if (const Json* v = member(j, key)) {
        auto b = read_bool(*v, field_path(field, key));
        if (!b) return b.error();
        out = *b;
      }
      return core::ok_status();
    };
    for (auto [key, out] : {std::pair{"role", &p.role}, std::pair{"address", &p.address},
                            std::pair{"language", &p.language}, std::pair{"subject", &p.subject},
                            std::pair{"text", &p.text}})
      if (auto st = text(key, *out); !st) return st.error();
    for (auto [key, out] : {std::pair{"important", &p.important}, std::pair{"prerendered", &p.prerendered}})
      if (auto st = flag(key, *out); !st) return st.error();
    if (const Json* a = member(j, "actions")) {
      auto words = read_strings(*a, field_path(field, "actions"));
      if (!words) return words.error();
      p.actions.emplace();
      for (const auto& w : *words)
        if (auto act = core::parse_signed_action(w)) p.actions->push_back(*act);
    }
    if (const Json* b = member(j, "booking")) {
      GoneAppointment g;
      auto uid = read_string(*b, field_path(field, "booking"));
      if (!uid) return uid.error();
      g.booking = std::move(*uid);
      auto when = read_interval(j, field);
      if (!when) return when.error();
      g.when = *when;
      KAIROS_READ(j, "guest_name", field, g.guest_name, read_string);
      KAIROS_READ(j, "sequence", field, g.sequence, read_int);
      for (auto [name, out] : {std::pair{"guest_timezone", &g.guest_timezone}, std::pair{"page", &g.page},
                               std::pair{"event_type", &g.event_type}, std::pair{"guest_email", &g.guest_email}}) {
        if (const Json* v = member(j, name)) {
          auto s = read_string(*v, field_path(field, name));
          if (!s) return s.error();
          *out = std::move(*s);
        }
      }
      p.gone = std::move(g);
    }
    return p;
  };
  return read_stored_text(stored, reader, "message payload", "message payload");
}

Json proposal_created_view(const std::string& id, const std::string& token, const std::string& url) {
  return Json{{"id", id}, {"token", token}, {"url", url}};
}

Json request_created_view(const std::string& id, core::Instant send_at, const std::string& token,
                          const std::string& url, const std::vector<std::pair<std::string, std::string>>& recipient_urls) {
  Json per = Json::object();
  for (const auto& [to, link] : recipient_urls) per[to] = link;
  return Json{{"id", id}, {"send_at", send_at}, {"token", token}, {"url", url}, {"recipient_urls", per}};
}

Json state_view(std::string_view state) { return Json{{"state", state}}; }

Json proposal_admin_view(const core::Proposal& p, const std::string& id, std::string_view state,
                         core::Instant created_at, core::Instant updated_at) {
  Json d = p;
  d["id"] = id;
  d["state"] = state;
  d["created_at"] = created_at;
  d["updated_at"] = updated_at;
  return d;
}

}  // namespace kairos::wire
