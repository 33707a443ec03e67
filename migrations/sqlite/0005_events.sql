-- MANGO's signed events (manual 3.1, 4.4), kept as received, and what they say about each call.

-- Append-only: every accepted event once. A redelivery (the same kind and bytes) is
-- recognised by its digest and not stored again.
CREATE TABLE webhook_events (
    id          INTEGER PRIMARY KEY,
    kind        TEXT    NOT NULL,
    digest      TEXT    NOT NULL UNIQUE,
    raw_json    TEXT    NOT NULL,
    -- Call events and summaries: the call they belong to.
    call_key    TEXT,
    entry_id    TEXT,
    seq         BIGINT,
    received_at BIGINT  NOT NULL
);
CREATE INDEX webhook_events_call ON webhook_events (call_key);
CREATE INDEX webhook_events_entry ON webhook_events (entry_id);

-- Each call as its events (ordered by seq) and its summary describe it; rebuilt from the
-- stored events whenever one of them arrives, so arrival order never matters.
CREATE TABLE calls (
    call_key           TEXT    PRIMARY KEY,
    entry_id           TEXT    NOT NULL,
    mango_task_id      BIGINT,
    mango_campaign_id  BIGINT,
    initiator          TEXT,
    number             TEXT,
    operator_extension TEXT,
    state              TEXT    NOT NULL,
    last_seq           BIGINT  NOT NULL,
    -- Seconds since the epoch, as MANGO sends them.
    appeared_at        BIGINT,
    connected_at       BIGINT,
    ended_at           BIGINT,
    disconnect_reason  BIGINT,
    talk_seconds       BIGINT,
    talked             BOOLEAN,
    outcome            TEXT    NOT NULL,
    updated_at         BIGINT  NOT NULL
);
CREATE INDEX calls_campaign ON calls (mango_campaign_id, appeared_at);
CREATE INDEX calls_task ON calls (mango_task_id);

-- MANGO's id for our task, learnt from the first call event that names it.
ALTER TABLE tasks ADD COLUMN mango_task_id BIGINT;
CREATE INDEX tasks_mango_task ON tasks (mango_task_id);
