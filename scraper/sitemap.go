package scraper

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"golang.org/x/net/html/charset"
)

// MaxSitemapLinks is the most URLs the sitemap protocol lets one sitemap list; more are not read.
const MaxSitemapLinks = 50_000

// sitemapSite holds what an ECCP sitemap looks like and which of its URLs are cluster candidates.
var sitemapSite = struct {
	Roots            []string // root elements: a page of URLs, or an index of sitemap pages
	Entries          []string // the elements of one link: a page of a urlset, a sitemap of an index
	PlaceholderHosts []string // hosts Drupal writes when it does not know its own name
	CandidatePaths   []string // path prefixes of pages that may be cluster profiles
	Host             string   // the real host when the URL read does not say it (a saved file)
	LastModLayouts   []string // W3C datetime forms
}{
	Roots:            []string{"urlset", "sitemapindex"},
	Entries:          []string{"url", "sitemap"},
	PlaceholderHosts: []string{"default", "localhost", ""},
	CandidatePaths:   []string{"/content/"},
	Host:             "https://clustercollaboration.eu",
	LastModLayouts:   []string{time.RFC3339, "2006-01-02T15:04Z07:00", time.DateOnly, "2006-01-02T15:04:05"},
}

type sitemapEntry struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod"`
}

// readSitemap reads a whole sitemap (a saved file) into a page of links.
func (r *pageReader) readSitemap(body []byte) (Page, error) {
	p := Page{URL: r.url, Kind: KindECCPSitemap}
	err := r.streamSitemap(bytes.NewReader(body), func(l Link) bool {
		p.Links = append(p.Links, l)
		return true
	})
	if err != nil {
		return Page{}, err
	}
	p.Warnings = r.warnings
	return p, nil
}

// streamSitemap reads a sitemap token by token as it arrives, and hands each link to emit: the /content/ URLs
// of a page of URLs, or the sitemaps of an index, with the real host put back in place of Drupal's
// http://default. It stops when emit returns false, and after MaxSitemapLinks entries, with a warning. Theme
// debugging comments before <?xml are skipped as any comment.
func (r *pageReader) streamSitemap(body io.Reader, emit func(Link) bool) error {
	dec := xml.NewDecoder(body)
	dec.Strict = false
	dec.CharsetReader = charset.NewReaderLabel
	real := r.sitemapHost()
	root, entries := "", 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return sitemapError(err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if root == "" {
			if !oneOf(se.Name.Local, sitemapSite.Roots) {
				return fmt.Errorf("not a sitemap: it begins with <%s>, not <urlset> or <sitemapindex>", se.Name.Local)
			}
			root = se.Name.Local
			continue
		}
		if !oneOf(se.Name.Local, sitemapSite.Entries) {
			continue
		}
		if entries == MaxSitemapLinks {
			r.warnf("the sitemap lists more than %d addresses, the most the sitemap protocol allows; the rest are not read", MaxSitemapLinks)
			return nil
		}
		entries++
		var e sitemapEntry
		if err := dec.DecodeElement(&e, &se); err != nil {
			return sitemapError(err)
		}
		link, ok := r.sitemapLink(e, real)
		if !ok || se.Name.Local == "url" && !isCandidate(link.URL) {
			continue
		}
		if !emit(link) {
			return nil
		}
	}
	if entries == 0 {
		return errors.New("no addresses found in the sitemap")
	}
	return nil
}

// sitemapError says in a sentence what stopped a sitemap; a failed read (a time-out, the size cap) stays itself.
func sitemapError(err error) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("not a readable sitemap: the XML is broken at line %d", se.Line)
	}
	if strings.HasPrefix(err.Error(), "xml: ") {
		return fmt.Errorf("not a readable sitemap: %s", strings.TrimPrefix(err.Error(), "xml: "))
	}
	return err
}

// sitemapHost is the scheme and host that replace a placeholder host: the sitemap's own, or ECCP's for a file.
func (r *pageReader) sitemapHost() *url.URL {
	host := sitemapSite.Host
	if u := webURL(r.url); u != nil {
		host = u.Scheme + "://" + u.Host
	}
	real, _ := url.Parse(host)
	return real
}

func oneOf(s string, set []string) bool {
	for _, x := range set {
		if s == x {
			return true
		}
	}
	return false
}

func (r *pageReader) sitemapLink(e sitemapEntry, real *url.URL) (Link, bool) {
	u, err := url.Parse(strings.TrimSpace(e.Loc))
	if err != nil || u.Path == "" {
		return Link{}, false
	}
	for _, h := range sitemapSite.PlaceholderHosts {
		if strings.EqualFold(u.Hostname(), h) {
			u.Scheme, u.Host = real.Scheme, real.Host
			break
		}
	}
	link := Link{URL: u.String()}
	if lm := strings.TrimSpace(e.LastMod); lm != "" {
		for _, layout := range sitemapSite.LastModLayouts {
			if t, err := time.Parse(layout, lm); err == nil {
				link.LastMod = t
				break
			}
		}
		if link.LastMod.IsZero() {
			r.warnf("unreadable lastmod %q for %s", lm, link.URL)
		}
	}
	return link, true
}

func isCandidate(link string) bool {
	u, err := url.Parse(link)
	if err != nil {
		return false
	}
	for _, p := range sitemapSite.CandidatePaths {
		if strings.HasPrefix(u.Path, p) {
			return true
		}
	}
	return false
}
