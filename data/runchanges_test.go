package data

import (
	"context"
	"testing"
)

// A run remembers which clusters it added and which it updated; a cluster it added and then updated stays
// added, an unchanged one is not named, and a merge outside any run records nothing.
func TestRunChangesNameWhatARunAddedAndUpdated(t *testing.T) {
	ctx := context.Background()
	s := openSample(t)
	run, err := s.BeginRun(ctx, []string{"pages"})
	if err != nil {
		t.Fatal(err)
	}
	gce, _ := s.FindCluster(ctx, "GCE Ocean Technology")
	n, _, err := s.Merge(ctx, run, []Cluster{
		eccp(Cluster{Name: "GCE Ocean Technology AS", Country: "NO", Website: "http://gceocean.no/en"}),
		eccp(Cluster{Name: "Odense Robotics", Country: "SE", Website: "https://odense-robotics.se"}),
	})
	if err != nil || n != (MergeCounts{Added: 1, Updated: 1}) {
		t.Fatalf("first page: %+v, %v", n, err)
	}
	// The second page updates the cluster the first one added, and repeats GCE unchanged.
	n, _, err = s.Merge(ctx, run, []Cluster{
		esca(Cluster{Name: "Odense Robotics", Country: "SE", Website: "https://odense-robotics.se", Members: 80}),
		eccp(Cluster{Name: "GCE Ocean Technology AS", Country: "NO", Website: "http://gceocean.no/en"}),
	})
	if err != nil || n.Updated != 1 || n.Unchanged != 1 {
		t.Fatalf("second page: %+v, %v", n, err)
	}
	if _, _, err := s.Merge(ctx, 0, []Cluster{eccp(Cluster{Name: "Nowhere Cluster", Country: "FI"})}); err != nil {
		t.Fatal(err)
	}

	got, err := s.RunChanges(ctx, run)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Name != "Odense Robotics" || got[0].Country != "SE" || got[0].Change != ChangeAdded ||
		got[1].Name != "GCE Ocean Technology" || got[1].ClusterID != gce.ID || got[1].Change != ChangeUpdated {
		t.Errorf("the run's changes are %+v, want Odense Robotics (SE) added, then GCE Ocean Technology updated", got)
	}
	if other, err := s.RunChanges(ctx, run+1); err != nil || len(other) != 0 {
		t.Errorf("a run that did nothing lists %+v (%v)", other, err)
	}
}
