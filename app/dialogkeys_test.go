package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// formEntries finds the dialog's form entries, in the order they are drawn.
func formEntries(t *testing.T, o fyne.CanvasObject) []*formEntry {
	t.Helper()
	var found []*formEntry
	walkObjects(o, func(c fyne.CanvasObject) {
		if e, ok := c.(*formEntry); ok {
			found = append(found, e)
		}
	})
	return found
}

// newShortlistForm opens the New shortlist form and gives its Name and Purpose fields.
func newShortlistForm(t *testing.T, w *testWindow) (name, purpose *formEntry) {
	t.Helper()
	w.onNewShortlist()
	es := formEntries(t, topDialog(t, w))
	if len(es) != 2 || es[0].MultiLine || !es[1].MultiLine {
		t.Fatalf("the New shortlist form has %d form entries, want Name and Purpose", len(es))
	}
	return es[0], es[1]
}

func shortlistNames(t *testing.T, w *testWindow) []string {
	t.Helper()
	ls, err := w.store.Shortlists(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, l := range ls {
		names = append(names, l.Name)
	}
	return names
}

func press(o fyne.Focusable, key fyne.KeyName) { o.TypedKey(&fyne.KeyEvent{Name: key}) }

// pressOnCanvas is a key pressed while nothing has the focus.
func pressOnCanvas(w *testWindow, key fyne.KeyName) {
	w.win.Canvas().Unfocus()
	w.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: key})
}

func TestEnterInNewShortlistFormCreatesIt(t *testing.T) {
	w := newTestWindow(t)
	before := len(shortlistNames(t, w))
	name, _ := newShortlistForm(t, w)
	if w.win.Canvas().Focused() != name {
		t.Fatal("the form does not open with the focus on Name")
	}
	typeInto(name, "Water bid")
	press(name, fyne.KeyReturn)
	w.settle()
	if top := w.win.Canvas().Overlays().Top(); top != nil {
		t.Error("Enter left the form open")
	}
	names := shortlistNames(t, w)
	if len(names) != before+1 || !containsString(names, "Water bid") {
		t.Errorf("after Enter the shortlists are %q, want “Water bid” added", names)
	}
}

func TestEnterInNewShortlistFormWithoutNameCreatesNothing(t *testing.T) {
	w := newTestWindow(t)
	before := shortlistNames(t, w)
	name, _ := newShortlistForm(t, w)
	press(name, fyne.KeyReturn)
	w.settle()
	if w.win.Canvas().Overlays().Top() == nil {
		t.Error("Enter closed the form although the name is empty")
	}
	if got := shortlistNames(t, w); len(got) != len(before) {
		t.Errorf("Enter with no name made a shortlist: %q", got)
	}
}

func TestEscapeInNewShortlistFormCreatesNothing(t *testing.T) {
	w := newTestWindow(t)
	before := shortlistNames(t, w)
	name, purpose := newShortlistForm(t, w)
	typeInto(name, "Water bid")
	typeInto(purpose, "For a bid")
	press(purpose, fyne.KeyEscape)
	w.settle()
	if w.win.Canvas().Overlays().Top() != nil {
		t.Error("Escape in Purpose left the form open")
	}
	if got := shortlistNames(t, w); len(got) != len(before) {
		t.Errorf("Escape made a shortlist: %q", got)
	}

	// The same with nothing focused: the key reaches the dialog through the canvas.
	name, _ = newShortlistForm(t, w)
	typeInto(name, "Water bid")
	pressOnCanvas(w, fyne.KeyEscape)
	w.settle()
	if w.win.Canvas().Overlays().Top() != nil {
		t.Error("Escape with nothing focused left the form open")
	}
	if got := shortlistNames(t, w); len(got) != len(before) {
		t.Errorf("Escape made a shortlist: %q", got)
	}
}

func TestPurposeTakesNoTabAndEnterStartsALine(t *testing.T) {
	w := newTestWindow(t)
	name, purpose := newShortlistForm(t, w)
	typeInto(name, "Water bid")
	typeInto(purpose, "Horizon")
	if purpose.AcceptsTab() {
		t.Error("the Purpose field accepts Tab, so the desktop driver types it instead of moving the focus")
	}
	press(purpose, fyne.KeyTab)
	if strings.Contains(purpose.Text, "\t") {
		t.Errorf("Tab typed a tab into Purpose: %q", purpose.Text)
	}
	if w.win.Canvas().Focused() == purpose {
		t.Error("Tab left the focus in Purpose")
	}
	typeInto(purpose, "")
	press(purpose, fyne.KeyReturn)
	if purpose.Text != "Horizon\n" {
		t.Errorf("Enter in Purpose gave %q, want a new line", purpose.Text)
	}
	if w.win.Canvas().Overlays().Top() == nil {
		t.Fatal("Enter in the multi-line Purpose closed the form")
	}
	typeInto(purpose, "water")
	purpose.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyReturn, Modifier: fyne.KeyModifierControl})
	w.settle()
	ls, err := w.store.Shortlists(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var got string
	for _, l := range ls {
		if l.Name == "Water bid" {
			got = l.Purpose
		}
	}
	if got != "Horizon\nwater" {
		t.Errorf("Ctrl+Enter in Purpose saved the purpose %q, want %q", got, "Horizon\nwater")
	}
}

func TestDeleteShortlistConfirmKeys(t *testing.T) {
	w := newTestWindow(t)
	w.createShortlist("Water bid", "")
	w.settle()
	if !containsString(shortlistNames(t, w), "Water bid") {
		t.Fatal("no shortlist to delete")
	}
	w.onDeleteShortlist()
	topDialog(t, w)
	pressOnCanvas(w, fyne.KeyEscape)
	w.settle()
	if w.win.Canvas().Overlays().Top() != nil {
		t.Error("Escape left the question open")
	}
	if !containsString(shortlistNames(t, w), "Water bid") {
		t.Error("Escape deleted the shortlist")
	}

	w.onDeleteShortlist()
	topDialog(t, w)
	pressOnCanvas(w, fyne.KeyReturn)
	w.settle()
	if w.win.Canvas().Overlays().Top() != nil {
		t.Error("Enter left the question open")
	}
	if containsString(shortlistNames(t, w), "Water bid") {
		t.Error("Enter did not delete the shortlist")
	}
}

func TestMessageClosesOnEscapeAndEnter(t *testing.T) {
	w := newTestWindow(t)
	for _, key := range []fyne.KeyName{fyne.KeyEscape, fyne.KeyReturn} {
		w.showNotice("Notice", "Something happened.")
		topDialog(t, w)
		pressOnCanvas(w, key)
		if w.win.Canvas().Overlays().Top() != nil {
			t.Errorf("%s left the message open", key)
		}
	}
	// With every dialog closed the window has its own keys back.
	w.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyDown})
	if keysOfCanvas[w.win.Canvas()] != nil {
		t.Error("the closed dialogs left their keys on the window")
	}
}

func TestNestedDialogsTakeKeysInTurn(t *testing.T) {
	w := newTestWindow(t)
	before := shortlistNames(t, w)
	name, _ := newShortlistForm(t, w)
	form := topDialog(t, w)
	w.showNotice("Notice", "Over the form.")
	pressOnCanvas(w, fyne.KeyEscape)
	if top := w.win.Canvas().Overlays().Top(); top != form {
		t.Fatal("Escape on the message did not leave the form on top")
	}
	typeInto(name, "Water bid")
	press(name, fyne.KeyEscape)
	w.settle()
	if w.win.Canvas().Overlays().Top() != nil {
		t.Error("Escape left the form open")
	}
	if got := shortlistNames(t, w); len(got) != len(before) {
		t.Errorf("Escape made a shortlist: %q", got)
	}
}

func TestKeyboardShortcutsInHelp(t *testing.T) {
	w := newTestWindow(t)
	var item *fyne.MenuItem
	for _, menu := range w.win.MainMenu().Items {
		for _, it := range menu.Items {
			if it.Label == "Keyboard shortcuts" {
				item = it
			}
		}
	}
	if item == nil {
		t.Fatal("the menus have no Keyboard shortcuts item")
	}
	item.Action()
	d := topDialog(t, w)
	var text []string
	walkObjects(d, func(c fyne.CanvasObject) {
		if l, ok := c.(*widget.Label); ok {
			text = append(text, l.Text)
		}
	})
	all := strings.Join(text, "\n")
	for _, want := range []string{shortcutKey("F"), shortcutKey("I"), shortcutKey("E"), "Escape", "Enter", "Tab, Shift+Tab"} {
		if !strings.Contains(all, want) {
			t.Errorf("the shortcuts do not list %q:\n%s", want, all)
		}
	}
	pressOnCanvas(w, fyne.KeyEscape)
	if w.win.Canvas().Overlays().Top() != nil {
		t.Error("Escape left the shortcuts open")
	}
}

// typeInto focuses e and types s at its cursor.
func typeInto(e *formEntry, s string) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil {
		c.Focus(e)
	}
	test.Type(e, s)
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
