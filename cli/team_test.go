package cli

import (
	"strings"
	"testing"

	"clusterbridge/internal/pgtest"
)

// The command line works on a team catalogue as on a file: the first opening fills it with the sample, a
// shortlist and a note are kept and shown; check says it answers, and restore says whose job that is.
func TestTheCommandLineOnATeamCatalogue(t *testing.T) {
	db := pgtest.NewDatabase(t)
	steps := [][]string{
		{"shortlist", "new", "Water partners"},
		{"shortlist", "add", "Water partners", "Automation Småland", "--status", "contacted"},
		{"note", "Automation Småland", "Met them in Jönköping"},
	}
	for _, args := range steps {
		if code, _, errOut := run(t, db, args...); code != 0 {
			t.Fatalf("%s: exit %d, %s", strings.Join(args, " "), code, errOut)
		}
	}
	code, out, errOut := run(t, db, "show", "Automation Småland")
	if code != 0 || !strings.Contains(out, "Met them in Jönköping") || !strings.Contains(out, "Water partners") {
		t.Errorf("show on the team catalogue: exit %d, %q %q", code, out, errOut)
	}
	code, out, errOut = run(t, db, "check")
	if code != 0 || !strings.Contains(out, "answers") || !strings.Contains(out, "248 clusters") {
		t.Errorf("check on the team catalogue: exit %d, %q %q", code, out, errOut)
	}
	for _, args := range [][]string{{"restore", "--list"}, {"restore"}} {
		code, _, errOut = run(t, db, args...)
		if code != 1 || !strings.Contains(errOut, "administrator") || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%s on the team catalogue: exit %d, %q", strings.Join(args, " "), code, errOut)
		}
	}
}

// A team catalogue's server that nobody answers at gets one line naming it and what to do, from any command.
func TestAnUnreachableTeamCatalogue(t *testing.T) {
	// Port 1 on loopback: nothing listens there.
	db := "postgres://anna:secret@127.0.0.1:1/clusters?sslmode=disable&connect_timeout=5"
	for _, args := range [][]string{{"list"}, {"check"}} {
		code, _, errOut := run(t, db, args...)
		if code != 1 || !strings.Contains(errOut, "cannot reach postgres://anna:xxxxx@127.0.0.1:1/clusters") ||
			strings.Contains(errOut, "secret") || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%s: exit %d, %q", args[0], code, errOut)
		}
	}
}

// team push brings a laptop catalogue into a team catalogue and says what it did; a second push adds
// nothing; team copy writes a file that reads offline and refuses changes.
func TestTeamPushAndCopyOnTheCommandLine(t *testing.T) {
	t.Setenv("CLUSTERBRIDGE_NAME", "Anna Berg")
	laptop, team := catalogue(t), pgtest.NewDatabase(t)
	for _, args := range [][]string{
		{"shortlist", "new", "Water partners"},
		{"shortlist", "add", "Water partners", "Automation Småland", "--status", "meeting", "--contact", "Eva Lind"},
		{"note", "Automation Småland", "Met them in Jönköping"},
	} {
		if code, _, errOut := run(t, laptop, args...); code != 0 {
			t.Fatalf("%s: exit %d, %s", strings.Join(args, " "), code, errOut)
		}
	}
	code, out, errOut := run(t, laptop, "team", "push", "--to", team)
	if code != 0 || !strings.Contains(out, "248 added") || !strings.Contains(out, "entries: 1 added") ||
		!strings.Contains(out, "notes: 1") || !strings.Contains(out, "as Anna Berg") {
		t.Fatalf("team push: exit %d, %q %q", code, out, errOut)
	}
	if code, out, _ = run(t, laptop, "team", "push", "--to", team); code != 0 || !strings.Contains(out, "0 added, 0 updated") ||
		!strings.Contains(out, "entries: 0 added, 0 combined") || !strings.Contains(out, "notes: 0") {
		t.Errorf("a second push: exit %d, %q", code, out)
	}
	travel := catalogue(t)
	if code, out, errOut = run(t, team, "team", "copy", "--to", travel); code != 0 || !strings.Contains(out, "248 clusters") {
		t.Fatalf("team copy: exit %d, %q %q", code, out, errOut)
	}
	code, out, _ = run(t, travel, "show", "Automation Småland")
	if code != 0 || !strings.Contains(out, "Met them in Jönköping") || !strings.Contains(out, "Anna Berg") || !strings.Contains(out, "Eva Lind") {
		t.Errorf("the copy shows: exit %d, %q", code, out)
	}
	code, _, errOut = run(t, travel, "note", "Automation Småland", "typed on the train")
	if code != 1 || !strings.Contains(errOut, "read-only copy of the team catalogue") || strings.Count(errOut, "\n") != 1 {
		t.Errorf("a note on the copy: exit %d, %q", code, errOut)
	}
	if code, _, errOut = run(t, team, "team", "copy", "--to", laptop); code != 1 || !strings.Contains(errOut, "not a team copy") {
		t.Errorf("a copy over the laptop's catalogue: exit %d, %q", code, errOut)
	}
	if code, _, errOut = run(t, laptop, "team", "push"); code != 2 || !strings.Contains(errOut, "needs --to") {
		t.Errorf("team push without --to: exit %d, %q", code, errOut)
	}
}
