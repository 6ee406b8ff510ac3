-- Pathwise schema, version 4. Shipped: never edit; add a new file instead.

-- What an event is: 'work' (progress the user logged) or 'baseline' (a self-assessment
-- rating: it sets a level but is no progress). Ratings saved before this version are
-- events with the note "self-assessment" and no hours; they become baselines, and no row
-- is removed or changed otherwise.
ALTER TABLE events ADD COLUMN kind TEXT NOT NULL DEFAULT 'work' CHECK (kind IN ('work', 'baseline'));
UPDATE events SET kind = 'baseline' WHERE note = 'self-assessment' AND hours = 0;

-- The day the user first made the plan; a re-plan keeps it, so progress counts from
-- there. Plans saved before this version were made on the day they were saved.
ALTER TABLE plans ADD COLUMN made TEXT;
UPDATE plans SET made = substr(created_at, 1, 10);

-- The day the plan's weekly hours took effect: how much of the planned time the user
-- studies is measured from there.
ALTER TABLE plans ADD COLUMN hours_from TEXT;
UPDATE plans SET hours_from = made;
