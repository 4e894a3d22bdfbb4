package data_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"clusterbridge/data"
	"clusterbridge/internal/synthetic"
)

// BenchmarkSearch100k runs one combined query (text + labels + countries + an ecosystem, first page of 100
// plus facet counts) over 100,000 synthetic clusters. It also reports how fast the rows were written and the
// catalogue's size on disk.
func BenchmarkSearch100k(b *testing.B) {
	// Both queries are widened by the sector glossary: "offshore" is maritime and "wind" renewable energy in its
	// terms; "havvind" is Norwegian for offshore wind, found in the texts only through the glossary.
	b.Run("offshore_wind", func(b *testing.B) { benchmarkSearch100k(b, "offshore wind") })
	b.Run("havvind", func(b *testing.B) { benchmarkSearch100k(b, "havvind") })
}

func benchmarkSearch100k(b *testing.B, text string) {
	ctx := context.Background()
	dir := b.TempDir()
	path := filepath.Join(dir, "c.db")
	s, err := data.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	cs := synthetic.Clusters(100_000)
	start := time.Now()
	if err := s.AddClusters(ctx, cs); err != nil {
		b.Fatal(err)
	}
	rowsPerSec := float64(len(cs)) / time.Since(start).Seconds()
	// Closing checkpoints the write-ahead log into the file; reopen as the app does on its next start.
	s.Close()
	size := fileSize(path)
	if s, err = data.Open(ctx, path); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(rowsPerSec, "rows/s-written")
	b.ReportMetric(float64(size)/(1<<20), "MiB-on-disk")
	runSearch100k(b, s, text)
}

// runSearch100k times one combined query over a store of 100,000 synthetic clusters.
func runSearch100k(b *testing.B, s *data.Store, text string) {
	ctx := context.Background()
	q := data.Query{
		Text:       text,
		Labels:     []data.Label{data.LabelGold, data.LabelSilver},
		Countries:  []string{"SE", "NO", "DK", "NL"},
		Ecosystems: []data.Ecosystem{"Agri-food"},
		Limit:      100,
	}
	if _, err := s.Search(ctx, q); err != nil { // builds the in-memory index once, as a GUI's first query does
		b.Fatal(err)
	}
	var matches int
	for b.Loop() {
		res, err := s.Search(ctx, q)
		if err != nil {
			b.Fatal(err)
		}
		if res.Total == 0 || len(res.Clusters) == 0 {
			b.Fatal("the query found nothing: the benchmark would measure an empty answer")
		}
		matches = res.Total
	}
	b.ReportMetric(float64(matches), "matches")
}

func fileSize(p string) int64 {
	fi, err := os.Stat(p)
	if err != nil {
		return 0
	}
	return fi.Size()
}

// BenchmarkFindDuplicates100k is the pass every import ends with, over 100,000 synthetic clusters.
func BenchmarkFindDuplicates100k(b *testing.B) {
	ctx := context.Background()
	s, err := data.Open(ctx, filepath.Join(b.TempDir(), "c.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if err := s.AddClusters(ctx, synthetic.Clusters(100_000)); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := s.FindDuplicates(ctx); err != nil {
			b.Fatal(err)
		}
	}
}
