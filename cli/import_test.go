package cli

import (
	"bytes"
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

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
	if !regexp.MustCompile(`^added \d+, updated [1-9]\d*, unchanged \d+, skipped 1, failed 0\n$`).MatchString(out) {
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
	if code != 1 || out != "added 0, updated 0, unchanged 0, skipped 0, failed 1\n" || !strings.Contains(errOut, "no such file") {
		t.Errorf("nothing readable: exit %d, %q, %q", code, out, errOut)
	}

	for _, args := range [][]string{{}, {"--max-pages", "0", folder}, {"--country", "Atlantis", folder}, {"--bogus", folder}} {
		if code, _, _ := runImportCmd(t, db, args...); code != 2 {
			t.Errorf("import %v: exit %d, want 2", args, code)
		}
	}
}
