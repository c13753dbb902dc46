-- 0004 (SQLite 0007): calendars in (a host's iCalendar subscriptions and uploads, with
-- the last good copy and its expansion into busy blocks), feeds out (secret
-- subscription URLs), webhook subscriptions and the integrations' cursors. Webhook
-- deliveries are outbox rows of channel 'webhook' (claimed with FOR UPDATE SKIP LOCKED
-- and a lease, like mail). Flags are integers, as in SQLite, so the same statements
-- run on both (store/integ_db.hpp).
CREATE TABLE calendars (
  id              text PRIMARY KEY,
  account_id      text NOT NULL,
  host_id         text NOT NULL,
  name            text NOT NULL,
  url             text NOT NULL DEFAULT '',
  busy            integer NOT NULL DEFAULT 1,
  refresh_minutes integer NOT NULL DEFAULT 30,
  ics             text NOT NULL DEFAULT '',
  etag            text NOT NULL DEFAULT '',
  last_modified   text NOT NULL DEFAULT '',
  blocks          text NOT NULL DEFAULT '',
  events          bigint NOT NULL DEFAULT 0,
  last_fetched    bigint NOT NULL DEFAULT 0,
  last_attempt    bigint NOT NULL DEFAULT 0,
  last_error      text NOT NULL DEFAULT '',
  failures        bigint NOT NULL DEFAULT 0,
  next_fetch_at   bigint NOT NULL DEFAULT 0,  -- also the fetch lease while one instance reads it
  created_at      bigint NOT NULL
);
CREATE INDEX calendars_host ON calendars(host_id);
CREATE INDEX calendars_due ON calendars(next_fetch_at);
CREATE TABLE feeds (
  id          text PRIMARY KEY,
  account_id  text NOT NULL,
  token       text NOT NULL UNIQUE,
  scope       text NOT NULL,
  target      text NOT NULL DEFAULT '',
  created_at  bigint NOT NULL
);
CREATE INDEX feeds_account ON feeds(account_id);
CREATE TABLE webhooks (
  id              text PRIMARY KEY,
  account_id      text NOT NULL,
  url             text NOT NULL,
  events          text NOT NULL,
  secret          text NOT NULL,
  notify_email    text NOT NULL DEFAULT '',
  enabled         integer NOT NULL DEFAULT 1,
  failures        bigint NOT NULL DEFAULT 0,
  disabled_reason text NOT NULL DEFAULT '',
  created_at      bigint NOT NULL
);
CREATE INDEX webhooks_account ON webhooks(account_id);
CREATE TABLE integration_cursors (name text PRIMARY KEY, value bigint NOT NULL);
CREATE INDEX outbox_webhook ON outbox(channel, state, recipient, booking_uid, id);
