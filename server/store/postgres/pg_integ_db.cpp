// IntegDb on PostgreSQL: pooled connections to the store's database (a statement
// outside transaction() takes one for itself), claims with FOR UPDATE SKIP LOCKED, and
// NOTIFY/LISTEN on channel kairos_integ so the instances keep their in-memory copies
// (a host's calendar busy blocks, an account's webhooks) current.
#include <poll.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include "auth/tokens.hpp"
#include "pg.hpp"
#include "store/integ_db.hpp"

namespace kairos::server::store {
namespace {

using pg::Conn;

class PgIntegDb final : public IntegDb {
 public:
  explicit PgIntegDb(std::string url) : url_(std::move(url)), self_(auth::random_id("i", 12)), pool_(url_, 8) {
    pool_.give_back(std::make_unique<Conn>(url_));  // fail at start-up, not on the first request
  }
  ~PgIntegDb() override { stop_listening(); }
  void stop_listening() override {
    stop_.store(true);
    if (listener_.joinable()) listener_.join();
  }

  bool postgres() const override { return true; }

  std::vector<IntegRow> query(const std::string& sql, const std::vector<IntegValue>& params) override {
    auto r = run(sql, params);
    std::vector<IntegRow> rows(static_cast<std::size_t>(r.rows()));
    const int cols = r.cols();
    for (int i = 0; i < r.rows(); ++i)
      for (int c = 0; c < cols; ++c) rows[static_cast<std::size_t>(i)].cols.push_back(r.text(i, c));
    return rows;
  }
  std::int64_t exec(const std::string& sql, const std::vector<IntegValue>& params) override {
    return run(sql, params).affected();
  }
  void transaction(const std::function<void()>& fn) override {
    if (tx_owner() == this) {
      fn();
      return;
    }
    for (int attempt = 0;; ++attempt) {
      auto c = acquire();
      try {
        c->exec("BEGIN");
        tx_owner() = this;
        tx_conn() = c.get();
        fn();
        tx_owner() = nullptr;
        tx_conn() = nullptr;
        c->exec("COMMIT");
        release(std::move(c));
        return;
      } catch (const pg::Error& e) {
        tx_owner() = nullptr;
        tx_conn() = nullptr;
        try {
          if (c->ok()) c->exec("ROLLBACK");
          release(std::move(c));
        } catch (...) {
        }
        if ((e.sqlstate == "40P01" || e.sqlstate == "40001") && attempt < 5) continue;
        throw;
      } catch (...) {
        tx_owner() = nullptr;
        tx_conn() = nullptr;
        try {
          if (c->ok()) c->exec("ROLLBACK");
          release(std::move(c));
        } catch (...) {
        }
        throw;
      }
    }
  }
  void notify(const std::string& payload) override {
    run("SELECT pg_notify('kairos_integ', $1)", {self_ + "|" + payload});
  }
  void listen(std::function<void(const std::string&)> fn) override {
    {
      std::lock_guard lock(listen_mu_);
      listeners_.push_back(std::move(fn));
    }
    if (!listener_.joinable()) listener_ = std::thread([this] { listen_loop(); });
  }

 private:
  static const void*& tx_owner() {
    thread_local const void* owner = nullptr;
    return owner;
  }
  static Conn*& tx_conn() {
    thread_local Conn* conn = nullptr;
    return conn;
  }

  pg::Result run(const std::string& sql, const std::vector<IntegValue>& params) {
    std::vector<pg::Param> ps;
    ps.reserve(params.size());
    for (const auto& p : params) ps.emplace_back(p.is_int ? pg::Param(p.integer) : pg::Param(p.text));
    const std::string text = pg::from_portable(sql);
    if (tx_owner() == this) return tx_conn()->query(text, ps);
    return pool_.query(text, ps);
  }
  std::unique_ptr<Conn> acquire() { return pool_.take(); }
  void release(std::unique_ptr<Conn> c) { pool_.give_back(std::move(c)); }

  void listen_loop() {
    std::unique_ptr<Conn> c;
    while (!stop_.load()) {
      if (!c || !c->ok()) {
        try {
          c = std::make_unique<Conn>(url_);
          c->exec("LISTEN kairos_integ");
          deliver("*");  // notifications may have been missed while disconnected: reload all
        } catch (...) {
          c.reset();
          std::this_thread::sleep_for(std::chrono::milliseconds(500));
          continue;
        }
      }
      pollfd pfd{PQsocket(c->raw()), POLLIN, 0};
      if (::poll(&pfd, 1, 200) <= 0) continue;  // wakes to notice stop_
      if (!PQconsumeInput(c->raw())) {
        c.reset();
        continue;
      }
      while (PGnotify* note = PQnotifies(c->raw())) {
        std::string payload = note->extra ? note->extra : "";
        PQfreemem(note);
        const auto bar = payload.find('|');
        if (bar == std::string::npos || payload.compare(0, bar, self_) == 0) continue;  // our own
        deliver(payload.substr(bar + 1));
      }
    }
  }
  void deliver(const std::string& payload) {
    std::vector<std::function<void(const std::string&)>> fns;
    {
      std::lock_guard lock(listen_mu_);
      fns = listeners_;
    }
    for (auto& fn : fns) {
      try {
        fn(payload);
      } catch (...) {
      }
    }
  }

  std::string url_, self_;
  pg::Pool pool_;  // at most 8 idle
  std::mutex listen_mu_;
  std::vector<std::function<void(const std::string&)>> listeners_;
  std::atomic<bool> stop_{false};
  std::thread listener_;
};

}  // namespace

std::unique_ptr<IntegDb> open_postgres_integ_db(const std::string& url) { return std::make_unique<PgIntegDb>(url); }

}  // namespace kairos::server::store
