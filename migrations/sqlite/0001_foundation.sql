-- Users, sessions, settings and the audit log.
-- Timestamps are Unix milliseconds (BIGINT) so the same queries run on PostgreSQL later.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT    NOT NULL UNIQUE,
    display_name  TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('marketer', 'lead', 'admin')),
    password_hash TEXT    NOT NULL,
    disabled      BOOLEAN NOT NULL DEFAULT FALSE,
    -- Raised when the password changes or the user is disabled: sessions carrying an older
    -- value stop working.
    auth_version  BIGINT  NOT NULL DEFAULT 1,
    created_at    BIGINT  NOT NULL,
    updated_at    BIGINT  NOT NULL,
    last_login_at BIGINT
);

CREATE TABLE sessions (
    id         TEXT   PRIMARY KEY,
    data       TEXT   NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_expires_at ON sessions (expires_at);

CREATE TABLE settings (
    key        TEXT   PRIMARY KEY,
    value      TEXT   NOT NULL,
    updated_at BIGINT NOT NULL,
    updated_by BIGINT REFERENCES users (id)
);

CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        BIGINT  NOT NULL,
    actor_id  BIGINT  REFERENCES users (id),
    actor     TEXT,
    action    TEXT    NOT NULL,
    target    TEXT,
    details   TEXT,
    client_ip TEXT
);
CREATE INDEX audit_log_action_target_at ON audit_log (action, target, at);
CREATE INDEX audit_log_action_ip_at ON audit_log (action, client_ip, at);
