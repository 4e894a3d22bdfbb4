package app

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"clusterbridge/data"
)

// onMarkClosed marks the detail's cluster closed, asking for an optional note on why, or takes the mark off a
// cluster marked so. The mark is the user's own finding: no source publishes that a cluster closed.
func (m *MainWindow) onMarkClosed(c data.Cluster) {
	if c.Closed {
		m.setClosed(c.ID, false, "")
		return
	}
	note := newFormEntry()
	note.SetPlaceHolder(lang.L("e.g. wound down in 2022, per its website"))
	d := newFormDialog(lang.L("Mark {{.Name}} as closed", map[string]any{"Name": c.Name}), lang.L("Mark as closed"), lang.L("Cancel"),
		[]*widget.FormItem{widget.NewFormItem(lang.L("Note"), note)}, func(ok bool) {
			if ok {
				m.setClosed(c.ID, true, note.Text)
			}
		}, m.win)
	d.Resize(fyne.NewSize(480, 200))
	m.closedForm = note
	showForm(m.win, d)
}

// setClosed writes the mark, then shows the cluster again and ranks the partner suggestions anew: closed
// clusters come last there.
func (m *MainWindow) setClosed(id int64, closed bool, note string) {
	m.background(func(ctx context.Context) func() {
		err := m.store.MarkClosed(ctx, id, closed, note)
		return func() {
			if err != nil {
				m.showError(err)
			}
			m.reloadDetail()
			m.partners.invalidate()
		}
	})
}
