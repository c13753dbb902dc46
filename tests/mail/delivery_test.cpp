// The delivery worker over the real store (SQLite file, migrations) and a real SMTP
// server: outages delay mail and never lose it, a bounce ends in "failed", a restart
// mid-send re-sends (at-least-once), and a retry keeps its Message-ID.
#include "delivery.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>

#include "kairos/time_text.hpp"
#include "smtp_sink.hpp"
#include "store/store.hpp"

using namespace kairos;
using namespace kairos::server;
using namespace kairos::server::mail;

namespace {

const core::Instant kT0 = *core::parse_instant("2026-03-09T09:00:00Z");

class FixedComposer final : public Composer {
 public:
  core::Result<std::variant<ComposedMail, SmsMessage>> compose(const DeliveryItem& item, core::Instant now) override {
    if (item.recipient.empty()) return core::make_error("no_recipient", "nobody to send to");
    ComposedMail m;
    m.envelope_from = "no-reply@kairos.test";
    m.recipients = {item.recipient};
    m.message.from = {"Kairos", "no-reply@kairos.test"};
    m.message.to = {{"", item.recipient}};
    m.message.subject = "Message " + item.key;
    m.message.text = "body";
    m.message.html = "<p>body</p>";
    m.message.message_id = message_id_for(item, "kairos.test");
    m.message.date = now;
    return std::variant<ComposedMail, SmsMessage>(std::move(m));
  }
};

struct Fixture {
  std::string dir;
  std::string db;
  std::unique_ptr<store::Store> store;
  explicit Fixture(const std::string& name) {
    dir = std::string(KAIROS_TEST_TMP) + "/" + name;
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    db = dir + "/kairos.db";
    store = store::open_sqlite_store(db);
  }
  void add(const std::string& key, const std::string& to, core::Instant send_at) {
    store::OutboxMessage m;
    m.account_id = "acc1";
    m.booking_uid = "bk1";
    m.key = key;
    m.template_key = "booking.approved.guest";
    m.channel = "mail";
    m.recipient = to;
    m.send_at = send_at;
    m.state = store::OutboxState::scheduled;
    m.created_at = kT0;
    store->add_outbox(m);
  }
  std::string state_of(const std::string& key) {
    for (const auto& m : store->outbox("acc1", "bk1")) if (m.key == key) return store::to_string(m.state);
    return "absent";
  }
};

int count_with_subject(const kairos::testing::SmtpSink& sink, const std::string& subject) {
  int n = 0;
  for (const auto& m : sink.messages()) if (m.find("Subject: " + subject + "\r\n") != std::string::npos) ++n;
  return n;
}

}  // namespace

TEST(Delivery, SendsOnlyWhatIsDueAndHandedOff) {
  Fixture f("delivery-due");
  kairos::testing::SmtpSink sink(f.dir + "/sink");
  f.add("now", "guest@example.com", kT0);
  f.add("later", "guest@example.com", kT0 + core::Seconds(3600));
  f.store->release_due_outbox(kT0);
  SmtpSender smtp({sink.url()});
  FixedComposer composer;
  auto queue = open_sqlite_delivery_queue(f.db);
  DeliveryWorker worker(*queue, composer, &smtp, nullptr);
  EXPECT_EQ(worker.run_once(kT0).sent, 1u);
  EXPECT_EQ(worker.run_once(kT0).sent, 0u) << "sent once, not again";
  EXPECT_EQ(f.state_of("now"), "sent");
  EXPECT_EQ(f.state_of("later"), "scheduled");
  f.store->release_due_outbox(kT0 + core::Seconds(3600));
  EXPECT_EQ(worker.run_once(kT0 + core::Seconds(3600)).sent, 1u);
  ASSERT_TRUE(sink.wait_for(2));
  EXPECT_EQ(count_with_subject(sink, "Message now"), 1);
  EXPECT_EQ(count_with_subject(sink, "Message later"), 1);
}

TEST(Delivery, AnOutageDelaysMailAndLosesNone) {
  Fixture f("delivery-outage");
  kairos::testing::SmtpSink sink(f.dir + "/sink");
  for (int i = 0; i < 5; ++i) f.add("m" + std::to_string(i), "guest" + std::to_string(i) + "@example.com", kT0);
  f.store->release_due_outbox(kT0);
  SmtpSender smtp({sink.url()});
  FixedComposer composer;
  auto queue = open_sqlite_delivery_queue(f.db);
  RetryPolicy policy;
  DeliveryWorker worker(*queue, composer, &smtp, nullptr, policy);

  sink.stop();  // SMTP down
  auto s1 = worker.run_once(kT0);
  EXPECT_EQ(s1.retried, 5u);
  EXPECT_EQ(s1.sent, 0u);
  EXPECT_EQ(worker.run_once(kT0 + core::Seconds(10)).retried, 0u) << "backoff: nothing retried before 30 s";
  auto s2 = worker.run_once(kT0 + core::Seconds(30));  // still down: second failure, next in 60 s
  EXPECT_EQ(s2.retried, 5u);

  sink.start();  // back
  EXPECT_EQ(worker.run_once(kT0 + core::Seconds(60)).sent, 0u) << "next attempt is due at +90 s";
  EXPECT_EQ(worker.run_once(kT0 + core::Seconds(90)).sent, 5u);
  EXPECT_EQ(worker.run_once(kT0 + core::Seconds(4000)).sent, 0u);
  ASSERT_TRUE(sink.wait_for(5));
  for (int i = 0; i < 5; ++i) EXPECT_EQ(count_with_subject(sink, "Message m" + std::to_string(i)), 1) << i;
}

TEST(Delivery, ABounceEndsInFailedWithTheReason) {
  Fixture f("delivery-bounce");
  kairos::testing::SmtpSink sink(f.dir + "/sink");
  f.add("b", "bounce@example.com", kT0);
  f.add("nobody", "", kT0);
  f.store->release_due_outbox(kT0);
  SmtpSender smtp({sink.url()});
  FixedComposer composer;
  auto queue = open_sqlite_delivery_queue(f.db);
  DeliveryWorker worker(*queue, composer, &smtp, nullptr);
  EXPECT_EQ(worker.run_once(kT0).failed, 2u);
  EXPECT_EQ(f.state_of("b"), "failed");
  EXPECT_EQ(f.state_of("nobody"), "failed");
  EXPECT_EQ(worker.run_once(kT0 + core::Seconds(86400)).failed, 0u) << "a failed message is not retried";
}

TEST(Delivery, ALeaseLostToACrashIsSentAgainWithTheSameMessageId) {
  Fixture f("delivery-lease");
  kairos::testing::SmtpSink sink(f.dir + "/sink");
  f.add("crash", "guest@example.com", kT0);
  f.store->release_due_outbox(kT0);
  auto crashed = open_sqlite_delivery_queue(f.db);
  const auto claimed = crashed->claim(kT0, 10, core::Seconds(120));  // then the process "dies"
  ASSERT_EQ(claimed.size(), 1u);
  SmtpSender smtp({sink.url()});
  FixedComposer composer;
  auto queue = open_sqlite_delivery_queue(f.db);
  DeliveryWorker worker(*queue, composer, &smtp, nullptr);
  EXPECT_EQ(worker.run_once(kT0 + core::Seconds(60)).sent, 0u) << "leased by the dead worker";
  EXPECT_EQ(worker.run_once(kT0 + core::Seconds(120)).sent, 1u);
  ASSERT_TRUE(sink.wait_for(1));
  EXPECT_NE(sink.messages().back().find("Message-ID: <" + message_id_for(claimed[0], "kairos.test") + ">"),
            std::string::npos);
}

TEST(Delivery, BackoffDoublesAndIsCapped) {
  RetryPolicy p;
  EXPECT_EQ(p.delay_after(1), core::Seconds(30));
  EXPECT_EQ(p.delay_after(2), core::Seconds(60));
  EXPECT_EQ(p.delay_after(5), core::Seconds(480));
  EXPECT_EQ(p.delay_after(20), core::Seconds(3600));
}
