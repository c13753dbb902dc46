// Front-office services shared by the routes, the mail composer and the sweep.
#include "front.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>

#include "auth/tokens.hpp"
#include "bookings.hpp"
#include "delivery_service.hpp"
#include "documents.hpp"
#include "http/log.hpp"
#include "kairos/email.hpp"
#include "kairos/front_office.hpp"
#include "kairos/time_text.hpp"
#include "kairos/wire/documents.hpp"
#include "kairos/wire/front_office.hpp"
#include "kairos/wire/lifecycle.hpp"

namespace kairos::server {

using nlohmann::json;

namespace {

// A stored record read back through wire/; a corrupt document is the server's fault and
// must not be papered over with defaults.
template <class T>
T record_from(const store::TokenDoc& d, const char* what, core::Result<T> (*reader)(const wire::Json&, std::string_view)) {
  T r = read_stored(d.doc, reader, std::string(what) + " " + d.id);
  r.id = d.id;
  r.account = d.account_id;
  return r;
}

}  // namespace

core::Location location_from(const store::TokenDoc& d) {
  return record_from<core::Location>(d, "location", wire::read_location_document);
}

core::Label label_from(const store::TokenDoc& d) { return record_from<core::Label>(d, "label", wire::read_label_document); }

core::Inquiry inquiry_from(const store::TokenDoc& d) {
  core::Inquiry q = record_from<core::Inquiry>(d, "inquiry", wire::read_inquiry_document);
  auto state = core::parse_inquiry_state(d.state);
  if (!state) corrupt_document("inquiry " + d.id, state.error());
  q.state = *state;
  q.updated = d.updated_at;
  return q;
}

core::BounceRecord bounce_from(const store::TokenDoc& d) {
  return record_from<core::BounceRecord>(d, "bounce", wire::read_bounce_document);
}

store::TokenDoc bounce_row(const core::BounceRecord& b, const std::string& state, core::Instant created,
                           core::Instant updated) {
  return {b.id, b.account, b.id, "bounce", state, wire::bounce_document(b).dump(), created, updated};
}

store::TokenDoc location_row(const core::Location& l, const std::string& state, core::Instant created, core::Instant updated) {
  return {l.id, l.account, l.id, "location", state, wire::location_document(l).dump(), created, updated};
}

store::TokenDoc label_row(const core::Label& l, const std::string& state, core::Instant created, core::Instant updated) {
  return {l.id, l.account, l.id, "label", state, wire::label_document(l).dump(), created, updated};
}

store::TokenDoc inquiry_row(const core::Inquiry& q) {
  return {q.id,         q.account,  q.id, "inquiry", core::to_string(q.state), wire::inquiry_document(q).dump(),
          q.created,    q.updated};
}

std::vector<store::TokenDoc> account_docs(App& app, const char* kind, const std::vector<const char*>& states,
                                          const std::string& account) {
  std::vector<store::TokenDoc> out;
  for (const char* st : states)
    for (auto& d : app.store.token_docs(kind, st))
      if (d.account_id == account) out.push_back(std::move(d));
  return out;
}

std::optional<core::Location> find_location(App& app, const std::string& account_id, const std::string& id) {
  if (id.empty()) return std::nullopt;
  auto d = app.store.token_doc("location", id);
  if (!d || d->account_id != account_id || d->state != "live") return std::nullopt;
  return location_from(*d);
}

std::string message_owner_location(App& app, const std::string& account_id, const std::string& owner) {
  auto doc_of = [&](const char* kind, const std::string& id) -> std::optional<store::TokenDoc> {
    auto d = app.store.token_doc(kind, id);
    if (!d || d->account_id != account_id) return std::nullopt;
    return d;
  };
  auto booking_location = [&](const std::string& uid) -> std::string {
    auto b = app.store.booking(uid);
    if (!b || b->account_id != account_id) return {};
    return to_core(*b).location;
  };
  const auto colon = owner.find(':');
  if (colon == std::string::npos) return booking_location(owner);
  const std::string kind = owner.substr(0, colon), id = owner.substr(colon + 1);
  if (kind == "inquiry") {
    auto q = find_inquiry(app, account_id, id);
    return q ? q->location : std::string();
  }
  if (kind == "proposal") {
    auto d = doc_of("proposal", id);
    return d ? proposal_from(*d).location : std::string();
  }
  if (kind == "request") {  // a confirmation request: where its first booking takes place
    if (auto d = doc_of("request", id))
      for (const auto& uid : request_from(*d).booking_uids)
        return booking_location(uid);
  }
  return {};
}

std::vector<core::Label> account_labels(App& app, const std::string& account_id) {
  std::vector<core::Label> out;
  for (const auto& d : account_docs(app, "label", {"live"}, account_id)) out.push_back(label_from(d));
  return out;
}

std::optional<core::Inquiry> find_inquiry(App& app, const std::string& account_id, const std::string& id) {
  auto d = app.store.token_doc("inquiry", id);
  if (!d || d->account_id != account_id) return std::nullopt;
  return inquiry_from(*d);
}

core::Result<core::Inquiry> change_inquiry(App& app, const std::string& account_id, const std::string& id,
                                           std::optional<core::InquiryEvent> event, const std::string& detail,
                                           const std::function<core::Status(core::Inquiry&)>& edit) {
  core::Inquiry result;
  auto st = app.store.transact([&]() -> core::Status {
    auto q = find_inquiry(app, account_id, id);
    if (!q) return core::make_error("not_found", "No such inquiry.");
    const core::Instant now = app.now();
    if (event) {
      const core::LocalDate today = local_date(app, inquiry_zone(app, account_id, q->location), now);
      if (auto moved = core::apply_inquiry_event(*q, *event, now, today, detail); !moved) return moved.error();
    }
    if (edit)
      if (auto edited = edit(*q); !edited) return edited.error();
    q->updated = now;
    app.store.put_token_doc(inquiry_row(*q));
    result = std::move(*q);
    return core::ok_status();
  });
  if (!st) return st.error();
  return result;
}

std::string location_name(App& app, const std::string& account_id, const std::string& id, const std::string& language) {
  auto loc = find_location(app, account_id, id);
  return loc ? loc->name.in(language) : std::string();
}

std::string location_text(App& app, const std::string& account_id, const std::string& location,
                          const std::string& room_id, const std::string& language) {
  std::string out = location;
  if (auto loc = find_location(app, account_id, location)) {
    out = loc->name.in(language);
    const std::string addr = loc->address.in(language);
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

core::Status check_labels(App& app, const std::string& account_id, const std::vector<std::string>& ids) {
  for (std::size_t i = 0; i < ids.size(); ++i) {
    auto d = app.store.token_doc("label", ids[i]);
    if (!d || d->account_id != account_id || d->state != "live")
      return core::make_error("unknown_label", "no such label", wire::field_path("labels", i));
  }
  return core::ok_status();
}

core::Result<std::vector<std::string>> read_labels(App& app, const std::string& account_id, const json& v) {
  auto ids = wire::read_id_list(v, "labels", 50);
  if (!ids) return ids.error();
  if (auto st = check_labels(app, account_id, *ids); !st) return st.error();
  return ids;
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
  o.send_at = app.now();
  o.state = store::OutboxState::scheduled;
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

std::shared_ptr<const core::ZoneRules> zone_or_utc(App& app, const std::string& id) {
  if (!id.empty())
    if (auto z = app.zones.get(id)) return *z;
  return *app.zones.get("UTC");
}

}  // namespace

wire::AccountSettings stored_account_settings(App& app, const std::string& account_id) {
  auto d = app.store.token_doc("account_settings", "settings:" + account_id);
  if (!d || d->account_id != account_id) return {};
  return read_stored(d->doc, wire::read_account_settings_document, "account settings " + d->id);
}

void put_account_settings(App& app, const std::string& account_id, const wire::AccountSettings& settings) {
  const auto now = app.now();
  auto cur = app.store.token_doc("account_settings", "settings:" + account_id);
  app.store.put_token_doc({"settings:" + account_id, account_id, "account-settings:" + account_id, "account_settings", "live",
                           wire::account_settings_document(settings).dump(), cur ? cur->created_at : now, now});
}

std::string account_sender(App& app, const std::string& account_id, const std::string& fallback) {
  if (auto s = stored_account_settings(app, account_id).sender_name; !s.empty()) return s;
  if (auto acc = app.store.account_name(account_id); acc && !acc->empty() && *acc != "admin") return *acc;
  return fallback;
}

core::ReportSettings report_settings(App& app, const std::string& account_id) {
  auto d = app.store.token_doc("front_settings", account_id);
  if (!d) return {};
  return read_stored(d->doc, wire::read_report_settings_document, "report settings " + d->id);
}

void put_report_settings(App& app, const std::string& account_id, const core::ReportSettings& s, core::Instant created) {
  app.store.put_token_doc({account_id, account_id, "settings:" + account_id, "front_settings", "live",
                           wire::report_settings_document(s).dump(), created, app.now()});
}

std::string inquiry_zone(App& app, const std::string& account_id, const std::string& location) {
  if (auto loc = find_location(app, account_id, location); loc && !loc->timezone.empty()) return loc->timezone;
  const std::string z = report_settings(app, account_id).timezone;
  return z.empty() ? "UTC" : z;
}

core::LocalDate local_date(App& app, const std::string& zone, core::Instant t) {
  return zone_or_utc(app, zone)->to_local(t).date();
}

std::vector<core::Inquiry> report_items(App& app, const std::string& account_id, core::LocalDate date,
                                        const std::string& location) {
  std::vector<core::Inquiry> items;
  for (const auto& d : account_docs(app, "inquiry", {"new", "awaiting_reply", "closed", "unconverted"}, account_id)) {
    core::Inquiry q = inquiry_from(d);
    if (!location.empty() && q.location != location) continue;
    if (core::in_unconverted_report(core::report_facts(q), date)) items.push_back(std::move(q));
  }
  std::stable_sort(items.begin(), items.end(), [](const auto& a, const auto& b) { return a.created < b.created; });
  return items;
}

namespace {

void expire_inquiries(App& app) {
  const core::Instant now = app.now();
  for (const auto& d : app.store.token_docs("inquiry", "awaiting_reply")) {
    const core::Inquiry q = inquiry_from(d);
    if (!q.awaiting_since ||
        !core::inquiry_expired(*q.awaiting_since, local_date(app, inquiry_zone(app, q.account, q.location), now)))
      continue;
    // Another writer may have answered or closed it meanwhile: then the state machine refuses.
    (void)change_inquiry(app, q.account, q.id, core::InquiryEvent::expire, "");
  }
}

std::string report_text_items(App& app, const std::string& account_id, const std::vector<core::Inquiry>& items,
                              const std::string& lang) {
  std::string out;
  for (const auto& q : items) {
    std::string loc;
    if (auto l = find_location(app, account_id, q.location)) loc = l->name.in(lang);
    out += "- " + q.guest.name + " <" + q.guest.email + ">";
    if (!q.guest.phone.empty()) out += " " + q.guest.phone;
    if (!loc.empty()) out += " [" + loc + "]";
    out += std::string(" (") + core::to_string(q.kind) + ", " + core::to_string(q.state) + ")\n";
    std::string msg = q.message;
    if (msg.size() > 200) msg = msg.substr(0, 200) + "…";
    out += core::quote_message(msg) + "\n";
  }
  return out;
}

void send_daily_reports(App& app) {
  const core::Instant now = app.now();
  for (const auto& d : app.store.token_docs("front_settings", "live")) {
    const core::ReportSettings s = report_settings(app, d.account_id);
    if (!s.report_time) continue;
    const core::LocalDateTime local = zone_or_utc(app, s.timezone)->to_local(now);
    if (!core::report_due(local, *s.report_time, s.last_report)) continue;
    const core::LocalDate date = core::report_date(local.date());
    (void)app.store.transact([&]() -> core::Status {
      core::ReportSettings cur = report_settings(app, d.account_id);
      if (cur.last_report && *cur.last_report >= local.date()) return core::ok_status();
      cur.last_report = local.date();
      put_report_settings(app, d.account_id, cur, d.created_at);
      const auto items = report_items(app, d.account_id, date, "");
      auto text = core::front_text("report.unconverted.staff", cur.language,
                                   {{"date", core::format_date(date)}, {"count", std::to_string(items.size())},
                                    {"items", report_text_items(app, d.account_id, items, cur.language)}});
      if (!text) return core::ok_status();
      for (const auto& to : cur.subscribers)
        queue_message(app, d.account_id, "report:" + core::format_date(date), "report", "report.unconverted.staff",
                      "mail", to, text->subject, text->text);
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
      auto q = change_inquiry(app, account, inquiry, std::nullopt, "", [&](core::Inquiry& found) {
        guest_name = found.guest.name;
        guest_phone = found.guest.phone;
        found.delivery_problem = core::DeliveryProblem{address, r.status, bid};
        return core::ok_status();
      });
      (void)q;  // an inquiry deleted meanwhile: the bounce is still recorded
    } else if (auto b = app.store.booking(msg->booking_uid)) {
      booking = b->uid;
      guest_name = b->guest_name;
      guest_phone = b->guest_phone;
    }
    const auto check = core::check_email(address);
    core::BounceRecord bounce;
    bounce.id = bid;
    bounce.account = account;
    bounce.address = address;
    bounce.message = id;
    bounce.template_key = msg->template_key;
    bounce.status = r.status;
    bounce.diagnostic = r.diagnostic;
    bounce.error = error;
    bounce.booking = booking;
    bounce.inquiry = inquiry;
    bounce.guest_name = guest_name;
    bounce.guest_phone = guest_phone;
    bounce.suggestion = check.suggestion;
    bounce.created = app.now();
    const auto now = app.now();
    app.store.put_token_doc(bounce_row(bounce, "active", now, now));
    app.store.put_token_doc({suppression_id(account, address), account, "sup:" + suppression_id(account, address),
                             "suppression", "active", wire::suppression_document(address, bid).dump(), now, now});
    // The responsible staff: the booking's hosts, or the inquiry's location staff.
    std::vector<std::string> staff;
    if (auto b = app.store.booking(booking)) {
      for (const auto& h : b->host_ids.empty() ? std::vector<std::string>{b->host_id} : b->host_ids)
        if (auto hr = app.store.host(h)) staff.push_back(stored_host(*hr).email);
    }
    if (staff.empty()) staff = report_settings(app, account).subscribers;
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

