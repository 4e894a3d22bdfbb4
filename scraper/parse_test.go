package scraper

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"clusterbridge/data"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// readAt stamps every test parse, so that goldens do not change from run to run.
var readAt = time.Date(2026, 1, 15, 9, 0, 0, 0, time.UTC)

// pageCases says, per test page, what the page cannot say by itself: the URL it was fetched from, its
// Content-Type and --country. Pages not listed are read as saved files, by their path.
var pageCases = map[string]struct {
	url         string
	contentType string
	country     string
}{
	"eccp-listing-page-0.html":                {url: "https://clustercollaboration.eu/search-results?type=cluster_organisation&page=0"},
	"eccp-sitemap.xml":                        {url: "https://clustercollaboration.eu/sitemap.xml?page=1"},
	"eccp-profile-latin1-header.html":         {contentType: "text/html; charset=iso-8859-1"},
	"esca-no-country.html":                    {country: "dk"},
	"eccp-listing-page-2-empty.html":          {url: "https://clustercollaboration.eu/search-results?type=cluster_organisation&page=2"},
	"esca-industry-view.html":                 {url: "https://www.cluster-analysis.org/benchmarked-clusters/?industry=food-industry"},
	"esca-benchmarked-clusters-denmark.html":  {url: "https://www.cluster-analysis.org/benchmarked-clusters/?country=2e3f"},
	"eucles-labellised-clusters-2024-q3.html": {url: "https://www.eucles.be/2024/10/15/july-august-and-september-2024-labellised-clusters/"},
}

func parseTestPage(t testing.TB, name string) (Page, error) {
	t.Helper()
	path := filepath.Join("testdata", "pages", name) // a variant is read as if saved there too
	body := testPage(t, name)
	pc := pageCases[name]
	pageURL := pc.url
	if pageURL == "" {
		pageURL = filepath.ToSlash(path)
	}
	return Parse(pageURL, body, pc.contentType, Options{Country: pc.country, ReadAt: readAt})
}

// golden is what a golden file holds: the page, or the error a page must give.
type golden struct {
	Page  *Page  `json:",omitempty"`
	Error string `json:",omitempty"`
}

func TestGolden(t *testing.T) {
	for _, name := range testPageNames(t, "") {
		t.Run(name, func(t *testing.T) {
			p, err := parseTestPage(t, name)
			var g golden
			if err != nil {
				g.Error = err.Error()
			} else {
				g.Page = &p
			}
			got, jerr := compactJSON(g)
			if jerr != nil {
				t.Fatal(jerr)
			}
			goldenPath := filepath.Join("testdata", "golden", strings.TrimSuffix(name, filepath.Ext(name))+".json")
			if *update {
				if err := os.WriteFile(goldenPath, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(goldenPath)
			if err != nil {
				t.Fatalf("%v (run go test ./scraper -run TestGolden -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from %s (run with -update and check the diff by eye):\n%s", name, goldenPath, got)
			}
		})
	}
}

// compactJSON is v as indented JSON without its zero values, so that a golden shows only what was read.
func compactJSON(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var tree any
	if err := json.Unmarshal(b, &tree); err != nil {
		return nil, err
	}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false) // "Food & Bio", not "Food \u0026 Bio"
	enc.SetIndent("", "  ")
	err = enc.Encode(prune(tree))
	return out.Bytes(), err
}

func prune(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if e = prune(e); isZeroJSON(e) {
				delete(x, k)
			} else {
				x[k] = e
			}
		}
	case []any:
		for i := range x {
			x[i] = prune(x[i])
		}
	}
	return v
}

func isZeroJSON(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == "" || x == "0001-01-01T00:00:00Z"
	case float64:
		return x == 0
	case []any:
		return len(x) == 0
	case map[string]any:
		return len(x) == 0
	}
	return false
}

func TestNewsItemIsSkippedWithReason(t *testing.T) {
	p, err := parseTestPage(t, "eccp-news-textilscat-award.html")
	if err != nil {
		t.Fatal(err)
	}
	if p.Kind != KindOther || !strings.Contains(p.Skipped, "news item") || len(p.Records) != 0 {
		t.Errorf("news item: got kind %q, skipped %q, %d records; want other, a reason naming a news item, none", p.Kind, p.Skipped, len(p.Records))
	}
}

func TestProfileWithoutNameFails(t *testing.T) {
	_, err := parseTestPage(t, "eccp-profile-no-name.html")
	want := "no cluster name found on the page as an ECCP profile"
	if err == nil || err.Error() != want {
		t.Errorf("got error %v, want %q", err, want)
	}
}

func TestESCAWithoutCountryAsksForIt(t *testing.T) {
	_, err := parseTestPage(t, "esca-no-country-no-option.html")
	// The import's report names the page before the reason; the reason does not name it again.
	if err == nil || !strings.Contains(err.Error(), "import --country DK") || strings.Contains(err.Error(), "esca-no-country-no-option.html") {
		t.Errorf("got error %v, want one saying how to give the country, without the page's name twice", err)
	}
}

func TestFoodBioProfile(t *testing.T) {
	p, err := parseTestPage(t, "eccp-profile-food-bio-cluster-denmark.html")
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Records) != 1 {
		t.Fatalf("got %d records, want 1", len(p.Records))
	}
	c := p.Records[0]
	if c.Name != "Food & Bio Cluster Denmark" || c.Country != "DK" || c.Label != "gold" || c.LabelValidUntil != "2026-09-30" ||
		len(c.Ecosystems) == 0 || c.Ecosystems[0] != "Agri-food" || c.Members != 260 || c.Founded != 2018 ||
		c.Contact != "info@foodbiocluster.dk" || c.Website != "https://foodbiocluster.dk" {
		t.Errorf("got %+v", c)
	}
	if len(c.Sources) != 1 || c.Sources[0].URL != "https://clustercollaboration.eu/content/food-bio-cluster-denmark" ||
		c.Sources[0].Kind != "eccp-profile" || !c.Sources[0].ReadAt.Equal(readAt) {
		t.Errorf("got sources %+v", c.Sources)
	}
}

func TestLatin1KeepsAccents(t *testing.T) {
	for _, name := range []string{"eccp-profile-latin1-meta.html", "eccp-profile-latin1-header.html"} {
		p, err := parseTestPage(t, name)
		if err != nil {
			t.Fatal(err)
		}
		if c := p.Records[0]; c.City != "Århus" || c.Region != "Région Midtjylland" {
			t.Errorf("%s: got city %q, region %q; want Århus, Région Midtjylland", name, c.City, c.Region)
		}
	}
}

func TestParseDate(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"2026-09-30", "2026-09-30"},                 // ISO
		{"2026-09-30T12:00:00Z", "2026-09-30"},       // ISO timestamp (<time datetime>)
		{"2026/09/30", "2026-09-30"},                 // ESCA
		{"30.09.2026", "2026-09-30"},                 // Excel de, da, nb
		{"1.9.2026", "2026-09-01"},                   // Excel de without leading zeros
		{"30/09/2026", "2026-09-30"},                 // Excel fr
		{"30-09-2026", "2026-09-30"},                 // Excel nl
		{"30-9-2026", "2026-09-30"},                  // Excel nl without leading zeros
		{"09/30/2026", "2026-09-30"},                 // US, when the numbers say so
		{"30 September 2026", "2026-09-30"},          // English
		{"Tuesday, 30 September 2026", "2026-09-30"}, // English with a weekday
		{"September 30, 2026", "2026-09-30"},         // US English
		{"30th Sept 2026", "2026-09-30"},
		{"Sept. 30, 2026", "2026-09-30"},
		{"30 september 2026", "2026-09-30"},  // Swedish, Danish, Norwegian, Dutch
		{"30. September 2026", "2026-09-30"}, // German
		{"1. März 2026", "2026-03-01"},       // German, accented
		{"1 maart 2026", "2026-03-01"},       // Dutch
		{"17 mei 2026", "2026-05-17"},        // Dutch
		{"17 maj 2026", "2026-05-17"},        // Swedish, Danish
		{"17. mai 2026", "2026-05-17"},       // Norwegian
		{"3 oktober 2026", "2026-10-03"},     // Swedish, Norwegian, Danish, Dutch, German
		{"31. desember 2026", "2026-12-31"},  // Norwegian
		{"31. Dezember 2026", "2026-12-31"},  // German
		{"1er août 2026", "2026-08-01"},      // French
		{"15 février 2026", "2026-02-15"},    // French
		{"31 décembre 2026", "2026-12-31"},   // French
		{"30 settembre 2026", "2026-09-30"},  // Italian
		{"September 2026", "2026-09"},        // a month stays a month
		{"augusti 2026", "2026-08"},          // Swedish month
		{"juin 2026", "2026-06"},             // French month
		{"09/2026", "2026-09"},
		{"2026-09", "2026-09"},
		{"2026/09", "2026-09"},
		{"31/02/2026", ""}, // no such day
		{"30.09.1999", ""}, // before the catalogue's years
		{"30.09.2101", ""}, // after them
		{"2101-01", ""},
		{"2026", ""}, // a year is no date
		{"soon", ""},
		{"", ""},
	} {
		got, ok := parseDate(tc.in)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("parseDate(%q) = %q, %v; want %q", tc.in, got, ok, tc.want)
		}
	}
}

// Field labels are looked up folded (data.Fold): spacing, case, punctuation and accents do not matter.
func TestFieldLabelsFoldToTheirKeys(t *testing.T) {
	for in, want := range map[string]string{
		"": "", "  Label valid until: ": "label valid until", "E-mail": "e mail", "Industrial Ecosystem(s)": "industrial ecosystem s",
		"of which SMEs": "of which smes", "Århus": "arhus", "ESCA  Gold--label": "esca gold label", "2026/09/30": "2026 09 30",
	} {
		if got := data.Fold(in); got != want {
			t.Errorf("data.Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestContainsWords(t *testing.T) {
	for _, tc := range []struct {
		text, words string
		want        bool
	}{
		{"esca gold label", "gold label", true},
		{"gold label", "gold label", true},
		{"golden label", "gold label", false},
		{"label valid until", "label", true},
		{"labels", "label", false},
		{"cluster management excellence label", "excellence label", true},
		{"sme members", "members", true},
		{"", "members", false},
	} {
		if got := containsWords(tc.text, tc.words); got != tc.want {
			t.Errorf("containsWords(%q, %q) = %v", tc.text, tc.words, got)
		}
	}
}

// The live listing ends with one empty page; an empty first page is no listing's end but a changed site.
func TestEmptyListingPageEndsTheListing(t *testing.T) {
	p, err := parseTestPage(t, "eccp-listing-page-2-empty.html")
	if err != nil || p.Kind != KindECCPListing || len(p.Links) != 0 || p.Next != "" {
		t.Errorf("the last, empty page: %+v, %v; want a listing with no links and no error", p, err)
	}
	body := testPage(t, "eccp-listing-page-2-empty.html")
	first := "https://clustercollaboration.eu/search-results?type=cluster_organisation&page=0"
	if _, err := Parse(first, body, "text/html", Options{ReadAt: readAt}); err == nil || !strings.Contains(err.Error(), "no result cards found") {
		t.Errorf("an empty first page gave %v, want no result cards found", err)
	}
}

// ESCA's industry view gives the country per row and lists clusters outside Europe: those are skipped, each
// with its reason, as is a row whose Country cell is empty on a page that names no country.
func TestESCAIndustryViewReadsTheCountryPerRow(t *testing.T) {
	p, err := parseTestPage(t, "esca-industry-view.html")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range p.Records {
		got = append(got, c.Name+" "+c.Country+" "+string(c.Label)+" "+c.LabelValidUntil)
	}
	want := []string{"Agro Business Park DK bronze 2018-12-18", "Food & Bio Cluster Denmark DK bronze 2026-09-30", "Flanders’ FOOD BE bronze 2017-06-01"}
	if strings.Join(got, "; ") != strings.Join(want, "; ") {
		t.Errorf("records %q, want %q", got, want)
	}
	wantWarnings := []string{
		"Clúster Alimentario de Jalisco: skipped: Mexico is outside Europe (not a country of the catalogue)",
		"Wagralim: skipped: its Country cell is empty and the page names no country",
	}
	if strings.Join(p.Warnings, "\n") != strings.Join(wantWarnings, "\n") {
		t.Errorf("warnings %q, want %q", p.Warnings, wantWarnings)
	}
}
