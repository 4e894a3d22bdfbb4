package scraper

import (
	"encoding/xml"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// sitemapSite holds what an ECCP sitemap looks like and which of its URLs are cluster candidates.
var sitemapSite = struct {
	Roots            []string // root elements: a page of URLs, or an index of sitemap pages
	PlaceholderHosts []string // hosts Drupal writes when it does not know its own name
	CandidatePaths   []string // path prefixes of pages that may be cluster profiles
	Host             string   // the real host when the URL read does not say it (a saved file)
	LastModLayouts   []string // W3C datetime forms
}{
	Roots:            []string{"urlset", "sitemapindex"},
	PlaceholderHosts: []string{"default", "localhost", ""},
	CandidatePaths:   []string{"/content/"},
	Host:             "https://clustercollaboration.eu",
	LastModLayouts:   []string{time.RFC3339, "2006-01-02T15:04Z07:00", time.DateOnly, "2006-01-02T15:04:05"},
}

type sitemapXML struct {
	URLs     []sitemapEntry `xml:"url"`
	Sitemaps []sitemapEntry `xml:"sitemap"`
}

type sitemapEntry struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod"`
}

// readSitemap reads the /content/ URLs of a sitemap page (or the pages of a sitemap index) as links, with
// the real host put back in place of Drupal's http://default.
func (r *pageReader) readSitemap(body []byte) (Page, error) {
	start := sitemapStart(body)
	var sm sitemapXML
	// Decoding from the root element skips the theme-debug comments and the <?xml?> declaration before it.
	dec := xml.NewDecoder(strings.NewReader(string(body[start:])))
	dec.Strict = false
	if err := dec.Decode(&sm); err != nil {
		return Page{}, fmt.Errorf("%s is not a readable sitemap: %w", r.url, err)
	}
	if len(sm.URLs) == 0 && len(sm.Sitemaps) == 0 {
		return Page{}, fmt.Errorf("no URLs found on %s as an ECCP sitemap", r.url)
	}
	host := sitemapSite.Host
	if u := webURL(r.url); u != nil {
		host = u.Scheme + "://" + u.Host
	}
	real, _ := url.Parse(host)
	p := Page{URL: r.url, Kind: KindECCPSitemap}
	for _, e := range sm.Sitemaps {
		if link, ok := r.sitemapLink(e, real); ok {
			p.Links = append(p.Links, link)
		}
	}
	for _, e := range sm.URLs {
		link, ok := r.sitemapLink(e, real)
		if ok && isCandidate(link.URL) {
			p.Links = append(p.Links, link)
		}
	}
	p.Warnings = r.warnings
	return p, nil
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
