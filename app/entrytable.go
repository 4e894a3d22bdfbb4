package app

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"clusterbridge/data"
)

// entryColumn is a column of the shortlist table.
type entryColumn int

const (
	colCluster entryColumn = iota
	colCountry
	colLabel
	colStatus
	colPeople
	colActivity
	colNext
	colAddedBy // who put the cluster on the list: on a team catalogue, or a file whose entries are signed
	colRemove
	entryColumns // how many there are
)

// columnWidths are the table's column widths at their narrowest; the cluster column stays in view when the
// table scrolls sideways.
var columnWidths = [entryColumns]float32{180, 100, 150, 120, 150, 100, 190, 120, 44}

// columnDropOrder is the columns a narrow table leaves out, first to last; the others always show.
var columnDropOrder = []entryColumn{colAddedBy, colLabel, colActivity, colCountry}

// shownColumns are the columns a table of a width shows, with their widths: columns of columnDropOrder are
// left out while the others are wider than the space, and the cluster and next step columns share what is
// left over. When even those are wider, the table scrolls sideways. Without signed entries (a file one
// advisor keeps) there is no Added by column.
func shownColumns(width float32, signed bool) ([]entryColumn, []float32) {
	dropped := map[entryColumn]bool{colAddedBy: !signed}
	sum := func() (s float32) {
		for c, w := range columnWidths {
			if !dropped[entryColumn(c)] {
				s += w
			}
		}
		return s
	}
	for _, c := range columnDropOrder {
		if sum() <= width {
			break
		}
		dropped[c] = true
	}
	extra := max(width-sum(), 0)
	var cols []entryColumn
	var widths []float32
	for c := range entryColumns {
		if dropped[c] {
			continue
		}
		w := columnWidths[c]
		if c == colCluster || c == colNext {
			w += extra / 2
		}
		cols, widths = append(cols, c), append(widths, w)
	}
	return cols, widths
}

func (c entryColumn) title() string {
	switch c {
	case colCluster:
		return lang.L("Cluster")
	case colCountry:
		return lang.L("Country")
	case colLabel:
		return lang.L("Label")
	case colStatus:
		return lang.L("Status")
	case colPeople:
		return lang.L("Your contacts")
	case colActivity:
		return lang.L("Last activity")
	case colAddedBy:
		return lang.L("Added by")
	case colNext:
		return lang.L("Next step")
	}
	return ""
}

// entryOrder is the column the table is sorted by, and whether the order is reversed.
type entryOrder struct {
	column  entryColumn
	reverse bool
}

// toggled sorts by c: reversed when the table is sorted by c already.
func (o entryOrder) toggled(c entryColumn) entryOrder {
	if o.column == c {
		return entryOrder{column: c, reverse: !o.reverse}
	}
	return entryOrder{column: c}
}

// sort puts entries in this order; ties go by cluster name. Entries without a next step date or a contact
// come last either way, so that reversing brings the latest date up, not the blanks.
func (o entryOrder) sort(es []data.Entry, today time.Time) {
	slices.SortStableFunc(es, func(a, b data.Entry) int {
		if ba, bb := o.blank(a), o.blank(b); ba != bb {
			if ba {
				return 1
			}
			return -1
		}
		c := o.compare(a, b, today)
		if o.reverse {
			c = -c
		}
		if c == 0 {
			c = strings.Compare(strings.ToLower(a.Cluster.Name), strings.ToLower(b.Cluster.Name))
		}
		return c
	})
}

func (o entryOrder) blank(e data.Entry) bool {
	switch o.column {
	case colNext:
		return e.Next.Due == "" // a step without a date, or none
	case colPeople:
		return len(e.People) == 0
	}
	return false
}

func (o entryOrder) compare(a, b data.Entry, today time.Time) int {
	switch o.column {
	case colCountry:
		return strings.Compare(countryName(a.Cluster.Country), countryName(b.Cluster.Country))
	case colLabel:
		return cmp.Compare(labelRank(a.Cluster, today), labelRank(b.Cluster, today))
	case colStatus:
		return cmp.Compare(slices.Index(data.EntryStatuses, a.Status), slices.Index(data.EntryStatuses, b.Status))
	case colPeople:
		return strings.Compare(strings.ToLower(peopleText(a.People)), strings.ToLower(peopleText(b.People)))
	case colActivity:
		return a.LastActivity.Compare(b.LastActivity)
	case colAddedBy:
		return strings.Compare(strings.ToLower(a.AddedBy), strings.ToLower(b.AddedBy))
	case colNext:
		return strings.Compare(a.Next.Due, b.Next.Due)
	}
	return strings.Compare(strings.ToLower(a.Cluster.Name), strings.ToLower(b.Cluster.Name))
}

// labelShortText is a label and its status in a few words, for the table: "Gold, valid", "Bronze, expired",
// "Gold 2021, probably expired", "Silver 2024, unverified", "No label". The detail panel has the dates.
func labelShortText(c data.Cluster, today time.Time) string {
	name := labelName(c.Label)
	if c.LabelYear > 0 {
		name = fmt.Sprintf("%s %d", name, c.LabelYear)
	}
	switch c.LabelStatus(today) {
	case data.StatusValid:
		return lang.L("{{.Label}}, valid", map[string]any{"Label": name})
	case data.StatusExpired:
		return lang.L("{{.Label}}, expired", map[string]any{"Label": name})
	case data.StatusProbablyExpired:
		return lang.L("{{.Label}}, probably expired", map[string]any{"Label": name})
	case data.StatusUnverified:
		return lang.L("{{.Label}}, unverified", map[string]any{"Label": name})
	}
	return labelName(c.Label)
}

// labelRank orders labels gold, silver, bronze, none; one that needs checking after the valid ones of its level.
func labelRank(c data.Cluster, today time.Time) int {
	rank := map[data.Label]int{data.LabelGold: 0, data.LabelSilver: 2, data.LabelBronze: 4}
	r, ok := rank[c.Label]
	if !ok {
		return 6
	}
	if labelWatchBadge(c, today) {
		r++
	}
	return r
}

// peopleText is the first contact person and how many more there are: "Anna Hansen (+2 more)".
func peopleText(people []data.ContactPerson) string {
	if len(people) == 0 {
		return ""
	}
	first := people[0].Name
	if first == "" {
		first = people[0].Email
	}
	if len(people) == 1 {
		return first
	}
	return lang.L("{{.Name}} (+{{.More}} more)", map[string]any{"Name": first, "More": len(people) - 1})
}

// dueDays is how many days from today a step is due, negative when overdue; ok is false without a date.
func dueDays(due string, today time.Time) (days int, ok bool) {
	d, err := time.Parse(time.DateOnly, due)
	if err != nil {
		return 0, false
	}
	t, _ := time.Parse(time.DateOnly, today.Format(time.DateOnly))
	return int(d.Sub(t).Hours() / 24), true
}

// followUpDays is how far ahead a next step counts as due: Follow-ups lists it, the table marks it.
const followUpDays = 7

// nextStepText is a next step with its date first, so that a narrow column still shows when: "12 Dec 2026 ·
// Send the call text".
func nextStepText(n data.NextStep) string {
	d, err := time.Parse(time.DateOnly, n.Due)
	switch {
	case err != nil:
		return n.Text
	case n.Text == "":
		return formatDay(d)
	}
	return formatDay(d) + " · " + n.Text
}

// dueImportance marks an overdue step as danger, one due within followUpDays as warning.
func dueImportance(due string, today time.Time) widget.Importance {
	days, ok := dueDays(due, today)
	switch {
	case !ok:
		return widget.MediumImportance
	case days < 0:
		return widget.DangerImportance
	case days <= followUpDays:
		return widget.WarningImportance
	}
	return widget.MediumImportance
}

// entryTable is the open shortlist as a table: a header row that sorts, one row per cluster.
type entryTable struct {
	view     *shortlistView
	table    *widget.Table
	content  *fyne.Container // the table, its columns fitted to its width
	selected int             // the selected row, -1 for none
	columns  []entryColumn   // the columns shown, left to right
	widths   []float32       // their widths
	width    float32         // the room the columns have, as last laid out
}

func newEntryTable(v *shortlistView) *entryTable {
	t := &entryTable{view: v, selected: -1}
	t.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(v.entries), len(t.columns) },
		func() fyne.CanvasObject { return newEntryCell() },
		t.updateCell)
	t.table.ShowHeaderColumn = false
	t.table.StickyColumnCount = 1
	t.table.CreateHeader = func() fyne.CanvasObject {
		b := widget.NewButton("", nil)
		b.Alignment = widget.ButtonAlignLeading
		b.IconPlacement = widget.ButtonIconTrailingText
		b.Importance = widget.LowImportance
		return b
	}
	t.table.UpdateHeader = t.updateHeader
	t.table.OnSelected = func(id widget.TableCellID) { t.selected = id.Row }
	t.table.OnUnselected = func(widget.TableCellID) { t.selected = -1 }
	t.fit()
	t.content = container.New(&fitColumns{table: t}, t.table)
	return t
}

// show sets the columns shown and their widths.
func (t *entryTable) show(cols []entryColumn, widths []float32) {
	if slices.Equal(cols, t.columns) && slices.Equal(widths, t.widths) {
		return
	}
	t.columns, t.widths = cols, widths
	for i, w := range widths {
		t.table.SetColumnWidth(i, w)
	}
	t.table.Refresh()
}

// fitColumns lays the table over its whole space and fits its columns to the width (see fitWidths).
type fitColumns struct{ table *entryTable }

func (f *fitColumns) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	// Less the separators between the columns and the room of the vertical scroll bar.
	f.table.width = size.Width - float32(entryColumns)*theme.Padding() - 2*theme.Padding()
	f.table.fit()
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (f *fitColumns) MinSize(objects []fyne.CanvasObject) fyne.Size { return objects[0].MinSize() }

func (t *entryTable) refresh() {
	t.table.UnselectAll()
	t.fit() // a list of signed entries gains the Added by column
	t.table.Refresh()
}

// fit shows the columns that the table's width and its entries call for.
func (t *entryTable) fit() {
	signed := slices.ContainsFunc(t.view.entries, func(e data.Entry) bool { return e.AddedBy != "" })
	t.show(shownColumns(t.width, signed))
}

// focusRow scrolls to a row and selects its cluster.
func (t *entryTable) focusRow(row int) {
	id := widget.TableCellID{Row: row, Col: int(colCluster)}
	t.table.ScrollTo(id)
	t.table.Select(id)
}

func (t *entryTable) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	if id.Col >= 0 && id.Col < len(t.columns) {
		t.fillHeader(t.columns[id.Col], o.(*widget.Button))
	}
}

// fillHeader makes b the header of column c: its title, the sort arrow when the table is sorted by it.
func (t *entryTable) fillHeader(c entryColumn, b *widget.Button) {
	b.SetText(c.title())
	b.OnTapped = nil
	b.SetIcon(nil)
	if c == colRemove {
		return
	}
	b.OnTapped = func() { t.view.sortBy(c) }
	if o := t.view.order; o.column == c {
		if o.reverse {
			b.SetIcon(theme.MoveUpIcon())
		} else {
			b.SetIcon(theme.MoveDownIcon())
		}
	}
}

func (t *entryTable) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	if id.Col >= 0 && id.Col < len(t.columns) {
		t.fillCell(id.Row, t.columns[id.Col], o.(*entryCell))
	}
}

// fillCell makes cell show column c of a row.
func (t *entryTable) fillCell(row int, c entryColumn, cell *entryCell) {
	v := t.view
	if row < 0 || row >= len(v.entries) {
		return
	}
	e, today := v.entries[row], v.today()
	switch c {
	case colStatus:
		cell.showStatus(e.Status, func(st data.EntryStatus) { v.onSetStatus(e, st) })
	case colRemove:
		cell.showRemove(func() { v.onRemoveEntry(e) })
	case colCluster:
		cell.showText(e.Cluster.Name, true, widget.MediumImportance, func() { v.onOpenCluster(e.Cluster.ID) })
	case colCountry:
		cell.showText(countryName(e.Cluster.Country), false, widget.MediumImportance, nil)
	case colLabel:
		imp := widget.MediumImportance
		if labelWatchBadge(e.Cluster, today) {
			imp = widget.WarningImportance
		}
		cell.showText(labelShortText(e.Cluster, today), false, imp, nil)
	case colPeople:
		text, imp := peopleText(e.People), widget.MediumImportance
		if text == "" {
			text, imp = lang.L("Add…"), widget.LowImportance
		}
		cell.showText(text, false, imp, func() { v.onEditPeople(e) })
	case colActivity:
		cell.showText(formatDate(e.LastActivity), false, widget.MediumImportance, nil)
	case colAddedBy:
		cell.showText(e.AddedBy, false, widget.MediumImportance, nil)
	case colNext:
		text, imp := nextStepText(e.Next), dueImportance(e.Next.Due, today)
		if text == "" {
			text, imp = lang.L("Set…"), widget.LowImportance
		}
		cell.showText(text, false, imp, func() { v.onEditNext(e) })
	}
}

// entryCell is one cell of the table: a text, a status box or a remove button, whichever its column shows.
type entryCell struct {
	widget.BaseWidget
	text   *tapLabel
	status *widget.Select
	remove *widget.Button
}

func newEntryCell() *entryCell {
	c := &entryCell{text: newTapLabel(), status: widget.NewSelect(statusNames(), nil),
		remove: widget.NewButtonWithIcon("", theme.DeleteIcon(), nil)}
	c.remove.Importance = widget.LowImportance
	c.ExtendBaseWidget(c)
	return c
}

func (c *entryCell) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(c.text, c.status, c.remove))
}

func (c *entryCell) only(o fyne.CanvasObject) {
	for _, x := range []fyne.CanvasObject{c.text, c.status, c.remove} {
		if x == o {
			x.Show()
		} else {
			x.Hide()
		}
	}
}

// showText shows a text; onTap, when not nil, makes it a link-like cell that acts when tapped.
func (c *entryCell) showText(text string, bold bool, imp widget.Importance, onTap func()) {
	c.only(c.text)
	c.text.onTap = onTap
	c.text.TextStyle = fyne.TextStyle{Bold: bold}
	c.text.Importance = imp
	c.text.Text = text
	c.text.Refresh()
}

// showStatus shows the status box at st; choosing another calls onChange.
func (c *entryCell) showStatus(st data.EntryStatus, onChange func(data.EntryStatus)) {
	c.only(c.status)
	c.status.OnChanged = nil // setting the row's own status is no change
	c.status.SetSelectedIndex(slices.Index(data.EntryStatuses, st))
	c.status.OnChanged = func(string) {
		if i := c.status.SelectedIndex(); i >= 0 && data.EntryStatuses[i] != st {
			onChange(data.EntryStatuses[i])
		}
	}
}

func (c *entryCell) showRemove(onTap func()) {
	c.only(c.remove)
	c.remove.OnTapped = onTap
}

// tapLabel is a truncating label that acts when tapped, with a hand pointer, when it has something to do.
type tapLabel struct {
	widget.Label
	onTap func()
}

func newTapLabel() *tapLabel {
	l := &tapLabel{}
	l.Truncation = fyne.TextTruncateEllipsis
	l.ExtendBaseWidget(l)
	return l
}

func (l *tapLabel) Tapped(*fyne.PointEvent) {
	if l.onTap != nil {
		l.onTap()
	}
}

func (l *tapLabel) Cursor() desktop.Cursor {
	if l.onTap != nil {
		return desktop.PointerCursor
	}
	return desktop.DefaultCursor
}
