// JSON of the lifecycle values: what the server stores and reads back is the same
// booking, settings, proposal and request; bad input is blamed on its field.
#include "kairos/wire/lifecycle.hpp"

#include <gtest/gtest.h>

#include "booking_fixtures.hpp"

namespace kairos::core {
namespace {

using testing::sample_booking;
using testing::utc;

TEST(LifecycleWire, BookingRoundTrips) {
  Booking b = sample_booking(BookingStatus::completed);
  b.no_show = true;
  b.room_id = "room-a";
  b.other_guests = {{"Bob", "bob@example.com", "", "X", "", "de"}};
  b.visibility = Visibility::private_;
  b.send_mail = false;
  b.tray = "declined";
  b.checkin_code = "ACD347";
  b.history.push_back({utc("2026-03-10T15:00:00Z"), Actor::host, "no_show", "x"});
  const auto back = wire::read_booking(nlohmann::json(b), "booking");
  ASSERT_TRUE(back.ok()) << back.error().field << " " << back.error().code;
  EXPECT_EQ(*back, b);
}

TEST(LifecycleWire, SettingsProposalAndRequestRoundTrip) {
  NotificationSettings s;
  s.reminder_offsets = {Minutes(2880), Minutes(15)};
  s.follow_up_after = Minutes(90);
  s.sms_reminders = true;
  s.host_language = "fi";
  const auto s2 = wire::read_notification_settings(nlohmann::json(s), "settings");
  ASSERT_TRUE(s2.ok());
  EXPECT_EQ(*s2, s);

  Proposal p;
  p.id = "p1";
  p.host_ids = {"h1"};
  p.candidates = {{utc("2026-03-10T01:00:00Z"), utc("2026-03-10T02:00:00Z")}};
  p.guests = {{"Hanako", "Test KK", "hanako@example.jp", "ja"}};
  p.visibility = Visibility::private_;
  p.send_mail = false;
  const auto p2 = wire::read_proposal(nlohmann::json(p), "proposal");
  ASSERT_TRUE(p2.ok());
  EXPECT_EQ(*p2, p);

  ConfirmationRequest r;
  r.id = "r1";
  r.booking_uids = {"b1"};
  r.recipients = {"max@example.de"};
  r.state = RequestState::accepted;
  r.responded_by = "max@example.de";
  r.responded_at = utc("2026-03-05T12:00:00Z");
  const auto r2 = wire::read_confirmation_request(nlohmann::json(r), "request");
  ASSERT_TRUE(r2.ok());
  EXPECT_EQ(*r2, r);
}

TEST(LifecycleWire, BadInputNamesTheField) {
  struct Case {
    std::string json, code, field;
  };
  const Case cases[] = {
      {R"({"start":"2026-03-10T14:00:00Z","end":"2026-03-10T14:30:00Z","status":"done"})", "invalid_status",
       "booking.status"},
      {R"({"start":"2026-03-10T14:00:00Z"})", "missing_field", "booking.end"},
      {R"({"start":"2026-03-10T14:00:00Z","end":"2026-03-10T14:30:00Z","guest":{"email":5}})", "invalid_type",
       "booking.guest.email"},
      {R"({"start":"2026-03-10T14:00:00Z","end":"2026-03-10T14:30:00Z","hosts":["a",1]})", "invalid_type",
       "booking.hosts[1]"},
  };
  for (const auto& c : cases) {
    const auto r = wire::read_booking(nlohmann::json::parse(c.json), "booking");
    ASSERT_FALSE(r.ok()) << c.json;
    EXPECT_EQ(r.error().code, c.code) << c.json;
    EXPECT_EQ(r.error().field, c.field) << c.json;
  }
}

TEST(LifecycleWire, ReminderOffsetsAreNotNegative) {
  const auto r = wire::read_notification_settings(nlohmann::json::parse(R"({"reminder_offsets_minutes":[60,-5]})"),
                                                  "settings");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "invalid_offset");
  EXPECT_EQ(r.error().field, "settings.reminder_offsets_minutes[1]");
}

TEST(LifecycleWire, MessagesAndEmailChecksUseTheApiNames) {
  PlannedMessage m{"reminder:mail:guest:60", Recipient::guest, "", "booking.reminder.guest", "en", Channel::mail,
                   utc("2026-03-10T13:00:00Z"), {SignedAction::cancel, SignedAction::book_again}, false};
  EXPECT_EQ(nlohmann::json(m).dump(),
            R"({"actions":["cancel","book_again"],"address":"","channel":"mail","important":false,)"
            R"("key":"reminder:mail:guest:60","language":"en","role":"guest","send_at":"2026-03-10T13:00:00Z",)"
            R"("template":"booking.reminder.guest"})");
  EXPECT_EQ(nlohmann::json(check_email(" taro@gmail.con ")).dump(),
            R"({"address":"taro@gmail.con","suggestion":"taro@gmail.com","valid":true})");
  EXPECT_EQ(nlohmann::json(check_email("x")).dump(), R"({"address":"x","code":"invalid_email","valid":false})");
}

}  // namespace
}  // namespace kairos::core
