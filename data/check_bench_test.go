package data_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"clusterbridge/data"
	"clusterbridge/internal/synthetic"
)

// BenchmarkOpenChecked opens catalogues of 5,000 and 100,000 clusters as the command line does, with the
// opening check (SQLite's quick_check) and without it (DeferCheck, as the window opens before checking off
// its UI goroutine); the difference is what the check adds to an opening. The day's first opening, which
// also makes the day's backup, is measured apart.
func BenchmarkOpenChecked(b *testing.B) {
	ctx := context.Background()
	for _, n := range []int{5_000, 100_000} {
		path := filepath.Join(b.TempDir(), "c.db")
		s, err := data.Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		if err := s.AddClusters(ctx, synthetic.Clusters(n)); err != nil {
			b.Fatal(err)
		}
		s.Close()
		// One checked opening first: it makes the day's backup, which the openings measured then find made.
		if s, err = data.Open(ctx, path); err != nil || s.Opened().Backup == "" {
			b.Fatalf("the first checked opening: %v", err)
		}
		s.Close()
		for _, bc := range []struct {
			name string
			opts []data.Option
		}{{"deferred", []data.Option{data.DeferCheck()}}, {"quick_check", nil}} {
			b.Run(fmt.Sprintf("%dk/%s", n/1000, bc.name), func(b *testing.B) {
				for b.Loop() {
					s, err := data.Open(ctx, path, bc.opts...)
					if err != nil {
						b.Fatal(err)
					}
					if bc.opts == nil && (!s.Opened().Health.Whole() || s.Opened().Backup != "") {
						b.Fatalf("the opening found %+v", s.Opened())
					}
					s.Close()
				}
			})
		}
		// The first opening of a day also copies the catalogue into the day's backup.
		b.Run(fmt.Sprintf("%dk/quick_check+backup", n/1000), func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				if err := os.RemoveAll(data.BackupDir(path)); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				s, err := data.Open(ctx, path)
				if err != nil || s.Opened().Backup == "" {
					b.Fatalf("the opening made no backup: %v %v", err, s.Opened().BackupErr)
				}
				s.Close()
			}
		})
	}
}
