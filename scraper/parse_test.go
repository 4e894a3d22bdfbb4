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
	"eccp-listing-page-0.html":              {url: "https://clustercollaboration.eu/search-results?type=cluster_organisation&page=0"},
	"eccp-sitemap.xml":                      {url: "https://clustercollaboration.eu/sitemap.xml?page=1"},
	"eccp-profile-latin1-header.html":       {contentType: "text/html; charset=iso-8859-1"},
	"esca-no-country.html":                  {country: "dk"},
	"esca-benchmarked-clusters-denmark.html": {url: "https://www.cluster-analysis.org/benchmarked-clusters/?country=2e3f"},
	"eucles-labellised-clusters-2024-q3.html": {url: "https://www.eucles.be/2024/10/15/july-august-and-september-2024-labellised-clusters/"},
}

func parseTestPage(t testing.TB, name string) (Page, error) {
	t.Helper()
	path := filepath.Join("testdata", "pages", name)
	body, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
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
	names, err := filepath.Glob(filepath.Join("testdata", "pages", "*"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no test pages: %v", err)
	}
	for _, path := range names {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			p, err := parseTestPage(t, name)
			var g golden
			if err != nil {
				g.Error = err.Error()
			} else {
				g.Page = &p
			}
			got, jerr := json.MarshalIndent(g, "", "  ")
			if jerr != nil {
				t.Fatal(jerr)
			}
			got = append(got, '\n')
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
