package app

import (
	"fmt"
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
)

// clusterDetail is the right column: everything known about the selected cluster, its shortlists and notes.
// Its body is rebuilt for each cluster; it is one panel, not a list, so that costs nothing noticeable.
type clusterDetail struct {
	cluster    data.Cluster
	shortlists []data.Shortlist // every shortlist, to offer the ones the cluster is not on
	today      func() time.Time // read for every cluster shown: a window left open past midnight judges labels anew
	shown      bool

	body        *fyne.Container
	placeholder fyne.CanvasObject
	scroll      *container.Scroll
	content     fyne.CanvasObject

	// The controls of the cluster shown, kept for tests and for keyboard focus.
	labelText    *widget.Label // the label's status and where it came from
	labelURL     *widget.Label // the page or file that stated it, selectable to copy; nil when unknown
	website      *widget.Button
	mail         *widget.Button            // writes to the published e-mail address; nil when none is published
	copies       map[string]*widget.Button // each fact's copy button, by the text it copies
	findPartners *widget.Button
	markClosed   *widget.Button // Mark as closed, or Mark as active for a cluster the user marked closed
	addTo        *widget.Select
	addButton    *widget.Button
	statuses     map[int64]*widget.Select // by shortlist id
	removes      map[int64]*widget.Button
	noteEntry    *noteEntry // the new note; Ctrl+Enter saves it
	addNote      *widget.Button
	noteRows     map[int64]*noteRow // by note id
	drafts       *noteDrafts        // the window's: unsaved text outlives the controls made for one cluster

	onOpenAddress    func(*url.URL) // a website, a source page or a mailto: address
	onCopy           func(text string)
	onAddToShortlist func(listID int64)
	onSetStatus      func(m data.Membership, st data.EntryStatus)
	onRemove         func(listID int64)
	onAddNote        func(text string)
	onEditNote       func(n data.Note, text string)
	onDeleteNote     func(n data.Note)
	onFindPartners   func(c data.Cluster)
	onMarkClosed     func(c data.Cluster)
}

func newClusterDetail() *clusterDetail {
	d := &clusterDetail{today: time.Now,
		onOpenAddress: func(*url.URL) {}, onCopy: func(string) {}, onAddToShortlist: func(int64) {},
		onSetStatus: func(data.Membership, data.EntryStatus) {}, onRemove: func(int64) {}, onAddNote: func(string) {},
		onEditNote: func(data.Note, string) {}, onDeleteNote: func(data.Note) {},
		onFindPartners: func(data.Cluster) {}, onMarkClosed: func(data.Cluster) {}, drafts: newNoteDrafts()}
	d.build()
	return d
}

func (d *clusterDetail) build() {
	d.body = container.NewVBox()
	d.scroll = container.NewVScroll(d.body)
	d.scroll.Hide()
	d.placeholder = container.NewCenter(widget.NewLabel(lang.L("Select a cluster to see its details.")))
	d.content = container.NewStack(d.placeholder, d.scroll)
}

// webURL returns a website as a URL the browser may open: http or https with a host, nothing else.
func webURL(site string) (*url.URL, bool) {
	u, err := url.Parse(strings.TrimSpace(site))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, false
	}
	return u, true
}

// show fills the panel with a cluster (loaded with its sources, notes and shortlists).
func (d *clusterDetail) show(c data.Cluster, lists []data.Shortlist) {
	d.cluster, d.shortlists, d.shown = c, lists, true
	d.statuses = map[int64]*widget.Select{}
	d.removes = map[int64]*widget.Button{}
	d.labelText, d.labelURL = nil, nil
	d.copies = map[string]*widget.Button{}

	title := widget.NewLabelWithStyle(c.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	title.Wrapping = fyne.TextWrapWord
	title.Selectable = true

	var place []string
	if c.Acronym != "" && c.Acronym != c.Name {
		place = append(place, c.Acronym)
	}
	for _, p := range []string{c.City, c.Region, countryName(c.Country)} {
		if p != "" {
			place = append(place, p)
		}
	}
	placeLine := d.fact(strings.Join(place, " · "))

	objs := []fyne.CanvasObject{d.withCopy(title, c.Name), placeLine}
	if c.Closed {
		closed := wrapped(closedText(c.ClosedNote))
		closed.Importance = widget.WarningImportance
		objs = append(objs, closed)
	}
	objs = append(objs, d.labelLines()...)

	d.website = nil
	if u, ok := webURL(c.Website); ok {
		d.website = widget.NewButtonWithIcon(lang.L("Open website"), theme.ComputerIcon(), func() { d.onOpenAddress(u) })
		objs = append(objs, container.NewBorder(nil, nil, d.website, nil, d.fact(c.Website)))
	} else if c.Website != "" {
		objs = append(objs, d.fact(c.Website))
	}
	d.findPartners = widget.NewButtonWithIcon(lang.L("Find partners"), theme.SearchIcon(), func() { d.onFindPartners(d.cluster) })
	d.findPartners.Importance = widget.HighImportance
	mark := lang.L("Mark as closed")
	if c.Closed {
		mark = lang.L("Mark as active")
	}
	d.markClosed = widget.NewButton(mark, func() { d.onMarkClosed(d.cluster) })
	d.markClosed.Importance = widget.LowImportance
	// one under the other: side by side they would make the detail pane, and so the window, wider
	objs = append(objs, container.NewHBox(d.findPartners), container.NewHBox(d.markClosed))

	form := container.New(layout.NewFormLayout())
	field := func(name, value string) {
		if value != "" {
			form.Add(widget.NewLabelWithStyle(name, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
			form.Add(d.fact(value))
		}
	}
	field(lang.L("Ecosystems"), ecosystemList(c.Ecosystems))
	field(lang.L("Sectors"), strings.Join(c.Sectors, ", "))
	field(lang.L("Focus"), c.Focus)
	members := c.MembersText
	if members == "" && c.Members > 0 {
		members = fmt.Sprint(c.Members)
	}
	field(lang.L("Members"), members)
	if c.Founded > 0 {
		field(lang.L("Founded"), fmt.Sprint(c.Founded))
	}
	field(lang.L("Published contact"), c.Contact)
	d.mail = d.mailButton(c.Contact)
	if d.mail != nil {
		form.Add(layout.NewSpacer())
		form.Add(container.NewHBox(d.mail))
	}
	field(lang.L("Updated"), formatDate(c.UpdatedAt))
	objs = append(objs, form)
	if c.Description != "" {
		objs = append(objs, d.fact(c.Description))
	}

	objs = append(objs, widget.NewSeparator(), heading(lang.L("Shortlists")))
	objs = append(objs, d.shortlistRows()...)

	objs = append(objs, widget.NewSeparator(), heading(lang.L("Notes")))
	d.noteEntry = newNoteEntry(d.onAddNoteTapped)
	d.noteEntry.SetPlaceHolder(lang.L("Write a note: a call, a meeting, an idea… (Ctrl+Enter saves)"))
	// The draft comes back whether the panel shows this cluster again after a change or after another one.
	d.noteEntry.SetText(d.drafts.fresh[c.ID])
	clusterID := c.ID
	d.noteEntry.OnChanged = func(text string) { d.drafts.setFresh(clusterID, text) }
	d.addNote = widget.NewButtonWithIcon(lang.L("Add note"), theme.ContentAddIcon(), d.onAddNoteTapped)
	objs = append(objs, d.noteEntry, container.NewHBox(layout.NewSpacer(), d.addNote))
	// Newest first: what happened last is what an advisor needs before the next call.
	d.noteRows = map[int64]*noteRow{}
	for i := len(c.Notes) - 1; i >= 0; i-- {
		r := newNoteRow(c.Notes[i], d.drafts, d.onEditNote, d.onDeleteNote)
		d.noteRows[c.Notes[i].ID] = r
		objs = append(objs, r.content)
	}
	if len(c.Notes) == 0 {
		objs = append(objs, dim(lang.L("No notes yet.")))
	}

	objs = append(objs, widget.NewSeparator(), heading(lang.L("Sources")))
	if len(c.Sources) == 0 {
		objs = append(objs, dim(lang.L("No source recorded.")))
	}
	for _, s := range c.Sources {
		read := lang.L("{{.Kind}}, read {{.Date}}", map[string]any{"Kind": sourceKindName(s.Kind), "Date": formatDate(s.ReadAt)})
		where := d.sourceLink(s.URL)
		when := widget.NewLabel(read)
		when.SizeName = theme.SizeNameCaptionText
		when.Importance = widget.LowImportance
		objs = append(objs, container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()), where, when))
	}

	d.body.Objects = objs
	d.body.Refresh()
	d.placeholder.Hide()
	d.scroll.Show()
	d.scroll.ScrollToTop()
}

// onAddNoteTapped saves the new note once: Add note waits, disabled, until the save lands (the panel is then
// made anew), so that Ctrl+Enter pressed twice does not write the note twice.
func (d *clusterDetail) onAddNoteTapped() {
	if strings.TrimSpace(d.noteEntry.Text) == "" || d.addNote.Disabled() {
		return
	}
	d.addNote.Disable()
	d.onAddNote(d.noteEntry.Text)
}

// labelLines are the label's badge and status with its source and date ("Gold, valid until Sep 2026 — ESCA
// list on cluster-analysis.org, read 23 Nov 2026"), and below, the page that stated it, selectable to copy.
func (d *clusterDetail) labelLines() []fyne.CanvasObject {
	c := d.cluster
	d.labelText = wrapped(labelLineText(c, d.today()))
	d.labelText.Selectable = true
	if c.Label == data.LabelNone {
		return []fyne.CanvasObject{d.labelText}
	}
	badge := newLabelBadge()
	badge.set(c.Label, c.LabelStatus(d.today()))
	if st := c.LabelStatus(d.today()); st.OutOfDate() {
		d.labelText.Importance = widget.WarningImportance
	}
	lines := []fyne.CanvasObject{container.NewBorder(nil, nil, container.NewCenter(badge), nil, d.labelText)}
	if u := c.LabelSource().URL; u != "" {
		d.labelURL = widget.NewLabel(u)
		d.labelURL.Selectable = true
		d.labelURL.Truncation = fyne.TextTruncateEllipsis
		d.labelURL.SizeName = theme.SizeNameCaptionText
		lines = append(lines, d.withCopy(d.labelURL, u))
	}
	return lines
}

// shortlistRows are the shortlists the cluster is on, each with its status and a remove button, and a row
// to put it on another.
func (d *clusterDetail) shortlistRows() []fyne.CanvasObject {
	c := d.cluster
	var rows []fyne.CanvasObject
	on := map[int64]bool{}
	for _, m := range c.Shortlists {
		on[m.ShortlistID] = true
		seen := m
		listID := m.ShortlistID
		status := widget.NewSelect(statusNames(), nil)
		status.SetSelectedIndex(indexOf(data.EntryStatuses, m.Status))
		status.OnChanged = func(string) {
			if i := status.SelectedIndex(); i >= 0 {
				d.onSetStatus(seen, data.EntryStatuses[i])
			}
		}
		remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { d.onRemove(listID) })
		d.statuses[listID], d.removes[listID] = status, remove
		name := widget.NewLabel(m.Shortlist)
		if people := contactNames(m.People); people != "" {
			name.SetText(lang.L("{{.Shortlist}} (contact person: {{.Contact}})", map[string]any{"Shortlist": m.Shortlist, "Contact": people}))
		}
		name.Truncation = fyne.TextTruncateEllipsis
		rows = append(rows, container.NewBorder(nil, nil, nil, container.NewHBox(status, remove), name))
	}
	var addable []data.Shortlist
	for _, l := range d.shortlists {
		if !on[l.ID] {
			addable = append(addable, l)
		}
	}
	d.addTo, d.addButton = nil, nil
	switch {
	case len(d.shortlists) == 0:
		rows = append(rows, dim(lang.L("No shortlists yet: make one in the Shortlists tab.")))
	case len(addable) > 0:
		names := make([]string, len(addable))
		for i, l := range addable {
			names[i] = l.Name
		}
		d.addTo = widget.NewSelect(names, nil)
		d.addTo.PlaceHolder = lang.L("Choose a shortlist")
		d.addButton = widget.NewButtonWithIcon(lang.L("Add to shortlist"), theme.ContentAddIcon(), func() {
			if i := d.addTo.SelectedIndex(); i >= 0 {
				d.onAddToShortlist(addable[i].ID)
			}
		})
		// the list over its button: side by side they would make the detail pane, and the window, wider
		rows = append(rows, narrowMin(d.addTo, 120), container.NewHBox(layout.NewSpacer(), d.addButton))
	}
	return rows
}

func indexOf[T comparable](xs []T, x T) int {
	for i, y := range xs {
		if x == y {
			return i
		}
	}
	return -1
}

func wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

func dim(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Importance = widget.LowImportance
	l.Wrapping = fyne.TextWrapWord
	return l
}
