package scraper

import (
	"bytes"
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"clusterbridge/data"
)

// euclesPost holds the shape of a EUCLES news post listing newly labelled clusters.
var euclesPost = struct {
	Host       string   // the site; its posts are read even when a flag is missing
	Content    []string // the post's body, first found wins
	Items      string   // one labelled cluster each, under a level heading
	ItemName   string   // the cluster's name inside an item; else the text up to a dash
	Separators string   // between name and blurb
	PostDate   []string // the post's date, as a datetime attribute, first found wins
	PostDateAt string   // that attribute
	PostMeta   []string // else the post's date as a <meta content>
}{
	Host:       "eucles.be",
	Content:    []string{".entry-content", "article", "main", "body"},
	Items:      "li, p",
	ItemName:   "strong, b",
	Separators: "–—-:|,",
	PostDate:   []string{"time.entry-date[datetime]", "time.published[datetime]", "article time[datetime]", "time[datetime]"},
	PostDateAt: "datetime",
	PostMeta:   []string{"meta[property='article:published_time']", "meta[name=date]"},
}

// flagPrefix starts the UTF-8 of every regional indicator letter (U+1F1E6–U+1F1FF), which pair into flags.
var flagPrefix = []byte("\xf0\x9f\x87")

// looksLikeEUCLES says whether a page lists labelled clusters: a level heading and a flag, or a EUCLES page
// with a level heading.
func looksLikeEUCLES(pageURL string, body []byte, doc *goquery.Document) bool {
	onSite := strings.HasSuffix(hostOf(pageURL), euclesPost.Host)
	if !onSite && !bytes.Contains(body, flagPrefix) {
		return false
	}
	found := false
	doc.FindMatcher(matcher(escaSite.Headings)).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		_, found = data.ParseLabel(textOf(s.Get(0)))
		return !found
	})
	return found
}

// readEUCLES reads each cluster listed under a Gold, Silver or Bronze heading, its country from its flag.
func (r *pageReader) readEUCLES(doc *goquery.Document) (Page, error) {
	content := doc.Selection
	for _, sel := range euclesPost.Content {
		if s := doc.FindMatcher(matcher(sel)); s.Length() > 0 {
			content = s.First()
			break
		}
	}
	year := 0
	if d := firstMatch(doc.Selection, euclesPost.PostDate, euclesPost.PostDateAt); d != "" {
		year = yearIn(d)
	} else if d := firstMatch(doc.Selection, euclesPost.PostMeta, "content"); d != "" {
		year = yearIn(d)
	}
	var recs []data.Cluster
	var levels [7]data.Label
	itemMatcher := matcher(euclesPost.Items)
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if depth := headingDepth(n); depth > 0 {
				levels[depth], _ = data.ParseLabel(textOf(n))
				for d := depth + 1; d < len(levels); d++ {
					levels[d] = data.LabelNone
				}
				return
			}
			if itemMatcher.Match(n) {
				if level := currentLevel(levels[:]); level != data.LabelNone {
					if c, ok := r.euclesItem(n, level, year); ok {
						recs = append(recs, c)
					}
				}
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range content.Nodes {
		walk(n)
	}
	p := r.page(r.url, KindEUCLES, recs)
	if len(p.Records) == 0 {
		return Page{}, errors.New("no labelled cluster found on the page as a EUCLES label post")
	}
	return p, nil
}

// euclesItem reads "🇩🇰 <strong>Name</strong> – blurb". An item with neither flag nor bold name is prose, not
// a cluster.
func (r *pageReader) euclesItem(n *html.Node, level data.Label, year int) (data.Cluster, bool) {
	text := textOf(n)
	flag, rest := cutFlag(text)
	name := ""
	if s := goquery.NewDocumentFromNode(n).FindMatcher(matcher(euclesPost.ItemName)); s.Length() > 0 {
		name = selText(s)
	}
	if flag == "" && name == "" {
		return data.Cluster{}, false
	}
	blurb := ""
	if name != "" {
		if i := strings.Index(rest, name); i >= 0 {
			blurb = rest[i+len(name):]
		}
	} else {
		name, blurb = cutName(rest)
	}
	c := data.Cluster{
		Name:      name,
		Focus:     strings.TrimLeft(blurb, euclesPost.Separators+" "),
		Label:     level,
		LabelYear: year,
	}
	if flag != "" {
		if code, ok := countries.get(flag); ok {
			c.Country = code
		} else {
			r.warnf("unknown country flag %s for %s ignored", flag, name)
		}
	}
	return c, true
}

// cutFlag finds the first flag emoji in text and returns its two letters ("DK") and the text after it.
func cutFlag(text string) (code, rest string) {
	for i, r := range text {
		if !isRegionalIndicator(r) {
			continue
		}
		r2, size := utf8.DecodeRuneInString(text[i+utf8.RuneLen(r):])
		if !isRegionalIndicator(r2) {
			continue
		}
		code = string([]rune{'A' + (r - 0x1F1E6), 'A' + (r2 - 0x1F1E6)})
		return code, strings.TrimSpace(text[i+utf8.RuneLen(r)+size:])
	}
	return "", text
}

func isRegionalIndicator(r rune) bool { return r >= 0x1F1E6 && r <= 0x1F1FF }

// cutName splits "Name – blurb" at the first separator surrounded by spaces.
func cutName(s string) (name, blurb string) {
	for _, sep := range strings.Split(euclesPost.Separators, "") {
		if sep == "," || sep == ":" {
			continue
		}
		if i := strings.Index(s, " "+sep+" "); i >= 0 {
			return s[:i], s[i+len(sep)+2:]
		}
	}
	if i := strings.Index(s, ": "); i >= 0 {
		return s[:i], s[i+2:]
	}
	return s, ""
}
