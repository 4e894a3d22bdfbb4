package app

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/zalando/go-keyring"

	"clusterbridge/data"
	"clusterbridge/internal/pgtest"
	"clusterbridge/scraper"
)

// openTeamDialog opens File › Open team catalogue… and fills it in as a user would.
func (w *testWindow) openTeamDialog(address, name, password string, remember bool) *teamDialog {
	w.t.Helper()
	w.onOpenTeamCatalogue()
	d := w.teamDialog
	d.address.SetText("")
	test.Type(d.address, address)
	d.name.SetText("")
	test.Type(d.name, name)
	test.Type(d.password, password)
	d.remember.SetChecked(remember)
	return d
}

// File › Open team catalogue… shows the team's catalogue in the window, signs the advisor's notes with the
// name they gave, remembers the address and keeps the password only in the keyring; the next start opens it
// again; File › Use my own catalogue file goes back to the laptop's file.
func TestOpenATeamCatalogueFromTheFileMenu(t *testing.T) {
	keyring.MockInit()
	a := test.NewTempApp(t)
	own := filepath.Join(t.TempDir(), "own.db")
	store, err := data.Open(context.Background(), own)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	w := newTestWindowWith(t, a, store, Options{OwnFile: own})
	address := pgtest.NewDatabase(t)

	d := w.openTeamDialog(address, "Anna Berg", "s3cret", true)
	test.Tap(d.dialog.confirm)
	w.waitFor("the team catalogue", func() bool { return w.store.Team() })
	if title := w.win.Title(); !strings.Contains(title, "team catalogue") || strings.Contains(title, "s3cret") {
		t.Errorf("the window is titled %q", title)
	}
	if n := len(w.results.clusters); n == 0 {
		t.Error("the new team catalogue shows no clusters: it was not filled with the sample")
	}
	p := a.Preferences()
	if got := p.String(prefTeamAddress); got != address {
		t.Errorf("the window remembers the address %q, want %q", got, address)
	}
	if kept, err := keyring.Get(keyringService, address); err != nil || kept != "s3cret" {
		t.Errorf("the keyring holds %q (%v)", kept, err)
	}
	cluster := w.selectRow(0)
	test.Type(w.detail.noteEntry, "Met them at the cluster days")
	test.Tap(w.detail.addNote)
	w.settle()
	notes, err := w.store.Notes(context.Background(), cluster.ID)
	if err != nil || len(notes) != 1 || notes[0].Author != "Anna Berg" {
		t.Fatalf("the note on the team catalogue: %+v, %v", notes, err)
	}
	if !strings.Contains(labelsIn(w.detail.body), "Anna Berg") {
		t.Error("the note's row does not name its author")
	}

	// The next start opens the team catalogue again, with the password from the keyring.
	again, err := data.Open(context.Background(), filepath.Join(t.TempDir(), "again.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { again.Close() })
	w2 := newTestWindowWith(t, a, again, Options{ReopenTeam: true})
	w2.reopenTeam()
	w2.waitFor("the team catalogue at the next start", func() bool { return w2.store.Team() })
	w2.close()

	w.onUseOwnFile()
	w.settle()
	if pop, ok := w.win.Canvas().Overlays().Top().(*widget.PopUp); ok {
		t.Fatalf("going back to the own file: %s", labelsIn(pop.Content))
	}
	w.waitFor("the own file", func() bool { return !w.store.Team() })
	if w.store.Path() != own || p.String(prefTeamAddress) != "" || w.win.Title() != "ClusterBridge" {
		t.Errorf("back on %s, remembering %q, titled %q", w.store.Path(), p.String(prefTeamAddress), w.win.Title())
	}
}

// The dialog refuses an address with the password in it (it would be remembered in plain text) or that is no
// team catalogue's; a server that cannot be reached is said so, and the window stays on its catalogue.
func TestOpenTeamCatalogueRefusesWhatItCannotUse(t *testing.T) {
	keyring.MockInit()
	w := newTestWindow(t)
	for _, bad := range []string{"postgres://anna:s3cret@db.example.org/clusters", "/home/anna/catalogue.db"} {
		d := w.openTeamDialog(bad, "Anna Berg", "", false)
		if !d.dialog.confirm.Disabled() {
			t.Errorf("Open is offered for %q", bad)
		}
		d.dialog.Hide()
	}
	d := w.openTeamDialog("postgres://anna@127.0.0.1:1/clusters?sslmode=disable&connect_timeout=5", "Anna Berg", "", false)
	test.Tap(d.dialog.confirm)
	w.settle()
	pop, ok := w.win.Canvas().Overlays().Top().(*widget.PopUp)
	if !ok || !strings.Contains(labelsIn(pop.Content), "cannot be reached") {
		t.Errorf("no word that the server cannot be reached")
	}
	if w.store.Team() {
		t.Error("the window left its catalogue")
	}
}

// A colleague's note and new shortlist appear in an open window within seconds, without a click.
func TestAColleaguesChangeAppearsWithoutAClick(t *testing.T) {
	ctx := context.Background()
	address := pgtest.NewDatabase(t)
	mine, err := data.Open(ctx, address, data.WithAuthor("Anna Berg"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { mine.Close() })
	if err := mine.AddClusters(ctx, []data.Cluster{{Name: "Nordic Water Cluster", Country: "SE"}, {Name: "Food Valley", Country: "NL"}}); err != nil {
		t.Fatal(err)
	}
	w := newTestWindowOn(t, test.NewTempApp(t), mine)
	cluster := w.selectRow(0)
	colleague, err := data.Open(ctx, address, data.WithAuthor("Lars Ek"))
	if err != nil {
		t.Fatal(err)
	}
	defer colleague.Close()
	if _, err := colleague.AddNote(ctx, cluster.ID, "Lars called their manager"); err != nil {
		t.Fatal(err)
	}
	if _, err := colleague.CreateShortlist(ctx, "Lars's water list", ""); err != nil {
		t.Fatal(err)
	}
	w.waitFor("the colleague's note and shortlist", func() bool {
		body := labelsIn(w.detail.body)
		return strings.Contains(body, "Lars called their manager") && strings.Contains(body, "Lars Ek") &&
			len(w.shortlists.lists) == 1
	})
}

// A shortlist of signed entries shows who added each (the Added by column); a list nobody signed has none.
func TestAShortlistShowsWhoAddedEachEntry(t *testing.T) {
	w := newTestWindow(t)
	w.win.Resize(fyne.NewSize(1600, 800))
	l, cs := w.openPipeline(1)
	if slices.Contains(w.shortlists.table.columns, colAddedBy) {
		t.Errorf("an unsigned list shows the Added by column: %v", w.shortlists.table.columns)
	}
	colleague := w.colleague("Lars Ek")
	if _, err := colleague.AddToShortlist(t.Context(), l.ID, w.results.clusters[1].ID, data.EntryCandidate, ""); err != nil {
		t.Fatal(err)
	}
	w.reloadShortlists()
	w.settle()
	if !slices.Contains(w.shortlists.table.columns, colAddedBy) {
		t.Fatalf("a list with a signed entry has no Added by column: %v", w.shortlists.table.columns)
	}
	if got := w.shortlistCell(w.row(w.results.clusters[1].ID), colAddedBy).text.Text; got != "Lars Ek" {
		t.Errorf("the colleague's entry says it was added by %q", got)
	}
	if got := w.shortlistCell(w.row(cs[0].ID), colAddedBy).text.Text; got != "" {
		t.Errorf("the unsigned entry says it was added by %q", got)
	}
	if h := w.shortlistHeader(colAddedBy); h.Text == "" {
		t.Error("the Added by column has no title")
	}
}

// A contact person says who added them, as colleagues see it in the contact people editor.
func TestAContactPersonSaysWhoAddedThem(t *testing.T) {
	store, err := data.Open(context.Background(), filepath.Join(t.TempDir(), "c.db"), data.WithSeed(scraper.Sample), data.WithAuthor("Anna Berg"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	w := newTestWindowOn(t, test.NewTempApp(t), store)
	_, cs := w.openPipeline(1)
	test.Tap(w.shortlistCell(w.row(cs[0].ID), colPeople).text)
	w.addPerson("Eva Lind", "Project manager", "eva@example.se")
	row := w.people.list.CreateItem()
	w.people.list.UpdateItem(0, row)
	if text := labelsIn(row); !strings.Contains(text, "added by Anna Berg") {
		t.Errorf("the person's row reads %q", text)
	}
}
