-- An import run is live only within the process that began it, which says so every half minute (alive_at).
-- A run with no end whose process has stopped saying so was interrupted (killed, crashed, the laptop shut):
-- the next opening closes it as such, so that the history never shows a run as going on forever.
ALTER TABLE import_runs ADD COLUMN alive_at TEXT;
ALTER TABLE import_runs ADD COLUMN interrupted INTEGER NOT NULL DEFAULT 0;
