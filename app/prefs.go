package app

import (
	"encoding/json"

	"fyne.io/fyne/v2"

	"clusterbridge/data"
)

// Preference keys. The window's state is one value, written once when it closes: Fyne writes the whole
// preferences file on every Set, and a program quitting between two writes could leave it half written.
const (
	prefWindow          = "window"
	prefBannerDismissed = "banner.dismissed"
	// prefImportSource and a preset's id remember whether the user ticked that public source for import.
	prefImportSource = "import.source."
)

// defaultSize is the window's size on first start.
var defaultSize = fyne.NewSize(1280, 800)

// windowState is what the window remembers between runs: its size and the last filters and order.
type windowState struct {
	Width, Height float32
	Filters       data.Query
}

func loadState(p fyne.Preferences) windowState {
	st := windowState{Width: defaultSize.Width, Height: defaultSize.Height}
	if s := p.String(prefWindow); s != "" {
		_ = json.Unmarshal([]byte(s), &st) // a garbled preference just means the defaults
	}
	if st.Width < 640 || st.Height < 480 {
		st.Width, st.Height = defaultSize.Width, defaultSize.Height
	}
	st.Filters.Offset, st.Filters.Limit = 0, 0
	return st
}

// fitScreen is a window size no larger than the screen's room for it (zero: not known), so that a size
// remembered on a larger screen does not open the window half off a smaller one.
func fitScreen(size, screen fyne.Size) fyne.Size {
	if screen.Width > 0 {
		size.Width = fyne.Min(size.Width, screen.Width)
	}
	if screen.Height > 0 {
		size.Height = fyne.Min(size.Height, screen.Height)
	}
	return size
}

func saveState(p fyne.Preferences, size fyne.Size, q data.Query) {
	q.Offset, q.Limit = 0, 0
	if b, err := json.Marshal(windowState{Width: size.Width, Height: size.Height, Filters: q}); err == nil {
		p.SetString(prefWindow, string(b))
	}
}
