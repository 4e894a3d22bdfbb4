package data

import (
	"context"
	"strings"
	"testing"
	"time"
)

var readDay = time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)

func eccp(c Cluster) Cluster {
	c.Sources = []Source{{URL: "https://clustercollaboration.eu/content/" + strings.ToLower(strings.ReplaceAll(c.Name, " ", "-")),
		Kind: "eccp-profile", ReadAt: readDay}}
	return c
}

func esca(c Cluster) Cluster {
	c.Sources = []Source{{URL: "http://cluster-analysis.org/benchmarked-clusters/?country=dk", Kind: "esca", ReadAt: readDay}}
	return c
}

func mustMerge(t *testing.T, s *Store, recs ...Cluster) MergeCounts {
	t.Helper()
	n, amb, err := s.Merge(context.Background(), 0, recs)
	if err != nil || len(amb) != 0 {
		t.Fatalf("merge: %v %+v", err, amb)
	}
	return n
}

func TestMergeMatchesByWebsiteThenNameAndCountry(t *testing.T) {
	eachStore(t, func(t *testing.T, _ string) {
		ctx := context.Background()
		s := openSample(t)
		before, _ := s.Count(ctx)
		gce, _ := s.FindCluster(ctx, "GCE Ocean Technology")
		n := mustMerge(t, s,
			eccp(Cluster{Name: "GCE Ocean Technology AS", Country: "NO", Website: "http://gceocean.no/en"}), // by host, www. dropped
			eccp(Cluster{Name: "FOOD & BIO CLUSTER DENMARK", Country: "DK", City: "Foulum"}),                // by name key
			eccp(Cluster{Name: "Odense Robotics A/S", Country: "DK", City: "Odense"}),                       // legal form
			eccp(Cluster{Name: "Odense Robotics", Country: "SE", Website: "https://odense-robotics.se"}),    // other country: new
		)
		after, _ := s.Count(ctx)
		if after != before+1 || n != (MergeCounts{Added: 1, Updated: 3}) {
			t.Errorf("counts %+v, catalogue %d -> %d, want only the Swedish namesake added", n, before, after)
		}
		gce, _ = s.Cluster(ctx, gce.ID)
		if gce.Name != "GCE Ocean Technology" {
			t.Errorf("the name became %q; the same name with a legal form must not replace it", gce.Name)
		}
		if len(gce.Sources) != 3 {
			t.Errorf("GCE Ocean Technology sources %+v, want the ECCP page added", gce.Sources)
		}
	})
}

func TestMergeNeverBlanksAKnownValue(t *testing.T) {
	eachStore(t, func(t *testing.T, _ string) {
		ctx := context.Background()
		s := openSample(t)
		old, _ := s.FindCluster(ctx, "GCE Ocean Technology")
		n := mustMerge(t, s, eccp(Cluster{Name: "GCE Ocean Technology", Website: "https://www.gceocean.no", Members: 130}))
		if n.Updated != 1 {
			t.Errorf("counts %+v", n)
		}
		got, _ := s.Cluster(ctx, old.ID)
		if got.City != "Bergen" || got.Country != "NO" || got.Focus != old.Focus || got.Label != LabelGold || got.LabelYear != 2021 ||
			len(got.Ecosystems) != len(old.Ecosystems) || got.Members != 130 {
			t.Errorf("after merging a sparse record: %+v", got)
		}
	})
}

func TestMergeTheSamePageTwiceChangesNothing(t *testing.T) {
	eachStore(t, func(t *testing.T, _ string) {
		ctx := context.Background()
		s := openSample(t)
		recs := []Cluster{
			eccp(Cluster{Name: "Food & Bio Cluster Denmark", Country: "DK", City: "Foulum", Website: "https://foodbiocluster.dk",
				Ecosystems: []Ecosystem{Ecosystems[0]}, Sectors: []string{"Food"}, Members: 200}),
			esca(Cluster{Name: "Food & Bio Cluster Denmark", City: "Aarhus", Website: "www.foodbiocluster.dk", Members: 190}),
		}
		first := mustMerge(t, s, recs...)
		if first.Updated != 2 {
			t.Errorf("first merge %+v", first)
		}
		c, _ := s.FindCluster(ctx, "Food & Bio Cluster Denmark")
		if c.City != "Foulum" || c.Members != 200 {
			t.Errorf("the ESCA list overrode the cluster's own ECCP profile: %+v", c)
		}
		second := mustMerge(t, s, recs...)
		if second != (MergeCounts{Unchanged: 2}) {
			t.Errorf("second merge %+v, want both unchanged", second)
		}
	})
}

func TestLabelRenewalWinsAndAnOlderLabelDoesNot(t *testing.T) {
	eachStore(t, func(t *testing.T, _ string) {
		ctx := context.Background()
		s := openSample(t)
		// Agri Innovation Cluster: bronze valid until 2018-04-29 in the sample.
		renewal := esca(Cluster{Name: "Agri Innovation Cluster", Country: "PL", Label: LabelSilver, LabelValidUntil: "2026-09-30"})
		if n := mustMerge(t, s, renewal); n.Updated != 1 {
			t.Errorf("renewal: %+v", n)
		}
		c, _ := s.FindCluster(ctx, "Agri Innovation Cluster")
		if c.Label != LabelSilver || c.LabelValidUntil != "2026-09-30" {
			t.Errorf("after a renewal: %s until %q", c.Label, c.LabelValidUntil)
		}
		older := esca(Cluster{Name: "Agri Innovation Cluster", Country: "PL", Label: LabelGold, LabelValidUntil: "2019-01"})
		if n := mustMerge(t, s, older); n.Unchanged != 1 {
			t.Errorf("older label: %+v", n)
		}
		c, _ = s.FindCluster(ctx, "Agri Innovation Cluster")
		if c.Label != LabelSilver || c.LabelValidUntil != "2026-09-30" {
			t.Errorf("an older label replaced a newer one: %s until %q", c.Label, c.LabelValidUntil)
		}
	})
}

func TestLabelWins(t *testing.T) {
	eachStore(t, func(t *testing.T, _ string) {
		for _, tc := range []struct {
			old, rec Cluster
			want     bool
		}{
			{Cluster{Label: LabelGold}, Cluster{}, false},
			{Cluster{}, Cluster{Label: LabelBronze}, true},
			{Cluster{Label: LabelGold, LabelValidUntil: "2024-06"}, Cluster{Label: LabelSilver, LabelValidUntil: "2026-06-30"}, true},
			{Cluster{Label: LabelSilver, LabelValidUntil: "2024-06-30"}, Cluster{Label: LabelGold, LabelValidUntil: "2024-06"}, true},
			{Cluster{Label: LabelGold, LabelYear: 2024}, Cluster{Label: LabelBronze, LabelValidUntil: "2021-05-01"}, false},
			{Cluster{Label: LabelGold, LabelYear: 2021}, Cluster{Label: LabelGold, LabelValidUntil: "2023-05-01"}, true},
			{Cluster{Label: LabelGold, LabelValidUntil: "2023-05-01"}, Cluster{Label: LabelSilver, LabelYear: 2024}, true},
			{Cluster{Label: LabelGold, LabelValidUntil: "2023-05-01"}, Cluster{Label: LabelSilver, LabelYear: 2022}, false},
			{Cluster{Label: LabelGold, LabelYear: 2020}, Cluster{Label: LabelSilver, LabelYear: 2023}, true},
		} {
			if got := LabelWins(tc.old, tc.rec); got != tc.want {
				t.Errorf("LabelWins(%+v, %+v) = %v", tc.old, tc.rec, got)
			}
		}
	})
}

func TestAmbiguousMatchIsReportedNotMerged(t *testing.T) {
	eachStore(t, func(t *testing.T, _ string) {
		ctx := context.Background()
		s := openSample(t)
		if err := s.AddClusters(ctx, []Cluster{
			{Name: "Nordic Water Cluster", Country: "SE"},
			{Name: "Nordic Water Cluster AB", Country: "SE"},
		}); err != nil {
			t.Fatal(err)
		}
		run, err := s.BeginRun(ctx, []string{"test"})
		if err != nil {
			t.Fatal(err)
		}
		before, _ := s.Count(ctx)
		n, amb, err := s.Merge(ctx, run, []Cluster{eccp(Cluster{Name: "Nordic Water Cluster", Country: "SE", City: "Malmö"})})
		if err != nil {
			t.Fatal(err)
		}
		if len(amb) != 1 || len(amb[0].Candidates) != 2 || n != (MergeCounts{}) {
			t.Fatalf("counts %+v, ambiguities %+v", n, amb)
		}
		if after, _ := s.Count(ctx); after != before {
			t.Errorf("an ambiguous record was added")
		}
		if err := s.FinishRun(ctx, run, RunCounts{}, false); err != nil {
			t.Fatal(err)
		}
		runs, _ := s.ImportRuns(ctx, 1)
		if len(runs[0].Problems) != 1 || runs[0].Problems[0].Kind != ProblemAmbiguous ||
			!strings.Contains(runs[0].Problems[0].Reason, "fits 2 clusters") {
			t.Errorf("recorded problems %+v", runs[0].Problems)
		}
	})
}

func TestSavePageRemembersValidators(t *testing.T) {
	eachStore(t, func(t *testing.T, _ string) {
		ctx := context.Background()
		s := openSample(t)
		u := "https://clustercollaboration.eu/content/odense-robotics"
		if _, _, err := s.SavePage(ctx, 0, PageRead{URL: u, Validators: Validators{ETag: `"x1"`, ReadAt: readDay},
			Records: []Cluster{eccp(Cluster{Name: "Odense Robotics", Country: "DK"})}}); err != nil {
			t.Fatal(err)
		}
		v, err := s.Validators(ctx, u)
		if err != nil || v.ETag != `"x1"` || !v.ReadAt.Equal(readDay) {
			t.Errorf("validators %+v %v", v, err)
		}
		if n, err := s.Unchanged(ctx, u, readDay.Add(time.Hour)); err != nil || n != 1 {
			t.Errorf("Unchanged: %d %v", n, err)
		}
		if at, _ := s.LastRead(ctx, u); !at.Equal(readDay.Add(time.Hour)) {
			t.Errorf("last read %s", at)
		}
	})
}
