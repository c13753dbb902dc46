// A thin C++ face over libpq for the PostgreSQL store: one connection, statements
// prepared once per connection (named by their SQL), text parameters, and errors as
// exceptions carrying the SQLSTATE (the store maps 23P01, an exclusion constraint
// refusing an overlap, to 409 slot_unavailable, and retries 40001/40P01).
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "kairos/booking.hpp"
#include "kairos/time.hpp"

namespace kairos::server::store::pg {

class Error : public std::runtime_error {
 public:
  Error(const std::string& what, std::string state) : std::runtime_error(what), sqlstate(std::move(state)) {}
  std::string sqlstate;  // "" when the connection itself failed
  int statement = -1;    // in Conn::pipeline: which statement failed (those after it did not run)
};

// One bound parameter, as text (PostgreSQL casts to the column's type).
struct Param {
  Param(const std::string& s) : v(s) {}  // NOLINT: implicit by design
  Param(const char* s) : v(s) {}         // NOLINT
  Param(std::int64_t i) : v(std::to_string(i)) {}  // NOLINT
  Param(int i) : v(std::to_string(i)) {}           // NOLINT
  Param(std::size_t i) : v(std::to_string(i)) {}   // NOLINT
  // The store's typed values as their columns (store/columns.hpp reads them back).
  Param(core::Instant t) : v(std::to_string(t.unix_seconds())) {}  // NOLINT
  Param(core::BookingStatus s) : v(core::to_string(s)) {}           // NOLINT
  std::string v;
};

class Result {
 public:
  explicit Result(PGresult* r) : r_(r, &PQclear) {}
  int rows() const { return PQntuples(r_.get()); }
  int cols() const { return PQnfields(r_.get()); }
  std::string text(int row, int col) const {
    return std::string(PQgetvalue(r_.get(), row, col), static_cast<std::size_t>(PQgetlength(r_.get(), row, col)));
  }
  std::int64_t integer(int row, int col) const;
  bool null(int row, int col) const { return PQgetisnull(r_.get(), row, col) != 0; }
  std::int64_t affected() const;

 private:
  std::unique_ptr<PGresult, void (*)(PGresult*)> r_;
};

class Conn {
 public:
  explicit Conn(const std::string& url);
  ~Conn();
  Conn(const Conn&) = delete;
  Conn& operator=(const Conn&) = delete;

  // Simple protocol (several statements allowed, no parameters).
  void exec(const std::string& sql);
  // Extended protocol; the statement is prepared on first use on this connection.
  Result query(const std::string& sql, std::initializer_list<Param> params = {});
  Result query(const std::string& sql, const std::vector<Param>& params);
  // Several statements in one round trip (libpq's pipeline mode), each run after the one
  // before it (so each sees what committed before it started, as one by one). Results in
  // order; an error is thrown once all are read (the statements after it did not run).
  struct Stmt {
    const std::string& sql;
    std::vector<Param> params;
  };
  std::vector<Result> pipeline(const std::vector<Stmt>& stmts);
  bool ok() const { return PQstatus(c_) == CONNECTION_OK; }
  PGconn* raw() { return c_; }

 private:
  Result check(PGresult* r);
  const std::string& prepared_name(const std::string& sql);
  PGconn* c_ = nullptr;
  std::unordered_map<std::string, std::string> prepared_;  // sql → statement name
};

// Idle connections to one database, shared by the store and the integrations: take one
// for a transaction, give it back after; a broken one is dropped (the next take dials
// anew).
class Pool {
 public:
  explicit Pool(std::string url, std::size_t max_idle = 64) : url_(std::move(url)), max_idle_(max_idle) {}
  const std::string& url() const { return url_; }
  std::unique_ptr<Conn> take();
  void give_back(std::unique_ptr<Conn> c);
  // One statement alone on a pooled connection. When that connection turns out dead (the
  // server restarted, or closed it while idle) the statement never ran: it is sent once
  // more on a new connection.
  Result query(const std::string& sql, const std::vector<Param>& params);

 private:
  std::string url_;
  std::size_t max_idle_;
  std::mutex mu_;
  std::vector<std::unique_ptr<Conn>> idle_;
};

// `{"a","b"}`: a text[] literal for ANY($1) parameters.
std::string array_literal(const std::vector<std::string>& items);

bool is_url(const std::string& db);

// The portable SQL of store/integ_db.hpp and store/claims.hpp for PostgreSQL:
// `/*FOR UPDATE … SKIP LOCKED*/` (a comment to SQLite) becomes the locking clause.
std::string from_portable(const std::string& sql);  // postgresql://… or postgres://…

}  // namespace kairos::server::store::pg
