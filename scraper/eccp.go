package scraper

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"clusterbridge/data"
)

// eccpProfile holds the selectors of an ECCP content page (Drupal). Fields themselves are found by their
// label text through eccpProfileFields; when the live site differs, correct these two tables.
var eccpProfile = struct {
	Article          string            // the content node
	NodeIDAttr       string            // its node id
	NodeTypePrefix   string            // class prefix on the article that names the content type
	BodyTypePrefix   string            // the same on <body>, when the article lacks it
	ClusterNodeTypes []string          // a node type containing one of these is a cluster profile
	OtherNodeTypes   map[string]string // how to name other node types in a skip reason
	MinFieldLabels   int               // profile fields a page without a node type needs to count as a profile
	Name             []string          // the cluster's name, first non-empty wins
	Canonical        string
	FieldLabel       string   // a field's label
	FieldContainer   string   // the element holding one label and its values
	FieldItem        string   // one value inside the container
	Description      []string // the body text, when no labelled description field exists
	Host             string   // for /node/N and for saved pages that give no absolute URL
}{
	Article:          "article[data-history-node-id]",
	NodeIDAttr:       "data-history-node-id",
	NodeTypePrefix:   "node--type-",
	BodyTypePrefix:   "page-node-type-",
	ClusterNodeTypes: []string{"cluster"},
	OtherNodeTypes: map[string]string{
		"news": "a news item", "event": "an event", "call": "a call", "calls": "a call", "page": "a basic page",
		"basic-page": "a basic page", "article": "an article", "partner-search": "a partner search",
	},
	MinFieldLabels: 2,
	Name:           []string{"article h1", "h1.page-title", "h1"},
	Canonical:      "link[rel=canonical]",
	FieldLabel:     ".field__label, .views-label, dt",
	FieldContainer: ".field, .views-field, dl",
	FieldItem:      ".field__item, .field-content",
	Description:    []string{".field--name-body", ".text-formatted", "[property='schema:text']"},
	Host:           "https://clustercollaboration.eu",
}

// Record fields a labelled value can fill.
const (
	fieldNone        = "" // a label claimed so that a looser rule does not take it (SMEs are not members)
	fieldName        = "name"
	fieldAcronym     = "acronym"
	fieldCountry     = "country"
	fieldRegion      = "region"
	fieldCity        = "city"
	fieldEcosystems  = "ecosystems"
	fieldSectors     = "sectors"
	fieldFocus       = "focus"
	fieldDescription = "description"
	fieldLabel       = "label"
	fieldValidUntil  = "label_valid_until"
	fieldLabelYear   = "label_year"
	fieldMembers     = "members"
	fieldFounded     = "founded"
	fieldWebsite     = "website"
	fieldContact     = "contact"
)

// fieldRule says which record field a labelled value fills. Labels are compared folded (data.Fold): an exact
// match wins, else the longest label contained as whole words ("ESCA Gold label" → "gold label").
type fieldRule struct {
	Field  string
	Labels []string
}

var eccpProfileFields = []fieldRule{
	{Field: fieldName, Labels: []string{"name", "cluster name", "organisation name", "organization name", "official name"}},
	{Field: fieldAcronym, Labels: []string{"acronym", "short name", "abbreviation"}},
	{Field: fieldCountry, Labels: []string{"country"}},
	{Field: fieldRegion, Labels: []string{"region", "nuts region", "regional location"}},
	{Field: fieldCity, Labels: []string{"city", "town", "city town"}},
	{Field: fieldEcosystems, Labels: []string{"industrial ecosystems", "industrial ecosystem", "ecosystems", "ecosystem"}},
	{Field: fieldSectors, Labels: []string{"sectoral industries", "sectoral industry", "sectors", "sector", "industries"}},
	{Field: fieldFocus, Labels: []string{"focus", "specialisation", "specialization", "thematic focus"}},
	{Field: fieldLabel, Labels: []string{"cluster management excellence label", "esca label", "eucles label", "label",
		"gold label", "silver label", "bronze label", "cluster label", "label level", "quality label"}},
	{Field: fieldValidUntil, Labels: []string{"label valid until", "valid until", "label validity", "validity",
		"label expiry date", "label expires", "expiry date", "valid to", "label valid to"}},
	{Field: fieldLabelYear, Labels: []string{"label year", "label awarded", "year of labelling", "labelled in"}},
	{Field: fieldMembers, Labels: []string{"number of members", "members", "total members", "number of cluster members",
		"cluster members", "member organisations", "total number of members"}},
	{Field: fieldFounded, Labels: []string{"year of establishment", "year established", "year founded", "founded",
		"established", "founding year", "date of establishment", "year of foundation"}},
	{Field: fieldWebsite, Labels: []string{"website", "web site", "web", "www", "url", "homepage"}},
	{Field: fieldContact, Labels: []string{"contact", "contact email", "email", "e mail", "contact e mail",
		"email address", "contact person"}},
	{Field: fieldDescription, Labels: []string{"description", "about", "about the cluster", "summary"}},
	{Field: fieldNone, Labels: []string{"of which smes", "smes", "sme members", "number of smes", "large companies",
		"research organisations", "phone", "telephone", "contact phone", "fax", "address", "postal address"}},
}

// eccpListing holds the selectors of an ECCP search-results page.
var eccpListing = struct {
	Path     string   // URL path of a listing
	Card     string   // one result
	CardLink []string // the link to the result's page, first found wins
	Next     []string // the pager's next page, first found wins
}{
	Path:     "/search-results",
	Card:     ".search-result-item",
	CardLink: []string{".search-result-item__title a[href]", "h2 a[href], h3 a[href], h4 a[href]", "a[href]"},
	Next:     []string{"nav.pager a[rel=next]", ".pager__item--next a[href]", "a[rel=next]", "link[rel=next]"},
}

// detectECCPNode recognises an ECCP content page by its node type, or, when it states none, by its field labels.
// ok is false when the page is no ECCP content page at all.
func detectECCPNode(pageURL string, doc *goquery.Document) (kind Kind, reason string, ok bool) {
	nodeType := ""
	art := findFirst(doc.Selection, eccpProfile.Article)
	if art != nil {
		nodeType = classWithPrefix(attr(art, "class"), eccpProfile.NodeTypePrefix)
	}
	if nodeType == "" {
		if body := findFirst(doc.Selection, "body"); body != nil {
			nodeType = classWithPrefix(attr(body, "class"), eccpProfile.BodyTypePrefix)
		}
	}
	if nodeType != "" {
		for _, t := range eccpProfile.ClusterNodeTypes {
			if strings.Contains(nodeType, t) {
				return KindECCPProfile, "", true
			}
		}
		what, known := eccpProfile.OtherNodeTypes[nodeType]
		if !known {
			what = fmt.Sprintf("a %q page", nodeType)
		}
		return KindOther, fmt.Sprintf("%s (ECCP node type %q), not a cluster profile", what, nodeType), true
	}
	if art != nil || strings.HasSuffix(hostOf(pageURL), "clustercollaboration.eu") {
		fields := map[string]bool{}
		for _, lf := range profileLabels(doc.Selection) {
			if lf.field != fieldNone && lf.field != fieldDescription {
				fields[lf.field] = true
			}
		}
		if len(fields) >= eccpProfile.MinFieldLabels {
			return KindECCPProfile, "", true
		}
	}
	return "", "", false
}

// classWithPrefix returns the rest of the first class starting with prefix, or "".
func classWithPrefix(class, prefix string) string {
	for _, c := range strings.Fields(class) {
		if strings.HasPrefix(c, prefix) && len(c) > len(prefix) {
			return c[len(prefix):]
		}
	}
	return ""
}

// labelledField is one field label found on a page and the record field it fills.
type labelledField struct {
	label *html.Node
	text  string
	field string
}

// Bounds on what one profile is read for: a real profile has a few dozen fields, and a page built to nest
// hundreds of labels and items in each other must not take quadratic time or worse.
const (
	maxFieldLabels = 200
	maxFieldValues = 50
)

func profileLabels(scope *goquery.Selection) []labelledField {
	var out []labelledField
	scope.FindMatcher(matcher(eccpProfile.FieldLabel)).EachWithBreak(func(i int, s *goquery.Selection) bool {
		n := s.Get(0)
		text := strings.TrimRight(textOf(n), ": ")
		if field, ok := matchField(eccpProfileFields, text); ok {
			out = append(out, labelledField{label: n, text: text, field: field})
		}
		return i < maxFieldLabels
	})
	return out
}

// matchField finds the rule for a label text: an exact folded match, else the longest label contained in it
// as whole words.
func matchField(rules []fieldRule, label string) (string, bool) {
	key := data.Fold(label)
	if key == "" {
		return "", false
	}
	best, bestLen, found := "", 0, false
	for _, r := range rules {
		for _, l := range r.Labels {
			if l == key {
				return r.Field, true
			}
			if len(l) > bestLen && containsWords(key, l) {
				best, bestLen, found = r.Field, len(l), true
			}
		}
	}
	return best, found
}

// containsWords reports whether words occurs in text as whole words (both folded: words split by one space).
func containsWords(text, words string) bool {
	for from := 0; from+len(words) <= len(text); {
		i := strings.Index(text[from:], words)
		if i < 0 {
			return false
		}
		i += from
		end := i + len(words)
		if (i == 0 || text[i-1] == ' ') && (end == len(text) || text[end] == ' ') {
			return true
		}
		from = i + 1
	}
	return false
}

// fieldValue is one value of a labelled field.
type fieldValue struct {
	text     string
	href     string // the first link's href
	datetime string // the first <time datetime>
}

// valuesOf reads the values that belong to a label: the field items of its container, else what follows it.
func valuesOf(label *html.Node) []fieldValue {
	container := goquery.NewDocumentFromNode(label).ClosestMatcher(matcher(eccpProfile.FieldContainer))
	var out []fieldValue
	if container.Length() > 0 {
		container.FindMatcher(matcher(eccpProfile.FieldItem)).EachWithBreak(func(_ int, s *goquery.Selection) bool {
			out = append(out, valueOf(s.Get(0)))
			return len(out) < maxFieldValues
		})
	}
	if len(out) > 0 {
		return out
	}
	// No items: the values are the label's following siblings, as in <dt>/<dd> or "<b>Country:</b> Denmark".
	var loose []string
	for n := label.NextSibling; n != nil; n = n.NextSibling {
		switch n.Type {
		case html.ElementNode:
			if n.Data == "dt" || matcher(eccpProfile.FieldLabel).Match(n) {
				return flushLoose(out, loose)
			}
			out = flushLoose(out, loose)
			loose = nil
			if out = append(out, valueOf(n)); len(out) >= maxFieldValues {
				return out
			}
		case html.TextNode:
			loose = append(loose, n.Data)
		}
	}
	return flushLoose(out, loose)
}

func flushLoose(out []fieldValue, loose []string) []fieldValue {
	if t := collapse(strings.Join(loose, " ")); t != "" {
		out = append(out, fieldValue{text: t})
	}
	return out
}

func valueOf(n *html.Node) fieldValue {
	v := fieldValue{text: textOf(n)}
	s := goquery.NewDocumentFromNode(n)
	if a := findFirst(s.Selection, "a[href]"); a != nil {
		v.href = attr(a, "href")
	} else if n.Data == "a" {
		v.href = attr(n, "href")
	}
	if t := findFirst(s.Selection, "time[datetime]"); t != nil {
		v.datetime = attr(t, "datetime")
	} else if n.Data == "time" {
		v.datetime = attr(n, "datetime")
	}
	return v
}

// readECCPProfile reads a cluster organisation profile into one record.
func (r *pageReader) readECCPProfile(doc *goquery.Document) (Page, error) {
	art := doc.FindMatcher(matcher(eccpProfile.Article))
	scope := doc.Selection
	if art.Length() > 0 {
		scope = art.First()
	}
	var c data.Cluster
	for _, lf := range profileLabels(scope) {
		r.applyProfileField(&c, lf, valuesOf(lf.label))
	}
	if name := firstMatch(scope, eccpProfile.Name, ""); name != "" {
		c.Name = name
	}
	if c.Description == "" {
		for _, sel := range eccpProfile.Description {
			if n := findFirst(scope, sel); n != nil {
				c.Description = paragraphs(n)
				break
			}
		}
	}
	src := r.profileSourceURL(doc, art)
	if collapse(c.Name) == "" {
		return Page{}, errors.New("no cluster name found on the page as an ECCP profile")
	}
	return r.page(src, KindECCPProfile, []data.Cluster{c}), nil
}

// profileSourceURL is the canonical URL, else /node/N on the page's host, else the URL read.
func (r *pageReader) profileSourceURL(doc *goquery.Document, art *goquery.Selection) string {
	if canon := webURL(firstMatch(doc.Selection, []string{eccpProfile.Canonical}, "href")); canon != nil {
		return canon.String()
	}
	if art.Length() > 0 {
		if id := strings.TrimSpace(attr(art.Get(0), eccpProfile.NodeIDAttr)); id != "" {
			host := eccpProfile.Host
			if u := webURL(r.url); u != nil {
				host = u.Scheme + "://" + u.Host
			}
			return host + "/node/" + url.PathEscape(id)
		}
	}
	return r.url
}

func (r *pageReader) applyProfileField(c *data.Cluster, lf labelledField, vals []fieldValue) {
	first := ""
	for _, v := range vals {
		if v.text != "" {
			first = v.text
			break
		}
	}
	setOnce := func(dst *string) {
		if *dst == "" {
			*dst = first
		}
	}
	switch lf.field {
	case fieldName:
		setOnce(&c.Name)
	case fieldAcronym:
		setOnce(&c.Acronym)
	case fieldCountry:
		setOnce(&c.Country)
	case fieldRegion:
		setOnce(&c.Region)
	case fieldCity:
		setOnce(&c.City)
	case fieldFocus:
		setOnce(&c.Focus)
	case fieldEcosystems:
		for _, v := range vals {
			c.Ecosystems = append(c.Ecosystems, r.ecosystemsIn(v.text, c.Name)...)
		}
	case fieldSectors:
		for _, v := range vals {
			c.Sectors = append(c.Sectors, strings.FieldsFunc(v.text, func(r rune) bool { return r == ';' || r == '|' })...)
		}
	case fieldLabel:
		r.applyLabel(c, lf.text, vals)
	case fieldValidUntil:
		for _, v := range vals {
			if d, ok := dateOf(v); ok {
				c.LabelValidUntil = d
				return
			}
		}
		if first != "" {
			r.warnf(unreadableDate, recordName(c.Name, "the profile"), first)
		}
	case fieldLabelYear:
		if c.LabelYear == 0 {
			c.LabelYear = yearIn(first)
		}
	case fieldMembers:
		if c.MembersText == "" && first != "" {
			c.MembersText = first
			c.Members = leadingNumber(first)
		}
	case fieldFounded:
		if c.Founded == 0 {
			c.Founded = yearIn(first)
		}
	case fieldWebsite:
		if c.Website == "" {
			c.Website = websiteOf(vals)
		}
	case fieldContact:
		if contact := contactOf(vals); contact != "" && (c.Contact == "" || !strings.Contains(c.Contact, "@") && strings.Contains(contact, "@")) {
			c.Contact = contact
		}
	case fieldDescription:
		var ps []string
		for _, v := range vals {
			ps = append(ps, v.text)
		}
		if c.Description == "" {
			c.Description = strings.Join(ps, "\n\n")
		}
	}
}

// applyLabel reads the label level from the value, else from the label text itself ("Gold Label: yes"); a
// date in the value ("Gold, valid until 30/09/2026") is the validity when no field states it.
func (r *pageReader) applyLabel(c *data.Cluster, labelText string, vals []fieldValue) {
	for _, v := range vals {
		if l, ok := data.ParseLabel(v.text); ok && c.Label == data.LabelNone {
			c.Label = l
		}
		if d, ok := dateOf(v); ok && c.LabelValidUntil == "" {
			c.LabelValidUntil = d
		}
	}
	if c.Label == data.LabelNone {
		if l, ok := data.ParseLabel(labelText); ok && len(vals) > 0 && !saysNo(vals[0].text) {
			c.Label = l
		}
	}
}

// saysNo recognises a value that denies a label ("No", "None", "-").
func saysNo(s string) bool {
	switch data.Fold(s) {
	case "no", "none", "n a", "":
		return true
	}
	return false
}

// dateOf reads a value's date, preferring <time datetime>: Drupal stores date-only fields at 12:00 UTC, so its
// date part is the date printed.
func dateOf(v fieldValue) (string, bool) {
	if v.datetime != "" {
		if d, ok := parseDate(v.datetime); ok {
			return d, true
		}
	}
	return parseDate(v.text)
}

// ecosystemsIn reads ecosystems from a value: the whole text, else its comma- or semicolon-separated parts
// (the whole first, since "Proximity, social economy and civil society" has a comma of its own).
func (r *pageReader) ecosystemsIn(text, who string) []data.Ecosystem {
	if text == "" {
		return nil
	}
	if e, ok := ecosystems.get(text); ok {
		return []data.Ecosystem{e}
	}
	var out []data.Ecosystem
	for _, part := range strings.FieldsFunc(text, func(r rune) bool { return r == ',' || r == ';' || r == '|' }) {
		if part = collapse(part); part == "" {
			continue
		}
		if e, ok := ecosystems.get(part); ok {
			out = append(out, e)
		} else {
			r.warnf(unknownEcosystem, recordName(who, "the profile"), part)
		}
	}
	return out
}

// websiteOf prefers a value's link over its text.
func websiteOf(vals []fieldValue) string {
	for _, v := range vals {
		if u := webURL(v.href); u != nil {
			return u.String()
		}
	}
	for _, v := range vals {
		if v.text != "" {
			return v.text
		}
	}
	return ""
}

// contactOf prefers a mailto address, then a text with an obfuscated one ("info [at] example.dk").
func contactOf(vals []fieldValue) string {
	for _, v := range vals {
		if strings.HasPrefix(strings.ToLower(v.href), "mailto:") {
			addr := v.href[len("mailto:"):]
			if i := strings.IndexByte(addr, '?'); i >= 0 {
				addr = addr[:i]
			}
			if addr, err := url.PathUnescape(addr); err == nil && addr != "" {
				return collapse(addr)
			}
		}
	}
	for _, v := range vals {
		if v.text != "" {
			return deobfuscateEmail(v.text)
		}
	}
	return ""
}

var emailObfuscations = strings.NewReplacer(" [at] ", "@", "[at]", "@", " (at) ", "@", "(at)", "@",
	" [dot] ", ".", "[dot]", ".", " (dot) ", ".", "(dot)", ".")

func deobfuscateEmail(s string) string {
	return emailObfuscations.Replace(s)
}

// paragraphs is a body's text, its paragraphs separated by blank lines.
func paragraphs(n *html.Node) string {
	var ps []string
	goquery.NewDocumentFromNode(n).FindMatcher(matcher("p, li")).Each(func(_ int, s *goquery.Selection) {
		if t := textOf(s.Get(0)); t != "" {
			ps = append(ps, t)
		}
	})
	if len(ps) == 0 {
		return textOf(n)
	}
	return strings.Join(ps, "\n\n")
}

// readECCPListing reads a search-results page: each card's link, and the next page.
func (r *pageReader) readECCPListing(doc *goquery.Document) (Page, error) {
	canonical := firstMatch(doc.Selection, []string{eccpProfile.Canonical}, "href")
	base := webURL(r.url)
	if base == nil {
		base = webURL(canonical)
	}
	if base == nil {
		base, _ = url.Parse(eccpProfile.Host + eccpListing.Path)
	}
	p := Page{URL: r.url, Kind: KindECCPListing}
	if webURL(r.url) == nil && webURL(canonical) != nil {
		p.URL = canonical
	}
	seen := map[string]bool{}
	doc.FindMatcher(matcher(eccpListing.Card)).Each(func(_ int, card *goquery.Selection) {
		link := resolve(base, firstMatch(card, eccpListing.CardLink, "href"))
		if link != "" && !seen[link] {
			seen[link] = true
			p.Links = append(p.Links, Link{URL: link})
		}
	})
	p.Next = resolve(base, firstMatch(doc.Selection, eccpListing.Next, "href"))
	if len(p.Links) == 0 {
		// The live listing ends with one empty page, no cards and no next link: the end, not a failure. An
		// empty first page is still one, so that a changed site is noticed.
		if p.Next == "" && listingPageNumber(p.URL) > 0 {
			return p, nil
		}
		return Page{}, errors.New("no result cards found on the page as an ECCP listing")
	}
	p.Warnings = r.warnings
	return p, nil
}

// listingPageNumber is a listing's page=N, counted from 0 (the last of Drupal's multi-pager "0,2"); -1 when
// the address has none.
func listingPageNumber(pageURL string) int {
	u, err := url.Parse(pageURL)
	if err != nil {
		return -1
	}
	v := u.Query().Get("page")
	if i := strings.LastIndexByte(v, ','); i >= 0 {
		v = v[i+1:]
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return -1
	}
	return n
}
