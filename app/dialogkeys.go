package app

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// Every dialog of the window is shown with showKeyed (or showForm, showConfirm, showMessage), which gives it
// the keys of a dialog: Escape cancels it, Enter confirms it. Fyne delivers a key to the canvas's OnTypedKey
// only when no widget has the focus, and Fyne's widgets keep Escape and Enter to themselves; so the fields of
// the dialogs are formEntry, formSelect, formCheck and formButton, which pass Escape, and Enter (in a single-line
// entry, a select or a check box), on to the canvas. Enter on a focused button presses that button, as on any
// desktop. The same widgets bring themselves into view when they get the focus (see followFocus).

// keyedDialog is a dialog shown with its keys: what Escape and Enter do while it is the top one.
type keyedDialog struct {
	escape, enter func()
}

// dialogKeys is the stack of keyed dialogs open over one canvas, and the canvas's own key handler from before
// the first of them, given back when the last closes. Used on the UI goroutine only.
type dialogKeys struct {
	base func(*fyne.KeyEvent)
	open []*keyedDialog
}

var keysOfCanvas = map[fyne.Canvas]*dialogKeys{}

func (k *dialogKeys) typedKey(ev *fyne.KeyEvent) {
	if len(k.open) == 0 {
		if k.base != nil {
			k.base(ev)
		}
		return
	}
	top := k.open[len(k.open)-1]
	switch ev.Name {
	case fyne.KeyEscape:
		top.escape()
	case fyne.KeyReturn, fyne.KeyEnter:
		top.enter()
	}
}

// showKeyed shows d over win. While it is the top dialog, Escape runs cancel and Enter runs confirm; a nil
// cancel dismisses d, and a nil confirm closes it too (a message has nothing else to confirm). When d closes,
// the keys go back to the dialog below it or, after the last, to the window.
func showKeyed(win fyne.Window, d dialog.Dialog, confirm, cancel func()) {
	if cancel == nil {
		cancel = d.Dismiss
	}
	if confirm == nil {
		confirm = d.Dismiss
	}
	c := win.Canvas()
	k := keysOfCanvas[c]
	if k == nil {
		k = &dialogKeys{base: c.OnTypedKey()}
		keysOfCanvas[c] = k
		c.SetOnTypedKey(k.typedKey)
	}
	kd := &keyedDialog{escape: cancel, enter: confirm}
	k.open = append(k.open, kd)
	d.SetOnClosed(func() {
		for i, o := range k.open {
			if o == kd {
				k.open = append(k.open[:i], k.open[i+1:]...)
				break
			}
		}
		if len(k.open) == 0 && keysOfCanvas[c] == k {
			c.SetOnTypedKey(k.base)
			delete(keysOfCanvas, c)
		}
	})
	d.Show()
}

// showForm shows a form dialog: Enter submits it (when its fields are valid), Escape cancels it.
func showForm(win fyne.Window, d *fitDialog) { showKeyed(win, d, d.Submit, nil) }

// showConfirm shows a question: Enter answers yes, Escape no.
func showConfirm(win fyne.Window, d *fitDialog) { showKeyed(win, d, d.Confirm, nil) }

// showFileDialog shows Fyne's Open or Save dialog: Escape cancels it; Enter is its own business (its file name
// entry and its list take it), so the canvas gives it nothing.
func showFileDialog(win fyne.Window, d *dialog.FileDialog) { showKeyed(win, d, func() {}, nil) }

// showMessage shows a message: Escape and Enter close it.
func showMessage(win fyne.Window, d *fitDialog) { showKeyed(win, d, nil, nil) }

// formEntry is an Entry for the fields of a dialog. Tab and Shift+Tab move the focus, in a multi-line entry as
// well (Fyne's multi-line entry types a tab character instead), and Escape, and Enter in a single-line entry,
// reach the dialog. Ctrl+Enter confirms the dialog from a multi-line entry.
type formEntry struct {
	widget.Entry
}

func newFormEntry() *formEntry {
	e := &formEntry{}
	e.ExtendBaseWidget(e)
	return e
}

func newFormMultiLineEntry() *formEntry {
	e := &formEntry{}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	return e
}

// FocusGained brings the entry into view.
func (e *formEntry) FocusGained() {
	e.Entry.FocusGained()
	scrollIntoView(e)
}

// AcceptsTab is false, so the desktop driver moves the focus on Tab and Shift+Tab rather than typing them.
func (e *formEntry) AcceptsTab() bool { return false }

func (e *formEntry) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyTab: // not sent by the desktop driver (AcceptsTab), but never typed whoever sends it
		if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil {
			if shiftHeld() {
				c.FocusPrevious()
			} else {
				c.FocusNext()
			}
		}
		return
	case fyne.KeyEscape:
		e.toDialog(ev)
		return
	case fyne.KeyReturn, fyne.KeyEnter:
		if !e.MultiLine && e.OnSubmitted == nil {
			e.toDialog(ev)
			return
		}
	}
	e.Entry.TypedKey(ev)
}

func (e *formEntry) TypedShortcut(s fyne.Shortcut) {
	if e.MultiLine && isSaveNoteShortcut(s) { // Ctrl+Enter
		e.toDialog(&fyne.KeyEvent{Name: fyne.KeyReturn})
		return
	}
	e.Entry.TypedShortcut(s)
}

// toDialog hands a key to the canvas, where the open dialog has it.
func (e *formEntry) toDialog(ev *fyne.KeyEvent) { toCanvas(e, ev) }

func toCanvas(o fyne.CanvasObject, ev *fyne.KeyEvent) {
	c := fyne.CurrentApp().Driver().CanvasForObject(o)
	if c == nil {
		return
	}
	if h := c.OnTypedKey(); h != nil {
		h(ev)
	}
}

// isDialogKey says whether a key is the open dialog's: Escape, and Enter unless the widget uses it.
func isDialogKey(ev *fyne.KeyEvent, enterToo bool) bool {
	switch ev.Name {
	case fyne.KeyEscape:
		return true
	case fyne.KeyReturn, fyne.KeyEnter:
		return enterToo
	}
	return false
}

// formSelect is a Select for the fields of a dialog: Escape and Enter reach the dialog, and it comes into view
// when focused. Space and the arrows still choose.
type formSelect struct {
	widget.Select
}

func newFormSelect(options []string, changed func(string)) *formSelect {
	s := &formSelect{}
	s.Options, s.OnChanged = options, changed
	s.ExtendBaseWidget(s)
	return s
}

func (s *formSelect) TypedKey(ev *fyne.KeyEvent) {
	if isDialogKey(ev, true) {
		toCanvas(s, ev)
		return
	}
	s.Select.TypedKey(ev)
}

func (s *formSelect) FocusGained() {
	s.Select.FocusGained()
	scrollIntoView(s)
}

// formCheck is a check box that hands Escape and Enter on (to the dialog, or to the window) and comes into view
// when focused, so that Space never ticks a box the user cannot see. Space still ticks it.
type formCheck struct {
	widget.Check
}

func newFormCheck(text string, changed func(bool)) *formCheck {
	c := &formCheck{}
	c.Text, c.OnChanged = text, changed
	c.ExtendBaseWidget(c)
	return c
}

func (c *formCheck) TypedKey(ev *fyne.KeyEvent) {
	if isDialogKey(ev, true) {
		toCanvas(c, ev)
		return
	}
	c.Check.TypedKey(ev)
}

func (c *formCheck) FocusGained() {
	c.Check.FocusGained()
	scrollIntoView(c)
}

// formButton is a button of a dialog: Enter presses it, like Space; Escape reaches the dialog.
type formButton struct {
	widget.Button
}

func newFormButton(text string, icon fyne.Resource, tapped func()) *formButton {
	b := &formButton{}
	b.Text, b.Icon, b.OnTapped = text, icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

func (b *formButton) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyEscape:
		toCanvas(b, ev)
	case fyne.KeyReturn, fyne.KeyEnter:
		if !b.Disabled() {
			b.Tapped(nil)
		}
	default:
		b.Button.TypedKey(ev)
	}
}

func (b *formButton) FocusGained() {
	b.Button.FocusGained()
	scrollIntoView(b)
}

// checkList is check boxes (formCheck) in as many columns as the width allows, in place of Fyne's CheckGroup,
// whose boxes keep Escape and Enter. Selected is kept as the boxes are ticked, as CheckGroup's is.
type checkList struct {
	widget.BaseWidget
	Options  []string
	Selected []string
	checks   []*formCheck
	grid     *fyne.Container
}

func newCheckList(options []string) *checkList {
	l := &checkList{Options: options}
	var cell fyne.Size
	for _, o := range options {
		c := newFormCheck(o, func(bool) { l.collect() })
		l.checks = append(l.checks, c)
		cell = cell.Max(c.MinSize())
	}
	l.grid = container.NewGridWrap(cell)
	for _, c := range l.checks {
		l.grid.Add(c)
	}
	l.ExtendBaseWidget(l)
	return l
}

func (l *checkList) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(l.grid) }

// SetSelected ticks the boxes named, and only those.
func (l *checkList) SetSelected(names []string) {
	for _, c := range l.checks {
		c.SetChecked(slices.Contains(names, c.Text))
	}
	l.collect()
}

func (l *checkList) collect() {
	l.Selected = l.Selected[:0]
	for _, c := range l.checks {
		if c.Checked {
			l.Selected = append(l.Selected, c.Text)
		}
	}
}

// followed are the scrolls that bring a focused field (formEntry, formSelect, formCheck, formButton) into view.
// Fyne tells a widget it has the focus, not its parents, and a widget cannot find the scroll it is in; so the
// scrolls whose fields may be tabbed to are listed here while they are shown. Used on the UI goroutine only.
var followed = map[*container.Scroll]bool{}

func followFocus(s *container.Scroll) *container.Scroll {
	followed[s] = true
	return s
}

func unfollowFocus(s *container.Scroll) { delete(followed, s) }

// followWhileShown follows the focus in s while d is open.
func followWhileShown(d dialog.Dialog, s *container.Scroll) {
	followFocus(s)
	d.SetOnClosed(func() { unfollowFocus(s) })
}

// scrollIntoView scrolls every followed scroll holding o, as little as needed, so that o is in sight.
func scrollIntoView(o fyne.CanvasObject) {
	d := fyne.CurrentApp().Driver()
	c := d.CanvasForObject(o)
	if c == nil {
		return
	}
	pos, size := d.AbsolutePositionForObject(o), o.Size()
	for s := range followed {
		if s.Content == nil || !s.Visible() || d.CanvasForObject(s) != c {
			continue
		}
		// Where o is in the scroll's content, found by its place on the canvas (zero when it is not drawn).
		at := pos.Subtract(d.AbsolutePositionForObject(s.Content))
		inner := s.Content.Size()
		if at.X < 0 || at.Y < 0 || at.X+size.Width > inner.Width+1 || at.Y+size.Height > inner.Height+1 {
			continue
		}
		off := s.Offset
		off.Y = shiftToShow(off.Y, at.Y, size.Height, s.Size().Height)
		off.X = shiftToShow(off.X, at.X, size.Width, s.Size().Width)
		if off != s.Offset {
			s.ScrollToOffset(off)
		}
	}
}

// shiftToShow is the offset of a view of length view, now at off, moved as little as needed to show the
// stretch [at, at+length) (its start when it is longer than the view).
func shiftToShow(off, at, length, view float32) float32 {
	switch {
	case at < off || length > view:
		return at
	case at+length > off+view:
		return at + length - view
	}
	return off
}

func shiftHeld() bool {
	d, ok := fyne.CurrentApp().Driver().(desktop.Driver)
	return ok && d.CurrentKeyModifiers()&fyne.KeyModifierShift != 0
}
