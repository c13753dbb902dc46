// An RFC 5545 writer for the calendar attachments of booking mails: METHOD:REQUEST
// when a booking is confirmed or changed, METHOD:CANCEL when it is cancelled. The
// SEQUENCE grows with each change so calendar programs replace the earlier copy.
#pragma once

#include <string>
#include <vector>

#include "kairos/time.hpp"

namespace kairos::server::ics {

struct Person {
  std::string name;
  std::string email;
};

enum class Method { request, cancel, publish };

struct CalendarEvent {
  std::string uid;  // stable per booking, e.g. "<booking uid>@kairos"
  int sequence = 0;
  Method method = Method::request;
  core::Interval when;
  core::Instant stamp;  // DTSTAMP: when this copy was produced
  std::string summary;
  std::string description;
  std::string location;
  std::string url;
  Person organizer;
  std::vector<Person> attendees;
  bool tentative = false;  // STATUS:TENTATIVE (a pending booking, a proposal's hold)
};

// CRLF line endings, lines folded at 75 octets without splitting UTF-8 sequences,
// TEXT values escaped.
std::string write_calendar(const CalendarEvent& e);

// A published calendar (METHOD:PUBLISH) of many events: the subscription feeds of
// hosts, rooms and accounts. `name` becomes X-WR-CALNAME.
std::string write_feed(const std::string& name, const std::vector<CalendarEvent>& events);

// RFC 5545 TEXT escaping (backslash, ';', ',', newlines).
std::string escape_text(std::string_view s);

}  // namespace kairos::server::ics
