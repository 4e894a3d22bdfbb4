package data_test

import (
	"context"
	"path/filepath"
	"testing"

	"clusterbridge/data"
	"clusterbridge/internal/synthetic"
)

// BenchmarkOpen100k opens a catalogue of 100,000 clusters as the command line does, with and without the
// opening check (SQLite's quick_check); the difference is what the check adds to an opening.
func BenchmarkOpen100k(b *testing.B) {
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "c.db")
	s, err := data.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	if err := s.AddClusters(ctx, synthetic.Clusters(100_000)); err != nil {
		b.Fatal(err)
	}
	s.Close()
	// One checked opening first: it makes the day's backup, which the openings measured then find made.
	if s, err = data.Open(ctx, path); err != nil || s.Opened().Backup == "" {
		b.Fatalf("the first checked opening: %v, backup %q", err, s.Opened().Backup)
	}
	s.Close()
	for _, bc := range []struct {
		name string
		opts []data.Option
	}{{"deferred", []data.Option{data.DeferCheck()}}, {"quick_check", nil}} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				s, err := data.Open(ctx, path, bc.opts...)
				if err != nil {
					b.Fatal(err)
				}
				if bc.opts == nil && !s.Opened().Health.Whole() {
					b.Fatal("the catalogue is not whole")
				}
				s.Close()
			}
		})
	}
}
