package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"clusterbridge/data"
	"clusterbridge/internal/testsite"
)

func runImportCmd(t *testing.T, db string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Run(context.Background(), append([]string{"--db", db, "import"}, args...), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestImportCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "catalogue.db")
	folder := testsite.Folder(t)

	code, out, errOut := runImportCmd(t, db, "--delay", "0s", folder)
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, errOut)
	}
	if !regexp.MustCompile(`^added \d+, updated [1-9]\d*, unchanged \d+, skipped 1, failed 0, warnings \d+\n(Added: [^\n]+\n)?Updated: [^\n]+\n$`).MatchString(out) {
		t.Errorf("stdout %q", out)
	}
	if !strings.Contains(errOut, "skipped: ") || !strings.Contains(errOut, "news-textilscat-award.html") {
		t.Errorf("the skipped page is not on stderr: %q", errOut)
	}

	code, out, _ = runImportCmd(t, db, folder)
	if code != 0 || !strings.HasPrefix(out, "added 0, updated 0, unchanged ") {
		t.Errorf("second import: exit %d, %q", code, out)
	}

	code, out, errOut = runImportCmd(t, db, filepath.Join(t.TempDir(), "nothing-here.html"))
	if code != 1 || out != "added 0, updated 0, unchanged 0, skipped 0, failed 1, warnings 0\n" || !strings.Contains(errOut, "no such file") {
		t.Errorf("nothing readable: exit %d, %q, %q", code, out, errOut)
	}

	for _, args := range [][]string{{}, {"--max-pages", "0", folder}, {"--country", "Atlantis", folder}, {"--bogus", folder}} {
		if code, _, _ := runImportCmd(t, db, args...); code != 2 {
			t.Errorf("import %v: exit %d, want 2", args, code)
		}
	}
}

func TestImportPrintsAndStoresEveryWarning(t *testing.T) {
	db := filepath.Join(t.TempDir(), "catalogue.db")
	file := filepath.Join(t.TempDir(), "partners.csv")
	csv := "Name;Country;Ecosystems;Label valid until;Telefon\r\n" +
		"Example Cluster;Atlantis;Tourism;30.09.2026;+45 1234\r\n" +
		"Second Cluster;Dänemark;Basket weaving;someday;\r\n"
	if err := os.WriteFile(file, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runImportCmd(t, db, file)
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, errOut)
	}
	if out != "added 2, updated 0, unchanged 0, skipped 0, failed 0, warnings 4\nAdded: Example Cluster and Second Cluster\n" {
		t.Errorf("stdout %q", out)
	}
	want := []string{
		"warning: " + file + `: unknown column "Telefon" ignored; rename it to a field such as name, country, label_valid_until`,
		"warning: " + file + `: row 2 (Example Cluster): unknown country "Atlantis" left out; use an English name or ISO code`,
		"warning: " + file + `: row 3 (Second Cluster): unknown ecosystem "Basket weaving" left out`,
		"warning: " + file + `: row 3 (Second Cluster): unreadable label date "someday" left out; write it as 2026-09-30, 30.09.2026 or September 2026`,
	}
	if got := strings.Split(strings.TrimSpace(errOut), "\n"); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("stderr:\n%s\nwant one line each:\n%s", errOut, strings.Join(want, "\n"))
	}

	store, err := data.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	runs, err := store.ImportRuns(context.Background(), 1)
	if err != nil || len(runs) != 1 {
		t.Fatalf("runs %v, %v", runs, err)
	}
	var stored []string
	for _, p := range runs[0].Problems {
		stored = append(stored, p.Kind+": "+p.URL+": "+p.Reason)
	}
	if strings.Join(stored, "\n") != strings.Join(want, "\n") {
		t.Errorf("stored with the run:\n%s\nwant:\n%s", strings.Join(stored, "\n"), strings.Join(want, "\n"))
	}
	c, err := store.FindCluster(context.Background(), "Example Cluster")
	if err != nil {
		t.Fatal(err)
	}
	if c.Country != "" || c.LabelValidUntil != "2026-09-30" {
		t.Errorf("Example Cluster has country %q, label date %q; want none and 2026-09-30", c.Country, c.LabelValidUntil)
	}
}

// After the counts, the import names what it added and updated, ten names a line at most.
func TestImportNamesTheClustersItAddedAndUpdated(t *testing.T) {
	db := filepath.Join(t.TempDir(), "catalogue.db")
	dir := t.TempDir()
	var csv strings.Builder
	csv.WriteString("Name;Country;Website\r\n")
	names := strings.Fields("Amber Anchor Birch Cedar Delta Ember Fjord Garnet Harbor Indigo Juniper Kestrel Lumen")
	for _, name := range names {
		fmt.Fprintf(&csv, "%s Cluster;Denmark;https://%s.example.dk\r\n", name, strings.ToLower(name))
	}
	first := filepath.Join(dir, "first.csv")
	if err := os.WriteFile(first, []byte(csv.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runImportCmd(t, db, first)
	want := "added 13, updated 0, unchanged 0, skipped 0, failed 0, warnings 0\n" +
		"Added: Amber Cluster, Anchor Cluster, Birch Cluster, Cedar Cluster, Delta Cluster, Ember Cluster, Fjord Cluster, " +
		"Garnet Cluster, Harbor Cluster, Indigo Cluster and 3 more\n"
	if code != 0 || out != want {
		t.Fatalf("first import: exit %d, stdout\n%s\nwant\n%s\nstderr %s", code, out, want, errOut)
	}

	second := filepath.Join(dir, "second.csv")
	body := "Name;Country;Website;Focus\r\nBirch Cluster;Denmark;https://birch.example.dk;Robots\r\n" +
		"Lumen Cluster;Denmark;https://lumen.example.dk;Boats\r\nZephyr Cluster;Sweden;https://zephyr.example.se;\r\n"
	if err := os.WriteFile(second, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ = runImportCmd(t, db, second)
	want = "added 1, updated 2, unchanged 0, skipped 0, failed 0, warnings 0\nAdded: Zephyr Cluster\nUpdated: Birch Cluster and Lumen Cluster\n"
	if code != 0 || out != want {
		t.Errorf("second import: exit %d, stdout\n%s\nwant\n%s", code, out, want)
	}
}
