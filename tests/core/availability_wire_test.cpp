// The availability document the widget receives: what the server encodes, the widget
// decodes to the same inputs and so computes the same slots; the API's JSON shapes
// (API.md) read with their documented defaults; malformed input names its field.
#include "kairos/wire/availability.hpp"

#include <gtest/gtest.h>

#include "slot_fixtures.hpp"

using namespace kairos;
using namespace kairos::core;
using namespace kairos::testing;

namespace {

AvailabilityInputs rich_inputs() {
  auto a = make_host("ana", "America/New_York");
  a.weekly.on(Weekday::sat) = {hours("22:00", "02:00"), hours("10:00", "24:00")};
  a.overrides = {DateOverride{date("2026-03-11"), {}}, DateOverride{date("2026-03-12"), {hours("10:10", "12:00")}}};
  a.busy = {BusyBlock::timed(span("2026-03-09T15:00:00Z", "2026-03-09T16:00:00Z")),
            BusyBlock::whole_day(date("2026-03-10"))};
  auto b = make_host("bo", "Asia/Kolkata");
  b.priority = 2;
  auto in = make_inputs({a, b}, 30, 15, "2026-03-08T12:00:00Z");
  in.policy.buffer_before = Minutes(10);
  in.policy.buffer_after = Minutes(5);
  in.policy.min_notice = Minutes(60);
  in.policy.window = BookingWindow::rolling(30);
  in.policy.limits.per_week = 5;
  in.policy.room_ids = {"r1", "r2"};
  in.policy.auto_approve = false;
  in.rooms = {Room{"r1", {span("2026-03-09T14:00:00Z", "2026-03-09T15:00:00Z")}}};
  in.bookings = {booking("b1", {"bo"}, span("2026-03-09T04:00:00Z", "2026-03-09T04:30:00Z"), 15, 15, "r2")};
  in.holds = {Hold{"p1", {"ana"}, {"r1"}, span("2026-03-09T18:00:00Z", "2026-03-09T19:00:00Z")}};
  return in;
}

TEST(AvailabilityWire, WidgetDecodesTheServersDocumentToTheSameSlots) {
  const AvailabilityInputs in = rich_inputs();
  const nlohmann::json doc = in;
  // Through text, as over HTTP.
  auto parsed = wire::parse_json(doc.dump());
  ASSERT_TRUE(parsed.ok());
  auto back = wire::read_availability_inputs(*parsed, "");
  ASSERT_TRUE(back.ok()) << back.error().code << " " << back.error().field << " " << back.error().message;
  EXPECT_EQ(nlohmann::json(*back), doc);
  const Interval month = span("2026-03-01T00:00:00Z", "2026-04-01T00:00:00Z");
  const auto expected = free_slots(in, month);
  ASSERT_GT(expected.size(), 100u);
  EXPECT_EQ(free_slots(*back, month), expected);
}

TEST(AvailabilityWire, EncodesTheApiShapes) {
  const nlohmann::json doc = rich_inputs();
  EXPECT_EQ(doc["mode"], "any");
  EXPECT_EQ(doc["event_type"]["duration_minutes"], 30);
  EXPECT_EQ(doc["event_type"]["slot_interval_minutes"], 15);
  EXPECT_EQ(doc["event_type"]["window"], nlohmann::json::parse(R"({"rolling_days":30})"));
  EXPECT_EQ(doc["event_type"]["limits"], nlohmann::json::parse(R"({"per_week":5})"));
  const auto& ana = doc["hosts"][0];
  EXPECT_EQ(ana["timezone"], "America/New_York");
  EXPECT_EQ(ana["weekly_hours"]["mon"], nlohmann::json::parse(R"([["09:00","17:00"]])"));
  EXPECT_EQ(ana["weekly_hours"]["sat"], nlohmann::json::parse(R"([["22:00","02:00"],["10:00","24:00"]])"));
  EXPECT_EQ(ana["overrides"][0], nlohmann::json::parse(R"({"date":"2026-03-11","hours":[]})"));
  EXPECT_EQ(ana["busy"][0], nlohmann::json::parse(R"({"start":"2026-03-09T15:00:00Z","end":"2026-03-09T16:00:00Z"})"));
  EXPECT_EQ(ana["busy"][1], nlohmann::json::parse(R"({"date":"2026-03-10"})"));
  const Slot s{span("2026-03-09T14:00:00Z", "2026-03-09T14:30:00Z"), {"ana"}, {"r2"}};
  EXPECT_EQ(nlohmann::json(s).dump(),
            R"({"end":"2026-03-09T14:30:00Z","hosts":["ana"],"rooms":["r2"],"start":"2026-03-09T14:00:00Z"})");
}

TEST(AvailabilityWire, ReadsAdminEventTypeWithDefaults) {
  auto j = wire::parse_json(R"({"id":"intro","name":"Intro call","duration_minutes":30})");
  auto p = wire::read_event_policy(*j, "event_types[0]");
  ASSERT_TRUE(p.ok()) << p.error().field;
  EXPECT_EQ(p->id, "intro");
  EXPECT_EQ(p->step(), Minutes(30));                 // interval defaults to the duration
  EXPECT_EQ(p->buffer_before, Minutes(15));          // R-PAGE-4 default
  EXPECT_EQ(p->buffer_after, Minutes(15));
  EXPECT_EQ(p->window.kind, BookingWindow::Kind::unlimited);
  EXPECT_TRUE(p->auto_approve);

  auto full = wire::parse_json(R"({"id":"x","duration_minutes":60,"slot_interval_minutes":15,
    "buffer_before_minutes":0,"buffer_after_minutes":5,"min_notice_minutes":120,
    "window":{"from":"2026-03-01","to":"2026-03-31"},"limits":{"per_day":3},"rooms":["a","b"],"auto_approve":false})");
  auto q = wire::read_event_policy(*full, "event_type");
  ASSERT_TRUE(q.ok()) << q.error().field;
  EXPECT_EQ(q->window, BookingWindow::between(date("2026-03-01"), date("2026-03-31")));
  EXPECT_EQ(q->limits.per_day, 3);
  EXPECT_FALSE(q->limits.per_week.has_value());
  EXPECT_EQ(q->room_ids, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(q->buffer_before, Minutes(0));
}

TEST(AvailabilityWire, ReadsAdminHostShapes) {
  auto j = wire::parse_json(R"({"name":"Ana","email":"ana@example.com","timezone":"Europe/Helsinki",
    "weekly_hours":{"mon":[["09:00","12:00"],["13:00","17:00"]],"fri":[["22:00","02:00"]],"sat":[["10:00","24:00"]]},
    "overrides":[{"date":"2026-12-24","hours":[]}],
    "busy":[{"start":"2026-03-09T10:00:00Z","end":"2026-03-09T11:00:00Z"},{"date":"2026-03-10"}]})");
  auto h = wire::read_host(*j, "");
  ASSERT_TRUE(h.ok()) << h.error().field;
  EXPECT_EQ(h->weekly.on(Weekday::mon).size(), 2u);
  EXPECT_TRUE(h->weekly.on(Weekday::tue).empty());  // absent weekday in a given week = no hours
  EXPECT_TRUE(h->weekly.on(Weekday::fri)[0].crosses_midnight());
  EXPECT_EQ(h->weekly.on(Weekday::sat)[0].end, LocalTime::end_of_day());
  EXPECT_EQ(h->overrides.at(0).date, date("2026-12-24"));
  EXPECT_TRUE(h->overrides.at(0).hours.empty());
  EXPECT_FALSE(h->busy.at(0).all_day);
  EXPECT_TRUE(h->busy.at(1).all_day);

  auto bare = wire::read_host(*wire::parse_json(R"({"timezone":"UTC"})"), "");
  ASSERT_TRUE(bare.ok());
  EXPECT_EQ(bare->weekly, WeeklyHours::standard());
}

TEST(AvailabilityWire, ErrorsNameTheFieldAtFault) {
  struct Case {
    const char* json;
    const char* code;
    const char* field;
  };
  const Case cases[] = {
      {R"({"duration_minutes":0})", "invalid_duration", "event_type.duration_minutes"},
      {R"({})", "missing_field", "event_type.duration_minutes"},
      {R"({"duration_minutes":"30"})", "invalid_type", "event_type.duration_minutes"},
      {R"({"duration_minutes":30,"window":{"rolling_days":0}})", "invalid_window", "event_type.window.rolling_days"},
      {R"({"duration_minutes":30,"window":{"from":"2026-03-01"}})", "missing_field", "event_type.window.to"},
      {R"({"duration_minutes":30,"limits":{"per_week":0}})", "invalid_limit", "event_type.limits.per_week"},
      {R"({"duration_minutes":30,"rooms":["a",1]})", "invalid_type", "event_type.rooms[1]"},
      {R"({"duration_minutes":30,"buffer_before_minutes":200000000})", "invalid_number",
       "event_type.buffer_before_minutes"},
  };
  for (const Case& c : cases) {
    auto r = wire::read_event_policy(*wire::parse_json(c.json), "event_type");
    ASSERT_FALSE(r.ok()) << c.json;
    EXPECT_EQ(r.error().code, c.code) << c.json;
    EXPECT_EQ(r.error().field, c.field) << c.json;
  }
  auto hours = wire::read_host(*wire::parse_json(R"({"weekly_hours":{"tue":[["09:00","17:00"],["24:00","02:00"]]}})"), "host");
  ASSERT_FALSE(hours.ok());
  EXPECT_EQ(hours.error().code, "invalid_time");
  EXPECT_EQ(hours.error().field, "host.weekly_hours.tue[1][0]");
  auto busy = wire::read_host(*wire::parse_json(R"({"busy":[{"start":"2026-03-09T10:00:00Z"}]})"), "host");
  ASSERT_FALSE(busy.ok());
  EXPECT_EQ(busy.error().field, "host.busy[0].end");
  // The widget's document must carry each host's zone rules.
  nlohmann::json doc = rich_inputs();
  doc["hosts"][1].erase("zone");
  auto in = wire::read_availability_inputs(doc, "");
  ASSERT_FALSE(in.ok());
  EXPECT_EQ(in.error().code, "missing_field");
  EXPECT_EQ(in.error().field, "hosts[1].zone");
}

TEST(AvailabilityWire, AvailabilityViewNamesThePage) {
  const AvailabilityInputs in = rich_inputs();
  nlohmann::json expected = in;
  expected["page"] = "clinic";
  EXPECT_EQ(wire::availability_view(in, "clinic"), expected);
}

}  // namespace
