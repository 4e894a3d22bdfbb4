package data

import (
	"context"
	"errors"
	"testing"
)

func TestClosedMarkRoundTrip(t *testing.T) {
	eachStore(t, func(t *testing.T, _ string) {
		ctx := context.Background()
		s := openSample(t)
		c, err := s.FindCluster(ctx, "Future Position X")
		if err != nil {
			t.Fatal(err)
		}
		if c.Closed {
			t.Fatal("a cluster is closed before anyone marked it: nothing is seeded")
		}
		if err := s.MarkClosed(ctx, c.ID, true, "  wind-down decided 2022 "); err != nil {
			t.Fatal(err)
		}
		got, _ := s.Cluster(ctx, c.ID)
		if !got.Closed || got.ClosedNote != "wind-down decided 2022" {
			t.Errorf("after marking: closed %v, note %q", got.Closed, got.ClosedNote)
		}
		all, _ := s.AllClusters(ctx)
		closed := 0
		for _, a := range all {
			if a.Closed {
				closed++
				if a.ID != c.ID || a.ClosedNote != "wind-down decided 2022" {
					t.Errorf("AllClusters: %s closed (%q)", a.Name, a.ClosedNote)
				}
			}
		}
		if closed != 1 {
			t.Errorf("AllClusters shows %d closed, want 1", closed)
		}
		// An import of the same cluster leaves the user's mark alone.
		if _, _, err := s.Merge(ctx, 0, page("https://fpx.example/about", "other", Cluster{Name: "Future Position X", Country: "SE", Focus: "GIS"})); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Cluster(ctx, c.ID); !got.Closed || got.ClosedNote != "wind-down decided 2022" {
			t.Errorf("an import changed the mark: closed %v, note %q", got.Closed, got.ClosedNote)
		}
		if err := s.MarkClosed(ctx, c.ID, false, ""); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Cluster(ctx, c.ID); got.Closed || got.ClosedNote != "" {
			t.Errorf("after marking active: closed %v, note %q", got.Closed, got.ClosedNote)
		}
		if err := s.MarkClosed(ctx, 999999, true, "x"); !errors.Is(err, ErrNotFound) {
			t.Errorf("marking a missing cluster: %v, want not found", err)
		}
	})
}

// A merge must never lose the user's mark: whichever of the pair was marked, the kept one is, with every note.
func TestMergeCarriesTheClosedMark(t *testing.T) {
	eachStore(t, func(t *testing.T, _ string) {
		ctx := context.Background()
		for _, c := range []struct {
			name             string
			markKept, markGo string // "" leaves that one unmarked
			want             string
		}{
			{"only the merged-away one", "", "website down since 2024", "website down since 2024"},
			{"only the kept one", "merged into X", "", "merged into X"},
			{"both", "merged into X", "website down", "merged into X; website down"},
		} {
			t.Run(c.name, func(t *testing.T) {
				s := openSample(t)
				if err := s.AddClusters(ctx, []Cluster{
					{Name: "Bio Valley", Country: "NL", City: "Wageningen"},
					{Name: "BioValley B.V.", Country: "NL", Website: "https://biovalley.nl"},
				}); err != nil {
					t.Fatal(err)
				}
				kept, _ := s.FindCluster(ctx, "Bio Valley")
				gone, _ := s.FindCluster(ctx, "BioValley B.V.")
				for id, note := range map[int64]string{kept.ID: c.markKept, gone.ID: c.markGo} {
					if note != "" {
						if err := s.MarkClosed(ctx, id, true, note); err != nil {
							t.Fatal(err)
						}
					}
				}
				if n, err := s.FindDuplicates(ctx); err != nil || n != 1 {
					t.Fatalf("found %d pairs, %v", n, err)
				}
				reviews, _ := s.Reviews(ctx)
				if err := s.Decide(ctx, reviews[0].ID, kept.ID); err != nil {
					t.Fatal(err)
				}
				got, err := s.Cluster(ctx, kept.ID)
				if err != nil {
					t.Fatal(err)
				}
				if !got.Closed || got.ClosedNote != c.want {
					t.Errorf("kept cluster: closed %v, note %q; want closed with %q", got.Closed, got.ClosedNote, c.want)
				}
				var left int
				s.db.QueryRowContext(ctx, `SELECT count(*) FROM cluster_marks WHERE cluster_id = ?`, gone.ID).Scan(&left)
				if left != 0 {
					t.Errorf("%d marks still point at the merged-away cluster", left)
				}
			})
		}
	})
}
