// An owner's edit of a booking through check_booking (PATCH /v1/admin/bookings/{uid}):
// other hosts, another room, a different end. Each row is what the owner asks for
// on a Monday where ana has the booking "own" at 10:00–11:00 in room r1, ben is free
// except a busy block at 14:00, and cy's booking holds room r2 at 11:00–12:00 with a
// 15-minute buffer after it. The expected answers are worked out by hand.
#include <gtest/gtest.h>

#include "kairos/slots.hpp"
#include "slot_fixtures.hpp"

using namespace kairos::core;
using namespace kairos::testing;
using Strings = std::vector<std::string>;

namespace {

const char* kNy = "America/New_York";

struct Row {
  const char* name;
  const char* start;        // local, New York
  const char* end;          // local; "" = keep the event type's 60 minutes
  Strings hosts;            // {} = the engine assigns
  const char* room;         // "" = the engine assigns
  const char* code;         // "ok" or the error code
  const char* field;        // the error's field ("" when ok)
  Strings assigned_hosts;   // when ok
  const char* assigned_room;
};

AvailabilityInputs monday() {
  auto ben = make_host("ben", kNy);
  ben.busy = {busy_local(ben, "2026-03-09T14:00", "2026-03-09T15:00")};
  auto in = make_inputs({make_host("ana", kNy), ben, make_host("cy", kNy)}, 60, 30);
  const auto& z = in.hosts[0].zone;
  auto at = [&](const std::string& l) { return z.to_instant(local(l)); };
  in.policy.room_ids = {"r1", "r2"};
  in.rooms = {Room{"r1", {}}, Room{"r2", {}}};
  in.bookings = {booking("own", {"ana"}, {at("2026-03-09T10:00"), at("2026-03-09T11:00")}, 0, 0, "r1"),
                 booking("cys", {"cy"}, {at("2026-03-09T11:00"), at("2026-03-09T12:00")}, 0, 15, "r2")};
  return in;
}

TEST(Reassign, OwnerEditsAreCheckedLikeBookingsOfTheChosenHostsRoomAndLength) {
  const Row rows[] = {
      {"second host free", "2026-03-09T10:00", "", {"ben"}, "", "ok", "", {"ben"}, "r1"},
      {"two hosts, first responsible", "2026-03-09T10:00", "", {"ben", "ana"}, "", "ok", "", {"ben", "ana"}, "r1"},
      {"host busy (block)", "2026-03-09T14:00", "", {"ben"}, "", "slot_unavailable", "start", {}, ""},
      {"host busy (booking)", "2026-03-09T11:00", "", {"cy"}, "", "slot_unavailable", "start", {}, ""},
      {"one of two hosts busy", "2026-03-09T14:00", "", {"ana", "ben"}, "", "slot_unavailable", "start", {}, ""},
      {"busy room", "2026-03-09T11:00", "", {"ana"}, "r2", "slot_unavailable", "start", {}, ""},
      {"free room", "2026-03-09T10:00", "", {"ana"}, "r2", "ok", "", {"ana"}, "r2"},
      {"room only, engine picks host", "2026-03-09T13:00", "", {}, "r2", "ok", "", {"ana"}, "r2"},
      {"unknown host", "2026-03-09T10:00", "", {"ana", "zed"}, "", "unknown_host", "hosts[1]", {}, ""},
      {"host twice", "2026-03-09T10:00", "", {"ana", "ana"}, "", "duplicate_host", "hosts[1]", {}, ""},
      {"unknown room", "2026-03-09T10:00", "", {"ana"}, "r9", "unknown_room", "room", {}, ""},
      {"longer, still free", "2026-03-09T10:00", "2026-03-09T11:30", {"ana"}, "r1", "ok", "", {"ana"}, "r1"},
      {"longer into the next booking", "2026-03-09T10:30", "2026-03-09T11:30", {"cy"}, "", "slot_unavailable", "start", {}, ""},
      {"starts inside the next booking's buffer", "2026-03-09T12:00", "2026-03-09T12:30", {"cy"}, "", "slot_unavailable", "start", {}, ""},
      {"longer room overlap", "2026-03-09T10:00", "2026-03-09T11:30", {"ana"}, "r2", "slot_unavailable", "start", {}, ""},
      {"shorter, off the 60-minute grid but on the 30-minute step", "2026-03-09T10:30", "2026-03-09T10:45", {"ana"}, "r1", "ok", "", {"ana"}, "r1"},
      {"zero length", "2026-03-09T10:00", "2026-03-09T10:00", {"ana"}, "", "invalid_duration", "end", {}, ""},
      {"end before start", "2026-03-09T10:00", "2026-03-09T09:00", {"ana"}, "", "invalid_duration", "end", {}, ""},
      {"more than a day", "2026-03-09T10:00", "2026-03-10T10:30", {"ana"}, "", "invalid_duration", "end", {}, ""},
      {"past working hours", "2026-03-09T16:00", "2026-03-09T17:30", {"ana"}, "", "outside_availability", "start", {}, ""},
      {"off the grid", "2026-03-09T10:10", "", {"ana"}, "", "off_slot_grid", "start", {}, ""},
  };
  const auto in = monday();
  const auto& z = in.hosts[0].zone;
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    BookingRequest req;
    req.start = z.to_instant(local(row.start));
    req.ignore_booking_id = "own";
    req.host_ids = row.hosts;
    req.room_id = row.room;
    if (*row.end) req.end = z.to_instant(local(row.end));
    auto r = check_booking(in, req);
    if (std::string(row.code) == "ok") {
      ASSERT_TRUE(r.ok()) << r.error().code;
      EXPECT_EQ(r->host_ids, row.assigned_hosts);
      EXPECT_EQ(r->room_id, row.assigned_room);
      EXPECT_EQ(r->when.start, req.start);
      EXPECT_EQ(r->when.end, req.end ? *req.end : req.start + Seconds(Minutes(60)));
    } else {
      ASSERT_FALSE(r.ok());
      EXPECT_EQ(r.error().code, row.code);
      EXPECT_EQ(r.error().field, row.field);
    }
  }
}

TEST(Reassign, EndWithinSecondsIsRefused) {
  const auto in = monday();
  const auto& z = in.hosts[0].zone;
  BookingRequest req;
  req.start = z.to_instant(local("2026-03-09T10:00"));
  req.end = req.start + Seconds(90);
  req.ignore_booking_id = "own";
  auto r = check_booking(in, req);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "invalid_duration");
}

TEST(Reassign, WithoutIgnoringItselfTheBookingBlocksItsOwnHostAndRoom) {
  // The server names the edited booking; any other booking of the host still counts.
  const auto in = monday();
  const auto& z = in.hosts[0].zone;
  BookingRequest req;
  req.start = z.to_instant(local("2026-03-09T10:00"));
  req.host_ids = {"ana"};
  req.room_id = "r1";
  EXPECT_EQ(check_booking(in, req).error().code, "slot_unavailable");
  req.host_ids = {"ben"};  // ben is free, but r1 is taken by "own"
  EXPECT_EQ(check_booking(in, req).error().code, "slot_unavailable");
}

}  // namespace

namespace {

TEST(Reassign, AKeptStartIsNotRefusedForNoticeOrWindowButAMoveIs) {
  // 09:30 on the day, two hours' notice: the 10:00 visit can still go to ben, or run
  // longer, but it cannot move to 10:30; once it has begun it can still be reassigned.
  auto in = monday();
  const auto& z = in.hosts[0].zone;
  in.now = z.to_instant(local("2026-03-09T09:30"));
  in.policy.min_notice = Minutes(120);
  BookingRequest req;
  req.start = z.to_instant(local("2026-03-09T10:00"));
  req.booked_start = req.start;
  req.ignore_booking_id = "own";
  req.host_ids = {"ben"};
  auto r = check_booking(in, req);
  ASSERT_TRUE(r.ok()) << r.error().code;
  EXPECT_EQ(r->host_ids, Strings{"ben"});
  req.end = z.to_instant(local("2026-03-09T10:30"));
  EXPECT_TRUE(check_booking(in, req).ok());
  req.host_ids = {"cy"};  // still no double booking: cy has 11:00, buffers after it only
  req.end = z.to_instant(local("2026-03-09T11:30"));
  EXPECT_EQ(check_booking(in, req).error().code, "slot_unavailable");
  req.host_ids = {"ben"};
  req.end.reset();
  req.start = z.to_instant(local("2026-03-09T10:30"));
  EXPECT_EQ(check_booking(in, req).error().code, "too_soon");
  in.now = z.to_instant(local("2026-03-09T10:15"));
  req.start = *req.booked_start;
  EXPECT_TRUE(check_booking(in, req).ok());
  req.booked_start.reset();  // without it the same request is a new start in the past
  EXPECT_EQ(check_booking(in, req).error().code, "too_soon");
}

}  // namespace
