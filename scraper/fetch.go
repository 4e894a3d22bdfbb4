package scraper

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/temoto/robotstxt"
	"golang.org/x/time/rate"

	"clusterbridge/data"
)

// MaxPageBytes is the largest page the Fetcher reads by default.
const MaxPageBytes = 5 << 20

// MaxSitemapBytes is the largest sitemap the Fetcher reads by default: the sitemap protocol's own limit. A
// sitemap is read as it arrives, so its size costs no memory; a compressed one is capped after decompression.
const MaxSitemapBytes = 50 << 20

// agentName is the product token robots.txt rules are matched against.
const agentName = "ClusterBridge"

// Errors a fetch can end with, for errors.Is; the error text says more.
var (
	ErrDisallowed   = errors.New("robots.txt disallows reading it")
	ErrNeedsLogin   = errors.New("needs a login")
	ErrTooLarge     = errors.New("page larger than 5 MiB")
	ErrSitemapSize  = errors.New("sitemap larger than 50 MB, the most the sitemap protocol allows")
	ErrPrivateHost  = errors.New("not read: the address is on a private, loopback or link-local network, which a crawl reaches only when it starts there")
	ErrContentType  = errors.New("not an HTML, XML or CSV page")
	ErrBadScheme    = errors.New("only http and https addresses can be read")
	ErrTooManyHops  = errors.New("too many redirects")
	ErrRedirectLoop = errors.New("redirect loop")
)

// Resolver finds a host's addresses; *net.Resolver is one. Tests give a stub.
type Resolver interface {
	LookupIPAddr(ctx context.Context, host string) ([]net.IPAddr, error)
}

// Fetcher reads pages politely: it says who it is, honours robots.txt, waits between requests to one host,
// retries when asked to slow down, and refuses what is no page of a source. Make one with NewFetcher; it is
// safe for use from several goroutines.
type Fetcher struct {
	// Version goes into the User-Agent: "ClusterBridge/<Version> (+contact)".
	Version string
	// Delay is the least time between two requests to one host (NewFetcher: 1s). Zero does not wait.
	Delay time.Duration
	// Timeout bounds one request, body included (NewFetcher: 30s). A sitemap, which may be 50 MB and is read
	// while its links are queued, may take longer as long as it keeps coming: Timeout bounds each wait for more.
	Timeout time.Duration
	// MaxBytes is the largest page read (NewFetcher: MaxPageBytes); MaxSitemapBytes the largest sitemap
	// (NewFetcher: MaxSitemapBytes).
	MaxBytes, MaxSitemapBytes int64
	// MaxRedirects is how many redirects one request may follow (NewFetcher: 5).
	MaxRedirects int
	// MaxTries bounds the attempts when the server answers 429 or 503 (NewFetcher: 4).
	MaxTries int
	// RetryWait is the first wait before retrying when the server gives no Retry-After; it doubles with each
	// try (NewFetcher: 2s). MaxRetryWait is the longest wait accepted, Retry-After included (NewFetcher: 2m).
	RetryWait, MaxRetryWait time.Duration
	// Resolver finds the addresses of a host before it is dialled (nil: net.DefaultResolver), and Dial connects
	// to one checked address (nil: a net.Dialer). Every address is checked at dial time, after DNS and at every
	// redirect: a private, loopback or link-local one is refused unless its host is a start address.
	Resolver Resolver
	Dial     func(ctx context.Context, network, address string) (net.Conn, error)

	client   *http.Client
	mu       sync.Mutex
	limiters map[string]*rate.Limiter
	robots   map[string]*robotsEntry
	trusted  map[string]bool // hosts that may be on a private network: the start addresses
	// proxyOf finds the proxy of a request (nil: the environment's); tests give one that says none.
	proxyOf func(*http.Request) (*url.URL, error)
}

type robotsEntry struct {
	once sync.Once
	data *robotstxt.RobotsData
	err  error // remembered for the run: a site whose robots.txt fails is not asked again for every page
}

// NewFetcher returns a Fetcher with the polite defaults; version goes into the User-Agent.
func NewFetcher(version string) *Fetcher {
	return &Fetcher{
		Version:         version,
		Delay:           time.Second,
		Timeout:         30 * time.Second,
		MaxBytes:        MaxPageBytes,
		MaxSitemapBytes: MaxSitemapBytes,
		MaxRedirects:    5,
		MaxTries:        4,
		RetryWait:       2 * time.Second,
		MaxRetryWait:    2 * time.Minute,
	}
}

// UserAgent is what the Fetcher calls itself.
func (f *Fetcher) UserAgent() string {
	v := f.Version
	if v == "" {
		v = "dev"
	}
	return agentName + "/" + v + " (cluster catalogue for cluster advisors)"
}

// Response is a page as the server gave it.
type Response struct {
	URL         string // after redirects
	Body        []byte
	ContentType string
	// NotModified is true when the server answered 304 to a conditional request: Body is then empty.
	NotModified bool
	// Validators are the page's ETag and Last-Modified, to be remembered with its records.
	Validators data.Validators
}

// Fetch reads one page whole. When prev holds an ETag or Last-Modified, the request is conditional and an
// unchanged page comes back with NotModified set.
func (f *Fetcher) Fetch(ctx context.Context, pageURL string, prev data.Validators) (*Response, error) {
	return f.Visit(ctx, pageURL, prev, nil)
}

// SitemapReader reads a sitemap as it arrives; res has no Body, and body ends with ErrSitemapSize past the
// cap. Stopping early is fine: the rest is not downloaded.
type SitemapReader func(res *Response, body io.Reader) error

// Visit reads one page like Fetch, except that a sitemap is handed to readSitemap as it arrives instead of being
// read whole (when readSitemap is not nil); the returned Response has no Body then.
func (f *Fetcher) Visit(ctx context.Context, pageURL string, prev data.Validators, readSitemap SitemapReader) (*Response, error) {
	u, err := url.Parse(pageURL)
	if err != nil || u.Host == "" {
		return nil, errors.New("not a web address: write it as https://host/path")
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, ErrBadScheme
	}
	if err := f.checkLiteralHost(u.Hostname()); err != nil {
		return nil, err
	}
	ok, err := f.allowed(ctx, u)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, ErrDisallowed
	}
	tries := max(f.MaxTries, 1)
	for try := 1; ; try++ {
		resp, retryAfter, err := f.do(ctx, u, prev, readSitemap)
		if err != nil || retryAfter < 0 {
			return resp, err
		}
		if try >= tries {
			return nil, fmt.Errorf("the server is busy (asked to retry %d times); try again later", try)
		}
		wait := retryAfter
		if wait == 0 {
			wait = f.RetryWait << (try - 1)
		}
		if f.MaxRetryWait > 0 && wait > f.MaxRetryWait {
			return nil, fmt.Errorf("the server asks to wait %s before retrying; try again later", wait.Round(time.Second))
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, ctx.Err()
		case <-t.C:
		}
	}
}

// do makes one request. A retryAfter of 0 or more asks for another try after that long (0: back off).
func (f *Fetcher) do(ctx context.Context, u *url.URL, prev data.Validators, readSitemap SitemapReader) (_ *Response, retryAfter time.Duration, _ error) {
	if err := f.wait(ctx, u.Host); err != nil {
		return nil, -1, err
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var deadline *time.Timer
	if f.Timeout > 0 {
		deadline = time.AfterFunc(f.Timeout, func() { cancel(errTimedOut) })
		defer deadline.Stop()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, -1, err
	}
	req.Header.Set("User-Agent", f.UserAgent())
	req.Header.Set("Accept", "text/html, application/xhtml+xml, application/xml;q=0.9, text/xml;q=0.9, text/csv;q=0.8")
	if prev.ETag != "" {
		req.Header.Set("If-None-Match", prev.ETag)
	}
	if prev.LastModified != "" {
		req.Header.Set("If-Modified-Since", prev.LastModified)
	}
	res, err := f.httpClient().Do(req)
	if err != nil {
		return nil, -1, f.explain(ctx, err)
	}
	defer res.Body.Close()
	final := res.Request.URL.String()
	switch {
	case res.StatusCode == http.StatusNotModified:
		return &Response{URL: final, NotModified: true, Validators: prev}, -1, nil
	case res.StatusCode == http.StatusTooManyRequests || res.StatusCode == http.StatusServiceUnavailable:
		io.Copy(io.Discard, io.LimitReader(res.Body, 64<<10))
		return nil, retryAfterOf(res.Header.Get("Retry-After"), time.Now()), nil
	case res.StatusCode == http.StatusUnauthorized || res.StatusCode == http.StatusForbidden:
		return nil, -1, fmt.Errorf("%w or is forbidden (HTTP %d)", ErrNeedsLogin, res.StatusCode)
	case res.StatusCode == http.StatusNotFound || res.StatusCode == http.StatusGone:
		return nil, -1, fmt.Errorf("not found (HTTP %d)", res.StatusCode)
	case res.StatusCode >= 500:
		return nil, -1, fmt.Errorf("server error (HTTP %d)", res.StatusCode)
	case res.StatusCode != http.StatusOK:
		return nil, -1, fmt.Errorf("unexpected answer (HTTP %d %s)", res.StatusCode, http.StatusText(res.StatusCode))
	}
	ct := res.Header.Get("Content-Type")
	if !acceptable(ct, res.Request.URL.Path) {
		mt, _, _ := mime.ParseMediaType(ct)
		return nil, -1, fmt.Errorf("%w (it is %s)", ErrContentType, mt)
	}
	page := &Response{
		URL:         final,
		ContentType: ct,
		Validators:  data.Validators{ETag: res.Header.Get("ETag"), LastModified: res.Header.Get("Last-Modified")},
	}
	// A sitemap may be ten times the size of a page; which one it is shows in its first bytes. While they come,
	// and through a whole sitemap, the deadline moves with the bytes arriving.
	idle := &idleReader{r: res.Body, deadline: deadline, idle: f.Timeout, on: true}
	br := bufio.NewReaderSize(idle, sniffBytes)
	head, _ := br.Peek(sniffBytes)
	limit, tooLarge := f.maxBytes(), f.tooLarge()
	sitemap := looksLikeSitemap(head)
	idle.on = sitemap && readSitemap != nil
	if sitemap {
		limit, tooLarge = f.maxSitemapBytes(), f.sitemapTooLarge()
	}
	if res.ContentLength > limit {
		return nil, -1, tooLarge
	}
	body := &cappedReader{r: br, left: limit, err: tooLarge}
	if idle.on {
		if err := readSitemap(page, body); err != nil {
			return nil, -1, f.explain(ctx, err)
		}
		return page, -1, nil
	}
	page.Body, err = io.ReadAll(body)
	if err != nil {
		return nil, -1, f.explain(ctx, err)
	}
	return page, -1, nil
}

// errTimedOut is why a request's context ends when Timeout has passed.
var errTimedOut = errors.New("timed out")

// idleReader pushes the deadline back whenever bytes arrive, while on.
type idleReader struct {
	r        io.Reader
	deadline *time.Timer // nil: no deadline
	idle     time.Duration
	on       bool
}

func (i *idleReader) Read(p []byte) (int, error) {
	n, err := i.r.Read(p)
	if n > 0 && i.on && i.deadline != nil {
		i.deadline.Reset(i.idle)
	}
	return n, err
}

// sniffBytes is how much of a body is looked at to tell a sitemap from a page.
const sniffBytes = 4096

// cappedReader reads at most left bytes and then fails with err, so that a body over the cap is refused, not
// cut short.
type cappedReader struct {
	r    io.Reader
	left int64
	err  error
}

func (c *cappedReader) Read(p []byte) (int, error) {
	if c.left <= 0 {
		// One byte more tells a body of exactly the cap from a longer one.
		var one [1]byte
		if n, _ := io.ReadFull(c.r, one[:]); n > 0 {
			return 0, c.err
		}
		return 0, io.EOF
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}

func (f *Fetcher) maxBytes() int64 {
	if f.MaxBytes > 0 {
		return f.MaxBytes
	}
	return MaxPageBytes
}

func (f *Fetcher) tooLarge() error {
	if f.maxBytes() == MaxPageBytes {
		return ErrTooLarge
	}
	return fmt.Errorf("page larger than %d bytes", f.maxBytes())
}

func (f *Fetcher) maxSitemapBytes() int64 {
	if f.MaxSitemapBytes > 0 {
		return f.MaxSitemapBytes
	}
	return MaxSitemapBytes
}

func (f *Fetcher) sitemapTooLarge() error {
	if f.maxSitemapBytes() == MaxSitemapBytes {
		return ErrSitemapSize
	}
	return fmt.Errorf("sitemap larger than %d bytes", f.maxSitemapBytes())
}

// explain turns a transport error into words, keeping a cancellation recognisable.
func (f *Fetcher) explain(ctx context.Context, err error) error {
	for _, sentinel := range []error{ErrNeedsLogin, ErrTooManyHops, ErrRedirectLoop, ErrBadScheme, ErrDisallowed, ErrPrivateHost} {
		if errors.Is(err, sentinel) {
			return sentinel
		}
	}
	if ctx.Err() == context.DeadlineExceeded || errors.Is(context.Cause(ctx), errTimedOut) || isTimeout(err) {
		return fmt.Errorf("no complete answer within %s (timed out)", f.Timeout)
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return fmt.Errorf("cannot reach the server: %v", ue.Err)
	}
	return err
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// acceptable says whether a Content-Type is one Parse reads; a missing one is let through for Parse to judge.
func acceptable(contentType, path string) bool {
	if strings.TrimSpace(contentType) == "" {
		return true
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	switch {
	case mt == "text/html", mt == "application/xhtml+xml", mt == "application/xml", mt == "text/xml",
		strings.HasSuffix(mt, "+xml"), mt == "text/csv", mt == "application/csv":
		return true
	case mt == "text/plain", mt == "application/octet-stream", mt == "application/vnd.ms-excel":
		return strings.HasSuffix(strings.ToLower(path), ".csv")
	}
	return false
}

// retryAfterOf reads a Retry-After header: delay-seconds or an HTTP date. It returns 0 (back off) when absent
// or unreadable.
func retryAfterOf(h string, now time.Time) time.Duration {
	h = strings.TrimSpace(h)
	if h == "" {
		return 0
	}
	if n, err := strconv.Atoi(h); err == nil {
		if n < 0 {
			return 0
		}
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(h); err == nil {
		if d := t.Sub(now); d > 0 {
			return d
		}
		return time.Millisecond
	}
	return 0
}

func (f *Fetcher) httpClient() *http.Client {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.client == nil {
		tr := http.DefaultTransport.(*http.Transport).Clone()
		if f.Timeout > 0 {
			tr.ResponseHeaderTimeout = f.Timeout
			tr.TLSHandshakeTimeout = min(f.Timeout, 10*time.Second)
		}
		tr.DialContext = f.dialChecked
		tr.Proxy = f.proxy
		// No client Timeout: each request has its own deadline, which a sitemap pushes back as it arrives.
		f.client = &http.Client{Transport: tr, CheckRedirect: f.checkRedirect}
	}
	return f.client
}

// proxy is the environment's proxy, which the user chose: it is trusted even on a private network. The proxy
// resolves the names then, so an address literal is still checked before the request (checkLiteralHost).
func (f *Fetcher) proxy(req *http.Request) (*url.URL, error) {
	proxyOf := f.proxyOf
	if proxyOf == nil {
		proxyOf = http.ProxyFromEnvironment
	}
	p, err := proxyOf(req)
	if p != nil {
		f.trust(p.Hostname())
	}
	return p, err
}

// trust lets host be reached on a private, loopback or link-local network: a start address, which the user
// gave (a saved site served locally), or the user's proxy.
func (f *Fetcher) trust(host string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.trusted == nil {
		f.trusted = map[string]bool{}
	}
	f.trusted[strings.ToLower(host)] = true
}

func (f *Fetcher) isTrusted(host string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.trusted[strings.ToLower(host)]
}

// checkLiteralHost refuses an address literal on a private network before any request (a proxy would not).
func (f *Fetcher) checkLiteralHost(host string) error {
	ip := net.ParseIP(strings.Trim(host, "[]"))
	if ip == nil || publicIP(ip) || f.isTrusted(host) {
		return nil
	}
	return ErrPrivateHost
}

// dialChecked resolves the host itself and dials only addresses it may reach, so that neither a name that
// resolves to a private address nor a redirect gets past the check.
func (f *Fetcher) dialChecked(ctx context.Context, network, address string) (net.Conn, error) {
	host, port, err := net.SplitHostPort(address)
	if err != nil {
		return nil, err
	}
	var ips []net.IP
	if ip := net.ParseIP(host); ip != nil {
		ips = []net.IP{ip}
	} else {
		var r Resolver = net.DefaultResolver
		if f.Resolver != nil {
			r = f.Resolver
		}
		addrs, err := r.LookupIPAddr(ctx, host)
		if err != nil {
			return nil, err
		}
		for _, a := range addrs {
			ips = append(ips, a.IP)
		}
	}
	dial := f.Dial
	if dial == nil {
		dial = (&net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}).DialContext
	}
	trusted := f.isTrusted(host)
	err = fmt.Errorf("%s has no address", host)
	for _, ip := range ips {
		if !trusted && !publicIP(ip) {
			err = &net.OpError{Op: "dial", Net: network, Err: ErrPrivateHost}
			continue
		}
		conn, derr := dial(ctx, network, net.JoinHostPort(ip.String(), port))
		if derr == nil {
			return conn, nil
		}
		err = derr
	}
	return nil, err
}

// publicIP says whether ip is on the public internet: not loopback, private (RFC 1918, fc00::/7), link-local
// (cloud metadata services live there), shared (carrier-grade NAT), unspecified or multicast.
func publicIP(ip net.IP) bool {
	if ip4 := ip.To4(); ip4 != nil {
		ip = ip4
		if ip4[0] == 0 || ip4[0] == 100 && ip4[1]&0xc0 == 64 {
			return false // "this network" and 100.64.0.0/10
		}
	}
	return !(ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsInterfaceLocalMulticast() || ip.IsMulticast() || ip.IsUnspecified())
}

// robotsRequest marks the context of a robots.txt request, whose redirects are not checked against robots.txt.
type robotsRequest struct{}

// checkRedirect caps redirects, stops loops and refuses a login page or another scheme. Every hop is a request
// like any other: its host's robots.txt and rate limit apply.
func (f *Fetcher) checkRedirect(req *http.Request, via []*http.Request) error {
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return ErrBadScheme
	}
	if p := strings.ToLower(req.URL.Path); strings.HasPrefix(p, "/user/login") || strings.Contains(p, "/login") && req.URL.Query().Has("destination") {
		return ErrNeedsLogin
	}
	for _, v := range via {
		if v.URL.String() == req.URL.String() {
			return ErrRedirectLoop
		}
	}
	if n := f.MaxRedirects; len(via) > max(n, 0) {
		return fmt.Errorf("%w (more than %d)", ErrTooManyHops, n)
	}
	if err := f.checkLiteralHost(req.URL.Hostname()); err != nil {
		return err
	}
	ctx := req.Context()
	if ctx.Value(robotsRequest{}) == nil {
		ok, err := f.allowed(ctx, req.URL)
		if err != nil {
			return err
		}
		if !ok {
			return ErrDisallowed
		}
	}
	return f.wait(ctx, req.URL.Host)
}

// wait holds back until the host may be asked again: Delay, or the Crawl-delay of its robots.txt if longer.
func (f *Fetcher) wait(ctx context.Context, host string) error {
	l := f.limiter(host, f.Delay)
	if l == nil {
		return ctx.Err()
	}
	return l.Wait(ctx)
}

// limiter is the host's rate limiter, made or slowed down to one request per every; nil while there is no wait.
func (f *Fetcher) limiter(host string, every time.Duration) *rate.Limiter {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.limiters == nil {
		f.limiters = map[string]*rate.Limiter{}
	}
	l := f.limiters[host]
	switch {
	case l == nil && every > 0:
		l = rate.NewLimiter(rate.Every(max(every, f.Delay)), 1)
		f.limiters[host] = l
	case l != nil && every > 0 && rate.Every(every) < l.Limit():
		l.SetLimit(rate.Every(every))
	}
	return l
}

// allowed reads the host's robots.txt once and says whether it lets ClusterBridge read u. A robots.txt that
// could not be read is not asked for again in this run: every page of its host fails with the same reason.
func (f *Fetcher) allowed(ctx context.Context, u *url.URL) (bool, error) {
	key := u.Scheme + "://" + u.Host
	f.mu.Lock()
	if f.robots == nil {
		f.robots = map[string]*robotsEntry{}
	}
	e := f.robots[key]
	if e == nil {
		e = &robotsEntry{}
		f.robots[key] = e
	}
	f.mu.Unlock()
	e.once.Do(func() {
		e.data, e.err = f.readRobots(ctx, key)
		if e.err == nil {
			if g := e.data.FindGroup(agentName); g != nil && g.CrawlDelay > 0 {
				// The robots.txt request counts as the first one of the wait.
				f.limiter(u.Host, g.CrawlDelay).Allow()
			}
		}
	})
	if e.err != nil {
		if errors.Is(e.err, ErrPrivateHost) || errors.Is(e.err, context.Canceled) {
			return false, e.err
		}
		return false, fmt.Errorf("cannot read robots.txt: %w", e.err)
	}
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	return e.data.TestAgent(p, agentName), nil
}

func (f *Fetcher) readRobots(ctx context.Context, base string) (*robotstxt.RobotsData, error) {
	if err := f.wait(ctx, strings.SplitN(base, "://", 2)[1]); err != nil {
		return nil, err
	}
	ctx = context.WithValue(ctx, robotsRequest{}, true)
	if f.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, f.Timeout)
		defer cancel()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/robots.txt", nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", f.UserAgent())
	res, err := f.httpClient().Do(req)
	if err != nil {
		for _, odd := range []error{ErrNeedsLogin, ErrRedirectLoop, ErrTooManyHops, ErrBadScheme} {
			if errors.Is(err, odd) {
				// A robots.txt that redirects somewhere odd (a login page, a loop) sets no rules.
				return robotstxt.FromStatusAndBytes(http.StatusNotFound, nil)
			}
		}
		return nil, f.explain(ctx, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(io.LimitReader(res.Body, 512<<10))
	if err != nil {
		return nil, f.explain(ctx, err)
	}
	if res.StatusCode >= 500 || res.StatusCode == http.StatusTooManyRequests {
		// The site is down or busy: read nothing from it now rather than guess its rules.
		return nil, fmt.Errorf("the server answered HTTP %d; try again later", res.StatusCode)
	}
	// 4xx (none there): no rules, everything allowed.
	return robotstxt.FromStatusAndBytes(res.StatusCode, body)
}
