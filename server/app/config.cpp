// Command-line parsing (CLI11 is not installed on the build machines; the option set is
// small enough to read by hand).
#include "config.hpp"

#include <cstdlib>
#include <iostream>
#include <string_view>

#ifndef KAIROS_SOURCE_DIR
#define KAIROS_SOURCE_DIR "."
#endif
#ifndef KAIROS_CONSOLE_DIR
#define KAIROS_CONSOLE_DIR KAIROS_SOURCE_DIR "/build/native/console"
#endif

namespace kairos::server {
namespace {

const char* kUsage =
    "usage: kairos-server --db PATH [--bind ADDR] [--port N] [--threads N] [--admin-key KEY]\n"
    "                     [--demo] [--smtp URL] [--public-url URL] [--booking-rate N]\n"
    "                     [--web-root DIR] [--widget-dir DIR] [--console-dir DIR]\n"
    "                     [--cors-origins A,B|*]\n"
    "                     [--body-limit BYTES] [--log-level debug|info|warn|error]\n"
    "                     [--scheduler-seconds N] [--clock-offset-seconds N] [--trust-proxy]\n"
    "                     [--print-routes]\n"
    "                     [--mail-from ADDR] [--mail-name NAME] [--sms log|webhook:URL]\n"
    "                     [--delivery-seconds N] [--test-clock]\n"
    "                     [--max-connections N] [--max-connections-per-client N] [--keepalive-seconds N]\n"
    "                     [--allow-private-targets] [--feed-seconds N] [--feed-timeout-seconds N]\n"
    "                     [--feed-max-bytes N] [--feed-horizon-days N] [--feed-notify-after N]\n"
    "                     [--webhook-timeout-seconds N] [--webhook-max-attempts N] [--webhook-disable-after N]\n"
    "                     [--bounce-address ADDR] [--bounce-imap imap://USER:PASS@HOST:PORT/BOX]\n";

bool to_int(std::string_view s, long lo, long hi, int& out) {
  if (s.empty() || s.size() > 10) return false;
  long v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  if (v < lo || v > hi) return false;
  out = static_cast<int>(v);
  return true;
}

}  // namespace

std::string Config::public_domain() const {
  const auto p = public_url.find("://");
  std::string rest = p == std::string::npos ? public_url : public_url.substr(p + 3);
  rest = rest.substr(0, rest.find('/'));
  rest = rest.substr(0, rest.find(':'));
  return rest.empty() ? "kairos.local" : rest;
}

std::optional<Config> parse_config(int argc, char** argv, int& exit_code) {
  Config c;
  c.web_root = std::string(KAIROS_SOURCE_DIR) + "/web";
  c.widget_dir = std::string(KAIROS_SOURCE_DIR) + "/build/wasm/wasm";
  c.console_dir = KAIROS_CONSOLE_DIR;
  if (const char* k = std::getenv("KAIROS_ADMIN_KEY")) c.admin_key = k;
  if (const char* m = std::getenv("KAIROS_SMTP")) c.smtp = m;
  bool port_set = false;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    auto value = [&](std::string& out) {
      if (i + 1 >= argc) return false;
      out = argv[++i];
      return true;
    };
    auto number = [&](int& out, long lo, long hi) { return i + 1 < argc && to_int(argv[++i], lo, hi, out); };
    bool ok = true;
    std::string tmp;
    if (a == "--help" || a == "-h") {
      std::cout << kUsage;
      exit_code = 0;
      return std::nullopt;
    } else if (a == "--db") ok = value(c.db);
    else if (a == "--bind") ok = value(c.bind);
    else if (a == "--port") ok = number(c.port, 0, 65535), port_set = true;
    else if (a == "--threads") ok = number(c.threads, 1, 256);
    else if (a == "--admin-key") ok = value(c.admin_key);
    else if (a == "--demo") c.demo = true;
    else if (a == "--smtp") ok = value(c.smtp);
    else if (a == "--public-url") ok = value(c.public_url);
    else if (a == "--booking-rate") ok = number(c.booking_rate, 0, 1000000);
    else if (a == "--web-root") ok = value(c.web_root);
    else if (a == "--widget-dir") ok = value(c.widget_dir);
    else if (a == "--console-dir") ok = value(c.console_dir);
    else if (a == "--cors-origins") ok = value(tmp), c.cors_origins = split_commas(tmp);
    else if (a == "--body-limit") {
      int n = 0;
      ok = number(n, 1024, 64 * 1024 * 1024);
      c.body_limit = static_cast<std::size_t>(n);
    } else if (a == "--log-level") ok = value(c.log_level);
    else if (a == "--scheduler-seconds") ok = number(c.scheduler_seconds, 1, 86400);
    else if (a == "--print-routes") c.print_routes = true;
    else if (a == "--trust-proxy") c.trust_proxy = true;
    else if (a == "--clock-offset-seconds") {
      int n = 0;
      bool negative = i + 1 < argc && argv[i + 1][0] == '-';
      if (negative) ++argv[i + 1];
      ok = number(n, 0, 3660 * 86400);
      c.clock_offset_seconds = negative ? -static_cast<long>(n) : n;
    }
    else if (a == "--mail-from") ok = value(c.mail_from);
    else if (a == "--mail-name") ok = value(c.mail_name);
    else if (a == "--sms") ok = value(c.sms);
    else if (a == "--delivery-seconds") ok = number(c.delivery_seconds, 1, 3600);
    else if (a == "--test-clock") c.test_clock = true;
    else if (a == "--allow-private-targets") c.allow_private_targets = true;
    else if (a == "--feed-seconds") ok = number(c.feed_seconds, 1, 86400);
    else if (a == "--feed-timeout-seconds") ok = number(c.feed_timeout_seconds, 1, 600);
    else if (a == "--feed-max-bytes") {
      int n = 0;
      ok = number(n, 1024, 1024 * 1024 * 1024);
      c.feed_max_bytes = static_cast<std::size_t>(n);
    }
    else if (a == "--feed-horizon-days") ok = number(c.feed_horizon_days, 7, 3660);
    else if (a == "--feed-notify-after") ok = number(c.feed_notify_after, 1, 1000);
    else if (a == "--webhook-timeout-seconds") ok = number(c.webhook_timeout_seconds, 1, 120);
    else if (a == "--webhook-max-attempts") ok = number(c.webhook_max_attempts, 1, 1000);
    else if (a == "--webhook-disable-after") ok = number(c.webhook_disable_after, 1, 100000);
    else if (a == "--bounce-address") ok = value(c.bounce_address);
    else if (a == "--bounce-imap") ok = value(c.bounce_imap);
    else if (a == "--max-connections") ok = number(c.max_connections, 1, 1000000);
    else if (a == "--max-connections-per-client") ok = number(c.max_connections_per_client, 0, 1000000);
    else if (a == "--keepalive-seconds") ok = number(c.keepalive_seconds, 1, 3600);
    else {
      std::cerr << "kairos-server: unknown option " << a << "\n" << kUsage;
      exit_code = 2;
      return std::nullopt;
    }
    if (!ok) {
      std::cerr << "kairos-server: bad or missing value for " << a << "\n" << kUsage;
      exit_code = 2;
      return std::nullopt;
    }
  }
  (void)port_set;
  if (c.public_url.empty()) c.public_url = "http://" + c.bind + ":" + std::to_string(c.port);
  while (!c.public_url.empty() && c.public_url.back() == '/') c.public_url.pop_back();
  exit_code = 0;
  return c;
}

std::vector<std::string> split_commas(const std::string& s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i <= s.size()) {
    auto j = s.find(',', i);
    if (j == std::string::npos) j = s.size();
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

}  // namespace kairos::server
