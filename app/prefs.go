package app

import (
	"encoding/json"

	"fyne.io/fyne/v2"

	"clusterbridge/data"
)

// Preference keys: the window remembers its size, the last filters and a dismissed banner.
const (
	prefWidth           = "window.width"
	prefHeight          = "window.height"
	prefFilters         = "filters"
	prefBannerDismissed = "banner.dismissed"
)

// defaultSize is the window's size on first start.
var defaultSize = fyne.NewSize(1280, 800)

func loadSize(p fyne.Preferences) fyne.Size {
	w := p.FloatWithFallback(prefWidth, float64(defaultSize.Width))
	h := p.FloatWithFallback(prefHeight, float64(defaultSize.Height))
	if w < 640 || h < 480 {
		return defaultSize
	}
	return fyne.NewSize(float32(w), float32(h))
}

func saveSize(p fyne.Preferences, s fyne.Size) {
	if s.Width >= 640 && s.Height >= 480 {
		p.SetFloat(prefWidth, float64(s.Width))
		p.SetFloat(prefHeight, float64(s.Height))
	}
}

// loadFilters returns the filters and order in use when the window last changed them.
func loadFilters(p fyne.Preferences) data.Query {
	var q data.Query
	if s := p.String(prefFilters); s != "" {
		_ = json.Unmarshal([]byte(s), &q) // a garbled preference just means no filters
	}
	q.Offset, q.Limit = 0, 0
	return q
}

func saveFilters(p fyne.Preferences, q data.Query) {
	q.Offset, q.Limit = 0, 0
	if b, err := json.Marshal(q); err == nil {
		p.SetString(prefFilters, string(b))
	}
}
