// DeliveryQueue over the store's SQLite file with a connection of its own. Claiming is
// one UPDATE … RETURNING inside an immediate transaction, so two workers (or a worker
// and a restarted one) never hold the same row at once.
#include <sqlite3.h>

#include <stdexcept>

#include "mail/delivery.hpp"

namespace kairos::server::mail {
namespace {

class Stmt {
 public:
  Stmt(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &s_, nullptr) != SQLITE_OK) throw std::runtime_error(sqlite3_errmsg(db));
  }
  ~Stmt() { sqlite3_finalize(s_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  Stmt& bind(int i, std::int64_t v) { sqlite3_bind_int64(s_, i, v); return *this; }
  Stmt& bind(int i, const std::string& v) { sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT); return *this; }
  bool step() {
    const int rc = sqlite3_step(s_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw std::runtime_error(sqlite3_errmsg(db_));
  }
  std::int64_t i64(int c) const { return sqlite3_column_int64(s_, c); }
  std::string text(int c) const {
    const auto* p = sqlite3_column_text(s_, c);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(s_, c))) : std::string();
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* s_ = nullptr;
};

class SqliteDeliveryQueue final : public DeliveryQueue {
 public:
  explicit SqliteDeliveryQueue(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, nullptr) != SQLITE_OK) {
      std::string e = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw std::runtime_error("delivery queue: " + e);
    }
    sqlite3_busy_timeout(db_, 10000);
    exec("PRAGMA journal_mode=WAL");
    exec("PRAGMA synchronous=FULL");
  }
  ~SqliteDeliveryQueue() override { sqlite3_close(db_); }

  std::vector<DeliveryItem> claim(core::Instant now, std::size_t limit, core::Seconds lease) override {
    std::vector<DeliveryItem> out;
    exec("BEGIN IMMEDIATE");
    try {
      Stmt s(db_,
             "UPDATE outbox SET lease_until = ?1 WHERE id IN ("
             " SELECT id FROM outbox WHERE state = 'scheduled' AND handed_off_at > 0 AND send_at <= ?2"
             " AND next_attempt_at <= ?2 AND lease_until <= ?2 ORDER BY send_at, id LIMIT ?3)"
             " RETURNING id, account_id, booking_uid, msg_key, template_key, channel, recipient, payload, send_at, attempts");
      s.bind(1, (now + lease).unix_seconds()).bind(2, now.unix_seconds()).bind(3, static_cast<std::int64_t>(limit));
      while (s.step()) {
        out.push_back({s.i64(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6), s.text(7),
                       s.i64(8), static_cast<int>(s.i64(9))});
      }
      exec("COMMIT");
    } catch (...) {
      exec("ROLLBACK");
      throw;
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.send_at != b.send_at ? a.send_at < b.send_at : a.id < b.id; });
    return out;
  }

  void mark_sent(std::int64_t id, core::Instant now, const std::string& message_id) override {
    Stmt s(db_, "UPDATE outbox SET state = 'sent', sent_at = ?2, message_id = ?3, attempts = attempts + 1,"
                " lease_until = 0, last_error = '' WHERE id = ?1 AND state = 'scheduled'");
    s.bind(1, id).bind(2, now.unix_seconds()).bind(3, message_id).step();
  }

  void mark_retry(std::int64_t id, core::Instant next_attempt, const std::string& error) override {
    Stmt s(db_, "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?2, last_error = ?3, lease_until = 0"
                " WHERE id = ?1 AND state = 'scheduled'");
    s.bind(1, id).bind(2, next_attempt.unix_seconds()).bind(3, error).step();
  }

  void mark_failed(std::int64_t id, core::Instant now, const std::string& error) override {
    Stmt s(db_, "UPDATE outbox SET state = 'failed', attempts = attempts + 1, last_error = ?2, lease_until = 0,"
                " sent_at = 0, next_attempt_at = ?3 WHERE id = ?1 AND state = 'scheduled'");
    s.bind(1, id).bind(2, error).bind(3, now.unix_seconds()).step();
  }

 private:
  void exec(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
      std::string e = err ? err : "sqlite error";
      sqlite3_free(err);
      throw std::runtime_error(e);
    }
  }
  sqlite3* db_ = nullptr;
};

}  // namespace

std::unique_ptr<DeliveryQueue> open_sqlite_delivery_queue(const std::string& db_path) {
  return std::make_unique<SqliteDeliveryQueue>(db_path);
}

}  // namespace kairos::server::mail
