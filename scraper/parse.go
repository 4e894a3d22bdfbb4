package scraper

import (
	"bytes"
	"errors"
	"fmt"
	"golang.org/x/text/encoding"
	"net/url"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"

	"clusterbridge/data"
)

// Parse reads one fetched or saved page: it finds out which source the page is (ECCP profile, listing or
// sitemap, ESCA label table, EUCLES label post, CSV file) and reads its clusters and links. pageURL is the URL
// fetched or the file read; contentType is the HTTP Content-Type, or "" for a file.
//
// A page of no known source comes back as KindOther with the reason in Skipped and a nil error. A page that
// looks like a source but yields nothing is an error, so that a changed site is noticed at once.
func Parse(pageURL string, body []byte, contentType string, opts Options) (Page, error) {
	r := newPageReader(pageURL, opts)
	if !looksLikeCSV(pageURL, contentType) && looksLikeSitemap(body) {
		return r.readSitemap(body) // XML says its own encoding
	}
	body = decodeWith(body, contentType, opts.Encoding)
	if looksLikeCSV(pageURL, contentType) {
		return r.readCSV(body)
	}
	root, err := html.Parse(bytes.NewReader(body))
	if err != nil {
		// The parser's own words ("open stack of elements exceeds 512 nodes") mean nothing to a reader.
		return Page{}, errors.New("not readable HTML: its elements are nested more than 512 deep, which no page of a source is")
	}
	doc := goquery.NewDocumentFromNode(root)
	kind, reason := detectHTML(pageURL, body, doc)
	switch kind {
	case KindECCPProfile:
		return r.readECCPProfile(doc)
	case KindECCPListing:
		return r.readECCPListing(doc)
	case KindESCA:
		return r.readESCA(doc)
	case KindEUCLES:
		return r.readEUCLES(doc)
	}
	return Page{URL: pageURL, Kind: KindOther, Skipped: reason}, nil
}

// decodeBody turns the page into UTF-8, from the charset that the Content-Type, a BOM or a <meta> declares.
// Bytes that are not what the page declares (a page that says UTF-8 and is not) become U+FFFD here, at the
// boundary, so that no name in the catalogue and no export holds bytes a program cannot read.
func decodeBody(body []byte, contentType string) []byte { return decodeWith(body, contentType, nil) }

// decodeWith is decodeBody with the encoding the user named (--encoding), or nil to find it out.
func decodeWith(body []byte, contentType string, named encoding.Encoding) []byte {
	if named != nil {
		if out, err := named.NewDecoder().Bytes(body); err == nil {
			body = bytes.TrimPrefix(out, []byte("\xef\xbb\xbf"))
		}
		return bytes.ToValidUTF8(body, []byte("\uFFFD"))
	}
	return bytes.ToValidUTF8(decodeDeclared(body, contentType), []byte("\uFFFD"))
}

func decodeDeclared(body []byte, contentType string) []byte {
	enc, name, certain := charset.DetermineEncoding(body, contentType)
	if name == "utf-8" {
		return bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	}
	// windows-1252 is also the guess when nothing is declared in the first 1 KiB; valid UTF-8 is then UTF-8,
	// and anything else one of the single-byte encodings European spreadsheets are saved in.
	if !certain && name == "windows-1252" {
		// UTF-16 first: text of Latin letters in UTF-16 is also valid UTF-8, a NUL after every letter.
		if enc := utf16WithoutBOM(body); enc != nil {
			if out, err := enc.NewDecoder().Bytes(body); err == nil {
				return out
			}
		}
		if utf8.Valid(body) {
			return body
		}
		return guessSingleByte(body)
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return body
	}
	return out
}

// pageReader carries what every source's reader needs: the page's URL, the options and the warnings so far.
type pageReader struct {
	url      string
	opts     Options
	readAt   time.Time
	warnings []string
}

func newPageReader(pageURL string, opts Options) *pageReader {
	readAt := opts.ReadAt
	if readAt.IsZero() {
		readAt = time.Now()
	}
	return &pageReader{url: pageURL, opts: opts, readAt: readAt}
}

func (r *pageReader) warnf(format string, args ...any) {
	r.warnings = append(r.warnings, fmt.Sprintf(format, args...))
}

// page assembles the result; records without a name are dropped, the rest normalised and given this source.
func (r *pageReader) page(pageURL string, kind Kind, recs []data.Cluster) Page {
	p := Page{URL: pageURL, Kind: kind}
	src := data.Source{URL: pageURL, Kind: string(kind), ReadAt: r.readAt}
	for i := range recs {
		if r.normalise(&recs[i]) {
			recs[i].Sources = append(recs[i].Sources, src)
			p.Records = append(p.Records, recs[i])
		}
	}
	p.Warnings = r.warnings
	return p
}

// normalise tidies a record in place as the catalogue expects it; it reports false when the record has no name.
func (r *pageReader) normalise(c *data.Cluster) bool {
	for _, s := range []*string{&c.Name, &c.Acronym, &c.Region, &c.City, &c.Focus, &c.MembersText, &c.Contact} {
		*s = collapse(*s)
	}
	c.Description = strings.TrimSpace(c.Description)
	if c.Name == "" {
		return false
	}
	r.capFields(c)
	c.Country = countryOf(c.Country, c.Name, r.warnf)
	c.Website = absoluteWebsite(c.Website)
	c.Ecosystems = data.EcosystemsOf(data.EcosystemMask(c.Ecosystems)) // each once, in canonical order
	c.Sectors = uniqueStrings(c.Sectors)
	if c.LabelValidUntil != "" {
		// Re-read even dates data accepts: "0000-01" passes time.Parse but is no label's date.
		c.LabelValidUntil = dateOrWarn(c.LabelValidUntil, c.Name, r.warnf)
	}
	if c.Members == 0 && c.MembersText != "" {
		c.Members = leadingNumber(c.MembersText)
	}
	return true
}

// fieldCaps are the longest values kept, in characters: far above any real cluster's (the longest name in the
// sample has 80), far below what makes a table or a window unusable (a megabyte "name" padded every line of a
// list to a megabyte).
var fieldCaps = []struct {
	field string
	max   int
	value func(c *data.Cluster) *string
}{
	{"name", 300, func(c *data.Cluster) *string { return &c.Name }},
	{"acronym", 40, func(c *data.Cluster) *string { return &c.Acronym }},
	{"region", 100, func(c *data.Cluster) *string { return &c.Region }},
	{"city", 100, func(c *data.Cluster) *string { return &c.City }},
	{"focus", 1000, func(c *data.Cluster) *string { return &c.Focus }},
	{"description", 10000, func(c *data.Cluster) *string { return &c.Description }},
	{"website", 500, func(c *data.Cluster) *string { return &c.Website }},
	{"contact", 500, func(c *data.Cluster) *string { return &c.Contact }},
	{"members", 40, func(c *data.Cluster) *string { return &c.MembersText }},
}

// capFields cuts a value longer than its cap, with a warning that names the record and the field.
func (r *pageReader) capFields(c *data.Cluster) {
	for _, fc := range fieldCaps {
		v := fc.value(c)
		if n := utf8.RuneCountInString(*v); n > fc.max {
			who := c.Name
			if fc.field == "name" {
				who = string([]rune(c.Name)[:60]) + "…"
			}
			*v = strings.TrimSpace(string([]rune(*v)[:fc.max]))
			r.warnf("%s: the %s has %d characters; its first %d are kept", who, fc.field, n, fc.max)
		}
	}
	for i, s := range c.Sectors {
		if utf8.RuneCountInString(s) > 100 {
			c.Sectors[i] = strings.TrimSpace(string([]rune(s)[:100]))
		}
	}
}

// The warnings of unreadable values, one wording for every source; who is the record ("row 4 (Name)" in a
// spreadsheet, the cluster's name on a page) and the page's address comes before it in the import's report.
const (
	unknownCountry   = "%s: unknown country %q left out; use an English name or ISO code"
	unknownEcosystem = "%s: unknown ecosystem %q left out"
	unreadableDate   = "%s: unreadable label date %q left out; write it as 2026-09-30, 30.09.2026 or September 2026"
)

// countryOf turns a country name or code into an upper-case ISO code through data.CountryCode, the one
// country reader; an unknown one is left out with a warning, never kept as written.
func countryOf(s, who string, warnf func(string, ...any)) string {
	s = collapse(s)
	if s == "" {
		return ""
	}
	if code, ok := countries.get(s); ok {
		return code
	}
	warnf(unknownCountry, who, s)
	return ""
}

// recordName names a record in a warning: its name, else what it is ("the profile") while the name is unknown.
func recordName(name, otherwise string) string {
	if name = collapse(name); name != "" {
		return name
	}
	return otherwise
}

// dateOrWarn reads a label date through parseDate, the one date reader; an unreadable one is left out with a
// warning.
func dateOrWarn(s, who string, warnf func(string, ...any)) string {
	if d, ok := parseDate(s); ok {
		return d
	}
	warnf(unreadableDate, who, s)
	return ""
}

// collapse trims text and turns every run of white space (NBSP included) into one space.
func collapse(s string) string {
	if !needsCollapse(s) {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

func needsCollapse(s string) bool {
	prevSpace := true
	for _, r := range s {
		sp := unicode.IsSpace(r)
		if sp && (prevSpace || r != ' ') {
			return true
		}
		prevSpace = sp
	}
	return prevSpace && s != ""
}

// absoluteWebsite makes a website an absolute http(s) URL, adding https:// when no scheme is given.
func absoluteWebsite(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	lower := strings.ToLower(s)
	switch {
	case strings.HasPrefix(lower, "http://"), strings.HasPrefix(lower, "https://"):
		return s
	case strings.HasPrefix(s, "//"):
		return "https:" + s
	case strings.HasPrefix(lower, "mailto:"), strings.HasPrefix(lower, "javascript:"), strings.HasPrefix(s, "#"):
		return ""
	}
	return "https://" + strings.Join(strings.Fields(s), "")
}

func uniqueStrings(ss []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range ss {
		s = collapse(s)
		if s == "" || seen[data.Fold(s)] {
			continue
		}
		seen[data.Fold(s)] = true
		out = append(out, s)
	}
	return out
}

// resolve makes href absolute against base; it returns "" for what is no link.
func resolve(base *url.URL, href string) string {
	href = strings.TrimSpace(href)
	if href == "" || strings.HasPrefix(href, "#") || strings.HasPrefix(strings.ToLower(href), "javascript:") {
		return ""
	}
	u, err := url.Parse(href)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	u.Fragment = ""
	return u.String()
}

// webURL parses s when it is an absolute http(s) URL, else returns nil.
func webURL(s string) *url.URL {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil
	}
	return u
}

// hostOf is the lower-case host of an http(s) page URL, or "" for a file path.
func hostOf(pageURL string) string {
	if u := webURL(pageURL); u != nil {
		return strings.ToLower(u.Hostname())
	}
	return ""
}

// blockElements separate words when text is taken from markup: <p>a</p><p>b</p> reads "a b", not "ab".
var blockElements = map[string]bool{
	"p": true, "div": true, "br": true, "li": true, "ul": true, "ol": true, "td": true, "th": true, "tr": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "dd": true, "dt": true,
	"section": true, "article": true, "header": true, "footer": true, "table": true,
}

// textOf is the visible text of a node, with block elements separated by spaces, collapsed.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			if n.Data == "script" || n.Data == "style" {
				return
			}
		case html.CommentNode:
			return
		}
		block := n.Type == html.ElementNode && blockElements[n.Data]
		if block {
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			b.WriteByte(' ')
		}
	}
	walk(n)
	return collapse(b.String())
}

// selText is the text of a selection's first node, or "".
func selText(s *goquery.Selection) string {
	if s.Length() == 0 {
		return ""
	}
	return textOf(s.Get(0))
}

// attr is an attribute of a node, or "".
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// firstMatch returns the text (or the named attribute when attrName is set) of the first selector that finds
// something non-empty.
func firstMatch(doc *goquery.Selection, selectors []string, attrName string) string {
	value := func(n *html.Node) string {
		if attrName != "" {
			return strings.TrimSpace(attr(n, attrName))
		}
		return textOf(n)
	}
	for _, sel := range selectors {
		// The first match almost always has the value; only when it is empty are the others read.
		n := findFirst(doc, sel)
		if n == nil {
			continue
		}
		if v := value(n); v != "" {
			return v
		}
		var found string
		doc.FindMatcher(matcher(sel)).EachWithBreak(func(_ int, s *goquery.Selection) bool {
			if attrName != "" {
				found = strings.TrimSpace(attr(s.Get(0), attrName))
			} else {
				found = textOf(s.Get(0))
			}
			return found == ""
		})
		if found != "" {
			return found
		}
	}
	return ""
}

// memo remembers a lookup by text. data.ParseEcosystem and data.CountryCode fold every candidate on every
// call; pages repeat the same few names, so each is looked up once. Bounded, as pages are untrusted input.
type memo[V any] struct {
	lookup func(string) (V, bool)
	mu     sync.Mutex
	m      map[string]memoResult[V]
}

type memoResult[V any] struct {
	v  V
	ok bool
}

const memoMax = 4096

func (c *memo[V]) get(s string) (V, bool) {
	c.mu.Lock()
	r, hit := c.m[s]
	c.mu.Unlock()
	if hit {
		return r.v, r.ok
	}
	r.v, r.ok = c.lookup(s)
	c.mu.Lock()
	if c.m == nil {
		c.m = make(map[string]memoResult[V])
	}
	if len(c.m) < memoMax {
		c.m[s] = r
	}
	c.mu.Unlock()
	return r.v, r.ok
}

var (
	ecosystems = &memo[data.Ecosystem]{lookup: data.ParseEcosystem}
	countries  = &memo[string]{lookup: data.CountryCode}
)
