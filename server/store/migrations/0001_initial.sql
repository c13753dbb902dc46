-- 0001: accounts, configuration, bookings, idempotency keys, outbox, token documents.
CREATE TABLE accounts (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  created_at  INTEGER NOT NULL
);
CREATE TABLE api_keys (
  key_hash    TEXT PRIMARY KEY,
  account_id  TEXT NOT NULL REFERENCES accounts(id),
  created_at  INTEGER NOT NULL
);
CREATE TABLE hosts (
  id          TEXT PRIMARY KEY,
  account_id  TEXT NOT NULL REFERENCES accounts(id),
  doc         TEXT NOT NULL
);
CREATE INDEX hosts_account ON hosts(account_id);
CREATE TABLE rooms (
  id          TEXT PRIMARY KEY,
  account_id  TEXT NOT NULL REFERENCES accounts(id),
  name        TEXT NOT NULL
);
CREATE INDEX rooms_account ON rooms(account_id);
CREATE TABLE pages (
  id          TEXT PRIMARY KEY,
  account_id  TEXT NOT NULL REFERENCES accounts(id),
  doc         TEXT NOT NULL,
  deleted     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX pages_account ON pages(account_id);
CREATE TABLE bookings (
  uid          TEXT PRIMARY KEY,
  account_id   TEXT NOT NULL REFERENCES accounts(id),
  page_id      TEXT NOT NULL,
  event_type   TEXT NOT NULL,
  host_id      TEXT NOT NULL,
  room_id      TEXT NOT NULL DEFAULT '',
  start_s      INTEGER NOT NULL,
  end_s        INTEGER NOT NULL,
  status       TEXT NOT NULL,
  token_hash   TEXT NOT NULL,
  guest_name   TEXT NOT NULL DEFAULT '',
  guest_email  TEXT NOT NULL DEFAULT '',
  guest_phone  TEXT NOT NULL DEFAULT '',
  checkin_code TEXT NOT NULL DEFAULT '',
  host_ids     TEXT NOT NULL DEFAULT '',   -- every attending host, comma-separated, responsible first
  buffer_before_min INTEGER NOT NULL DEFAULT 0,  -- the event type's buffers when booked
  buffer_after_min  INTEGER NOT NULL DEFAULT 0,
  doc          TEXT NOT NULL DEFAULT '{}',
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
);
CREATE INDEX bookings_account_start ON bookings(account_id, start_s);
CREATE INDEX bookings_status_end ON bookings(status, end_s);
CREATE INDEX bookings_room_start ON bookings(room_id, start_s);
CREATE INDEX bookings_checkin ON bookings(checkin_code);
-- Every host attending a booking (the responsible one and, in "all" mode, the others).
-- start_s is repeated here so a host's calendar is one index range scan.
CREATE TABLE booking_hosts (
  booking_uid  TEXT NOT NULL REFERENCES bookings(uid) ON DELETE CASCADE,
  host_id      TEXT NOT NULL,
  position     INTEGER NOT NULL,
  start_s      INTEGER NOT NULL,
  PRIMARY KEY (booking_uid, host_id)
);
CREATE INDEX booking_hosts_host_start ON booking_hosts(host_id, start_s);
CREATE TABLE idempotency_keys (
  scope        TEXT NOT NULL,
  key          TEXT NOT NULL,
  body_hash    TEXT NOT NULL,
  status       INTEGER NOT NULL,
  response     TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  PRIMARY KEY (scope, key)
);
-- The core's planned messages, written in the same transaction as the booking change
-- that caused them (state "scheduled"). The scheduler hands due ones to delivery by
-- setting handed_off_at; the mail worker sends those ("sent" / "failed"). msg_key is
-- the core's stable key (a new message replaces a scheduled one with the same key).
CREATE TABLE outbox (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id    TEXT NOT NULL,
  booking_uid   TEXT NOT NULL DEFAULT '',
  msg_key       TEXT NOT NULL,
  template_key  TEXT NOT NULL DEFAULT '',
  channel       TEXT NOT NULL DEFAULT 'mail',
  recipient     TEXT NOT NULL,
  send_at       INTEGER NOT NULL,
  state         TEXT NOT NULL,
  payload       TEXT NOT NULL DEFAULT '{}',
  handed_off_at INTEGER NOT NULL DEFAULT 0,
  attempts      INTEGER NOT NULL DEFAULT 0,
  last_error    TEXT NOT NULL DEFAULT '',
  created_at    INTEGER NOT NULL
);
CREATE INDEX outbox_due ON outbox(state, handed_off_at, send_at);
CREATE INDEX outbox_booking ON outbox(booking_uid);
-- Proposals and confirmation requests: opened by a token, configuration as JSON.
CREATE TABLE token_docs (
  kind         TEXT NOT NULL,
  id           TEXT NOT NULL,
  account_id   TEXT NOT NULL,
  token_hash   TEXT NOT NULL,
  state        TEXT NOT NULL,
  doc          TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  PRIMARY KEY (kind, id)
);
CREATE UNIQUE INDEX token_docs_token ON token_docs(kind, token_hash);
