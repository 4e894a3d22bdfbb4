-- The clusters each import run added or updated, so that its summary can name them. A cluster a run added
-- and then updated again stays 'added'; one merged away later leaves the list with its row.
CREATE TABLE import_run_changes (
    run_id     INTEGER NOT NULL REFERENCES import_runs (id) ON DELETE CASCADE,
    cluster_id INTEGER NOT NULL REFERENCES clusters (id) ON DELETE CASCADE,
    change     TEXT NOT NULL CHECK (change IN ('added', 'updated')),
    PRIMARY KEY (run_id, cluster_id)
) WITHOUT ROWID;
CREATE INDEX import_run_changes_cluster ON import_run_changes (cluster_id);
