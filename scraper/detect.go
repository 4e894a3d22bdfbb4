package scraper

import (
	"bytes"
	"fmt"
	"mime"
	"net/url"
	"path"
	"strings"
	"sync"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
)

// otherPages recognises pages of no source that a crawl meets, to skip them with a clear reason.
var otherPages = struct {
	LoginPaths    []string // URL paths of a login page, where restricted pages redirect
	LoginSelector string   // a page with a password field is a login form
	TitleSuffixes []string // cut from a <title> in the skip reason
}{
	LoginPaths:    []string{"/user/login", "/login", "/wp-login.php"},
	LoginSelector: "input[type=password]",
	TitleSuffixes: []string{" | European Cluster Collaboration Platform", " – EUCLES", " - EUCLES"},
}

// detectHTML finds out which source an HTML page is; for KindOther it also says why the page is skipped.
func detectHTML(pageURL string, body []byte, doc *goquery.Document) (Kind, string) {
	u, _ := url.Parse(pageURL)
	urlPath := ""
	if u != nil {
		urlPath = strings.ToLower(u.Path)
	}
	for _, p := range otherPages.LoginPaths {
		if strings.HasSuffix(urlPath, p) {
			return KindOther, "a login page: the content asked for is restricted"
		}
	}
	if findFirst(doc.Selection, otherPages.LoginSelector) != nil {
		return KindOther, "a login form, not a source page"
	}

	if kind, reason, ok := detectECCPNode(pageURL, doc); ok {
		return kind, reason
	}
	if findFirst(doc.Selection, eccpListing.Card) != nil || strings.HasSuffix(urlPath, eccpListing.Path) {
		return KindECCPListing, ""
	}
	if len(escaTables(doc.Selection)) > 0 || strings.Contains(urlPath, escaSite.Path) {
		return KindESCA, ""
	}
	if looksLikeEUCLES(pageURL, body, doc) {
		return KindEUCLES, ""
	}
	title := pageTitle(doc)
	if title == "" {
		return KindOther, "not a page of a known source (no cluster profile, listing, label table or label post)"
	}
	return KindOther, fmt.Sprintf("not a page of a known source: %q is no cluster profile, listing, label table or label post", title)
}

// pageTitle is the page's <title> without the site's name.
func pageTitle(doc *goquery.Document) string {
	t := ""
	if n := findFirst(doc.Selection, "title"); n != nil {
		t = textOf(n)
	}
	for _, suf := range otherPages.TitleSuffixes {
		t = strings.TrimSuffix(t, suf)
	}
	return t
}

// looksLikeCSV says whether the content type or the file name says CSV.
func looksLikeCSV(pageURL, contentType string) bool {
	if mt, _, err := mime.ParseMediaType(contentType); err == nil {
		if mt == "text/csv" || mt == "application/csv" || mt == "text/comma-separated-values" {
			return true
		}
	}
	p := pageURL
	if u, err := url.Parse(pageURL); err == nil && u.Scheme != "" {
		p = u.Path
	}
	return strings.EqualFold(path.Ext(p), ".csv")
}

// looksLikeSitemap says whether the body is a sitemap; theme-debug comments may come before <?xml.
func looksLikeSitemap(body []byte) bool {
	head := body[:min(len(body), 4096)]
	return sitemapStart(head) >= 0
}

// sitemapStart is where the sitemap's root element begins, or -1.
func sitemapStart(body []byte) int {
	for _, root := range sitemapSite.Roots {
		if i := bytes.Index(body, []byte("<"+root)); i >= 0 {
			return i
		}
	}
	return -1
}

var matchers sync.Map // selector text → cascadia.Selector

// matcher compiles a selector from the sources' tables once. A bad selector in a table is a programming
// error, caught by the tests, so it panics.
// findFirst is the first element below the selection's nodes that sel matches, or nil. Unlike FindMatcher it
// stops there: most of a source table's selectors want one element, and walking the whole page for each of
// them doubled the cost of parsing a profile.
func findFirst(s *goquery.Selection, sel string) *html.Node {
	m := matcher(sel)
	for _, n := range s.Nodes {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if f := m.MatchFirst(c); f != nil {
				return f
			}
		}
	}
	return nil
}

func matcher(sel string) cascadia.Selector {
	if m, ok := matchers.Load(sel); ok {
		return m.(cascadia.Selector)
	}
	m := cascadia.MustCompile(sel)
	matchers.Store(sel, m)
	return m
}
