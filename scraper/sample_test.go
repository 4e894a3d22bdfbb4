package scraper

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"clusterbridge/assets"
)

func TestSampleReadsEveryClusterWithoutWarnings(t *testing.T) {
	cs, err := Sample(context.Background())
	if err != nil {
		t.Fatal(err) // Sample fails on any warning
	}
	if len(cs) != assets.SampleSize {
		t.Fatalf("the sample gives %d clusters, want %d", len(cs), assets.SampleSize)
	}
	for _, c := range cs {
		if c.Name == "GCE Ocean Technology" {
			if c.Country != "NO" || c.City != "Bergen" || c.Label != "gold" || c.LabelYear != 2021 || len(c.Sources) != 2 || c.Sources[0].Kind != "sample" {
				t.Errorf("GCE Ocean Technology read as %+v", c)
			}
			return
		}
	}
	t.Error("GCE Ocean Technology is not in the sample")
}

// TestSampleSeedOfDataTests keeps data's copy of the sample (its tests cannot import this package) the same as
// what Sample reads; -update rewrites it.
func TestSampleSeedOfDataTests(t *testing.T) {
	cs, err := Sample(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for i := range cs {
		for j := range cs[i].Sources {
			cs[i].Sources[j].ReadAt = readAt
		}
	}
	got, err := json.MarshalIndent(cs, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("..", "data", "testdata", "sample.json")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./scraper -run TestSampleSeedOfDataTests -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from what Sample reads; run go test ./scraper -run TestSampleSeedOfDataTests -update", path)
	}
}
