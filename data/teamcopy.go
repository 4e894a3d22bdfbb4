package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"
)

// CopyMark says that a catalogue file is a read-only copy of a team catalogue (CopyTo).
type CopyMark struct {
	Source string    // the team catalogue's address, without its password
	At     time.Time // when the copy was made
	By     string    // who made it
}

// ErrCopy is a change asked of a read-only copy of a team catalogue.
var ErrCopy = errors.New("the catalogue is a read-only copy of a team catalogue")

// CopyOf says whether the catalogue is a read-only copy of a team catalogue, and of which.
func (s *Store) CopyOf() (CopyMark, bool) {
	if s.copyOf == nil {
		return CopyMark{}, false
	}
	return *s.copyOf, true
}

// copyError is what a write to a copy gets: one line saying where changes go.
func (s *Store) copyError() error {
	return &dbError{ErrCopy, fmt.Sprintf("%s is a read-only copy of the team catalogue %s made on %s, so nothing is saved here; make the change in the team catalogue (--db %s), then copy it again",
		s.path, s.copyOf.Source, s.copyOf.At.Local().Format(time.DateOnly), s.copyOf.Source), ErrCopy}
}

// readCopyMark reads a file's copy mark; nil for a file of the user's own.
func readCopyMark(ctx context.Context, db *sql.DB) (*CopyMark, error) {
	var m CopyMark
	var at string
	err := db.QueryRowContext(ctx, `SELECT source, copied_at, copied_by FROM catalogue_copy LIMIT 1`).Scan(&m.Source, &at, &m.By)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	m.At = parseTime(at)
	return &m, friendly(err)
}

// copySkipped are the tables a copy leaves out: the search index and its bookkeeping (rebuilt from the
// clusters), the schema's own, the mark, and half-typed notes, which are their writer's alone.
var copySkipped = map[string]bool{"fts_pending": true, "catalogue_state": true, "schema_migrations": true,
	"catalogue_copy": true, "note_drafts": true}

// CopyTo writes everything in the catalogue, as it is at one moment, to a new catalogue file at path, marked
// as a read-only copy of this one (for reading offline); it returns how many clusters it holds. A file at path
// is replaced only when it is such a copy itself: a catalogue of the user's own is refused and left as it is.
// The copy is written beside path and renamed into place only when whole.
func (s *Store) CopyTo(ctx context.Context, path string) (int, error) {
	if err := replaceableCopy(ctx, path); err != nil {
		return 0, err
	}
	part := path + ".part"
	removeFile(part)
	defer removeFile(part)
	dst, err := Open(ctx, part)
	if err != nil {
		return 0, err
	}
	n, err := s.copyInto(ctx, dst)
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return 0, err
	}
	if err := os.Rename(part, path); err != nil {
		return 0, fmt.Errorf("cannot write the copy %s: %w", path, err)
	}
	return n, nil
}

// removeFile removes a SQLite file and its journal files, if any.
func removeFile(path string) {
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		os.Remove(path + suffix)
	}
}

// replaceableCopy refuses a file at path that a copy must not replace: anything but an earlier copy.
func replaceableCopy(ctx context.Context, path string) error {
	if !exists(path) {
		return nil
	}
	if err := checkFile(ctx, path); err != nil {
		return err
	}
	db, err := openReadOnly(path)
	if err != nil {
		return err
	}
	defer db.Close()
	if mark, err := readCopyMark(ctx, db); err == nil && mark != nil {
		return nil
	}
	return fmt.Errorf("%s is a catalogue of its own, not a team copy, and was left as it is; choose a new file name for the copy", path)
}

// copyInto copies every table both catalogues have, column by column, in one transaction of dst's, and marks
// dst as a copy. It reads from one snapshot of a team catalogue, so that a colleague's change during the
// copy is in it whole or not at all.
func (s *Store) copyInto(ctx context.Context, dst *Store) (int, error) {
	read, err := s.db.BeginTx(ctx, s.snapshotRead())
	if err != nil {
		return 0, friendly(err)
	}
	defer read.Rollback()
	tables, err := sqliteTables(ctx, dst.db)
	if err != nil {
		return 0, err
	}
	var clusters int
	err = dst.write(ctx, func(tx *sql.Tx) error {
		// Rows go in table by table; their references hold again when all are in.
		if _, err := tx.ExecContext(ctx, `PRAGMA defer_foreign_keys = ON`); err != nil {
			return err
		}
		for _, t := range tables {
			n, err := s.copyTable(ctx, read, tx, t)
			if err != nil {
				return fmt.Errorf("cannot copy %s: %w", t, friendly(err))
			}
			if t == "clusters" {
				clusters = n
			}
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO catalogue_copy (source, copied_at, copied_by) VALUES (?, ?, ?)`,
			s.path, formatTime(s.now()), s.author)
		return err
	})
	return clusters, err
}

// snapshotRead is how a copy reads: on PostgreSQL one snapshot for the whole copy; a file is read as it is.
func (s *Store) snapshotRead() *sql.TxOptions {
	if s.pg {
		return &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true}
	}
	return nil
}

// sqliteTables lists a catalogue file's own tables that a copy fills, parents before the tables that point
// at them (the order they were created in).
func sqliteTables(ctx context.Context, db *sql.DB) ([]string, error) {
	names, err := queryAll(ctx, db, func(sc scanner) (n string, err error) {
		err = sc.Scan(&n)
		return n, err
	}, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\'
		AND name NOT LIKE 'clusters\_fts%' ESCAPE '\' ORDER BY rowid`)
	kept := names[:0]
	for _, n := range names {
		if !copySkipped[n] {
			kept = append(kept, n)
		}
	}
	return kept, err
}

// copyTable copies the rows of table t from read to tx, in the columns both have; it returns how many.
func (s *Store) copyTable(ctx context.Context, read, tx *sql.Tx, t string) (int, error) {
	cols, err := s.sharedColumns(ctx, read, tx, t)
	if err != nil || len(cols) == 0 {
		return 0, err
	}
	list := strings.Join(cols, ", ")
	rows, err := read.QueryContext(ctx, `SELECT `+list+` FROM `+t)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	ins, err := tx.PrepareContext(ctx, `INSERT INTO `+t+` (`+list+`) VALUES (`+strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ")+`)`)
	if err != nil {
		return 0, err
	}
	defer ins.Close()
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	n := 0
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return n, err
		}
		if _, err := ins.ExecContext(ctx, vals...); err != nil {
			return n, err
		}
		n++
	}
	return n, rows.Err()
}

// sharedColumns are the columns of table t in the file (tx) that the source also has.
func (s *Store) sharedColumns(ctx context.Context, read, tx *sql.Tx, t string) ([]string, error) {
	dstCols, err := queryAll(ctx, tx, func(sc scanner) (n string, err error) {
		err = sc.Scan(&n)
		return n, err
	}, `SELECT name FROM pragma_table_info(?) ORDER BY cid`, t)
	if err != nil {
		return nil, err
	}
	q := `SELECT name FROM pragma_table_info(?)`
	if s.pg {
		q = `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?`
	}
	srcCols, err := queryAll(ctx, read, func(sc scanner) (n string, err error) {
		err = sc.Scan(&n)
		return n, err
	}, q, t)
	if err != nil {
		return nil, err
	}
	has := map[string]bool{}
	for _, c := range srcCols {
		has[c] = true
	}
	var shared []string
	for _, c := range dstCols {
		if has[c] {
			shared = append(shared, c)
		}
	}
	return shared, nil
}
