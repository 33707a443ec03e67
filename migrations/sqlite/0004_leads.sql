-- Lead lists: uploaded files (kept as read, with their column mapping), the tasks accepted
-- from them, and the durable push of those tasks to MANGO (manual 3.8.4.2).

CREATE TABLE lead_uploads (
    id          INTEGER PRIMARY KEY,
    campaign_id BIGINT  NOT NULL REFERENCES campaigns (id),
    file_name   TEXT    NOT NULL,
    -- How it was read: format, encoding, delimiter, sheet (JSON of leads::table::SourceInfo).
    source      TEXT    NOT NULL,
    -- The cells as read, then as fixed in place (JSON array of rows).
    cells       TEXT    NOT NULL,
    -- JSON of app::api::leads::ColumnMapping.
    mapping     TEXT    NOT NULL,
    -- Spreadsheets only: the file as uploaded, so another sheet can be read later.
    original    BLOB,
    -- Set once its accepted rows became tasks.
    accepted_at BIGINT,
    created_by  BIGINT  NOT NULL REFERENCES users (id),
    created_at  BIGINT  NOT NULL
);

CREATE TABLE tasks (
    id              INTEGER PRIMARY KEY,
    campaign_id     BIGINT  NOT NULL REFERENCES campaigns (id),
    number          TEXT    NOT NULL,
    name            TEXT    NOT NULL,
    position        TEXT    NOT NULL,
    organization    TEXT    NOT NULL,
    additional_info TEXT    NOT NULL,
    upload_id       BIGINT  REFERENCES lead_uploads (id),
    source_row      BIGINT,
    -- pending → sending (in batch `batch`) → sent.
    push_state      TEXT    NOT NULL DEFAULT 'pending' CHECK (push_state IN ('pending', 'sending', 'sent')),
    batch           BIGINT,
    created_at      BIGINT  NOT NULL,
    sent_at         BIGINT,
    -- MANGO refuses a number twice in one campaign (5109); so do we.
    UNIQUE (campaign_id, number)
);
CREATE INDEX tasks_campaign_state ON tasks (campaign_id, push_state, id);

-- One push per campaign; it survives restarts.
CREATE TABLE push_jobs (
    campaign_id     BIGINT  PRIMARY KEY REFERENCES campaigns (id),
    state           TEXT    NOT NULL CHECK (state IN ('running', 'paused', 'done', 'failed')),
    batch_size      BIGINT  NOT NULL,
    -- The batch being sent, and how many tasks MANGO had before it: after a crash the
    -- campaign's task count says whether it landed.
    inflight_batch  BIGINT,
    inflight_before BIGINT,
    next_batch      BIGINT  NOT NULL DEFAULT 1,
    last_error      TEXT,
    started_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL,
    finished_at     BIGINT
);

-- Column mappings saved by name, reused for the next file from the same source.
CREATE TABLE mapping_templates (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL UNIQUE,
    -- JSON array of the header cells it was saved with.
    headers    TEXT    NOT NULL,
    -- JSON of app::api::leads::ColumnMapping.
    mapping    TEXT    NOT NULL,
    created_by BIGINT  NOT NULL REFERENCES users (id),
    updated_at BIGINT  NOT NULL
);
