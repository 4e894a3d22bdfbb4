package app

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
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

// Every view fits a 1280×800 laptop screen: one tab asking for more makes the whole window taller than the
// screen, and dialogs open half off it.
func TestEveryViewFitsALaptopScreen(t *testing.T) {
	w := newTestWindow(t)
	for _, it := range w.tabs.Items {
		if s := it.Content.MinSize(); s.Width > 1280 || s.Height > 640 {
			t.Errorf("the %s tab needs %v", it.Text, s)
		}
	}
	if s := w.win.Content().MinSize(); s.Width > 1280 || s.Height > 760 {
		t.Errorf("the window needs %v, more than a 1280×800 screen gives", s)
	}
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
