// Package testsite gives tests the saved pages of the public sources laid out as a saved site: the names the
// fixtures have (profile-….html, listing-page-0.html, sitemap.xml, …), read from the one copy of each page
// in scraper/testdata/pages, where the parser's golden tests check them.
package testsite

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// pages maps a page's name in the saved site to its file in scraper/testdata/pages.
var pages = map[string]string{
	"benchmarked-clusters-denmark.html":      "esca-benchmarked-clusters-denmark.html",
	"labellised-clusters-2024-q3.html":       "eucles-labellised-clusters-2024-q3.html",
	"listing-page-0.html":                    "eccp-listing-page-0.html",
	"listing-page-1.html":                    "eccp-listing-page-1.html",
	"news-textilscat-award.html":             "eccp-news-textilscat-award.html",
	"profile-catalan-water-partnership.html": "eccp-profile-catalan-water-partnership.html",
	"profile-flanders-food.html":             "eccp-profile-flanders-food.html",
	"profile-food-bio-cluster-denmark.html":  "eccp-profile-food-bio-cluster-denmark.html",
	"profile-gce-ocean-technology.html":      "eccp-profile-gce-ocean-technology.html",
	"profile-mobile-heights.html":            "eccp-profile-mobile-heights.html",
	"profile-odense-robotics.html":           "eccp-profile-odense-robotics.html",
	"sitemap.xml":                            "eccp-sitemap.xml",
}

// Size is how many pages the saved site holds.
var Size = len(pages)

// pagesDir is scraper/testdata/pages, found from this file so that any package's tests can use it.
func pagesDir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "scraper", "testdata", "pages")
}

// Page reads one page of the saved site by its name there.
func Page(t testing.TB, name string) []byte {
	t.Helper()
	b, err := ReadPage(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// ReadPage reads one page of the saved site by its name there, for code that has no testing.TB at hand.
func ReadPage(name string) ([]byte, error) {
	file, ok := pages[name]
	if !ok {
		return nil, os.ErrNotExist
	}
	return os.ReadFile(filepath.Join(pagesDir(), file))
}

// Folder writes the saved site into a new temporary folder, every other page in a subfolder "more" so that
// imports are seen to read folders recursively, and returns the folder.
func Folder(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	i := 0
	for name := range pages {
		dst := dir
		if i%2 == 1 {
			dst = filepath.Join(dir, "more")
		}
		i++
		if err := os.MkdirAll(dst, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, name), Page(t, name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
