package scraper

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"clusterbridge/data"
	"clusterbridge/internal/testsite"
)

// fixtureFolder is the saved site of fixture pages, every other page in a subfolder.
func fixtureFolder(t testing.TB) string { return testsite.Folder(t) }

func TestImportingTheFixturesEnrichesSampleClustersWithoutDuplicates(t *testing.T) {
	ctx := context.Background()
	store := openStore(t, true)
	before, _ := store.Count(ctx)
	fb := findOne(t, store, "Food & Bio Cluster Denmark")
	list, err := store.CreateShortlist(ctx, "Agri-food partners", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.AddToShortlist(ctx, list.ID, fb.ID, data.EntryContacted, "Anna"); err != nil {
		t.Fatal(err)
	}
	if _, err := store.AddNote(ctx, fb.ID, "Met them in Brussels"); err != nil {
		t.Fatal(err)
	}

	dir := fixtureFolder(t)
	sum := importOK(t, store, testOptions(), dir)
	after, _ := store.Count(ctx)
	t.Logf("first import: %+v, catalogue %d -> %d; problems %v", sum.RunCounts, before, after, sum.Problems)
	if after != before+sum.Added {
		t.Errorf("catalogue went from %d to %d clusters with %d added", before, after, sum.Added)
	}
	if sum.Updated == 0 || sum.Failed != 0 || sum.Skipped != 1 {
		t.Errorf("summary %+v %v, want updates, no failure, the news item skipped", sum.RunCounts, sum.Problems)
	}
	// The ECCP profiles describe sample clusters: enriched, not added again.
	res, err := store.Search(ctx, data.Query{Text: "Food Bio Cluster Denmark"})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range res.Clusters {
		if data.NameKey(c.Name) == data.NameKey("Food & Bio Cluster Denmark") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("Food & Bio Cluster Denmark is %d records after the import, want 1", n)
	}
	got, err := store.Cluster(ctx, fb.ID)
	if err != nil {
		t.Fatal(err)
	}
	eccp := false
	for _, so := range got.Sources {
		eccp = eccp || so.URL == "https://clustercollaboration.eu/content/food-bio-cluster-denmark"
	}
	if !eccp || len(got.Sources) <= len(fb.Sources) {
		t.Errorf("Food & Bio sources %+v, want the ECCP profile added to %d", got.Sources, len(fb.Sources))
	}
	if got.City == "" || got.Members == 0 || got.Description == "" {
		t.Errorf("Food & Bio was not enriched: city %q, members %d, description %q", got.City, got.Members, got.Description)
	}
	if got.Focus == "" || got.Label == data.LabelNone {
		t.Errorf("Food & Bio lost a known value: %+v", got)
	}
	if len(got.Notes) != 1 || len(got.Shortlists) != 1 || got.Shortlists[0].Status != data.EntryContacted {
		t.Errorf("the user's notes %+v and shortlists %+v did not survive the import", got.Notes, got.Shortlists)
	}

	// The same pages again change nothing.
	again := importOK(t, store, testOptions(), dir)
	if again.Added != 0 || again.Updated != 0 || again.Unchanged != sum.Added+sum.Updated+sum.Unchanged {
		t.Errorf("second import %+v after first %+v, want everything unchanged", again.RunCounts, sum.RunCounts)
	}
	if n, _ := store.Count(ctx); n != after {
		t.Errorf("second import changed the count from %d to %d", after, n)
	}
}

func TestCancelledImportKeepsFinishedPagesAndContinues(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	store := openStore(t, false)
	dir := t.TempDir()
	writeProfiles(t, dir, 5)
	opts := testOptions()
	opts.Progress = func(p Progress) {
		if p.Done == 1 {
			cancel()
		}
	}
	sum, err := Import(ctx, []string{dir}, opts, store)
	if err != context.Canceled || !sum.Cancelled {
		t.Fatalf("cancelled import returned %v, %+v", err, sum)
	}
	if n, _ := store.Count(context.Background()); n != 1 || sum.Added != 1 {
		t.Errorf("after cancelling on the first page the catalogue holds %d clusters (added %d), want 1", n, sum.Added)
	}
	all, _ := store.AllClusters(context.Background())
	for _, c := range all {
		full, _ := store.Cluster(context.Background(), c.ID)
		if len(full.Sources) != 1 || full.Website == "" || full.City == "" {
			t.Errorf("half-written record %+v", full)
		}
	}
	runs, _ := store.ImportRuns(context.Background(), 1)
	if len(runs) != 1 || !runs[0].Cancelled || runs[0].Counts.Added != 1 {
		t.Errorf("the run was recorded as %+v", runs)
	}

	opts.Progress = nil
	sum = importOK(t, store, opts, dir)
	if sum.Added != 4 || sum.Unchanged != 1 {
		t.Errorf("second run %+v, want the 4 pages left added and the first unchanged", sum.RunCounts)
	}
	if n, _ := store.Count(context.Background()); n != 5 {
		t.Errorf("after the second run the catalogue holds %d, want 5", n)
	}
}

// writeProfiles writes n ECCP profile pages made from the Food & Bio fixture, each a different cluster.
func writeProfiles(t testing.TB, dir string, n int) {
	t.Helper()
	tmpl := string(crawlPage(t, "profile-food-bio-cluster-denmark.html"))
	for i := range n {
		page := strings.ReplaceAll(tmpl, "Food &amp; Bio Cluster Denmark", fmt.Sprintf("Test Cluster %04d", i))
		page = strings.ReplaceAll(page, "Food & Bio Cluster Denmark", fmt.Sprintf("Test Cluster %04d", i))
		page = strings.ReplaceAll(page, "foodbiocluster.dk", fmt.Sprintf("cluster%04d.example.eu", i))
		page = strings.ReplaceAll(page, "food-bio-cluster-denmark", fmt.Sprintf("test-cluster-%04d", i))
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("profile-%04d.html", i)), []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func BenchmarkImportFolder1000(b *testing.B) {
	dir := b.TempDir()
	writeProfiles(b, dir, 1000)
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		store, err := data.Open(context.Background(), filepath.Join(b.TempDir(), "catalogue.db"), data.WithSeed(Sample))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		sum, err := Import(context.Background(), []string{dir}, ImportOptions{}, store)
		b.StopTimer()
		if err != nil || sum.Added != 1000 {
			b.Fatalf("import: %v, %+v", err, sum.RunCounts)
		}
		store.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(1000*b.N)/b.Elapsed().Seconds(), "pages/s")
}
