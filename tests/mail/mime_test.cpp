#include "mime.hpp"

#include <gtest/gtest.h>

#include "kairos/time_text.hpp"

using namespace kairos;
using namespace kairos::server::mail;

namespace {

MailMessage sample() {
  MailMessage m;
  m.from = {"Kairos — Salon Aurora", "no-reply@kairos.test"};
  m.to = {{"三田 花子", "hanako@example.com"}};
  m.subject = "[株式会社サンプル]アポイントメントの日程が確定しました";
  m.text = "こんにちは\nplain";
  m.html = "<p>こんにちは</p>";
  m.message_id = "outbox-42@kairos.test";
  m.date = *core::parse_instant("2026-11-22T11:04:33Z");
  return m;
}

std::string header(const std::string& msg, const std::string& name) {
  const auto p = msg.find("\r\n" + name + ": ");
  if (p == std::string::npos) return {};
  const auto e = msg.find("\r\n", p + 2);
  return msg.substr(p + 4 + name.size(), e - p - 4 - name.size());
}

}  // namespace

TEST(Mime, NonAsciiSubjectIsEncodedAndRoundTrips) {
  const std::string enc = encode_header_text(sample().subject);
  EXPECT_EQ(enc.rfind("=?UTF-8?B?", 0), 0u);
  EXPECT_EQ(encode_header_text("Your appointment"), "Your appointment");
  EXPECT_EQ(encode_header_text("evil\r\nBcc: x@y"), "evilBcc: x@y") << "no header injection";
}

TEST(Mime, HasStableMessageIdDateAndBothBodies) {
  const std::string msg = "\r\n" + render_mime(sample(), "b1");
  EXPECT_EQ(header(msg, "Message-ID"), "<outbox-42@kairos.test>");
  EXPECT_EQ(header(msg, "Date"), "Sun, 22 Nov 2026 11:04:33 +0000");
  EXPECT_NE(msg.find("Content-Type: text/plain; charset=UTF-8"), std::string::npos);
  EXPECT_NE(msg.find("Content-Type: text/html; charset=UTF-8"), std::string::npos);
  EXPECT_EQ(msg.find("text/calendar"), std::string::npos);
  EXPECT_EQ(render_mime(sample(), "b1"), render_mime(sample(), "b1")) << "a retry renders the same mail";
}

TEST(Mime, CalendarGoesInlineAndAsAttachment) {
  MailMessage m = sample();
  m.calendar = CalendarPart{"CANCEL", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"};
  const std::string msg = render_mime(m, "b2");
  EXPECT_NE(msg.find("multipart/mixed"), std::string::npos);
  EXPECT_NE(msg.find("text/calendar; charset=UTF-8; method=CANCEL"), std::string::npos);
  EXPECT_NE(msg.find("filename=\"invite.ics\""), std::string::npos);
}

TEST(Mime, AddressesAreQuotedOrEncoded) {
  EXPECT_EQ(format_address({"Doe, John", "j@x.test"}), "\"Doe, John\" <j@x.test>");
  EXPECT_EQ(format_address({"", "j@x.test"}), "<j@x.test>");
  EXPECT_EQ(format_address({"三田", "m@x.test"}).rfind("=?UTF-8?B?", 0), 0u);
}
