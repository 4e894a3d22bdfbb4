package app

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"clusterbridge/data"
)

// benchCatalogueVersion names the cached synthetic catalogue; change it when the generator or the schema changes.
const benchCatalogueVersion = "v1"

const benchClusters = 100_000

// openBenchStore opens a catalogue of 100,000 synthetic clusters, made once and kept in the temp folder.
func openBenchStore(b testing.TB) *data.Store {
	b.Helper()
	ctx := context.Background()
	path := filepath.Join(os.TempDir(), "clusterbridge-bench-"+benchCatalogueVersion+".db")
	if _, err := os.Stat(path); err == nil {
		store, err := data.Open(ctx, path)
		if err == nil {
			if n, err := store.Count(ctx); err == nil && n == benchClusters {
				b.Cleanup(func() { store.Close() })
				return store
			}
			store.Close()
		}
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		os.Remove(p)
	}
	tmp := path + ".building"
	os.Remove(tmp)
	store, err := data.Open(ctx, tmp)
	if err != nil {
		b.Fatal(err)
	}
	cs := syntheticClusters(benchClusters)
	for start := 0; start < len(cs); start += 10_000 {
		if err := store.AddClusters(ctx, cs[start:min(start+10_000, len(cs))]); err != nil {
			b.Fatal(err)
		}
	}
	store.Close()
	for _, suffix := range []string{"-wal", "-shm"} {
		os.Remove(tmp + suffix)
	}
	if err := os.Rename(tmp, path); err != nil {
		b.Fatal(err)
	}
	store, err = data.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { store.Close() })
	return store
}

var (
	benchPlaces = []string{"Nord", "Süd", "Rhein", "Alpen", "Baltic", "Atlantic", "Danube", "Adriatic", "Carpathian",
		"Iberian", "Flanders", "Lombardy", "Bavaria", "Jutland", "Silesia", "Provence", "Tuscany", "Wallonia"}
	benchTopics = []string{"Robotics", "Water", "Food", "Health", "Textile", "Energy", "Mobility", "Aero", "Wood",
		"Digital", "Photonics", "Maritime", "Plastics", "Wine", "Tourism", "Biotech", "Steel", "Design"}
	benchKinds = []string{"Cluster", "Network", "Alliance", "Platform", "Hub", "Valley", "Competence Centre"}
)

// syntheticClusters makes n clusters deterministically, with names, countries, labels and ecosystems spread
// like a real catalogue's.
func syntheticClusters(n int) []data.Cluster {
	rng := rand.New(rand.NewPCG(1, 2))
	out := make([]data.Cluster, n)
	for i := range out {
		place, topic := benchPlaces[rng.IntN(len(benchPlaces))], benchTopics[rng.IntN(len(benchTopics))]
		c := data.Cluster{
			Name:    fmt.Sprintf("%s %s %s %d", place, topic, benchKinds[rng.IntN(len(benchKinds))], i),
			Country: data.Countries[rng.IntN(len(data.Countries))].Code,
			City:    place + "burg",
			Focus:   topic + " and related industries in " + place,
			Website: fmt.Sprintf("https://cluster%d.example.eu", i),
		}
		for k := 0; k < 1+rng.IntN(3); k++ {
			c.Ecosystems = append(c.Ecosystems, data.Ecosystems[rng.IntN(len(data.Ecosystems))])
		}
		switch r := rng.IntN(10); {
		case r == 0:
			c.Label, c.LabelValidUntil = data.LabelGold, fmt.Sprintf("20%02d-%02d", 18+rng.IntN(10), 1+rng.IntN(12))
		case r < 3:
			c.Label, c.LabelYear = data.LabelSilver, 2015+rng.IntN(10)
		case r < 6:
			c.Label, c.LabelValidUntil = data.LabelBronze, fmt.Sprintf("20%02d-06-30", 16+rng.IntN(12))
		}
		out[i] = c
	}
	return out
}

// BenchmarkKeystrokeToList measures from setting the search text to the list showing the new results: the
// search (count, first page, facets) off the UI goroutine, then the list and facet boxes updated. The typing
// pause is set to zero here: it is a deliberate wait, not work.
func BenchmarkKeystrokeToList(b *testing.B) {
	store := openBenchStore(b)
	a := test.NewTempApp(b)
	w := newTestWindowOn(b, a, store)
	w.search.pause = 0
	words := []string{"robot", "water", "food bav", "textile", "alpen energy", "maritime", "wine", "photon"}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		before := w.search.asked
		w.filters.search.SetText(words[i%len(words)])
		w.waitFor("the results", func() bool { return w.search.landed > before })
	}
	b.StopTimer()
	if w.results.total == 0 || w.results.total == benchClusters {
		b.Fatalf("the last search listed %d clusters", w.results.total)
	}
}

// BenchmarkFilterToList ticks a label and a country, the heaviest facet case: no text narrows the set.
func BenchmarkFilterToList(b *testing.B) {
	store := openBenchStore(b)
	a := test.NewTempApp(b)
	w := newTestWindowOn(b, a, store)
	for i := 0; b.Loop(); i++ {
		before := w.search.asked
		w.filters.labels[data.LabelGold].SetChecked(i%2 == 0)
		w.waitFor("the results", func() bool { return w.search.landed > before })
	}
}

// TestScrollingReusesRows scrolls through a long list and counts the rows the list makes: a screenful and a
// few spare, never one per cluster.
func TestScrollingReusesRows(t *testing.T) {
	w := newTestWindow(t)
	n := 5_000
	if raceEnabled {
		n = 1_000 // the race detector makes each scroll step slow
	}
	many := make([]data.Cluster, n)
	for i := range many {
		many[i] = data.Cluster{ID: int64(i + 1), Name: fmt.Sprintf("Cluster %d", i), Country: "DK",
			Ecosystems: []data.Ecosystem{"Digital"}, Label: data.Labels[i%4]}
	}
	w.results.show(data.Result{Clusters: many, Total: len(many)})
	w.results.onNeedPage = func(int) {}
	rowHeight := newResultRow().MinSize().Height
	visible := int(w.results.list.Size().Height/rowHeight) + 1
	before := w.results.rowsMade
	// Scroll as a mouse wheel does, three rows a notch, from top to bottom. (List.ScrollTo refreshes the
	// whole list, which drops the spare rows; wheel scrolling is what a user does with a long list.)
	list := w.results.list
	// sync.Pool, where the list keeps spare rows, empties at each garbage collection; hold GC off meanwhile.
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(list).Add(fyne.NewPos(20, 20))
	for list.GetScrollOffset() < float32(len(many)-visible)*rowHeight {
		offset := list.GetScrollOffset()
		test.Scroll(w.win.Canvas(), at, 0, -3*rowHeight)
		if list.GetScrollOffset() == offset {
			break
		}
	}
	if list.GetScrollOffset() < float32(len(many)-visible)*rowHeight {
		t.Fatalf("scrolled only %.0f px", list.GetScrollOffset())
	}
	made := w.results.rowsMade - before
	t.Logf("scrolling through %d clusters made %d rows for a list %.0f px high (rows %.0f px, %d visible)",
		len(many), made, list.Size().Height, rowHeight, visible)
	limit := visible + 2
	if raceEnabled {
		// The race detector makes sync.Pool drop a random quarter of what it is given, on purpose, so about
		// one row in four scrolled past is made anew (some 250 of 1,000). A third stays well clear of that
		// chance (six standard deviations) and far below one row per cluster.
		limit += (len(many) - visible) / 3
	}
	if made > limit {
		t.Errorf("scrolling made %d rows, more than %d; a screenful is %d", made, limit, visible)
	}
}

// TestNextPageLoadsNearTheEnd checks that scrolling to the end of the first page fetches the next one.
func TestNextPageLoadsNearTheEnd(t *testing.T) {
	w := newTestWindow(t)
	if len(w.results.clusters) != pageSize {
		t.Fatalf("first page %d", len(w.results.clusters))
	}
	w.results.list.ScrollToBottom()
	w.waitFor("the second page", func() bool { return len(w.results.clusters) == 248 })
	w.results.list.ScrollToBottom()
	w.settle()
	if len(w.results.clusters) != 248 {
		t.Errorf("after scrolling to the end: %d clusters", len(w.results.clusters))
	}
	seen := map[int64]bool{}
	for _, c := range w.results.clusters {
		if seen[c.ID] {
			t.Errorf("%s listed twice", c.Name)
		}
		seen[c.ID] = true
	}
}
