// JSON of the integrations (kairos/wire/integrations.hpp): a calendar's stored busy
// blocks read back as written and a corrupt row is refused; the bodies of calendars,
// feeds and webhooks answer the API's codes; the views keep the API's shapes.
#include "kairos/wire/integrations.hpp"

#include <gtest/gtest.h>

#include "kairos/time_text.hpp"

namespace kairos::core {
namespace {

using wire::Json;

Instant utc(const char* s) { return *parse_instant(s); }
Json body(const char* text) { return *wire::parse_json(text); }

TEST(IntegrationsWire, CalendarBlocksRoundTrip) {
  const std::vector<BusyBlock> blocks{BusyBlock::timed({utc("2027-03-25T05:00:00Z"), utc("2027-03-25T06:00:00Z")}),
                                      BusyBlock::whole_day(*parse_date("2027-03-26"))};
  const std::string stored = wire::calendar_blocks_document(blocks);
  EXPECT_EQ(stored, R"({"d":[20903],"t":[[1805950800,1805954400]]})");
  auto back = wire::read_calendar_blocks(stored);
  ASSERT_TRUE(back) << back.error().message;
  // Timed blocks first, then whole days (the order the busy rebuild sorts anyway).
  EXPECT_EQ(*back, blocks);
  auto none = wire::read_calendar_blocks("");
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
}

TEST(IntegrationsWire, CorruptCalendarBlocksAreRefused) {
  for (const char* text : {"x", "[]", R"({"t": 5})", R"({"t": [[1, "2"]]})", R"({"t": [[5, 1]]})", R"({"t": [[1]]})",
                           R"({"d": ["2027-03-26"]})", R"({"d": [1e12]})"}) {
    auto r = wire::read_calendar_blocks(text);
    ASSERT_FALSE(r) << text;
    EXPECT_EQ(r.error().code, "corrupt_document") << text;
  }
}

TEST(IntegrationsWire, CalendarRequestAndChange) {
  auto r = wire::read_calendar_request(body(R"({"name": "Work", "url": "webcal://cal.example.com/a.ics",
                                                "busy": false, "refresh_minutes": 15})"));
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(*r->url, "https://cal.example.com/a.ics");
  EXPECT_FALSE(r->ics);
  EXPECT_EQ(r->settings.busy, false);
  EXPECT_EQ(r->settings.refresh_minutes, 15);
  struct Case {
    const char* body;
    const char* code;
    const char* field;
  };
  for (const Case& c : {
           Case{R"({"url": "https://x"})", "missing_field", "name"},
           Case{R"({"name": "", "url": "https://x"})", "invalid_type", "name"},
           Case{R"({"name": "a"})", "invalid_source", "url"},
           Case{R"({"name": "a", "url": "https://x", "ics": "BEGIN"})", "invalid_source", "url"},
           Case{R"({"name": "a", "url": 5})", "invalid_type", "url"},
           Case{R"({"name": "a", "ics": 5})", "invalid_type", "ics"},
           Case{R"({"name": "a", "ics": "x", "busy": 1})", "invalid_type", "busy"},
           Case{R"({"name": "a", "ics": "x", "refresh_minutes": 4})", "invalid_refresh", "refresh_minutes"},
       }) {
    auto e = wire::read_calendar_request(body(c.body));
    ASSERT_FALSE(e) << c.body;
    EXPECT_EQ(e.error().code, c.code) << c.body;
    EXPECT_EQ(e.error().field, c.field) << c.body;
  }
  auto change = wire::read_calendar_change(body(R"({"name": "Home"})"));
  ASSERT_TRUE(change);
  EXPECT_EQ(change->name, "Home");
  EXPECT_FALSE(change->settings.busy);
  EXPECT_FALSE(wire::read_calendar_change(body(R"({"refresh_minutes": 20000})")));
}

TEST(IntegrationsWire, CalendarViewSaysStaleAndAge) {
  wire::CalendarView c;
  c.id = "cal_1";
  c.host = "h_1";
  c.name = "Work";
  c.url = "https://cal.example.com/a.ics";
  c.failures = 2;
  c.last_error = "timeout";
  c.last_fetched = utc("2027-03-25T05:00:00Z");
  c.busy_blocks = 3;
  Json v = wire::calendar_view(c, utc("2027-03-25T05:10:00Z"));
  EXPECT_EQ(v["source"], "url");
  EXPECT_EQ(v["stale"], true);
  EXPECT_EQ(v["age_seconds"], 600);
  EXPECT_EQ(v["last_fetched"], "2027-03-25T05:00:00Z");
  EXPECT_TRUE(v["last_attempt"].is_null());
  EXPECT_EQ(v["busy_blocks"], 3);
  c.url.clear();
  Json upload = wire::calendar_view(c, utc("2027-03-25T05:10:00Z"));
  EXPECT_EQ(upload["source"], "upload");
  EXPECT_FALSE(upload.contains("url"));
  EXPECT_EQ(upload["stale"], false);
}

TEST(IntegrationsWire, FeedRequestNamesOneScope) {
  auto host = wire::read_feed_request(body(R"({"host": "h_1", "room": null})"));
  ASSERT_TRUE(host);
  EXPECT_EQ(host->scope, "host");
  EXPECT_EQ(host->target, "h_1");
  auto account = wire::read_feed_request(body(R"({"account": true})"));
  ASSERT_TRUE(account);
  EXPECT_EQ(account->scope, "account");
  for (const char* text : {R"({})", R"({"host": "h", "room": "r"})", R"({"account": false})"}) {
    auto e = wire::read_feed_request(body(text));
    ASSERT_FALSE(e) << text;
    EXPECT_EQ(e.error().code, "invalid_scope") << text;
  }
  Json v = wire::feed_view({"feed_1", "https://k/v1/feeds/t.ics", "account", "", std::nullopt});
  EXPECT_TRUE(v["target"].is_null());
  EXPECT_FALSE(v.contains("created"));
}

TEST(IntegrationsWire, WebhookBodiesCheckEvents) {
  const std::vector<std::string> known{"booking.created", "booking.cancelled"};
  auto r = wire::read_webhook_request(
      body(R"({"url": "https://hook.example.com", "events": ["booking.created", "booking.created", "*"],
               "secret": null, "notify_email": "ops@example.com"})"),
      known);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->events, (std::vector<std::string>{"booking.created", "*"}));
  EXPECT_FALSE(r->secret);
  EXPECT_EQ(r->notify_email, "ops@example.com");
  struct Case {
    const char* body;
    const char* code;
    const char* field;
  };
  for (const Case& c : {
           Case{R"({"events": ["*"]})", "missing_field", "url"},
           Case{R"({"url": 1, "events": ["*"]})", "invalid_type", "url"},
           Case{R"({"url": "https://x"})", "missing_field", "events"},
           Case{R"({"url": "https://x", "events": []})", "invalid_events", "events"},
           Case{R"({"url": "https://x", "events": ["booking.eaten"]})", "unknown_event", "events"},
           Case{R"({"url": "https://x", "events": ["*"], "secret": "short"})", "invalid_secret", "secret"},
           Case{R"({"url": "https://x", "events": ["*"], "notify_email": "nobody"})", "invalid_email", "notify_email"},
       }) {
    auto e = wire::read_webhook_request(body(c.body), known);
    ASSERT_FALSE(e) << c.body;
    EXPECT_EQ(e.error().code, c.code) << c.body;
    EXPECT_EQ(e.error().field, c.field) << c.body;
  }
  auto change = wire::read_webhook_change(body(R"({"enabled": true})"), known);
  ASSERT_TRUE(change);
  EXPECT_EQ(change->enabled, true);
  EXPECT_FALSE(change->url);
  auto bad = wire::read_webhook_change(body(R"({"enabled": "yes"})"), known);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "enabled");
}

TEST(IntegrationsWire, WebhookViewsAndEnvelope) {
  Json w = wire::webhook_view({"wh_1", "https://x", {"*"}, "", "", true, 0, utc("2027-03-20T00:00:00Z")});
  EXPECT_TRUE(w["notify_email"].is_null());
  EXPECT_TRUE(w["disabled_reason"].is_null());
  EXPECT_EQ(w["created"], "2027-03-20T00:00:00Z");
  wire::DeliveryView d;
  d.id = 7;
  d.state = "scheduled";
  d.attempts = 1;
  d.created = utc("2027-03-20T00:00:00Z");
  d.next_attempt = utc("2027-03-20T00:05:00Z");
  Json dv = wire::delivery_view(d);
  EXPECT_EQ(dv["id"], "7");
  EXPECT_EQ(dv["state"], "retrying");
  EXPECT_EQ(dv["next_attempt"], "2027-03-20T00:05:00Z");
  d.state = "sent";
  EXPECT_TRUE(wire::delivery_view(d)["next_attempt"].is_null());
  EXPECT_EQ(wire::webhook_event("evt_1", "booking.created", utc("2027-03-20T00:00:00Z"), Json{{"uid", "b_1"}}),
            R"({"created":"2027-03-20T00:00:00Z","data":{"uid":"b_1"},"id":"evt_1","type":"booking.created"})");
  EXPECT_EQ(wire::sms_gateway_body("m1", "+358", "Hei"), R"({"id":"m1","text":"Hei","to":"+358"})");
}

TEST(IntegrationsWire, TestClockAndTickAnswers) {
  const Instant now = *parse_instant("2027-03-25T09:00:00Z");
  EXPECT_EQ(wire::clock_view(now).dump(), R"({"now":"2027-03-25T09:00:00Z"})");
  EXPECT_EQ(wire::tick_view(now, {1, 2, 3}, {4, 5, 6}).dump(),
            R"({"failed":3,"now":"2027-03-25T09:00:00Z","retried":2,"sent":1,"webhooks":{"failed":6,"retried":5,"sent":4}})");
}

TEST(IntegrationsWire, SmallAnswersOfWebhooksAndCalendars) {
  EXPECT_EQ(wire::redelivery_view(42).dump(), R"({"id":"42","state":"pending"})");
  EXPECT_EQ(wire::calendar_refresh_view("cal_1").dump(), R"({"id":"cal_1","refresh":"queued"})");
  const wire::WebhookView w{"wh_1", "https://x", {"*"}, "", "", true, 0, utc("2027-03-20T00:00:00Z")};
  Json expected = wire::webhook_view(w);
  expected["secret"] = "s3";
  EXPECT_EQ(wire::webhook_created_view(w, "s3"), expected);
  const Json moved = wire::rescheduled_data(Json{{"uid", "b_1"}}, {utc("2027-03-20T09:00:00Z"), utc("2027-03-20T10:00:00Z")});
  EXPECT_EQ(moved.dump(), R"({"previous":{"end":"2027-03-20T10:00:00Z","start":"2027-03-20T09:00:00Z"},"uid":"b_1"})");
}

}  // namespace
}  // namespace kairos::core
