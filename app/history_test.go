package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"clusterbridge/data"
	"clusterbridge/scraper"
)

// flipTablePage flips 64 bytes (the cell pointers) of a table page in the second half of the file.
func flipTablePage(t *testing.T, path string) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	const pageSize = 4096
	for p := len(raw) / pageSize / 2; p < len(raw)/pageSize; p++ {
		if page := raw[p*pageSize : (p+1)*pageSize]; page[0] == 0x0D {
			for i := 8; i < 8+64; i++ {
				page[i] ^= 0xFF
			}
			if err := os.WriteFile(path, raw, 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
	}
	t.Fatal("no table page in the second half of the catalogue")
}

// fileMenuItem is the File menu's item with this label.
func fileMenuItem(t *testing.T, w *testWindow, label string) *fyne.MenuItem {
	t.Helper()
	for _, it := range w.win.MainMenu().Items[0].Items {
		if it.Label == label {
			return it
		}
	}
	t.Fatalf("the File menu has no %q", label)
	return nil
}

// A window on a damaged catalogue says so, refuses to save, and restores the backup with the user's work.
func TestTheWindowFindsDamageAndRestoresABackup(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "c.db")
	yesterday := time.Now().AddDate(0, 0, -1)
	s, err := data.Open(ctx, path, data.WithSeed(scraper.Sample), data.WithClock(func() time.Time { return yesterday }))
	if err != nil {
		t.Fatal(err)
	}
	list, err := s.CreateShortlist(ctx, "Nordic trip", "")
	if err != nil {
		t.Fatal(err)
	}
	s.AddToShortlist(ctx, list.ID, 1, data.EntryMeeting, "Ingrid")
	s.AddNote(ctx, 1, "Call back in March")
	s.Close()
	s, err = data.Open(ctx, path) // today's opening makes the backup
	if err != nil || s.Opened().Backup == "" {
		t.Fatalf("no backup: %v", err)
	}
	s.Close()
	flipTablePage(t, path)

	store, err := data.Open(ctx, path, data.DeferCheck())
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	w := newTestWindowOn(t, test.NewTempApp(t), store)
	w.waitFor("the damage to be found", func() bool { return w.damaged })
	if title := w.win.Title(); !strings.Contains(title, "read-only") {
		t.Errorf("the window's title reads %q while the catalogue is damaged", title)
	}
	if _, err := store.CreateShortlist(ctx, "Trip", ""); err == nil || !strings.Contains(err.Error(), "File › Restore…") {
		t.Errorf("a write to the damaged catalogue gave %v", err)
	}
	fileMenuItem(t, w, "Restore…").Action()
	w.waitFor("the backups", func() bool { return w.restorer != nil })
	if len(w.restorer.backups) != 1 {
		t.Fatalf("the Restore dialog lists %+v", w.restorer.backups)
	}
	w.restorer.list.Select(0)
	pressOnCanvas(w, fyne.KeyReturn) // yes to "Bring the catalogue back to …?"
	w.waitFor("the restore", func() bool { return !w.damaged })
	if title := w.win.Title(); title != "ClusterBridge" {
		t.Errorf("after the restore the title reads %q", title)
	}
	if !strings.Contains(w.lastNotice, "kept in") {
		t.Errorf("the notice after the restore reads %q", w.lastNotice)
	}
	w.showView("shortlists")
	w.waitFor("the shortlists", func() bool { return len(w.shortlists.lists) == 1 })
	notes, err := store.Notes(ctx, 1)
	if err != nil || len(notes) != 1 || notes[0].Text != "Call back in March" {
		t.Errorf("after the restore the notes are %+v (%v)", notes, err)
	}
}

func TestImportHistoryShowsInterruptedRuns(t *testing.T) {
	ctx := context.Background()
	w := newTestWindow(t)
	dead, _ := w.store.BeginRun(ctx, []string{"big.csv"})
	w.store.RecordProblem(ctx, dead, data.Problem{URL: "big.csv", Kind: data.ProblemFailed, Reason: "row 9: no name"})
	// The window's clock moves on past the run's last heartbeat, and the next opening check closes it.
	w.store.SetClock(func() time.Time { return testDay.Add(time.Hour) })
	w.verifyCatalogue()
	w.settle()
	fileMenuItem(t, w, "Import history…").Action()
	w.waitFor("the history", func() bool { return w.history != nil })
	if len(w.history.runs) != 1 || w.history.runs[0].Status() != data.RunInterrupted {
		t.Fatalf("history runs %+v", w.history.runs)
	}
	if txt := w.history.problems.Text; !strings.Contains(txt, "row 9: no name") || !strings.Contains(txt, "big.csv") {
		t.Errorf("the problems read %q", txt)
	}
}
