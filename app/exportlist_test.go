package app

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"clusterbridge/data"
)

// exportListThroughTheWindow goes File › Export this list…, picks a format and saves into dir as a user does;
// it returns the rows of the file written.
func exportListThroughTheWindow(t *testing.T, w *testWindow, format string, comma rune, dir string) [][]string {
	t.Helper()
	w.app.Preferences().SetString("fyne:fileDialogLastFolder", storage.NewFileURI(dir).String())
	item := menuItem(t, w.win.MainMenu(), "Export this list…")
	item.Action()
	form := topDialog(t, w)
	selects := findAll[*formSelect](form)
	if len(selects) != 1 {
		t.Fatalf("Export this list… asks %d formats, want one choice", len(selects))
	}
	selects[0].SetSelected(format)
	test.Tap(button(t, form, "Choose file…"))
	test.Tap(button(t, topDialog(t, w), "Save"))
	w.settle()
	if got := textIn(topDialog(t, w)); !strings.Contains(got, "Saved Clusters to "+filepath.Join(dir, "Clusters.csv")) {
		t.Fatalf("after saving, the window says %q", got)
	}
	w.win.Canvas().Overlays().Top().Hide()
	raw, err := os.ReadFile(filepath.Join(dir, "Clusters.csv"))
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw, []byte("\uFEFF"))))
	r.Comma = comma
	rows, err := r.ReadAll()
	if err != nil || len(rows) == 0 || rows[0][0] != "name" {
		t.Fatalf("the export holds %q (%v)", rows, err)
	}
	return rows[1:]
}

func menuItem(t *testing.T, mm *fyne.MainMenu, label string) *fyne.MenuItem {
	t.Helper()
	for _, menu := range mm.Items {
		for _, it := range menu.Items {
			if it.Label == label {
				return it
			}
		}
	}
	t.Fatalf("no menu item %q", label)
	return nil
}

func firstColumn(rows [][]string) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r[0]
	}
	return out
}

// The export holds the clusters the list shows, in its order: a filtered list exactly, and an unfiltered one
// whole, beyond the pages the list has fetched so far.
func TestExportThisListWritesTheFilteredSortedList(t *testing.T) {
	w := newTestWindow(t)
	test.Type(w.filters.search, "water")
	w.waitFor("the filtered list", func() bool { return w.results.total < 248 })
	w.results.order.SetSelectedIndex(indexOf(sortOrders, data.SortByLabel))
	w.settle()
	shown := w.names()
	if len(shown) < 2 || len(shown) != w.results.total {
		t.Fatalf("searching water lists %d of %d clusters; the test needs a few, all fetched", len(shown), w.results.total)
	}
	got := firstColumn(exportListThroughTheWindow(t, w, "CSV, comma (,)", ',', t.TempDir()))
	if !slices.Equal(got, shown) {
		t.Errorf("the export lists\n%q\nthe window shows\n%q", got, shown)
	}

	w.filters.search.SetText("")
	w.waitFor("the whole catalogue", func() bool { return w.results.total == 248 })
	if len(w.results.clusters) >= 248 {
		t.Fatalf("the list fetched %d clusters at once; the test needs it paged", len(w.results.clusters))
	}
	all := firstColumn(exportListThroughTheWindow(t, w, "CSV, semicolon (;) – Excel in most of Europe", ';', t.TempDir()))
	if len(all) != 248 || !slices.Equal(all[:len(w.results.clusters)], w.names()) {
		t.Errorf("the unfiltered export holds %d clusters, its first ones %q…, want the 248 in the list's order", len(all), all[:min(3, len(all))])
	}
}
