package scraper

import (
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

// agentName is the product token robots.txt rules are matched against.
const agentName = "ClusterBridge"

// Errors a fetch can end with, for errors.Is; the error text says more.
var (
	ErrDisallowed   = errors.New("robots.txt disallows reading it")
	ErrNeedsLogin   = errors.New("needs a login")
	ErrTooLarge     = errors.New("page larger than 5 MiB")
	ErrContentType  = errors.New("not an HTML, XML or CSV page")
	ErrBadScheme    = errors.New("only http and https addresses can be read")
	ErrTooManyHops  = errors.New("too many redirects")
	ErrRedirectLoop = errors.New("redirect loop")
)

// Fetcher reads pages politely: it says who it is, honours robots.txt, waits between requests to one host,
// retries when asked to slow down, and refuses what is no page of a source. Make one with NewFetcher; it is
// safe for use from several goroutines.
type Fetcher struct {
	// Version goes into the User-Agent: "ClusterBridge/<Version> (+contact)".
	Version string
	// Delay is the least time between two requests to one host (NewFetcher: 1s). Zero does not wait.
	Delay time.Duration
	// Timeout bounds one request, body included (NewFetcher: 30s).
	Timeout time.Duration
	// MaxBytes is the largest body read (NewFetcher: MaxPageBytes).
	MaxBytes int64
	// MaxRedirects is how many redirects one request may follow (NewFetcher: 5).
	MaxRedirects int
	// MaxTries bounds the attempts when the server answers 429 or 503 (NewFetcher: 4).
	MaxTries int
	// RetryWait is the first wait before retrying when the server gives no Retry-After; it doubles with each
	// try (NewFetcher: 2s). MaxRetryWait is the longest wait accepted, Retry-After included (NewFetcher: 2m).
	RetryWait, MaxRetryWait time.Duration

	client   *http.Client
	mu       sync.Mutex
	limiters map[string]*rate.Limiter
	robots   map[string]*robotsEntry
}

type robotsEntry struct {
	once sync.Once
	data *robotstxt.RobotsData
	err  error
}

// NewFetcher returns a Fetcher with the polite defaults; version goes into the User-Agent.
func NewFetcher(version string) *Fetcher {
	return &Fetcher{
		Version:      version,
		Delay:        time.Second,
		Timeout:      30 * time.Second,
		MaxBytes:     MaxPageBytes,
		MaxRedirects: 5,
		MaxTries:     4,
		RetryWait:    2 * time.Second,
		MaxRetryWait: 2 * time.Minute,
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

// Fetch reads one page. When prev holds an ETag or Last-Modified, the request is conditional and an
// unchanged page comes back with NotModified set.
func (f *Fetcher) Fetch(ctx context.Context, pageURL string, prev data.Validators) (*Response, error) {
	u, err := url.Parse(pageURL)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("%q is not a web address", pageURL)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, ErrBadScheme
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
		resp, retryAfter, err := f.do(ctx, u, prev)
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
func (f *Fetcher) do(ctx context.Context, u *url.URL, prev data.Validators) (_ *Response, retryAfter time.Duration, _ error) {
	if err := f.wait(ctx, u.Host); err != nil {
		return nil, -1, err
	}
	if f.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, f.Timeout)
		defer cancel()
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
	limit := f.maxBytes()
	if res.ContentLength > limit {
		return nil, -1, f.tooLarge()
	}
	body, err := io.ReadAll(io.LimitReader(res.Body, limit+1))
	if err != nil {
		return nil, -1, f.explain(ctx, err)
	}
	if int64(len(body)) > limit {
		return nil, -1, f.tooLarge()
	}
	return &Response{
		URL:         final,
		Body:        body,
		ContentType: ct,
		Validators:  data.Validators{ETag: res.Header.Get("ETag"), LastModified: res.Header.Get("Last-Modified")},
	}, -1, nil
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

// explain turns a transport error into words, keeping a cancellation recognisable.
func (f *Fetcher) explain(ctx context.Context, err error) error {
	for _, sentinel := range []error{ErrNeedsLogin, ErrTooManyHops, ErrRedirectLoop, ErrBadScheme} {
		if errors.Is(err, sentinel) {
			return sentinel
		}
	}
	if ctx.Err() == context.DeadlineExceeded || isTimeout(err) {
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
		f.client = &http.Client{Transport: tr, Timeout: f.Timeout, CheckRedirect: f.checkRedirect}
	}
	return f.client
}

// checkRedirect caps redirects, stops loops and refuses a login page or another scheme.
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
	return nil
}

// wait holds back until the host may be asked again.
func (f *Fetcher) wait(ctx context.Context, host string) error {
	if f.Delay <= 0 {
		return ctx.Err()
	}
	f.mu.Lock()
	if f.limiters == nil {
		f.limiters = map[string]*rate.Limiter{}
	}
	l := f.limiters[host]
	if l == nil {
		l = rate.NewLimiter(rate.Every(f.Delay), 1)
		f.limiters[host] = l
	}
	f.mu.Unlock()
	return l.Wait(ctx)
}

// allowed reads the host's robots.txt once and says whether it lets ClusterBridge read u.
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
	e.once.Do(func() { e.data, e.err = f.readRobots(ctx, key) })
	if e.err != nil {
		// A failed read is not cached as an answer: forget it so the next page tries again.
		f.mu.Lock()
		if f.robots[key] == e {
			delete(f.robots, key)
		}
		f.mu.Unlock()
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
