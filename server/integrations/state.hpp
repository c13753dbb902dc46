// Private to server/integrations: the tables of calendars, feeds and webhooks over a
// connection of their own to the store's SQLite file (WAL lets it work beside the
// store's writer), and the in-memory state the request path reads without I/O.
#pragma once

#include <sqlite3.h>

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "kairos/schedule.hpp"

namespace kairos::server::integ {

class Stmt {
 public:
  Stmt(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &s_, nullptr) != SQLITE_OK) throw std::runtime_error(sqlite3_errmsg(db));
  }
  ~Stmt() { sqlite3_finalize(s_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  Stmt& bind(int i, std::int64_t v) {
    sqlite3_bind_int64(s_, i, v);
    return *this;
  }
  Stmt& bind(int i, const std::string& v) {
    sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  bool step() {
    const int rc = sqlite3_step(s_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw std::runtime_error(sqlite3_errmsg(db_));
  }
  void run() {
    while (step()) {
    }
  }
  std::int64_t i64(int c) const { return sqlite3_column_int64(s_, c); }
  std::string text(int c) const {
    const auto* p = sqlite3_column_text(s_, c);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(s_, c)))
             : std::string();
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* s_ = nullptr;
};

class Db {
 public:
  explicit Db(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, nullptr) != SQLITE_OK) {
      std::string e = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw std::runtime_error("integrations: " + e);
    }
    sqlite3_busy_timeout(db_, 10000);
    exec("PRAGMA journal_mode=WAL");
    exec("PRAGMA synchronous=FULL");
  }
  ~Db() { sqlite3_close(db_); }
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;
  void exec(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
      std::string e = err ? err : "sqlite error";
      sqlite3_free(err);
      throw std::runtime_error(e);
    }
  }
  Stmt prepare(const char* sql) { return Stmt(db_, sql); }
  std::int64_t changes() const { return sqlite3_changes64(db_); }
  std::mutex mu;  // one statement sequence at a time on this connection

 private:
  sqlite3* db_ = nullptr;
};

struct CalendarRow {
  std::string id, account_id, host_id, name, url;
  bool busy = true;
  int refresh_minutes = 30;
  std::string ics, etag, last_modified, blocks;
  std::int64_t events = 0, last_fetched = 0, last_attempt = 0, failures = 0, next_fetch_at = 0, created_at = 0;
  std::string last_error;
};

struct WebhookSub {
  std::string id, account_id, url, secret, notify_email;
  std::vector<std::string> events;
  bool enabled = true;
};

// A host's busy blocks from its busy calendars: timed ones sorted by start (with the
// longest length, for the range search), whole days sorted by date.
struct HostBusy {
  std::vector<core::BusyBlock> timed, days;
  std::int64_t longest = 0;
};

struct State {
  explicit State(const std::string& path) : db(path) {}
  Db db;
  std::mutex busy_mu;
  std::unordered_map<std::string, std::shared_ptr<const HostBusy>> busy;  // host id →
  std::mutex hooks_mu;
  std::map<std::string, std::vector<WebhookSub>> hooks;  // account → enabled subscriptions
  std::mutex fetch_mu, deliver_mu;                        // one pass of each at a time
};

}  // namespace kairos::server::integ
