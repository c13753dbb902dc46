// Proposals (seed 000): candidate holds, the guest's choice with one free room and a
// reception code, completion mails even in "no scheduling mail" mode, re-adjust
// requests, the edit check of R-PROP-6, fixed creation choices and the check-in window.
#include "kairos/proposal.hpp"

#include <gtest/gtest.h>

#include <set>

#include "booking_fixtures.hpp"

namespace kairos::core {
namespace {

using testing::describe;
using testing::sample_booking;
using testing::utc;
using testing::zone;

Proposal sample_proposal() {
  Proposal p;
  p.id = "p1";
  p.page_id = "demo";
  p.event_type_id = "visit";
  p.host_ids = {"h1"};
  p.candidates = {{utc("2026-03-10T01:00:00Z"), utc("2026-03-10T02:00:00Z")},
                  {utc("2026-03-11T01:00:00Z"), utc("2026-03-11T02:00:00Z")},
                  {utc("2026-03-12T05:00:00Z"), utc("2026-03-12T06:00:00Z")}};
  p.room_ids = {"room-a", "room-b"};
  p.guests = {{"三田花子", "株式会社テスト", "hanako@example.jp", "ja"}, {"Ken", "株式会社テスト", "ken@example.jp", ""}};
  p.message = "受付は1階です。";
  p.location = "本社";
  p.language = "ja";
  return p;
}

const Instant now = utc("2026-03-05T00:00:00Z");

TEST(Proposal, EveryCandidateIsHeldWhileOpenAndNoneAfterwards) {
  Proposal p = sample_proposal();
  const auto holds = proposal_holds(p);
  ASSERT_EQ(holds.size(), 3u);
  EXPECT_EQ(holds[1].id, "p1#1");
  EXPECT_EQ(holds[1].host_ids, p.host_ids);
  EXPECT_EQ(holds[1].room_ids, p.room_ids);
  EXPECT_EQ(holds[1].when, p.candidates[1]);
  p.state = ProposalState::chosen;
  EXPECT_TRUE(proposal_holds(p).empty());
}

TEST(Proposal, HoldsKeepCandidatesFromOtherGuestsUntilChosen) {
  const Proposal p = sample_proposal();  // Tokyo 10:00–11:00 on Tue 10 and Wed 11 March
  AvailabilityInputs in;
  in.now = now;
  in.policy.duration = Minutes(60);
  in.policy.room_ids = p.room_ids;
  in.hosts.push_back(Host{"h1", zone("Asia/Tokyo")});
  in.holds = proposal_holds(p);
  const Interval day{utc("2026-03-10T00:00:00Z"), utc("2026-03-10T09:00:00Z")};
  for (const Slot& s : free_slots(in, day)) EXPECT_NE(s.when, p.candidates[0]) << format_instant(s.when.start);
  EXPECT_FALSE(free_slots(in, day).empty());

  // Anyone else is refused; the proposal's guest choosing that candidate is not.
  const auto other = check_booking(in, BookingRequest{p.candidates[1].start, std::nullopt, "", ""});
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, "slot_unavailable");
  const auto chooser = check_booking(in, BookingRequest{p.candidates[1].start, std::nullopt, "", "p1#1"});
  ASSERT_TRUE(chooser.ok()) << chooser.error().code;
  EXPECT_EQ(chooser->room_id, "room-a");
}

TEST(Proposal, ValidationNamesTheFaultyField) {
  struct Case {
    std::string name;
    void (*edit)(Proposal&);
    std::string code, field;
  };
  const Case cases[] = {
      {"ok", [](Proposal&) {}, "", ""},
      {"no host", [](Proposal& p) { p.host_ids.clear(); }, "missing_field", "host"},
      {"no candidate", [](Proposal& p) { p.candidates.clear(); }, "missing_field", "candidates"},
      {"no guest", [](Proposal& p) { p.guests.clear(); }, "missing_field", "guests"},
      {"empty", [](Proposal& p) { p.candidates[1].end = p.candidates[1].start; }, "invalid_interval", "candidates[1]"},
      {"past", [](Proposal& p) { p.candidates[2].start = utc("2026-03-01T00:00:00Z"); }, "candidate_in_past", "candidates[2]"},
      {"dup", [](Proposal& p) { p.candidates[2] = p.candidates[0]; }, "duplicate_candidate", "candidates[2]"},
      {"email", [](Proposal& p) { p.guests[1].email = "ken@"; }, "invalid_email", "guests[1].email"},
  };
  for (const auto& c : cases) {
    Proposal p = sample_proposal();
    c.edit(p);
    const Status s = validate_proposal(p, now);
    EXPECT_EQ(s.ok(), c.code.empty()) << c.name;
    if (!s.ok()) {
      EXPECT_EQ(s.error().code, c.code) << c.name;
      EXPECT_EQ(s.error().field, c.field) << c.name;
    }
  }
}

TEST(Proposal, InvitesGoOutOnlyWithSendMail) {
  Proposal p = sample_proposal();
  EXPECT_EQ(describe(plan_proposal_invites(p, now)),
            (std::vector<std::string>{
                "invite:mail:guest:hanako@example.jp guest=hanako@example.jp proposal.invite.guest ja mail "
                "2026-03-05T00:00:00Z [choose,ask_other_times]",
                "invite:mail:guest:ken@example.jp guest=ken@example.jp proposal.invite.guest ja mail "
                "2026-03-05T00:00:00Z [choose,ask_other_times]"}));
  p.send_mail = false;
  EXPECT_TRUE(plan_proposal_invites(p, now).empty());
}

TEST(Proposal, CandidateAtFindsTheCandidateThatStartsThen) {
  const Proposal p = sample_proposal();
  ASSERT_FALSE(p.candidates.empty());
  EXPECT_EQ(candidate_at(p, p.candidates.back().start), p.candidates.back());
  EXPECT_EQ(candidate_at(p, p.candidates.front().start + Minutes(1)), std::nullopt);
}

TEST(Proposal, ChoosingMakesANormalAppointmentWithTheFirstFreeRoom) {
  const Proposal p = sample_proposal();
  struct Case {
    std::string name;
    std::vector<RoomBusy> busy;
    std::string room, error;
  };
  const Case cases[] = {
      {"all free", {}, "room-a", ""},
      {"a taken", {{"room-a", {utc("2026-03-11T01:30:00Z"), utc("2026-03-11T03:00:00Z")}}}, "room-b", ""},
      {"a taken elsewhere", {{"room-a", {utc("2026-03-11T02:00:00Z"), utc("2026-03-11T03:00:00Z")}}}, "room-a", ""},
      {"both taken",
       {{"room-a", {utc("2026-03-11T00:00:00Z"), utc("2026-03-11T05:00:00Z")}},
        {"room-b", {utc("2026-03-11T01:59:00Z"), utc("2026-03-11T02:30:00Z")}}},
       "",
       "room_unavailable"},
  };
  for (const auto& c : cases) {
    const auto r = choose_candidate(p, utc("2026-03-11T01:00:00Z"), c.busy, now, "bk-1", 42, NotificationSettings{});
    if (!c.error.empty()) {
      ASSERT_FALSE(r.ok()) << c.name;
      EXPECT_EQ(r.error().code, c.error);
      continue;
    }
    ASSERT_TRUE(r.ok()) << c.name << ": " << r.error().code;
    EXPECT_EQ(r->booking.room_id, c.room) << c.name;
    EXPECT_EQ(r->booking.status, BookingStatus::approved);
    EXPECT_EQ(r->booking.when, p.candidates[1]);
    EXPECT_EQ(r->booking.uid, "bk-1");
    EXPECT_EQ(r->booking.proposal_id, "p1");
    EXPECT_EQ(r->booking.guest.name, "三田花子");
    ASSERT_EQ(r->booking.other_guests.size(), 1u);
    EXPECT_EQ(r->booking.other_guests[0].language, "ja");
    EXPECT_EQ(r->booking.guidance, "受付は1階です。");
    EXPECT_EQ(r->booking.checkin_code, reception_code(42));
    EXPECT_EQ(r->proposal.state, ProposalState::chosen);
    EXPECT_EQ(r->released_hold_ids, (std::vector<std::string>{"p1#0", "p1#1", "p1#2"}));
    EXPECT_EQ(r->calendar_title, "来訪: 株式会社テスト:三田花子 様");
  }
}

TEST(Proposal, CompletionMailGoesToGuestsAndHostsEvenWithoutSchedulingMail) {
  for (const bool send_mail : {true, false}) {
    Proposal p = sample_proposal();
    p.send_mail = send_mail;
    NotificationSettings s;
    s.reminder_offsets = {};
    const auto r = choose_candidate(p, utc("2026-03-10T01:00:00Z"), {}, now, "bk-1", 7, s);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(describe(r->messages),
              (std::vector<std::string>{
                  "confirmed#1:mail:guest guest proposal.confirmed.guest ja mail 2026-03-05T00:00:00Z []",
                  "confirmed#1:mail:attendee:ken@example.jp attendee=ken@example.jp proposal.confirmed.guest ja mail "
                  "2026-03-05T00:00:00Z []",
                  "confirmed#1:mail:host:h1 host=h1 proposal.confirmed.host en mail 2026-03-05T00:00:00Z []"}))
        << send_mail;
    EXPECT_EQ(r->booking.send_mail, send_mail);
  }
}

TEST(Proposal, ChoosingRefusesWhatWasNotOffered) {
  Proposal p = sample_proposal();
  struct Case {
    std::string name;
    Instant start, at;
    bool closed;
    std::string code;
  };
  const Case cases[] = {
      {"other time", utc("2026-03-10T01:30:00Z"), now, false, "not_a_candidate"},
      {"past", utc("2026-03-10T01:00:00Z"), utc("2026-03-10T01:00:01Z"), false, "candidate_in_past"},
      {"closed", utc("2026-03-10T01:00:00Z"), now, true, "proposal_closed"},
  };
  for (const auto& c : cases) {
    Proposal q = p;
    if (c.closed) q.state = ProposalState::withdrawn;
    const auto r = choose_candidate(q, c.start, {}, c.at, "bk", 1, {});
    ASSERT_FALSE(r.ok()) << c.name;
    EXPECT_EQ(r.error().code, c.code) << c.name;
  }
}

TEST(Proposal, CandidatesMustBeFreeOfBuffersRoomsBusyTimeAndOtherHolds) {
  const Proposal p = sample_proposal();  // host h1, rooms a/b, first candidate 01:00–02:00
  AvailabilityInputs in;
  in.policy.buffer_before = Minutes(15);
  in.policy.buffer_after = Minutes(15);
  Host h1;
  h1.id = "h1";
  h1.zone = zone("UTC");
  in.hosts = {h1};
  EXPECT_TRUE(check_candidates(p, in).ok());
  auto refused = [&](const AvailabilityInputs& x) {
    const Status st = check_candidates(p, x);
    return !st.ok() && st.error().code == "candidate_taken" && st.error().field == "candidates[0]";
  };
  AvailabilityInputs buffer = in;  // ends 00:50: inside the candidate's 15-minute buffer
  buffer.bookings.push_back({"b", {"h1"}, "", {utc("2026-03-10T00:20:00Z"), utc("2026-03-10T00:50:00Z")}});
  EXPECT_TRUE(refused(buffer));
  AvailabilityInputs own_buffer = in;  // starts 02:05, its own 10-minute buffer reaches in
  own_buffer.policy.buffer_after = Minutes(0);
  own_buffer.bookings.push_back({"b", {"h1"}, "", {utc("2026-03-10T02:05:00Z"), utc("2026-03-10T02:35:00Z")},
                                 Minutes(10), Minutes(0)});
  EXPECT_TRUE(refused(own_buffer));
  AvailabilityInputs busy = in;
  busy.hosts[0].busy.push_back(BusyBlock::timed({utc("2026-03-10T01:30:00Z"), utc("2026-03-10T03:00:00Z")}));
  EXPECT_TRUE(refused(busy));
  AvailabilityInputs held = in;
  held.holds.push_back({"other#0", {"h1"}, {}, {utc("2026-03-10T01:00:00Z"), utc("2026-03-10T01:30:00Z")}});
  EXPECT_TRUE(refused(held));
  held.holds.front().id = "p1#0";  // its own hold is no conflict
  EXPECT_TRUE(check_candidates(p, held).ok());
  AvailabilityInputs rooms = in;  // both proposed rooms taken: one booked, one held
  rooms.bookings.push_back({"x", {"h9"}, "room-a", {utc("2026-03-10T01:00:00Z"), utc("2026-03-10T02:00:00Z")}});
  rooms.holds.push_back({"q#1", {"h9"}, {"room-b"}, {utc("2026-03-10T01:00:00Z"), utc("2026-03-10T02:00:00Z")}});
  EXPECT_TRUE(refused(rooms));
  rooms.holds.clear();
  EXPECT_TRUE(check_candidates(p, rooms).ok());  // room-b is free
}

TEST(Proposal, AskingForOtherTimesDeletesTheProposalAndAlertsTheHost) {
  Proposal p = sample_proposal();
  p.host_ids = {"h1", "h2"};
  NotificationSettings ja;
  ja.host_language = "ja";
  const auto r = ask_other_times(p, now, ja, "Next week, please");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->proposal.state, ProposalState::withdrawn);
  EXPECT_EQ(r->released_hold_ids, (std::vector<std::string>{"p1#0", "p1#1", "p1#2"}));
  EXPECT_EQ(describe(r->messages),
            (std::vector<std::string>{
                "readjust:mail:host:h1 host=h1 proposal.readjust.host ja mail 2026-03-05T00:00:00Z [] important",
                "readjust:mail:host:h2 host=h2 proposal.readjust.host ja mail 2026-03-05T00:00:00Z [] important"}));
  EXPECT_TRUE(proposal_holds(r->proposal).empty());
  EXPECT_EQ(r->proposal.readjust_message, "Next week, please");  // kept on the withdrawn proposal
  NotificationSettings own = ja;
  own.host_languages = {{"h2", "de"}};
  const auto per_host = ask_other_times(p, now, own);
  ASSERT_TRUE(per_host.ok());
  EXPECT_EQ(per_host->messages.at(0).language, "ja");
  EXPECT_EQ(per_host->messages.at(1).language, "de");  // each host's own language
  const auto again = ask_other_times(r->proposal, now, ja);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "proposal_closed");
}

TEST(Proposal, DetectChangesFindsExactlyTheEditsOfRProp6) {
  const ZoneRules helsinki = zone("Europe/Helsinki");  // the sample is 16:00–16:30 there
  struct Case {
    std::string name;
    void (*edit)(Booking&);
    std::vector<std::string> changes;
  };
  const Case cases[] = {
      {"nothing", [](Booking&) {}, {}},
      {"moved past midnight in the zone", [](Booking& b) { b.when = {b.when.start + Minutes(8 * 60), b.when.end + Minutes(8 * 60)}; },
       {"date", "start", "end"}},
      {"same times next day",
       [](Booking& b) {
         b.when.start += Days(1);
         b.when.end += Days(1);
       },
       {"date"}},
      {"later start", [](Booking& b) { b.when.start += Minutes(15); }, {"start"}},
      {"longer", [](Booking& b) { b.when.end += Minutes(30); }, {"end"}},
      {"moved", [](Booking& b) { b.when = {b.when.start + Minutes(60), b.when.end + Minutes(60)}; }, {"start", "end"}},
      {"office", [](Booking& b) { b.location = "Osaka"; }, {"office"}},
      {"room only", [](Booking& b) { b.room_id = "room-z"; }, {}},
      {"host added", [](Booking& b) { b.host_ids.push_back("h2"); }, {"hosts_added"}},
      {"host swapped", [](Booking& b) { b.host_ids = {"h9"}; }, {"hosts_added", "hosts_removed"}},
      {"email", [](Booking& b) { b.guest.email = "ada@new.example"; }, {"guest_email"}},
      {"email case only", [](Booking& b) { b.guest.email = "ADA@example.com"; }, {}},
      {"name only", [](Booking& b) { b.guest.name = "Ada King"; }, {}},
      {"new guest", [](Booking& b) { b.other_guests.push_back({"Bob", "bob@example.com", "", "X", "", ""}); },
       {"guest_added"}},
      {"guidance", [](Booking& b) { b.guidance = "Use the side door"; }, {"guidance"}},
      {"notes only", [](Booking& b) { b.notes = "private"; }, {}},
  };
  const Booking before = sample_booking();
  for (const auto& c : cases) {
    Booking after = before;
    c.edit(after);
    const ChangeSet cs = detect_changes(before, after, helsinki);
    EXPECT_EQ(cs.names(), c.changes) << c.name;
    EXPECT_EQ(cs.any(), !c.changes.empty()) << c.name;
  }
}

TEST(Proposal, EditMailsGuestsOnlyWhenTheHostChoseToNotify) {
  const ZoneRules tokyo = zone("Asia/Tokyo");
  Booking before = sample_booking();
  before.other_guests = {{"Bob", "bob@example.com", "", "", "", "de"}};
  Booking after = before;
  after.location = "Osaka";
  for (const bool notify : {true, false}) {
    const auto r = edit_booking(before, after, notify, utc("2026-03-05T00:00:00Z"), {}, tokyo);
    ASSERT_TRUE(r.ok());
    std::vector<std::string> expected;
    if (notify) {
      expected.push_back("updated#2:mail:guest guest booking.updated.guest en mail 2026-03-05T00:00:00Z []");
      expected.push_back(
          "updated#2:mail:attendee:bob@example.com attendee=bob@example.com booking.updated.guest de mail "
          "2026-03-05T00:00:00Z []");
    }
    expected.push_back("updated#2:mail:host:h1 host=h1 booking.updated.host en mail 2026-03-05T00:00:00Z []");
    EXPECT_EQ(describe(r->messages), expected) << notify;
    EXPECT_EQ(r->booking.location, "Osaka");
    EXPECT_EQ(r->booking.history.back().event, "edited");
    EXPECT_EQ(r->booking.history.back().detail, "office");
  }
  // A change that is not on the list (the guest's name) mails nobody.
  Booking renamed = before;
  renamed.guest.name = "Ada King";
  const auto quiet = edit_booking(before, renamed, true, utc("2026-03-05T00:00:00Z"), {}, tokyo);
  ASSERT_TRUE(quiet.ok());
  EXPECT_TRUE(quiet->messages.empty());
  EXPECT_EQ(quiet->booking.guest.name, "Ada King");
}

TEST(Proposal, EditThatMovesTheTimeReplansReminders) {
  const ZoneRules tokyo = zone("Asia/Tokyo");
  const Booking before = sample_booking();
  Booking after = before;
  after.when = {utc("2026-03-12T14:00:00Z"), utc("2026-03-12T14:30:00Z")};
  const auto r = edit_booking(before, after, false, utc("2026-03-05T00:00:00Z"), {}, tokyo);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->cancel_key_prefixes, (std::vector<std::string>{"reminder:"}));
  EXPECT_EQ(r->messages.back().key, "reminder:mail:host:h1:1440");
  EXPECT_EQ(r->messages.back().send_at, utc("2026-03-11T14:00:00Z"));
}

TEST(Proposal, InviteMailAndVisibilityAreFixedAtCreation) {
  const ZoneRules tokyo = zone("Asia/Tokyo");
  const Booking before = sample_booking();
  struct Case {
    void (*edit)(Booking&);
    std::string field;
  };
  const Case cases[] = {{[](Booking& b) { b.send_mail = false; }, "send_mail"},
                        {[](Booking& b) { b.visibility = Visibility::private_; }, "visibility"}};
  for (const auto& c : cases) {
    Booking after = before;
    c.edit(after);
    const auto r = edit_booking(before, after, true, utc("2026-03-05T00:00:00Z"), {}, tokyo);
    ASSERT_FALSE(r.ok()) << c.field;
    EXPECT_EQ(r.error().code, "immutable_field");
    EXPECT_EQ(r.error().field, c.field);
  }
  const auto cancelled = edit_booking(sample_booking(BookingStatus::cancelled), before, true, utc("2026-03-05T00:00:00Z"),
                                      {}, tokyo);
  ASSERT_FALSE(cancelled.ok());
  EXPECT_EQ(cancelled.error().code, "illegal_transition");
}

TEST(ReceptionCode, IsSixUnambiguousCharactersAndSpreadsOut) {
  std::set<std::string> seen;
  for (std::uint64_t i = 0; i < 2000; ++i) {
    const std::string code = reception_code(i);
    ASSERT_EQ(code.size(), 6u);
    for (char ch : code) {
      EXPECT_NE(reception_code_alphabet.find(ch), std::string_view::npos) << code;
      EXPECT_EQ(std::string_view("0O1IL2Z5S8BUV").find(ch), std::string_view::npos) << code;
    }
    seen.insert(code);
  }
  EXPECT_EQ(seen.size(), 2000u);
  EXPECT_EQ(reception_code(12345), reception_code(12345));
}

TEST(ReceptionCode, ValidFromSixHoursBeforeStartToSixHoursAfterEnd) {
  Booking b = sample_booking();  // 14:00–14:30 UTC
  b.checkin_code = "ACD347";
  struct Case {
    std::string at;
    BookingStatus status;
    bool no_show;
    bool valid;
  };
  const Case cases[] = {
      {"2026-03-10T07:59:59Z", BookingStatus::approved, false, false},
      {"2026-03-10T08:00:00Z", BookingStatus::approved, false, true},
      {"2026-03-10T14:15:00Z", BookingStatus::approved, false, true},
      {"2026-03-10T20:30:00Z", BookingStatus::completed, false, true},
      {"2026-03-10T20:30:01Z", BookingStatus::completed, false, false},
      {"2026-03-10T15:00:00Z", BookingStatus::completed, true, false},
      {"2026-03-10T14:15:00Z", BookingStatus::cancelled, false, false},
  };
  for (const auto& c : cases) {
    b.status = c.status;
    b.no_show = c.no_show;
    EXPECT_EQ(checkin_valid(b, utc(c.at)), c.valid) << c.at << " " << to_string(c.status);
  }
  b.status = BookingStatus::approved;
  b.checkin_code.clear();
  EXPECT_FALSE(checkin_valid(b, utc("2026-03-10T14:15:00Z")));
  EXPECT_EQ(checkin_window(b).start, utc("2026-03-10T08:00:00Z"));
  EXPECT_EQ(checkin_window(b).end, utc("2026-03-10T20:30:00Z"));
}

}  // namespace
}  // namespace kairos::core
