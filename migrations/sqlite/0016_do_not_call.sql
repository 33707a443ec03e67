-- The do-not-call list of the whole installation. An entry is never deleted: removing a
-- number marks its entry removed (who, when, why), so the list keeps its history and the
-- audit log names the entry. At most one active entry per number.
CREATE TABLE do_not_call (
    id             INTEGER PRIMARY KEY,
    -- Normalised as lead lists normalise numbers (`leads::phone`): digits with the country
    -- code, or a `sip:` address.
    number         TEXT    NOT NULL,
    reason         TEXT    NOT NULL DEFAULT '',
    source         TEXT    NOT NULL CHECK (source IN ('by_hand', 'file', 'results')),
    -- The lead it was added from, when added from Results.
    task_id        BIGINT  REFERENCES tasks (id) ON DELETE SET NULL,
    added_by       BIGINT  REFERENCES users (id),
    added_at       BIGINT  NOT NULL,
    removed_by     BIGINT  REFERENCES users (id),
    removed_at     BIGINT,
    removal_reason TEXT
);
CREATE UNIQUE INDEX do_not_call_active ON do_not_call (number) WHERE removed_at IS NULL;
CREATE INDEX do_not_call_added ON do_not_call (added_at);

-- "Called recently" looks calls up by when they appeared.
CREATE INDEX calls_appeared ON calls (appeared_at);
