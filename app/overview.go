package app

import (
	"cmp"
	"image/color"
	"math"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"clusterbridge/data"
)

// noLabelColour is the bar of clusters without a label: a neutral grey beside the metals.
var noLabelColour = color.NRGBA{0x9e, 0x9e, 0x9e, 0xff}

// overviewView is the catalogue at a glance under the current filters: a tile map of Europe by country, and bar
// charts by ecosystem and by label. A click on a country asks the window to filter by it.
type overviewView struct {
	facets data.Facets
	total  int

	tiles      *tileMap
	ecosystems *barChart
	labels     *barChart
	heading    *widget.Label
	legend     *fyne.Container
	body       fyne.CanvasObject

	onCountry func(code string)
}

func newOverviewView(onCountry func(code string)) *overviewView {
	if onCountry == nil {
		onCountry = func(string) {}
	}
	v := &overviewView{onCountry: onCountry}
	v.build()
	return v
}

func (v *overviewView) build() {
	v.tiles = newTileMap(v.onTileTapped)
	v.ecosystems = newBarChart()
	v.labels = newBarChart()
	v.heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})

	hint := widget.NewLabel(lang.L("Darker tiles hold more clusters; grey ones none. Click a country to filter by it."))
	hint.Wrapping = fyne.TextWrapWord
	hint.SizeName = theme.SizeNameCaptionText
	v.legend = container.NewHBox()
	mapBox := container.NewBorder(sectionTitle(lang.L("By country")), container.NewVBox(v.legend, hint), nil, nil,
		container.NewPadded(v.tiles))

	charts := container.NewVBox(
		sectionTitle(lang.L("By label")), v.labels,
		widget.NewSeparator(),
		sectionTitle(lang.L("By ecosystem")), v.ecosystems,
	)
	split := container.NewHSplit(mapBox, container.NewVScroll(container.NewPadded(charts)))
	split.Offset = 0.5
	v.body = container.NewBorder(v.heading, nil, nil, nil, split)
	v.setFacets(data.Facets{})
}

func sectionTitle(s string) *widget.Label {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

func (v *overviewView) content() fyne.CanvasObject { return v.body }

// setFacets shows the counts of the window's current query. The facets of a filter leave that filter out (see
// data.Facets), so the map still counts every country while one is chosen.
func (v *overviewView) setFacets(f data.Facets) {
	v.facets = f
	v.total = 0
	for _, n := range f.Labels {
		v.total += n
	}
	v.heading.SetText(lang.L("{{.Count}} clusters under the current filters", map[string]any{"Count": formatCount(v.total)}))
	v.tiles.SetCounts(f.Countries)
	v.showLegend()
	v.labels.SetBars(labelBars(f.Labels))
	v.ecosystems.SetBars(ecosystemBars(f.Ecosystems))
}

// labelBars are Gold, Silver, Bronze and No label, in that order and in their badge colours.
func labelBars(counts map[data.Label]int) []bar {
	out := make([]bar, 0, len(data.Labels))
	for _, l := range data.Labels {
		c := labelColour(l)
		if l == data.LabelNone {
			c = noLabelColour
		}
		out = append(out, bar{label: labelName(l), value: counts[l], colour: c})
	}
	return out
}

// ecosystemBars are the 14 ecosystems, most clusters first, ties in the official order.
func ecosystemBars(counts map[data.Ecosystem]int) []bar {
	out := make([]bar, 0, len(data.Ecosystems))
	for _, e := range data.Ecosystems {
		out = append(out, bar{label: ecosystemName(e), value: counts[e]})
	}
	slices.SortStableFunc(out, func(a, b bar) int { return cmp.Compare(b.value, a.value) })
	return out
}

// showLegend shows the colour scale: swatches from one cluster to the most any country has.
func (v *overviewView) showLegend() {
	most := v.tiles.most
	swatch := func(n int) fyne.CanvasObject {
		r := canvas.NewRectangle(tileColour(n, most))
		r.SetMinSize(fyne.NewSize(22, 14))
		r.CornerRadius = 2
		return container.NewCenter(r)
	}
	objs := []fyne.CanvasObject{swatch(0), widget.NewLabel(lang.L("none"))}
	if most > 0 {
		objs = append(objs, widget.NewLabel("1"))
		steps := 5
		for i := 0; i < steps; i++ {
			// evenly along the logarithmic scale
			n := int(math.Round(math.Pow(float64(most), float64(i)/float64(steps-1))))
			objs = append(objs, swatch(n))
		}
		objs = append(objs, widget.NewLabel(formatCount(most)))
	}
	v.legend.Objects = objs
	v.legend.Refresh()
}

func (v *overviewView) onTileTapped(code string) {
	v.onCountry(code)
}
