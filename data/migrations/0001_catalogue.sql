-- Imported facts about cluster organisations. Imports add and update rows here; they never delete them, so the
-- user's data below, which points at clusters, always has something to point at.
CREATE TABLE clusters (
    id                INTEGER PRIMARY KEY,
    name              TEXT NOT NULL CHECK (name <> ''),
    acronym           TEXT NOT NULL DEFAULT '',
    country           TEXT NOT NULL DEFAULT '',
    region            TEXT NOT NULL DEFAULT '',
    city              TEXT NOT NULL DEFAULT '',
    eco_mask          INTEGER NOT NULL DEFAULT 0, -- bit i set: data.Ecosystems[i]
    sectors           TEXT NOT NULL DEFAULT '',   -- joined with ' | '
    focus             TEXT NOT NULL DEFAULT '',
    description       TEXT NOT NULL DEFAULT '',
    label             TEXT NOT NULL DEFAULT '' CHECK (label IN ('', 'gold', 'silver', 'bronze')),
    label_rank        INTEGER NOT NULL DEFAULT 0, -- gold 3, silver 2, bronze 1, none 0: sorting
    label_year        INTEGER,
    label_valid_until TEXT NOT NULL DEFAULT '',   -- as stated: YYYY-MM-DD, YYYY-MM or ''
    label_through     TEXT NOT NULL DEFAULT '',   -- the last day it covers, YYYY-MM-DD: comparisons
    website           TEXT NOT NULL DEFAULT '',
    website_host      TEXT NOT NULL DEFAULT '',   -- host without www.: matching imports
    name_key          TEXT NOT NULL DEFAULT '',   -- folded name without legal forms: matching imports
    members           INTEGER,
    members_text      TEXT NOT NULL DEFAULT '',
    founded           INTEGER,
    contact           TEXT NOT NULL DEFAULT '',
    updated_at        TEXT NOT NULL
);
-- Filters, facets and sorting run on an in-memory index of the catalogue (filterindex.go), so the only
-- indexes here are the ones imports match records by.
CREATE INDEX clusters_website_host ON clusters (website_host) WHERE website_host <> '';
CREATE INDEX clusters_name_key ON clusters (name_key, country);

CREATE TABLE cluster_sources (
    cluster_id INTEGER NOT NULL REFERENCES clusters (id),
    url        TEXT NOT NULL,
    kind       TEXT NOT NULL DEFAULT '',
    read_at    TEXT NOT NULL,
    PRIMARY KEY (cluster_id, url)
) WITHOUT ROWID;

-- Full-text search over the words a user types. remove_diacritics 2 lets "smaland" find "Småland".
-- Contentless (the text lives in clusters) with delete support, and filled from Go in one statement per
-- transaction (Store.syncFTS): FTS5 flushes its pending terms at every statement savepoint, so triggers that
-- wrote to it row by row made bulk imports ten times slower and the index a heap of tiny segments.
CREATE VIRTUAL TABLE clusters_fts USING fts5 (
    name, acronym, focus, description, city,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);
-- Clusters changed in the open transaction: syncFTS re-indexes them and counts the change in catalogue_state.
CREATE TABLE fts_pending (id INTEGER PRIMARY KEY);
-- version grows with every transaction that changes clusters, from this process or another: the in-memory
-- filter index compares it to know when to rebuild.
CREATE TABLE catalogue_state (version INTEGER NOT NULL);
INSERT INTO catalogue_state (version) VALUES (0);
CREATE TRIGGER clusters_fts_insert AFTER INSERT ON clusters BEGIN
    INSERT OR IGNORE INTO fts_pending (id) VALUES (new.id);
END;
CREATE TRIGGER clusters_fts_update AFTER UPDATE ON clusters BEGIN
    INSERT OR IGNORE INTO fts_pending (id) VALUES (new.id);
END;
CREATE TRIGGER clusters_fts_delete AFTER DELETE ON clusters BEGIN
    INSERT OR IGNORE INTO fts_pending (id) VALUES (old.id);
END;

-- The user's own data. Imports never write these tables.
CREATE TABLE shortlists (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (name <> ''),
    purpose    TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);

CREATE TABLE shortlist_entries (
    shortlist_id INTEGER NOT NULL REFERENCES shortlists (id) ON DELETE CASCADE,
    cluster_id   INTEGER NOT NULL REFERENCES clusters (id),
    status       TEXT NOT NULL DEFAULT 'candidate'
                 CHECK (status IN ('candidate', 'contacted', 'meeting', 'partner', 'declined')),
    contact      TEXT NOT NULL DEFAULT '',
    added_at     TEXT NOT NULL,
    PRIMARY KEY (shortlist_id, cluster_id)
) WITHOUT ROWID;
CREATE INDEX shortlist_entries_cluster ON shortlist_entries (cluster_id);

CREATE TABLE notes (
    id         INTEGER PRIMARY KEY,
    cluster_id INTEGER NOT NULL REFERENCES clusters (id),
    at         TEXT NOT NULL,
    text       TEXT NOT NULL CHECK (text <> '')
);
CREATE INDEX notes_cluster ON notes (cluster_id, at);

-- Import bookkeeping.
CREATE TABLE import_runs (
    id          INTEGER PRIMARY KEY,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    sources     TEXT NOT NULL DEFAULT '', -- what the user asked for, one per line
    added       INTEGER NOT NULL DEFAULT 0,
    updated     INTEGER NOT NULL DEFAULT 0,
    unchanged   INTEGER NOT NULL DEFAULT 0,
    skipped     INTEGER NOT NULL DEFAULT 0,
    failed      INTEGER NOT NULL DEFAULT 0,
    cancelled   INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE import_problems (
    run_id INTEGER NOT NULL REFERENCES import_runs (id) ON DELETE CASCADE,
    url    TEXT NOT NULL,
    kind   TEXT NOT NULL CHECK (kind IN ('failed', 'skipped', 'ambiguous')),
    reason TEXT NOT NULL
);
CREATE INDEX import_problems_run ON import_problems (run_id);

-- What the last successful read of a URL returned, for conditional requests and sitemap lastmod checks.
CREATE TABLE fetched_pages (
    url           TEXT PRIMARY KEY,
    etag          TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '',
    read_at       TEXT NOT NULL
) WITHOUT ROWID;
