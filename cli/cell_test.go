package cli

import (
	"strings"
	"testing"
	"unicode/utf8"
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
