package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"clusterbridge/data"
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

// findAll finds the objects of type T drawn inside o, in the order they are drawn.
func findAll[T fyne.CanvasObject](o fyne.CanvasObject) []T {
	var found []T
	walkObjects(o, func(c fyne.CanvasObject) {
		if x, ok := c.(T); ok {
			found = append(found, x)
		}
	})
	return found
}

// myClusterDialog opens My cluster and gives its widgets: name, country, ecosystem boxes, and Cancel and Save.
func myClusterDialog(t *testing.T, w *testWindow) (*formEntry, *formSelect, []*formCheck, *formButton, *formButton) {
	t.Helper()
	w.partners.onEditMyCluster()
	d := topDialog(t, w)
	entries, selects, checks, buttons := findAll[*formEntry](d), findAll[*formSelect](d), findAll[*formCheck](d), findAll[*formButton](d)
	if len(entries) != 2 || len(selects) != 1 || len(checks) != len(data.Ecosystems) || len(buttons) != 2 {
		t.Fatalf("My cluster has %d entries, %d selects, %d boxes and %d buttons", len(entries), len(selects), len(checks), len(buttons))
	}
	return entries[0], selects[0], checks, buttons[0], buttons[1]
}

func savedMyCluster(w *testWindow) string {
	c, _ := loadMyCluster(w.partners.prefs)
	return c.Name
}

// Escape cancels and Enter confirms a dialog whatever field has the focus: a select, a check box; on a button,
// Enter presses that button.
func TestDialogKeysOnSelectCheckAndButton(t *testing.T) {
	w := newTestWindow(t)
	c := w.win.Canvas()

	name, country, boxes, _, _ := myClusterDialog(t, w)
	typeInto(name, "Biogas Valley")
	c.Focus(country)
	press(country, fyne.KeyReturn)
	if c.Overlays().Top() != nil || savedMyCluster(w) != "Biogas Valley" {
		t.Fatalf("Enter on the country select: dialog open %v, saved %q", c.Overlays().Top() != nil, savedMyCluster(w))
	}

	name, _, boxes, _, _ = myClusterDialog(t, w)
	name.SetText("Biogas Valley North")
	c.Focus(boxes[0])
	test.Type(boxes[0], " ") // Space still ticks the box
	if !boxes[0].Checked {
		t.Error("Space did not tick the focused box")
	}
	press(boxes[0], fyne.KeyEscape)
	if c.Overlays().Top() != nil || savedMyCluster(w) != "Biogas Valley" {
		t.Fatalf("Escape on a box: dialog open %v, saved %q", c.Overlays().Top() != nil, savedMyCluster(w))
	}

	name, _, boxes, cancel, _ := myClusterDialog(t, w)
	name.SetText("Biogas Valley North")
	c.Focus(boxes[1])
	press(boxes[1], fyne.KeyReturn)
	if c.Overlays().Top() != nil || savedMyCluster(w) != "Biogas Valley North" {
		t.Fatalf("Enter on a box: dialog open %v, saved %q", c.Overlays().Top() != nil, savedMyCluster(w))
	}

	name, _, _, cancel, _ = myClusterDialog(t, w)
	name.SetText("Biogas Valley North East")
	c.Focus(cancel)
	press(cancel, fyne.KeyReturn)
	if c.Overlays().Top() != nil || savedMyCluster(w) != "Biogas Valley North" {
		t.Fatalf("Enter on Cancel: dialog open %v, saved %q", c.Overlays().Top() != nil, savedMyCluster(w))
	}

	name, _, _, _, save := myClusterDialog(t, w)
	name.SetText("Biogas Valley North East")
	c.Focus(save)
	press(save, fyne.KeyEscape)
	if c.Overlays().Top() != nil || savedMyCluster(w) != "Biogas Valley North" {
		t.Fatalf("Escape on Save: dialog open %v, saved %q", c.Overlays().Top() != nil, savedMyCluster(w))
	}
	name, _, _, _, save = myClusterDialog(t, w)
	name.SetText("Biogas Valley North East")
	c.Focus(save)
	press(save, fyne.KeyReturn)
	if c.Overlays().Top() != nil || savedMyCluster(w) != "Biogas Valley North East" {
		t.Fatalf("Enter on Save: dialog open %v, saved %q", c.Overlays().Top() != nil, savedMyCluster(w))
	}

	// The import dialog's source boxes hand Escape on too.
	w.onImport()
	c.Focus(w.importer.checks[0])
	press(w.importer.checks[0], fyne.KeyEscape)
	if c.Overlays().Top() != nil {
		t.Error("Escape on a source box left the import dialog open")
	}
}

// inView says whether o is wholly inside the part of s the user sees.
func inView(o fyne.CanvasObject, s *container.Scroll) bool {
	d := fyne.CurrentApp().Driver()
	at, view := d.AbsolutePositionForObject(o), d.AbsolutePositionForObject(s)
	return at.Y >= view.Y-0.5 && at.Y+o.Size().Height <= view.Y+s.Size().Height+0.5 &&
		at.X >= view.X-0.5 && at.X+o.Size().Width <= view.X+s.Size().Width+0.5
}

// A field given the focus scrolls into view: Shift+Tab from the search lands on a country box the user can see
// (Space would tick it), and in My cluster on a small window the keywords come up when tabbed to.
func TestFocusedFieldScrollsIntoView(t *testing.T) {
	w := newTestWindow(t)
	w.win.Resize(fyne.NewSize(1200, 640)) // three panes, the filters in sight
	c := w.win.Canvas()
	c.Focus(w.filters.search)
	c.FocusPrevious()
	box, ok := c.Focused().(*formCheck)
	if !ok {
		t.Fatalf("Shift+Tab from the search focused %T, want a filter's box", c.Focused())
	}
	if w.filters.scroll.Offset.Y == 0 || !inView(box, w.filters.scroll) {
		t.Errorf("Shift+Tab from the search focused %q out of sight (scrolled to %v)", box.Text, w.filters.scroll.Offset)
	}
	first := w.filters.labels[data.Labels[0]]
	c.Focus(first)
	if !inView(first, w.filters.scroll) {
		t.Errorf("the first box focused is out of sight (scrolled to %v)", w.filters.scroll.Offset)
	}

	name, _, _, _, _ := myClusterDialog(t, w)
	keywords := findAll[*formEntry](topDialog(t, w))[1]
	scroll := findAll[*container.Scroll](topDialog(t, w))[0]
	if inView(keywords, scroll) {
		t.Fatal("the keywords are in sight from the start: nothing to scroll at 1024×640")
	}
	c.Focus(name)
	c.FocusNext() // country
	for range len(data.Ecosystems) + 1 {
		c.FocusNext()
	}
	if c.Focused() != keywords {
		t.Fatalf("Tab through My cluster reached %T, want the keywords", c.Focused())
	}
	if !inView(keywords, scroll) {
		t.Errorf("the focused keywords are out of sight (scrolled to %v)", scroll.Offset)
	}
	c.Focus(name)
	if !inView(name, scroll) {
		t.Errorf("the focused name is out of sight (scrolled to %v)", scroll.Offset)
	}
}
