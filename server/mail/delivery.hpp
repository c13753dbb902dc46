// The delivery side of the outbox: a worker that takes messages whose time has come,
// renders them, sends them (SMTP for mail, the SMS sender for SMS) and records the
// outcome. At-least-once: a message is claimed with a lease, so a crash or restart
// mid-send lets it be sent again later rather than lost; a temporary failure (SMTP
// down, 4xx) is retried with exponential backoff; a permanent one (5xx, no address)
// ends in state "failed", which the booking and GET /v1/admin/outbox show with the
// guest's phone as the fallback contact (R-INQ-4).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "kairos/result.hpp"
#include "kairos/time.hpp"
#include "mime.hpp"
#include "sms.hpp"
#include "smtp.hpp"

namespace kairos::server::mail {

struct DeliveryItem {
  std::int64_t id = 0;
  std::string account_id, booking_uid, key, template_key, channel, recipient, payload;
  core::Instant send_at;
  int attempts = 0;
};

// Where due messages come from and where outcomes go. Implemented over the store's
// database (store/sqlite_delivery_queue.cpp, store/postgres/pg_delivery_queue.cpp;
// store/open.hpp picks one by the --db value).
class DeliveryQueue {
 public:
  virtual ~DeliveryQueue() = default;
  // Due, handed-off, scheduled messages not leased by anyone; leases them until
  // now + lease.
  virtual std::vector<DeliveryItem> claim(core::Instant now, std::size_t limit, core::Seconds lease) = 0;
  virtual void mark_sent(std::int64_t id, core::Instant now, const std::string& message_id) = 0;
  virtual void mark_retry(std::int64_t id, core::Instant next_attempt, const std::string& error) = 0;
  virtual void mark_failed(std::int64_t id, core::Instant now, const std::string& error) = 0;
};

struct ComposedMail {
  std::string envelope_from;
  std::vector<std::string> recipients;
  MailMessage message;
};

// Turns an outbox row into the message to send, reading whatever it needs (booking,
// page, templates, signed links). An error is permanent: the row cannot be rendered.
class Composer {
 public:
  virtual ~Composer() = default;
  virtual core::Result<std::variant<ComposedMail, SmsMessage>> compose(const DeliveryItem& item,
                                                                       core::Instant now) = 0;
};

struct RetryPolicy {
  core::Seconds first_delay{30};
  core::Seconds max_delay{3600};
  int max_attempts = 30;  // with the defaults: about a day of retries
  // Delay before attempt n+1 after n failed attempts: first_delay · 2^(n-1), capped.
  core::Seconds delay_after(int failed_attempts) const;
};

struct DeliveryStats {
  std::size_t sent = 0, retried = 0, failed = 0;
};

class DeliveryWorker {
 public:
  DeliveryWorker(DeliveryQueue& queue, Composer& composer, const SmtpSender* smtp, SmsSender* sms,
                 RetryPolicy policy = {})
      : queue_(queue), composer_(composer), smtp_(smtp), sms_(sms), policy_(policy) {}

  // One pass: claims up to `limit` due messages and delivers them. Returns what happened.
  DeliveryStats run_once(core::Instant now, std::size_t limit = 50);

 private:
  DeliveryQueue& queue_;
  Composer& composer_;
  const SmtpSender* smtp_;
  SmsSender* sms_;
  RetryPolicy policy_;
};

// The Message-ID of an outbox row: stable across retries of the same row.
std::string message_id_for(const DeliveryItem& item, const std::string& domain);

// SQLite implementation over the store's database file (its own connection; WAL lets
// it work beside the store's writer).
std::unique_ptr<DeliveryQueue> open_sqlite_delivery_queue(const std::string& db_path);

}  // namespace kairos::server::mail
