package app

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// undoShownFor is how long an offer to undo stays at the bottom of the window.
const undoShownFor = 15 * time.Second

// undoBar is the strip at the bottom of the window that says what was just removed and offers to put it
// back. Deleting at once and offering Undo loses nothing and asks nothing; a newer offer replaces the last.
type undoBar struct {
	message *widget.Label
	button  *widget.Button
	close   *widget.Button
	content *fyne.Container

	undo   func()       // the current offer's; nil when none
	offers int          // how many offers were made: a timer hides only its own
	do     func(func()) // runs on the UI goroutine
	timer  *time.Timer
}

func newUndoBar(do func(func())) *undoBar {
	b := &undoBar{do: do}
	b.build()
	return b
}

func (b *undoBar) build() {
	b.message = widget.NewLabel("")
	b.message.Truncation = fyne.TextTruncateEllipsis
	b.button = widget.NewButtonWithIcon(lang.L("Undo"), theme.ContentUndoIcon(), b.onUndo)
	b.button.Importance = widget.HighImportance
	b.close = widget.NewButtonWithIcon("", theme.CancelIcon(), b.dismiss)
	b.close.Importance = widget.LowImportance
	b.content = container.NewBorder(nil, nil, nil, container.NewHBox(b.button, b.close), b.message)
	b.content.Hide()
}

// offer shows the message with Undo, which calls undo once.
func (b *undoBar) offer(message string, undo func()) {
	b.message.SetText(message)
	b.undo = undo
	b.content.Show()
	if b.timer != nil {
		b.timer.Stop()
	}
	b.offers++
	offer := b.offers
	b.timer = time.AfterFunc(undoShownFor, func() {
		b.do(func() {
			if b.offers == offer {
				b.dismiss()
			}
		})
	})
}

func (b *undoBar) onUndo() {
	undo := b.undo
	b.dismiss()
	if undo != nil {
		undo()
	}
}

func (b *undoBar) dismiss() {
	b.undo = nil
	if b.timer != nil {
		b.timer.Stop()
		b.timer = nil
	}
	b.content.Hide()
}
