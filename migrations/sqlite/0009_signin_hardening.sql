-- Sign-in hardening: attempt counters, hashed session ids, absolute session lifetime and the
-- first-password rule.

-- Sign-in (and current-password) attempts per fixed window. `scope_key` is one of
-- `addr:<address>`, `acct:<user id>` or `acct_addr:<user id>:<address>`: rows exist only for
-- addresses that tried and for accounts that exist, so unknown user names never add rows.
-- Windows older than the throttle window are pruned (their refusals go to the audit log as one
-- counted row each).
CREATE TABLE login_attempts (
    scope_key    TEXT   PRIMARY KEY,
    window_start BIGINT NOT NULL,
    attempts     BIGINT NOT NULL,
    refused      BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX login_attempts_window_start ON login_attempts (window_start);

-- Session ids are now stored as SHA-256 hex of the cookie's id; old rows hold raw ids and cannot
-- be converted without the ids being exposed, so every existing session is signed out.
DELETE FROM sessions;
ALTER TABLE sessions ADD COLUMN created_at BIGINT NOT NULL DEFAULT 0;

-- Set for a password nobody chose (the generated first administrator password): until it is
-- changed, the account can only change its password, ask who it is and sign out.
ALTER TABLE users ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT FALSE;
