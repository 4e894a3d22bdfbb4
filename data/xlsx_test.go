package data

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// A workbook holds the CSV export's cells (without the apostrophes that keep formulas inert in CSV), with the
// header frozen and filterable, full dates as dates, a month as text and single addresses as links.
func TestExportXLSXHoldsTheCSVCells(t *testing.T) {
	s := openSample(t)
	ctx := context.Background()
	l, _ := s.CreateShortlist(ctx, "Trip", "")
	for _, name := range []string{"GCE Ocean Technology", "Omnipack Cluster", "Eyde Cluster"} {
		c, err := s.FindCluster(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddToShortlist(ctx, l.ID, c.ID, EntryContacted, "=HYPERLINK(\"http://evil\")"); err != nil {
			t.Fatal(err)
		}
		s.AddNote(ctx, c.ID, "-5 degrees; bring a coat")
		if name == "GCE Ocean Technology" {
			if err := s.SetNextStep(ctx, l.ID, c.ID, NextStep{Text: "Send the offer", Due: "2026-12-01"}); err != nil {
				t.Fatal(err)
			}
		}
	}

	var csvBuf, xlsxBuf bytes.Buffer
	if err := s.ExportShortlist(ctx, l.ID, &csvBuf, CSVSemicolon); err != nil {
		t.Fatal(err)
	}
	if err := s.ExportShortlist(ctx, l.ID, &xlsxBuf, XLSX); err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(csvBuf.Bytes(), []byte("\uFEFF"))))
	r.Comma = ';'
	want, err := r.ReadAll()
	if err != nil || len(want) != 4 {
		t.Fatalf("CSV: %d rows, %v", len(want), err)
	}
	f, err := excelize.OpenReader(&xlsxBuf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if sheets := f.GetSheetList(); len(sheets) != 1 || sheets[0] != XLSXSheet {
		t.Fatalf("sheets %v", sheets)
	}
	got, err := f.GetRows(XLSXSheet)
	if err != nil || len(got) != len(want) {
		t.Fatalf("workbook: %d rows, %v; want %d", len(got), err, len(want))
	}
	col := map[string]int{}
	for i, name := range ExportColumns {
		col[name] = i
	}
	cell := func(name string, row int) string {
		c, _ := excelize.CoordinatesToCellName(col[name]+1, row+1)
		return c
	}
	apostrophes := 0
	for r := range want {
		for i, w := range want[r] {
			if strings.HasPrefix(w, "'") {
				w = w[1:] // the CSV's guard against formulas; a workbook's text cell needs none
				apostrophes++
			}
			c, _ := excelize.CoordinatesToCellName(i+1, r+1)
			if g, _ := f.GetCellValue(XLSXSheet, c); g != w {
				t.Errorf("%s (%s, row %d) = %q, want %q", c, ExportColumns[i], r, g, w)
			}
			if formula, _ := f.GetCellFormula(XLSXSheet, c); formula != "" {
				t.Errorf("%s holds the formula %q", c, formula)
			}
		}
	}
	if apostrophes != 3 { // each row's contact person
		t.Errorf("the CSV put %d apostrophes; the test meant to compare formula-like cells", apostrophes)
	}
	byName := map[string]int{}
	for r, row := range want {
		byName[row[0]] = r
	}

	panes, err := f.GetPanes(XLSXSheet)
	if err != nil || !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
		t.Errorf("panes %+v, %v; want the header row frozen", panes, err)
	}
	last, _ := excelize.ColumnNumberToName(len(ExportColumns))
	if filter, want := autoFilterRef(f), "A1:"+last+"4"; filter != want {
		t.Errorf("autofilter %q, want %s (every column)", filter, want)
	}

	omnipack, eyde, gce := byName["Omnipack Cluster"], byName["Eyde Cluster"], byName["GCE Ocean Technology"]
	for _, c := range []string{cell("label_valid_until", omnipack), cell("label_read_at", gce),
		cell("next_step_due", gce), cell("last_activity", eyde)} {
		if !isDateCell(t, f, c) {
			t.Errorf("%s is not a date", c)
		}
	}
	month := cell("label_valid_until", eyde)
	if v, _ := f.GetCellValue(XLSXSheet, month); v != "2021-12" || isDateCell(t, f, month) {
		t.Errorf("a month-only validity %s is %q, want the text 2021-12", month, v)
	}
	website := cell("website", gce)
	if ok, link, err := f.GetCellHyperLink(XLSXSheet, website); !ok || link != "https://www.gceocean.no" || err != nil {
		t.Errorf("website %s links to %q (%v, %v)", website, link, ok, err)
	}
	sources := cell("sources", gce) // two addresses: one link would be wrong for one of them
	if ok, _, _ := f.GetCellHyperLink(XLSXSheet, sources); ok {
		t.Errorf("sources %s of two addresses is a link", sources)
	}
	for i, name := range ExportColumns {
		c, _ := excelize.ColumnNumberToName(i + 1)
		if w, _ := f.GetColWidth(XLSXSheet, c); w < 10 || w > 60 {
			t.Errorf("column %s is %.1f wide", name, w)
		}
	}
}

// isDateCell tells whether c holds a number shown with a date format.
func isDateCell(t *testing.T, f *excelize.File, c string) bool {
	t.Helper()
	raw, err := f.GetCellValue(XLSXSheet, c, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	typ, _ := f.GetCellType(XLSXSheet, c)
	id, _ := f.GetCellStyle(XLSXSheet, c)
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	return typ == excelize.CellTypeUnset && raw != "" && strings.Trim(raw, "0123456789.") == "" &&
		st.CustomNumFmt != nil && *st.CustomNumFmt == "yyyy-mm-dd"
}

// autoFilterRef is the range of the sheet's autofilter: excelize has no getter for it, but Excel's hidden
// name _xlnm._FilterDatabase, which AutoFilter writes beside it, says it.
func autoFilterRef(f *excelize.File) string {
	for _, n := range f.GetDefinedName() {
		if n.Name == "_xlnm._FilterDatabase" {
			return strings.ReplaceAll(n.RefersTo[strings.LastIndex(n.RefersTo, "!")+1:], "$", "")
		}
	}
	return ""
}
