package scraper

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"clusterbridge/data"
)

// Every column data.ExportColumns has, today's and any added later, is one the reader knows: a fact it reads
// back, or a derived or user-data column it ignores without a warning.
func TestCSVReaderKnowsEveryExportColumn(t *testing.T) {
	header := strings.Join(data.ExportColumns, ";")
	if !strings.Contains(header, strings.ReplaceAll(exportMarker, " ", "_")) {
		t.Fatalf("the export has no %q column: the reader cannot tell an export from another spreadsheet", exportMarker)
	}
	var warnings []string
	_, export, err := readClustersCSV([]byte(header+"\r\nX;;;;;;;;;;;;\r\n"), "csv", readAt, func(f string, a ...any) {
		warnings = append(warnings, f)
	})
	if err != nil || !export || len(warnings) != 0 {
		t.Errorf("reading the export's header: export %v, %v, warnings %q", export, err, warnings)
	}
}

// exportedStore is a catalogue of a few clusters with what makes CSV hard (accents, ';', a leading '-', full and
// month-only label dates), on a shortlist with the user's status, contact person and notes.
func exportedStore(t *testing.T) (*data.Store, []data.Cluster) {
	t.Helper()
	ctx := context.Background()
	store := openStore(t, false)
	err := store.AddClusters(ctx, []data.Cluster{
		{Name: "Göteborg Maritime Cluster; West Sweden", Acronym: "GMC", Country: "SE", City: "Göteborg",
			Ecosystems: []data.Ecosystem{"Mobility-Transport-Automotive", "Energy-renewables"}, Label: data.LabelGold,
			LabelValidUntil: "2026-09-30", Website: "https://gmc.example.se",
			Sources: []data.Source{{URL: "https://www.cluster-analysis.org/benchmarked-clusters/?country=se", Kind: "esca", ReadAt: readAt}}},
		{Name: "Pôle Végétal Île-de-France", Country: "FR", City: "Évry", Ecosystems: []data.Ecosystem{"Agri-food"},
			Label: data.LabelSilver, LabelValidUntil: "2025-03", Website: "https://vegetal.example.fr",
			Sources: []data.Source{{URL: "https://clustercollaboration.eu/content/pole-vegetal", Kind: "eccp-profile", ReadAt: readAt}}},
		{Name: "-Minus Robotics", Country: "DK", City: "Odense", Label: data.LabelBronze, LabelYear: 2021,
			Ecosystems: []data.Ecosystem{"Digital"}, Website: "https://minus.example.dk"},
	})
	if err != nil {
		t.Fatal(err)
	}
	list, err := store.CreateShortlist(ctx, "Nordic partners", "")
	if err != nil {
		t.Fatal(err)
	}
	res, err := store.Search(ctx, data.Query{})
	if err != nil || len(res.Clusters) != 3 {
		t.Fatalf("search: %v, %+v", err, res)
	}
	for _, c := range res.Clusters {
		if _, err := store.AddToShortlist(ctx, list.ID, c.ID, data.EntryMeeting, "Anna Hansen; +45 1234"); err != nil {
			t.Fatal(err)
		}
		if _, err := store.AddNote(ctx, c.ID, "=Met in Brussels; follow up"); err != nil {
			t.Fatal(err)
		}
	}
	var all []data.Cluster
	for _, c := range res.Clusters {
		full, err := store.Cluster(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, full)
	}
	return store, all
}

func exportShortlist(t *testing.T, store *data.Store) []byte {
	t.Helper()
	lists, err := store.Shortlists(context.Background())
	if err != nil || len(lists) != 1 {
		t.Fatalf("shortlists %+v, %v", lists, err)
	}
	var buf bytes.Buffer
	if err := store.ExportShortlist(context.Background(), lists[0].ID, &buf, data.CSVSemicolon); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// facts are what an import may change of a cluster, and the user's own data, which it must not.
func facts(t *testing.T, store *data.Store, cs []data.Cluster) []data.Cluster {
	t.Helper()
	var out []data.Cluster
	for _, c := range cs {
		got, err := store.Cluster(context.Background(), c.ID)
		if err != nil {
			t.Fatal(err)
		}
		got.UpdatedAt = c.UpdatedAt
		out = append(out, got)
	}
	return out
}

// Export, then read back and merge, then import the file: nothing changes and nothing is warned about.
func TestExportReadBackChangesNothing(t *testing.T) {
	ctx := context.Background()
	store, before := exportedStore(t)
	file := filepath.Join(t.TempDir(), "nordic-partners.csv")
	if err := os.WriteFile(file, exportShortlist(t, store), 0o644); err != nil {
		t.Fatal(err)
	}
	body, _ := os.ReadFile(file)
	p, err := Parse(file, body, "", Options{ReadAt: readAt})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Warnings) != 0 || len(p.Records) != len(before) || !p.CatalogueCopy {
		t.Fatalf("read back %d records of %d, copy %v, warnings %q", len(p.Records), len(before), p.CatalogueCopy, p.Warnings)
	}
	for i, r := range p.Records { // sorted by name in both
		c := before[i]
		if r.Name != c.Name || r.Country != c.Country || r.City != c.City || r.LabelValidUntil != c.LabelValidUntil ||
			r.Label != c.Label || !reflect.DeepEqual(r.Ecosystems, c.Ecosystems) || r.Website != c.Website || r.Contact != "" {
			t.Errorf("read back %+v\nfrom      %+v", r, c)
		}
	}
	counts, amb, err := store.Merge(ctx, 0, p.Records)
	if err != nil || len(amb) != 0 || counts != (data.MergeCounts{Unchanged: len(before)}) {
		t.Errorf("merging the export back: %+v, %v, %v; want all %d unchanged", counts, amb, err, len(before))
	}
	sum := importOK(t, store, testOptions(), file)
	if sum.RunCounts != (data.RunCounts{Unchanged: len(before)}) || len(sum.Problems) != 0 {
		t.Errorf("importing the export: %+v, problems %+v; want all unchanged, no problem", sum.RunCounts, sum.Problems)
	}
	if after := facts(t, store, before); !reflect.DeepEqual(after, before) {
		t.Errorf("the catalogue changed:\n%+v\nwas\n%+v", after, before)
	}
}

// The export as Excel saves it again in a European locale: no byte-order mark, Windows-1252, dates as
// 30.09.2026, and a column the user added. Its dates are read, the column is reported, nothing else changes.
func TestExportSavedByExcelInAEuropeanLocale(t *testing.T) {
	store, before := exportedStore(t)
	text := strings.TrimPrefix(string(exportShortlist(t, store)), "\uFEFF")
	text = regexp.MustCompile(`(\d{4})-(\d{2})-(\d{2})`).ReplaceAllString(text, "$3.$2.$1")
	lines := strings.Split(text, "\r\n")
	for i := range lines {
		if lines[i] != "" {
			lines[i] += ";" + map[bool]string{true: "Telefon", false: "+45 1234"}[i == 0]
		}
	}
	cp1252, err := charmap.Windows1252.NewEncoder().String(strings.Join(lines, "\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(cp1252, "G\xf6teborg") || !strings.Contains(cp1252, "\xcele-de-France") || !strings.Contains(cp1252, "30.09.2026") {
		t.Fatalf("the file is not as Excel writes it: %q", cp1252)
	}
	file := filepath.Join(t.TempDir(), "nordic-partners.csv")
	if err := os.WriteFile(file, []byte(cp1252), 0o644); err != nil {
		t.Fatal(err)
	}
	sum := importOK(t, store, testOptions(), file)
	want := []data.Problem{{URL: file, Kind: data.ProblemWarning,
		Reason: `unknown column "Telefon" ignored; rename it to a field such as name, country, label_valid_until`}}
	if sum.RunCounts != (data.RunCounts{Unchanged: len(before)}) || !reflect.DeepEqual(sum.Problems, want) {
		t.Errorf("importing the Excel file: %+v, problems %+v; want all unchanged and the column reported", sum.RunCounts, sum.Problems)
	}
	if after := facts(t, store, before); !reflect.DeepEqual(after, before) {
		t.Errorf("the catalogue changed:\n%+v\nwas\n%+v", after, before)
	}
}

// A spreadsheet of the user's own, saved by Excel in German: its European dates and Windows-1252 accents are
// read into a catalogue that did not know the clusters.
func TestExcelSpreadsheetInAEuropeanLocaleImportsItsDates(t *testing.T) {
	store := openStore(t, false)
	file := filepath.Join(t.TempDir(), "cluster.csv")
	if err := os.WriteFile(file, testPage(t, "clusters-excel-de.csv"), 0o644); err != nil {
		t.Fatal(err)
	}
	sum := importOK(t, store, testOptions(), file)
	if sum.Added != 3 || sum.Warnings != 1 || !strings.Contains(sum.Problems[0].Reason, `unknown column "Telefon"`) {
		t.Fatalf("summary %+v, problems %+v; want 3 added and the Telefon column reported", sum.RunCounts, sum.Problems)
	}
	for name, want := range map[string]string{
		"Göteborg Maritime Cluster": "SE Göteborg 2026-09-30", "Pôle Végétal": "FR Île-de-France 2026-09-30",
		"Cluster Lebensmittel NÖ": "AT Niederösterreich 2025-03-31",
	} {
		c := findOne(t, store, name)
		if got := c.Country + " " + c.City + c.Region + " " + c.LabelValidUntil; got != want {
			t.Errorf("%s: %q, want %q", name, got, want)
		}
	}
}
