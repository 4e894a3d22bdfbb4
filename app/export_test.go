package app

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"clusterbridge/data"
)

// tempFiles lists what an export may leave beside its target.
func tempFiles(t *testing.T, dir string) []string {
	t.Helper()
	left, err := filepath.Glob(filepath.Join(dir, ".*.tmp"))
	if err != nil {
		t.Fatal(err)
	}
	return left
}

func TestWriteFileAtomicallyKeepsTheOldFileUntilTheNewOneIsWhole(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "partners.csv")
	if err := os.WriteFile(path, []byte("old contents"), 0o644); err != nil {
		t.Fatal(err)
	}
	failed := errors.New("the catalogue went away")
	err := writeFileAtomically(path, func(f *os.File) error {
		if _, err := f.WriteString("name;country\nhalf a r"); err != nil {
			return err
		}
		return failed
	})
	if !errors.Is(err, failed) {
		t.Fatalf("a failed write reported %v", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "old contents" {
		t.Errorf("after a failed write the file holds %q, want the old contents", got)
	}
	if left := tempFiles(t, dir); len(left) != 0 {
		t.Errorf("a failed write left %v", left)
	}

	if err := writeFileAtomically(path, func(f *os.File) error {
		_, err := f.WriteString("name;country\nGCE Ocean Technology;NO\n")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != "name;country\nGCE Ocean Technology;NO\n" {
		t.Errorf("after a good write the file holds %q", got)
	}
	if left := tempFiles(t, dir); len(left) != 0 {
		t.Errorf("a good write left %v", left)
	}
}

// walkObjects calls fn on o and everything drawn inside it.
func walkObjects(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	fn(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walkObjects(c, fn)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			walkObjects(c, fn)
		}
	}
}

// asButton is o as a button: Fyne's, or a dialog's formButton.
func asButton(o fyne.CanvasObject) *widget.Button {
	switch b := o.(type) {
	case *widget.Button:
		return b
	case *formButton:
		return &b.Button
	}
	return nil
}

// topDialog is the topmost overlay of the window, failing the test when there is none.
func topDialog(t *testing.T, w *testWindow) fyne.CanvasObject {
	t.Helper()
	top := w.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog is open")
	}
	return top
}

// button finds the visible button labelled text in o.
func button(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	walkObjects(o, func(c fyne.CanvasObject) {
		if b := asButton(c); b != nil && b.Text == text && b.Visible() {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no %q button in the dialog", text)
	}
	return found
}

// textIn joins the text of the labels in o.
func textIn(o fyne.CanvasObject) string {
	var b strings.Builder
	walkObjects(o, func(c fyne.CanvasObject) {
		switch x := c.(type) {
		case *widget.Label:
			b.WriteString(x.Text + "\n")
		case *widget.RichText:
			b.WriteString(x.String() + "\n")
		}
	})
	return b.String()
}

// saveOver goes through the Save dialog as a user does: the suggested name is that of an existing file in dir,
// so Save asks whether to overwrite it, and the user says yes. It returns the target's contents just after.
func saveOver(t *testing.T, w *testWindow, l data.Shortlist, dir string) []byte {
	t.Helper()
	d := w.exportDialog(l, data.CSVSemicolon)
	lister, err := storage.ListerForURI(storage.NewFileURI(dir))
	if err != nil {
		t.Fatal(err)
	}
	d.SetLocation(lister)
	d.Show()
	save := button(t, topDialog(t, w), "Save")
	if save.Disabled() {
		t.Fatal("Save is disabled although the dialog suggests a name")
	}
	test.Tap(save)
	confirm := topDialog(t, w)
	if !strings.Contains(textIn(confirm), "overwrite") {
		t.Fatalf("saving over an existing file did not ask to overwrite it; the dialog reads %q", textIn(confirm))
	}
	test.Tap(button(t, confirm, "Yes"))
	raw, err := os.ReadFile(filepath.Join(dir, exportFileName(l.Name, data.CSVSemicolon)))
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// The Save dialog must not empty the file it is about to replace: if the export then fails, the user's old
// file is still there, whole; when it succeeds, the file holds the new export.
func TestExportThroughTheSaveDialogReplacesTheFileOnlyWhenWritten(t *testing.T) {
	w := newTestWindow(t)
	ctx := context.Background()
	l, err := w.store.CreateShortlist(ctx, "Export me", "")
	if err != nil {
		t.Fatal(err)
	}
	c := w.results.clusters[0]
	if _, err := w.store.AddToShortlist(ctx, l.ID, c.ID, data.EntryMeeting, "Jane Roe"); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, exportFileName(l.Name, data.CSVSemicolon))
	old := []byte("name;status\nLast year's partner;partner\n")
	if err := os.WriteFile(path, old, 0o644); err != nil {
		t.Fatal(err)
	}

	// Success: the file holds the shortlist.
	saveOver(t, w, l, dir)
	w.settle()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw, []byte("\uFEFF"))))
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil || len(rows) != 2 || rows[0][0] != "name" || rows[1][0] != c.Name {
		t.Fatalf("after saving, the file holds %q (%v)", rows, err)
	}
	if got := textIn(topDialog(t, w)); !strings.Contains(got, "Saved Export me to "+path) {
		t.Errorf("after saving, the window says %q", got)
	}
	w.win.Canvas().Overlays().Top().Hide()

	// Failure: the catalogue cannot be read, so the export fails; the old file is untouched throughout.
	if err := os.WriteFile(path, old, 0o644); err != nil {
		t.Fatal(err)
	}
	w.store.Close()
	if during := saveOver(t, w, l, dir); !bytes.Equal(during, old) {
		t.Fatalf("the Save dialog emptied the file before the export wrote it: %q", during)
	}
	w.settle()
	if after, _ := os.ReadFile(path); !bytes.Equal(after, old) {
		t.Errorf("a failed export left %q where the old file was", after)
	}
	if got := textIn(topDialog(t, w)); !strings.Contains(got, "closed") {
		t.Errorf("a failed export says %q, want the reason", got)
	}
	if left := tempFiles(t, dir); len(left) != 0 {
		t.Errorf("the exports left %v", left)
	}
}

// Through the wrapped repository a writer still writes, but one closed unwritten changes nothing.
func TestFileWritersTouchTheFileOnlyWhenWritten(t *testing.T) {
	test.NewTempApp(t)
	useLazyFileWriters()
	useLazyFileWriters() // wraps once
	dir := t.TempDir()
	path := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(path, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	w, err := storage.Writer(storage.NewFileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != "keep me" {
		t.Errorf("a writer closed unwritten left %q", got)
	}
	w, err = storage.Writer(storage.NewFileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte("new")); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != "new" {
		t.Errorf("a written file holds %q, want the new bytes alone", got)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("the folder holds %d entries, want notes.txt alone", len(entries))
	}
}
