package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// Every dialog of the window is shown with showKeyed (or showForm, showConfirm, showMessage), which gives it
// the keys of a dialog: Escape cancels it, Enter confirms it. Fyne delivers a key to the canvas's OnTypedKey
// only when no widget has the focus; the entries of the forms are formEntry, which pass Escape and Enter (Enter
// in a single-line entry only) on to the canvas, so the keys work there too. Other focusable widgets (a Select,
// a check box, a button) keep the keys to themselves.

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
func showForm(win fyne.Window, d *dialog.FormDialog) { showKeyed(win, d, d.Submit, nil) }

// showConfirm shows a question: Enter answers yes, Escape no.
func showConfirm(win fyne.Window, d *dialog.ConfirmDialog) { showKeyed(win, d, d.Confirm, nil) }

// showMessage shows a message or an error: Escape and Enter close it.
func showMessage(win fyne.Window, d dialog.Dialog) { showKeyed(win, d, nil, nil) }

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
func (e *formEntry) toDialog(ev *fyne.KeyEvent) {
	c := fyne.CurrentApp().Driver().CanvasForObject(e)
	if c == nil {
		return
	}
	if h := c.OnTypedKey(); h != nil {
		h(ev)
	}
}

func shiftHeld() bool {
	d, ok := fyne.CurrentApp().Driver().(desktop.Driver)
	return ok && d.CurrentKeyModifiers()&fyne.KeyModifierShift != 0
}
