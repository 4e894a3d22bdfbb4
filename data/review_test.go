package data

import (
	"context"
	"reflect"
	"strings"
	"testing"
)

// userWork is what an advisor has put on a cluster: it must survive any import unchanged.
type userWork struct {
	Name    string
	Notes   []string
	Entries []Membership
}

func workOn(t *testing.T, s *Store, id int64) userWork {
	t.Helper()
	c, err := s.Cluster(context.Background(), id)
	if err != nil {
		t.Fatalf("cluster %d: %v", id, err)
	}
	w := userWork{Name: c.Name, Entries: c.Shortlists}
	for _, n := range c.Notes {
		w.Notes = append(w.Notes, n.Text)
	}
	return w
}

func page(url, kind string, recs ...Cluster) []Cluster {
	for i := range recs {
		recs[i].Sources = []Source{{URL: url, Kind: kind, ReadAt: readDay}}
	}
	return recs
}

// Pages built to collide with a shortlisted, annotated cluster: the same agency host, LinkedIn websites, an
// acronym-dash name, a name without accents, a record without a country. None may rename it, move its notes or
// change its entry; the right records merge into it, the others become clusters of their own.
func TestImportsBuiltToCollideNeverMoveTheUsersWork(t *testing.T) {
	eachStore(t, func(t *testing.T, _ string) {
		ctx := context.Background()
		s := openSample(t)
		food, _ := s.FindCluster(ctx, "Lebensmittel Cluster Niederösterreich")
		bau, _ := s.FindCluster(ctx, "Bau.Energie.Umwelt Cluster Niederösterreich")
		l, _ := s.CreateShortlist(ctx, "Austria", "Agri-food partners")
		if _, err := s.AddToShortlist(ctx, l.ID, food.ID, EntryPartner, "Maria Huber"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddNote(ctx, food.ID, "Joint project on packaging, call in March"); err != nil {
			t.Fatal(err)
		}
		if err := s.AddClusters(ctx, []Cluster{
			{Name: "Oslo Food Forum", Country: "NO", Website: "https://www.linkedin.com/company/oslo-food-forum"},
		}); err != nil {
			t.Fatal(err)
		}
		oslo, _ := s.FindCluster(ctx, "Oslo Food Forum")
		before := workOn(t, s, food.ID)
		count, _ := s.Count(ctx)

		run, _ := s.BeginRun(ctx, []string{"collide"})
		n, amb, err := s.Merge(ctx, run, page("https://clustercollaboration.eu/content/kunststoff", "eccp-profile",
			// another cluster on the same agency host: a cluster of its own
			Cluster{Name: "Kunststoff-Cluster Niederösterreich", Country: "AT", Website: "https://www.ecoplus.at", City: "St. Pölten"}))
		if err != nil || len(amb) != 0 || n.Added != 1 {
			t.Fatalf("a plastics cluster on the agency host: %+v %+v %v, want it added", n, amb, err)
		}
		for _, recs := range [][]Cluster{
			page("https://cluster-analysis.org/benchmarked-clusters/?country=at", "esca",
				Cluster{Name: "Lebensmittel Cluster Niederösterreich", Country: "AT", City: "St. Pölten"}),
			page("https://clustercollaboration.eu/content/lebensmittel", "eccp-profile",
				// the same cluster in capitals without accents, on the agency host: merges, keeps the name, and
				// its city in capitals with a postcode is a weaker form of the one known, though the profile
				// stands higher than the list
				Cluster{Name: "LEBENSMITTEL CLUSTER NIEDEROSTERREICH", Country: "AT", Website: "ecoplus.at", City: "3100 ST. POLTEN"}),
			page("https://eucles.be/2025-q1", "eucles",
				// an acronym before a dash
				Cluster{Name: "LCN – Lebensmittel Cluster Niederösterreich", Country: "AT", Label: LabelSilver}),
			page("https://clustercollaboration.eu/content/food-forum", "eccp-profile",
				// a LinkedIn website shared with a Norwegian cluster: says nothing
				Cluster{Name: "Food Forum Niederösterreich", Country: "AT", Website: "https://www.linkedin.com/company/oslo-food-forum"}),
			page("https://example.org/list", "other",
				// no country and only a name: never placed on an Austrian cluster by its name alone
				Cluster{Name: "Lebensmittel Cluster Niederösterreich", Website: "https://lebensmittel.example.org"}),
		} {
			if _, _, err := s.Merge(ctx, run, recs); err != nil {
				t.Fatal(err)
			}
		}
		after := workOn(t, s, food.ID)
		if !reflect.DeepEqual(before, after) {
			t.Errorf("the user's work on %q changed:\n before %+v\n after  %+v", food.Name, before, after)
		}
		got, _ := s.Cluster(ctx, food.ID)
		if got.City != "St. Pölten" {
			t.Errorf("city %q: a postcode in capitals is a weaker form", got.City)
		}
		if got.Label != LabelGold {
			t.Errorf("label %q: an undated silver must not replace a gold", got.Label)
		}
		if b, _ := s.Cluster(ctx, bau.ID); b.Name != bau.Name || len(b.Sources) != len(bau.Sources) {
			t.Errorf("the other cluster on the agency host changed: %q, %d sources", b.Name, len(b.Sources))
		}
		if o := workOn(t, s, oslo.ID); o.Name != "Oslo Food Forum" {
			t.Errorf("the LinkedIn namesake was renamed to %q", o.Name)
		}
		reviews, _ := s.Reviews(ctx)
		newCount, _ := s.Count(ctx)
		// added: the plastics cluster, the food forum; the countryless record waits for the user
		if newCount != count+2 || len(reviews) != 1 || reviews[0].Record.Country != "" || len(reviews[0].Candidates) != 1 ||
			reviews[0].Candidates[0].ID != food.ID {
			t.Errorf("catalogue %d -> %d, reviews %+v; want the plastics cluster and the food forum added, and the countryless "+
				"record asked about", count, newCount, reviews)
		}
		if ks, _ := s.FindCluster(ctx, "Kunststoff-Cluster Niederösterreich"); ks.City != "St. Pölten" {
			t.Errorf("the plastics cluster is %+v", ks)
		}
	})
}

func TestAmbiguousRecordIsSettledOnceAndTheDecisionSticks(t *testing.T) {
	eachStore(t, func(t *testing.T, _ string) {
		ctx := context.Background()
		s := openSample(t)
		if err := s.AddClusters(ctx, []Cluster{
			{Name: "Nordic Water Cluster", Country: "SE", City: "Malmö"},
			{Name: "Nordic Water Cluster AB", Country: "SE", City: "Lund"},
		}); err != nil {
			t.Fatal(err)
		}
		lund, _ := s.FindCluster(ctx, "Nordic Water Cluster AB")
		rec := page("https://clustercollaboration.eu/content/nordic-water", "eccp-profile",
			Cluster{Name: "Nordic Water Cluster", Country: "SE", Members: 80})
		if _, amb, _ := s.Merge(ctx, 0, rec); len(amb) != 1 {
			t.Fatalf("ambiguities %+v, want one", amb)
		}
		s.Merge(ctx, 0, rec) // read again before the user decides: still one question
		reviews, err := s.Reviews(ctx)
		if err != nil || len(reviews) != 1 || reviews[0].Kind != ReviewAmbiguous || len(reviews[0].Candidates) != 2 ||
			reviews[0].Record.Members != 80 {
			t.Fatalf("reviews %+v, %v", reviews, err)
		}
		if err := s.Decide(ctx, reviews[0].ID, lund.ID); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Cluster(ctx, lund.ID); got.Members != 80 || got.Name != "Nordic Water Cluster AB" {
			t.Errorf("after the decision the chosen cluster is %+v", got)
		}
		n, amb, err := s.Merge(ctx, 0, rec)
		if err != nil || len(amb) != 0 || n != (MergeCounts{Unchanged: 1}) {
			t.Errorf("the same record imported again: %+v %+v %v, want it unchanged on the chosen cluster", n, amb, err)
		}
		if reviews, _ := s.Reviews(ctx); len(reviews) != 0 {
			t.Errorf("still asked: %+v", reviews)
		}
		if err := s.Decide(ctx, 9999, 0); err == nil {
			t.Error("deciding a review that does not exist gave no error")
		}
	})
}

func TestDuplicatePairMergesWithTheUsersWorkWhole(t *testing.T) {
	eachStore(t, func(t *testing.T, _ string) {
		ctx := context.Background()
		s := openSample(t)
		if err := s.AddClusters(ctx, []Cluster{
			{Name: "Bio Valley", Country: "NL", City: "Wageningen"},
			{Name: "BioValley B.V.", Country: "NL", Website: "https://biovalley.nl", Label: LabelSilver, LabelValidUntil: "2027-03"},
			{Name: "Bio Valley", Country: "BE"}, // another country: another cluster
		}); err != nil {
			t.Fatal(err)
		}
		a, _ := s.FindCluster(ctx, "Bio Valley")
		b, _ := s.FindCluster(ctx, "BioValley B.V.")
		if a.Country != "NL" || b.Country != "NL" {
			t.Fatalf("the pair is %+v and %+v", a, b)
		}
		l1, _ := s.CreateShortlist(ctx, "One", "")
		l2, _ := s.CreateShortlist(ctx, "Two", "")
		s.AddToShortlist(ctx, l1.ID, a.ID, EntryCandidate, "")
		s.AddToShortlist(ctx, l1.ID, b.ID, EntryMeeting, "Jan de Vries")
		s.AddToShortlist(ctx, l2.ID, b.ID, EntryContacted, "")
		s.AddNote(ctx, a.ID, "note on a")
		s.AddNote(ctx, b.ID, "note on b")

		n, err := s.FindDuplicates(ctx)
		if err != nil || n != 1 {
			t.Fatalf("found %d pairs, %v; want the Dutch pair only", n, err)
		}
		if again, _ := s.FindDuplicates(ctx); again != 0 {
			t.Errorf("the same pair was found anew: %d", again)
		}
		reviews, _ := s.Reviews(ctx)
		if len(reviews) != 1 || reviews[0].Kind != ReviewDuplicate || !strings.Contains(reviews[0].Reason, "BioValley") {
			t.Fatalf("reviews %+v", reviews)
		}
		if err := s.Decide(ctx, reviews[0].ID, a.ID); err != nil {
			t.Fatal(err)
		}
		got, _ := s.Cluster(ctx, a.ID)
		if _, err := s.Cluster(ctx, b.ID); err == nil {
			t.Error("the merged cluster is still there")
		}
		var notes []string
		for _, nt := range got.Notes {
			notes = append(notes, nt.Text)
		}
		entries := map[string]Membership{}
		for _, m := range got.Shortlists {
			entries[m.Shortlist] = m
		}
		if got.Name != "Bio Valley" || got.City != "Wageningen" || got.Website != "https://biovalley.nl" ||
			got.Label != LabelSilver || got.LabelValidUntil != "2027-03" || got.LabelSource().ReadAt.IsZero() {
			t.Errorf("merged cluster %+v", got)
		}
		if strings.Join(notes, "|") != "note on a|note on b" {
			t.Errorf("notes %q, want both", notes)
		}
		if entries["One"].Status != EntryMeeting || peopleNames(entries["One"].People) != "Jan de Vries" || entries["Two"].Status != EntryContacted {
			t.Errorf("entries %+v: the further status and the contact must survive, the other list come along", entries)
		}
		// The merged name imported again goes to the cluster that stayed.
		if n, amb, err := s.Merge(ctx, 0, page("https://biovalley.nl/about", "other", Cluster{Name: "BioValley", Country: "NL"})); err != nil ||
			len(amb) != 0 || n.Added != 0 {
			t.Errorf("re-import of the merged name: %+v %+v %v", n, amb, err)
		}
		if reviews, _ := s.Reviews(ctx); len(reviews) != 0 {
			t.Errorf("still asked: %+v", reviews)
		}
	})
}

func TestSampleHasNoProbableDuplicates(t *testing.T) {
	eachStore(t, func(t *testing.T, _ string) {
		s := openSample(t)
		n, err := s.FindDuplicates(context.Background())
		if err != nil || n != 0 {
			reviews, _ := s.Reviews(context.Background())
			t.Errorf("%d pairs in the sample (%v): %+v", n, err, reviews)
		}
	})
}
