package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"clusterbridge/data"
)

// exportFormat is the data.Format of a --format (csv or xlsx) and --delimiter already checked. A workbook is
// no text for a terminal, so xlsx needs --out.
func exportFormat(format, delim, out string) (data.Format, error) {
	switch {
	case format == "xlsx" && out == "":
		return 0, usagef("--format xlsx writes an Excel workbook, not text: add --out FILE")
	case format == "xlsx":
		return data.XLSX, nil
	case delim == ",":
		return data.CSVComma, nil
	}
	return data.CSVSemicolon, nil
}

// writeFileAtomically writes to a temporary file beside path and renames it into place, so that a failed
// export never leaves half a file behind.
func writeFileAtomically(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".export-*"+filepath.Ext(path))
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	tmp.Chmod(0o644)            // CreateTemp makes files only the owner can read; an export is for sharing
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	return nil
}

// maxCell is the widest a table column may grow: a name of a megabyte in the catalogue must not pad every line
// of a table to a megabyte.
const maxCell = 60

// cell is s for a table column: on one line, and cut to maxCell characters with "…".
func cell(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > maxCell {
		return string(r[:maxCell-1]) + "…"
	}
	return s
}
