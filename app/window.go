// Package app is ClusterBridge's desktop face: Fyne screens over the catalogue (data) and the importer
// (scraper). It never imports fyne.io/fyne/v2/app, so that it builds and tests with the headless test driver.
package app

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"clusterbridge/data"
)

// MainWindow is the main window: filters, results and the selected cluster.
type MainWindow struct {
	app   fyne.App
	store *data.Store
	win   fyne.Window

	results []data.Cluster
	list    *widget.List
}

// NewMainWindow builds the main window over the catalogue.
func NewMainWindow(a fyne.App, store *data.Store) *MainWindow {
	m := &MainWindow{app: a, store: store, win: a.NewWindow("ClusterBridge")}
	m.build()
	return m
}

func (m *MainWindow) build() {
	m.list = widget.NewList(
		func() int { return len(m.results) },
		func() fyne.CanvasObject { return widget.NewLabel("cluster name") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(m.results[i].Name) },
	)
	m.win.SetContent(m.list)
	m.win.Resize(fyne.NewSize(1280, 800))
	go m.load()
}

func (m *MainWindow) load() {
	res, err := m.store.Search(context.Background(), data.Query{Sort: data.SortByName})
	if err != nil {
		return
	}
	fyne.Do(func() {
		m.results = res.Clusters
		m.list.Refresh()
	})
}

// ShowAndRun shows the window and runs the app until it closes.
func (m *MainWindow) ShowAndRun() { m.win.ShowAndRun() }
