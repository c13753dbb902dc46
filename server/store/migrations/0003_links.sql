-- 0003: server secrets (the HMAC key of signed links survives restarts) and the
-- nonces of signed links already used (single use).
CREATE TABLE server_secrets (
  name        TEXT PRIMARY KEY,
  value       TEXT NOT NULL,
  created_at  INTEGER NOT NULL
);
CREATE TABLE used_links (
  nonce       TEXT PRIMARY KEY,
  purpose     TEXT NOT NULL,
  subject     TEXT NOT NULL,
  used_at     INTEGER NOT NULL
);
