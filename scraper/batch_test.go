package scraper

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"clusterbridge/data"
)

// bigSpreadsheet writes a CSV of n clusters, each its own, and returns its path.
func bigSpreadsheet(t testing.TB, n int) string {
	t.Helper()
	countries := []string{"SE", "NO", "DK", "NL", "DE", "FR", "PL", "CZ"}
	var b strings.Builder
	b.WriteString("name;country;city;focus\n")
	for i := range n {
		fmt.Fprintf(&b, "Batch Cluster %06d;%s;Town %d;wood, food and energy number %d\n", i, countries[i%len(countries)], i%97, i)
	}
	p := filepath.Join(t.TempDir(), "big.csv")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// userWrites adds notes to a cluster while an import runs, as an advisor typing would, until stop is closed;
// it returns the longest a note waited and how many failed.
func userWrites(store *data.Store, clusterID int64, stop <-chan struct{}) (longest time.Duration, failed int) {
	for i := 0; ; i++ {
		select {
		case <-stop:
			return longest, failed
		default:
		}
		start := time.Now()
		if _, err := store.AddNote(context.Background(), clusterID, fmt.Sprintf("call %d", i)); err != nil {
			failed++
		}
		longest = max(longest, time.Since(start))
		time.Sleep(5 * time.Millisecond)
	}
}

// importWhileTheUserWrites imports file while notes are added, and returns the longest wait, the failures and
// how long the import took.
func importWhileTheUserWrites(t testing.TB, store *data.Store, file string) (longest time.Duration, failed int, took time.Duration) {
	t.Helper()
	ctx := context.Background()
	if err := store.AddClusters(ctx, []data.Cluster{{Name: "The Advisor's Own Cluster", Country: "SE"}}); err != nil {
		t.Fatal(err)
	}
	own, err := store.FindCluster(ctx, "The Advisor's Own Cluster")
	if err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() { longest, failed = userWrites(store, own.ID, stop) })
	start := time.Now()
	_, err = Import(ctx, []string{file}, testOptions(), store)
	took = time.Since(start)
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	return longest, failed, took
}

// A large spreadsheet is saved in batches: a note the user adds meanwhile waits for a batch, never the whole
// import, and none fails.
// Written in one transaction, as before batches, the file held notes for the whole import (1.8 s here; with
// the race detector, 6,000 rows several seconds). The bound is a share of the import's own time, not a
// number of seconds, so that a busy machine slows both alike; BenchmarkUserWriteDuringASpreadsheetImport
// measures the wait itself.
func TestALargeSpreadsheetLetsTheUserWrite(t *testing.T) {
	rows := 30_000
	if raceEnabled {
		rows = 6_000
	}
	store := openStore(t, false)
	longest, failed, took := importWhileTheUserWrites(t, store, bigSpreadsheet(t, rows))
	t.Logf("the longest a note waited: %v, of an import of %v", longest, took)
	if failed != 0 || longest > took/3 {
		t.Errorf("while %d rows were imported in %v, %d notes failed and one waited %v (more than a third of the import)", rows, took, failed, longest)
	}
	if n, _ := store.Count(context.Background()); n != rows+1 {
		t.Errorf("the catalogue holds %d clusters, want %d", n, rows+1)
	}
}

// An import stopped half-way keeps its finished batches; run again, it adds the rest once, and nothing twice.
func TestAStoppedSpreadsheetImportResumes(t *testing.T) {
	store := openStore(t, false)
	file := bigSpreadsheet(t, 2600)
	ctx, cancel := context.WithCancel(context.Background())
	opts := testOptions()
	saved := 0
	opts.Progress = func(Progress) {}
	sink := &stoppingSink{Sink: store, after: 3, stop: cancel, saved: &saved}
	sum, err := Import(ctx, []string{file}, opts, sink)
	if err != nil && ctx.Err() == nil {
		t.Fatal(err)
	}
	kept, _ := store.Count(context.Background())
	if saved != 3 || kept != 3*saveBatch || sum.Added != kept {
		t.Fatalf("stopped after %d batches: %d clusters kept, %d counted added; want %d", saved, kept, sum.Added, 3*saveBatch)
	}
	again := importOK(t, store, testOptions(), file)
	total, _ := store.Count(context.Background())
	if total != 2600 || again.Added != 2600-kept || again.Updated+again.Unchanged != kept {
		t.Errorf("after the second run: %d clusters, %+v; want 2,600 with %d added and %d found again", total, again.RunCounts, 2600-kept, kept)
	}
}

// stoppingSink cancels the import after a number of saved batches, as Ctrl-C would.
type stoppingSink struct {
	Sink
	after int
	stop  context.CancelFunc
	saved *int
}

func (s *stoppingSink) SavePage(ctx context.Context, runID int64, p data.PageRead) (data.MergeCounts, []data.Ambiguity, error) {
	if *s.saved == s.after {
		s.stop()
		return data.MergeCounts{}, nil, ctx.Err()
	}
	*s.saved++
	return s.Sink.SavePage(ctx, runID, p)
}

// BenchmarkUserWriteDuringASpreadsheetImport reports the longest wait of a note added while a spreadsheet of
// 165,000 rows imports (CLUSTERBRIDGE_ROWS changes the size); saveBatch=0 in CLUSTERBRIDGE_BATCH measures one
// transaction for the whole file, as before batches.
func BenchmarkUserWriteDuringASpreadsheetImport(b *testing.B) {
	rows := 165_000
	if v := os.Getenv("CLUSTERBRIDGE_ROWS"); v != "" {
		fmt.Sscan(v, &rows)
	}
	if v := os.Getenv("CLUSTERBRIDGE_BATCH"); v != "" {
		old := saveBatch
		fmt.Sscan(v, &saveBatch)
		if saveBatch <= 0 {
			saveBatch = rows
		}
		defer func() { saveBatch = old }()
	}
	file := bigSpreadsheet(b, rows)
	for b.Loop() {
		store := openStore(b, false)
		longest, failed, _ := importWhileTheUserWrites(b, store, file)
		b.ReportMetric(float64(longest.Milliseconds()), "ms-longest-wait")
		b.ReportMetric(float64(failed), "failed-writes")
	}
}
