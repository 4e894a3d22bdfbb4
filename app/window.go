// Package app is ClusterBridge's desktop face: Fyne screens over the catalogue (data) and the importer
// (scraper). It never imports fyne.io/fyne/v2/app, so that it builds and tests with the headless test driver.
package app

import (
	"context"
	"log"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"

	"clusterbridge/assets"
	"clusterbridge/data"
	"clusterbridge/locale"
	"clusterbridge/scraper"
)

// MainWindow is the main window: filters, results and the selected cluster on one tab, shortlists on another.
type MainWindow struct {
	app   fyne.App
	store *data.Store
	win   fyne.Window
	// do runs a function on the UI goroutine: fyne.Do in the app; tests queue and run them on their own.
	do func(func())
	// openURL opens an address with the system's browser or mail program: the app's OpenURL; tests make it fail.
	openURL func(*url.URL) error

	ctx  context.Context // cancelled when the window closes, stopping work still under way
	stop context.CancelFunc
	jobs *uiJobs // a new one with each new ctx: work still under way reports to the one that started it

	filters    *filterPanel
	results    *resultList
	detail     *clusterDetail
	shortlists *shortlistView
	banner     *sampleBanner
	partners   *partnersView
	closedForm *formEntry // the open Mark as closed dialog's note, for tests
	labels     *labelWatchView
	followUps  *followUpsView
	overview   *overviewView
	reviews    *reviewView
	importer   *importDialog // the Import dialog last opened
	history    *historyView  // the Import history dialog last opened
	restorer   *restoreView  // the Restore dialog last opened
	teamDialog *teamDialog   // the Open team catalogue dialog last opened
	// storeOpened says the window opened the catalogue it shows (useStore), and so closes it.
	storeOpened bool
	damaged     bool // the opening check found the catalogue damaged: it is read-only until restored
	tabs        *container.AppTabs
	panes       *clusterPanes // the Clusters tab: three panes, or two on a narrow window
	clusterTab  *container.TabItem
	listTab     *container.TabItem
	partnerTab  *container.TabItem
	labelTab    *container.TabItem
	followTab   *container.TabItem
	mapTab      *container.TabItem
	reviewTab   *container.TabItem
	reviewItem  *fyne.MenuItem // File › Review matches…, with the count waiting
	search      *queryRunner
	lastQuery   data.Query
	detailAsk   int // detail loads asked for; only the newest one is shown
	autoSelect  bool
	firstShown  bool
	lastNotice  string               // the last brief message shown (showNotice), for tests
	drafts      *noteDrafts          // notes typed and not saved yet, by cluster and by note
	draftTimer  *time.Timer          // a write of the drafts waiting for the typing to pause; nil when none
	undo        *undoBar             // offers to put back what was just deleted
	people      *contactPeopleEditor // the contact people editor last opened, for tests
	nextForm    *nextStepForm        // the next-step form last opened, for tests
	logForm     *formEntry           // the text of the log entry form last opened, for tests
	opts        Options
}

// Options are what the window is told about the desktop it opens on.
type Options struct {
	// ScreenSize is the room a window's content has on the screen (its work area less the title bar), or the
	// zero size when it is not known. The window never opens larger, whatever size it remembers.
	ScreenSize func() fyne.Size
	// OwnFile is the advisor's own catalogue file, which File › Use my own catalogue file goes back to; ""
	// for data.DefaultPath.
	OwnFile string
	// ReopenTeam opens the team catalogue the window showed last, once it is up: the program was not told
	// which catalogue to open.
	ReopenTeam bool
}

var translationsOnce sync.Once

// registerTranslations loads assets/translations once per process, however many windows (or tests) there are:
// each language's LANG.json and, where Fyne lacks its own words for file dialogs and buttons, base.LANG.json.
func registerTranslations() {
	translationsOnce.Do(func() {
		files, err := assets.Translations.ReadDir("translations")
		if err != nil {
			fyne.LogError("cannot load the translations", err)
			return
		}
		for _, f := range files {
			name := f.Name()
			code := strings.TrimPrefix(strings.TrimSuffix(name, ".json"), "base.")
			if !strings.HasSuffix(name, ".json") || !locale.Known(code) {
				continue // the glossary README, or a language the window does not offer
			}
			raw, err := assets.Translations.ReadFile("translations/" + name)
			if err == nil {
				err = lang.AddTranslationsForLocale(raw, fyne.Locale(code))
			}
			if err != nil {
				fyne.LogError("cannot load the translations in "+name, err)
			}
		}
	})
}

// NewMainWindow builds the main window over the catalogue.
func NewMainWindow(a fyne.App, store *data.Store, opts Options) *MainWindow {
	return newMainWindow(a, store, fyne.Do, opts)
}

func newMainWindow(a fyne.App, store *data.Store, do func(func()), opts Options) *MainWindow {
	registerTranslations()
	applyLanguagePreference(a.Preferences())
	useLazyFileWriters() // before any dialog: the Save dialog must not truncate the file an export replaces
	m := &MainWindow{app: a, store: store, do: do, openURL: a.OpenURL, autoSelect: true, opts: opts}
	m.renew()
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
	m.drafts = newNoteDrafts()
	m.drafts.onChange = m.scheduleDraftSave
	m.detail.drafts = m.drafts
	m.shortlists = newShortlistView()
	m.banner = newSampleBanner()
	m.undo = newUndoBar()
	m.search = newQueryRunner(m.store, m.do)
	m.partners = newPartnersView(m.store, m.win, m.onOpenCluster)
	m.partners.jobs = uiJobs{ctx: m.ctx, do: m.do}
	m.partners.onShortlisted = m.reloadShortlists
	m.labels = newLabelWatchView(m.store, m.onOpenCluster)
	m.labels.jobs = uiJobs{ctx: m.ctx, do: m.do}
	m.followUps = newFollowUpsView(m.store, m.onOpenFollowUp)
	m.followUps.jobs = uiJobs{ctx: m.ctx, do: m.do}
	m.followUps.onCount = m.onFollowUpCount
	m.overview = newOverviewView(m.onFilterCountry)
	m.reviews = newReviewView(m.store, m.win)
	m.reviews.jobs = uiJobs{ctx: m.ctx, do: m.do}
	m.reviews.onDecided = m.onMatchDecided
	m.reviews.onCount = m.onReviewCount
	m.results.today, m.detail.today, m.shortlists.today = m.store.Today, m.store.Today, m.store.Today

	m.filters.onChanged = m.onFiltersChanged
	m.filters.search.onMove = m.results.move
	m.results.onSort = func() { m.onFiltersChanged(false) }
	m.results.onClear = m.filters.onClear
	m.results.onExport = m.onExportList
	m.results.onSelect = func(c data.Cluster) { m.onClusterSelected(c.ID) }
	m.results.onNeedPage = m.onNeedPage
	m.search.onResult = m.onResults
	m.search.onError = m.showError

	m.detail.onOpenAddress = m.onOpenAddress
	m.detail.onCopy = m.copyText
	m.detail.onAddToShortlist = m.onAddToShortlist
	m.detail.onSetStatus = m.onSetStatus
	m.detail.onRemove = m.onRemoveFromShortlist
	m.detail.onAddNote = m.onAddNote
	m.detail.onEditNote = m.onEditNote
	m.detail.onDeleteNote = m.onDeleteNote
	m.detail.onFindPartners = m.onFindPartners
	m.detail.onMarkClosed = m.onMarkClosed

	m.shortlists.onNew = m.onNewShortlist
	m.shortlists.onRename = m.onRenameShortlist
	m.shortlists.onDelete = m.onDeleteShortlist
	m.shortlists.onExport = m.onExportOpenShortlist
	m.shortlists.onOpenList = m.onOpenShortlist
	m.shortlists.onOpenCluster = m.onOpenCluster
	m.shortlists.onRemoveEntry = m.onRemoveEntry
	m.shortlists.onSetStatus = m.onSetEntryStatus
	m.shortlists.onEditPeople = m.onEditPeople
	m.shortlists.onEditNext = m.onEditNext
	m.shortlists.onCopyEmails = m.onCopyEmails
	m.shortlists.log.onAdd = m.onAddLog
	m.shortlists.log.onEdit = m.onEditLog
	m.shortlists.log.onDelete = m.onDeleteLog

	m.banner.onImport = m.onImport
	m.banner.onDismiss = m.onDismissBanner

	m.panes = newClusterPanes(m.filters.content, m.results.content, m.detail.content)
	m.panes.onNarrow = m.results.setNarrow
	m.clusterTab = container.NewTabItemWithIcon(lang.L("Clusters"), theme.SearchIcon(), m.panes.box)
	m.listTab = container.NewTabItemWithIcon(lang.L("Shortlists"), theme.ListIcon(), m.shortlists.content)
	m.partnerTab = container.NewTabItemWithIcon(lang.L("Partners"), theme.AccountIcon(), m.partners.content())
	m.labelTab = container.NewTabItemWithIcon(lang.L("Labels to check"), theme.WarningIcon(), m.labels.content())
	m.followTab = container.NewTabItemWithIcon(lang.L("Follow-ups due"), theme.CalendarIcon(), m.followUps.content())
	m.mapTab = container.NewTabItemWithIcon(lang.L("Overview"), theme.GridIcon(), m.overview.content())
	m.reviewTab = container.NewTabItemWithIcon(lang.L("Matches"), theme.ContentCopyIcon(), m.reviews.content)
	m.tabs = container.NewAppTabs(m.clusterTab, m.listTab, m.partnerTab, m.labelTab, m.followTab, m.mapTab, m.reviewTab)
	m.tabs.OnSelected = func(t *container.TabItem) {
		switch t {
		case m.listTab:
			m.reloadShortlists()
		case m.labelTab:
			m.labels.refresh()
		case m.followTab:
			m.followUps.refresh()
		case m.reviewTab:
			m.reviews.refresh()
		}
	}
	m.win.SetTitle(m.windowTitle())
	m.win.SetContent(container.NewBorder(m.banner.content, m.undo.content, nil, nil, m.tabs))
	m.win.SetMainMenu(m.mainMenu())
	m.registerKeys()

	st := loadState(m.app.Preferences())
	m.win.Resize(fitScreen(fyne.NewSize(st.Width, st.Height), m.screenSize()))
	m.win.SetOnClosed(m.onWindowClosed)
	m.filters.setQuery(st.Filters)
	m.results.setSortOrder(st.Filters.Sort)
	m.runSearch(false)
	m.checkBanner()
	m.reloadShortlists()
	m.loadDrafts()
	m.followUps.refresh() // for the count due
	m.reviews.refresh()   // for the count of matches waiting
	m.verifyCatalogue()
	m.followChanges()
}

func (m *MainWindow) mainMenu() *fyne.MainMenu {
	importItem := fyne.NewMenuItem(lang.L("Import…"), m.onImport)
	importItem.Shortcut = keyImport
	m.reviewItem = fyne.NewMenuItem(lang.L("Review matches…"), func() { m.showView("matches") })
	exportItem := fyne.NewMenuItem(lang.L("Export shortlist…"), m.onExportOpenShortlist)
	exportItem.Shortcut = keyExport
	exportListItem := fyne.NewMenuItem(lang.L("Export this list…"), m.onExportList)
	searchItem := fyne.NewMenuItem(lang.L("Search"), m.onFocusSearch)
	searchItem.Shortcut = keySearch
	historyItem := fyne.NewMenuItem(lang.L("Import history…"), m.onImportHistory)
	restoreItem := fyne.NewMenuItem(lang.L("Restore…"), m.onRestore)
	teamItem := fyne.NewMenuItem(lang.L("Open team catalogue…"), m.onOpenTeamCatalogue)
	ownItem := fyne.NewMenuItem(lang.L("Use my own catalogue file"), m.onUseOwnFile)
	_, isCopy := m.store.CopyOf()
	ownItem.Disabled = !m.store.Team() && !isCopy
	return fyne.NewMainMenu(
		fyne.NewMenu(lang.L("File"), importItem, historyItem, m.reviewItem, exportItem, exportListItem,
			fyne.NewMenuItemSeparator(), teamItem, ownItem, fyne.NewMenuItemSeparator(), restoreItem),
		fyne.NewMenu(lang.L("View"), searchItem,
			fyne.NewMenuItem(lang.L("Clusters"), func() { m.showView("clusters") }),
			fyne.NewMenuItem(lang.L("Shortlists"), func() { m.showView("shortlists") }),
			fyne.NewMenuItem(lang.L("Partners"), func() { m.showView("partners") }),
			fyne.NewMenuItem(lang.L("Labels to check"), func() { m.showView("labels") }),
			fyne.NewMenuItem(lang.L("Follow-ups due"), func() { m.showView("followups") }),
			fyne.NewMenuItem(lang.L("Overview"), func() { m.showView("overview") }),
			fyne.NewMenuItem(lang.L("Matches"), func() { m.showView("matches") }),
			fyne.NewMenuItemSeparator(), m.languageMenuItem()),
		fyne.NewMenu(lang.L("Help"), fyne.NewMenuItem(lang.L("Getting started"), m.onGettingStarted),
			fyne.NewMenuItem(lang.L("Keyboard shortcuts"), m.onKeyboardShortcuts),
			fyne.NewMenuItem(lang.L("About ClusterBridge"), m.onAbout)),
	)
}

// ShowAndRun shows the window and runs the app until it closes. CLUSTERBRIDGE_SHOW=shortlists, log, partners,
// countries, labels, followups, overview, matches, import, import:PATH (imports the file or folder), about, start,
// history, restore, team (Open team catalogue), mycluster, shortcuts, newlist, cluster:ID, notes:ID (its notes), partners:ID[:CURIOSITY],
// contacts:ID or next:ID (the contact people or the next step of cluster ID on the first shortlist) opens that
// view or dialog first, for pictures of it.
func (m *MainWindow) ShowAndRun() {
	if os.Getenv("CLUSTERBRIDGE_TIMING") != "" {
		log.Printf("timing: window built %v after start", time.Since(processStart).Round(time.Millisecond))
	}
	m.win.Show()
	m.reopenTeam()
	if v := os.Getenv("CLUSTERBRIDGE_SHOW"); v != "" {
		// After the first frames, so that a dialog is laid out on the window's real size.
		time.AfterFunc(1500*time.Millisecond, func() { m.do(func() { m.showView(v) }) })
	}
	m.app.Run()
}

// showView brings a view to the front: "clusters", "shortlists", "log" (the open shortlist's), "partners",
// "countries", "labels", "followups", "overview", "matches", "import", "import:PATH" (the Import dialog importing
// that file or folder), "about", "start" (Getting started), "history", "restore", "team", "mycluster", "shortcuts",
// "newlist", "cluster:ID", "notes:ID", "partners:ID[:CURIOSITY]" (partner suggestions for that cluster),
// "contacts:ID" or "next:ID" (the contact people or the next step of that cluster on the open shortlist).
func (m *MainWindow) showView(name string) {
	switch name {
	case "clusters":
		m.tabs.Select(m.clusterTab)
	case "shortlists":
		m.tabs.Select(m.listTab)
	case "partners":
		m.tabs.Select(m.partnerTab)
	case "countries": // the Partners tab's Countries… dialog
		m.tabs.Select(m.partnerTab)
		m.partners.onChooseCountries()
	case "labels":
		m.tabs.Select(m.labelTab)
	case "followups":
		m.tabs.Select(m.followTab)
	case "log":
		m.tabs.Select(m.listTab)
		m.shortlists.sections.Select(m.shortlists.logTab)
	case "overview":
		m.tabs.Select(m.mapTab)
	case "matches":
		m.tabs.Select(m.reviewTab)
	case "import":
		m.onImport()
	case "about":
		m.onAbout()
	case "history":
		m.onImportHistory()
	case "restore":
		m.onRestore()
	case "team":
		m.onOpenTeamCatalogue()
	case "start":
		m.onGettingStarted()
	case "mycluster":
		m.tabs.Select(m.partnerTab)
		m.partners.onEditMyCluster()
	case "shortcuts":
		m.onKeyboardShortcuts()
	case "newlist":
		m.tabs.Select(m.listTab)
		m.onNewShortlist()
	default:
		if path, ok := strings.CutPrefix(name, "import:"); ok {
			m.onImport()
			m.importer.addPath(path)
			m.importer.onStart()
			return
		}
		if ref, ok := strings.CutPrefix(name, "partners:"); ok {
			ref, curiosity, _ := strings.Cut(ref, ":") // partners:ID:0.5 sets the curiosity slider too
			if c, err := strconv.ParseFloat(curiosity, 64); err == nil {
				m.partners.curiosity.SetValue(c)
			}
			if id, err := strconv.ParseInt(ref, 10, 64); err == nil {
				m.background(func(ctx context.Context) func() {
					c, err := m.store.Cluster(ctx, id)
					if err != nil {
						return func() { m.showError(err) }
					}
					return func() { m.onFindPartners(c) }
				})
			}
			return
		}
		if ref, ok := strings.CutPrefix(name, "notes:"); ok {
			if id, err := strconv.ParseInt(ref, 10, 64); err == nil {
				m.onOpenCluster(id)
				time.AfterFunc(time.Second, func() { m.do(m.detail.scroll.ScrollToBottom) })
			}
			return
		}
		if ref, ok := strings.CutPrefix(name, "contacts:"); ok {
			m.showEntryDialog(ref, m.onEditPeople)
			return
		}
		if ref, ok := strings.CutPrefix(name, "next:"); ok {
			m.showEntryDialog(ref, m.onEditNext)
			return
		}
		if id, err := strconv.ParseInt(strings.TrimPrefix(name, "cluster:"), 10, 64); err == nil {
			m.onOpenCluster(id)
		}
	}
}

func (m *MainWindow) screenSize() fyne.Size {
	if m.opts.ScreenSize == nil {
		return fyne.Size{}
	}
	return m.opts.ScreenSize()
}

// showEntryDialog opens a dialog (open) of cluster ref's entry on the first shortlist, once the entries have
// arrived.
func (m *MainWindow) showEntryDialog(ref string, open func(data.Entry)) {
	id, err := strconv.ParseInt(ref, 10, 64)
	if err != nil {
		return
	}
	m.tabs.Select(m.listTab)
	m.later(time.Second, func() {
		if e, ok := m.shortlists.entry(id); ok {
			open(e)
		}
	})
}

// renew gives the window a new context and a new set of jobs, when it opens and when it is built again
// (another language, another catalogue). The jobs of the old context finish on their own set, so that they
// neither count as the new one's nor touch it from their goroutines.
func (m *MainWindow) renew() {
	m.ctx, m.stop = context.WithCancel(context.Background())
	m.jobs = &uiJobs{ctx: m.ctx, do: m.do}
}

// onWindowClosed ends the window's work and closes a catalogue the window opened itself (useStore); the one
// it was given is its program's to close.
func (m *MainWindow) onWindowClosed() {
	m.onClosed()
	if m.storeOpened {
		m.store.Close()
	}
}

// onClosed ends the window's work on its catalogue, when it closes and before it is built again, and remembers
// the size and the filters (once, here: Fyne writes the preferences file on every change).
func (m *MainWindow) onClosed() {
	saveState(m.app.Preferences(), m.win.Canvas().Size(), m.lastQuery)
	m.saveDraftsNow()
	m.search.stop()
	m.stop()
	unfollowFocus(m.filters.scroll)
}

// background runs work off the UI goroutine; the function it returns, if any, then runs on the UI goroutine.
func (m *MainWindow) background(work func(ctx context.Context) func()) { m.jobs.run(work) }

// idle reports whether every search and background job has reached the window.
func (m *MainWindow) idle() bool {
	return m.jobs.idle() && m.search.idle() && m.partners.jobs.idle() && m.labels.jobs.idle() && m.followUps.jobs.idle() &&
		m.reviews.jobs.idle()
}

func (m *MainWindow) showError(err error) {
	showErrorOn(m.win, err)
}

// onImport opens the Import dialog; when an import ends, every view shows the catalogue as it now is.
func (m *MainWindow) onImport() {
	m.importer = newImportDialog(m.store, m.win, m.app.Metadata().Version, func(scraper.Summary) {
		m.runSearch(false)
		m.reloadShortlists()
		m.checkBanner()
		m.partners.invalidate()
		m.labels.refresh()
		m.followUps.refresh()
		m.reviews.refresh() // the import dialog then offers the matches it left, if any
	})
	m.importer.onOpenCluster = m.onOpenCluster // the dialog closes itself first
	m.importer.onReview = func() {
		m.importer.onClose()
		m.showView("matches")
	}
	m.importer.do = m.do
	m.importer.parent = m.ctx
	m.importer.show()
}

// onFindPartners shows the partner suggestions for a cluster.
func (m *MainWindow) onFindPartners(c data.Cluster) {
	m.partners.setHome(c)
	m.tabs.Select(m.partnerTab)
}

// onFilterCountry narrows the cluster list to one country, from a tap on the overview's map.
func (m *MainWindow) onFilterCountry(code string) {
	q := m.lastQuery
	q.Countries = []string{code}
	m.filters.setQuery(q)
	m.runSearch(false)
	m.tabs.Select(m.clusterTab)
	m.panes.showResults()
}

func (m *MainWindow) onFocusSearch() {
	m.tabs.Select(m.clusterTab)
	m.panes.showFilters()
	m.win.Canvas().Focus(m.filters.search)
}

// onReviewCount shows how many matches wait, on the tab and in the File menu, and offers them at the end of
// an import.
func (m *MainWindow) onReviewCount(n int) {
	title, item := lang.L("Matches"), lang.L("Review matches…")
	if n > 0 {
		title = lang.L("Matches ({{.Count}})", map[string]any{"Count": formatCount(n)})
		item = lang.L("Review matches ({{.Count}})…", map[string]any{"Count": formatCount(n)})
	}
	if m.reviewTab.Text != title {
		m.reviewTab.Text = title
		m.tabs.Refresh()
	}
	if m.reviewItem.Label != item {
		m.reviewItem.Label = item
		if mm := m.win.MainMenu(); mm != nil {
			mm.Refresh()
		}
	}
	if m.importer != nil {
		m.importer.offerReviews(n)
	}
}

// onMatchDecided shows the catalogue as a settled match left it: a cluster may have gone, another grown, the
// user's notes and entries moved.
func (m *MainWindow) onMatchDecided(kept, gone int64) {
	m.runSearch(false)
	m.reloadShortlists()
	m.partners.invalidate()
	m.labels.refresh()
	m.followUps.refresh()
	if m.detail.shown && gone != 0 && m.detail.cluster.ID == gone && kept != 0 {
		m.onClusterSelected(kept) // the cluster shown was merged away: show the one it went into
		return
	}
	m.reloadDetail()
}
