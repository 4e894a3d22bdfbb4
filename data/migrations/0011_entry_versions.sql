-- Several advisors on one catalogue: each entry counts its changes (version), so that a change made on what an
-- advisor saw before a colleague's is refused rather than lost, and says who added it and who changed it last.
ALTER TABLE shortlist_entries ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE shortlist_entries ADD COLUMN added_by TEXT NOT NULL DEFAULT '';
ALTER TABLE shortlist_entries ADD COLUMN changed_by TEXT NOT NULL DEFAULT '';
