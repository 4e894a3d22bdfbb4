-- Where each fact came from: per cluster and field, the source whose value the catalogue shows. A merge
-- compares a record's source with this one field by field (merge.go), and the window and exports name it
-- ("Gold, valid until Sep 2026 — ESCA list, read 23 Nov 2026").
CREATE TABLE cluster_facts (
    cluster_id INTEGER NOT NULL REFERENCES clusters (id) ON DELETE CASCADE,
    field      TEXT NOT NULL,
    url        TEXT NOT NULL DEFAULT '',
    kind       TEXT NOT NULL DEFAULT '',
    read_at    TEXT NOT NULL,
    PRIMARY KEY (cluster_id, field)
) WITHOUT ROWID;

-- Matching looks a record up by a page it came from (a profile read again) and by an acronym.
CREATE INDEX cluster_sources_url ON cluster_sources (url);
CREATE INDEX clusters_acronym ON clusters (lower(replace(acronym, ' ', '')), country) WHERE acronym <> '';

-- The labels already in the catalogue were stated by one of the cluster's sources; the best-standing and then
-- most recently read one is the fairest guess of which.
INSERT INTO cluster_facts (cluster_id, field, url, kind, read_at)
SELECT c.id, 'label', s.url, s.kind, s.read_at
FROM clusters c JOIN cluster_sources s ON s.url = (
    SELECT s2.url FROM cluster_sources s2 WHERE s2.cluster_id = c.id
    ORDER BY CASE WHEN s2.kind = 'eccp-profile' THEN 3 WHEN s2.kind LIKE 'eccp%' THEN 2
                  WHEN s2.kind = 'sample' THEN 0 ELSE 1 END DESC, s2.read_at DESC, s2.url
    LIMIT 1) AND s.cluster_id = c.id
WHERE c.label <> '';

-- Import problems gain warnings: values a source gave that could not be read (an unknown country, column,
-- date or ecosystem). The record is kept; the warning says what was left out.
CREATE TABLE import_problems_new (
    run_id INTEGER NOT NULL REFERENCES import_runs (id) ON DELETE CASCADE,
    url    TEXT NOT NULL,
    kind   TEXT NOT NULL CHECK (kind IN ('failed', 'skipped', 'ambiguous', 'warning')),
    reason TEXT NOT NULL
);
INSERT INTO import_problems_new (rowid, run_id, url, kind, reason)
    SELECT rowid, run_id, url, kind, reason FROM import_problems;
DROP TABLE import_problems;
ALTER TABLE import_problems_new RENAME TO import_problems;
CREATE INDEX import_problems_run ON import_problems (run_id);

-- Matches for the user to settle: an imported record that fits several clusters ('ambiguous', record holds
-- it as JSON), or two clusters of the catalogue that are probably one organisation ('duplicate'). subject is
-- what the decision is remembered by (review.go), so a re-import finds the same question and asks nothing twice.
CREATE TABLE match_reviews (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('ambiguous', 'duplicate')),
    subject    TEXT NOT NULL UNIQUE,
    record     TEXT NOT NULL DEFAULT '',
    source     TEXT NOT NULL DEFAULT '',
    candidates TEXT NOT NULL, -- cluster ids, space-separated
    reason     TEXT NOT NULL DEFAULT '',
    found_at   TEXT NOT NULL
);

-- The user's decisions on matches. Like shortlists and notes they are the user's own: imports read them and
-- never change them. cluster_id is where the subject goes (0: a cluster of its own / kept apart).
CREATE TABLE match_decisions (
    subject    TEXT PRIMARY KEY,
    cluster_id INTEGER NOT NULL DEFAULT 0,
    decided_at TEXT NOT NULL
) WITHOUT ROWID;
