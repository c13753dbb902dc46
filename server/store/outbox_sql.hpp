// The outbox list both stores serve (Store::outbox), written once in the portable `$n`
// dialect that SQLite and PostgreSQL both run (SQLite numbers `$2` used twice as one
// parameter). Both stores read the columns in this order (their row_to_outbox).
#pragma once

#include <cstdint>
#include <limits>
#include <string>

#include "store.hpp"

namespace kairos::server::store::outbox_sql {

inline constexpr const char* kColumns =
    "id, account_id, booking_uid, msg_key, template_key, channel, recipient, send_at, state, payload, "
    "created_at, handed_off_at, attempts, last_error, sent_at";

// $1 account, $2 booking or owner ('' = all of the account's), $3 the bound from
// list_bound: ids above it oldest first, or below it newest first; at most 1000 rows.
inline const std::string& list(OutboxOrder order) {
  static const std::string where =
      std::string("SELECT ") + kColumns + " FROM outbox WHERE account_id = $1 AND ($2 = '' OR booking_uid = $2) AND ";
  static const std::string oldest = where + "id > $3 ORDER BY id LIMIT 1000";
  static const std::string newest = where + "id < $3 ORDER BY id DESC LIMIT 1000";
  return order == OutboxOrder::newest ? newest : oldest;
}

// One message by id ($1): a bounce names its message.
inline const std::string& by_id() {
  static const std::string sql = std::string("SELECT ") + kColumns + " FROM outbox WHERE id = $1";
  return sql;
}

// The cursor as the list's $3: newest first from the top when no cursor is given (a
// plain upper bound, not a "0 means none" OR, keeps the read a backwards id range).
inline std::int64_t list_bound(OutboxOrder order, std::int64_t cursor) {
  if (order == OutboxOrder::newest && cursor <= 0) return std::numeric_limits<std::int64_t>::max();
  return cursor;
}

}  // namespace kairos::server::store::outbox_sql
