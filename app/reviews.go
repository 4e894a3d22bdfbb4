package app

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"clusterbridge/data"
)

// reviewView is "Review matches": what imports left for the user to settle (data.Review). An imported record
// that fits several clusters (or one only probably) is merged into one of them or kept as a cluster of its
// own; a pair of clusters that are probably one organisation is merged either way or kept apart. The
// pending matches are listed on the left; the chosen one shows its record and candidates side by side, with
// their key facts and the buttons that settle it. Merging two clusters moves the user's notes and shortlist
// entries, so that asks first and says so.
type reviewView struct {
	store *data.Store
	win   fyne.Window
	jobs  uiJobs
	// onDecided hears that a match was settled: kept is the cluster that stays or took the record (0 when
	// the record became a cluster of its own or a pair was kept apart), gone the one merged away (0 if none).
	onDecided func(kept, gone int64)
	// onCount hears how many matches wait, after each reading.
	onCount func(n int)

	reviews  []data.Review
	selected int // index into reviews, -1 when none
	loaded   bool
	today    time.Time
	busy     bool // a decision is being saved

	count   *widget.Label
	list    *widget.List
	detail  *fyne.Container
	scroll  *container.Scroll
	empty   *fyne.Container
	split   *container.Split
	content fyne.CanvasObject

	// The shown match's decisions, for keyboard and tests: choices[i] settles it for candidate i (merge the
	// record into it; for a pair, keep it and merge the other into it); keep settles it without a merge.
	choices []*widget.Button
	keep    *widget.Button
	confirm *fitDialog // the last "merge two clusters?" question asked
}

func newReviewView(store *data.Store, win fyne.Window) *reviewView {
	v := &reviewView{store: store, win: win, jobs: uiJobs{do: fyne.Do}, selected: -1, today: store.Today(),
		onDecided: func(int64, int64) {}, onCount: func(int) {}}
	v.build()
	return v
}

func (v *reviewView) build() {
	v.count = widget.NewLabel("")
	v.count.Wrapping = fyne.TextWrapWord
	v.list = widget.NewList(func() int { return len(v.reviews) }, v.createRow, v.updateRow)
	v.list.OnSelected = func(id widget.ListItemID) {
		if id >= 0 && id < len(v.reviews) && id != v.selected {
			v.selected = id
			v.showSelected()
		}
	}
	v.detail = container.NewVBox()
	v.scroll = container.NewVScroll(v.detail)
	// The title and the count head the list, so that the match itself starts at the top of the window and
	// its decisions stay in sight on a small screen.
	v.split = container.NewHSplit(container.NewBorder(container.NewVBox(sectionTitle(lang.L("Review matches")), v.count),
		nil, nil, nil, v.list), v.scroll)
	v.split.Offset = 0.28
	none := widget.NewLabelWithStyle(lang.L("No matches to review"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	hint := widget.NewLabel(lang.L("When an import finds a record that may be one of several clusters, or two clusters that are probably one organisation, it asks you here."))
	hint.Wrapping = fyne.TextWrapWord
	hint.Alignment = fyne.TextAlignCenter
	v.empty = container.NewBorder(container.NewVBox(sectionTitle(lang.L("Review matches")), none, hint), nil, nil, nil)
	v.empty.Hide()
	v.content = container.NewStack(v.split, v.empty)
}

// refresh reads the pending matches again off the UI goroutine.
func (v *reviewView) refresh() {
	v.jobs.run(func(ctx context.Context) func() {
		rs, err := v.store.Reviews(ctx)
		today := v.store.Today()
		return func() {
			if err != nil {
				v.count.SetText(lang.L("Cannot read the matches to review: {{.Error}}", map[string]any{"Error": errorText(err)}))
				return
			}
			v.today = today
			v.show(rs)
		}
	})
}

// show replaces the matches; the one shown stays shown while it is pending, else the first is.
func (v *reviewView) show(rs []data.Review) {
	var was int64
	if v.selected >= 0 && v.selected < len(v.reviews) {
		was = v.reviews[v.selected].ID
	}
	v.reviews, v.loaded, v.busy = rs, true, false
	v.selected = -1
	for i, rv := range rs {
		if rv.ID == was {
			v.selected = i
		}
	}
	if v.selected < 0 && len(rs) > 0 {
		v.selected = 0
	}
	v.list.Refresh()
	if v.selected >= 0 {
		v.list.Select(v.selected)
	} else {
		v.list.UnselectAll()
	}
	if len(rs) == 0 {
		v.count.SetText("")
		v.split.Hide()
		v.empty.Show()
	} else {
		v.count.SetText(lang.N("{{.Count}} matches wait for you: records or clusters that may be one organisation. Your choice is remembered for the next imports.",
			len(rs), map[string]any{"Count": formatCount(len(rs))}))
		v.empty.Hide()
		v.split.Show()
	}
	v.showSelected()
	v.onCount(len(rs))
}

func (v *reviewView) createRow() fyne.CanvasObject { return newTwoLineRow() }

func (v *reviewView) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(v.reviews) {
		return
	}
	rv := v.reviews[id]
	setTwoLineRow(o, reviewTitle(rv), reviewKindText(rv))
}

// reviewTitle names a match in a few words: the record's name, or the pair's names.
func reviewTitle(rv data.Review) string {
	if rv.Kind == data.ReviewAmbiguous {
		return rv.Record.Name
	}
	names := make([]string, len(rv.Candidates))
	for i, c := range rv.Candidates {
		names[i] = c.Name
	}
	return strings.Join(names, " / ")
}

// reviewKindText says what a match asks: "Imported record · fits 2 clusters", "Two clusters · probably one".
func reviewKindText(rv data.Review) string {
	if rv.Kind == data.ReviewAmbiguous {
		if len(rv.Candidates) == 1 {
			return lang.L("Imported record · probably a cluster you have")
		}
		return lang.L("Imported record · fits {{.Count}} clusters", map[string]any{"Count": formatCount(len(rv.Candidates))})
	}
	return lang.L("Two clusters · probably one organisation")
}

// showSelected fills the right side with the selected match: what it asks and why, the record and the
// candidates side by side, and the buttons that settle it.
func (v *reviewView) showSelected() {
	v.choices, v.keep = nil, nil
	if v.selected < 0 || v.selected >= len(v.reviews) {
		v.detail.Objects = nil
		v.detail.Refresh()
		return
	}
	rv := v.reviews[v.selected]
	question := lang.L("Is the imported record “{{.Name}}” one of these clusters?", map[string]any{"Name": rv.Record.Name})
	if rv.Kind == data.ReviewDuplicate {
		question = lang.L("Are these two clusters one organisation?")
	}
	title := widget.NewLabelWithStyle(question, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapWord
	why := wrapped(lang.L("Why asked: {{.Reason}}", map[string]any{"Reason": rv.Reason}))
	why.SizeName = theme.SizeNameCaptionText
	objs := []fyne.CanvasObject{title, why}

	if rv.Kind == data.ReviewAmbiguous {
		objs = append(objs, v.card(lang.L("Imported record"), rv.Record, rv.Source))
	}
	cards := make([]fyne.CanvasObject, len(rv.Candidates))
	for i, c := range rv.Candidates {
		var b *widget.Button
		if rv.Kind == data.ReviewAmbiguous {
			b = widget.NewButtonWithIcon(lang.L("Merge into {{.Name}}", map[string]any{"Name": shortName(c.Name)}),
				theme.ConfirmIcon(), func() { v.onMergeRecord(rv, c) })
		} else {
			other := rv.Candidates[1-i]
			b = widget.NewButtonWithIcon(lang.L("Merge {{.Other}} into {{.Name}}",
				map[string]any{"Other": shortName(other.Name), "Name": shortName(c.Name)}),
				theme.ConfirmIcon(), func() { v.onMergePair(rv, c, other) })
		}
		v.choices = append(v.choices, b)
		cards[i] = v.card(lang.L("In the catalogue"), c, "")
	}
	// The cards side by side take little width; the decisions below them, one a line, keep the view narrow
	// enough for a small window however long the names.
	objs = append(objs, container.NewGridWithColumns(min(max(len(cards), 1), 2), cards...))
	for _, b := range v.choices {
		objs = append(objs, container.NewHBox(b))
	}

	if rv.Kind == data.ReviewAmbiguous {
		v.keep = widget.NewButtonWithIcon(lang.L("Keep as a new cluster"), theme.ContentAddIcon(), func() { v.onKeep(rv) })
		objs = append(objs, container.NewBorder(nil, nil, v.keep, nil,
			wrapped(lang.L("The record becomes a cluster of its own; later imports of it go there."))))
	} else {
		v.keep = widget.NewButtonWithIcon(lang.L("Keep apart"), theme.CancelIcon(), func() { v.onKeep(rv) })
		objs = append(objs, container.NewBorder(nil, nil, v.keep, nil, wrapped(lang.L("Both stay; you are not asked about this pair again."))))
	}
	if v.busy {
		v.setBusy(true)
	}
	v.detail.Objects = objs
	v.detail.Refresh()
	v.scroll.ScrollToTop()
}

// card shows one record or cluster with the facts that tell organisations apart, a line each so that the
// decisions stay in sight: where it is and its website, its label with its source, and its sources (for the
// record, the page it was read from).
func (v *reviewView) card(kind string, c data.Cluster, source string) fyne.CanvasObject {
	line := func(text string, selectable bool) *widget.Label {
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapWord
		l.Selectable = selectable
		return l
	}
	small := func(l *widget.Label) *widget.Label {
		l.SizeName = theme.SizeNameCaptionText
		return l
	}
	what := small(widget.NewLabelWithStyle(kind, fyne.TextAlignLeading, fyne.TextStyle{Italic: true}))
	name := widget.NewLabelWithStyle(c.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.Wrapping = fyne.TextWrapWord
	place := []string{lang.L("no country")}
	if c.Country != "" {
		place[0] = countryName(c.Country)
	}
	if c.City != "" {
		place = append(place, c.City)
	}
	if c.Acronym != "" && c.Acronym != c.Name {
		place = append([]string{c.Acronym}, place...)
	}
	if c.Website != "" {
		place = append(place, c.Website)
	} else {
		place = append(place, lang.L("no website"))
	}
	lines := []fyne.CanvasObject{what, name, line(strings.Join(place, " · "), true), line(labelLineText(c, v.today), false)}
	if source != "" {
		lines = append(lines, small(line(lang.L("Read from {{.Page}}", map[string]any{"Page": source}), true)))
	} else {
		var srcs []string
		for i, so := range c.Sources {
			if i == 3 {
				srcs = append(srcs, lang.L("and {{.Count}} more", map[string]any{"Count": formatCount(len(c.Sources) - 3)}))
				break
			}
			srcs = append(srcs, sourceText(so))
		}
		if len(srcs) > 0 {
			lines = append(lines, small(line(lang.L("Sources: {{.Sources}}", map[string]any{"Sources": strings.Join(srcs, "; ")}), false)))
		}
	}
	body := container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()), lines...)
	frame := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	frame.CornerRadius = theme.InputRadiusSize()
	return container.NewStack(frame, container.NewBorder(nil, nil, nil, nil, body))
}

// shortName keeps a button's name short enough for a column: at most 28 letters, with an ellipsis.
func shortName(name string) string {
	r := []rune(name)
	if len(r) <= 28 {
		return name
	}
	return strings.TrimSpace(string(r[:27])) + "…"
}

// onMergeRecord merges the imported record into cluster c. The record is no cluster, so no user work moves.
func (v *reviewView) onMergeRecord(rv data.Review, c data.Cluster) {
	v.decide(rv.ID, c.ID, 0)
}

// onMergePair merges gone into keep, once the user has seen what of theirs moves with it.
func (v *reviewView) onMergePair(rv data.Review, keep, gone data.Cluster) {
	v.setBusy(true)
	v.jobs.run(func(ctx context.Context) func() {
		g, err := v.store.Cluster(ctx, gone.ID) // with its notes and shortlists, to say what moves
		return func() {
			v.setBusy(false)
			if err != nil {
				showErrorOn(v.win, err)
				v.refresh()
				return
			}
			v.confirmMerge(rv, keep, g)
		}
	})
}

// mergeMessage says what merging gone into keep does to the user's work.
func mergeMessage(keep, gone data.Cluster) string {
	lists := make([]string, len(gone.Shortlists))
	for i, m := range gone.Shortlists {
		lists[i] = "“" + m.Shortlist + "”"
	}
	work := lang.L("You have no notes or shortlist entries on it.")
	n := len(gone.Notes)
	switch {
	case n > 0 && len(lists) > 0:
		work = lang.N("Your {{.Count}} notes on it and its entries on {{.Lists}} move to “{{.Keep}}”.", n,
			map[string]any{"Count": formatCount(n), "Lists": strings.Join(lists, ", "), "Keep": keep.Name})
	case n > 0:
		work = lang.N("Your {{.Count}} notes on it move to “{{.Keep}}”.", n, map[string]any{"Count": formatCount(n), "Keep": keep.Name})
	case len(lists) > 0:
		work = lang.L("Its entries on {{.Lists}} move to “{{.Keep}}”, with their status and contact person.",
			map[string]any{"Lists": strings.Join(lists, ", "), "Keep": keep.Name})
	}
	return lang.L("“{{.Gone}}” is merged into “{{.Keep}}” and leaves the catalogue; its facts fill the gaps and its sources are kept.",
		map[string]any{"Gone": gone.Name, "Keep": keep.Name}) + " " + work
}

func (v *reviewView) confirmMerge(rv data.Review, keep, gone data.Cluster) {
	d := newConfirmDialog(lang.L("Merge two clusters"), mergeMessage(keep, gone), func(ok bool) {
		if ok {
			v.decide(rv.ID, keep.ID, gone.ID)
		}
	}, v.win)
	d.SetConfirmText(lang.L("Merge"))
	d.SetDismissText(lang.L("Cancel"))
	v.confirm = d
	showConfirm(v.win, d)
}

// onKeep settles a match without a merge: the record becomes a cluster, or the pair stays two.
func (v *reviewView) onKeep(rv data.Review) {
	v.decide(rv.ID, 0, 0)
}

// decide saves a decision off the UI goroutine, then reads the matches again and tells the window.
func (v *reviewView) decide(reviewID, into, gone int64) {
	v.setBusy(true)
	v.jobs.run(func(ctx context.Context) func() {
		err := v.store.Decide(ctx, reviewID, into)
		return func() {
			if err != nil {
				showErrorOn(v.win, err)
			}
			v.refresh()
			if err == nil {
				v.onDecided(into, gone)
			}
		}
	})
}

// setBusy disables the decisions while one is saved, so that a double click cannot settle twice.
func (v *reviewView) setBusy(busy bool) {
	v.busy = busy
	for _, b := range append(v.choices[:len(v.choices):len(v.choices)], v.keep) {
		if b == nil {
			continue
		}
		if busy {
			b.Disable()
		} else {
			b.Enable()
		}
	}
}
