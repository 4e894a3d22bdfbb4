package scraper

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
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
	// Under the race detector the time is the detector's; the bound holds for the program as built.
	if d := ended.Sub(last); d > time.Second && !raceEnabled {
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

// stubNet answers DNS from a table and dials a public test address (TEST-NET, RFC 5737) by connecting to a
// loopback server instead, so that a test sees the guard let public addresses through without leaving the
// machine. It fails the test if anything else but loopback would be dialled.
type stubNet struct {
	t      *testing.T
	mu     sync.Mutex
	hosts  map[string]string // name → address it resolves to
	routes map[string]string // public address → loopback host:port serving it
	dialed []string
}

func (n *stubNet) LookupIPAddr(ctx context.Context, host string) ([]net.IPAddr, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if a, ok := n.hosts[host]; ok {
		return []net.IPAddr{{IP: net.ParseIP(a)}}, nil
	}
	if host == "localhost" {
		return []net.IPAddr{{IP: net.ParseIP("127.0.0.1")}}, nil
	}
	return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
}

func (n *stubNet) Dial(ctx context.Context, network, address string) (net.Conn, error) {
	n.mu.Lock()
	n.dialed = append(n.dialed, address)
	to, ok := n.routes[address]
	n.mu.Unlock()
	host, _, _ := net.SplitHostPort(address)
	if !ok {
		if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
			n.t.Errorf("the fetcher dialled %s, which is no loopback address", address)
			return nil, errors.New("test: no dialling out")
		}
		to = address
	}
	var d net.Dialer
	return d.DialContext(ctx, network, to)
}

// guardedFetcher is a test fetcher that resolves and dials only through n, with no proxy.
func guardedFetcher(n *stubNet) *Fetcher {
	f := testFetcher()
	f.Resolver = n
	f.Dial = n.Dial
	f.proxyOf = func(*http.Request) (*url.URL, error) { return nil, nil }
	return f
}

// listenOn starts a test server on a loopback address other than 127.0.0.1.
func listenOn(t *testing.T, addr string, h http.Handler) *httptest.Server {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		t.Skipf("cannot listen on %s: %v", addr, err)
	}
	srv := httptest.NewUnstartedServer(h)
	srv.Listener.Close()
	srv.Listener = l
	srv.Start()
	t.Cleanup(srv.Close)
	return srv
}

func sitemapOf(locs ...string) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)
	for _, l := range locs {
		fmt.Fprintf(&b, "<url><loc>%s</loc></url>\n", l)
	}
	b.WriteString("</urlset>")
	return []byte(b.String())
}

func TestSitemapLinksToOtherHostsAndPrivateAddressesAreNotFetched(t *testing.T) {
	s := newSite(t)
	other := newSite(t) // the same loopback address on another port: another site
	var elsewhere atomic.Int64
	far := listenOn(t, "127.0.0.2:0", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { elsewhere.Add(1) }))
	_, port, _ := net.SplitHostPort(s.srv.Listener.Addr().String())
	s.page("/sitemap.xml", "application/xml", sitemapOf(
		s.url("/content/odense-robotics"),
		other.url("/content/odense-robotics"),
		far.URL+"/content/far",
		"http://10.0.0.7/content/intranet",
		"http://169.254.169.254/content/latest",
		"http://192.168.1.1:"+port+"/content/router",
		"http://[::1]:"+port+"/content/odense-robotics",
		"http://attacker.example/content/x",
		// A source's own host that a hostile DNS answer points at a private address: refused at dial time.
		"http://www.clustercollaboration.eu:"+port+"/content/rebound",
	))
	s.page("/content/odense-robotics", htmlType, crawlPage(t, "profile-odense-robotics.html"))
	other.page("/content/odense-robotics", htmlType, crawlPage(t, "profile-odense-robotics.html"))
	n := &stubNet{t: t, hosts: map[string]string{"www.clustercollaboration.eu": "127.0.0.1", "attacker.example": "127.0.0.1"}}
	opts := testOptions()
	opts.Fetcher = guardedFetcher(n)
	store := openStore(t, false)
	sum := importOK(t, store, opts, s.url("/sitemap.xml"))

	if sum.Added != 1 || s.count("/content/odense-robotics") != 1 {
		t.Errorf("the sitemap's own page: %+v, read %d times; want it read once", sum.RunCounts, s.count("/content/odense-robotics"))
	}
	if got := other.count("/content/odense-robotics") + int(elsewhere.Load()); got != 0 {
		t.Errorf("%d requests reached other sites", got)
	}
	if got := s.count("/content/rebound") + s.count("/robots.txt"); got != 1 {
		t.Errorf("%d requests reached the start server besides its own robots.txt: a private address got through under a public name", got-1)
	}
	w, ok := problemFor(sum, "/sitemap.xml")
	if !ok || w.Kind != data.ProblemWarning || !strings.Contains(w.Reason, "7 links to other sites not followed") {
		t.Errorf("the links left were not reported on the sitemap: %+v", sum.Problems)
	}
	p, ok := problemFor(sum, "/content/rebound")
	if !ok || p.Kind != data.ProblemFailed || !strings.Contains(p.Reason, "private, loopback or link-local") {
		t.Errorf("the rebound address: %+v, want it failed as a private address", p)
	}
	for _, a := range n.dialed {
		if !strings.HasPrefix(a, "127.0.0.1:") {
			t.Errorf("dialled %s", a)
		}
	}
}

// A start address on this machine is read (a saved site served locally), and so are the sources' public
// addresses; a redirect to a private address is refused whichever way it is written.
func TestAddressGuardAtDialTime(t *testing.T) {
	s := newSite(t)
	public := newSite(t) // stands for a public source at 203.0.113.10
	public.page("/content/odense-robotics", htmlType, crawlPage(t, "profile-odense-robotics.html"))
	_, publicPort, _ := net.SplitHostPort(public.srv.Listener.Addr().String())
	_, port, _ := net.SplitHostPort(s.srv.Listener.Addr().String())
	n := &stubNet{t: t,
		hosts:  map[string]string{"eucles.be": "203.0.113.10", "www.cluster-analysis.org": "169.254.169.254", "localhost": "127.0.0.1"},
		routes: map[string]string{"203.0.113.10:" + publicPort: public.srv.Listener.Addr().String()},
	}
	s.handle("/to-public", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://eucles.be:"+publicPort+"/content/odense-robotics", http.StatusFound)
	})
	s.handle("/to-metadata", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://www.cluster-analysis.org:"+port+"/content/odense-robotics", http.StatusFound)
	})
	s.handle("/to-literal", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://127.0.0.2:"+port+"/content/odense-robotics", http.StatusFound)
	})
	s.page("/content/odense-robotics", htmlType, crawlPage(t, "profile-odense-robotics.html"))
	opts := testOptions()
	opts.Fetcher = guardedFetcher(n)
	store := openStore(t, false)
	sum, err := Import(context.Background(), []string{s.url("/to-public"), s.url("/to-metadata"), s.url("/to-literal"),
		"http://localhost:" + port + "/content/odense-robotics"}, opts, store)
	if err != nil {
		t.Fatal(err)
	}
	if public.count("/content/odense-robotics") != 1 {
		t.Errorf("the redirect to a public address was not followed: %+v", sum.Problems)
	}
	if got := s.count("/content/odense-robotics"); got != 1 {
		t.Errorf("the start server's profile was requested %d times, want once (as localhost, a start address)", got)
	}
	for _, part := range []string{"/to-metadata", "/to-literal"} {
		if p, ok := problemFor(sum, part); !ok || !strings.Contains(p.Reason, "private, loopback or link-local") {
			t.Errorf("%s: %+v, want refused as a private address", part, p)
		}
	}
	for _, a := range n.dialed {
		if strings.HasPrefix(a, "169.254.") || strings.HasPrefix(a, "127.0.0.2") {
			t.Errorf("dialled %s", a)
		}
	}
	for ip, want := range map[string]bool{"203.0.113.10": true, "2a00:1450::1": true, "127.0.0.1": false, "10.1.2.3": false,
		"172.16.0.1": false, "192.168.0.1": false, "169.254.169.254": false, "100.64.0.1": false, "0.0.0.0": false,
		"::1": false, "fe80::1": false, "fd00::1": false, "::ffff:127.0.0.1": false, "::ffff:10.0.0.1": false} {
		if got := publicIP(net.ParseIP(ip)); got != want {
			t.Errorf("publicIP(%s) = %v, want %v", ip, got, want)
		}
	}
}

// arrivals records when each request to a site came, by path.
type arrivals struct {
	mu    sync.Mutex
	times []time.Time
	paths []string
}

func (a *arrivals) note(r *http.Request) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.times = append(a.times, time.Now())
	a.paths = append(a.paths, r.URL.Path)
}

// shortestGap is the least time between two requests in a row.
func (a *arrivals) shortestGap() time.Duration {
	a.mu.Lock()
	defer a.mu.Unlock()
	least := time.Hour
	for i := 1; i < len(a.times); i++ {
		least = min(least, a.times[i].Sub(a.times[i-1]))
	}
	return least
}

func TestRobotsCrawlDelayIsHonoured(t *testing.T) {
	s := newSite(t)
	serveListing(s)
	var seen arrivals
	base := s.srv.Config.Handler
	s.srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { seen.note(r); base.ServeHTTP(w, r) })
	s.handle("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "User-agent: *\nCrawl-delay: 0.15\nDisallow: /private/\n")
	})
	store := openStore(t, false)
	sum := importOK(t, store, testOptions(), s.url("/search-results?type=cluster_organisation&page=0"))
	if sum.Added != 6 {
		t.Fatalf("summary %+v", sum.RunCounts)
	}
	if len(seen.times) != 9 {
		t.Fatalf("%d requests, want robots.txt, two listing pages and six profiles", len(seen.times))
	}
	// The fetcher's own delay is zero: every wait is the Crawl-delay's. The times are the server's, when each
	// request arrived, so one request slowed on its way (a busy machine) shortens the next gap without the
	// fetcher having hurried: the requests keep the delay on average, and no two come close together.
	seen.mu.Lock()
	span := seen.times[len(seen.times)-1].Sub(seen.times[1]) // from the first page, after robots.txt
	seen.mu.Unlock()
	if avg := span / time.Duration(len(seen.times)-2); avg < 145*time.Millisecond {
		t.Errorf("the pages came %s apart on average, want at least the Crawl-delay of 150ms", avg.Round(time.Millisecond))
	}
	if gap := seen.shortestGap(); gap < 75*time.Millisecond {
		t.Errorf("two requests came %s apart, want about the Crawl-delay of 150ms", gap.Round(time.Millisecond))
	}
}

// A redirect to another host asks that host's robots.txt and waits its turn there like any request.
func TestRedirectToAnotherHostHonoursItsRobotsAndRateLimit(t *testing.T) {
	var there arrivals
	var robots atomic.Int64
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		there.note(r)
		switch r.URL.Path {
		case "/robots.txt":
			robots.Add(1)
			fmt.Fprint(w, "User-agent: *\nDisallow: /closed/\n")
		case "/closed/odense-robotics":
			t.Errorf("a page the other host's robots.txt disallows was requested")
		default:
			w.Header().Set("Content-Type", htmlType)
			w.Write(crawlPage(t, "profile-"+strings.TrimPrefix(r.URL.Path, "/content/")+".html"))
		}
	}))
	defer other.Close()
	_, otherPort, _ := net.SplitHostPort(other.Listener.Addr().String())
	n := &stubNet{t: t, hosts: map[string]string{"eucles.be": "203.0.113.20"},
		routes: map[string]string{"203.0.113.20:" + otherPort: other.Listener.Addr().String()}}
	s := newSite(t)
	for from, to := range map[string]string{"/a": "/content/odense-robotics", "/b": "/closed/odense-robotics", "/c": "/content/mobile-heights"} {
		s.handle(from, func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "http://eucles.be:"+otherPort+to, http.StatusMovedPermanently)
		})
	}
	opts := testOptions()
	opts.Fetcher = guardedFetcher(n)
	opts.Fetcher.Delay = 150 * time.Millisecond
	store := openStore(t, false)
	sum := importOK(t, store, opts, s.url("/a"), s.url("/b"), s.url("/c"))

	if sum.Added != 2 {
		t.Errorf("summary %+v, want the two allowed profiles added", sum.RunCounts)
	}
	if p, ok := problemFor(sum, "/b"); !ok || p.Kind != data.ProblemSkipped || !strings.Contains(p.Reason, "robots.txt") {
		t.Errorf("the redirect to a disallowed page: %+v, want skipped for robots.txt", p)
	}
	if robots.Load() != 1 {
		t.Errorf("the other host's robots.txt was read %d times, want once", robots.Load())
	}
	if len(there.times) != 3 {
		t.Fatalf("the other host had %d requests (%v), want its robots.txt and two profiles", len(there.times), there.paths)
	}
	// Arrival times: a request slowed on its way shortens the next gap (see TestRobotsCrawlDelayIsHonoured);
	// without the delay they would come a few milliseconds apart.
	if gap := there.shortestGap(); gap < 100*time.Millisecond {
		t.Errorf("two requests to the other host came %s apart, want about the delay of 150ms", gap.Round(time.Millisecond))
	}
}

func TestFailingRobotsTxtIsRememberedForTheRun(t *testing.T) {
	s := newSite(t)
	serveListing(s)
	s.handle("/robots.txt", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down", http.StatusServiceUnavailable)
	})
	store := openStore(t, false)
	sum, err := Import(context.Background(), []string{s.url("/content/odense-robotics"), s.url("/content/mobile-heights"),
		s.url("/content/flanders-food")}, testOptions(), store)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.count("/robots.txt"); got != 1 {
		t.Errorf("robots.txt answering 503 was asked for %d times, want once in the run", got)
	}
	if got := s.count("/content/odense-robotics") + s.count("/content/mobile-heights") + s.count("/content/flanders-food"); got != 0 {
		t.Errorf("%d pages read without the site's rules", got)
	}
	if sum.Failed != 3 {
		t.Fatalf("summary %+v, want three pages failed", sum.RunCounts)
	}
	for _, p := range sum.Problems {
		if p.Reason != "cannot read robots.txt: the server answered HTTP 503; try again later" {
			t.Errorf("%s: %q", p.URL, p.Reason)
		}
	}
}

// A sitemap as large as the protocol allows is read, well past a page's cap; past 50,000 addresses, or past
// the sitemap cap once decompressed, it stops.
func TestSitemapsUpToTheProtocolsLimits(t *testing.T) {
	s := newSite(t)
	long := strings.Repeat("x", 120)
	// Links off the site are neither queued nor fetched, so nothing but the sitemap's own limits stops reading.
	var full bytes.Buffer
	full.WriteString(`<?xml version="1.0" encoding="UTF-8"?><urlset>`)
	for i := range MaxSitemapLinks + 10 {
		fmt.Fprintf(&full, "<url><loc>http://elsewhere.example/content/%s-%d</loc></url>\n", long, i)
	}
	full.WriteString("</urlset>")
	if full.Len() <= MaxPageBytes {
		t.Fatalf("the test sitemap is %d bytes, want more than a page may be", full.Len())
	}
	s.page("/sitemap.xml", "application/xml", full.Bytes())
	var zipped bytes.Buffer
	zw := gzip.NewWriter(&zipped)
	zw.Write([]byte(`<urlset>`))
	for range 40_000 {
		zw.Write([]byte("<url><loc>http://default/news/" + long + "</loc></url>\n"))
	}
	zw.Write([]byte(`</urlset>`))
	zw.Close()
	s.handle("/big.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/xml")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(zipped.Bytes())
	})
	store := openStore(t, false)

	sum := importOK(t, store, testOptions(), s.url("/sitemap.xml"))
	if sum.Failed != 0 || sum.Pages != 1 {
		t.Fatalf("a sitemap of %d bytes: %+v, %+v", full.Len(), sum.RunCounts, sum.Problems)
	}
	var capped, offSite bool
	for _, p := range sum.Problems {
		capped = capped || strings.Contains(p.Reason, "more than 50000 addresses")
		offSite = offSite || strings.Contains(p.Reason, fmt.Sprintf("%d links to other sites", MaxSitemapLinks))
	}
	if !capped || !offSite {
		t.Errorf("want the addresses past 50,000 left with a warning, and 50,000 links off the site: %+v", sum.Problems)
	}

	sum = importOK(t, store, testOptions(), s.url("/big.xml"))
	if sum.Failed != 0 {
		t.Errorf("a compressed sitemap of %d bytes (%d MB decompressed): %+v", zipped.Len(), 40_000*len(long)/1e6, sum.Problems)
	}
	opts := testOptions()
	opts.Fetcher.MaxSitemapBytes = 1 << 20
	sum = importOK(t, store, opts, s.url("/big.xml"))
	if p, ok := problemFor(sum, "/big.xml"); !ok || p.Reason != "sitemap larger than 1048576 bytes" {
		t.Errorf("a compressed sitemap over a 1 MiB cap once decompressed: %+v", p)
	}
}

// A sitemap that keeps coming may take longer than Timeout; one that stalls for Timeout fails as timed out.
func TestSlowSitemapIsReadWhileItKeepsComing(t *testing.T) {
	s := newSite(t)
	trickle := func(stallAfter int) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/xml")
			fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8"?><urlset>`)
			for i := range 8 {
				if i == stallAfter {
					select {
					case <-time.After(5 * time.Second):
					case <-r.Context().Done():
					}
					return
				}
				fmt.Fprintf(w, "<url><loc>%s</loc></url>\n", s.url(fmt.Sprintf("/content/page-%d", i)))
				w.(http.Flusher).Flush()
				time.Sleep(60 * time.Millisecond)
			}
			fmt.Fprint(w, "</urlset>")
		}
	}
	s.handle("/slow.xml", trickle(-1))
	s.handle("/stalled.xml", trickle(3))
	store := openStore(t, false)
	opts := testOptions()
	opts.Fetcher.Timeout = 250 * time.Millisecond
	sum := importOK(t, store, opts, s.url("/slow.xml"))
	if p, ok := problemFor(sum, "/slow.xml"); ok || sum.Pages != 1 {
		t.Errorf("a sitemap of 8 × 60ms with a time-out of 250ms: %+v, %+v", sum.RunCounts, p)
	}
	sum = importOK(t, store, opts, s.url("/stalled.xml"))
	if p, ok := problemFor(sum, "/stalled.xml"); !ok || !strings.Contains(p.Reason, "timed out") {
		t.Errorf("a sitemap that stalls: %+v, want it failed as timed out", p)
	}
}
