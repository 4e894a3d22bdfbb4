-- A file written by 'team copy' is a read-only copy of a team catalogue, for reading offline: this row says of
-- which, when and by whom. A file without one is the user's own. (A team catalogue has no such table.)
CREATE TABLE catalogue_copy (
    source    TEXT NOT NULL,
    copied_at TEXT NOT NULL,
    copied_by TEXT NOT NULL DEFAULT ''
);
