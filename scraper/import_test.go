package scraper

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"

	"clusterbridge/data"
	"clusterbridge/internal/testsite"
)

// crawlPage reads one of this package's crawl test pages.
func crawlPage(t testing.TB, name string) []byte {
	t.Helper()
	return testsite.Page(t, name)
}

// openStore opens a catalogue in a temporary folder, with the 248-cluster sample or empty.
func openStore(t testing.TB, sample bool) *data.Store {
	t.Helper()
	var opts []data.Option
	if sample {
		opts = append(opts, data.WithSeed(Sample))
	}
	s, err := data.Open(context.Background(), filepath.Join(t.TempDir(), "catalogue.db"), opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// site is a loopback web server of test pages that counts the requests for each page.
type site struct {
	srv  *httptest.Server
	mu   sync.Mutex
	hits map[string]int
	h    map[string]http.HandlerFunc
	uas  []string
}

func newSite(t *testing.T) *site {
	s := &site{hits: map[string]int{}, h: map[string]http.HandlerFunc{}}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := r.URL.RequestURI()
		s.mu.Lock()
		s.hits[key]++
		s.uas = append(s.uas, r.UserAgent())
		h := s.h[key]
		if h == nil {
			h = s.h[r.URL.Path]
		}
		s.mu.Unlock()
		if h == nil {
			http.NotFound(w, r)
			return
		}
		h(w, r)
	}))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *site) handle(path string, h http.HandlerFunc) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.h[path] = h
}

// page serves body at path with the content type, with an ETag so that a second read can be conditional.
func (s *site) page(path, contentType string, body []byte) {
	etag := fmt.Sprintf(`"%x"`, len(body)*31+int(body[len(body)/2]))
	s.handle(path, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", etag)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", contentType)
		w.Write(body)
	})
}

func (s *site) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

func (s *site) url(path string) string { return s.srv.URL + path }

const htmlType = "text/html; charset=utf-8"

// testFetcher is a Fetcher that does not wait between requests and gives up quickly.
func testFetcher() *Fetcher {
	f := NewFetcher("test")
	f.Delay = 0
	f.Timeout = 2 * time.Second
	f.RetryWait = 10 * time.Millisecond
	return f
}

func testOptions() ImportOptions { return ImportOptions{Fetcher: testFetcher()} }

func importOK(t *testing.T, store *data.Store, opts ImportOptions, sources ...string) Summary {
	t.Helper()
	sum, err := Import(context.Background(), sources, opts, store)
	if err != nil {
		t.Fatalf("import of %v: %v", sources, err)
	}
	return sum
}

func problemFor(sum Summary, urlPart string) (data.Problem, bool) {
	for _, p := range sum.Problems {
		if strings.Contains(p.URL, urlPart) {
			return p, true
		}
	}
	return data.Problem{}, false
}

func findOne(t *testing.T, store *data.Store, name string) data.Cluster {
	t.Helper()
	c, err := store.FindCluster(context.Background(), name)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return c
}

// serveListing serves the two ECCP listing pages and the six profiles they link to.
func serveListing(s *site) {
	s.page("/search-results?type=cluster_organisation&page=0", htmlType, crawlPageNoT("listing-page-0.html"))
	s.page("/search-results?type=cluster_organisation&page=1", htmlType, crawlPageNoT("listing-page-1.html"))
	for _, slug := range []string{"food-bio-cluster-denmark", "gce-ocean-technology", "catalan-water-partnership", "odense-robotics", "mobile-heights", "flanders-food"} {
		s.page("/content/"+slug, htmlType, crawlPageNoT("profile-"+slug+".html"))
	}
}

func crawlPageNoT(name string) []byte {
	b, err := testsite.ReadPage(name)
	if err != nil {
		panic(err)
	}
	return b
}

func TestImportFollowsListingCardsAndNextPages(t *testing.T) {
	s := newSite(t)
	serveListing(s)
	store := openStore(t, false)
	var progress []Progress
	opts := testOptions()
	opts.Progress = func(p Progress) { progress = append(progress, p) }
	sum := importOK(t, store, opts, s.url("/search-results?type=cluster_organisation&page=0"))

	if sum.Added != 6 || sum.Failed != 0 || !sum.AnyRead() {
		t.Fatalf("summary %+v, want 6 clusters added from two listing pages", sum)
	}
	if s.count("/search-results?type=cluster_organisation&page=1") != 1 {
		t.Errorf("the Next page was requested %d times, want once", s.count("/search-results?type=cluster_organisation&page=1"))
	}
	for _, name := range []string{"Food & Bio Cluster Denmark", "GCE Ocean Technology", "Catalan Water Partnership", "Odense Robotics", "Mobile Heights", "Flanders' FOOD"} {
		findOne(t, store, name)
	}
	if len(progress) != 8 {
		t.Errorf("progress reported %d times, want once per page (8)", len(progress))
	}
	if last := progress[len(progress)-1]; last.Done != 8 || last.Total != 8 || last.Counts.Added != 6 {
		t.Errorf("last progress %+v", last)
	}
	for _, ua := range s.uas {
		if !strings.HasPrefix(ua, "ClusterBridge/test") {
			t.Errorf("request with User-Agent %q", ua)
		}
	}
}

func TestImportStopsAtThePageLimit(t *testing.T) {
	s := newSite(t)
	serveListing(s)
	store := openStore(t, false)
	opts := testOptions()
	opts.MaxPages = 3
	sum := importOK(t, store, opts, s.url("/search-results?type=cluster_organisation&page=0"))
	if sum.Added != 2 {
		t.Errorf("added %d with a limit of 3 pages (a listing and two profiles), want 2", sum.Added)
	}
	if p, ok := problemFor(sum, "/content/"); !ok || !strings.Contains(p.Reason, "page limit of 3") {
		t.Errorf("the limit was not reported: %+v", sum.Problems)
	}
}

func TestImportHonoursRobotsTxt(t *testing.T) {
	s := newSite(t)
	serveListing(s)
	s.handle("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "User-agent: *\nDisallow: /content/odense-robotics\n")
	})
	store := openStore(t, false)
	sum := importOK(t, store, testOptions(), s.url("/search-results?type=cluster_organisation&page=0"))
	if got := s.count("/content/odense-robotics"); got != 0 {
		t.Errorf("a page robots.txt disallows was requested %d times", got)
	}
	p, ok := problemFor(sum, "/content/odense-robotics")
	if !ok || p.Kind != data.ProblemSkipped || !strings.Contains(p.Reason, "robots.txt") {
		t.Errorf("the disallowed page was not reported as skipped: %+v", sum.Problems)
	}
	if sum.Added != 5 || sum.Skipped != 1 {
		t.Errorf("summary %+v, want 5 added, 1 skipped", sum.RunCounts)
	}
	if got := s.count("/robots.txt"); got != 1 {
		t.Errorf("robots.txt read %d times, want once per host", got)
	}
}

func TestImportRetriesWhenAskedToSlowDown(t *testing.T) {
	s := newSite(t)
	body := crawlPage(t, "profile-odense-robotics.html")
	tries := 0
	s.handle("/content/odense-robotics", func(w http.ResponseWriter, r *http.Request) {
		tries++
		if tries == 1 {
			w.Header().Set("Retry-After", "0")
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return
		}
		if tries == 2 {
			w.Header().Set("Retry-After", time.Now().Add(-time.Second).UTC().Format(http.TimeFormat))
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", htmlType)
		w.Write(body)
	})
	store := openStore(t, false)
	sum := importOK(t, store, testOptions(), s.url("/content/odense-robotics"))
	if sum.Added != 1 || sum.Failed != 0 || tries != 3 {
		t.Errorf("after 429 and 503: summary %+v after %d tries, want the page read on the third", sum, tries)
	}
}

func TestRetryAfterIsRead(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for h, want := range map[string]time.Duration{
		"":     0,
		"7":    7 * time.Second,
		"soon": 0,
		now.Add(90 * time.Second).Format(http.TimeFormat): 90 * time.Second,
	} {
		if got := retryAfterOf(h, now); got != want {
			t.Errorf("Retry-After %q gives %s, want %s", h, got, want)
		}
	}
}

func TestImportGivesUpOnALongRetryAfter(t *testing.T) {
	s := newSite(t)
	s.handle("/content/x", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "3600")
		http.Error(w, "later", http.StatusServiceUnavailable)
	})
	store := openStore(t, false)
	sum := importOK(t, store, testOptions(), s.url("/content/x"))
	if p, ok := problemFor(sum, "/content/x"); !ok || !strings.Contains(p.Reason, "wait 1h0m0s") {
		t.Errorf("problems %+v, want the page failed with the wait asked for", sum.Problems)
	}
}

func TestImportRecordsAServerErrorAndGoesOn(t *testing.T) {
	s := newSite(t)
	serveListing(s)
	s.handle("/content/gce-ocean-technology", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "boom", http.StatusInternalServerError)
	})
	store := openStore(t, false)
	sum := importOK(t, store, testOptions(), s.url("/search-results?type=cluster_organisation&page=0"))
	if sum.Added != 5 || sum.Failed != 1 || !sum.AnyRead() {
		t.Errorf("summary %+v, want 5 added and 1 failed", sum.RunCounts)
	}
	p, ok := problemFor(sum, "/content/gce-ocean-technology")
	if !ok || p.Kind != data.ProblemFailed || !strings.Contains(p.Reason, "HTTP 500") {
		t.Errorf("problems %+v", sum.Problems)
	}
	runs, err := store.ImportRuns(context.Background(), 1)
	if err != nil || len(runs) != 1 {
		t.Fatal(runs, err)
	}
	if r := runs[0]; r.Counts.Failed != 1 || r.Counts.Added != 5 || r.FinishedAt.IsZero() || len(r.Problems) != 1 ||
		!strings.Contains(r.Problems[0].URL, "gce-ocean-technology") || r.Problems[0].Reason != p.Reason {
		t.Errorf("recorded run %+v", r)
	}
}

func TestImportReportsRedirectsToALoginPageAndLoops(t *testing.T) {
	s := newSite(t)
	s.handle("/content/members-only", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/user/login?destination=/content/members-only", http.StatusFound)
	})
	s.handle("/a", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/b", http.StatusFound) })
	s.handle("/b", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/a", http.StatusFound) })
	hops := 0
	s.handle("/far", func(w http.ResponseWriter, r *http.Request) {
		hops++
		http.Redirect(w, r, fmt.Sprintf("/far?hop=%d", hops), http.StatusFound)
	})
	store := openStore(t, false)
	sum := importOK(t, store, testOptions(), s.url("/content/members-only"), s.url("/a"), s.url("/far"))
	if sum.AnyRead() || sum.Failed != 3 {
		t.Fatalf("summary %+v, want nothing read and three failures", sum)
	}
	for part, want := range map[string]string{"members-only": "needs a login", "/a": "redirect loop", "/far": "too many redirects"} {
		if p, ok := problemFor(sum, part); !ok || !strings.Contains(p.Reason, want) {
			t.Errorf("%s: problem %+v, want %q", part, p, want)
		}
	}
	if got := s.count("/user/login?destination=/content/members-only"); got != 0 {
		t.Errorf("the login page was requested %d times", got)
	}
}

func TestImportTimesOutOnASlowServer(t *testing.T) {
	s := newSite(t)
	release := make(chan struct{})
	defer close(release)
	s.handle("/content/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	store := openStore(t, false)
	opts := testOptions()
	opts.Fetcher.Timeout = 150 * time.Millisecond
	start := time.Now()
	sum := importOK(t, store, opts, s.url("/content/slow"))
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("the slow page held the import for %s", d)
	}
	if p, ok := problemFor(sum, "/content/slow"); !ok || !strings.Contains(p.Reason, "timed out") {
		t.Errorf("problems %+v, want a time-out", sum.Problems)
	}
}

func TestImportRefusesOversizedAndNonHTMLPages(t *testing.T) {
	s := newSite(t)
	big := bytes.Repeat([]byte("<p>cluster</p>\n"), (MaxPageBytes/15)+10)
	s.handle("/content/big", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", htmlType)
		w.(http.Flusher).Flush() // no Content-Length: the cap must hold while reading
		w.Write(big)
	})
	s.page("/files/brochure.pdf", "application/pdf", []byte("%PDF-1.4 ..."))
	s.page("/content/odense-robotics", htmlType, crawlPage(t, "profile-odense-robotics.html"))
	store := openStore(t, false)
	sum := importOK(t, store, testOptions(), s.url("/content/big"), s.url("/files/brochure.pdf"), s.url("/content/odense-robotics"))
	if p, _ := problemFor(sum, "/content/big"); p.Reason != "page larger than 5 MiB" {
		t.Errorf("oversized page: %+v", p)
	}
	if p, _ := problemFor(sum, "brochure.pdf"); !strings.Contains(p.Reason, "not an HTML, XML or CSV page") || !strings.Contains(p.Reason, "application/pdf") {
		t.Errorf("PDF: %+v", p)
	}
	if sum.Added != 1 || sum.Failed != 2 || !sum.AnyRead() {
		t.Errorf("summary %+v", sum.RunCounts)
	}
}

func TestImportKeepsLatin1Letters(t *testing.T) {
	page := string(crawlPage(t, "profile-odense-robotics.html"))
	page = strings.ReplaceAll(page, "Odense Robotics", "Småland Énergie Cluster")
	page = strings.ReplaceAll(page, "odenserobotics.dk", "smaland-energie.se")
	page = strings.ReplaceAll(page, `charset="utf-8"`, `charset="iso-8859-1"`)
	latin1, err := charmap.ISO8859_1.NewEncoder().String(page)
	if err != nil {
		t.Fatal(err)
	}
	s := newSite(t)
	s.page("/content/smaland", "text/html; charset=iso-8859-1", []byte(latin1))
	store := openStore(t, false)
	sum := importOK(t, store, testOptions(), s.url("/content/smaland"))
	if sum.Added != 1 {
		t.Fatalf("summary %+v", sum)
	}
	all, _ := store.AllClusters(context.Background())
	if len(all) != 1 || all[0].Name != "Småland Énergie Cluster" {
		t.Errorf("catalogue holds %q, want \"Småland Énergie Cluster\"", all[0].Name)
	}
}

func TestSitemapPagesNotChangedSinceTheLastReadAreNotFetched(t *testing.T) {
	s := newSite(t)
	sitemap := strings.ReplaceAll(string(crawlPage(t, "sitemap.xml")), "http://default", s.srv.URL)
	s.page("/sitemap.xml", "application/xml; charset=utf-8", []byte(sitemap))
	serveListing(s)
	s.page("/content/textilscat-award", htmlType, crawlPage(t, "news-textilscat-award.html"))
	store := openStore(t, true)

	first := importOK(t, store, testOptions(), s.url("/sitemap.xml"))
	if first.Updated+first.Added != 4 || first.Failed != 1 || first.Skipped != 1 {
		t.Errorf("first import %+v, want four profiles read, the news item skipped, partner-search failed (404)", first.RunCounts)
	}
	if p, ok := problemFor(first, "textilscat-award"); !ok || p.Kind != data.ProblemSkipped {
		t.Errorf("the news item was not reported as skipped: %+v", first.Problems)
	}
	before := s.count("/content/food-bio-cluster-denmark")

	second := importOK(t, store, testOptions(), s.url("/sitemap.xml"))
	if got := s.count("/content/food-bio-cluster-denmark") - before; got != 0 {
		t.Errorf("the second import requested an unchanged profile %d times", got)
	}
	if second.Unchanged != 4 || second.Added+second.Updated != 0 {
		t.Errorf("second import %+v, want 4 unchanged", second.RunCounts)
	}
	if s.count("/sitemap.xml") != 2 {
		t.Errorf("the sitemap itself must be read each time")
	}
}

func TestConditionalRequestsFindPagesUnchanged(t *testing.T) {
	s := newSite(t)
	serveListing(s)
	store := openStore(t, true)
	importOK(t, store, testOptions(), s.url("/content/food-bio-cluster-denmark"))
	notModified := 0
	body := crawlPage(t, "profile-food-bio-cluster-denmark.html")
	s.handle("/content/food-bio-cluster-denmark", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") != "" {
			notModified++
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", htmlType)
		w.Write(body)
	})
	sum := importOK(t, store, testOptions(), s.url("/content/food-bio-cluster-denmark"))
	if notModified != 1 || sum.Unchanged != 1 || sum.Updated+sum.Added != 0 || !sum.AnyRead() {
		t.Errorf("second read: %d conditional answers, summary %+v; want one 304 and 1 unchanged", notModified, sum.RunCounts)
	}
}

func TestImportOfNothingReadable(t *testing.T) {
	store := openStore(t, false)
	sum := importOK(t, store, testOptions(), filepath.Join(t.TempDir(), "missing.html"), "ftp://example.org/x")
	if sum.AnyRead() || sum.Failed != 2 {
		t.Errorf("summary %+v, want nothing read, two failures", sum)
	}
}

// The live listing ends with one empty page (no cards, no next link): the crawl stops there, failing nothing.
func TestImportEndsAtTheEmptyLastListingPage(t *testing.T) {
	s := newSite(t)
	serveListing(s)
	page1 := strings.Replace(string(crawlPage(t, "listing-page-1.html")), `<li class="pager__item is-active">Page 2</li>`,
		`<li class="pager__item is-active">Page 2</li><li class="pager__item pager__item--next"><a href="?type=cluster_organisation&amp;page=2" rel="next" aria-label="Next page">Next</a></li>`, 1)
	s.page("/search-results?type=cluster_organisation&page=1", htmlType, []byte(page1))
	s.page("/search-results?type=cluster_organisation&page=2", htmlType, testPage(t, "eccp-listing-page-2-empty.html"))
	store := openStore(t, false)
	sum := importOK(t, store, testOptions(), s.url("/search-results?type=cluster_organisation&page=0"))
	if s.count("/search-results?type=cluster_organisation&page=2") != 1 {
		t.Fatalf("the empty last page was requested %d times, want once", s.count("/search-results?type=cluster_organisation&page=2"))
	}
	if sum.Added != 6 || sum.Failed != 0 || len(sum.Problems) != 0 {
		t.Errorf("summary %+v, problems %+v; want 6 added and no problem", sum.RunCounts, sum.Problems)
	}
}
