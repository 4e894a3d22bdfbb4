-- What the user typed about a cluster and has not saved yet survives a restart: a new note's draft
-- (note_id 0) and the changed text of a note being edited (note_id that note's). The user's own text, so a
-- merge of two clusters moves it along with their notes.
CREATE TABLE note_drafts (
    cluster_id INTEGER NOT NULL REFERENCES clusters (id),
    note_id    INTEGER NOT NULL DEFAULT 0,
    text       TEXT NOT NULL CHECK (text <> ''),
    saved_at   TEXT NOT NULL,
    PRIMARY KEY (cluster_id, note_id)
) WITHOUT ROWID;
