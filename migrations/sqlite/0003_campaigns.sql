-- Campaigns: drafts built in Obzvon, then created in MANGO (manual 3.8.4.1) and followed there.

CREATE TABLE campaigns (
    id                   INTEGER PRIMARY KEY,
    name                 TEXT    NOT NULL,
    -- app::api::campaigns::CampaignState key: draft, ready, scheduled, running, stopping,
    -- stopped, finished, processing, deleting, deleted, unknown_<n>.
    state                TEXT    NOT NULL,
    -- Every field of the form (JSON of app::api::campaigns::CampaignForm).
    form                 TEXT    NOT NULL,
    -- What was sent to campaign/add (JSON of the MANGO schedule and dates), once sent.
    sent_schedule        TEXT,
    mango_campaign_id    BIGINT  UNIQUE,
    -- MANGO's status_reason (manual 3.8.2) in words, as last reported.
    status_reason        TEXT,
    tasks_count          BIGINT,
    finished_tasks_count BIGINT,
    author_id            BIGINT  NOT NULL REFERENCES users (id),
    created_at           BIGINT  NOT NULL,
    updated_at           BIGINT  NOT NULL,
    created_in_mango_at  BIGINT,
    started_at           BIGINT,
    synced_at            BIGINT,
    sync_error           TEXT
);
CREATE INDEX campaigns_state ON campaigns (state);
