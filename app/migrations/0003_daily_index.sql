-- Pathwise schema, version 3. Shipped: never edit; add a new file instead.
-- Covers the per-day totals that weekly and monthly summaries fold up, so they read the
-- index alone instead of every row.
CREATE INDEX events_daily ON events (date, hours) WHERE deleted_at IS NULL;
