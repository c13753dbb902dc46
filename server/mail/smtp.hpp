// Delivers rendered mails over SMTP with libcurl. Every failure is classified: a
// temporary one (connection refused, timeout, 4xx reply) is retried later by the
// outbox worker; a permanent one (5xx reply, e.g. unknown mailbox) is recorded on
// the booking so staff can fall back to the guest's phone (R-INQ-4).
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace kairos::server::mail {

struct SendOutcome {
  enum class Kind { sent, temporary_failure, permanent_failure };
  Kind kind = Kind::sent;
  std::string detail;  // for logs and the outbox; never shown to guests
};

struct SmtpConfig {
  std::string url;  // "smtp://127.0.0.1:2525" or "smtps://host:465"
  std::string username;
  std::string password;
  long timeout_seconds = 20;
};

// One sender keeps one libcurl handle, so consecutive mails reuse the SMTP connection
// (curl notices a connection the server closed and opens a new one). Thread-safe: sends
// are serialised.
class SmtpSender {
 public:
  explicit SmtpSender(SmtpConfig config);
  ~SmtpSender();
  SmtpSender(const SmtpSender&) = delete;
  SmtpSender& operator=(const SmtpSender&) = delete;
  SendOutcome send(const std::string& envelope_from, const std::vector<std::string>& recipients,
                   const std::string& message) const;

 private:
  SmtpConfig config_;
  mutable std::mutex mu_;
  mutable void* curl_ = nullptr;  // CURL*, created on first use
};

}  // namespace kairos::server::mail
