// IntegDb on the SQLite file of the store: one connection of its own (WAL lets it work
// beside the store's writer), one statement sequence at a time.
#include <sqlite3.h>

#include <charconv>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "integ_db.hpp"
#include "postgres/pg.hpp"

namespace kairos::server::store {

std::int64_t IntegRow::i64(std::size_t i) const {
  const std::string& s = cols.at(i);
  std::int64_t v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

namespace {

// `$n` → `?n`; the `/*SKIP LOCKED*/` marker stays a comment.
std::string to_sqlite(const std::string& sql) {
  std::string out = sql;
  for (auto& ch : out)
    if (ch == '$') ch = '?';
  return out;
}

class SqliteIntegDb final : public IntegDb {
 public:
  explicit SqliteIntegDb(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, nullptr) != SQLITE_OK) {
      std::string e = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw std::runtime_error("integrations: " + e);
    }
    sqlite3_busy_timeout(db_, 10000);
    simple("PRAGMA journal_mode=WAL");
    simple("PRAGMA synchronous=FULL");
  }
  ~SqliteIntegDb() override { sqlite3_close(db_); }

  bool postgres() const override { return false; }

  std::vector<IntegRow> query(const std::string& sql, const std::vector<IntegValue>& params) override {
    std::lock_guard lock(mu_);
    std::vector<IntegRow> rows;
    run(sql, params, &rows);
    return rows;
  }
  std::int64_t exec(const std::string& sql, const std::vector<IntegValue>& params) override {
    std::lock_guard lock(mu_);
    run(sql, params, nullptr);
    return sqlite3_changes64(db_);
  }
  void transaction(const std::function<void()>& fn) override {
    std::lock_guard lock(mu_);
    simple("BEGIN IMMEDIATE");
    try {
      fn();
      simple("COMMIT");
    } catch (...) {
      simple("ROLLBACK");
      throw;
    }
  }
  void notify(const std::string&) override {}  // one instance on a file
  void listen(std::function<void(const std::string&)>) override {}

 private:
  void simple(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
      std::string e = err ? err : "sqlite error";
      sqlite3_free(err);
      throw std::runtime_error(e);
    }
  }
  void run(const std::string& sql, const std::vector<IntegValue>& params, std::vector<IntegRow>* rows) {
    const std::string text = to_sqlite(sql);
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db_, text.c_str(), -1, &s, nullptr) != SQLITE_OK)
      throw std::runtime_error(sqlite3_errmsg(db_));
    std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> guard(s, &sqlite3_finalize);
    for (std::size_t i = 0; i < params.size(); ++i) {
      const auto& p = params[i];
      if (p.is_int) sqlite3_bind_int64(s, static_cast<int>(i + 1), p.integer);
      else sqlite3_bind_text(s, static_cast<int>(i + 1), p.text.data(), static_cast<int>(p.text.size()), SQLITE_TRANSIENT);
    }
    for (;;) {
      const int rc = sqlite3_step(s);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) throw std::runtime_error(sqlite3_errmsg(db_));
      if (!rows) continue;
      IntegRow r;
      const int n = sqlite3_column_count(s);
      for (int c = 0; c < n; ++c) {
        const auto* t = sqlite3_column_text(s, c);
        r.cols.emplace_back(t ? std::string(reinterpret_cast<const char*>(t),
                                            static_cast<std::size_t>(sqlite3_column_bytes(s, c)))
                              : std::string());
      }
      rows->push_back(std::move(r));
    }
  }

  sqlite3* db_ = nullptr;
  std::recursive_mutex mu_;  // transaction() holds it while fn's statements take it again
};

}  // namespace

std::unique_ptr<IntegDb> open_sqlite_integ_db(const std::string& path) {
  return std::make_unique<SqliteIntegDb>(path);
}

std::unique_ptr<IntegDb> open_integ_db(const std::string& db) {
  return pg::is_url(db) ? open_postgres_integ_db(db) : open_sqlite_integ_db(db);
}

}  // namespace kairos::server::store
