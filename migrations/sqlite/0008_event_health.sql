-- What the event receiver has seen, for the Settings page: one row per kind of happening
-- (`ping`, `unsigned_refused`, `unsigned_accepted`, `refused`; `sources` says how sources
-- are checked), counted, with the last time and a detail (the event kind, the reason).
CREATE TABLE event_health (
    what     TEXT    PRIMARY KEY,
    count    BIGINT  NOT NULL,
    last_at  BIGINT  NOT NULL,
    detail   TEXT
);

-- MANGO's answer about a task id that came in a call event without a campaign (manual 3.8.3
-- `task`): asked once per id. `state` is `asking`, `found` or `refused`.
CREATE TABLE mango_task_lookups (
    mango_task_id      BIGINT  PRIMARY KEY,
    state              TEXT    NOT NULL,
    mango_campaign_id  BIGINT,
    number             TEXT,
    detail             TEXT,
    asked_at           BIGINT  NOT NULL
);
