-- Pathwise schema, version 1. Shipped: never edit; add a new file instead.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;

-- The event log: the source of truth for progress. Rows are only appended; a delete is
-- a soft delete (deleted_at) so undo can bring it back.
CREATE TABLE events (
    id         INTEGER PRIMARY KEY,
    date       TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    skill      TEXT NOT NULL CHECK (length(skill) BETWEEN 1 AND 64),
    level      INTEGER NOT NULL CHECK (level BETWEEN 0 AND 5),
    hours      REAL NOT NULL CHECK (hours >= 0),
    note       TEXT NOT NULL DEFAULT '',
    evidence   TEXT,
    created_at TEXT NOT NULL,
    deleted_at TEXT
) STRICT;

CREATE INDEX events_by_date ON events (date, id) WHERE deleted_at IS NULL;
