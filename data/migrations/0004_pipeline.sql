-- The partner pipeline: the user's own contact people per shortlist entry (kept apart from the contact a
-- source publishes, clusters.contact), a next step with a date, and each shortlist's dated log.
-- AUTOINCREMENT: an id is never handed out twice, so an undone removal puts its people back under their ids.
CREATE TABLE contact_people (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    shortlist_id INTEGER NOT NULL,
    cluster_id   INTEGER NOT NULL,
    name         TEXT NOT NULL DEFAULT '',
    role         TEXT NOT NULL DEFAULT '',
    email        TEXT NOT NULL DEFAULT '',
    phone        TEXT NOT NULL DEFAULT '',
    position     INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL,
    CHECK (name <> '' OR email <> ''),
    -- ON UPDATE CASCADE: an entry moved to another cluster by a merge takes its people along.
    FOREIGN KEY (shortlist_id, cluster_id) REFERENCES shortlist_entries (shortlist_id, cluster_id)
        ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX contact_people_entry ON contact_people (shortlist_id, cluster_id, position);

ALTER TABLE shortlist_entries ADD COLUMN next_step TEXT NOT NULL DEFAULT '';
ALTER TABLE shortlist_entries ADD COLUMN next_step_due TEXT NOT NULL DEFAULT ''; -- YYYY-MM-DD or ''
ALTER TABLE shortlist_entries ADD COLUMN changed_at TEXT; -- last change of status, people or next step
CREATE INDEX shortlist_entries_due ON shortlist_entries (next_step_due) WHERE next_step_due <> '';

-- The old free-text contact person becomes the entry's first contact person; nothing reads the column after.
INSERT INTO contact_people (shortlist_id, cluster_id, name, position, created_at)
    SELECT shortlist_id, cluster_id, trim(contact), 1, added_at FROM shortlist_entries WHERE trim(contact) <> '';
ALTER TABLE shortlist_entries DROP COLUMN contact;

CREATE TABLE shortlist_log (
    id           INTEGER PRIMARY KEY,
    shortlist_id INTEGER NOT NULL REFERENCES shortlists (id) ON DELETE CASCADE,
    at           TEXT NOT NULL,
    edited_at    TEXT NOT NULL DEFAULT '',
    text         TEXT NOT NULL CHECK (text <> '')
);
CREATE INDEX shortlist_log_list ON shortlist_log (shortlist_id, at);
