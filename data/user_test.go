package data

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"strings"
	"testing"
)

func TestShortlistsAndNotes(t *testing.T) {
	eachStore(t, func(t *testing.T, _ string) {
		s := openSample(t)
		ctx := context.Background()
		l, err := s.CreateShortlist(ctx, "Nordic food", "Partners for a biogas project")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateShortlist(ctx, "nordic FOOD", ""); !errors.Is(err, ErrDuplicate) {
			t.Fatalf("a second shortlist of the same name gave %v", err)
		}
		fbcd, _ := s.FindCluster(ctx, "Food & Bio Cluster Denmark")
		if _, err := s.AddToShortlist(ctx, l.ID, fbcd.ID, "", "Anna Hansen"); err != nil {
			t.Fatal(err)
		}
		if err := s.SetEntry(ctx, l.ID, fbcd.ID, EntryMeeting, "Anna Hansen"); err != nil {
			t.Fatal(err)
		}
		// Adding it again (the Partners "+" offers the lists it is on) keeps the meeting and the contact.
		if added, err := s.AddToShortlist(ctx, l.ID, fbcd.ID, EntryCandidate, ""); err != nil || added {
			t.Fatalf("adding a listed cluster again: added %v, %v", added, err)
		}
		if e, err := s.Entry(ctx, l.ID, fbcd.ID); err != nil || e.Status != EntryMeeting || peopleNames(e.People) != "Anna Hansen" {
			t.Fatalf("after adding again the entry is %+v (%v), want meeting with Anna Hansen", e, err)
		}
		if _, err := s.AddToShortlist(ctx, l.ID, fbcd.ID, "bogus", ""); err == nil || !strings.Contains(err.Error(), "candidate") {
			t.Fatalf("a bad status gave %v, want the list of statuses", err)
		}
		if _, err := s.AddNote(ctx, fbcd.ID, "Met at the Brussels cluster days"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddNote(ctx, fbcd.ID, "   "); err == nil {
			t.Fatal("an empty note was kept")
		}
		got, err := s.Cluster(ctx, fbcd.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Notes) != 1 || got.Notes[0].Text != "Met at the Brussels cluster days" || !got.Notes[0].At.Equal(fixedDay) {
			t.Errorf("notes: %+v", got.Notes)
		}
		if len(got.Shortlists) != 1 || got.Shortlists[0].Status != EntryMeeting || peopleNames(got.Shortlists[0].People) != "Anna Hansen" {
			t.Errorf("shortlists: %+v", got.Shortlists)
		}
		entries, err := s.Entries(ctx, l.ID)
		if err != nil || len(entries) != 1 || entries[0].LastNote == nil {
			t.Fatalf("entries: %+v %v", entries, err)
		}
		if _, err := s.RemoveFromShortlist(ctx, l.ID, fbcd.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.RemoveFromShortlist(ctx, l.ID, fbcd.ID); !errors.Is(err, ErrNotFound) {
			t.Fatalf("removing twice gave %v", err)
		}
		if err := s.DeleteShortlist(ctx, l.ID); err != nil {
			t.Fatal(err)
		}
		if notes, _ := s.Notes(ctx, fbcd.ID); len(notes) != 1 {
			t.Error("deleting a shortlist lost the cluster's notes")
		}
	})
}

func TestExportReadsBackInExcelsShape(t *testing.T) {
	eachStore(t, func(t *testing.T, _ string) {
		s := openSample(t)
		ctx := context.Background()
		l, _ := s.CreateShortlist(ctx, "Trip", "")
		fbcd, _ := s.FindCluster(ctx, "Food & Bio Cluster Denmark")
		gce, _ := s.FindCluster(ctx, "GCE Ocean Technology")
		for _, id := range []int64{fbcd.ID, gce.ID} {
			if _, err := s.AddToShortlist(ctx, l.ID, id, EntryContacted, "=HYPERLINK(\"http://evil\")"); err != nil {
				t.Fatal(err)
			}
		}
		s.AddNote(ctx, gce.ID, "-5 degrees; bring a coat")
		s.AddNote(ctx, gce.ID, "Second; with semicolon, and comma")

		for delim, format := range map[rune]Format{';': CSVSemicolon, ',': CSVComma} {
			var buf bytes.Buffer
			if err := s.ExportShortlist(ctx, l.ID, &buf, format); err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(buf.Bytes(), []byte("\xEF\xBB\xBF")) {
				t.Fatal("no byte-order mark: Excel would garble å and ø")
			}
			r := csv.NewReader(bytes.NewReader(buf.Bytes()[3:]))
			r.Comma = delim
			rows, err := r.ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(rows[0], ",") != strings.Join(ExportColumns, ",") || len(rows) != 3 {
				t.Fatalf("header %v, %d rows", rows[0], len(rows))
			}
			row := map[string]string{}
			for i, col := range rows[0] {
				row[col] = rows[2][i] // sorted by name: GCE Ocean Technology is second
			}
			want := map[string]string{
				"name": "GCE Ocean Technology", "country": "NO", "city": "Bergen",
				"ecosystems": "Energy-renewables | Mobility-Transport-Automotive", "label": "gold",
				"label_year": "2021", "label_status": "probably-expired", // a 2021 label, read in 2026
				"label_source": "https://www.gceocean.no/about-us/cluster-management-excellence/",
				"website":      "https://www.gceocean.no", "status": "contacted",
				"contact_people": `'=HYPERLINK("http://evil")`,
				"notes":          signed(s, "2026-11-22", "-5 degrees; bring a coat") + " | " + signed(s, "2026-11-22", "Second; with semicolon, and comma"),
			}
			for k, v := range want {
				if row[k] != v {
					t.Errorf("delimiter %q, column %s = %q, want %q", delim, k, row[k], v)
				}
			}
			if !strings.Contains(row["sources"], "https://www.gceocean.no/about-us/cluster-management-excellence/") {
				t.Errorf("sources = %q", row["sources"])
			}
		}
	})
}

func TestNeutraliseFormulaCells(t *testing.T) {
	eachStore(t, func(t *testing.T, _ string) {
		for in, want := range map[string]string{"=1+1": "'=1+1", "+47 55": "'+47 55", "-x": "'-x", "@SUM(A1)": "'@SUM(A1)",
			"\tx": "'\tx", "\rx": "'\rx", "Bergen": "Bergen", "": ""} {
			if got := neutralise(in); got != want {
				t.Errorf("neutralise(%q) = %q, want %q", in, got, want)
			}
		}
	})
}

// A filtered list exports each cluster with its own sources and notes, read in batches, not one query each.
func TestExportClustersKeepsEachClustersSourcesAndNotes(t *testing.T) {
	eachStore(t, func(t *testing.T, _ string) {
		s := openSample(t)
		ctx := context.Background()
		res, err := s.Search(ctx, Query{Countries: []string{"NO"}, Sort: SortByName})
		if err != nil || res.Total != 34 {
			t.Fatalf("Norway: %d, %v", res.Total, err)
		}
		gce, _ := s.FindCluster(ctx, "GCE Ocean Technology")
		s.AddNote(ctx, gce.ID, "Visit Bergen in May")
		var buf bytes.Buffer
		if err := s.ExportClusters(ctx, res.Clusters, &buf, CSVSemicolon); err != nil {
			t.Fatal(err)
		}
		r := csv.NewReader(bytes.NewReader(buf.Bytes()[3:]))
		r.Comma = ';'
		rows, err := r.ReadAll()
		if err != nil || len(rows) != 35 {
			t.Fatalf("%d rows, %v", len(rows), err)
		}
		col := map[string]int{}
		for i, name := range rows[0] {
			col[name] = i
		}
		for _, row := range rows[1:] {
			c, err := s.FindCluster(ctx, row[0])
			if err != nil {
				t.Fatal(err)
			}
			var urls []string
			for _, so := range c.Sources {
				urls = append(urls, so.URL)
			}
			if got := row[col["sources"]]; got != strings.Join(urls, " | ") {
				t.Errorf("%s: sources %q, want %q", row[0], got, strings.Join(urls, " | "))
			}
			wantNote := ""
			if c.ID == gce.ID {
				wantNote = signed(s, "2026-11-22", "Visit Bergen in May")
			}
			if got := row[col["notes"]]; got != wantNote {
				t.Errorf("%s: notes %q, want %q", row[0], got, wantNote)
			}
		}
	})
}

// signed is a note as an export writes it: its day, its author when the store signs, its text.
func signed(s *Store, day, text string) string {
	if s.Author() != "" {
		return day + " " + s.Author() + ": " + text
	}
	return day + ": " + text
}
