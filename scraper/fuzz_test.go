package scraper

import (
	"strings"
	"testing"
)

// fuzzParse seeds a fuzz target with the test pages whose names start with prefix, and parses mutations as
// if fetched from pageURL with contentType, so that each target stays on its source's parser.
func fuzzParse(f *testing.F, prefix, pageURL, contentType string) {
	for _, n := range testPageNames(f, prefix) {
		f.Add(testPage(f, n))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		p, err := Parse(pageURL, body, contentType, Options{Country: "DK", ReadAt: readAt})
		if err != nil {
			if p.Kind != "" || len(p.Records) > 0 {
				t.Errorf("an error came with a page: %+v", p)
			}
			return
		}
		checkPage(t, p)
	})
}

// checkPage asserts what every page must satisfy, whatever its bytes.
func checkPage(t *testing.T, p Page) {
	t.Helper()
	if p.Kind == "" {
		t.Errorf("page without a kind")
	}
	if p.Kind == KindOther && p.Skipped == "" {
		t.Errorf("skipped page without a reason")
	}
	for _, c := range p.Records {
		if strings.TrimSpace(c.Name) == "" || c.Name != collapse(c.Name) {
			t.Errorf("record with an empty or untidy name %q", c.Name)
		}
		if c.Country != "" && (len(c.Country) != 2 || c.Country[0] < 'A' || c.Country[0] > 'Z' || c.Country[1] < 'A' || c.Country[1] > 'Z') {
			t.Errorf("record %q has country %q, not two upper-case letters", c.Name, c.Country)
		}
		if c.LabelValidUntil != "" && !validDateText(c.LabelValidUntil) {
			t.Errorf("record %q has label date %q, not YYYY-MM-DD or YYYY-MM", c.Name, c.LabelValidUntil)
		}
		if !p.CatalogueCopy && (len(c.Sources) == 0 || c.Sources[len(c.Sources)-1].Kind != string(p.Kind)) {
			t.Errorf("record %q lacks this page among its sources: %+v", c.Name, c.Sources)
		}
		if w := strings.ToLower(c.Website); w != "" && !strings.HasPrefix(w, "http://") && !strings.HasPrefix(w, "https://") {
			t.Errorf("record %q has website %q, not absolute", c.Name, c.Website)
		}
	}
}

func validDateText(s string) bool {
	if len(s) != 10 && len(s) != 7 {
		return false
	}
	_, ok := parseDate(s)
	return ok
}

func FuzzECCPProfile(f *testing.F) {
	fuzzParse(f, "eccp-profile", "https://clustercollaboration.eu/content/fuzz", "text/html")
}

func FuzzESCA(f *testing.F) {
	fuzzParse(f, "esca", "https://www.cluster-analysis.org/benchmarked-clusters/?country=fuzz", "")
}

func FuzzEUCLES(f *testing.F) {
	fuzzParse(f, "eucles", "https://www.eucles.be/fuzz/", "text/html; charset=utf-8")
}

func FuzzSitemap(f *testing.F) {
	fuzzParse(f, "eccp-sitemap", "https://clustercollaboration.eu/sitemap.xml?page=1", "application/xml")
}

func FuzzCSV(f *testing.F) {
	fuzzParse(f, "clusters", "clusters.csv", "text/csv")
}
