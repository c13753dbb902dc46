// Delivery over real SMTP to aiosmtpd on 127.0.0.1, including an outage and a bounce.
#include "smtp.hpp"

#include <gtest/gtest.h>

#include "kairos/time_text.hpp"
#include "mime.hpp"
#include "smtp_sink.hpp"

using namespace kairos;
using namespace kairos::server::mail;

namespace {

std::string message(const std::string& id) {
  MailMessage m;
  m.from = {"Kairos", "no-reply@kairos.test"};
  m.to = {{"Guest", "guest@example.com"}};
  m.subject = "Ihr Termin wurde bestätigt";
  m.text = "Hallo";
  m.html = "<p>Hallo</p>";
  m.message_id = id;
  m.date = *core::parse_instant("2026-11-22T11:00:00Z");
  return render_mime(m, id);
}

}  // namespace

TEST(Smtp, DeliversToARealServer) {
  kairos::testing::SmtpSink sink(std::string(KAIROS_TEST_TMP) + "/smtp-deliver");
  const auto before = sink.messages().size();
  SmtpSender s({sink.url()});
  const SendOutcome r = s.send("no-reply@kairos.test", {"guest@example.com"}, message("m1@kairos.test"));
  ASSERT_EQ(r.kind, SendOutcome::Kind::sent) << r.detail;
  ASSERT_TRUE(sink.wait_for(before + 1));
  EXPECT_NE(sink.messages().back().find("Message-ID: <m1@kairos.test>"), std::string::npos);
}

TEST(Smtp, OutageIsTemporaryAndBounceIsPermanent) {
  kairos::testing::SmtpSink sink(std::string(KAIROS_TEST_TMP) + "/smtp-outage");
  SmtpSender s({sink.url()});
  sink.stop();
  EXPECT_EQ(s.send("no-reply@kairos.test", {"guest@example.com"}, message("m2@kairos.test")).kind,
            SendOutcome::Kind::temporary_failure);
  sink.start(/*tempfail=*/true);
  EXPECT_EQ(s.send("no-reply@kairos.test", {"guest@example.com"}, message("m3@kairos.test")).kind,
            SendOutcome::Kind::temporary_failure);
  sink.stop();
  sink.start(/*tempfail=*/false);
  EXPECT_EQ(s.send("no-reply@kairos.test", {"bounce@example.com"}, message("m4@kairos.test")).kind,
            SendOutcome::Kind::permanent_failure);
  EXPECT_EQ(s.send("no-reply@kairos.test", {"guest@example.com"}, message("m5@kairos.test")).kind,
            SendOutcome::Kind::sent);
}
