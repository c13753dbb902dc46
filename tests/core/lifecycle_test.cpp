// Booking lifecycle (seed 001): the transition table with its actors, the messages
// each transition plans (SPEC §3 matrix), reminders never in the past, re-planning on
// reschedule and cancelling scheduled messages on cancel / reject.
#include "kairos/lifecycle.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "booking_fixtures.hpp"

namespace kairos::core {
namespace {

using testing::describe;
using testing::sample_booking;
using testing::utc;
using S = BookingStatus;
using A = BookingAction;

struct TransitionCase {
  S from;
  bool no_show;
  A action;
  Actor actor;
  std::string error;  // "" = allowed
  S to;
};

TEST(Lifecycle, TransitionTableAllowsExactlyTheSeedTransitionsAndActors) {
  const TransitionCase cases[] = {
      {S::pending, false, A::approve, Actor::host, "", S::approved},
      {S::pending, false, A::approve, Actor::guest, "forbidden", S::pending},
      {S::pending, false, A::approve, Actor::system, "forbidden", S::pending},
      {S::pending, false, A::reject, Actor::host, "", S::rejected},
      {S::pending, false, A::reject, Actor::guest, "forbidden", S::pending},
      {S::pending, false, A::cancel, Actor::guest, "", S::cancelled},
      {S::pending, false, A::cancel, Actor::host, "", S::cancelled},
      {S::pending, false, A::cancel, Actor::system, "forbidden", S::pending},
      {S::pending, false, A::reschedule, Actor::guest, "", S::pending},  // stays pending (no auto-approve)
      {S::pending, false, A::reschedule, Actor::host, "", S::rescheduled},
      {S::pending, false, A::complete, Actor::system, "illegal_transition", S::pending},
      {S::pending, false, A::mark_no_show, Actor::host, "illegal_transition", S::pending},
      {S::approved, false, A::approve, Actor::host, "illegal_transition", S::approved},
      {S::approved, false, A::cancel, Actor::guest, "", S::cancelled},
      {S::approved, false, A::reject, Actor::host, "", S::rejected},
      {S::approved, false, A::reschedule, Actor::host, "", S::rescheduled},
      {S::approved, false, A::complete, Actor::system, "", S::completed},
      {S::approved, false, A::complete, Actor::host, "", S::completed},
      {S::approved, false, A::complete, Actor::guest, "forbidden", S::approved},
      {S::approved, false, A::mark_no_show, Actor::host, "illegal_transition", S::approved},
      {S::rescheduled, false, A::cancel, Actor::guest, "", S::cancelled},
      {S::rescheduled, false, A::reschedule, Actor::guest, "", S::rescheduled},
      {S::rescheduled, false, A::complete, Actor::system, "", S::completed},
      {S::cancelled, false, A::approve, Actor::host, "illegal_transition", S::cancelled},
      {S::cancelled, false, A::cancel, Actor::guest, "illegal_transition", S::cancelled},
      {S::cancelled, false, A::reschedule, Actor::guest, "illegal_transition", S::cancelled},
      {S::rejected, false, A::approve, Actor::host, "illegal_transition", S::rejected},
      {S::rejected, false, A::cancel, Actor::host, "illegal_transition", S::rejected},
      {S::completed, false, A::mark_no_show, Actor::host, "", S::completed},
      {S::completed, false, A::mark_no_show, Actor::guest, "forbidden", S::completed},
      {S::completed, true, A::mark_no_show, Actor::host, "illegal_transition", S::completed},
      {S::completed, false, A::cancel, Actor::host, "illegal_transition", S::completed},
      {S::completed, false, A::reschedule, Actor::guest, "illegal_transition", S::completed},
  };
  const Instant after_end = utc("2026-03-10T15:00:00Z");
  ActionDetails details;
  details.new_when = Interval{utc("2026-03-11T10:00:00Z"), utc("2026-03-11T10:30:00Z")};
  for (const auto& c : cases) {
    Booking b = sample_booking(c.from);
    b.no_show = c.no_show;
    // Completion and the no-show mark come after the end, everything else before the start.
    const bool after = c.action == A::complete || c.action == A::mark_no_show;
    const Instant now = after ? after_end : utc("2026-03-09T08:00:00Z");
    const auto r = apply(b, c.action, c.actor, now, NotificationSettings{}, details);
    const std::string what = std::string(to_string(c.from)) + (c.no_show ? "+no_show" : "") + " " +
                             to_string(c.action) + " by " + to_string(c.actor);
    EXPECT_EQ(allowed(c.from, c.no_show, c.action, c.actor), c.error.empty()) << what;
    if (c.error.empty()) {
      ASSERT_TRUE(r.ok()) << what << ": " << r.error().code;
      EXPECT_EQ(r->booking.status, c.to) << what;
      EXPECT_EQ(r->booking.history.size(), b.history.size() + 1) << what;
      EXPECT_EQ(r->booking.history.back().actor, c.actor) << what;
    } else {
      ASSERT_FALSE(r.ok()) << what;
      EXPECT_EQ(r.error().code, c.error) << what;
    }
  }
}

TEST(Lifecycle, GuestLinksStopWorkingOnceTheAppointmentHasBegun) {
  struct Case {
    A action;
    Actor actor;
    std::string now;
    std::string error;
  };
  const Case cases[] = {
      {A::cancel, Actor::guest, "2026-03-10T13:59:59Z", ""},
      {A::cancel, Actor::guest, "2026-03-10T14:00:00Z", "too_late"},
      {A::cancel, Actor::host, "2026-03-10T14:10:00Z", ""},
      {A::reschedule, Actor::guest, "2026-03-10T14:10:00Z", "too_late"},
      {A::reschedule, Actor::host, "2026-03-10T14:10:00Z", ""},
  };
  ActionDetails d;
  d.new_when = Interval{utc("2026-03-11T10:00:00Z"), utc("2026-03-11T10:30:00Z")};
  for (const auto& c : cases) {
    const auto r = apply(sample_booking(), c.action, c.actor, utc(c.now), {}, d);
    EXPECT_EQ(r.ok() ? "" : r.error().code, c.error) << to_string(c.action) << " " << to_string(c.actor) << " " << c.now;
  }
}

TEST(Lifecycle, AvailableActionsAreExactlyWhatApplyAccepts) {
  struct Case {
    S status;
    bool no_show;
    Actor actor;
    std::string now;
    std::vector<A> actions;
  };
  const std::string before = "2026-03-09T08:00:00Z", during = "2026-03-10T14:10:00Z", after = "2026-03-10T15:00:00Z";
  const Case cases[] = {
      {S::pending, false, Actor::guest, before, {A::cancel, A::reschedule}},
      {S::pending, false, Actor::host, before, {A::approve, A::reject, A::cancel, A::reschedule}},
      {S::pending, false, Actor::guest, during, {}},
      {S::approved, false, Actor::guest, before, {A::cancel, A::reschedule}},
      {S::approved, false, Actor::host, before, {A::reject, A::cancel, A::reschedule}},
      {S::approved, false, Actor::host, after, {A::reject, A::cancel, A::reschedule, A::complete}},
      {S::approved, false, Actor::system, after, {A::complete}},
      {S::approved, false, Actor::system, during, {}},
      {S::rescheduled, false, Actor::guest, before, {A::cancel, A::reschedule}},
      {S::completed, false, Actor::host, after, {A::mark_no_show}},
      {S::completed, true, Actor::host, after, {}},
      {S::cancelled, false, Actor::host, before, {}},
      {S::rejected, false, Actor::guest, before, {}},
  };
  ActionDetails d;
  d.new_when = Interval{utc("2026-03-20T10:00:00Z"), utc("2026-03-20T10:30:00Z")};
  for (const auto& c : cases) {
    Booking b = sample_booking(c.status);
    b.no_show = c.no_show;
    const std::string what = std::string(to_string(c.status)) + " " + to_string(c.actor) + " " + c.now;
    EXPECT_EQ(available_actions(b, c.actor, utc(c.now)), c.actions) << what;
    for (A a : {A::approve, A::reject, A::cancel, A::reschedule, A::complete, A::mark_no_show}) {
      const bool offered = std::find(c.actions.begin(), c.actions.end(), a) != c.actions.end();
      EXPECT_EQ(apply(b, a, c.actor, utc(c.now), {}, d).ok(), offered) << what << " " << to_string(a);
    }
  }
}

TEST(Lifecycle, MarkNoShowSetsTheMarkAndKeepsCompleted) {
  const auto r = apply(sample_booking(S::completed), A::mark_no_show, Actor::host, utc("2026-03-10T16:00:00Z"), {});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->booking.no_show);
  EXPECT_EQ(r->booking.status, S::completed);
  EXPECT_EQ(r->booking.history.back().event, "no_show");
}

struct MatrixCase {
  std::string name;
  S from;
  A action;
  Actor actor;
  std::vector<std::string> messages;
  std::vector<std::string> cancels;
};

// SPEC §3, row by row, for a booking with one host, reminders 24 h and 1 h before with
// SMS, a follow-up 2 h after and the no-show mail on.
TEST(Lifecycle, EveryTransitionPlansTheMessagesOfTheMatrix) {
  NotificationSettings s;
  s.reminder_offsets = {Minutes(1440), Minutes(60)};
  s.sms_reminders = true;
  s.follow_up_after = Minutes(120);
  s.no_show_mail = true;
  s.host_language = "ja";
  const std::string now = "2026-03-05T08:00:00Z";
  const MatrixCase cases[] = {
      {"approve", S::pending, A::approve, Actor::host,
       {"approved#2:mail:guest guest booking.approved.guest en mail " + now + " [cancel,book_again]",
        "approved#2:mail:host:h1 host=h1 booking.approved.host ja mail " + now + " [reject]",
        "reminder:mail:guest:1440 guest booking.reminder.guest en mail 2026-03-09T14:00:00Z [cancel,book_again]",
        "reminder:sms:guest:1440 guest booking.reminder_sms.guest en sms 2026-03-09T14:00:00Z [cancel]",
        "reminder:mail:host:h1:1440 host=h1 booking.reminder.host ja mail 2026-03-09T14:00:00Z [reject]",
        "reminder:mail:guest:60 guest booking.reminder.guest en mail 2026-03-10T13:00:00Z [cancel,book_again]",
        "reminder:sms:guest:60 guest booking.reminder_sms.guest en sms 2026-03-10T13:00:00Z [cancel]",
        "reminder:mail:host:h1:60 host=h1 booking.reminder.host ja mail 2026-03-10T13:00:00Z [reject]"},
       {}},
      {"cancel", S::approved, A::cancel, Actor::guest,
       {"cancelled#2:mail:guest guest booking.cancelled.guest en mail " + now + " [book_again]",
        "cancelled#2:mail:host:h1 host=h1 booking.cancelled.host ja mail " + now + " []"},
       {"reminder:", "follow_up:"}},
      {"reject", S::pending, A::reject, Actor::host,
       {"rejected#2:mail:guest guest booking.rejected.guest en mail " + now + " [book_again]",
        "rejected#2:mail:host:h1 host=h1 booking.rejected.host ja mail " + now + " []"},
       {"reminder:", "follow_up:"}},
  };
  for (const auto& c : cases) {
    const auto r = apply(sample_booking(c.from), c.action, c.actor, utc(now), s);
    ASSERT_TRUE(r.ok()) << c.name;
    EXPECT_EQ(describe(r->messages), c.messages) << c.name;
    EXPECT_EQ(r->cancel_key_prefixes, c.cancels) << c.name;
  }
}

TEST(Lifecycle, NewBookingIsPendingWithApproveAndRejectButtonsForTheHost) {
  Booking draft = sample_booking(S::pending);
  draft.guest.email = "  ada@example.com ";
  draft.history.clear();
  const auto r = create_booking_outcome(draft, utc("2026-03-05T08:00:00Z"), NotificationSettings{});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->booking.status, S::pending);
  EXPECT_EQ(r->booking.guest.email, "ada@example.com");
  EXPECT_EQ(describe(r->messages),
            (std::vector<std::string>{
                "pending#1:mail:guest guest booking.pending.guest en mail 2026-03-05T08:00:00Z [cancel,book_again]",
                "pending#1:mail:host:h1 host=h1 booking.pending.host en mail 2026-03-05T08:00:00Z [approve,reject]"}));
}

TEST(Lifecycle, AutoApprovedBookingIsApprovedAtOnceWithReminders) {
  NotificationSettings s;
  s.auto_approve = true;
  const auto r = create_booking_outcome(sample_booking(S::pending), utc("2026-03-05T08:00:00Z"), s);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->booking.status, S::approved);
  ASSERT_EQ(r->booking.history.size(), 2u);
  EXPECT_EQ(r->booking.history[1].actor, Actor::system);
  const auto lines = describe(r->messages);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0].substr(0, 20), "approved#2:mail:gues");
  EXPECT_EQ(lines[2], "reminder:mail:guest:1440 guest booking.reminder.guest en mail 2026-03-09T14:00:00Z [cancel,book_again]");
}

TEST(Lifecycle, NewBookingRefusesBadInput) {
  struct Case {
    std::string name;
    Booking draft;
    std::string code;
  };
  Booking bad_email = sample_booking(S::pending);
  bad_email.guest.email = "ada@@example";
  Booking no_host = sample_booking(S::pending);
  no_host.host_ids.clear();
  Booking empty = sample_booking(S::pending);
  empty.when.end = empty.when.start;
  const Case cases[] = {{"email", bad_email, "invalid_email"}, {"host", no_host, "missing_field"},
                        {"empty", empty, "invalid_interval"}};
  for (const auto& c : cases) {
    const auto r = create_booking_outcome(c.draft, utc("2026-03-05T08:00:00Z"), {});
    ASSERT_FALSE(r.ok()) << c.name;
    EXPECT_EQ(r.error().code, c.code) << c.name;
  }
}

TEST(Lifecycle, RemindersWhoseTimeHasPassedAreNotPlanned) {
  NotificationSettings s;
  s.reminder_offsets = {Minutes(1440), Minutes(60)};
  // Approved 2 hours before the start: the 24-hour reminder is already in the past.
  const auto r = apply(sample_booking(S::pending), A::approve, Actor::host, utc("2026-03-10T12:00:00Z"), s);
  ASSERT_TRUE(r.ok());
  for (const auto& m : r->messages) EXPECT_GE(m.send_at, utc("2026-03-10T12:00:00Z")) << m.key;
  std::vector<std::string> reminders;
  for (const auto& m : r->messages) {
    if (m.key.rfind("reminder:", 0) == 0) reminders.push_back(m.key);
  }
  EXPECT_EQ(reminders, (std::vector<std::string>{"reminder:mail:guest:60", "reminder:mail:host:h1:60"}));
}

TEST(Lifecycle, RescheduleMovesTheTimeAndReplansReminders) {
  ActionDetails d;
  d.new_when = Interval{utc("2026-03-12T09:00:00Z"), utc("2026-03-12T09:30:00Z")};
  const auto r = apply(sample_booking(), A::reschedule, Actor::guest, utc("2026-03-05T08:00:00Z"), {}, d);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->booking.when, *d.new_when);
  EXPECT_EQ(r->cancel_key_prefixes, (std::vector<std::string>{"reminder:", "follow_up:"}));
  EXPECT_EQ(describe(r->messages),
            (std::vector<std::string>{
                "rescheduled#2:mail:guest guest booking.rescheduled.guest en mail 2026-03-05T08:00:00Z []",
                "rescheduled#2:mail:host:h1 host=h1 booking.rescheduled.host en mail 2026-03-05T08:00:00Z []",
                "reminder:mail:guest:1440 guest booking.reminder.guest en mail 2026-03-11T09:00:00Z [cancel,book_again]",
                "reminder:mail:host:h1:1440 host=h1 booking.reminder.host en mail 2026-03-11T09:00:00Z [reject]"}));
  EXPECT_EQ(r->booking.history.back().detail, "2026-03-10T14:00:00Z/2026-03-10T14:30:00Z -> 2026-03-12T09:00:00Z/2026-03-12T09:30:00Z");
}

TEST(Lifecycle, AGuestMovingAPendingBookingLeavesItPendingForStaff) {
  Booking b = sample_booking();
  b.status = BookingStatus::pending;
  ActionDetails d;
  d.new_when = Interval{utc("2026-03-12T09:00:00Z"), utc("2026-03-12T09:30:00Z")};
  const auto r = apply(b, A::reschedule, Actor::guest, utc("2026-03-05T08:00:00Z"), {}, d);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->booking.status, BookingStatus::pending);
  EXPECT_EQ(r->booking.when, *d.new_when);
  EXPECT_EQ(describe(r->messages),
            (std::vector<std::string>{
                "rescheduled#2:mail:guest guest booking.rescheduled.guest en mail 2026-03-05T08:00:00Z []",
                "rescheduled#2:mail:host:h1 host=h1 booking.rescheduled.host en mail 2026-03-05T08:00:00Z "
                "[approve,reject]"}));  // no reminders while pending
  NotificationSettings auto_on;
  auto_on.auto_approve = true;
  EXPECT_EQ(apply(b, A::reschedule, Actor::guest, utc("2026-03-05T08:00:00Z"), auto_on, d)->booking.status,
            BookingStatus::rescheduled);
  EXPECT_EQ(r->booking.sequence, b.sequence + 1);  // the calendar copy's SEQUENCE grows
}

TEST(Lifecycle, RescheduleNeedsAValidFutureNewTime) {
  struct Case {
    std::optional<Interval> to;
    std::string code;
  };
  const Case cases[] = {
      {std::nullopt, "missing_field"},
      {Interval{utc("2026-03-12T09:00:00Z"), utc("2026-03-12T09:00:00Z")}, "invalid_interval"},
      {Interval{utc("2026-03-01T09:00:00Z"), utc("2026-03-01T09:30:00Z")}, "in_past"},
      {Interval{utc("2026-03-10T14:00:00Z"), utc("2026-03-10T14:30:00Z")}, "unchanged"},
  };
  for (const auto& c : cases) {
    ActionDetails d;
    d.new_when = c.to;
    const auto r = apply(sample_booking(), A::reschedule, Actor::host, utc("2026-03-05T08:00:00Z"), {}, d);
    ASSERT_FALSE(r.ok()) << c.code;
    EXPECT_EQ(r.error().code, c.code);
  }
}

TEST(Lifecycle, TwoReschedulesNeverReuseAMessageKey) {
  ActionDetails d1, d2;
  d1.new_when = Interval{utc("2026-03-12T09:00:00Z"), utc("2026-03-12T09:30:00Z")};
  d2.new_when = Interval{utc("2026-03-13T09:00:00Z"), utc("2026-03-13T09:30:00Z")};
  const auto r1 = apply(sample_booking(), A::reschedule, Actor::guest, utc("2026-03-05T08:00:00Z"), {}, d1);
  ASSERT_TRUE(r1.ok());
  const auto r2 = apply(r1->booking, A::reschedule, Actor::guest, utc("2026-03-05T09:00:00Z"), {}, d2);
  ASSERT_TRUE(r2.ok());
  EXPECT_NE(r1->messages[0].key, r2->messages[0].key);
}

TEST(Lifecycle, CompletionWaitsForTheEndAndPlansTheFollowUp) {
  NotificationSettings s;
  s.follow_up_after = Minutes(24 * 60);
  const Booking b = sample_booking();
  const auto early = apply(b, A::complete, Actor::system, utc("2026-03-10T14:29:59Z"), s);
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().code, "not_ended");

  const auto r = apply(b, A::complete, Actor::system, utc("2026-03-10T14:30:00Z"), s);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(describe(r->messages),
            (std::vector<std::string>{
                "follow_up:mail:guest guest booking.follow_up.guest en mail 2026-03-11T14:30:00Z [book_again]"}));
  EXPECT_EQ(r->cancel_key_prefixes, (std::vector<std::string>{"reminder:"}));

  // Completed late (the server was down): the follow-up goes out now, not in the past.
  const auto late = apply(b, A::complete, Actor::system, utc("2026-03-20T00:00:00Z"), s);
  ASSERT_TRUE(late.ok());
  EXPECT_EQ(late->messages.at(0).send_at, utc("2026-03-20T00:00:00Z"));

  // No follow-up configured: nothing to the guest, and never anything to the host.
  const auto none = apply(b, A::complete, Actor::system, utc("2026-03-10T15:00:00Z"), {});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->messages.empty());
}

TEST(Lifecycle, NoShowMailIsOptionalAndCancelsTheFollowUp) {
  struct Case {
    bool mail;
    std::size_t messages;
  };
  for (const Case c : {Case{true, 1}, Case{false, 0}}) {
    NotificationSettings s;
    s.no_show_mail = c.mail;
    const auto r = apply(sample_booking(S::completed), A::mark_no_show, Actor::host, utc("2026-03-10T16:00:00Z"), s);
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r->messages.size(), c.messages);
    if (c.mail) {
      EXPECT_EQ(describe(r->messages[0]),
                "no_show#2:mail:guest guest booking.no_show.guest en mail 2026-03-10T16:00:00Z [book_again]");
    }
    EXPECT_EQ(r->cancel_key_prefixes, (std::vector<std::string>{"follow_up:"}));
  }
}

TEST(Lifecycle, AutoCompleteIsDueOnlyForGoingAheadBookingsAfterTheirEnd) {
  struct Case {
    S status;
    std::string now;
    bool due;
  };
  const Case cases[] = {
      {S::approved, "2026-03-10T14:29:59Z", false}, {S::approved, "2026-03-10T14:30:00Z", true},
      {S::rescheduled, "2026-03-11T00:00:00Z", true}, {S::pending, "2026-03-11T00:00:00Z", false},
      {S::cancelled, "2026-03-11T00:00:00Z", false},  {S::completed, "2026-03-11T00:00:00Z", false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(auto_complete_due(sample_booking(c.status), utc(c.now)), c.due) << to_string(c.status) << " " << c.now;
  }
}

TEST(Lifecycle, AutoCompleteStatusesAreExactlyThoseThatCanBeDue) {
  // The store sweeps these statuses for ended bookings; none may be missing or extra.
  const auto sweep = auto_complete_statuses();
  for (S s : {S::pending, S::approved, S::cancelled, S::rejected, S::rescheduled, S::completed}) {
    const bool listed = std::find(sweep.begin(), sweep.end(), s) != sweep.end();
    EXPECT_EQ(listed, auto_complete_due(sample_booking(s), utc("2030-01-01T00:00:00Z"))) << to_string(s);
  }
}

TEST(Lifecycle, MessagesOfOneTransitionHaveDistinctKeysPerHost) {
  Booking b = sample_booking(S::pending);
  b.host_ids = {"h1", "h2"};
  NotificationSettings s;
  s.reminder_offsets = {Minutes(1440), Minutes(120)};
  s.sms_reminders = true;
  const auto r = apply(b, A::approve, Actor::host, utc("2026-03-05T08:00:00Z"), s);
  ASSERT_TRUE(r.ok());
  std::set<std::string> keys;
  for (const auto& m : r->messages) EXPECT_TRUE(keys.insert(m.key).second) << m.key;
  EXPECT_EQ(keys.size(), 1u + 2u + 2u * (2u + 2u));  // guest + 2 hosts, then per offset mail, SMS, 2 hosts
}

TEST(Lifecycle, NoSchedulingMailVisitSendsNothingToTheGuest) {
  Booking b = sample_booking(S::pending);
  b.send_mail = false;
  const auto r = apply(b, A::approve, Actor::host, utc("2026-03-05T08:00:00Z"), {});
  ASSERT_TRUE(r.ok());
  for (const auto& m : r->messages) EXPECT_EQ(m.role, Recipient::host) << m.key;
  EXPECT_FALSE(r->messages.empty());
}

TEST(Lifecycle, StatusNamesRoundTrip) {
  for (S s : {S::pending, S::approved, S::cancelled, S::rejected, S::rescheduled, S::completed}) {
    const auto r = parse_booking_status(to_string(s));
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(*r, s);
  }
  for (A a : {A::approve, A::reject, A::cancel, A::reschedule, A::complete, A::mark_no_show}) {
    EXPECT_EQ(parse_booking_action(to_string(a)).value_or(A::approve), a);
  }
  EXPECT_EQ(parse_booking_status("done").error().code, "invalid_status");
  EXPECT_EQ(parse_actor("robot").error().code, "invalid_actor");
}

}  // namespace
}  // namespace kairos::core
