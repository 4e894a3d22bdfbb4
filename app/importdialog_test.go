package app

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"clusterbridge/data"
	"clusterbridge/internal/testsite"
	"clusterbridge/scraper"
)

// waitJobs polls, running queued window updates, until cond holds, or fails the test after a deadline.
func waitJobs(t *testing.T, q *uiQueue, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		ran := q.drain()
		if ran == 0 && cond() {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		if ran == 0 {
			time.Sleep(time.Millisecond)
		}
	}
}

func newTestImportDialog(t *testing.T) (*importDialog, *uiQueue, *[]scraper.Summary) {
	t.Helper()
	a := test.NewTempApp(t)
	registerTranslations()
	store := openTestStore(t)
	win := a.NewWindow("import")
	win.Resize(defaultSize)
	t.Cleanup(win.Close)
	var done []scraper.Summary
	d := newImportDialog(store, win, "test", func(s scraper.Summary) { done = append(done, s) })
	q := &uiQueue{}
	d.do = q.do
	d.newFetcher = func() *scraper.Fetcher {
		f := scraper.NewFetcher("test")
		f.Delay = 0
		return f
	}
	d.show()
	return d, q, &done
}

func TestImportDialogNeedsASource(t *testing.T) {
	d, _, done := newTestImportDialog(t)
	for _, c := range d.checks {
		c.SetChecked(false)
	}
	test.Tap(d.startButton)
	if d.running || !d.message.Visible() || d.message.Text == "" {
		t.Fatalf("started with nothing to import (running %v, message %q)", d.running, d.message.Text)
	}
	if len(*done) != 0 {
		t.Error("onDone called for an import that never ran")
	}
}

func TestImportDialogReadsSavedPagesAndListsFailures(t *testing.T) {
	d, q, done := newTestImportDialog(t)
	for _, c := range d.checks {
		c.SetChecked(false)
	}
	missing := filepath.Join(t.TempDir(), "missing.csv")
	d.addPath(testsite.Folder(t))
	d.addPath(missing)
	d.addPath(missing) // once only
	if len(d.paths) != 2 || d.pathList.Length() != 2 {
		t.Fatalf("paths %v", d.paths)
	}
	test.Tap(d.startButton)
	if !d.running || d.setupPage.Visible() || !d.cancelButton.Visible() {
		t.Fatal("the dialog does not show the import running")
	}
	waitJobs(t, q, "the import to finish", func() bool { return d.finished })

	if len(*done) != 1 {
		t.Fatalf("onDone called %d times", len(*done))
	}
	sum := (*done)[0]
	p := d.progress
	if p.Total == 0 || p.Done != p.Total {
		t.Errorf("progress stopped at %d of %d pages", p.Done, p.Total)
	}
	if d.bar.Value != d.bar.Max || !d.bar.Visible() {
		t.Errorf("the bar shows %v of %v", d.bar.Value, d.bar.Max)
	}
	if sum.Added+sum.Updated+sum.Unchanged == 0 {
		t.Errorf("nothing read: %+v", sum.RunCounts)
	}
	if !strings.HasPrefix(d.counts.Text, "Read ") || !strings.Contains(d.counts.Text, " added, ") || !strings.HasSuffix(d.counts.Text, ", 1 failed.") {
		t.Errorf("counts read %q", d.counts.Text)
	}
	if d.problems.Length() != len(sum.Problems) || len(sum.Problems) == 0 {
		t.Fatalf("the list shows %d problems of %d", d.problems.Length(), len(sum.Problems))
	}
	found := false
	for i, pr := range d.summary.Problems {
		if pr.URL == missing {
			found = true
			d.problems.Select(i)
			if !strings.Contains(d.problem.Text, "no such file") || !d.problem.Visible() {
				t.Errorf("the selected failure reads %q", d.problem.Text)
			}
		}
	}
	if !found {
		t.Errorf("the missing file is not among the problems %+v", d.summary.Problems)
	}
	if d.running || d.cancelButton.Visible() || !d.closeButton.Visible() || !d.outcome.Visible() {
		t.Error("the finished dialog still looks busy")
	}
	test.Tap(d.againButton)
	if !d.setupPage.Visible() || !d.startButton.Visible() {
		t.Error("Import more does not go back to the sources")
	}
}

func TestImportDialogCancelStopsTheImport(t *testing.T) {
	d, q, done := newTestImportDialog(t)
	arrived := make(chan struct{}, 16)
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		arrived <- struct{}{}
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(release) })

	for i, c := range d.checks {
		c.SetChecked(i == 0)
	}
	d.urls[0].SetText(srv.URL + "/search-results?type=cluster_organisation&page=0")
	test.Tap(d.startButton)
	select {
	case <-arrived:
	case <-time.After(10 * time.Second):
		t.Fatal("the import never asked the server")
	}
	q.drain()
	if !d.barMore.Visible() {
		t.Error("no moving bar while the number of pages is unknown")
	}
	test.Tap(d.cancelButton)
	if !d.cancelButton.Disabled() {
		t.Error("Cancel can be pressed twice")
	}
	waitJobs(t, q, "the cancelled import to end", func() bool { return d.finished })
	if len(*done) != 1 || !(*done)[0].Cancelled {
		t.Fatalf("summaries %+v", *done)
	}
	if !strings.Contains(d.outcome.Text, "cancelled") {
		t.Errorf("outcome reads %q", d.outcome.Text)
	}
}

// An ESCA table that does not say its country takes the one chosen in the dialog, as --country does.
func TestImportDialogGivesESCAPagesTheirCountry(t *testing.T) {
	d, q, _ := newTestImportDialog(t)
	for _, c := range d.checks {
		c.SetChecked(false)
	}
	dir := t.TempDir()
	// The Danish ESCA page without its country form, saved as a browser keeps the address's last part.
	page := regexp.MustCompile(`(?s)<form.*</form>`).ReplaceAll(testsite.Page(t, "benchmarked-clusters-denmark.html"), nil)
	if bytes.Contains(page, []byte("Denmark")) {
		t.Fatal("the page still names its country")
	}
	os.WriteFile(filepath.Join(dir, "benchmarked-clusters.html"), page, 0o644)
	d.addPath(dir)
	d.escaCountry.SetSelected(countryName("DK"))
	test.Tap(d.startButton)
	waitJobs(t, q, "the import", func() bool { return d.finished })
	if d.summary.Failed != 0 || d.summary.Added+d.summary.Updated == 0 {
		t.Fatalf("summary %+v, problems %+v", d.summary.RunCounts, d.summary.Problems)
	}
	res, err := d.store.Search(t.Context(), data.Query{Countries: []string{"DK"}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total <= 21 {
		t.Errorf("Denmark still has %d clusters after importing a Danish ESCA table", res.Total)
	}
}

// A value left out of a spreadsheet is listed at the end, one row each, with the row and the value named.
func TestImportDialogListsWarnings(t *testing.T) {
	d, q, _ := newTestImportDialog(t)
	for _, c := range d.checks {
		c.SetChecked(false)
	}
	file := filepath.Join(t.TempDir(), "partners.csv")
	csv := "Name;Country;Telefon\r\nExample Cluster;Atlantis;+45 1234\r\n"
	if err := os.WriteFile(file, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	d.addPath(file)
	test.Tap(d.startButton)
	waitJobs(t, q, "the import", func() bool { return d.finished })

	if d.summary.Added != 1 || d.summary.Warnings != 2 || d.problems.Length() != 2 {
		t.Fatalf("summary %+v with %d warnings; the list shows %d rows", d.summary.RunCounts, d.summary.Warnings, d.problems.Length())
	}
	if want := "Import finished. 2 values could not be read and were left out; select one to read the reason in full."; d.outcome.Text != want {
		t.Errorf("outcome reads %q, want %q", d.outcome.Text, want)
	}
	row := d.problems.CreateItem()
	d.problems.UpdateItem(1, row)
	lines := row.(*fyne.Container).Objects
	where, reason := lines[0].(*widget.Label).Text, lines[1].(*widget.Label).Text
	if where != "Warning: "+file || reason != `row 2 (Example Cluster): unknown country "Atlantis" left out; use an English name or ISO code` {
		t.Errorf("the second row reads %q / %q", where, reason)
	}
	d.problems.Select(0)
	if !d.problem.Visible() || !strings.Contains(d.problem.Text, `unknown column "Telefon" ignored`) {
		t.Errorf("the selected warning reads %q", d.problem.Text)
	}
}

// The web sources are not ticked until the user ticks them, and a ticked one is ticked again the next time.
func TestImportDialogPresetsAreOffUntilChosen(t *testing.T) {
	d, _, _ := newTestImportDialog(t)
	if len(d.checks) != 3 {
		t.Fatalf("%d presets", len(d.checks))
	}
	for i, c := range d.checks {
		if c.Checked {
			t.Errorf("preset %d (%s) is ticked by default", i, c.Text)
		}
	}
	test.Tap(d.checks[1])
	if !d.checks[1].Checked {
		t.Fatal("tapping did not tick the ESCA preset")
	}
	again := newImportDialog(d.store, d.win, "test", nil)
	for i, c := range again.checks {
		if c.Checked != (i == 1) {
			t.Errorf("in the next dialog preset %d (%s) is ticked %v", i, c.Text, c.Checked)
		}
	}
	test.Tap(again.checks[1])
	if third := newImportDialog(d.store, d.win, "test", nil); third.checks[1].Checked {
		t.Error("unticking the ESCA preset was not remembered")
	}
}

// The end of an import says what happened in one sentence: the pages read, skipped and failed add up to the
// files given, and the clusters are counted apart from the pages.
func TestImportDialogSummarySentence(t *testing.T) {
	d, q, _ := newTestImportDialog(t)
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	first := write("first.csv", "Name;Country;Website\r\nTruth Cluster One;Denmark;https://one.example\r\nTruth Cluster Two;Sweden;https://two.example\r\n")
	other := write("other.html", "<!doctype html><html><head><title>Opening hours</title></head><body><p>We are open on Mondays.</p></body></html>")
	missing := filepath.Join(dir, "missing.csv")
	for _, p := range []string{first, other, missing} {
		d.addPath(p)
	}
	test.Tap(d.startButton)
	waitJobs(t, q, "the import", func() bool { return d.finished })
	s := d.summary
	if s.Pages+s.Skipped+s.Failed != 3 {
		t.Errorf("read %d, skipped %d and failed %d of 3 files", s.Pages, s.Skipped, s.Failed)
	}
	if want := "Read 1 page: 2 clusters added, 0 updated, 0 unchanged; 1 page skipped, 1 failed."; d.counts.Text != want {
		t.Errorf("the summary reads %q, want %q", d.counts.Text, want)
	}
	if d.pages.Visible() {
		t.Errorf("the page count %q still stands beside the summary", d.pages.Text)
	}

	test.Tap(d.againButton)
	d.paths = nil
	second := write("second.csv", "Name;Country;Website\r\nTruth Cluster One;Denmark;https://one-new.example\r\n")
	d.addPath(first)
	d.addPath(second)
	test.Tap(d.startButton)
	waitJobs(t, q, "the second import", func() bool { return d.finished })
	if want := "Read 2 pages: 0 clusters added, 1 updated, 2 unchanged."; d.counts.Text != want {
		t.Errorf("the second summary reads %q, want %q (counts %+v)", d.counts.Text, want, d.summary.RunCounts)
	}
}
