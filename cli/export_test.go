package cli

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"clusterbridge/data"
)

func TestExportWritesAWorkbook(t *testing.T) {
	db := catalogue(t)
	run(t, db, "shortlist", "new", "Biogas partners")
	if code, _, errOut := run(t, db, "shortlist", "add", "Biogas partners", "GCE Ocean Technology", "--status", "contacted"); code != 0 {
		t.Fatal(errOut)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "biogas.xlsx")
	code, out, errOut := run(t, db, "export", "Biogas partners", "--format", "xlsx", "--out", file)
	if code != 0 || out != "" || !strings.Contains(errOut, file) {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	rows := workbookRows(t, file)
	status := slices.Index(data.ExportColumns, "status")
	if len(rows) != 2 || !slices.Equal(rows[0], data.ExportColumns) || rows[1][0] != "GCE Ocean Technology" || rows[1][status] != "contacted" {
		t.Errorf("workbook rows %q", rows)
	}
	if files, _ := os.ReadDir(dir); len(files) != 1 {
		t.Errorf("the folder holds %d files, want the workbook alone (no temporary file left)", len(files))
	}

	list := filepath.Join(dir, "norway.xlsx")
	if code, _, errOut := run(t, db, "list", "--country", "NO", "--format", "xlsx", "--out", list); code != 0 {
		t.Fatal(errOut)
	}
	if rows := workbookRows(t, list); len(rows) != 35 { // the sample's 34 Norwegian clusters and the header
		t.Errorf("list --format xlsx: %d rows, want 35", len(rows))
	}
}

func workbookRows(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(data.XLSXSheet)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}
