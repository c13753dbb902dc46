// Front-office services shared by the routes, the mail composer and the sweep.
#include "front.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>

#include "auth/tokens.hpp"
#include "bookings.hpp"
#include "delivery_service.hpp"
#include "http/log.hpp"
#include "kairos/email.hpp"
#include "kairos/front_office.hpp"
#include "kairos/time_text.hpp"
#include "kairos/wire/json_mapping.hpp"

namespace kairos::server {

using nlohmann::json;

std::string localized(const json& v, const std::string& language) {
  if (v.is_string()) return v.get<std::string>();
  if (!v.is_object() || v.empty()) return {};
  if (auto it = v.find(language); it != v.end() && it->is_string()) return it->get<std::string>();
  if (auto it = v.find("en"); it != v.end() && it->is_string()) return it->get<std::string>();
  return v.begin()->is_string() ? v.begin()->get<std::string>() : std::string();
}

std::optional<json> find_location(App& app, const std::string& account_id, const std::string& id) {
  if (id.empty()) return std::nullopt;
  auto d = app.store.token_doc("location", id);
  if (!d || d->account_id != account_id || d->state != "live") return std::nullopt;
  json j = json::parse(d->doc, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  j["id"] = d->id;
  return j;
}

std::string location_name(App& app, const std::string& account_id, const std::string& id, const std::string& language) {
  auto loc = id.empty() ? std::nullopt : find_location(app, account_id, id);
  return loc ? localized(loc->value("name", json()), language) : std::string();
}

std::string location_text(App& app, const std::string& account_id, const std::string& location,
                          const std::string& room_id, const std::string& language) {
  std::string out = location;
  if (auto loc = find_location(app, account_id, location)) {
    out = localized(loc->value("name", json()), language);
    const std::string addr = localized(loc->value("address", json()), language);
    if (!addr.empty()) out += ", " + addr;
  }
  if (!room_id.empty()) {
    if (auto room = app.store.room(room_id); room && room->account_id == account_id) {
      out += out.empty() ? room->name : " · " + room->name;
    }
  }
  return out;
}

core::Status check_location(App& app, const std::string& account_id, const std::string& id, const std::string& field) {
  if (id.empty() || find_location(app, account_id, id)) return core::ok_status();
  return core::make_error("unknown_location", "no such location", field);
}

core::Result<std::vector<std::string>> read_labels(App& app, const std::string& account_id, const json& v) {
  if (!v.is_array()) return core::make_error("invalid_type", "expected a list of label ids", "labels");
  if (v.size() > 50) return core::make_error("too_long", "at most 50 labels", "labels");
  std::vector<std::string> out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    auto id = wire::read_string(v[i], wire::field_path("labels", i));
    if (!id) return id.error();
    auto d = app.store.token_doc("label", *id);
    if (!d || d->account_id != account_id || d->state != "live")
      return core::make_error("unknown_label", "no such label", wire::field_path("labels", i));
    if (std::find(out.begin(), out.end(), *id) == out.end()) out.push_back(*id);
  }
  return out;
}

void queue_message(App& app, const std::string& account_id, const std::string& owner, const std::string& key,
                   const std::string& template_key, const std::string& channel, const std::string& recipient,
                   const std::string& subject, const std::string& text, const json& extra) {
  if (recipient.empty()) return;
  json payload{{"prerendered", true}, {"subject", subject}, {"text", text}, {"role", "front"}};
  if (extra.is_object())
    for (auto& [k, v] : extra.items()) payload[k] = v;
  store::OutboxMessage o;
  o.account_id = account_id;
  o.booking_uid = owner;
  o.key = key + ":" + auth::random_token(6);  // never replaces another message
  o.template_key = template_key;
  o.channel = channel;
  o.recipient = recipient;
  o.send_at = app.now().unix_seconds();
  o.state = "scheduled";
  o.payload = payload.dump();
  o.created_at = o.send_at;
  app.store.add_outbox(o);
}

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string suppression_id(const std::string& account_id, const std::string& address) {
  return account_id + ":" + lower(address);
}

}  // namespace

bool suppressed(App& app, const std::string& account_id, const std::string& address) {
  auto d = app.store.token_doc("suppression", suppression_id(account_id, address));
  return d && d->state == "active";
}

// --- the sweep --------------------------------------------------------------------------

namespace {

json settings_of(App& app, const std::string& account_id) {
  auto d = app.store.token_doc("front_settings", account_id);
  json j = d ? json::parse(d->doc, nullptr, false) : json::object();
  return j.is_object() ? j : json::object();
}

std::shared_ptr<const core::ZoneRules> zone_or_utc(App& app, const std::string& id) {
  if (!id.empty())
    if (auto z = app.zones.get(id)) return *z;
  return *app.zones.get("UTC");
}

}  // namespace

std::string inquiry_zone(App& app, const std::string& account_id, const std::string& location) {
  if (auto loc = find_location(app, account_id, location); loc && !loc->value("timezone", "").empty())
    return loc->value("timezone", "");
  const std::string z = settings_of(app, account_id).value("timezone", "");
  return z.empty() ? "UTC" : z;
}

core::LocalDate local_date(App& app, const std::string& zone, core::Instant t) {
  return zone_or_utc(app, zone)->to_local(t).date();
}

json report_items(App& app, const std::string& account_id, core::LocalDate date, const std::string& location) {
  json items = json::array();
  for (const char* st : {"new", "awaiting_reply", "closed", "unconverted"}) {
    for (const auto& d : app.store.token_docs("inquiry", st)) {
      if (d.account_id != account_id) continue;
      json j = json::parse(d.doc, nullptr, false);
      if (!j.is_object()) continue;
      if (!location.empty() && j.value("location", "") != location) continue;
      core::InquiryReportFacts f;
      f.kind = core::parse_inquiry_kind(j.value("kind", "question")).value_or(core::InquiryKind::question);
      f.state = core::parse_inquiry_state(d.state).value_or(core::InquiryState::new_);
      f.received_on = core::parse_date(j.value("received_on", "")).value_or(core::LocalDate());
      if (auto u = core::parse_date(j.value("unconverted_on", "")); u) f.unconverted_on = *u;
      if (!core::in_unconverted_report(f, date)) continue;
      j["id"] = d.id;
      j["state"] = d.state;
      items.push_back(j);
    }
  }
  std::sort(items.begin(), items.end(),
            [](const json& a, const json& b) { return a.value("created", "") < b.value("created", ""); });
  return items;
}

namespace {

void expire_inquiries(App& app) {
  const core::Instant now = app.now();
  for (const auto& d : app.store.token_docs("inquiry", "awaiting_reply")) {
    json j = json::parse(d.doc, nullptr, false);
    if (!j.is_object()) continue;
    auto since = core::parse_date(j.value("awaiting_since", ""));
    if (!since) continue;
    const std::string zone = inquiry_zone(app, d.account_id, j.value("location", ""));
    if (!core::inquiry_expired(*since, local_date(app, zone, now))) continue;
    auto next = core::next_inquiry_state(core::InquiryState::awaiting_reply, core::InquiryEvent::expire);
    if (!next) continue;
    (void)app.store.transact([&]() -> core::Status {
      auto cur = app.store.token_doc("inquiry", d.id);
      if (!cur || cur->state != "awaiting_reply") return core::ok_status();
      json c = json::parse(cur->doc, nullptr, false);
      c["state"] = core::to_string(*next);
      c["unconverted_on"] = core::format_date(core::unconverted_on(*since));
      c["history"].push_back({{"at", core::format_instant(now)}, {"event", "unconverted"}, {"detail", ""}});
      cur->state = core::to_string(*next);
      cur->doc = c.dump();
      cur->updated_at = now.unix_seconds();
      app.store.put_token_doc(*cur);
      return core::ok_status();
    });
  }
}

std::string report_text_items(App& app, const std::string& account_id, const json& items, const std::string& lang) {
  std::string out;
  for (const auto& it : items) {
    std::string loc;
    if (auto l = find_location(app, account_id, it.value("location", ""))) loc = localized(l->value("name", json()), lang);
    const json g = it.value("guest", json::object());
    out += "- " + g.value("name", "") + " <" + g.value("email", "") + ">";
    if (!g.value("phone", "").empty()) out += " " + g.value("phone", "");
    if (!loc.empty()) out += " [" + loc + "]";
    out += " (" + it.value("kind", "") + ", " + it.value("state", "") + ")\n";
    std::string msg = it.value("message", "");
    if (msg.size() > 200) msg = msg.substr(0, 200) + "…";
    out += core::quote_message(msg) + "\n";
  }
  return out;
}

void send_daily_reports(App& app) {
  const core::Instant now = app.now();
  for (const auto& d : app.store.token_docs("front_settings", "live")) {
    json s = json::parse(d.doc, nullptr, false);
    if (!s.is_object() || !s.contains("report_time")) continue;
    auto at = core::parse_time(s.value("report_time", ""));
    if (!at) continue;
    const std::string zone = s.value("timezone", "UTC");
    const core::LocalDateTime local = zone_or_utc(app, zone)->to_local(now);
    std::optional<core::LocalDate> last;
    if (auto l = core::parse_date(s.value("last_report", "")); l) last = *l;
    if (!core::report_due(local, *at, last)) continue;
    const core::LocalDate date = local.date() - core::Days(1);
    const std::string lang = s.value("language", "en");
    (void)app.store.transact([&]() -> core::Status {
      auto cur = app.store.token_doc("front_settings", d.id);
      if (!cur) return core::ok_status();
      json c = json::parse(cur->doc, nullptr, false);
      if (c.value("last_report", "") >= core::format_date(local.date())) return core::ok_status();
      c["last_report"] = core::format_date(local.date());
      cur->doc = c.dump();
      app.store.put_token_doc(*cur);
      const json items = report_items(app, d.account_id, date, "");
      auto text = core::front_text("report.unconverted.staff", lang,
                                   {{"date", core::format_date(date)}, {"count", std::to_string(items.size())},
                                    {"items", report_text_items(app, d.account_id, items, lang)}});
      if (!text) return core::ok_status();
      for (const auto& to : c.value("subscribers", json::array()))
        if (to.is_string())
          queue_message(app, d.account_id, "report:" + core::format_date(date), "report", "report.unconverted.staff",
                        "mail", to.get<std::string>(), text->subject, text->text);
      return core::ok_status();
    });
  }
}

}  // namespace

void front_sweep(App& app) {
  try {
    expire_inquiries(app);
    send_daily_reports(app);
    if (!app.cfg.bounce_imap.empty()) {
      std::size_t n = poll_bounces(app);
      if (n > 0) log::info("bounces matched", {{"reports", n}});
    }
  } catch (const std::exception& e) {
    log::error("front-office sweep failed", {{"error", e.what()}});
  }
}

// --- bounces -------------------------------------------------------------------------------

namespace {

std::size_t write_cb(char* p, std::size_t s, std::size_t n, void* u) {
  static_cast<std::string*>(u)->append(p, s * n);
  return s * n;
}

// One IMAP command over libcurl: the URL names the mailbox (and ";UID=n" for a fetch).
bool imap(const std::string& url, const std::string& custom, std::string& out, std::string& error) {
  CURL* c = curl_easy_init();
  if (!c) return false;
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  if (!custom.empty()) curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, custom.c_str());
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, write_cb);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &out);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 5L);
  const CURLcode rc = curl_easy_perform(c);
  if (rc != CURLE_OK) error = curl_easy_strerror(rc);
  curl_easy_cleanup(c);
  return rc == CURLE_OK;
}

std::string base_mailbox(const std::string& url) {
  // "imap://user:pass@host:port/INBOX" → itself (without a trailing slash).
  std::string u = url;
  while (!u.empty() && u.back() == '/') u.pop_back();
  if (u.find("://") != std::string::npos && u.find('/', u.find("://") + 3) == std::string::npos) u += "/INBOX";
  return u;
}

}  // namespace

std::size_t poll_bounces(App& app) {
  const std::string box = base_mailbox(app.cfg.bounce_imap);
  std::string list, err;
  if (!imap(box, "UID SEARCH UNSEEN", list, err)) {
    log::warn("bounce mailbox unreachable", {{"error", err}});
    return 0;
  }
  // "* SEARCH 3 4 7"
  std::vector<std::string> uids;
  if (auto p = list.find("SEARCH"); p != std::string::npos) {
    std::string rest = list.substr(p + 6);
    std::string cur;
    for (char ch : rest) {
      if (std::isdigit(static_cast<unsigned char>(ch))) cur.push_back(ch);
      else if (!cur.empty()) uids.push_back(cur), cur.clear();
    }
    if (!cur.empty()) uids.push_back(cur);
  }
  std::size_t matched = 0;
  for (const auto& uid : uids) {
    if (uids.size() > 500) break;
    std::string raw;
    if (!imap(box + "/;UID=" + uid, "", raw, err)) continue;
    if (handle_bounce(app, raw)) ++matched;
    std::string ignored;
    imap(box, "UID STORE " + uid + " +FLAGS (\\Seen)", ignored, err);
  }
  return matched;
}

bool handle_bounce(App& app, const std::string& raw) {
  std::string local = app.cfg.bounce_address.substr(0, app.cfg.bounce_address.find('@'));
  const core::DsnReport r = core::parse_dsn(raw, local.empty() ? "bounces" : local);
  if (!r.is_report || !r.failed || !r.message) return false;
  const std::int64_t id = *r.message;
  bool done = false;
  auto st = app.store.transact([&]() -> core::Status {
    // Find the message among its account's outbox rows.
    std::optional<store::OutboxMessage> msg;
    std::string account;
    auto row = app.store.outbox_message(id);
    if (!row) return core::ok_status();
    msg = *row;
    account = msg->account_id;
    const std::string address = r.recipient.empty() ? msg->recipient : r.recipient;
    const std::string bid = "bnc_" + std::to_string(id);
    if (app.store.token_doc("bounce", bid)) {  // the same report read twice
      done = true;
      return core::ok_status();
    }
    const std::string error = "bounced: " + r.status + (r.diagnostic.empty() ? "" : " " + r.diagnostic);
    std::string booking, inquiry, guest_name, guest_phone;
    if (msg->booking_uid.rfind("inquiry:", 0) == 0) {
      inquiry = msg->booking_uid.substr(8);
      if (auto d = app.store.token_doc("inquiry", inquiry)) {
        json j = json::parse(d->doc, nullptr, false);
        guest_name = j["guest"].value("name", "");
        guest_phone = j["guest"].value("phone", "");
        j["delivery_problem"] = {{"address", address}, {"status", r.status}, {"bounce", bid}};
        d->doc = j.dump();
        app.store.put_token_doc(*d);
      }
    } else if (auto b = app.store.booking(msg->booking_uid)) {
      booking = b->uid;
      guest_name = b->guest_name;
      guest_phone = b->guest_phone;
    }
    const auto check = core::check_email(address);
    json doc{{"address", address}, {"message", id}, {"template", msg->template_key}, {"status", r.status},
             {"diagnostic", r.diagnostic}, {"error", error}, {"booking", booking}, {"inquiry", inquiry}, {"guest_name", guest_name},
             {"guest_phone", guest_phone}, {"created", core::format_instant(app.now())}};
    if (check.suggestion) doc["suggestion"] = *check.suggestion;
    const auto now = app.now().unix_seconds();
    app.store.put_token_doc({bid, account, bid, "bounce", "active", doc.dump(), now, now});
    app.store.put_token_doc({suppression_id(account, address), account, "sup:" + suppression_id(account, address),
                             "suppression", "active", json{{"address", address}, {"bounce", bid}}.dump(), now, now});
    // The responsible staff: the booking's hosts, or the inquiry's location staff.
    std::vector<std::string> staff;
    if (auto b = app.store.booking(booking)) {
      for (const auto& h : b->host_ids.empty() ? std::vector<std::string>{b->host_id} : b->host_ids)
        if (auto hr = app.store.host(h)) staff.push_back(json::parse(hr->doc, nullptr, false).value("email", ""));
    }
    for (const auto& s : settings_of(app, account).value("subscribers", json::array()))
      if (s.is_string() && staff.empty()) staff.push_back(s.get<std::string>());
    auto text = core::front_text("delivery.bounced.staff", "en",
                                 {{"guest_name", guest_name}, {"guest_phone", guest_phone}, {"address", address},
                                  {"status", r.status}, {"diagnostic", r.diagnostic},
                                  {"suggestion", check.suggestion.value_or("")}, {"booking", booking},
                                  {"inquiry", inquiry}});
    if (text)
      for (const auto& to : staff)
        if (!to.empty() && lower(to) != lower(address))
          queue_message(app, account, msg->booking_uid, "bounce", "delivery.bounced.staff", "mail", to, text->subject,
                        text->text);
    done = true;
    return core::ok_status();
  });
  if (!st) log::warn("bounce not recorded", {{"error", st.error().message}});
  return done;
}

}  // namespace kairos::server

