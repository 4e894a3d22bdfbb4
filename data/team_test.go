package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// adminSQL is what a team's administrator runs once the catalogue's owner has opened it (which creates the
// tables): the advisors' group may read and change the catalogue's rows, and no more. The README gives it.
const adminSQL = `GRANT USAGE ON SCHEMA public TO %[1]s;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %[1]s;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO %[1]s;`

// teamOf makes a team catalogue with an advisors' group and one login role per name, each granted only what
// adminSQL grants; it returns each advisor's address.
func teamOf(t *testing.T, names ...string) (owner string, advisors map[string]string) {
	t.Helper()
	owner = newTestDatabase(t)
	s, err := Open(context.Background(), owner)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	db, err := sql.Open(pgDriverName, owner)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	u, _ := url.Parse(owner)
	suffix := strings.TrimPrefix(strings.TrimPrefix(u.Path, "/"), "cb_test_")
	group := "advisors_" + suffix
	stmts := []string{`CREATE ROLE ` + group + ` NOLOGIN`, `REVOKE CREATE ON SCHEMA public FROM PUBLIC`}
	advisors = map[string]string{}
	for _, n := range names {
		role := n + "_" + suffix
		stmts = append(stmts, `CREATE ROLE `+role+` LOGIN PASSWORD 'pw-`+role+`' IN ROLE `+group)
		a := *u
		a.User = url.UserPassword(role, "pw-"+role)
		advisors[n] = a.String()
	}
	stmts = append(stmts, fmt.Sprintf(adminSQL, group))
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	t.Cleanup(func() {
		admin, err := sql.Open(pgDriverName, testServer(t))
		if err != nil {
			return
		}
		defer admin.Close()
		admin.Exec(`DROP DATABASE IF EXISTS ` + strings.TrimPrefix(u.Path, "/") + ` WITH (FORCE)`)
		for _, n := range names {
			admin.Exec(`DROP ROLE IF EXISTS ` + n + "_" + suffix)
		}
		admin.Exec(`DROP ROLE IF EXISTS ` + group)
	})
	return owner, advisors
}

// A change made on an entry as it was before a colleague's change is refused with the entry as it is now;
// nothing of either is lost.
func TestStaleStatusChangeIsRefusedWithTheFreshValue(t *testing.T) {
	eachStore(t, func(t *testing.T, place string) {
		ctx := context.Background()
		anna := openAs(t, place, "Anna Berg")
		lars := openAs(t, place, "Lars Ek")
		if err := anna.AddClusters(ctx, []Cluster{{Name: "Nordic Water Cluster", Country: "SE"}}); err != nil {
			t.Fatal(err)
		}
		c, _ := anna.FindCluster(ctx, "Nordic Water Cluster")
		l, err := anna.CreateShortlist(ctx, "Water trip", "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := anna.AddToShortlist(ctx, l.ID, c.ID, EntryCandidate, ""); err != nil {
			t.Fatal(err)
		}
		seen := entryOn(t, lars, l.ID, c.ID) // both look at the candidate
		if seen.AddedBy != "Anna Berg" {
			t.Errorf("the entry was added by %q", seen.AddedBy)
		}
		if err := anna.SetEntryStatusSeen(ctx, l.ID, c.ID, EntryContacted, seen.Version); err != nil {
			t.Fatal(err)
		}
		err = lars.SetEntryStatusSeen(ctx, l.ID, c.ID, EntryDeclined, seen.Version)
		var stale *StaleEntryError
		if !errors.As(err, &stale) || !errors.Is(err, ErrStale) {
			t.Fatalf("a change on a stale entry: %v", err)
		}
		if stale.Fresh.Status != EntryContacted || stale.Fresh.ChangedBy != "Anna Berg" ||
			!strings.Contains(err.Error(), "Anna Berg") || strings.Contains(err.Error(), "\n") {
			t.Errorf("the refusal shows %s by %q: %q", stale.Fresh.Status, stale.Fresh.ChangedBy, err)
		}
		if now := entryOn(t, anna, l.ID, c.ID); now.Status != EntryContacted {
			t.Errorf("the entry is %s after the refused change", now.Status)
		}
		if err := lars.SetEntryStatusSeen(ctx, l.ID, c.ID, EntryMeeting, stale.Fresh.Version); err != nil {
			t.Errorf("a change on the fresh entry is refused: %v", err)
		}
	})
}

// Two advisors, each with their own role and only the grants of the README, add notes and change statuses on
// one shortlist at the same time: nothing is lost, and every note and change carries its author.
func TestTwoAdvisorsAtOnce(t *testing.T) {
	owner, advisors := teamOf(t, "anna", "lars")
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	setup, err := Open(ctx, owner)
	if err != nil {
		t.Fatal(err)
	}
	defer setup.Close()
	const clusters = 10
	var cs []Cluster
	for i := range clusters {
		cs = append(cs, Cluster{Name: fmt.Sprintf("Cluster %02d", i), Country: "SE"})
	}
	if err := setup.AddClusters(ctx, cs); err != nil {
		t.Fatal(err)
	}
	l, err := setup.CreateShortlist(ctx, "Joint bid", "")
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]int64, clusters)
	for i := range clusters {
		c, err := setup.FindCluster(ctx, cs[i].Name)
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = c.ID
		if _, err := setup.AddToShortlist(ctx, l.ID, c.ID, EntryCandidate, ""); err != nil {
			t.Fatal(err)
		}
	}
	const notesEach, changesEach = 120, 60
	statuses := []EntryStatus{EntryContacted, EntryMeeting, EntryPartner, EntryDeclined, EntryCandidate}
	var wg sync.WaitGroup
	errs := make(chan error, 2*(notesEach+changesEach))
	stores := map[string]*Store{}
	for name, place := range advisors {
		s, err := Open(ctx, place)
		if err != nil {
			t.Fatalf("%s cannot open the team catalogue with the README's grants: %v", name, err)
		}
		defer s.Close()
		stores[name] = s
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range notesEach + changesEach {
				var err error
				if i%3 == 2 && i/3 < changesEach {
					err = s.SetEntryStatus(ctx, l.ID, ids[i%clusters], statuses[i%len(statuses)])
				} else {
					_, err = s.AddNote(ctx, ids[i%clusters], fmt.Sprintf("%s's note %d", name, i))
				}
				if err != nil {
					errs <- fmt.Errorf("%s, step %d: %w", name, i, err)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	byAuthor := map[string]int{}
	total := 0
	for _, id := range ids {
		c, err := setup.Cluster(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range c.Notes {
			byAuthor[n.Author]++
			total++
			if !strings.HasPrefix(n.Text, strings.Split(n.Author, "_")[0]+"'s note") {
				t.Errorf("%q is signed by %s", n.Text, n.Author)
			}
		}
	}
	written := 0
	for i := range notesEach + changesEach {
		if !(i%3 == 2 && i/3 < changesEach) {
			written++
		}
	}
	for name := range advisors {
		role := stores[name].Author()
		if byAuthor[role] != written {
			t.Errorf("%s's notes: %d kept of %d written", role, byAuthor[role], written)
		}
	}
	if total != 2*written {
		t.Errorf("%d notes in all, want %d", total, 2*written)
	}
	entries, err := setup.Entries(ctx, l.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Status != EntryCandidate && e.ChangedBy != stores["anna"].Author() && e.ChangedBy != stores["lars"].Author() {
			t.Errorf("%s is %s, changed by %q", e.Cluster.Name, e.Status, e.ChangedBy)
		}
	}
}

// entryOn reads one entry of a shortlist.
func entryOn(t *testing.T, s *Store, listID, clusterID int64) Entry {
	t.Helper()
	es, err := s.Entries(context.Background(), listID)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		if e.Cluster.ID == clusterID {
			return e
		}
	}
	t.Fatalf("cluster %d is not on shortlist %d", clusterID, listID)
	return Entry{}
}

// A second open window hears of the first's change within seconds, and not of its own.
func TestAnotherWindowIsToldOfAChange(t *testing.T) {
	place := newTestDatabase(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	first, err := Open(ctx, place, WithAuthor("Anna Berg"))
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	second, err := Open(ctx, place, WithAuthor("Lars Ek"))
	if err != nil {
		t.Fatal(err)
	}
	defer second.Close()
	if err := first.AddClusters(ctx, []Cluster{{Name: "Nordic Water Cluster", Country: "SE"}}); err != nil {
		t.Fatal(err)
	}
	c, _ := first.FindCluster(ctx, "Nordic Water Cluster")
	heard := second.Changes(ctx)
	own := first.Changes(ctx)
	time.Sleep(500 * time.Millisecond) // both listening
	if _, err := first.AddNote(ctx, c.ID, "Call on Thursday."); err != nil {
		t.Fatal(err)
	}
	select {
	case <-heard:
	case <-time.After(10 * time.Second):
		t.Fatal("the second window was not told of the note within 10 seconds")
	}
	select {
	case <-own:
		t.Error("the first window was told of its own note")
	case <-time.After(time.Second):
	}
}

// A team catalogue's opening check makes no backup file (its administrator keeps backups on the server), and
// a restore or a list of backups asked of it says so in one line without the password, changing nothing.
func TestTeamCatalogueLeavesBackupsToItsServer(t *testing.T) {
	ctx := context.Background()
	_, advisors := teamOf(t, "anna")
	s, err := Open(ctx, advisors["anna"], DeferCheck())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !s.Team() {
		t.Fatal("a postgres:// address opened as a file")
	}
	if err := s.AddClusters(ctx, []Cluster{{Name: "Nordic Water Cluster", Country: "SE"}}); err != nil {
		t.Fatal(err)
	}
	op, err := s.Verify(ctx)
	if err != nil || !op.Health.Whole() || op.Backup != "" || op.BackupErr != nil {
		t.Fatalf("the opening check of a team catalogue: %+v, %v", op, err)
	}
	_, restoreErr := s.Restore(ctx, "2026-11-23")
	_, listErr := Backups(advisors["anna"])
	for what, err := range map[string]error{"restore": restoreErr, "backups": listErr} {
		if !errors.Is(err, ErrServerKept) || !strings.Contains(err.Error(), "administrator") {
			t.Errorf("%s on a team catalogue: %v", what, err)
		}
		if err != nil && (strings.Contains(err.Error(), "pw-anna") || strings.Contains(err.Error(), "\n")) {
			t.Errorf("%s says %q", what, err)
		}
	}
	if n, _ := s.Count(ctx); n != 1 {
		t.Errorf("the catalogue holds %d clusters after the refusals, want 1", n)
	}
}

// sslmode=verify-full works against a server whose certificate the given CA signed for the host addressed; a
// server that cannot prove it is that host (an authority this computer does not trust, a certificate for
// another name) is refused in one line that says what to check, with no password in it.
func TestTeamCatalogueOverVerifiedTLS(t *testing.T) {
	ca := os.Getenv("CLUSTERBRIDGE_TEST_PG_CA")
	if ca == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("CLUSTERBRIDGE_TEST_PG_CA is not set: run the tests through scripts/with-postgres.sh (make test does)")
		}
		t.Skip("no TLS on the test server: run through scripts/with-postgres.sh")
	}
	ctx := context.Background()
	plain, err := url.Parse(newTestDatabase(t))
	if err != nil {
		t.Fatal(err)
	}
	address := func(host, query string) string {
		u := *plain
		u.Host = host + ":" + plain.Port()
		u.User = url.UserPassword(plain.User.Username(), "not-needed")
		u.RawQuery = query
		return u.String()
	}
	s, err := Open(ctx, address("localhost", "sslmode=verify-full&sslrootcert="+url.QueryEscape(ca)))
	if err != nil {
		t.Fatalf("verify-full with the CA: %v", err)
	}
	var encrypted bool
	if err := s.db.QueryRowContext(ctx, `SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()`).Scan(&encrypted); err != nil || !encrypted {
		t.Errorf("the connection is encrypted: %v (%v)", encrypted, err)
	}
	s.Close()
	for what, addr := range map[string]string{
		"a CA this computer does not trust": address("localhost", "sslmode=verify-full"),
		"a certificate for another name":    address("127.0.0.1", "sslmode=verify-full&sslrootcert="+url.QueryEscape(ca)),
	} {
		_, err := Open(ctx, addr)
		t.Logf("%s: %v", what, err)
		if !errors.Is(err, ErrCertificate) || !strings.Contains(err.Error(), "sslrootcert") ||
			strings.Contains(err.Error(), "not-needed") || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: %v", what, err)
		}
	}
}

// An address without a password opens with the one PostgreSQL's own password file (~/.pgpass, here
// PGPASSFILE) holds for that host, database and role: the password need not be in the address.
func TestTheRoleSPasswordComesFromThePasswordFile(t *testing.T) {
	_, advisors := teamOf(t, "anna")
	u, err := url.Parse(advisors["anna"])
	if err != nil {
		t.Fatal(err)
	}
	password, _ := u.User.Password()
	role := u.User.Username()
	u.User = url.User(role)
	file := filepath.Join(t.TempDir(), "pgpass")
	line := fmt.Sprintf("%s:%s:%s:%s:%s\n", u.Hostname(), u.Port(), strings.TrimPrefix(u.Path, "/"), role, password)
	if err := os.WriteFile(file, []byte(line), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PGPASSFILE", file)
	s, err := Open(context.Background(), u.String())
	if err != nil {
		t.Fatalf("with the password in the password file: %v", err)
	}
	defer s.Close()
	if s.Author() != role {
		t.Errorf("the catalogue opened as %q, want %q", s.Author(), role)
	}
	t.Setenv("PGPASSFILE", filepath.Join(t.TempDir(), "none"))
	if _, err := Open(context.Background(), u.String()); !errors.Is(err, ErrLogin) {
		t.Errorf("with no password anywhere: %v", err)
	}
}

// A contact person changed on what a colleague has changed since is refused with the person as they are now;
// saved on the fresh person, the change goes through.
func TestStaleContactPersonChangeIsRefused(t *testing.T) {
	eachStore(t, func(t *testing.T, place string) {
		ctx := context.Background()
		anna, lars := openAs(t, place, "Anna Berg"), openAs(t, place, "Lars Ek")
		if err := anna.AddClusters(ctx, []Cluster{{Name: "Nordic Water Cluster", Country: "SE"}}); err != nil {
			t.Fatal(err)
		}
		c, _ := anna.FindCluster(ctx, "Nordic Water Cluster")
		l, _ := anna.CreateShortlist(ctx, "Water partners", "")
		if _, err := anna.AddToShortlist(ctx, l.ID, c.ID, EntryCandidate, ""); err != nil {
			t.Fatal(err)
		}
		seen, err := anna.SaveContactPerson(ctx, l.ID, c.ID, ContactPerson{Name: "Eva Lind", Email: "eva@example.se"})
		if err != nil {
			t.Fatal(err)
		}
		theirs := seen
		theirs.Phone = "+46 40 123"
		if _, err := lars.SaveContactPersonSeen(ctx, l.ID, c.ID, theirs, seen); err != nil {
			t.Fatal(err)
		}
		mine := seen
		mine.Role = "Project manager"
		_, err = anna.SaveContactPersonSeen(ctx, l.ID, c.ID, mine, seen)
		var stale *StalePersonError
		if !errors.As(err, &stale) || !errors.Is(err, ErrStale) || stale.Fresh.Phone != "+46 40 123" || stale.Fresh.ChangedBy != "Lars Ek" {
			t.Fatalf("a change on a stale person: %v", err)
		}
		e, _ := anna.Entry(ctx, l.ID, c.ID)
		if len(e.People) != 1 || e.People[0].Phone != "+46 40 123" || e.People[0].Role != "" {
			t.Errorf("after the refused change the person is %+v", e.People)
		}
		fresh := stale.Fresh
		mine = fresh
		mine.Role = "Project manager"
		if _, err := anna.SaveContactPersonSeen(ctx, l.ID, c.ID, mine, fresh); err != nil {
			t.Errorf("a change on the fresh person: %v", err)
		}
		if e, _ := anna.Entry(ctx, l.ID, c.ID); len(e.People) != 1 || e.People[0].Role != "Project manager" || e.People[0].Phone != "+46 40 123" {
			t.Errorf("both changes should stand: %+v", e.People)
		}
	})
}

// The administrator's SQL in the README is the SQL the team tests grant with: what two advisors at once were
// shown to need is what the README asks for, and no more.
func TestTheREADMEGrantsWhatTheTestsGrant(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var inREADME []string
	for _, line := range strings.Split(string(readme), "\n") {
		if strings.HasPrefix(line, "GRANT ") {
			inREADME = append(inREADME, line)
		}
	}
	want := strings.Split(fmt.Sprintf(adminSQL, "advisors"), "\n")
	if strings.Join(inREADME, "\n") != strings.Join(want, "\n") {
		t.Errorf("the README grants\n%s\nthe tests grant\n%s", strings.Join(inREADME, "\n"), strings.Join(want, "\n"))
	}
}
