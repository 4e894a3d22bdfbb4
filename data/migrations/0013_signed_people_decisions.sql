-- Who added each contact person and who changed them last, and who decided a match: on a team catalogue every
-- change is signed. Rows from before are nobody's in particular: ''.
ALTER TABLE contact_people ADD COLUMN added_by TEXT NOT NULL DEFAULT '';
ALTER TABLE contact_people ADD COLUMN changed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE match_decisions ADD COLUMN decided_by TEXT NOT NULL DEFAULT '';
