package app

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"clusterbridge/data"
)

// shortlistView is the Shortlists tab: the user's shortlists on the left; on the right the open one as a
// partner pipeline (a table of its clusters with status, contact people and next step) and its log.
type shortlistView struct {
	lists   []data.Shortlist
	open    int64 // the open shortlist's id, 0 when none
	entries []data.Entry
	order   entryOrder       // how the table is sorted
	focus   entryRef         // an entry to bring into view when its shortlist's entries arrive
	today   func() time.Time // the day label statuses and due dates are judged on, read each time a row is shown

	listUI     *widget.List
	title      *widget.Label
	purpose    *widget.Label
	rename     *widget.Button
	remove     *widget.Button
	export     *widget.Button
	copyEmails *widget.Button
	table      *entryTable
	undo       *undoBar
	log        *shortlistLogPanel
	sections   *container.AppTabs
	entryTab   *container.TabItem
	logTab     *container.TabItem
	hint       *widget.Label
	content    fyne.CanvasObject

	onNew         func()
	onRename      func()
	onDelete      func()
	onExport      func()
	onCopyEmails  func()
	onOpenList    func(id int64)
	onOpenCluster func(clusterID int64)
	onRemoveEntry func(e data.Entry)
	onSetStatus   func(e data.Entry, st data.EntryStatus)
	onEditPeople  func(e data.Entry)
	onEditNext    func(e data.Entry)
}

func newShortlistView() *shortlistView {
	v := &shortlistView{today: time.Now, order: entryOrder{column: colCluster},
		onNew: func() {}, onRename: func() {}, onDelete: func() {}, onExport: func() {}, onCopyEmails: func() {},
		onOpenList: func(int64) {}, onOpenCluster: func(int64) {}, onRemoveEntry: func(data.Entry) {},
		onSetStatus: func(data.Entry, data.EntryStatus) {}, onEditPeople: func(data.Entry) {}, onEditNext: func(data.Entry) {}}
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
	v.rename = widget.NewButtonWithIcon(lang.L("Edit"), theme.DocumentCreateIcon(), func() { v.onRename() })
	v.remove = widget.NewButtonWithIcon(lang.L("Delete"), theme.DeleteIcon(), func() { v.onDelete() })
	v.export = widget.NewButtonWithIcon(lang.L("Export…"), theme.DocumentSaveIcon(), func() { v.onExport() })
	v.copyEmails = widget.NewButtonWithIcon(lang.L("Copy e-mails"), theme.MailComposeIcon(), func() { v.onCopyEmails() })
	buttons := newButtonRow(v.copyEmails, v.rename, v.remove, v.export)
	header := container.NewVBox(container.NewBorder(nil, nil, nil, buttons, v.title), v.purpose)

	v.table = newEntryTable(v)
	v.undo = newUndoBar()
	v.log = newShortlistLogPanel()
	v.hint = widget.NewLabel("")
	v.hint.Alignment = fyne.TextAlignCenter
	v.hint.Wrapping = fyne.TextWrapWord
	// The hint sits at the top, full width: a wrapping label in a Center container would shrink to one letter.
	hint := container.NewBorder(container.NewPadded(v.hint), nil, nil, nil)
	entries := container.NewBorder(nil, v.undo.content, nil, nil, container.NewStack(v.table.content, hint))
	v.entryTab = container.NewTabItemWithIcon(lang.L("Clusters"), theme.ListIcon(), entries)
	v.logTab = container.NewTabItemWithIcon(lang.L("Log"), theme.HistoryIcon(), v.log.content)
	v.sections = container.NewAppTabs(v.entryTab, v.logTab)
	right := container.NewBorder(header, nil, nil, nil, v.sections)

	split := container.NewHSplit(left, right)
	split.Offset = 0.2
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

// showEntries shows the clusters of a shortlist, which becomes the open one, in the table's order.
func (v *shortlistView) showEntries(id int64, entries []data.Entry) {
	if id != v.open {
		v.undo.dismiss() // an undo belongs to the list it was offered on
	}
	v.open, v.entries = id, entries
	v.order.sort(v.entries, v.today())
	if i := v.openIndex(); i >= 0 {
		v.listUI.Select(i)
	}
	v.table.refresh()
	v.showOpen()
	if v.focus.list == id {
		v.bringIntoView(v.focus.cluster)
		v.focus = entryRef{}
	}
}

// bringIntoView scrolls the table to a cluster's row and selects it.
func (v *shortlistView) bringIntoView(clusterID int64) {
	for i, e := range v.entries {
		if e.Cluster.ID == clusterID {
			v.sections.Select(v.entryTab)
			v.table.focusRow(i)
			return
		}
	}
}

// sortBy sorts the table by a column; the column it is sorted by already is reversed.
func (v *shortlistView) sortBy(c entryColumn) {
	v.order = v.order.toggled(c)
	v.order.sort(v.entries, v.today())
	v.table.refresh()
}

// dropEntry takes a cluster's row out of the table at once, before the store has done it.
func (v *shortlistView) dropEntry(clusterID int64) {
	for i, e := range v.entries {
		if e.Cluster.ID == clusterID {
			v.entries = append(v.entries[:i:i], v.entries[i+1:]...)
			break
		}
	}
	v.table.refresh()
	v.showOpen()
}

// showLog shows the open shortlist's log, newest first.
func (v *shortlistView) showLog(id int64, log []data.LogEntry) {
	if id != v.open {
		return
	}
	v.log.show(log)
	v.logTab.Text = lang.L("Log")
	if len(log) > 0 {
		v.logTab.Text = lang.L("Log ({{.Count}})", map[string]any{"Count": formatCount(len(log))})
	}
	v.sections.Refresh()
}

// showOpen sets the header and the hint for the open shortlist, or for none.
func (v *shortlistView) showOpen() {
	l, ok := v.openList()
	for _, b := range []*widget.Button{v.rename, v.remove, v.export, v.copyEmails, v.log.add} {
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
		v.table.content.Show()
	} else {
		v.hint.Show()
		v.table.content.Hide()
	}
	if l.Purpose == "" {
		v.purpose.Hide()
	} else {
		v.purpose.Show()
	}
}

// entry is the shown entry of a cluster; ok is false when it is not on the open shortlist.
func (v *shortlistView) entry(clusterID int64) (data.Entry, bool) {
	for _, e := range v.entries {
		if e.Cluster.ID == clusterID {
			return e, true
		}
	}
	return data.Entry{}, false
}

// entryRef names a cluster's entry on a shortlist.
type entryRef struct{ list, cluster int64 }
