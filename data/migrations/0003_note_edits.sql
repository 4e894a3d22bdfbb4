-- Notes can be edited: each keeps when it was written (at) and, once edited, when it last was ('' until then).
ALTER TABLE notes ADD COLUMN edited_at TEXT NOT NULL DEFAULT '';
