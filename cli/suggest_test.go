package cli

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

func TestSuggestJSONIsRankedAndAbroad(t *testing.T) {
	db := catalogue(t)
	code, out, errOut := run(t, db, "suggest", "Food & Bio Cluster Denmark", "--countries", "Nordic,NL", "--curiosity", "0.3", "--format", "json")
	if code != 0 {
		t.Fatal(errOut)
	}
	var got []suggestionJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) == 0 || len(got) > 10 {
		t.Fatalf("%d suggestions, want 1 to 10 (the default limit)", len(got))
	}
	for i, s := range got {
		if !slices.Contains([]string{"SE", "NO", "FI", "IS", "NL"}, s.Country) {
			t.Errorf("%s (%s) is not in the Nordic countries abroad or NL", s.Name, s.Country)
		}
		if s.Score < 0 || s.Score > 1 || (i > 0 && s.Score > got[i-1].Score) || s.Why == "" {
			t.Errorf("suggestion %d: score %v after %v, why %q", i, s.Score, got[max(i-1, 0)].Score, s.Why)
		}
	}
	if code, _, errOut := run(t, db, "suggest", "Food & Bio Cluster Denmark", "--curiosity", "2"); code != 2 || !strings.Contains(errOut, "curiosity") {
		t.Errorf("curiosity 2: exit %d, %q", code, errOut)
	}
	if code, _, errOut := run(t, db, "suggest", "Food & Bio Cluster Denmark", "--countries", "Narnia"); code != 2 || !strings.Contains(errOut, "Narnia") {
		t.Errorf("unknown country: exit %d, %q", code, errOut)
	}
}

func TestLabelsListsShortlistedExpiredLabels(t *testing.T) {
	db := catalogue(t)
	run(t, db, "shortlist", "new", "Trip")
	run(t, db, "shortlist", "add", "Trip", "MADE")                 // gold, valid until 2023-10-31: expired
	run(t, db, "shortlist", "add", "Trip", "GCE Ocean Technology") // gold 2021, no date: probably expired since 2024
	code, out, errOut := run(t, db, "labels")
	if code != 0 || !strings.Contains(out, "MADE") || !strings.Contains(out, "gold, expired") {
		t.Errorf("labels: exit %d, %q %q", code, out, errOut)
	}
	// The year-only label is listed with the page that stated it.
	if !strings.Contains(out, "gold, probably expired  2021 (+2 years)  GCE Ocean Technology  NO       https://www.gceocean.no/about-us/") {
		t.Errorf("labels does not list GCE Ocean Technology's probably expired label with its source:\n%s", out)
	}
}

func TestSuggestForAForestClusterNamesTheSharedWordsAndHonoursClosedMarks(t *testing.T) {
	db := catalogue(t)
	code, out, errOut := run(t, db, "suggest", "Paper Province", "--country", "DE,GB", "--format", "json")
	if code != 0 {
		t.Fatal(errOut)
	}
	var got []suggestionJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) < 2 {
		t.Fatalf("%d suggestions in DE and GB", len(got))
	}
	byName := map[string]suggestionJSON{}
	for _, s := range got {
		byName[s.Name] = s
		if s.Country != "DE" && s.Country != "GB" {
			t.Errorf("%s (%s) is outside --country DE,GB", s.Name, s.Country)
		}
	}
	if w := byName["BioVale"].Why; !strings.HasPrefix(w, "Both work on bioeconomy; they bring Agri-food") {
		t.Errorf("BioVale: why %q", w)
	}
	forst := byName["Cluster Forst und Holz in Bayern"]
	if !strings.HasPrefix(forst.Why, "Both work on forestry; they bring wood (Construction); Silver, probably expired long ago") {
		t.Errorf("Forst und Holz: why %q", forst.Why)
	}
	if code, out, errOut := run(t, db, "mark-closed", "Cluster Forst und Holz", "--note", "merged in 2024"); code != 0 || !strings.Contains(out, "marked closed") {
		t.Fatalf("mark-closed: exit %d, %q %q", code, out, errOut)
	}
	_, out, _ = run(t, db, "suggest", "Paper Province", "--country", "DE,GB", "--limit", "50", "--format", "json")
	got = nil
	json.Unmarshal([]byte(out), &got)
	last := got[len(got)-1]
	if last.Name != forst.Name || !last.Closed || !strings.HasPrefix(last.Why, "Closed (your mark) merged in 2024; ") {
		t.Errorf("after mark-closed the last is %s (closed %v): %q", last.Name, last.Closed, last.Why)
	}
	run(t, db, "mark-active", "Cluster Forst und Holz")
	_, out, _ = run(t, db, "suggest", "Paper Province", "--country", "DE,GB", "--limit", "50", "--format", "json")
	got = nil
	json.Unmarshal([]byte(out), &got)
	for _, s := range got {
		if s.Closed {
			t.Errorf("%s still closed after mark-active", s.Name)
		}
	}
	if code, _, errOut := run(t, db, "mark-closed", "No Such Cluster Anywhere"); code == 0 || !strings.Contains(errOut, "No Such Cluster") {
		t.Errorf("mark-closed of an unknown cluster: exit %d, %q", code, errOut)
	}
}
