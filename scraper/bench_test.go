package scraper

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/net/html"
)

const benchProfile = "eccp-profile-food-bio-cluster-denmark.html"

func benchPage(b *testing.B) []byte {
	body, err := os.ReadFile(filepath.Join("testdata", "pages", benchProfile))
	if err != nil {
		b.Fatal(err)
	}
	return body
}

// BenchmarkParseProfile is a whole profile read into a record; its bar is 2× BenchmarkHTMLParse.
func BenchmarkParseProfile(b *testing.B) {
	body := benchPage(b)
	opts := Options{ReadAt: readAt}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		p, err := Parse("https://clustercollaboration.eu/content/food-bio-cluster-denmark", body, "text/html; charset=utf-8", opts)
		if err != nil || len(p.Records) != 1 {
			b.Fatalf("got %d records, %v", len(p.Records), err)
		}
	}
}

// BenchmarkHTMLParse is the floor: parsing the same bytes into a tree and nothing more.
func BenchmarkHTMLParse(b *testing.B) {
	body := benchPage(b)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := html.Parse(bytes.NewReader(body)); err != nil {
			b.Fatal(err)
		}
	}
}
