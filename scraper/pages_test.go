package scraper

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// pageEdit replaces one run of text, found exactly once, in a base page.
type pageEdit struct{ old, new string }

// pageVariants are test pages made from a fixture by a few edits. Each checks one way a live page may differ
// (a label's wording, a date's form, a missing name or country) without a whole copy of the page to keep in
// step with its base.
var pageVariants = map[string]struct {
	base  string
	edits []pageEdit
}{
	"eccp-profile-date-dmy.html": {"eccp-profile-food-bio-cluster-denmark.html", []pageEdit{
		{`      <div class="field__label">Cluster Management Excellence Label</div>
      <div class="field__item">GOLD</div>`,
			`      <div class="field__label">Cluster label</div>
      <div class="field__item">Gold label</div>`},
		{`      <div class="field__label">Label valid until</div>
      <div class="field__item"><time datetime="2026-09-30T12:00:00Z">30/09/2026</time></div>`,
			`      <div class="field__label">Label validity</div>
      <div class="field__item">30/09/2026</div>`},
	}},
	"eccp-profile-date-iso.html": {"eccp-profile-food-bio-cluster-denmark.html", []pageEdit{
		{`      <div class="field__item"><time datetime="2026-09-30T12:00:00Z">30/09/2026</time></div>`,
			`      <div class="field__item">2026-09-30</div>`},
	}},
	"eccp-profile-date-long.html": {"eccp-profile-food-bio-cluster-denmark.html", []pageEdit{
		{`      <div class="field__label">Cluster Management Excellence Label</div>
      <div class="field__item">GOLD</div>`,
			`      <div class="field__label">Label</div>
      <div class="field__item">Gold</div>`},
		{`      <div class="field__label">Label valid until</div>
      <div class="field__item"><time datetime="2026-09-30T12:00:00Z">30/09/2026</time></div>`,
			`      <div class="field__label">Label valid until:</div>
      <div class="field__item">Tuesday, 30 September 2026</div>`},
	}},
	"eccp-profile-date-month.html": {"eccp-profile-food-bio-cluster-denmark.html", []pageEdit{
		{`      <div class="field__label">Cluster Management Excellence Label</div>`,
			`      <div class="field__label">ESCA label</div>`},
		{`      <div class="field__item"><time datetime="2026-09-30T12:00:00Z">30/09/2026</time></div>`,
			`      <div class="field__item">September 2026</div>`},
	}},
	"eccp-profile-date-ymd-slash.html": {"eccp-profile-food-bio-cluster-denmark.html", []pageEdit{
		{`      <div class="field__label">Cluster Management Excellence Label</div>
      <div class="field__item">GOLD</div>`,
			`      <div class="field__label">Label</div>
      <div class="field__item">Gold</div>`},
		{`      <div class="field__label">Label valid until</div>
      <div class="field__item"><time datetime="2026-09-30T12:00:00Z">30/09/2026</time></div>`,
			`      <div class="field__label">Valid until</div>
      <div class="field__item">2026/09/30</div>`},
	}},
	"eccp-profile-gold-label-wording.html": {"eccp-profile-food-bio-cluster-denmark.html", []pageEdit{
		{`      <div class="field__label">Cluster Management Excellence Label</div>
      <div class="field__item">GOLD</div>`,
			`      <div class="field__label">Gold Label</div>
      <div class="field__item">Yes</div>`},
		{`      <div class="field__label">Label valid until</div>
      <div class="field__item"><time datetime="2026-09-30T12:00:00Z">30/09/2026</time></div>`,
			`      <div class="field__label">Label expiry date</div>
      <div class="field__item">Sept. 30, 2026</div>`},
	}},
	"eccp-profile-label-with-date.html": {"eccp-profile-food-bio-cluster-denmark.html", []pageEdit{
		{`      <div class="field__item">GOLD</div>
    </div>
    <div class="field field--name-field-label-valid-until field--type-string field--label-inline clearfix">
      <div class="field__label">Label valid until</div>
      <div class="field__item"><time datetime="2026-09-30T12:00:00Z">30/09/2026</time></div>`,
			`      <div class="field__item">Silver, valid until 31.12.2025</div>`},
	}},
	"eccp-profile-no-name.html": {"eccp-profile-food-bio-cluster-denmark.html", []pageEdit{
		{`<title>Food &amp; Bio Cluster Denmark | European Cluster Collaboration Platform</title>`,
			`<title>European Cluster Collaboration Platform</title>`},
		{`  <h1 class="page-title"><span class="field field--name-title field--type-string field--label-hidden">Food &amp; Bio Cluster Denmark</span></h1>`,
			`  <h1 class="page-title"></h1>`},
	}},
	// The live listing's last page: no cards, no next link.
	"eccp-listing-page-2-empty.html": {"eccp-listing-page-1.html", []pageEdit{
		{`type=cluster_organisation&amp;page=1" />`, `type=cluster_organisation&amp;page=2" />`},
		{`<div class="view-header">Displaying 4 - 6 of 6 results</div>`, ``},
		{`<div class="view-content">
  <div class="search-result-item views-row">
    <div class="search-result-item__type">Cluster organisation</div>
    <h3 class="search-result-item__title"><a href="/content/odense-robotics" hreflang="en">Odense Robotics</a></h3>
    <div class="search-result-item__meta"><span class="country">Denmark</span> &middot; <span class="ecosystems">Digital, Electronics</span></div>
  </div>
  <div class="search-result-item views-row">
    <div class="search-result-item__type">Cluster organisation</div>
    <h3 class="search-result-item__title"><a href="/content/mobile-heights" hreflang="en">Mobile Heights</a></h3>
    <div class="search-result-item__meta"><span class="country">Sweden</span> &middot; <span class="ecosystems">Digital</span></div>
  </div>
  <div class="search-result-item views-row">
    <div class="search-result-item__type">Cluster organisation</div>
    <h3 class="search-result-item__title"><a href="/content/flanders-food" hreflang="en">Flanders&#x27; FOOD</a></h3>
    <div class="search-result-item__meta"><span class="country">Belgium</span> &middot; <span class="ecosystems">Agri-food</span></div>
  </div>
</div>
`, `<div class="view-content"></div>
`},
		{`<li class="pager__item is-active">Page 2</li>`, `<li class="pager__item is-active">Page 3</li>`},
	}},
	"esca-no-country.html": {"esca-benchmarked-clusters-denmark.html", []pageEdit{
		{`<form method="get" action="/benchmarked-clusters/"><label for="country">Country</label><select id="country" name="country"><option value="0a1b">Austria</option><option value="1c2d">Belgium</option><option value="2e3f" selected>Denmark</option><option value="9z9z">Spain</option><option value="4a5b">Sweden</option></select> <input type="submit" value="Show"></form>`,
			``},
	}},
	"esca-no-country-no-option.html": {"esca-benchmarked-clusters-denmark.html", []pageEdit{
		{`<form method="get" action="/benchmarked-clusters/"><label for="country">Country</label><select id="country" name="country"><option value="0a1b">Austria</option><option value="1c2d">Belgium</option><option value="2e3f" selected>Denmark</option><option value="9z9z">Spain</option><option value="4a5b">Sweden</option></select> <input type="submit" value="Show"></form>`,
			``},
	}},
}

// testPage reads a test page by name: a file in testdata/pages, or a variant made from one.
func testPage(tb testing.TB, name string) []byte {
	tb.Helper()
	if v, ok := pageVariants[name]; ok {
		s := string(testPage(tb, v.base))
		for _, e := range v.edits {
			if strings.Count(s, e.old) != 1 {
				tb.Fatalf("variant %s: %q is not in %s exactly once", name, e.old, v.base)
			}
			s = strings.Replace(s, e.old, e.new, 1)
		}
		return []byte(s)
	}
	b, err := os.ReadFile(filepath.Join("testdata", "pages", name))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// testPageNames lists the test pages, files and variants, whose names start with prefix, sorted.
func testPageNames(tb testing.TB, prefix string) []string {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "pages", prefix+"*"))
	if err != nil {
		tb.Fatal(err)
	}
	var names []string
	for _, f := range files {
		names = append(names, filepath.Base(f))
	}
	for name := range pageVariants {
		if strings.HasPrefix(name, prefix) {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	if len(names) == 0 {
		tb.Fatalf("no test pages %s*", prefix)
	}
	return names
}
