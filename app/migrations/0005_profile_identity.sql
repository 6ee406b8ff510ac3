-- Pathwise schema, version 5. Shipped: never edit; add a new file instead.

-- Marks the file as Pathwise's in SQLite's header ("PthW"), so a file of another
-- program is recognised before anything writes to it.
PRAGMA application_id = 1349806167;

-- Which profile this file holds: a random id set once, and a counter every write
-- transaction raises. Every write-ahead log Pathwise leaves therefore carries this row,
-- and a log that shows another id belongs to another profile and is never replayed.
CREATE TABLE profile (
    one    INTEGER PRIMARY KEY CHECK (one = 1),
    id     TEXT NOT NULL,
    writes INTEGER NOT NULL DEFAULT 0
) STRICT;
INSERT INTO profile (one, id) VALUES (1, lower(hex(randomblob(16))));
