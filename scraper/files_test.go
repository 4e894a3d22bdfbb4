package scraper

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"clusterbridge/data"
)

// A page or file that says UTF-8 and is not: its stray bytes become U+FFFD as it is read, so the catalogue and
// every export hold text any program can read.
func TestInvalidUTF8IsRepairedAtTheBoundary(t *testing.T) {
	bad := "Klaster \xc5 Plze\xf2 Digital"
	csvBody := []byte("name;country\n" + bad + ";CZ\n")
	p, err := Parse("file:///tmp/clusters.csv", csvBody, "text/csv; charset=utf-8", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Records) != 1 || !utf8.ValidString(p.Records[0].Name) || !strings.Contains(p.Records[0].Name, "\uFFFD") {
		t.Fatalf("the CSV reads as %+v, want one name in valid UTF-8 with U+FFFD for the stray bytes", p.Records)
	}
	page := []byte(`<html><head><meta charset="utf-8"><title>` + bad + `</title></head><body><h1>` + bad + `</h1></body></html>`)
	if out := decodeBody(page, ""); !utf8.Valid(out) || !bytes.Contains(out, []byte("\uFFFD")) {
		t.Errorf("the page decodes to %q, want valid UTF-8", out)
	}
	// What is valid stays as it is.
	if out := decodeBody([]byte("<p>Plzeň Göteborg</p>"), "text/html; charset=utf-8"); string(out) != "<p>Plzeň Göteborg</p>" {
		t.Errorf("valid UTF-8 changed to %q", out)
	}

	// Imported and exported: the export is valid UTF-8 too.
	store := openStore(t, false)
	file := filepath.Join(t.TempDir(), "clusters.csv")
	if err := os.WriteFile(file, []byte("\xef\xbb\xbfname;country;focus\nBad Bytes Cluster;CZ;food "+"\xff\xfe"+" and wood\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	importOK(t, store, testOptions(), file)
	c := findOne(t, store, "Bad Bytes Cluster")
	var out bytes.Buffer
	if err := store.ExportClusters(t.Context(), []data.Cluster{c}, &out, data.CSVSemicolon); err != nil {
		t.Fatal(err)
	}
	if !utf8.Valid(out.Bytes()) || !strings.Contains(c.Focus, "\uFFFD") {
		t.Errorf("focus %q; the export is valid UTF-8: %v", c.Focus, utf8.Valid(out.Bytes()))
	}
}

// Spreadsheets saved with tabs or pipes between the columns read like those with commas or semicolons.
func TestTabAndPipeSeparatedFilesAreRead(t *testing.T) {
	for _, sep := range []string{"\t", "|", ";", ","} {
		body := strings.Join([]string{"name", "country", "city"}, sep) + "\n" +
			strings.Join([]string{"Tab Pipe Cluster", "SE", "Umeå"}, sep) + "\n"
		p, err := Parse("file:///tmp/clusters.csv", []byte(body), "", Options{})
		if err != nil {
			t.Fatalf("separated by %q: %v", sep, err)
		}
		if len(p.Records) != 1 || p.Records[0].Name != "Tab Pipe Cluster" || p.Records[0].City != "Umeå" {
			t.Errorf("separated by %q: %+v", sep, p.Records)
		}
	}
}

// A spreadsheet may be far larger than a page (tens of MB for a few hundred thousand rows); a saved page keeps
// the page's cap, and a file too large is called a file.
func TestASpreadsheetMayBeLargerThanAPage(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("name;country;focus\n")
	for i := 0; b.Len() < 6<<20; i++ {
		fmt.Fprintf(&b, "Large File Cluster %d;SE;%s\n", i, strings.Repeat("forest bioeconomy ", 8))
	}
	big := filepath.Join(dir, "big.csv")
	if err := os.WriteFile(big, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if body, err := readFileCapped(big, fileLimit(big, MaxPageBytes)); err != nil || len(body) < 6<<20 {
		t.Fatalf("a %d-byte CSV file: %v", b.Len(), err)
	}
	page := filepath.Join(dir, "big.html")
	if err := os.WriteFile(page, []byte("<html>"+strings.Repeat("x", 6<<20)), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := readFileCapped(page, fileLimit(page, MaxPageBytes))
	if err == nil || !strings.Contains(err.Error(), "file larger than 5 MiB") {
		t.Errorf("a 6 MiB saved page gave %v, want a message about a file larger than 5 MiB", err)
	}
}

// A name of a megabyte is cut to its first 300 characters with a warning; the other rows are untouched.
func TestOverlongFieldsAreCutWithAWarning(t *testing.T) {
	huge := strings.Repeat("Forest ", 150_000)
	body := "name;country;focus\n" + huge + ";SE;wood\nNormal Cluster;SE;" + strings.Repeat("x", 1500) + "\n"
	p, err := Parse("file:///tmp/clusters.csv", []byte(body), "", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Records) != 2 || utf8.RuneCountInString(p.Records[0].Name) > 300 || len([]rune(p.Records[1].Focus)) != 1000 ||
		p.Records[1].Name != "Normal Cluster" {
		t.Fatalf("records: %d, name %d characters, focus %d", len(p.Records), utf8.RuneCountInString(p.Records[0].Name), len([]rune(p.Records[1].Focus)))
	}
	warned := strings.Join(p.Warnings, "\n")
	if !strings.Contains(warned, "the name has 1049999 characters; its first 300 are kept") ||
		!strings.Contains(warned, "Normal Cluster: the focus has 1500 characters; its first 1000 are kept") || len(warned) > 2000 {
		t.Errorf("warnings:\n%.2000s", warned)
	}
}

// A spreadsheet saved by a Czech or Polish Excel (windows-1250) reads as Czech and Polish, not as the Western
// European code page (Plzeò, Wroc³aw); a French or Swedish one (windows-1252) stays Western; a named encoding
// and a named delimiter win over the guess.
func TestSpreadsheetEncodingsAreFoundOut(t *testing.T) {
	cp1250 := func(s string) []byte {
		b, err := charmap.Windows1250.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	cp1252 := func(s string) []byte {
		b, err := charmap.Windows1252.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	for _, tc := range []struct {
		what string
		body []byte
		opts Options
		want []string
	}{
		{"Czech", cp1250("name;country;city\nKlastr Plzeň;CZ;Plzeň\nMoravskoslezský klastr;CZ;Ostrava\n"), Options{}, []string{"Klastr Plzeň", "Moravskoslezský klastr"}},
		{"Polish", cp1250("name;country;city\nKlaster Wrocław;PL;Wrocław\nŚląski Klaster Lotniczy;PL;Katowice\n"), Options{}, []string{"Klaster Wrocław", "Śląski Klaster Lotniczy"}},
		{"French", cp1252("name;country;city\nPôle Végétal;FR;Angers\nCluster Lumière;FR;Lyon\n"), Options{}, []string{"Pôle Végétal", "Cluster Lumière"}},
		{"Swedish", cp1252("name;country;city\nGöteborg Maritima Klustret;SE;Göteborg\nSkåne Food Innovation Network;SE;Lund\n"), Options{}, []string{"Göteborg Maritima Klustret", "Skåne Food Innovation Network"}},
		{"named", cp1250("name|country\nKlastr Plzeň|CZ\n"), Options{Encoding: charmap.Windows1250, Delimiter: '|'}, []string{"Klastr Plzeň"}},
	} {
		p, err := Parse("file:///tmp/clusters.csv", tc.body, "", tc.opts)
		if err != nil {
			t.Fatalf("%s: %v", tc.what, err)
		}
		var got []string
		for _, r := range p.Records {
			got = append(got, r.Name)
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%s: read %q, want %q", tc.what, got, tc.want)
		}
	}
	if _, err := EncodingByName("klingon-8"); err == nil || !strings.Contains(err.Error(), "windows-1250") {
		t.Errorf("an unknown encoding gave %v", err)
	}
	for _, name := range []string{"utf-8", "UTF-16", "windows-1252", "windows-1250", "iso-8859-2", "latin1"} {
		if _, err := EncodingByName(name); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// UTF-16 is read with or without its byte-order mark, little- or big-endian.
func TestUTF16SpreadsheetsWithAndWithoutBOM(t *testing.T) {
	text := "name\tcountry\tcity\nKlastr Plzeň\tCZ\tPlzeň\nGöteborg Maritima Klustret\tSE\tGöteborg\n"
	ascii := "name,country\nPlain Cluster,SE\n" // valid UTF-8 too, a NUL after every letter
	if p, err := Parse("file:///tmp/a.csv", must(unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder().Bytes([]byte(ascii))), "", Options{}); err != nil ||
		len(p.Records) != 1 || p.Records[0].Name != "Plain Cluster" {
		t.Errorf("plain UTF-16 without BOM: %+v %v", p.Records, err)
	}
	for _, enc := range []struct {
		what string
		e    encoding.Encoding
	}{
		{"LE with BOM", unicode.UTF16(unicode.LittleEndian, unicode.UseBOM)},
		{"LE without BOM", unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)},
		{"BE without BOM", unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)},
	} {
		body, err := enc.e.NewEncoder().Bytes([]byte(text))
		if err != nil {
			t.Fatal(err)
		}
		p, err := Parse("file:///tmp/clusters.csv", body, "", Options{})
		if err != nil {
			t.Fatalf("%s: %v", enc.what, err)
		}
		if len(p.Records) != 2 || p.Records[0].Name != "Klastr Plzeň" || p.Records[1].City != "Göteborg" {
			t.Errorf("%s: %+v", enc.what, p.Records)
		}
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}
