package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// A table column never grows past maxCell characters, whatever a name holds, and stays on one line.
func TestTableCellsAreCut(t *testing.T) {
	if got := cell("Food & Bio Cluster Denmark"); got != "Food & Bio Cluster Denmark" {
		t.Errorf("a short name became %q", got)
	}
	got := cell(strings.Repeat("Forest\t", 200_000))
	if utf8.RuneCountInString(got) != maxCell || !strings.HasSuffix(got, "…") || strings.ContainsAny(got, "\t\n") {
		t.Errorf("a huge name became %d characters: %.80q", utf8.RuneCountInString(got), got)
	}
}

// A Czech spreadsheet with pipes imports with its letters when the user names the encoding and delimiter, and a
// flag the program cannot use is refused in one line that says what it takes.
func TestImportEncodingAndDelimiterFlags(t *testing.T) {
	db := catalogue(t)
	file := filepath.Join(t.TempDir(), "cz.csv")
	body, _ := charmap.Windows1250.NewEncoder().Bytes([]byte("name|country|city\nKlastr Plzeň Strojírenství|CZ|Plzeň\n"))
	if err := os.WriteFile(file, body, 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := run(t, db, "import", "--encoding", "klingon-8", file); code != 2 || !strings.Contains(errOut, "windows-1250") {
		t.Errorf("--encoding klingon-8: exit %d, %q", code, errOut)
	}
	if code, _, errOut := run(t, db, "import", "--delimiter", "x", file); code != 2 || !strings.Contains(errOut, "give , ; tab or |") {
		t.Errorf("--delimiter x: exit %d, %q", code, errOut)
	}
	if code, out, errOut := run(t, db, "import", "--encoding", "windows-1250", "--delimiter", "|", file); code != 0 || !strings.Contains(out, "added 1") {
		t.Fatalf("import: exit %d, %q %q", code, out, errOut)
	}
	if _, out, _ := run(t, db, "show", "Klastr Plzeň"); !strings.Contains(out, "Plzeň") {
		t.Errorf("show: %q", out)
	}
}
