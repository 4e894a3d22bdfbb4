package app

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"clusterbridge/data"
)

func TestTileMapColoursByCountAndTapsFilterByCountry(t *testing.T) {
	test.NewTempApp(t)
	var tapped []string
	m := newTileMap(func(code string) { tapped = append(tapped, code) })
	w := test.NewWindow(m)
	t.Cleanup(w.Close)
	w.Resize(fyne.NewSize(440, 400))
	m.SetCounts(map[string]int{"DK": 24, "SE": 12, "DE": 40, "ES": 3, "FR": 1})

	r := test.WidgetRenderer(m).(*tileMapRenderer)
	fill := func(code string) color.Color {
		for i, s := range europeTiles {
			if s.code == code {
				return r.bgs[i].FillColor
			}
		}
		t.Fatalf("no tile for %s", code)
		return nil
	}
	if fill("PT") != tileNone {
		t.Errorf("Portugal with no cluster is %v, want grey", fill("PT"))
	}
	if fill("DE") != tileMany {
		t.Errorf("the largest count is %v, want the darkest colour", fill("DE"))
	}
	lum := func(c color.Color) uint32 { r, g, b, _ := c.RGBA(); return r + g + b }
	if !(lum(fill("ES")) > lum(fill("DK")) && lum(fill("DK")) > lum(fill("DE"))) {
		t.Error("the colour scale does not darken with the count")
	}

	for _, code := range []string{"DK", "PT", "CY"} {
		pos, ok := m.tileCentre(code)
		if !ok {
			t.Fatalf("no tile for %s", code)
		}
		test.TapAt(m, pos)
	}
	is, _ := m.tileCentre("IS")
	_, cell, _ := m.geometry(m.Size())
	test.TapAt(m, is.AddXY(2*cell, 0)) // the North Sea
	if len(tapped) != 3 || tapped[0] != "DK" || tapped[1] != "PT" || tapped[2] != "CY" {
		t.Errorf("taps gave %v", tapped)
	}
	test.AssertImageMatches(t, "tilemap.png", w.Canvas().Capture())
}

func TestBarChartDrawsBarsWithCounts(t *testing.T) {
	test.NewTempApp(t)
	c := newBarChart()
	w := test.NewWindow(c)
	t.Cleanup(w.Close)
	c.SetBars([]bar{
		{"Gold", 12, goldColour},
		{"Silver", 30, silverColour},
		{"Bronze", 7, bronzeColour},
		{"No label", 199, noLabelColour},
		{"Empty", 0, nil},
	})
	w.Resize(fyne.NewSize(420, 150))
	r := test.WidgetRenderer(c).(*barChartRenderer)
	if len(r.rects) != 5 || r.values[3].Text != "199" {
		t.Fatalf("%d bars, the fourth reads %q", len(r.rects), r.values[3].Text)
	}
	if !(r.rects[3].Size().Width > r.rects[1].Size().Width && r.rects[1].Size().Width > r.rects[0].Size().Width) {
		t.Error("the bars are not in proportion to their counts")
	}
	if r.rects[4].Size().Width != 0 {
		t.Error("a zero count draws a bar")
	}
	test.AssertImageMatches(t, "barchart.png", w.Canvas().Capture())
}

func TestOverviewShowsFacetsAndFiltersByCountry(t *testing.T) {
	test.NewTempApp(t)
	registerTranslations()
	store := openTestStore(t)
	res, err := store.Search(t.Context(), dataQueryAll)
	if err != nil {
		t.Fatal(err)
	}
	var picked string
	v := newOverviewView(func(code string) { picked = code })
	w := test.NewWindow(v.content())
	t.Cleanup(w.Close)
	w.Resize(defaultSize)
	v.setFacets(res.Facets)
	if v.total != 248 {
		t.Errorf("the overview counts %d clusters, want 248", v.total)
	}
	if v.tiles.counts["DK"] != res.Facets.Countries["DK"] || v.tiles.counts["DK"] == 0 {
		t.Errorf("the map counts %d in Denmark", v.tiles.counts["DK"])
	}
	if len(v.labels.bars) != 4 || v.labels.bars[0].label != "Gold" || v.labels.bars[3].label != "No label" {
		t.Errorf("label bars %+v", v.labels.bars)
	}
	if len(v.ecosystems.bars) != 14 || v.ecosystems.bars[0].value < v.ecosystems.bars[13].value {
		t.Error("the ecosystem bars are not most first")
	}
	pos, _ := v.tiles.tileCentre("SE")
	test.TapAt(v.tiles, pos)
	if picked != "SE" {
		t.Errorf("tapping Sweden asked for %q", picked)
	}
}

var dataQueryAll = data.Query{}
