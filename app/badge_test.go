package app

import (
	"testing"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"clusterbridge/data"
)

// The badge is drawn by hand, so it has picture tests: filled metals while valid or unverified, an outline once
// expired, nothing without a label.
func TestBadgeLooks(t *testing.T) {
	test.NewTempApp(t)
	registerTranslations()
	row := container.NewHBox()
	for _, b := range []struct {
		l  data.Label
		st data.LabelStatus
	}{
		{data.LabelGold, data.StatusValid}, {data.LabelSilver, data.StatusUnverified},
		{data.LabelBronze, data.StatusValid}, {data.LabelGold, data.StatusExpired}, {data.LabelNone, data.StatusNone},
	} {
		badge := newLabelBadge()
		badge.set(b.l, b.st)
		row.Add(badge)
	}
	w := test.NewWindow(row)
	defer w.Close()
	w.Resize(row.MinSize().AddWidthHeight(16, 16))
	test.AssertRendersToImage(t, "badges.png", w.Canvas())
}

func TestBadgesAreOneWidth(t *testing.T) {
	test.NewTempApp(t)
	gold, bronze, none := newLabelBadge(), newLabelBadge(), newLabelBadge()
	gold.set(data.LabelGold, data.StatusValid)
	bronze.set(data.LabelBronze, data.StatusExpired)
	if gold.MinSize() != bronze.MinSize() || gold.MinSize() != none.MinSize() {
		t.Errorf("badge sizes differ: %v, %v, %v", gold.MinSize(), bronze.MinSize(), none.MinSize())
	}
}

// A probably expired label (a year-only label past its estimate) looks like an expired one: outlined, not filled.
func TestABadgeOfAProbablyExpiredLabelIsOutlined(t *testing.T) {
	test.NewTempApp(t)
	looks := func(st data.LabelStatus) badgeRenderer {
		b := newLabelBadge()
		b.set(data.LabelGold, st)
		return *test.WidgetRenderer(b).(*badgeRenderer)
	}
	expired, probably, valid := looks(data.StatusExpired), looks(data.StatusProbablyExpired), looks(data.StatusValid)
	if probably.bg.FillColor != expired.bg.FillColor || probably.bg.StrokeWidth != expired.bg.StrokeWidth ||
		probably.text.Color != expired.text.Color {
		t.Errorf("probably expired: fill %v stroke %v; expired: fill %v stroke %v",
			probably.bg.FillColor, probably.bg.StrokeWidth, expired.bg.FillColor, expired.bg.StrokeWidth)
	}
	if probably.bg.FillColor == valid.bg.FillColor {
		t.Error("a probably expired badge is filled like a valid one")
	}
}
