package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// bar is one bar of a bar chart: what it counts, how many, and its colour (nil: the theme's primary colour).
type bar struct {
	label  string
	value  int
	colour color.Color
}

// barChart draws horizontal bars, one a row: the label on the left, the bar scaled to the largest value, and
// the count just after the bar.
type barChart struct {
	widget.BaseWidget
	bars []bar
}

func newBarChart() *barChart {
	c := &barChart{}
	c.ExtendBaseWidget(c)
	return c
}

// SetBars replaces the bars, in the order given.
func (c *barChart) SetBars(bars []bar) {
	c.bars = append([]bar(nil), bars...)
	c.Refresh()
}

func (c *barChart) CreateRenderer() fyne.WidgetRenderer {
	r := &barChartRenderer{c: c}
	r.Refresh()
	return r
}

type barChartRenderer struct {
	c       *barChart
	labels  []*canvas.Text
	rects   []*canvas.Rectangle
	values  []*canvas.Text
	objects []fyne.CanvasObject
}

func (r *barChartRenderer) Destroy() {}

func (r *barChartRenderer) Objects() []fyne.CanvasObject { return r.objects }

// maxBarLabel is the widest a bar's label may be: "Nabijheid, sociale economie en maatschappelijk middenveld"
// would leave no room for its bar on half a laptop screen. Longer ones end in "…".
const maxBarLabel = 230

// metrics are the sizes every row shares: its height, the label column's width and the count's width.
func (r *barChartRenderer) metrics() (rowH, labelW, valueW float32) {
	size := theme.TextSize()
	rowH = fyne.MeasureText("Gg", size, fyne.TextStyle{}).Height + theme.Padding()*2
	for _, b := range r.c.bars {
		labelW = min(max(labelW, fyne.MeasureText(b.label, size, fyne.TextStyle{}).Width), maxBarLabel)
		valueW = max(valueW, fyne.MeasureText(formatCount(b.value), size, fyne.TextStyle{Bold: true}).Width)
	}
	return rowH, labelW, valueW
}

func (r *barChartRenderer) MinSize() fyne.Size {
	rowH, labelW, valueW := r.metrics()
	pad := theme.Padding()
	return fyne.NewSize(labelW+pad*3+valueW+48, rowH*float32(len(r.c.bars))) // bars stretch with the room; 48 fits half a laptop screen
}

func (r *barChartRenderer) Layout(size fyne.Size) {
	rowH, labelW, valueW := r.metrics()
	pad := theme.Padding()
	most := 0
	for _, b := range r.c.bars {
		most = max(most, b.value)
	}
	barX := labelW + pad*2
	room := max(0, size.Width-barX-valueW-pad*2)
	for i, b := range r.c.bars {
		y := float32(i) * rowH
		th := r.labels[i].MinSize().Height
		r.labels[i].Move(fyne.NewPos(0, y+(rowH-th)/2))
		r.labels[i].Resize(fyne.NewSize(labelW, th))

		w := float32(0)
		if most > 0 {
			w = room * float32(b.value) / float32(most)
		}
		if b.value > 0 {
			w = max(w, 2) // a count of one still shows
		}
		r.rects[i].Move(fyne.NewPos(barX, y+pad))
		r.rects[i].Resize(fyne.NewSize(w, rowH-pad*2))

		vw := r.values[i].MinSize()
		r.values[i].Move(fyne.NewPos(barX+w+pad, y+(rowH-vw.Height)/2))
		r.values[i].Resize(fyne.NewSize(vw.Width, vw.Height))
	}
}

func (r *barChartRenderer) Refresh() {
	bars := r.c.bars
	if len(r.labels) != len(bars) {
		r.labels, r.rects, r.values, r.objects = nil, nil, nil, nil
		for range bars {
			l := canvas.NewText("", color.Black)
			l.Alignment = fyne.TextAlignTrailing
			rect := canvas.NewRectangle(color.Black)
			v := canvas.NewText("", color.Black)
			v.TextStyle = fyne.TextStyle{Bold: true}
			r.labels, r.rects, r.values = append(r.labels, l), append(r.rects, rect), append(r.values, v)
			r.objects = append(r.objects, rect, l, v)
		}
	}
	fg := theme.Color(theme.ColorNameForeground)
	for i, b := range bars {
		r.labels[i].Text = elided(b.label, maxBarLabel, theme.TextSize())
		r.labels[i].Color, r.labels[i].TextSize = fg, theme.TextSize()
		r.values[i].Text, r.values[i].Color, r.values[i].TextSize = formatCount(b.value), fg, theme.TextSize()
		fill := b.colour
		if fill == nil {
			fill = theme.Color(theme.ColorNamePrimary)
		}
		r.rects[i].FillColor = fill
		r.rects[i].CornerRadius = 2
	}
	r.Layout(r.c.Size())
	for _, o := range r.objects {
		o.Refresh()
	}
}
