package data

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	sqlite3 "modernc.org/sqlite/lib"
)

// Health is what an integrity check of the catalogue found.
type Health struct {
	Full     bool     // SQLite's integrity_check (every page and index), else its quick_check
	Problems []string // SQLite's own findings, the first few; none when the file is whole
	Tables   []string // the tables and indexes the findings are in, when the schema tells
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
	if s.pg {
		return s.checkTeam(ctx, full)
	}
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
	// A finding may hold several lines, under a "*** in database main ***" heading.
	for _, l := range strings.Split(strings.Join(lines, "\n"), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "***") {
			h.Problems = append(h.Problems, l)
		}
	}
	if len(h.Problems) == 0 {
		h.Problems = lines
	}
	h.Tables = damagedTables(ctx, db, h.Problems)
	return h, nil
}

// treeRef is how SQLite's findings name a table or index: by its root page ("Tree 3 page 41 cell 25: …").
var treeRef = regexp.MustCompile(`^Tree (\d+) page`)

// damagedTables names the tables and indexes the findings are in, as far as the schema can still be read.
func damagedTables(ctx context.Context, db *sql.DB, findings []string) []string {
	names := map[int]string{}
	rows, err := queryAll(ctx, db, func(row scanner) (struct {
		name string
		root int
	}, error) {
		var r struct {
			name string
			root int
		}
		err := row.Scan(&r.name, &r.root)
		return r, err
	}, `SELECT name, rootpage FROM sqlite_master WHERE rootpage > 0`)
	if err != nil {
		return nil
	}
	for _, r := range rows {
		names[r.root] = r.name
	}
	var out []string
	for _, f := range findings {
		m := treeRef.FindStringSubmatch(f)
		if m == nil {
			continue
		}
		root, _ := strconv.Atoi(m[1])
		if name, ok := names[root]; ok && !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	return out
}

// Summary is the finding in one line: where the damage is, SQLite's first finding and how many more.
func (h Health) Summary() string {
	if h.Whole() {
		return "no problem found"
	}
	var b strings.Builder
	if len(h.Tables) > 0 {
		fmt.Fprintf(&b, "in %s: ", strings.Join(h.Tables, ", "))
	}
	b.WriteString(h.Problems[0])
	if n := len(h.Problems) - 1; n > 0 {
		fmt.Fprintf(&b, ", and %d more finding(s)", n)
	}
	return b.String()
}

// begin starts a write transaction, refused with advice while the catalogue is known to be damaged: a write
// into a damaged file may spread the damage, and the user's new work would be lost with it at the restore.
func (s *Store) begin(ctx context.Context) (*sql.Tx, error) {
	if s.damage.Load() != nil {
		return nil, errDamaged
	}
	if s.copyOf != nil {
		return nil, s.copyError()
	}
	tx, err := s.db.BeginTx(ctx, nil)
	return tx, friendly(err)
}
