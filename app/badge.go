package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"clusterbridge/data"
)

// Badge colours: the metals, dark enough on a light theme and light enough on a dark one.
var (
	goldColour   = color.NRGBA{0xe3, 0xb5, 0x26, 0xff}
	silverColour = color.NRGBA{0xbc, 0xc2, 0xc9, 0xff}
	bronzeColour = color.NRGBA{0xb8, 0x73, 0x33, 0xff}
	badgeInk     = color.NRGBA{0x1c, 0x1c, 0x1c, 0xff}
)

func labelColour(l data.Label) color.Color {
	switch l {
	case data.LabelGold:
		return goldColour
	case data.LabelSilver:
		return silverColour
	case data.LabelBronze:
		return bronzeColour
	}
	return color.Transparent
}

// labelBadge shows a label level as a small rounded tag in its metal's colour: filled while the label is
// valid or unverified, only outlined once it has expired or probably has (a year-only label past its
// estimate). No label shows nothing. Every badge is as wide as the widest level, so that the badges line up
// down the list.
type labelBadge struct {
	widget.BaseWidget
	label  data.Label
	status data.LabelStatus
}

func newLabelBadge() *labelBadge {
	b := &labelBadge{status: data.StatusNone}
	b.ExtendBaseWidget(b)
	return b
}

func (b *labelBadge) set(l data.Label, st data.LabelStatus) {
	if b.label == l && b.status == st {
		return
	}
	b.label, b.status = l, st
	b.Refresh()
}

func (b *labelBadge) CreateRenderer() fyne.WidgetRenderer {
	r := &badgeRenderer{badge: b, bg: canvas.NewRectangle(color.Transparent), text: canvas.NewText("", badgeInk)}
	r.text.TextStyle = fyne.TextStyle{Bold: true}
	r.text.Alignment = fyne.TextAlignCenter
	r.Refresh()
	return r
}

type badgeRenderer struct {
	badge *labelBadge
	bg    *canvas.Rectangle
	text  *canvas.Text
}

func (r *badgeRenderer) Destroy() {}

func (r *badgeRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.bg, r.text} }

func (r *badgeRenderer) Layout(size fyne.Size) {
	r.bg.Move(fyne.NewPos(0, 0))
	r.bg.Resize(size)
	th := r.text.MinSize()
	r.text.Move(fyne.NewPos(0, (size.Height-th.Height)/2))
	r.text.Resize(fyne.NewSize(size.Width, th.Height))
}

func (r *badgeRenderer) MinSize() fyne.Size {
	textSize := theme.CaptionTextSize()
	var w float32
	for _, l := range []data.Label{data.LabelGold, data.LabelSilver, data.LabelBronze} {
		s := fyne.MeasureText(labelName(l), textSize, r.text.TextStyle)
		w = max(w, s.Width)
	}
	h := fyne.MeasureText("Gg", textSize, r.text.TextStyle).Height
	pad := theme.InnerPadding()
	return fyne.NewSize(w+pad*1.5, h+pad/2)
}

func (r *badgeRenderer) Refresh() {
	b := r.badge
	r.text.TextSize = theme.CaptionTextSize()
	r.bg.CornerRadius = theme.InputRadiusSize()
	metal := labelColour(b.label)
	switch {
	case b.label == data.LabelNone:
		r.text.Text = ""
		r.bg.FillColor, r.bg.StrokeColor, r.bg.StrokeWidth = color.Transparent, color.Transparent, 0
	case b.status.OutOfDate():
		r.text.Text = labelName(b.label)
		r.text.Color = theme.Color(theme.ColorNameForeground)
		r.bg.FillColor, r.bg.StrokeColor, r.bg.StrokeWidth = color.Transparent, metal, 1.5
	default:
		r.text.Text = labelName(b.label)
		r.text.Color = badgeInk
		if b.label == data.LabelBronze {
			r.text.Color = color.White
		}
		r.bg.FillColor, r.bg.StrokeColor, r.bg.StrokeWidth = metal, color.Transparent, 0
	}
	r.bg.Refresh()
	r.text.Refresh()
}
