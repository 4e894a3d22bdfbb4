package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
)

// Help › Getting started names the four first things to do, each with where to click, and Escape closes it.
func TestGettingStartedInHelp(t *testing.T) {
	w := newTestWindow(t)
	menuItem(t, w.win.MainMenu(), "Getting started").Action()
	text := textIn(topDialog(t, w))
	for _, want := range []string{"1. Filter", "2. Shortlist", "3. Note", "4. Export",
		"On the Clusters tab, tick a label", "click Add to shortlist", "click Add note", "File › Export this list…"} {
		if !strings.Contains(text, want) {
			t.Errorf("Getting started lacks %q; it reads %q", want, text)
		}
	}
	pressOnCanvas(w, fyne.KeyEscape)
	if top := w.win.Canvas().Overlays().Top(); top != nil {
		t.Error("Escape left Getting started open")
	}
}
