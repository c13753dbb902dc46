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
  auto not_json = read_stored_text("{\"name\": ", read_host_document, "host");
  ASSERT_FALSE(not_json.ok());
  EXPECT_EQ(not_json.error().code, "corrupt_document");
  EXPECT_EQ(not_json.error().message, "host document: not JSON");
  auto wrong_type = read_stored_text(R"({"name": 7, "email": "a@b.c", "timezone": "UTC"})",
                                                   read_host_document, "host");
  ASSERT_FALSE(wrong_type.ok());
  EXPECT_EQ(wrong_type.error().code, "corrupt_document");
  EXPECT_EQ(wrong_type.error().field, "name");
  auto missing = read_stored_text(R"({"name": "A", "email": "a@b.c"})", read_host_document, "host");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().field, "timezone");
  auto bad_hours = read_stored_text(
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

// The widget reads GET /v1/pages/{page} through read_public_page: what the server wrote
// (guest_page_view over public_page_view), sent as text, reads back typed.
TEST(DocumentsWire, WidgetReadsBackThePublicPage) {
  auto p = read_page_request(page_body(), any_id, any_id);
  ASSERT_TRUE(p.ok());
  p->logo = "/logo.png";
  core::Location office;
  office.id = "loc_1";
  office.name = core::LocalizedText{"", {{"en", "Main office"}, {"ja", "本社"}}};
  office.address = core::LocalizedText{"1-2-3 Shibuya", {}};
  const auto location = [&](const std::string& id) -> std::optional<core::Location> {
    if (id == "loc_1") return office;
    return std::nullopt;
  };
  const auto over_the_wire = [](const Json& j) { return *parse_json(j.dump()); };
  const std::vector<PublicHost> hosts{{"h1", "Yui", "Asia/Tokyo"}, {"h2", "Ken", "Asia/Tokyo"}};
  // As stored (no language asked): owner content stays a language map, the widget picks.
  const PublicPage page =
      read_public_page(over_the_wire(guest_page_view(public_page_view(*p, hosts, location, ""), "clinic", "", true)));
  EXPECT_EQ(page.id, "clinic");
  EXPECT_EQ(page.language, "en");
  EXPECT_EQ(page.host_mode, "all");
  EXPECT_EQ(page.logo, "/logo.png");
  EXPECT_EQ(page.mail_delivery, std::optional<bool>(true));
  EXPECT_EQ(page.name, p->name);
  EXPECT_EQ(page.name.in("ja", page.language), "クリニック");
  ASSERT_EQ(page.hosts.size(), 2u);
  EXPECT_EQ(page.hosts[1].id, "h2");
  EXPECT_EQ(page.hosts[1].name, "Ken");
  EXPECT_EQ(page.hosts[1].timezone, "Asia/Tokyo");
  ASSERT_EQ(page.event_types.size(), 2u);
  const PublicEventType& intro = page.event_types[0];
  EXPECT_EQ(intro.id, "intro");
  EXPECT_EQ(intro.name.in("ja", "en"), "Intro call");
  EXPECT_EQ(intro.duration_minutes, std::optional<int>(30));
  EXPECT_EQ(intro.description.in("ja", "en"), "短い");
  ASSERT_TRUE(intro.office);
  EXPECT_EQ(intro.office->id, "loc_1");
  EXPECT_EQ(intro.office->name, office.name);
  EXPECT_EQ(intro.office->address.in("ja", "en"), "1-2-3 Shibuya");
  EXPECT_TRUE(intro.location.empty());
  const PublicEventType& visit = page.event_types[1];
  EXPECT_EQ(visit.duration_minutes, std::optional<int>(60));
  EXPECT_FALSE(visit.office);
  EXPECT_TRUE(visit.location.empty());
  EXPECT_TRUE(visit.description.empty());

  // In one language: plain strings; a location the store no longer knows is its word.
  const auto nowhere = [](const std::string&) -> std::optional<core::Location> { return std::nullopt; };
  const PublicPage ja = read_public_page(over_the_wire(public_page_view(*p, hosts, nowhere, "ja")));
  EXPECT_EQ(ja.name.text, "クリニック");
  EXPECT_TRUE(ja.name.by_language.empty());
  EXPECT_FALSE(ja.mail_delivery);
  EXPECT_EQ(ja.event_types[0].location, "loc_1");
  EXPECT_FALSE(ja.event_types[0].office);

  // Lenient, as the widget always was: a member of another type keeps its default.
  const PublicPage odd = read_public_page(*parse_json(R"({"name": 3, "mail_delivery": "yes", "hosts": {},
      "event_types": [{"id": "a", "duration_minutes": "30", "location": 4, "name": {"en": 1}}, 7]})"));
  EXPECT_TRUE(odd.name.empty());
  EXPECT_FALSE(odd.mail_delivery);
  EXPECT_TRUE(odd.hosts.empty());
  ASSERT_EQ(odd.event_types.size(), 2u);
  EXPECT_EQ(odd.event_types[0].id, "a");
  EXPECT_FALSE(odd.event_types[0].duration_minutes);
  EXPECT_TRUE(odd.event_types[0].location.empty());
  EXPECT_TRUE(odd.event_types[0].name.empty());
  EXPECT_TRUE(odd.event_types[1].id.empty());
  EXPECT_TRUE(read_public_page(Json()).event_types.empty());
}

TEST(DocumentsWire, AccountDocumentsRoundTripAndRefuseWrongTypes) {
  const AccountSettings s{"Aurora", "/logo.png", "fi"};
  auto back = read_stored_text(account_settings_document(s).dump(), read_account_settings_document, "");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->sender_name, "Aurora");
  EXPECT_EQ(back->language, "fi");
  EXPECT_FALSE(read_stored_text(R"({"sender_name": 3})", read_account_settings_document, "").ok());

  auto loc = read_stored_text(room_location_document("loc_9").dump(), read_room_location_document, "");
  ASSERT_TRUE(loc.ok());
  EXPECT_EQ(*loc, "loc_9");
  EXPECT_FALSE(read_stored_text("{}", read_room_location_document, "").ok());

  const core::TemplateOverride t{"confirmation", "de", "Hallo", "Text"};
  auto tb = read_stored_text(template_override_document(t).dump(), read_template_override_document, "");
  ASSERT_TRUE(tb.ok());
  EXPECT_EQ(tb->template_key, "confirmation");
  EXPECT_EQ(tb->body, "Text");
  EXPECT_FALSE(read_stored_text(R"({"template": "x"})", read_template_override_document, "").ok());
}

TEST(DocumentsWire, StoredTextThatIsNoObjectIsCorruptAndTheFieldArgumentPrefixesThePath) {
  auto list = read_stored_text("[]", read_host_document, "host h_1");
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.error().code, "corrupt_document");
  EXPECT_EQ(list.error().message, "host h_1 document: not a JSON object");
  // Any reader (a lambda too) is called with the field argument, which the reader puts in
  // front of the member it blames.
  const auto reader = [](const Json& j, std::string_view field) -> Result<std::string> {
    if (!member(j, "x")) return core::make_error("missing_field", "this field is required", field_path(field, "x"));
    return std::string("ok");
  };
  auto missing = read_stored_text("{}", reader, "thing", "thing");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().field, "thing.x");
  EXPECT_EQ(missing.error().message, "thing document: thing.x: this field is required");
  EXPECT_EQ(*read_stored_text(R"({"x": 1})", reader, "thing"), "ok");
}

TEST(DocumentsWire, AdminViewsAreTheStoredDocumentWithItsId) {
  auto h = read_host_request(host_body(), any_zone);
  ASSERT_TRUE(h.ok());
  Json expected = host_document(*h);
  expected["id"] = "h_1";
  EXPECT_EQ(host_view("h_1", *h), expected);
  // What the store holds reads back to the same view (the API echoes documents as stored).
  auto back = read_stored_text(host_document(*h).dump(), read_host_document, "host");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(host_view("h_1", *back).dump(), expected.dump());

  auto p = read_page_request(page_body(), any_id, any_id);
  ASSERT_TRUE(p.ok());
  Json page = page_document(*p);
  page["id"] = "clinic";
  auto page_back = read_stored_text(page_document(*p).dump(), read_page_document, "page");
  ASSERT_TRUE(page_back.ok());
  EXPECT_EQ(page_view("clinic", *page_back).dump(), page.dump());
  EXPECT_TRUE(page_back->offers_room("r1"));
  EXPECT_FALSE(page_back->offers_room("r2"));
  EXPECT_EQ(embed_view("clinic", "popup", "<div></div>"),
            Json::parse(R"({"page": "clinic", "mode": "popup", "snippet": "<div></div>"})"));
}

TEST(DocumentsWire, HostUpdateKeepsWhatTheBodyLeavesOutAndIsCheckedAsAWhole) {
  auto h = read_host_request(host_body(), any_zone);
  ASSERT_TRUE(h.ok());
  auto moved = read_host_request(host_update(*h, Json{{"timezone", "Europe/Helsinki"}}), any_zone);
  ASSERT_TRUE(moved.ok());
  EXPECT_EQ(moved->timezone, "Europe/Helsinki");
  EXPECT_EQ(moved->name, "Yui Tanaka");
  EXPECT_EQ(moved->phone, "+81 90 1234");
  EXPECT_EQ(host_document(*moved)["weekly_hours"], host_document(*h)["weekly_hours"]);
  auto bad = read_host_request(host_update(*h, Json{{"timezone", "Mars/Base"}}), any_zone);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "unknown_zone");
}

TEST(DocumentsWire, PageIdAndRoomBodiesBlameTheirField) {
  EXPECT_FALSE(read_page_id(Json::object())->has_value());
  EXPECT_EQ(**read_page_id(Json{{"id", "clinic-1"}}), "clinic-1");
  EXPECT_EQ(read_page_id(Json{{"id", "no spaces"}}).error().code, "invalid_id");
  EXPECT_EQ(read_page_id(Json{{"id", 5}}).error().code, "invalid_id");

  EXPECT_EQ(read_room_request(Json::object()).error().code, "missing_field");
  EXPECT_EQ(read_room_request(Json{{"name", ""}}).error().code, "invalid_type");
  EXPECT_EQ(read_room_request(Json{{"name", "A\nB"}}).error().code, "control_character");
  EXPECT_EQ(read_room_request(Json{{"name", "A"}, {"location", 3}}).error().field, "location");
  auto room = read_room_request(Json{{"name", "Room 1"}, {"location", "loc_1"}});
  ASSERT_TRUE(room.ok());
  EXPECT_EQ(room->name, "Room 1");
  EXPECT_EQ(room->location, "loc_1");
  EXPECT_EQ(room_view("r_1", "Room 1", std::nullopt), Json::parse(R"({"id": "r_1", "name": "Room 1"})"));
  EXPECT_EQ(room_view("r_1", "Room 1", ""), Json::parse(R"({"id": "r_1", "name": "Room 1", "location": ""})"));
}

TEST(DocumentsWire, AccountBodyTrimsNamesAndKeepsWhatItLeavesOut) {
  const AccountSettings current{"Desk", "https://x.example/logo.png", "de"};
  auto u = read_account_request(Json{{"name", "  Salon Aurora "}}, current);
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->name, "Salon Aurora");
  EXPECT_EQ(u->settings.sender_name, "Desk");
  EXPECT_EQ(u->settings.language, "de");
  auto cleared = read_account_request(Json{{"name", "A"}, {"sender_name", ""}, {"language", "fi"}}, current);
  ASSERT_TRUE(cleared.ok());
  EXPECT_EQ(cleared->settings.sender_name, "");
  EXPECT_EQ(cleared->settings.language, "fi");
  EXPECT_EQ(read_account_request(Json::object(), current).error().code, "missing_field");
  EXPECT_EQ(read_account_request(Json{{"name", "A <b>"}}, current).error().code, "invalid_name");
  EXPECT_EQ(read_account_request(Json{{"name", "A"}, {"logo", "ftp://x"}}, current).error().code, "invalid_url");
  EXPECT_EQ(read_account_request(Json{{"name", "A"}, {"language", "xx"}}, current).error().code,
            "unsupported_language");
  EXPECT_EQ(account_view("acc_1", "Aurora", current),
            Json::parse(R"({"id": "acc_1", "name": "Aurora", "sender_name": "Desk",
                            "logo": "https://x.example/logo.png", "language": "de"})"));
}

TEST(DocumentsWire, ConsoleEnvelopes) {
  EXPECT_EQ(collection_view("hosts", {}).dump(), R"({"hosts":[]})");
  EXPECT_EQ(collection_view("items", {Json(1)}, std::nullopt).dump(), R"({"items":[1],"next_cursor":null})");
  EXPECT_EQ(collection_view("messages", {}, std::string("7")).dump(), R"({"messages":[],"next_cursor":"7"})");

  const core::Instant now = *core::parse_instant("2027-03-25T09:00:00Z");
  EXPECT_EQ(explain_view("clinic", "intro", "2027-03-25", "UTC", now, {}).dump(),
            R"({"date":"2027-03-25","event_type":"intro","now":"2027-03-25T09:00:00Z","page":"clinic","starts":[],"tz":"UTC"})");

  const core::Interval free{*core::parse_instant("2027-03-25T09:00:00Z"), *core::parse_instant("2027-03-25T10:00:00Z")};
  const Json days = host_preview_view("UTC", core::ZoneRules::fixed("UTC", 0), *core::parse_date("2027-03-25"),
                                      *core::parse_date("2027-03-26"), {free});
  EXPECT_EQ(days.dump(),
            R"({"days":{"2027-03-25":[{"end":"2027-03-25T10:00:00Z","start":"2027-03-25T09:00:00Z"}],"2027-03-26":[]},"tz":"UTC"})");

  EXPECT_EQ(mail_preview_view({"a@b.c", "request.sent", now, "S", "T", "<p>T</p>"}),
            Json::parse(R"({"recipient": "a@b.c", "template": "request.sent", "send_at": "2027-03-25T09:00:00Z",
                            "subject": "S", "text": "T", "html": "<p>T</p>"})"));
}

TEST(DocumentsWire, RecordViewsWithTheirExtras) {
  EXPECT_EQ(with_messages(Json{{"id", "q_1"}}, {Json(1)}).dump(), R"({"id":"q_1","messages":[1]})");
  EXPECT_EQ(related_bookings_view("b_1", {}).dump(), R"({"booking":"b_1","items":[],"next_cursor":null})");
  EXPECT_EQ(status_view("ok").dump(), R"({"status":"ok"})");
  EXPECT_EQ(accepted_view().dump(), R"({"status":"accepted"})");
  const Json list = template_list_view({});
  EXPECT_EQ(list["placeholders"], placeholder_list());
  EXPECT_TRUE(list["next_cursor"].is_null());
  Json detail = template_view("booking.approved.guest", "en", nullptr);
  detail["placeholders"] = placeholder_list();
  EXPECT_EQ(template_detail_view("booking.approved.guest", "en", nullptr), detail);

  // The account's logo only when the page has none of its own.
  const Json own = guest_page_view(Json{{"logo", "https://p/logo.png"}}, "clinic", "https://a/logo.png", true);
  EXPECT_EQ(own.dump(), R"({"id":"clinic","logo":"https://p/logo.png","mail_delivery":true})");
  const Json none = guest_page_view(Json::object(), "clinic", "https://a/logo.png", false);
  EXPECT_EQ(none.dump(), R"({"id":"clinic","logo":"https://a/logo.png","mail_delivery":false})");
  EXPECT_EQ(guest_page_view(Json::object(), "clinic", "", false).dump(), R"({"id":"clinic","mail_delivery":false})");
}

}  // namespace
}  // namespace kairos::wire
