package app

import (
	"context"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"clusterbridge/data"
	"clusterbridge/suggest"
)

func newTestPartners(t *testing.T) (*partnersView, *uiQueue, *data.Store, *int64) {
	t.Helper()
	a := test.NewTempApp(t)
	registerTranslations()
	store := openTestStore(t)
	win := a.NewWindow("partners")
	t.Cleanup(win.Close)
	opened := new(int64)
	p := newPartnersView(store, win, func(id int64) { *opened = id })
	q := &uiQueue{}
	p.jobs.do = q.do
	win.SetContent(p.content())
	win.Resize(defaultSize)
	return p, q, store, opened
}

func (p *partnersView) ids() []int64 {
	out := make([]int64, len(p.suggestions))
	for i, s := range p.suggestions {
		out[i] = s.ID
	}
	return out
}

func TestPartnersForFoodAndBioClusterDenmark(t *testing.T) {
	p, q, store, opened := newTestPartners(t)
	ctx := context.Background()
	home, err := store.FindCluster(ctx, "Food & Bio Cluster Denmark")
	if err != nil {
		t.Fatal(err)
	}
	p.setHome(home)
	waitJobs(t, q, "suggestions", func() bool { return p.jobs.idle() && len(p.suggestions) > 0 })
	if p.list.Length() != len(p.suggestions) {
		t.Errorf("the list shows %d rows for %d suggestions", p.list.Length(), len(p.suggestions))
	}
	for _, s := range p.suggestions {
		if s.Country == "DK" || s.ID == home.ID {
			t.Errorf("%s (%s) suggested for a Danish cluster", s.Name, s.Country)
		}
		if s.Why == "" {
			t.Errorf("%s comes without a reason", s.Name)
		}
	}
	similar := p.ids()

	p.curiosity.SetValue(1)
	waitJobs(t, q, "curious suggestions", func() bool { return p.jobs.idle() && !p.busy })
	if slices.Equal(similar, p.ids()) {
		t.Error("moving the curiosity slider to complementary left the order as it was")
	}

	p.group.SetSelected(groupName("Benelux"))
	waitJobs(t, q, "Benelux suggestions", func() bool { return p.jobs.idle() && !p.busy })
	if len(p.suggestions) == 0 {
		t.Fatal("no suggestion in Benelux")
	}
	for _, s := range p.suggestions {
		if !slices.Contains([]string{"BE", "NL", "LU"}, s.Country) {
			t.Errorf("%s (%s) listed under Benelux", s.Name, s.Country)
		}
	}

	// Two Benelux suggestions go onto shortlists: the first onto a new one, the second onto that one.
	if len(p.suggestions) < 2 {
		t.Fatalf("only %d suggestions in Benelux, want two to shortlist", len(p.suggestions))
	}
	first, second := p.suggestions[0], p.suggestions[1]
	p.list.Select(0)
	if *opened != first.ID {
		t.Errorf("clicking the first row opened %d, want %d", *opened, first.ID)
	}
	p.addToShortlist(first.ID, 0, "Biogas partners")
	waitJobs(t, q, "the shortlist", func() bool { return p.jobs.idle() })
	l, err := store.ShortlistByName(ctx, "Biogas partners")
	if err != nil {
		t.Fatal(err)
	}
	entries, err := store.Entries(ctx, l.ID)
	if err != nil || len(entries) != 1 || entries[0].Cluster.ID != first.ID {
		t.Fatalf("the shortlist holds %v (%v)", entries, err)
	}
	if !p.suggestions[0].Shortlisted {
		t.Error("the added suggestion is not marked as shortlisted")
	}
	p.addToShortlist(second.ID, l.ID, "")
	waitJobs(t, q, "the second entry", func() bool { return p.jobs.idle() })
	if entries, _ := store.Entries(ctx, l.ID); len(entries) != 2 {
		t.Errorf("the shortlist holds %d entries, want 2", len(entries))
	}

	// No Benelux label is valid on testDay: look in every country for valid labels.
	p.group.SetSelectedIndex(0)
	waitJobs(t, q, "suggestions everywhere", func() bool { return p.jobs.idle() && !p.busy })
	everywhere := len(p.suggestions)
	p.validOnly.SetChecked(true)
	waitJobs(t, q, "valid-label suggestions", func() bool { return p.jobs.idle() && !p.busy })
	if len(p.suggestions) == 0 || len(p.suggestions) >= everywhere {
		t.Fatalf("valid labels only left %d of %d suggestions; want some, not all", len(p.suggestions), everywhere)
	}
	for _, s := range p.suggestions {
		if s.LabelStatus != data.StatusValid {
			t.Errorf("%s (%s) listed under valid labels only", s.Name, s.LabelStatus)
		}
	}
}

func TestPartnersIndexIsBuiltOncePerCatalogue(t *testing.T) {
	p, q, store, _ := newTestPartners(t)
	home, err := store.FindCluster(context.Background(), "Food & Bio Cluster Denmark")
	if err != nil {
		t.Fatal(err)
	}
	p.setHome(home)
	waitJobs(t, q, "suggestions", func() bool { return p.jobs.idle() && !p.busy })
	first := p.index.ix
	p.validOnly.SetChecked(true)
	waitJobs(t, q, "suggestions again", func() bool { return p.jobs.idle() && !p.busy })
	if p.index.ix != first {
		t.Error("the index was built again though the catalogue did not change")
	}
	p.invalidate()
	waitJobs(t, q, "a new index", func() bool { return p.jobs.idle() && !p.busy })
	if p.index.ix == first || p.index.ix == nil {
		t.Error("invalidate kept the old index")
	}
}

func TestMyClusterIsKeptAndUsedAsHome(t *testing.T) {
	p, q, _, _ := newTestPartners(t)
	f := newMyClusterForm(myCluster{})
	test.Type(f.name, "Biogas Nord")
	f.country.SetSelected(countryName("DK"))
	f.ecosystems.SetSelected([]string{ecosystemName("Agri-food"), ecosystemName("Energy-renewables")})
	test.Type(f.keywords, "biogas manure food waste")
	c := f.value()
	if c.Name != "Biogas Nord" || c.Country != "DK" || len(c.Ecosystems) != 2 {
		t.Fatalf("the form says %+v", c)
	}
	p.saveMyCluster(c, true)
	waitJobs(t, q, "suggestions for my cluster", func() bool { return p.jobs.idle() && !p.busy })
	if got, ok := loadMyCluster(p.prefs); !ok || got.Name != "Biogas Nord" {
		t.Errorf("the preferences keep %+v", got)
	}
	if p.home.ID != 0 || p.home.Name != "Biogas Nord" {
		t.Errorf("home is %+v", p.home)
	}
	if len(p.suggestions) == 0 {
		t.Fatal("no partner for my cluster")
	}
	for _, s := range p.suggestions {
		if s.Country == "DK" {
			t.Errorf("%s is in my own country", s.Name)
		}
	}
	again := newMyClusterForm(c)
	if again.name.Text != c.Name || again.country.Selected != countryName("DK") || len(again.ecosystems.Selected) != 2 {
		t.Error("the form does not show the saved profile")
	}
}

func TestPartnerWhyIsTranslatedLine(t *testing.T) {
	registerTranslations()
	for _, c := range []struct {
		s    suggest.Suggestion
		c    data.Cluster
		want string
	}{
		{suggest.Suggestion{Country: "NL", Shared: []data.Ecosystem{"Agri-food"}, Complementary: []data.Ecosystem{"Energy-renewables"}},
			data.Cluster{Label: data.LabelGold, LabelValidUntil: "2026-09-30"},
			"Both in Agri-food; they bring Energy-renewables; Gold, valid until 30 Sep 2026; Netherlands"},
		{suggest.Suggestion{Country: "DE", SharedTerms: []string{"wood", "biorefinery", "packaging"},
			Shared: []data.Ecosystem{"Energy-intensive industries"}, Complementary: []data.Ecosystem{"Construction"},
			BroughtTerms: []string{"plastics", "recycling"}, LongExpired: true},
			data.Cluster{Label: data.LabelSilver, LabelValidUntil: "2019-04-30"},
			"Both work on wood, biorefinery and packaging; they bring plastics and recycling (Construction); Silver, expired 30 Apr 2019; Germany"},
		{suggest.Suggestion{Country: "DE", SharedTerms: []string{"forestry"}, BroughtTerms: []string{"wood"}, Complementary: []data.Ecosystem{"Construction"},
			LongExpired: true, LabelStatus: data.StatusProbablyExpired},
			data.Cluster{Label: data.LabelSilver, LabelYear: 2018},
			"Both work on forestry; they bring wood (Construction); Silver 2018, probably expired long ago; Germany"},
		{suggest.Suggestion{Country: "FI", SharedTerms: []string{"wood", "biorefinery", "packaging"}, BroughtTerms: []string{"plastics recycling"}},
			data.Cluster{},
			"Both work on wood, biorefinery and packaging; they bring plastics recycling; Finland"},
		{suggest.Suggestion{Country: "FI", SharedTerms: []string{"forestry"}, Closed: true, ClosedNote: "merged in 2024"},
			data.Cluster{},
			"Closed (your mark): merged in 2024; both work on forestry; Finland"},
	} {
		if got := partnerWhy(c.s, c.c, testDay); got != c.want {
			t.Errorf("why reads %q, want %q", got, c.want)
		}
	}
}

// A concept shared through the sector glossary is named in the window's language: the home wrote "livsmedel",
// the partner "food".
func TestPartnerWhyNamesTheSharedConceptInTheWindowsLanguage(t *testing.T) {
	s := suggest.Suggestion{Country: "BE", SharedConcepts: []string{"food"}, SharedTerms: []string{"food", "biotech"}}
	for code, want := range map[string]string{
		"en": "Both work on food and biotech; Belgium",
		"sv": "Båda arbetar med livsmedel, food och biotech; Belgien",
		"de": "Beide arbeiten an Lebensmittel, food und biotech; Belgien",
	} {
		inLanguage(t, code)
		if got := partnerWhy(s, data.Cluster{}, testDay); got != want {
			t.Errorf("in %s the why line reads %q, want %q", code, got, want)
		}
	}
}

// Two countries chosen one by one in the Countries… dialog: only clusters there are suggested, the choice is
// remembered, and cancelling the dialog later leaves it as it was.
func TestPartnersInTwoChosenCountries(t *testing.T) {
	p, q, store, _ := newTestPartners(t)
	home, err := store.FindCluster(context.Background(), "Food & Bio Cluster Denmark")
	if err != nil {
		t.Fatal(err)
	}
	p.setHome(home)
	waitJobs(t, q, "suggestions", func() bool { return p.jobs.idle() && !p.busy })
	p.group.SetSelected("Countries…")
	waitJobs(t, q, "the Countries dialog", func() bool { return p.countryForm != nil })
	if !slices.Contains(p.countryForm.Options, "Netherlands") || slices.Contains(p.countryForm.Options, "Atlantis") ||
		len(p.countryForm.Options) < 20 {
		t.Fatalf("the dialog offers %v", p.countryForm.Options)
	}
	p.countryForm.SetSelected([]string{"Netherlands", "Italy"})
	p.win.Canvas().Unfocus()
	p.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn})
	waitJobs(t, q, "suggestions in two countries", func() bool { return p.jobs.idle() && !p.busy })
	if p.group.Selected != "Italy, Netherlands" {
		t.Errorf("the filter shows %q", p.group.Selected)
	}
	seen := map[string]bool{}
	for _, s := range p.suggestions {
		seen[s.Country] = true
		if s.Country != "NL" && s.Country != "IT" {
			t.Errorf("%s (%s) listed under Italy and the Netherlands", s.Name, s.Country)
		}
	}
	if !seen["NL"] || !seen["IT"] {
		t.Errorf("countries listed %v, want both", seen)
	}
	chosen := p.ids()
	if got := p.prefs.String(prefPartnerCountries); got != "IT,NL" {
		t.Errorf("the preferences keep %q", got)
	}
	// Cancelled: the two countries stay.
	p.group.SetSelected("Countries…")
	waitJobs(t, q, "the Countries dialog again", func() bool { return p.countryForm != nil })
	if !slices.Equal(p.countryForm.Selected, []string{"Italy", "Netherlands"}) {
		t.Errorf("the dialog starts from %v", p.countryForm.Selected)
	}
	p.countryForm.SetSelected(nil)
	p.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	waitJobs(t, q, "the list", func() bool { return p.jobs.idle() && !p.busy })
	if p.group.Selected != "Italy, Netherlands" || !slices.Equal(p.ids(), chosen) {
		t.Errorf("after cancelling the filter shows %q", p.group.Selected)
	}
	// A new Partners view (the next run) starts with the same choice.
	again := newPartnersView(store, p.win, nil)
	if again.group.Selected != "Italy, Netherlands" || !slices.Equal(again.chosenCountries(), []string{"IT", "NL"}) {
		t.Errorf("the next run shows %q for %v", again.group.Selected, again.chosenCountries())
	}
}
