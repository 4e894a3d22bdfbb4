package app

import (
	"context"
	"time"

	"fyne.io/fyne/v2"

	"clusterbridge/data"
)

// draftSaveDelay is how long typing may pause before the drafts are written to the catalogue: short enough
// that a crash loses a few words at most, long enough not to write on every key.
const draftSaveDelay = 700 * time.Millisecond

// noteDrafts is what the user has typed about clusters and not saved yet: a new note per cluster and the
// changed text of each note being edited. It belongs to the window, not to the detail panel, whose controls
// are made anew for every cluster shown, so that selecting another cluster or tab loses nothing; and it is
// written to the catalogue (see MainWindow.saveDrafts), so that closing the window loses nothing either.
// It is touched only on the UI goroutine.
type noteDrafts struct {
	fresh   map[int64]string     // by cluster id
	edits   map[int64]data.Draft // by note id
	changed map[draftKey]data.Draft
	// onChange is called after every change; the window schedules a write.
	onChange func()
}

type draftKey struct{ clusterID, noteID int64 }

func newNoteDrafts() *noteDrafts {
	return &noteDrafts{fresh: map[int64]string{}, edits: map[int64]data.Draft{}, changed: map[draftKey]data.Draft{},
		onChange: func() {}}
}

func (d *noteDrafts) setFresh(clusterID int64, text string) {
	if text == "" {
		delete(d.fresh, clusterID)
	} else {
		d.fresh[clusterID] = text
	}
	d.note(data.Draft{ClusterID: clusterID, Text: text})
}

func (d *noteDrafts) edit(noteID int64) (string, bool) {
	e, ok := d.edits[noteID]
	return e.Text, ok
}

// setEdit keeps the text of a note being edited, even when it is the note's own text: the note is open for
// editing, and stays so when the panel is shown again.
func (d *noteDrafts) setEdit(n data.Note, text string) {
	e := data.Draft{ClusterID: n.ClusterID, NoteID: n.ID, Text: text}
	d.edits[n.ID] = e
	d.note(e)
}

// dropEdit forgets a note's edit: saved, cancelled or the note deleted.
func (d *noteDrafts) dropEdit(n data.Note) {
	if e, ok := d.edits[n.ID]; ok {
		delete(d.edits, n.ID)
		e.Text = ""
		d.note(e)
	}
}

func (d *noteDrafts) note(e data.Draft) {
	d.changed[draftKey{e.ClusterID, e.NoteID}] = e
	d.onChange()
}

// take returns the drafts changed since the last call, for writing.
func (d *noteDrafts) take() []data.Draft {
	out := make([]data.Draft, 0, len(d.changed))
	for _, e := range d.changed {
		out = append(out, e)
	}
	clear(d.changed)
	return out
}

// restore puts back the drafts kept in the catalogue, where nothing has been typed since.
func (d *noteDrafts) restore(kept []data.Draft) {
	for _, e := range kept {
		if e.NoteID == 0 {
			if _, typed := d.fresh[e.ClusterID]; !typed {
				d.fresh[e.ClusterID] = e.Text
			}
		} else if _, typed := d.edits[e.NoteID]; !typed {
			d.edits[e.NoteID] = e
		}
	}
}

// scheduleDraftSave writes the drafts a moment after the typing pauses.
func (m *MainWindow) scheduleDraftSave() {
	if m.draftTimer != nil {
		return
	}
	m.draftTimer = time.AfterFunc(draftSaveDelay, func() {
		m.do(func() {
			m.draftTimer = nil
			m.saveDrafts()
		})
	})
}

// saveDrafts writes the changed drafts off the UI goroutine. A failed write puts them back to try again with
// the next change or on closing.
func (m *MainWindow) saveDrafts() {
	changed := m.drafts.take()
	if len(changed) == 0 {
		return
	}
	m.background(func(ctx context.Context) func() {
		err := m.writeDrafts(ctx, changed)
		if err == nil {
			return nil
		}
		return func() {
			for _, e := range changed {
				if _, newer := m.drafts.changed[draftKey{e.ClusterID, e.NoteID}]; !newer {
					m.drafts.changed[draftKey{e.ClusterID, e.NoteID}] = e
				}
			}
			fyne.LogError("cannot keep the note drafts", err)
		}
	})
}

func (m *MainWindow) writeDrafts(ctx context.Context, ds []data.Draft) error {
	for _, e := range ds {
		if err := m.store.SaveDraft(ctx, e); err != nil {
			return err
		}
	}
	return nil
}

// saveDraftsNow writes the changed drafts before the window goes: the last words typed are kept too.
func (m *MainWindow) saveDraftsNow() {
	if m.draftTimer != nil {
		m.draftTimer.Stop()
		m.draftTimer = nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := m.writeDrafts(ctx, m.drafts.take()); err != nil {
		fyne.LogError("cannot keep the note drafts", err)
	}
}

// loadDrafts brings back the drafts left when the window last closed.
func (m *MainWindow) loadDrafts() {
	m.background(func(ctx context.Context) func() {
		kept, err := m.store.Drafts(ctx)
		return func() {
			if err != nil {
				fyne.LogError("cannot read the note drafts", err)
				return
			}
			m.drafts.restore(kept)
			if m.detail.shown {
				m.reloadDetail()
			}
		}
	})
}
