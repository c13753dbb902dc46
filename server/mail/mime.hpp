// Builds the RFC 5322 / MIME text of a booking mail: multipart/alternative (plain
// text + HTML), plus a text/calendar part when the message carries an invitation or
// a cancellation. Non-ASCII headers use RFC 2047 encoded words; bodies are base64 so
// any language survives every relay unchanged.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kairos/time.hpp"

namespace kairos::server::mail {

struct Address {
  std::string name;
  std::string email;
};

struct CalendarPart {
  std::string method;  // "REQUEST" | "CANCEL"
  std::string ics;     // the VCALENDAR text (CRLF lines)
};

struct MailMessage {
  Address from;
  std::vector<Address> to;
  std::string subject;
  std::string text;
  std::string html;
  std::optional<CalendarPart> calendar;
  // Stable per planned message, so a retried delivery is recognisably the same mail.
  std::string message_id;  // without angle brackets, e.g. "outbox-42@kairos.example"
  core::Instant date;
  bool important = false;  // adds Importance/X-Priority headers
};

// The full message text with CRLF line endings. `boundary_seed` makes boundaries
// deterministic (tests) while staying unique per message.
std::string render_mime(const MailMessage& m, const std::string& boundary_seed);

// RFC 2047 "=?UTF-8?B?...?=" when needed, the text itself when plain ASCII.
std::string encode_header_text(std::string_view text);
// "Name <addr>" with the name encoded when needed.
std::string format_address(const Address& a);
// RFC 5322 date: "Sun, 22 Nov 2026 11:04:33 +0000".
std::string rfc5322_date(core::Instant t);

}  // namespace kairos::server::mail
