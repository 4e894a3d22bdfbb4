package data

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// withDSN appends parameters to the catalogue's connection string.
func withDSN(extra string) Option { return func(o *openOptions) { o.dsnExtra += extra } }

// withBusyTimeout sets how long a write waits for another program's lock.
func withBusyTimeout(d time.Duration) Option { return func(o *openOptions) { o.busyTimeout = d } }

// folderState is what a user would see of a folder: each file's name, size and content hash.
func folderState(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, e := range entries {
		raw, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s %d %x\n", e.Name(), len(raw), sha256.Sum256(raw))
	}
	return b.String()
}

// foreignDatabase makes a browser-history-like SQLite file with the driver, closed, in its own folder.
func foreignDatabase(t *testing.T, wal bool) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "places.sqlite")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	stmts := []string{
		`CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT, title TEXT)`,
		`CREATE TABLE moz_historyvisits (id INTEGER PRIMARY KEY, place_id INTEGER, visit_date INTEGER)`,
		`INSERT INTO moz_places (url, title) VALUES ('https://clustercollaboration.eu/', 'ECCP')`,
	}
	if wal {
		stmts = append([]string{`PRAGMA journal_mode = WAL`}, stmts...)
	}
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestOpenRefusesAnotherProgramsDatabaseAndLeavesItAlone(t *testing.T) {
	for _, wal := range []bool{false, true} {
		t.Run(fmt.Sprintf("wal=%v", wal), func(t *testing.T) {
			path := foreignDatabase(t, wal)
			before := folderState(t, filepath.Dir(path))
			_, err := Open(context.Background(), path)
			if !errors.Is(err, ErrNotCatalogue) {
				t.Fatalf("Open(browser history) = %v, want ErrNotCatalogue", err)
			}
			msg := err.Error()
			if !strings.Contains(msg, path) || !strings.Contains(msg, "moz_places") || !strings.Contains(msg, "--db") ||
				strings.Contains(msg, "\n") {
				t.Errorf("the refusal reads %q; want one line naming the file, what it holds and --db", msg)
			}
			if after := folderState(t, filepath.Dir(path)); after != before {
				t.Errorf("the refused database or its folder changed:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
}

// An empty SQLite database (made by another tool, say) is a fine place for a new catalogue.
func TestOpenFillsAnEmptySQLiteDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "empty.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE scratch (x); DROP TABLE scratch`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if head, _ := os.ReadFile(path); len(head) < len(sqliteHeader) || string(head[:len(sqliteHeader)]) != string(sqliteHeader) {
		t.Fatal("the empty database has no SQLite header")
	}
	s, err := Open(context.Background(), path, WithSeed(testSample))
	if err != nil {
		t.Fatalf("Open(empty SQLite database) = %v", err)
	}
	defer s.Close()
	if n, err := s.Count(context.Background()); err != nil || n != 248 {
		t.Errorf("the empty database holds %d clusters (%v), want the sample's 248", n, err)
	}
}

// A damaged catalogue is refused as damaged, and left as it is for the user to restore.
func TestOpenRefusesADamagedFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "catalogue.db")
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Keep the header, scribble over the rest of the first page (the schema's root).
	for i := 100; i < 4096 && i < len(raw); i++ {
		raw[i] = 0xA5
	}
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	before := folderState(t, filepath.Dir(path))
	_, err = Open(context.Background(), path)
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "damaged") {
		t.Fatalf("Open(damaged catalogue) = %v, want ErrCorrupt naming the file", err)
	}
	if after := folderState(t, filepath.Dir(path)); after != before {
		t.Errorf("the damaged catalogue was changed:\nbefore %s\nafter  %s", before, after)
	}
}

// A shortlist name is only a name: one with "readonly" in it, made twice, is a name taken.
func TestAShortlistNameTakenIsNotAReadOnlyCatalogue(t *testing.T) {
	s := openSample(t)
	ctx := context.Background()
	if _, err := s.CreateShortlist(ctx, "readonly partners", ""); err != nil {
		t.Fatal(err)
	}
	_, err := s.CreateShortlist(ctx, "Readonly Partners", "")
	if !errors.Is(err, ErrDuplicate) || errors.Is(err, ErrReadOnly) {
		t.Fatalf("a second \"readonly partners\" gave %v, want ErrDuplicate", err)
	}
	if msg := err.Error(); !strings.Contains(msg, `"Readonly Partners" already exists`) || strings.Contains(msg, "read-only") {
		t.Errorf("the message reads %q", msg)
	}
	other, err := s.CreateShortlist(ctx, "Locked database partners", "")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.UpdateShortlist(ctx, other.ID, "READONLY partners", ""); !errors.Is(err, ErrDuplicate) || errors.Is(err, ErrLocked) {
		t.Errorf("renaming onto a taken name gave %v, want ErrDuplicate", err)
	}
}

func TestAReadOnlyCatalogueSaysSo(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "catalogue.db")
	s, err := Open(ctx, path, WithSeed(testSample))
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	// A read-only file is provoked through SQLite's mode=ro: tests run as root, and root writes to a 0444 file.
	ro, err := Open(ctx, path, withDSN("&mode=ro"))
	if err != nil {
		t.Fatalf("a read-only catalogue cannot even be read: %v", err)
	}
	defer ro.Close()
	if n, err := ro.Count(ctx); err != nil || n != 248 {
		t.Fatalf("reading a read-only catalogue: %d, %v", n, err)
	}
	_, err = ro.CreateShortlist(ctx, "Trip", "")
	if !errors.Is(err, ErrReadOnly) || !strings.Contains(err.Error(), "read-only") {
		t.Fatalf("writing to a read-only catalogue gave %v, want ErrReadOnly", err)
	}
}

func TestALockedCatalogueSaysSo(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "catalogue.db")
	s, err := Open(ctx, path, withBusyTimeout(50*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// Another program holds the write lock.
	other, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `BEGIN IMMEDIATE`); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = s.CreateShortlist(ctx, "Trip", "")
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), "locked by another program") {
		t.Fatalf("writing while another program holds the lock gave %v, want ErrLocked", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("the write waited %s, not the 50 ms busy timeout", d)
	}
	if _, err := conn.ExecContext(ctx, `ROLLBACK`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateShortlist(ctx, "Trip", ""); err != nil {
		t.Errorf("once the lock is gone the write still fails: %v", err)
	}
}

// A shortlist that is gone (deleted in another window, say) is reported as not found, from the foreign key's code.
func TestAddingToAMissingShortlistIsNotFound(t *testing.T) {
	s := openSample(t)
	ctx := context.Background()
	c, err := s.FindCluster(ctx, "GCE Ocean Technology")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddToShortlist(ctx, 9999, c.ID, EntryCandidate, ""); !errors.Is(err, ErrNotFound) {
		t.Errorf("adding to shortlist 9999 gave %v, want ErrNotFound", err)
	}
}
