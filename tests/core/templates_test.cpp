// Templates: every message exists in the five languages and renders completely; the
// seed's subjects are exact; times are written in the recipient's zone and language;
// user values are escaped in HTML and cannot break a subject line; owners override.
#include "kairos/templates.hpp"

#include <gtest/gtest.h>

#include "kairos/lifecycle.hpp"
#include "test_zones.hpp"

namespace kairos::core {
namespace {

using testing::utc;
using testing::zone;

MessageContext sample_context(const ZoneRules* z) {
  MessageContext c;
  c.guest_name = "三田花子";
  c.guest_company = "株式会社テスト";
  c.host_name = "Yamada";
  c.host_company = "株式会社サンプル";
  c.event_name = "Consultation";
  c.location = "Tokyo office";
  c.reception_code = "810749";
  c.when = {utc("2026-03-09T05:00:00Z"), utc("2026-03-09T05:30:00Z")};
  c.zone = z;
  c.links = {{SignedAction::cancel, "https://k.example/a?t=1&x=2"}, {SignedAction::book_again, "https://k.example/b"}};
  return c;
}

TEST(Templates, EveryKeyRendersInEveryLanguageWithoutLeftoverPlaceholders) {
  const ZoneRules tokyo = zone("Asia/Tokyo");
  MessageContext c = sample_context(&tokyo);
  c.previous_when = Interval{utc("2026-03-08T05:00:00Z"), utc("2026-03-08T05:30:00Z")};
  c.reason = "r";
  c.message = "m";
  c.guidance = "g";
  c.notes = "n";
  c.appointments = {c.when};
  EXPECT_EQ(template_keys().size(), 28u);
  for (const std::string& key : template_keys()) {
    for (const std::string& lang : supported_languages()) {
      ASSERT_TRUE(default_template(key, lang).has_value()) << key << " " << lang;
      const auto r = render(key, lang, c);
      ASSERT_TRUE(r.ok()) << key << " " << lang;
      EXPECT_FALSE(r->subject.empty()) << key << " " << lang;
      for (const std::string* part : {&r->subject, &r->text}) {
        EXPECT_EQ(part->find('{'), std::string::npos) << key << " " << lang << ": " << *part;
        EXPECT_EQ(("\n" + *part).find("\n?"), std::string::npos) << key << " " << lang << ": " << *part;
      }
      EXPECT_NE(r->html.find("lang=\"" + lang + "\""), std::string::npos);
    }
  }
}

TEST(Templates, SeedSubjectsAreExact) {
  const ZoneRules tokyo = zone("Asia/Tokyo");
  const MessageContext c = sample_context(&tokyo);
  struct Case {
    std::string key, lang, subject;
  };
  const Case cases[] = {
      {"proposal.confirmed.guest", "ja", "[株式会社サンプル]アポイントメントの日程が確定しました"},
      {"proposal.confirmed.guest", "en", "[株式会社サンプル] Your appointment has been confirmed"},
      {"proposal.confirmed.host", "ja", "[810749]来訪:株式会社テスト:三田花子様"},
      {"proposal.confirmed.host", "en", "[810749] Visit: 株式会社テスト: 三田花子"},
      {"proposal.readjust.host", "ja", "【重要】[三田花子]さまからアポイントメント再調整を依頼されました"},
  };
  for (const auto& cs : cases) {
    const auto r = render(cs.key, cs.lang, c);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->subject, cs.subject) << cs.key << " " << cs.lang;
  }
  EXPECT_EQ(visit_calendar_title("株式会社テスト", "三田花子", "ja"), "来訪: 株式会社テスト:三田花子 様");
  EXPECT_EQ(visit_calendar_title("Test Ltd", "Hanako Mita", "en"), "Visit: Test Ltd: Hanako Mita");
  EXPECT_EQ(visit_calendar_title("", "Hanako Mita", "de"), "Besuch: Hanako Mita");
}

TEST(Templates, TimesAreWrittenInTheRecipientsZoneAndLanguage) {
  const ZoneRules ny = zone("America/New_York");
  const ZoneRules hel = zone("Europe/Helsinki");
  const ZoneRules tokyo = zone("Asia/Tokyo");
  const Interval morning{utc("2026-03-09T13:00:00Z"), utc("2026-03-09T13:30:00Z")};  // 09:00 EDT, 15:00 EET
  const Interval night{utc("2026-03-10T03:30:00Z"), utc("2026-03-10T05:00:00Z")};    // 23:30–01:00 EDT
  const Interval fall_across{utc("2026-11-01T05:30:00Z"), utc("2026-11-01T06:30:00Z")};  // 01:30 EDT–01:30 EST
  const Interval second_pass{utc("2026-11-01T06:00:00Z"), utc("2026-11-01T06:30:00Z")};  // 01:00–01:30 EST
  const ZoneRules kolkata = zone("Asia/Kolkata");
  const ZoneRules santiago = zone("America/Santiago");
  const Interval chile_fall{utc("2026-04-05T02:30:00Z"), utc("2026-04-05T03:30:00Z")};
  struct Case {
    const ZoneRules* z;
    Interval when;
    std::string lang, text;
  };
  const Case cases[] = {
      {&ny, morning, "en", "Monday, March 9, 2026, 9:00 AM – 9:30 AM"},
      {&ny, night, "en", "Monday, March 9, 2026, 11:30 PM – Tuesday, March 10, 2026, 1:00 AM"},
      {&tokyo, morning, "ja", "2026年3月9日(月) 22:00〜22:30"},
      {&tokyo, night, "ja", "2026年3月10日(火) 12:30〜14:00"},
      {&ny, night, "ja", "2026年3月9日(月) 23:30〜2026年3月10日(火) 1:00"},
      {&hel, morning, "fi", "maanantai 9.3.2026 klo 15.00–15.30"},
      {&hel, morning, "de", "Montag, 9. März 2026, 15:00–15:30 Uhr"},
      {&ny, night, "de", "Montag, 9. März 2026, 23:30 Uhr – Dienstag, 10. März 2026, 01:00 Uhr"},
      {&hel, morning, "hu", "2026. március 9., hétfő 15:00–15:30"},
      {&hel, morning, "xx", "Monday, March 9, 2026, 3:00 PM – 3:30 PM"},
      // The fall-back night in New York: the offset changes inside, or the time repeats.
      {&ny, fall_across, "en", "Sunday, November 1, 2026, 1:30 AM EDT – 1:30 AM EST"},
      {&ny, fall_across, "ja", "2026年11月1日(日) 1:30 EDT〜1:30 EST"},
      {&ny, fall_across, "de", "Sonntag, 1. November 2026, 01:30 Uhr EDT – 01:30 Uhr EST"},
      {&ny, fall_across, "fi", "sunnuntai 1.11.2026 klo 1.30 EDT–1.30 EST"},
      {&ny, fall_across, "hu", "2026. november 1., vasárnap 1:30 EDT–1:30 EST"},
      {&ny, second_pass, "en", "Sunday, November 1, 2026, 1:00 AM EST – 1:30 AM EST"},
      {&kolkata, morning, "en", "Monday, March 9, 2026, 6:30 PM – 7:00 PM"},
      // Santiago's offsets have no letters: they are written as UTC offsets.
      {&santiago, chile_fall, "en", "Saturday, April 4, 2026, 11:30 PM UTC-03:00 – 11:30 PM UTC-04:00"},
  };
  for (const auto& c : cases) EXPECT_EQ(format_when(c.when, *c.z, c.lang), c.text) << c.lang;

  MessageContext ctx;
  ctx.guest_name = "Ada";
  ctx.when = morning;
  ctx.zone = &ny;
  const auto r = render("booking.approved.guest", "en", ctx);
  ASSERT_TRUE(r.ok());
  EXPECT_NE(r->text.find("Monday, March 9, 2026, 9:00 AM – 9:30 AM (America/New_York)"), std::string::npos) << r->text;
}

TEST(Templates, HtmlEscapesEveryUserValueAndSubjectsStayOneLine) {
  MessageContext c;
  c.guest_name = "<script>alert(1)</script>";
  c.event_name = "Tom & \"Jerry\"";
  c.notes = "line 1\nline 2 <b>";
  c.links = {{SignedAction::approve, "https://k.example/x?a=1&b=\"2\""}};
  c.when = {utc("2026-03-09T13:00:00Z"), utc("2026-03-09T13:30:00Z")};
  const auto r = render("booking.pending.host", "en", c);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->html.find("<script>"), std::string::npos);
  EXPECT_NE(r->html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(r->html.find("Tom &amp; &quot;Jerry&quot;"), std::string::npos);
  EXPECT_NE(r->html.find("line 1<br>\nline 2 &lt;b&gt;"), std::string::npos);
  EXPECT_NE(r->html.find("href=\"https://k.example/x?a=1&amp;b=&quot;2&quot;\""), std::string::npos);
  EXPECT_NE(r->html.find(">Approve booking</a>"), std::string::npos);
  // The text body keeps values as typed, and lists buttons as "Label: URL".
  EXPECT_NE(r->text.find("<script>alert(1)</script> has requested"), std::string::npos);
  EXPECT_NE(r->text.find("Approve booking: https://k.example/x?a=1&b=\"2\""), std::string::npos);

  MessageContext evil;
  evil.guest_name = "Eve\r\nBcc: victim@example.com";
  const auto s = render("booking.pending.host", "en", evil);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->subject, "New booking request: Eve  Bcc: victim@example.com");
}

TEST(Templates, OptionalLinesDisappearWhenTheirValuesAreEmpty) {
  MessageContext c;
  c.guest_name = "Ada";
  c.when = {utc("2026-03-09T13:00:00Z"), utc("2026-03-09T13:30:00Z")};
  const auto bare = render("booking.cancelled.guest", "en", c);
  ASSERT_TRUE(bare.ok());
  EXPECT_EQ(bare->text,
            "Hello Ada,\n\nYour booking has been cancelled.\n\nMonday, March 9, 2026, 1:00 PM – 1:30 PM (UTC)\n\n"
            "You are welcome to book a new time whenever it suits you.\n");
  c.reason = "Illness";
  const auto with_reason = render("booking.cancelled.guest", "en", c);
  ASSERT_TRUE(with_reason.ok());
  EXPECT_NE(with_reason->text.find("\nReason: Illness\n"), std::string::npos);
}

TEST(Templates, OwnerOverridesReplaceTheDefaultForOneLanguage) {
  MessageContext c;
  c.guest_name = "Ada";
  const std::vector<TemplateOverride> overrides{
      {"booking.approved.guest", "de", "Bis bald, {guest_name}!", ""},
      {"booking.approved.guest", "en", "", "Custom body for {guest_name} <3"},
  };
  const auto de = render("booking.approved.guest", "de", c, overrides);
  ASSERT_TRUE(de.ok());
  EXPECT_EQ(de->subject, "Bis bald, Ada!");
  EXPECT_EQ(de->text.substr(0, 15), "Guten Tag Ada,\n");  // default body kept
  const auto en = render("booking.approved.guest", "en", c, overrides);
  ASSERT_TRUE(en.ok());
  EXPECT_EQ(en->text, "Custom body for Ada <3\n");
  EXPECT_NE(en->html.find("Custom body for Ada &lt;3"), std::string::npos);
  EXPECT_EQ(en->subject.substr(0, 24), "Your booking is confirme");
}

TEST(Templates, UnknownTemplateIsAnErrorAndUnknownLanguageFallsBackToEnglish) {
  const auto r = render("booking.nope.guest", "en", {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "unknown_template");
  const auto sv = render("booking.follow_up.guest", "sv", {});
  ASSERT_TRUE(sv.ok());
  EXPECT_EQ(sv->subject, "Thank you for your visit");
}

TEST(Templates, EveryPlannedTemplateKeyHasTexts) {
  // Whatever the lifecycle plans must be renderable.
  NotificationSettings s;
  s.sms_reminders = true;
  s.follow_up_after = Minutes(60);
  s.no_show_mail = true;
  Booking b;
  b.when = {utc("2026-03-10T14:00:00Z"), utc("2026-03-10T14:30:00Z")};
  b.host_ids = {"h"};
  b.guest.email = "a@example.com";
  b.guest.phone = "+1";
  auto created = create_booking_outcome(b, utc("2026-03-01T00:00:00Z"), s);
  ASSERT_TRUE(created.ok());
  std::vector<PlannedMessage> all = created->messages;
  const auto approved = apply(created->booking, BookingAction::approve, Actor::host, utc("2026-03-01T00:00:00Z"), s);
  ASSERT_TRUE(approved.ok());
  all.insert(all.end(), approved->messages.begin(), approved->messages.end());
  for (BookingAction a : {BookingAction::cancel, BookingAction::reject, BookingAction::complete}) {
    const auto r = apply(approved->booking, a, a == BookingAction::complete ? Actor::system : Actor::host,
                         utc("2026-03-11T00:00:00Z"), s);
    ASSERT_TRUE(r.ok()) << to_string(a);
    all.insert(all.end(), r->messages.begin(), r->messages.end());
  }
  for (const auto& m : all) EXPECT_TRUE(render(m.template_key, m.language, {}).ok()) << m.template_key;
}

TEST(Templates, BookingContextCarriesWhatTheTransitionRecorded) {
  Booking b;
  b.when = {utc("2026-03-10T14:00:00Z"), utc("2026-03-10T14:30:00Z")};
  b.host_ids = {"h1"};
  b.status = BookingStatus::approved;
  b.guest = {"Ada", "ada@example.com", "", "Analytical Ltd", "", "en"};
  b.other_guests = {{"Bob", "bob@example.com", "", "Bob & Co", "", "de"}};
  b.location = "HQ";
  ActionDetails move;
  move.new_when = Interval{utc("2026-03-12T09:00:00Z"), utc("2026-03-12T10:00:00Z")};
  const auto moved = apply(b, BookingAction::reschedule, Actor::guest, utc("2026-03-05T00:00:00Z"), {}, move);
  ASSERT_TRUE(moved.ok());
  const PlannedMessage& to_guest = moved->messages.at(0);
  MessageContext c = booking_context(moved->booking, to_guest);
  EXPECT_EQ(c.guest_name, "Ada");
  EXPECT_EQ(c.when, *move.new_when);
  ASSERT_TRUE(c.previous_when.has_value());
  EXPECT_EQ(*c.previous_when, b.when);
  const auto text = render(to_guest.template_key, to_guest.language, c);
  ASSERT_TRUE(text.ok());
  EXPECT_NE(text->text.find("New time: Thursday, March 12, 2026, 9:00 AM – 10:00 AM (UTC)\n"
                            "Previous time: Tuesday, March 10, 2026, 2:00 PM – 2:30 PM (UTC)\n"),
            std::string::npos)
      << text->text;

  ActionDetails why;
  why.reason = "Host is ill";
  const auto cancelled = apply(moved->booking, BookingAction::cancel, Actor::host, utc("2026-03-06T00:00:00Z"), {}, why);
  ASSERT_TRUE(cancelled.ok());
  EXPECT_EQ(booking_context(cancelled->booking, cancelled->messages.at(0)).reason, "Host is ill");
  EXPECT_EQ(booking_context(moved->booking, to_guest).reason, "");

  PlannedMessage to_bob;
  to_bob.role = Recipient::attendee;
  to_bob.address = "bob@example.com";
  const MessageContext bob = booking_context(b, to_bob);
  EXPECT_EQ(bob.guest_name, "Bob");
  EXPECT_EQ(bob.guest_company, "Bob & Co");
}

TEST(Templates, ButtonLabelsExistInEveryLanguage) {
  for (const std::string& lang : supported_languages()) {
    for (int a = 0; a <= static_cast<int>(SignedAction::ask_other_times); ++a) {
      EXPECT_FALSE(action_label(static_cast<SignedAction>(a), lang).empty()) << lang << " " << a;
    }
  }
  EXPECT_EQ(action_label(SignedAction::cancel, "fi"), "Peruuta ajanvaraus");
  EXPECT_EQ(action_label(SignedAction::book_again, "fi"), "Varaa uusi aika");
}

TEST(Templates, OwnerTextsNameOnlyKnownPlaceholders) {
  EXPECT_TRUE(check_placeholders("Hello {guest_name}, see you {when}. {actions}", "body").ok());
  EXPECT_TRUE(check_placeholders("Braces as text: {} { not one } {Name} {a-b} and a lone {", "body").ok());
  const auto bad = check_placeholders("Hello {guest_nmae}", "subject");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "unknown_placeholder");
  EXPECT_EQ(bad.error().field, "subject");
  EXPECT_NE(bad.error().message.find("guest_nmae"), std::string::npos);
  // Every placeholder the default texts use is a known one.
  for (const std::string& key : template_keys())
    for (const std::string& lang : supported_languages())
      if (auto d = default_template(key, lang)) {
        EXPECT_TRUE(check_placeholders(d->subject, "subject").ok()) << key << " " << lang;
        EXPECT_TRUE(check_placeholders(d->body, "body").ok()) << key << " " << lang;
      }
}

TEST(SmsText, ShortTextsPassWhole) {
  EXPECT_EQ(sms_text("Reminder: 10:00 tomorrow"), "Reminder: 10:00 tomorrow");
  EXPECT_EQ(sms_text(std::string(kSmsMaxBytes, 'a')).size(), kSmsMaxBytes);
}

TEST(SmsText, LongTextsAreCutBetweenCharacters) {
  EXPECT_EQ(sms_text(std::string(700, 'a')), std::string(kSmsMaxBytes, 'a'));
  // "予" is three bytes: 600 is not a multiple of three after one ASCII byte, so the cut
  // falls inside a character and must move back to its start.
  std::string ja = "x";
  for (int i = 0; i < 300; ++i) ja += "予";
  const std::string cut = sms_text(ja);
  EXPECT_LE(cut.size(), kSmsMaxBytes);
  EXPECT_EQ(cut.size(), 1 + 3 * 199u);
  EXPECT_EQ(cut, ja.substr(0, cut.size()));
}

}  // namespace
}  // namespace kairos::core
