package data

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fixedDay is the day label statuses are derived for in tests.
var fixedDay = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

// openSample opens a new catalogue filled with the embedded sample, in a temporary folder.
func openSample(t testing.TB) *Store {
	t.Helper()
	s, err := Open(context.Background(), placeFor(t), WithSeed(testSample))
	if err != nil {
		t.Fatal(err)
	}
	s.SetClock(func() time.Time { return fixedDay })
	t.Cleanup(func() { s.Close() })
	return s
}

func TestOpenLoadsTheSampleOnce(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sub", "catalogue.db")
	s, err := Open(ctx, path, WithSeed(testSample))
	if err != nil {
		t.Fatal(err)
	}
	n, err := s.Count(ctx)
	if err != nil || n != 248 {
		t.Fatalf("a new catalogue holds %d clusters (%v), want the sample's 248", n, err)
	}
	c, err := s.FindCluster(ctx, "GCE Ocean Technology")
	if err != nil {
		t.Fatal(err)
	}
	if c.Country != "NO" || c.City != "Bergen" || c.Label != LabelGold || c.LabelYear != 2021 || len(c.Sources) != 2 {
		t.Errorf("GCE Ocean Technology read as %+v", c)
	}
	s.Close()

	s, err = Open(ctx, path, WithSeed(testSample))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n, _ := s.Count(ctx); n != 248 {
		t.Errorf("reopening changed the catalogue to %d clusters", n)
	}
}

func TestOpenRefusesAFileThatIsNoCatalogue(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.txt")
	content := []byte("these are my notes, not a database\n")
	if err := os.WriteFile(path, content, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Open(context.Background(), path)
	if !errors.Is(err, ErrNotCatalogue) || !strings.Contains(err.Error(), path) {
		t.Fatalf("Open(text file) = %v, want a refusal naming the file", err)
	}
	after, _ := os.ReadFile(path)
	if string(after) != string(content) {
		t.Error("the refused file was changed")
	}
}

func TestOpenRefusesANewerCatalogue(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "catalogue.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec(`INSERT INTO schema_migrations VALUES (999, '0999_future.sql', '2030-01-01T00:00:00Z')`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	before, _ := os.ReadFile(path)

	_, err = Open(ctx, path)
	if !errors.Is(err, ErrNewerCatalogue) || !strings.Contains(err.Error(), path) {
		t.Fatalf("Open(newer catalogue) = %v, want ErrNewerCatalogue naming the file", err)
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Error("the refused catalogue was changed")
	}
}

func TestFindCluster(t *testing.T) {
	s := openSample(t)
	ctx := context.Background()
	c, err := s.FindCluster(ctx, "food & bio cluster denmark")
	if err != nil || c.Name != "Food & Bio Cluster Denmark" {
		t.Fatalf("case-insensitive name: %v %v", c.Name, err)
	}
	byID, err := s.FindCluster(ctx, "1")
	if err != nil || byID.ID != 1 {
		t.Fatalf("by id: %v %v", byID.ID, err)
	}
	var amb *AmbiguousError
	if _, err := s.FindCluster(ctx, "GCE"); !errors.As(err, &amb) || len(amb.Candidates) < 2 {
		t.Fatalf("an ambiguous prefix gave %v", err)
	}
	if _, err := s.FindCluster(ctx, "No Such Cluster Anywhere"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("unknown name gave %v", err)
	}
}

func TestSearchFoldsAccents(t *testing.T) {
	s := openSample(t)
	ctx := context.Background()
	for query, want := range map[string]string{
		"textils": "Agrupació d'Empreses Innovadores Tèxtils",
		"smaland": "Automation Småland",
		"SMÅLAND": "Automation Småland",
	} {
		res, err := s.Search(ctx, Query{Text: query})
		if err != nil {
			t.Fatal(err)
		}
		if !hasName(res.Clusters, want) {
			t.Errorf("searching %q did not find %q (got %d results)", query, want, res.Total)
		}
	}
}

func TestSearchNeverFailsOnWhatAUserTypes(t *testing.T) {
	s := openSample(t)
	for _, text := range []string{`"`, `food"`, `AND`, `OR NOT`, `a*`, `(`, `NEAR(`, `-`, `^`, `col:food`, `'; DROP TABLE clusters; --`, `€`, `""""`, "\x00"} {
		if _, err := s.Search(context.Background(), Query{Text: text}); err != nil {
			t.Errorf("Search(%q) failed: %v", text, err)
		}
	}
}

func TestSearchFiltersAndFacets(t *testing.T) {
	s := openSample(t)
	ctx := context.Background()
	all, err := s.Search(ctx, Query{})
	if err != nil {
		t.Fatal(err)
	}
	if all.Total != 248 || all.Facets.Labels[LabelGold] != 56 || all.Facets.Labels[LabelNone] != 69 || all.Facets.Countries["NO"] != 34 {
		t.Fatalf("unfiltered: total %d, facets %+v", all.Total, all.Facets.Labels)
	}

	q := Query{Labels: []Label{LabelGold}, Countries: []string{"no", "DK"}, Sort: SortByCountry, Limit: 5}
	res, err := s.Search(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Clusters) != 5 || res.Total < 5 {
		t.Fatalf("gold in NO/DK: %d of %d", len(res.Clusters), res.Total)
	}
	for _, c := range res.Clusters {
		if c.Label != LabelGold || (c.Country != "NO" && c.Country != "DK") {
			t.Errorf("%s (%s, %s) does not fit the filter", c.Name, c.Country, c.Label)
		}
	}
	if res.Clusters[0].Country != "DK" {
		t.Errorf("sorted by country, first is %s", res.Clusters[0].Country)
	}
	// The label facet leaves out the label filter: it tells how many Silver there would be in NO and DK.
	if res.Facets.Labels[LabelGold] != res.Total || res.Facets.Labels[LabelSilver]+res.Facets.Labels[LabelBronze]+res.Facets.Labels[LabelNone] == 0 {
		t.Errorf("label facets under NO/DK: %+v, total gold %d", res.Facets.Labels, res.Total)
	}
	// The country facet keeps the label filter: every count is of gold clusters.
	gold, _ := s.Search(ctx, Query{Labels: []Label{LabelGold}})
	sum := 0
	for _, n := range res.Facets.Countries {
		sum += n
	}
	if sum != gold.Total {
		t.Errorf("country facets add up to %d, want every gold cluster (%d)", sum, gold.Total)
	}

	agri, err := s.Search(ctx, Query{Ecosystems: []Ecosystem{"Agri-food"}, Text: "food"})
	if err != nil {
		t.Fatal(err)
	}
	if agri.Total == 0 || agri.Facets.Ecosystems["Agri-food"] < agri.Total {
		t.Fatalf("agri-food + food: %d results, facet %d", agri.Total, agri.Facets.Ecosystems["Agri-food"])
	}
	for _, c := range agri.Clusters {
		if !hasEcosystem(c, "Agri-food") {
			t.Errorf("%s is not Agri-food", c.Name)
		}
	}
}

func TestValidOnlyKeepsLabelsNotYetExpired(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.SetClock(func() time.Time { return fixedDay })
	if err := s.AddClusters(ctx, []Cluster{
		{Name: "Valid Day", Label: LabelGold, LabelValidUntil: "2026-11-22"},
		{Name: "Valid Month", Label: LabelSilver, LabelValidUntil: "2026-11"},
		{Name: "Expired", Label: LabelBronze, LabelValidUntil: "2026-10-31"},
		{Name: "Unverified", Label: LabelGold, LabelYear: 2025},
		{Name: "Plain"},
	}); err != nil {
		t.Fatal(err)
	}
	res, err := s.Search(ctx, Query{ValidOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 2 || !hasName(res.Clusters, "Valid Day") || !hasName(res.Clusters, "Valid Month") {
		t.Errorf("valid only gave %d: %v", res.Total, names(res.Clusters))
	}
	want := map[string]LabelStatus{"Valid Day": StatusValid, "Valid Month": StatusValid, "Expired": StatusExpired,
		"Unverified": StatusUnverified, "Plain": StatusNone}
	all, err := s.Search(ctx, Query{})
	if err != nil || len(all.Clusters) != len(want) {
		t.Fatalf("the catalogue lists %d clusters (%v), want %d", len(all.Clusters), err, len(want))
	}
	for _, c := range all.Clusters {
		if got := c.LabelStatus(fixedDay); got != want[c.Name] {
			t.Errorf("%s: status %s, want %s", c.Name, got, want[c.Name])
		}
	}
}

func hasName(cs []Cluster, name string) bool {
	for _, c := range cs {
		if c.Name == name {
			return true
		}
	}
	return false
}

func names(cs []Cluster) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Name
	}
	return out
}

func hasEcosystem(c Cluster, e Ecosystem) bool {
	for _, x := range c.Ecosystems {
		if x == e {
			return true
		}
	}
	return false
}

func TestSearchSeesWritesFromThisAndOtherConnections(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "c.db")
	gui, err := Open(ctx, path, WithSeed(testSample))
	if err != nil {
		t.Fatal(err)
	}
	defer gui.Close()
	if res, _ := gui.Search(ctx, Query{Text: "zanzibar"}); res.Total != 0 {
		t.Fatal("the sample already knows Zanzibar")
	}
	if err := gui.AddClusters(ctx, []Cluster{{Name: "Zanzibar Spice Cluster", Country: "TZ"}}); err != nil {
		t.Fatal(err)
	}
	if res, _ := gui.Search(ctx, Query{Text: "zanzibar"}); res.Total != 1 || res.Facets.Countries["TZ"] != 1 {
		t.Fatalf("a cluster added by this store is not found: %+v", res)
	}

	// The command line is another process with its own connection to the same file.
	cli, err := Open(ctx, path, WithSeed(testSample))
	if err != nil {
		t.Fatal(err)
	}
	defer cli.Close()
	if err := cli.AddClusters(ctx, []Cluster{{Name: "Zanzibar Seaweed Cluster", Country: "TZ"}}); err != nil {
		t.Fatal(err)
	}
	res, err := gui.Search(ctx, Query{Text: "zanzibar", Countries: []string{"TZ"}})
	if err != nil || res.Total != 2 || len(res.Clusters) != 2 {
		t.Fatalf("a cluster added by another connection is not found: %+v %v", res, err)
	}
	if res.Clusters[0].Name != "Zanzibar Seaweed Cluster" {
		t.Errorf("sorted by name, first is %q", res.Clusters[0].Name)
	}
}

func TestSearchFindsWhatAnImportMerged(t *testing.T) {
	s := openSample(t)
	ctx := context.Background()
	if _, _, err := s.Merge(ctx, 0, []Cluster{
		{Name: "Food & Bio Cluster Denmark", Country: "DK", Description: "Biogas and fermentation in Jutland"},
		{Name: "Zanzibar Spice Cluster", Country: "TZ", Focus: "Spices"},
	}); err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string]string{"fermentation": "Food & Bio Cluster Denmark", "spices": "Zanzibar Spice Cluster"} {
		res, err := s.Search(ctx, Query{Text: text})
		if err != nil || res.Total != 1 || res.Clusters[0].Name != want {
			t.Errorf("searching %q after an import: %+v %v", text, res.Clusters, err)
		}
	}
}
