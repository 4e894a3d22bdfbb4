package app

import (
	"context"
	"log"
	"os"
	"runtime/debug"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"clusterbridge/data"
)

// The Clusters tab's handlers: searching, paging, selecting and editing what the detail panel shows.

// processStart is about when the program started, for CLUSTERBRIDGE_TIMING=1.
var processStart = time.Now()

// onFiltersChanged runs a new search; typed (the search text changed) waits for a pause in typing first.
func (m *MainWindow) onFiltersChanged(typed bool) {
	m.runSearch(typed)
}

func (m *MainWindow) runSearch(typed bool) {
	q := m.filters.query()
	q.Sort = m.results.sortOrder()
	q.Limit = pageSize
	m.lastQuery = q
	m.search.start(q, typed)
}

func (m *MainWindow) onNeedPage(offset int) {
	m.search.nextPage(m.lastQuery, offset)
}

// onResults shows a search's results: its first page, with fresh facet counts, or a further page.
func (m *MainWindow) onResults(_ data.Query, res data.Result, nextPage bool) {
	if nextPage {
		m.results.appendPage(res.Clusters)
		return
	}
	m.filters.showFacets(res.Facets)
	m.overview.setFacets(res.Facets)
	m.results.show(res)
	if !m.firstShown {
		m.firstShown = true
		if os.Getenv("CLUSTERBRIDGE_TIMING") != "" {
			log.Printf("timing: first results in the window %v after start", time.Since(processStart).Round(time.Millisecond))
		}
		// Start-up (opening the catalogue, building its filter index, the first frames) leaves tens of MB of
		// garbage that the runtime would hand back to the system only slowly; hand it back now, once.
		go debug.FreeOSMemory()
	}
	// The first time, show the first cluster rather than an empty panel.
	if m.autoSelect && len(res.Clusters) > 0 {
		m.autoSelect = false
		m.results.list.Select(0)
	}
}

// onClusterSelected loads a cluster with its sources, notes and shortlists into the detail panel.
func (m *MainWindow) onClusterSelected(id int64) {
	m.autoSelect = false
	m.detailAsk++
	ask := m.detailAsk
	m.background(func(ctx context.Context) func() {
		c, err := m.store.Cluster(ctx, id)
		if err != nil {
			return func() { m.showError(err) }
		}
		lists, err := m.store.Shortlists(ctx)
		return func() {
			if ask != m.detailAsk {
				return // the user has moved on to another cluster
			}
			if err != nil {
				m.showError(err)
				return
			}
			m.detail.show(c, lists)
		}
	})
}

// reloadDetail shows the detail cluster again after a change to its shortlists or notes.
func (m *MainWindow) reloadDetail() {
	if m.detail.shown {
		m.onClusterSelected(m.detail.cluster.ID)
	}
}

// onOpenCluster shows a cluster from a shortlist in the Clusters tab, selecting its row when it is listed.
func (m *MainWindow) onOpenCluster(id int64) {
	m.tabs.Select(m.clusterTab)
	if !m.results.selectCluster(id) {
		m.results.list.UnselectAll()
		m.onClusterSelected(id)
	}
}

// change runs a write to the catalogue, then shows the detail and the shortlists again.
func (m *MainWindow) change(write func(ctx context.Context) error) {
	m.background(func(ctx context.Context) func() {
		err := write(ctx)
		return func() {
			if err != nil {
				m.showError(err)
			}
			m.reloadDetail()
			m.reloadShortlists()
			m.followUps.refresh()
		}
	})
}

// onAddToShortlist puts the detail's cluster on a shortlist as a candidate. A cluster that is on it already
// keeps its entry as it is; the user is told so ("already on Water partners as Meeting").
func (m *MainWindow) onAddToShortlist(listID int64) {
	id := m.detail.cluster.ID
	m.background(func(ctx context.Context) func() {
		added, err := m.store.AddToShortlist(ctx, listID, id, data.EntryCandidate, "")
		var entry data.Membership
		if err == nil && !added {
			entry, err = m.store.Entry(ctx, listID, id)
		}
		return func() {
			switch {
			case err != nil:
				m.showError(err)
			case !added:
				m.showNotice(lang.L("Add to shortlist"), alreadyOnText(entry))
			}
			m.reloadDetail()
			m.reloadShortlists()
		}
	})
}

// alreadyOnText tells that a cluster is on a shortlist already and kept as it was: "Already on “Water
// partners” as Meeting; nothing changed."
func alreadyOnText(e data.Membership) string {
	return lang.L("Already on “{{.Shortlist}}” as {{.Status}}; nothing changed.",
		map[string]any{"Shortlist": e.Shortlist, "Status": statusName(e.Status)})
}

// showNotice tells the user something briefly; the last notice is kept for tests.
func (m *MainWindow) showNotice(title, text string) {
	m.lastNotice = text
	showInfo(m.win, title, text)
}

// onSetStatus changes the detail's cluster's status on a shortlist, only if nobody changed the entry since
// the detail showed it; otherwise the window says who changed it to what, and the detail shows their status.
func (m *MainWindow) onSetStatus(seen data.Membership, st data.EntryStatus) {
	id := m.detail.cluster.ID
	m.change(func(ctx context.Context) error {
		return m.store.SetEntryStatusSeen(ctx, seen.ShortlistID, id, st, seen.Version)
	})
}

func (m *MainWindow) onRemoveFromShortlist(listID int64) {
	id := m.detail.cluster.ID
	m.change(func(ctx context.Context) error {
		_, err := m.store.RemoveFromShortlist(ctx, listID, id)
		return err
	})
}

func (m *MainWindow) onAddNote(text string) {
	id, button := m.detail.cluster.ID, m.detail.addNote
	m.background(func(ctx context.Context) func() {
		_, err := m.store.AddNote(ctx, id, text)
		return func() {
			if err != nil {
				button.Enable() // the note is still in its entry, to try again
				m.showError(err)
				return
			}
			// Now the note is in the timeline, its draft goes; whatever was typed since stays.
			if m.drafts.fresh[id] == text {
				m.drafts.setFresh(id, "")
				if m.detail.shown && m.detail.cluster.ID == id && m.detail.noteEntry.Text == text {
					m.detail.noteEntry.SetText("")
				}
			}
			m.reloadDetail()
			m.reloadShortlists()
		}
	})
}

// onEditNote saves a note's new text; the edit stays open, with its text, until the catalogue has it.
func (m *MainWindow) onEditNote(n data.Note, text string) {
	m.background(func(ctx context.Context) func() {
		_, err := m.store.EditNote(ctx, n.ID, text)
		return func() {
			if err != nil {
				m.showError(err)
				return
			}
			if typed, _ := m.drafts.edit(n.ID); typed == text {
				m.drafts.dropEdit(n)
			}
			m.reloadDetail()
			m.reloadShortlists()
		}
	})
}

// onDeleteNote deletes a note at once and offers to undo it: quicker than a question, and nothing is lost.
func (m *MainWindow) onDeleteNote(n data.Note) {
	m.background(func(ctx context.Context) func() {
		gone, err := m.store.DeleteNote(ctx, n.ID)
		return func() {
			if err != nil {
				m.showError(err)
				return
			}
			m.drafts.dropEdit(n) // an edit of a deleted note has nothing left to save into
			m.reloadDetail()
			m.reloadShortlists()
			m.undo.offer(lang.L("Note of {{.Date}} deleted.", map[string]any{"Date": formatDateTime(gone.At)}),
				func() { m.restoreNote(gone) }, m.later)
		}
	})
}

func (m *MainWindow) restoreNote(n data.Note) {
	m.background(func(ctx context.Context) func() {
		_, err := m.store.RestoreNote(ctx, n)
		return func() {
			if err != nil {
				m.showError(err)
				return
			}
			m.reloadDetail()
			m.reloadShortlists()
		}
	})
}

var _ fyne.Focusable = (*searchEntry)(nil)
