// Confirmation requests (seed 002): related bookings of the same guest and week, the
// 10-minute hold with undo, what deletions and changes do before and after sending,
// and accept / decline with history and the "declined" tray.
#include "kairos/confirmation.hpp"

#include <gtest/gtest.h>

#include "booking_fixtures.hpp"

namespace kairos::core {
namespace {

using testing::describe;
using testing::sample_booking;
using testing::utc;
using testing::zone;

Booking booking_at(const std::string& uid, const std::string& start, const std::string& email,
                   BookingStatus status = BookingStatus::approved) {
  Booking b = sample_booking(status);
  b.uid = uid;
  b.when = {utc(start), utc(start) + Minutes(30)};
  b.guest.email = email;
  return b;
}

TEST(ConfirmationRequest, SuggestsTheSameGuestsOtherBookingsOfThatIsoWeek) {
  const ZoneRules helsinki = zone("Europe/Helsinki");
  // 2026-03-09 is a Monday; in Helsinki (UTC+2) Sunday 22:30 UTC is already Monday.
  const std::vector<Booking> all{
      booking_at("self", "2026-03-11T08:00:00Z", "ada@example.com"),
      booking_at("fri", "2026-03-13T08:00:00Z", "ada@example.com"),
      booking_at("mon-local", "2026-03-08T22:30:00Z", "ADA@example.com "),
      booking_at("sun-before", "2026-03-08T21:30:00Z", "ada@example.com"),
      booking_at("next-mon", "2026-03-16T08:00:00Z", "ada@example.com"),
      booking_at("other-guest", "2026-03-12T08:00:00Z", "bob@example.com"),
      booking_at("cancelled", "2026-03-12T08:00:00Z", "ada@example.com", BookingStatus::cancelled),
      booking_at("sun-end", "2026-03-15T21:00:00Z", "ada@example.com"),
  };
  EXPECT_EQ(suggest_related(all, all[0], helsinki), (std::vector<std::string>{"mon-local", "fri", "sun-end"}));
}

TEST(ConfirmationRequest, RelatedSpanIsTheIsoWeekOnTheZonesWallClock) {
  const ZoneRules helsinki = zone("Europe/Helsinki");
  // Wednesday 2026-03-11: the week runs from Monday 00:00 Helsinki (UTC+2) to the next.
  const Booking b = booking_at("self", "2026-03-11T08:00:00Z", "ada@example.com");
  EXPECT_EQ(related_span(b, helsinki), (Interval{utc("2026-03-08T22:00:00Z"), utc("2026-03-15T22:00:00Z")}));
  // Sunday 22:30 UTC is Monday in Helsinki: the next week.
  const Booking late = booking_at("late", "2026-03-15T22:30:00Z", "ada@example.com");
  EXPECT_EQ(related_span(late, helsinki).start, utc("2026-03-15T22:00:00Z"));
}

ConfirmationRequest draft(bool allow_decline = true) {
  ConfirmationRequest r;
  r.id = "r1";
  r.booking_uids = {"b1", "b2"};
  r.recipients = {" ada@example.com", "office@example.com"};
  r.allow_decline = allow_decline;
  r.language = "de";
  return r;
}

const Instant t0 = utc("2026-03-05T10:00:00Z");

std::vector<Booking> two_bookings() {
  return {booking_at("b1", "2026-03-10T08:00:00Z", "ada@example.com", BookingStatus::pending),
          booking_at("b2", "2026-03-11T08:00:00Z", "ada@example.com")};
}

TEST(ConfirmationRequest, IsHeldTenMinutesAndCarriesDeclineOnlyWhenAllowed) {
  for (const bool allow : {true, false}) {
    const auto r = create_request(draft(allow), two_bookings(), t0);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->request.state, RequestState::pending_send);
    EXPECT_EQ(r->request.send_at, utc("2026-03-05T10:10:00Z"));
    EXPECT_EQ(r->request.recipients, (std::vector<std::string>{"ada@example.com", "office@example.com"}));
    const std::string actions = allow ? "[accept,decline]" : "[accept]";
    EXPECT_EQ(describe(r->messages),
              (std::vector<std::string>{
                  "request:r1:confirm:mail:recipient:ada@example.com recipient=ada@example.com "
                  "request.confirm.recipient en mail 2026-03-05T10:10:00Z " + actions,  // the guest's own
                  "request:r1:confirm:mail:recipient:office@example.com recipient=office@example.com "
                  "request.confirm.recipient de mail 2026-03-05T10:10:00Z " + actions}));
  }
}

TEST(ConfirmationRequest, CreationRefusesBadInput) {
  struct Case {
    std::string name;
    void (*edit)(ConfirmationRequest&);
    std::string code;
  };
  const Case cases[] = {
      {"no booking", [](ConfirmationRequest& r) { r.booking_uids.clear(); }, "missing_field"},
      {"no recipient", [](ConfirmationRequest& r) { r.recipients.clear(); }, "missing_field"},
      {"bad address", [](ConfirmationRequest& r) { r.recipients[1] = "office@"; }, "invalid_email"},
      {"unknown", [](ConfirmationRequest& r) { r.booking_uids.push_back("zz"); }, "unknown_booking"},
  };
  for (const auto& c : cases) {
    ConfirmationRequest d = draft();
    c.edit(d);
    const auto r = create_request(d, two_bookings(), t0);
    ASSERT_FALSE(r.ok()) << c.name;
    EXPECT_EQ(r.error().code, c.code) << c.name;
  }
  auto bookings = two_bookings();
  bookings[1].status = BookingStatus::cancelled;
  EXPECT_EQ(create_request(draft(), bookings, t0).error().code, "illegal_transition");
}

TEST(ConfirmationRequest, VisibleStateFollowsTheHold) {
  const auto r = create_request(draft(), two_bookings(), t0);
  ASSERT_TRUE(r.ok());
  struct Case {
    std::string at;
    RequestState state;
  };
  const Case cases[] = {{"2026-03-05T10:09:59Z", RequestState::pending_send},
                        {"2026-03-05T10:10:00Z", RequestState::sent},
                        {"2026-03-06T00:00:00Z", RequestState::sent}};
  for (const auto& c : cases) EXPECT_EQ(visible_state(r->request, utc(c.at)), c.state) << c.at;
}

TEST(ConfirmationRequest, CanBeWithdrawnOnlyInsideTheHold) {
  const auto r = create_request(draft(), two_bookings(), t0);
  ASSERT_TRUE(r.ok());
  const auto undo = withdraw_request(r->request, utc("2026-03-05T10:09:00Z"));
  ASSERT_TRUE(undo.ok());
  EXPECT_EQ(undo->request.state, RequestState::cancelled);
  EXPECT_EQ(undo->cancel_key_prefixes, (std::vector<std::string>{"request:r1:"}));
  const auto late = withdraw_request(r->request, utc("2026-03-05T10:10:00Z"));
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, "request_already_sent");
}

TEST(ConfirmationRequest, DeletionInsideTheHoldSendsNothingAfterwardsACancellation) {
  const auto bookings = two_bookings();
  const auto r = create_request(draft(), bookings, t0);
  ASSERT_TRUE(r.ok());

  // Inside the hold: the first deletion only shrinks the request, the last cancels it.
  const auto first = on_booking_deleted(r->request, bookings[0], utc("2026-03-05T10:05:00Z"));
  EXPECT_EQ(first.request.booking_uids, (std::vector<std::string>{"b2"}));
  EXPECT_EQ(first.request.state, RequestState::pending_send);
  EXPECT_TRUE(first.messages.empty());
  EXPECT_TRUE(first.cancel_key_prefixes.empty());
  const auto last = on_booking_deleted(first.request, bookings[1], utc("2026-03-05T10:06:00Z"));
  EXPECT_EQ(last.request.state, RequestState::cancelled);
  EXPECT_TRUE(last.messages.empty());
  EXPECT_EQ(last.cancel_key_prefixes, (std::vector<std::string>{"request:r1:"}));

  // After sending: every recipient hears of the cancellation.
  const auto after = on_booking_deleted(r->request, bookings[0], utc("2026-03-05T11:00:00Z"));
  EXPECT_EQ(describe(after.messages),
            (std::vector<std::string>{
                "request:r1:cancelled:b1:mail:recipient:ada@example.com recipient=ada@example.com "
                "request.cancelled.recipient en mail 2026-03-05T11:00:00Z []",
                "request:r1:cancelled:b1:mail:recipient:office@example.com recipient=office@example.com "
                "request.cancelled.recipient de mail 2026-03-05T11:00:00Z []"}));
}

TEST(ConfirmationRequest, ChangesAfterSendingMailAnUpdate) {
  const auto bookings = two_bookings();
  const auto r = create_request(draft(false), bookings, t0);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(on_booking_changed(r->request, bookings[1], utc("2026-03-05T10:05:00Z")).messages.empty());
  const auto sent = on_booking_changed(r->request, bookings[1], utc("2026-03-05T12:00:00Z"));
  ASSERT_EQ(sent.messages.size(), 2u);
  EXPECT_EQ(describe(sent.messages[0]),
            "request:r1:updated:b2:1772712000:mail:recipient:ada@example.com recipient=ada@example.com "
            "request.updated.recipient en mail 2026-03-05T12:00:00Z [accept]");
  ConfirmationRequest declined = r->request;
  declined.state = RequestState::declined;
  EXPECT_TRUE(on_booking_changed(declined, bookings[1], utc("2026-03-05T12:00:00Z")).messages.empty());
}

TEST(ConfirmationRequest, AcceptRecordsWhoAndWhenAndConfirms) {
  const auto bookings = two_bookings();
  const auto r = create_request(draft(), bookings, t0);
  ASSERT_TRUE(r.ok());
  const Instant at = utc("2026-03-06T09:00:00Z");
  const auto a = accept_request(r->request, bookings, " Office@Example.com", at);
  ASSERT_TRUE(a.ok()) << a.error().code;
  EXPECT_EQ(a->request.state, RequestState::accepted);
  EXPECT_EQ(a->request.responded_by, "Office@Example.com");
  EXPECT_EQ(a->request.responded_at, at);
  ASSERT_EQ(a->bookings.size(), 2u);
  for (const Booking& b : a->bookings) {
    EXPECT_EQ(b.status, BookingStatus::approved) << b.uid;  // the pending one is confirmed
    EXPECT_EQ(b.history.back().event, "request_accepted");
    EXPECT_EQ(b.history.back().at, at);
    EXPECT_EQ(b.history.back().detail, "Office@Example.com");
    EXPECT_EQ(b.tray, "");
  }
  EXPECT_EQ(describe(a->messages),
            (std::vector<std::string>{
                "request:r1:accepted:mail:host:h1 host=h1 request.accepted.host de mail 2026-03-06T09:00:00Z []"}));
  const auto twice = accept_request(a->request, bookings, "ada@example.com", at);
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, "request_closed");
}

TEST(ConfirmationRequest, DeclineMovesTheBookingsToTheDeclinedTray) {
  const auto bookings = two_bookings();
  const auto r = create_request(draft(), bookings, t0);
  ASSERT_TRUE(r.ok());
  const auto d = decline_request(r->request, bookings, "ada@example.com", "Ill", utc("2026-03-06T09:00:00Z"));
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->request.state, RequestState::declined);
  EXPECT_EQ(d->request.decline_reason, "Ill");
  for (const Booking& b : d->bookings) {
    EXPECT_EQ(b.tray, "declined");
    EXPECT_EQ(b.history.back().event, "request_declined");
    EXPECT_EQ(b.history.back().detail, "ada@example.com: Ill");
  }
  EXPECT_EQ(d->messages.at(0).template_key, "request.declined.host");
}

TEST(ConfirmationRequest, DeclinedBookingsLeaveTheCalendarAndTheirReminders) {
  const auto bookings = two_bookings();
  const auto r = create_request(draft(), bookings, t0);
  ASSERT_TRUE(r.ok());
  const auto d = decline_request(r->request, bookings, "ada@example.com", "", utc("2026-03-06T09:00:00Z"));
  ASSERT_TRUE(d.ok());
  for (const Booking& b : d->bookings) {
    EXPECT_EQ(b.status, BookingStatus::cancelled) << b.uid;  // its time is free again
    EXPECT_FALSE(is_active(b.status));
  }
  EXPECT_EQ(d->booking_cancel_key_prefixes, (std::vector<std::string>{"reminder:", "follow_up:"}));
}

TEST(ConfirmationRequest, MailsFollowEachRecipientsAndHostsLanguage) {
  auto bookings = two_bookings();
  bookings[0].guest.language = "ja";  // ada is the guest: her own language
  const auto r = create_request(draft(), bookings, t0);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->messages.size(), 2u);
  EXPECT_EQ(r->messages[0].address, "ada@example.com");
  EXPECT_EQ(r->messages[0].language, "ja");
  EXPECT_EQ(r->messages[1].language, "de");  // office@ is no guest: the request's (page's)
  EXPECT_EQ(recipient_language(r->request, "ADA@example.com"), "ja");
  NotificationSettings s;
  s.default_language = "de";
  s.host_languages = {{"h1", "fi"}};
  const auto a = accept_request(r->request, bookings, "ada@example.com", utc("2026-03-06T09:00:00Z"), s);
  ASSERT_TRUE(a.ok());
  ASSERT_EQ(a->messages.size(), 1u);
  EXPECT_EQ(a->messages[0].language, "fi");
}

TEST(ConfirmationRequest, AnswersAreRefusedWhenNotPossible) {
  const auto bookings = two_bookings();
  const auto strict = create_request(draft(false), bookings, t0);
  const auto open = create_request(draft(true), bookings, t0);
  ASSERT_TRUE(strict.ok() && open.ok());
  const Instant later = utc("2026-03-06T09:00:00Z");
  struct Case {
    std::string name;
    Result<RequestOutcome> result;
    std::string code;
  };
  const Case cases[] = {
      {"decline not allowed", decline_request(strict->request, bookings, "ada@example.com", "", later),
       "decline_not_allowed"},
      {"still held", accept_request(open->request, bookings, "ada@example.com", utc("2026-03-05T10:01:00Z")),
       "request_not_sent"},
      {"stranger", accept_request(open->request, bookings, "eve@example.com", later), "forbidden"},
  };
  for (const auto& c : cases) {
    ASSERT_FALSE(c.result.ok()) << c.name;
    EXPECT_EQ(c.result.error().code, c.code) << c.name;
  }
}

TEST(ConfirmationRequest, StateNamesRoundTrip) {
  for (RequestState s : {RequestState::pending_send, RequestState::sent, RequestState::accepted,
                         RequestState::declined, RequestState::cancelled}) {
    EXPECT_EQ(parse_request_state(to_string(s)).value_or(RequestState::cancelled), s);
  }
  EXPECT_FALSE(parse_request_state("done").ok());
}

}  // namespace
}  // namespace kairos::core
