// Default texts of every message Kairos sends, in English, Japanese, Finnish, German and
// Hungarian, with owner overrides. A template is a subject and a body with placeholders
// such as {guest_name} or {when}; rendering fills them with the message context, writes
// times on the recipient's zone and in the recipient's language, and produces a text and
// an HTML body in which every user-supplied value is escaped. Seed 000 fixes some
// subjects exactly, e.g. "[{host_company}] Your appointment has been confirmed".
//
// Placeholders: {guest_name} {guest_company} {host_name} {host_company} {page_name}
// {event_name} {location} {guidance} {reception_code} {reason} {message} {notes}
// {when} {previous_when} {appointments} {actions}. {when} is the appointment's time in
// the recipient's language and zone, followed by the zone id; {appointments} lists
// every appointment of a confirmation request, one per line; {actions} becomes the
// buttons (one line "Label: URL" per link in text, an <a> per link in HTML). An unknown
// placeholder is left as written. A body line starting with "?" is optional: it is left
// out when all its placeholders are empty (the "?" itself is never shown). Subjects
// never contain line breaks, whatever the values hold.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kairos/booking.hpp"
#include "kairos/notify.hpp"
#include "kairos/result.hpp"
#include "kairos/time.hpp"
#include "kairos/zone.hpp"

namespace kairos::core {

struct MessageContext {
  std::string guest_name;
  std::string guest_company;
  std::string host_name;
  std::string host_company;
  std::string page_name;
  std::string event_name;
  std::string location;
  std::string guidance;        // the host's guidance text (proposals)
  std::string reception_code;
  std::string reason;          // cancellation / rejection / decline reason
  std::string message;         // a free message (re-adjust request, edited request text)
  std::string notes;           // the guest's notes on the booking
  Interval when;
  std::vector<Interval> appointments;     // confirmation requests: every appointment asked about
  std::optional<Interval> previous_when;  // reschedules and updates
  const ZoneRules* zone = nullptr;        // the recipient's zone; nullptr = UTC
  std::vector<std::pair<SignedAction, std::string>> links;  // signed URLs, in button order
};

struct RenderedMessage {
  std::string subject;
  std::string text;
  std::string html;
  friend bool operator==(const RenderedMessage&, const RenderedMessage&) = default;
};

// An owner's replacement for one template in one language. Either part may be empty to
// keep the default.
struct TemplateOverride {
  std::string template_key;
  std::string language;
  std::string subject;
  std::string body;
};

// The default text of a template in one language, as written (placeholders unfilled):
// what the owner console shows as the starting point of an override.
struct TemplateText {
  std::string_view subject;
  std::string_view body;
};
std::optional<TemplateText> default_template(std::string_view template_key, std::string_view language);

// The languages with default texts.
const std::vector<std::string>& supported_languages();  // en ja fi de hu
// Every template key with default texts, e.g. "booking.approved.guest".
const std::vector<std::string>& template_keys();

// The placeholders render() fills, e.g. "guest_name" (without braces).
const std::vector<std::string>& placeholders();
// An owner's subject or body: every {name} of lower-case letters, digits and "_" must be
// one of placeholders() (a typo would otherwise reach guests as written). Other braces
// are text. Error: "unknown_placeholder" on `field`, the detail naming it.
Status check_placeholders(std::string_view text, std::string_view field);

// Renders a message. An unsupported language falls back to English. Errors:
// "unknown_template".
Result<RenderedMessage> render(std::string_view template_key, std::string_view language, const MessageContext& ctx,
                               const std::vector<TemplateOverride>& overrides = {});

// The text an SMS carries: at most kSmsMaxBytes bytes of `text`, cut before a character
// that would not fit whole (a Japanese reminder is three bytes a character; cutting
// inside one sent invalid UTF-8 to the gateway).
inline constexpr std::size_t kSmsMaxBytes = 600;
std::string sms_text(std::string_view text);

// The values the core knows for a message `m` about booking `b`: the recipient's name
// (an attendee's own name, otherwise the booking's guest), the guest's company, the
// time (and the previous time after a reschedule), place, guidance, notes, reception
// code, and the reason recorded by a cancellation or rejection. The caller adds what
// only it knows: host and page names, the account's company, the recipient's zone and
// the signed links for m.actions.
MessageContext booking_context(const Booking& b, const PlannedMessage& m);

// The time of an appointment as the recipient reads it, e.g.
//   en "Monday, March 9, 2026, 9:00 AM – 9:30 AM"   ja "2026年3月9日(月) 9:00〜9:30"
//   fi "maanantai 9.3.2026 klo 9.00–9.30"          de "Montag, 9. März 2026, 09:00–09:30 Uhr"
//   hu "2026. március 9., hétfő 9:00–9:30"
std::string format_when(const Interval& when, const ZoneRules& zone, std::string_view language);

// The label of a button in a language ("Cancel booking", "予約をキャンセル", ...).
std::string action_label(SignedAction a, std::string_view language);

// The title of the calendar event of a proposal visit (seed 000): "Visit: {company}:
// {name}" / "来訪: {company}:{name} 様" ...
std::string visit_calendar_title(const std::string& guest_company, const std::string& guest_name,
                                 std::string_view language);

// The texts of the pages a mail's links open (GET/POST /v1/links/…), in the language of
// the mail the link came in: a guest who clicked "Peruuta ajanvaraus" reads Finnish on.
enum class LinkPageText : std::uint8_t {
  status, done, done_request, done_booking, expired, expired_hint, used, used_hint,
  invalid, invalid_hint, gone, gone_hint, nothing_to_do, already_changed, failed
};
// done_booking holds "{status}", for status_label().
std::string link_page_text(LinkPageText t, std::string_view language);
// A booking's state as people read it (seed 001's names: "Odottaa", "Hyväksytty", …).
std::string status_label(BookingStatus s, std::string_view language);

std::string escape_html(std::string_view text);

}  // namespace kairos::core
