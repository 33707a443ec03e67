-- MANGO's reasons kept as MANGO's numbers (campaign `status_reason`, manual 3.8.2; task
-- `status_reason`, manual 3.8.3), so each reader sees them in their own language. The English
-- words stored until now are turned back into those numbers; the status keys stay as they are.
ALTER TABLE campaigns ADD COLUMN status_reason_code BIGINT;
UPDATE campaigns SET status_reason_code = CASE status_reason
    WHEN 'by a command through the API' THEN 1
    WHEN 'every task is done' THEN 2
    WHEN 'its end date has passed' THEN 3
    WHEN 'outside its schedule right now' THEN 4
    WHEN 'MANGO lost its internal heartbeat' THEN 5
    WHEN 'the service is not available' THEN 6
    WHEN 'the account''s balance ran out' THEN 7
    WHEN 'MANGO maintenance' THEN 8
    WHEN 'stopped by an administrator in MANGO' THEN 9
    -- "reason 12 (not in the manual)": the number after "reason ".
    ELSE CAST(substr(status_reason, 8) AS INTEGER)
END
WHERE status_reason IS NOT NULL;
ALTER TABLE campaigns DROP COLUMN status_reason;

ALTER TABLE tasks ADD COLUMN mango_reason_code BIGINT;
UPDATE tasks SET mango_reason_code = CASE mango_status_reason
    WHEN 'talked' THEN 1
    WHEN 'client busy' THEN 2
    WHEN 'client did not answer' THEN 3
    WHEN 'client unavailable' THEN 4
    WHEN 'operator busy' THEN 5
    WHEN 'operator did not answer' THEN 6
    WHEN 'operator unavailable' THEN 7
    WHEN 'number does not exist' THEN 8
    WHEN 'operator gave up waiting for the client' THEN 10
    WHEN 'stopped by an administrator' THEN 11
    -- "reason 12": the number after "reason ".
    ELSE CAST(substr(mango_status_reason, 8) AS INTEGER)
END
WHERE mango_status_reason IS NOT NULL;
ALTER TABLE tasks DROP COLUMN mango_status_reason;
