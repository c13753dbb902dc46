-- 0001 (PostgreSQL): the SQLite schema as of its migration 0004, with the database
-- itself forbidding double bookings. Times stay unix seconds (bigint), as in SQLite, so
-- `kairos-server migrate` copies rows unchanged and both stores share one contract.
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE accounts (
  id          text PRIMARY KEY,
  name        text NOT NULL,
  created_at  bigint NOT NULL
);
CREATE TABLE api_keys (
  key_hash    text PRIMARY KEY,
  account_id  text NOT NULL REFERENCES accounts(id),
  created_at  bigint NOT NULL
);
CREATE TABLE hosts (
  id          text PRIMARY KEY,
  account_id  text NOT NULL REFERENCES accounts(id),
  doc         text NOT NULL,
  seq         bigserial  -- insertion order (SQLite's rowid)
);
CREATE INDEX hosts_account ON hosts(account_id);
CREATE TABLE rooms (
  id          text PRIMARY KEY,
  account_id  text NOT NULL REFERENCES accounts(id),
  name        text NOT NULL,
  seq         bigserial
);
CREATE INDEX rooms_account ON rooms(account_id);
CREATE TABLE pages (
  id          text PRIMARY KEY,
  account_id  text NOT NULL REFERENCES accounts(id),
  doc         text NOT NULL,
  deleted     bigint NOT NULL DEFAULT 0,
  seq         bigserial
);
CREATE INDEX pages_account ON pages(account_id);

-- The span a booking keeps to itself: its time widened by half of each buffer. Two
-- spans overlap only when the core would refuse the pair (buffered slot against booked
-- time, or time against a booking's buffers), exactly so when buffers are symmetric,
-- so the constraint below never refuses what the core allows. 30 = 60 s / 2.
CREATE TABLE bookings (
  uid          text PRIMARY KEY,
  account_id   text NOT NULL REFERENCES accounts(id),
  page_id      text NOT NULL,
  event_type   text NOT NULL,
  host_id      text NOT NULL,
  room_id      text NOT NULL DEFAULT '',
  start_s      bigint NOT NULL,
  end_s        bigint NOT NULL,
  status       text NOT NULL,
  token_hash   text NOT NULL,
  guest_name   text NOT NULL DEFAULT '',
  guest_email  text NOT NULL DEFAULT '',
  guest_phone  text NOT NULL DEFAULT '',
  checkin_code text NOT NULL DEFAULT '',
  host_ids     text NOT NULL DEFAULT '',
  buffer_before_min bigint NOT NULL DEFAULT 0,
  buffer_after_min  bigint NOT NULL DEFAULT 0,
  doc          text NOT NULL DEFAULT '{}',
  created_at   bigint NOT NULL,
  updated_at   bigint NOT NULL,
  span int8range GENERATED ALWAYS AS
    (int8range(start_s - buffer_before_min * 30, end_s + buffer_after_min * 30)) STORED,
  CONSTRAINT bookings_room_no_overlap EXCLUDE USING gist (room_id WITH =, span WITH &&)
    WHERE (room_id <> '' AND status IN ('pending', 'approved', 'rescheduled'))
);
CREATE INDEX bookings_account_start ON bookings(account_id, start_s);
CREATE INDEX bookings_status_end ON bookings(status, end_s);
CREATE INDEX bookings_room_start ON bookings(room_id, start_s);
CREATE INDEX bookings_checkin ON bookings(checkin_code);

-- Every host attending a booking, with what the slot engine needs; one row per host so
-- the exclusion constraint covers each host of an "all hosts" booking.
CREATE TABLE booking_hosts (
  host_id           text NOT NULL,
  start_s           bigint NOT NULL,
  booking_uid       text NOT NULL REFERENCES bookings(uid) ON DELETE CASCADE,
  end_s             bigint NOT NULL,
  status            text NOT NULL,
  room_id           text NOT NULL DEFAULT '',
  host_ids          text NOT NULL DEFAULT '',
  buffer_before_min bigint NOT NULL DEFAULT 0,
  buffer_after_min  bigint NOT NULL DEFAULT 0,
  span int8range GENERATED ALWAYS AS
    (int8range(start_s - buffer_before_min * 30, end_s + buffer_after_min * 30)) STORED,
  PRIMARY KEY (host_id, start_s, booking_uid),
  CONSTRAINT booking_hosts_no_overlap EXCLUDE USING gist (host_id WITH =, span WITH &&)
    WHERE (status IN ('pending', 'approved', 'rescheduled'))
);
CREATE INDEX booking_hosts_booking ON booking_hosts(booking_uid);

CREATE TABLE idempotency_keys (
  scope        text NOT NULL,
  key          text NOT NULL,
  body_hash    text NOT NULL,
  status       bigint NOT NULL,
  response     text NOT NULL,
  created_at   bigint NOT NULL,
  PRIMARY KEY (scope, key)
);

CREATE TABLE outbox (
  id              bigserial PRIMARY KEY,
  account_id      text NOT NULL,
  booking_uid     text NOT NULL DEFAULT '',
  msg_key         text NOT NULL,
  template_key    text NOT NULL DEFAULT '',
  channel         text NOT NULL DEFAULT 'mail',
  recipient       text NOT NULL,
  send_at         bigint NOT NULL,
  state           text NOT NULL,
  payload         text NOT NULL DEFAULT '{}',
  handed_off_at   bigint NOT NULL DEFAULT 0,
  attempts        bigint NOT NULL DEFAULT 0,
  last_error      text NOT NULL DEFAULT '',
  created_at      bigint NOT NULL,
  next_attempt_at bigint NOT NULL DEFAULT 0,
  lease_until     bigint NOT NULL DEFAULT 0,
  sent_at         bigint NOT NULL DEFAULT 0,
  message_id      text NOT NULL DEFAULT ''
);
CREATE INDEX outbox_due ON outbox(state, handed_off_at, send_at);
-- (booking, key): the planner must never scan all scheduled messages to replace one.
CREATE INDEX outbox_booking ON outbox(booking_uid, msg_key);
CREATE INDEX outbox_delivery ON outbox(state, handed_off_at, next_attempt_at);

CREATE TABLE token_docs (
  kind         text NOT NULL,
  id           text NOT NULL,
  account_id   text NOT NULL,
  token_hash   text NOT NULL,
  state        text NOT NULL,
  doc          text NOT NULL,
  created_at   bigint NOT NULL,
  updated_at   bigint NOT NULL,
  PRIMARY KEY (kind, id)
);
CREATE UNIQUE INDEX token_docs_token ON token_docs(kind, token_hash);

CREATE TABLE server_secrets (
  name        text PRIMARY KEY,
  value       text NOT NULL,
  created_at  bigint NOT NULL
);
CREATE TABLE used_links (
  nonce       text PRIMARY KEY,
  purpose     text NOT NULL,
  subject     text NOT NULL,
  used_at     bigint NOT NULL
);
