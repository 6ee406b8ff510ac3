-- Pathwise schema, version 2. Shipped: never edit; add a new file instead.

-- The user's own catalog entries, stored as the catalog pack's JSON for one skill or
-- role; the core validates them together with the built-in catalog.
CREATE TABLE custom_skills (
    id         TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 64),
    body       TEXT NOT NULL CHECK (json_valid(body)),
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE custom_roles (
    id         TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 64),
    body       TEXT NOT NULL CHECK (json_valid(body)),
    updated_at TEXT NOT NULL
) STRICT;

-- A plan: its inputs and summary; at most one is active (the one the app shows).
CREATE TABLE plans (
    id           INTEGER PRIMARY KEY,
    role         TEXT NOT NULL,
    input        TEXT NOT NULL CHECK (json_valid(input)),
    packed_from  TEXT NOT NULL,
    finish       TEXT NOT NULL,
    total_hours  REAL NOT NULL,
    slip_days    INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL,
    active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;

CREATE UNIQUE INDEX plans_one_active ON plans (active) WHERE active = 1;

-- Plan items keep the stable step id (`skill@level`) across re-plans and exports.
CREATE TABLE plan_items (
    plan_id         INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    item_id         TEXT NOT NULL,
    position        INTEGER NOT NULL,
    skill           TEXT NOT NULL,
    level           INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
    hours           REAL NOT NULL CHECK (hours >= 0),
    remaining_hours REAL NOT NULL CHECK (remaining_hours >= 0),
    prerequisite    INTEGER NOT NULL CHECK (prerequisite IN (0, 1)),
    importance      INTEGER NOT NULL CHECK (importance BETWEEN 0 AND 5),
    start           TEXT NOT NULL,
    due             TEXT NOT NULL,
    after           TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(after)),
    done            INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
    slip_days       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (plan_id, item_id)
) STRICT;

CREATE INDEX plan_items_by_position ON plan_items (plan_id, position);

-- What undo reverts: the last user change to the event log.
CREATE TABLE changes (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('append', 'delete', 'edit')),
    event_id   INTEGER NOT NULL REFERENCES events (id),
    replaced   INTEGER REFERENCES events (id),
    at         TEXT NOT NULL,
    undone     INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1))
) STRICT;

-- Timeline queries: newest first, and per-skill history.
CREATE INDEX events_by_skill ON events (skill, date, id) WHERE deleted_at IS NULL;
