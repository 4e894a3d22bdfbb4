package cli

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"clusterbridge/data"
)

// damageTablePage flips 64 bytes (the cell pointers) of a table page in the second half of the file.
func damageTablePage(t *testing.T, path string) {
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

func TestADamagedCatalogueOnTheCommandLine(t *testing.T) {
	db := catalogue(t)
	for _, args := range [][]string{
		{"shortlist", "new", "Nordic trip"},
		{"shortlist", "add", "Nordic trip", "GCE Ocean Technology"},
		{"note", "GCE Ocean Technology", "Met Ingrid at the Bergen forum"},
	} {
		if code, _, errOut := run(t, db, args...); code != 0 {
			t.Fatalf("%v: %s", args, errOut)
		}
	}
	// Today's backup was made at the second opening, before the note: make it again with everything.
	if err := os.RemoveAll(data.BackupDir(db)); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := run(t, db, "check"); code != 0 || errOut != "" {
		t.Fatalf("check on a whole catalogue: exit %d, %s", code, errOut)
	}
	if code, _, errOut := run(t, db, "list"); code != 0 || strings.Contains(errOut, "warning") {
		t.Fatalf("list: exit %d %s", code, errOut)
	}
	code, out, _ := run(t, db, "check")
	if code != 0 || !strings.Contains(out, "is whole") || !strings.Contains(out, "1 backup(s)") || strings.Count(out, "\n") != 1 {
		t.Fatalf("check on a whole catalogue: exit %d, %q; want one line, whole, one backup", code, out)
	}

	damageTablePage(t, db)
	code, out, errOut := run(t, db, "check")
	if code != 1 || out != "" || !strings.Contains(errOut, "is damaged") || !strings.Contains(errOut, "clusterbridge restore") ||
		strings.Count(errOut, "\n") != 1 {
		t.Fatalf("check on a damaged catalogue: exit %d, %q %q; want exit 1 and one line of advice", code, out, errOut)
	}
	_, _, errOut = run(t, db, "list")
	if !strings.Contains(errOut, "damaged") || !strings.Contains(errOut, "read-only") {
		t.Errorf("list on a damaged catalogue does not warn: %q", errOut)
	}
	code, _, errOut = run(t, db, "note", "GCE Ocean Technology", "lost?")
	if code != 1 || !strings.Contains(errOut, "read-only") || !strings.Contains(errOut, "clusterbridge restore") {
		t.Fatalf("note on a damaged catalogue: exit %d, %q; want a refusal with the advice", code, errOut)
	}

	code, out, _ = run(t, db, "restore", "--list")
	if code != 0 || !strings.Contains(out, time.Now().Format("2006-01-02")) {
		t.Fatalf("restore --list: exit %d, %q", code, out)
	}
	code, out, errOut = run(t, db, "restore")
	if code != 0 || !strings.Contains(out, "restored") || !strings.Contains(out, "kept in") {
		t.Fatalf("restore: exit %d, %q %q", code, out, errOut)
	}
	if code, _, errOut := run(t, db, "check"); code != 0 {
		t.Fatalf("check after the restore: exit %d, %s", code, errOut)
	}
	notes := showNotes(t, db, "GCE Ocean Technology")
	if len(notes) != 1 || notes[0].Text != "Met Ingrid at the Bergen forum" {
		t.Errorf("after the restore the notes are %+v", notes)
	}
	if _, out, _ := run(t, db, "shortlist", "list", "Nordic trip"); !strings.Contains(out, "GCE Ocean Technology") {
		t.Errorf("after the restore the shortlist reads %q", out)
	}
}

func TestCheckAndRestoreWithoutACatalogue(t *testing.T) {
	db := catalogue(t)
	if code, _, errOut := run(t, db, "check"); code != 1 || !strings.Contains(errOut, "no catalogue") {
		t.Errorf("check of no file: exit %d, %q", code, errOut)
	}
	if code, _, errOut := run(t, db, "restore"); code != 1 || !strings.Contains(errOut, "no backup") {
		t.Errorf("restore without backups: exit %d, %q", code, errOut)
	}
	if code, _, errOut := run(t, db, "check", "now"); code != 2 {
		t.Errorf("check now: exit %d, %q; want 2", code, errOut)
	}
	if code, _, errOut := run(t, db, "restore", "a", "b"); code != 2 {
		t.Errorf("restore a b: exit %d, %q", code, errOut)
	}
}

func TestImportsListsRunsWithTheirEnds(t *testing.T) {
	db := catalogue(t)
	ctx := context.Background()
	long := time.Now().Add(-time.Hour)
	s, err := data.Open(ctx, db, data.WithClock(func() time.Time { return long }))
	if err != nil {
		t.Fatal(err)
	}
	done, _ := s.BeginRun(ctx, []string{"https://clustercollaboration.eu/sitemap.xml"})
	s.RecordProblem(ctx, done, data.Problem{URL: "https://clustercollaboration.eu/x", Kind: data.ProblemFailed, Reason: "HTTP 503"})
	s.FinishRun(ctx, done, data.RunCounts{Added: 9, Updated: 3, Unchanged: 1, Failed: 1}, false)
	killed, _ := s.BeginRun(ctx, []string{"a.csv", "b.csv", "c.csv"})
	s.RecordProblem(ctx, killed, data.Problem{URL: "b.csv", Kind: data.ProblemSkipped, Reason: "no name column"})
	s.Close() // no FinishRun for the second: killed
	// (Close stops its heartbeat; the last sign of life is an hour old.)

	code, out, errOut := run(t, db, "imports")
	if code != 0 {
		t.Fatalf("imports: exit %d %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "RUN") {
		t.Fatalf("imports printed\n%s", out)
	}
	if f := strings.Fields(lines[1]); f[3] != "interrupted" || f[4] != "-" || f[7] != "1" || f[9] != "1" ||
		!strings.Contains(lines[1], "a.csv, b.csv and 1 more") {
		t.Errorf("the killed run reads %q", lines[1])
	}
	if f := strings.Fields(lines[2]); f[3] != "finished" || f[4] != "9" || f[5] != "3" || f[8] != "1" || f[9] != "1" {
		t.Errorf("the finished run reads %q", lines[2])
	}
	code, out, _ = run(t, db, "imports", "--problems", strings.Fields(lines[2])[0])
	if code != 0 || !strings.Contains(out, "HTTP 503") || strings.Contains(out, "no name column") {
		t.Errorf("imports --problems: exit %d\n%s", code, out)
	}
	code, out, _ = run(t, db, "imports", "--problems", strings.Fields(lines[1])[0])
	if code != 0 || !strings.Contains(out, "no name column") {
		t.Errorf("imports --problems: exit %d\n%s", code, out)
	}
	if code, _, errOut := run(t, db, "imports", "--problems", "99"); code != 1 || !strings.Contains(errOut, "no import run 99") {
		t.Errorf("imports --problems 99: exit %d, %q", code, errOut)
	}
	if code, _, _ := run(t, db, "imports", "--problems", "x"); code != 2 {
		t.Errorf("imports --problems x: exit %d, want 2", code)
	}
}
