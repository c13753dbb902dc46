-- 0002: delivery state of outbox messages (retries with backoff, leases so a crash
-- mid-send re-sends rather than loses, the Message-ID a retry keeps).
ALTER TABLE outbox ADD COLUMN next_attempt_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN lease_until INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN sent_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN message_id TEXT NOT NULL DEFAULT '';
CREATE INDEX outbox_delivery ON outbox(state, handed_off_at, next_attempt_at);
