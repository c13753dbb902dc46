-- 0002 (PostgreSQL): staff logins, console sessions, named API keys and failed-login
-- counters, as SQLite's migration 0006.
CREATE TABLE staff (
  id              text PRIMARY KEY,
  account_id      text NOT NULL REFERENCES accounts(id),
  email           text NOT NULL UNIQUE,
  name            text NOT NULL,
  role            text NOT NULL CHECK (role IN ('owner', 'staff')),
  host_id         text NOT NULL DEFAULT '',
  language        text NOT NULL DEFAULT 'en',
  password_hash   text NOT NULL DEFAULT '',
  created_at      bigint NOT NULL,
  updated_at      bigint NOT NULL
);
CREATE INDEX staff_account ON staff(account_id);
CREATE TABLE sessions (
  token_hash      text PRIMARY KEY,
  staff_id        text NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
  account_id      text NOT NULL,
  created_at      bigint NOT NULL,
  expires_at      bigint NOT NULL
);
CREATE INDEX sessions_staff ON sessions(staff_id);
CREATE TABLE login_failures (
  key             text PRIMARY KEY,
  failures        bigint NOT NULL,
  last_at         bigint NOT NULL
);
ALTER TABLE api_keys ADD COLUMN id text NOT NULL DEFAULT '';
ALTER TABLE api_keys ADD COLUMN name text NOT NULL DEFAULT '';
UPDATE api_keys SET id = 'k_' || substr(key_hash, 1, 12), name = 'bootstrap' WHERE id = '';
CREATE INDEX api_keys_account ON api_keys(account_id);
CREATE INDEX token_docs_account ON token_docs(kind, account_id, created_at);
ALTER TABLE bookings ADD COLUMN version bigint NOT NULL DEFAULT 1;
