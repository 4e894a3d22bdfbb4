package data

import (
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// XLSXSheet is the name of the one sheet of a workbook export.
const XLSXSheet = "Clusters"

// Columns that a workbook writes as something other than text.
var (
	xlsxDateColumns   = []string{"label_valid_until", "label_read_at", "next_step_due", "last_activity"}
	xlsxNumberColumns = []string{"label_year"}
	xlsxLinkColumns   = []string{"label_source", "website", "sources"}
)

// Excel refuses a hyperlink longer than this; such a cell stays plain text.
const xlsxMaxLink = 2079

// WriteXLSX writes entries as an Excel workbook with the cells of WriteCSV: the header row frozen and
// filterable, full dates (not a month such as "2026-09") as dates, a cell holding one web address as a
// hyperlink, and every other cell as a text value, so that nothing in it can run as a formula.
func WriteXLSX(w io.Writer, entries []Entry, today time.Time) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName(f.GetSheetName(0), XLSXSheet); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	dateFormat := "yyyy-mm-dd" // the CSV's form, read the same in every locale
	date, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFormat})
	if err != nil {
		return err
	}
	link, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Color: "0563C1", Underline: "single"}})
	if err != nil {
		return err
	}

	widths := make([]int, len(ExportColumns))
	for i, name := range ExportColumns {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		if err := f.SetCellStr(XLSXSheet, cell, name); err != nil {
			return err
		}
		widths[i] = len(name)
	}
	rows := exportRows(entries, today)
	for r, row := range rows {
		for i, v := range row {
			widths[i] = max(widths[i], utf8.RuneCountInString(v))
			if v == "" {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(i+1, r+2)
			if err := writeXLSXCell(f, cell, ExportColumns[i], v, date, link); err != nil {
				return err
			}
		}
	}

	last, _ := excelize.CoordinatesToCellName(len(ExportColumns), 1)
	if err := f.SetCellStyle(XLSXSheet, "A1", last, bold); err != nil {
		return err
	}
	for i, wd := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		// Room for the longest cell and the filter button, but no column wider than a screen's third.
		if err := f.SetColWidth(XLSXSheet, col, col, float64(min(max(wd+3, 10), 60))); err != nil {
			return err
		}
	}
	if err := f.SetPanes(XLSXSheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	end, _ := excelize.CoordinatesToCellName(len(ExportColumns), len(rows)+1)
	if err := f.AutoFilter(XLSXSheet, "A1:"+end, nil); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

// writeXLSXCell writes one non-empty cell of column col.
func writeXLSXCell(f *excelize.File, cell, col, v string, date, link int) error {
	switch {
	case slices.Contains(xlsxDateColumns, col):
		if d, err := time.Parse(time.DateOnly, v); err == nil {
			if err := f.SetCellValue(XLSXSheet, cell, d); err != nil {
				return err
			}
			return f.SetCellStyle(XLSXSheet, cell, cell, date)
		}
	case slices.Contains(xlsxNumberColumns, col):
		if n, err := strconv.Atoi(v); err == nil {
			return f.SetCellInt(XLSXSheet, cell, int64(n))
		}
	case slices.Contains(xlsxLinkColumns, col) && isOneWebAddress(v):
		if err := f.SetCellStr(XLSXSheet, cell, v); err != nil {
			return err
		}
		if err := f.SetCellHyperLink(XLSXSheet, cell, v, "External"); err != nil {
			return err
		}
		return f.SetCellStyle(XLSXSheet, cell, cell, link)
	}
	return f.SetCellStr(XLSXSheet, cell, v)
}

// isOneWebAddress tells whether v is a single http(s) address that Excel can link to, not a list of them.
func isOneWebAddress(v string) bool {
	lower := strings.ToLower(v)
	return (strings.HasPrefix(lower, "https://") || strings.HasPrefix(lower, "http://")) &&
		!strings.ContainsAny(v, " \t\r\n|") && len(v) <= xlsxMaxLink
}
