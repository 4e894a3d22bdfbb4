package app

import (
	"fmt"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"clusterbridge/data"
)

// filterPanel is the left column: the search box and the filters, each option with its count.
type filterPanel struct {
	search     *searchEntry
	labels     map[data.Label]*formCheck
	validOnly  *formCheck
	ecosystems map[data.Ecosystem]*formCheck
	countries  map[string]*formCheck
	countryBox *fyne.Container
	clear      *widget.Button
	scroll     *container.Scroll // the filters below the search box, which follow the focus
	content    fyne.CanvasObject

	// quiet holds back onChanged while the filters are set in code, so that clearing ten boxes runs one search.
	quiet bool
	// onChanged reports a change; typed says it was the search text, so the search waits for a pause in typing.
	onChanged func(typed bool)
}

func newFilterPanel() *filterPanel {
	f := &filterPanel{
		labels:     map[data.Label]*formCheck{},
		ecosystems: map[data.Ecosystem]*formCheck{},
		countries:  map[string]*formCheck{},
		onChanged:  func(bool) {},
	}
	f.build()
	return f
}

func (f *filterPanel) build() {
	f.search = newSearchEntry()
	f.search.OnChanged = func(string) { f.changed(true) }

	labelBox := container.NewVBox()
	for _, l := range data.Labels {
		c := newFormCheck(labelName(l), func(bool) { f.changed(false) })
		f.labels[l] = c
		labelBox.Add(c)
	}
	f.validOnly = newFormCheck(lang.L("Valid labels only"), func(bool) { f.changed(false) })
	labelBox.Add(f.validOnly)

	ecoBox := container.NewVBox()
	for _, e := range data.Ecosystems {
		c := newFormCheck(elided(ecosystemName(e), maxFilterName, theme.TextSize()), func(bool) { f.changed(false) })
		f.ecosystems[e] = c
		ecoBox.Add(c)
	}

	// Countries by their name, not their code: "Czechia" is looked for under C.
	codes := make([]string, len(data.Countries))
	for i, c := range data.Countries {
		codes[i] = c.Code
	}
	sort.Slice(codes, func(i, j int) bool { return countryName(codes[i]) < countryName(codes[j]) })
	f.countryBox = container.NewVBox()
	for _, code := range codes {
		c := newFormCheck(countryName(code), func(bool) { f.changed(false) })
		f.countries[code] = c
		f.countryBox.Add(c)
	}

	f.clear = widget.NewButtonWithIcon(lang.L("Clear filters"), theme.ContentClearIcon(), f.onClear)

	f.scroll = followFocus(container.NewVScroll(container.NewVBox(
		heading(lang.L("Label")), labelBox,
		widget.NewSeparator(),
		heading(lang.L("Ecosystem")), ecoBox,
		widget.NewSeparator(),
		heading(lang.L("Country")), f.countryBox,
	)))
	f.content = container.NewBorder(container.NewVBox(f.search), container.NewPadded(f.clear), nil, nil, f.scroll)
}

func heading(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

func (f *filterPanel) changed(typed bool) {
	if !f.quiet {
		f.onChanged(typed)
	}
}

// query is what the filters ask for; sorting and paging are the result list's business.
func (f *filterPanel) query() data.Query {
	q := data.Query{Text: f.search.Text, ValidOnly: f.validOnly.Checked}
	for _, l := range data.Labels {
		if f.labels[l].Checked {
			q.Labels = append(q.Labels, l)
		}
	}
	for _, e := range data.Ecosystems {
		if f.ecosystems[e].Checked {
			q.Ecosystems = append(q.Ecosystems, e)
		}
	}
	for _, c := range data.Countries {
		if f.countries[c.Code].Checked {
			q.Countries = append(q.Countries, c.Code)
		}
	}
	return q
}

// setQuery puts a query's filters into the boxes without running a search for each.
func (f *filterPanel) setQuery(q data.Query) {
	f.quiet = true
	defer func() { f.quiet = false }()
	f.search.SetText(q.Text)
	f.validOnly.SetChecked(q.ValidOnly)
	for l, c := range f.labels {
		c.SetChecked(containsOf(q.Labels, l))
	}
	for e, c := range f.ecosystems {
		c.SetChecked(containsOf(q.Ecosystems, e))
	}
	for code, c := range f.countries {
		c.SetChecked(containsOf(q.Countries, code))
	}
}

func containsOf[T comparable](xs []T, x T) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}

// isClear reports whether no filter is set.
func (f *filterPanel) isClear() bool {
	q := f.query()
	return q.Text == "" && !q.ValidOnly && len(q.Labels)+len(q.Ecosystems)+len(q.Countries) == 0
}

func (f *filterPanel) onClear() {
	if f.isClear() {
		return
	}
	f.setQuery(data.Query{})
	f.onChanged(false)
}

// showFacets writes each option's count beside it. Countries with nothing to offer under the other filters
// are hidden, unless ticked, so that the list holds what can be found.
func (f *filterPanel) showFacets(fc data.Facets) {
	for l, c := range f.labels {
		setCheckText(c, fmt.Sprintf("%s (%s)", labelName(l), formatCount(fc.Labels[l])))
	}
	for e, c := range f.ecosystems {
		name := elided(ecosystemName(e), maxFilterName, theme.TextSize())
		setCheckText(c, fmt.Sprintf("%s (%s)", name, formatCount(fc.Ecosystems[e])))
	}
	for code, c := range f.countries {
		n := fc.Countries[code]
		setCheckText(c, fmt.Sprintf("%s (%s)", countryName(code), formatCount(n)))
		if n > 0 || c.Checked {
			c.Show()
		} else {
			c.Hide()
		}
	}
	f.countryBox.Refresh()
}

// maxFilterName is the widest an ecosystem's name may be beside its box: the EU's Dutch for "Proximity, social
// economy and civil society" would make the filter panel, and the window, wider than half a laptop screen.
const maxFilterName = 250

func setCheckText(c *formCheck, text string) {
	if c.Text != text {
		c.Text = text
		c.Refresh()
	}
}

// searchEntry is the search box. Up and Down in it move through the results, so that a user can type and
// then walk the list without reaching for the mouse.
type searchEntry struct {
	widget.Entry
	onMove func(delta int)
}

func newSearchEntry() *searchEntry {
	e := &searchEntry{onMove: func(int) {}}
	e.ExtendBaseWidget(e)
	e.SetPlaceHolder(lang.L("Search name, focus, city…"))
	e.ActionItem = widget.NewIcon(theme.SearchIcon())
	return e
}

func (e *searchEntry) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyUp:
		e.onMove(-1)
	case fyne.KeyDown:
		e.onMove(1)
	default:
		e.Entry.TypedKey(ev)
	}
}

// TypedShortcut hands the window's own shortcuts (Ctrl+I, Ctrl+E) to the canvas, which an entry would swallow.
func (e *searchEntry) TypedShortcut(s fyne.Shortcut) {
	if isWindowShortcut(s) {
		if c, ok := fyne.CurrentApp().Driver().CanvasForObject(e).(fyne.Shortcutable); ok {
			c.TypedShortcut(s)
			return
		}
	}
	e.Entry.TypedShortcut(s)
}
