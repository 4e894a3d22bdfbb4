package app

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"clusterbridge/data"
)

// resultList is the centre column: the clusters that match, a page at a time, with their count and order.
type resultList struct {
	clusters  []data.Cluster // the pages fetched so far
	total     int            // how many match in all
	catalogue int            // how many the catalogue holds
	today     func() time.Time
	selected  widget.ListItemID // -1 when no row is selected
	rowsMade  int               // rows the list has created: it should reuse a screenful, never make one per cluster

	list    *widget.List
	count   *widget.Label
	order   *widget.Select
	export  *widget.Button // Export this list…
	sortBy  *widget.Label
	empty   *fyne.Container
	content fyne.CanvasObject

	onSelect   func(c data.Cluster)
	onNeedPage func(offset int)
	onSort     func()
	onClear    func()
	onExport   func()
}

// sortOrders are the result list's orders, in the order the sort box offers them.
var sortOrders = []data.SortOrder{data.SortByName, data.SortByCountry, data.SortByLabel}

func newResultList() *resultList {
	r := &resultList{selected: -1, today: time.Now,
		onSelect: func(data.Cluster) {}, onNeedPage: func(int) {}, onSort: func() {}, onClear: func() {}, onExport: func() {}}
	r.build()
	return r
}

func (r *resultList) build() {
	r.list = widget.NewList(r.length, r.createRow, r.updateRow)
	r.list.OnSelected = func(id widget.ListItemID) {
		r.selected = id
		if id >= 0 && id < len(r.clusters) {
			r.onSelect(r.clusters[id])
		}
	}
	r.list.OnUnselected = func(id widget.ListItemID) {
		if r.selected == id {
			r.selected = -1
		}
	}

	r.count = widget.NewLabel("")
	r.order = widget.NewSelect([]string{lang.L("Name"), lang.L("Country"), lang.L("Label")}, func(string) { r.onSort() })
	r.order.SetSelectedIndex(0)

	clear := widget.NewButtonWithIcon(lang.L("Clear filters"), theme.ContentClearIcon(), func() { r.onClear() })
	clear.Importance = widget.HighImportance
	r.empty = container.NewCenter(container.NewVBox(
		widget.NewLabelWithStyle(lang.L("No cluster matches these filters."), fyne.TextAlignCenter, fyne.TextStyle{}),
		container.NewCenter(clear),
	))
	r.empty.Hide()

	r.export = widget.NewButtonWithIcon(lang.L("Export…"), theme.DocumentSaveIcon(), func() { r.onExport() })
	r.export.Importance = widget.LowImportance
	r.sortBy = widget.NewLabel(lang.L("Sort by"))
	header := container.NewBorder(nil, nil, nil, container.NewHBox(r.export, r.sortBy, r.order), r.count)
	r.content = container.NewBorder(header, nil, nil, nil, container.NewStack(r.list, r.empty))
}

// setNarrow makes the header fit a pane on half a laptop screen: the sort box and the export button say what
// they are without their words (the File menu still has Export this list…).
func (r *resultList) setNarrow(narrow bool) {
	if narrow {
		r.export.SetText("")
		r.sortBy.Hide()
	} else {
		r.export.SetText(lang.L("Export…"))
		r.sortBy.Show()
	}
}

func (r *resultList) length() int { return len(r.clusters) }

func (r *resultList) createRow() fyne.CanvasObject {
	r.rowsMade++
	return newResultRow()
}

func (r *resultList) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(r.clusters) {
		return
	}
	o.(*resultRow).set(r.clusters[id], r.today())
	// Near the end of what is fetched: ask for the next page before the user gets there.
	if id >= len(r.clusters)-pageSize/4 && len(r.clusters) < r.total {
		r.onNeedPage(len(r.clusters))
	}
}

// sortOrder is the order the user chose.
func (r *resultList) sortOrder() data.SortOrder {
	if i := r.order.SelectedIndex(); i >= 0 && i < len(sortOrders) {
		return sortOrders[i]
	}
	return data.SortByName
}

func (r *resultList) setSortOrder(o data.SortOrder) {
	for i, so := range sortOrders {
		if so == o {
			r.order.SetSelectedIndex(i)
		}
	}
}

// show replaces the list with a new search's first page.
func (r *resultList) show(res data.Result) {
	r.clusters, r.total = res.Clusters, res.Total
	r.selected = -1
	r.list.UnselectAll()
	r.list.ScrollToTop()
	r.list.Refresh()
	r.showCount()
	if r.total == 0 {
		r.empty.Show()
	} else {
		r.empty.Hide()
	}
}

// appendPage adds a further page of the same search.
func (r *resultList) appendPage(cs []data.Cluster) {
	r.clusters = append(r.clusters, cs...)
	r.list.Refresh()
}

func (r *resultList) showCount() {
	r.count.SetText(lang.L("{{.Shown}} of {{.Total}} clusters", map[string]any{"Shown": formatCount(r.total), "Total": formatCount(r.catalogue)}))
}

// move selects the row delta rows from the selected one (the first row when none is).
func (r *resultList) move(delta int) {
	if len(r.clusters) == 0 {
		return
	}
	i := r.selected + delta
	if r.selected < 0 {
		i = 0
	}
	i = max(0, min(i, len(r.clusters)-1))
	r.list.Select(i)
	r.list.ScrollTo(i)
}

// selectCluster selects the row of a cluster if it is among those fetched.
func (r *resultList) selectCluster(id int64) bool {
	for i, c := range r.clusters {
		if c.ID == id {
			r.list.Select(i)
			r.list.ScrollTo(i)
			return true
		}
	}
	return false
}

// resultRow is one cluster in the list: its name on top; country, city and ecosystems below; its label on the
// right. Every row has the same two lines, so rows are of one height.
type resultRow struct {
	widget.BaseWidget
	name, place *widget.Label
	badge       *labelBadge
}

func newResultRow() *resultRow {
	r := &resultRow{
		name:  widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		place: widget.NewLabel(""),
		badge: newLabelBadge(),
	}
	r.name.Truncation = fyne.TextTruncateEllipsis
	r.place.Truncation = fyne.TextTruncateEllipsis
	r.place.SizeName = theme.SizeNameCaptionText
	r.ExtendBaseWidget(r)
	return r
}

func (r *resultRow) CreateRenderer() fyne.WidgetRenderer {
	lines := container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()), r.name, r.place)
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, nil, container.NewCenter(r.badge), lines))
}

func (r *resultRow) set(c data.Cluster, today time.Time) {
	r.name.SetText(c.Name)
	parts := []string{countryName(c.Country)}
	if c.City != "" {
		parts = append(parts, c.City)
	}
	if len(c.Ecosystems) > 0 {
		parts = append(parts, ecosystemList(c.Ecosystems))
	}
	r.place.SetText(strings.Join(parts, " · "))
	r.badge.set(c.Label, c.LabelStatus(today))
}
