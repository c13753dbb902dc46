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

namespace kairos::server::store {
namespace {

class PgDeliveryQueue final : public mail::DeliveryQueue {
 public:
  explicit PgDeliveryQueue(std::string url) : url_(std::move(url)) {}

  std::vector<mail::DeliveryItem> claim(core::Instant now, std::size_t limit, core::Seconds lease) override {
    std::lock_guard lock(mu_);
    auto r = conn().query(
        "UPDATE outbox SET lease_until = $1 WHERE id IN ("
        " SELECT id FROM outbox WHERE state = 'scheduled' AND handed_off_at > 0 AND send_at <= $2 AND channel <> 'webhook'"
        " AND next_attempt_at <= $2 AND lease_until <= $2 ORDER BY send_at, id LIMIT $3 FOR UPDATE SKIP LOCKED)"
        " RETURNING id, account_id, booking_uid, msg_key, template_key, channel, recipient, payload, send_at, attempts",
        {(now + lease).unix_seconds(), now.unix_seconds(), static_cast<std::int64_t>(limit)});
    std::vector<mail::DeliveryItem> out;
    for (int i = 0; i < r.rows(); ++i)
      out.push_back({r.integer(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3), r.text(i, 4), r.text(i, 5),
                     r.text(i, 6), r.text(i, 7), r.integer(i, 8), static_cast<int>(r.integer(i, 9))});
    std::sort(out.begin(), out.end(),
              [](const auto& a, const auto& b) { return a.send_at != b.send_at ? a.send_at < b.send_at : a.id < b.id; });
    return out;
  }
  void mark_sent(std::int64_t id, core::Instant now, const std::string& message_id) override {
    std::lock_guard lock(mu_);
    conn().query("UPDATE outbox SET state = 'sent', sent_at = $2, message_id = $3, attempts = attempts + 1,"
                 " lease_until = 0, last_error = '' WHERE id = $1 AND state = 'scheduled'",
                 {id, now.unix_seconds(), message_id});
  }
  void mark_retry(std::int64_t id, core::Instant next_attempt, const std::string& error) override {
    std::lock_guard lock(mu_);
    conn().query("UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $2, last_error = $3, lease_until = 0"
                 " WHERE id = $1 AND state = 'scheduled'",
                 {id, next_attempt.unix_seconds(), error});
  }
  void mark_failed(std::int64_t id, core::Instant now, const std::string& error) override {
    std::lock_guard lock(mu_);
    conn().query("UPDATE outbox SET state = 'failed', attempts = attempts + 1, last_error = $2, lease_until = 0,"
                 " sent_at = 0, next_attempt_at = $3 WHERE id = $1 AND state = 'scheduled'",
                 {id, error, now.unix_seconds()});
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
