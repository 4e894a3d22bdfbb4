package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	sqlite3 "modernc.org/sqlite/lib"
)

// Health is what an integrity check of the catalogue found.
type Health struct {
	Full     bool     // SQLite's integrity_check (every page and index), else its quick_check
	Problems []string // SQLite's own findings, the first few; none when the file is whole
}

// Whole says whether the check found nothing wrong.
func (h Health) Whole() bool { return len(h.Problems) == 0 }

// maxFindings is how many of SQLite's findings a check keeps: enough to tell a user it is real.
const maxFindings = 10

// RestoreAdvice is what to do about a damaged catalogue, on the command line and in the window.
const RestoreAdvice = "restore a backup with 'clusterbridge restore' (File › Restore… in the window)"

// errDamaged is what a write to a catalogue found damaged gets: read-only, with what to do.
var errDamaged = &dbError{ErrReadOnly, "the catalogue is damaged and open read-only, so nothing is saved; " + RestoreAdvice, ErrCorrupt}

// Check runs SQLite's quick_check (full: its integrity_check, which also checks every index against its table)
// on the catalogue. A damaged file is a Health with problems, not an error; an error is a check that could not run.
// A damaged catalogue is read-only from then on.
func (s *Store) Check(ctx context.Context, full bool) (Health, error) {
	h, err := checkDB(ctx, s.db, full)
	if err == nil && !h.Whole() {
		s.damage.Store(&h)
	}
	return h, err
}

// Damage is the damage the last check found; nil while none was found.
func (s *Store) Damage() *Health { return s.damage.Load() }

func checkDB(ctx context.Context, db *sql.DB, full bool) (Health, error) {
	pragma := "quick_check"
	if full {
		pragma = "integrity_check"
	}
	h := Health{Full: full}
	lines, err := queryAll(ctx, db, func(row scanner) (string, error) {
		var line string
		err := row.Scan(&line)
		return line, err
	}, fmt.Sprintf("PRAGMA %s(%d)", pragma, maxFindings))
	switch code := sqliteCode(err) & 0xff; {
	case err == nil:
	case code == sqlite3.SQLITE_CORRUPT || code == sqlite3.SQLITE_NOTADB:
		// So damaged the check cannot walk it (the schema itself, say): that is its finding.
		h.Problems = []string{strings.TrimSpace(err.Error())}
		return h, nil
	default:
		return h, friendly(err)
	}
	if len(lines) == 1 && lines[0] == "ok" {
		return h, nil
	}
	h.Problems = lines
	return h, nil
}

// begin starts a write transaction, refused with advice while the catalogue is known to be damaged: a write
// into a damaged file may spread the damage, and the user's new work would be lost with it at the restore.
func (s *Store) begin(ctx context.Context) (*sql.Tx, error) {
	if s.damage.Load() != nil {
		return nil, errDamaged
	}
	tx, err := s.db.BeginTx(ctx, nil)
	return tx, friendly(err)
}
