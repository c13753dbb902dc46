// The persistence of the integrations (server/integrations: calendars in, feeds out,
// webhooks and their deliveries, cursors), on whichever database the Store uses.
// Integrations speak a small, portable SQL through this interface: `$1…$n`
// placeholders (SQLite gets `?1…?n`), INTEGER columns for flags, `ON CONFLICT … DO
// NOTHING`, `UPDATE … RETURNING`. Claims that must happen once across instances write
// `/*FOR UPDATE [OF t] SKIP LOCKED*/`: a locking clause on PostgreSQL, a comment on
// SQLite (whose single writer serialises the claims already).
//  - SQLite (sqlite_integ_db.cpp): a connection of its own to the store's file (WAL
//    lets it write beside the store's writer); one instance, so notify() is a no-op.
//  - PostgreSQL (postgres/pg_integ_db.cpp): pooled connections to the store's database,
//    and LISTEN/NOTIFY on channel kairos_integ, so an instance that changes a host's
//    calendars or an account's webhooks tells the others to reload theirs.
// Tables: SQLite migration 0007_integrations, PostgreSQL 0004_integrations.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace kairos::server::store {

struct IntegValue {
  IntegValue(const std::string& s) : text(s) {}  // NOLINT: implicit by design
  IntegValue(const char* s) : text(s) {}         // NOLINT
  IntegValue(std::int64_t i) : is_int(true), integer(i) {}  // NOLINT
  IntegValue(int i) : is_int(true), integer(i) {}           // NOLINT
  IntegValue(bool b) : is_int(true), integer(b ? 1 : 0) {}  // NOLINT
  bool is_int = false;
  std::int64_t integer = 0;
  std::string text;
};

struct IntegRow {
  std::vector<std::string> cols;
  const std::string& text(std::size_t i) const { return cols.at(i); }
  std::int64_t i64(std::size_t i) const;
};

class IntegDb {
 public:
  virtual ~IntegDb() = default;
  virtual bool postgres() const = 0;
  // One statement; its rows (RETURNING included). Inside transaction() on its connection.
  virtual std::vector<IntegRow> query(const std::string& sql, const std::vector<IntegValue>& params = {}) = 0;
  // One statement; the rows it changed.
  virtual std::int64_t exec(const std::string& sql, const std::vector<IntegValue>& params = {}) = 0;
  // fn's statements in one write transaction (rolled back when fn throws).
  virtual void transaction(const std::function<void()>& fn) = 0;
  // Tells the other instances on this database (payload ≤ 7,000 bytes); never this one.
  virtual void notify(const std::string& payload) = 0;
  // Called, on a thread of the database's, with each payload another instance notified.
  virtual void listen(std::function<void(const std::string&)> fn) = 0;
  // Ends listening (waits for a call in progress); before what the callbacks use goes.
  virtual void stop_listening() {}
};

// The integration tables of the database `db` (a --db value); throws when unavailable.
std::unique_ptr<IntegDb> open_integ_db(const std::string& db);
std::unique_ptr<IntegDb> open_sqlite_integ_db(const std::string& path);
std::unique_ptr<IntegDb> open_postgres_integ_db(const std::string& url);

}  // namespace kairos::server::store
