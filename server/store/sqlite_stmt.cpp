#include "sqlite_stmt.hpp"

namespace kairos::server::store::sqlite {

sqlite3* open(const std::string& path, int flags, int busy_ms, const std::string& what) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    throw std::runtime_error(what + ": " + msg);
  }
  // SQLite quietly falls back to read-only when the file is write-protected; the
  // server writes on start (migrations, secrets), so say so plainly instead.
  if ((flags & SQLITE_OPEN_READWRITE) && sqlite3_db_readonly(db, "main") == 1) {
    sqlite3_close(db);
    throw std::runtime_error("the database " + path +
                             " is read-only: the server needs to write to it and to its folder (for the -wal file)");
  }
  sqlite3_busy_timeout(db, busy_ms);
  try {
    exec(db, "PRAGMA journal_mode=WAL");
    exec(db, "PRAGMA synchronous=FULL");
  } catch (...) {
    sqlite3_close(db);
    throw;
  }
  return db;
}

std::string from_portable(const std::string& sql) {
  std::string out = sql;
  for (auto& ch : out)
    if (ch == '$') ch = '?';
  return out;
}

void exec(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown";
    sqlite3_free(err);
    throw std::runtime_error("sqlite: " + msg);
  }
}

Stmt::Stmt(sqlite3* db, const std::string& sql) : db_(db) {
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s_, nullptr) != SQLITE_OK) fail("sqlite prepare: ");
}

Stmt::~Stmt() {
  if (owned_) {
    sqlite3_finalize(s_);
  } else {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }
}

Stmt& Stmt::bind(int i, const std::string& v) {
  if (sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT) != SQLITE_OK)
    fail("sqlite bind: ");
  return *this;
}

Stmt& Stmt::bind(int i, std::int64_t v) {
  if (sqlite3_bind_int64(s_, i, v) != SQLITE_OK) fail("sqlite bind: ");
  return *this;
}

bool Stmt::step() {
  const int rc = sqlite3_step(s_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  fail("sqlite step: ");
}

void Stmt::run() {
  while (step()) {
  }
}

std::string Stmt::text(int col) const {
  const auto* p = sqlite3_column_text(s_, col);
  return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(s_, col)))
           : std::string();
}

void Stmt::fail(const char* what) const { throw std::runtime_error(std::string(what) + sqlite3_errmsg(db_)); }

}  // namespace kairos::server::store::sqlite
