// JSON of the owner's stored documents (hosts, pages, account settings, a room's
// location, template overrides): what a request gives is stored and read back as the
// same document; what a request left out stays out; a corrupt stored document is refused
// with corrupt_document and the field to blame, never read as empty.
#include "kairos/wire/documents.hpp"

#include <gtest/gtest.h>

#include "kairos/time_text.hpp"

namespace kairos::wire {
namespace {

const auto any_zone = [](const std::string& tz) { return tz == "Asia/Tokyo" || tz == "Europe/Helsinki"; };
const auto any_id = [](const std::string&) { return true; };

Json host_body() {
  return Json::parse(R"({"name": "Yui Tanaka", "email": "yui@example.com", "timezone": "Asia/Tokyo",
    "language": "ja", "phone": "+81 90 1234", "sms_arrivals": false,
    "weekly_hours": {"mon": [["09:00", "12:00"], ["13:00", "18:00"]], "sat": []},
    "overrides": [{"date": "2027-03-25", "hours": [["10:00", "24:00"]]}],
    "busy": [{"start": "2027-03-26T01:00:00Z", "end": "2027-03-26T02:00:00Z"}, {"date": "2027-03-27"}]})");
}

Json page_body() {
  return Json::parse(R"({"name": {"en": "Clinic", "ja": "クリニック"}, "hosts": ["h1", "h2"], "host_mode": "all",
    "notifications": {"reminders_minutes": [1440], "no_show_mail": true},
    "templates": [{"template": "booking.approved.guest", "language": "en", "subject": "Hi"}],
    "event_types": [
      {"id": "intro", "name": "Intro call", "duration_minutes": 30, "window": {"rolling_days": 60},
       "location": "loc_1", "description": {"en": "Short", "ja": "短い"}},
      {"id": "visit", "name": "Visit", "duration_minutes": 60, "buffer_before_minutes": 0,
       "limits": {"per_day": 4}, "rooms": ["r1"], "auto_approve": false,
       "window": {"from": "2027-01-01", "to": "2027-12-31"}}]})");
}

TEST(DocumentsWire, HostRequestIsStoredAndReadBackAsTheSameDocument) {
  auto h = read_host_request(host_body(), any_zone);
  ASSERT_TRUE(h.ok()) << h.error().field << ": " << h.error().message;
  const Json stored = host_document(*h);
  // Weekdays as given: "sat" stays an empty day, the others stay out.
  EXPECT_EQ(stored["weekly_hours"], Json::parse(R"({"mon": [["09:00", "12:00"], ["13:00", "18:00"]], "sat": []})"));
  EXPECT_EQ(stored["overrides"][0]["hours"][0][1], "24:00");
  EXPECT_FALSE(stored.contains("location"));
  EXPECT_FALSE(stored.contains("sms_reminders"));
  auto back = read_stored_text(stored.dump(), read_host_document, "host");
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(host_document(*back), stored);
  EXPECT_EQ(back->language, "ja");
  EXPECT_FALSE(back->texts_arrivals());
  EXPECT_FALSE(back->texts_reminders());
  EXPECT_EQ(back->busy.size(), 2u);
  const core::Host engine = back->schedule("h1", {});
  EXPECT_EQ(engine.weekly.on(core::Weekday::mon).size(), 2u);
  EXPECT_TRUE(engine.weekly.on(core::Weekday::tue).empty());
}

TEST(DocumentsWire, HostRequestWithoutHoursWorksMondayToFriday) {
  auto h = read_host_request(Json{{"name", "A"}, {"email", "a@example.com"}, {"timezone", "Asia/Tokyo"}}, any_zone);
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->weekly(), core::WeeklyHours::standard());
  EXPECT_EQ(host_document(*h)["weekly_hours"].size(), 5u);
}

TEST(DocumentsWire, HostRequestErrorsNameTheField) {
  Json b = host_body();
  b["timezone"] = "Mars/Olympus";
  EXPECT_EQ(read_host_request(b, any_zone).error().code, "unknown_zone");
  b = host_body();
  b["weekly_hours"]["someday"] = Json::array();
  EXPECT_EQ(read_host_request(b, any_zone).error().field, "weekly_hours.someday");
  b = host_body();
  b["phone"] = "call me";
  EXPECT_EQ(read_host_request(b, any_zone).error().code, "invalid_phone");
  b = host_body();
  b["name"] = std::string("Yui\nTanaka");
  EXPECT_EQ(read_host_request(b, any_zone).error().code, "control_character");
}

TEST(DocumentsWire, CorruptHostDocumentIsRefusedNotReadAsEmpty) {
  auto not_json = read_stored_text<HostDocument>("{\"name\": ", read_host_document, "host");
  ASSERT_FALSE(not_json.ok());
  EXPECT_EQ(not_json.error().code, "corrupt_document");
  EXPECT_EQ(not_json.error().message, "host document: not JSON");
  auto wrong_type = read_stored_text<HostDocument>(R"({"name": 7, "email": "a@b.c", "timezone": "UTC"})",
                                                   read_host_document, "host");
  ASSERT_FALSE(wrong_type.ok());
  EXPECT_EQ(wrong_type.error().code, "corrupt_document");
  EXPECT_EQ(wrong_type.error().field, "name");
  auto missing = read_stored_text<HostDocument>(R"({"name": "A", "email": "a@b.c"})", read_host_document, "host");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().field, "timezone");
  auto bad_hours = read_stored_text<HostDocument>(
      R"({"name": "A", "email": "a@b.c", "timezone": "UTC", "weekly_hours": {"mon": [["9", "17"]]}})",
      read_host_document, "host");
  ASSERT_FALSE(bad_hours.ok());
}

TEST(DocumentsWire, PageRequestIsStoredAndReadBackAsTheSameDocument) {
  auto p = read_page_request(page_body(), any_id, any_id);
  ASSERT_TRUE(p.ok()) << p.error().field << ": " << p.error().message;
  const Json stored = page_document(*p);
  EXPECT_EQ(stored["language"], "en");
  EXPECT_EQ(stored["enabled"], true);
  EXPECT_EQ(stored["description"], "");
  EXPECT_EQ(stored["host_mode"], "all");
  // What the request left out stays out (an absent buffer is the 15-minute default).
  const Json& intro = stored["event_types"][0];
  EXPECT_FALSE(intro.contains("buffer_before_minutes"));
  EXPECT_FALSE(intro.contains("rooms"));
  EXPECT_EQ(intro["auto_approve"], true);
  EXPECT_EQ(intro["window"], Json::parse(R"({"rolling_days": 60})"));
  EXPECT_EQ(stored["event_types"][1]["limits"], Json::parse(R"({"per_day": 4})"));
  EXPECT_EQ(stored["templates"][0]["body"], "");

  auto back = read_stored_text(stored.dump(), read_page_document, "");
  ASSERT_TRUE(back.ok()) << back.error().field << ": " << back.error().message;
  EXPECT_EQ(page_document(*back), stored);
  ASSERT_NE(back->event_type("visit"), nullptr);
  EXPECT_EQ(back->event_type("nope"), nullptr);
  auto policy = event_policy(*back->event_type("intro"));
  ASSERT_TRUE(policy.ok());
  EXPECT_EQ(policy->buffer_before, core::Minutes(15));
  auto visit = event_policy(*back->event_type("visit"));
  ASSERT_TRUE(visit.ok());
  EXPECT_EQ(visit->buffer_before, core::Minutes(0));
  EXPECT_FALSE(visit->auto_approve);
  auto n = notification_settings(*back, {});
  ASSERT_TRUE(n.ok());
  EXPECT_TRUE(n->no_show_mail);
}

TEST(DocumentsWire, PageRequestChecksTheAccountsIds) {
  const auto no_h2 = [](const std::string& id) { return id != "h2"; };
  auto p = read_page_request(page_body(), no_h2, any_id);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().code, "unknown_host");
  EXPECT_EQ(p.error().field, "hosts[1]");
  auto r = read_page_request(page_body(), any_id, [](const std::string&) { return false; });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "unknown_room");
  EXPECT_EQ(r.error().field, "event_types[1].rooms[0]");
  Json dup = page_body();
  dup["event_types"][1]["id"] = "intro";
  EXPECT_EQ(read_page_request(dup, any_id, any_id).error().code, "duplicate_id");
}

TEST(DocumentsWire, CorruptPageDocumentIsRefused) {
  auto stored = page_document(*read_page_request(page_body(), any_id, any_id));
  for (auto [key, value] : {std::pair{"hosts", Json("h1")}, std::pair{"event_types", Json()},
                            std::pair{"enabled", Json("yes")}, std::pair{"host_mode", Json("some")}}) {
    Json bad = stored;
    if (value.is_null()) bad.erase(key);
    else bad[key] = value;
    auto r = read_page_document(bad, "");
    ASSERT_FALSE(r.ok()) << key;
    EXPECT_EQ(r.error().field, key);
  }
  Json bad = stored;
  bad["event_types"][0]["duration_minutes"] = "thirty";
  auto r = read_page_document(bad, "");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "event_types[0].duration_minutes");
}

TEST(DocumentsWire, PublicPageViewShowsTheGuestsLanguage) {
  auto p = read_page_request(page_body(), any_id, any_id);
  ASSERT_TRUE(p.ok());
  core::Location office;
  office.id = "loc_1";
  office.name = core::LocalizedText{"", {{"en", "Main office"}, {"ja", "本社"}}};
  office.address = core::LocalizedText{"1-2-3 Shibuya", {}};
  office.phone = "+81 3";
  const auto location = [&](const std::string& id) -> std::optional<core::Location> {
    if (id == "loc_1") return office;
    return std::nullopt;
  };
  const Json ja = public_page_view(*p, {{"h1", "Yui", "Asia/Tokyo"}}, location, "ja");
  EXPECT_EQ(ja["name"], "クリニック");
  EXPECT_EQ(ja["hosts"], Json::parse(R"([{"id": "h1", "name": "Yui", "timezone": "Asia/Tokyo"}])"));
  EXPECT_EQ(ja["event_types"][0]["description"], "短い");
  EXPECT_EQ(ja["event_types"][0]["location"]["name"], "本社");
  EXPECT_EQ(ja["event_types"][0]["location"]["id"], "loc_1");
  EXPECT_FALSE(ja["event_types"][1].contains("location"));
  const Json as_stored = public_page_view(*p, {}, location, "");
  EXPECT_EQ(as_stored["name"], Json::parse(R"({"en": "Clinic", "ja": "クリニック"})"));
}

TEST(DocumentsWire, AccountDocumentsRoundTripAndRefuseWrongTypes) {
  const AccountSettings s{"Aurora", "/logo.png", "fi"};
  auto back = read_stored_text(account_settings_document(s).dump(), read_account_settings_document, "");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->sender_name, "Aurora");
  EXPECT_EQ(back->language, "fi");
  EXPECT_FALSE(read_stored_text<AccountSettings>(R"({"sender_name": 3})", read_account_settings_document, "").ok());

  auto loc = read_stored_text(room_location_document("loc_9").dump(), read_room_location_document, "");
  ASSERT_TRUE(loc.ok());
  EXPECT_EQ(*loc, "loc_9");
  EXPECT_FALSE(read_stored_text<std::string>("{}", read_room_location_document, "").ok());

  const core::TemplateOverride t{"confirmation", "de", "Hallo", "Text"};
  auto tb = read_stored_text(template_override_document(t).dump(), read_template_override_document, "");
  ASSERT_TRUE(tb.ok());
  EXPECT_EQ(tb->template_key, "confirmation");
  EXPECT_EQ(tb->body, "Text");
  EXPECT_FALSE(read_stored_text<core::TemplateOverride>(R"({"template": "x"})", read_template_override_document, "").ok());
}

}  // namespace
}  // namespace kairos::wire
