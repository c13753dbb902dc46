// DeliveryQueue on PostgreSQL: several instances run delivery workers against one
// outbox. A claim takes due rows with FOR UPDATE SKIP LOCKED (workers claiming at the
// same moment get disjoint rows instead of waiting on each other) and leases them, so a
// row is sent by one worker; a worker that dies mid-send lets the lease run out and the
// row is sent again later (at-least-once, like the SQLite queue), with the same
// Message-ID.
#include <algorithm>
#include <mutex>

#include "mail/delivery.hpp"
#include "pg.hpp"
#include "store/claims.hpp"

namespace kairos::server::store {
namespace {

class PgDeliveryQueue final : public mail::DeliveryQueue {
 public:
  explicit PgDeliveryQueue(std::string url) : url_(std::move(url)) {}

  std::vector<mail::DeliveryItem> claim(core::Instant now, std::size_t limit, core::Seconds lease) override {
    std::lock_guard lock(mu_);
    static const std::string sql = pg::from_portable(claims::kMail);
    auto r = conn().query(sql, {now.unix_seconds(), (now + lease).unix_seconds(), static_cast<std::int64_t>(limit)});
    std::vector<mail::DeliveryItem> out;
    for (int i = 0; i < r.rows(); ++i)
      out.push_back({r.integer(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3), r.text(i, 4), r.text(i, 5),
                     r.text(i, 6), r.text(i, 7), core::Instant::from_unix_seconds(r.integer(i, 8)),
                     static_cast<int>(r.integer(i, 9))});
    std::sort(out.begin(), out.end(),
              [](const auto& a, const auto& b) { return a.send_at != b.send_at ? a.send_at < b.send_at : a.id < b.id; });
    return out;
  }
  void mark_sent(std::int64_t id, core::Instant now, const std::string& message_id) override {
    std::lock_guard lock(mu_);
    conn().query(claims::kMailSent, {id, now.unix_seconds(), message_id});
  }
  void mark_retry(std::int64_t id, core::Instant next_attempt, const std::string& error) override {
    std::lock_guard lock(mu_);
    conn().query(claims::kMailRetry, {id, next_attempt.unix_seconds(), error});
  }
  void mark_failed(std::int64_t id, core::Instant now, const std::string& error) override {
    std::lock_guard lock(mu_);
    conn().query(claims::kMailFailed, {id, error, now.unix_seconds()});
  }

 private:
  pg::Conn& conn() {
    if (!c_ || !c_->ok()) c_ = std::make_unique<pg::Conn>(url_);
    return *c_;
  }
  std::string url_;
  std::mutex mu_;
  std::unique_ptr<pg::Conn> c_;
};

}  // namespace

std::unique_ptr<mail::DeliveryQueue> open_postgres_delivery_queue(const std::string& url) {
  return std::make_unique<PgDeliveryQueue>(url);
}

}  // namespace kairos::server::store
