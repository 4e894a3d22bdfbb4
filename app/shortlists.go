package app

import (
	"fmt"
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

// shortlistView is the Shortlists tab: the user's shortlists on the left, the open one's clusters on the right.
type shortlistView struct {
	lists   []data.Shortlist
	open    int64 // the open shortlist's id, 0 when none
	entries []data.Entry
	today   func() time.Time // the day label statuses are judged on, read each time a row is shown

	listUI  *widget.List
	title   *widget.Label
	purpose *widget.Label
	rename  *widget.Button
	remove  *widget.Button
	export  *widget.Button
	entryUI *widget.List
	hint    *widget.Label
	content fyne.CanvasObject

	onNew         func()
	onRename      func()
	onDelete      func()
	onExport      func()
	onOpenList    func(id int64)
	onOpenCluster func(clusterID int64)
	onRemoveEntry func(clusterID int64)
}

func newShortlistView() *shortlistView {
	v := &shortlistView{today: time.Now, onNew: func() {}, onRename: func() {}, onDelete: func() {}, onExport: func() {},
		onOpenList: func(int64) {}, onOpenCluster: func(int64) {}, onRemoveEntry: func(int64) {}}
	v.build()
	return v
}

func (v *shortlistView) build() {
	v.listUI = widget.NewList(
		func() int { return len(v.lists) },
		func() fyne.CanvasObject {
			name := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			name.Truncation = fyne.TextTruncateEllipsis
			purpose := widget.NewLabel("")
			purpose.Truncation = fyne.TextTruncateEllipsis
			purpose.SizeName = theme.SizeNameCaptionText
			return container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()), name, purpose)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			l := v.lists[i]
			lines := o.(*fyne.Container).Objects
			lines[0].(*widget.Label).SetText(fmt.Sprintf("%s (%d)", l.Name, l.Size))
			lines[1].(*widget.Label).SetText(l.Purpose)
		})
	v.listUI.OnSelected = func(i widget.ListItemID) {
		if i < len(v.lists) && v.lists[i].ID != v.open {
			v.onOpenList(v.lists[i].ID)
		}
	}
	newButton := widget.NewButtonWithIcon(lang.L("New shortlist"), theme.ContentAddIcon(), func() { v.onNew() })
	newButton.Importance = widget.HighImportance
	left := container.NewBorder(container.NewPadded(newButton), nil, nil, nil, v.listUI)

	v.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.title.SizeName = theme.SizeNameSubHeadingText
	v.title.Truncation = fyne.TextTruncateEllipsis
	v.purpose = wrapped("")
	v.rename = widget.NewButtonWithIcon(lang.L("Rename"), theme.DocumentCreateIcon(), func() { v.onRename() })
	v.remove = widget.NewButtonWithIcon(lang.L("Delete"), theme.DeleteIcon(), func() { v.onDelete() })
	v.export = widget.NewButtonWithIcon(lang.L("Export…"), theme.DocumentSaveIcon(), func() { v.onExport() })
	header := container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewHBox(v.rename, v.remove, v.export), v.title),
		v.purpose, widget.NewSeparator())

	v.entryUI = widget.NewList(
		func() int { return len(v.entries) },
		func() fyne.CanvasObject { return newEntryRow() },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			e := v.entries[i]
			row := o.(*entryRow)
			row.set(e, v.today())
			id := e.Cluster.ID
			row.open.OnTapped = func() { v.onOpenCluster(id) }
			row.remove.OnTapped = func() { v.onRemoveEntry(id) }
		})
	v.hint = widget.NewLabel("")
	v.hint.Alignment = fyne.TextAlignCenter
	v.hint.Wrapping = fyne.TextWrapWord
	// The hint sits at the top, full width: a wrapping label in a Center container would shrink to one letter.
	hint := container.NewBorder(container.NewPadded(v.hint), nil, nil, nil)
	right := container.NewBorder(header, nil, nil, nil, container.NewStack(v.entryUI, hint))

	split := container.NewHSplit(left, right)
	split.Offset = 0.25
	v.content = split
	v.showOpen()
}

// showLists replaces the shortlists; the open one stays open when it still exists.
func (v *shortlistView) showLists(lists []data.Shortlist) {
	v.lists = lists
	v.listUI.Refresh()
	i := v.openIndex()
	switch {
	case i < 0 && len(lists) > 0:
		// Open the first rather than show an empty half: selecting it loads its entries.
		v.open, v.entries = 0, nil
		v.listUI.Select(0)
	case i < 0:
		v.open, v.entries = 0, nil
		v.listUI.UnselectAll()
	default:
		v.listUI.Select(i)
	}
	v.showOpen()
}

func (v *shortlistView) openIndex() int {
	for i, l := range v.lists {
		if l.ID == v.open {
			return i
		}
	}
	return -1
}

// openList is the open shortlist; ok is false when none is.
func (v *shortlistView) openList() (data.Shortlist, bool) {
	if i := v.openIndex(); i >= 0 {
		return v.lists[i], true
	}
	return data.Shortlist{}, false
}

// showEntries shows the clusters of a shortlist, which becomes the open one.
func (v *shortlistView) showEntries(id int64, entries []data.Entry) {
	v.open, v.entries = id, entries
	if i := v.openIndex(); i >= 0 {
		v.listUI.Select(i)
	}
	v.entryUI.Refresh()
	v.showOpen()
}

// showOpen sets the header and the hint for the open shortlist, or for none.
func (v *shortlistView) showOpen() {
	l, ok := v.openList()
	for _, b := range []*widget.Button{v.rename, v.remove, v.export} {
		if ok {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	v.title.SetText(l.Name)
	v.purpose.SetText(l.Purpose)
	switch {
	case len(v.lists) == 0:
		v.hint.SetText(lang.L("No shortlists yet. Make one to keep candidate partners together, then add clusters to it from the Clusters tab."))
	case !ok:
		v.hint.SetText(lang.L("Choose a shortlist on the left."))
	case len(v.entries) == 0:
		v.hint.SetText(lang.L("This shortlist is empty: add clusters to it from the Clusters tab."))
	default:
		v.hint.SetText("")
	}
	if v.hint.Text == "" {
		v.hint.Hide()
		v.entryUI.Show()
	} else {
		v.hint.Show()
		v.entryUI.Hide()
	}
	if l.Purpose == "" {
		v.purpose.Hide()
	} else {
		v.purpose.Show()
	}
}

// entryRow is one cluster on a shortlist: name; country, status, the user's contact person and the source's
// published contact; the last note; open and remove.
type entryRow struct {
	widget.BaseWidget
	name, info, note *widget.Label
	labelCheck       *fyne.Container // a warning badge: the label has expired or expires within 90 days
	open, remove     *widget.Button
}

func newEntryRow() *entryRow {
	r := &entryRow{
		name:   widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		info:   widget.NewLabel(""),
		note:   widget.NewLabel(""),
		open:   widget.NewButtonWithIcon(lang.L("Open"), theme.NavigateNextIcon(), nil),
		remove: widget.NewButtonWithIcon("", theme.DeleteIcon(), nil),
	}
	for _, l := range []*widget.Label{r.name, r.info, r.note} {
		l.Truncation = fyne.TextTruncateEllipsis
	}
	r.info.SizeName = theme.SizeNameCaptionText
	r.note.SizeName = theme.SizeNameCaptionText
	r.note.TextStyle = fyne.TextStyle{Italic: true}
	check := widget.NewLabel(lang.L("Label to check"))
	check.Importance = widget.WarningImportance
	check.SizeName = theme.SizeNameCaptionText
	r.labelCheck = container.NewHBox(widget.NewIcon(theme.WarningIcon()), check)
	r.labelCheck.Hide()
	r.ExtendBaseWidget(r)
	return r
}

func (r *entryRow) CreateRenderer() fyne.WidgetRenderer {
	lines := container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()), r.name, r.info, r.note)
	buttons := container.NewCenter(container.NewHBox(r.labelCheck, r.open, r.remove))
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, nil, buttons, lines))
}

func (r *entryRow) set(e data.Entry, today time.Time) {
	c := e.Cluster
	r.name.SetText(c.Name)
	if labelWatchBadge(c, today) {
		r.labelCheck.Show()
	} else {
		r.labelCheck.Hide()
	}
	// The user's contact person and the one the source publishes are different facts: each has its name.
	info := []string{countryName(c.Country), statusName(e.Status)}
	if people := contactNames(e.People); people != "" {
		info = append(info, lang.L("Contact person: {{.Contact}}", map[string]any{"Contact": people}))
	}
	if c.Contact != "" {
		info = append(info, lang.L("Published contact: {{.Contact}}", map[string]any{"Contact": c.Contact}))
	}
	r.info.SetText(strings.Join(info, " · "))
	if e.LastNote != nil {
		r.note.SetText(lang.L("Last note, {{.Date}}: {{.Text}}", map[string]any{
			"Date": formatDate(e.LastNote.At), "Text": strings.Join(strings.Fields(e.LastNote.Text), " ")}))
	} else {
		r.note.SetText(lang.L("No notes yet."))
	}
}

// contactNames names the user's contact people, each by name or else e-mail, joined with ", ".
func contactNames(people []data.ContactPerson) string {
	names := make([]string, len(people))
	for i, p := range people {
		names[i] = p.Name
		if names[i] == "" {
			names[i] = p.Email
		}
	}
	return strings.Join(names, ", ")
}
