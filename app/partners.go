package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"clusterbridge/data"
	"clusterbridge/suggest"
)

// prefMyCluster keeps the user's own cluster profile ("my cluster") as JSON.
const prefMyCluster = "partners.mycluster"

// prefPartnerCountries keeps the Partners country choice: "" for any country, a ready group's name, or the
// codes of the countries chosen one by one ("NL,BE").
const prefPartnerCountries = "partners.countries"

// partnerLimit is how many suggestions the list shows, best first.
const partnerLimit = 100

// myCluster is the user's own cluster as a profile: what partners are sought for when it is not in the
// catalogue.
type myCluster struct {
	Name       string           `json:"name"`
	Country    string           `json:"country"`
	Ecosystems []data.Ecosystem `json:"ecosystems"`
	Keywords   string           `json:"keywords"`
}

func (c myCluster) home() suggest.Home {
	return suggest.Home{Name: c.Name, Country: c.Country, Ecosystems: c.Ecosystems, Keywords: c.Keywords}
}

func loadMyCluster(p fyne.Preferences) (myCluster, bool) {
	var c myCluster
	s := p.String(prefMyCluster)
	if s == "" || json.Unmarshal([]byte(s), &c) != nil || strings.TrimSpace(c.Name) == "" {
		return myCluster{}, false
	}
	return c, true
}

func saveMyCluster(p fyne.Preferences, c myCluster) {
	if b, err := json.Marshal(c); err == nil {
		p.SetString(prefMyCluster, string(b))
	}
}

// suggestIndex keeps the catalogue prepared for suggestions, built again when the catalogue changed: when it
// holds another number of clusters, or an import ran since.
type suggestIndex struct {
	mu   sync.Mutex
	key  string
	ix   *suggest.Index
	byID map[int64]*data.Cluster // the clusters indexed, for the reason lines
}

// catalogueKey changes whenever the catalogue's clusters may have: their number, or the latest import run.
func catalogueKey(ctx context.Context, store *data.Store) (string, error) {
	n, err := store.Count(ctx)
	if err != nil {
		return "", err
	}
	runs, err := store.ImportRuns(ctx, 1)
	if err != nil {
		return "", err
	}
	key := fmt.Sprint(n)
	if len(runs) > 0 {
		key += fmt.Sprintf("/%d/%s", runs[0].ID, runs[0].FinishedAt)
	}
	return key, nil
}

// get returns the index of the catalogue as it is, building it when needed; preparing is called first then.
func (s *suggestIndex) get(ctx context.Context, store *data.Store, preparing func()) (*suggest.Index, map[int64]*data.Cluster, error) {
	key, err := catalogueKey(ctx, store)
	if err != nil {
		return nil, nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ix != nil && s.key == key {
		return s.ix, s.byID, nil
	}
	preparing()
	cs, err := store.AllClusters(ctx)
	if err != nil {
		return nil, nil, err
	}
	s.byID = make(map[int64]*data.Cluster, len(cs))
	for i := range cs {
		s.byID[cs[i].ID] = &cs[i]
	}
	s.ix, s.key = suggest.NewIndex(cs), key
	return s.ix, s.byID, nil
}

func (s *suggestIndex) forget() {
	s.mu.Lock()
	s.ix, s.key, s.byID = nil, "", nil
	s.mu.Unlock()
}

// partner is a suggestion with its reason phrased in the window's language.
type partner struct {
	suggest.Suggestion
	Why string
}

// partnersView ranks partner clusters abroad for a home cluster – one of the catalogue, or "my cluster" – with
// why each fits, and adds them to shortlists.
type partnersView struct {
	store  *data.Store
	win    fyne.Window
	prefs  fyne.Preferences
	onOpen func(id int64)
	// onShortlisted hears when a suggestion was added to a shortlist, for the window to refresh its lists.
	onShortlisted func()
	lastNotice    string // the last "already on" message shown, for tests
	jobs          uiJobs
	index         suggestIndex

	home        suggest.Home
	hasHome     bool
	suggestions []partner
	busy        bool // a suggestion job is under way
	again       bool // the options changed while it ran

	// countryCodes are the countries chosen one by one in the Countries… dialog (nil when none were);
	// country is the country choice shown, to go back to when that dialog is cancelled.
	countryCodes []string
	country      string
	countryForm  *checkList // the open Countries… dialog's checklist, for tests

	homeName  *widget.Label
	curiosity *widget.Slider
	group     *widget.Select
	validOnly *widget.Check
	status    *widget.Label
	preparing *widget.ProgressBarInfinite
	list      *widget.List
	empty     *widget.Label
	body      fyne.CanvasObject
}

func newPartnersView(store *data.Store, win fyne.Window, onOpen func(id int64)) *partnersView {
	if onOpen == nil {
		onOpen = func(int64) {}
	}
	p := &partnersView{store: store, win: win, onOpen: onOpen, onShortlisted: func() {},
		jobs: uiJobs{do: fyne.Do}, prefs: fyne.CurrentApp().Preferences()}
	p.build()
	return p
}

// groupChoices are the country filter's choices: any country, then the ready groups.
func groupChoices() []string {
	out := []string{lang.L("Any country")}
	for _, g := range suggest.CountryGroups {
		out = append(out, groupName(g.Name))
	}
	return out
}

func groupName(name string) string {
	switch name {
	case "Nordic":
		return lang.L("Nordic")
	case "Baltic":
		return lang.L("Baltic")
	case "Benelux":
		return lang.L("Benelux")
	case "DACH":
		return lang.L("DACH")
	case "Iberia":
		return lang.L("Iberia")
	}
	return name
}

func (p *partnersView) build() {
	p.homeName = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.homeName.Truncation = fyne.TextTruncateEllipsis
	mine := widget.NewButtonWithIcon(lang.L("My cluster"), theme.HomeIcon(), p.onUseMyCluster)
	edit := widget.NewButtonWithIcon(lang.L("Edit my cluster…"), theme.DocumentCreateIcon(), p.onEditMyCluster)

	p.curiosity = widget.NewSlider(0, 1)
	p.curiosity.Step = 0.05
	p.curiosity.OnChanged = func(float64) { p.onOptionsChanged() }
	p.group = widget.NewSelect(nil, nil)
	p.loadCountryChoice()
	p.group.OnChanged = p.onCountryChanged
	p.validOnly = widget.NewCheck(lang.L("Valid labels only"), func(bool) { p.onOptionsChanged() })

	similar := widget.NewLabel(lang.L("Most similar"))
	similar.SizeName = theme.SizeNameCaptionText
	complementary := widget.NewLabel(lang.L("Most complementary"))
	complementary.SizeName = theme.SizeNameCaptionText
	slider := container.NewBorder(nil, nil, similar, complementary, p.curiosity)

	options := container.New(layout.NewFormLayout(),
		widget.NewLabel(lang.L("Partners for")), container.NewBorder(nil, nil, nil, container.NewHBox(mine, edit), p.homeName),
		widget.NewLabel(lang.L("Curiosity")), slider,
		widget.NewLabel(lang.L("Countries")), container.NewBorder(nil, nil, nil, p.validOnly, p.group),
	)

	p.status = widget.NewLabel("")
	p.preparing = widget.NewProgressBarInfinite()
	p.preparing.Stop()
	p.preparing.Hide()

	p.list = widget.NewList(func() int { return len(p.suggestions) }, p.createRow, p.updateRow)
	p.list.OnSelected = p.onRowSelected
	p.empty = widget.NewLabelWithStyle(lang.L("Choose a cluster and press Find partners, or use My cluster."),
		fyne.TextAlignCenter, fyne.TextStyle{})
	p.empty.Wrapping = fyne.TextWrapWord

	top := container.NewVBox(options, widget.NewSeparator(), p.status, p.preparing)
	// The empty note spans the full width: a wrapping label in a Center layout gets no width and grows a word per
	// line, which made the whole window over 1,300 pixels tall.
	empty := container.NewVBox(layout.NewSpacer(), p.empty, layout.NewSpacer())
	p.body = container.NewBorder(top, nil, nil, nil, container.NewStack(p.list, empty))
	p.showHome()
}

func (p *partnersView) content() fyne.CanvasObject { return p.body }

// setHome seeks partners for a cluster of the catalogue.
func (p *partnersView) setHome(c data.Cluster) {
	p.setHomeTo(suggest.HomeFromCluster(c))
}

func (p *partnersView) setHomeTo(h suggest.Home) {
	p.home, p.hasHome = h, true
	p.suggestions = nil
	p.list.UnselectAll()
	p.list.ScrollToTop()
	p.list.Refresh()
	p.showHome()
	p.refresh()
}

// invalidate drops the prepared catalogue, for after an import; the next suggestions prepare it again.
func (p *partnersView) invalidate() {
	p.index.forget()
	if p.hasHome {
		p.refresh()
	}
}

func (p *partnersView) showHome() {
	if !p.hasHome {
		p.homeName.SetText(lang.L("no cluster chosen"))
		p.status.SetText("")
		p.empty.Show()
		return
	}
	name := p.home.Name
	if p.home.Country != "" {
		name += " (" + countryName(p.home.Country) + ")"
	}
	p.homeName.SetText(name)
}

// options are the list's filters as the controls say.
func (p *partnersView) options() suggest.Options {
	o := suggest.Options{Limit: partnerLimit, Curiosity: p.curiosity.Value, ValidOnly: p.validOnly.Checked,
		Today: p.store.Today()}
	o.Countries = p.chosenCountries()
	return o
}

// chosenCountries are the codes the country choice stands for; nil for any country.
func (p *partnersView) chosenCountries() []string {
	sel := p.group.Selected
	for _, g := range suggest.CountryGroups {
		if sel == groupName(g.Name) {
			return slices.Clone(g.Codes)
		}
	}
	if len(p.countryCodes) > 0 && sel == countriesText(p.countryCodes) {
		return slices.Clone(p.countryCodes)
	}
	return nil
}

// countryChoices are the country filter's choices: any country, the ready groups, the countries chosen one by
// one (when they were), and Countries… to choose them.
func (p *partnersView) countryChoices() []string {
	out := groupChoices()
	if len(p.countryCodes) > 0 {
		out = append(out, countriesText(p.countryCodes))
	}
	return append(out, lang.L("Countries…"))
}

// countriesText names chosen countries for the country filter: "Netherlands, Belgium", or "5 countries" for
// more than three.
func countriesText(codes []string) string {
	if len(codes) > 3 {
		return lang.N("{{.Count}} countries", len(codes), map[string]any{"Count": formatCount(len(codes))})
	}
	names := make([]string, len(codes))
	for i, c := range codes {
		names[i] = countryName(c)
	}
	return strings.Join(names, ", ")
}

// loadCountryChoice shows the country choice the preferences keep.
func (p *partnersView) loadCountryChoice() {
	saved := p.prefs.String(prefPartnerCountries)
	choice := groupChoices()[0]
	if g, ok := groupNamed(saved); ok {
		choice = groupName(g.Name)
	} else if codes, unknown := suggest.ExpandCountries(strings.Split(saved, ",")); len(codes) > 0 && len(unknown) == 0 {
		p.countryCodes = codes
		choice = countriesText(codes)
	}
	p.group.SetOptions(p.countryChoices())
	p.group.SetSelected(choice)
	p.country = choice
}

func groupNamed(name string) (suggest.CountryGroup, bool) {
	for _, g := range suggest.CountryGroups {
		if g.Name == name {
			return g, true
		}
	}
	return suggest.CountryGroup{}, false
}

// saveCountryChoice keeps the country choice shown in the preferences.
func (p *partnersView) saveCountryChoice() {
	saved := ""
	for _, g := range suggest.CountryGroups {
		if p.group.Selected == groupName(g.Name) {
			saved = g.Name
		}
	}
	if len(p.countryCodes) > 0 && p.group.Selected == countriesText(p.countryCodes) {
		saved = strings.Join(p.countryCodes, ",")
	}
	p.prefs.SetString(prefPartnerCountries, saved)
}

func (p *partnersView) onCountryChanged(v string) {
	if v == lang.L("Countries…") {
		p.onChooseCountries()
		return
	}
	if v == p.country {
		return
	}
	p.country = v
	p.saveCountryChoice()
	p.onOptionsChanged()
}

// onChooseCountries asks which countries to look in, from those the catalogue holds.
func (p *partnersView) onChooseCountries() {
	p.jobs.run(func(ctx context.Context) func() {
		ix, _, err := p.index.get(ctx, p.store, func() {})
		var codes []string
		if err == nil {
			codes = ix.Countries()
		}
		return func() {
			if err != nil {
				p.setCountryChoice(p.country)
				showErrorOn(p.win, err)
				return
			}
			p.askCountries(codes)
		}
	})
}

func (p *partnersView) askCountries(codes []string) {
	slices.SortFunc(codes, func(a, b string) int { return strings.Compare(countryName(a), countryName(b)) })
	names := make([]string, len(codes))
	var chosen []string
	for i, c := range codes {
		names[i] = countryName(c)
		if slices.Contains(p.countryCodes, c) {
			chosen = append(chosen, names[i])
		}
	}
	checks := newCheckList(names)
	checks.SetSelected(chosen)
	p.countryForm = checks
	d := newFormDialog(lang.L("Countries"), lang.L("Choose"), lang.L("Cancel"),
		[]*widget.FormItem{widget.NewFormItem(lang.L("Look in"), checks)},
		func(ok bool) {
			p.countryForm = nil
			var picked []string
			for i, n := range names {
				if ok && slices.Contains(checks.Selected, n) {
					picked = append(picked, codes[i])
				}
			}
			p.onCountriesChosen(picked)
		}, p.win)
	d.Resize(fyne.NewSize(420, 520))
	showForm(p.win, d)
}

// onCountriesChosen looks in the countries chosen in the Countries… dialog; none (or Cancel) leaves the filter
// as it was.
func (p *partnersView) onCountriesChosen(codes []string) {
	if len(codes) == 0 {
		p.setCountryChoice(p.country)
		return
	}
	p.countryCodes = codes
	p.group.SetOptions(p.countryChoices())
	p.setCountryChoice(countriesText(codes))
	p.country = p.group.Selected
	p.saveCountryChoice()
	p.onOptionsChanged()
}

// setCountryChoice shows a choice without acting on it.
func (p *partnersView) setCountryChoice(v string) {
	on := p.group.OnChanged
	p.group.OnChanged = nil
	p.group.SetSelected(v)
	p.group.OnChanged = on
}

func (p *partnersView) onOptionsChanged() {
	if p.hasHome {
		p.refresh()
	}
}

// refresh ranks the suggestions again off the UI goroutine. While one ranking runs, changes wait for it and
// then run once with the newest options, so that dragging the slider never piles up work.
func (p *partnersView) refresh() {
	if p.busy {
		p.again = true
		return
	}
	p.busy = true
	home, opts := p.home, p.options()
	p.jobs.run(func(ctx context.Context) func() {
		ix, byID, err := p.index.get(ctx, p.store, func() { p.jobs.do(p.showPreparing) })
		var list []partner
		if err == nil {
			opts.Shortlisted, err = p.store.ShortlistedIDs(ctx)
		}
		if err == nil {
			for _, s := range ix.Suggest(home, opts) {
				if c, ok := byID[s.ID]; ok {
					list = append(list, partner{s, partnerWhy(s, *c, opts.Today)})
				}
			}
		}
		return func() {
			p.busy = false
			if p.again {
				p.again = false
				p.refresh()
				return
			}
			p.preparing.Stop()
			p.preparing.Hide()
			if err != nil {
				p.status.SetText(lang.L("Cannot suggest partners: {{.Error}}", map[string]any{"Error": errorText(err)}))
				return
			}
			p.show(list)
		}
	})
}

func (p *partnersView) showPreparing() {
	p.status.SetText(lang.L("Preparing the catalogue for suggestions…"))
	p.preparing.Show()
	p.preparing.Start()
}

func (p *partnersView) show(list []partner) {
	p.suggestions = list
	p.list.UnselectAll()
	p.list.Refresh()
	if len(list) == 0 {
		p.status.SetText(lang.L("No partner abroad fits these filters."))
		p.empty.SetText(lang.L("Try another country group, more curiosity, or all labels."))
		p.empty.Show()
		return
	}
	p.empty.Hide()
	// No "✓" here: the theme's font lacks it, and one such glyph makes Fyne load and keep system fallback fonts
	// (about 15 MB).
	status := lang.L("{{.Count}} partners abroad, best first; a tick marks those on a shortlist. Click one to open it, + to shortlist it.",
		map[string]any{"Count": formatCount(len(list))})
	if closed := closedCount(list); closed > 0 {
		status += " " + lang.N("{{.Count}} you marked closed come last.", closed, map[string]any{"Count": formatCount(closed)})
	}
	p.status.SetText(status)
}

func closedCount(list []partner) int {
	n := 0
	for _, s := range list {
		if s.Closed {
			n++
		}
	}
	return n
}

func (p *partnersView) onRowSelected(id widget.ListItemID) {
	p.list.Unselect(id)
	if id >= 0 && id < len(p.suggestions) {
		p.onOpen(p.suggestions[id].ID)
	}
}

func (p *partnersView) createRow() fyne.CanvasObject {
	return newPartnerRow(p.onAddClicked)
}

func (p *partnersView) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(p.suggestions) {
		return
	}
	o.(*partnerRow).set(id, p.suggestions[id])
}

// onAddClicked asks which shortlist to add a suggestion to: one of those there are, or a new one.
func (p *partnersView) onAddClicked(i int) {
	if i < 0 || i >= len(p.suggestions) {
		return
	}
	s := p.suggestions[i]
	p.jobs.run(func(ctx context.Context) func() {
		lists, err := p.store.Shortlists(ctx)
		return func() {
			if err != nil {
				showErrorOn(p.win, err)
				return
			}
			p.askShortlist(s, lists)
		}
	})
}

func (p *partnersView) askShortlist(s partner, lists []data.Shortlist) {
	newList := lang.L("New shortlist…")
	names := make([]string, 0, len(lists)+1)
	for _, l := range lists {
		names = append(names, l.Name)
	}
	names = append(names, newList)
	name := newFormEntry()
	name.SetPlaceHolder(lang.L("Name of the new shortlist"))
	choice := newFormSelect(names, func(v string) {
		if v == newList {
			name.Enable()
		} else {
			name.Disable()
		}
	})
	choice.SetSelectedIndex(0)
	if len(lists) == 0 {
		choice.SetSelected(newList)
	}
	d := newFormDialog(lang.L("Add {{.Name}} to a shortlist", map[string]any{"Name": s.Name}), lang.L("Add"), lang.L("Cancel"),
		[]*widget.FormItem{
			widget.NewFormItem(lang.L("Shortlist"), choice),
			widget.NewFormItem(lang.L("New name"), name),
		}, func(ok bool) {
			if !ok {
				return
			}
			i := choice.SelectedIndex()
			if i >= 0 && i < len(lists) {
				p.addToShortlist(s.ID, lists[i].ID, "")
				return
			}
			p.addToShortlist(s.ID, 0, name.Text)
		}, p.win)
	d.Resize(fyne.NewSize(480, 220))
	showForm(p.win, d)
}

// addToShortlist adds a cluster to a shortlist as a candidate; listID 0 creates the shortlist newName first.
// A cluster already on the list keeps its entry (status, contact person) and the user is told so.
func (p *partnersView) addToShortlist(clusterID, listID int64, newName string) {
	p.jobs.run(func(ctx context.Context) func() {
		var err error
		if listID == 0 {
			if strings.TrimSpace(newName) == "" {
				err = errors.New(lang.L("A shortlist needs a name."))
			} else {
				var l data.Shortlist
				l, err = p.store.CreateShortlist(ctx, newName, "")
				listID = l.ID
			}
		}
		added := false
		if err == nil {
			added, err = p.store.AddToShortlist(ctx, listID, clusterID, data.EntryCandidate, "")
		}
		var entry data.Membership
		if err == nil && !added {
			entry, err = p.store.Entry(ctx, listID, clusterID)
		}
		return func() {
			if err != nil {
				showErrorOn(p.win, err)
				return
			}
			if !added { // it keeps its status and contact: say so rather than seem to have done nothing
				p.lastNotice = alreadyOnText(entry)
				showInfo(p.win, lang.L("Add to shortlist"), p.lastNotice)
			}
			for i := range p.suggestions {
				if p.suggestions[i].ID == clusterID {
					p.suggestions[i].Shortlisted = true
				}
			}
			p.list.Refresh()
			p.onShortlisted()
		}
	})
}

func (p *partnersView) onUseMyCluster() {
	c, ok := loadMyCluster(p.prefs)
	if !ok {
		p.editMyCluster(myCluster{}, true)
		return
	}
	p.setHomeTo(c.home())
}

func (p *partnersView) onEditMyCluster() {
	c, _ := loadMyCluster(p.prefs)
	p.editMyCluster(c, false)
}

// editMyCluster asks for the user's own cluster: its name, country, ecosystems and keywords. The profile is
// kept in the preferences; use makes it the home once saved.
func (p *partnersView) editMyCluster(c myCluster, use bool) {
	f := newMyClusterForm(c)
	d := newFormDialog(lang.L("My cluster"), lang.L("Save"), lang.L("Cancel"), f.items(), func(ok bool) {
		if !ok {
			return
		}
		p.saveMyCluster(f.value(), use)
	}, p.win)
	d.Resize(fyne.NewSize(620, 560))
	showForm(p.win, d)
}

// saveMyCluster keeps the profile and, when asked to or when it is the home already, seeks partners for it.
func (p *partnersView) saveMyCluster(c myCluster, use bool) {
	saveMyCluster(p.prefs, c)
	if use || (p.hasHome && p.home.ID == 0) {
		p.setHomeTo(c.home())
	}
}

// myClusterForm holds the widgets of the "my cluster" form.
type myClusterForm struct {
	name       *formEntry
	country    *formSelect
	ecosystems *checkList
	keywords   *formEntry
	codes      []string // the country select's codes, in its order
}

func newMyClusterForm(c myCluster) *myClusterForm {
	f := &myClusterForm{}
	f.name = newFormEntry()
	f.name.SetText(c.Name)
	f.name.SetPlaceHolder(lang.L("e.g. Food & Bio Cluster Denmark"))
	f.name.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New(lang.L("Give your cluster a name."))
		}
		return nil
	}
	seen := map[string]bool{}
	var names []string
	for _, ct := range data.Countries {
		if seen[ct.Code] {
			continue
		}
		seen[ct.Code] = true
		f.codes = append(f.codes, ct.Code)
		names = append(names, countryName(ct.Code))
	}
	f.country = newFormSelect(names, nil)
	for i, code := range f.codes {
		if code == c.Country {
			f.country.SetSelectedIndex(i)
		}
	}
	ecoNames := make([]string, len(data.Ecosystems))
	for i, e := range data.Ecosystems {
		ecoNames[i] = ecosystemName(e)
	}
	f.ecosystems = newCheckList(ecoNames)
	var chosen []string
	for _, e := range c.Ecosystems {
		chosen = append(chosen, ecosystemName(e))
	}
	f.ecosystems.SetSelected(chosen)
	f.keywords = newFormMultiLineEntry()
	f.keywords.SetText(c.Keywords)
	f.keywords.SetPlaceHolder(lang.L("What your cluster does, in any language: biogas, food waste, circular packaging…"))
	return f
}

func (f *myClusterForm) items() []*widget.FormItem {
	return []*widget.FormItem{
		widget.NewFormItem(lang.L("Name"), f.name),
		widget.NewFormItem(lang.L("Country"), f.country),
		widget.NewFormItem(lang.L("Ecosystems"), f.ecosystems),
		widget.NewFormItem(lang.L("Keywords"), f.keywords),
	}
}

func (f *myClusterForm) value() myCluster {
	c := myCluster{Name: strings.TrimSpace(f.name.Text), Keywords: strings.TrimSpace(f.keywords.Text)}
	if i := f.country.SelectedIndex(); i >= 0 && i < len(f.codes) {
		c.Country = f.codes[i]
	}
	for _, e := range data.Ecosystems {
		if slices.Contains(f.ecosystems.Selected, ecosystemName(e)) {
			c.Ecosystems = append(c.Ecosystems, e)
		}
	}
	return c
}

// partnerRow is one suggestion: a mark when it is on a shortlist, its name and score on top, why below, and a
// button to add it to a shortlist. Every row has the same two lines.
type partnerRow struct {
	widget.BaseWidget
	box    *fyne.Container
	index  int
	mark   *widget.Icon
	name   *widget.Label
	score  *widget.Label
	why    *widget.Label
	add    *widget.Button
	onAdd  func(i int)
	status *labelBadge
}

func newPartnerRow(onAdd func(i int)) *partnerRow {
	r := &partnerRow{
		mark:   widget.NewIcon(nil),
		name:   widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		score:  widget.NewLabel(""),
		why:    widget.NewLabel(""),
		onAdd:  onAdd,
		status: newLabelBadge(),
	}
	r.name.Truncation = fyne.TextTruncateEllipsis
	r.why.Truncation = fyne.TextTruncateEllipsis
	r.why.SizeName = theme.SizeNameCaptionText
	r.score.SizeName = theme.SizeNameCaptionText
	r.add = widget.NewButtonWithIcon("", theme.ContentAddIcon(), func() { r.onAdd(r.index) })
	top := container.NewBorder(nil, nil, nil, container.NewHBox(container.NewCenter(r.status), r.score), r.name)
	lines := container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()), top, r.why)
	r.box = container.NewBorder(nil, nil, r.mark, container.NewCenter(r.add), lines)
	r.ExtendBaseWidget(r)
	return r
}

func (r *partnerRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(r.box)
}

func (r *partnerRow) set(i int, s partner) {
	r.index = i
	r.name.SetText(s.Name)
	r.score.SetText(lang.L("score {{.Score}}", map[string]any{"Score": fmt.Sprintf("%.2f", s.Score)}))
	r.why.SetText(s.Why)
	r.status.set(s.Label, s.LabelStatus)
	if s.Shortlisted {
		r.mark.SetResource(theme.ConfirmIcon())
	} else {
		r.mark.SetResource(nil)
	}
	r.box.Refresh() // the score's width may have changed
}

// partnerWhy is the suggestion's one-line reason in the window's language: "Both work on forestry; they bring
// wood (Construction); Silver 2018, probably expired long ago; Germany". A shared ecosystem
// is named only when no word is shared: alone it is weak evidence.
func partnerWhy(s suggest.Suggestion, c data.Cluster, today time.Time) string {
	var parts []string
	if s.Closed {
		parts = append(parts, closedText(s.ClosedNote))
	}
	switch shared := sharedWords(s); {
	case len(shared) > 0:
		parts = append(parts, lang.L("both work on {{.Words}}", map[string]any{"Words": andList(shared)}))
	case len(s.Shared) > 0:
		parts = append(parts, lang.L("both in {{.Ecosystems}}", map[string]any{"Ecosystems": ecosystemList(s.Shared)}))
	}
	switch {
	case len(s.BroughtTerms) > 0 && len(s.Complementary) > 0:
		parts = append(parts, lang.L("they bring {{.Words}} ({{.Ecosystems}})",
			map[string]any{"Words": andList(s.BroughtTerms), "Ecosystems": ecosystemList(s.Complementary)}))
	case len(s.Complementary) > 0:
		parts = append(parts, lang.L("they bring {{.Ecosystems}}", map[string]any{"Ecosystems": ecosystemList(s.Complementary)}))
	case len(s.BroughtTerms) > 0:
		parts = append(parts, lang.L("they bring {{.Words}}", map[string]any{"Words": andList(s.BroughtTerms)}))
	}
	switch {
	case s.LongExpired && s.LabelStatus == data.StatusProbablyExpired: // a dated one tells when by its date
		parts = append(parts, lang.L("{{.Label}} {{.Year}}, probably expired long ago",
			map[string]any{"Label": labelName(c.Label), "Year": c.LabelYear}))
	case c.Label != data.LabelNone:
		parts = append(parts, labelStatusText(c, today))
	}
	parts = append(parts, countryName(s.Country))
	line := []rune(strings.Join(parts, "; "))
	line[0] = unicode.ToUpper(line[0])
	return string(line)
}

// sharedWords are what a suggestion shares: the glossary's concepts in the window's language ("livsmedel" in
// Swedish for food), then the words, each once and at most three in all.
func sharedWords(s suggest.Suggestion) []string {
	var out []string
	for _, c := range s.SharedConcepts {
		out = append(out, data.ConceptName(c, uiLanguage()))
	}
	for _, w := range s.SharedTerms {
		if len(out) < 3 && !slices.ContainsFunc(out, func(o string) bool { return data.Fold(o) == data.Fold(w) }) {
			out = append(out, w)
		}
	}
	return out
}

// closedText is the user's closed mark with its note: "Closed (your mark): merged in 2024".
func closedText(note string) string {
	if note == "" {
		return lang.L("Closed (your mark)")
	}
	return lang.L("Closed (your mark): {{.Note}}", map[string]any{"Note": note})
}

// andList joins words as the language does: "a", "a and b", "a, b and c".
func andList(ws []string) string {
	if len(ws) < 2 {
		return strings.Join(ws, "")
	}
	return lang.L("{{.Items}} and {{.Last}}", map[string]any{"Items": strings.Join(ws[:len(ws)-1], ", "), "Last": ws[len(ws)-1]})
}
