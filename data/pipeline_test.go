package data

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// peopleNames is the names of people in their order, joined with "|".
func peopleNames(people []ContactPerson) string {
	names := make([]string, len(people))
	for i, p := range people {
		names[i] = p.Name
	}
	return strings.Join(names, "|")
}

// pipelineStore is an empty catalogue with the given clusters, a clock the test moves, and their ids by name.
func pipelineStore(t *testing.T, clusters ...Cluster) (*Store, *time.Time, map[string]int64) {
	t.Helper()
	ctx := context.Background()
	s, err := Open(ctx, placeFor(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	now := fixedDay
	s.SetClock(func() time.Time { return now })
	for i := range clusters {
		clusters[i].Sources = []Source{{URL: "https://example.org/" + clusters[i].Name, Kind: "csv", ReadAt: readDay}}
	}
	if err := s.AddClusters(ctx, clusters); err != nil {
		t.Fatal(err)
	}
	ids := map[string]int64{}
	for _, c := range clusters {
		found, err := s.FindCluster(ctx, c.Name)
		if err != nil {
			t.Fatal(err)
		}
		ids[c.Name] = found.ID
	}
	return s, &now, ids
}

func mustList(t *testing.T, s *Store, name string) Shortlist {
	t.Helper()
	l, err := s.CreateShortlist(context.Background(), name, "")
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func mustAdd(t *testing.T, s *Store, listID, clusterID int64, st EntryStatus, people ...ContactPerson) []ContactPerson {
	t.Helper()
	ctx := context.Background()
	if _, err := s.AddToShortlist(ctx, listID, clusterID, st, ""); err != nil {
		t.Fatal(err)
	}
	var saved []ContactPerson
	for _, p := range people {
		p, err := s.SaveContactPerson(ctx, listID, clusterID, p)
		if err != nil {
			t.Fatal(err)
		}
		saved = append(saved, p)
	}
	return saved
}

func onlyEntry(t *testing.T, s *Store, listID, clusterID int64) Entry {
	t.Helper()
	es, err := s.Entries(context.Background(), listID)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		if e.Cluster.ID == clusterID {
			return e
		}
	}
	t.Fatalf("cluster %d is not on list %d: %+v", clusterID, listID, es)
	return Entry{}
}

func TestContactPeopleKeepTheUsersOrderThroughEditsAndRemovals(t *testing.T) {
	eachStore(t, func(t *testing.T, _ string) {
		ctx := context.Background()
		s, now, ids := pipelineStore(t, Cluster{Name: "Nordic Water Cluster", Country: "SE"}, Cluster{Name: "Bio Valley", Country: "NL"})
		l := mustList(t, s, "Trip")
		nwc := ids["Nordic Water Cluster"]
		ps := mustAdd(t, s, l.ID, nwc, EntryCandidate,
			ContactPerson{Name: " Anna Berg ", Role: "Cluster manager", Email: "anna@nwc.se", Phone: "+46 8 123"},
			ContactPerson{Email: "info@nwc.se"},
			ContactPerson{Name: "Lars Ek"})
		if ps[0].Name != "Anna Berg" || ps[0].ID == 0 || ps[1].ID == ps[0].ID {
			t.Fatalf("saved %+v: want trimmed fields and an id each", ps)
		}
		*now = now.Add(time.Hour)
		ps[1].Name = "Front desk"
		if _, err := s.SaveContactPerson(ctx, l.ID, nwc, ps[1]); err != nil {
			t.Fatal(err)
		}
		e := onlyEntry(t, s, l.ID, nwc)
		if peopleNames(e.People) != "Anna Berg|Front desk|Lars Ek" || e.People[1].Email != "info@nwc.se" {
			t.Errorf("after an edit the people are %+v; want the same order, the edited one in place", e.People)
		}
		if !e.LastActivity.Equal(*now) {
			t.Errorf("last activity %v, want the edit's time %v", e.LastActivity, *now)
		}
		gone, err := s.RemoveContactPerson(ctx, ps[0].ID)
		if err != nil || gone != ps[0] {
			t.Fatalf("removing gave %+v, %v; want the person as it was", gone, err)
		}
		last, err := s.SaveContactPerson(ctx, l.ID, nwc, ContactPerson{Name: "Eva Lund"})
		if err != nil {
			t.Fatal(err)
		}
		if e := onlyEntry(t, s, l.ID, nwc); peopleNames(e.People) != "Front desk|Lars Ek|Eva Lund" || e.People[2].ID != last.ID {
			t.Errorf("after a removal and an addition: %+v; want the new one last", e.People)
		}
		if _, err := s.RemoveContactPerson(ctx, ps[0].ID); !errors.Is(err, ErrNotFound) {
			t.Errorf("removing twice gave %v", err)
		}
		if err := s.MoveContactPerson(ctx, last.ID, 0); err != nil {
			t.Fatal(err)
		}
		if err := s.MoveContactPerson(ctx, ps[1].ID, 99); err != nil {
			t.Fatal(err)
		}
		if e := onlyEntry(t, s, l.ID, nwc); peopleNames(e.People) != "Eva Lund|Lars Ek|Front desk" {
			t.Errorf("after moving Eva first and Front desk last: %q", peopleNames(e.People))
		}
		if err := s.MoveContactPerson(ctx, ps[0].ID, 0); !errors.Is(err, ErrNotFound) {
			t.Errorf("moving a removed person gave %v", err)
		}

		// Bad input is refused with a message naming it, and changes nothing.
		before := onlyEntry(t, s, l.ID, nwc)
		for _, tc := range []struct {
			p    ContactPerson
			want string
		}{
			{ContactPerson{Role: "CEO", Phone: "+46"}, "needs a name or an e-mail"},
			{ContactPerson{Name: "Anna", Email: "anna(at)nwc.se"}, `"anna(at)nwc.se" does not look like`},
			{ContactPerson{Name: "Anna", Email: "Anna <anna@nwc.se>"}, "does not look like"},
			{ContactPerson{ID: last.ID, Name: "   "}, "needs a name or an e-mail"},
		} {
			if _, err := s.SaveContactPerson(ctx, l.ID, nwc, tc.p); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("saving %+v gave %v; want %q", tc.p, err, tc.want)
			}
		}
		// A person is changed only through the entry it belongs to.
		bio := ids["Bio Valley"]
		mustAdd(t, s, l.ID, bio, EntryCandidate)
		if _, err := s.SaveContactPerson(ctx, l.ID, bio, ContactPerson{ID: last.ID, Name: "Stolen"}); !errors.Is(err, ErrNotFound) {
			t.Errorf("editing another entry's person gave %v, want not found", err)
		}
		if _, err := s.SaveContactPerson(ctx, l.ID+99, nwc, ContactPerson{Name: "Nobody"}); !errors.Is(err, ErrNotFound) {
			t.Errorf("a person on a missing entry gave %v, want not found", err)
		}
		if after := onlyEntry(t, s, l.ID, nwc); !reflect.DeepEqual(after.People, before.People) {
			t.Errorf("refused input changed the people: %+v, was %+v", after.People, before.People)
		}
	})
}

// AddToShortlist and SetEntry keep their contact argument: it adds a person of that name, once, and never
// removes or changes another.
func TestContactArgumentAddsAPersonOnce(t *testing.T) {
	eachStore(t, func(t *testing.T, _ string) {
		ctx := context.Background()
		s, _, ids := pipelineStore(t, Cluster{Name: "Bio Valley", Country: "NL"})
		l := mustList(t, s, "Trip")
		bio := ids["Bio Valley"]
		if _, err := s.AddToShortlist(ctx, l.ID, bio, EntryContacted, "Joost de Wit"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddToShortlist(ctx, l.ID, bio, EntryCandidate, "Someone Else"); err != nil {
			t.Fatal(err)
		}
		for _, contact := range []string{"joost de wit", "", "Marieke Jansen"} {
			if err := s.SetEntry(ctx, l.ID, bio, EntryMeeting, contact); err != nil {
				t.Fatal(err)
			}
		}
		e := onlyEntry(t, s, l.ID, bio)
		if peopleNames(e.People) != "Joost de Wit|Marieke Jansen" || e.Status != EntryMeeting {
			t.Errorf("entry %s with %q; want meeting with Joost de Wit and Marieke Jansen only", e.Status, peopleNames(e.People))
		}
	})
}

// A catalogue of schema 3 keeps its contact persons: each becomes its entry's first contact person.
func TestMigrationFourMovesTheOldContactIntoAPerson(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(1)")
	if err != nil {
		t.Fatal(err)
	}
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	stmts := []string{`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`}
	for _, m := range ms[:3] {
		stmts = append(stmts, m.sql, fmt.Sprintf(`INSERT INTO schema_migrations VALUES (%d, '%s', '2026-01-01T00:00:00Z')`, m.version, m.name))
	}
	stmts = append(stmts,
		`INSERT INTO clusters (id, name, country, name_key, updated_at) VALUES
			(1, 'Alpha Cluster', 'DE', 'alpha', '2026-01-01T00:00:00Z'), (2, 'Beta Cluster', 'DE', 'beta', '2026-01-01T00:00:00Z')`,
		`INSERT INTO shortlists VALUES (1, 'Trip', 'Baltic trip', '2026-01-01T00:00:00Z')`,
		`INSERT INTO shortlist_entries VALUES (1, 1, 'meeting', ' Ola Nordmann; +47 123 ', '2026-02-03T10:00:00Z'),
			(1, 2, 'candidate', '', '2026-02-04T10:00:00Z')`)
	for _, q := range stmts {
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
	es, err := s.Entries(ctx, 1)
	if err != nil || len(es) != 2 {
		t.Fatalf("entries %+v, %v", es, err)
	}
	alpha, beta := es[0], es[1]
	if len(alpha.People) != 1 || alpha.People[0].Name != "Ola Nordmann; +47 123" || alpha.Status != EntryMeeting ||
		alpha.AddedAt.Format(time.RFC3339) != "2026-02-03T10:00:00Z" {
		t.Errorf("the old contact became %+v (status %s, added %v); want one person of that name", alpha.People, alpha.Status, alpha.AddedAt)
	}
	if len(beta.People) != 0 || beta.Next != (NextStep{}) {
		t.Errorf("an entry without a contact got %+v, %+v", beta.People, beta.Next)
	}
	var old int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM pragma_table_info('shortlist_entries') WHERE name = 'contact'`).Scan(&old); err != nil || old != 0 {
		t.Errorf("the old contact column is still there (%d, %v): code could read it", old, err)
	}
}

// Undo of a removal puts back exactly what went: status, people with their ids, next step, when it was added.
func TestRestoreEntryGivesBackTheSameEntry(t *testing.T) {
	eachStore(t, func(t *testing.T, _ string) {
		ctx := context.Background()
		s, now, ids := pipelineStore(t, Cluster{Name: "Bio Valley", Country: "NL"}, Cluster{Name: "Agro Food Park", Country: "DK"})
		l := mustList(t, s, "Trip")
		bio := ids["Bio Valley"]
		mustAdd(t, s, l.ID, bio, EntryCandidate, ContactPerson{Name: "Joost", Email: "joost@biovalley.nl"}, ContactPerson{Name: "Marieke", Role: "CEO"})
		mustAdd(t, s, l.ID, ids["Agro Food Park"], EntryCandidate)
		*now = now.Add(24 * time.Hour)
		if err := s.SetEntryStatus(ctx, l.ID, bio, EntryMeeting); err != nil {
			t.Fatal(err)
		}
		if err := s.SetNextStep(ctx, l.ID, bio, NextStep{Text: "Send the offer", Due: "2026-12-01"}); err != nil {
			t.Fatal(err)
		}
		before := onlyEntry(t, s, l.ID, bio)
		*now = now.Add(24 * time.Hour)
		r, err := s.RemoveFromShortlist(ctx, l.ID, bio)
		if err != nil {
			t.Fatal(err)
		}
		if es, _ := s.Entries(ctx, l.ID); len(es) != 1 {
			t.Fatalf("after removal the list holds %d entries", len(es))
		}
		var orphans int
		s.db.QueryRowContext(ctx, `SELECT count(*) FROM contact_people WHERE cluster_id = ?`, bio).Scan(&orphans)
		if orphans != 0 {
			t.Errorf("%d people stayed behind without their entry", orphans)
		}
		// A new person elsewhere may not take a removed person's id.
		if _, err := s.SaveContactPerson(ctx, l.ID, ids["Agro Food Park"], ContactPerson{Name: "Newcomer"}); err != nil {
			t.Fatal(err)
		}
		for range 2 { // undoing twice changes nothing more
			if err := s.RestoreEntry(ctx, r); err != nil {
				t.Fatal(err)
			}
			if after := onlyEntry(t, s, l.ID, bio); !reflect.DeepEqual(after, before) {
				t.Errorf("restored entry\n%+v\nwant\n%+v", after, before)
			}
		}
		if err := s.DeleteShortlist(ctx, l.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.RestoreEntry(ctx, r); !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), `"Trip" is gone`) {
			t.Errorf("restoring to a deleted list gave %v", err)
		}
		var kept int
		s.db.QueryRowContext(ctx, `SELECT count(*) FROM contact_people`).Scan(&kept)
		if kept != 0 {
			t.Errorf("%d people outlived their deleted shortlist", kept)
		}
	})
}

func TestFollowUpsDueOverdueFirstWithinTheWindow(t *testing.T) {
	eachStore(t, func(t *testing.T, _ string) {
		ctx := context.Background()
		names := []string{"Alpha", "Beta", "Gamma", "Delta", "Epsilon"}
		var cs []Cluster
		for _, n := range names {
			cs = append(cs, Cluster{Name: n + " Cluster", Country: "DE"})
		}
		s, _, ids := pipelineStore(t, cs...)
		one, two := mustList(t, s, "One"), mustList(t, s, "Two")
		day := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
		for _, tc := range []struct {
			list    int64
			cluster string
			due     string
		}{
			{one.ID, "Alpha", "2026-11-30"}, // day + 7: the window's last day
			{two.ID, "Beta", "2026-11-20"},  // overdue
			{one.ID, "Gamma", "2026-11-23"}, // today
			{two.ID, "Delta", "2026-12-01"}, // one day past the window
			{one.ID, "Epsilon", ""},         // a step without a date is never due
		} {
			id := ids[tc.cluster+" Cluster"]
			mustAdd(t, s, tc.list, id, EntryContacted)
			if err := s.SetNextStep(ctx, tc.list, id, NextStep{Text: "Call " + tc.cluster, Due: tc.due}); err != nil {
				t.Fatal(err)
			}
		}
		got := func(within int) string {
			es, err := s.FollowUpsDue(ctx, day, within)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, e := range es {
				out = append(out, e.Shortlist+":"+e.Cluster.Name+":"+e.Next.Due)
			}
			return strings.Join(out, " ")
		}
		if g, want := got(7), "Two:Beta Cluster:2026-11-20 One:Gamma Cluster:2026-11-23 One:Alpha Cluster:2026-11-30"; g != want {
			t.Errorf("within 7: %s\nwant %s", g, want)
		}
		if g, want := got(0), "Two:Beta Cluster:2026-11-20 One:Gamma Cluster:2026-11-23"; g != want {
			t.Errorf("within 0: %s, want %s", g, want)
		}
		if g := got(30); strings.Count(g, ":") != 8 || strings.Contains(g, "Epsilon") {
			t.Errorf("within 30: %s; want the four dated steps", g)
		}
		for _, bad := range []NextStep{{Text: "x", Due: "2026-02-30"}, {Text: "x", Due: "30.11.2026"}, {Due: "2026-11-30"}} {
			if err := s.SetNextStep(ctx, one.ID, ids["Alpha Cluster"], bad); err == nil {
				t.Errorf("next step %+v was accepted", bad)
			}
		}
		if e := onlyEntry(t, s, one.ID, ids["Alpha Cluster"]); e.Next != (NextStep{Text: "Call Alpha", Due: "2026-11-30"}) {
			t.Errorf("refused next steps changed it to %+v", e.Next)
		}
	})
}

func TestShortlistLogWriteEditDelete(t *testing.T) {
	eachStore(t, func(t *testing.T, _ string) {
		ctx := context.Background()
		s, now, _ := pipelineStore(t)
		l := mustList(t, s, "Trip")
		first, err := s.AddLogEntry(ctx, l.ID, "  Agreed on a joint call  ")
		if err != nil || first.Text != "Agreed on a joint call" {
			t.Fatalf("%+v %v", first, err)
		}
		*now = now.Add(time.Hour)
		second, err := s.AddLogEntry(ctx, l.ID, "Call postponed")
		if err != nil {
			t.Fatal(err)
		}
		*now = now.Add(time.Hour)
		edited, err := s.EditLogEntry(ctx, first.ID, "Agreed on a joint Interreg call")
		if err != nil || !edited.At.Equal(first.At) || !edited.EditedAt.Equal(*now) || edited.ShortlistID != l.ID {
			t.Fatalf("edited %+v, %v; want the first time kept and the edit's time", edited, err)
		}
		if _, err := s.EditLogEntry(ctx, first.ID, "  "); !errors.Is(err, ErrEmptyLogEntry) {
			t.Errorf("editing to nothing gave %v", err)
		}
		log, err := s.ShortlistLog(ctx, l.ID)
		if err != nil || len(log) != 2 || log[0].ID != second.ID || log[1].Text != "Agreed on a joint Interreg call" {
			t.Fatalf("log %+v, %v; want newest first with the edit", log, err)
		}
		deleted, err := s.DeleteLogEntry(ctx, second.ID)
		if err != nil || deleted.Text != "Call postponed" {
			t.Errorf("deleting gave %+v, %v", deleted, err)
		}
		if _, err := s.DeleteLogEntry(ctx, second.ID); !errors.Is(err, ErrNotFound) {
			t.Errorf("deleting twice gave %v", err)
		}
		if _, err := s.AddLogEntry(ctx, l.ID+99, "lost"); !errors.Is(err, ErrNotFound) {
			t.Errorf("writing in a missing list's log gave %v", err)
		}
		if err := s.DeleteShortlist(ctx, l.ID); err != nil {
			t.Fatal(err)
		}
		var left int
		s.db.QueryRowContext(ctx, `SELECT count(*) FROM shortlist_log`).Scan(&left)
		if left != 0 {
			t.Errorf("%d log entries outlived their shortlist", left)
		}
	})
}

func TestShortlistEmailsPeopleFirstEachOnce(t *testing.T) {
	eachStore(t, func(t *testing.T, _ string) {
		ctx := context.Background()
		s, _, ids := pipelineStore(t,
			Cluster{Name: "Alpha Cluster", Country: "DE", Contact: "info@alpha.de"},
			Cluster{Name: "Beta Cluster", Country: "DE", Contact: "Dr. Beta, +49 30 1234"},
			Cluster{Name: "Gamma Cluster", Country: "DE", Contact: "ANNA@gamma.de"})
		l := mustList(t, s, "Trip")
		mustAdd(t, s, l.ID, ids["Alpha Cluster"], EntryCandidate, ContactPerson{Name: "Jan", Email: "jan@alpha.de"}, ContactPerson{Name: "Front", Email: "Info@Alpha.de"})
		mustAdd(t, s, l.ID, ids["Beta Cluster"], EntryCandidate, ContactPerson{Name: "No mail"})
		mustAdd(t, s, l.ID, ids["Gamma Cluster"], EntryCandidate, ContactPerson{Name: "Anna", Email: "anna@gamma.de"})
		got, err := s.ShortlistEmails(ctx, l.ID)
		if want := "jan@alpha.de Info@Alpha.de anna@gamma.de"; err != nil || strings.Join(got, " ") != want {
			t.Errorf("emails %q, %v; want %q", got, err, want)
		}
	})
}

func TestParseEmailAndDue(t *testing.T) {
	eachStore(t, func(t *testing.T, _ string) {
		for in, ok := range map[string]bool{"anna@nwc.se": true, " a.b+c@x.co.uk ": true, "anna@nwc": false,
			"anna(at)nwc.se": false, "Anna <anna@nwc.se>": false, "a@b.": false, "": false, "two@a.se, three@b.se": false} {
			if _, err := ParseEmail(in); (err == nil) != ok {
				t.Errorf("ParseEmail(%q) = %v, want ok %v", in, err, ok)
			}
		}
		for in, want := range map[string]string{"2026-12-01": "2026-12-01", " ": "", "2026-02-29": "!", "2026-1-05": "!",
			"01.12.2026": "!", "2026-12": "!"} {
			got, err := ParseDue(in)
			if want == "!" {
				if err == nil || !strings.Contains(err.Error(), "YYYY-MM-DD") {
					t.Errorf("ParseDue(%q) = %q, %v; want an error naming the form", in, got, err)
				}
			} else if err != nil || got != want {
				t.Errorf("ParseDue(%q) = %q, %v; want %q", in, got, err, want)
			}
		}
	})
}

func TestCombineNextLosesNoText(t *testing.T) {
	eachStore(t, func(t *testing.T, _ string) {
		for _, tc := range []struct{ a, b, want NextStep }{
			{NextStep{}, NextStep{"Call", "2026-12-01"}, NextStep{"Call", "2026-12-01"}},
			{NextStep{"Call", ""}, NextStep{}, NextStep{"Call", ""}},
			{NextStep{"Call Anna", "2026-12-05"}, NextStep{"Send offer", "2026-12-01"}, NextStep{"Send offer; also: Call Anna (due 2026-12-05)", "2026-12-01"}},
			{NextStep{"Call Anna", ""}, NextStep{"Send offer", "2026-12-01"}, NextStep{"Send offer; also: Call Anna", "2026-12-01"}},
			{NextStep{"Call Anna", "2026-12-01"}, NextStep{"call anna", "2026-12-09"}, NextStep{"Call Anna", "2026-12-01"}},
		} {
			if got := combineNext(tc.a, tc.b); got != tc.want {
				t.Errorf("combineNext(%+v, %+v) = %+v, want %+v", tc.a, tc.b, got, tc.want)
			}
		}
	})
}

// Merging two clusters both on one list, each with people and a next step, and one also on a list of its
// own: every person is kept once, both next steps' texts survive, the further status and the earlier adding
// win, and the other list's entry moves whole.
func TestMergeKeepsBothEntriesPeopleAndNextSteps(t *testing.T) {
	eachStore(t, func(t *testing.T, _ string) {
		ctx := context.Background()
		s, now, ids := pipelineStore(t, Cluster{Name: "Bio Valley", Country: "NL"}, Cluster{Name: "BioValley BV", Country: "NL"})
		keep, gone := ids["Bio Valley"], ids["BioValley BV"]
		one, two := mustList(t, s, "One"), mustList(t, s, "Two")
		mustAdd(t, s, one.ID, keep, EntryContacted, ContactPerson{Name: "Joost", Email: "joost@biovalley.nl"}, ContactPerson{Name: "Marieke"})
		if err := s.SetNextStep(ctx, one.ID, keep, NextStep{Text: "Call Joost", Due: "2026-12-05"}); err != nil {
			t.Fatal(err)
		}
		*now = now.Add(-48 * time.Hour) // gone's entry was made earlier
		goneOnTwo := mustAdd(t, s, two.ID, gone, EntryPartner, ContactPerson{Name: "Piet", Phone: "+31 6"})
		if err := s.SetNextStep(ctx, two.ID, gone, NextStep{Text: "Sign the MoU", Due: "2026-12-10"}); err != nil {
			t.Fatal(err)
		}
		mustAdd(t, s, one.ID, gone, EntryMeeting,
			ContactPerson{Name: "JOOST", Email: "Joost@BioValley.nl"},   // the same person, typed otherwise
			ContactPerson{Name: "Joost", Email: "j.dewit@biovalley.nl"}, // the same name, another address: kept
			ContactPerson{Name: "Sanne", Role: "Projects"})
		if err := s.SetNextStep(ctx, one.ID, gone, NextStep{Text: "Send the offer", Due: "2026-12-01"}); err != nil {
			t.Fatal(err)
		}
		goneAdded := onlyEntry(t, s, one.ID, gone).AddedAt
		*now = fixedDay.Add(time.Hour)

		if err := s.write(ctx, func(tx *sql.Tx) error { return mergeClusters(ctx, tx, keep, gone, *now) }); err != nil {
			t.Fatal(err)
		}
		e := onlyEntry(t, s, one.ID, keep)
		if peopleNames(e.People) != "Joost|Marieke|Joost|Sanne" || e.People[2].Email != "j.dewit@biovalley.nl" || e.People[3].Role != "Projects" {
			t.Errorf("people on One: %+v; want keep's two, then gone's other Joost and Sanne", e.People)
		}
		if want := (NextStep{"Send the offer; also: Call Joost (due 2026-12-05)", "2026-12-01"}); e.Next != want {
			t.Errorf("next step on One %+v, want %+v", e.Next, want)
		}
		if e.Status != EntryMeeting || !e.AddedAt.Equal(goneAdded) {
			t.Errorf("entry on One is %s, added %v; want meeting (the further) added %v (the earlier)", e.Status, e.AddedAt, goneAdded)
		}
		moved := onlyEntry(t, s, two.ID, keep)
		if !reflect.DeepEqual(moved.People, goneOnTwo) || moved.Next != (NextStep{"Sign the MoU", "2026-12-10"}) || moved.Status != EntryPartner {
			t.Errorf("entry on Two %+v; want gone's, whole", moved)
		}
		var left int
		s.db.QueryRowContext(ctx, `SELECT count(*) FROM contact_people WHERE cluster_id = ?`, gone).Scan(&left)
		if left != 0 {
			t.Errorf("%d people still point at the merged cluster", left)
		}
		var total int
		s.db.QueryRowContext(ctx, `SELECT count(*) FROM contact_people`).Scan(&total)
		if total != 5 { // Joost, Marieke, the other Joost, Sanne, Piet
			t.Errorf("%d people in all, want 5", total)
		}
	})
}

// An export holds the entry's pipeline: focus, the published e-mail, the people, the next step and when the
// entry last moved.
func TestExportHoldsThePipeline(t *testing.T) {
	eachStore(t, func(t *testing.T, _ string) {
		ctx := context.Background()
		s, now, ids := pipelineStore(t, Cluster{Name: "Bio Valley", Country: "NL", Focus: "Biobased economy", Contact: "info@biovalley.nl"},
			Cluster{Name: "Agro Food Park", Country: "DK", Contact: "Reception, +45 1234"})
		l := mustList(t, s, "Trip")
		bio := ids["Bio Valley"]
		mustAdd(t, s, l.ID, bio, EntryMeeting, ContactPerson{Name: "Joost", Role: "Director", Email: "joost@biovalley.nl", Phone: "+31 6 1"},
			ContactPerson{Email: "office@biovalley.nl"})
		mustAdd(t, s, l.ID, ids["Agro Food Park"], EntryCandidate)
		*now = time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC)
		if err := s.SetNextStep(ctx, l.ID, bio, NextStep{Text: "Send the offer", Due: "2026-12-01"}); err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := s.ExportShortlist(ctx, l.ID, &buf, CSVComma); err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(buf.Bytes(), []byte("\uFEFF")))).ReadAll()
		if err != nil || len(rows) != 3 {
			t.Fatalf("%d rows, %v", len(rows), err)
		}
		cells := func(r int) map[string]string {
			m := map[string]string{}
			for i, col := range rows[0] {
				m[col] = rows[r][i]
			}
			return m
		}
		agro, bioRow := cells(1), cells(2)
		want := map[string]string{"focus": "Biobased economy", "email": "info@biovalley.nl", "published_contact": "info@biovalley.nl",
			"contact_people": "Joost (Director) <joost@biovalley.nl> +31 6 1; <office@biovalley.nl>",
			"next_step":      "Send the offer", "next_step_due": "2026-12-01", "last_activity": "2026-11-25", "status": "meeting"}
		for k, v := range want {
			if bioRow[k] != v {
				t.Errorf("Bio Valley's %s = %q, want %q", k, bioRow[k], v)
			}
		}
		if agro["email"] != "" || agro["published_contact"] != "Reception, +45 1234" || agro["last_activity"] != "2026-11-22" {
			t.Errorf("Agro Food Park: email %q, published %q, last activity %q", agro["email"], agro["published_contact"], agro["last_activity"])
		}
	})
}
