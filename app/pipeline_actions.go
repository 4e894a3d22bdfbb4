package app

import (
	"context"
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"clusterbridge/data"
)

// The partner pipeline's handlers on the Shortlists tab: status, contact people, next step, removal with
// undo, the shortlist's log, Copy e-mails, and Follow-ups due. Each saves at once, off the UI goroutine.

// onSetEntryStatus changes a cluster's status on the open shortlist, from the table's status box.
func (m *MainWindow) onSetEntryStatus(e data.Entry, st data.EntryStatus) {
	m.shortlists.undo.dismiss()
	listID := m.shortlists.open
	// Only if nobody changed the entry since the table showed it; otherwise the table shows what they did.
	m.change(func(ctx context.Context) error {
		return m.store.SetEntryStatusSeen(ctx, listID, e.Cluster.ID, st, e.Version)
	})
}

// onEditPeople opens the editor of the user's contact people at a cluster on the open shortlist.
func (m *MainWindow) onEditPeople(e data.Entry) {
	m.shortlists.undo.dismiss()
	listID, clusterID := m.shortlists.open, e.Cluster.ID
	ed := newContactPeopleEditor(m.win, e)
	ed.onSave = func(p, seen data.ContactPerson) {
		m.changePeople(listID, clusterID, ed, func(ctx context.Context) error {
			// A person is changed only as the form showed them: a colleague's change meanwhile is not undone.
			_, err := m.store.SaveContactPersonSeen(ctx, listID, clusterID, p, seen)
			return err
		})
	}
	ed.onRemove = func(p data.ContactPerson) {
		msg := lang.L("Remove {{.Name}} from your contacts at {{.Cluster}}?", map[string]any{"Name": personName(p), "Cluster": e.Cluster.Name})
		showConfirm(m.win, newConfirmDialog(lang.L("Remove contact person"), msg, func(ok bool) {
			if ok {
				m.changePeople(listID, clusterID, ed, func(ctx context.Context) error {
					_, err := m.store.RemoveContactPerson(ctx, p.ID)
					return err
				})
			}
		}, m.win))
	}
	ed.onMove = func(p data.ContactPerson, to int) {
		m.changePeople(listID, clusterID, ed, func(ctx context.Context) error { return m.store.MoveContactPerson(ctx, p.ID, to) })
	}
	m.people = ed
	ed.show()
}

func personName(p data.ContactPerson) string {
	if p.Name != "" {
		return p.Name
	}
	return p.Email
}

// changePeople writes a change to an entry's people, then shows them as the store has them, in the editor and
// the table.
func (m *MainWindow) changePeople(listID, clusterID int64, ed *contactPeopleEditor, write func(ctx context.Context) error) {
	m.background(func(ctx context.Context) func() {
		err := write(ctx)
		entries, rerr := m.store.Entries(ctx, listID)
		return func() {
			if err = errors.Join(err, rerr); err != nil {
				m.showError(err)
			}
			if rerr != nil {
				return
			}
			for _, e := range entries {
				if e.Cluster.ID == clusterID {
					ed.showPeople(e.People)
				}
			}
			if m.shortlists.open == listID {
				m.shortlists.showEntries(listID, entries)
			}
			m.reloadDetail()
		}
	})
}

// nextStepForm is the fields of the next-step form, kept for tests.
type nextStepForm struct {
	text   *formEntry
	date   *optionalDateEntry
	dialog *fitDialog
}

// optionalDateEntry is Fyne's DateEntry where no date is a valid answer: the form then checks only that a
// date typed can be read.
type optionalDateEntry struct {
	widget.DateEntry
}

func newOptionalDateEntry() *optionalDateEntry {
	e := &optionalDateEntry{}
	e.ExtendBaseWidget(e)
	return e
}

func (e *optionalDateEntry) CreateRenderer() fyne.WidgetRenderer {
	r := e.DateEntry.CreateRenderer() // which sets the DateEntry's own validator, refusing an empty text
	strict := e.Validator
	e.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return nil
		}
		return strict(s)
	}
	return r
}

// onEditNext asks for a cluster's next step on the open shortlist: what, and by when.
func (m *MainWindow) onEditNext(e data.Entry) {
	m.shortlists.undo.dismiss()
	due := ""
	if d, err := time.Parse(time.DateOnly, e.Next.Due); err == nil {
		due = d.Format(dateEntryLayout())
	}
	m.nextStepDialog(m.shortlists.open, e, e.Next.Text, due)
}

// dateEntryLayout is how Fyne's DateEntry writes a date in the system's locale: a date typed the same way
// reads back.
func dateEntryLayout() string {
	d := widget.NewDateEntry()
	ref := time.Date(2006, 1, 2, 0, 0, 0, 0, time.UTC)
	d.SetDate(&ref)
	return d.Text
}

// nextStepDialog shows the next-step form with text and date as typed, so that a date that cannot be read
// sends the user back to it with nothing lost.
func (m *MainWindow) nextStepDialog(listID int64, e data.Entry, text, date string) {
	f := &nextStepForm{text: newFormEntry(), date: newOptionalDateEntry()}
	f.text.SetText(text)
	f.text.SetPlaceHolder(lang.L("e.g. Send the call text"))
	f.date.SetText(date)
	if t, err := time.Parse(dateEntryLayout(), date); err == nil {
		f.date.SetDate(&t)
	}
	f.dialog = newFormDialog(lang.L("Next step — {{.Cluster}}", map[string]any{"Cluster": e.Cluster.Name}),
		lang.L("Save"), lang.L("Cancel"), []*widget.FormItem{
			widget.NewFormItem(lang.L("Next step"), f.text),
			widget.NewFormItem(lang.L("By"), f.date),
		}, func(ok bool) {
			if ok {
				m.saveNextStep(listID, e, f)
			}
		}, m.win)
	f.dialog.Resize(fyne.NewSize(460, 220))
	m.nextForm = f
	showForm(m.win, f.dialog)
	m.win.Canvas().Focus(f.text)
}

func (m *MainWindow) saveNextStep(listID int64, e data.Entry, f *nextStepForm) {
	typed := strings.TrimSpace(f.date.Text)
	n := data.NextStep{Text: strings.TrimSpace(f.text.Text)}
	var problem string
	if typed != "" { // the form lets only a readable date through; this is for a date typed another way
		if d, err := time.Parse(dateEntryLayout(), typed); err == nil {
			n.Due = d.Format(time.DateOnly)
		} else {
			problem = lang.L("Cannot read the date “{{.Date}}”: pick it from the calendar, or write it like {{.Example}}.",
				map[string]any{"Date": typed, "Example": dateEntryExample()})
		}
	}
	if problem == "" && n.Text == "" && n.Due != "" {
		problem = lang.L("Say what is to be done by then, e.g. Send the call text.")
	}
	if problem != "" {
		// Back to the form as typed, once the message is read.
		m.lastNotice = problem
		d := newMessageDialog(lang.L("Next step"), lang.L("OK"), messageLabel(problem), m.win)
		d.preferred.Width = messageWidth
		d.SetOnClosed(func() { m.nextStepDialog(listID, e, f.text.Text, f.date.Text) })
		showMessage(m.win, d)
		return
	}
	// Only if nobody changed the entry since the table showed it; otherwise the table shows what they did.
	m.change(func(ctx context.Context) error {
		return m.store.SetNextStepSeen(ctx, listID, e.Cluster.ID, n, e.Version)
	})
}

func dateEntryExample() string {
	return time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC).Format(dateEntryLayout())
}

// onRemoveEntry takes a cluster off the open shortlist: its row goes at once, and Undo puts it back.
func (m *MainWindow) onRemoveEntry(e data.Entry) {
	m.shortlists.undo.dismiss()
	listID, clusterID := m.shortlists.open, e.Cluster.ID
	list, _ := m.shortlists.openList()
	m.shortlists.dropEntry(clusterID)
	m.background(func(ctx context.Context) func() {
		removed, err := m.store.RemoveFromShortlist(ctx, listID, clusterID)
		return func() {
			if err != nil {
				m.showError(err)
			} else {
				text := lang.L("Removed {{.Cluster}} from {{.Shortlist}}.", map[string]any{"Cluster": e.Cluster.Name, "Shortlist": list.Name})
				m.shortlists.undo.offer(text, func() { m.restoreEntry(removed) }, m.later)
			}
			m.reloadShortlists()
			m.reloadDetail()
			m.followUps.refresh()
		}
	})
}

// later runs fn on the UI goroutine after d.
func (m *MainWindow) later(d time.Duration, fn func()) {
	time.AfterFunc(d, func() { m.do(fn) })
}

// restoreEntry puts a removed entry back as it was: status, people, next step and when it was added.
func (m *MainWindow) restoreEntry(r data.RemovedEntry) {
	m.change(func(ctx context.Context) error { return m.store.RestoreEntry(ctx, r) })
}

// onCopyEmails puts the e-mail addresses known for the open shortlist on the clipboard, joined with "; " as
// mail programs take them, and says how many.
func (m *MainWindow) onCopyEmails() {
	m.shortlists.undo.dismiss()
	list, ok := m.shortlists.openList()
	if !ok {
		return
	}
	m.background(func(ctx context.Context) func() {
		emails, err := m.store.ShortlistEmails(ctx, list.ID)
		return func() {
			if err != nil {
				m.showError(err)
				return
			}
			if len(emails) == 0 {
				m.showNotice(lang.L("Copy e-mails"), lang.L("No e-mail address is known for “{{.Shortlist}}”: add them to your contacts.",
					map[string]any{"Shortlist": list.Name}))
				return
			}
			m.app.Clipboard().SetContent(strings.Join(emails, "; "))
			m.showNotice(lang.L("Copy e-mails"), lang.N("Copied {{.Count}} e-mail addresses of “{{.Shortlist}}”.", len(emails),
				map[string]any{"Count": formatCount(len(emails)), "Shortlist": list.Name}))
		}
	})
}

// reloadLog reads a shortlist's log and shows it if that shortlist is still open.
func (m *MainWindow) reloadLog(listID int64) {
	m.background(func(ctx context.Context) func() {
		log, err := m.store.ShortlistLog(ctx, listID)
		return func() {
			if err != nil {
				m.showError(err)
				return
			}
			m.shortlists.showLog(listID, log)
		}
	})
}

// onAddLog writes an entry in the open shortlist's log.
func (m *MainWindow) onAddLog(text string) {
	m.shortlists.undo.dismiss()
	listID := m.shortlists.open
	m.background(func(ctx context.Context) func() {
		_, err := m.store.AddLogEntry(ctx, listID, text)
		return func() {
			m.shortlists.log.added(err == nil)
			if err != nil {
				m.showError(err)
				return
			}
			m.reloadLog(listID)
		}
	})
}

// onEditLog asks for a log entry's new text.
func (m *MainWindow) onEditLog(e data.LogEntry) {
	m.shortlists.undo.dismiss()
	text := newFormMultiLineEntry()
	text.SetText(e.Text)
	text.SetMinRowsVisible(4)
	text.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New(lang.L("A log entry needs some text; to remove it, delete it."))
		}
		return nil
	}
	d := newFormDialog(lang.L("Edit log entry"), lang.L("Save"), lang.L("Cancel"),
		[]*widget.FormItem{widget.NewFormItem(formatDateTime(e.At), text)}, func(ok bool) {
			if ok {
				m.changeLog(e.ShortlistID, func(ctx context.Context) error {
					_, err := m.store.EditLogEntry(ctx, e.ID, text.Text)
					return err
				})
			}
		}, m.win)
	d.Resize(fyne.NewSize(520, 260))
	m.logForm = text
	showForm(m.win, d)
	m.win.Canvas().Focus(text)
}

// onDeleteLog asks before deleting a log entry.
func (m *MainWindow) onDeleteLog(e data.LogEntry) {
	m.shortlists.undo.dismiss()
	msg := lang.L("Delete the log entry of {{.When}}?", map[string]any{"When": formatDateTime(e.At)})
	showConfirm(m.win, newConfirmDialog(lang.L("Delete log entry"), msg, func(ok bool) {
		if ok {
			m.changeLog(e.ShortlistID, func(ctx context.Context) error {
				_, err := m.store.DeleteLogEntry(ctx, e.ID)
				return err
			})
		}
	}, m.win))
}

func (m *MainWindow) changeLog(listID int64, write func(ctx context.Context) error) {
	m.background(func(ctx context.Context) func() {
		err := write(ctx)
		return func() {
			if err != nil {
				m.showError(err)
			}
			m.reloadLog(listID)
		}
	})
}

// onFollowUpCount shows how many follow-ups are due on their tab.
func (m *MainWindow) onFollowUpCount(n int) {
	title := lang.L("Follow-ups due")
	if n > 0 {
		title = lang.L("Follow-ups due ({{.Count}})", map[string]any{"Count": formatCount(n)})
	}
	if m.followTab.Text != title {
		m.followTab.Text = title
		m.tabs.Refresh()
	}
}

// onOpenFollowUp opens the shortlist of a due follow-up on its entry.
func (m *MainWindow) onOpenFollowUp(e data.Entry) {
	m.shortlists.open = e.ShortlistID
	m.shortlists.focus = entryRef{list: e.ShortlistID, cluster: e.Cluster.ID}
	if m.tabs.Selected() == m.listTab {
		m.reloadShortlists()
		return
	}
	m.tabs.Select(m.listTab) // which reloads the shortlists
}
