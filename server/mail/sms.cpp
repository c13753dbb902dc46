#include "sms.hpp"

#include <curl/curl.h>

#include "kairos/wire/integrations.hpp"

namespace kairos::server::mail {
namespace {
std::size_t discard(char*, std::size_t size, std::size_t n, void*) { return size * n; }
}  // namespace

SendOutcome WebhookSmsSender::send(const SmsMessage& m) {
  CURL* curl = curl_easy_init();
  if (!curl) return {SendOutcome::Kind::temporary_failure, "libcurl: no handle"};
  const std::string body = wire::sms_gateway_body(m.id, m.to, m.text);
  curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
  const std::string auth = "Authorization: Bearer " + token_;
  if (!token_.empty()) headers = curl_slist_append(headers, auth.c_str());
  const std::string idem = "Idempotency-Key: " + m.id;
  headers = curl_slist_append(headers, idem.c_str());
  curl_easy_setopt(curl, CURLOPT_URL, url_.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
  curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 15L);
  const CURLcode rc = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK) return {SendOutcome::Kind::temporary_failure, curl_easy_strerror(rc)};
  if (status >= 200 && status < 300) return {SendOutcome::Kind::sent, std::to_string(status)};
  if (status >= 400 && status < 500 && status != 429) {
    return {SendOutcome::Kind::permanent_failure, "gateway answered " + std::to_string(status)};
  }
  return {SendOutcome::Kind::temporary_failure, "gateway answered " + std::to_string(status)};
}

SendOutcome LogSmsSender::send(const SmsMessage& m) {
  log_("sms to " + m.to + " [" + m.id + "]: " + m.text);
  return {SendOutcome::Kind::sent, "logged"};
}

std::unique_ptr<SmsSender> make_sms_sender(const std::string& spec, std::function<void(const std::string&)> log) {
  const std::string prefix = "webhook:";
  if (spec.rfind(prefix, 0) == 0) return std::make_unique<WebhookSmsSender>(spec.substr(prefix.size()));
  return std::make_unique<LogSmsSender>(std::move(log));
}

}  // namespace kairos::server::mail
