-- The MANGO directory Obzvon caches: employees (operators), lines and audio files, each
-- replaced as a whole by a sync, with the time of the fetch it came from.

CREATE TABLE directory_operators (
    user_id       BIGINT  PRIMARY KEY,
    name          TEXT    NOT NULL,
    extension     TEXT,
    department    TEXT,
    position      TEXT,
    -- users/request general.use_status: the employee's Contact Center status is used.
    uses_cc_status BOOLEAN NOT NULL,
    -- The last Contact Center status MANGO reported (manual 4.4, events/user/status_changed),
    -- kept across syncs; NULL until an event arrives.
    cc_status     INTEGER,
    cc_status_at  BIGINT,
    fetched_at    BIGINT  NOT NULL
);

CREATE TABLE directory_lines (
    line_id    BIGINT PRIMARY KEY,
    number     TEXT   NOT NULL,
    name       TEXT,
    comment    TEXT,
    region     TEXT,
    fetched_at BIGINT NOT NULL
);

CREATE TABLE directory_audio_files (
    audio_id   BIGINT PRIMARY KEY,
    name       TEXT   NOT NULL,
    fetched_at BIGINT NOT NULL
);

-- One row per directory part: when it was last fetched and the last failure, if any.
CREATE TABLE directory_sync (
    part            TEXT   PRIMARY KEY CHECK (part IN ('operators', 'lines', 'audio_files')),
    fetched_at      BIGINT,
    -- Which MANGO the data came from: 'sandbox' or the account's api key.
    source          TEXT,
    last_attempt_at BIGINT NOT NULL,
    last_error      TEXT
);
