#include "smtp.hpp"

#include <curl/curl.h>

#include <cstring>

namespace kairos::server::mail {
namespace {

struct Upload {
  const std::string* data;
  std::size_t pos = 0;
};

std::size_t read_cb(char* buf, std::size_t size, std::size_t n, void* user) {
  auto* u = static_cast<Upload*>(user);
  const std::size_t room = size * n;
  const std::size_t left = u->data->size() - u->pos;
  const std::size_t take = left < room ? left : room;
  std::memcpy(buf, u->data->data() + u->pos, take);
  u->pos += take;
  return take;
}

std::string bracket(const std::string& a) { return "<" + a + ">"; }

}  // namespace

SmtpSender::SmtpSender(SmtpConfig config) : config_(std::move(config)) {}

SmtpSender::~SmtpSender() {
  if (curl_) curl_easy_cleanup(static_cast<CURL*>(curl_));
}

SendOutcome SmtpSender::send(const std::string& envelope_from, const std::vector<std::string>& recipients,
                             const std::string& message) const {
  static const bool initialised = [] { return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK; }();
  if (!initialised) return {SendOutcome::Kind::temporary_failure, "libcurl failed to initialise"};
  std::lock_guard lock(mu_);
  if (!curl_) curl_ = curl_easy_init();
  CURL* curl = static_cast<CURL*>(curl_);
  if (!curl) return {SendOutcome::Kind::temporary_failure, "libcurl: no handle"};
  curl_easy_reset(curl);  // keeps the open connection, forgets the previous mail's options
  curl_slist* rcpt = nullptr;
  for (const auto& r : recipients) rcpt = curl_slist_append(rcpt, bracket(r).c_str());
  Upload up{&message};
  const std::string from = bracket(envelope_from);
  curl_easy_setopt(curl, CURLOPT_URL, config_.url.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_cb);
  curl_easy_setopt(curl, CURLOPT_READDATA, &up);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, config_.timeout_seconds);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 5L);
  if (!config_.username.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, config_.username.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, config_.password.c_str());
  }
  char err[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, err);
  const CURLcode rc = curl_easy_perform(curl);
  long reply = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply);
  curl_slist_free_all(rcpt);
  if (rc == CURLE_OK) return {SendOutcome::Kind::sent, "250"};
  std::string detail = std::string(curl_easy_strerror(rc)) + (err[0] ? std::string(": ") + err : "");
  if (reply > 0) detail += " (reply " + std::to_string(reply) + ")";
  // A 5xx reply is a definite "no" from the server; everything else may pass later.
  if (reply >= 500 && reply < 600) return {SendOutcome::Kind::permanent_failure, detail};
  return {SendOutcome::Kind::temporary_failure, detail};
}

}  // namespace kairos::server::mail
