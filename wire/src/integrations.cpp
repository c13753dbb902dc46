// JSON of the integrations; see kairos/wire/integrations.hpp.
#include "kairos/wire/integrations.hpp"

#include <algorithm>

#include "reading.hpp"

namespace kairos::wire {

namespace {

Json or_null(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }
Json or_null(const std::optional<core::Instant>& t) { return t ? Json(*t) : Json(nullptr); }

// A member that is absent or null is not given.
const Json* given(const Json& body, std::string_view key) {
  const Json* m = member(body, key);
  return m && !m->is_null() ? m : nullptr;
}

Result<std::string> calendar_name(const Json& n) {
  if (!n.is_string() || n.get_ref<const std::string&>().empty() || n.get_ref<const std::string&>().size() > 200)
    return core::make_error("invalid_type", "name must be a non-empty string of at most 200 characters", "name");
  return n.get<std::string>();
}

Result<CalendarSettings> calendar_settings(const Json& body) {
  CalendarSettings s;
  if (const Json* b = member(body, "busy")) {
    if (!b->is_boolean()) return core::make_error("invalid_type", "busy must be true or false", "busy");
    s.busy = b->get<bool>();
  }
  if (const Json* m = member(body, "refresh_minutes")) {
    if (!m->is_number_integer() || m->get<long>() < 5 || m->get<long>() > 10080)
      return core::make_error("invalid_refresh", "refresh_minutes is 5 to 10080", "refresh_minutes");
    s.refresh_minutes = static_cast<int>(m->get<long>());
  }
  return s;
}

// A webhook's event types: a non-empty list of `known` names or "*", kept once each.
Result<std::vector<std::string>> webhook_events(const Json& ev, const std::vector<std::string>& known) {
  if (!ev.is_array() || ev.empty())
    return core::make_error("invalid_events", "events is a non-empty list of event types", "events");
  std::vector<std::string> events;
  for (const auto& e : ev) {
    if (!e.is_string()) return core::make_error("invalid_events", "event types are strings", "events");
    const std::string t = e.get<std::string>();
    if (t != "*" && std::find(known.begin(), known.end(), t) == known.end())
      return core::make_error("unknown_event", "no such event type: " + t.substr(0, 60), "events");
    if (std::find(events.begin(), events.end(), t) == events.end()) events.push_back(t);
  }
  return events;
}

Result<std::string> webhook_url(const Json& u) {
  if (!u.is_string()) return core::make_error("invalid_type", "url must be a string", "url");
  return u.get<std::string>();
}

}  // namespace

// --- calendar subscriptions --------------------------------------------------------------

Json calendar_view(const CalendarView& c, core::Instant now) {
  Json v{{"id", c.id},
         {"host", c.host},
         {"name", c.name},
         {"busy", c.busy},
         {"source", c.url.empty() ? "upload" : "url"},
         {"refresh_minutes", c.refresh_minutes},
         {"events", c.events},
         {"failures", c.failures},
         {"last_error", or_null(c.last_error)},
         {"last_fetched", or_null(c.last_fetched)},
         {"last_attempt", or_null(c.last_attempt)}};
  if (!c.url.empty()) v["url"] = c.url;
  // Stale: the last attempt failed (the last good copy is in use) or nothing was ever read.
  v["stale"] = !c.url.empty() && (c.failures > 0 || !c.last_fetched);
  v["age_seconds"] = c.last_fetched ? Json(now.unix_seconds() - c.last_fetched->unix_seconds()) : Json(nullptr);
  v["busy_blocks"] = c.busy_blocks;
  return v;
}

std::string calendar_blocks_document(const std::vector<core::BusyBlock>& blocks) {
  Json t = Json::array(), d = Json::array();
  for (const auto& b : blocks) {
    if (b.all_day) d.push_back(b.date.days_since_epoch());
    else t.push_back(Json::array({b.when.start.unix_seconds(), b.when.end.unix_seconds()}));
  }
  return Json{{"t", std::move(t)}, {"d", std::move(d)}}.dump();
}

Result<std::vector<core::BusyBlock>> read_calendar_blocks(std::string_view stored) {
  std::vector<core::BusyBlock> out;
  if (stored.empty()) return out;
  auto corrupt = [](std::string what) {
    return core::make_error("corrupt_document", "calendar blocks document: " + what, "blocks");
  };
  auto j = parse_json(stored);
  if (!j || !j->is_object()) return corrupt("not a JSON object");
  if (const Json* t = member(*j, "t")) {
    if (!t->is_array()) return corrupt("t is not a list");
    for (const auto& iv : *t) {
      if (!iv.is_array() || iv.size() != 2 || !iv[0].is_number_integer() || !iv[1].is_number_integer())
        return corrupt("a timed block is not [start, end]");
      const core::Interval when{core::Instant::from_unix_seconds(iv[0].get<std::int64_t>()),
                                core::Instant::from_unix_seconds(iv[1].get<std::int64_t>())};
      if (!(when.start < when.end)) return corrupt("a timed block ends before it starts");
      out.push_back(core::BusyBlock::timed(when));
    }
  }
  if (const Json* d = member(*j, "d")) {
    if (!d->is_array()) return corrupt("d is not a list");
    for (const auto& day : *d) {
      if (!day.is_number_integer() || day.get<std::int64_t>() < -1000000 || day.get<std::int64_t>() > 1000000)
        return corrupt("a day is not a day number");
      out.push_back(core::BusyBlock::whole_day(core::LocalDate::from_days(day.get<std::int32_t>())));
    }
  }
  return out;
}

Result<CalendarRequest> read_calendar_request(const Json& body) {
  CalendarRequest r;
  const Json* name = member(body, "name");
  if (!name) return core::make_error("missing_field", "name is required", "name");
  auto n = calendar_name(*name);
  if (!n) return n.error();
  r.name = std::move(*n);
  const Json* url = given(body, "url");
  const Json* ics = given(body, "ics");
  if ((url != nullptr) == (ics != nullptr))
    return core::make_error("invalid_source", "give exactly one of url (a subscription) or ics (an upload)", "url");
  auto settings = calendar_settings(body);
  if (!settings) return settings.error();
  r.settings = *settings;
  if (url) {
    if (!url->is_string()) return core::make_error("invalid_type", "url must be a string", "url");
    std::string u = url->get<std::string>();
    // The addresses calendar apps hand out often say webcal: — it is https.
    if (u.rfind("webcal://", 0) == 0) u = "https://" + u.substr(9);
    r.url = std::move(u);
  } else {
    if (!ics->is_string()) return core::make_error("invalid_type", "ics must be the text of an .ics file", "ics");
    r.ics = ics->get<std::string>();
  }
  return r;
}

Result<CalendarChange> read_calendar_change(const Json& body) {
  CalendarChange c;
  if (const Json* n = member(body, "name")) {
    auto name = calendar_name(*n);
    if (!name) return name.error();
    c.name = std::move(*name);
  }
  auto settings = calendar_settings(body);
  if (!settings) return settings.error();
  c.settings = *settings;
  return c;
}

// --- feeds ---------------------------------------------------------------------------------

Json feed_view(const FeedView& f) {
  Json j{{"id", f.id}, {"url", f.url}, {"scope", f.scope}, {"target", or_null(f.target)}};
  if (f.created) j["created"] = *f.created;
  return j;
}

Result<FeedRequest> read_feed_request(const Json& body) {
  const Json* host = given(body, "host");
  const Json* room = given(body, "room");
  const Json* account = given(body, "account");
  if ((host != nullptr) + (room != nullptr) + (account != nullptr) != 1)
    return core::make_error("invalid_scope", "give exactly one of host, room or account: true", "host");
  if (host) {
    if (!host->is_string()) return core::make_error("invalid_type", "host is a host id", "host");
    return FeedRequest{"host", host->get<std::string>()};
  }
  if (room) {
    if (!room->is_string()) return core::make_error("invalid_type", "room is a room id", "room");
    return FeedRequest{"room", room->get<std::string>()};
  }
  if (!account->is_boolean() || !account->get<bool>())
    return core::make_error("invalid_scope", "account must be true", "account");
  return FeedRequest{"account", ""};
}

// --- webhooks ------------------------------------------------------------------------------

Json webhook_view(const WebhookView& w) {
  return Json{{"id", w.id},
              {"url", w.url},
              {"events", w.events},
              {"notify_email", or_null(w.notify_email)},
              {"enabled", w.enabled},
              {"failures", w.failures},
              {"disabled_reason", or_null(w.disabled_reason)},
              {"created", w.created}};
}

Result<WebhookRequest> read_webhook_request(const Json& body, const std::vector<std::string>& known) {
  WebhookRequest r;
  const Json* url = member(body, "url");
  if (!url) return core::make_error("missing_field", "url is required", "url");
  auto u = webhook_url(*url);
  if (!u) return u.error();
  r.url = std::move(*u);
  const Json* ev = member(body, "events");
  if (!ev) return core::make_error("missing_field", "events is required", "events");
  auto events = webhook_events(*ev, known);
  if (!events) return events.error();
  r.events = std::move(*events);
  if (const Json* s = given(body, "secret")) {
    if (!s->is_string() || s->get_ref<const std::string&>().size() < 16 || s->get_ref<const std::string&>().size() > 200)
      return core::make_error("invalid_secret", "secret is 16 to 200 characters", "secret");
    r.secret = s->get<std::string>();
  }
  if (const Json* n = given(body, "notify_email")) {
    if (!n->is_string() || n->get_ref<const std::string&>().find('@') == std::string::npos ||
        n->get_ref<const std::string&>().size() > 320)
      return core::make_error("invalid_email", "notify_email is an e-mail address", "notify_email");
    r.notify_email = n->get<std::string>();
  }
  return r;
}

Result<WebhookChange> read_webhook_change(const Json& body, const std::vector<std::string>& known) {
  WebhookChange c;
  if (const Json* u = member(body, "url")) {
    auto url = webhook_url(*u);
    if (!url) return url.error();
    c.url = std::move(*url);
  }
  if (const Json* ev = member(body, "events")) {
    auto events = webhook_events(*ev, known);
    if (!events) return events.error();
    c.events = std::move(*events);
  }
  if (const Json* e = member(body, "enabled")) {
    if (!e->is_boolean()) return core::make_error("invalid_type", "enabled must be true or false", "enabled");
    c.enabled = e->get<bool>();
  }
  return c;
}

Json delivery_view(const DeliveryView& d) {
  const bool scheduled = d.state == "scheduled";
  return Json{{"id", std::to_string(d.id)},
              {"event", d.event},
              {"type", d.type},
              {"subject", d.subject},
              {"state", scheduled ? (d.attempts > 0 ? "retrying" : "pending") : d.state},
              {"attempts", d.attempts},
              {"last_error", or_null(d.last_error)},
              {"created", d.created},
              {"delivered", or_null(d.delivered)},
              {"next_attempt", scheduled ? or_null(d.next_attempt) : Json(nullptr)}};
}

std::string webhook_event(std::string_view id, std::string_view type, core::Instant created, const Json& data) {
  return Json{{"id", id}, {"type", type}, {"created", created}, {"data", data}}.dump();
}

std::string sms_gateway_body(std::string_view id, std::string_view to, std::string_view text) {
  return Json{{"id", id}, {"to", to}, {"text", text}}.dump();
}

Json rescheduled_data(Json booking_view, const core::Interval& previous) {
  booking_view["previous"] = previous;
  return booking_view;
}

Json redelivery_view(std::int64_t id) { return Json{{"id", std::to_string(id)}, {"state", "pending"}}; }

Json webhook_created_view(const WebhookView& w, const std::string& secret) {
  Json v = webhook_view(w);
  v["secret"] = secret;
  return v;
}

Json calendar_refresh_view(const std::string& id) { return Json{{"id", id}, {"refresh", "queued"}}; }

Json clock_view(core::Instant now) { return Json{{"now", now}}; }

Json tick_view(core::Instant now, const PassCounts& mail, const PassCounts& webhooks) {
  return Json{{"now", now},
              {"sent", mail.sent},
              {"retried", mail.retried},
              {"failed", mail.failed},
              {"webhooks", {{"sent", webhooks.sent}, {"retried", webhooks.retried}, {"failed", webhooks.failed}}}};
}

}  // namespace kairos::wire
