// IntegDb on the SQLite file of the store: one connection of its own (WAL lets it work
// beside the store's writer), one statement sequence at a time.
#include <sqlite3.h>

#include <charconv>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "integ_db.hpp"
#include "postgres/pg.hpp"
#include "sqlite_stmt.hpp"

namespace kairos::server::store {

std::int64_t IntegRow::i64(std::size_t i) const {
  const std::string& s = cols.at(i);
  std::int64_t v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

namespace {

class SqliteIntegDb final : public IntegDb {
 public:
  explicit SqliteIntegDb(const std::string& path)
      : db_(sqlite::open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, 10000, "integrations")) {}
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
  void simple(const char* sql) { sqlite::exec(db_, sql); }
  void run(const std::string& sql, const std::vector<IntegValue>& params, std::vector<IntegRow>* rows) {
    sqlite::Stmt s(db_, sqlite::from_portable(sql));
    for (std::size_t i = 0; i < params.size(); ++i) {
      const auto& p = params[i];
      if (p.is_int) s.bind(static_cast<int>(i + 1), p.integer);
      else s.bind(static_cast<int>(i + 1), p.text);
    }
    while (s.step()) {
      if (!rows) continue;
      IntegRow r;
      for (int c = 0; c < s.columns(); ++c) r.cols.push_back(s.text(c));
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
