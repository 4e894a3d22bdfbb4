package app

import (
	"context"
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"clusterbridge/data"
	"clusterbridge/scraper"
)

// importPreset is a public source the dialog offers, with the address the importer starts from.
type importPreset struct {
	id   string // names the preference that remembers whether the user ticked it
	name string
	url  string
}

// importPresets are the three public sources. None is ticked until the user ticks it: an import that reaches
// out to the web is the user's choice, and one made offline would otherwise end in three network errors. The
// choice is remembered for the next import (see presetChosen).
//
// The ECCP preset starts from the platform's search results filtered to cluster organisations, not from its
// sitemap (https://clustercollaboration.eu/sitemap.xml?page=1): the importer follows each result card and the
// Next pages, so every page it fetches is a cluster profile, while the sitemap lists every /content/ page –
// news, events, calls – which would be fetched only to be skipped and would use up the page budget. The
// sitemap is still a good source to type in for a catalogue that is already complete: pages whose lastmod is
// older than their last read are not fetched again.
//
// The EUCLES preset is one label news post: the importer reads the labelled clusters of a post, and does not
// follow the links of the news index; newer posts can be pasted in its place.
func importPresets() []importPreset {
	return []importPreset{
		{"eccp", lang.L("ECCP cluster list"), "https://clustercollaboration.eu/search-results?type=cluster_organisation&page=0"},
		{"esca", lang.L("ESCA labelled clusters"), "https://www.cluster-analysis.org/benchmarked-clusters/"},
		{"eucles", lang.L("EUCLES label news"), "https://eucles.be/july-august-and-september-2024-labellised-clusters"},
	}
}

// progressEvery is the least time between two progress updates of the window (about ten a second).
const progressEvery = 100 * time.Millisecond

// importDialog chooses what to import, runs the import off the UI goroutine with its progress, and shows what
// it did: the counts and every page that failed or was skipped and every value left out, with the reason.
type importDialog struct {
	store   *data.Store
	win     fyne.Window
	version string
	onDone  func(scraper.Summary)
	// onOpenCluster shows a cluster the import added or updated in the Clusters tab.
	onOpenCluster func(id int64)
	// onReview opens the matches an import left for the user (the window's Review matches view).
	onReview func()
	// do runs a function on the UI goroutine: fyne.Do in the app; tests queue them.
	do func(func())
	// newFetcher makes the fetcher of one import; tests make one without the polite delay.
	newFetcher func() *scraper.Fetcher
	// parent ends with the window: closing it stops an import under way, keeping the pages read.
	parent context.Context

	paths    []string // files and folders chosen
	running  bool
	cancel   context.CancelFunc
	progress scraper.Progress // the last progress shown
	summary  scraper.Summary  // the last import's summary, once finished
	changes  []data.RunChange // the clusters it added and updated, by name
	finished bool

	checks      []*formCheck
	urls        []*formEntry
	escaCountry *formSelect // the country of ESCA tables that do not name theirs, as --country does
	countryCode map[string]string
	pathList    *widget.List
	noPaths     *widget.Label
	message     *widget.Label // what is missing before an import can start

	bar                   *widget.ProgressBar
	barMore               *widget.ProgressBarInfinite
	pages                 *widget.Label
	counts                *widget.Label
	current               *widget.Label
	outcome               *widget.Label
	problems              *widget.List
	problem               *widget.Label // the selected problem in full
	changed               *widget.List  // the clusters added and updated; a tap shows one
	noChange              *widget.Label // why the list of clusters is empty
	results               *container.AppTabs
	changeTab, problemTab *container.TabItem

	setupPage, runPage fyne.CanvasObject
	startButton        *formButton
	cancelButton       *formButton
	reviewButton       *formButton // "Review 2 matches…", once an import has ended with matches waiting
	closeButton        *formButton
	againButton        *formButton
	body               *fyne.Container
	dlg                dialog.Dialog
}

func newImportDialog(store *data.Store, win fyne.Window, version string, onDone func(scraper.Summary)) *importDialog {
	if onDone == nil {
		onDone = func(scraper.Summary) {}
	}
	d := &importDialog{store: store, win: win, version: version, onDone: onDone, do: fyne.Do,
		parent: context.Background(), onReview: func() {}, onOpenCluster: func(int64) {}}
	d.newFetcher = func() *scraper.Fetcher { return scraper.NewFetcher(d.version) }
	d.build()
	return d
}

func (d *importDialog) build() {
	sources := container.New(layout.NewFormLayout())
	prefs := fyne.CurrentApp().Preferences()
	for _, p := range importPresets() {
		check := newFormCheck(p.name, nil)
		check.SetChecked(prefs.Bool(prefImportSource + p.id))
		key := prefImportSource + p.id
		check.OnChanged = func(on bool) { prefs.SetBool(key, on) }
		entry := newFormEntry()
		entry.SetText(p.url)
		d.checks, d.urls = append(d.checks, check), append(d.urls, entry)
		sources.Add(check)
		sources.Add(entry)
	}

	// ESCA's tables do not print their country; the page's country form usually says it, else this does.
	notSet := lang.L("As the page says")
	names := []string{notSet}
	d.countryCode = map[string]string{notSet: ""}
	for _, c := range data.Countries {
		names = append(names, countryName(c.Code))
		d.countryCode[countryName(c.Code)] = c.Code
	}
	d.escaCountry = newFormSelect(names, nil)
	d.escaCountry.SetSelectedIndex(0)
	sources.Add(widget.NewLabel(lang.L("ESCA country")))
	sources.Add(d.escaCountry)

	d.pathList = widget.NewList(func() int { return len(d.paths) }, d.createPathRow, d.updatePathRow)
	d.noPaths = widget.NewLabel(lang.L("No files or folders chosen."))
	d.noPaths.Importance = widget.LowImportance
	addFile := newFormButton(lang.L("Add file…"), theme.FileIcon(), d.onAddFile)
	addFolder := newFormButton(lang.L("Add folder…"), theme.FolderOpenIcon(), d.onAddFolder)
	files := container.NewBorder(nil, container.NewHBox(addFile, addFolder), nil, nil,
		withMinHeight(112, container.NewStack(d.pathList, container.NewCenter(d.noPaths))))

	note := widget.NewLabel(lang.L("Web pages are read politely: one request a second to each site, at most 500 pages an import, robots.txt honoured. Saved pages (HTML, XML sitemaps) and CSV files are read as they are; a folder is read with its subfolders. Importing again updates what changed."))
	note.Wrapping = fyne.TextWrapWord
	note.SizeName = theme.SizeNameCaptionText
	d.message = widget.NewLabel("")
	d.message.Importance = widget.DangerImportance
	d.message.Hide()

	d.setupPage = container.NewVScroll(container.NewVBox(
		sectionTitle(lang.L("Public sources")), sources,
		sectionTitle(lang.L("Files and folders")), files,
		note, d.message,
	))

	d.bar = widget.NewProgressBar()
	d.barMore = widget.NewProgressBarInfinite()
	d.barMore.Stop()
	d.barMore.Hide()
	d.pages = widget.NewLabel("")
	d.counts = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	d.current = widget.NewLabel("")
	d.current.Truncation = fyne.TextTruncateEllipsis
	d.outcome = widget.NewLabel("")
	d.outcome.Wrapping = fyne.TextWrapWord
	d.outcome.Hide()
	d.problems = widget.NewList(func() int { return len(d.summary.Problems) }, d.createProblemRow, d.updateProblemRow)
	d.problems.OnSelected = d.onProblemSelected
	d.problem = widget.NewLabel("")
	d.problem.Wrapping = fyne.TextWrapWord
	d.problem.Hide()
	top := container.NewVBox(d.outcome, container.NewStack(d.bar, d.barMore), d.pages, d.counts, d.current)
	d.changed = widget.NewList(func() int { return len(d.changes) }, newTwoLineRow, d.updateChangeRow)
	d.changed.OnSelected = d.onChangeSelected
	d.noChange = widget.NewLabel("")
	d.noChange.Importance = widget.LowImportance
	d.changeTab = container.NewTabItem("", container.NewStack(d.changed, container.NewCenter(d.noChange)))
	d.problemTab = container.NewTabItem("", container.NewBorder(nil, d.problem, nil, nil, d.problems))
	d.results = container.NewAppTabs(d.changeTab, d.problemTab)
	d.runPage = container.NewBorder(top, nil, nil, nil, d.results)
	d.runPage.Hide()

	d.startButton = newFormButton(lang.L("Import"), theme.DownloadIcon(), d.onStart)
	d.startButton.Importance = widget.HighImportance
	d.cancelButton = newFormButton(lang.L("Cancel import"), theme.CancelIcon(), d.onCancel)
	d.cancelButton.Hide()
	d.againButton = newFormButton(lang.L("Import more…"), nil, d.onAgain)
	d.againButton.Hide()
	d.closeButton = newFormButton(lang.L("Close"), nil, d.onClose)
	d.reviewButton = newFormButton("", theme.ContentCopyIcon(), func() { d.onReview() })
	d.reviewButton.Importance = widget.HighImportance
	d.reviewButton.Hide()
	buttons := container.NewHBox(layout.NewSpacer(), d.reviewButton, d.againButton, d.closeButton, d.cancelButton, d.startButton)
	d.body = container.NewBorder(nil, buttons, nil, nil, container.NewStack(d.setupPage, d.runPage))
}

// show opens the dialog over the window.
func (d *importDialog) show() {
	d.dlg = dialog.NewCustomWithoutButtons(lang.L("Import clusters"), d.body, d.win)
	d.dlg.Resize(fyne.NewSize(760, 580))
	followWhileShown(d.dlg, d.setupPage.(*container.Scroll))
	showKeyed(d.win, d.dlg, d.onEnter, d.onEscape)
}

func (d *importDialog) createPathRow() fyne.CanvasObject {
	remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), nil)
	remove.Importance = widget.LowImportance
	l := widget.NewLabel("")
	l.Truncation = fyne.TextTruncateEllipsis
	return container.NewBorder(nil, nil, nil, remove, l)
}

func (d *importDialog) updatePathRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(d.paths) {
		return
	}
	row := o.(*fyne.Container)
	row.Objects[0].(*widget.Label).SetText(d.paths[id])
	row.Objects[1].(*widget.Button).OnTapped = func() { d.removePath(id) }
}

func (d *importDialog) onAddFile() {
	open := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			showErrorOn(d.win, err)
			return
		}
		if r == nil {
			return // cancelled
		}
		path := r.URI().Path()
		r.Close()
		d.addPath(path)
	}, d.win)
	open.SetFilter(storage.NewExtensionFileFilter([]string{".html", ".htm", ".xhtml", ".xml", ".csv"}))
	open.Resize(fyne.NewSize(800, 560))
	showFileDialog(d.win, open)
}

func (d *importDialog) onAddFolder() {
	open := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil {
			showErrorOn(d.win, err)
			return
		}
		if u != nil {
			d.addPath(u.Path())
		}
	}, d.win)
	open.Resize(fyne.NewSize(800, 560))
	showFileDialog(d.win, open)
}

// addPath adds a file or folder to import, once.
func (d *importDialog) addPath(p string) {
	for _, q := range d.paths {
		if q == p {
			return
		}
	}
	d.paths = append(d.paths, p)
	d.showPaths()
}

func (d *importDialog) removePath(i int) {
	if i < 0 || i >= len(d.paths) {
		return
	}
	d.paths = append(d.paths[:i:i], d.paths[i+1:]...)
	d.showPaths()
}

func (d *importDialog) showPaths() {
	d.pathList.Refresh()
	if len(d.paths) == 0 {
		d.noPaths.Show()
	} else {
		d.noPaths.Hide()
	}
}

// sources are the addresses ticked and the files chosen, in that order.
func (d *importDialog) sources() []string {
	var out []string
	for i, c := range d.checks {
		if u := strings.TrimSpace(d.urls[i].Text); c.Checked && u != "" {
			out = append(out, u)
		}
	}
	return append(out, d.paths...)
}

func (d *importDialog) onStart() {
	sources := d.sources()
	if len(sources) == 0 {
		d.message.SetText(lang.L("Tick a source or add a file or folder to import."))
		d.message.Show()
		d.relayout()
		return
	}
	d.message.Hide()
	d.start(sources)
}

// start runs the import of sources in a goroutine; its progress reaches the window through do, at most about
// ten times a second, and its end through finish.
func (d *importDialog) start(sources []string) {
	ctx, cancel := context.WithCancel(d.parent)
	d.cancel, d.running, d.finished = cancel, true, false
	d.summary = scraper.Summary{}
	d.showChanges(nil, nil)
	d.progress = scraper.Progress{}
	d.showRunning()

	opts := scraper.ImportOptions{Fetcher: d.newFetcher(),
		Parse: scraper.Options{Country: d.countryCode[d.escaCountry.Selected]}}
	var last scraper.Progress
	var sent time.Time
	opts.Progress = func(p scraper.Progress) { // on the import's goroutine
		last = p
		if now := time.Now(); now.Sub(sent) >= progressEvery {
			sent = now
			d.do(func() { d.showProgress(p) })
		}
	}
	go func() {
		sum, err := scraper.Import(ctx, sources, opts, d.store)
		cancel()
		changes, changesErr := d.store.RunChanges(context.WithoutCancel(ctx), sum.RunID)
		d.do(func() {
			d.showProgress(last)
			d.showChanges(changes, changesErr)
			d.finish(sum, err)
		})
	}()
}

func (d *importDialog) onCancel() {
	if d.cancel != nil {
		d.cancel()
	}
	d.cancelButton.Disable()
	d.cancelButton.SetText(lang.L("Cancelling…"))
}

func (d *importDialog) onClose() {
	if d.running {
		return
	}
	if d.dlg != nil {
		d.dlg.Hide()
	}
}

// onAgain goes back to the choice of sources.
func (d *importDialog) onAgain() {
	d.finished = false
	d.reviewButton.Hide()
	d.runPage.Hide()
	d.setupPage.Show()
	d.againButton.Hide()
	d.startButton.Show()
	d.relayout()
}

func (d *importDialog) showRunning() {
	d.setupPage.Hide()
	d.pages.Show()
	d.runPage.Show()
	d.outcome.Hide()
	d.problem.Hide()
	d.current.Show()
	d.problems.UnselectAll()
	d.problems.Refresh()
	d.startButton.Hide()
	d.againButton.Hide()
	d.closeButton.Hide()
	d.reviewButton.Hide()
	d.cancelButton.Enable()
	d.cancelButton.SetText(lang.L("Cancel import"))
	d.cancelButton.Show()
	d.showProgress(scraper.Progress{})
	d.relayout()
}

// showProgress shows how far the import has come: a bar while the number of pages is known, a moving one
// while it is not.
func (d *importDialog) showProgress(p scraper.Progress) {
	d.progress = p
	if p.Total > 0 {
		d.barMore.Stop()
		d.barMore.Hide()
		d.bar.Max = float64(p.Total)
		d.bar.SetValue(float64(min(p.Done, p.Total)))
		d.bar.Show()
	} else if d.running && !d.barMore.Visible() {
		d.bar.Hide()
		d.barMore.Show()
		d.barMore.Start()
	}
	d.pages.SetText(lang.L("Page {{.Done}} of {{.Total}}", map[string]any{"Done": formatCount(p.Done), "Total": formatCount(p.Total)}))
	d.counts.SetText(lang.L("So far: {{.Counts}}.", map[string]any{"Counts": countsText(p.Counts)}))
	if p.Current != "" && d.running {
		d.current.SetText(lang.L("Reading {{.Page}}", map[string]any{"Page": p.Current}))
	} else {
		d.current.SetText("")
	}
}

// countsText words an import's counts: clusters (records) added, updated and unchanged, then the pages
// skipped and the pages or files that failed, when there are any. Clusters and pages are counted apart, as a
// page may hold many clusters or none.
func countsText(c data.RunCounts) string {
	text := lang.L("{{.Added}}, {{.Updated}}, {{.Unchanged}}", map[string]any{
		"Added":     lang.N("{{.Count}} clusters added", c.Added, map[string]any{"Count": c.Added}),
		"Updated":   lang.N("{{.Count}} updated", c.Updated, map[string]any{"Count": c.Updated}),
		"Unchanged": lang.N("{{.Count}} unchanged", c.Unchanged, map[string]any{"Count": c.Unchanged}),
	})
	var others []string
	if c.Skipped > 0 {
		others = append(others, lang.N("{{.Count}} pages skipped", c.Skipped, map[string]any{"Count": formatCount(c.Skipped)}))
	}
	if c.Failed > 0 {
		if c.Skipped > 0 {
			others = append(others, lang.N("{{.Count}} failed", c.Failed, map[string]any{"Count": formatCount(c.Failed)}))
		} else {
			others = append(others, lang.N("{{.Count}} pages failed", c.Failed, map[string]any{"Count": formatCount(c.Failed)}))
		}
	}
	switch len(others) {
	case 1:
		text = lang.L("{{.Clusters}}; {{.Pages}}", map[string]any{"Clusters": text, "Pages": others[0]})
	case 2:
		text = lang.L("{{.Clusters}}; {{.Skipped}}, {{.Failed}}", map[string]any{"Clusters": text, "Skipped": others[0], "Failed": others[1]})
	}
	return text
}

// summaryText is what an import did, in one sentence whose counts add up: the pages read whole, what their
// clusters were, and the pages skipped or failed besides, e.g. "Read 13 pages: 9 clusters added, 3 updated,
// 1 unchanged; 1 page skipped, 3 failed."
func summaryText(sum scraper.Summary) string {
	return lang.L("{{.Read}}: {{.Counts}}.", map[string]any{
		"Read":   lang.N("Read {{.Count}} pages", sum.Pages, map[string]any{"Count": formatCount(sum.Pages)}),
		"Counts": countsText(sum.RunCounts),
	})
}

// finish shows what the import did and tells the window, which refreshes its lists.
func (d *importDialog) finish(sum scraper.Summary, err error) {
	d.running, d.finished, d.summary = false, true, sum
	d.barMore.Stop()
	d.barMore.Hide()
	if d.progress.Total > 0 {
		d.bar.Show()
	}
	// One sentence says it all; the running page count would only stand beside it and count other things.
	d.pages.Hide()
	d.counts.SetText(summaryText(sum))
	d.current.SetText("")
	d.current.Hide()
	var msg string
	switch {
	case sum.Cancelled:
		msg = lang.L("Import cancelled. The pages read so far are kept; importing the same sources again goes on from there.")
	case err != nil && !errors.Is(err, context.Canceled):
		msg = lang.L("The import stopped: {{.Error}}", map[string]any{"Error": errorText(err)})
	case !sum.AnyRead():
		msg = lang.L("No source could be read. The reasons are below.")
	case len(sum.Problems) > sum.Warnings:
		msg = lang.L("Import finished. {{.Count}} pages or records had a problem and {{.Warnings}} values were left out; select one to read the reason in full.",
			map[string]any{"Count": formatCount(len(sum.Problems) - sum.Warnings), "Warnings": formatCount(sum.Warnings)})
	case sum.Warnings > 0:
		msg = lang.L("Import finished. {{.Warnings}} values could not be read and were left out; select one to read the reason in full.",
			map[string]any{"Warnings": formatCount(sum.Warnings)})
	default:
		msg = lang.L("Import finished without problems.")
	}
	d.outcome.SetText(msg)
	d.outcome.Show()
	d.problems.Refresh()
	d.problemTab.Text = lang.L("Problems ({{.Count}})", map[string]any{"Count": formatCount(len(sum.Problems))})
	if len(d.changes) == 0 && len(sum.Problems) > 0 {
		d.results.Select(d.problemTab) // nothing to show but what went wrong
	} else {
		d.results.Select(d.changeTab)
	}
	d.results.Refresh()
	d.cancelButton.Hide()
	d.closeButton.Show()
	d.againButton.Show()
	d.relayout()
	d.onDone(sum)
}

// createProblemRow makes a row of two lines: what went wrong where, in bold, and the reason below.
func (d *importDialog) createProblemRow() fyne.CanvasObject { return newTwoLineRow() }

func (d *importDialog) updateProblemRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(d.summary.Problems) {
		return
	}
	p := d.summary.Problems[id]
	setTwoLineRow(o, problemKindName(p.Kind)+": "+p.URL, p.Reason)
}

func (d *importDialog) onProblemSelected(id widget.ListItemID) {
	if id >= len(d.summary.Problems) {
		return
	}
	p := d.summary.Problems[id]
	d.problem.SetText(problemKindName(p.Kind) + ": " + p.URL + "\n" + p.Reason)
	d.problem.Show()
	d.relayout()
}

// relayout lays the dialog out again after parts of it were shown or hidden.
func (d *importDialog) relayout() {
	d.body.Refresh()
}

func problemKindName(kind string) string {
	switch kind {
	case data.ProblemFailed:
		return lang.L("Failed")
	case data.ProblemSkipped:
		return lang.L("Skipped")
	case data.ProblemAmbiguous:
		return lang.L("Ambiguous")
	case data.ProblemWarning:
		return lang.L("Warning")
	}
	return kind
}

// offerReviews offers, once an import has ended, the matches waiting for the user: records that fit several
// clusters and clusters that are probably one organisation (n of them, this import's and earlier ones').
func (d *importDialog) offerReviews(n int) {
	if !d.finished || d.running || n == 0 {
		d.reviewButton.Hide()
		d.relayout()
		return
	}
	d.reviewButton.SetText(lang.N("Review {{.Count}} matches…", n, map[string]any{"Count": formatCount(n)}))
	d.reviewButton.Show()
	d.relayout()
}

// onEscape cancels a running import, and otherwise closes the dialog.
func (d *importDialog) onEscape() {
	if d.running {
		if !d.cancelButton.Disabled() {
			d.onCancel()
		}
		return
	}
	d.onClose()
}

// onEnter starts the import from the choice of sources, and closes the dialog once it has finished.
func (d *importDialog) onEnter() {
	switch {
	case d.running:
	case d.startButton.Visible() && !d.startButton.Disabled():
		d.onStart()
	case d.finished:
		d.onClose()
	}
}

// showChanges lists the clusters the import added and updated, or why it cannot.
func (d *importDialog) showChanges(changes []data.RunChange, err error) {
	d.changes = changes
	d.changed.UnselectAll()
	d.changed.Refresh()
	d.changeTab.Text = lang.L("Clusters added and updated ({{.Count}})", map[string]any{"Count": formatCount(len(changes))})
	switch {
	case err != nil:
		d.noChange.SetText(lang.L("The clusters this import changed cannot be listed: {{.Error}}", map[string]any{"Error": errorText(err)}))
	case len(changes) == 0:
		d.noChange.SetText(lang.L("No cluster was added or updated."))
	}
	d.noChange.Hidden = len(changes) > 0
	d.noChange.Refresh()
}

func (d *importDialog) updateChangeRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(d.changes) {
		return
	}
	c := d.changes[id]
	what := lang.L("Added")
	if c.Change == data.ChangeUpdated {
		what = lang.L("Updated")
	}
	if c.Country != "" {
		what += " · " + countryName(c.Country)
	}
	setTwoLineRow(o, c.Name, what)
}

// onChangeSelected shows the cluster tapped in the Clusters tab, closing the dialog over it.
func (d *importDialog) onChangeSelected(id widget.ListItemID) {
	if id >= len(d.changes) || d.running {
		return
	}
	d.changed.UnselectAll() // so that tapping it again, after coming back, shows it again
	d.onClose()
	d.onOpenCluster(d.changes[id].ClusterID)
}
