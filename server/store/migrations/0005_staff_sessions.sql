-- 0005: staff logins of the owner console, their sessions, named API keys and the
-- failed-login counters that slow down password guessing. Sessions and counters live
-- in the database so every server instance sees the same ones.
CREATE TABLE staff (
  id              TEXT PRIMARY KEY,
  account_id      TEXT NOT NULL REFERENCES accounts(id),
  email           TEXT NOT NULL UNIQUE,          -- lower-case; the login name, unique server-wide
  name            TEXT NOT NULL,
  role            TEXT NOT NULL CHECK (role IN ('owner', 'staff')),
  host_id         TEXT NOT NULL DEFAULT '',
  language        TEXT NOT NULL DEFAULT 'en',
  password_hash   TEXT NOT NULL DEFAULT '',      -- Argon2id (libsodium crypto_pwhash_str); '' = invited
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
);
CREATE INDEX staff_account ON staff(account_id);
CREATE TABLE sessions (
  token_hash      TEXT PRIMARY KEY,              -- SHA-256 of the cookie value
  staff_id        TEXT NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
  account_id      TEXT NOT NULL,
  created_at      INTEGER NOT NULL,
  expires_at      INTEGER NOT NULL
);
CREATE INDEX sessions_staff ON sessions(staff_id);
CREATE TABLE login_failures (
  key             TEXT PRIMARY KEY,              -- "email:<address>" or "client:<ip>"
  failures        INTEGER NOT NULL,
  last_at         INTEGER NOT NULL
);
ALTER TABLE api_keys ADD COLUMN id TEXT NOT NULL DEFAULT '';
ALTER TABLE api_keys ADD COLUMN name TEXT NOT NULL DEFAULT '';
UPDATE api_keys SET id = 'k_' || substr(key_hash, 1, 12), name = 'bootstrap' WHERE id = '';
CREATE INDEX api_keys_account ON api_keys(account_id);
CREATE INDEX token_docs_account ON token_docs(kind, account_id, created_at);
