package scraper

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"clusterbridge/data"
)

// Every value a page gives that cannot be read reaches the summary and is stored with the run, one problem of
// kind warning each, in the order met; the record is kept without it.
func TestImportReportsAndStoresEveryWarning(t *testing.T) {
	store := openStore(t, false)
	file := filepath.Join(t.TempDir(), "clusters.csv")
	if err := os.WriteFile(file, testPage(t, "clusters.csv"), 0o644); err != nil {
		t.Fatal(err)
	}
	sum := importOK(t, store, testOptions(), file)
	want := []string{`row 5 (Atlantis Cluster): unknown country "Atlantis" left out; use an English name or ISO code`}
	var got []string
	for _, p := range sum.Problems {
		if p.Kind != data.ProblemWarning || p.URL != file {
			t.Errorf("problem %+v, want warnings about %s only", p, file)
		}
		got = append(got, p.Reason)
	}
	if sum.Warnings != len(want) || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%d warnings:\n%s\nwant:\n%s", sum.Warnings, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	runs, err := store.ImportRuns(context.Background(), 1)
	if err != nil || len(runs) != 1 || len(runs[0].Problems) != len(want) || runs[0].Problems[0] != sum.Problems[0] {
		t.Fatalf("stored runs %+v, %v; want the run with its warnings", runs, err)
	}
	c, err := store.FindCluster(context.Background(), "Atlantis Cluster")
	if err != nil || c.Country != "" {
		t.Errorf("Atlantis Cluster: %+v, %v; want it kept without a country", c, err)
	}
}
