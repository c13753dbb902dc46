// The statements with which several instances on one PostgreSQL database share their
// background work, in one place so tests/store/pg_claims_test.cpp runs exactly what the
// servers run (holding one instance's claim open while the others claim). Written in
// the portable dialect of integ_db.hpp: `$n` placeholders and `/*FOR UPDATE … SKIP
// LOCKED*/`, a locking clause on PostgreSQL (pg::from_portable) and a comment on SQLite.
//
// Every claim has the same parameters: $1 now, $2 the lease's end, $3 how many rows.
// A row is claimable when due and not leased (lease end <= now); the claim leases it.
// SKIP LOCKED makes concurrent claims take disjoint rows without waiting; the lease
// keeps a claimed row from being claimed again after the claim commits, until the
// worker marks it done or the lease runs out (a worker that died).
#pragma once

namespace kairos::server::store::claims {

// Mail and SMS due for delivery (postgres/pg_delivery_queue.cpp).
inline constexpr const char* kMail =
    "UPDATE outbox SET lease_until = $2 WHERE id IN ("
    " SELECT id FROM outbox WHERE state = 'scheduled' AND handed_off_at > 0 AND send_at <= $1 AND channel <> 'webhook'"
    " AND next_attempt_at <= $1 AND lease_until <= $1 ORDER BY send_at, id LIMIT $3 /*FOR UPDATE SKIP LOCKED*/)"
    " RETURNING id, account_id, booking_uid, msg_key, template_key, channel, recipient, payload, send_at, attempts";

// What the delivery worker writes back for a claimed message ($1 id): sent ($2 now,
// $3 Message-ID), to retry ($2 next attempt, $3 error), failed for good ($2 error,
// $3 now). Only a message still scheduled changes (cancelled meanwhile: left alone).
inline constexpr const char* kMailSent =
    "UPDATE outbox SET state = 'sent', sent_at = $2, message_id = $3, attempts = attempts + 1,"
    " lease_until = 0, last_error = '' WHERE id = $1 AND state = 'scheduled'";
inline constexpr const char* kMailRetry =
    "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $2, last_error = $3, lease_until = 0"
    " WHERE id = $1 AND state = 'scheduled'";
inline constexpr const char* kMailFailed =
    "UPDATE outbox SET state = 'failed', attempts = attempts + 1, last_error = $2, lease_until = 0,"
    " sent_at = 0, next_attempt_at = $3 WHERE id = $1 AND state = 'scheduled'";

// Webhook deliveries (integrations/webhooks.cpp): the oldest undelivered event per
// (subscription, subject) only, so a booking's events go out in order; its next event
// waits while its predecessor is leased elsewhere.
inline constexpr const char* kWebhooks =
    "UPDATE outbox SET lease_until = $2 WHERE id IN ("
    " SELECT o.id FROM outbox o JOIN webhooks w ON w.id = o.recipient"
    " WHERE o.channel = 'webhook' AND o.state = 'scheduled' AND w.enabled = 1 AND o.send_at <= $1"
    " AND o.next_attempt_at <= $1 AND o.lease_until <= $1"
    // As a correlated min(): one index probe per row (outbox_webhook). PostgreSQL
    // planned the equivalent NOT EXISTS as a nested-loop anti join on stale
    // statistics: 2.5 s for 1,000 pending events instead of 70 ms.
    " AND o.id = (SELECT min(p.id) FROM outbox p WHERE p.channel = 'webhook' AND p.state = 'scheduled'"
    "   AND p.recipient = o.recipient AND p.booking_uid = o.booking_uid)"
    " ORDER BY o.id LIMIT $3 /*FOR UPDATE OF o SKIP LOCKED*/)"
    " RETURNING id, recipient, payload, template_key, attempts, account_id";

// Calendar feeds due for a fetch (integrations/calendars.cpp); next_fetch_at doubles as
// the lease. The caller appends the columns it wants back.
inline constexpr const char* kCalendarsReturning =
    "UPDATE calendars SET next_fetch_at = $2 WHERE id IN (SELECT id FROM calendars"
    " WHERE next_fetch_at <= $1 ORDER BY next_fetch_at, id LIMIT $3 /*FOR UPDATE SKIP LOCKED*/)"
    " RETURNING ";

// The hand-off of scheduled messages (reminders, follow-ups, …) to delivery: not a
// lease but one atomic UPDATE; a concurrent one waits for the row and then finds
// handed_off_at set, so each message is handed off once. $1 now.
inline constexpr const char* kOutboxHandOff =
    "UPDATE outbox SET handed_off_at = $1 WHERE state = 'scheduled' AND handed_off_at = 0 AND send_at <= $1";

}  // namespace kairos::server::store::claims
