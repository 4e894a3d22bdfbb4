package app

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// undoBar offers to undo the last removal for a few seconds, or until the next action: deleting at once and
// offering Undo loses nothing and asks nothing. The shortlist has one under its table (a removed entry), the
// window one at its bottom (a deleted note).
type undoBar struct {
	text    *widget.Label
	button  *widget.Button
	content *fyne.Container
	shown   int // counts the offers, so that the timer of an older one leaves a newer one alone

	onUndo func()
}

// undoSeconds is how long the undo bar stays.
const undoSeconds = 8

func newUndoBar() *undoBar {
	b := &undoBar{text: widget.NewLabel(""), onUndo: func() {}}
	b.text.Truncation = fyne.TextTruncateEllipsis
	b.button = widget.NewButtonWithIcon(lang.L("Undo"), theme.ContentUndoIcon(), func() {
		undo := b.onUndo
		b.dismiss()
		undo()
	})
	b.button.Importance = widget.HighImportance
	close := widget.NewButtonWithIcon("", theme.CancelIcon(), b.dismiss)
	close.Importance = widget.LowImportance
	b.content = container.NewBorder(widget.NewSeparator(), nil, nil, container.NewHBox(b.button, close), b.text)
	b.content.Hide()
	return b
}

// offer shows text and the Undo button; after undoSeconds, later calls its expire (on the UI goroutine).
func (b *undoBar) offer(text string, onUndo func(), later func(time.Duration, func())) {
	b.shown++
	shown := b.shown
	b.text.SetText(text)
	b.onUndo = onUndo
	b.content.Show()
	later(undoSeconds*time.Second, func() {
		if b.shown == shown {
			b.dismiss()
		}
	})
}

// dismiss takes the offer away: its removal stands.
func (b *undoBar) dismiss() {
	b.onUndo = func() {}
	b.content.Hide()
}

// offered reports whether an undo is on offer.
func (b *undoBar) offered() bool { return b.content.Visible() }
