package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// A spreadsheet that holds one organisation twice, written two ways: the import asks, the user merges on the
// command line, and the same file imported again asks nothing and adds nothing.
func TestMatchesAreListedSettledAndRemembered(t *testing.T) {
	db := catalogue(t)
	file := filepath.Join(t.TempDir(), "benelux.csv")
	csv := "name;country;city;website\nBio Valley;NL;Wageningen;\nBioValley B.V.;NL;;https://biovalley.nl\n"
	if err := os.WriteFile(file, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run(t, db, "import", file)
	if code != 0 || !strings.Contains(out, "added 2") || !strings.Contains(out, "1 match to review") {
		t.Fatalf("import: exit %d, %q %q", code, out, errOut)
	}
	code, out, _ = run(t, db, "matches", "--format", "json")
	var ms []matchJSON
	if err := json.Unmarshal([]byte(out), &ms); code != 0 || err != nil || len(ms) != 1 || len(ms[0].Candidates) != 2 {
		t.Fatalf("matches: exit %d, %q, %v", code, out, err)
	}
	keep := ms[0].Candidates[0]
	if keep.Name != "Bio Valley" {
		keep = ms[0].Candidates[1]
	}
	id := strconv.FormatInt(ms[0].ID, 10)
	if code, _, errOut := run(t, db, "matches", "merge", id, "999999"); code == 0 || strings.Count(errOut, "\n") != 1 {
		t.Errorf("merging into a cluster that is not a candidate: exit %d, %q", code, errOut)
	}
	if code, out, errOut := run(t, db, "matches", "merge", id, strconv.FormatInt(keep.ID, 10)); code != 0 ||
		!strings.Contains(out, "merged into Bio Valley") {
		t.Fatalf("merge: exit %d, %q %q", code, out, errOut)
	}
	if _, out, _ := run(t, db, "matches"); !strings.Contains(out, "no matches to review") {
		t.Errorf("after settling: %q", out)
	}
	code, out, _ = run(t, db, "import", "--review", file)
	if code != 0 || !strings.Contains(out, "added 0") || strings.Contains(out, "match") {
		t.Errorf("the same file again: exit %d, %q; want nothing added and nothing asked", code, out)
	}
	if _, out, _ := run(t, db, "show", strconv.FormatInt(keep.ID, 10), "--format", "json"); !strings.Contains(out, "https://biovalley.nl") {
		t.Errorf("the kept cluster lacks the other's website: %s", out)
	}
}

func TestShortlistAddKeepsTheEntryAndSetChangesOnlyWhatItIsGiven(t *testing.T) {
	db := catalogue(t)
	const fb = "Food & Bio Cluster Denmark"
	for _, args := range [][]string{
		{"shortlist", "new", "Biogas"},
		{"shortlist", "add", "Biogas", fb, "--status", "meeting", "--contact", "Anna Hansen"},
	} {
		if code, _, errOut := run(t, db, args...); code != 0 {
			t.Fatalf("%v: %s", args, errOut)
		}
	}
	if code, out, _ := run(t, db, "shortlist", "add", "Biogas", fb); code != 0 || !strings.Contains(out, "already on \"Biogas\" as meeting; nothing changed") {
		t.Errorf("adding again: exit %d, %q", code, out)
	}
	if code, _, errOut := run(t, db, "shortlist", "add", "Biogas", fb, "--status", "candidate"); code != 1 ||
		!strings.Contains(errOut, "use 'shortlist set'") {
		t.Errorf("adding again with a status: exit %d, %q", code, errOut)
	}
	if code, _, errOut := run(t, db, "shortlist", "set", "Biogas", fb, "--contact", "Lars Jensen"); code != 0 {
		t.Fatal(errOut)
	}
	_, out, _ := run(t, db, "shortlist", "list", "Biogas", "--format", "json")
	var lists []shortlistJSON
	if err := json.Unmarshal([]byte(out), &lists); err != nil || len(lists) != 1 || len(lists[0].Clusters) != 1 {
		t.Fatalf("shortlist list: %v %s", err, out)
	}
	if e := lists[0].Clusters[0]; e.Status != "meeting" || len(e.People) != 2 ||
		e.People[0].Name != "Anna Hansen" || e.People[1].Name != "Lars Jensen" {
		t.Errorf("after set --contact: %+v; want meeting with Anna Hansen kept and Lars Jensen added", e)
	}
	if code, _, _ := run(t, db, "shortlist", "set", "Biogas", fb); code != 2 {
		t.Errorf("set with nothing to set: exit %d, want 2", code)
	}
}

func TestShowSaysWhereTheLabelCameFrom(t *testing.T) {
	db := catalogue(t)
	code, out, _ := run(t, db, "show", "GCE Ocean Technology", "--format", "json")
	var c clusterJSON
	if err := json.Unmarshal([]byte(out), &c); code != 0 || err != nil {
		t.Fatalf("exit %d, %v", code, err)
	}
	if c.LabelStatus != "probably-expired" || c.LabelSource != "https://www.gceocean.no/about-us/cluster-management-excellence/" ||
		c.LabelReadAt == "" {
		t.Errorf("a 2021 gold from the sample: status %q, source %q, read %q", c.LabelStatus, c.LabelSource, c.LabelReadAt)
	}
	if _, out, _ := run(t, db, "show", "GCE Ocean Technology"); !strings.Contains(out, "gold 2021, probably expired") ||
		!strings.Contains(out, "sample: https://www.gceocean.no/about-us/cluster-management-excellence/") {
		t.Errorf("show: %s", out)
	}
}
