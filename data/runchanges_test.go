package data

import (
	"context"
	"testing"
)

// A run remembers which clusters it added and which it updated; a cluster it added and then updated stays
// added, an unchanged one is not named, and a merge outside any run records nothing.
func TestRunChangesNameWhatARunAddedAndUpdated(t *testing.T) {
	eachStore(t, func(t *testing.T, _ string) {
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
	})
}

// A cluster a run added can later be merged into another (a duplicate pair settled by the user): the merge
// goes through, the user's note and shortlist entry on it move to the cluster kept, and the run's list no
// longer names the cluster gone.
func TestRunChangesDoNotHoldBackAMergeOfTheUsersWork(t *testing.T) {
	eachStore(t, func(t *testing.T, _ string) {
		ctx := context.Background()
		s := openSample(t)
		if err := s.AddClusters(ctx, []Cluster{{Name: "Bio Valley", Country: "NL", City: "Wageningen"}}); err != nil {
			t.Fatal(err)
		}
		run, err := s.BeginRun(ctx, []string{"biovalley.csv"})
		if err != nil {
			t.Fatal(err)
		}
		// A website of its own and a legal form: not matched on import, but found a probable duplicate afterwards.
		if _, _, err := s.Merge(ctx, run, []Cluster{{Name: "BioValley B.V.", Country: "NL", Website: "https://biovalley.nl"}}); err != nil {
			t.Fatal(err)
		}
		keep, _ := s.FindCluster(ctx, "Bio Valley")
		gone, err := s.FindCluster(ctx, "BioValley B.V.")
		if err != nil || gone.ID == keep.ID {
			t.Fatalf("the import did not add BioValley B.V. apart (%v)", err)
		}
		l, _ := s.CreateShortlist(ctx, "Bid", "")
		if _, err := s.AddToShortlist(ctx, l.ID, gone.ID, EntryMeeting, "Jan de Vries"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddNote(ctx, gone.ID, "met them in Utrecht"); err != nil {
			t.Fatal(err)
		}
		if changes, _ := s.RunChanges(ctx, run); len(changes) != 1 || changes[0].ClusterID != gone.ID {
			t.Fatalf("the run's changes are %+v, want BioValley B.V. added", changes)
		}
		if n, err := s.FindDuplicates(ctx); err != nil || n != 1 {
			t.Fatalf("found %d pairs (%v), want Bio Valley and BioValley B.V.", n, err)
		}
		reviews, _ := s.Reviews(ctx)
		if len(reviews) != 1 {
			t.Fatalf("reviews %+v", reviews)
		}
		if err := s.Decide(ctx, reviews[0].ID, keep.ID); err != nil {
			t.Fatalf("merging a cluster an import added: %v", err)
		}
		got, err := s.Cluster(ctx, keep.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Notes) != 1 || got.Notes[0].Text != "met them in Utrecht" ||
			len(got.Shortlists) != 1 || got.Shortlists[0].Status != EntryMeeting || len(got.Shortlists[0].People) != 1 || got.Shortlists[0].People[0].Name != "Jan de Vries" {
			t.Errorf("after the merge the cluster kept has notes %+v and entries %+v", got.Notes, got.Shortlists)
		}
		if changes, err := s.RunChanges(ctx, run); err != nil || len(changes) != 0 {
			t.Errorf("after the merge the run's changes are %+v (%v), want the cluster gone left out", changes, err)
		}
	})
}
