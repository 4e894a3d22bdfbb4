package app

import (
	"image/color"

	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// fitDialog is a dialog that fits the window whatever its size: its content is in a vertical scroll, its buttons
// are below the scroll and so always visible, and it opens at the size its content asks for (or the size the
// caller prefers), no larger than the window. Fyne's own form, confirm and message dialogs give their content
// all the room it wants, so on a small window their buttons are drawn over the fields and the last fields are
// cut off with no way to reach them.
type fitDialog struct {
	*dialog.CustomDialog
	win       fyne.Window
	content   fyne.CanvasObject
	scroll    *container.Scroll
	preferred fyne.Size
	confirm   *formButton // nil in a message, which has only a dismiss button
	dismiss   *formButton
	answer    bool // what the dialog was closed with: true for its confirm button
}

// newFitDialog makes a dialog of content with a dismiss button and, when confirm is not empty, a confirm button;
// callback, if any, gets the answer once the dialog has closed.
func newFitDialog(title, confirm, dismiss string, content fyne.CanvasObject, callback func(bool), win fyne.Window) *fitDialog {
	d := &fitDialog{win: win, content: content, scroll: container.NewVScroll(content)}
	d.CustomDialog = dialog.NewCustomWithoutButtons(title, d.scroll, win)
	d.dismiss = newFormButton(dismiss, theme.CancelIcon(), d.Dismiss)
	buttons := []fyne.CanvasObject{d.dismiss}
	if confirm != "" {
		d.confirm = newFormButton(confirm, theme.ConfirmIcon(), d.Confirm)
		d.confirm.Importance = widget.HighImportance
		buttons = append(buttons, d.confirm)
	} else {
		d.dismiss.SetIcon(nil)
	}
	d.SetButtons(buttons)
	d.CustomDialog.SetOnClosed(func() {
		if callback != nil {
			callback(d.answer)
		}
	})
	return d
}

// newFormDialog is dialog.NewForm in a fitDialog: the confirm button is disabled while a field is invalid.
func newFormDialog(title, confirm, dismiss string, items []*widget.FormItem, callback func(bool), win fyne.Window) *fitDialog {
	form := widget.NewForm(items...)
	d := newFitDialog(title, confirm, dismiss, form, callback, win)
	d.setValid(form.Validate())
	form.SetOnValidationChanged(d.setValid)
	return d
}

// newConfirmDialog is dialog.NewConfirm in a fitDialog: a question answered Yes or No.
func newConfirmDialog(title, message string, callback func(bool), win fyne.Window) *fitDialog {
	d := newFitDialog(title, lang.L("Yes"), lang.L("No"), messageLabel(message), callback, win)
	d.preferred.Width = messageWidth
	return d
}

// messageWidth is the width a message or a question prefers: wrapped text has no width of its own, and a
// dialog as narrow as its buttons would stand its sentences in a column of a few words.
const messageWidth = 440

// newMessageDialog is a message with one button that closes it.
func newMessageDialog(title, dismiss string, content fyne.CanvasObject, win fyne.Window) *fitDialog {
	return newFitDialog(title, "", dismiss, content, nil, win)
}

// showInfo tells the user something; Escape and Enter close it.
func showInfo(win fyne.Window, title, text string) {
	d := newMessageDialog(title, lang.L("OK"), messageLabel(text), win)
	d.preferred.Width = messageWidth
	showMessage(win, d)
}

// showErrorOn shows an error as a message, its first letter a capital.
func showErrorOn(win fyne.Window, err error) {
	d := newMessageDialog(lang.L("Error"), lang.L("OK"), messageLabel(errorText(err)), win)
	d.SetIcon(theme.ErrorIcon())
	d.preferred.Width = messageWidth
	showMessage(win, d)
}

func messageLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.Alignment = fyne.TextAlignCenter
	return l
}

func capitalised(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

func (d *fitDialog) setValid(err error) {
	if err != nil {
		d.confirm.Disable()
	} else {
		d.confirm.Enable()
	}
}

// Confirm closes the dialog with its confirm answer; a form with an invalid field stays open.
func (d *fitDialog) Confirm() {
	if d.confirm == nil {
		d.Dismiss()
		return
	}
	if d.confirm.Disabled() {
		return
	}
	d.answer = true
	d.Hide()
}

// Submit is Confirm, by the name Fyne's form dialog gives it.
func (d *fitDialog) Submit() { d.Confirm() }

// Dismiss closes the dialog without confirming it.
func (d *fitDialog) Dismiss() {
	d.answer = false
	d.Hide()
}

// SetConfirmText names the confirm button.
func (d *fitDialog) SetConfirmText(text string) {
	if d.confirm != nil {
		d.confirm.SetText(text)
	}
}

// SetDismissText names the dismiss button.
func (d *fitDialog) SetDismissText(text string) { d.dismiss.SetText(text) }

// Resize sets the size the dialog prefers; it still opens larger when its content needs it, and never larger
// than the window.
func (d *fitDialog) Resize(size fyne.Size) { d.preferred = size }

// Show opens the dialog at the size it fits; while it is open, a field given the focus scrolls into view.
func (d *fitDialog) Show() {
	d.CustomDialog.Resize(d.fitSize())
	followWhileShown(d.CustomDialog, d.scroll)
	d.CustomDialog.Show()
}

// fitSize is the size the dialog opens at: its preferred size or, when larger, what its content needs without
// scrolling; but within the window, with a margin, scrolling its content when it must.
func (d *fitDialog) fitSize() fyne.Size {
	room := d.win.Canvas().Size().Subtract(fyne.NewSquareSize(4 * theme.Padding()))
	// The title, the buttons and the padding: everything but the content's scroll.
	chrome := d.MinSize().Subtract(d.scroll.MinSize())
	width := fyne.Max(d.preferred.Width, d.content.MinSize().Width+chrome.Width)
	width = fyne.Min(fyne.Max(width, d.MinSize().Width), room.Width)
	// Text that wraps is as tall as the width it gets makes it.
	d.content.Resize(fyne.NewSize(width-chrome.Width, d.content.MinSize().Height))
	height := fyne.Max(d.preferred.Height, d.content.MinSize().Height+chrome.Height)
	return fyne.NewSize(width, fyne.Min(height, room.Height))
}

// withMinHeight is o at least h tall, and as wide as it is given.
func withMinHeight(h float32, o fyne.CanvasObject) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(0, h))
	return container.NewStack(r, o)
}
