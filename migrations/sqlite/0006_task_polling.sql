-- What MANGO itself says of each linked task (manual 3.8.3, `task`), polled when its events
-- are missing or stale.
ALTER TABLE tasks ADD COLUMN mango_status TEXT;
ALTER TABLE tasks ADD COLUMN mango_status_reason TEXT;
ALTER TABLE tasks ADD COLUMN mango_talk_seconds BIGINT;
ALTER TABLE tasks ADD COLUMN polled_at BIGINT;
