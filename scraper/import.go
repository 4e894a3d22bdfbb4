package scraper

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"clusterbridge/data"
)

// DefaultMaxPages bounds the pages one import fetches from the web unless ImportOptions says otherwise.
const DefaultMaxPages = 500

// ImportOptions tune an import.
type ImportOptions struct {
	// Fetcher reads web pages; nil means NewFetcher("dev") with its polite defaults.
	Fetcher *Fetcher
	// MaxPages bounds the pages fetched from the web in this import (listing pages, profiles, sitemaps);
	// 0 means DefaultMaxPages. Files are not counted.
	MaxPages int
	// Parse is handed to Parse for every page (the country of an ESCA table, from --country).
	Parse Options
	// Progress, when set, hears after every page.
	Progress func(Progress)
	// Now tells the time; nil means time.Now.
	Now func() time.Time
}

// Progress is how far an import has come.
type Progress struct {
	Done    int    // pages handled so far: read, found unchanged, skipped or failed
	Total   int    // pages known so far: Done plus those waiting; it grows as listings are followed
	Current string // the page just handled
	Counts  data.RunCounts
}

// Summary is what an import did.
type Summary struct {
	RunID int64
	data.RunCounts
	// Problems are every page that failed or was skipped, every record left unmerged and every value left out
	// (kind data.ProblemWarning), with the reason, in the order met.
	Problems []data.Problem
	// Warnings counts the problems of kind data.ProblemWarning: values left out of records that were kept.
	Warnings int
	// Pages is how many pages (web pages and files) were read whole: their records saved or found unchanged, or
	// a listing or sitemap followed. Skipped and Failed count the others, so the three never overlap; the
	// cluster counts (Added, Updated, Unchanged) count records, of which a page may hold many or none.
	Pages int
	// Sources is how many of the sources asked for were read: at least one of their pages read whole.
	Sources   int
	Cancelled bool
	// Duplicates is how many pairs of clusters the import left probably one organisation, new for review.
	Duplicates int
}

// AnyRead says whether at least one source was read; the command exits 0 then.
func (s Summary) AnyRead() bool { return s.Sources > 0 }

// Import reads each source into sink: a web address (a profile, an ECCP listing whose cards and Next pages
// are followed, a sitemap whose pages are read when their lastmod is newer than the last read), a file (HTML,
// XML sitemap, CSV) or a folder of such files, read recursively. Links in files are not followed: a folder of
// saved pages holds the pages. A crawl follows links only on its start address's site and the public sources'
// (sourceHosts), queues no more pages than MaxPages leaves, and reads a sitemap as it arrives.
//
// Each page's records are saved in their own transaction. A page that fails is recorded with its reason and
// the import goes on. When ctx is cancelled, the pages finished so far stay saved, the run is recorded as
// cancelled and ctx's error is returned with the summary; running again continues, since unchanged pages are
// not read twice. The error is otherwise nil unless the run could not be recorded at all.
func Import(ctx context.Context, sources []string, opts ImportOptions, sink Sink) (Summary, error) {
	if len(sources) == 0 {
		return Summary{}, errors.New("nothing to import: give a web address, a file or a folder")
	}
	runID, err := sink.BeginRun(ctx, sources)
	if err != nil {
		return Summary{}, err
	}
	im := &importer{opts: opts, sink: sink, seen: map[string]bool{}}
	im.sum.RunID = runID
	if im.opts.Fetcher == nil {
		im.opts.Fetcher = NewFetcher("dev")
	}
	if im.opts.MaxPages <= 0 {
		im.opts.MaxPages = DefaultMaxPages
	}
	if im.opts.Now == nil {
		im.opts.Now = time.Now
	}
	for _, src := range sources {
		if ctx.Err() != nil {
			break
		}
		if im.source(ctx, src) {
			im.sum.Sources++
		}
	}
	im.sum.Cancelled = ctx.Err() != nil
	if err := sink.FinishRun(context.WithoutCancel(ctx), runID, im.sum.RunCounts, im.sum.Cancelled); err != nil {
		return im.sum, err
	}
	if im.sum.Cancelled {
		return im.sum, ctx.Err()
	}
	// What was added may be a cluster known under another spelling: ask the user about each such pair.
	if im.sum.Added > 0 || im.sum.Updated > 0 {
		n, err := sink.FindDuplicates(ctx)
		im.sum.Duplicates = n
		if err != nil {
			return im.sum, fmt.Errorf("the import is saved, but looking for duplicates failed: %w", err)
		}
	}
	return im.sum, nil
}

type importer struct {
	opts    ImportOptions
	sink    Sink
	sum     Summary
	seen    map[string]bool // pages read or queued in this import
	fetched int             // web pages fetched, for MaxPages
	done    int
	waiting int
	limited bool // MaxPages was reached and said so

	// The crawl under way: its host, the pages waiting and the links of the page being read that lead off site.
	startSite string
	queue     []target
	offSite   int    // links of the page being read that lead off the crawl's sites
	firstOff  string // the first of them
}

// source reads one source and says whether it was read.
func (im *importer) source(ctx context.Context, src string) bool {
	if isWebAddress(src) {
		return im.crawl(ctx, src)
	}
	info, err := os.Stat(src)
	if err != nil {
		reason := "no such file or folder, and not an http(s) address"
		if !errors.Is(err, fs.ErrNotExist) {
			reason = err.Error()
		}
		im.fail(ctx, src, reason)
		return false
	}
	if !info.IsDir() {
		im.waiting++
		return im.file(ctx, src)
	}
	var files []string
	err = filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			im.fail(ctx, p, err.Error())
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") && p != src {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.IsDir() && pageFile(p) {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		im.fail(ctx, src, err.Error())
		return false
	}
	if len(files) == 0 {
		im.fail(ctx, src, "the folder holds no HTML, XML or CSV files")
		return false
	}
	im.waiting += len(files)
	read := false
	for _, p := range files {
		if ctx.Err() != nil {
			break
		}
		if im.file(ctx, p) {
			read = true
		}
	}
	return read
}

func isWebAddress(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

// pageFile says whether a file in a folder is one to read.
func pageFile(p string) bool {
	switch strings.ToLower(filepath.Ext(p)) {
	case ".html", ".htm", ".xhtml", ".xml", ".csv":
		return true
	}
	return false
}

// file reads one saved page or CSV file.
func (im *importer) file(ctx context.Context, p string) bool {
	name := p
	if abs, err := filepath.Abs(p); err == nil {
		name = abs
	}
	if im.seen[name] {
		im.waiting--
		return true
	}
	im.seen[name] = true
	defer im.progress(name)
	im.waiting--
	im.done++
	body, err := readFileCapped(p, fileLimit(p, im.opts.Fetcher.maxBytes()))
	if err != nil {
		im.fail(ctx, name, err.Error())
		return false
	}
	_, ok := im.page(ctx, name, "", body, "", data.Validators{})
	return ok
}

// MaxSpreadsheetBytes is the largest CSV file read: a spreadsheet of a few hundred thousand clusters is fine,
// where a saved page keeps the page's cap.
const MaxSpreadsheetBytes = 200 << 20

// fileLimit is the cap for a local file of its kind: a spreadsheet's, or pageLimit for a saved page or sitemap.
func fileLimit(p string, pageLimit int64) int64 {
	if strings.EqualFold(filepath.Ext(p), ".csv") {
		return max(pageLimit, MaxSpreadsheetBytes)
	}
	return pageLimit
}

// readFileCapped reads a local file of at most limit bytes; a larger one is refused with a message that says
// "file" and how large a file may be.
func readFileCapped(p string, limit int64) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	body, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(body)) > limit {
		return nil, fmt.Errorf("file larger than %d MiB; split it into smaller files", limit>>20)
	}
	return body, nil
}

// page parses and saves one page; it returns the page and whether it was read whole (saved, skipped or
// unchanged: not failed). fetched is the web address the page came from, "" for a file.
func (im *importer) page(ctx context.Context, name, fetched string, body []byte, contentType string, v data.Validators) (Page, bool) {
	opts := im.opts.Parse
	now := im.opts.Now()
	if opts.ReadAt.IsZero() {
		opts.ReadAt = now
	}
	pg, err := Parse(name, body, contentType, opts)
	if err != nil {
		im.fail(ctx, name, err.Error())
		return pg, false
	}
	for _, w := range pg.Warnings {
		im.warn(ctx, name, w)
	}
	if pg.Kind == KindOther {
		reason := pg.Skipped
		if reason == "" {
			reason = "not a page of a known source"
		}
		im.skip(ctx, name, reason)
		return pg, true
	}
	if len(pg.Records) == 0 {
		im.sum.Pages++
		return pg, true // a listing or a sitemap: its links are the point
	}
	var validators data.Validators
	url := ""
	if fetched != "" && len(pg.Links) == 0 && pg.Next == "" {
		// Remember what the server said, to ask next time whether the page changed. Listings and sitemaps are
		// always read whole: their links are needed even when they did not change.
		v.ReadAt = now
		url, validators = fetched, v
	}
	if !im.save(ctx, name, pg.Records, url, validators) {
		return pg, false
	}
	im.sum.Pages++
	return pg, true
}

// saveBatch is how many records are saved in one transaction. A spreadsheet of 165,000 rows written in one
// transaction held every other write (a note the user typed meanwhile) for its whole length; batches let them
// through within a fraction of a second. A page's validators are saved with its last batch only, so a run
// stopped half-way reads the page again next time, and the batches already saved come back unchanged.
var saveBatch = 500

// save merges a page's records, saveBatch at a time, and counts them in the summary. It reports whether they
// were all saved; a cancelled import keeps the batches finished before it.
func (im *importer) save(ctx context.Context, name string, records []data.Cluster, url string, v data.Validators) bool {
	for start := 0; start < len(records); start += saveBatch {
		pr := data.PageRead{Records: records[start:min(start+saveBatch, len(records))]}
		if start+saveBatch >= len(records) {
			pr.URL, pr.Validators = url, v
		}
		counts, amb, err := im.sink.SavePage(ctx, im.sum.RunID, pr)
		if err != nil {
			if ctx.Err() == nil {
				im.fail(ctx, name, "cannot save: "+err.Error())
			}
			return false // cancelled: the batches before this one are kept
		}
		im.sum.Added += counts.Added
		im.sum.Updated += counts.Updated
		im.sum.Unchanged += counts.Unchanged
		for _, a := range amb {
			// SavePage recorded these with the run already.
			src := a.Source
			if src == "" {
				src = name
			}
			im.sum.Problems = append(im.sum.Problems, data.Problem{URL: src, Kind: data.ProblemAmbiguous, Reason: a.Reason()})
		}
	}
	return true
}

func (im *importer) fail(ctx context.Context, u, reason string) {
	im.sum.Failed++
	im.problem(ctx, data.Problem{URL: u, Kind: data.ProblemFailed, Reason: reason})
}

func (im *importer) skip(ctx context.Context, u, reason string) {
	im.sum.Skipped++
	im.problem(ctx, data.Problem{URL: u, Kind: data.ProblemSkipped, Reason: reason})
}

// warn reports a value a page gave that was left out; the rest of the page was read.
func (im *importer) warn(ctx context.Context, u, reason string) {
	im.sum.Warnings++
	im.problem(ctx, data.Problem{URL: u, Kind: data.ProblemWarning, Reason: reason})
}

func (im *importer) problem(ctx context.Context, p data.Problem) {
	im.sum.Problems = append(im.sum.Problems, p)
	if err := im.sink.RecordProblem(context.WithoutCancel(ctx), im.sum.RunID, p); err != nil {
		// Shown, not stored: the catalogue would not take it.
		im.sum.Warnings++
		im.sum.Problems = append(im.sum.Problems, data.Problem{URL: p.URL, Kind: data.ProblemWarning,
			Reason: fmt.Sprintf("the problem above could not be recorded with the import: %v", err)})
	}
}

func (im *importer) progress(current string) {
	if im.opts.Progress != nil {
		im.opts.Progress(Progress{Done: im.done, Total: im.done + max(im.waiting, 0), Current: current, Counts: im.sum.RunCounts})
	}
}

// sourceHosts are the public sources' sites (ECCP, ESCA, EUCLES), with or without www.: besides its start
// address's host, the only hosts a crawl follows links to.
var sourceHosts = []string{"clustercollaboration.eu", "cluster-analysis.org", "eucles.be"}

// target is a web page waiting to be read.
type target struct {
	url     string
	lastMod time.Time // from a sitemap; zero when not given
}

// crawl reads a web address and follows what it links to: a listing's cards and Next pages, a sitemap's
// pages, on the start address's host and the public sources' only. It says whether the address itself was
// read. The queue never holds more pages than the page budget has left, so a sitemap of millions of links
// costs no more memory than the pages that will be read.
func (im *importer) crawl(ctx context.Context, src string) bool {
	start := withoutFragment(src)
	if start == "" {
		im.fail(ctx, src, "not a web address: write it as https://host/path")
		return false
	}
	if im.seen[start] {
		return true
	}
	u, _ := url.Parse(start)
	im.startSite = siteOf(u)
	// A saved site served on this machine or the local network is read because the user asked for it.
	im.opts.Fetcher.trust(u.Hostname())
	im.queue = im.queue[:0]
	if !im.enqueue(ctx, target{url: start}) {
		return false
	}
	read := false
	first := true
	for len(im.queue) > 0 && ctx.Err() == nil {
		t := im.queue[0]
		im.queue = im.queue[1:]
		ok := im.webPage(ctx, t)
		if first {
			read = ok
			first = false
		}
	}
	return read
}

// enqueue puts a page to read in the queue, unless it was met already, is off the crawl's sites or is found
// unchanged by its sitemap lastmod. It returns false when the page budget is spent: nothing more is queued.
func (im *importer) enqueue(ctx context.Context, t target) bool {
	t.url = withoutFragment(t.url)
	if t.url == "" || im.seen[t.url] {
		return true
	}
	if !im.onCrawlSite(t.url) {
		if im.offSite == 0 {
			im.firstOff = t.url
		}
		im.offSite++
		return true
	}
	if !t.lastMod.IsZero() && im.unchangedSince(ctx, t) {
		return true
	}
	if im.fetched+len(im.queue) >= im.opts.MaxPages {
		if !im.limited {
			im.limited = true
			im.skip(ctx, t.url, fmt.Sprintf("page limit of %d reached; this and further pages not read (raise --max-pages)", im.opts.MaxPages))
		}
		return false
	}
	im.seen[t.url] = true
	im.queue = append(im.queue, t)
	im.waiting++
	return true
}

// onCrawlSite says whether a link is on the start address's host or a public source's.
func (im *importer) onCrawlSite(link string) bool {
	u, err := url.Parse(link)
	if err != nil {
		return false
	}
	if siteOf(u) == im.startSite {
		return true
	}
	host := strings.ToLower(u.Hostname())
	for _, h := range sourceHosts {
		if host == h || host == "www."+h {
			return true
		}
	}
	return false
}

// siteOf is a URL's host and port, the port given even when it is the scheme's default.
func siteOf(u *url.URL) string {
	port := u.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[u.Scheme]
	}
	return net.JoinHostPort(strings.ToLower(u.Hostname()), port)
}

// unchangedSince counts a page whose sitemap lastmod is not newer than its last read as unchanged, with no
// request at all. Such pages are not remembered as seen: there may be millions.
func (im *importer) unchangedSince(ctx context.Context, t target) bool {
	last, err := im.sink.LastRead(ctx, t.url)
	if err != nil || last.IsZero() || t.lastMod.After(last) {
		return false
	}
	n, err := im.sink.Unchanged(ctx, t.url, time.Time{})
	if err != nil {
		return false
	}
	im.sum.Pages++
	im.sum.Unchanged += max(n, 1)
	im.done++
	im.progress(t.url)
	return true
}

// reportOffSite says, once per page, which of its links were left because they lead off the crawl's sites.
func (im *importer) reportOffSite(ctx context.Context, page string) {
	if im.offSite == 0 {
		return
	}
	im.warn(ctx, page, fmt.Sprintf("%d links to other sites not followed (the first: %s); a crawl stays on the site it starts on and on ECCP, ESCA and EUCLES",
		im.offSite, im.firstOff))
	im.offSite = 0
}

func withoutFragment(u string) string {
	p, err := url.Parse(strings.TrimSpace(u))
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return ""
	}
	p.Fragment, p.RawFragment = "", ""
	return p.String()
}

// webPage reads one page of a crawl and queues the pages it leads to; it says whether the page was read.
func (im *importer) webPage(ctx context.Context, t target) bool {
	im.waiting--
	im.fetched++
	im.done++
	defer im.progress(t.url)
	prev, err := im.sink.Validators(ctx, t.url)
	if err != nil {
		prev = data.Validators{}
	}
	sitemap := false
	res, err := im.opts.Fetcher.Visit(ctx, t.url, prev, func(res *Response, body io.Reader) error {
		sitemap = true
		return im.sitemap(ctx, res.URL, body)
	})
	if sitemap {
		defer im.reportOffSite(ctx, t.url)
	}
	if err != nil {
		switch {
		case ctx.Err() != nil:
			im.done-- // not finished: the next run reads it
		case errors.Is(err, ErrDisallowed):
			im.skip(ctx, t.url, err.Error())
		default:
			im.fail(ctx, t.url, err.Error())
		}
		return false
	}
	if sitemap {
		im.sum.Pages++
		return true
	}
	if res.NotModified {
		n, err := im.sink.Unchanged(ctx, t.url, im.opts.Now())
		if err != nil {
			im.fail(ctx, t.url, "cannot save: "+err.Error())
			return false
		}
		im.sum.Pages++
		im.sum.Unchanged += max(n, 1)
		return true
	}
	pg, ok := im.page(ctx, res.URL, t.url, res.Body, res.ContentType, res.Validators)
	if !ok {
		return false
	}
	defer im.reportOffSite(ctx, t.url)
	for _, l := range pg.Links {
		if !im.enqueue(ctx, target{url: resolveLink(res.URL, l.URL), lastMod: l.LastMod}) {
			return true
		}
	}
	if pg.Next != "" {
		im.enqueue(ctx, target{url: resolveLink(res.URL, pg.Next)})
	}
	return true
}

// sitemap queues a sitemap's links as they arrive, and stops reading it once the page budget is spent.
func (im *importer) sitemap(ctx context.Context, pageURL string, body io.Reader) error {
	r := newPageReader(pageURL, im.opts.Parse)
	err := r.streamSitemap(body, func(l Link) bool {
		return ctx.Err() == nil && im.enqueue(ctx, target{url: resolveLink(pageURL, l.URL), lastMod: l.LastMod})
	})
	for _, w := range r.warnings {
		im.warn(ctx, pageURL, w)
	}
	if err == nil && ctx.Err() != nil {
		return ctx.Err() // cut short: not read whole
	}
	return err
}

// resolveLink makes a link absolute against the page it was found on.
func resolveLink(base, ref string) string {
	b, err := url.Parse(base)
	if err != nil {
		return ref
	}
	r, err := url.Parse(strings.TrimSpace(ref))
	if err != nil {
		return ""
	}
	return b.ResolveReference(r).String()
}
