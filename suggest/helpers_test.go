package suggest

import (
	"context"
	"testing"
	"time"

	"clusterbridge/data"
	"clusterbridge/scraper"
)

// today is the fixed day the tests judge labels on.
var today = time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)

func sample(t testing.TB) []data.Cluster {
	t.Helper()
	cs, err := scraper.Sample(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for i := range cs {
		cs[i].ID = int64(i + 1)
	}
	return cs
}

func named(t testing.TB, cs []data.Cluster, name string) data.Cluster {
	t.Helper()
	for _, c := range cs {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("no cluster named %q in the sample", name)
	return data.Cluster{}
}
