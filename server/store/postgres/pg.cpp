#include "pg.hpp"

#include <charconv>

namespace kairos::server::store::pg {

std::int64_t Result::integer(int row, int col) const {
  const char* p = PQgetvalue(r_.get(), row, col);
  std::int64_t v = 0;
  std::from_chars(p, p + PQgetlength(r_.get(), row, col), v);
  return v;
}

std::int64_t Result::affected() const {
  const char* n = PQcmdTuples(r_.get());
  std::int64_t v = 0;
  if (n && *n) std::from_chars(n, n + std::char_traits<char>::length(n), v);
  return v;
}

Conn::Conn(const std::string& url) {
  c_ = PQconnectdb(url.c_str());
  if (PQstatus(c_) != CONNECTION_OK) {
    std::string msg = PQerrorMessage(c_);
    PQfinish(c_);
    c_ = nullptr;
    throw Error("cannot connect to PostgreSQL: " + msg, "");
  }
  // Notices (e.g. "extension already exists") are not errors; keep them out of stderr.
  PQsetNoticeProcessor(c_, [](void*, const char*) {}, nullptr);
}

Conn::~Conn() {
  if (c_) PQfinish(c_);
}

Result Conn::check(PGresult* r) {
  auto st = PQresultStatus(r);
  if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) return Result(r);
  std::string state;
  if (r) {
    const char* s = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    if (s) state = s;
  }
  std::string msg = r ? PQresultErrorMessage(r) : PQerrorMessage(c_);
  PQclear(r);
  throw Error("postgresql: " + msg, state);
}

void Conn::exec(const std::string& sql) { check(PQexec(c_, sql.c_str())); }

Result Conn::query(const std::string& sql, std::initializer_list<Param> params) {
  return query(sql, std::vector<Param>(params));
}

const std::string& Conn::prepared_name(const std::string& sql) {
  auto it = prepared_.find(sql);
  if (it == prepared_.end()) {
    std::string name = "k" + std::to_string(prepared_.size());
    check(PQprepare(c_, name.c_str(), sql.c_str(), 0, nullptr));
    it = prepared_.emplace(sql, name).first;
  }
  return it->second;
}

Result Conn::query(const std::string& sql, const std::vector<Param>& params) {
  const std::string& name = prepared_name(sql);
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p.v.c_str());
  return check(PQexecPrepared(c_, name.c_str(), static_cast<int>(values.size()), values.data(), nullptr, nullptr, 0));
}

std::vector<Result> Conn::pipeline(const std::vector<Stmt>& stmts) {
  std::vector<const std::string*> names;
  for (const auto& s : stmts) names.push_back(&prepared_name(s.sql));  // once per connection
  if (!PQenterPipelineMode(c_)) throw Error("postgresql: cannot enter pipeline mode", "");
  std::vector<Result> out;
  std::unique_ptr<Error> error;
  auto fail = [&](const std::string& msg, std::string state, std::size_t statement) {
    if (error) return;
    error = std::make_unique<Error>("postgresql: " + msg, std::move(state));
    error->statement = static_cast<int>(statement);
  };
  std::size_t sent = 0;
  for (std::size_t i = 0; i < stmts.size(); ++i) {
    std::vector<const char*> values;
    for (const auto& p : stmts[i].params) values.push_back(p.v.c_str());
    if (!PQsendQueryPrepared(c_, names[i]->c_str(), static_cast<int>(values.size()), values.data(), nullptr, nullptr,
                             0)) {
      fail(PQerrorMessage(c_), "", i);
      break;
    }
    ++sent;
  }
  if (!PQpipelineSync(c_)) fail(PQerrorMessage(c_), "", sent);
  for (std::size_t i = 0; i < sent; ++i) {
    PGresult* r = PQgetResult(c_);
    if (!r) {
      fail(PQerrorMessage(c_), "", i);
      break;
    }
    const auto st = PQresultStatus(r);
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) {
      out.emplace_back(r);
    } else {
      if (st == PGRES_PIPELINE_ABORTED) {
        fail("statement skipped after an error", "", i);
      } else {
        const char* s = PQresultErrorField(r, PG_DIAG_SQLSTATE);
        fail(PQresultErrorMessage(r), s ? s : "", i);
      }
      PQclear(r);
    }
    while (PGresult* rest = PQgetResult(c_)) PQclear(rest);  // the NULL after each result
  }
  // The sync's own result, then out of pipeline mode (the connection is as before).
  while (PGresult* r = PQgetResult(c_)) {
    const bool sync = PQresultStatus(r) == PGRES_PIPELINE_SYNC;
    PQclear(r);
    if (sync) break;
  }
  PQexitPipelineMode(c_);
  if (error) throw *error;
  return out;
}

std::unique_ptr<Conn> Pool::take() {
  {
    std::lock_guard lock(mu_);
    if (!idle_.empty()) {
      auto c = std::move(idle_.back());
      idle_.pop_back();
      return c;
    }
  }
  return std::make_unique<Conn>(url_);
}

void Pool::give_back(std::unique_ptr<Conn> c) {
  if (!c || !c->ok()) return;
  std::lock_guard lock(mu_);
  if (idle_.size() < max_idle_) idle_.push_back(std::move(c));
}

Result Pool::query(const std::string& sql, const std::vector<Param>& params) {
  auto c = take();
  try {
    auto r = c->query(sql, params);
    give_back(std::move(c));
    return r;
  } catch (const Error&) {
    if (c->ok()) {
      give_back(std::move(c));
      throw;
    }
  }
  auto fresh = std::make_unique<Conn>(url_);
  auto r = fresh->query(sql, params);
  give_back(std::move(fresh));
  return r;
}

std::string array_literal(const std::vector<std::string>& items) {
  std::string out = "{";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    out += '"';
    for (char ch : items[i]) {
      if (ch == '"' || ch == '\\') out += '\\';
      out += ch;
    }
    out += '"';
  }
  return out + "}";
}

std::string from_portable(const std::string& sql) {
  std::string out = sql;
  for (auto p = out.find("/*FOR UPDATE"); p != std::string::npos; p = out.find("/*FOR UPDATE", p)) {
    const auto end = out.find("*/", p);
    if (end == std::string::npos) break;
    out.erase(end, 2);
    out.erase(p, 2);
  }
  return out;
}

bool is_url(const std::string& db) {
  return db.rfind("postgresql://", 0) == 0 || db.rfind("postgres://", 0) == 0;
}

}  // namespace kairos::server::store::pg
