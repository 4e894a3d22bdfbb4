package app

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"clusterbridge/assets"
	"clusterbridge/data"
)

func TestFirstRunShowsTheSampleAndItsBanner(t *testing.T) {
	w := newTestWindow(t)
	if got := w.results.count.Text; got != "248 of 248 clusters" {
		t.Errorf("count reads %q", got)
	}
	if len(w.results.clusters) != pageSize {
		t.Errorf("first page holds %d clusters, want %d", len(w.results.clusters), pageSize)
	}
	if !w.banner.content.Visible() {
		t.Error("the sample banner is hidden on a fresh sample catalogue")
	}
	if !strings.Contains(w.banner.text.Text, "248") {
		t.Errorf("banner reads %q", w.banner.text.Text)
	}
	if !w.detail.shown || w.detail.cluster.ID != w.results.clusters[0].ID {
		t.Error("the first cluster is not shown in the detail panel")
	}

	w.onDismissBanner()
	if w.banner.content.Visible() {
		t.Error("dismissing left the banner up")
	}
	again := newTestWindowOn(t, w.app, w.store)
	if again.banner.content.Visible() {
		t.Error("a dismissed banner came back in the next window")
	}
	if got := again.results.count.Text; got != "248 of 248 clusters" {
		t.Errorf("with the banner dismissed, the count reads %q", got)
	}
}

func TestNoBannerAfterAnImport(t *testing.T) {
	a := test.NewTempApp(t)
	store := openTestStore(t)
	if _, err := store.BeginRun(context.Background(), []string{"eccp"}); err != nil {
		t.Fatal(err)
	}
	if w := newTestWindowOn(t, a, store); w.banner.content.Visible() {
		t.Error("the sample banner shows after an import run")
	}
}

// An import that added clusters takes the sample banner down and counts the new clusters at once, without a
// restart.
func TestImportRefreshesBannerAndTotalsAtOnce(t *testing.T) {
	w := newTestWindow(t)
	if !w.banner.content.Visible() || w.results.count.Text != "248 of 248 clusters" {
		t.Fatalf("before the import: banner shown %v, count %q", w.banner.content.Visible(), w.results.count.Text)
	}
	file := filepath.Join(t.TempDir(), "new.csv")
	csv := "Name;Country;Website\r\nTruth Cluster One;Denmark;https://one.example\r\nTruth Cluster Two;Sweden;https://two.example\r\n"
	if err := os.WriteFile(file, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	w.onImport()
	d := w.importer
	d.addPath(file)
	test.Tap(d.startButton)
	w.waitFor("the import", func() bool { return d.finished })
	if d.summary.Added != 2 {
		t.Fatalf("the import added %d clusters", d.summary.Added)
	}
	if w.banner.content.Visible() {
		t.Error("the sample banner still shows right after an import")
	}
	if got := w.results.count.Text; got != "250 of 250 clusters" {
		t.Errorf("right after the import the count reads %q", got)
	}
}

func TestTypingASearchFiltersTheList(t *testing.T) {
	w := newTestWindow(t)
	test.Type(w.filters.search, "smaland")
	w.waitFor("Automation Småland", func() bool { return w.results.total < 248 })
	if w.results.total != 1 || !containsOf(w.names(), "Automation Småland") {
		t.Fatalf("searching smaland lists %v, want Automation Småland alone", w.names())
	}
	if want := "1 of 248 clusters"; w.results.count.Text != want {
		t.Errorf("count reads %q, want %q", w.results.count.Text, want)
	}
	if w.results.list.Length() != len(w.results.clusters) {
		t.Errorf("the list shows %d rows for %d clusters", w.results.list.Length(), len(w.results.clusters))
	}
}

func TestGoldAndDenmarkListOnlyDanishGold(t *testing.T) {
	w := newTestWindow(t)
	test.Tap(w.filters.labels[data.LabelGold])
	test.Tap(w.filters.countries["DK"])
	w.waitFor("Danish gold", func() bool {
		return len(w.results.clusters) > 0 && len(w.results.clusters) < 248
	})
	for _, c := range w.results.clusters {
		if c.Label != data.LabelGold || c.Country != "DK" {
			t.Errorf("%s (%s, %s) listed under Gold + Denmark", c.Name, c.Label, c.Country)
		}
	}
	// Facets leave out their own filter: Silver still counts Danish silver clusters beside the gold ones.
	res, err := w.store.Search(context.Background(), data.Query{Labels: []data.Label{data.LabelSilver}, Countries: []string{"DK"}})
	if err != nil {
		t.Fatal(err)
	}
	if want := labelName(data.LabelSilver) + " (" + strconv.Itoa(res.Total) + ")"; w.filters.labels[data.LabelSilver].Text != want {
		t.Errorf("silver box reads %q, want %q", w.filters.labels[data.LabelSilver].Text, want)
	}
	if got := w.filters.countries["DK"].Text; !strings.HasPrefix(got, "Denmark (") {
		t.Errorf("Denmark box reads %q", got)
	}

	test.Tap(w.filters.clear)
	w.settle()
	if w.results.total != 248 || w.filters.labels[data.LabelGold].Checked {
		t.Errorf("after Clear filters: %d clusters, gold ticked %v", w.results.total, w.filters.labels[data.LabelGold].Checked)
	}
}

func TestNoResultOffersToClearTheFilters(t *testing.T) {
	w := newTestWindow(t)
	test.Type(w.filters.search, "qqzzxx")
	w.waitFor("no results", func() bool { return w.results.total == 0 })
	if !w.results.empty.Visible() {
		t.Fatal("no message for an empty result")
	}
	w.results.onClear()
	w.settle()
	if w.results.total != 248 || w.filters.search.Text != "" || w.results.empty.Visible() {
		t.Errorf("after clearing: %d clusters, search %q", w.results.total, w.filters.search.Text)
	}
}

func TestSortingByLabelPutsGoldFirst(t *testing.T) {
	w := newTestWindow(t)
	w.results.order.SetSelectedIndex(2)
	w.settle()
	if first := w.results.clusters[0]; first.Label != data.LabelGold {
		t.Errorf("sorted by label, the first is %s (%s)", first.Name, first.Label)
	}
}

func TestSelectingARowFillsTheDetail(t *testing.T) {
	w := newTestWindow(t)
	test.Type(w.filters.search, "smaland")
	w.waitFor("results", func() bool { return w.results.total < 248 })
	i := indexOf(w.names(), "Automation Småland")
	w.results.list.Select(i)
	w.settle()
	c := w.detail.cluster
	if c.Name != "Automation Småland" {
		t.Fatalf("detail shows %q", c.Name)
	}
	if len(c.Sources) == 0 {
		t.Error("detail cluster has no sources")
	}
	if w.detail.website == nil {
		t.Error("no website button for https://automationsmaland.se")
	}
	text := labelsIn(w.detail.body)
	// A label of 2018 without a date is past its estimate (end of 2020) on testDay; the sample cites the
	// cluster's own ESCA page for it.
	for _, want := range []string{"Bronze 2018, probably expired (labels last about two years) — sample, citing automationsmaland.se, read ",
		"Automation Småland", "Digital, Energy-intensive industries"} {
		if !strings.Contains(text, want) {
			t.Errorf("detail lacks %q", want)
		}
	}
}

// labelsIn joins the text of every label under o.
func labelsIn(o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case *container.Scroll:
			walk(x.Content)
		case *widget.Label:
			b.WriteString(x.Text + "\n")
		}
	}
	walk(o)
	return b.String()
}

func TestShortlistStatusAndNoteReachTheCatalogue(t *testing.T) {
	w := newTestWindow(t)
	ctx := context.Background()
	w.createShortlist("Water partners", "Horizon Europe bid")
	w.settle()
	lists, _ := w.store.Shortlists(ctx)
	if len(lists) != 1 || lists[0].Name != "Water partners" {
		t.Fatalf("shortlists: %+v", lists)
	}
	list := lists[0]
	cluster := w.detail.cluster
	if w.detail.addTo == nil {
		t.Fatal("no shortlist offered in the detail panel")
	}
	w.detail.addTo.SetSelectedIndex(0)
	test.Tap(w.detail.addButton)
	w.settle()
	entries, _ := w.store.Entries(ctx, list.ID)
	if len(entries) != 1 || entries[0].Cluster.ID != cluster.ID || entries[0].Status != data.EntryCandidate {
		t.Fatalf("entries after adding: %+v", entries)
	}

	status := w.detail.statuses[list.ID]
	if status == nil {
		t.Fatal("no status box for the shortlist")
	}
	status.SetSelected(statusName(data.EntryContacted))
	w.settle()
	entries, _ = w.store.Entries(ctx, list.ID)
	if entries[0].Status != data.EntryContacted {
		t.Errorf("status is %s, want contacted", entries[0].Status)
	}

	test.Type(w.detail.noteEntry, "Called the manager; call back in May")
	test.Tap(w.detail.addNote)
	w.settle()
	notes, _ := w.store.Notes(ctx, cluster.ID)
	if len(notes) != 1 || notes[0].Text != "Called the manager; call back in May" {
		t.Fatalf("notes: %+v", notes)
	}
	if w.detail.noteEntry.Text != "" {
		t.Errorf("note entry still holds %q", w.detail.noteEntry.Text)
	}
	if !strings.Contains(labelsIn(w.detail.body), "Called the manager") {
		t.Error("the note is not in the timeline")
	}

	// The Shortlists tab shows the entry with its status and note; removing it there reaches the catalogue.
	w.showView("shortlists")
	w.settle()
	w.onOpenShortlist(list.ID)
	w.settle()
	if len(w.shortlists.entries) != 1 || w.shortlists.entries[0].LastNote == nil {
		t.Fatalf("shortlist view entries: %+v", w.shortlists.entries)
	}
	test.Tap(w.shortlistCell(0, colRemove).remove)
	w.settle()
	if entries, _ = w.store.Entries(ctx, list.ID); len(entries) != 0 {
		t.Errorf("entries after removing: %d", len(entries))
	}
	if len(w.shortlists.entries) != 0 {
		t.Errorf("the view still lists %d entries", len(w.shortlists.entries))
	}
}

func TestRenameAndDeleteShortlist(t *testing.T) {
	w := newTestWindow(t)
	ctx := context.Background()
	l, err := w.store.CreateShortlist(ctx, "Nordic", "")
	if err != nil {
		t.Fatal(err)
	}
	w.reloadShortlists()
	w.settle()
	w.onOpenShortlist(l.ID)
	w.settle()
	if open, ok := w.shortlists.openList(); !ok || open.ID != l.ID {
		t.Fatal("the shortlist did not open")
	}
	w.renameShortlist(l.ID, "Nordic water", "Partners for Interreg")
	w.settle()
	if w.shortlists.title.Text != "Nordic water" || w.shortlists.purpose.Text != "Partners for Interreg" {
		t.Errorf("header reads %q / %q", w.shortlists.title.Text, w.shortlists.purpose.Text)
	}
	w.deleteShortlist(l.ID)
	w.settle()
	if lists, _ := w.store.Shortlists(ctx); len(lists) != 0 || len(w.shortlists.lists) != 0 {
		t.Errorf("after deleting: %d in the catalogue, %d shown", len(lists), len(w.shortlists.lists))
	}
	if _, ok := w.shortlists.openList(); ok || !w.shortlists.rename.Disabled() {
		t.Error("a deleted shortlist is still open")
	}
}

func TestOpenFromShortlistJumpsToTheCluster(t *testing.T) {
	w := newTestWindow(t)
	target := w.results.clusters[5]
	w.showView("shortlists")
	w.onOpenCluster(target.ID)
	w.settle()
	if w.tabs.Selected() != w.clusterTab {
		t.Error("did not switch to the Clusters tab")
	}
	if w.results.selected != 5 || w.detail.cluster.ID != target.ID {
		t.Errorf("selected row %d, detail %q; want row 5, %q", w.results.selected, w.detail.cluster.Name, target.Name)
	}
}

func TestExportWritesTheShortlist(t *testing.T) {
	w := newTestWindow(t)
	ctx := context.Background()
	l, _ := w.store.CreateShortlist(ctx, "Export me", "")
	c := w.results.clusters[0]
	if _, err := w.store.AddToShortlist(ctx, l.ID, c.ID, data.EntryMeeting, "Jane Roe"); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), exportFileName("Export me", data.CSVSemicolon))
	if err := os.WriteFile(path, []byte("old contents"), 0o644); err != nil {
		t.Fatal(err)
	}
	var result error = os.ErrInvalid
	w.exportShortlist(l.ID, path, data.CSVSemicolon, func(err error) { result = err })
	w.settle()
	if result != nil {
		t.Fatal(result)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw, []byte("\uFEFF"))))
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0][0] != "name" || rows[1][0] != c.Name {
		t.Fatalf("rows: %q", rows)
	}
	col := map[string]string{}
	for i, h := range rows[0] {
		col[h] = rows[1][i]
	}
	if col["status"] != "meeting" || col["contact_people"] != "Jane Roe" {
		t.Errorf("status %q, contact people %q", col["status"], col["contact_people"])
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*.tmp"))
	if len(left) > 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}

func TestExportWritesAWorkbook(t *testing.T) {
	w := newTestWindow(t)
	ctx := context.Background()
	l, _ := w.store.CreateShortlist(ctx, "Export me", "")
	c := w.results.clusters[0]
	if _, err := w.store.AddToShortlist(ctx, l.ID, c.ID, data.EntryMeeting, "Jane Roe"); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), exportFileName("Export me", data.XLSX))
	var result error = os.ErrInvalid
	w.exportShortlist(l.ID, path, data.XLSX, func(err error) { result = err })
	w.settle()
	if result != nil {
		t.Fatal(result)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(data.XLSXSheet)
	if err != nil || len(rows) != 2 || rows[0][0] != "name" || rows[1][0] != c.Name {
		t.Fatalf("rows %q, %v", rows, err)
	}
}

func TestExportFileName(t *testing.T) {
	for in, want := range map[string]string{"Water partners": "Water partners.csv", "a/b: c?": "a-b- c-.csv", " ": "shortlist.csv"} {
		if got := exportFileName(in, data.CSVComma); got != want {
			t.Errorf("exportFileName(%q) = %q, want %q", in, got, want)
		}
	}
	if got := exportFileName("Water partners", data.XLSX); got != "Water partners.xlsx" {
		t.Errorf("a workbook's file name is %q, want Water partners.xlsx", got)
	}
}

func TestKeyboard(t *testing.T) {
	w := newTestWindow(t)
	c := w.win.Canvas()
	c.Unfocus()
	c.(fyne.Shortcutable).TypedShortcut(keySearch)
	if c.Focused() != w.filters.search {
		t.Fatalf("Ctrl+F focused %v", c.Focused())
	}
	// Down in the search box walks the results.
	w.filters.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	w.settle()
	if w.results.selected != 1 || w.detail.cluster.ID != w.results.clusters[1].ID {
		t.Errorf("Down in the search box selected row %d", w.results.selected)
	}
	// With nothing focused, the canvas hands Up to the results.
	c.Unfocus()
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyUp})
	w.settle()
	if w.results.selected != 0 {
		t.Errorf("Up selected row %d", w.results.selected)
	}
	// Ctrl+E with no shortlist open says to open one, on the Shortlists tab.
	c.(fyne.Shortcutable).TypedShortcut(keyExport)
	if w.tabs.Selected() != w.listTab {
		t.Error("Ctrl+E without an open shortlist did not show the Shortlists tab")
	}
	// Ctrl+I in the search box still reaches the window.
	imported := false
	c.AddShortcut(keyImport, func(fyne.Shortcut) { imported = true })
	c.Focus(w.filters.search)
	w.filters.search.TypedShortcut(keyImport)
	if !imported {
		t.Error("Ctrl+I in the search box did not reach the window")
	}
}

func TestFiltersAndSizeAreRemembered(t *testing.T) {
	w := newTestWindow(t)
	test.Tap(w.filters.ecosystems["Health"])
	test.Type(w.filters.search, "bio")
	w.results.order.SetSelectedIndex(1)
	w.settle()
	w.win.Resize(fyne.NewSize(1000, 700))
	w.onClosed()

	again := newTestWindowOn(t, w.app, w.store)
	q := again.filters.query()
	if q.Text != "bio" || len(q.Ecosystems) != 1 || q.Ecosystems[0] != "Health" || again.results.sortOrder() != data.SortByCountry {
		t.Errorf("restored filters %+v, order %s", q, again.results.sortOrder())
	}
	if again.results.total != w.results.total {
		t.Errorf("restored search lists %d, before %d", again.results.total, w.results.total)
	}
	if st := loadState(w.app.Preferences()); st.Width != 1000 || st.Height != 700 {
		t.Errorf("remembered size %vx%v", st.Width, st.Height)
	}
}

func TestAboutNamesSourcesAndCaveats(t *testing.T) {
	b := newAboutBox("1.2.3")
	text := labelsIn(b.content)
	for _, want := range []string{"Version 1.2.3", "ECCP", "ESCA", "EUCLES", data.SampleCaveats[0][:40]} {
		if !strings.Contains(text, want) {
			t.Errorf("About lacks %q", want)
		}
	}
	if assets.SampleSize != 248 {
		t.Errorf("SampleSize %d", assets.SampleSize)
	}
}

// The window judges labels on the day it shows them, not the day it opened: left open across the end of a
// label's estimated life, it says "probably expired" once that has passed.
func TestTodayIsReadEachTimeAClusterIsShown(t *testing.T) {
	w := newTestWindow(t)
	occ, err := w.store.FindCluster(context.Background(), "Oslo Cancer Cluster") // gold 2022 in the sample
	if err != nil || occ.LabelYear != 2022 {
		t.Fatalf("the sample's Oslo Cancer Cluster: %+v, %v", occ, err)
	}
	w.store.SetClock(func() time.Time { return time.Date(2024, 12, 31, 12, 0, 0, 0, time.UTC) })
	w.onClusterSelected(occ.ID)
	w.settle()
	if text := labelsIn(w.detail.body); !strings.Contains(text, "Gold 2022, unverified") {
		t.Fatalf("on the last day of the estimate the detail says:\n%s", text)
	}
	w.store.SetClock(func() time.Time { return time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC) })
	w.onClusterSelected(occ.ID)
	w.settle()
	if text := labelsIn(w.detail.body); !strings.Contains(text, "Gold 2022, probably expired") {
		t.Errorf("the day after, the detail says:\n%s", text)
	}
}
