package app

import (
	"context"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"clusterbridge/data"
	"clusterbridge/internal/testsite"
)

// TestPictures writes pictures of the import dialog, the partners view with the label watch, and the overview
// to the folder CLUSTERBRIDGE_PICTURES names, drawn by the test driver's software painter in the light theme.
// Without it the test is skipped: the pictures are for people, the goldens for tests.
func TestPictures(t *testing.T) {
	dir := os.Getenv("CLUSTERBRIDGE_PICTURES")
	if dir == "" {
		t.Skip("set CLUSTERBRIDGE_PICTURES to a folder to write pictures")
	}
	save := func(name string, w fyne.Window) {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := png.Encode(f, w.Canvas().Capture()); err != nil {
			t.Fatal(err)
		}
	}
	// Import: the sample's saved pages and a file that is not there, finished.
	d, q, _ := newTestImportDialog(t)
	a := fyne.CurrentApp()
	a.Settings().SetTheme(theme.LightTheme())
	store := openTestStore(t)
	ctx := context.Background()
	d.dlg.Hide()
	d.win.Resize(fyne.NewSize(900, 680))
	d.show()
	d.paths = nil
	d.addPath(testsite.Folder(t))
	d.addPath("/home/advisor/Downloads/eccp-export.csv")
	save("import-setup.png", d.win)
	test.Tap(d.startButton)
	waitJobs(t, q, "the import", func() bool { return d.finished })
	save("import-dialog.png", d.win)

	// Partners for Food & Bio Cluster Denmark, with one on a shortlist, and the label watch.
	home, err := store.FindCluster(ctx, "Food & Bio Cluster Denmark")
	if err != nil {
		t.Fatal(err)
	}
	win := a.NewWindow("partners")
	p := newPartnersView(store, win, nil)
	pq := &uiQueue{}
	p.jobs.do = pq.do
	lw := newLabelWatchView(store, nil)
	lw.jobs.do = pq.do
	win.SetContent(p.content())
	win.Resize(fyne.NewSize(1100, 720))
	p.setHome(home)
	waitJobs(t, pq, "suggestions", func() bool { return p.jobs.idle() && !p.busy && len(p.suggestions) > 2 })
	l, err := store.CreateShortlist(ctx, "Biogas partners", "")
	if err != nil {
		t.Fatal(err)
	}
	p.addToShortlist(p.suggestions[1].ID, l.ID, "")
	all, _ := store.AllClusters(ctx)
	added := 0
	for _, c := range all {
		if c.LabelStatus(testDay) == data.StatusExpired && added < 4 {
			_ = store.AddToShortlist(ctx, l.ID, c.ID, data.EntryCandidate, "")
			added++
		}
	}
	p.curiosity.SetValue(0.6)
	lw.refresh()
	waitJobs(t, pq, "the shortlist", func() bool { return p.jobs.idle() && lw.jobs.idle() && !p.busy })
	save("partners-only.png", win)
	split := container.NewVSplit(p.content(), lw.content())
	split.Offset = 0.68
	win.SetContent(split)
	win.Resize(fyne.NewSize(1100, 900))
	save("partners.png", win)
	win.SetContent(lw.content())
	win.Resize(fyne.NewSize(900, 420))
	save("labelwatch.png", win)

	// Overview of the whole sample.
	res, err := store.Search(ctx, data.Query{})
	if err != nil {
		t.Fatal(err)
	}
	v := newOverviewView(nil)
	ow := a.NewWindow("overview")
	ow.SetContent(v.content())
	ow.Resize(fyne.NewSize(1200, 720))
	v.setFacets(res.Facets)
	save("overview.png", ow)
}
