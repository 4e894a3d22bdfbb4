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
