#include "mail_composer.hpp"

#include <algorithm>

#include "auth/tokens.hpp"
#include "http/log.hpp"
#include "bookings.hpp"
#include "documents.hpp"
#include "front.hpp"
#include "kairos/email.hpp"
#include "kairos/front_office.hpp"
#include "ics.hpp"
#include "staff.hpp"
#include "kairos/templates.hpp"
#include "kairos/time_text.hpp"
#include "kairos/wire/front_office.hpp"
#include "kairos/wire/json_mapping.hpp"
#include "kairos/wire/office.hpp"

namespace kairos::server {
namespace {

using nlohmann::json;
using core::make_error;

// Buttons stay valid for a month after the message was sent, and never less than a
// day past the appointment.
core::Instant link_expiry(core::Instant now, core::Instant appointment_end) {
  const core::Instant month = now + core::Days(31);
  const core::Instant after = appointment_end + core::Days(1);
  return month < after ? after : month;
}

bool starts_with(const std::string& s, std::string_view p) { return s.rfind(p, 0) == 0; }

std::string hex_of(const std::string& s) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : s) {
    out.push_back(digits[c >> 4]);
    out.push_back(digits[c & 15]);
  }
  return out;
}

struct Loaded {
  core::MessageContext ctx;
  std::string zone_id;          // the recipient's zone
  std::string account_id;
  std::string sms_phone;
  std::string subject_id;       // what signed links act on
  core::Interval when{};
  std::string booking_uid;      // for the calendar UID
  std::string organizer_name, organizer_email;
  std::string attendee_name, attendee_email;
  std::vector<core::TemplateOverride> overrides;
  std::int64_t sequence = 0;
  std::string visit_title;      // a proposal visit's calendar title (seed 000), kept by every later copy
};

// `language` is the recipient's: owner content (page and service names, given per
// language or once) reads in it, else in the page's language.
void fill_from_page(App& app, Loaded& l, const std::string& page_id, const std::string& event_type,
                    const std::vector<std::string>& host_ids, const std::string& language) {
  auto page = app.store.page(page_id);
  if (!page) return;
  const wire::PageDocument doc = stored_page(*page);
  const std::string& page_lang = doc.language;
  l.ctx.page_name = doc.name.in(language, page_lang);
  // The visited company is the account (seed 000's [訪問会社名]); a page name is what
  // is booked, not who is visited. Before the owner named the account, the page's.
  // A booking or proposal at one of the account's locations names that location
  // instead (set by the caller after this, see visited_location).
  auto account = app.store.account_name(l.account_id);
  l.ctx.host_company = account && !account->empty() && *account != "admin" ? *account : l.ctx.page_name;
  if (const wire::PageEventType* et = doc.event_type(event_type)) {
    l.ctx.event_name = et->name.in(language, page_lang);
    if (l.ctx.location.empty()) l.ctx.location = location_text(app, l.account_id, et->location, "", language);
  }
  l.overrides = account_template_overrides(app, l.account_id);  // the account's texts, then the page's
  if (doc.templates) l.overrides.insert(l.overrides.end(), doc.templates->begin(), doc.templates->end());
  // Every host of the appointment by name (an added host is news to the guest, seed 000's
  // 担当者(追加)); the first, the responsible one, organizes the calendar event.
  for (const auto& id : host_ids) {
    auto h = app.store.host(id);
    if (!h) continue;
    const wire::HostDocument hd = stored_host(*h);
    if (l.organizer_email.empty()) {
      l.organizer_name = hd.name;
      l.organizer_email = hd.email;
      if (l.zone_id.empty()) l.zone_id = hd.timezone;
    } else {
      l.ctx.host_name += language == "ja" ? "、" : ", ";
    }
    l.ctx.host_name += hd.name;
  }
}

// The visited company of seed 000's subjects (`[訪問会社名]…`): the location's name when
// the appointment is at one of the account's locations, else the account's (above).
void visited_location(App& app, Loaded& l, const std::string& location, const std::string& language) {
  if (auto name = location_name(app, l.account_id, location, language); !name.empty()) l.ctx.host_company = name;
}

std::string host_zone(App& app, const std::string& host_id) {
  auto h = app.store.host(host_id);
  if (!h) return {};
  return stored_host(*h).timezone;
}

core::Result<Loaded> load(App& app, const mail::DeliveryItem& item, const wire::MessagePayload& payload) {
  Loaded l;
  const std::string role = payload.role.value_or("guest");
  const std::string address = payload.address.value_or("");
  const std::string language = payload.language.value_or("en");
  l.account_id = item.account_id;
  if (auto rec = app.store.booking(item.booking_uid)) {
    const core::Booking b = to_core(*rec);
    l.booking_uid = b.uid;
    l.subject_id = b.uid;
    l.when = b.when;
    // The core fills what it knows of the booking for this recipient (their own name
    // for attendees, the previous time after a reschedule, the recorded reason, …).
    core::PlannedMessage pm;
    pm.role = role == "host" ? core::Recipient::host : role == "attendee" ? core::Recipient::attendee
            : role == "recipient" ? core::Recipient::recipient : core::Recipient::guest;
    pm.address = address;
    pm.template_key = item.template_key;
    pm.language = language;
    l.ctx = core::booking_context(b, pm);
    // The office (name and address) and the room, as the guest needs them (seed 000).
    l.ctx.location = location_text(app, item.account_id, b.location, b.room_id, pm.language);
    l.sms_phone = b.guest.phone;
    l.attendee_name = b.guest.name;
    l.attendee_email = b.guest.email;
    l.sequence = b.sequence;  // the booking's change counter (RFC 5546 SEQUENCE)
    if (!b.proposal_id.empty()) l.visit_title = core::visit_calendar_title(b.guest.company, b.guest.name, language);
    if (role == "host") {
      l.zone_id = host_zone(app, address.empty() && !b.host_ids.empty() ? b.host_ids.front() : address);
    } else if (!b.guest.timezone.empty()) {
      l.zone_id = b.guest.timezone;
    }
    fill_from_page(app, l, b.page_id, b.event_type_id, b.host_ids, pm.language);
    visited_location(app, l, b.location, pm.language);
    return l;
  }
  // Messages of a proposal or a confirmation request are stored under "proposal:<id>"
  // or "request:<id>".
  auto owned_id = [&](std::string_view prefix) {
    return starts_with(item.booking_uid, prefix) ? item.booking_uid.substr(prefix.size()) : item.booking_uid;
  };
  if (auto doc = app.store.token_doc("proposal", owned_id("proposal:"))) {
    const core::Proposal p = proposal_from(*doc);
    l.subject_id = doc->id;
    l.ctx.message = p.message;
    l.ctx.guidance = p.message;
    l.ctx.location = location_text(app, item.account_id, p.location, "", language);
    if (!p.guests.empty()) {
      l.ctx.guest_name = p.guests.front().name;
      l.ctx.guest_company = p.guests.front().company;
    }
    l.ctx.appointments = p.candidates;
    if (!p.candidates.empty()) l.ctx.when = p.candidates.front();
    // The guest's own words when asking for other times (R-PROP-5).
    if (item.template_key == "proposal.readjust.host") l.ctx.message = p.readjust_message;
    if (role == "host" && !p.host_ids.empty()) l.zone_id = host_zone(app, address.empty() ? p.host_ids.front() : address);
    fill_from_page(app, l, p.page_id, p.event_type_id, p.host_ids, language);
    visited_location(app, l, p.location, language);
    return l;
  }
  if (auto doc = app.store.token_doc("request", owned_id("request:"))) {
    const core::ConfirmationRequest r = request_from(*doc);
    l.subject_id = doc->id;
    l.ctx.message = r.message;
    l.ctx.reason = r.decline_reason;
    std::string page_id, event_type;
    std::vector<std::string> hosts;
    bool to_a_guest = false;  // is the recipient a guest of one of the appointments?
    for (const auto& uid : r.booking_uids) {
      auto rec = app.store.booking(uid);
      if (!rec) continue;
      const core::Booking b = to_core(*rec);
      if (core::same_address(b.guest.email, address)) to_a_guest = true;
      for (const auto& g : b.other_guests)
        if (core::same_address(g.email, address)) to_a_guest = true;
      l.ctx.appointments.push_back(b.when);
      if (page_id.empty()) {
        page_id = b.page_id;
        event_type = b.event_type_id;
        hosts = b.host_ids;
        l.ctx.guest_name = b.guest.name;
        l.ctx.guest_company = b.guest.company;
        l.ctx.when = b.when;
        if (!b.guest.timezone.empty() && role != "host") l.zone_id = b.guest.timezone;
      }
    }
    // The cancellation of a booking deleted meanwhile names that appointment only.
    if (const auto& gone = payload.gone) {
      l.ctx.when = gone->when;
      l.ctx.appointments = {l.ctx.when};
      l.when = l.ctx.when;
      l.booking_uid = gone->booking;
      if (l.ctx.guest_name.empty()) l.ctx.guest_name = gone->guest_name;
      if (core::same_address(gone->guest_email, address)) to_a_guest = true;
      l.sequence = gone->sequence;
      // Its only booking gone, the request still speaks of it in the guest's zone.
      if (l.zone_id.empty() && role != "host") l.zone_id = gone->guest_timezone;
      if (page_id.empty()) {
        page_id = gone->page;
        event_type = gone->event_type;
      }
    } else if (!l.ctx.appointments.empty()) {
      l.when = l.ctx.when;
    }
    // Another recipient (an office, a colleague) is not greeted by the guest's name:
    // the greeting line goes (it is optional in every request template).
    if (role == "recipient" && !to_a_guest) l.ctx.guest_name.clear();
    fill_from_page(app, l, page_id, event_type, hosts, language);
    return l;
  }
  return make_error("unrenderable", "the booking, proposal or request of this message no longer exists");
}

}  // namespace

std::string calendar_method_for(const std::string& key) {
  if (starts_with(key, "booking.approved.") || starts_with(key, "booking.rescheduled.") ||
      starts_with(key, "booking.updated.") || starts_with(key, "proposal.confirmed.")) {
    return "REQUEST";
  }
  if (starts_with(key, "booking.cancelled.") || starts_with(key, "booking.rejected.") ||
      starts_with(key, "booking.removed.") || starts_with(key, "request.cancelled.")) {
    return "CANCEL";
  }
  return {};
}

std::string action_url(App& app, core::SignedAction a, const std::string& subject, core::Instant now,
                       const std::string& language, const std::string& recipient) {
  const std::string base = app.cfg.public_url;
  if (a == core::SignedAction::book_again) {
    // The booking page of the subject: bookings know their page, proposals too, a
    // request through its first booking. Unknown: no button (never another page).
    std::string page_id;
    if (auto rec = app.store.booking(subject)) {
      page_id = rec->page_id;
    } else if (auto p = app.store.token_doc("proposal", subject)) {
      page_id = proposal_from(*p).page_id;
    } else if (auto r = app.store.token_doc("request", subject)) {
      for (const auto& uid : request_from(*r).booking_uids)
        if (auto b = app.store.booking(uid)) {
          page_id = b->page_id;
          break;
        }
    }
    if (page_id.empty() || !app.store.page(page_id)) return {};
    // The widget opens in the language the mail was written in (the guest's).
    return base + "/widget/?page=" + page_id + (language.empty() ? std::string() : "&lang=" + language);
  }
  std::string signed_subject = subject;
  // A request's answer links name their recipient, so that the core can check who
  // answers (hex: the link format separates its parts with dots).
  if ((a == core::SignedAction::accept || a == core::SignedAction::decline) && !recipient.empty())
    signed_subject.append("~").append(hex_of(recipient));  // (not "~" + …: GCC 12 -Wrestrict false positive)
  server::LinkClaims c{core::to_string(a), signed_subject, link_expiry(now, now), auth::random_token().substr(0, 16)};
  if (auto rec = app.store.booking(subject)) {
    c.expires = link_expiry(now, rec->when.end);
  }
  // The page the link opens speaks the language of the message it came in.
  return base + "/v1/links/" + app.links.sign(c) + (language.empty() ? std::string() : "?lang=" + language);
}

core::Result<std::variant<mail::ComposedMail, mail::SmsMessage>> StoreComposer::compose(const mail::DeliveryItem& item,
                                                                                       core::Instant now) {
  auto read = wire::read_message_payload(item.payload);
  if (!read) {
    log::error("unreadable message payload", {{"message", std::to_string(item.id)}, {"error", read.error().message}});
    return make_error("unrenderable", "the message payload is unreadable");
  }
  const wire::MessagePayload& payload = *read;
  if (item.recipient.empty()) return make_error("no_recipient", "the message has no recipient address");
  if (item.template_key == "system.notice") {
    // Notices of the integrations (a calendar that cannot be read, a webhook disabled):
    // plain text the sender wrote, to the owner or host, not a guest template.
    mail::ComposedMail m;
    m.envelope_from = app_.cfg.mail_from;
    m.recipients = {item.recipient};
    m.message.from = {app_.cfg.mail_name, app_.cfg.mail_from};
    m.message.to = {{"", item.recipient}};
    m.message.subject = payload.subject.value_or("Kairos");
    m.message.text = payload.text.value_or("");
    std::string html = "<pre style=\"font-family:sans-serif;white-space:pre-wrap\">";
    for (char c : m.message.text) html += c == '<' ? std::string("&lt;") : c == '&' ? std::string("&amp;") : std::string(1, c);
    m.message.html = html + "</pre>";
    m.message.message_id = mail::message_id_for(item, app_.cfg.public_domain());
    m.message.date = now;
    m.message.important = payload.important.value_or(false);
    return std::variant<mail::ComposedMail, mail::SmsMessage>(std::move(m));
  }
  if (starts_with(item.template_key, "staff.")) {  // invitations and password resets (staff.cpp)
    auto staff_mail = compose_staff_mail(app_, item, now);
    if (!staff_mail) return staff_mail.error();
    return std::variant<mail::ComposedMail, mail::SmsMessage>(std::move(*staff_mail));
  }
  // No more mail to an address that bounced, until staff correct it (R-INQ-4).
  if (item.channel == "mail" && suppressed(app_, item.account_id, item.recipient))
    return make_error("suppressed", "this address bounced earlier; correct it to send again");
  const std::string envelope = app_.cfg.bounce_address.empty()
                                   ? app_.cfg.mail_from
                                   : core::verp_address(app_.cfg.bounce_address, item.id);
  // The message as sent, once its subject and text are written: an SMS, or a mail from
  // the account's sender name with its bounce envelope.
  auto as_sms = [&](std::string_view text) {
    mail::SmsMessage sms;
    sms.id = mail::message_id_for(item, app_.cfg.public_domain());
    sms.to = item.recipient;
    sms.text = core::sms_text(text);
    return std::variant<mail::ComposedMail, mail::SmsMessage>(std::move(sms));
  };
  auto as_mail = [&](std::string subject, std::string text, std::string html) {
    mail::ComposedMail m;
    m.envelope_from = envelope;
    m.recipients = {item.recipient};
    m.message.from = {account_sender(app_, item.account_id, app_.cfg.mail_name), app_.cfg.mail_from};
    m.message.to = {{"", item.recipient}};
    m.message.subject = std::move(subject);
    m.message.text = std::move(text);
    m.message.html = std::move(html);
    m.message.message_id = mail::message_id_for(item, app_.cfg.public_domain());
    m.message.date = now;
    m.message.important = payload.important.value_or(false);
    return m;
  };
  if (payload.prerendered.value_or(false)) {  // front-office mails are written when queued
    if (item.channel == "sms") return as_sms(payload.text.value_or(""));
    return std::variant<mail::ComposedMail, mail::SmsMessage>(
        as_mail(payload.subject.value_or(""), payload.text.value_or(""), ""));
  }
  // A stored document that does not read back fails this message loudly (logged, and
  // marked failed for staff) instead of taking the delivery worker down.
  core::Result<Loaded> loaded = core::make_error("unrenderable", "");
  try {
    loaded = load(app_, item, payload);
  } catch (const std::exception& e) {
    log::error("unreadable stored document", {{"message", std::to_string(item.id)}, {"error", e.what()}});
    return make_error("unrenderable", e.what());
  }
  if (!loaded) return loaded.error();
  Loaded& l = *loaded;

  // The cache's shared table, held for the length of this message: no copy per mail.
  std::shared_ptr<const core::ZoneRules> zone;
  if (!l.zone_id.empty()) {
    if (auto z = app_.zones.get(l.zone_id)) zone = *z;
  }
  l.ctx.zone = zone.get();
  for (core::SignedAction act : payload.actions.value_or(std::vector<core::SignedAction>{})) {
    std::string url = action_url(app_, act, l.subject_id, now, payload.language.value_or(""), item.recipient);
    if (!url.empty()) l.ctx.links.emplace_back(act, std::move(url));
  }
  const std::string language = payload.language.value_or("en");
  auto rendered = core::render(item.template_key, language, l.ctx, l.overrides);
  if (!rendered) return rendered.error();

  if (item.channel == "sms") return as_sms(rendered->text);

  mail::ComposedMail m = as_mail(rendered->subject, rendered->text, rendered->html);
  const std::string method = calendar_method_for(item.template_key);
  if (!method.empty() && !(l.when.end == core::Instant())) {
    ics::CalendarEvent ev;
    ev.uid = (l.booking_uid.empty() ? l.subject_id : l.booking_uid) + "@" + app_.cfg.public_domain();
    ev.sequence = static_cast<int>(std::min<std::int64_t>(l.sequence, 2000000000));
    ev.method = method == "CANCEL" ? ics::Method::cancel : ics::Method::request;
    ev.when = l.when;
    ev.stamp = now;
    ev.summary = !l.visit_title.empty()                    ? l.visit_title
                 : starts_with(item.template_key, "proposal.") ? core::visit_calendar_title(l.ctx.guest_company,
                                                                                             l.ctx.guest_name, language)
                 : l.ctx.event_name.empty()                    ? rendered->subject
                                                                : l.ctx.event_name;
    ev.description = l.ctx.notes;
    ev.location = l.ctx.location;
    ev.organizer = {l.organizer_name, l.organizer_email.empty() ? app_.cfg.mail_from : l.organizer_email};
    if (!l.attendee_email.empty()) ev.attendees.push_back({l.attendee_name, l.attendee_email});
    m.message.calendar = mail::CalendarPart{method, ics::write_calendar(ev)};
  }
  return std::variant<mail::ComposedMail, mail::SmsMessage>(std::move(m));
}

}  // namespace kairos::server
