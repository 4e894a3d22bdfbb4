package scraper

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"clusterbridge/data"
)

// bigSite serves a sitemap index of sitemaps, each listing many profiles, writing every sitemap as it goes
// so that the server holds none of it; it notes when the last request came.
type bigSite struct {
	srv             *httptest.Server
	sitemaps, links int
	profile         string
	lastRequest     atomic.Int64 // UnixNano of the last request's arrival
	profiles        atomic.Int64 // profile pages requested
}

func newBigSite(t testing.TB, sitemaps, links int) *bigSite {
	b := &bigSite{sitemaps: sitemaps, links: links, profile: string(crawlPage(t, "profile-food-bio-cluster-denmark.html"))}
	b.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b.lastRequest.Store(time.Now().UnixNano())
		switch {
		case r.URL.Path == "/sitemap.xml" && r.URL.Query().Has("page"):
			n, _ := strconv.Atoi(r.URL.Query().Get("page"))
			b.sitemap(w, n-1)
		case r.URL.Path == "/sitemap.xml":
			b.index(w)
		case strings.HasPrefix(r.URL.Path, "/content/"):
			b.profilePage(w, strings.TrimPrefix(r.URL.Path, "/content/"))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(b.srv.Close)
	return b
}

func (b *bigSite) url(path string) string { return b.srv.URL + path }

func (b *bigSite) index(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/xml")
	bw := bufio.NewWriter(w)
	fmt.Fprint(bw, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
	for i := range b.sitemaps {
		fmt.Fprintf(bw, "<sitemap><loc>%s/sitemap.xml?page=%d</loc></sitemap>\n", b.srv.URL, i+1)
	}
	fmt.Fprint(bw, "</sitemapindex>\n")
	bw.Flush()
}

func (b *bigSite) sitemap(w http.ResponseWriter, i int) {
	w.Header().Set("Content-Type", "application/xml")
	bw := bufio.NewWriterSize(w, 64<<10)
	fmt.Fprint(bw, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
	for j := range b.links {
		fmt.Fprintf(bw, "<url><loc>http://default/content/s%d-p%d</loc><lastmod>2026-04-04T08:00Z</lastmod></url>\n", i, j)
	}
	fmt.Fprint(bw, "</urlset>\n")
	bw.Flush()
}

func (b *bigSite) profilePage(w http.ResponseWriter, slug string) {
	b.profiles.Add(1)
	page := strings.ReplaceAll(b.profile, "Food &amp; Bio Cluster Denmark", "Test Cluster "+slug)
	page = strings.ReplaceAll(page, "foodbiocluster.dk", slug+".example.eu")
	page = strings.ReplaceAll(page, "food-bio-cluster-denmark", slug)
	w.Header().Set("Content-Type", htmlType)
	fmt.Fprint(w, page)
}

// peakHeap samples the heap in use until stop is called, which returns the highest sample.
func peakHeap() (stop func() uint64) {
	var peak atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		var ms runtime.MemStats
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapAlloc > peak.Load() {
				peak.Store(ms.HeapAlloc)
			}
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	return func() uint64 {
		close(done)
		wg.Wait()
		return peak.Load()
	}
}

// An index of 100 sitemaps of 55,000 links each is 5.5 million links: an import with a page budget holds only
// what the budget lets it read, and ends as soon as it has made its last request.
func TestSitemapIndexOfMillionsOfLinksStaysWithinThePageBudget(t *testing.T) {
	if testing.Short() {
		t.Skip("serves 5.5 million links")
	}
	const sitemaps, links, budget = 100, 55_000, 150
	s := newBigSite(t, sitemaps, links)
	store := openStore(t, false)
	opts := testOptions()
	opts.MaxPages = budget
	runtime.GC()
	stop := peakHeap()
	start := time.Now()
	sum := importOK(t, store, opts, s.url("/sitemap.xml"))
	ended := time.Now()
	peak := stop()
	last := time.Unix(0, s.lastRequest.Load())
	t.Logf("peak heap %.1f MB, import %s, %s after the last request; %d profiles requested; %+v",
		float64(peak)/(1<<20), ended.Sub(start).Round(time.Millisecond), ended.Sub(last).Round(time.Millisecond), s.profiles.Load(), sum.RunCounts)
	if peak > 100<<20 {
		t.Errorf("peak heap %.0f MB, want under 100 MB", float64(peak)/(1<<20))
	}
	if d := ended.Sub(last); d > time.Second {
		t.Errorf("the import ended %s after its last request, want within a second", d.Round(time.Millisecond))
	}
	if got := s.profiles.Load(); got != budget-1-sitemaps {
		t.Errorf("%d profiles requested, want the %d the budget leaves after the index and its sitemaps", got, budget-1-sitemaps)
	}
	if sum.Added != budget-1-sitemaps {
		t.Errorf("added %d clusters, want %d", sum.Added, budget-1-sitemaps)
	}
	if p, ok := problemFor(sum, "/content/"); !ok || !strings.Contains(p.Reason, "page limit of 150") {
		t.Errorf("the limit was not reported: %+v", sum.Problems)
	}
}

// BenchmarkImport1500Profiles reads a sitemap of 1,500 profiles from a loopback server with no delay between
// requests into an empty catalogue; pages/s counts the profiles.
func BenchmarkImport1500Profiles(b *testing.B) {
	const profiles = 1500
	s := newBigSite(b, 1, profiles)
	for b.Loop() {
		b.StopTimer()
		store, err := data.Open(context.Background(), filepath.Join(b.TempDir(), "catalogue.db"))
		if err != nil {
			b.Fatal(err)
		}
		opts := testOptions()
		opts.MaxPages = profiles + 1
		b.StartTimer()
		sum, err := Import(context.Background(), []string{s.url("/sitemap.xml?page=1")}, opts, store)
		b.StopTimer()
		if err != nil || sum.Added != profiles {
			b.Fatalf("import: %v, %+v", err, sum.RunCounts)
		}
		store.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(profiles*b.N)/b.Elapsed().Seconds(), "pages/s")
}
