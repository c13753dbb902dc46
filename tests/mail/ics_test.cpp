// Our calendar attachments must be accepted by a real iCalendar parser: libical.
#include <gtest/gtest.h>
#include <libical/ical.h>

#include <sstream>

#include "ics.hpp"
#include "kairos/time_text.hpp"

using namespace kairos;
using namespace kairos::server::ics;

namespace {

CalendarEvent sample(Method m) {
  CalendarEvent e;
  e.uid = "bk_7f3a@kairos.test";
  e.sequence = 2;
  e.method = m;
  e.when = {*core::parse_instant("2026-03-09T14:00:00Z"), *core::parse_instant("2026-03-09T14:30:00Z")};
  e.stamp = *core::parse_instant("2026-03-01T08:00:00Z");
  e.summary = "来訪: 株式会社テスト:三田花子 様; follow-up, with \"quotes\" and a very long title that must be folded";
  e.description = "Line one\nLine two; with, separators \\ and more";
  e.location = "Room Aalto, 2nd floor";
  e.organizer = {"Sato Kenji", "sato@example.jp"};
  e.attendees = {{"Mita, Hanako", "hanako@example.com"}};
  return e;
}

}  // namespace

TEST(Ics, LibicalParsesTheInvitationBack) {
  const std::string text = write_calendar(sample(Method::request));
  icalcomponent* cal = icalparser_parse_string(text.c_str());
  ASSERT_NE(cal, nullptr);
  EXPECT_EQ(icalcomponent_isa(cal), ICAL_VCALENDAR_COMPONENT);
  EXPECT_EQ(icalcomponent_get_method(cal), ICAL_METHOD_REQUEST);
  icalcomponent* ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
  ASSERT_NE(ev, nullptr);
  EXPECT_STREQ(icalcomponent_get_uid(ev), "bk_7f3a@kairos.test");
  EXPECT_EQ(icalcomponent_get_sequence(ev), 2);
  EXPECT_STREQ(icalcomponent_get_summary(ev), sample(Method::request).summary.c_str());
  EXPECT_STREQ(icalcomponent_get_description(ev), sample(Method::request).description.c_str());
  EXPECT_STREQ(icalcomponent_get_location(ev), "Room Aalto, 2nd floor");
  const icaltimetype start = icalcomponent_get_dtstart(ev);
  EXPECT_EQ(icaltime_as_timet(start), 1773064800);
  EXPECT_TRUE(icaltime_is_utc(start));
  EXPECT_EQ(icaltime_as_timet(icalcomponent_get_dtend(ev)), 1773064800 + 1800);
  EXPECT_EQ(icalcomponent_count_errors(cal), 0);
  icalcomponent_free(cal);
}

TEST(Ics, CancellationCarriesMethodAndStatus) {
  const std::string text = write_calendar(sample(Method::cancel));
  icalcomponent* cal = icalparser_parse_string(text.c_str());
  ASSERT_NE(cal, nullptr);
  EXPECT_EQ(icalcomponent_get_method(cal), ICAL_METHOD_CANCEL);
  icalcomponent* ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
  ASSERT_NE(ev, nullptr);
  EXPECT_EQ(icalcomponent_get_status(ev), ICAL_STATUS_CANCELLED);
  icalcomponent_free(cal);
}

TEST(Ics, LinesAreFoldedAt75OctetsWithoutSplittingCharacters) {
  const std::string text = write_calendar(sample(Method::request));
  std::istringstream in(text);
  std::string ln;
  while (std::getline(in, ln)) {
    ASSERT_FALSE(ln.empty());
    ASSERT_EQ(ln.back(), '\r') << "every line ends in CRLF";
    ln.pop_back();
    EXPECT_LE(ln.size(), 75u) << ln;
    if (ln[0] == ' ') {
      EXPECT_NE(static_cast<unsigned char>(ln[1]) & 0xC0, 0x80) << "continuation starts inside a UTF-8 sequence";
    }
  }
}
