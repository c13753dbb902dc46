// Forced overlap of the instances' background work on PostgreSQL (ctest store.pg_claims).
// Three servers on one database rarely claim at the very same moment, so a test through
// servers passes even without SKIP LOCKED or leases. Here several connections, standing
// for instances, run the servers' own statements (store/claims.hpp) in transactions
// that are held open: the first instance's claim is still uncommitted while the others
// claim. Each row must be claimed exactly once, no claim may wait for another's locks,
// and after the claims commit their leases keep the rows from being claimed again.
// Work that takes turns instead (the hand-off, automatic completion, a document's
// read-check-write) is forced to overlap the same way: the second instance starts while
// the first still holds the row, and the work must be done once.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <thread>

#include "store/claims.hpp"
#include "store/open.hpp"
#include "store/postgres/pg.hpp"
#include "store/store.hpp"

using namespace kairos::server::store;
namespace claims = kairos::server::store::claims;

namespace {

constexpr int kInstances = 4;
constexpr std::int64_t kPerClaim = 3;
constexpr std::int64_t kNow = 2'000'000'000;
kairos::core::Instant at(std::int64_t s) { return kairos::core::Instant::from_unix_seconds(s); }
constexpr std::int64_t kLeaseEnd = kNow + 600;

std::string pg_base() {
  const char* u = std::getenv("KAIROS_PG_URL");
  return u ? u : "";
}

std::set<std::int64_t> ids_of(const pg::Result& r) {
  std::set<std::int64_t> out;
  for (int i = 0; i < r.rows(); ++i) out.insert(r.integer(i, 0));
  return out;
}

class PgClaims : public ::testing::Test {
 protected:
  void SetUp() override {
    if (pg_base().empty()) GTEST_SKIP() << "KAIROS_PG_URL not set";
    static std::atomic<int> seq{0};
    const std::string name = "claims_" + std::to_string(::getpid()) + "_" + std::to_string(seq++);
    {
      pg::Conn admin(pg_base() + "/postgres");
      admin.exec("DROP DATABASE IF EXISTS " + name);
      admin.exec("CREATE DATABASE " + name);
    }
    url = pg_base() + "/" + name;
    store = open_store(url);  // the schema, as the servers migrate it
    account = store->ensure_account_with_key("hash-a", "Clinic A", "acc_a");
    observer = std::make_unique<pg::Conn>(url);
  }

  // Whether some backend of this database waits for a lock another holds.
  bool someone_waits_for_a_lock() {
    return observer->query("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                           "AND wait_event_type = 'Lock'")
               .integer(0, 0) > 0;
  }
  // Until `done` or until a backend waits for a lock; true when it waited. (A bound only
  // so that a broken database cannot hang the test; neither outcome is a timing.)
  bool finished_or_blocked(const std::atomic<bool>& done) {
    for (int i = 0; i < 6000; ++i) {
      if (done.load()) return false;
      if (someone_waits_for_a_lock()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ADD_FAILURE() << "a claim neither finished nor waited for a lock within 30 s";
    return true;
  }

  // kInstances transactions run `sql` (portable, $1 now, $2 lease end, $3 limit) one
  // after the other while every earlier one is still open; then all commit, and one
  // more claim runs at the same `now`. Returns every claim's ids (the last is the one
  // after the commits); fails the test when a claim waited for another's locks.
  std::vector<std::set<std::int64_t>> claim_overlapping(const std::string& portable) {
    const std::string sql = pg::from_portable(portable);
    std::vector<std::unique_ptr<pg::Conn>> conns;
    std::vector<std::set<std::int64_t>> claimed(kInstances);
    for (int i = 0; i < kInstances; ++i) {
      conns.push_back(std::make_unique<pg::Conn>(url));
      conns.back()->exec("BEGIN");
    }
    claimed[0] = ids_of(conns[0]->query(sql, {kNow, kLeaseEnd, kPerClaim}));
    for (int i = 1; i < kInstances; ++i) {
      std::atomic<bool> done{false};
      std::thread t([&] {
        try {
          claimed[static_cast<std::size_t>(i)] = ids_of(conns[static_cast<std::size_t>(i)]->query(sql, {kNow, kLeaseEnd, kPerClaim}));
        } catch (const std::exception& e) {
          ADD_FAILURE() << "claim " << i << ": " << e.what();
        }
        done.store(true);
      });
      const bool waited = finished_or_blocked(done);
      if (waited) {
        ADD_FAILURE() << "instance " << i << "'s claim waited for the rows instance 0 holds (no SKIP LOCKED?)";
        for (int k = 0; k < i; ++k) conns[static_cast<std::size_t>(k)]->exec("COMMIT");
        t.join();
        conns[static_cast<std::size_t>(i)]->exec("COMMIT");
        return claimed;
      }
      t.join();
    }
    for (auto& c : conns) c->exec("COMMIT");
    pg::Conn later(url);
    claimed.push_back(ids_of(later.query(sql, {kNow, kLeaseEnd, std::int64_t{1000}})));
    return claimed;
  }

  // Every id claimed exactly once, and every id of `all` claimed.
  static void expect_each_once(const std::vector<std::set<std::int64_t>>& claimed, const std::set<std::int64_t>& all) {
    std::map<std::int64_t, int> times;
    for (const auto& c : claimed)
      for (auto id : c) ++times[id];
    for (const auto& [id, n] : times) EXPECT_EQ(n, 1) << "row " << id << " was claimed " << n << " times";
    std::set<std::int64_t> got;
    for (const auto& [id, n] : times) got.insert(id);
    EXPECT_EQ(got, all);
  }

  // Work that takes turns on a row: the second instance starts while the first holds
  // the row in an open transaction; once the first commits, the second must see its
  // result. `work` runs one transaction on `s`, calls `after_read` once it has read the
  // row, and returns whether it did the work.
  using Work = std::function<bool(Store& s, const std::function<void()>& after_read)>;
  void expect_done_once(const Work& work, Store& first, Store& second) {
    std::atomic<int> done{0};
    std::atomic<bool> first_read{false}, second_read{false}, second_finished{false};
    std::thread a([&] {
      if (work(first, [&] {
            first_read.store(true);
            // Hold the row until the second instance has read it too or waits for it.
            for (int i = 0; i < 6000 && !second_read.load() && !second_finished.load(); ++i) {
              if (someone_waits_for_a_lock()) break;
              std::this_thread::sleep_for(std::chrono::milliseconds(5));
            }
          }))
        ++done;
    });
    while (!first_read.load()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    std::thread b([&] {
      if (work(second, [&] { second_read.store(true); })) ++done;
      second_finished.store(true);
    });
    a.join();
    b.join();
    EXPECT_EQ(done.load(), 1) << "both instances did the work";
  }

  std::int64_t add_outbox(const std::string& channel, const std::string& recipient, const std::string& subject,
                          std::int64_t handed_off_at) {
    pg::Conn c(url);
    return c.query("INSERT INTO outbox(account_id, booking_uid, msg_key, channel, recipient, send_at, state, "
                   "handed_off_at, created_at) VALUES ($1, $2, 'k', $3, $4, $5, 'scheduled', $6, $5) RETURNING id",
                   {account, subject, channel, recipient, kNow - 60, handed_off_at})
        .integer(0, 0);
  }

  std::string url, account;
  std::unique_ptr<Store> store;
  std::unique_ptr<pg::Conn> observer;
};

TEST_F(PgClaims, MailIsClaimedOnceWhileAnotherInstanceHoldsItsClaim) {
  std::set<std::int64_t> all;
  for (int i = 0; i < kInstances * kPerClaim + 2; ++i)
    all.insert(add_outbox("mail", "guest" + std::to_string(i) + "@example.com", "b" + std::to_string(i), kNow - 30));
  auto claimed = claim_overlapping(claims::kMail);
  ASSERT_EQ(claimed.size(), static_cast<std::size_t>(kInstances + 1));
  for (int i = 0; i < kInstances; ++i) EXPECT_EQ(claimed[static_cast<std::size_t>(i)].size(), static_cast<std::size_t>(kPerClaim));
  EXPECT_EQ(claimed.back().size(), 2u) << "after the commits only the unclaimed rows are left";
  expect_each_once(claimed, all);
}

TEST_F(PgClaims, WebhookDeliveriesAreClaimedOnceAndInOrderPerBooking) {
  {
    pg::Conn c(url);
    c.query("INSERT INTO webhooks(id, account_id, url, events, secret, created_at) VALUES ('wh1', $1, "
            "'http://127.0.0.1:9/hook', '*', 's', 0)",
            {account});
  }
  std::set<std::int64_t> firsts;
  std::vector<std::int64_t> seconds;
  for (int i = 0; i < kInstances * kPerClaim + 2; ++i) {
    const std::string subject = "b" + std::to_string(i);
    firsts.insert(add_outbox("webhook", "wh1", subject, 0));
    if (i < 3) seconds.push_back(add_outbox("webhook", "wh1", subject, 0));  // the booking's next event
  }
  auto claimed = claim_overlapping(claims::kWebhooks);
  ASSERT_EQ(claimed.size(), static_cast<std::size_t>(kInstances + 1));
  // The first events are claimed once each; a booking's next event waits while its
  // predecessor is leased (claimed, not yet delivered), whichever instance holds it.
  expect_each_once(claimed, firsts);
  for (auto id : seconds)
    for (const auto& c : claimed) EXPECT_EQ(c.count(id), 0u) << "event " << id << " overtook its predecessor";
}

TEST_F(PgClaims, CalendarFeedsAreFetchedByOneInstance) {
  std::set<std::int64_t> all;
  {
    pg::Conn c(url);
    for (int i = 0; i < kInstances * kPerClaim + 2; ++i)
      c.query("INSERT INTO calendars(id, account_id, host_id, name, url, next_fetch_at, created_at) "
              "VALUES ($1, $2, 'h1', 'Work', 'https://example.com/a.ics', $3, 0)",
              {std::to_string(1000 + i), account, kNow - 1});
    for (int i = 0; i < kInstances * kPerClaim + 2; ++i) all.insert(1000 + i);
  }
  // calendars.id is text; the ids here are numbers so the helper can compare them.
  auto claimed = claim_overlapping(std::string(claims::kCalendarsReturning) + "id::bigint");
  ASSERT_EQ(claimed.size(), static_cast<std::size_t>(kInstances + 1));
  expect_each_once(claimed, all);
}

TEST_F(PgClaims, AutomaticCompletionOfOneBookingByTwoInstancesHappensOnce) {
  BookingRecord b;
  b.uid = "b_done";
  b.account_id = account;
  b.page_id = "p1";
  b.event_type = "intro";
  b.host_id = "h1";
  b.host_ids = {"h1"};
  b.when = {at(kNow - 7200), at(kNow - 3600)};
  b.status = kairos::core::BookingStatus::approved;
  b.token_hash = "t";
  b.created_at = b.updated_at = at(kNow - 9000);
  store->insert_booking(b);
  auto other = open_store(url);  // a second instance
  // The sweep's shape (bookings.cpp complete_ended_bookings → act_on_booking): read the
  // booking in the transaction, complete it when still approved.
  auto complete = [](Store& s, const std::function<void()>& after_read) {
    bool did = false;
    auto st = s.transact([&]() -> kairos::core::Status {
      auto rec = s.booking("b_done");
      after_read();
      if (!rec || rec->status != kairos::core::BookingStatus::approved) return kairos::core::ok_status();
      rec->status = kairos::core::BookingStatus::completed;
      s.update_booking(*rec);
      did = true;
      return kairos::core::ok_status();
    });
    return st.ok() && did;
  };
  expect_done_once(complete, *store, *other);
  EXPECT_EQ(store->booking("b_done")->status, kairos::core::BookingStatus::completed);
  EXPECT_EQ(store->booking("b_done")->version, 2) << "updated once";
}

TEST_F(PgClaims, TheDailyReportMarkIsSetByOneInstance) {
  store->put_token_doc({account, account, "settings:" + account, "front_settings", "live", "{\"last_report\":\"\"}",
                        at(kNow), at(kNow)});
  auto other = open_store(url);
  // send_daily_reports' shape: re-read the settings document, send and mark when the
  // day's report was not sent yet.
  auto report = [this](Store& s, const std::function<void()>& after_read) {
    bool did = false;
    auto st = s.transact([&]() -> kairos::core::Status {
      auto d = s.token_doc("front_settings", account);
      after_read();
      if (!d || d->doc.find("2033-05-18") != std::string::npos) return kairos::core::ok_status();
      d->doc = "{\"last_report\":\"2033-05-18\"}";
      s.put_token_doc(*d);
      did = true;
      return kairos::core::ok_status();
    });
    return st.ok() && did;
  };
  expect_done_once(report, *store, *other);
}

TEST_F(PgClaims, ScheduledMessagesAreHandedOffOnce) {
  std::set<std::int64_t> all;
  for (int i = 0; i < 5; ++i) all.insert(add_outbox("mail", "g@example.com", "b" + std::to_string(i), 0));
  pg::Conn first(url), second(url);
  first.exec("BEGIN");
  const auto n1 = first.query(claims::kOutboxHandOff, {kNow}).affected();
  std::atomic<bool> done{false};
  std::int64_t n2 = -1;
  std::thread t([&] {
    n2 = second.query(claims::kOutboxHandOff, {kNow}).affected();
    done.store(true);
  });
  // The second hand-off runs while the first holds the rows: it waits for them (or, if
  // it did not, would hand them off again).
  const bool waited = finished_or_blocked(done);
  first.exec("COMMIT");
  t.join();
  EXPECT_TRUE(waited || n2 == 0);
  EXPECT_EQ(n1, 5);
  EXPECT_EQ(n2, 0) << "messages handed off twice";
}

}  // namespace
