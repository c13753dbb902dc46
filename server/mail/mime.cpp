#include "mime.hpp"

#include <cstdio>

#include "signed_link.hpp"

namespace kairos::server::mail {
namespace {

bool is_plain_ascii(std::string_view s) {
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x7F || u < 0x20) return false;
  }
  return true;
}

// Base64 wrapped at 76 characters per line.
std::string base64_lines(std::string_view bytes) {
  const std::string b = base64(bytes);
  std::string out;
  for (std::size_t i = 0; i < b.size(); i += 76) {
    out.append(b, i, 76);
    out += "\r\n";
  }
  return out;
}

std::string strip_crlf(std::string_view s) {
  std::string r;
  for (char c : s) if (c != '\r' && c != '\n') r += c;
  return r;
}

}  // namespace

std::string encode_header_text(std::string_view text) {
  const std::string clean = strip_crlf(text);
  if (is_plain_ascii(clean)) return clean;
  // Encoded words of at most 75 characters, each holding whole UTF-8 sequences.
  std::string out;
  std::size_t i = 0;
  while (i < clean.size()) {
    std::size_t n = 0;
    while (i + n < clean.size() && n < 39) {
      std::size_t len = 1;
      const auto u = static_cast<unsigned char>(clean[i + n]);
      if (u >= 0xF0) len = 4; else if (u >= 0xE0) len = 3; else if (u >= 0xC0) len = 2;
      if (n + len > 39 && n > 0) break;
      n += len;
    }
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(std::string_view(clean).substr(i, n)) + "?=";
    i += n;
  }
  return out;
}

std::string format_address(const Address& a) {
  const std::string email = strip_crlf(a.email);
  std::string angle;
  angle.append(" <").append(email).append(">");
  if (a.name.empty()) return angle.substr(1);
  std::string name = strip_crlf(a.name);
  if (is_plain_ascii(name)) {
    std::string q = "\"";
    for (char c : name) { if (c == '"' || c == '\\') q += '\\'; q += c; }
    return q.append("\"").append(angle);
  }
  return encode_header_text(name).append(angle);
}

std::string rfc5322_date(core::Instant t) {
  static const char* kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto l = core::LocalDateTime::from_local_seconds(t.unix_seconds());
  const auto d = l.date();
  const auto tm = l.time();
  char b[64];
  std::snprintf(b, sizeof b, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[static_cast<int>(d.weekday())], d.day(),
                kMonths[d.month() - 1], d.year(), tm.hour(), tm.minute(), tm.second());
  return b;
}

std::string render_mime(const MailMessage& m, const std::string& boundary_seed) {
  const std::string alt = "=_alt_" + boundary_seed;
  const std::string mixed = "=_mix_" + boundary_seed;
  std::string out;
  auto header = [&](std::string_view name, std::string_view value) {
    out.append(name);
    out += ": ";
    out.append(value);
    out += "\r\n";
  };
  header("From", format_address(m.from));
  std::string to;
  for (const Address& a : m.to) to += (to.empty() ? "" : ", ") + format_address(a);
  header("To", to);
  header("Subject", encode_header_text(m.subject));
  header("Date", rfc5322_date(m.date));
  header("Message-ID", std::string("<").append(strip_crlf(m.message_id)).append(">"));
  header("MIME-Version", "1.0");
  header("Auto-Submitted", "auto-generated");
  if (m.important) {
    header("Importance", "high");
    header("X-Priority", "1");
  }

  auto alternative = [&] {
    std::string p;
    p += "Content-Type: multipart/alternative; boundary=\"" + alt + "\"\r\n\r\n";
    p += "--" + alt + "\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
    p += base64_lines(m.text);
    p += "--" + alt + "\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
    p += base64_lines(m.html);
    if (m.calendar) {
      // Inline calendar part: what Outlook and Gmail read for invitation buttons.
      p += "--" + alt + "\r\nContent-Type: text/calendar; charset=UTF-8; method=" + m.calendar->method +
           "\r\nContent-Transfer-Encoding: base64\r\n\r\n";
      p += base64_lines(m.calendar->ics);
    }
    p += "--" + alt + "--\r\n";
    return p;
  };

  if (!m.calendar) {
    out += alternative();
    return out;
  }
  out += "Content-Type: multipart/mixed; boundary=\"" + mixed + "\"\r\n\r\n";
  out += "--" + mixed + "\r\n" + alternative();
  out += "--" + mixed + "\r\nContent-Type: application/ics; name=\"invite.ics\"\r\n"
         "Content-Disposition: attachment; filename=\"invite.ics\"\r\nContent-Transfer-Encoding: base64\r\n\r\n";
  out += base64_lines(m.calendar->ics);
  out += "--" + mixed + "--\r\n";
  return out;
}

}  // namespace kairos::server::mail
