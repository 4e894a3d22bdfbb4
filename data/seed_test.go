package data

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// testSample seeds a catalogue with the embedded sample as scraper.Sample reads it. data reads no CSV and
// its tests cannot import scraper (which imports data), so the records are kept in testdata/sample.json;
// scraper's TestSampleSeedOfDataTests fails when they differ from what scraper.Sample reads.
func testSample(context.Context) ([]Cluster, error) {
	b, err := os.ReadFile(filepath.Join("testdata", "sample.json"))
	if err != nil {
		return nil, err
	}
	var cs []Cluster
	err = json.Unmarshal(b, &cs)
	return cs, err
}

func TestSeedFillsOnlyANewCatalogue(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "c.db")
	calls := 0
	seed := func(context.Context) ([]Cluster, error) {
		calls++
		return []Cluster{{Name: "Seeded Cluster", Country: "DK"}}, nil
	}
	s, err := Open(ctx, path, WithSeed(seed))
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := s.Count(ctx); n != 1 || calls != 1 {
		t.Errorf("a new catalogue holds %d clusters after %d seed calls, want 1 and 1", n, calls)
	}
	s.Close()
	if s, err = Open(ctx, path, WithSeed(seed)); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n, _ := s.Count(ctx); n != 1 || calls != 1 {
		t.Errorf("reopening: %d clusters after %d seed calls, want 1 and 1", n, calls)
	}

	empty, err := Open(ctx, filepath.Join(t.TempDir(), "empty.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer empty.Close()
	if n, _ := empty.Count(ctx); n != 0 {
		t.Errorf("a new catalogue without a seed holds %d clusters, want 0", n)
	}

	_, err = Open(ctx, filepath.Join(t.TempDir(), "bad.db"), WithSeed(func(context.Context) ([]Cluster, error) {
		return nil, errors.New("sample unreadable")
	}))
	if err == nil || !strings.Contains(err.Error(), "sample unreadable") {
		t.Errorf("a failing seed gave %v, want its error", err)
	}
}
