package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// Marked closed from the detail, a cluster shows the mark with its note and comes last among its partner
// suggestions; Mark as active takes the mark off. Escape in the note dialog marks nothing.
func TestMarkClosedFromTheDetail(t *testing.T) {
	w := newTestWindow(t)
	ctx := context.Background()
	forst, err := w.store.FindCluster(ctx, "Cluster Forst und Holz in Bayern")
	if err != nil {
		t.Fatal(err)
	}
	w.onClusterSelected(forst.ID)
	w.waitFor("the detail", func() bool { return w.detail.shown && w.detail.cluster.ID == forst.ID })
	if w.detail.markClosed.Text != "Mark as closed" {
		t.Fatalf("the button reads %q", w.detail.markClosed.Text)
	}
	test.Tap(w.detail.markClosed)
	if w.closedForm == nil {
		t.Fatal("no note dialog")
	}
	w.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	w.settle()
	if c, _ := w.store.Cluster(ctx, forst.ID); c.Closed {
		t.Fatal("Escape marked the cluster closed")
	}

	test.Tap(w.detail.markClosed)
	typeInto(w.closedForm, "merged into a national cluster")
	w.win.Canvas().Unfocus()
	w.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn})
	w.waitFor("the mark", func() bool { return w.detail.cluster.Closed })
	if c, _ := w.store.Cluster(ctx, forst.ID); !c.Closed || c.ClosedNote != "merged into a national cluster" {
		t.Errorf("the catalogue keeps closed %v, note %q", c.Closed, c.ClosedNote)
	}
	if w.detail.markClosed.Text != "Mark as active" {
		t.Errorf("the button reads %q", w.detail.markClosed.Text)
	}
	if !detailShows(w, "Closed (your mark): merged into a national cluster") {
		t.Error("the detail does not show the mark with its note")
	}

	paper, _ := w.store.FindCluster(ctx, "Paper Province")
	w.partners.group.SetSelected(groupName("DACH")) // fewer than the list's hundred, so the last one shows
	w.onFindPartners(paper)
	w.waitFor("suggestions", func() bool { return len(w.partners.suggestions) > 0 && !w.partners.busy })
	last := w.partners.suggestions[len(w.partners.suggestions)-1]
	if last.ID != forst.ID || !last.Closed {
		t.Errorf("last suggestion is %s (closed %v), want the closed %s", last.Name, last.Closed, forst.Name)
	}
	if !strings.HasSuffix(w.partners.status.Text, " 1 you marked closed comes last.") {
		t.Errorf("the status reads %q", w.partners.status.Text)
	}
	if !strings.HasPrefix(last.Why, "Closed (your mark): merged into a national cluster; ") {
		t.Errorf("the closed one's reason reads %q", last.Why)
	}

	w.onClusterSelected(forst.ID)
	w.waitFor("the detail", func() bool { return w.detail.shown && w.detail.cluster.ID == forst.ID })
	test.Tap(w.detail.markClosed)
	w.waitFor("the mark off", func() bool { return !w.detail.cluster.Closed })
	if c, _ := w.store.Cluster(ctx, forst.ID); c.Closed {
		t.Error("Mark as active left the mark")
	}
}

// detailShows says whether a label of the detail reads text.
func detailShows(w *testWindow, text string) bool {
	for _, o := range w.detail.body.Objects {
		if l, ok := o.(*widget.Label); ok && l.Text == text {
			return true
		}
	}
	return false
}
