// The one SQLite statement helper of the server: opening a connection the way every
// part of the server does (WAL, synchronous=FULL, a busy timeout), one-shot exec, and a
// statement that binds by position (text or integer), steps rows, reads columns and
// resets itself. Used by the store (sqlite_store.cpp, with its statement cache), the
// delivery queue (sqlite_delivery_queue.cpp) and the integrations (sqlite_integ_db.cpp).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <stdexcept>
#include <string>

#include "kairos/booking.hpp"
#include "kairos/time.hpp"

namespace kairos::server::store::sqlite {

// Opens `path` with `flags` (SQLITE_OPEN_READWRITE | …), WAL and synchronous=FULL;
// throws std::runtime_error starting with `what` when it cannot.
sqlite3* open(const std::string& path, int flags, int busy_ms, const std::string& what);
// The portable SQL of integ_db.hpp and claims.hpp for SQLite: `$n` → `?n`; the
// `/*FOR UPDATE … SKIP LOCKED*/` marker stays a comment (the single writer serialises).
std::string from_portable(const std::string& sql);
// Statements without parameters (PRAGMA, BEGIN, COMMIT, migrations).
void exec(sqlite3* db, const std::string& sql);

class Stmt {
 public:
  // A statement prepared here and finalized when this goes.
  Stmt(sqlite3* db, const std::string& sql);
  // A statement someone else owns (a cache): reset and its bindings cleared when this goes.
  Stmt(sqlite3* db, sqlite3_stmt* cached) : db_(db), s_(cached), owned_(false) {}
  ~Stmt();
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  Stmt& bind(int i, const std::string& v);
  Stmt& bind(int i, const char* v) { return bind(i, std::string(v)); }
  Stmt& bind(int i, std::int64_t v);
  Stmt& bind(int i, int v) { return bind(i, static_cast<std::int64_t>(v)); }
  // The store's typed values as their columns (columns.hpp reads them back).
  Stmt& bind(int i, core::Instant v) { return bind(i, v.unix_seconds()); }
  Stmt& bind(int i, core::BookingStatus v) { return bind(i, core::to_string(v)); }
  // True when a row is available.
  bool step();
  // Steps to the end (a statement without rows, or rows nobody reads).
  void run();
  // Back to the start with the same bindings (the next step re-executes).
  void reset() { sqlite3_reset(s_); }
  int columns() const { return sqlite3_column_count(s_); }
  std::string text(int col) const;
  std::int64_t integer(int col) const { return sqlite3_column_int64(s_, col); }

 private:
  [[noreturn]] void fail(const char* what) const;
  sqlite3* db_;
  sqlite3_stmt* s_ = nullptr;
  bool owned_ = true;
};

}  // namespace kairos::server::store::sqlite
