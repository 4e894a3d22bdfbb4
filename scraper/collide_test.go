package scraper

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"clusterbridge/data"
)

// profileAs is the Food & Bio Cluster Denmark profile page rewritten to describe another organisation.
func profileAs(t *testing.T, name, country, website string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "pages", "eccp-profile-food-bio-cluster-denmark.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := strings.NewReplacer(
		"Food &amp; Bio Cluster Denmark", name,
		`<div class="field__item">Denmark</div>`, `<div class="field__item">`+country+`</div>`,
		"https://foodbiocluster.dk", website,
		"info [at] foodbiocluster.dk", "",
	).Replace(string(b))
	return []byte(page)
}

// Pages and a spreadsheet built to collide with a shortlisted, annotated cluster (the same agency host, a
// LinkedIn website, an acronym-dash name, capitals without accents, no country) go through the whole importer:
// the cluster keeps its name, notes, status and contact; the right records merge, the others are new; what
// only a name ties is asked about, and the answer holds on the next import.
func TestImportingCollidingPagesKeepsTheUsersWork(t *testing.T) {
	ctx := context.Background()
	store := openStore(t, true)
	food := findOne(t, store, "Lebensmittel Cluster Niederösterreich")
	list, _ := store.CreateShortlist(ctx, "Austria", "")
	if _, err := store.AddToShortlist(ctx, list.ID, food.ID, data.EntryPartner, "Maria Huber"); err != nil {
		t.Fatal(err)
	}
	if _, err := store.AddNote(ctx, food.ID, "Packaging project: call in March"); err != nil {
		t.Fatal(err)
	}
	food, _ = store.Cluster(ctx, food.ID)
	before, _ := store.Count(ctx)

	dir := t.TempDir()
	files := map[string][]byte{
		"plastics.html": profileAs(t, "Kunststoff-Cluster Niederösterreich", "Austria", "https://www.ecoplus.at"),
		"food.html":     profileAs(t, "LEBENSMITTEL CLUSTER NIEDEROSTERREICH", "Austria", "https://www.ecoplus.at/"),
		"forum.html":    profileAs(t, "Food Forum Niederösterreich", "Austria", "https://www.linkedin.com/company/lebensmittel"),
		"list.csv": []byte("name;country;website\n" +
			"LCN – Lebensmittel Cluster Niederösterreich;AT;\n" +
			"Lebensmittel Cluster Niederösterreich;;https://lebensmittel.example.org\n"),
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	sum := importOK(t, store, testOptions(), dir)
	after, _ := store.Cluster(ctx, food.ID)
	if after.Name != food.Name || !reflect.DeepEqual(after.Notes, food.Notes) || !reflect.DeepEqual(after.Shortlists, food.Shortlists) {
		t.Errorf("the user's work moved:\n before %q %+v %+v\n after  %q %+v %+v", food.Name, food.Notes, food.Shortlists,
			after.Name, after.Notes, after.Shortlists)
	}
	if sum.Added != 2 || sum.Failed != 0 {
		t.Errorf("summary %+v %v, want the plastics cluster and the food forum added", sum.RunCounts, sum.Problems)
	}
	if n, _ := store.Count(ctx); n != before+2 {
		t.Errorf("catalogue %d -> %d", before, n)
	}
	reviews, err := store.Reviews(ctx)
	if err != nil || len(reviews) != 1 || reviews[0].Record.Country != "" || reviews[0].Candidates[0].ID != food.ID {
		t.Fatalf("reviews %+v %v, want the record without a country asked about", reviews, err)
	}
	if err := store.Decide(ctx, reviews[0].ID, 0); err != nil { // the user says: another organisation
		t.Fatal(err)
	}
	if n, err := store.FindDuplicates(ctx); n != 0 || err != nil {
		t.Errorf("after keeping the record apart, %d pairs (%v): the same question in another form", n, err)
	}
	again := importOK(t, store, testOptions(), dir)
	if again.Added != 0 || again.Duplicates != 0 {
		t.Errorf("the same pages again: %+v, %d new duplicates", again.RunCounts, again.Duplicates)
	}
	if reviews, _ := store.Reviews(ctx); len(reviews) != 0 {
		t.Errorf("asked again: %+v", reviews)
	}
	if n, _ := store.Count(ctx); n != before+3 {
		t.Errorf("catalogue %d -> %d, want the plastics cluster, the forum and the user's new cluster", before, n)
	}
}

// Every label in the catalogue says where it came from: the sample's and those the saved sites bring.
func TestEveryLabelNamesItsSource(t *testing.T) {
	ctx := context.Background()
	store := openStore(t, true)
	importOK(t, store, testOptions(), fixtureFolder(t))
	all, err := store.AllClusters(ctx)
	if err != nil {
		t.Fatal(err)
	}
	labelled := 0
	for _, c := range all {
		if c.Label == data.LabelNone {
			continue
		}
		labelled++
		if c, err = store.Cluster(ctx, c.ID); err != nil {
			t.Fatal(err)
		}
		if ls := c.LabelSource(); ls.URL == "" || ls.Kind == "" || ls.ReadAt.IsZero() {
			t.Errorf("%s: %s label with source %+v", c.Name, c.Label, ls)
		}
	}
	if labelled < 179 {
		t.Errorf("%d labelled clusters, want at least the sample's 179", labelled)
	}
}
