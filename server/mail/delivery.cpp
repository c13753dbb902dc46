#include "delivery.hpp"

#include <algorithm>

namespace kairos::server::mail {

core::Seconds RetryPolicy::delay_after(int failed_attempts) const {
  core::Seconds d = first_delay;
  for (int i = 1; i < failed_attempts && d < max_delay; ++i) d *= 2;
  return std::min(d, max_delay);
}

std::string message_id_for(const DeliveryItem& item, const std::string& domain) {
  return "outbox-" + std::to_string(item.id) + "." + item.account_id + "@" + domain;
}

DeliveryStats DeliveryWorker::run_once(core::Instant now, std::size_t limit) {
  DeliveryStats stats;
  // The lease outlives one SMTP timeout comfortably; a crash leaves rows to retry after it.
  const auto items = queue_.claim(now, limit, core::Seconds(120));
  for (const DeliveryItem& item : items) {
    auto composed = composer_.compose(item, now);
    if (!composed) {
      queue_.mark_failed(item.id, now, composed.error().code + ": " + composed.error().message);
      ++stats.failed;
      continue;
    }
    SendOutcome outcome;
    std::string mid;
    if (auto* m = std::get_if<ComposedMail>(&*composed)) {
      if (!smtp_) {
        outcome = {SendOutcome::Kind::temporary_failure, "no SMTP server configured (--smtp)"};
      } else {
        mid = m->message.message_id;
        outcome = smtp_->send(m->envelope_from, m->recipients, render_mime(m->message, std::to_string(item.id)));
      }
    } else {
      auto& sms = std::get<SmsMessage>(*composed);
      outcome = sms_ ? sms_->send(sms) : SendOutcome{SendOutcome::Kind::temporary_failure, "no SMS sender"};
      mid = sms.id;
    }
    switch (outcome.kind) {
      case SendOutcome::Kind::sent:
        queue_.mark_sent(item.id, now, mid);
        ++stats.sent;
        break;
      case SendOutcome::Kind::temporary_failure:
        if (item.attempts + 1 >= policy_.max_attempts) {
          queue_.mark_failed(item.id, now, "gave up after " + std::to_string(item.attempts + 1) + " attempts: " + outcome.detail);
          ++stats.failed;
        } else {
          queue_.mark_retry(item.id, now + policy_.delay_after(item.attempts + 1), outcome.detail);
          ++stats.retried;
        }
        break;
      case SendOutcome::Kind::permanent_failure:
        queue_.mark_failed(item.id, now, outcome.detail);
        ++stats.failed;
        break;
    }
  }
  return stats;
}

}  // namespace kairos::server::mail
