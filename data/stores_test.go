package data

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"
)

// testServer is the throw-away PostgreSQL server of scripts/with-postgres.sh (make test starts it), as the
// superuser that may create a database per test.
func testServer(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv("CLUSTERBRIDGE_TEST_PG")
	if dsn == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("CLUSTERBRIDGE_TEST_PG is not set: run the tests through scripts/with-postgres.sh (make test does)")
		}
		t.Skip("no PostgreSQL test server: run through scripts/with-postgres.sh (make test does)")
	}
	return dsn
}

// newTestDatabase creates an empty database on the test server and returns its address; it is dropped when
// the test ends.
func newTestDatabase(t testing.TB) string {
	t.Helper()
	admin := testServer(t)
	db, err := sql.Open(pgDriverName, admin)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	b := make([]byte, 6)
	rand.Read(b)
	name := "cb_test_" + hex.EncodeToString(b)
	if _, err := db.Exec(`CREATE DATABASE ` + name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Exec(`DROP DATABASE ` + name + ` WITH (FORCE)`) })
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

// storeKind is one of the two stores every storage test runs against.
type storeKind struct {
	name string
	// place is where a new, empty catalogue of this kind is.
	place func(t testing.TB) string
}

var storeKinds = []storeKind{
	{"file", func(t testing.TB) string { return filepath.Join(t.TempDir(), "c.db") }},
	{"postgres", newTestDatabase},
}

// eachStore runs fn against a new catalogue in each store, as subtests named after the store.
func eachStore(t *testing.T, fn func(t *testing.T, place string)) {
	for _, k := range storeKinds {
		t.Run(k.name, func(t *testing.T) { fn(t, k.place(t)) })
	}
}

// openEach opens a new catalogue with opts in each store.
func openEach(t *testing.T, fn func(t *testing.T, s *Store), opts ...Option) {
	eachStore(t, func(t *testing.T, place string) {
		s, err := Open(context.Background(), place, opts...)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		fn(t, s)
	})
}
