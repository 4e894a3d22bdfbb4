package app

import (
	"context"
	"net/url"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"clusterbridge/data"
	"clusterbridge/suggest"
)

// labelWatchBadge says whether a cluster's label needs checking on day: it has expired, probably has (a
// year-only label past its estimate), or expires within suggest.LabelWatchDays.
func labelWatchBadge(c data.Cluster, day time.Time) bool {
	return len(suggest.LabelWatch([]data.Cluster{c}, day, suggest.LabelWatchDays)) > 0
}

// labelWatchView is "Labels to check": the shortlisted clusters whose label has expired, probably has, or
// expires within 90 days, soonest first, each with its date and the page that stated it, to check for a renewal.
type labelWatchView struct {
	store  *data.Store
	onOpen func(id int64)
	jobs   uiJobs

	watch []suggest.Watch
	today time.Time

	count *widget.Label
	list  *widget.List
	empty *widget.Label
	body  fyne.CanvasObject
}

func newLabelWatchView(store *data.Store, onOpen func(id int64)) *labelWatchView {
	if onOpen == nil {
		onOpen = func(int64) {}
	}
	v := &labelWatchView{store: store, onOpen: onOpen, jobs: uiJobs{do: fyne.Do}, today: store.Today()}
	v.build()
	return v
}

func (v *labelWatchView) build() {
	v.count = widget.NewLabel("")
	v.count.Wrapping = fyne.TextWrapWord
	v.list = widget.NewList(func() int { return len(v.watch) }, v.createRow, v.updateRow)
	v.list.OnSelected = v.onRowSelected
	v.empty = widget.NewLabelWithStyle(lang.L("No label on your shortlists has expired, probably expired or expires within 90 days."),
		fyne.TextAlignCenter, fyne.TextStyle{})
	v.empty.Wrapping = fyne.TextWrapWord
	v.empty.Hide()
	top := container.NewVBox(sectionTitle(lang.L("Labels to check")), v.count)
	v.body = container.NewBorder(top, nil, nil, nil, container.NewStack(v.list, middle(v.empty)))
}

func (v *labelWatchView) content() fyne.CanvasObject { return v.body }

// refresh reads the shortlisted clusters again off the UI goroutine.
func (v *labelWatchView) refresh() {
	v.jobs.run(func(ctx context.Context) func() {
		today := v.store.Today()
		cs, err := v.store.ShortlistedClusters(ctx)
		watch := suggest.LabelWatch(cs, today, suggest.LabelWatchDays)
		return func() {
			if err != nil {
				v.count.SetText(lang.L("Cannot read the shortlists: {{.Error}}", map[string]any{"Error": errorText(err)}))
				return
			}
			v.show(watch, today)
		}
	})
}

func (v *labelWatchView) show(watch []suggest.Watch, today time.Time) {
	v.watch, v.today = watch, today
	v.list.UnselectAll()
	v.list.Refresh()
	if len(watch) == 0 {
		v.count.SetText("")
		v.empty.Show()
		return
	}
	v.empty.Hide()
	v.count.SetText(lang.N("{{.Count}} shortlisted clusters have a label that has expired, probably expired or expires within 90 days. Check the page that stated it for a renewal.",
		len(watch), map[string]any{"Count": formatCount(len(watch))}))
}

func (v *labelWatchView) onRowSelected(id widget.ListItemID) {
	v.list.Unselect(id)
	if id >= 0 && id < len(v.watch) {
		v.onOpen(v.watch[id].ID)
	}
}

func (v *labelWatchView) createRow() fyne.CanvasObject { return newWatchRow() }

func (v *labelWatchView) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(v.watch) {
		return
	}
	o.(*watchRow).set(v.watch[id])
}

// watchDateText says when a label ran out or runs out, with its date as stated: "Gold, expired 30 Sep 2024",
// "Gold, expired Sep 2024", "Silver, expires 31 Aug 2025 (in 45 days)", or for a year-only label "Gold 2021,
// probably expired (estimated to 31 Dec 2023)".
func watchDateText(w suggest.Watch) string {
	name, date := labelName(w.Label), statedDate(w.ValidUntil)
	switch {
	case w.Status == data.StatusProbablyExpired:
		return lang.L("{{.Label}} {{.Year}}, probably expired (estimated to {{.Date}})",
			map[string]any{"Label": name, "Year": w.Year, "Date": formatDay(w.Through)})
	case w.Days < 0:
		return lang.L("{{.Label}}, expired {{.Date}}", map[string]any{"Label": name, "Date": date})
	case w.Days == 0:
		return lang.L("{{.Label}}, expires today", map[string]any{"Label": name})
	}
	return lang.L("{{.Label}}, expires {{.Date}} (in {{.Days}} days)", map[string]any{"Label": name, "Date": date, "Days": w.Days})
}

// watchSource is the place to check for a renewal: the page that stated the label when it is a web address,
// else the first web address among the cluster's other sources, else the first source as it was read (a file).
func watchSource(w suggest.Watch) (*url.URL, string) {
	srcs := w.CheckSources()
	for _, s := range srcs {
		if u, ok := webURL(s.URL); ok {
			return u, s.URL
		}
	}
	if len(srcs) > 0 {
		return nil, srcs[0].URL
	}
	return nil, ""
}

// watchRow is one label to check: the cluster's name, country and badge on top; the date and the source to
// check below.
type watchRow struct {
	widget.BaseWidget
	box    *fyne.Container
	name   *widget.Label
	badge  *labelBadge
	date   *widget.Label
	link   *widget.Hyperlink
	source *widget.Label
}

func newWatchRow() *watchRow {
	r := &watchRow{
		name:   widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		badge:  newLabelBadge(),
		date:   widget.NewLabel(""),
		link:   widget.NewHyperlink("", nil),
		source: widget.NewLabel(""),
	}
	r.name.Truncation = fyne.TextTruncateEllipsis
	r.link.Truncation = fyne.TextTruncateEllipsis
	r.source.Truncation = fyne.TextTruncateEllipsis
	r.source.SizeName = theme.SizeNameCaptionText
	r.link.SizeName = theme.SizeNameCaptionText
	top := container.NewBorder(nil, nil, nil, container.NewCenter(r.badge), r.name)
	bottom := container.NewBorder(nil, nil, r.date, nil, container.NewStack(r.link, r.source))
	r.box = container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()), top, bottom)
	r.ExtendBaseWidget(r)
	return r
}

func (r *watchRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(r.box)
}

func (r *watchRow) set(w suggest.Watch) {
	r.name.SetText(w.Name + " · " + countryName(w.Country))
	r.badge.set(w.Label, w.Status)
	r.date.SetText(watchDateText(w))
	if w.Status.OutOfDate() {
		r.date.Importance = widget.DangerImportance
	} else {
		r.date.Importance = widget.WarningImportance
	}
	r.date.Refresh()
	u, text := watchSource(w)
	if u != nil {
		r.link.SetText(lang.L("Check on {{.Site}}", map[string]any{"Site": strings.TrimPrefix(u.Hostname(), "www.")}))
		r.link.SetURL(u)
		r.link.Show()
		r.source.Hide()
		r.box.Refresh()
		return
	}
	r.link.Hide()
	if text == "" {
		text = lang.L("no source recorded")
	}
	r.source.SetText(text)
	r.source.Show()
	r.box.Refresh() // the date's width may have changed
}
