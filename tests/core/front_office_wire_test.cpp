// JSON of the front office's records: what the server stores is read back as the same
// location, label and inquiry; rows written before the records were typed still read;
// a corrupt stored document is refused with the field to blame, never defaulted.
#include "kairos/wire/front_office.hpp"

#include <gtest/gtest.h>

#include "kairos/time_text.hpp"

namespace kairos::core {
namespace {

Instant utc(const char* s) { return *parse_instant(s); }
LocalDate day(const char* s) { return *parse_date(s); }

Inquiry sample_inquiry() {
  InquiryInput in;
  in.kind = InquiryKind::booking_request;
  in.name = "山田 太郎";
  in.email = "taro@example.jp";
  in.phone = "+81 90-1234-5678";
  in.message = "午後は空いていますか？\nよろしくお願いします";
  in.wished_times = {{utc("2027-03-25T05:00:00Z"), utc("2027-03-25T06:00:00Z")},
                     {utc("2027-03-26T05:00:00Z"), utc("2027-03-26T06:00:00Z")}};
  Inquiry q = new_inquiry(in, utc("2027-03-20T01:02:03Z"), day("2027-03-20"));
  q.page = "clinic";
  q.location = "loc_1";
  q.language = "ja";
  q.labels = {"lab_a", "lab_b"};
  q.staff = "host_1";
  return q;
}

TEST(FrontOfficeWire, InquiryDocumentRoundTripsThroughEveryEvent) {
  Inquiry q = sample_inquiry();
  ASSERT_TRUE(apply_inquiry_event(q, InquiryEvent::reply, utc("2027-03-21T09:00:00Z"), day("2027-03-21")).ok());
  q.replies.push_back({utc("2027-03-21T09:00:00Z"), "はい、14時はいかがですか"});
  ASSERT_TRUE(apply_inquiry_event(q, InquiryEvent::expire, utc("2027-03-23T00:00:00Z"), day("2027-03-23")).ok());
  q.delivery_problem = DeliveryProblem{"taro@example.jp", "5.1.1", "bnc_7"};
  EXPECT_EQ(q.state, InquiryState::unconverted);
  EXPECT_EQ(q.unconverted_on, day("2027-03-22"));
  const auto back = wire::read_inquiry_document(wire::inquiry_document(q), "inquiry");
  ASSERT_TRUE(back.ok()) << back.error().field << " " << back.error().message;
  // The row, not the document, holds the id, account, state and the time of the last change.
  Inquiry expected = q;
  expected.state = InquiryState::new_;
  expected.updated = q.created;
  EXPECT_EQ(*back, expected);
}

TEST(FrontOfficeWire, ConvertedInquiryKeepsItsBookingAndHistory) {
  Inquiry q = sample_inquiry();
  ASSERT_TRUE(apply_inquiry_event(q, InquiryEvent::convert, utc("2027-03-21T09:00:00Z"), day("2027-03-21"), "bk_1").ok());
  q.booking = "bk_1";
  const auto back = wire::read_inquiry_document(wire::inquiry_document(q), "inquiry");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->booking, "bk_1");
  ASSERT_EQ(back->history.size(), 2u);
  EXPECT_EQ(back->history[1].event, "converted");
  EXPECT_EQ(back->history[1].detail, "bk_1");
  // Converted is final: the state machine refuses and changes nothing.
  Inquiry before = q;
  EXPECT_EQ(apply_inquiry_event(q, InquiryEvent::reply, utc("2027-03-22T00:00:00Z"), day("2027-03-22")).error().code,
            "illegal_transition");
  EXPECT_EQ(q, before);
}

TEST(FrontOfficeWire, StoredInquiryOfTheFirstFormatStillReads) {
  // As the server stored it before the records were typed (phone left out, "state"
  // written by the expiry sweep, no awaiting_since yet).
  const auto j = nlohmann::json::parse(R"({
    "kind": "question", "page": "demo", "location": "", "language": "fi",
    "guest": {"name": "Aino", "email": "aino@example.fi"}, "message": "Onko pysäköintiä?",
    "wished_times": [], "labels": [], "staff": "", "created": "2026-11-02T08:00:00Z",
    "received_on": "2026-11-02", "state": "new",
    "history": [{"at": "2026-11-02T08:00:00Z", "event": "received", "detail": ""}], "replies": []})");
  const auto q = wire::read_inquiry_document(j, "inquiry");
  ASSERT_TRUE(q.ok()) << q.error().field << " " << q.error().message;
  EXPECT_EQ(q->kind, InquiryKind::question);
  EXPECT_EQ(q->guest.name, "Aino");
  EXPECT_EQ(q->guest.phone, "");
  EXPECT_EQ(q->received_on, day("2026-11-02"));
  EXPECT_FALSE(q->awaiting_since.has_value());
  // Written back, it is the same document but for the sweep's redundant state.
  nlohmann::json expected = j;
  expected.erase("state");
  EXPECT_EQ(wire::inquiry_document(*q), expected);
}

TEST(FrontOfficeWire, CorruptStoredInquiryIsRefusedWithItsField) {
  auto base = wire::inquiry_document(sample_inquiry());
  auto broken = [&](const char* key, nlohmann::json value) {
    nlohmann::json j = base;
    if (value.is_discarded()) j.erase(key);
    else j[key] = std::move(value);
    return wire::read_inquiry_document(j, "inquiry");
  };
  EXPECT_EQ(broken("created", nlohmann::json::value_t::discarded).error().field, "inquiry.created");
  EXPECT_EQ(broken("created", nlohmann::json::value_t::discarded).error().code, "missing_field");
  EXPECT_EQ(broken("kind", "rumour").error().field, "inquiry.kind");
  EXPECT_EQ(broken("received_on", "yesterday").error().field, "inquiry.received_on");
  EXPECT_EQ(broken("guest", 42).error().field, "inquiry.guest");
  EXPECT_EQ(broken("history", nlohmann::json::array({{{"event", "received"}}})).error().field, "inquiry.history[0].at");
  EXPECT_EQ(broken("wished_times", nlohmann::json::array({{{"start", "x"}, {"end", "y"}}})).error().field.rfind(
                "inquiry.wished_times[0]", 0),
            0u);
  EXPECT_EQ(broken("labels", "lab_a").error().code, "invalid_type");
  EXPECT_FALSE(wire::read_inquiry_document(nlohmann::json::array(), "inquiry").ok());
}

TEST(FrontOfficeWire, InquiryViewCarriesTheBookingDraftAndLocationName) {
  Inquiry q = sample_inquiry();
  q.id = "inq_1";
  Location loc;
  loc.name.by_language = {{"en", "Shibuya office"}, {"ja", "渋谷オフィス"}};
  const auto v = wire::inquiry_view(q, &loc);
  EXPECT_EQ(v["id"], "inq_1");
  EXPECT_EQ(v["state"], "new");
  EXPECT_EQ(v["guest"]["phone"], "+81 90-1234-5678");
  EXPECT_EQ(v["booking_draft"]["start"], "2027-03-25T05:00:00Z");
  EXPECT_EQ(v["booking_draft"]["location"], "loc_1");
  EXPECT_EQ(v["booking_draft"]["notes"], q.message);
  EXPECT_EQ(v["location_name"]["ja"], "渋谷オフィス");
  EXPECT_FALSE(wire::inquiry_view(q, nullptr).contains("location_name"));
}

TEST(FrontOfficeWire, LocationAndLabelRoundTrip) {
  Location l;
  l.name.by_language = {{"en", "Shibuya office"}, {"ja", "渋谷オフィス"}};
  l.address.text = "Shibuya 1-2-3, Tokyo";
  l.phone = "+81 3-1234-5678";
  l.timezone = "Asia/Tokyo";
  const auto lb = wire::read_location_document(wire::location_document(l), "location");
  ASSERT_TRUE(lb.ok());
  EXPECT_EQ(*lb, l);
  EXPECT_EQ(lb->name.in("fi"), "Shibuya office");
  EXPECT_EQ(lb->address.in("ja"), "Shibuya 1-2-3, Tokyo");

  Label label;
  label.name = "業者";
  label.kind = LabelKind::location;
  label.color = "#aa3300";
  label.location = "loc_1";
  const auto back = wire::read_label_document(wire::label_document(label), "label");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, label);
  EXPECT_EQ(automatic_labels({label}, "loc_1").size(), 1u);  // ids are the row's; empty here
  EXPECT_TRUE(automatic_labels({label}, "loc_2").empty());
}

TEST(FrontOfficeWire, CorruptLocationAndLabelAreRefused) {
  EXPECT_EQ(wire::read_location_document(nlohmann::json{{"address", "x"}}, "location").error().field, "location.name");
  EXPECT_EQ(wire::read_location_document(nlohmann::json{{"name", 3}}, "location").error().field, "location.name");
  EXPECT_EQ(wire::read_location_document(nlohmann::json{{"name", {{"en", 1}}}}, "location").error().field,
            "location.name.en");
  EXPECT_EQ(wire::read_label_document(nlohmann::json{{"name", "x"}, {"kind", "mood"}}, "label").error().field,
            "label.kind");
  EXPECT_EQ(wire::read_label_document(nlohmann::json{{"kind", "custom"}}, "label").error().code, "missing_field");
}

TEST(FrontOfficeWire, RequestBodiesBlameTheirField) {
  using nlohmann::json;
  auto inq = wire::read_inquiry_request(json{{"page", "p"},
                                              {"kind", "booking_request"},
                                              {"guest", {{"name", "A"}, {"email", "a@example.com"}}},
                                              {"wished_times", json::array({{{"start", "2027-01-01T00:00:00Z"},
                                                                             {"end", "2027-01-01T01:00:00Z"}}})},
                                              {"language", "fi"}});
  ASSERT_TRUE(inq.ok());
  EXPECT_EQ(inq->input.wished_times.size(), 1u);
  EXPECT_EQ(inq->language, "fi");
  EXPECT_EQ(wire::read_inquiry_request(json{{"page", "p"}, {"kind", "x"}, {"guest", json::object()}}).error().code,
            "invalid_kind");
  EXPECT_EQ(wire::read_inquiry_request(json{{"page", "p"}, {"kind", "question"}, {"guest", json::object()},
                                            {"language", "xx"}})
                .error()
                .code,
            "unsupported_language");
  EXPECT_EQ(wire::read_inquiry_change(json{{"state", "converted"}}).error().code, "illegal_transition");
  EXPECT_EQ(wire::read_inquiry_change(json{{"state", "closed"}})->event, InquiryEvent::close);
  EXPECT_EQ(wire::read_label_request(json{{"name", "x"}, {"kind", "custom"}, {"color", "red"}}).error().code,
            "invalid_color");
  EXPECT_EQ(wire::read_label_change(json{{"kind", "staff"}}, Label{}).error().code, "immutable_field");
  EXPECT_EQ(wire::read_location_request(json{{"address", "x"}}, {}, true).error().field, "name");
  auto put = wire::read_location_request(json{{"address", "New 1"}}, Location{"l", "a", {"Old", {}}, {"Old 1", {}}, "", ""},
                                         false);
  ASSERT_TRUE(put.ok());
  EXPECT_EQ(put->name.text, "Old");
  EXPECT_EQ(put->address.text, "New 1");
}

TEST(FrontOfficeWire, ReportSettingsRoundTripAndOldRowsRead) {
  ReportSettings s;
  s.report_time = LocalTime::from_seconds(20 * 3600);
  s.timezone = "Europe/Helsinki";
  s.language = "fi";
  s.subscribers = {"ilta@clinic.test"};
  s.last_report = day("2027-03-27");
  const auto back = wire::read_report_settings_document(wire::report_settings_document(s), "settings");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, s);
  // A row written with only a subscriber list takes the defaults.
  const auto old = wire::read_report_settings_document(nlohmann::json{{"subscribers", {"a@clinic.test"}}}, "settings");
  ASSERT_TRUE(old.ok());
  EXPECT_FALSE(old->report_time.has_value());
  EXPECT_EQ(old->timezone, "UTC");
  EXPECT_EQ(nlohmann::json(*old)["report_time"], "");
  EXPECT_EQ(wire::read_report_settings_document(nlohmann::json{{"report_time", "25:00"}}, "settings").error().field,
            "settings.report_time");
  EXPECT_EQ(wire::read_report_settings_request(nlohmann::json{{"subscribers", {"not-an-address"}}}, s).error().field,
            "subscribers[0]");
}

}  // namespace
}  // namespace kairos::core

namespace kairos::core {
namespace {

TEST(FrontOfficeWire, BounceRecordRoundTripsAndRowsOfTheUntypedServerRead) {
  // A row as the server wrote it before bounce records were typed (a JSON object built
  // in front.cpp), then corrected by staff.
  const auto stored = nlohmann::json::parse(R"({"address":"taro@exmaple.jp","message":42,
    "template":"booking.approved.guest","status":"5.1.1","diagnostic":"550 5.1.1 no such user","error":
    "bounced: 5.1.1 550 5.1.1 no such user","booking":"b_1","inquiry":"","guest_name":"山田 太郎",
    "guest_phone":"+81 90-1234-5678","created":"2027-03-20T01:02:03Z","suggestion":"taro@example.jp"})");
  auto b = wire::read_bounce_document(stored, "bounce");
  ASSERT_TRUE(b.ok()) << b.error().field << ": " << b.error().message;
  EXPECT_EQ(b->message, 42);
  EXPECT_EQ(b->template_key, "booking.approved.guest");
  EXPECT_EQ(b->suggestion, std::optional<std::string>("taro@example.jp"));
  EXPECT_EQ(b->created, utc("2027-03-20T01:02:03Z"));
  EXPECT_FALSE(b->corrected_to);
  EXPECT_EQ(wire::bounce_document(*b), stored);

  b->id = "bnc_42";
  b->corrected_to = "taro@example.jp";
  b->corrected_at = utc("2027-03-21T09:00:00Z");
  b->resent = 2;
  const auto back = wire::read_bounce_document(wire::bounce_document(*b), "bounce");
  ASSERT_TRUE(back.ok());
  BounceRecord expected = *b;
  expected.id.clear();  // the row's, not the document's
  EXPECT_EQ(*back, expected);
  const auto view = wire::bounce_view(*b, "corrected");
  EXPECT_EQ(view["id"], "bnc_42");
  EXPECT_EQ(view["state"], "corrected");
  EXPECT_EQ(view["corrected_at"], "2027-03-21T09:00:00Z");
  EXPECT_EQ(view["resent"], 2);
}

TEST(FrontOfficeWire, CorruptBounceRecordIsRefusedWithItsField) {
  auto base = nlohmann::json{{"address", "a@example.com"}, {"message", 7}, {"created", "2027-03-20T01:02:03Z"}};
  ASSERT_TRUE(wire::read_bounce_document(base, "bounce").ok());
  auto no_message = base;
  no_message.erase("message");
  EXPECT_EQ(wire::read_bounce_document(no_message, "bounce").error().field, "bounce.message");
  auto bad_created = base;
  bad_created["created"] = 5;
  EXPECT_EQ(wire::read_bounce_document(bad_created, "bounce").error().field, "bounce.created");
  EXPECT_FALSE(wire::read_bounce_document(nlohmann::json::array(), "bounce").ok());
}

TEST(FrontOfficeWire, FrontOfficeAnswersKeepTheirShape) {
  const Inquiry q = sample_inquiry();
  EXPECT_EQ(wire::inquiry_created_view(q), (nlohmann::json{{"id", q.id}, {"state", to_string(q.state)}}));
  EXPECT_EQ(wire::read_inquiry_created(*wire::parse_json(wire::inquiry_created_view(q).dump())), q.id);
  EXPECT_EQ(wire::read_inquiry_created(nlohmann::json{{"id", 7}}), "");
  const auto report = wire::daily_report_view(day("2027-03-24"), "", {q});
  EXPECT_EQ(report["date"], "2027-03-24");
  EXPECT_TRUE(report["location"].is_null());
  EXPECT_EQ(report["count"], 1);
  EXPECT_EQ(report["items"][0], nlohmann::json(q));
  EXPECT_EQ(wire::daily_report_view(day("2027-03-24"), "loc_1", {})["location"], "loc_1");
  EXPECT_EQ(wire::search_view("yui", {}, {nlohmann::json(1)}).dump(), R"({"bookings":[],"inquiries":[1],"q":"yui"})");
  EXPECT_EQ(wire::manual_message_view("b_1", "a@b.c", "").dump(), R"({"booking":"b_1","recipient":"a@b.c"})");
  EXPECT_EQ(wire::manual_message_view("b_1", "", "no_email").dump(),
            R"({"booking":"b_1","recipient":"","skipped":"no_email"})");
  wire::ArrivalView a;
  a.when = {utc("2027-03-25T05:00:00Z"), utc("2027-03-25T06:00:00Z")};
  a.hosts = {"Yui"};
  EXPECT_EQ(wire::arrival_view(a).dump(),
            R"({"already":false,"end":"2027-03-25T06:00:00Z","hosts":["Yui"],"start":"2027-03-25T05:00:00Z","status":"arrived"})");
  a.already = true;
  a.room = "Room 1";
  a.location = LocalizedText{"Head office"};
  const auto v = wire::arrival_view(a);
  EXPECT_EQ(v["already"], true);
  EXPECT_EQ(v["room"], "Room 1");
  EXPECT_EQ(v["location"], "Head office");
}

}  // namespace
}  // namespace kairos::core
