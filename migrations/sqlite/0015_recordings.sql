-- Call recordings MANGO reports (manual 3.1.3 `/events/recording`), linked to their call by
-- the call group (`entry_id` = calls.call_key), and what its speech analytics said of them:
-- transcripts (3.4.5) and topics (3.4.4), asked for in the background. The one-time links to
-- the audio (3.4.1) are never stored.
CREATE TABLE recordings (
    id                   INTEGER PRIMARY KEY,
    -- MANGO's id, opaque, at most 128 bytes (manual 3.1.3).
    recording_id         TEXT    NOT NULL UNIQUE,
    entry_id             TEXT    NOT NULL,
    call_id              TEXT,
    extension            TEXT,
    -- started | continued | completed (manual 3.1.3 `recording_state`).
    state                TEXT    NOT NULL,
    last_seq             BIGINT  NOT NULL,
    -- Seconds since the epoch, as MANGO sends them.
    started_at           BIGINT,
    completed_at         BIGINT,
    completion_code      BIGINT,
    -- Cloud | Mail | CloudAndMail, as MANGO sends it.
    recipient            TEXT,
    -- waiting | ready | unavailable | not_applicable; when to ask next (ms) and how often
    -- MANGO has been asked.
    transcript_state     TEXT    NOT NULL,
    transcript_attempts  BIGINT  NOT NULL DEFAULT 0,
    transcript_due_at    BIGINT,
    topics_state         TEXT    NOT NULL,
    topics_attempts      BIGINT  NOT NULL DEFAULT 0,
    topics_due_at        BIGINT,
    updated_at           BIGINT  NOT NULL
);
CREATE INDEX recordings_entry ON recordings (entry_id);
CREATE INDEX recordings_transcript_due ON recordings (transcript_state, transcript_due_at);
CREATE INDEX recordings_topics_due ON recordings (topics_state, topics_due_at);

-- A transcript, turn by turn.
CREATE TABLE recording_phrases (
    id         INTEGER PRIMARY KEY,
    recording  BIGINT  NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
    position   BIGINT  NOT NULL,
    -- operator | client | other
    speaker    TEXT    NOT NULL,
    text       TEXT    NOT NULL
);
CREATE INDEX recording_phrases_recording ON recording_phrases (recording, position);

-- "Search in what was said": words of every phrase, case-folded for Cyrillic and Latin alike
-- (unicode61), kept in step with recording_phrases by the triggers below.
CREATE VIRTUAL TABLE recording_phrases_search USING fts5 (
    text,
    content = 'recording_phrases',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER recording_phrases_added AFTER INSERT ON recording_phrases BEGIN
    INSERT INTO recording_phrases_search (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER recording_phrases_removed AFTER DELETE ON recording_phrases BEGIN
    INSERT INTO recording_phrases_search (recording_phrases_search, rowid, text) VALUES ('delete', old.id, old.text);
END;

-- Topics found in a recording.
CREATE TABLE recording_topics (
    recording  BIGINT  NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
    name       TEXT    NOT NULL,
    topic_id   BIGINT,
    PRIMARY KEY (recording, name)
);
CREATE INDEX recording_topics_name ON recording_topics (name);
