package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// newButtonRow lays buttons out in a row, with their words when the row has room for them all and with only
// their icons when not. It never asks for more than the icons need, so a language with longer words cannot
// make the window wider than the screen; on a wide window nothing changes.
func newButtonRow(buttons ...*widget.Button) fyne.CanvasObject {
	l := &buttonRowLayout{buttons: buttons, words: make([]string, len(buttons))}
	objects := make([]fyne.CanvasObject, len(buttons))
	for i, b := range buttons {
		l.words[i], objects[i] = b.Text, b
	}
	return container.New(l, objects...)
}

type buttonRowLayout struct {
	buttons []*widget.Button
	words   []string
}

// width is the row's width with or without the buttons' words.
func (l *buttonRowLayout) width(withWords bool) (w float32, h float32) {
	for i, b := range l.buttons {
		if !b.Visible() {
			continue
		}
		text := ""
		if withWords {
			text = l.words[i]
		}
		s := (&widget.Button{Text: text, Icon: b.Icon, Importance: b.Importance}).MinSize()
		w += s.Width + theme.Padding()
		h = max(h, s.Height)
	}
	return max(0, w-theme.Padding()), h
}

func (l *buttonRowLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	w, h := l.width(false)
	return fyne.NewSize(w, h)
}

func (l *buttonRowLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	full, _ := l.width(true)
	x := float32(0)
	for i, b := range l.buttons {
		if !b.Visible() {
			continue
		}
		want := l.words[i]
		if size.Width < full && b.Icon != nil {
			want = ""
		}
		if b.Text != want {
			b.SetText(want)
		}
		bs := b.MinSize()
		b.Move(fyne.NewPos(x, (size.Height-bs.Height)/2))
		b.Resize(bs)
		x += bs.Width + theme.Padding()
	}
}
