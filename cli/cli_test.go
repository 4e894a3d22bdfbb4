package cli

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"clusterbridge/data"
)

// catalogue is a temporary catalogue file that every command of a test shares.
func catalogue(t *testing.T) string {
	t.Helper()
	return filepath.Join(t.TempDir(), "catalogue.db")
}

func run(t *testing.T, db string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = Run(context.Background(), append([]string{"--db", db}, args...), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestListFiltersAndFormats(t *testing.T) {
	db := catalogue(t)
	code, out, errOut := run(t, db, "list", "--query", "smaland")
	if code != 0 || !strings.Contains(out, "Automation Småland") {
		t.Fatalf("list --query smaland: exit %d, %q %q", code, out, errOut)
	}

	code, out, _ = run(t, db, "list", "--label", "gold", "--country", "DK,no", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var got []map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("list --format json is not JSON: %v", err)
	}
	if len(got) == 0 {
		t.Fatal("no gold clusters in DK and NO")
	}
	for _, c := range got {
		if c["label"] != "gold" || (c["country"] != "DK" && c["country"] != "NO") {
			t.Errorf("%v does not fit the filter", c["name"])
		}
		for _, field := range []string{"id", "name", "acronym", "country", "region", "city", "ecosystems", "sectors",
			"focus", "description", "label", "label_year", "label_valid_until", "label_status", "website", "members",
			"sources", "notes", "shortlists"} {
			if _, ok := c[field]; !ok {
				t.Errorf("%v lacks %q", c["name"], field)
			}
		}
	}

	code, out, _ = run(t, db, "list", "--ecosystem", "Proximity, social economy and civil society", "--format", "csv")
	if code != 0 || !strings.HasPrefix(out, "\uFEFFname;acronym;country") {
		t.Fatalf("list --format csv: exit %d, %q", code, out[:min(80, len(out))])
	}
	code, out, _ = run(t, db, "list", "--ecosystem", "Proximity, social economy and civil society", "--format", "csv", "--delimiter", ",")
	if code != 0 || !strings.HasPrefix(out, "\uFEFFname,acronym,country") {
		t.Fatalf("list --format csv: exit %d, %q", code, out[:min(80, len(out))])
	}
}

func TestShowAndNotesAndShortlists(t *testing.T) {
	db := catalogue(t)
	if code, _, errOut := run(t, db, "shortlist", "new", "Biogas partners", "--purpose", "Nordic-Dutch biogas"); code != 0 {
		t.Fatal(errOut)
	}
	if code, _, errOut := run(t, db, "shortlist", "add", "biogas partners", "Food & Bio Cluster Denmark", "--status", "contacted", "--contact", "Anna Hansen"); code != 0 {
		t.Fatal(errOut)
	}
	if code, _, errOut := run(t, db, "note", "Food & Bio", "Met at the Brussels cluster days"); code != 0 {
		t.Fatal(errOut)
	}
	code, out, _ := run(t, db, "show", "food & bio cluster denmark", "--format", "json")
	if code != 0 {
		t.Fatal(out)
	}
	var c clusterJSON
	if err := json.Unmarshal([]byte(out), &c); err != nil {
		t.Fatal(err)
	}
	if c.Country != "DK" || len(c.Notes) != 1 || c.Notes[0].Text != "Met at the Brussels cluster days" ||
		len(c.Shortlists) != 1 || c.Shortlists[0].Status != "contacted" || c.LabelYear == nil || *c.LabelYear != 2024 {
		t.Errorf("show --format json: %+v", c)
	}

	code, out, _ = run(t, db, "shortlist", "list", "--format", "json")
	if code != 0 || !strings.Contains(out, `"name": "Anna Hansen"`) || !strings.Contains(out, `"last_note": "Met at the Brussels cluster days"`) {
		t.Errorf("shortlist list: %s", out)
	}

	file := filepath.Join(t.TempDir(), "biogas.csv")
	if code, _, errOut := run(t, db, "export", "Biogas partners", "--out", file); code != 0 {
		t.Fatal(errOut)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\uFEFF"))))
	r.Comma = ';'
	rows, err := r.ReadAll()
	status := slices.Index(data.ExportColumns, "status")
	if err != nil || len(rows) != 2 || rows[1][0] != "Food & Bio Cluster Denmark" || rows[1][status] != "contacted" {
		t.Errorf("exported %v, %v", rows, err)
	}

	if code, _, errOut := run(t, db, "shortlist", "remove", "Biogas partners", "Food & Bio Cluster Denmark"); code != 0 {
		t.Fatal(errOut)
	}
	if _, out, _ := run(t, db, "shortlist", "list", "Biogas partners", "--format", "json"); !strings.Contains(out, `"clusters": []`) {
		t.Errorf("after remove: %s", out)
	}
}

// Every error is one line on stderr with exit 1 (2 for usage), and changes nothing.
func TestErrorsAreOneLineAndChangeNothing(t *testing.T) {
	db := catalogue(t)
	run(t, db, "shortlist", "new", "Trip")
	before := dump(t, db)
	for _, tc := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"show", "No Such Cluster"}, 1, `no cluster called "No Such Cluster"`},
		{[]string{"show", "GCE"}, 1, "GCE Ocean Technology"},
		{[]string{"shortlist", "new", "trip"}, 1, "already exists"},
		{[]string{"shortlist", "add", "Nope", "GCE Ocean Technology"}, 1, `no shortlist called "Nope"`},
		{[]string{"shortlist", "add", "Trip", "GCE Ocean Technology", "--status", "married"}, 2, "--status"},
		{[]string{"note", "GCE Ocean Technology", "  "}, 1, "empty"},
		{[]string{"shortlist", "remove", "Trip", "MADE"}, 1, `MADE is not on "Trip"`},
		{[]string{"list", "--label", "platinum"}, 2, "platinum"},
		{[]string{"list", "--country", "Atlantis"}, 2, "Atlantis"},
		{[]string{"list", "--bogus"}, 2, "bogus"},
		{[]string{"list", "--format", "xml"}, 2, "xml"},
		{[]string{"export", "Trip", "--delimiter", "|"}, 2, "delimiter"},
		{[]string{"export", "Trip", "--format", "xlsx"}, 2, "--format xlsx writes an Excel workbook, not text: add --out FILE"},
		{[]string{"export", "Trip", "--format", "ods", "--out", "trip.ods"}, 2, "ods"},
		{[]string{"list", "--format", "xlsx"}, 2, "add --out FILE"},
		{[]string{"list", "--format", "json", "--out", "x.json"}, 2, "--out is for"},
		{[]string{"frobnicate"}, 2, "unknown command"},
		{[]string{"show"}, 2, "usage"},
	} {
		code, out, errOut := run(t, db, tc.args...)
		if code != tc.code || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, tc.says) || out != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit %d and one line saying %q", tc.args, code, out, errOut, tc.code, tc.says)
		}
	}
	if after := dump(t, db); after != before {
		t.Errorf("failed commands changed the catalogue:\n%s\n---\n%s", before, after)
	}
}

func TestRefusesAFileThatIsNoCatalogue(t *testing.T) {
	path := filepath.Join(t.TempDir(), "budget.xlsx")
	os.WriteFile(path, []byte("PK\x03\x04 not a database"), 0o644)
	code, out, errOut := run(t, path, "list")
	if code != 1 || out != "" || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, path) {
		t.Errorf("exit %d, %q %q", code, out, errOut)
	}
}

// A browser's history (any SQLite file of another program) is refused in one line and left as it was.
func TestRefusesAnotherProgramsDatabase(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "places.sqlite")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`PRAGMA journal_mode = WAL`, `CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)`,
		`INSERT INTO moz_places (url) VALUES ('https://clustercollaboration.eu/')`} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	before, _ := os.ReadFile(path)
	code, out, errOut := run(t, path, "shortlist", "new", "Trip")
	if code != 1 || out != "" || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, path) ||
		!strings.Contains(errOut, "not a ClusterBridge catalogue") || !strings.Contains(errOut, "--db") {
		t.Errorf("exit %d, stdout %q, stderr %q; want exit 1 and one line naming the file and --db", code, out, errOut)
	}
	after, _ := os.ReadFile(path)
	if len(before) == 0 || !bytes.Equal(after, before) {
		t.Error("the refused database was changed")
	}
	if files, _ := os.ReadDir(dir); len(files) != 1 {
		t.Errorf("the folder holds %d files, want the database alone (no -wal or -shm)", len(files))
	}
}

// dump is the user-visible state: every shortlist with its clusters, GCE Ocean Technology with its notes, and
// every cluster. A command that fails here would make two dumps equal whatever changed, so it stops the test.
func dump(t *testing.T, db string) string {
	t.Helper()
	var b strings.Builder
	for _, args := range [][]string{{"shortlist", "list", "--format", "json"}, {"show", "GCE Ocean Technology", "--format", "json"},
		{"list", "--format", "csv"}} {
		code, out, errOut := run(t, db, args...)
		if code != 0 || out == "" {
			t.Fatalf("%v: exit %d, %q", args, code, errOut)
		}
		b.WriteString(out)
	}
	return b.String()
}

// The command line stays English, but takes ecosystems and countries as an advisor names them in any of the
// window's languages: --ecosystem Livsmedel is Agri-food, --country Tyskland Germany.
func TestListTakesEcosystemsAndCountriesInTheAdvisorsLanguages(t *testing.T) {
	db := catalogue(t)
	names := func(args ...string) string {
		t.Helper()
		code, out, errOut := run(t, db, append([]string{"list", "--format", "json"}, args...)...)
		if code != 0 {
			t.Fatalf("list %v: exit %d: %s", args, code, errOut)
		}
		var got []map[string]any
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatal(err)
		}
		var ns []string
		for _, c := range got {
			ns = append(ns, c["name"].(string))
		}
		return strings.Join(ns, "|")
	}
	english := names("--ecosystem", "Agri-food", "--country", "DE")
	if english == "" {
		t.Fatal("no Agri-food cluster in Germany in the sample")
	}
	for _, args := range [][]string{
		{"--ecosystem", "Livsmedel", "--country", "Tyskland"},
		{"--ecosystem", "Lebensmittel", "--country", "Deutschland"},
		{"--ecosystem", "Agroalimentaire", "--country", "Allemagne"},
		{"--ecosystem", "Landbrug og fødevarer", "--country", "Tyskland"},
		{"--ecosystem", "agrovoeding", "--country", "Duitsland"},
	} {
		if got := names(args...); got != english {
			t.Errorf("list %v gives %q, want what Agri-food in DE gives: %q", args, got, english)
		}
	}
	if code, _, errOut := run(t, db, "list", "--ecosystem", "Kraft"); code == 0 || !strings.Contains(errOut, "--ecosystem \"Kraft\"") {
		t.Errorf("--ecosystem Kraft: exit %d, %q", code, errOut)
	}
}
