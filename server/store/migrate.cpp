// `kairos-server migrate --from PATH.db --to postgresql://…`: moves an SQLite
// installation into an empty PostgreSQL database and proves it arrived.
//  1. Both stores are opened first, so each side is at its newest schema.
//  2. Every table of the SQLite file is copied (COPY … FROM STDIN) into the table of the
//     same name, columns matched by name (PostgreSQL-only columns such as the booking
//     span and insertion order fill themselves). Parents before children; one
//     transaction, so a failure leaves the target empty. The exclusion constraints
//     check every copied booking: a file that somehow holds a double booking is refused.
//     The integrations' tables (calendars with their last good copy and busy blocks,
//     feeds with their tokens, webhooks, integration_cursors) and their deliveries
//     (outbox rows of channel 'webhook') go the same way, as does the front office
//     (locations, labels, inquiries, bounces, suppressions: token_docs).
//  3. Verification: per table, the row count and an order-independent checksum of
//     every copied value, computed on both sides, must agree.
#include "migrate.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <iostream>
#include <map>
#include <set>

#include "open.hpp"
#include "postgres/pg.hpp"

namespace kairos::server::store {
namespace {

std::uint64_t fnv(const std::string& s, std::uint64_t h = 1469598103934665603ull) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

struct Sqlite {
  explicit Sqlite(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
      throw std::runtime_error("cannot open " + path);
  }
  ~Sqlite() { sqlite3_close(db); }
  std::vector<std::vector<std::string>> rows(const std::string& sql, std::vector<bool>* nulls_out = nullptr) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) != SQLITE_OK)
      throw std::runtime_error(std::string("sqlite: ") + sqlite3_errmsg(db));
    std::vector<std::vector<std::string>> out;
    while (sqlite3_step(s) == SQLITE_ROW) {
      std::vector<std::string> row;
      for (int i = 0; i < sqlite3_column_count(s); ++i) {
        auto p = sqlite3_column_text(s, i);
        row.emplace_back(p ? reinterpret_cast<const char*>(p) : "");
        if (nulls_out) nulls_out->push_back(p == nullptr);
      }
      out.push_back(std::move(row));
    }
    sqlite3_finalize(s);
    return out;
  }
  sqlite3* db = nullptr;
};

std::string copy_escape(const std::string& v) {
  std::string out;
  out.reserve(v.size());
  for (char c : v) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: out += c;
    }
  }
  return out;
}

std::string quote_ident(const std::string& s) { return "\"" + s + "\""; }

std::uint64_t row_sum(const std::vector<std::string>& row) {
  std::uint64_t h = 1469598103934665603ull;
  for (const auto& v : row) h = fnv(v + '\x1f', h);
  return h;
}

}  // namespace

int run_migrate(const std::string& from, const std::string& to, std::ostream& out, std::ostream& err) {
  if (!is_postgres(to) || is_postgres(from)) {
    err << "kairos-server migrate: --from is an SQLite file, --to a postgresql:// URL\n";
    return 2;
  }
  try {
    open_store(from).reset();  // brings the file to the newest SQLite schema
    open_store(to).reset();    // and the database to the newest PostgreSQL schema
    Sqlite src(from);
    pg::Conn dst(to);
    if (dst.query("SELECT count(*) FROM accounts").integer(0, 0) > 0) {
      err << "kairos-server migrate: the target database already holds accounts; migrate into an empty one\n";
      return 1;
    }
    // Tables, parents first (foreign keys), then the rest by name.
    std::vector<std::string> order{"accounts", "api_keys", "staff", "hosts", "rooms", "pages", "bookings", "booking_hosts"};
    for (const auto& r : src.rows("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                                  "AND name <> 'schema_migrations' ORDER BY name"))
      if (std::find(order.begin(), order.end(), r[0]) == order.end()) order.push_back(r[0]);

    struct Copied {
      std::string table;
      std::vector<std::string> cols;
      std::size_t rows = 0;
      std::uint64_t sum = 0;
    };
    std::vector<Copied> copied;
    dst.exec("BEGIN");
    for (const auto& table : order) {
      auto present = src.rows("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '" + table + "'");
      if (present[0][0] == "0") continue;
      std::set<std::string> pg_cols;
      auto pc = dst.query("SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
                          "AND table_name = $1 AND is_generated = 'NEVER'",
                          {table});
      for (int i = 0; i < pc.rows(); ++i) pg_cols.insert(pc.text(i, 0));
      if (pg_cols.empty()) {
        // Every SQLite table has its PostgreSQL twin (integrations since PostgreSQL 0004;
        // the front office lives in token_docs); an empty stray one is skipped, one with
        // rows would be lost, so it stops the move.
        auto n = src.rows("SELECT count(*) FROM " + quote_ident(table));
        if (n[0][0] == "0") continue;
        throw std::runtime_error("the PostgreSQL schema has no table " + table + " (" + n[0][0] + " rows)");
      }
      Copied c{table, {}, 0, 0};
      for (const auto& col : src.rows("SELECT name FROM pragma_table_info('" + table + "')")) {
        if (!pg_cols.count(col[0])) throw std::runtime_error("no PostgreSQL column " + table + "." + col[0]);
        c.cols.push_back(col[0]);
      }
      std::string list;
      for (const auto& col : c.cols) list += (list.empty() ? "" : ", ") + quote_ident(col);
      const bool has_rowid = src.rows("SELECT count(*) FROM pragma_table_list WHERE name = '" + table +
                                      "' AND wr = 0")[0][0] == "1";
      std::vector<bool> nulls;
      auto rows = src.rows("SELECT " + list + " FROM " + quote_ident(table) + (has_rowid ? " ORDER BY rowid" : ""),
                           &nulls);
      PGresult* r = PQexec(dst.raw(), ("COPY " + quote_ident(table) + " (" + list + ") FROM STDIN").c_str());
      if (PQresultStatus(r) != PGRES_COPY_IN) {
        std::string e = PQresultErrorMessage(r);
        PQclear(r);
        throw std::runtime_error("COPY " + table + ": " + e);
      }
      PQclear(r);
      std::string buf;
      std::size_t k = 0;
      for (const auto& row : rows) {
        for (std::size_t i = 0; i < row.size(); ++i, ++k) {
          if (i) buf += '\t';
          buf += nulls[k] ? "\\N" : copy_escape(row[i]);
        }
        buf += '\n';
        c.sum += row_sum(row);
        if (buf.size() > (1 << 20)) {
          PQputCopyData(dst.raw(), buf.data(), static_cast<int>(buf.size()));
          buf.clear();
        }
      }
      if (!buf.empty()) PQputCopyData(dst.raw(), buf.data(), static_cast<int>(buf.size()));
      PQputCopyEnd(dst.raw(), nullptr);
      r = PQgetResult(dst.raw());
      if (PQresultStatus(r) != PGRES_COMMAND_OK) {
        std::string e = PQresultErrorMessage(r);
        PQclear(r);
        while ((r = PQgetResult(dst.raw()))) PQclear(r);
        throw std::runtime_error("COPY " + table + ": " + e);
      }
      PQclear(r);
      while ((r = PQgetResult(dst.raw()))) PQclear(r);
      c.rows = rows.size();
      copied.push_back(std::move(c));
    }
    // Serial ids continue after the copied ones.
    dst.exec("SELECT setval(pg_get_serial_sequence('outbox', 'id'), GREATEST((SELECT max(id) FROM outbox), 1))");
    dst.exec("COMMIT");

    // Verify: what PostgreSQL now holds, read back, against what was read from SQLite.
    bool ok = true;
    for (const auto& c : copied) {
      std::string list;
      for (const auto& col : c.cols) list += (list.empty() ? "" : ", ") + quote_ident(col) + "::text";
      // Hold rows are derived from the copied proposals (PostgreSQL 0005's trigger).
      auto r = dst.query("SELECT " + list + " FROM " + quote_ident(c.table) +
                         (c.table == "booking_hosts" ? " WHERE status <> 'held'" : ""));
      std::uint64_t sum = 0;
      for (int i = 0; i < r.rows(); ++i) {
        std::vector<std::string> row;
        for (std::size_t j = 0; j < c.cols.size(); ++j) row.push_back(r.text(i, static_cast<int>(j)));
        sum += row_sum(row);
      }
      const bool same = static_cast<std::size_t>(r.rows()) == c.rows && sum == c.sum;
      ok = ok && same;
      char hex[17];
      std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(c.sum));
      out << (same ? "ok       " : "MISMATCH ") << c.table << ": " << c.rows << " rows, checksum " << hex;
      if (!same) out << " (PostgreSQL: " << r.rows() << " rows)";
      out << "\n";
    }
    out << (ok ? "migrated and verified\n" : "verification FAILED\n");
    return ok ? 0 : 1;
  } catch (const std::exception& e) {
    err << "kairos-server migrate: " << e.what() << "\n";
    return 1;
  }
}

int migrate_main(int argc, char** argv) {
  std::string from, to;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--from" && i + 1 < argc) from = argv[++i];
    else if (a == "--to" && i + 1 < argc) to = argv[++i];
    else {
      std::cerr << "usage: kairos-server migrate --from PATH.db --to postgresql://USER@HOST:PORT/DB\n";
      return 2;
    }
  }
  if (from.empty() || to.empty()) {
    std::cerr << "usage: kairos-server migrate --from PATH.db --to postgresql://USER@HOST:PORT/DB\n";
    return 2;
  }
  return run_migrate(from, to, std::cout, std::cerr);
}

}  // namespace kairos::server::store
