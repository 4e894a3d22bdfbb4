package app

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// tileSpot is a country's square on the tile map: its column and row on a grid shaped roughly like Europe.
type tileSpot struct {
	code     string
	col, row int
}

// europeTiles places every country the catalogue knows where an advisor looks for it: the Nordics on top, the
// British Isles to the west, Iberia bottom left, the Balkans bottom right, Cyprus and Türkiye in the corner.
var europeTiles = []tileSpot{
	{"IS", 0, 0}, {"NO", 4, 0}, {"SE", 5, 0}, {"FI", 6, 0},
	{"EE", 6, 1},
	{"IE", 0, 2}, {"GB", 1, 2}, {"DK", 4, 2}, {"LV", 6, 2},
	{"NL", 3, 3}, {"DE", 4, 3}, {"PL", 5, 3}, {"LT", 6, 3},
	{"BE", 3, 4}, {"LU", 4, 4}, {"CZ", 5, 4}, {"SK", 6, 4}, {"UA", 7, 4},
	{"FR", 3, 5}, {"CH", 4, 5}, {"LI", 5, 5}, {"AT", 6, 5}, {"HU", 7, 5}, {"RO", 8, 5}, {"MD", 9, 5},
	{"PT", 1, 6}, {"ES", 2, 6}, {"IT", 4, 6}, {"SI", 6, 6}, {"HR", 7, 6}, {"RS", 8, 6}, {"BG", 9, 6},
	{"BA", 7, 7}, {"ME", 8, 7}, {"XK", 9, 7}, {"GE", 11, 7},
	{"MT", 4, 8}, {"AL", 8, 8}, {"MK", 9, 8}, {"TR", 10, 8},
	{"GR", 9, 9}, {"CY", 10, 9}, {"IL", 11, 9},
}

const tileCols, tileRows = 12, 10

// The colour scale: a sequential blue from few to many clusters; grey for none.
var (
	tileFew   = color.NRGBA{0xde, 0xeb, 0xf7, 0xff}
	tileMany  = color.NRGBA{0x08, 0x45, 0x94, 0xff}
	tileNone  = color.NRGBA{0xd9, 0xd9, 0xd9, 0xff}
	tileInk   = color.NRGBA{0x1c, 0x1c, 0x1c, 0xff}
	tileFaint = color.NRGBA{0x73, 0x73, 0x73, 0xff}
)

// tileColour places n on the scale up to most. The scale is logarithmic, so that one country with hundreds of
// clusters does not wash out the ones with a handful.
func tileColour(n, most int) color.NRGBA {
	if n <= 0 || most <= 0 {
		return tileNone
	}
	t := 1.0
	if most > 1 {
		t = 0.15 + 0.85*math.Log(float64(n))/math.Log(float64(most))
	}
	mix := func(a, b uint8) uint8 { return uint8(math.Round(float64(a) + (float64(b)-float64(a))*t)) }
	return color.NRGBA{mix(tileFew.R, tileMany.R), mix(tileFew.G, tileMany.G), mix(tileFew.B, tileMany.B), 0xff}
}

// tileInkOn is the text colour that reads on a tile's colour.
func tileInkOn(c color.NRGBA) color.Color {
	if c == tileNone {
		return tileFaint
	}
	lum := 0.299*float64(c.R) + 0.587*float64(c.G) + 0.114*float64(c.B)
	if lum < 140 {
		return color.White
	}
	return tileInk
}

// tileMap draws one square per country in its rough place in Europe, coloured by a count, with the country's
// code and count on it. Tapping a square calls onTapped with the country's code.
type tileMap struct {
	widget.BaseWidget
	counts   map[string]int
	most     int
	onTapped func(code string)
}

func newTileMap(onTapped func(code string)) *tileMap {
	if onTapped == nil {
		onTapped = func(string) {}
	}
	m := &tileMap{counts: map[string]int{}, onTapped: onTapped}
	m.ExtendBaseWidget(m)
	return m
}

// SetCounts colours the tiles by these counts per country code; countries left out count zero.
func (m *tileMap) SetCounts(counts map[string]int) {
	m.counts = make(map[string]int, len(counts))
	m.most = 0
	for code, n := range counts {
		m.counts[code] = n
		m.most = max(m.most, n)
	}
	m.Refresh()
}

// geometry is where the grid sits in a widget of this size: its top-left corner, a cell's side and the gap.
func (m *tileMap) geometry(size fyne.Size) (origin fyne.Position, cell, gap float32) {
	cell = min(size.Width/tileCols, size.Height/tileRows)
	gap = max(1, cell*0.08)
	origin = fyne.NewPos((size.Width-cell*tileCols)/2, (size.Height-cell*tileRows)/2)
	return origin, cell, gap
}

// tileAt is the country whose tile is under pos.
func (m *tileMap) tileAt(pos fyne.Position) (string, bool) {
	origin, cell, _ := m.geometry(m.Size())
	if cell <= 0 || pos.X < origin.X || pos.Y < origin.Y {
		return "", false
	}
	col, row := int((pos.X-origin.X)/cell), int((pos.Y-origin.Y)/cell)
	for _, s := range europeTiles {
		if s.col == col && s.row == row {
			return s.code, true
		}
	}
	return "", false
}

// tileCentre is the middle of a country's tile, for tests and tooltips.
func (m *tileMap) tileCentre(code string) (fyne.Position, bool) {
	origin, cell, _ := m.geometry(m.Size())
	for _, s := range europeTiles {
		if s.code == code {
			return fyne.NewPos(origin.X+(float32(s.col)+0.5)*cell, origin.Y+(float32(s.row)+0.5)*cell), true
		}
	}
	return fyne.Position{}, false
}

// Tapped filters by the country tapped on.
func (m *tileMap) Tapped(ev *fyne.PointEvent) {
	if code, ok := m.tileAt(ev.Position); ok {
		m.onTapped(code)
	}
}

// Cursor shows a pointing hand: the tiles are clickable.
func (m *tileMap) Cursor() desktop.Cursor { return desktop.PointerCursor }

func (m *tileMap) CreateRenderer() fyne.WidgetRenderer {
	r := &tileMapRenderer{m: m}
	for range europeTiles {
		bg := canvas.NewRectangle(tileNone)
		code := canvas.NewText("", tileInk)
		code.TextStyle = fyne.TextStyle{Bold: true}
		code.Alignment = fyne.TextAlignCenter
		count := canvas.NewText("", tileInk)
		count.Alignment = fyne.TextAlignCenter
		r.bgs = append(r.bgs, bg)
		r.codes = append(r.codes, code)
		r.nums = append(r.nums, count)
		r.objects = append(r.objects, bg, code, count)
	}
	r.Refresh()
	return r
}

type tileMapRenderer struct {
	m       *tileMap
	bgs     []*canvas.Rectangle
	codes   []*canvas.Text
	nums    []*canvas.Text
	objects []fyne.CanvasObject
}

func (r *tileMapRenderer) Destroy() {}

func (r *tileMapRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *tileMapRenderer) MinSize() fyne.Size {
	return fyne.NewSize(tileCols*22, tileRows*22) // small enough for half a laptop screen; tiles grow with the room
}

func (r *tileMapRenderer) Layout(size fyne.Size) {
	origin, cell, gap := r.m.geometry(size)
	side := cell - gap
	codeSize := max(7, min(theme.TextSize(), side*0.32))
	numSize := max(6, codeSize*0.85)
	for i, s := range europeTiles {
		pos := fyne.NewPos(origin.X+float32(s.col)*cell+gap/2, origin.Y+float32(s.row)*cell+gap/2)
		r.bgs[i].Move(pos)
		r.bgs[i].Resize(fyne.NewSize(side, side))
		r.bgs[i].CornerRadius = side * 0.12

		r.codes[i].TextSize, r.nums[i].TextSize = codeSize, numSize
		ch := r.codes[i].MinSize().Height
		nh := r.nums[i].MinSize().Height
		top := pos.Y + (side-ch-nh)/2
		r.codes[i].Move(fyne.NewPos(pos.X, top))
		r.codes[i].Resize(fyne.NewSize(side, ch))
		r.nums[i].Move(fyne.NewPos(pos.X, top+ch))
		r.nums[i].Resize(fyne.NewSize(side, nh))
	}
}

func (r *tileMapRenderer) Refresh() {
	for i, s := range europeTiles {
		n := r.m.counts[s.code]
		fill := tileColour(n, r.m.most)
		ink := tileInkOn(fill)
		r.bgs[i].FillColor = fill
		r.codes[i].Text, r.codes[i].Color = s.code, ink
		r.nums[i].Text, r.nums[i].Color = formatCount(n), ink
	}
	r.Layout(r.m.Size())
	for _, o := range r.objects {
		o.Refresh()
	}
}
