package cli

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// showNotes is a cluster's notes as 'show --format json' gives them.
func showNotes(t *testing.T, db, cluster string) []noteJSON {
	t.Helper()
	code, out, errOut := run(t, db, "show", cluster, "--format", "json")
	if code != 0 {
		t.Fatalf("show %s: exit %d, %s", cluster, code, errOut)
	}
	var c clusterJSON
	if err := json.Unmarshal([]byte(out), &c); err != nil {
		t.Fatal(err)
	}
	return c.Notes
}

// A note is named by the id 'show' lists; edit keeps when it was written and says when it was edited; delete
// removes that note only and prints what it said.
func TestNoteEditAndDelete(t *testing.T) {
	db := catalogue(t)
	for _, text := range []string{"Met at the Brussels cluster days", "Call back in May"} {
		if code, _, errOut := run(t, db, "note", "Food & Bio", text); code != 0 {
			t.Fatal(errOut)
		}
	}
	notes := showNotes(t, db, "Food & Bio Cluster Denmark")
	if len(notes) != 2 || notes[0].ID == 0 || notes[1].ID == 0 || notes[0].EditedAt != "" || notes[0].At == "" {
		t.Fatalf("show --format json notes: %+v", notes)
	}
	first, second := notes[0], notes[1]

	code, out, _ := run(t, db, "show", "Food & Bio Cluster Denmark")
	if code != 0 || !strings.Contains(out, fmt.Sprintf("#%d  ", first.ID)) || !strings.Contains(out, fmt.Sprintf("#%d  ", second.ID)) {
		t.Errorf("show does not list the notes with their ids:\n%s", out)
	}

	code, out, errOut := run(t, db, "note", "edit", fmt.Sprint(first.ID), "Met Anna", "at the Brussels cluster days")
	if code != 0 || !strings.Contains(out, "edited") {
		t.Fatalf("note edit: exit %d, %q %q", code, out, errOut)
	}
	notes = showNotes(t, db, "Food & Bio Cluster Denmark")
	if len(notes) != 2 || notes[0].ID != first.ID || notes[0].Text != "Met Anna at the Brussels cluster days" ||
		notes[0].At != first.At || notes[0].EditedAt == "" || notes[1] != second {
		t.Fatalf("after note edit: %+v", notes)
	}
	if _, out, _ := run(t, db, "show", "Food & Bio Cluster Denmark"); !strings.Contains(out, "(edited ") {
		t.Errorf("show does not say the note was edited:\n%s", out)
	}

	code, out, errOut = run(t, db, "note", "delete", fmt.Sprintf("#%d", second.ID))
	if code != 0 || !strings.Contains(out, "Call back in May") {
		t.Fatalf("note delete: exit %d, %q %q; want the deleted text on stdout", code, out, errOut)
	}
	notes = showNotes(t, db, "Food & Bio Cluster Denmark")
	if len(notes) != 1 || notes[0].ID != first.ID {
		t.Fatalf("after note delete: %+v", notes)
	}
}

// Wrong note commands fail in one line and leave the notes as they were.
func TestNoteErrorsChangeNothing(t *testing.T) {
	db := catalogue(t)
	if code, _, errOut := run(t, db, "note", "GCE Ocean Technology", "Ask about the test basin"); code != 0 {
		t.Fatal(errOut)
	}
	notes := showNotes(t, db, "GCE Ocean Technology")
	if len(notes) != 1 {
		t.Fatalf("notes: %+v", notes)
	}
	id := fmt.Sprint(notes[0].ID)
	before := dump(t, db)
	for _, tc := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"note", "edit", id, "  "}, 1, "empty"},
		{[]string{"note", "edit", "9999", "text"}, 1, "not found"},
		{[]string{"note", "delete", "9999"}, 1, "not found"},
		{[]string{"note", "edit", "GCE", "text"}, 2, "not a note id"},
		{[]string{"note", "edit", id}, 2, "usage: note edit NOTE_ID TEXT"},
		{[]string{"note", "delete"}, 2, "usage: note delete NOTE_ID"},
		{[]string{"note", "delete", id, "now"}, 2, "usage: note delete NOTE_ID"},
	} {
		code, out, errOut := run(t, db, tc.args...)
		if code != tc.code || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, tc.says) || out != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit %d and one line saying %q", tc.args, code, out, errOut, tc.code, tc.says)
		}
	}
	if after := dump(t, db); after != before {
		t.Errorf("failed note commands changed the catalogue:\n%s\n---\n%s", before, after)
	}
}
