// Parses a published feed with libical and prints its events as JSON lines
// ({"uid","status","sequence","start","end"}), so the Python tests can check what a
// calendar application reading the feed would see. Exit 1 when libical reports errors.
#include <libical/ical.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: kairos_ics_check FILE.ics\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  icalcomponent* cal = icalparser_parse_string(text.c_str());
  if (!cal || icalcomponent_isa(cal) != ICAL_VCALENDAR_COMPONENT) {
    std::cerr << "not a VCALENDAR\n";
    return 1;
  }
  int errors = icalcomponent_count_errors(cal);
  for (icalcomponent* ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev;
       ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
    const char* uid = icalcomponent_get_uid(ev);
    const char* status = icalproperty_status_to_string(icalcomponent_get_status(ev));
    const icaltimetype s = icalcomponent_get_dtstart(ev);
    const icaltimetype e = icalcomponent_get_dtend(ev);
    std::printf("{\"uid\":\"%s\",\"status\":\"%s\",\"sequence\":%d,\"start\":%lld,\"end\":%lld,\"summary\":\"%s\"}\n",
                uid ? uid : "", status ? status : "", icalcomponent_get_sequence(ev),
                static_cast<long long>(icaltime_as_timet_with_zone(s, icaltimezone_get_utc_timezone())),
                static_cast<long long>(icaltime_as_timet_with_zone(e, icaltimezone_get_utc_timezone())),
                icalcomponent_get_summary(ev) ? "1" : "0");
  }
  icalcomponent_free(cal);
  if (errors > 0) {
    std::cerr << errors << " libical errors\n";
    return 1;
  }
  return 0;
}
