package app

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"clusterbridge/data"
)

// historyView lists the latest import runs (File › Import history…): when, what, the counts, how each ended;
// selecting one shows its problems.
type historyView struct {
	runs     []data.ImportRun
	list     *widget.List
	problems *widget.Label
	content  fyne.CanvasObject
}

func newHistoryView(runs []data.ImportRun) *historyView {
	v := &historyView{runs: runs}
	v.build()
	return v
}

func (v *historyView) build() {
	v.list = widget.NewList(func() int { return len(v.runs) }, v.createRow, v.updateRow)
	v.list.OnSelected = v.onSelect
	v.problems = widget.NewLabel(lang.L("Select a run to see its problems."))
	v.problems.Wrapping = fyne.TextWrapWord
	v.problems.Selectable = true
	body := fyne.CanvasObject(v.list)
	if len(v.runs) == 0 {
		body = widget.NewLabel(lang.L("No import yet."))
	}
	split := container.NewVSplit(body, container.NewVScroll(v.problems))
	split.Offset = 0.6
	v.content = split
	if len(v.runs) > 0 {
		v.list.Select(0) // the latest run's sources and problems at once
	}
}

func (v *historyView) createRow() fyne.CanvasObject {
	when := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	what := widget.NewLabel("")
	what.Truncation = fyne.TextTruncateEllipsis
	return container.NewBorder(nil, nil, when, nil, what)
}

func (v *historyView) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	r := v.runs[i]
	row := o.(*fyne.Container)
	row.Objects[1].(*widget.Label).SetText(r.StartedAt.Local().Format("2006-01-02 15:04") + "  " + runStatus(r))
	row.Objects[0].(*widget.Label).SetText(runSummary(r) + " — " + strings.Join(r.Sources, ", "))
}

func (v *historyView) onSelect(i widget.ListItemID) {
	r := v.runs[i]
	var b strings.Builder
	b.WriteString(strings.Join(r.Sources, "\n"))
	if len(r.Problems) == 0 {
		b.WriteString("\n\n" + lang.L("No problem."))
	}
	for _, p := range r.Problems {
		fmt.Fprintf(&b, "\n\n%s — %s\n%s", problemKind(p.Kind), p.URL, p.Reason)
	}
	v.problems.SetText(b.String())
}

// problemKind names a kind of import problem in the user's language.
func problemKind(kind string) string {
	switch kind {
	case data.ProblemFailed:
		return lang.L("failed")
	case data.ProblemSkipped:
		return lang.L("skipped")
	case data.ProblemAmbiguous:
		return lang.L("ambiguous")
	}
	return lang.L("warning")
}

// runStatus says how a run ended, in the user's language.
func runStatus(r data.ImportRun) string {
	switch r.Status() {
	case data.RunRunning:
		return lang.L("running")
	case data.RunCancelled:
		return lang.L("cancelled")
	case data.RunInterrupted:
		return lang.L("interrupted")
	}
	return lang.L("finished")
}

// runSummary is a run's counts and problems on one line; an interrupted run recorded only its problems.
func runSummary(r data.ImportRun) string {
	c := r.Counts
	if r.Status() == data.RunInterrupted || r.Status() == data.RunRunning {
		return lang.L("{{.Skipped}} skipped, {{.Failed}} failed (other counts not recorded); problems: {{.Problems}}",
			map[string]any{"Skipped": formatCount(c.Skipped), "Failed": formatCount(c.Failed), "Problems": formatCount(len(r.Problems))})
	}
	return lang.L("{{.Added}} added, {{.Updated}} updated, {{.Unchanged}} unchanged, {{.Skipped}} skipped, {{.Failed}} failed; problems: {{.Problems}}",
		map[string]any{"Added": formatCount(c.Added), "Updated": formatCount(c.Updated), "Unchanged": formatCount(c.Unchanged), "Skipped": formatCount(c.Skipped),
			"Failed": formatCount(c.Failed), "Problems": formatCount(len(r.Problems))})
}

// onImportHistory reads the latest runs off the UI goroutine and shows them.
func (m *MainWindow) onImportHistory() {
	m.background(func(ctx context.Context) func() {
		runs, err := m.store.ImportRuns(ctx, 50)
		if err != nil {
			return func() { m.showError(err) }
		}
		return func() {
			m.history = newHistoryView(runs)
			d := newMessageDialog(lang.L("Import history"), lang.L("Close"), m.history.content, m.win)
			d.Resize(fyne.NewSize(720, 480))
			showMessage(m.win, d)
		}
	})
}

// restoreView lists the catalogue's backups (File › Restore…), newest first, to choose one.
type restoreView struct {
	backups  []data.Backup
	chosen   int // -1 until one is selected
	list     *widget.List
	content  fyne.CanvasObject
	onChosen func()
}

func newRestoreView(backups []data.Backup) *restoreView {
	v := &restoreView{backups: backups, chosen: -1, onChosen: func() {}}
	v.build()
	return v
}

func (v *restoreView) build() {
	v.list = widget.NewList(func() int { return len(v.backups) }, func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			b := v.backups[i]
			o.(*widget.Label).SetText(lang.L("{{.Day}} ({{.Size}} kB)",
				map[string]any{"Day": b.Day.Format("2006-01-02"), "Size": b.Size / 1024}))
		})
	v.list.OnSelected = func(i widget.ListItemID) { v.chosen = i; v.onChosen() }
	intro := widget.NewLabel(lang.L("ClusterBridge keeps a backup a day of the last 7 days it was used. Choose one to bring back; the catalogue as it is now is kept beside the backups."))
	intro.Wrapping = fyne.TextWrapWord
	v.content = container.NewBorder(intro, nil, nil, nil, v.list)
}

// onRestore lists the backups and restores the one chosen, after a question.
func (m *MainWindow) onRestore() {
	if m.store.Team() {
		showInfo(m.win, lang.L("Restore"), errorText(data.ErrServerKept))
		return
	}
	m.background(func(context.Context) func() {
		backups, err := data.Backups(m.store.Path())
		if err != nil {
			return func() { m.showError(err) }
		}
		return func() {
			if len(backups) == 0 {
				showInfo(m.win, lang.L("Restore"),
					lang.L("There is no backup yet: ClusterBridge makes one a day when it opens the catalogue."))
				return
			}
			m.restorer = newRestoreView(backups)
			var d *fitDialog
			m.restorer.onChosen = func() {
				d.Hide()
				m.onRestoreChosen(m.restorer.backups[m.restorer.chosen])
			}
			d = newMessageDialog(lang.L("Restore a backup"), lang.L("Cancel"), m.restorer.content, m.win)
			d.Resize(fyne.NewSize(520, 400))
			showMessage(m.win, d)
		}
	})
}

// onRestoreChosen asks, then restores b off the UI goroutine and shows the catalogue as restored.
func (m *MainWindow) onRestoreChosen(b data.Backup) {
	ask := newConfirmDialog(lang.L("Restore a backup"),
		lang.L("Bring the catalogue back to {{.Day}}? Shortlists, notes and imports since then are not in it; the catalogue as it is now is kept.",
			map[string]any{"Day": b.Day.Format("2006-01-02")}),
		func(ok bool) {
			if ok {
				m.restoreBackup(b)
			}
		}, m.win)
	showConfirm(m.win, ask)
}

func (m *MainWindow) restoreBackup(b data.Backup) {
	m.background(func(ctx context.Context) func() {
		setAside, err := m.store.Restore(ctx, b.Path)
		if err != nil {
			return func() { m.showError(err) }
		}
		return func() {
			m.damaged = false
			m.win.SetTitle(m.windowTitle())
			m.refreshAll()
			m.showNotice(lang.L("Restore a backup"), lang.L("Restored the backup of {{.Day}}; the catalogue as it was is kept in {{.Path}}.",
				map[string]any{"Day": b.Day.Format("2006-01-02"), "Path": setAside}))
		}
	})
}

// verifyCatalogue runs the opening checks off the UI goroutine (the first frame does not wait for SQLite to
// read the whole file); a damaged catalogue is read-only, and the window says so and offers a backup.
func (m *MainWindow) verifyCatalogue() {
	m.background(func(ctx context.Context) func() {
		op, err := m.store.Verify(ctx)
		if err != nil {
			return func() { m.showError(err) }
		}
		if op.Health.Whole() {
			return nil
		}
		return m.onDamageFound
	})
}

// onDamageFound tells the user the catalogue is damaged and open read-only, and offers to restore a backup.
func (m *MainWindow) onDamageFound() {
	m.damaged = true
	m.win.SetTitle(lang.L("ClusterBridge — damaged catalogue, read-only"))
	ask := newConfirmDialog(lang.L("The catalogue is damaged"),
		lang.L("The catalogue file is damaged, so it is open read-only: you can read it, but nothing you change is saved. Restore a backup now (File › Restore…)?"),
		func(ok bool) {
			if ok {
				m.onRestore()
			}
		}, m.win)
	showConfirm(m.win, ask)
}
