-- Signed events whose JSON could not be read: kept as received for inspection (a redelivery
-- of the same bytes is counted, not stored again), never folded. Pruned with the events.
CREATE TABLE webhook_malformed (
    id           INTEGER PRIMARY KEY,
    kind         TEXT    NOT NULL,
    digest       TEXT    NOT NULL UNIQUE,
    raw_json     TEXT    NOT NULL,
    parse_error  TEXT    NOT NULL,
    deliveries   BIGINT  NOT NULL DEFAULT 1,
    received_at  BIGINT  NOT NULL,
    last_at      BIGINT  NOT NULL
);
CREATE INDEX webhook_malformed_received ON webhook_malformed (received_at);

-- Retention prunes by age.
CREATE INDEX webhook_events_received ON webhook_events (received_at);
CREATE INDEX audit_log_at ON audit_log (at);
-- When an upload's cells and file were dropped by retention (its tasks stay).
ALTER TABLE lead_uploads ADD COLUMN pruned_at BIGINT;
