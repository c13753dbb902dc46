// Private to server/integrations: the tables of calendars, feeds and webhooks (through
// store::IntegDb, on SQLite or PostgreSQL like the Store), and the in-memory state the
// request path reads without I/O.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "kairos/schedule.hpp"
#include "store/integ_db.hpp"

namespace kairos::server::integ {

struct CalendarRow {
  std::string id, account_id, host_id, name, url;
  bool busy = true;
  int refresh_minutes = 30;
  std::string ics, etag, last_modified, blocks;
  std::int64_t events = 0, last_fetched = 0, last_attempt = 0, failures = 0, next_fetch_at = 0, created_at = 0;
  std::string last_error;
};

struct WebhookSub {
  std::string id, account_id, url, secret, notify_email;
  std::vector<std::string> events;
  bool enabled = true;
};

// A host's busy blocks from its busy calendars: timed ones sorted by start (with the
// longest length, for the range search), whole days sorted by date.
struct HostBusy {
  std::vector<core::BusyBlock> timed, days;
  std::int64_t longest = 0;
};

struct State {
  explicit State(std::unique_ptr<store::IntegDb> d) : db(std::move(d)) {}
  ~State() { db->stop_listening(); }  // its callbacks use the members below
  State(const State&) = delete;
  State& operator=(const State&) = delete;
  std::unique_ptr<store::IntegDb> db;
  std::mutex busy_mu;
  std::unordered_map<std::string, std::shared_ptr<const HostBusy>> busy;  // host id →
  std::mutex hooks_mu;
  std::map<std::string, std::vector<WebhookSub>> hooks;  // account → enabled subscriptions
  std::mutex fetch_mu, deliver_mu;                        // one pass of each at a time
};

}  // namespace kairos::server::integ
