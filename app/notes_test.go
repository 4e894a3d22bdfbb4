package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"clusterbridge/data"
)

// selectRow selects the i-th cluster of the results, as a click would, and waits for the detail to show it.
func (w *testWindow) selectRow(i int) data.Cluster {
	w.t.Helper()
	w.results.list.Select(i)
	w.settle()
	if w.detail.cluster.ID != w.results.clusters[i].ID {
		w.t.Fatalf("the detail shows %q, want %q", w.detail.cluster.Name, w.results.clusters[i].Name)
	}
	return w.detail.cluster
}

// A half-typed note is the user's: it is still there after another cluster and another tab were shown, and
// it is not saved until the user says so.
func TestANoteDraftOutlivesAnotherClusterAndTab(t *testing.T) {
	w := newTestWindow(t)
	first := w.selectRow(0)
	test.Type(w.detail.noteEntry, "Ask about the pilot plant")
	other := w.selectRow(1)
	if w.detail.noteEntry.Text != "" {
		t.Errorf("%s shows the draft of %s: %q", other.Name, first.Name, w.detail.noteEntry.Text)
	}
	test.Type(w.detail.noteEntry, "Second draft")
	w.showView("shortlists")
	w.settle()
	w.showView("clusters")
	w.selectRow(0)
	if w.detail.noteEntry.Text != "Ask about the pilot plant" {
		t.Errorf("back on %s the note entry holds %q, want the draft", first.Name, w.detail.noteEntry.Text)
	}
	w.selectRow(1)
	if w.detail.noteEntry.Text != "Second draft" {
		t.Errorf("back on %s the note entry holds %q, want its own draft", other.Name, w.detail.noteEntry.Text)
	}
	if notes, err := w.store.Notes(context.Background(), first.ID); err != nil || len(notes) != 0 {
		t.Errorf("a draft reached the catalogue: %+v %v", notes, err)
	}
}

// Ctrl+Enter in the note entry saves the note; Enter alone starts a new line in it.
func TestCtrlEnterSavesTheNote(t *testing.T) {
	w := newTestWindow(t)
	c := w.selectRow(0)
	test.Type(w.detail.noteEntry, "Called Anna")
	w.detail.noteEntry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	test.Type(w.detail.noteEntry, "call back in May")
	w.settle()
	if notes, _ := w.store.Notes(context.Background(), c.ID); len(notes) != 0 {
		t.Fatalf("Enter alone saved the note: %+v", notes)
	}
	// Pressed twice before the first save lands, it still saves once.
	w.detail.noteEntry.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyReturn, Modifier: fyne.KeyModifierControl})
	w.detail.noteEntry.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyReturn, Modifier: fyne.KeyModifierControl})
	w.settle()
	notes, err := w.store.Notes(context.Background(), c.ID)
	if err != nil || len(notes) != 1 || notes[0].Text != "Called Anna\ncall back in May" {
		t.Fatalf("after Ctrl+Enter the notes are %+v (%v)", notes, err)
	}
	if w.detail.noteEntry.Text != "" {
		t.Errorf("the note entry still holds %q after saving", w.detail.noteEntry.Text)
	}
	if _, ok := w.drafts.fresh[c.ID]; ok {
		t.Error("the saved note's draft is still kept")
	}
	if !strings.Contains(labelsIn(w.detail.body), formatDateTime(testDay)) {
		t.Errorf("the note does not show when it was written (%s):\n%s", formatDateTime(testDay), labelsIn(w.detail.body))
	}
}

// Edit opens the note in place; an unsaved edit outlives another cluster shown; Save reaches the catalogue
// and the note says it was edited. Delete removes that note only, at once, and Undo brings it back as it was.
func TestEditAndDeleteANote(t *testing.T) {
	w := newTestWindow(t)
	ctx := context.Background()
	c := w.selectRow(0)
	older, err := w.store.AddNote(ctx, c.ID, "Met at the Brussels cluster days")
	if err != nil {
		t.Fatal(err)
	}
	newer, err := w.store.AddNote(ctx, c.ID, "Call back in May")
	if err != nil {
		t.Fatal(err)
	}
	w.reloadDetail()
	w.settle()

	row := w.detail.noteRows[older.ID]
	if row == nil {
		t.Fatalf("no row for note %d; rows %v", older.ID, w.detail.noteRows)
	}
	test.Tap(row.edit)
	if row.editor == nil || row.editor.Text != older.Text {
		t.Fatal("Edit did not open the note's text in an entry")
	}
	row.editor.SetText("  ")
	if !row.save.Disabled() {
		t.Error("Save is offered for an emptied note; emptying is not deleting")
	}
	row.editor.SetText("Met Anna Hansen at the Brussels cluster days")

	w.selectRow(1)
	w.selectRow(0)
	row = w.detail.noteRows[older.ID]
	if row.editor == nil || row.editor.Text != "Met Anna Hansen at the Brussels cluster days" {
		t.Fatal("the unsaved edit was lost on showing another cluster")
	}
	test.Tap(row.save)
	w.settle()
	notes, _ := w.store.Notes(ctx, c.ID)
	if len(notes) != 2 || notes[0].ID != older.ID || notes[0].Text != "Met Anna Hansen at the Brussels cluster days" ||
		notes[0].EditedAt.IsZero() || notes[1].Text != newer.Text {
		t.Fatalf("after Save the notes are %+v", notes)
	}
	if row = w.detail.noteRows[older.ID]; row.editor != nil || !strings.Contains(row.when.Text, "edited") {
		t.Errorf("after Save the row is still editing or does not say it was edited: %q", row.when.Text)
	}

	test.Tap(w.detail.noteRows[newer.ID].remove)
	w.settle()
	notes, _ = w.store.Notes(ctx, c.ID)
	if len(notes) != 1 || notes[0].ID != older.ID {
		t.Fatalf("after Delete the notes are %+v", notes)
	}
	if !w.undo.content.Visible() || !strings.Contains(w.undo.text.Text, formatDateTime(newer.At)) {
		t.Fatalf("no offer to undo the deletion: visible %v, %q", w.undo.content.Visible(), w.undo.text.Text)
	}
	if _, ok := w.detail.noteRows[newer.ID]; ok || strings.Contains(labelsIn(w.detail.body), "Call back in May") {
		t.Error("the deleted note is still shown")
	}
	test.Tap(w.undo.button)
	w.settle()
	notes, _ = w.store.Notes(ctx, c.ID)
	if len(notes) != 2 || notes[1].ID != newer.ID || notes[1].Text != newer.Text || !notes[1].At.Equal(newer.At) {
		t.Fatalf("after Undo the notes are %+v", notes)
	}
	if w.undo.content.Visible() || !strings.Contains(labelsIn(w.detail.body), "Call back in May") {
		t.Error("after Undo the note is not shown again, or Undo is still offered")
	}
	test.Tap(w.detail.noteRows[newer.ID].remove)
	w.settle()
	if _, ok := w.detail.noteRows[newer.ID]; ok || strings.Contains(labelsIn(w.detail.body), "Call back in May") {
		t.Error("the deleted note is still shown")
	}
}

// What was typed and not saved is still there after the window is closed and opened again: a new note's
// draft and an open edit alike.
func TestDraftsSurviveARestart(t *testing.T) {
	a := test.NewTempApp(t)
	store := openTestStore(t)
	w := newTestWindowOn(t, a, store)
	ctx := context.Background()
	c := w.selectRow(0)
	n, err := store.AddNote(ctx, c.ID, "Call back in May")
	if err != nil {
		t.Fatal(err)
	}
	w.reloadDetail()
	w.settle()
	test.Type(w.detail.noteEntry, "Ask about the pilot plant")
	test.Tap(w.detail.noteRows[n.ID].edit)
	w.detail.noteRows[n.ID].editor.SetText("Call back in June")
	w.close() // before the pause that would write them: closing must write them
	w.settle()

	again := newTestWindowOn(t, a, store)
	again.selectRow(0)
	again.settle()
	if again.detail.noteEntry.Text != "Ask about the pilot plant" {
		t.Errorf("after a restart the note entry holds %q, want the draft", again.detail.noteEntry.Text)
	}
	row := again.detail.noteRows[n.ID]
	if row == nil || row.editor == nil || row.editor.Text != "Call back in June" {
		t.Fatalf("after a restart the edit of the note is not open with its text: %+v", row)
	}
	if notes, _ := store.Notes(ctx, c.ID); len(notes) != 1 || notes[0].Text != "Call back in May" {
		t.Errorf("a draft was saved as a note: %+v", notes)
	}
	// Saving the edit ends its draft for good.
	test.Tap(row.save)
	again.settle()
	again.saveDraftsNow()
	if drafts, _ := store.Drafts(ctx); len(drafts) != 1 || drafts[0].NoteID != 0 {
		t.Errorf("after saving the edit the drafts kept are %+v, want only the new note's", drafts)
	}
}

// A note says who wrote it when the catalogue knows: "24 Nov 2026, 14:05 · Anna Berg".
func TestNoteSaysWhoWroteIt(t *testing.T) {
	inLanguage(t, "en")
	at := time.Date(2026, 11, 24, 14, 5, 0, 0, time.Local)
	for n, want := range map[*data.Note]string{
		{At: at, Author: "Anna Berg"}: "24 Nov 2026, 14:05 · Anna Berg",
		{At: at}:                      "24 Nov 2026, 14:05",
		{At: at, EditedAt: at.Add(time.Hour), Author: "Lars Ek", EditedBy: "Anna Berg"}: "24 Nov 2026, 14:05, edited 24 Nov 2026, 15:05 · Lars Ek",
	} {
		if got := noteWhen(*n); got != want {
			t.Errorf("noteWhen = %q, want %q", got, want)
		}
	}
}
