package app

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"clusterbridge/data"
)

// buttonIn finds the visible button with the given text under o, or nil.
func buttonIn(o fyne.CanvasObject, text string) *widget.Button {
	var found *widget.Button
	walkObjects(o, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text && b.Visible() && found == nil {
			found = b
		}
	})
	return found
}

// reviewStore is the sample with two pending matches built through the data API: an imported record
// "Nordic Water Cluster" (SE) that fits both "Nordic Water Cluster" and "Nordic Water Cluster AB", and the
// pair "Bio Valley" / "BioValley" (NL), the latter shortlisted as a meeting on "Trip" and annotated.
type reviewFixture struct {
	store                      *data.Store
	nwc, nwcAB, bio, bioValley data.Cluster
	trip                       data.Shortlist
	record                     string // the source page of the imported record
}

func newReviewFixture(t *testing.T) reviewFixture {
	t.Helper()
	ctx := context.Background()
	f := reviewFixture{store: openTestStore(t), record: "https://example.se/clusters/nordic-water"}
	s := f.store
	if err := s.AddClusters(ctx, []data.Cluster{
		{Name: "Nordic Water Cluster", Country: "SE", City: "Malmö", Sources: []data.Source{{URL: "https://nwc.se", Kind: "csv"}}},
		{Name: "Nordic Water Cluster AB", Country: "SE", City: "Lund", Website: "https://nwcab.se",
			Sources: []data.Source{{URL: "https://nwcab.se/about", Kind: "csv"}}},
		{Name: "Bio Valley", Country: "NL", City: "Wageningen", Sources: []data.Source{{URL: "https://biovalley.nl", Kind: "csv"}}},
		{Name: "BioValley", Country: "NL", Sources: []data.Source{{URL: "https://example.nl/biovalley", Kind: "csv"}}},
	}); err != nil {
		t.Fatal(err)
	}
	find := func(name string) data.Cluster {
		c, err := s.FindCluster(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	f.nwc, f.nwcAB, f.bio, f.bioValley = find("Nordic Water Cluster"), find("Nordic Water Cluster AB"), find("Bio Valley"), find("BioValley")
	if _, amb, err := s.Merge(ctx, 0, []data.Cluster{{Name: "Nordic Water Cluster", Country: "SE", Website: "https://nordicwater.se",
		Sources: []data.Source{{URL: f.record, Kind: "csv"}}}}); err != nil || len(amb) != 1 {
		t.Fatalf("merging the record: %v, ambiguities %+v", err, amb)
	}
	if _, err := s.FindDuplicates(ctx); err != nil {
		t.Fatal(err)
	}
	var err error
	if f.trip, err = s.CreateShortlist(ctx, "Trip", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddToShortlist(ctx, f.trip.ID, f.bioValley.ID, data.EntryMeeting, "Joost"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddNote(ctx, f.bioValley.ID, "Met Joost in Utrecht"); err != nil {
		t.Fatal(err)
	}
	return f
}

// pending returns the store's pending reviews.
func pending(t *testing.T, s *data.Store) []data.Review {
	t.Helper()
	rs, err := s.Reviews(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// reviewOf finds the review about the given cluster ids among rs (the record's candidates, or the pair).
func reviewOf(rs []data.Review, kind data.ReviewKind, ids ...int64) (data.Review, int, bool) {
	for i, rv := range rs {
		if rv.Kind != kind || len(rv.Candidates) != len(ids) {
			continue
		}
		ok := true
		for _, c := range rv.Candidates {
			ok = ok && slices.Contains(ids, c.ID)
		}
		if ok {
			return rv, i, true
		}
	}
	return data.Review{}, -1, false
}

func TestReviewMatchesSettlesARecordAndADuplicatePair(t *testing.T) {
	f := newReviewFixture(t)
	ctx := context.Background()
	w := newTestWindowOn(t, test.NewTempApp(t), f.store)
	before := pending(t, f.store)
	amb, _, ok1 := reviewOf(before, data.ReviewAmbiguous, f.nwc.ID, f.nwcAB.ID)
	pair, _, ok2 := reviewOf(before, data.ReviewDuplicate, f.bio.ID, f.bioValley.ID)
	if !ok1 || !ok2 {
		t.Fatalf("the fixture's matches are not pending: %+v", before)
	}
	// The count waits on the tab and in the File menu before the view is opened.
	if want := "Matches (" + strconv.Itoa(len(before)) + ")"; w.reviewTab.Text != want {
		t.Errorf("tab reads %q, want %q", w.reviewTab.Text, want)
	}
	if !strings.Contains(w.reviewItem.Label, "("+strconv.Itoa(len(before))+")") {
		t.Errorf("menu item reads %q", w.reviewItem.Label)
	}

	w.showView("matches")
	w.settle()
	v := w.reviews
	if w.tabs.Selected() != w.reviewTab || len(v.reviews) != len(before) || v.list.Length() != len(before) {
		t.Fatalf("the view lists %d matches, want %d", v.list.Length(), len(before))
	}

	// The record: its facts and source page, the candidates' facts, a button for each.
	_, i, _ := reviewOf(v.reviews, data.ReviewAmbiguous, f.nwc.ID, f.nwcAB.ID)
	v.list.Select(i)
	shown := textIn(v.detail)
	for _, want := range []string{"Is the imported record “Nordic Water Cluster” one of these clusters?", f.record,
		"https://nordicwater.se", "Nordic Water Cluster AB", "Lund", "Malmö", "Sweden"} {
		if !strings.Contains(shown, want) {
			t.Errorf("the record's review lacks %q:\n%s", want, shown)
		}
	}
	into := buttonIn(v.detail, "Merge into Nordic Water Cluster AB")
	if into == nil || v.keep == nil || v.keep.Text != "Keep as a new cluster" {
		t.Fatalf("decisions shown: %v, keep %v", into, v.keep)
	}
	test.Tap(into)
	w.settle()
	if _, _, still := reviewOf(pending(t, f.store), data.ReviewAmbiguous, f.nwc.ID, f.nwcAB.ID); still {
		t.Error("the record's match is still pending after merging it")
	}
	ab, err := f.store.Cluster(ctx, f.nwcAB.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(ab.Sources, func(s data.Source) bool { return s.URL == f.record }) {
		t.Errorf("Nordic Water Cluster AB lacks the record's source: %+v", ab.Sources)
	}
	if nwc, _ := f.store.Cluster(ctx, f.nwc.ID); slices.ContainsFunc(nwc.Sources, func(s data.Source) bool { return s.URL == f.record }) {
		t.Error("the record went to Nordic Water Cluster too")
	}
	if len(v.reviews) != len(before)-1 || slices.ContainsFunc(v.reviews, func(r data.Review) bool { return r.ID == amb.ID }) {
		t.Errorf("the view lists %d matches after the decision, want the other %d", len(v.reviews), len(before)-1)
	}
	if want := "Matches (" + strconv.Itoa(len(before)-1) + ")"; w.reviewTab.Text != want {
		t.Errorf("tab reads %q after a decision, want %q", w.reviewTab.Text, want)
	}

	// The pair: merging asks first, saying that the note and the shortlist entry move.
	_, i, _ = reviewOf(v.reviews, data.ReviewDuplicate, f.bio.ID, f.bioValley.ID)
	v.list.Select(i)
	if !strings.Contains(textIn(v.detail), "Are these two clusters one organisation?") {
		t.Fatalf("the pair's review reads:\n%s", textIn(v.detail))
	}
	merge := buttonIn(v.detail, "Merge BioValley into Bio Valley")
	if merge == nil || buttonIn(v.detail, "Merge Bio Valley into BioValley") == nil || v.keep.Text != "Keep apart" {
		t.Fatalf("the pair's decisions: %v, keep %q", merge, v.keep.Text)
	}
	test.Tap(merge)
	w.settle()
	if v.confirm == nil {
		t.Fatal("merging two clusters did not ask first")
	}
	top := w.win.Canvas().Overlays().Top()
	asked := textIn(top)
	for _, want := range []string{"“BioValley” is merged into “Bio Valley”", "Your note on it and its entries on “Trip” move to “Bio Valley”."} {
		if !strings.Contains(asked, want) {
			t.Errorf("the question lacks %q:\n%s", want, asked)
		}
	}
	if _, err := f.store.Cluster(ctx, f.bioValley.ID); err != nil {
		t.Fatal("BioValley was merged before the user said yes")
	}
	yes := buttonIn(top, "Merge")
	if yes == nil {
		t.Fatal("no Merge button in the question")
	}
	test.Tap(yes)
	w.settle()
	if _, err := f.store.Cluster(ctx, f.bioValley.ID); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("BioValley is still in the catalogue: %v", err)
	}
	notes, _ := f.store.Notes(ctx, f.bio.ID)
	if len(notes) != 1 || notes[0].Text != "Met Joost in Utrecht" {
		t.Errorf("Bio Valley's notes: %+v", notes)
	}
	if e, err := f.store.Entry(ctx, f.trip.ID, f.bio.ID); err != nil || e.Status != data.EntryMeeting || contactNames(e.People) != "Joost" {
		t.Errorf("Bio Valley on Trip: %+v, %v", e, err)
	}
	if slices.ContainsFunc(v.reviews, func(r data.Review) bool { return r.ID == pair.ID }) || len(v.reviews) != len(before)-2 {
		t.Errorf("the view lists %d matches, want %d without the pair", len(v.reviews), len(before)-2)
	}
	if slices.Contains(w.names(), "BioValley") {
		t.Error("the cluster list still shows BioValley")
	}

	// Keep apart: both stay, and the pair is not asked again.
	rest := pending(t, f.store)
	_, i, ok := reviewOf(v.reviews, data.ReviewDuplicate, f.nwc.ID, f.nwcAB.ID)
	if !ok {
		t.Fatalf("the Nordic Water pair is not listed: %+v", v.reviews)
	}
	v.list.Select(i)
	test.Tap(v.keep)
	w.settle()
	if _, _, still := reviewOf(pending(t, f.store), data.ReviewDuplicate, f.nwc.ID, f.nwcAB.ID); still || len(pending(t, f.store)) != len(rest)-1 {
		t.Error("keeping the pair apart left it pending")
	}
	for _, id := range []int64{f.nwc.ID, f.nwcAB.ID} {
		if _, err := f.store.Cluster(ctx, id); err != nil {
			t.Errorf("cluster %d after keeping apart: %v", id, err)
		}
	}
	if n, _ := f.store.FindDuplicates(ctx); n != 0 {
		t.Errorf("FindDuplicates asks %d new pairs after the decisions", n)
	}
}

func TestReviewMatchesShowsWhenNothingWaits(t *testing.T) {
	w := newTestWindow(t)
	if n := len(pending(t, w.store)); n != 0 {
		t.Fatalf("the sample has %d matches pending", n)
	}
	w.showView("matches")
	w.settle()
	v := w.reviews
	if !v.loaded || !v.empty.Visible() || v.split.Visible() || !strings.Contains(textIn(v.empty), "No matches to review") {
		t.Errorf("empty state: loaded %v, empty shown %v, list shown %v", v.loaded, v.empty.Visible(), v.split.Visible())
	}
	if w.reviewTab.Text != "Matches" || w.reviewItem.Label != "Review matches…" {
		t.Errorf("tab %q, menu %q", w.reviewTab.Text, w.reviewItem.Label)
	}
}

// An import that leaves a match offers it at its end; the button opens the view.
func TestImportEndOffersTheMatchesItLeft(t *testing.T) {
	store := openTestStore(t)
	if err := store.AddClusters(context.Background(), []data.Cluster{
		{Name: "Alpine Water Cluster", Country: "AT", Sources: []data.Source{{URL: "https://awc.at", Kind: "csv"}}},
		{Name: "Alpine Water Cluster GmbH", Country: "AT", Sources: []data.Source{{URL: "https://awc-gmbh.at", Kind: "csv"}}},
	}); err != nil {
		t.Fatal(err)
	}
	w := newTestWindowOn(t, test.NewTempApp(t), store)
	if w.reviewTab.Text != "Matches" {
		t.Fatalf("tab reads %q before the import", w.reviewTab.Text)
	}
	csv := filepath.Join(t.TempDir(), "clusters.csv")
	// The record fits both: the legal form does not tell them apart.
	if err := os.WriteFile(csv, []byte("name,country,city\nAlpine Water Cluster,AT,Innsbruck\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	w.onImport()
	d := w.importer
	d.start([]string{csv})
	w.waitFor("the import", func() bool { return d.finished })
	w.settle()
	n := len(pending(t, store))
	if n == 0 {
		t.Fatalf("the import left no match; summary %+v", d.summary)
	}
	if want := "Matches (" + strconv.Itoa(n) + ")"; w.reviewTab.Text != want {
		t.Errorf("tab reads %q after the import, want %q", w.reviewTab.Text, want)
	}
	if !d.reviewButton.Visible() || !strings.HasPrefix(d.reviewButton.Text, "Review ") {
		t.Fatalf("the import's end offers no review (button %q, shown %v)", d.reviewButton.Text, d.reviewButton.Visible())
	}
	test.Tap(d.reviewButton)
	w.settle()
	if w.tabs.Selected() != w.reviewTab || len(w.reviews.reviews) != n {
		t.Errorf("the button opened %q with %d matches, want the Matches tab with %d", w.tabs.Selected().Text, len(w.reviews.reviews), n)
	}
}
