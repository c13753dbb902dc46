// SMS as a second channel (reminders go to mail and SMS as configured). The sender is
// pluggable: a webhook sender POSTs JSON {to, text, id} to a configured URL (the
// site's SMS gateway), and a log sender writes messages to the log for development.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "smtp.hpp"

namespace kairos::server::mail {

struct SmsMessage {
  std::string id;  // stable per planned message: the gateway can drop duplicates
  std::string to;  // E.164 phone number
  std::string text;
};

class SmsSender {
 public:
  virtual ~SmsSender() = default;
  virtual SendOutcome send(const SmsMessage& m) = 0;
};

// POSTs application/json to `url`; 2xx = sent, 4xx = permanent, anything else temporary.
class WebhookSmsSender final : public SmsSender {
 public:
  explicit WebhookSmsSender(std::string url, std::string bearer_token = {})
      : url_(std::move(url)), token_(std::move(bearer_token)) {}
  SendOutcome send(const SmsMessage& m) override;

 private:
  std::string url_;
  std::string token_;
};

class LogSmsSender final : public SmsSender {
 public:
  explicit LogSmsSender(std::function<void(const std::string&)> log) : log_(std::move(log)) {}
  SendOutcome send(const SmsMessage& m) override;

 private:
  std::function<void(const std::string&)> log_;
};

// "webhook:https://…" → WebhookSmsSender, "log" or empty → LogSmsSender.
std::unique_ptr<SmsSender> make_sms_sender(const std::string& spec, std::function<void(const std::string&)> log);

}  // namespace kairos::server::mail
