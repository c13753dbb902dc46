#include "delivery_service.hpp"

#include <memory>
#include <mutex>

#include "http/log.hpp"
#include "mail_composer.hpp"
#include "store/open.hpp"

namespace kairos::server {
namespace {

struct Runtime {
  std::mutex mu;
  std::unique_ptr<mail::DeliveryQueue> queue;
  std::unique_ptr<StoreComposer> composer;
  std::unique_ptr<mail::SmtpSender> smtp;
  std::unique_ptr<mail::SmsSender> sms;
  std::unique_ptr<mail::DeliveryWorker> worker;
};

Runtime& runtime() {
  static Runtime r;
  return r;
}

}  // namespace

void start_delivery(App& app) {
  Runtime& r = runtime();
  std::lock_guard lock(r.mu);
  if (r.worker || app.cfg.db == ":memory:") return;
  r.queue = store::open_delivery_queue(app.cfg.db);
  r.composer = std::make_unique<StoreComposer>(app);
  if (!app.cfg.smtp.empty()) {
    mail::SmtpConfig smtp;
    smtp.url = app.cfg.smtp;
    r.smtp = std::make_unique<mail::SmtpSender>(smtp);
  }
  r.sms = mail::make_sms_sender(app.cfg.sms, [](const std::string& line) { log::info("sms", {{"message", line}}); });
  r.worker = std::make_unique<mail::DeliveryWorker>(*r.queue, *r.composer, r.smtp.get(), r.sms.get());
}

mail::DeliveryStats run_delivery_once(App& app) {
  Runtime& r = runtime();
  std::lock_guard lock(r.mu);
  if (!r.worker) return {};
  if (!r.smtp) return {};  // without SMTP everything waits in the outbox, nothing is dropped
  mail::DeliveryStats total;
  app.store.release_due_outbox(app.now());
  // Drain what is due in batches, bounded so one pass never runs forever.
  for (int round = 0; round < 20; ++round) {
    auto s = r.worker->run_once(app.now(), 50);
    total.sent += s.sent;
    total.retried += s.retried;
    total.failed += s.failed;
    if (s.sent + s.retried + s.failed < 50) break;
  }
  if (total.sent + total.retried + total.failed > 0) {
    log::info("outbox delivery", {{"sent", total.sent}, {"retried", total.retried}, {"failed", total.failed}});
  }
  return total;
}

}  // namespace kairos::server
