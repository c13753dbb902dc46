#include "ics.hpp"

#include <cstdio>

namespace kairos::server::ics {
namespace {

std::string utc_stamp(core::Instant t) {
  const auto l = core::LocalDateTime::from_local_seconds(t.unix_seconds());
  const auto d = l.date();
  const auto tm = l.time();
  char b[32];
  std::snprintf(b, sizeof b, "%04d%02d%02dT%02d%02d%02dZ", d.year(), d.month(), d.day(), tm.hour(), tm.minute(),
                tm.second());
  return b;
}

// Appends one content line, folded: at most 75 octets per physical line, and a
// continuation never starts inside a UTF-8 sequence.
void line(std::string& out, std::string_view text) {
  std::size_t limit = 75;
  while (text.size() > limit) {
    std::size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    out.append(text.substr(0, cut));
    out += "\r\n ";
    text.remove_prefix(cut);
    limit = 74;  // the leading space counts
  }
  out.append(text);
  out += "\r\n";
}

std::string param_value(std::string_view s) {
  // Parameter values may not hold DQUOTE; quote to allow ':' ';' ','.
  std::string r = "\"";
  for (char c : s) if (c != '"' && c != '\r' && c != '\n') r += c;
  return r + "\"";
}

const char* method_name(Method m) {
  switch (m) {
    case Method::request: return "REQUEST";
    case Method::cancel: return "CANCEL";
    case Method::publish: return "PUBLISH";
  }
  return "REQUEST";
}

}  // namespace

std::string escape_text(std::string_view s) {
  std::string r;
  r.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '\\' || c == ';' || c == ',') { r += '\\'; r += c; }
    else if (c == '\r') { if (i + 1 < s.size() && s[i + 1] == '\n') ++i; r += "\\n"; }
    else if (c == '\n') r += "\\n";
    else if (static_cast<unsigned char>(c) < 0x20 && c != '\t') continue;  // CTLs are not allowed
    else r += c;
  }
  return r;
}

namespace {

void write_event(std::string& out, const CalendarEvent& e) {
  line(out, "BEGIN:VEVENT");
  line(out, "UID:" + escape_text(e.uid));
  line(out, "SEQUENCE:" + std::to_string(e.sequence));
  line(out, "DTSTAMP:" + utc_stamp(e.stamp));
  line(out, "DTSTART:" + utc_stamp(e.when.start));
  line(out, "DTEND:" + utc_stamp(e.when.end));
  line(out, "SUMMARY:" + escape_text(e.summary));
  if (!e.description.empty()) line(out, "DESCRIPTION:" + escape_text(e.description));
  if (!e.location.empty()) line(out, "LOCATION:" + escape_text(e.location));
  if (!e.url.empty()) line(out, "URL:" + e.url);
  if (!e.organizer.email.empty()) {
    line(out, "ORGANIZER;CN=" + param_value(e.organizer.name) + ":mailto:" + e.organizer.email);
  }
  for (const Person& a : e.attendees) {
    line(out, "ATTENDEE;CN=" + param_value(a.name) + ";ROLE=REQ-PARTICIPANT;RSVP=FALSE:mailto:" + a.email);
  }
  line(out, std::string("STATUS:") + (e.method == Method::cancel ? "CANCELLED" : e.tentative ? "TENTATIVE" : "CONFIRMED"));
  line(out, "TRANSP:OPAQUE");
  line(out, "END:VEVENT");
}

void begin_calendar(std::string& out, Method m) {
  line(out, "BEGIN:VCALENDAR");
  line(out, "VERSION:2.0");
  line(out, "PRODID:-//Kairos//Kairos Booking//EN");
  line(out, "CALSCALE:GREGORIAN");
  line(out, std::string("METHOD:") + method_name(m));
}

}  // namespace

std::string write_calendar(const CalendarEvent& e) {
  std::string out;
  begin_calendar(out, e.method);
  write_event(out, e);
  line(out, "END:VCALENDAR");
  return out;
}

std::string write_feed(const std::string& name, const std::vector<CalendarEvent>& events) {
  std::string out;
  out.reserve(512 + events.size() * 400);
  begin_calendar(out, Method::publish);
  line(out, "X-WR-CALNAME:" + escape_text(name));
  line(out, "X-PUBLISHED-TTL:PT15M");
  line(out, "REFRESH-INTERVAL;VALUE=DURATION:PT15M");
  for (const auto& e : events) write_event(out, e);
  line(out, "END:VCALENDAR");
  return out;
}

}  // namespace kairos::server::ics
