// JSON for the lifecycle values; see kairos/wire/lifecycle.hpp.
#include "kairos/wire/lifecycle.hpp"

#include <algorithm>

#include "reading.hpp"

namespace kairos::core {

void to_json(nlohmann::json& j, const Guest& g) {
  j = nlohmann::json{{"name", g.name},       {"email", g.email},       {"phone", g.phone},
                     {"company", g.company}, {"timezone", g.timezone}, {"language", g.language}};
}

void to_json(nlohmann::json& j, const HistoryEntry& h) {
  j = nlohmann::json{{"at", h.at}, {"actor", to_string(h.actor)}, {"event", h.event}, {"detail", h.detail}};
}

void to_json(nlohmann::json& j, const Booking& b) {
  j = nlohmann::json{{"uid", b.uid},
                     {"page", b.page_id},
                     {"event_type", b.event_type_id},
                     {"start", b.when.start},
                     {"end", b.when.end},
                     {"hosts", b.host_ids},
                     {"room", b.room_id},
                     {"status", to_string(b.status)},
                     {"no_show", b.no_show},
                     {"guest", b.guest},
                     {"other_guests", b.other_guests},
                     {"notes", b.notes},
                     {"location", b.location},
                     {"guidance", b.guidance},
                     {"checkin_code", b.checkin_code},
                     {"proposal", b.proposal_id},
                     {"request_id", b.request_id},
                     {"send_mail", b.send_mail},
                     {"visibility", to_string(b.visibility)},
                     {"tray", b.tray},
                     {"labels", b.labels},
                     {"sequence", b.sequence},
                     {"created_at", b.created_at},
                     {"history", b.history}};
}

void to_json(nlohmann::json& j, const PlannedMessage& m) {
  nlohmann::json actions = nlohmann::json::array();
  for (SignedAction a : m.actions) actions.push_back(to_string(a));
  j = nlohmann::json{{"key", m.key},
                     {"role", to_string(m.role)},
                     {"address", m.address},
                     {"template", m.template_key},
                     {"language", m.language},
                     {"channel", to_string(m.channel)},
                     {"send_at", m.send_at},
                     {"actions", std::move(actions)},
                     {"important", m.important}};
}

void to_json(nlohmann::json& j, const NotificationSettings& s) {
  nlohmann::json offsets = nlohmann::json::array();
  for (Minutes m : s.reminder_offsets) offsets.push_back(m.count());
  j = nlohmann::json{{"reminder_offsets_minutes", std::move(offsets)},
                     {"sms_reminders", s.sms_reminders},
                     {"host_reminders", s.host_reminders},
                     {"follow_up_after_minutes", s.follow_up_after ? nlohmann::json(s.follow_up_after->count())
                                                                   : nlohmann::json()},
                     {"no_show_mail", s.no_show_mail},
                     {"auto_approve", s.auto_approve},
                     {"default_language", s.default_language},
                     {"host_language", s.host_language}};
}

void to_json(nlohmann::json& j, const Transition& t) {
  j = nlohmann::json{{"booking", t.booking}, {"messages", t.messages}, {"cancel_key_prefixes", t.cancel_key_prefixes}};
}

void to_json(nlohmann::json& j, const ProposalGuest& g) {
  j = nlohmann::json{{"name", g.name}, {"company", g.company}, {"email", g.email}, {"language", g.language}};
}

void to_json(nlohmann::json& j, const Proposal& p) {
  j = nlohmann::json{{"id", p.id},
                     {"page", p.page_id},
                     {"event_type", p.event_type_id},
                     {"hosts", p.host_ids},
                     {"candidates", p.candidates},
                     {"rooms", p.room_ids},
                     {"guests", p.guests},
                     {"message", p.message},
                     {"location", p.location},
                     {"send_mail", p.send_mail},
                     {"visibility", to_string(p.visibility)},
                     {"language", p.language},
                     {"state", to_string(p.state)}};
  if (!p.readjust_message.empty()) j["readjust_message"] = p.readjust_message;
  // What the slot engine blocks while the proposal is open (derived; readers ignore it).
  j["holds"] = proposal_holds(p);
}

void to_json(nlohmann::json& j, const ChangeSet& c) { j = c.names(); }

void to_json(nlohmann::json& j, const ConfirmationRequest& r) {
  j = nlohmann::json{{"id", r.id},
                     {"bookings", r.booking_uids},
                     {"recipients", r.recipients},
                     {"allow_decline", r.allow_decline},
                     {"message", r.message},
                     {"language", r.language},
                     {"recipient_languages", r.recipient_languages},
                     {"created_at", r.created_at},
                     {"send_at", r.send_at},
                     {"state", to_string(r.state)},
                     {"responded_by", r.responded_by},
                     {"decline_reason", r.decline_reason}};
  if (!r.responded_by.empty()) j["responded_at"] = r.responded_at;
}

void to_json(nlohmann::json& j, const RequestOutcome& o) {
  j = nlohmann::json{{"request", o.request},
                     {"bookings", o.bookings},
                     {"messages", o.messages},
                     {"cancel_key_prefixes", o.cancel_key_prefixes}};
}

void to_json(nlohmann::json& j, const EmailCheck& c) {
  j = nlohmann::json{{"valid", c.valid}, {"address", c.address}};
  if (!c.error.empty()) j["code"] = c.error;
  if (c.suggestion) j["suggestion"] = *c.suggestion;
}

void to_json(nlohmann::json& j, const RenderedMessage& m) {
  j = nlohmann::json{{"subject", m.subject}, {"text", m.text}, {"html", m.html}};
}

}  // namespace kairos::core

namespace kairos::wire {

Result<core::Guest> read_guest(const Json& j, std::string_view field) {
  if (!j.is_object()) return core::make_error("invalid_type", "expected a guest object", std::string(field));
  core::Guest g;
  KAIROS_READ(j, "name", field, g.name, read_string);
  KAIROS_READ(j, "email", field, g.email, read_string);
  KAIROS_READ(j, "phone", field, g.phone, read_string);
  KAIROS_READ(j, "company", field, g.company, read_string);
  KAIROS_READ(j, "timezone", field, g.timezone, read_string);
  KAIROS_READ(j, "language", field, g.language, read_string);
  return g;
}

Result<core::Booking> read_booking(const Json& j, std::string_view field) {
  if (!j.is_object()) return core::make_error("invalid_type", "expected a booking object", std::string(field));
  core::Booking b;
  auto when = read_interval(j, field);
  if (!when) return when.error();
  b.when = *when;
  KAIROS_READ(j, "uid", field, b.uid, read_string);
  KAIROS_READ(j, "page", field, b.page_id, read_string);
  KAIROS_READ(j, "event_type", field, b.event_type_id, read_string);
  KAIROS_READ(j, "hosts", field, b.host_ids, read_strings);
  KAIROS_READ(j, "room", field, b.room_id, read_string);
  KAIROS_READ(j, "status", field, b.status, enum_reader<core::BookingStatus>(core::parse_booking_status));
  KAIROS_READ(j, "no_show", field, b.no_show, read_bool);
  KAIROS_READ(j, "guest", field, b.guest, read_guest);
  KAIROS_READ(j, "other_guests", field, b.other_guests,
              [](const Json& a, std::string_view f) { return read_array<core::Guest>(a, f, read_guest); });
  KAIROS_READ(j, "notes", field, b.notes, read_string);
  KAIROS_READ(j, "location", field, b.location, read_string);
  KAIROS_READ(j, "guidance", field, b.guidance, read_string);
  KAIROS_READ(j, "checkin_code", field, b.checkin_code, read_string);
  KAIROS_READ(j, "proposal", field, b.proposal_id, read_string);
  KAIROS_READ(j, "request_id", field, b.request_id, read_string);
  KAIROS_READ(j, "send_mail", field, b.send_mail, read_bool);
  KAIROS_READ(j, "visibility", field, b.visibility, enum_reader<core::Visibility>(core::parse_visibility));
  KAIROS_READ(j, "tray", field, b.tray, read_string);
  KAIROS_READ(j, "labels", field, b.labels, read_strings);
  KAIROS_READ(j, "sequence", field, b.sequence, read_int);
  KAIROS_READ(j, "created_at", field, b.created_at, read_instant);
  if (const Json* h = member(j, "history")) {
    if (!h->is_array()) return core::make_error("invalid_type", "expected an array", field_path(field, "history"));
    for (std::size_t i = 0; i < h->size(); ++i) {
      const std::string f = field_path(field_path(field, "history"), i);
      core::HistoryEntry e;
      auto at = required((*h)[i], "at");
      if (!at) return core::make_error("missing_field", "this field is required", field_path(f, "at"));
      auto t = read_instant(**at, field_path(f, "at"));
      if (!t) return t.error();
      e.at = *t;
      KAIROS_READ((*h)[i], "actor", f, e.actor, enum_reader<core::Actor>(core::parse_actor));
      KAIROS_READ((*h)[i], "event", f, e.event, read_string);
      KAIROS_READ((*h)[i], "detail", f, e.detail, read_string);
      b.history.push_back(std::move(e));
    }
  }
  return b;
}

Result<core::NotificationSettings> read_notification_settings(const Json& j, std::string_view field) {
  core::NotificationSettings s;
  if (j.is_null()) return s;
  if (!j.is_object()) return core::make_error("invalid_type", "expected a settings object", std::string(field));
  if (const Json* o = member(j, "reminder_offsets_minutes")) {
    const std::string f = field_path(field, "reminder_offsets_minutes");
    if (!o->is_array()) return core::make_error("invalid_type", "expected an array of minutes", f);
    s.reminder_offsets.clear();
    for (std::size_t i = 0; i < o->size(); ++i) {
      auto m = read_int((*o)[i], field_path(f, i));
      if (!m) return m.error();
      if (*m < 0) return core::make_error("invalid_offset", "a reminder offset cannot be negative", field_path(f, i));
      s.reminder_offsets.push_back(core::Minutes(*m));
    }
  }
  KAIROS_READ(j, "sms_reminders", field, s.sms_reminders, read_bool);
  KAIROS_READ(j, "host_reminders", field, s.host_reminders, read_bool);
  if (const Json* f = member(j, "follow_up_after_minutes")) {
    auto m = read_int(*f, field_path(field, "follow_up_after_minutes"));
    if (!m) return m.error();
    s.follow_up_after = core::Minutes(*m);
  }
  KAIROS_READ(j, "no_show_mail", field, s.no_show_mail, read_bool);
  KAIROS_READ(j, "auto_approve", field, s.auto_approve, read_bool);
  KAIROS_READ(j, "default_language", field, s.default_language, read_string);
  KAIROS_READ(j, "host_language", field, s.host_language, read_string);
  return s;
}

Result<core::Proposal> read_proposal(const Json& j, std::string_view field) {
  if (!j.is_object()) return core::make_error("invalid_type", "expected a proposal object", std::string(field));
  core::Proposal p;
  KAIROS_READ(j, "id", field, p.id, read_string);
  KAIROS_READ(j, "page", field, p.page_id, read_string);
  KAIROS_READ(j, "event_type", field, p.event_type_id, read_string);
  KAIROS_READ(j, "hosts", field, p.host_ids, read_strings);
  KAIROS_READ(j, "candidates", field, p.candidates,
              [](const Json& a, std::string_view f) { return read_array<core::Interval>(a, f, read_interval); });
  KAIROS_READ(j, "rooms", field, p.room_ids, read_strings);
  auto read_pguest = [](const Json& g, std::string_view f) -> Result<core::ProposalGuest> {
    auto guest = read_guest(g, f);
    if (!guest) return guest.error();
    return core::ProposalGuest{guest->name, guest->company, guest->email, guest->language};
  };
  KAIROS_READ(j, "guests", field, p.guests,
              [&](const Json& a, std::string_view f) { return read_array<core::ProposalGuest>(a, f, read_pguest); });
  KAIROS_READ(j, "message", field, p.message, read_string);
  KAIROS_READ(j, "location", field, p.location, read_string);
  KAIROS_READ(j, "send_mail", field, p.send_mail, read_bool);
  KAIROS_READ(j, "visibility", field, p.visibility, enum_reader<core::Visibility>(core::parse_visibility));
  KAIROS_READ(j, "language", field, p.language, read_string);
  KAIROS_READ(j, "readjust_message", field, p.readjust_message, read_string);
  KAIROS_READ(j, "state", field, p.state, enum_reader<core::ProposalState>(core::parse_proposal_state));
  return p;
}

Result<core::ConfirmationRequest> read_confirmation_request(const Json& j, std::string_view field) {
  if (!j.is_object()) return core::make_error("invalid_type", "expected a request object", std::string(field));
  core::ConfirmationRequest r;
  KAIROS_READ(j, "id", field, r.id, read_string);
  KAIROS_READ(j, "bookings", field, r.booking_uids, read_strings);
  KAIROS_READ(j, "recipients", field, r.recipients, read_strings);
  KAIROS_READ(j, "allow_decline", field, r.allow_decline, read_bool);
  KAIROS_READ(j, "message", field, r.message, read_string);
  KAIROS_READ(j, "language", field, r.language, read_string);
  KAIROS_READ(j, "recipient_languages", field, r.recipient_languages, read_strings);
  KAIROS_READ(j, "created_at", field, r.created_at, read_instant);
  KAIROS_READ(j, "send_at", field, r.send_at, read_instant);
  KAIROS_READ(j, "state", field, r.state, enum_reader<core::RequestState>(core::parse_request_state));
  KAIROS_READ(j, "responded_by", field, r.responded_by, read_string);
  KAIROS_READ(j, "responded_at", field, r.responded_at, read_instant);
  KAIROS_READ(j, "decline_reason", field, r.decline_reason, read_string);
  return r;
}

Result<core::NotificationSettings> read_page_notifications(const Json& j, std::string_view field,
                                                           core::NotificationSettings s) {
  if (j.is_null()) return s;
  if (!j.is_object()) return core::make_error("invalid_type", "expected an object", std::string(field));
  if (const Json* r = member(j, "reminders_minutes")) {
    const std::string f = field_path(field, "reminders_minutes");
    if (!r->is_array() || r->size() > 5)
      return core::make_error("invalid_type", "expected up to 5 reminder offsets in minutes", f);
    s.reminder_offsets.clear();
    for (std::size_t i = 0; i < r->size(); ++i) {
      auto m = read_int((*r)[i], field_path(f, i));
      if (!m) return m.error();
      if (*m < 1 || *m > 43200) return core::make_error("out_of_range", "between 1 and 43200 minutes", field_path(f, i));
      s.reminder_offsets.push_back(core::Minutes(*m));
    }
  }
  KAIROS_READ(j, "sms_reminders", field, s.sms_reminders, read_bool);
  KAIROS_READ(j, "host_reminders", field, s.host_reminders, read_bool);
  KAIROS_READ(j, "no_show_mail", field, s.no_show_mail, read_bool);
  if (const Json* f = member(j, "follow_up_minutes")) {
    auto m = read_int(*f, field_path(field, "follow_up_minutes"));
    if (!m) return m.error();
    if (*m < 0 || *m > 43200)
      return core::make_error("out_of_range", "between 0 and 43200 minutes", field_path(field, "follow_up_minutes"));
    s.follow_up_after = core::Minutes(*m);
  }
  if (const Json* h = member(j, "host_language")) {
    auto v = read_string(*h, field_path(field, "host_language"));
    if (!v) return v.error();
    const auto& langs = core::supported_languages();
    if (std::find(langs.begin(), langs.end(), *v) == langs.end())
      return core::make_error("unsupported_language", "one of en, ja, fi, de, hu", field_path(field, "host_language"));
    s.host_language = *v;
  }
  return s;
}

Result<core::BookingEdit> read_booking_edit(const Json& j) {
  if (!j.is_object()) return core::make_error("invalid_type", "expected an object", "");
  core::BookingEdit e;
  for (auto [key, out] : {std::pair{"start", &e.start}, std::pair{"end", &e.end}}) {
    if (const Json* m = member(j, key)) {
      auto t = read_instant(*m, key);
      if (!t) return t.error();
      *out = *t;
    }
  }
  if (const Json* hs = member(j, "hosts")) {
    if (!hs->is_array() || hs->empty())
      return core::make_error("invalid_type", "expected a non-empty list of host ids", "hosts");
    e.hosts.emplace();
    for (std::size_t i = 0; i < hs->size(); ++i) {
      auto id = read_string((*hs)[i], field_path("hosts", i));
      if (!id) return id.error();
      e.hosts->push_back(*id);
    }
  }
  if (const Json* rm = member(j, "room")) {
    auto id = read_string(*rm, "room");
    if (!id) return id.error();
    if (id->empty()) return core::make_error("unknown_room", "not a room of this event type", "room");
    e.room = *id;
  }
  if (const Json* g = member(j, "guidance")) {
    auto s = read_string(*g, "guidance");
    if (!s) return s.error();
    if (s->size() > 5000) return core::make_error("too_long", "at most 5000 characters", "guidance");
    e.guidance = *s;
  }
  if (const Json* gs = member(j, "guests")) {
    if (!gs->is_array() || gs->empty())
      return core::make_error("invalid_type", "expected a non-empty list of guests", "guests");
    e.guests.emplace();
    for (std::size_t i = 0; i < gs->size(); ++i) {
      const std::string f = field_path("guests", i);
      const Json& g = (*gs)[i];
      if (!g.is_object() || !member(g, "email") || !(*member(g, "email")).is_string())
        return core::make_error("invalid_type", "each guest needs an e-mail", f);
      auto guest = read_guest(g, f);
      if (!guest) return guest.error();
      guest->timezone.clear();  // the booking's guest keeps theirs (core::edited)
      guest->language.clear();
      e.guests->push_back(*guest);
    }
  }
  if (const Json* m = member(j, "send_mail")) {
    auto b = read_bool(*m, "send_mail");
    if (!b) return b.error();
    e.send_mail = *b;
  }
  if (const Json* m = member(j, "visibility")) {
    auto v = enum_reader<core::Visibility>(core::parse_visibility)(*m, "visibility");
    if (!v) return v.error();
    e.visibility = *v;
  }
  if (const Json* m = member(j, "notify")) {
    auto b = read_bool(*m, "notify");
    if (!b) return b.error();
    e.notify = *b;
  }
  return e;
}

#undef KAIROS_READ

}  // namespace kairos::wire
