package data

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// catalogueLines is everything of a catalogue an advisor would miss, one line a fact, sorted, with clusters
// and shortlists named rather than numbered (ids differ between catalogues).
func catalogueLines(t *testing.T, s *Store) []string {
	t.Helper()
	ctx := context.Background()
	cs, err := s.AllClusters(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.attachSources(ctx, cs); err != nil {
		t.Fatal(err)
	}
	name := map[int64]string{}
	var lines []string
	for _, c := range cs {
		name[c.ID] = c.Name + " (" + c.Country + ")"
		lines = append(lines, fmt.Sprintf("cluster|%s|%s|%s|%s|%s|%d|%s|%s|%d|closed=%v %s", name[c.ID], c.Acronym, c.City,
			c.Website, c.Label, c.LabelYear, c.LabelValidUntil, c.Focus, c.Members, c.Closed, c.ClosedNote))
		for field, so := range c.Facts {
			lines = append(lines, fmt.Sprintf("fact|%s|%s|%s|%s|%s", name[c.ID], field, so.URL, so.Kind, so.ReadAt.UTC().Format(time.RFC3339)))
		}
		for _, so := range c.Sources {
			lines = append(lines, fmt.Sprintf("source|%s|%s|%s", name[c.ID], so.URL, so.Kind))
		}
		notes, err := s.Notes(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range notes {
			lines = append(lines, fmt.Sprintf("note|%s|%s|%s|by %s|edited %s by %s", name[c.ID], n.At.UTC().Format(time.RFC3339),
				n.Text, n.Author, n.EditedAt.UTC().Format(time.RFC3339), n.EditedBy))
		}
	}
	lists, err := s.Shortlists(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range lists {
		lines = append(lines, "shortlist|"+strings.ToLower(l.Name)+"|"+l.Purpose)
		es, err := s.Entries(ctx, l.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range es {
			lines = append(lines, fmt.Sprintf("entry|%s|%s|%s|%s|%s|added by %s", strings.ToLower(l.Name), name[e.Cluster.ID],
				e.Status, e.Next.Text, e.Next.Due, e.AddedBy))
			for _, p := range e.People {
				lines = append(lines, fmt.Sprintf("person|%s|%s|%s|%s|%s|%s", strings.ToLower(l.Name), name[e.Cluster.ID], p.Name, p.Role, p.Email, p.Phone))
			}
		}
		log, err := s.ShortlistLog(ctx, l.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, le := range log {
			lines = append(lines, fmt.Sprintf("log|%s|%s|%s", strings.ToLower(l.Name), le.At.UTC().Format(time.RFC3339), le.Text))
		}
	}
	slices.Sort(lines)
	return lines
}

// missing are the lines of want that got lacks.
func missing(want, got []string) []string {
	has := map[string]bool{}
	for _, l := range got {
		has[l] = true
	}
	var out []string
	for _, l := range want {
		if !has[l] {
			out = append(out, l)
		}
	}
	return out
}

// laptopCatalogue is an advisor's catalogue file with clusters from two sources and their own work on them.
func laptopCatalogue(t *testing.T) *Store {
	t.Helper()
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "laptop.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	read := time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC)
	sample := Source{URL: "sample.csv", Kind: "sample", ReadAt: read}
	if err := s.AddClusters(ctx, []Cluster{
		{Name: "Nordic Water Cluster", Country: "SE", City: "Malmö", Focus: "water", Sources: []Source{sample}},
		{Name: "Offshore Wind Norway", Country: "NO", City: "Bergen", Sources: []Source{sample}},
		{Name: "Food Valley", Country: "NL", City: "Wageningen", Sources: []Source{sample}},
	}); err != nil {
		t.Fatal(err)
	}
	// A profile page gives one of them a website and a label, credited to it.
	profile := Source{URL: "https://clustercollaboration.eu/cluster-organisations/nordic-water", Kind: "eccp-profile", ReadAt: read.Add(time.Hour)}
	if _, _, err := s.Merge(ctx, 0, []Cluster{{Name: "Nordic Water Cluster", Country: "SE", Website: "https://nordicwater.se",
		Label: LabelSilver, LabelYear: 2025, Members: 80, Sources: []Source{profile}}}); err != nil {
		t.Fatal(err)
	}
	water, _ := s.FindCluster(ctx, "Nordic Water Cluster")
	wind, _ := s.FindCluster(ctx, "Offshore Wind Norway")
	food, _ := s.FindCluster(ctx, "Food Valley")
	l, err := s.CreateShortlist(ctx, "Water partners", "Interreg call 2027")
	if err != nil {
		t.Fatal(err)
	}
	_, err1 := s.AddToShortlist(ctx, l.ID, water.ID, EntryMeeting, "Eva Lind")
	_, err2 := s.AddToShortlist(ctx, l.ID, wind.ID, EntryContacted, "")
	steps := []error{err1, err2,
		s.SetNextStep(ctx, l.ID, water.ID, NextStep{Text: "Send the agenda", Due: "2026-12-15"}),
		s.MarkClosed(ctx, food.ID, true, "merged into another cluster"),
	}
	_, err = s.SaveContactPerson(ctx, l.ID, wind.ID, ContactPerson{Name: "Ola Nordmann", Role: "Manager", Email: "ola@example.no"})
	steps = append(steps, err)
	n, err := s.AddNote(ctx, water.ID, "Met Eva at the Malmö water days.")
	steps = append(steps, err)
	_, err = s.EditNote(ctx, n.ID, "Met Eva at the Malmö water days; she leads their pilots.")
	steps = append(steps, err)
	_, err = s.AddNote(ctx, wind.ID, "Ask about the floating wind test site.")
	steps = append(steps, err)
	_, err = s.AddLogEntry(ctx, l.ID, "Agreed the list with the board.")
	steps = append(steps, err)
	if err := errors.Join(steps...); err != nil {
		t.Fatal(err)
	}
	return s
}

// A laptop catalogue pushed into a team catalogue that already holds work of its own, then copied back to a
// file, has lost nothing: every cluster, fact and source, shortlist, entry, person, next step, note (with its
// author and dates), log entry and mark is in the copy; the team's own work is kept, and an entry on both is
// combined without a status going back. A second push adds nothing twice.
func TestPushThenCopyLosesNothing(t *testing.T) {
	ctx := context.Background()
	laptop := laptopCatalogue(t)
	team, err := Open(ctx, newTestDatabase(t), WithAuthor("Anna Berg"))
	if err != nil {
		t.Fatal(err)
	}
	defer team.Close()
	// The team has the water cluster already, on a list of the same name in other capitals, as Contacted,
	// with a colleague's contact person and note.
	if err := team.AddClusters(ctx, []Cluster{{Name: "Nordic Water Cluster", Country: "SE", City: "Malmö",
		Sources: []Source{{URL: "sample.csv", Kind: "sample", ReadAt: time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)}}}}); err != nil {
		t.Fatal(err)
	}
	teamWater, _ := team.FindCluster(ctx, "Nordic Water Cluster")
	tl, _ := team.CreateShortlist(ctx, "WATER PARTNERS", "")
	if _, err := team.AddToShortlist(ctx, tl.ID, teamWater.ID, EntryContacted, "Karin Berg"); err != nil {
		t.Fatal(err)
	}
	if _, err := team.AddNote(ctx, teamWater.ID, "Karin says they have a new CEO."); err != nil {
		t.Fatal(err)
	}
	teamBefore := catalogueLines(t, team)

	sum, err := team.Push(ctx, laptop)
	if err != nil {
		t.Fatal(err)
	}
	want := PushSummary{Clusters: MergeCounts{Added: 2, Updated: 1}, Shortlists: 0, Entries: 1, Combined: 1,
		People: 2, Notes: 2, LogEntries: 1, Marks: 1}
	if fmt.Sprint(sum) != fmt.Sprint(want) {
		t.Errorf("the push did %+v, want %+v", sum, want)
	}
	again, err := team.Push(ctx, laptop)
	if err != nil {
		t.Fatal(err)
	}
	if want := (PushSummary{Clusters: MergeCounts{Unchanged: 3}}); fmt.Sprint(again) != fmt.Sprint(want) {
		t.Errorf("a second push did %+v, want nothing but %+v", again, want)
	}

	file := filepath.Join(t.TempDir(), "travel.db")
	n, err := team.CopyTo(ctx, file)
	if err != nil || n != 3 {
		t.Fatalf("the copy holds %d clusters (%v), want 3", n, err)
	}
	cp, err := Open(ctx, file)
	if err != nil {
		t.Fatal(err)
	}
	defer cp.Close()
	copied := catalogueLines(t, cp)
	var laptopLines []string
	for _, l := range catalogueLines(t, laptop) {
		switch {
		case strings.HasPrefix(l, "fact|Nordic Water Cluster (SE)|*|"):
			// The team had the water cluster first: its own origin stays, the laptop's source beside it.
			continue
		case strings.HasSuffix(l, "|added by "):
			l += "Anna Berg" // the laptop's file signed nothing: the advisor who pushed signs it
		}
		laptopLines = append(laptopLines, strings.Replace(l, "|by |", "|by Anna Berg|", 1))
	}
	if lost := missing(laptopLines, copied); len(lost) > 0 {
		t.Errorf("the laptop's catalogue lost in the push and copy:\n%s\nthe copy holds:\n%s", strings.Join(lost, "\n"), strings.Join(copied, "\n"))
	}
	for _, l := range teamBefore {
		if strings.HasPrefix(l, "entry|") || strings.HasPrefix(l, "cluster|") || strings.HasPrefix(l, "fact|") ||
			strings.HasPrefix(l, "shortlist|") {
			continue // combined with the laptop's: checked above and below
		}
		if !slices.Contains(copied, l) {
			t.Errorf("the team's own %q is gone", l)
		}
	}
	if !slices.Contains(copied, "shortlist|water partners|Interreg call 2027") {
		t.Errorf("the list on both lacks the laptop's purpose:\n%s", strings.Join(copied, "\n"))
	}
	// The copy is for reading: a change is refused in one line that says where changes go.
	if _, err := cp.AddNote(ctx, teamWater.ID, "typed on the train"); !errors.Is(err, ErrCopy) ||
		!strings.Contains(err.Error(), "read-only copy") || strings.Contains(err.Error(), "\n") {
		t.Errorf("a note added to the copy: %v", err)
	}
	if mark, ok := cp.CopyOf(); !ok || mark.By != "Anna Berg" || !strings.HasPrefix(mark.Source, "postgres://") {
		t.Errorf("the copy says it is a copy of %+v (%v)", mark, ok)
	}
}

// A copy never replaces a catalogue of the user's own; it replaces an earlier copy.
func TestCopyRefusesToReplaceACatalogue(t *testing.T) {
	ctx := context.Background()
	laptop := laptopCatalogue(t)
	before := catalogueLines(t, laptop)
	team, err := Open(ctx, newTestDatabase(t), WithAuthor("Anna Berg"))
	if err != nil {
		t.Fatal(err)
	}
	defer team.Close()
	if _, err := team.CopyTo(ctx, laptop.Path()); err == nil || !strings.Contains(err.Error(), "not a team copy") {
		t.Errorf("a copy over the laptop's catalogue: %v", err)
	}
	if after := catalogueLines(t, laptop); !slices.Equal(before, after) {
		t.Errorf("the laptop's catalogue changed: %v", missing(before, after))
	}
	file := filepath.Join(t.TempDir(), "travel.db")
	for range 2 {
		if _, err := team.CopyTo(ctx, file); err != nil {
			t.Fatalf("a copy over an earlier copy: %v", err)
		}
	}
	if _, err := os.Stat(file + ".part"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the copy left its part file: %v", err)
	}
}
