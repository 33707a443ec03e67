-- One key for a lead from upload to outcome: each call names the lead (our task) it was for.
-- A call names its lead to MANGO's events only by MANGO's task id or by the number
-- (tasks/push answers without ids, manual 3.8.4.2); which task that is, is decided once, when
-- the call is stored, instead of again by every reader.
ALTER TABLE calls ADD COLUMN task_id BIGINT REFERENCES tasks (id) ON DELETE SET NULL;

UPDATE calls SET task_id = COALESCE(
    (SELECT t.id FROM tasks t JOIN campaigns c ON c.id = t.campaign_id
     WHERE c.mango_campaign_id = calls.mango_campaign_id AND t.mango_task_id = calls.mango_task_id),
    (SELECT t.id FROM tasks t JOIN campaigns c ON c.id = t.campaign_id
     WHERE c.mango_campaign_id = calls.mango_campaign_id AND t.number = calls.number)
) WHERE mango_campaign_id IS NOT NULL;

CREATE INDEX calls_lead ON calls (task_id);
