// Front-office rules (seed 004): inquiry states, "unconverted after the next day", the
// daily report's contents and hour, search normalisation, phone matching, DSN parsing.
#include "kairos/front_office.hpp"

#include <gtest/gtest.h>

#include "kairos/time_text.hpp"

namespace kairos::core {
namespace {

Instant at(const char* s) { return *parse_instant(s); }
LocalDate day(const char* s) { return *parse_date(s); }

TEST(Inquiry, StatesMoveOnlyAlongTheManual) {
  EXPECT_EQ(*next_inquiry_state(InquiryState::new_, InquiryEvent::reply), InquiryState::awaiting_reply);
  EXPECT_EQ(*next_inquiry_state(InquiryState::awaiting_reply, InquiryEvent::expire), InquiryState::unconverted);
  EXPECT_EQ(*next_inquiry_state(InquiryState::unconverted, InquiryEvent::convert), InquiryState::converted);
  EXPECT_EQ(*next_inquiry_state(InquiryState::closed, InquiryEvent::reopen), InquiryState::new_);
  EXPECT_EQ(next_inquiry_state(InquiryState::new_, InquiryEvent::expire).error().code, "illegal_transition");
  EXPECT_EQ(next_inquiry_state(InquiryState::converted, InquiryEvent::reply).error().code, "illegal_transition");
  EXPECT_EQ(next_inquiry_state(InquiryState::converted, InquiryEvent::close).error().code, "illegal_transition");
}

TEST(Inquiry, IsValidatedLikeABooking) {
  InquiryInput in{InquiryKind::question, " 山田 太郎 ", "taro@gmail.con", "+81 90-1234-5678", " 駐車場はありますか? ", {}};
  auto ok = check_inquiry(in, at("2026-03-01T00:00:00Z"));
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->name, "山田 太郎");
  EXPECT_EQ(ok->message, "駐車場はありますか?");
  auto bad = in;
  bad.email = "taro@.au.com";
  auto e = check_inquiry(bad, at("2026-03-01T00:00:00Z"));
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().code, "invalid_email");
  EXPECT_EQ(e.error().field, "guest.email");
  EXPECT_NE(e.error().message.find("taro@au.com"), std::string::npos);
  bad = in;
  bad.kind = InquiryKind::booking_request;
  EXPECT_EQ(check_inquiry(bad, at("2026-03-01T00:00:00Z")).error().field, "wished_times");
  bad.wished_times = {{at("2026-02-01T10:00:00Z"), at("2026-02-01T11:00:00Z")}};
  EXPECT_EQ(check_inquiry(bad, at("2026-03-01T00:00:00Z")).error().code, "in_past");
  bad.wished_times = {{at("2026-04-01T11:00:00Z"), at("2026-04-01T10:00:00Z")}};
  EXPECT_EQ(check_inquiry(bad, at("2026-03-01T00:00:00Z")).error().code, "invalid_interval");
  bad = in;
  bad.message = "  ";
  EXPECT_EQ(check_inquiry(bad, at("2026-03-01T00:00:00Z")).error().field, "message");
  bad = in;
  bad.phone = "090-1234<script>";
  EXPECT_EQ(check_inquiry(bad, at("2026-03-01T00:00:00Z")).error().code, "invalid_phone");
}

TEST(Inquiry, AwaitingReplyBecomesUnconvertedAfterTheNextDay) {
  EXPECT_FALSE(inquiry_expired(day("2026-03-09"), day("2026-03-09")));
  EXPECT_FALSE(inquiry_expired(day("2026-03-09"), day("2026-03-10")));
  EXPECT_TRUE(inquiry_expired(day("2026-03-09"), day("2026-03-11")));
  EXPECT_EQ(unconverted_on(day("2026-03-09")), day("2026-03-10"));
}

TEST(Inquiry, ReportListsUnconvertedRequestsAndUnbookedQuestions) {
  InquiryReportFacts req{InquiryKind::booking_request, InquiryState::unconverted, day("2026-03-09"), day("2026-03-10")};
  EXPECT_TRUE(in_unconverted_report(req, day("2026-03-10")));
  EXPECT_FALSE(in_unconverted_report(req, day("2026-03-09")));
  InquiryReportFacts q{InquiryKind::question, InquiryState::new_, day("2026-03-09"), std::nullopt};
  EXPECT_TRUE(in_unconverted_report(q, day("2026-03-09")));
  q.state = InquiryState::converted;
  EXPECT_FALSE(in_unconverted_report(q, day("2026-03-09")));
  InquiryReportFacts waiting{InquiryKind::booking_request, InquiryState::awaiting_reply, day("2026-03-09"), std::nullopt};
  EXPECT_FALSE(in_unconverted_report(waiting, day("2026-03-09")));
}

TEST(Inquiry, ReportIsDueOncePerDayAtTheLocalTime) {
  LocalTime eight = *LocalTime::from_hms(8, 0);
  LocalDateTime before(day("2026-03-29"), *LocalTime::from_hms(7, 59));
  LocalDateTime after(day("2026-03-29"), *LocalTime::from_hms(8, 0));
  EXPECT_FALSE(report_due(before, eight, std::nullopt));
  EXPECT_TRUE(report_due(after, eight, day("2026-03-28")));
  EXPECT_FALSE(report_due(after, eight, day("2026-03-29")));
}

TEST(Search, FullWidthHalfWidthAndCaseMatch) {
  EXPECT_EQ(normalize_for_search("ＹＡＭＡＤＡ　Ｔａｒｏ"), "yamada taro");
  EXPECT_EQ(normalize_for_search("ﾔﾏﾀﾞ ﾀﾛｳ"), "ヤマダ タロウ");
  EXPECT_EQ(normalize_for_search("ﾊﾟﾝ ｳﾞ"), "パン ヴ");
  EXPECT_EQ(normalize_for_search("  Jürgen   GROSS "), "jürgen gross");
  EXPECT_EQ(normalize_for_search("ŐRSÉG"), "őrség");
  EXPECT_TRUE(text_matches("ヤマダ タロウ", "ﾔﾏﾀﾞ"));
  EXPECT_TRUE(text_matches("ﾔﾏﾀﾞ ﾀﾛｳ", "やまだ") == false);  // hiragana is another script
  EXPECT_TRUE(text_matches("Yamada Taro", "ｙａｍａｄａ"));
  EXPECT_FALSE(text_matches("Yamada", ""));
}

TEST(Search, PhonesMatchByDigits) {
  EXPECT_TRUE(phone_matches("+81 90-1234-5678", "090-1234-5678"));
  EXPECT_TRUE(phone_matches("09012345678", "+81 90 1234 5678"));
  EXPECT_TRUE(phone_matches("０９０－１２３４－５６７８", "9012345678"));
  EXPECT_TRUE(phone_matches("+358 40 123 4567", "040 1234"));
  EXPECT_FALSE(phone_matches("090-1234-5678", "090-9999"));
  EXPECT_FALSE(phone_matches("090-1234-5678", "12"));
}

TEST(Dsn, PostfixStyleReportIsMatchedByReturnPath) {
  const char* raw =
      "Return-Path: <>\r\nDelivered-To: bounces+o42@clinic.test\r\nFrom: MAILER-DAEMON@mx.example (Mail Delivery System)\r\n"
      "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\r\n\r\n--B\r\n"
      "Content-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example\r\n\r\n"
      "Final-Recipient: rfc822; taro@gmail.con\r\nOriginal-Recipient: rfc822;taro@gmail.con\r\nAction: failed\r\n"
      "Status: 5.1.2\r\nDiagnostic-Code: X-Postfix; Host or domain name not found. Name service error\r\n    for name=gmail.con\r\n--B--\r\n";
  auto r = parse_dsn(raw, "bounces");
  EXPECT_TRUE(r.is_report);
  EXPECT_TRUE(r.failed);
  EXPECT_EQ(r.status, "5.1.2");
  EXPECT_EQ(r.recipient, "taro@gmail.con");
  ASSERT_TRUE(r.message);
  EXPECT_EQ(*r.message, 42);
  EXPECT_NE(r.diagnostic.find("for name=gmail.con"), std::string::npos);
  auto delayed = parse_dsn("Content-Type: message/delivery-status\n\nFinal-Recipient: rfc822; a@b.c\nAction: delayed\nStatus: 4.4.1\n",
                           "bounces");
  EXPECT_TRUE(delayed.is_report);
  EXPECT_FALSE(delayed.failed);
  EXPECT_EQ(verp_address("bounces@clinic.test", 7), "bounces+o7@clinic.test");
}

TEST(Texts, FiveLanguagesAndOptionalLines) {
  auto t = front_text("inquiry.received.guest", "ja", {{"guest_name", "山田"}, {"quoted", quote_message("a\nb")},
                                                        {"location", "渋谷店"}});
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->subject, "【お問い合わせ受付】渋谷店");
  EXPECT_NE(t->text.find("> a\n> b"), std::string::npos);
  EXPECT_EQ(t->text.find("ご希望の日時"), std::string::npos);
  EXPECT_TRUE(front_text("inquiry.received.guest", "xx", {}).ok());
  EXPECT_FALSE(front_text("nope", "en", {}).ok());
}

}  // namespace
}  // namespace kairos::core
