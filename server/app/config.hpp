// Start-up options of kairos-server (API.md "Server start"), parsed from argv and the
// environment without throwing: a bad option is reported and the process exits 2.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace kairos::server {

struct Config {
  std::string db = "kairos.db";
  std::string bind = "127.0.0.1";
  int port = 8080;
  int threads = 4;  // handlers block on the group commit, so more than the cores
  std::string admin_key;        // --admin-key or KAIROS_ADMIN_KEY
  bool demo = false;
  std::string smtp;             // SMTP URL of the delivery worker; empty = mail waits in the outbox
  std::string mail_from = "no-reply@kairos.local";  // envelope and From address
  std::string mail_name = "Kairos";                 // sender name when the account has none
  std::string sms = "log";      // "log" or "webhook:URL"
  int delivery_seconds = 5;     // period of the outbox delivery worker
  bool test_clock = false;      // enables POST /v1/test/clock and /v1/test/tick (tests only)
  std::string public_url;       // default http://<bind>:<port>
  int booking_rate = 30;        // creations per client per minute; 0 = off
  std::string web_root;         // default <repo>/web
  std::string widget_dir;       // default <repo>/build/wasm/wasm
  std::string console_dir;      // default <native build>/console (web/console bundled by esbuild)
  std::vector<std::string> cors_origins{"*"};
  std::size_t body_limit = 64 * 1024;
  std::string log_level = "info";
  int scheduler_seconds = 30;   // period of the completion / outbox hand-off sweep
  bool trust_proxy = false;     // client identity from X-Forwarded-For (behind nginx)
  bool print_routes = false;    // print the route table and exit (OpenAPI consistency test)
  std::string bounce_address;   // envelope sender "bounces@domain": each mail returns to bounces+o<id>@domain
  std::string bounce_imap;      // imap://user:pass@host:port/INBOX holding the DSNs sent to that address
  long clock_offset_seconds = 0;  // shifts the server's clock (tests of scheduled work, demos)
  int max_connections = 0;             // open connections in total; 0 = from the descriptor limit
  int max_connections_per_client = -1; // per peer address; 0 = off; -1 = 64 (off with --trust-proxy)

  // The host of public_url ("kairos.local" when it has none): the right-hand side of
  // Message-IDs and calendar UIDs, so every copy of one event names it alike.
  std::string public_domain() const;
  int keepalive_seconds = 30;          // idle keep-alive connections close after this
  // Calendars and webhooks (docs/INTEGRATIONS.md).
  bool allow_private_targets = false;  // feeds and webhooks may reach loopback/private addresses
  int feed_seconds = 30;               // how often the fetcher looks for due calendars
  int feed_timeout_seconds = 30;       // one fetch, all included
  std::size_t feed_max_bytes = 10 * 1024 * 1024;
  int feed_horizon_days = 400;         // recurring events are expanded this far ahead
  int feed_notify_after = 3;           // failed fetches in a row before the host is told
  int webhook_timeout_seconds = 10;
  int webhook_max_attempts = 20;       // per delivery (backoff 30 s … 1 h: about 14 h)
  int webhook_disable_after = 100;     // failed attempts in a row before a webhook is disabled
};

// nullopt after printing the problem (or --help) to stderr/stdout; `exit_code` tells which.
std::optional<Config> parse_config(int argc, char** argv, int& exit_code);

// "a,b,,c" → {"a", "b", "c"}: option lists and the stored event lists of webhooks.
std::vector<std::string> split_commas(const std::string& s);

}  // namespace kairos::server
