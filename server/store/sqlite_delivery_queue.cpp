// DeliveryQueue over the store's SQLite file with a connection of its own. Claiming is
// one UPDATE … RETURNING inside an immediate transaction, so two workers (or a worker
// and a restarted one) never hold the same row at once.
#include <sqlite3.h>

#include <stdexcept>

#include "mail/delivery.hpp"
#include "store/claims.hpp"
#include "store/sqlite_stmt.hpp"

namespace kairos::server::mail {
namespace {

using store::sqlite::Stmt;

class SqliteDeliveryQueue final : public DeliveryQueue {
 public:
  explicit SqliteDeliveryQueue(const std::string& path)
      : db_(store::sqlite::open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, 10000, "delivery queue")) {}
  ~SqliteDeliveryQueue() override { sqlite3_close(db_); }

  std::vector<DeliveryItem> claim(core::Instant now, std::size_t limit, core::Seconds lease) override {
    std::vector<DeliveryItem> out;
    exec("BEGIN IMMEDIATE");
    try {
      // The claim the PostgreSQL queue runs (store/claims.hpp), under SQLite's single writer.
      static const std::string sql = store::sqlite::from_portable(store::claims::kMail);
      Stmt s(db_, sql);
      s.bind(1, now.unix_seconds()).bind(2, (now + lease).unix_seconds()).bind(3, static_cast<std::int64_t>(limit));
      while (s.step()) {
        out.push_back({s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6), s.text(7),
                       core::Instant::from_unix_seconds(s.integer(8)), static_cast<int>(s.integer(9))});
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
    static const std::string sql = store::sqlite::from_portable(store::claims::kMailSent);
    Stmt(db_, sql).bind(1, id).bind(2, now.unix_seconds()).bind(3, message_id).run();
  }

  void mark_retry(std::int64_t id, core::Instant next_attempt, const std::string& error) override {
    static const std::string sql = store::sqlite::from_portable(store::claims::kMailRetry);
    Stmt(db_, sql).bind(1, id).bind(2, next_attempt.unix_seconds()).bind(3, error).run();
  }

  void mark_failed(std::int64_t id, core::Instant now, const std::string& error) override {
    static const std::string sql = store::sqlite::from_portable(store::claims::kMailFailed);
    Stmt(db_, sql).bind(1, id).bind(2, error).bind(3, now.unix_seconds()).run();
  }

 private:
  void exec(const char* sql) { store::sqlite::exec(db_, sql); }
  sqlite3* db_ = nullptr;
};

}  // namespace

std::unique_ptr<DeliveryQueue> open_sqlite_delivery_queue(const std::string& db_path) {
  return std::make_unique<SqliteDeliveryQueue>(db_path);
}

}  // namespace kairos::server::mail
