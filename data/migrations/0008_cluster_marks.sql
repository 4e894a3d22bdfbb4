-- The user's marks on clusters: "closed" is the user's own finding (no source publishes it), so it lives apart
-- from the imported facts, and no import touches it. A merge carries it to the kept cluster.
CREATE TABLE cluster_marks (
    cluster_id INTEGER PRIMARY KEY REFERENCES clusters (id),
    closed_at  TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT ''
);
