// Notification planning helpers: reminders per offset, channel and role; the guest's
// and hosts' languages; nothing in the past and nothing for bookings that do not go ahead.
#include "kairos/notify.hpp"

#include <gtest/gtest.h>

#include "booking_fixtures.hpp"

namespace kairos::core {
namespace {

using testing::describe;
using testing::sample_booking;
using testing::utc;

TEST(Notify, RemindersFollowOffsetsChannelsAndRoles) {
  struct Case {
    std::string name;
    BookingStatus status;
    bool sms;
    bool host_reminders;
    std::string phone;
    std::string now;
    std::vector<std::string> keys;
  };
  const Case cases[] = {
      {"mail only", BookingStatus::approved, false, true, "+1", "2026-03-01T00:00:00Z",
       {"reminder:mail:guest:1440", "reminder:mail:host:h1:1440", "reminder:mail:guest:30",
        "reminder:mail:host:h1:30"}},
      {"with sms", BookingStatus::approved, true, false, "+1", "2026-03-01T00:00:00Z",
       {"reminder:mail:guest:1440", "reminder:sms:guest:1440", "reminder:mail:guest:30", "reminder:sms:guest:30"}},
      {"sms but no phone", BookingStatus::rescheduled, true, false, "", "2026-03-01T00:00:00Z",
       {"reminder:mail:guest:1440", "reminder:mail:guest:30"}},
      {"24 h passed", BookingStatus::approved, false, false, "", "2026-03-09T14:00:01Z", {"reminder:mail:guest:30"}},
      {"exactly at the time", BookingStatus::approved, false, false, "", "2026-03-10T13:30:00Z",
       {"reminder:mail:guest:30"}},
      {"all passed", BookingStatus::approved, true, true, "+1", "2026-03-10T13:30:01Z", {}},
      {"pending waits for approval", BookingStatus::pending, true, true, "+1", "2026-03-01T00:00:00Z", {}},
      {"cancelled", BookingStatus::cancelled, true, true, "+1", "2026-03-01T00:00:00Z", {}},
  };
  for (const auto& c : cases) {
    Booking b = sample_booking(c.status);
    b.guest.phone = c.phone;
    NotificationSettings s;
    s.reminder_offsets = {Minutes(1440), Minutes(30)};
    s.sms_reminders = c.sms;
    s.host_reminders = c.host_reminders;
    std::vector<std::string> keys;
    for (const auto& m : plan_reminders(b, s, utc(c.now))) {
      keys.push_back(m.key);
      EXPECT_GE(m.send_at, utc(c.now)) << c.name;
      const int offset = std::stoi(m.key.substr(m.key.rfind(':') + 1));
      EXPECT_EQ(m.send_at, b.when.start - Minutes(offset)) << c.name;
    }
    EXPECT_EQ(keys, c.keys) << c.name;
  }
}

TEST(Notify, LanguagesFallBackToTheSettingsThenEnglish) {
  struct Case {
    std::string guest, def, host, want_guest, want_host;
  };
  const Case cases[] = {
      {"ja", "en", "", "ja", "en"},   {"", "fi", "", "fi", "fi"},   {"sv", "de", "hu", "de", "hu"},
      {"", "xx", "yy", "en", "en"},   {"hu", "ja", "fi", "hu", "fi"},
  };
  for (const auto& c : cases) {
    Booking b = sample_booking();
    b.guest.language = c.guest;
    NotificationSettings s;
    s.default_language = c.def;
    s.host_language = c.host;
    EXPECT_EQ(guest_language(b, s), c.want_guest) << c.guest << "/" << c.def;
    EXPECT_EQ(host_language(s), c.want_host) << c.host << "/" << c.def;
  }
}

TEST(Notify, SignedActionNamesRoundTrip) {
  for (int i = 0; i <= static_cast<int>(SignedAction::ask_other_times); ++i) {
    const auto a = static_cast<SignedAction>(i);
    const auto r = parse_signed_action(to_string(a));
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(*r, a);
  }
  EXPECT_EQ(parse_signed_action("delete").error().code, "invalid_action");
  EXPECT_STREQ(to_string(Recipient::attendee), "attendee");
  EXPECT_STREQ(to_string(Channel::sms), "sms");
}

}  // namespace
}  // namespace kairos::core
