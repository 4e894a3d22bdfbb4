package data

import (
	"context"
	"database/sql"
	"encoding/csv"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"clusterbridge/internal/pgtest"
)

// testServer is the throw-away PostgreSQL server of scripts/with-postgres.sh (make test starts it), as the
// superuser that may create a database per test.
func testServer(t testing.TB) string { return pgtest.Server(t) }

// newTestDatabase creates an empty database on the test server and returns its address; it is dropped when
// the test ends.
func newTestDatabase(t testing.TB) string { return pgtest.NewDatabase(t) }

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

// A team catalogue refuses, untouched, a database that holds another program's tables, and one written by a
// newer ClusterBridge.
func TestTeamCatalogueRefusesWhatIsNotItsOwn(t *testing.T) {
	ctx := context.Background()
	foreign := newTestDatabase(t)
	db, err := sql.Open(pgDriverName, foreign)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TABLE invoices (id INT PRIMARY KEY, total NUMERIC); INSERT INTO invoices VALUES (1, 99.5)`); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(ctx, foreign); !errors.Is(err, ErrNotCatalogue) {
		t.Errorf("a database of another program opens: %v", err)
	}
	var tables int
	db.QueryRow(`SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'`).Scan(&tables)
	if tables != 1 {
		t.Errorf("the other program's database now has %d tables", tables)
	}

	newer := newTestDatabase(t)
	s, err := Open(ctx, newer)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', '2030-01-01')`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := Open(ctx, newer); !errors.Is(err, ErrNewerCatalogue) {
		t.Errorf("a newer team catalogue opens: %v", err)
	}
}

// Each failure a user meets reaching a team catalogue is told apart by its code, in one line, with no
// password in it: a server nobody answers at, a wrong password, and a role without the grants it needs.
func TestTeamCatalogueFailuresAreToldApart(t *testing.T) {
	ctx := context.Background()
	place := newTestDatabase(t)
	db, err := sql.Open(pgDriverName, place)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	pu, _ := url.Parse(place)
	role := "advisor_anna_" + strings.TrimPrefix(strings.TrimPrefix(pu.Path, "/"), "cb_test_")
	for _, q := range []string{
		`CREATE ROLE ` + role + ` LOGIN PASSWORD 'right horse battery'`,
		`REVOKE CREATE ON SCHEMA public FROM PUBLIC`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() {
		admin, err := sql.Open(pgDriverName, testServer(t))
		if err == nil {
			admin.Exec(`DROP ROLE IF EXISTS ` + role)
			admin.Close()
		}
	})
	as := func(user, password string) string {
		u, _ := url.Parse(place)
		u.User = url.UserPassword(user, password)
		return u.String()
	}
	// A port on loopback where nothing listens: the test never leaves this machine.
	unreachable := "postgres://anna:secret@127.0.0.1:1/catalogue?sslmode=disable&connect_timeout=2"
	for _, c := range []struct {
		place string
		want  error
	}{
		{unreachable, ErrUnreachable},
		{as(role, "wrong password"), ErrLogin},
		{as(role, "right horse battery"), ErrNoPermission},
	} {
		_, err := Open(ctx, c.place)
		if !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", PlaceName(c.place), err, c.want)
			continue
		}
		if msg := err.Error(); strings.Contains(msg, "secret") || strings.Contains(msg, "horse") || strings.Contains(msg, "\n") {
			t.Errorf("the message shows a password or runs over a line: %q", msg)
		}
	}
}

// openAs opens the catalogue at place as an advisor of that name, until the test ends.
func openAs(t *testing.T, place, name string) *Store {
	t.Helper()
	s, err := Open(context.Background(), place, WithAuthor(name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// placeFor is where a test's new catalogue goes: on the test server when the test runs as eachStore's
// "postgres", in a file otherwise.
func placeFor(t testing.TB) string {
	if strings.Contains(t.Name()+"/", "/postgres/") {
		return newTestDatabase(t)
	}
	return filepath.Join(t.TempDir(), "catalogue.db")
}

// Every note is signed: by the name the store was given, or on a team catalogue by the advisor's database role;
// an edit signs with its editor and keeps the author; delete and Undo keep both.
func TestNotesAreSignedByTheirAuthor(t *testing.T) {
	eachStore(t, func(t *testing.T, place string) {
		ctx := context.Background()
		anna := openAs(t, place, "Anna Berg")
		if err := anna.AddClusters(ctx, []Cluster{{Name: "Nordic Water Cluster", Country: "SE"}}); err != nil {
			t.Fatal(err)
		}
		c, err := anna.FindCluster(ctx, "Nordic Water Cluster")
		if err != nil {
			t.Fatal(err)
		}
		n, err := anna.AddNote(ctx, c.ID, "Met their manager in Malmö.")
		if err != nil {
			t.Fatal(err)
		}
		lars := openAs(t, place, "Lars Ek")
		if _, err := lars.EditNote(ctx, n.ID, "Met their manager in Malmö; a call on 3 December."); err != nil {
			t.Fatal(err)
		}
		got, err := lars.Cluster(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Notes) != 1 || got.Notes[0].Author != "Anna Berg" || got.Notes[0].EditedBy != "Lars Ek" {
			t.Fatalf("the note reads %+v; want written by Anna Berg, edited by Lars Ek", got.Notes)
		}
		gone, err := lars.DeleteNote(ctx, n.ID)
		if err != nil {
			t.Fatal(err)
		}
		back, err := anna.RestoreNote(ctx, gone)
		if err != nil {
			t.Fatal(err)
		}
		if back.Author != "Anna Berg" || back.EditedBy != "Lars Ek" {
			t.Errorf("after Undo the note is signed %q, edited by %q", back.Author, back.EditedBy)
		}
	})
	// On a team catalogue without a display name, the database role signs.
	ctx := context.Background()
	s, err := Open(ctx, newTestDatabase(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.Author() != "clusterbridge_test" {
		t.Errorf("the team catalogue signs as %q, want the role clusterbridge_test", s.Author())
	}
}

// A large batch (a big spreadsheet's) is written whole in each store: the file lends itself a bigger cache
// for it, which PostgreSQL has no use for.
func TestLargeBatchInEachStore(t *testing.T) {
	openEach(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		cs := make([]Cluster, bulkRows+100)
		for i := range cs {
			cs[i] = Cluster{Name: fmt.Sprintf("Batch Cluster %d", i), Country: "DK", Focus: "offshore wind"}
		}
		if err := s.AddClusters(ctx, cs); err != nil {
			t.Fatal(err)
		}
		if n, err := s.Count(ctx); err != nil || n != len(cs) {
			t.Fatalf("%d clusters stored (%v), want %d", n, err, len(cs))
		}
		if got := searchNames(t, s, "Batch Cluster 5099"); len(got) != 1 {
			t.Errorf("the last of the batch is found %d times", len(got))
		}
	})
}

// Contact people and match decisions are signed too: who added a person, who changed them last, and who
// decided where an imported record belongs.
func TestContactPeopleAndDecisionsAreSigned(t *testing.T) {
	eachStore(t, func(t *testing.T, place string) {
		ctx := context.Background()
		anna := openAs(t, place, "Anna Berg")
		lars := openAs(t, place, "Lars Ek")
		if err := anna.AddClusters(ctx, []Cluster{{Name: "Nordic Water Cluster", Country: "SE", City: "Malmö"},
			{Name: "Nordic Water Cluster", Country: "SE", City: "Lund"}}); err != nil {
			t.Fatal(err)
		}
		cs, _ := anna.AllClusters(ctx)
		l, err := anna.CreateShortlist(ctx, "Water partners", "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := anna.AddToShortlist(ctx, l.ID, cs[0].ID, EntryCandidate, "Eva Lind"); err != nil {
			t.Fatal(err)
		}
		p, err := anna.SaveContactPerson(ctx, l.ID, cs[0].ID, ContactPerson{Name: "Ola Nordmann"})
		if err != nil {
			t.Fatal(err)
		}
		p.Role = "Manager"
		if _, err := lars.SaveContactPerson(ctx, l.ID, cs[0].ID, p); err != nil {
			t.Fatal(err)
		}
		e, err := anna.Entry(ctx, l.ID, cs[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, p := range e.People {
			got = append(got, p.Name+" added by "+p.AddedBy+", changed by "+p.ChangedBy)
		}
		want := []string{"Eva Lind added by Anna Berg, changed by ", "Ola Nordmann added by Anna Berg, changed by Lars Ek"}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("the people say %q, want %q", got, want)
		}
		// The export tells a manager who put each cluster on the list.
		var csvOut strings.Builder
		if err := lars.ExportShortlist(ctx, l.ID, &csvOut, CSVSemicolon); err != nil {
			t.Fatal(err)
		}
		r := csv.NewReader(strings.NewReader(strings.TrimPrefix(csvOut.String(), "\uFEFF")))
		r.Comma = ';'
		rows, err := r.ReadAll()
		addedBy := slices.Index(ExportColumns, "added_by")
		if err != nil || len(rows) != 2 || addedBy < 0 || rows[1][addedBy] != "Anna Berg" {
			t.Errorf("the export's added_by: %v (%v)", rows, err)
		}

		// An imported record that fits both clusters waits for a decision, which Lars makes.
		if _, amb, err := anna.Merge(ctx, 0, []Cluster{{Name: "Nordic Water Cluster", Country: "SE"}}); err != nil || len(amb) != 1 {
			t.Fatalf("the record fitting two clusters: %v, %v", amb, err)
		}
		rs, err := lars.Reviews(ctx)
		if err != nil || len(rs) != 1 {
			t.Fatalf("reviews: %v, %v", rs, err)
		}
		if err := lars.Decide(ctx, rs[0].ID, cs[1].ID); err != nil {
			t.Fatal(err)
		}
		var by string
		if err := anna.db.QueryRowContext(ctx, `SELECT decided_by FROM match_decisions WHERE cluster_id = ?`, cs[1].ID).Scan(&by); err != nil || by != "Lars Ek" {
			t.Errorf("the decision is signed %q (%v), want Lars Ek", by, err)
		}
	})
}
