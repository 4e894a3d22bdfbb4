package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"clusterbridge/data"
)

// Adding a cluster to a list it is on already, from the detail panel (whose choice was made before another
// view put it there), keeps its status and contact person, and says so.
func TestAddingFromTheDetailKeepsAnEntryAndSaysSo(t *testing.T) {
	w := newTestWindow(t)
	ctx := context.Background()
	l, err := w.store.CreateShortlist(ctx, "Water partners", "")
	if err != nil {
		t.Fatal(err)
	}
	w.reloadDetail()
	w.settle()
	cluster := w.detail.cluster
	if w.detail.addTo == nil {
		t.Fatal("no shortlist offered in the detail panel")
	}
	w.detail.addTo.SetSelected("Water partners")
	// Meanwhile the cluster went onto the list, and the meeting is arranged.
	if _, err := w.store.AddToShortlist(ctx, l.ID, cluster.ID, data.EntryMeeting, "Jane Roe"); err != nil {
		t.Fatal(err)
	}
	test.Tap(w.detail.addButton)
	w.settle()
	e, err := w.store.Entry(ctx, l.ID, cluster.ID)
	if err != nil {
		t.Fatal(err)
	}
	if e.Status != data.EntryMeeting || contactNames(e.People) != "Jane Roe" {
		t.Errorf("adding again made the entry %s, %q; want meeting, Jane Roe", e.Status, contactNames(e.People))
	}
	if want := "Already on “Water partners” as Meeting; nothing changed."; w.lastNotice != want {
		t.Errorf("the window said %q, want %q", w.lastNotice, want)
	}
	// The detail now shows the entry with its status, and offers the list no more.
	if st := w.detail.statuses[l.ID]; st == nil || st.Selected != statusName(data.EntryMeeting) {
		t.Errorf("the detail's status box for the list: %v", st)
	}
	if w.detail.addTo != nil {
		t.Error("the detail still offers the list the cluster is on")
	}
}

// The Partners "+" dialog offers every list; choosing one the suggestion is on keeps its entry.
func TestAddingAPartnerTwiceKeepsItsStatus(t *testing.T) {
	p, q, store, _ := newTestPartners(t)
	ctx := context.Background()
	home, err := store.FindCluster(ctx, "Food & Bio Cluster Denmark")
	if err != nil {
		t.Fatal(err)
	}
	p.setHome(home)
	waitJobs(t, q, "suggestions", func() bool { return p.jobs.idle() && len(p.suggestions) > 0 })
	s := p.suggestions[0]
	l, err := store.CreateShortlist(ctx, "Biogas", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.AddToShortlist(ctx, l.ID, s.ID, data.EntryPartner, "Ole"); err != nil {
		t.Fatal(err)
	}
	p.addToShortlist(s.ID, l.ID, "")
	waitJobs(t, q, "the add", func() bool { return p.jobs.idle() })
	e, err := store.Entry(ctx, l.ID, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	if e.Status != data.EntryPartner || contactNames(e.People) != "Ole" {
		t.Errorf("the entry became %s, %q; want partner, Ole", e.Status, contactNames(e.People))
	}
	if !strings.Contains(p.lastNotice, "as Partner") {
		t.Errorf("the view said %q", p.lastNotice)
	}
	// A list it is not on gets it as a candidate, without a word.
	other, err := store.CreateShortlist(ctx, "Other", "")
	if err != nil {
		t.Fatal(err)
	}
	p.lastNotice = ""
	p.addToShortlist(s.ID, other.ID, "")
	waitJobs(t, q, "the add", func() bool { return p.jobs.idle() })
	if e, err := store.Entry(ctx, other.ID, s.ID); err != nil || e.Status != data.EntryCandidate {
		t.Errorf("on the other list: %+v, %v", e, err)
	}
	if p.lastNotice != "" {
		t.Errorf("adding to a new list said %q", p.lastNotice)
	}
}
