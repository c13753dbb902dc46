// One contract, two stores: every Store operation (and the delivery queue) behaves the
// same on SQLite and on PostgreSQL. The PostgreSQL instantiation runs when
// KAIROS_PG_URL names a server (ctest store.postgres starts a throw-away one); each
// test gets a fresh database.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <thread>

#include "kairos/booking.hpp"
#include "store/open.hpp"
#include "store/store.hpp"

using namespace kairos::server::store;
namespace fs = std::filesystem;

namespace {

std::atomic<int> g_seq{0};

using kairos::core::BookingStatus;
using kairos::core::Interval;
kairos::core::Instant at(std::int64_t s) { return kairos::core::Instant::from_unix_seconds(s); }
Interval span(std::int64_t from, std::int64_t to) { return Interval{at(from), at(to)}; }

std::string pg_base() {
  const char* u = std::getenv("KAIROS_PG_URL");
  return u ? u : "";
}

void pg_admin(const std::string& sql) {
  PGconn* c = PQconnectdb((pg_base() + "/postgres").c_str());
  ASSERT_EQ(PQstatus(c), CONNECTION_OK) << PQerrorMessage(c);
  PGresult* r = PQexec(c, sql.c_str());
  ASSERT_TRUE(PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK) << PQresultErrorMessage(r);
  PQclear(r);
  PQfinish(c);
}

class StoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    const int n = g_seq.fetch_add(1);
    if (GetParam() == "postgres") {
      if (pg_base().empty()) GTEST_SKIP() << "KAIROS_PG_URL not set";
      std::string name = "conf_" + std::to_string(::getpid()) + "_" + std::to_string(n);
      pg_admin("DROP DATABASE IF EXISTS " + name);
      pg_admin("CREATE DATABASE " + name);
      db = pg_base() + "/" + name;
    } else {
      dir = fs::temp_directory_path() / ("kairos-store-" + std::to_string(::getpid()) + "-" + std::to_string(n));
      fs::remove_all(dir);
      fs::create_directories(dir);
      db = (dir / "k.db").string();
    }
    s = open_store(db);
    account = s->ensure_account_with_key("hash-a", "Clinic A", "acc_a");
  }
  void TearDown() override {
    s.reset();
    if (!dir.empty()) fs::remove_all(dir);
  }

  BookingRecord booking(const std::string& uid, const std::string& host, std::int64_t start, std::int64_t end,
                        const std::string& room = "") {
    BookingRecord b;
    b.uid = uid;
    b.account_id = account;
    b.page_id = "p1";
    b.event_type = "intro";
    b.host_id = host;
    b.host_ids = {host};
    b.room_id = room;
    b.when = span(start, end);
    b.status = BookingStatus::approved;
    b.token_hash = "tok-" + uid;
    b.guest_name = "Ada Lovelace";
    b.guest_email = "ada@example.com";
    b.guest_phone = "+358401234567";
    b.doc = "{\"notes\":\"hi\"}";
    b.created_at = b.updated_at = at(1000);
    return b;
  }
  // The booking path's shape: re-read the calendar, insert only when free, in one transaction.
  bool book_if_free(const BookingRecord& b) {
    bool inserted = false;
    auto st = s->transact([&]() -> kairos::core::Status {
      for (const auto& other : s->busy_bookings(b.host_ids, {}, b.when))
        if (other.when.overlaps(b.when)) return kairos::core::make_error("slot_unavailable", "taken");
      s->insert_booking(b);
      inserted = true;
      return kairos::core::ok_status();
    });
    return st.ok() && inserted;
  }

  std::string db, account;
  fs::path dir;
  std::unique_ptr<Store> s;
};

TEST_P(StoreTest, AccountsAreFoundByKeyHashAndCreatedOnce) {
  EXPECT_EQ(account, "acc_a");
  EXPECT_EQ(s->ensure_account_with_key("hash-a", "other", "acc_b"), "acc_a");
  EXPECT_EQ(s->account_for_key("hash-a"), std::optional<std::string>("acc_a"));
  EXPECT_FALSE(s->account_for_key("nope"));
  EXPECT_EQ(s->account_name("acc_a"), std::optional<std::string>("Clinic A"));
  s->set_account_name("acc_a", "Clinic Å");
  EXPECT_EQ(s->account_name("acc_a"), std::optional<std::string>("Clinic Å"));
  EXPECT_FALSE(s->account_name("missing"));
}

TEST_P(StoreTest, SecretsAreStableAndLinksSingleUse) {
  EXPECT_EQ(s->secret("link", "first"), "first");
  EXPECT_EQ(s->secret("link", "second"), "first");
  EXPECT_TRUE(s->use_link("n1", "cancel", "b1", at(5)));
  EXPECT_FALSE(s->use_link("n1", "cancel", "b1", at(6)));
  EXPECT_TRUE(s->use_link("n2", "cancel", "b1", at(6)));
  EXPECT_TRUE(s->link_used("n1"));
  EXPECT_FALSE(s->link_used("n3"));
}

TEST_P(StoreTest, HostsRoomsAndPagesRoundTripInInsertionOrder) {
  s->put_host({"h2", account, "{\"name\":\"B\"}"});
  s->put_host({"h1", account, "{\"name\":\"A\"}"});
  s->put_host({"h2", account, "{\"name\":\"B2\"}"});
  auto hs = s->hosts(account);
  ASSERT_EQ(hs.size(), 2u);
  EXPECT_EQ(hs[0].id, "h2");
  EXPECT_EQ(hs[0].doc, "{\"name\":\"B2\"}");
  EXPECT_EQ(s->host("h1")->doc, "{\"name\":\"A\"}");
  EXPECT_FALSE(s->host("zz"));

  s->put_room({"r1", account, "Room 1"});
  s->put_room({"r1", account, "Room One"});
  EXPECT_EQ(s->room("r1")->name, "Room One");
  EXPECT_EQ(s->rooms(account).size(), 1u);
  EXPECT_FALSE(s->room("r9"));
  s->put_room({"r2", account, "Room Two"});
  EXPECT_TRUE(s->delete_room(account, "r2"));
  EXPECT_FALSE(s->delete_room(account, "r2"));
  EXPECT_FALSE(s->delete_room("other-account", "r1"));
  EXPECT_EQ(s->rooms(account).size(), 1u);

  s->put_page({"p1", account, "{}"});
  s->put_page({"p0", account, "{\"x\":1}"});
  EXPECT_EQ(s->pages(account).size(), 2u);
  EXPECT_EQ(s->pages(account)[0].id, "p1");
  EXPECT_TRUE(s->delete_page(account, "p1"));
  EXPECT_FALSE(s->delete_page(account, "p1"));
  EXPECT_FALSE(s->page("p1"));
  EXPECT_TRUE(s->page_id_taken("p1"));
  EXPECT_FALSE(s->page_id_taken("p7"));
  s->put_page({"p1", account, "{\"back\":true}"});
  EXPECT_EQ(s->page("p1")->doc, "{\"back\":true}");
}

TEST_P(StoreTest, BookingsRoundTripAndAnswerQueries) {
  auto a = booking("b1", "h1", 3600, 7200, "r1");
  a.checkin_code = "ABC123";
  a.buffer_before_min = 10;
  a.buffer_after_min = 10;
  s->insert_booking(a);
  auto b = booking("b2", "h2", 10000, 12000);
  b.host_ids = {"h2", "h3"};
  b.guest_name = "Grace Hopper";
  b.guest_email = "grace@navy.example";
  b.status = BookingStatus::pending;
  s->insert_booking(b);

  auto got = s->booking("b1");
  ASSERT_TRUE(got);
  EXPECT_EQ(got->when, span(3600, 7200));
  EXPECT_EQ(got->status, BookingStatus::approved);
  EXPECT_EQ(got->created_at, at(1000));
  EXPECT_EQ(got->room_id, "r1");
  EXPECT_EQ(got->doc, a.doc);
  EXPECT_EQ(got->host_ids, std::vector<std::string>{"h1"});
  EXPECT_EQ(got->buffer_before_min, 10);
  EXPECT_EQ(s->booking_by_checkin("ABC123")->uid, "b1");
  EXPECT_FALSE(s->booking_by_checkin(""));
  EXPECT_EQ(s->booking("b2")->host_ids, (std::vector<std::string>{"h2", "h3"}));

  BookingQuery q;
  q.account_id = account;
  EXPECT_EQ(s->bookings(q).size(), 2u);
  q.status = BookingStatus::pending;
  EXPECT_EQ(s->bookings(q).size(), 1u);
  q.status.reset();
  q.host = "h3";
  ASSERT_EQ(s->bookings(q).size(), 1u);
  EXPECT_EQ(s->bookings(q)[0].uid, "b2");
  q.host = "";
  q.q = "GRACE";
  EXPECT_EQ(s->bookings(q).size(), 1u);
  q.q = "4012";
  EXPECT_EQ(s->bookings(q).size(), 2u);
  q.q = "";
  auto declined = booking("b9", "h9", 50000, 51000);
  declined.status = BookingStatus::rejected;
  declined.doc = "{\"tray\":\"declined\"}";
  s->insert_booking(declined);
  q.tray = "declined";
  ASSERT_EQ(s->bookings(q).size(), 1u);
  EXPECT_EQ(s->bookings(q)[0].uid, "b9");
  q.tray = "";
  EXPECT_TRUE(s->delete_booking("b9"));
  q.from = at(7200);
  q.to = at(20000);
  EXPECT_EQ(s->bookings(q).size(), 1u);

  // Busy: every attending host and the room; a cancelled booking is not busy.
  EXPECT_EQ(s->busy_bookings({"h3"}, {}, span(0, 100000)).size(), 1u);
  EXPECT_EQ(s->busy_bookings({}, {"r1"}, span(0, 100000)).size(), 1u);
  EXPECT_EQ(s->busy_bookings({"h1", "h2"}, {"r1"}, span(0, 100000)).size(), 2u);
  EXPECT_EQ(s->busy_bookings({"h1"}, {}, span(7200, 9000)).size(), 0u);

  // Update keeps the stored buffers; cancelled leaves the calendar.
  got->status = BookingStatus::cancelled;
  got->buffer_before_min = 0;
  got->updated_at = at(2000);
  s->update_booking(*got);
  EXPECT_EQ(s->booking("b1")->status, BookingStatus::cancelled);
  EXPECT_EQ(s->booking("b1")->updated_at, at(2000));
  EXPECT_EQ(s->booking("b1")->buffer_before_min, 10);
  EXPECT_EQ(s->busy_bookings({"h1"}, {"r1"}, span(0, 100000)).size(), 0u);

  auto counts = s->booking_counts_by_status();
  ASSERT_EQ(counts.size(), 2u);
  EXPECT_EQ(counts[0], (std::pair<BookingStatus, std::int64_t>{BookingStatus::cancelled, 1}));
  EXPECT_EQ(s->bookings_ended({BookingStatus::pending, BookingStatus::approved}, at(13000), 10).size(), 1u);
  EXPECT_EQ(s->bookings_ended({BookingStatus::pending}, at(11000), 10).size(), 0u);

  EXPECT_TRUE(s->delete_booking("b2"));
  EXPECT_FALSE(s->delete_booking("b2"));
  EXPECT_EQ(s->busy_bookings({"h2", "h3"}, {}, span(0, 100000)).size(), 0u);
}

TEST_P(StoreTest, ConflictingBookingsHoldEveryBookingTheCoreWouldSeeInTheWay) {
  using kairos::core::Minutes;
  const std::int64_t d = 10 * 86400;
  auto c1 = booking("c1", "h1", d + 36000, d + 39600);  // 10:00–11:00, 30 min after it
  c1.buffer_after_min = 30;
  s->insert_booking(c1);
  s->insert_booking(booking("c2", "h1", d + 42300, d + 43200));               // 11:45–12:00
  s->insert_booking(booking("c3", "h1", d - 3 * 86400, d - 3 * 86400 + 3600));  // three days before
  s->insert_booking(booking("c4", "h2", d - 4 * 3600, d + 36600));            // from the evening before to 10:10
  auto uids = [](const std::vector<BookingRecord>& v) {
    std::set<std::string> out;
    for (const auto& b : v) out.insert(b.uid);
    return out;
  };
  // 11:00–11:30 without buffers: c1's own buffer reaches it; c2 and c3 do not.
  auto got = uids(s->conflicting_bookings({"h1"}, {}, span(d + 39600, d + 41400), Minutes(0), Minutes(0)));
  EXPECT_TRUE(got.count("c1"));
  EXPECT_FALSE(got.count("c3"));
  // With 20 minutes after it the new one's buffer reaches c2 (11:45); with 15 it does not.
  got = uids(s->conflicting_bookings({"h1"}, {}, span(d + 39600, d + 41400), Minutes(0), Minutes(20)));
  EXPECT_TRUE(got.count("c1") && got.count("c2"));
  got = uids(s->conflicting_bookings({"h1"}, {}, span(d + 39600, d + 41400), Minutes(0), Minutes(15)));
  EXPECT_TRUE(got.count("c1"));
  if (GetParam() == "postgres") {
    EXPECT_EQ(got, std::set<std::string>{"c1"});  // filtered by the buffers there
  }
  // A long booking that began the day before is in the way, and busy.
  EXPECT_TRUE(uids(s->conflicting_bookings({"h2"}, {}, span(d + 36000, d + 37800), Minutes(0), Minutes(0))).count("c4"));
  EXPECT_EQ(uids(s->busy_bookings({"h2"}, {}, span(d + 36000, d + 36300))), std::set<std::string>{"c4"});
  EXPECT_TRUE(uids(s->busy_bookings({"h2"}, {}, span(d + 36600, d + 40000))).empty());
  // Inside a transaction (the booking path: locks, then the read) the same.
  std::set<std::string> in_tx;
  auto st = s->transact([&] {
    in_tx = uids(s->conflicting_bookings({"h1", "h2"}, {}, span(d + 36000, d + 37800), Minutes(0), Minutes(0)));
    return kairos::core::ok_status();
  });
  EXPECT_TRUE(st.ok());
  EXPECT_TRUE(in_tx.count("c1") && in_tx.count("c4"));
}

TEST_P(StoreTest, IdempotencyKeysRoundTrip) {
  EXPECT_FALSE(s->idempotency("POST /v1/bookings", "k1"));
  s->put_idempotency("POST /v1/bookings", "k1", {"h", 201, "{\"uid\":\"b\"}"}, at(5));
  auto r = s->idempotency("POST /v1/bookings", "k1");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 201);
  EXPECT_EQ(r->response, "{\"uid\":\"b\"}");
  EXPECT_FALSE(s->idempotency("other", "k1"));
}

TEST_P(StoreTest, OutboxListsPageBeyondTheirFirstThousandRows) {
  // A clinic's message list outgrows one read: every message stays reachable by paging
  // with the last id seen.
  OutboxMessage m;
  m.account_id = account;
  m.template_key = "booking.approved.guest";
  m.recipient = "ada@example.com";
  m.state = OutboxState::sent;
  ASSERT_TRUE(s->transact([&] {
    for (int i = 0; i < 1005; ++i) {
      m.booking_uid = "b" + std::to_string(i);
      m.key = "approved";
      s->add_outbox(m);
    }
    return kairos::core::ok_status();
  }));
  auto first = s->outbox(account, "");
  ASSERT_EQ(first.size(), 1000u);
  auto rest = s->outbox(account, "", first.back().id);
  ASSERT_EQ(rest.size(), 5u);
  EXPECT_GT(rest.front().id, first.back().id);
  EXPECT_EQ(rest.back().booking_uid, "b1004");
  EXPECT_TRUE(s->outbox(account, "", rest.back().id).empty());
}

TEST_P(StoreTest, OutboxListsNewestFirstAndPageBackPastTheFirstThousand) {
  // Staff read the latest messages first: newest first, paging back with the last id seen,
  // of the whole account or of one booking.
  OutboxMessage m;
  m.account_id = account;
  m.template_key = "booking.approved.guest";
  m.recipient = "ada@example.com";
  m.state = OutboxState::sent;
  ASSERT_TRUE(s->transact([&] {
    for (int i = 0; i < 1005; ++i) {
      m.booking_uid = i % 2 ? "odd" : "b" + std::to_string(i);
      m.key = "approved" + std::to_string(i);
      s->add_outbox(m);
    }
    return kairos::core::ok_status();
  }));
  auto first = s->outbox(account, "", 0, OutboxOrder::newest);
  ASSERT_EQ(first.size(), 1000u);
  EXPECT_EQ(first.front().booking_uid, "b1004");
  for (std::size_t i = 1; i < first.size(); ++i) ASSERT_LT(first[i].id, first[i - 1].id);
  auto rest = s->outbox(account, "", first.back().id, OutboxOrder::newest);
  ASSERT_EQ(rest.size(), 5u);
  EXPECT_LT(rest.front().id, first.back().id);
  EXPECT_EQ(rest.back().booking_uid, "b0");
  EXPECT_TRUE(s->outbox(account, "", rest.back().id, OutboxOrder::newest).empty());
  auto odd = s->outbox(account, "odd", 0, OutboxOrder::newest);
  ASSERT_EQ(odd.size(), 502u);
  EXPECT_EQ(odd.front().key, "approved1003");
  EXPECT_EQ(s->outbox(account, "odd", odd[1].id, OutboxOrder::newest).front().id, odd[2].id);
  EXPECT_TRUE(s->outbox("another-account", "", 0, OutboxOrder::newest).empty());
}

TEST_P(StoreTest, OutboxReplacesCancelsAndHandsOffScheduledMessages) {
  OutboxMessage m;
  m.account_id = account;
  m.booking_uid = "b1";
  m.key = "reminder.24h";
  m.template_key = "booking.reminder.guest";
  m.recipient = "ada@example.com";
  m.send_at = at(100);
  m.state = OutboxState::scheduled;
  m.created_at = at(1);
  auto id1 = s->add_outbox(m);
  m.send_at = at(200);
  auto id2 = s->add_outbox(m);  // same key: replaces
  EXPECT_GT(id2, id1);
  m.key = "followup.1";
  m.send_at = at(300);
  s->add_outbox(m);
  auto all = s->outbox(account, "b1");
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].state, OutboxState::cancelled);
  EXPECT_EQ(all[1].send_at, at(200));
  EXPECT_EQ(all[1].created_at, at(1));
  EXPECT_FALSE(all[1].handed_off_at);
  EXPECT_FALSE(all[1].sent_at);
  EXPECT_EQ(s->outbox_depth(), 2);
  EXPECT_EQ(s->outbox(account, "").size(), 3u);

  EXPECT_EQ(s->release_due_outbox(at(250)), 1u);
  EXPECT_EQ(s->release_due_outbox(at(250)), 0u);
  EXPECT_EQ(s->outbox(account, "b1")[1].handed_off_at, at(250));
  EXPECT_EQ(s->cancel_outbox_for("b1", "follow"), 1u);
  EXPECT_EQ(s->outbox_depth(), 1);

  // Delivery: a claimed message is leased; nobody else gets it; sent is final.
  auto q1 = open_delivery_queue(db);
  auto q2 = open_delivery_queue(db);
  auto now = kairos::core::Instant::from_unix_seconds(250);
  auto c1 = q1->claim(now, 10, kairos::core::Seconds(60));
  ASSERT_EQ(c1.size(), 1u);
  EXPECT_EQ(c1[0].id, id2);
  EXPECT_TRUE(q2->claim(now, 10, kairos::core::Seconds(60)).empty());
  q1->mark_sent(c1[0].id, now, "<m1@kairos>");
  EXPECT_TRUE(q2->claim(now + kairos::core::Seconds(120), 10, kairos::core::Seconds(60)).empty());
  EXPECT_EQ(s->outbox(account, "b1")[1].state, OutboxState::sent);
  EXPECT_EQ(s->outbox(account, "b1")[1].sent_at, now);
  EXPECT_EQ(c1[0].send_at, at(200));
}

TEST_P(StoreTest, TokenDocumentsRoundTrip) {
  s->put_token_doc({"pr1", account, "th1", "proposal", "open", "{\"a\":1}", at(10), at(10)});
  s->put_token_doc({"pr1", account, "th1", "proposal", "chosen", "{\"a\":2}", at(10), at(20)});
  auto d = s->token_doc("proposal", "pr1");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->state, "chosen");
  EXPECT_EQ(d->doc, "{\"a\":2}");
  EXPECT_EQ(d->updated_at, at(20));
  EXPECT_EQ(d->created_at, at(10));
  EXPECT_EQ(s->token_doc_by_token("proposal", "th1")->id, "pr1");
  EXPECT_FALSE(s->token_doc("request", "pr1"));
  EXPECT_EQ(s->token_docs("proposal", "chosen").size(), 1u);
  EXPECT_TRUE(s->delete_token_doc("proposal", "pr1"));
  EXPECT_FALSE(s->delete_token_doc("proposal", "pr1"));
}

TEST_P(StoreTest, StaffSessionsKeysAndLoginFailures) {
  StaffRecord a{"st1", account, "ana@clinic.test", "Ana", "owner", "", "fi", "$argon2id$x", at(10), at(10)};
  EXPECT_TRUE(s->put_staff(a));
  StaffRecord twin = a;
  twin.id = "st2";
  EXPECT_FALSE(s->put_staff(twin));  // the e-mail is taken by another login
  a.role = "staff";
  a.updated_at = at(20);
  EXPECT_TRUE(s->put_staff(a));
  EXPECT_EQ(s->staff("st1")->role, "staff");
  EXPECT_EQ(s->staff_by_email("ana@clinic.test")->id, "st1");
  EXPECT_EQ(s->staff_of(account).size(), 1u);
  EXPECT_TRUE(s->staff_of("acc_other").empty());
  s->put_session({"sh1", "st1", account, at(100), at(200)});
  s->put_session({"sh2", "st1", account, at(100), at(200)});
  EXPECT_EQ(s->session("sh1")->staff_id, "st1");
  EXPECT_EQ(s->session("sh1")->expires_at, at(200));
  s->delete_session("sh1");
  EXPECT_FALSE(s->session("sh1"));
  EXPECT_TRUE(s->delete_staff(account, "st1"));  // its sessions go with it
  EXPECT_FALSE(s->session("sh2"));
  EXPECT_FALSE(s->delete_staff(account, "st1"));

  s->add_api_key({"k1", account, "Zapier", "keyhash-1", at(50)});
  EXPECT_EQ(s->account_for_key("keyhash-1"), std::optional<std::string>(account));
  auto keys = s->api_keys(account);
  ASSERT_EQ(keys.size(), 2u);  // the bootstrap key and this one
  EXPECT_EQ(keys[0].name, "Zapier");  // by creation time
  EXPECT_EQ(keys[1].name, "bootstrap");
  EXPECT_FALSE(s->delete_api_key("acc_other", "k1"));
  EXPECT_TRUE(s->delete_api_key(account, "k1"));
  EXPECT_FALSE(s->account_for_key("keyhash-1"));

  EXPECT_EQ(s->login_failures("email:x").first, 0);
  s->record_login_failure("email:x", at(5));
  s->record_login_failure("email:x", at(7));
  EXPECT_EQ(s->login_failures("email:x"), (std::pair<int, kairos::core::Instant>{2, at(7)}));
  s->reset_login_failures("email:x");
  EXPECT_EQ(s->login_failures("email:x").first, 0);

  s->put_token_doc({"pa", account, "tha", "proposal", "open", "{}", at(10), at(10)});
  s->put_token_doc({"pb", account, "thb", "proposal", "open", "{}", at(20), at(20)});
  s->put_token_doc({"pc", "acc_other", "thc", "proposal", "open", "{}", at(30), at(30)});
  auto mine = s->token_docs_of("proposal", account);
  ASSERT_EQ(mine.size(), 2u);
  EXPECT_EQ(mine[0].id, "pb");  // newest first
}

TEST_P(StoreTest, BookingVersionsGrowWithEveryUpdate) {
  auto b = booking("bv", "h1", 1000, 2000);
  s->insert_booking(b);
  EXPECT_EQ(s->booking("bv")->version, 1);
  b.status = BookingStatus::cancelled;
  s->update_booking(b);
  s->update_booking(b);
  EXPECT_EQ(s->booking("bv")->version, 3);
}

TEST_P(StoreTest, CalendarKeysMoveOnlyForTheHostsRoomsAndPagesAWriteTouched) {
  // Slot answers are cached under these counters (calendar_generations.hpp): a booking
  // must move its hosts' and room's, before and after a change, and no other's.
  using G = kairos::server::store::CalendarGenerations;
  const G* g = s->calendar_generations();
  ASSERT_NE(g, nullptr);
  auto key = [&](const std::string& k) { return g->stamp({G::slot(k)}) - g->stamp({}); };
  auto h1 = key(G::host_key("h1")), h2 = key(G::host_key("h2")), r1 = key(G::room_key("r1"));
  s->insert_booking(booking("ck", "h1", 1000, 2000, "r1"));
  EXPECT_NE(key(G::host_key("h1")), h1);
  EXPECT_NE(key(G::room_key("r1")), r1);
  EXPECT_EQ(key(G::host_key("h2")), h2);
  h1 = key(G::host_key("h1")), h2 = key(G::host_key("h2")), r1 = key(G::room_key("r1"));
  s->update_booking(booking("ck", "h2", 1000, 2000));  // to another host, without the room
  EXPECT_NE(key(G::host_key("h1")), h1);
  EXPECT_NE(key(G::host_key("h2")), h2);
  EXPECT_NE(key(G::room_key("r1")), r1);
  h1 = key(G::host_key("h1")), h2 = key(G::host_key("h2"));
  const auto p9 = key(G::page_key("p9"));
  EXPECT_TRUE(s->delete_booking("ck"));
  EXPECT_NE(key(G::host_key("h2")), h2);
  EXPECT_EQ(key(G::host_key("h1")), h1);
  EXPECT_EQ(key(G::page_key("p9")), p9);
  s->put_page({"p9", account, "{}"});
  EXPECT_NE(key(G::page_key("p9")), p9);
  h1 = key(G::host_key("h1"));
  s->put_host({"h1", account, "{}"});
  EXPECT_NE(key(G::host_key("h1")), h1);
}

TEST_P(StoreTest, TransactCommitsOnOkAndRollsBackOnError) {
  auto g0 = s->generation();
  auto st = s->transact([&]() -> kairos::core::Status {
    s->put_host({"h1", account, "{}"});
    return kairos::core::make_error("nope", "rolled back");
  });
  EXPECT_FALSE(st.ok());
  EXPECT_FALSE(s->host("h1"));
  st = s->transact([&]() -> kairos::core::Status {
    s->put_host({"h1", account, "{}"});
    EXPECT_TRUE(s->host("h1"));  // reads inside see the transaction's writes
    return kairos::core::ok_status();
  });
  EXPECT_TRUE(st.ok());
  EXPECT_TRUE(s->host("h1"));
  EXPECT_NE(s->generation(), g0);
  EXPECT_GE(s->commit_stats().transactions, 1u);
}

TEST_P(StoreTest, ConcurrentWritersBookEachSlotOnce) {
  // Three stores on one database stand for three instances (SQLite: three writers on
  // one file); eight threads race for the same four slots.
  std::vector<std::unique_ptr<Store>> stores;
  stores.push_back(std::move(s));
  for (int i = 0; i < 2; ++i) stores.push_back(open_store(db));
  std::atomic<int> won{0};
  std::vector<std::thread> ts;
  for (int t = 0; t < 8; ++t) {
    ts.emplace_back([&, t] {
      Store& st = *stores[static_cast<std::size_t>(t) % stores.size()];
      for (int slot = 0; slot < 4; ++slot) {
        auto b = booking("b" + std::to_string(t) + "_" + std::to_string(slot), "h1", slot * 3600, slot * 3600 + 1800);
        bool inserted = false;
        auto res = st.transact([&]() -> kairos::core::Status {
          for (const auto& o : st.busy_bookings({"h1"}, {}, b.when))
            if (o.when.overlaps(b.when)) return kairos::core::make_error("slot_unavailable", "taken");
          st.insert_booking(b);
          inserted = true;
          return kairos::core::ok_status();
        });
        if (res.ok() && inserted) won.fetch_add(1);
      }
    });
  }
  for (auto& t : ts) t.join();
  EXPECT_EQ(won.load(), 4);
  s = std::move(stores[0]);
  EXPECT_EQ(s->busy_bookings({"h1"}, {}, span(0, 100000)).size(), 4u);
}

TEST_P(StoreTest, OverlappingInsertWithoutCheckIsRefusedOnPostgres) {
  if (GetParam() != "postgres") GTEST_SKIP() << "SQLite relies on its single writer and the core's check";
  s->insert_booking(booking("b1", "h1", 3600, 7200, "r1"));
  // A bug that skipped the check: the database refuses, as slot_unavailable.
  auto st = s->transact([&]() -> kairos::core::Status {
    s->insert_booking(booking("b2", "h1", 5000, 9000));
    return kairos::core::ok_status();
  });
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, "slot_unavailable");
  st = s->transact([&]() -> kairos::core::Status {
    s->insert_booking(booking("b3", "h2", 5000, 9000, "r1"));  // other host, same room
    return kairos::core::ok_status();
  });
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, "slot_unavailable");
  // Back to back is fine; so is overlapping a cancelled booking.
  EXPECT_TRUE(book_if_free(booking("b4", "h1", 7200, 9000, "r1")));
  auto cancelled = booking("b5", "h3", 0, 100000);
  cancelled.status = BookingStatus::cancelled;
  s->insert_booking(cancelled);
  EXPECT_TRUE(book_if_free(booking("b6", "h3", 10, 20)));
}

TEST_P(StoreTest, ConstraintCoversExactlyTheCoreActiveStatuses) {
  if (GetParam() != "postgres") GTEST_SKIP() << "the exclusion constraints are PostgreSQL's";
  for (auto st : {kairos::core::BookingStatus::pending, kairos::core::BookingStatus::approved,
                  kairos::core::BookingStatus::cancelled, kairos::core::BookingStatus::rejected,
                  kairos::core::BookingStatus::rescheduled, kairos::core::BookingStatus::completed}) {
    const std::string name = kairos::core::to_string(st);
    auto first = booking("first-" + name, "h-" + name, 0, 3600, "r-" + name);
    first.status = st;
    s->insert_booking(first);
    auto by_host = s->transact([&]() -> kairos::core::Status {
      s->insert_booking(booking("second-" + name, "h-" + name, 1800, 5400));
      return kairos::core::ok_status();
    });
    auto by_room = s->transact([&]() -> kairos::core::Status {
      s->insert_booking(booking("third-" + name, "x-" + name, 1800, 5400, "r-" + name));
      return kairos::core::ok_status();
    });
    EXPECT_EQ(!by_host.ok(), kairos::core::is_active(st)) << name;
    EXPECT_EQ(!by_room.ok(), kairos::core::is_active(st)) << name;
  }
}

TEST_P(StoreTest, SurvivesTheDatabaseClosingItsConnections) {
  if (GetParam() != "postgres") GTEST_SKIP() << "PostgreSQL connections only";
  s->put_host({"h1", account, "{}"});
  ASSERT_TRUE(s->host("h1"));  // the pool now holds a connection
  // What a database restart does to pooled connections (the listener's included).
  pg_admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" +
           db.substr(db.rfind('/') + 1) + "' AND pid <> pg_backend_pid()");
  EXPECT_TRUE(s->host("h1"));
  s->put_host({"h2", account, "{}"});
  EXPECT_EQ(s->hosts(account).size(), 2u);
}

TEST_P(StoreTest, MigratesFromTheFirstSchemaKeepingData) {
  s.reset();
  if (GetParam() == "postgres") {
    // Several instances starting at once: one applies, the others wait and find it done.
    std::vector<std::thread> ts;
    std::atomic<int> ok{0};
    std::string name = "conf_mig_" + std::to_string(::getpid());
    pg_admin("DROP DATABASE IF EXISTS " + name);
    pg_admin("CREATE DATABASE " + name);
    for (int i = 0; i < 3; ++i)
      ts.emplace_back([&] {
        try {
          open_store(pg_base() + "/" + name);
          ok.fetch_add(1);
        } catch (const std::exception& e) {
          ADD_FAILURE() << e.what();
        }
      });
    for (auto& t : ts) t.join();
    EXPECT_EQ(ok.load(), 3);
    return;
  }
  // SQLite: a file at schema 0001 with a booking, opened by today's store.
  const std::string path = (dir / "old.db").string();
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  const std::string first = migrations().front().second +
                            "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL);"
                            "INSERT INTO schema_migrations VALUES (1, 0);"
                            "INSERT INTO accounts VALUES ('acc_a', 'A', 0);"
                            "INSERT INTO bookings(uid, account_id, page_id, event_type, host_id, start_s, end_s, status,"
                            " token_hash, created_at, updated_at) VALUES ('old', 'acc_a', 'p', 'e', 'h1', 3600, 7200,"
                            " 'approved', 't', 0, 0);"
                            "INSERT INTO booking_hosts VALUES ('old', 'h1', 0, 3600);";
  ASSERT_EQ(sqlite3_exec(raw, first.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(raw);
  sqlite3_close(raw);
  auto st = open_store(path);
  EXPECT_EQ(st->booking("old")->when, span(3600, 7200));
  EXPECT_EQ(st->busy_bookings({"h1"}, {}, span(0, 10000)).size(), 1u);
  EXPECT_EQ(st->secret("x", "y"), "y");  // tables of later migrations exist
}

INSTANTIATE_TEST_SUITE_P(Sqlite, StoreTest, ::testing::Values(std::string("sqlite")));
INSTANTIATE_TEST_SUITE_P(Postgres, StoreTest, ::testing::Values(std::string("postgres")));

}  // namespace
