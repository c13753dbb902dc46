-- 0007: calendars in (a host's iCalendar subscriptions and uploads, with the last good
-- copy and its expansion into busy blocks), feeds out (secret subscription URLs) and
-- webhook subscriptions. Webhook deliveries are outbox rows of channel 'webhook'.
CREATE TABLE calendars (
  id              TEXT PRIMARY KEY,
  account_id      TEXT NOT NULL,
  host_id         TEXT NOT NULL,
  name            TEXT NOT NULL,
  url             TEXT NOT NULL DEFAULT '',   -- empty for an upload
  busy            INTEGER NOT NULL DEFAULT 1, -- counts as busy time
  refresh_minutes INTEGER NOT NULL DEFAULT 30,
  ics             TEXT NOT NULL DEFAULT '',   -- the last good copy
  etag            TEXT NOT NULL DEFAULT '',
  last_modified   TEXT NOT NULL DEFAULT '',
  blocks          TEXT NOT NULL DEFAULT '',   -- its expansion: {"t":[[start,end],…],"d":[day,…]}
  events          INTEGER NOT NULL DEFAULT 0,
  last_fetched    INTEGER NOT NULL DEFAULT 0, -- last success (fetch, 304 or upload)
  last_attempt    INTEGER NOT NULL DEFAULT 0,
  last_error      TEXT NOT NULL DEFAULT '',
  failures        INTEGER NOT NULL DEFAULT 0, -- consecutive failed fetches
  next_fetch_at   INTEGER NOT NULL DEFAULT 0,
  created_at      INTEGER NOT NULL
);
CREATE INDEX calendars_host ON calendars(host_id);
CREATE INDEX calendars_due ON calendars(next_fetch_at);
CREATE TABLE feeds (
  id          TEXT PRIMARY KEY,
  account_id  TEXT NOT NULL,
  token       TEXT NOT NULL UNIQUE,      -- the secret of the URL (shown again for copying)
  scope       TEXT NOT NULL,              -- host | room | account
  target      TEXT NOT NULL DEFAULT '',   -- the host or room id
  created_at  INTEGER NOT NULL
);
CREATE INDEX feeds_account ON feeds(account_id);
CREATE TABLE webhooks (
  id              TEXT PRIMARY KEY,
  account_id      TEXT NOT NULL,
  url             TEXT NOT NULL,
  events          TEXT NOT NULL,            -- comma-separated event types
  secret          TEXT NOT NULL,
  notify_email    TEXT NOT NULL DEFAULT '',
  enabled         INTEGER NOT NULL DEFAULT 1,
  failures        INTEGER NOT NULL DEFAULT 0, -- consecutive failed attempts
  disabled_reason TEXT NOT NULL DEFAULT '',
  created_at      INTEGER NOT NULL
);
CREATE INDEX webhooks_account ON webhooks(account_id);
-- Where the delivery.failed events have got to in the outbox.
CREATE TABLE integration_cursors (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE INDEX outbox_webhook ON outbox(channel, state, recipient, booking_uid, id);
