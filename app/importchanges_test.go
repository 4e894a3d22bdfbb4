package app

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"
)

// After an import, the dialog lists the clusters it added and updated by name; tapping one closes the
// dialog and shows that cluster in the Clusters tab.
func TestImportDialogListsWhatItAddedAndOpensIt(t *testing.T) {
	w := newTestWindow(t)
	file := filepath.Join(t.TempDir(), "partners.csv")
	csv := "Name;Country;Website;Members\r\n" +
		"Truth Cluster One;Denmark;https://one.example;\r\n" +
		"Truth Cluster Two;Sweden;https://two.example;\r\n" +
		"GCE Ocean Technology;Norway;http://gceocean.no;140\r\n" // in the sample: updated
	if err := os.WriteFile(file, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	w.tabs.Select(w.listTab)
	w.onImport()
	d := w.importer
	d.addPath(file)
	test.Tap(d.startButton)
	w.waitFor("the import", func() bool { return d.finished })
	if d.summary.Added != 2 || d.summary.Updated != 1 {
		t.Fatalf("the import added %d and updated %d clusters", d.summary.Added, d.summary.Updated)
	}
	var rows []string
	for i := range d.changed.Length() {
		o := newTwoLineRow()
		d.changed.UpdateItem(i, o)
		rows = append(rows, labelsIn(o))
	}
	want := []string{"Truth Cluster One\nAdded · Denmark\n", "Truth Cluster Two\nAdded · Sweden\n", "GCE Ocean Technology\nUpdated · Norway\n"}
	if len(rows) != len(want) {
		t.Fatalf("the dialog lists %q, want %q", rows, want)
	}
	for i := range want {
		if rows[i] != want[i] {
			t.Errorf("row %d reads %q, want %q", i, rows[i], want[i])
		}
	}
	if d.results.Selected() != d.changeTab || d.changeTab.Text != "Clusters added and updated (3)" {
		t.Errorf("the result shows tab %q first", d.results.Selected().Text)
	}

	d.changed.Select(1)
	w.settle()
	if top := w.win.Canvas().Overlays().Top(); top != nil {
		t.Error("tapping a cluster left the dialog over it")
	}
	if w.tabs.Selected() != w.clusterTab || w.detail.cluster.Name != "Truth Cluster Two" {
		t.Errorf("tapping Truth Cluster Two shows tab %q with %q", w.tabs.Selected().Text, w.detail.cluster.Name)
	}
}

// An import that changed nothing says so instead of an empty list, and shows its problems first.
func TestImportDialogWithNothingChangedShowsItsProblems(t *testing.T) {
	w := newTestWindow(t)
	w.onImport()
	d := w.importer
	d.addPath(filepath.Join(t.TempDir(), "missing.csv"))
	test.Tap(d.startButton)
	w.waitFor("the import", func() bool { return d.finished })
	if d.changed.Length() != 0 || !d.noChange.Visible() || d.noChange.Text != "No cluster was added or updated." {
		t.Errorf("the list holds %d rows; the note reads %q (shown %v)", d.changed.Length(), d.noChange.Text, d.noChange.Visible())
	}
	if d.results.Selected() != d.problemTab || d.problemTab.Text != "Problems (1)" {
		t.Errorf("the dialog shows tab %q first, want Problems (1)", d.results.Selected().Text)
	}
}
