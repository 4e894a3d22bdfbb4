// Package app is ClusterBridge's desktop face: Fyne screens over the catalogue (data) and the importer
// (scraper). It never imports fyne.io/fyne/v2/app, so that it builds and tests with the headless test driver.
package app

import (
	"context"
	"log"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"clusterbridge/assets"
	"clusterbridge/data"
)

// MainWindow is the main window: filters, results and the selected cluster on one tab, shortlists on another.
type MainWindow struct {
	app   fyne.App
	store *data.Store
	win   fyne.Window
	// do runs a function on the UI goroutine: fyne.Do in the app; tests queue and run them on their own.
	do func(func())

	ctx     context.Context // cancelled when the window closes, stopping work still under way
	stop    context.CancelFunc
	pending int // background jobs whose results have not reached the window yet

	filters    *filterPanel
	results    *resultList
	detail     *clusterDetail
	shortlists *shortlistView
	banner     *sampleBanner
	tabs       *container.AppTabs
	clusterTab *container.TabItem
	listTab    *container.TabItem
	search     *queryRunner
	lastQuery  data.Query
	detailAsk  int // detail loads asked for; only the newest one is shown
	autoSelect bool
	firstShown bool
}

var translationsOnce sync.Once

// registerTranslations loads assets/translations once per process, however many windows (or tests) there are.
func registerTranslations() {
	translationsOnce.Do(func() {
		if err := lang.AddTranslationsFS(assets.Translations, "translations"); err != nil {
			fyne.LogError("cannot load the translations", err)
		}
	})
}

// NewMainWindow builds the main window over the catalogue.
func NewMainWindow(a fyne.App, store *data.Store) *MainWindow {
	return newMainWindow(a, store, fyne.Do)
}

func newMainWindow(a fyne.App, store *data.Store, do func(func())) *MainWindow {
	registerTranslations()
	m := &MainWindow{app: a, store: store, do: do, autoSelect: true}
	m.ctx, m.stop = context.WithCancel(context.Background())
	icon := fyne.NewStaticResource("icon.png", assets.Icon)
	a.SetIcon(icon)
	m.win = a.NewWindow(lang.L("ClusterBridge"))
	m.win.SetIcon(icon)
	m.build()
	return m
}

func (m *MainWindow) build() {
	m.filters = newFilterPanel()
	m.results = newResultList()
	m.detail = newClusterDetail()
	m.shortlists = newShortlistView()
	m.banner = newSampleBanner()
	m.search = newQueryRunner(m.store, m.do)
	m.results.today, m.detail.today = m.store.Today(), m.store.Today()

	m.filters.onChanged = m.onFiltersChanged
	m.filters.search.onMove = m.results.move
	m.results.onSort = func() { m.onFiltersChanged(false) }
	m.results.onClear = m.filters.onClear
	m.results.onSelect = func(c data.Cluster) { m.onClusterSelected(c.ID) }
	m.results.onNeedPage = m.onNeedPage
	m.search.onResult = m.onResults
	m.search.onError = m.showError

	m.detail.onOpenWebsite = m.onOpenWebsite
	m.detail.onAddToShortlist = m.onAddToShortlist
	m.detail.onSetStatus = m.onSetStatus
	m.detail.onRemove = m.onRemoveFromShortlist
	m.detail.onAddNote = m.onAddNote

	m.shortlists.onNew = m.onNewShortlist
	m.shortlists.onRename = m.onRenameShortlist
	m.shortlists.onDelete = m.onDeleteShortlist
	m.shortlists.onExport = m.onExportOpenShortlist
	m.shortlists.onOpenList = m.onOpenShortlist
	m.shortlists.onOpenCluster = m.onOpenCluster
	m.shortlists.onRemoveEntry = m.onRemoveEntry

	m.banner.onImport = m.onImport
	m.banner.onDismiss = m.onDismissBanner

	centre := container.NewHSplit(m.results.content, m.detail.content)
	centre.Offset = 0.5
	main := container.NewHSplit(m.filters.content, centre)
	main.Offset = 0.22
	m.clusterTab = container.NewTabItemWithIcon(lang.L("Clusters"), theme.SearchIcon(), main)
	m.listTab = container.NewTabItemWithIcon(lang.L("Shortlists"), theme.ListIcon(), m.shortlists.content)
	m.tabs = container.NewAppTabs(m.clusterTab, m.listTab)
	m.tabs.OnSelected = func(t *container.TabItem) {
		if t == m.listTab {
			m.reloadShortlists()
		}
	}
	m.win.SetContent(container.NewBorder(m.banner.content, nil, nil, nil, m.tabs))
	m.win.SetMainMenu(m.mainMenu())
	m.registerKeys()

	st := loadState(m.app.Preferences())
	m.win.Resize(fyne.NewSize(st.Width, st.Height))
	m.win.SetOnClosed(m.onClosed)
	m.filters.setQuery(st.Filters)
	m.results.setSortOrder(st.Filters.Sort)
	m.runSearch(false)
	m.checkBanner()
	m.reloadShortlists()
}

func (m *MainWindow) mainMenu() *fyne.MainMenu {
	importItem := fyne.NewMenuItem(lang.L("Import…"), m.onImport)
	importItem.Shortcut = keyImport
	exportItem := fyne.NewMenuItem(lang.L("Export shortlist…"), m.onExportOpenShortlist)
	exportItem.Shortcut = keyExport
	searchItem := fyne.NewMenuItem(lang.L("Search"), m.onFocusSearch)
	searchItem.Shortcut = keySearch
	return fyne.NewMainMenu(
		fyne.NewMenu(lang.L("File"), importItem, exportItem),
		fyne.NewMenu(lang.L("View"), searchItem,
			fyne.NewMenuItem(lang.L("Clusters"), func() { m.showView("clusters") }),
			fyne.NewMenuItem(lang.L("Shortlists"), func() { m.showView("shortlists") })),
		fyne.NewMenu(lang.L("Help"), fyne.NewMenuItem(lang.L("About ClusterBridge"), m.onAbout)),
	)
}

// ShowAndRun shows the window and runs the app until it closes. CLUSTERBRIDGE_SHOW=shortlists, about or
// cluster:ID opens that view first, for pictures of it.
func (m *MainWindow) ShowAndRun() {
	if os.Getenv("CLUSTERBRIDGE_TIMING") != "" {
		log.Printf("timing: window built %v after start", time.Since(processStart).Round(time.Millisecond))
	}
	m.win.Show()
	if v := os.Getenv("CLUSTERBRIDGE_SHOW"); v != "" {
		// After the first frames, so that a dialog is laid out on the window's real size.
		time.AfterFunc(500*time.Millisecond, func() { m.do(func() { m.showView(v) }) })
	}
	m.app.Run()
}

// showView brings a view to the front: "clusters", "shortlists", "about" or "cluster:ID".
func (m *MainWindow) showView(name string) {
	switch name {
	case "clusters":
		m.tabs.Select(m.clusterTab)
	case "shortlists":
		m.tabs.Select(m.listTab)
	case "about":
		m.onAbout()
	default:
		if id, err := strconv.ParseInt(strings.TrimPrefix(name, "cluster:"), 10, 64); err == nil {
			m.onOpenCluster(id)
		}
	}
}

// onClosed remembers the size and the filters (once, here: Fyne writes the preferences file on every change).
func (m *MainWindow) onClosed() {
	saveState(m.app.Preferences(), m.win.Canvas().Size(), m.lastQuery)
	m.search.stop()
	m.stop()
}

// background runs work off the UI goroutine; the function it returns, if any, then runs on the UI goroutine.
func (m *MainWindow) background(work func(ctx context.Context) func()) {
	m.pending++
	ctx := m.ctx
	go func() {
		apply := work(ctx)
		m.do(func() {
			m.pending--
			if apply != nil && ctx.Err() == nil {
				apply()
			}
		})
	}()
}

// idle reports whether every search and background job has reached the window.
func (m *MainWindow) idle() bool { return m.pending == 0 && m.search.idle() }

func (m *MainWindow) showError(err error) {
	dialog.ShowError(err, m.win)
}

// onImport opens the importer. For now it says how to import from the command line; the Import dialog will
// replace this handler's body.
func (m *MainWindow) onImport() {
	dialog.ShowInformation(lang.L("Import"),
		lang.L("Importing the public sources (ECCP, ESCA, EUCLES) or a CSV file runs from the command line for now:\n\nclusterbridge import SOURCE\n\nThe window shows the new clusters when you open it again."),
		m.win)
}

func (m *MainWindow) onFocusSearch() {
	m.tabs.Select(m.clusterTab)
	m.win.Canvas().Focus(m.filters.search)
}
