package data

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var day0 = time.Date(2026, 11, 2, 9, 0, 0, 0, time.Local)

func clockAt(t time.Time) func() time.Time { return func() time.Time { return t } }

// advisorWork is what an advisor made in the catalogue: a shortlist with two clusters on it and a note.
type advisorWork struct {
	shortlists, entries, notes string
}

func readAdvisorWork(t *testing.T, s *Store) advisorWork {
	t.Helper()
	ctx := context.Background()
	var w advisorWork
	lists, err := s.Shortlists(ctx)
	if err != nil {
		t.Fatalf("reading the shortlists: %v", err)
	}
	for _, l := range lists {
		w.shortlists += l.Name + "|" + l.Purpose + ";"
		entries, err := s.Entries(ctx, l.ID)
		if err != nil {
			t.Fatalf("reading the shortlist: %v", err)
		}
		for _, e := range entries {
			w.entries += fmt.Sprintf("%s|%s|%v|%+v;", e.Cluster.Name, e.Status, e.People, e.Next)
			notes, err := s.Notes(ctx, e.Cluster.ID)
			if err != nil {
				t.Fatalf("reading the notes: %v", err)
			}
			for _, n := range notes {
				w.notes += n.Text + ";"
			}
		}
	}
	return w
}

// catalogueWithWork makes a real catalogue on day0 (the sample, a shortlist, entries, notes) and closes it.
func catalogueWithWork(t *testing.T) (string, advisorWork) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "catalogue.db")
	s, err := Open(ctx, path, WithSeed(testSample), WithClock(clockAt(day0)))
	if err != nil {
		t.Fatal(err)
	}
	list, err := s.CreateShortlist(ctx, "Nordic trip", "maritime partners")
	if err != nil {
		t.Fatal(err)
	}
	for i, name := range []string{"GCE Ocean Technology", "Food & Bio Cluster Denmark"} {
		c, err := s.FindCluster(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		status := []EntryStatus{EntryContacted, EntryMeeting}[i]
		if _, err := s.AddToShortlist(ctx, list.ID, c.ID, status, "Ingrid Berg"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddNote(ctx, c.ID, "Met at the Bergen forum; call back in March "+name); err != nil {
			t.Fatal(err)
		}
		if err := s.SetNextStep(ctx, list.ID, c.ID, NextStep{Text: "Send the offer", Due: "2027-03-01"}); err != nil {
			t.Fatal(err)
		}
	}
	work := readAdvisorWork(t, s)
	if work.notes == "" || !strings.Contains(work.entries, "GCE Ocean Technology") || !strings.Contains(work.entries, "Ingrid Berg") ||
		!strings.Contains(work.entries, "Send the offer") {
		t.Fatalf("the user's work was not saved: %+v", work)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return path, work
}

// damageTablePage flips 64 bytes of a table leaf page in the middle of the file: its cell pointers, so that
// SQLite cannot find the rows.
func damageTablePage(t *testing.T, path string) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const pageSize = 4096
	pages := len(raw) / pageSize
	for p := pages / 2; p < pages; p++ {
		page := raw[p*pageSize : (p+1)*pageSize]
		if page[0] != 0x0D { // a table b-tree leaf
			continue
		}
		for i := 8; i < 8+64; i++ {
			page[i] ^= 0xFF
		}
		if err := os.WriteFile(path, raw, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Fatal("no table page in the second half of the catalogue")
}

func TestADamagedCatalogueOpensReadOnlyAndComesBackFromItsBackup(t *testing.T) {
	ctx := context.Background()
	path, work := catalogueWithWork(t)
	// The next day's opening makes the day's backup.
	s, err := Open(ctx, path, WithClock(clockAt(day0.AddDate(0, 0, 1))))
	if err != nil {
		t.Fatal(err)
	}
	if op := s.Opened(); op.Backup == "" || op.BackupErr != nil || !op.Health.Whole() {
		t.Fatalf("the day's opening found %+v, want a whole catalogue and a backup", op)
	}
	s.Close()

	damageTablePage(t, path)
	damaged, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s, err = Open(ctx, path, WithClock(clockAt(day0.AddDate(0, 0, 2))))
	if err != nil {
		t.Fatalf("a damaged catalogue cannot even be opened to read: %v", err)
	}
	defer s.Close()
	op := s.Opened()
	if op.Health.Whole() || s.Damage() == nil {
		t.Fatalf("opening the damaged catalogue found it whole: %+v", op)
	}
	if op.Backup != "" {
		t.Errorf("the damaged catalogue was backed up to %s", op.Backup)
	}
	if sum := op.Health.Summary(); len(op.Health.Tables) == 0 || !strings.Contains(sum, "in "+op.Health.Tables[0]+": ") ||
		strings.Contains(sum, "\n") || strings.Contains(sum, "***") {
		t.Errorf("the finding reads %q; want one line naming the damaged table", sum)
	}
	_, err = s.CreateShortlist(ctx, "Trip", "")
	if !errors.Is(err, ErrReadOnly) || !errors.Is(err, ErrCorrupt) {
		t.Fatalf("writing to the damaged catalogue gave %v, want ErrReadOnly", err)
	}
	if msg := err.Error(); !strings.Contains(msg, "damaged") || !strings.Contains(msg, "clusterbridge restore") ||
		!strings.Contains(msg, "File › Restore…") {
		t.Errorf("the refusal reads %q; want what happened and how to restore", msg)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, damaged) {
		t.Error("the damaged catalogue was written to")
	}

	backups, err := Backups(path)
	if err != nil || len(backups) != 1 {
		t.Fatalf("backups %v (%v), want the one made the day before", backups, err)
	}
	setAside, err := s.Restore(ctx, backups[0].Path)
	if err != nil {
		t.Fatalf("restoring %s: %v", backups[0].Path, err)
	}
	if got := readAdvisorWork(t, s); got != work {
		t.Errorf("after the restore the user's work is\n%+v\nwant\n%+v", got, work)
	}
	if kept, _ := os.ReadFile(setAside); !bytes.Equal(kept, damaged) {
		t.Errorf("the damaged catalogue was not set aside as it was in %s", setAside)
	}
	if h, err := s.Check(ctx, true); err != nil || !h.Whole() {
		t.Errorf("the restored catalogue checks %+v, %v", h, err)
	}
	if _, err := s.CreateShortlist(ctx, "Trip", ""); err != nil {
		t.Errorf("the restored catalogue refuses a write: %v", err)
	}
	var mode string
	if err := s.db.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("the restored catalogue's journal mode is %q (%v), want wal: readers would wait for writers", mode, err)
	}
	s.Close()
	// And it stays restored for the next program that opens it.
	again, err := Open(ctx, path, WithClock(clockAt(day0.AddDate(0, 0, 2))))
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if got := readAdvisorWork(t, again); !strings.Contains(got.shortlists, "Trip") || got.notes != work.notes {
		t.Errorf("reopened after the restore: %+v", got)
	}
}

// A file too damaged to open is restored by moving it aside and copying the backup in.
func TestACatalogueTooDamagedToOpenIsRestoredFromAFile(t *testing.T) {
	ctx := context.Background()
	path, work := catalogueWithWork(t)
	s, err := Open(ctx, path, WithClock(clockAt(day0.AddDate(0, 0, 1))))
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	raw, _ := os.ReadFile(path)
	for i := 100; i < 4096; i++ { // the schema's page
		raw[i] = 0xA5
	}
	os.WriteFile(path, raw, 0o644)
	if _, err := Open(ctx, path); !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "clusterbridge restore") {
		t.Fatalf("Open(schema damaged) = %v, want ErrCorrupt with the advice to restore", err)
	}
	backups, _ := Backups(path)
	if len(backups) != 1 {
		t.Fatalf("backups %v", backups)
	}
	setAside, err := RestoreFile(ctx, path, backups[0].Path)
	if err != nil {
		t.Fatal(err)
	}
	if kept, _ := os.ReadFile(setAside); !bytes.Equal(kept, raw) {
		t.Error("the damaged file was not kept as it was")
	}
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatalf("the restored catalogue does not open: %v", err)
	}
	defer s.Close()
	if got := readAdvisorWork(t, s); got != work {
		t.Errorf("restored work %+v, want %+v", got, work)
	}
}

func TestADamagedBackupIsNotRestored(t *testing.T) {
	ctx := context.Background()
	path, _ := catalogueWithWork(t)
	s, err := Open(ctx, path, WithClock(clockAt(day0.AddDate(0, 0, 1))))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	backup := s.Opened().Backup
	damageTablePage(t, backup)
	before, _ := os.ReadFile(path)
	if _, err := s.Restore(ctx, backup); err == nil || !strings.Contains(err.Error(), "damaged too") {
		t.Fatalf("restoring a damaged backup gave %v", err)
	}
	if n, err := s.Count(ctx); err != nil || n != 248 {
		t.Errorf("after the refused restore the catalogue holds %d (%v)", n, err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("a refused restore changed the catalogue")
	}
}

func TestBackupsAreDailyAndTheLastSevenKept(t *testing.T) {
	ctx := context.Background()
	path, _ := catalogueWithWork(t) // day0: a new catalogue has nothing to back up
	if b, _ := Backups(path); len(b) != 0 {
		t.Fatalf("a brand-new catalogue was backed up: %v", b)
	}
	for d := 1; d <= 10; d++ {
		for _, hour := range []int{0, 8} { // twice a day: one backup
			s, err := Open(ctx, path, WithClock(clockAt(day0.AddDate(0, 0, d).Add(time.Duration(hour)*time.Hour))))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.AddNote(ctx, 1, "day note"); err != nil {
				t.Fatal(err)
			}
			if made := s.Opened().Backup; (hour == 0) != (made != "") {
				t.Errorf("day %d hour %d: backup %q", d, hour, made)
			}
			s.Close()
		}
	}
	backups, err := Backups(path)
	if err != nil {
		t.Fatal(err)
	}
	var days []string
	for _, b := range backups {
		days = append(days, b.Day.Format("01-02"))
	}
	if want := "11-12 11-11 11-10 11-09 11-08 11-07 11-06"; strings.Join(days, " ") != want {
		t.Errorf("backups kept: %v, want the newest seven: %s", days, want)
	}
	// The newest holds every note of the days before it: never more than a day of work behind.
	b, err := openReadOnly(backups[0].Path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	var notes int
	if err := b.QueryRow(`SELECT count(*) FROM notes WHERE text = 'day note'`).Scan(&notes); err != nil || notes != 18 {
		t.Errorf("the newest backup holds %d day notes (%v), want the 18 of the nine days before", notes, err)
	}
}

// A read-only catalogue and a damaged one are not backed up: the first cannot be meant to change, the second
// would push a good backup out of the seven.
func TestNoBackupOfAReadOnlyCatalogue(t *testing.T) {
	ctx := context.Background()
	path, _ := catalogueWithWork(t)
	s, err := Open(ctx, path, withDSN("&mode=ro"), WithClock(clockAt(day0.AddDate(0, 0, 3))))
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if b, _ := Backups(path); len(b) != 0 {
		t.Errorf("a read-only opening made backups %v", b)
	}
}
