// The owner's edit rules (kairos/edit.hpp): a move keeps the hosts and the room, the
// engine request it makes, and the mails edit_booking plans for a host taken off.
#include "kairos/edit.hpp"

#include <gtest/gtest.h>

#include "booking_fixtures.hpp"
#include "kairos/errors.hpp"
#include "kairos/proposal.hpp"

namespace kairos::core {
namespace {

using testing::describe;
using testing::sample_booking;
using testing::utc;
using testing::zone;

EventPolicy policy_with_rooms() {
  EventPolicy p;
  p.id = "visit";
  p.duration = Minutes(30);
  p.room_ids = {"room-a", "room-b"};
  return p;
}

TEST(Edit, AMoveKeepsTheHostsAndTheRoom) {
  Booking b = sample_booking();
  b.host_ids = {"h1", "h2"};
  b.room_id = "room-b";
  BookingEdit e;
  e.start = b.when.start + Minutes(60);
  const EditCheck c = edit_check(b, e, policy_with_rooms());
  EXPECT_EQ(c.request.host_ids, (std::vector<std::string>{"h1", "h2"}));  // never handed to another host
  EXPECT_EQ(c.request.room_id, "room-b");
  EXPECT_EQ(c.request.start, *e.start);
  EXPECT_EQ(c.request.booked_start, b.when.start);
  EXPECT_EQ(c.inputs_range, (Interval{*e.start, *e.start + Minutes(30)}));
  // The kept room was taken: another room of the event type may do, the hosts may not change.
  EXPECT_TRUE(may_retry_without_room(b, e, policy_with_rooms(), Error{"slot_unavailable", "", "start"}));
  EXPECT_FALSE(may_retry_without_room(b, e, policy_with_rooms(), Error{"outside_availability", "", "start"}));
  EXPECT_EQ(edit_check(b, e, policy_with_rooms(), false).request.room_id, "");
  e.room = "room-a";
  EXPECT_FALSE(may_retry_without_room(b, e, policy_with_rooms(), Error{"slot_unavailable", "", "start"}));
  BookingEdit owner;
  owner.start = e.start;
  owner.hosts = std::vector<std::string>{"h3"};
  EXPECT_EQ(edit_check(b, owner, policy_with_rooms()).request.host_ids, (std::vector<std::string>{"h3"}));
}

TEST(Edit, FieldsFixedAtCreationAreRefused) {
  Booking b = sample_booking();
  BookingEdit e;
  e.send_mail = false;
  const auto r = edit_booking(b, edited(b, e, std::nullopt), false, utc("2026-03-05T00:00:00Z"), {}, zone("UTC"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "immutable_field");
  EXPECT_EQ(r.error().field, "send_mail");
  BookingEdit v;
  v.visibility = Visibility::private_;
  const auto r2 = edit_booking(b, edited(b, v, std::nullopt), false, utc("2026-03-05T00:00:00Z"), {}, zone("UTC"));
  ASSERT_FALSE(r2.ok());
  EXPECT_EQ(r2.error().field, "visibility");
  BookingEdit same;
  same.send_mail = true;  // the value it has: nothing changes
  EXPECT_TRUE(edit_booking(b, edited(b, same, std::nullopt), false, utc("2026-03-05T00:00:00Z"), {}, zone("UTC")).ok());
}

TEST(Edit, AHostTakenOffIsTold) {
  Booking b = sample_booking();
  b.host_ids = {"h1", "h2"};
  BookingEdit e;
  e.hosts = std::vector<std::string>{"h1"};
  Assignment placed{b.when, {"h1"}, ""};
  NotificationSettings s;
  s.host_languages = {{"h2", "fi"}};
  const auto r = edit_booking(b, edited(b, e, placed), false, utc("2026-03-05T00:00:00Z"), s, zone("UTC"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(describe(r->messages),
            (std::vector<std::string>{
                "updated#2:mail:host:h1 host=h1 booking.updated.host en mail 2026-03-05T00:00:00Z []",
                "removed#2:mail:host:h2 host=h2 booking.removed.host fi mail 2026-03-05T00:00:00Z []",
                "reminder:mail:guest:1440 guest booking.reminder.guest en mail 2026-03-09T14:00:00Z "
                "[cancel,book_again]",
                "reminder:mail:host:h1:1440 host=h1 booking.reminder.host en mail 2026-03-09T14:00:00Z [reject]"}));
  EXPECT_EQ(r->booking.sequence, b.sequence + 1);
}

TEST(Edit, GuestsKeepTheBookingsZoneLanguageAndName) {
  Booking b = sample_booking();
  b.guest.timezone = "Asia/Tokyo";
  b.guest.language = "ja";
  BookingEdit e;
  e.guests = std::vector<Guest>{Guest{"", "new@example.com", "", "", "", ""}, Guest{"Ken", "ken@example.com", "", "", "", ""}};
  const Booking after = edited(b, e, std::nullopt);
  EXPECT_EQ(after.guest.email, "new@example.com");
  EXPECT_EQ(after.guest.name, b.guest.name);
  EXPECT_EQ(after.guest.timezone, "Asia/Tokyo");
  EXPECT_EQ(after.guest.language, "ja");
  ASSERT_EQ(after.other_guests.size(), 1u);
}

}  // namespace
}  // namespace kairos::core

namespace kairos::core {
namespace {

TEST(Approval, OnlyAConflictRefusesIt) {
  const Result<Assignment> free = Assignment{};
  EXPECT_TRUE(approval_allowed(free).ok());
  for (const char* code : {"slot_unavailable", "limit_reached"}) {
    const Result<Assignment> taken = make_error(code, "", "start");
    ASSERT_FALSE(approval_allowed(taken).ok()) << code;
    EXPECT_EQ(approval_allowed(taken).error().code, code);
  }
  for (const char* code : {"too_soon", "outside_booking_window", "outside_availability"}) {
    const Result<Assignment> stale = make_error(code, "", "start");
    EXPECT_TRUE(approval_allowed(stale).ok()) << code;  // still the owner's to accept
  }
}

TEST(ErrorRegistry, KnowsEveryCoreCodeAndItsStatus) {
  EXPECT_EQ(http_status_of("slot_unavailable"), 409);
  EXPECT_EQ(http_status_of("page_disabled"), 409);
  EXPECT_EQ(http_status_of("immutable_field"), 422);
  EXPECT_EQ(http_status_of("booking_not_found"), 404);
  ASSERT_NE(find_error_code("candidate_taken"), nullptr);
  EXPECT_EQ(find_error_code("candidate_taken")->message_key, "error.candidate_taken");
  EXPECT_EQ(find_error_code("no_such_code"), nullptr);
  const auto& all = error_codes();
  for (std::size_t i = 1; i < all.size(); ++i) EXPECT_LT(all[i - 1].code, all[i].code);
}

}  // namespace
}  // namespace kairos::core
