package data

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
)

// A catalogue made before provenance: its labels get the source that most likely stated them, its name keys
// the identity rules, and the user's work stays as it was.
func TestMigrationTwoKeepsTheUsersWorkAndCreditsEveryLabel(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	ms, err := migrations()
	if err != nil || ms[0].version != 1 {
		t.Fatalf("migrations %v %v", ms, err)
	}
	for _, q := range []string{
		`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`,
		ms[0].sql,
		`INSERT INTO schema_migrations VALUES (1, '0001_catalogue.sql', '2026-01-01T00:00:00Z')`,
		`INSERT INTO clusters (id, name, country, label, label_year, name_key, updated_at)
			VALUES (1, 'ABC – Alpha Beta Cluster e.V.', 'DE', 'gold', 2021, 'abc alpha beta cluster', '2026-01-01T00:00:00Z')`,
		`INSERT INTO cluster_sources VALUES (1, 'https://cluster-analysis.org/x', 'esca', '2026-01-02T00:00:00Z'),
			(1, 'https://clustercollaboration.eu/content/abc', 'eccp-profile', '2025-01-01T00:00:00Z'),
			(1, 'sample.csv', 'sample', '2026-03-01T00:00:00Z')`,
		`INSERT INTO shortlists VALUES (1, 'Trip', '', '2026-01-01T00:00:00Z')`,
		`INSERT INTO shortlist_entries VALUES (1, 1, 'meeting', 'Ola', '2026-01-01T00:00:00Z')`,
		`INSERT INTO notes VALUES (1, 1, '2026-01-01T00:00:00Z', 'call back')`,
		`INSERT INTO import_runs (id, started_at) VALUES (1, '2026-01-01T00:00:00Z')`,
		`INSERT INTO import_problems VALUES (1, 'x', 'failed', 'why')`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()

	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c, err := s.Cluster(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if ls := c.LabelSource(); ls.URL != "https://clustercollaboration.eu/content/abc" || ls.Kind != "eccp-profile" {
		t.Errorf("the label is credited to %+v, want the ECCP profile (the best-standing source)", ls)
	}
	if len(c.Shortlists) != 1 || c.Shortlists[0].Status != EntryMeeting || peopleNames(c.Shortlists[0].People) != "Ola" ||
		len(c.Notes) != 1 || c.Notes[0].Text != "call back" || !c.Notes[0].EditedAt.IsZero() {
		t.Errorf("the user's work changed: %+v %+v", c.Shortlists, c.Notes)
	}
	n, amb, err := s.Merge(ctx, 0, []Cluster{{Name: "Alpha Beta Cluster", Acronym: "ABC", Country: "DE", City: "Jena"}})
	if err != nil || len(amb) != 0 || n.Updated != 1 {
		t.Errorf("a record under the new name key rules: %+v %+v %v, want it to update the old cluster", n, amb, err)
	}
	runs, err := s.ImportRuns(ctx, 1)
	if err != nil || len(runs) != 1 || len(runs[0].Problems) != 1 {
		t.Errorf("import history: %+v %v", runs, err)
	}
}
