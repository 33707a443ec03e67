-- Auto-callback tasks in MANGO's Contact Center (manual 4.2, `/cc/task/add`).

-- One bulk request from the results page. The same request (same leads, operators, period,
-- settings) made again finds this row by its digest and creates nothing new.
CREATE TABLE callback_batches (
    id             INTEGER PRIMARY KEY,
    request_digest TEXT    NOT NULL UNIQUE,
    campaign_id    BIGINT  NOT NULL REFERENCES campaigns (id),
    -- Leads left out, with the reason: [{"name", "number", "reason"}].
    skipped_json   TEXT    NOT NULL DEFAULT '[]',
    created_by     BIGINT  REFERENCES users (id),
    created_at     BIGINT  NOT NULL
);

-- Every callback, stored before it is sent. `send_state` is how sending went; what happened
-- to the automatic call comes from the calls whose MANGO task id is `auto_call_task_id`.
CREATE TABLE callbacks (
    id                INTEGER PRIMARY KEY,
    batch_id          BIGINT  REFERENCES callback_batches (id),
    campaign_id       BIGINT  REFERENCES campaigns (id),
    -- The lead (our task) it calls back, when made from results.
    lead_task_id      BIGINT  REFERENCES tasks (id),
    number            TEXT    NOT NULL,
    name              TEXT    NOT NULL DEFAULT '',
    operator_user_id  BIGINT  NOT NULL,
    -- Unix seconds (manual 4.2 `start_time`).
    due_at            BIGINT  NOT NULL,
    duration_minutes  BIGINT  NOT NULL CHECK (duration_minutes BETWEEN 1 AND 1440),
    event_type        BIGINT  NOT NULL CHECK (event_type BETWEEN 1 AND 4),
    description       TEXT    NOT NULL DEFAULT '',
    auto_call         BOOLEAN NOT NULL,
    send_state        TEXT    NOT NULL CHECK (send_state IN ('queued', 'sending', 'created', 'refused', 'unknown')),
    mango_task_id     BIGINT,
    auto_call_task_id BIGINT,
    refusal           TEXT,
    created_by        BIGINT  REFERENCES users (id),
    created_at        BIGINT  NOT NULL,
    sent_at           BIGINT
);
CREATE INDEX callbacks_number ON callbacks (number);
CREATE INDEX callbacks_auto_call ON callbacks (auto_call_task_id);
CREATE INDEX callbacks_batch ON callbacks (batch_id, id);
CREATE INDEX callbacks_send_state ON callbacks (send_state, id);
CREATE INDEX callbacks_lead ON callbacks (lead_task_id);
