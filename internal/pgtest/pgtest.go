// Package pgtest gives tests an empty database of their own on the throw-away PostgreSQL server that
// scripts/with-postgres.sh starts on loopback (make test runs every test through it).
package pgtest

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, for the administrator's statements
)

// Server is the test server's address, as the superuser that may create a database per test. Without one a
// test is skipped on a developer's machine, and fails with the reason in CI, where it must never be skipped.
func Server(t testing.TB) string {
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

// Admin is a connection to the test server as its superuser, closed when the test ends.
func Admin(t testing.TB, dsn string) *sql.DB {
	t.Helper()
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// NewDatabase creates an empty database on the test server and returns its address; it is dropped, with any
// connection left to it, when the test ends.
func NewDatabase(t testing.TB) string {
	t.Helper()
	admin := Server(t)
	db := Admin(t, admin)
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
