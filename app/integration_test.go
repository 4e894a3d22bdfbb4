package app

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"clusterbridge/data"
	"clusterbridge/locale"
	"clusterbridge/suggest"
)

// The detail's "Find partners" opens the Partners tab, ranked for that cluster, all abroad.
func TestFindPartnersFromTheDetail(t *testing.T) {
	w := newTestWindow(t)
	w.onOpenCluster(mustFind(t, w, "Food & Bio Cluster Denmark"))
	w.waitFor("the detail", func() bool { return w.detail.cluster.Name == "Food & Bio Cluster Denmark" })
	test.Tap(w.detail.findPartners)
	w.waitFor("suggestions", func() bool { return len(w.partners.suggestions) > 0 })
	if w.tabs.Selected() != w.partnerTab {
		t.Error("Find partners did not bring the Partners tab to the front")
	}
	for _, s := range w.partners.suggestions {
		if s.Country == "DK" {
			t.Errorf("%s is in Denmark, not abroad", s.Name)
		}
	}
}

// A tap on the overview's map narrows the cluster list to that country.
func TestOverviewCountryFiltersTheList(t *testing.T) {
	w := newTestWindow(t)
	if n := w.overview.tiles.counts["NO"]; n != 34 {
		t.Fatalf("the map counts %d clusters in Norway, want the sample's 34", n)
	}
	w.overview.onTileTapped("NO")
	w.waitFor("Norwegian clusters", func() bool { return w.results.total == 34 })
	for _, c := range w.results.clusters {
		if c.Country != "NO" {
			t.Errorf("%s (%s) is listed under Norway", c.Name, c.Country)
		}
	}
	if w.tabs.Selected() != w.clusterTab {
		t.Error("the cluster list is not in front after a tap on the map")
	}
}

func mustFind(t *testing.T, w *testWindow, name string) int64 {
	t.Helper()
	c, err := w.store.FindCluster(t.Context(), name)
	if err != nil {
		t.Fatal(err)
	}
	return c.ID
}

// A shortlisted cluster whose label has expired, or probably has (a year-only label past its estimate),
// carries a badge on its shortlist and is in "Labels to check", with the page that stated the label.
func TestShortlistedExpiredLabelCarriesABadge(t *testing.T) {
	w := newTestWindow(t)
	ctx := t.Context()
	l, err := w.store.CreateShortlist(ctx, "Trip", "")
	if err != nil {
		t.Fatal(err)
	}
	made := mustFind(t, w, "MADE")                     // gold, valid until 2023-10-31: expired
	gce := mustFind(t, w, "GCE Ocean Technology")      // gold 2021, no date: probably expired since 2024
	cwp := mustFind(t, w, "Catalan Water Partnership") // gold 2023, no date: unverified until 2026
	for _, id := range []int64{made, gce, cwp} {
		if _, err := w.store.AddToShortlist(ctx, l.ID, id, "", ""); err != nil {
			t.Fatal(err)
		}
	}
	w.onOpenShortlist(l.ID)
	w.waitFor("the entries", func() bool { return len(w.shortlists.entries) == 3 })
	badges := map[string]bool{}
	for i, e := range w.shortlists.entries {
		badges[e.Cluster.Name] = w.shortlistCell(i, colLabel).text.Importance == widget.WarningImportance
	}
	if want := map[string]bool{"MADE": true, "GCE Ocean Technology": true, "Catalan Water Partnership": false}; !maps.Equal(badges, want) {
		t.Errorf("label badges %v, want %v", badges, want)
	}
	w.tabs.Select(w.labelTab)
	w.waitFor("the label watch", func() bool { return len(w.labels.watch) > 0 })
	var watched []string
	for _, x := range w.labels.watch {
		watched = append(watched, x.Name+" "+string(x.Status))
	}
	// Soonest first: MADE ran out in October 2023, GCE's estimate at the end of 2023.
	if want := []string{"MADE expired", "GCE Ocean Technology probably-expired"}; !slices.Equal(watched, want) {
		t.Fatalf("Labels to check lists %v, want %v", watched, want)
	}
	if got := w.labels.count.Text; !strings.HasPrefix(got, "2 shortlisted clusters have a label that has expired") {
		t.Errorf("Labels to check says %q", got)
	}
	// GCE's label is stated on its page about the label; its news post is another source. The check goes to
	// the page that stated it.
	u, _ := watchSource(w.labels.watch[1])
	if u == nil || u.String() != "https://www.gceocean.no/about-us/cluster-management-excellence/" {
		t.Errorf("GCE's label is to be checked on %v", u)
	}
	if got := watchDateText(w.labels.watch[1]); got != "Gold 2021, probably expired (estimated to 31 Dec 2023)" {
		t.Errorf("GCE's date reads %q", got)
	}
}

// useShippedTheme measures the window in the theme the app ships with: the test driver's own theme has
// smaller paddings (4 rather than 6), and a window that fits in it can be 30 pixels too wide in the real one.
func useShippedTheme(w *testWindow) {
	w.app.Settings().SetTheme(theme.DefaultTheme())
	w.settle()
}

// laptopSizes are the window sizes every view and dialog works at: a small laptop window, a window on half a
// 1366×768 screen, and that whole screen.
var laptopSizes = []fyne.Size{{Width: 1024, Height: 640}, {Width: 683, Height: 740}, {Width: 1366, Height: 768}}

// menuBar is the height the window's menu bar takes on Linux and Windows, where Fyne draws it in the window.
const menuBar = 40

// Every view fits each laptop size in every language: one tab asking for more makes the whole window larger
// than the screen, and its right side or its bottom is cut off. Below narrowWidth the Clusters tab shows two
// panes. German and Dutch words run a third longer than English ones.
func TestEveryViewFitsALaptopScreen(t *testing.T) {
	for _, l := range locale.Languages {
		t.Run(l.Code, func(t *testing.T) {
			inLanguage(t, l.Code)
			checkEveryViewFits(t)
		})
	}
}

func checkEveryViewFits(t *testing.T) {
	w := newTestWindow(t)
	useShippedTheme(w)
	// The cluster shown has all a detail can hold: a website, a contact, a shortlist entry, notes.
	ctx := t.Context()
	c := mustFind(t, w, "Biobased Delta")
	l, err := w.store.CreateShortlist(ctx, "Bioeconomy partners in the Netherlands and Belgium", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.store.AddToShortlist(ctx, l.ID, c, data.EntryMeeting, "Joost de Vries"); err != nil {
		t.Fatal(err)
	}
	// another list, with a long name, for the Add to shortlist row
	if _, err := w.store.CreateShortlist(ctx, "Circular packaging partners for the 2027 Interreg bid", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := w.store.AddNote(ctx, c, strings.Repeat("Met Joost at the Brussels cluster days. ", 5)); err != nil {
		t.Fatal(err)
	}
	w.onOpenCluster(c)
	w.settle()
	if w.detail.cluster.ID != c {
		t.Fatalf("the detail shows %q", w.detail.cluster.Name)
	}
	for _, size := range laptopSizes {
		w.win.Resize(size)
		room := fyne.NewSize(size.Width, size.Height-menuBar)
		for _, it := range w.tabs.Items {
			w.tabs.Select(it)
			if s := w.win.Content().MinSize(); s.Width > room.Width || s.Height > room.Height {
				t.Errorf("at %v the window needs %v with the %s tab, more than the %v it has", size, s, it.Text, room)
			}
		}
		w.tabs.Select(w.clusterTab)
		w.win.Resize(size.AddWidthHeight(0, 1)) // lay the tab out again at this size
		if narrow := size.Width < narrowWidth; w.panes.narrow != narrow {
			t.Errorf("at %v the Clusters tab is narrow: %v, want %v", size, w.panes.narrow, narrow)
		}
	}
}

// dialogCase opens one of the window's dialogs.
type dialogCase struct {
	name string
	open func(t *testing.T, w *testWindow)
}

// everyDialog is every dialog the window opens; a new dialog belongs here.
func everyDialog(t *testing.T, w *testWindow) []dialogCase {
	ctx := t.Context()
	l, err := w.store.CreateShortlist(ctx, "Water partners", strings.Repeat("Partners for a Horizon Europe bid on water reuse. ", 8))
	if err != nil {
		t.Fatal(err)
	}
	openList := func() {
		w.reloadShortlists()
		w.onOpenShortlist(l.ID)
		w.settle()
		if _, ok := w.shortlists.openList(); !ok {
			t.Fatal("the shortlist does not open")
		}
	}
	fbcd, made := mustFind(t, w, "Food & Bio Cluster Denmark"), mustFind(t, w, "MADE")
	cluster := func(id int64) data.Cluster {
		c, err := w.store.Cluster(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	long := strings.Repeat("Met their manager in Brussels; they want a joint bid on food waste and biogas. ", 6)
	if _, err := w.store.AddToShortlist(ctx, l.ID, fbcd, data.EntryMeeting, "Mette Sørensen"); err != nil {
		t.Fatal(err)
	}
	entry := func() data.Entry {
		openList()
		e, err := w.store.Entry(ctx, l.ID, fbcd)
		if err != nil {
			t.Fatal(err)
		}
		return data.Entry{Cluster: cluster(fbcd), Status: e.Status, People: e.People, ShortlistID: l.ID, Shortlist: l.Name}
	}
	logEntry := data.LogEntry{ID: 1, ShortlistID: l.ID, At: testDay, Text: long}
	return []dialogCase{
		{"Your contacts", func(*testing.T, *testWindow) { w.onEditPeople(entry()) }},
		{"Add contact person", func(*testing.T, *testWindow) { w.onEditPeople(entry()); w.people.onAddTapped() }},
		{"Next step", func(*testing.T, *testWindow) { w.onEditNext(entry()) }},
		{"Edit log entry", func(*testing.T, *testWindow) { w.onEditLog(logEntry) }},
		{"Delete log entry", func(*testing.T, *testWindow) { w.onDeleteLog(logEntry) }},
		{"New shortlist", func(*testing.T, *testWindow) { w.onNewShortlist() }},
		{"Open team catalogue", func(*testing.T, *testWindow) { w.onOpenTeamCatalogue() }},
		{"Rename shortlist", func(*testing.T, *testWindow) { openList(); w.onRenameShortlist() }},
		{"Delete shortlist", func(*testing.T, *testWindow) { openList(); w.onDeleteShortlist() }},
		{"Export shortlist", func(*testing.T, *testWindow) { openList(); w.onExportOpenShortlist() }},
		{"Export with no shortlist open", func(*testing.T, *testWindow) { w.shortlists.open = 0; w.onExportOpenShortlist() }},
		{"My cluster", func(*testing.T, *testWindow) { w.partners.onEditMyCluster() }},
		{"Add a suggestion to a shortlist", func(*testing.T, *testWindow) {
			w.partners.askShortlist(partner{Suggestion: suggest.Suggestion{ID: fbcd, Name: "Food & Bio Cluster Denmark"}}, []data.Shortlist{l})
		}},
		{"Import", func(*testing.T, *testWindow) { w.onImport() }},
		{"Import: add a file", func(*testing.T, *testWindow) { w.onImport(); w.importer.onAddFile() }},
		{"Export: the file to write", func(*testing.T, *testWindow) { w.chooseExportFile(l, data.CSVSemicolon) }},
		{"Export this list", func(*testing.T, *testWindow) { w.onExportList() }},
		{"Getting started", func(*testing.T, *testWindow) { w.onGettingStarted() }},
		{"Countries", func(*testing.T, *testWindow) {
			w.partners.askCountries([]string{"DK", "NL", "SE", "NO", "DE", "FR", "BE", "FI", "IT", "ES", "PL", "AT", "CZ", "EE", "LV", "LT", "IE", "PT", "GR", "HU"})
		}},
		{"Mark as closed", func(*testing.T, *testWindow) { w.onMarkClosed(cluster(fbcd)) }},
		{"Import history", func(*testing.T, *testWindow) { w.onImportHistory() }},
		{"Restore with no backup yet", func(*testing.T, *testWindow) { w.onRestore() }},
		{"The catalogue is damaged", func(*testing.T, *testWindow) {
			w.onDamageFound()
			w.damaged = false
		}},
		{"Merge two clusters", func(*testing.T, *testWindow) {
			w.reviews.confirmMerge(data.Review{}, cluster(fbcd), cluster(made))
		}},
		{"About", func(*testing.T, *testWindow) { w.onAbout() }},
		{"Keyboard shortcuts", func(*testing.T, *testWindow) { w.onKeyboardShortcuts() }},
		{"Error", func(*testing.T, *testWindow) {
			w.showError(errors.New("cannot read /home/anna/Downloads/clusters.csv: line 3 has 4 fields, the header 5; " + long))
		}},
		{"Notice", func(*testing.T, *testWindow) { w.showNotice(lang.L("Add to shortlist"), long) }},
	}
}

// Every dialog fits each laptop size in every language: its buttons lie inside the window, its content is not
// squeezed under them, and what does not fit scrolls (a scroll inside the window, its content no wider than it).
func TestEveryDialogFitsALaptopScreen(t *testing.T) {
	for _, l := range locale.Languages {
		t.Run(l.Code, func(t *testing.T) {
			inLanguage(t, l.Code)
			checkEveryDialogFits(t)
		})
	}
}

func checkEveryDialogFits(t *testing.T) {
	w := newTestWindow(t)
	useShippedTheme(w)
	cases := everyDialog(t, w)
	for _, size := range laptopSizes {
		w.win.Resize(size)
		for _, dc := range cases {
			dc.open(t, w)
			w.settle()
			checkDialogFits(t, fmt.Sprintf("at %v the %s dialog", size, dc.name), w.win.Canvas())
			closeDialogs(t, w)
		}
	}
}

func checkDialogFits(t *testing.T, what string, c fyne.Canvas) {
	t.Helper()
	pop, ok := c.Overlays().Top().(*widget.PopUp)
	if !ok {
		t.Fatalf("%s is not open", what)
	}
	room := c.Size()
	if s, m := pop.Content.Size(), pop.Content.MinSize(); s.Width+0.5 < m.Width || s.Height+0.5 < m.Height {
		t.Errorf("%s is squeezed to %v, needing %v: its buttons cover its content", what, s, m)
	}
	if w := pop.Content.Size().Width; w < 360 {
		t.Errorf("%s is %v wide: its text stands in a narrow column", what, w)
	}
	buttons := 0
	walkPlaced(pop, fyne.Position{}, false, func(o fyne.CanvasObject, at fyne.Position, inScroll bool) {
		inside := at.X >= -0.5 && at.Y >= -0.5 && at.X+o.Size().Width <= room.Width+0.5 && at.Y+o.Size().Height <= room.Height+0.5
		if s, ok := o.(*container.Scroll); ok && !inScroll {
			if !inside {
				t.Errorf("%s has a scroll at %v, %v, outside the %v window", what, at, s.Size(), room)
			}
			if s.Direction == container.ScrollVerticalOnly && s.Content.MinSize().Width > s.Size().Width+0.5 {
				t.Errorf("%s cuts its content at the side: %v wide in a scroll %v wide", what, s.Content.MinSize().Width, s.Size().Width)
			}
			if s.Size().Height < min(s.Content.MinSize().Height, 3*theme.TextSize()) {
				t.Errorf("%s leaves its content %v px to scroll in", what, s.Size().Height)
			}
		}
		if _, ok := o.(fyne.Focusable); ok && !inScroll && !inside {
			t.Errorf("%s has %T at %v, %v, outside the %v window", what, o, at, o.Size(), room)
		}
		if b := asButton(o); b != nil && !inScroll {
			buttons++
		}
	})
	if buttons == 0 {
		t.Errorf("%s shows no button outside its scroll", what)
	}
}

// walkPlaced calls fn on every visible object drawn inside o, with its place on the canvas and whether it is in a
// scroll (where it may be scrolled to).
func walkPlaced(o fyne.CanvasObject, at fyne.Position, inScroll bool, fn func(fyne.CanvasObject, fyne.Position, bool)) {
	if !o.Visible() {
		return
	}
	fn(o, at, inScroll)
	var children []fyne.CanvasObject
	switch x := o.(type) {
	case *container.Scroll:
		inScroll = true
		children = test.WidgetRenderer(x).Objects()
	case *fyne.Container:
		children = x.Objects
	case fyne.Widget:
		children = test.WidgetRenderer(x).Objects()
	}
	for _, c := range children {
		walkPlaced(c, at.Add(c.Position()), inScroll, fn)
	}
}

// closeDialogs closes the open dialogs with Escape, failing when one stays.
func closeDialogs(t *testing.T, w *testWindow) {
	t.Helper()
	for range 5 {
		if w.win.Canvas().Overlays().Top() == nil {
			return
		}
		pressOnCanvas(w, fyne.KeyEscape)
		w.settle()
	}
	t.Fatal("Escape does not close the dialog")
}

// An import from the window adds its clusters to the list, and leaves the user's shortlists and notes as they were.
func TestImportUpdatesTheListAndKeepsTheUsersData(t *testing.T) {
	w := newTestWindow(t)
	ctx := t.Context()
	l, _ := w.store.CreateShortlist(ctx, "Trip", "Spring visit")
	fbcd := mustFind(t, w, "Food & Bio Cluster Denmark")
	w.store.AddToShortlist(ctx, l.ID, fbcd, "meeting", "Anna Hansen")
	w.store.AddNote(ctx, fbcd, "Met in Brussels")

	csv := filepath.Join(t.TempDir(), "new.csv")
	os.WriteFile(csv, []byte("name,country,ecosystems,focus,website\n"+
		"Zanzibar Spice Cluster,TZ,Agri-food,Spices and aromatics,https://spice.example\n"+
		"Food & Bio Cluster Denmark,DK,Energy-renewables,,https://foodbiocluster.dk\n"), 0o644)

	w.onImport()
	d := w.importer
	for _, c := range d.checks {
		c.SetChecked(false) // no network in tests
	}
	d.addPath(csv)
	test.Tap(d.startButton)
	w.waitFor("the import and the new list", func() bool { return !d.running && w.results.total == 249 })
	if d.bar.Value != d.bar.Max {
		t.Errorf("progress ended at %v of %v", d.bar.Value, d.bar.Max)
	}
	c, err := w.store.Cluster(ctx, fbcd)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Notes) != 1 || len(c.Shortlists) != 1 || c.Shortlists[0].Status != "meeting" || contactNames(c.Shortlists[0].People) != "Anna Hansen" {
		t.Errorf("the import touched the user's data: notes %+v, shortlists %+v", c.Notes, c.Shortlists)
	}
	if len(c.Ecosystems) != 2 {
		t.Errorf("the import did not add Energy-renewables to Food & Bio Cluster Denmark: %v", c.Ecosystems)
	}
}

// The window opens no larger than the screen: a size remembered on a large monitor is cut to a laptop's; with
// the screen not known it keeps the size it remembers.
func TestWindowOpensNoLargerThanTheScreen(t *testing.T) {
	laptop := fyne.NewSize(1366, 728) // 1366×768 less a task bar and a title bar
	for _, tc := range []struct {
		screen fyne.Size
		want   fyne.Size
	}{
		{laptop, laptop},
		{fyne.NewSize(683, 0), fyne.NewSize(683, 1080)},
		{fyne.Size{}, fyne.NewSize(1920, 1080)},
	} {
		a := test.NewTempApp(t)
		saveState(a.Preferences(), fyne.NewSize(1920, 1080), data.Query{})
		asked := 0
		m := newMainWindow(a, openTestStore(t), (&uiQueue{}).do, Options{ScreenSize: func() fyne.Size {
			asked++
			return tc.screen
		}})
		if got := m.win.Canvas().Size(); got != tc.want || asked == 0 {
			t.Errorf("on a screen of %v the window opens at %v (screen asked %d times), want %v", tc.screen, got, asked, tc.want)
		}
		m.win.Close()
	}
}

// On a narrow window Ctrl+F brings the filters' tab forward with the focus in the search, and a country tapped
// on the map brings the results back.
func TestNarrowWindowShowsTheFiltersAndResultsWhenAsked(t *testing.T) {
	w := newTestWindow(t)
	w.win.Resize(fyne.NewSize(683, 700))
	if !w.panes.narrow {
		t.Fatal("the Clusters tab has three panes at 683 pixels")
	}
	c := w.win.Canvas()
	c.(fyne.Shortcutable).TypedShortcut(keySearch)
	if w.panes.left.Selected() != w.panes.filterTab || c.Focused() != w.filters.search {
		t.Errorf("Ctrl+F shows the %q tab and focuses %T", w.panes.left.Selected().Text, c.Focused())
	}
	w.onFilterCountry("NO")
	w.settle()
	if w.panes.left.SelectedIndex() != 0 {
		t.Errorf("a country tapped on the map leaves the %q tab in front", w.panes.left.Selected().Text)
	}
}
