package data_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"clusterbridge/data"
	"clusterbridge/internal/synthetic"
)

// teamBenchDatabase makes an empty database on the throw-away server of scripts/with-postgres.sh; the server
// goes with everything on it when the run ends.
func teamBenchDatabase(b *testing.B) string {
	b.Helper()
	admin := os.Getenv("CLUSTERBRIDGE_TEST_PG")
	if admin == "" {
		b.Skip("no PostgreSQL test server: run through scripts/with-postgres.sh")
	}
	db, err := sql.Open("clusterbridge-postgres", admin)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	r := make([]byte, 6)
	rand.Read(r)
	name := "cb_bench_" + hex.EncodeToString(r)
	if _, err := db.Exec(`CREATE DATABASE ` + name); err != nil {
		b.Fatal(err)
	}
	u, _ := url.Parse(admin)
	u.Path = "/" + name
	return u.String()
}

// team100k is a team catalogue of 100,000 synthetic clusters, filled once per run: over loopback that takes a
// while, and the query, not the filling, is what is measured.
var team100k = struct {
	sync.Once
	place string
	err   error
}{}

// BenchmarkSearch100kTeam is BenchmarkSearch100k on a team catalogue on PostgreSQL over loopback.
func BenchmarkSearch100kTeam(b *testing.B) {
	ctx := context.Background()
	if os.Getenv("CLUSTERBRIDGE_TEST_PG") == "" {
		b.Skip("no PostgreSQL test server: run through scripts/with-postgres.sh")
	}
	team100k.Do(func() {
		team100k.place = teamBenchDatabase(b)
		s, err := data.Open(ctx, team100k.place)
		if err != nil {
			team100k.err = err
			return
		}
		defer s.Close()
		team100k.err = s.AddClusters(ctx, synthetic.Clusters(100_000))
	})
	if team100k.err != nil {
		b.Fatal(team100k.err)
	}
	s, err := data.Open(ctx, team100k.place)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.Run("offshore_wind", func(b *testing.B) { runSearch100k(b, s, "offshore wind") })
	b.Run("havvind", func(b *testing.B) { runSearch100k(b, s, "havvind") })
}

// BenchmarkAddNote is the note an advisor saves, on a file and on a team catalogue over loopback.
func BenchmarkAddNote(b *testing.B) {
	for _, store := range []struct {
		name  string
		place func(b *testing.B) string
	}{
		{"file", func(b *testing.B) string { return filepath.Join(b.TempDir(), "c.db") }},
		{"postgres", teamBenchDatabase},
	} {
		b.Run(store.name, func(b *testing.B) {
			ctx := context.Background()
			s, err := data.Open(ctx, store.place(b), data.WithAuthor("Anna Berg"))
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			if err := s.AddClusters(ctx, synthetic.Clusters(1000)); err != nil {
				b.Fatal(err)
			}
			c, err := s.FindCluster(ctx, "1")
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if _, err := s.AddNote(ctx, c.ID, "Met their manager in Malmö; a call on 3 December."); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
