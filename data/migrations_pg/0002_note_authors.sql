-- Who wrote a note and who last edited it: the advisor's name, as the store was told it (WithAuthor) or, on a
-- team catalogue, the database role. Notes written before are nobody's in particular: ''.
ALTER TABLE notes ADD COLUMN author TEXT NOT NULL DEFAULT '';
ALTER TABLE notes ADD COLUMN edited_by TEXT NOT NULL DEFAULT '';
