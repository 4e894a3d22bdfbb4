package app

import (
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"clusterbridge/data"
)

var ctrlEnter = &desktop.CustomShortcut{KeyName: fyne.KeyReturn, Modifier: fyne.KeyModifierControl}

// openPipeline makes a shortlist of the first n clusters of the list and opens it on the Shortlists tab.
func (w *testWindow) openPipeline(n int) (data.Shortlist, []data.Cluster) {
	w.t.Helper()
	ctx := w.t.Context()
	l, err := w.store.CreateShortlist(ctx, "Water partners", "Horizon bid on water reuse")
	if err != nil {
		w.t.Fatal(err)
	}
	cs := slices.Clone(w.results.clusters[:n])
	for _, c := range cs {
		if _, err := w.store.AddToShortlist(ctx, l.ID, c.ID, "", ""); err != nil {
			w.t.Fatal(err)
		}
	}
	w.showView("shortlists")
	w.settle()
	w.onOpenShortlist(l.ID)
	w.settle()
	if len(w.shortlists.entries) != n {
		w.t.Fatalf("the table shows %d entries, want %d", len(w.shortlists.entries), n)
	}
	return l, cs
}

// messageSays checks that the window shows a message holding every one of words.
func (w *testWindow) messageSays(words ...string) {
	w.t.Helper()
	pop, ok := w.win.Canvas().Overlays().Top().(*widget.PopUp)
	if !ok {
		w.t.Fatalf("no message saying %q", words)
	}
	text := labelsIn(pop.Content)
	for _, word := range words {
		if !strings.Contains(text, word) {
			w.t.Errorf("the message reads %q, without %q", text, word)
		}
	}
}

// colleague is another advisor of that name on the window's catalogue, as another window or program would be.
func (w *testWindow) colleague(name string) *data.Store {
	w.t.Helper()
	s, err := data.Open(w.t.Context(), w.store.Path(), data.WithAuthor(name))
	if err != nil {
		w.t.Fatal(err)
	}
	w.t.Cleanup(func() { s.Close() })
	return s
}

// shortlistCell is the table's cell at row and col, made and filled by the table's own functions.
func (w *testWindow) shortlistCell(row int, col entryColumn) *entryCell {
	t := w.shortlists.table
	c := t.table.CreateCell().(*entryCell)
	t.fillCell(row, col, c)
	return c
}

// shortlistHeader is the table's header button of a column.
func (w *testWindow) shortlistHeader(col entryColumn) *widget.Button {
	t := w.shortlists.table
	h := t.table.CreateHeader().(*widget.Button)
	t.fillHeader(col, h)
	return h
}

// row is the table row of a cluster, -1 when it has none.
func (w *testWindow) row(clusterID int64) int {
	return slices.IndexFunc(w.shortlists.entries, func(e data.Entry) bool { return e.Cluster.ID == clusterID })
}

func storedEntry(t *testing.T, store *data.Store, listID, clusterID int64) data.Entry {
	t.Helper()
	es, err := store.Entries(t.Context(), listID)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		if e.Cluster.ID == clusterID {
			return e
		}
	}
	t.Fatalf("cluster %d is not on shortlist %d", clusterID, listID)
	return data.Entry{}
}

// addPerson adds a contact person through the editor's form.
func (w *testWindow) addPerson(name, role, email string) {
	w.t.Helper()
	test.Tap(w.people.add)
	f := w.people.form
	test.Type(f.name, name)
	test.Type(f.role, role)
	test.Type(f.email, email)
	f.dialog.Submit()
	w.settle()
}

// A contact person and a next step set in the table are in the store, and the table shows them.
func TestPipelinePeopleAndNextStepPersist(t *testing.T) {
	w := newTestWindow(t)
	l, cs := w.openPipeline(2)
	target := cs[1]

	test.Tap(w.shortlistCell(w.row(target.ID), colPeople).text)
	if w.people == nil || w.people.entry.Cluster.ID != target.ID {
		t.Fatal("tapping the contact cell did not open the contact people of that cluster")
	}
	w.addPerson("Anna Hansen", "Project manager", "anna@example.org")
	w.addPerson("Ole Berg", "", "")
	e := storedEntry(t, w.store, l.ID, target.ID)
	want := []data.ContactPerson{{Name: "Anna Hansen", Role: "Project manager", Email: "anna@example.org"}, {Name: "Ole Berg"}}
	if len(e.People) != 2 || e.People[0].Name != want[0].Name || e.People[0].Role != want[0].Role ||
		e.People[0].Email != want[0].Email || e.People[1].Name != "Ole Berg" {
		t.Fatalf("stored people %+v, want %+v", e.People, want)
	}
	if len(w.people.people) != 2 {
		t.Errorf("the editor lists %d people, want 2", len(w.people.people))
	}
	if got := w.shortlistCell(w.row(target.ID), colPeople).text.Text; got != "Anna Hansen (+1 more)" {
		t.Errorf("the contact cell reads %q", got)
	}
	// Moving Ole up makes him the first, the one the table shows.
	row := w.people.list.CreateItem()
	w.people.list.UpdateItem(1, row)
	test.Tap(row.(*fyne.Container).Objects[1].(*fyne.Container).Objects[0].(*fyne.Container).Objects[0].(*widget.Button))
	w.settle()
	if e := storedEntry(t, w.store, l.ID, target.ID); len(e.People) != 2 || e.People[0].Name != "Ole Berg" {
		t.Fatalf("after moving Ole up: %+v", e.People)
	}
	if got := w.shortlistCell(w.row(target.ID), colPeople).text.Text; got != "Ole Berg (+1 more)" {
		t.Errorf("after moving Ole up the contact cell reads %q", got)
	}

	test.Tap(w.shortlistCell(w.row(target.ID), colNext).text)
	f := w.nextForm
	test.Type(f.text, "Send the call text")
	f.date.SetText(time.Date(2025, 6, 5, 0, 0, 0, 0, time.UTC).Format(dateEntryLayout()))
	f.dialog.Submit()
	w.settle()
	if got := storedEntry(t, w.store, l.ID, target.ID).Next; got != (data.NextStep{Text: "Send the call text", Due: "2025-06-05"}) {
		t.Fatalf("stored next step %+v", got)
	}
	cell := w.shortlistCell(w.row(target.ID), colNext).text
	if cell.Text != "5 Jun 2025 · Send the call text" || cell.Importance != widget.WarningImportance {
		t.Errorf("the next step cell reads %q (importance %v), want it due soon", cell.Text, cell.Importance)
	}

	// Reopened on the same catalogue, the window shows them again.
	w2 := newTestWindowOn(t, test.NewTempApp(t), w.store)
	w2.showView("shortlists")
	w2.onOpenShortlist(l.ID)
	w2.settle()
	if got := w2.shortlistCell(w2.row(target.ID), colPeople).text.Text; got != "Ole Berg (+1 more)" {
		t.Errorf("reopened, the contact cell reads %q", got)
	}
}

// A date that cannot be read is refused in the form, with what was typed kept to correct; a date without a
// step sends the user back to the form as typed, saying what is missing.
func TestPipelineNextStepBadInputLosesNothing(t *testing.T) {
	w := newTestWindow(t)
	l, cs := w.openPipeline(1)
	test.Tap(w.shortlistCell(0, colNext).text)
	f := w.nextForm
	test.Type(f.text, "Call Anna")
	f.date.SetText("next Tuesday")
	f.dialog.Submit()
	w.settle()
	if got := storedEntry(t, w.store, l.ID, cs[0].ID).Next; got != (data.NextStep{}) {
		t.Errorf("an unreadable date saved %+v", got)
	}
	if w.nextForm != f || f.text.Text != "Call Anna" || f.date.Validate() == nil {
		t.Fatalf("the form did not stay as typed with the date marked: %q, %q", f.text.Text, f.date.Text)
	}
	f.date.SetText(time.Date(2025, 6, 20, 0, 0, 0, 0, time.UTC).Format(dateEntryLayout()))
	f.dialog.Submit()
	w.settle()
	if got := storedEntry(t, w.store, l.ID, cs[0].ID).Next; got != (data.NextStep{Text: "Call Anna", Due: "2025-06-20"}) {
		t.Fatalf("corrected, the step saved is %+v", got)
	}

	test.Tap(w.shortlistCell(0, colNext).text)
	f = w.nextForm
	if f.text.Text != "Call Anna" || f.date.Date == nil || f.date.Date.Format(time.DateOnly) != "2025-06-20" {
		t.Errorf("the form opens on %q, %v; want the saved step", f.text.Text, f.date.Date)
	}
	f.text.SetText("")
	f.dialog.Submit()
	w.settle()
	if got := storedEntry(t, w.store, l.ID, cs[0].ID).Next; got != (data.NextStep{Text: "Call Anna", Due: "2025-06-20"}) {
		t.Errorf("a date without a step changed it to %+v", got)
	}
	if !strings.HasPrefix(w.lastNotice, "Say what is to be done") {
		t.Errorf("it said %q", w.lastNotice)
	}
	w.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn}) // closes the message
	if w.nextForm == f || w.nextForm.text.Text != "" || w.nextForm.date.Text != f.date.Text {
		t.Errorf("the form did not come back as typed: %q, %q", w.nextForm.text.Text, w.nextForm.date.Text)
	}
}

// Changing the status in the table's row saves it.
func TestPipelineStatusInPlace(t *testing.T) {
	w := newTestWindow(t)
	l, cs := w.openPipeline(2)
	w.shortlistCell(w.row(cs[0].ID), colStatus).status.SetSelected(statusName(data.EntryMeeting))
	w.settle()
	if got := storedEntry(t, w.store, l.ID, cs[0].ID).Status; got != data.EntryMeeting {
		t.Errorf("stored status %s, want meeting", got)
	}
	if got := storedEntry(t, w.store, l.ID, cs[1].ID).Status; got != data.EntryCandidate {
		t.Errorf("the other entry became %s", got)
	}
	if got := w.shortlistCell(w.row(cs[0].ID), colStatus).status.Selected; got != statusName(data.EntryMeeting) {
		t.Errorf("the row's status box shows %q", got)
	}
	// The cluster's name opens its profile.
	test.Tap(w.shortlistCell(w.row(cs[1].ID), colCluster).text)
	w.settle()
	if w.tabs.Selected() != w.clusterTab || w.detail.cluster.ID != cs[1].ID {
		t.Errorf("tapping %s showed %q on another tab", cs[1].Name, w.detail.cluster.Name)
	}
}

// Tapping the next step's header sorts by its date, soonest first, undated last; again reverses the dated.
func TestPipelineSortByNextStepDate(t *testing.T) {
	w := newTestWindow(t)
	l, cs := w.openPipeline(4)
	ctx := t.Context()
	dues := []string{"2025-07-01", "", "2025-06-03", "2025-06-20"}
	for i, c := range cs {
		if err := w.store.SetNextStep(ctx, l.ID, c.ID, data.NextStep{Text: "step", Due: dues[i]}); err != nil {
			t.Fatal(err)
		}
	}
	w.reloadShortlists()
	w.settle()
	order := func() []string {
		var out []string
		for i := range w.shortlists.entries {
			out = append(out, w.shortlists.entries[i].Next.Due)
		}
		return out
	}
	test.Tap(w.shortlistHeader(colNext))
	if want := []string{"2025-06-03", "2025-06-20", "2025-07-01", ""}; !slices.Equal(order(), want) {
		t.Errorf("sorted by next step: %v, want %v", order(), want)
	}
	if w.shortlistHeader(colNext).Icon != theme.MoveDownIcon() || w.shortlistHeader(colCluster).Icon != nil {
		t.Error("the arrow is not on the next step's header alone")
	}
	test.Tap(w.shortlistHeader(colNext))
	if want := []string{"2025-07-01", "2025-06-20", "2025-06-03", ""}; !slices.Equal(order(), want) {
		t.Errorf("reversed: %v, want %v", order(), want)
	}
	// The order stays when the entries are read again.
	w.reloadShortlists()
	w.settle()
	if want := []string{"2025-07-01", "2025-06-20", "2025-06-03", ""}; !slices.Equal(order(), want) {
		t.Errorf("after a reload: %v, want %v", order(), want)
	}
}

// Removing an entry takes its row at once; Undo puts it back exactly, people and next step included.
func TestPipelineRemoveAndUndo(t *testing.T) {
	w := newTestWindow(t)
	l, cs := w.openPipeline(2)
	ctx := t.Context()
	target := cs[0]
	if err := w.store.SetEntryStatus(ctx, l.ID, target.ID, data.EntryMeeting); err != nil {
		t.Fatal(err)
	}
	for _, p := range []data.ContactPerson{{Name: "Anna Hansen", Email: "anna@example.org"}, {Name: "Ole Berg", Phone: "+45 1234"}} {
		if _, err := w.store.SaveContactPerson(ctx, l.ID, target.ID, p); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.store.SetNextStep(ctx, l.ID, target.ID, data.NextStep{Text: "Call back", Due: "2025-06-10"}); err != nil {
		t.Fatal(err)
	}
	before := storedEntry(t, w.store, l.ID, target.ID)
	w.reloadShortlists()
	w.settle()

	test.Tap(w.shortlistCell(w.row(target.ID), colRemove).remove)
	if w.row(target.ID) >= 0 {
		t.Fatal("the row is still there right after Remove")
	}
	w.settle()
	if es, _ := w.store.Entries(ctx, l.ID); len(es) != 1 {
		t.Fatalf("%d entries in the store after removing, want 1", len(es))
	}
	if !w.shortlists.undo.offered() {
		t.Fatal("no Undo offered")
	}
	test.Tap(w.shortlists.undo.button)
	w.settle()
	after := storedEntry(t, w.store, l.ID, target.ID)
	if after.Status != before.Status || after.Next != before.Next || !after.AddedAt.Equal(before.AddedAt) ||
		!slices.EqualFunc(after.People, before.People, func(a, b data.ContactPerson) bool {
			return a.Name == b.Name && a.Role == b.Role && a.Email == b.Email && a.Phone == b.Phone
		}) {
		t.Errorf("restored %+v\nwant      %+v", after, before)
	}
	if w.row(target.ID) < 0 || w.shortlists.undo.offered() {
		t.Error("after Undo the row is not back, or Undo is still offered")
	}
}

// The next action takes the Undo away: the removal stands.
func TestPipelineUndoGoesWithTheNextAction(t *testing.T) {
	w := newTestWindow(t)
	l, cs := w.openPipeline(2)
	test.Tap(w.shortlistCell(w.row(cs[0].ID), colRemove).remove)
	w.settle()
	w.shortlistCell(w.row(cs[1].ID), colStatus).status.SetSelected(statusName(data.EntryContacted))
	w.settle()
	if w.shortlists.undo.offered() {
		t.Error("Undo is still offered after another change")
	}
	if es, _ := w.store.Entries(t.Context(), l.ID); len(es) != 1 {
		t.Errorf("%d entries, want 1", len(es))
	}
}

// A log entry written and saved with Ctrl+Enter shows, newest first, and is kept; it can be edited.
func TestShortlistLogEntry(t *testing.T) {
	w := newTestWindow(t)
	l, _ := w.openPipeline(1)
	log := w.shortlists.log
	test.Type(log.input, "Agreed to lead work package 3")
	log.input.TypedShortcut(ctrlEnter)
	w.settle()
	test.Type(log.input, "Second meeting in Aarhus")
	test.Tap(log.add)
	w.settle()
	stored, err := w.store.ShortlistLog(t.Context(), l.ID)
	if err != nil || len(stored) != 2 || stored[0].Text != "Second meeting in Aarhus" {
		t.Fatalf("stored log %+v, %v", stored, err)
	}
	if len(log.entries) != 2 || !strings.Contains(labelsIn(log.box), "Agreed to lead work package 3") ||
		log.input.Text != "" || w.shortlists.logTab.Text != "Log (2)" {
		t.Errorf("the panel shows %d entries (%q), input %q, tab %q", len(log.entries), labelsIn(log.box), log.input.Text, w.shortlists.logTab.Text)
	}
	w.onEditLog(log.entries[1])
	w.logForm.SetText("Agreed to lead work package 4")
	w.logForm.TypedShortcut(ctrlEnter)
	w.settle()
	stored, _ = w.store.ShortlistLog(t.Context(), l.ID)
	if stored[1].Text != "Agreed to lead work package 4" || stored[1].EditedAt.IsZero() {
		t.Errorf("after editing: %+v", stored[1])
	}
	// Delete asks first: Escape keeps the entry, Enter deletes it.
	w.onDeleteLog(log.entries[0])
	w.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	w.settle()
	if stored, _ = w.store.ShortlistLog(t.Context(), l.ID); len(stored) != 2 {
		t.Fatalf("Escape deleted: %d entries left", len(stored))
	}
	w.onDeleteLog(log.entries[0])
	w.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn})
	w.settle()
	if stored, _ = w.store.ShortlistLog(t.Context(), l.ID); len(stored) != 1 || stored[0].Text != "Agreed to lead work package 4" {
		t.Errorf("after deleting the newest: %+v", stored)
	}
	if len(log.entries) != 1 || w.shortlists.logTab.Text != "Log (1)" {
		t.Errorf("the panel shows %d entries, tab %q", len(log.entries), w.shortlists.logTab.Text)
	}
}

// Follow-ups lists the entries due within 7 days or overdue, overdue first; tapping one opens its shortlist on it.
func TestFollowUpsListsDueEntries(t *testing.T) {
	w := newTestWindow(t)
	l, cs := w.openPipeline(4)
	ctx := t.Context()
	// testDay is 1 Jun 2025.
	steps := []data.NextStep{{Text: "Send budget", Due: "2025-06-04"}, {Text: "Reply to Anna", Due: "2025-05-28"},
		{Text: "Call in autumn", Due: "2025-09-01"}, {Text: "Some day"}}
	for i, c := range cs {
		if err := w.store.SetNextStep(ctx, l.ID, c.ID, steps[i]); err != nil {
			t.Fatal(err)
		}
	}
	w.tabs.Select(w.followTab)
	w.settle()
	var due []string
	for _, e := range w.followUps.due {
		due = append(due, e.Next.Text+" / "+e.Shortlist)
	}
	if want := []string{"Reply to Anna / Water partners", "Send budget / Water partners"}; !slices.Equal(due, want) {
		t.Fatalf("Follow-ups lists %v, want %v", due, want)
	}
	if w.followTab.Text != "Follow-ups due (2)" {
		t.Errorf("the tab reads %q", w.followTab.Text)
	}
	w.followUps.list.Select(1)
	w.settle()
	if w.tabs.Selected() != w.listTab || w.shortlists.open != l.ID {
		t.Fatal("the follow-up did not open its shortlist")
	}
	if row := w.row(cs[0].ID); row < 0 || w.shortlists.table.selected != row {
		t.Errorf("the entry of the follow-up is not selected (row %d)", row)
	}
}

// Copy e-mails puts the known addresses on the clipboard and says how many.
func TestCopyEmails(t *testing.T) {
	w := newTestWindow(t)
	l, cs := w.openPipeline(2)
	test.Tap(w.shortlists.copyEmails)
	w.settle()
	if !strings.HasPrefix(w.lastNotice, "No e-mail address is known") {
		t.Errorf("without addresses it says %q", w.lastNotice)
	}
	for i, email := range []string{"anna@example.org", "ole@example.dk"} {
		if _, err := w.store.SaveContactPerson(t.Context(), l.ID, cs[i].ID, data.ContactPerson{Name: "P", Email: email}); err != nil {
			t.Fatal(err)
		}
	}
	test.Tap(w.shortlists.copyEmails)
	w.settle()
	got := w.app.Clipboard().Content()
	for _, email := range []string{"anna@example.org", "ole@example.dk"} {
		if !strings.Contains(got, email) {
			t.Errorf("the clipboard holds %q, without %s", got, email)
		}
	}
	if strings.Count(got, "; ") != strings.Count(got, "@")-1 {
		t.Errorf("the addresses are not joined with \"; \": %q", got)
	}
	if !strings.HasPrefix(w.lastNotice, "Copied ") || !strings.Contains(w.lastNotice, "e-mail addresses") {
		t.Errorf("it says %q", w.lastNotice)
	}
}

// The contact people editor shows the user's own people as theirs, and the source's published contact apart.
func TestContactEditorKeepsPublishedContactApart(t *testing.T) {
	a := test.NewTempApp(t)
	registerTranslations()
	win := a.NewWindow("")
	e := data.Entry{Cluster: data.Cluster{Name: "Nordic Water Cluster", Contact: "info@nwc.se"},
		People: []data.ContactPerson{{ID: 1, Name: "Anna Berg", Role: "CEO", Email: "anna@nwc.se"}}}
	ed := newContactPeopleEditor(win, e)
	ed.show()
	text := ed.intro.Text + "\n" + ed.published.Text
	for _, want := range []string{"Your contacts", "Published by the source (not one of yours): info@nwc.se"} {
		if !strings.Contains(text, want) {
			t.Errorf("the editor does not say %q:\n%s", want, text)
		}
	}
	if ed.list.Length() != 1 {
		t.Errorf("the editor lists %d people, want 1", ed.list.Length())
	}
}

// A narrow window leaves out the less important columns before the table has to scroll; the cluster, status,
// contacts and next step always show, the cluster's name readable.
func TestPipelineTableFitsNarrowWindows(t *testing.T) {
	w := newTestWindow(t)
	w.openPipeline(2)
	core := []entryColumn{colCluster, colStatus, colPeople, colNext, colRemove}
	for _, size := range []fyne.Size{{Width: 1366, Height: 768}, {Width: 1024, Height: 640}, {Width: 683, Height: 740}} {
		w.win.Resize(size)
		w.settle()
		tbl := w.shortlists.table
		for _, c := range core {
			if !slices.Contains(tbl.columns, c) {
				t.Errorf("at %v the table leaves out %s", size, c.title())
			}
		}
		var sum float32
		for _, wd := range tbl.widths {
			sum += wd
		}
		if fits := tbl.content.Size().Width; sum > fits && len(tbl.columns) > len(core) {
			t.Errorf("at %v the columns take %.0f of %.0f and still show %d", size, sum, fits, len(tbl.columns))
		}
		if size.Width < 1100 && slices.Contains(tbl.columns, colLabel) {
			t.Errorf("at %v the table (%.0f wide) keeps the label column", size, tbl.content.Size().Width)
		}
		if tbl.widths[0] < columnWidths[colCluster] {
			t.Errorf("at %v the cluster column is %.0f wide", size, tbl.widths[0])
		}
	}
	if cols, _ := shownColumns(2000, true); len(cols) != int(entryColumns) {
		t.Errorf("a wide table of signed entries shows %d columns, want all %d", len(cols), entryColumns)
	}
	if cols, _ := shownColumns(2000, false); slices.Contains(cols, colAddedBy) {
		t.Errorf("a table of entries nobody signed shows an Added by column: %v", cols)
	}
}

// A table cell shown again for another row (as scrolling does) changes no one's status.
func TestPipelineRecycledStatusCellChangesNothing(t *testing.T) {
	w := newTestWindow(t)
	l, cs := w.openPipeline(3)
	ctx := t.Context()
	if err := w.store.SetEntryStatus(ctx, l.ID, cs[0].ID, data.EntryPartner); err != nil {
		t.Fatal(err)
	}
	w.reloadShortlists()
	w.settle()
	tbl := w.shortlists.table
	cell := tbl.table.CreateCell().(*entryCell)
	for _, row := range []int{w.row(cs[0].ID), w.row(cs[1].ID), w.row(cs[0].ID), w.row(cs[2].ID)} {
		tbl.fillCell(row, colStatus, cell)
	}
	w.settle()
	want := map[int64]data.EntryStatus{cs[0].ID: data.EntryPartner, cs[1].ID: data.EntryCandidate, cs[2].ID: data.EntryCandidate}
	for id, st := range want {
		if got := storedEntry(t, w.store, l.ID, id).Status; got != st {
			t.Errorf("cluster %d is %s after its cell was reused, want %s", id, got, st)
		}
	}
	if cell.status.Selected != statusName(data.EntryCandidate) {
		t.Errorf("the reused cell shows %q", cell.status.Selected)
	}
}

// A status chosen in the table after a colleague changed the entry (another window, another advisor) is not
// applied over theirs: the window says who changed it to what, and the table shows their status.
func TestPipelineStatusOnAStaleEntryIsRefused(t *testing.T) {
	w := newTestWindow(t)
	l, cs := w.openPipeline(1)
	colleague := w.colleague("Lars Ek")
	if err := colleague.SetEntryStatus(t.Context(), l.ID, cs[0].ID, data.EntryDeclined); err != nil {
		t.Fatal(err)
	}
	// The table still shows the candidate the user saw; they choose Meeting.
	w.shortlistCell(w.row(cs[0].ID), colStatus).status.SetSelected(statusName(data.EntryMeeting))
	w.settle()
	if got := storedEntry(t, w.store, l.ID, cs[0].ID).Status; got != data.EntryDeclined {
		t.Errorf("the colleague's status was overwritten: %s", got)
	}
	w.messageSays("Lars Ek", statusName(data.EntryDeclined))
	if got := w.shortlistCell(w.row(cs[0].ID), colStatus).status.Selected; got != statusName(data.EntryDeclined) {
		t.Errorf("the row's status box shows %q, want the colleague's", got)
	}
}

// The detail's status box, too, refuses to undo a colleague's change made after the detail was shown: the
// colleague's status stays, the window says who set it, and the box shows it.
func TestDetailStatusOnAStaleEntryIsRefused(t *testing.T) {
	w := newTestWindow(t)
	ctx := t.Context()
	l, err := w.store.CreateShortlist(ctx, "Water partners", "")
	if err != nil {
		t.Fatal(err)
	}
	cluster := w.selectRow(0)
	if _, err := w.store.AddToShortlist(ctx, l.ID, cluster.ID, data.EntryCandidate, ""); err != nil {
		t.Fatal(err)
	}
	w.reloadDetail()
	w.settle()
	colleague := w.colleague("Lars Ek")
	if err := colleague.SetEntryStatus(ctx, l.ID, cluster.ID, data.EntryDeclined); err != nil {
		t.Fatal(err)
	}
	status := w.detail.statuses[l.ID]
	if status == nil {
		t.Fatal("the detail shows no status box for the shortlist")
	}
	status.SetSelected(statusName(data.EntryMeeting))
	w.settle()
	if got := storedEntry(t, w.store, l.ID, cluster.ID).Status; got != data.EntryDeclined {
		t.Errorf("the colleague's status was overwritten: %s", got)
	}
	w.messageSays("Lars Ek", statusName(data.EntryDeclined))
	if got := w.detail.statuses[l.ID].Selected; got != statusName(data.EntryDeclined) {
		t.Errorf("the detail's status box shows %q, want the colleague's", got)
	}
	// Chosen again on the fresh entry, the user's status is saved.
	w.win.Canvas().Overlays().Top().Hide()
	w.detail.statuses[l.ID].SetSelected(statusName(data.EntryMeeting))
	w.settle()
	if got := storedEntry(t, w.store, l.ID, cluster.ID).Status; got != data.EntryMeeting {
		t.Errorf("after seeing the colleague's change the user's choice was not saved: %s", got)
	}
}

// A next step written after a colleague changed the entry is not saved over theirs: the window says who
// changed it and what the next step now is.
func TestPipelineNextStepOnAStaleEntryIsRefused(t *testing.T) {
	w := newTestWindow(t)
	l, cs := w.openPipeline(1)
	colleague := w.colleague("Lars Ek")
	// The form opens on the entry as the table shows it; meanwhile Lars writes his next step.
	test.Tap(w.shortlistCell(w.row(cs[0].ID), colNext).text)
	if err := colleague.SetNextStep(t.Context(), l.ID, cs[0].ID, data.NextStep{Text: "Lars calls them"}); err != nil {
		t.Fatal(err)
	}
	f := w.nextForm
	test.Type(f.text, "Send the call text")
	f.dialog.Submit()
	w.settle()
	if got := storedEntry(t, w.store, l.ID, cs[0].ID).Next.Text; got != "Lars calls them" {
		t.Errorf("the colleague's next step was overwritten: %q", got)
	}
	w.messageSays("Lars Ek", "Lars calls them")
	if got := w.shortlistCell(w.row(cs[0].ID), colNext).text.Text; !strings.Contains(got, "Lars calls them") {
		t.Errorf("the row's next step shows %q, want the colleague's", got)
	}
}

// A contact person saved from the editor after a colleague changed them is not saved over the colleague's
// change: the window says who changed them, and the editor shows them as they are now.
func TestPipelineContactPersonOnAStaleEntryIsRefused(t *testing.T) {
	w := newTestWindow(t)
	l, cs := w.openPipeline(1)
	test.Tap(w.shortlistCell(w.row(cs[0].ID), colPeople).text)
	w.addPerson("Eva Lind", "", "eva@example.se")
	seen := storedEntry(t, w.store, l.ID, cs[0].ID).People[0]
	// The user opens Eva to edit her; meanwhile Lars adds her phone number.
	w.people.personForm(w.people.people[0])
	theirs := seen
	theirs.Phone = "+46 40 123"
	if _, err := w.colleague("Lars Ek").SaveContactPersonSeen(t.Context(), l.ID, cs[0].ID, theirs, seen); err != nil {
		t.Fatal(err)
	}
	test.Type(w.people.form.role, "Project manager")
	w.people.form.dialog.Submit()
	w.settle()
	if got := storedEntry(t, w.store, l.ID, cs[0].ID).People[0]; got.Phone != "+46 40 123" || got.Role != "" {
		t.Errorf("the colleague's change was overwritten: %+v", got)
	}
	w.messageSays("Eva Lind", "Lars Ek")
	if got := w.people.people[0].Phone; got != "+46 40 123" {
		t.Errorf("the editor shows Eva's phone as %q, want the colleague's", got)
	}
}
