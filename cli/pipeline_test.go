package cli

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// The pipeline from the command line: people, a next step, follow-ups, e-mails and the log, each round trip
// read back the way a user would, and bad input refused with one line that changes nothing.
func TestPipelineRoundTrips(t *testing.T) {
	db := catalogue(t)
	const fb = "Food & Bio Cluster Denmark"
	for _, args := range [][]string{
		{"shortlist", "new", "Trip"},
		{"shortlist", "add", "Trip", fb, "--status", "contacted"},
	} {
		if code, _, errOut := run(t, db, args...); code != 0 {
			t.Fatalf("%v: %s", args, errOut)
		}
	}
	code, out, errOut := run(t, db, "shortlist", "contact", "add", "Trip", "Food & Bio", "--name", "Anna Hansen",
		"--role", "Cluster manager", "--email", "anna@foodbio.dk", "--phone", "+45 1234")
	if code != 0 || !strings.Contains(out, "added contact person 1 to "+fb+` on "Trip": Anna Hansen (Cluster manager) <anna@foodbio.dk> +45 1234`) {
		t.Fatalf("contact add: exit %d, %q %q", code, out, errOut)
	}
	if code, _, errOut := run(t, db, "shortlist", "contact", "add", "Trip", fb, "--email", "lars@foodbio.dk"); code != 0 {
		t.Fatal(errOut)
	}
	for _, bad := range [][]string{
		{"--name", "Lars", "--email", "lars(at)foodbio.dk"},
		{"--role", "CEO"},
	} {
		code, _, errOut := run(t, db, append([]string{"shortlist", "contact", "add", "Trip", fb}, bad...)...)
		if code != 1 || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "e-mail") {
			t.Errorf("contact add %v: exit %d, %q; want one line about the e-mail", bad, code, errOut)
		}
	}
	code, out, _ = run(t, db, "shortlist", "contacts", "Trip", fb)
	if want := "#1  Anna Hansen (Cluster manager) <anna@foodbio.dk> +45 1234\n#2  <lars@foodbio.dk>\n"; code != 0 || !strings.HasPrefix(out, want) {
		t.Errorf("contacts: %q, want it to start %q (the refused ones not there)", out, want)
	}

	due := time.Now().AddDate(0, 0, 3).Format(time.DateOnly)
	if code, _, errOut := run(t, db, "shortlist", "next", "Trip", fb, "--due", "2026-02-30", "Send", "the", "offer"); code != 1 ||
		!strings.Contains(errOut, `"2026-02-30" is not a date; write it as YYYY-MM-DD`) {
		t.Errorf("an impossible date: exit %d, %q", code, errOut)
	}
	code, out, errOut = run(t, db, "shortlist", "next", "Trip", fb, "--due", due, "Send", "the", "offer")
	if code != 0 || !strings.Contains(out, "next: Send the offer (due "+due+")") {
		t.Fatalf("next: exit %d, %q %q", code, out, errOut)
	}
	code, out, _ = run(t, db, "followups")
	if code != 0 || !strings.Contains(out, due) || !strings.Contains(out, "Trip") || !strings.Contains(out, "Send the offer") ||
		!strings.Contains(out, "Anna Hansen") {
		t.Errorf("followups: exit %d, %q", code, out)
	}
	if code, out, errOut := run(t, db, "followups", "--within", "1"); code != 0 || out != "" || !strings.Contains(errOut, "no next steps due within 1 days") {
		t.Errorf("followups --within 1: exit %d, %q %q; the step is due in 3 days", code, out, errOut)
	}
	if code, _, _ := run(t, db, "followups", "--within", "-1"); code != 2 {
		t.Errorf("a negative window: exit %d, want 2", code)
	}

	code, out, _ = run(t, db, "show", fb, "--format", "json")
	var c clusterJSON
	if err := json.Unmarshal([]byte(out), &c); code != 0 || err != nil || len(c.Shortlists) != 1 {
		t.Fatalf("show --format json: exit %d, %v, %s", code, err, out)
	}
	if m := c.Shortlists[0]; len(m.People) != 2 || m.People[0].Email != "anna@foodbio.dk" || m.People[0].Role != "Cluster manager" ||
		m.People[1].ID != 2 || m.NextStep != "Send the offer" || m.NextStepDue != due {
		t.Errorf("show's shortlist: %+v", m)
	}
	if _, out, _ := run(t, db, "show", fb); !strings.Contains(out, "Trip: contacted, next: Send the offer (due "+due+")") ||
		!strings.Contains(out, "#1  Anna Hansen (Cluster manager)") {
		t.Errorf("show: %s", out)
	}

	if code, _, errOut := run(t, db, "shortlist", "contact", "add", "Trip", fb, "--name", "Anna", "--email", "ANNA@foodbio.dk"); code != 0 {
		t.Fatal(errOut)
	}
	code, out, _ = run(t, db, "shortlist", "emails", "Trip")
	if lines := strings.Split(strings.TrimSpace(out), "\n"); code != 0 || len(lines) < 2 || lines[0] != "anna@foodbio.dk" ||
		lines[1] != "lars@foodbio.dk" || strings.Count(strings.ToLower(out), "anna@foodbio.dk") != 1 {
		t.Errorf("emails: %q; want one address a line, each once", out)
	}

	code, out, _ = run(t, db, "shortlist", "contact", "remove", "#3")
	if code != 0 || out != "removed contact person 3: Anna <ANNA@foodbio.dk>\n" {
		t.Errorf("contact remove: exit %d, %q", code, out)
	}
	if code, _, errOut := run(t, db, "shortlist", "contact", "remove", "3"); code != 1 || !strings.Contains(errOut, "'shortlist contacts NAME CLUSTER'") {
		t.Errorf("removing twice: exit %d, %q", code, errOut)
	}

	// Removing the entry prints all that went with it.
	code, out, _ = run(t, db, "shortlist", "remove", "Trip", fb)
	if code != 0 || !strings.Contains(out, "contact person: Anna Hansen (Cluster manager) <anna@foodbio.dk> +45 1234") ||
		!strings.Contains(out, "next: Send the offer") || !strings.Contains(out, "(it was contacted)") {
		t.Errorf("remove: exit %d, %q", code, out)
	}
}

func TestShortlistLogFromTheCommandLine(t *testing.T) {
	db := catalogue(t)
	if code, _, errOut := run(t, db, "shortlist", "new", "Trip"); code != 0 {
		t.Fatal(errOut)
	}
	if code, _, errOut := run(t, db, "shortlist", "log", "Trip"); code != 0 || !strings.Contains(errOut, "is empty") {
		t.Errorf("an empty log: exit %d, %q", code, errOut)
	}
	code, out, errOut := run(t, db, "shortlist", "log", "add", "Trip", "Agreed", "on", "a", "joint", "call")
	if code != 0 || !strings.Contains(out, `logged for "Trip"`) || !strings.Contains(out, "(log entry 1)") {
		t.Fatalf("log add: exit %d, %q %q", code, out, errOut)
	}
	run(t, db, "shortlist", "log", "add", "Trip", "Call postponed")
	if code, out, _ := run(t, db, "shortlist", "log", "edit", "1", "Agreed on a joint Interreg call"); code != 0 || !strings.Contains(out, "log entry 1 changed") {
		t.Errorf("log edit: exit %d, %q", code, out)
	}
	code, out, _ = run(t, db, "shortlist", "log", "Trip")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != 2 || !strings.HasPrefix(lines[0], "#2  ") || !strings.Contains(lines[1], "Agreed on a joint Interreg call  (edited ") {
		t.Errorf("log: %q; want newest first, the edit marked", out)
	}
	if code, out, _ := run(t, db, "shortlist", "log", "delete", "2"); code != 0 || out != "log entry 2 deleted; it read: Call postponed\n" {
		t.Errorf("log delete: exit %d, %q", code, out)
	}
	if code, _, errOut := run(t, db, "shortlist", "log", "edit", "2", "again"); code != 1 || !strings.Contains(errOut, "'shortlist log NAME' lists") {
		t.Errorf("editing a deleted entry: exit %d, %q", code, errOut)
	}
	if code, _, errOut := run(t, db, "shortlist", "log", "edit", "1", " "); code != 1 || !strings.Contains(errOut, "or delete the entry") {
		t.Errorf("editing to nothing: exit %d, %q", code, errOut)
	}
	if code, _, _ := run(t, db, "shortlist", "log", "add", "Nowhere", "x"); code != 1 {
		t.Errorf("a missing list's log: exit %d", code)
	}
}
