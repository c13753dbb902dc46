// JSON of the back office's flows (kairos/wire/office.hpp): stored proposals, requests
// and bookings read back as written; a corrupt stored document is refused with
// "corrupt_document", never read as empty; request bodies answer the API's codes; an
// outbox payload carries what the composer needs and nothing else.
#include "kairos/wire/office.hpp"
#include "kairos/wire/front_office.hpp"

#include <gtest/gtest.h>

#include "kairos/time_text.hpp"

namespace kairos::core {
namespace {

using wire::Json;

Instant utc(const char* s) { return *parse_instant(s); }

Proposal sample_proposal() {
  Proposal p;
  p.id = "pr_1";
  p.page_id = "sales";
  p.event_type_id = "visit";
  p.host_ids = {"h_1"};
  p.candidates = {{utc("2027-03-25T05:00:00Z"), utc("2027-03-25T06:00:00Z")},
                  {utc("2027-03-26T05:00:00Z"), utc("2027-03-26T06:00:00Z")}};
  p.room_ids = {"r_1"};
  p.guests = {{"山田 太郎", "山田商事", "taro@example.jp", "ja"}};
  p.message = "受付でお名前をお伝えください";
  p.location = "loc_1";
  p.send_mail = false;
  p.visibility = Visibility::private_;
  p.language = "ja";
  p.readjust_message = "来週の午後はいかがですか";
  return p;
}

ConfirmationRequest sample_request() {
  ConfirmationRequest r;
  r.id = "cr_1";
  r.booking_uids = {"b_1", "b_2"};
  r.recipients = {"a@example.com"};
  r.recipient_languages = {"de"};
  r.allow_decline = false;
  r.message = "Bitte bestätigen";
  r.language = "de";
  r.created_at = utc("2027-03-20T01:00:00Z");
  r.send_at = utc("2027-03-20T01:05:00Z");
  r.state = RequestState::declined;
  r.responded_by = "a@example.com";
  r.responded_at = utc("2027-03-21T08:00:00Z");
  r.decline_reason = "Termin passt nicht";
  return r;
}

Booking sample_booking() {
  Booking b;
  b.uid = "b_1";
  b.page_id = "clinic";
  b.event_type_id = "checkup";
  b.when = {utc("2027-03-25T05:00:00Z"), utc("2027-03-25T05:30:00Z")};
  b.host_ids = {"h_1", "h_2"};
  b.room_id = "r_1";
  b.status = BookingStatus::approved;
  b.guest = {"Anna", "anna@example.com", "+49 1", "ACME", "Europe/Berlin", "de"};
  b.notes = "note";
  b.checkin_code = "123456";
  b.labels = {"lab_1"};
  b.sequence = 3;
  b.created_at = utc("2027-03-20T01:00:00Z");
  b.history = {{utc("2027-03-25T04:55:00Z"), Actor::host, "arrived", ""}};
  return b;
}

Json body(const char* text) { return *wire::parse_json(text); }

TEST(OfficeWire, ProposalDocumentRoundTrips) {
  const Proposal p = sample_proposal();
  auto back = wire::read_proposal_document(wire::proposal_document(p));
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(*back, p);
}

TEST(OfficeWire, RequestDocumentRoundTrips) {
  const ConfirmationRequest r = sample_request();
  auto back = wire::read_request_document(wire::request_document(r));
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(Json(*back), Json(r));
}

TEST(OfficeWire, CorruptStoredDocumentsFailWithCorruptDocument) {
  for (const char* text : {"", "not json", "[]", "null", "{\"guests\": 5}", "{\"state\": \"maybe\"}",
                           "{\"candidates\": [{\"start\": \"x\"}]}"}) {
    auto p = wire::read_proposal_document(text);
    ASSERT_FALSE(p) << text;
    EXPECT_EQ(p.error().code, "corrupt_document") << text;
  }
  auto r = wire::read_request_document("{\"bookings\": \"b_1\"}");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "corrupt_document");
  EXPECT_EQ(r.error().field, "request.bookings");
  auto b = wire::read_booking_document("{\"guest\": []}", sample_booking());
  ASSERT_FALSE(b);
  EXPECT_EQ(b.error().code, "corrupt_document");
  EXPECT_NE(b.error().message.find("booking.guest"), std::string::npos) << b.error().message;
}

TEST(OfficeWire, BookingDocumentLeavesTheColumnsToTheRow) {
  const Booking b = sample_booking();
  const std::string doc = wire::booking_document(b);
  const Json d = *wire::parse_json(doc);
  for (const char* column : {"uid", "page", "event_type", "start", "end", "hosts", "room", "status", "checkin_code",
                             "created_at"})
    EXPECT_FALSE(d.contains(column)) << column;
  Booking columns;
  columns.uid = b.uid;
  columns.page_id = b.page_id;
  columns.event_type_id = b.event_type_id;
  columns.when = b.when;
  columns.host_ids = b.host_ids;
  columns.room_id = b.room_id;
  columns.status = b.status;
  columns.checkin_code = b.checkin_code;
  columns.created_at = b.created_at;
  auto back = wire::read_booking_document(doc, columns);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(Json(*back), Json(b));
  // An empty document (a row written before documents) is the columns alone.
  auto bare = wire::read_booking_document("", columns);
  ASSERT_TRUE(bare);
  EXPECT_EQ(bare->uid, "b_1");
  EXPECT_TRUE(bare->guest.name.empty());
}

TEST(OfficeWire, BookingViewAddsHostArrivalAndRequestBadge) {
  const Booking b = sample_booking();
  Json v = wire::booking_view(b, wire::RequestBadge{"cr_1", RequestState::accepted});
  EXPECT_EQ(v["host"], "h_1");
  EXPECT_EQ(v["arrived_at"], "2027-03-25T04:55:00Z");
  EXPECT_EQ(v["request"], (Json{{"id", "cr_1"}, {"state", "accepted"}}));
  EXPECT_FALSE(wire::booking_view(b).contains("request"));
  Json created = wire::created_booking_view(b, "tok");
  EXPECT_EQ(created, (Json{{"uid", "b_1"},
                           {"status", "approved"},
                           {"start", "2027-03-25T05:00:00Z"},
                           {"end", "2027-03-25T05:30:00Z"},
                           {"host", "h_1"},
                           {"hosts", {"h_1", "h_2"}},
                           {"token", "tok"},
                           {"room", "r_1"},
                           {"checkin_code", "123456"}}));
}

TEST(OfficeWire, WidgetReadsBackEveryBookingAnswer) {
  const Booking b = sample_booking();
  for (const Json& answer : {wire::created_booking_view(b, "tok"), wire::booking_view(b)}) {
    const wire::BookingSummary s = wire::read_booking_summary(answer);
    EXPECT_EQ(s.uid, "b_1");
    EXPECT_EQ(s.status, "approved");
    EXPECT_EQ(s.host, "h_1");
    ASSERT_TRUE(s.when);
    EXPECT_EQ(*s.when, b.when);
  }
  EXPECT_EQ(wire::read_booking_summary(wire::created_booking_view(b, "tok")).token, "tok");
  // A request's rows carry no token or host; nothing that does not read is guessed.
  const Json rows = wire::request_view(sample_request(), RequestState::sent, {b}, true)["bookings"];
  const wire::BookingSummary row = wire::read_booking_summary(rows[0]);
  EXPECT_EQ(row.page, "clinic");
  EXPECT_TRUE(row.token.empty());
  EXPECT_TRUE(row.host.empty());
  const wire::BookingSummary odd = wire::read_booking_summary(body(R"({"uid": 5, "start": "x"})"));
  EXPECT_TRUE(odd.uid.empty());
  EXPECT_FALSE(odd.when);
}

// The widget's readers of the guest links' answers (GET /v1/proposals/{token},
// GET /v1/requests/{token}) read back what the server wrote, sent as text.
TEST(OfficeWire, WidgetReadsBackTheProposalAndRequestAnswers) {
  const auto over_the_wire = [](const Json& j) { return *wire::parse_json(j.dump()); };
  const Proposal p = sample_proposal();
  const wire::PublicProposal open = wire::read_public_proposal(over_the_wire(wire::proposal_guest_view(p, "open", "Sato")));
  EXPECT_EQ(open.state, "open");
  EXPECT_EQ(open.message, p.message);
  EXPECT_EQ(open.candidates, p.candidates);
  EXPECT_EQ(wire::read_public_proposal(wire::proposal_guest_view(p, "withdrawn", "Sato")).state, "withdrawn");
  // "status" is the older word, read when "state" is absent; a candidate that does not
  // read as an interval is left out.
  const wire::PublicProposal old = wire::read_public_proposal(body(R"({"status": "readjusted", "candidates":
      [{"start": "2027-03-25T05:00:00Z", "end": "2027-03-25T06:00:00Z"}, {"start": "x"}, 3], "message": 1})"));
  EXPECT_EQ(old.state, "readjusted");
  EXPECT_EQ(old.candidates.size(), 1u);
  EXPECT_TRUE(old.message.empty());

  ConfirmationRequest r = sample_request();
  r.allow_decline = true;
  r.message = "Bitte bestätigen";
  const Booking b = sample_booking();
  const wire::PublicRequest link =
      wire::read_public_request(over_the_wire(wire::request_view(r, RequestState::sent, {b}, true)));
  EXPECT_EQ(link.state, "sent");
  EXPECT_EQ(link.message, "Bitte bestätigen");
  EXPECT_TRUE(link.allow_decline);
  ASSERT_EQ(link.bookings.size(), 1u);
  EXPECT_EQ(link.bookings[0].uid, "b_1");
  EXPECT_EQ(link.bookings[0].status, "approved");
  EXPECT_EQ(link.bookings[0].event_type, "checkup");
  EXPECT_EQ(link.bookings[0].when, std::optional<Interval>(b.when));
  EXPECT_EQ(wire::read_public_request(wire::request_view(r, RequestState::accepted, {}, true)).state, "accepted");
  const wire::PublicRequest odd = wire::read_public_request(body(R"({"allow_decline": "yes", "bookings": {}})"));
  EXPECT_FALSE(odd.allow_decline);
  EXPECT_TRUE(odd.bookings.empty());
  EXPECT_TRUE(odd.state.empty());
}

TEST(OfficeWire, WidgetReadsTheBookingUnderItsAnswerAndTheProblem) {
  const Booking b = sample_booking();
  const Json wrapped{{"booking", wire::booking_view(b)}, {"available_actions", Json::array()}};
  for (const Json& answer : {wrapped, wire::created_booking_view(b, "tok")}) {
    const wire::BookingSummary s = wire::read_booking_answer(answer);
    EXPECT_EQ(s.uid, "b_1");
    EXPECT_EQ(s.when, std::optional<Interval>(b.when));
  }
  const Error e = wire::read_problem(body(R"({"type": "about:blank", "title": "Unprocessable", "status": 422,
      "code": "invalid_email", "detail": "guest.email is no address", "field": "guest.email"})"));
  EXPECT_EQ(e, (Error{"invalid_email", "guest.email is no address", "guest.email"}));
  EXPECT_EQ(wire::read_problem(body("[]")), Error{});
}

// The widget's browser events carry exactly the fields docs/WIDGET.md names.
TEST(OfficeWire, WidgetEventsCarryTheDocumentedFields) {
  const Interval when{utc("2027-03-25T05:00:00Z"), utc("2027-03-25T05:30:00Z")};
  EXPECT_EQ(wire::booking_successful_event("b_1", "approved", when),
            (Json{{"uid", "b_1"}, {"status", "approved"}, {"start", "2027-03-25T05:00:00Z"},
                  {"end", "2027-03-25T05:30:00Z"}}));
  EXPECT_EQ(wire::booking_failed_event("slot_unavailable", 409), (Json{{"code", "slot_unavailable"}, {"status", 409}}));
  EXPECT_EQ(wire::inquiry_sent_event("inq_1", true), (Json{{"id", "inq_1"}, {"kind", "booking_request"}}));
  EXPECT_EQ(wire::inquiry_sent_event("inq_2", false), (Json{{"id", "inq_2"}, {"kind", "question"}}));
  EXPECT_EQ(wire::loaded_event("clinic", "calendar"), (Json{{"page", "clinic"}, {"screen", "calendar"}}));
  EXPECT_EQ(wire::slot_selected_event(when, "Asia/Tokyo"),
            (Json{{"start", "2027-03-25T05:00:00Z"}, {"end", "2027-03-25T05:30:00Z"}, {"timezone", "Asia/Tokyo"}}));
}

TEST(OfficeWire, ProposalGuestViewShowsNoAddresses) {
  Json v = wire::proposal_guest_view(sample_proposal(), "withdrawn", "Sato");
  EXPECT_EQ(v["status"], "readjusted");
  EXPECT_EQ(v["state"], "withdrawn");
  EXPECT_EQ(v["host"], "Sato");
  EXPECT_EQ(v["guests"], (Json::array({{{"name", "山田 太郎"}, {"company", "山田商事"}}})));
  EXPECT_EQ(v["candidates"].size(), 2u);
  EXPECT_EQ(v.dump().find("taro@example.jp"), std::string::npos);
}

TEST(OfficeWire, RequestViewForRecipientNamesNoOne) {
  const ConfirmationRequest r = sample_request();
  const std::vector<Booking> bookings{sample_booking()};
  Json staff = wire::request_view(r, RequestState::sent, bookings);
  EXPECT_EQ(staff["state"], "sent");
  EXPECT_EQ(staff["status"], "sent");
  EXPECT_EQ(staff["recipients"], Json::array({"a@example.com"}));
  EXPECT_EQ(staff["bookings"][0]["guest"]["name"], "Anna");
  Json link = wire::request_view(r, RequestState::sent, bookings, true);
  EXPECT_FALSE(link.contains("recipients"));
  EXPECT_FALSE(link.contains("recipient_languages"));
  EXPECT_FALSE(link["bookings"][0].contains("guest"));
  EXPECT_EQ(link["bookings"][0]["uid"], "b_1");
  Json answer = wire::request_answer_view(r);
  EXPECT_FALSE(answer.contains("recipients"));
  EXPECT_EQ(answer["decline_reason"], "Termin passt nicht");
}

TEST(OfficeWire, ProposalRequestReadsTheBodyAndBlamesTheField) {
  auto p = wire::read_proposal_request(body(R"({"page": "sales", "event_type": "visit", "host": "h_1",
      "candidates": [{"start": "2027-03-25T05:00:00Z", "end": "2027-03-25T06:00:00Z"}],
      "rooms": ["r_1"], "guests": [{"name": "Taro", "email": "t@example.jp", "language": "ja"}],
      "message": "hi", "send_mail": false, "visibility": "private"})"));
  ASSERT_TRUE(p) << p.error().message;
  EXPECT_EQ(p->host_ids, std::vector<std::string>{"h_1"});
  EXPECT_EQ(p->room_ids, std::vector<std::string>{"r_1"});
  EXPECT_EQ(p->guests.at(0).language, "ja");
  EXPECT_FALSE(p->send_mail);
  EXPECT_EQ(p->visibility, Visibility::private_);

  struct Case {
    const char* body;
    const char* code;
    const char* field;
  };
  for (const Case& c : {
           Case{R"({"event_type": "v", "host": "h", "candidates": [], "guests": []})", "missing_field", "page"},
           Case{R"({"page": "s", "event_type": "v", "candidates": [], "guests": []})", "missing_field", "host"},
           Case{R"({"page": "s", "event_type": "v", "host": "h", "candidates": {}, "guests": []})", "invalid_type",
                "candidates"},
           Case{R"({"page": "s", "event_type": "v", "host": "h", "candidates": [{"start": "2027-03-25T06:00:00Z",
                "end": "2027-03-25T05:00:00Z"}], "guests": []})", "invalid_interval", "candidates[0].end"},
           Case{R"({"page": "s", "event_type": "v", "host": "h", "candidates": []})", "missing_field", "guests"},
           Case{R"({"page": "s", "event_type": "v", "host": "h", "candidates": [], "guests": [3]})", "invalid_type",
                "guests[0]"},
           Case{R"({"page": "s", "event_type": "v", "host": "h", "candidates": [], "guests": [], "rooms": [1]})",
                "invalid_type", "rooms[0]"},
           Case{R"({"page": "s", "event_type": "v", "host": "h", "candidates": [], "guests": [],
                "visibility": "secret"})", "invalid_visibility", "visibility"},
       }) {
    auto r = wire::read_proposal_request(body(c.body));
    ASSERT_FALSE(r) << c.body;
    EXPECT_EQ(r.error().code, c.code) << c.body;
    EXPECT_EQ(r.error().field, c.field) << c.body;
  }
}

TEST(OfficeWire, RequestDraftAndAnswerBodies) {
  auto d = wire::read_request_draft(body(R"({"bookings": ["b_1"], "recipients": ["a@example.com"],
      "allow_decline": false, "message": "m"})"));
  ASSERT_TRUE(d);
  EXPECT_EQ(d->booking_uids, std::vector<std::string>{"b_1"});
  EXPECT_FALSE(d->allow_decline);
  auto missing = wire::read_request_draft(body(R"({"bookings": ["b_1"]})"));
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, "missing_field");
  EXPECT_EQ(missing.error().field, "recipients");
  auto answer = wire::read_request_answer(body(R"({"reason": "no", "email": 5})"));
  EXPECT_EQ(answer.reason, "no");
  EXPECT_TRUE(answer.email.empty());
  auto message = wire::read_readjust_request(body(R"({"message": 7})"));
  ASSERT_FALSE(message);
  EXPECT_EQ(message.error().field, "message");
  auto start = wire::read_proposal_choice(body(R"({})"));
  ASSERT_FALSE(start);
  EXPECT_EQ(start.error().code, "missing_field");
}

TEST(OfficeWire, GuestOfANewBookingIsChecked) {
  auto ok = wire::read_booking_request(body(R"({"page": "p", "event_type": "e", "start": "2027-03-25T05:00:00Z",
      "guest": {"name": "Anna", "email": "Anna@Example.COM"}, "notes": "n"})"));
  ASSERT_TRUE(ok) << ok.error().message;
  EXPECT_EQ(ok->guest.name, "Anna");
  EXPECT_EQ(ok->notes, "n");
  struct Case {
    const char* body;
    const char* code;
    const char* field;
  };
  for (const Case& c : {
           Case{R"({})", "missing_field", "guest"},
           Case{R"({"guest": []})", "invalid_type", "guest"},
           Case{R"({"guest": {"email": "a@example.com"}})", "missing_field", "guest.name"},
           Case{R"({"guest": {"name": "A\u0000B", "email": "a@example.com"}})", "control_character", "guest.name"},
           Case{R"({"guest": {"name": "A"}})", "missing_field", "guest.email"},
           Case{R"({"guest": {"name": "A", "email": "nope"}})", "invalid_email", "guest.email"},
           Case{R"({"guest": {"name": "A", "email": "a@example.com", "phone": 5}})", "invalid_type", "guest.phone"},
       }) {
    auto r = wire::read_guest_request(body(c.body));
    ASSERT_FALSE(r) << c.body;
    EXPECT_EQ(r.error().code, c.code) << c.body;
    EXPECT_EQ(r.error().field, c.field) << c.body;
  }
}

TEST(OfficeWire, MessagePayloadRoundTripsAndWritesOnlyWhatIsSet) {
  PlannedMessage m;
  m.role = Recipient::host;
  m.address = "h_1";
  m.language = "fi";
  m.actions = {SignedAction::approve, SignedAction::reject};
  m.important = true;
  wire::MessagePayload p = wire::planned_payload(m);
  p.gone = wire::GoneAppointment{"b_9", {utc("2027-03-25T05:00:00Z"), utc("2027-03-25T05:30:00Z")}, "Anna", 4};
  const Json j = wire::message_payload(p);
  EXPECT_EQ(j, (Json{{"role", "host"},
                     {"address", "h_1"},
                     {"language", "fi"},
                     {"actions", {"approve", "reject"}},
                     {"important", true},
                     {"booking", "b_9"},
                     {"start", "2027-03-25T05:00:00Z"},
                     {"end", "2027-03-25T05:30:00Z"},
                     {"guest_name", "Anna"},
                     {"sequence", 4}}));
  auto back = wire::read_message_payload(j.dump());
  ASSERT_TRUE(back);
  EXPECT_EQ(wire::message_payload(*back), j);

  wire::MessagePayload notice;
  notice.subject = "A calendar cannot be read";
  notice.text = "…";
  notice.important = true;
  EXPECT_EQ(wire::message_payload(notice),
            (Json{{"subject", "A calendar cannot be read"}, {"text", "…"}, {"important", true}}));

  // An action no longer offered is skipped; a member of the wrong type is corrupt.
  auto old = wire::read_message_payload(R"({"actions": ["approve", "teleport"], "front_extra": 1})");
  ASSERT_TRUE(old);
  EXPECT_EQ(old->actions, (std::vector<SignedAction>{SignedAction::approve}));
  for (const char* text : {"x", "[]", R"({"important": "yes"})", R"({"booking": "b", "start": 5})"}) {
    auto bad = wire::read_message_payload(text);
    ASSERT_FALSE(bad) << text;
    EXPECT_EQ(bad.error().code, "corrupt_document") << text;
  }
}

TEST(OfficeWire, CreatedAndStateAnswersKeepTheirShape) {
  EXPECT_EQ(wire::proposal_created_view("p_1", "tok", "https://x/widget/?proposal=tok").dump(),
            R"({"id":"p_1","token":"tok","url":"https://x/widget/?proposal=tok"})");
  const Instant at = *parse_instant("2027-03-25T09:00:00Z");
  EXPECT_EQ(wire::request_created_view("q_1", at, "tok", "u", {{"b@x", "u2"}, {"a@x", "u1"}}).dump(),
            R"({"id":"q_1","recipient_urls":{"a@x":"u1","b@x":"u2"},"send_at":"2027-03-25T09:00:00Z","token":"tok","url":"u"})");
  EXPECT_EQ(wire::request_created_view("q_1", at, "tok", "u", {}).dump(),
            R"({"id":"q_1","recipient_urls":{},"send_at":"2027-03-25T09:00:00Z","token":"tok","url":"u"})");
  EXPECT_EQ(wire::state_view("withdrawn").dump(), R"({"state":"withdrawn"})");
}

TEST(OfficeWire, StaffPayloadNamesRoleAndLanguageOnly) {
  wire::MessagePayload p;
  p.role = "staff";
  p.language = "fi";
  EXPECT_EQ(wire::message_payload(p).dump(), R"({"language":"fi","role":"staff"})");
}

TEST(OfficeWire, ProposalAdminViewIsTheDocumentWithRowFields) {
  const Proposal p = sample_proposal();
  const Instant created = *parse_instant("2027-03-20T00:00:00Z"), updated = *parse_instant("2027-03-21T00:00:00Z");
  Json expected = p;
  expected["id"] = "pr_1";
  expected["state"] = "expired";
  expected["created_at"] = "2027-03-20T00:00:00Z";
  expected["updated_at"] = "2027-03-21T00:00:00Z";
  EXPECT_EQ(wire::proposal_admin_view(p, "pr_1", "expired", created, updated), expected);
}

// The widget's request bodies are written by wire/ and read back by the server's own
// readers: what the widget sends is what the server reads.
TEST(OfficeWire, WidgetBodiesReadBackThroughTheServersReaders) {
  const Instant start = *parse_instant("2027-03-01T09:00:00Z");
  wire::BookingRequest b;
  b.page = "demo";
  b.event_type = "consultation";
  b.start = start;
  b.guest = {"Anna Schmidt", "anna@example.com", "+49 30 1234", "", "Europe/Berlin", "de"};
  b.notes = "Schlüssel";
  auto read = wire::read_booking_request(wire::Json::parse(wire::booking_request_body(b)));
  ASSERT_TRUE(read) << read.error().message;
  EXPECT_EQ(read->page, "demo");
  EXPECT_EQ(read->event_type, "consultation");
  EXPECT_EQ(read->start, start);
  EXPECT_EQ(read->guest, b.guest);
  EXPECT_EQ(read->notes, "Schlüssel");

  EXPECT_EQ(*wire::read_proposal_choice(wire::Json::parse(wire::start_body(start))), start);
  EXPECT_EQ(*wire::read_readjust_request(wire::Json::parse(wire::message_body("Next week?"))), "Next week?");
  EXPECT_EQ(wire::read_reason(wire::Json::parse(wire::reason_body("Closed that day"))), "Closed that day");
  // Typed text that is not UTF-8 is replaced, not a failed dump.
  EXPECT_NO_THROW(wire::message_body(std::string("caf\xE9")));

  wire::InquiryRequest q;
  q.page = "clinic";
  q.input.kind = InquiryKind::booking_request;
  q.input.name = "山田花子";
  q.input.email = "hanako@example.jp";
  q.input.message = "初診です";
  q.input.wished_times = {{start, start + Minutes(60)}};
  q.language = "ja";
  q.location = "loc_1";
  auto qr = wire::read_inquiry_request(wire::Json::parse(wire::inquiry_request_body(q)));
  ASSERT_TRUE(qr) << qr.error().message;
  EXPECT_EQ(qr->page, "clinic");
  EXPECT_EQ(qr->input.kind, InquiryKind::booking_request);
  EXPECT_EQ(qr->input.name, "山田花子");
  EXPECT_EQ(qr->input.message, "初診です");
  EXPECT_EQ(qr->input.wished_times, q.input.wished_times);
  EXPECT_EQ(qr->language, std::optional<std::string>("ja"));
  EXPECT_EQ(qr->location, std::optional<std::string>("loc_1"));
}

}  // namespace
}  // namespace kairos::core
