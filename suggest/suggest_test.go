package suggest

import (
	"math"
	"slices"
	"sync"
	"testing"
	"time"

	"clusterbridge/data"
)

// checkList asserts what every suggestion list must satisfy: scores in [0,1], best first (ties by name), the
// home itself and its country left out.
func checkList(t *testing.T, home Home, got []Suggestion) {
	t.Helper()
	for i, s := range got {
		if s.Score < 0 || s.Score > 1 || math.IsNaN(s.Score) {
			t.Errorf("%s: score %v outside [0,1]", s.Name, s.Score)
		}
		if home.ID != 0 && s.ID == home.ID {
			t.Errorf("the home %s is suggested to itself", s.Name)
		}
		if home.Country != "" && s.Country == home.Country {
			t.Errorf("%s is in the home's country %s", s.Name, s.Country)
		}
		if i > 0 {
			p := got[i-1]
			if p.Closed && !s.Closed {
				t.Errorf("closed %s before open %s", p.Name, s.Name)
			}
			if p.Closed == s.Closed && (p.Score < s.Score || (p.Score == s.Score && p.Name > s.Name)) {
				t.Errorf("not sorted: %s (%v) before %s (%v)", p.Name, p.Score, s.Name, s.Score)
			}
		}
		if len(s.SharedTerms)+len(s.Shared)+len(s.Complementary) == 0 {
			t.Errorf("%s: no reason at all", s.Name)
		}
	}
}

// Food & Bio Cluster Denmark (DK, Agri-food, "Food and bioresources innovation and sustainable development").
// Seen by hand at curiosity 0 (Today 2026-11-22): Smart Food Cluster (LT), LTFood (LT), Valorial (FR), Skåne Food
// Innovation Network (SE), Wagralim (BE), Lebensmittel Cluster Niederösterreich (AT), Latvian healthy food cluster
// (LV), Portuguese Agrofood Cluster (PT), then clusters whose labels ran out long ago: all food clusters abroad,
// with "food" as the shared word. Agro Business Park (DK) is left out.
func TestFoodAndBioDenmark(t *testing.T) {
	cs := sample(t)
	ix := NewIndex(cs)
	home := HomeFromCluster(named(t, cs, "Food & Bio Cluster Denmark"))
	got := ix.Suggest(home, Options{Limit: 10, Today: today})
	if len(got) != 10 {
		t.Fatalf("got %d suggestions, want 10", len(got))
	}
	checkList(t, home, got)
	for _, s := range got {
		if s.Country == "DK" {
			t.Errorf("%s is in Denmark", s.Name)
		}
	}
	if !slices.Contains(got[0].Shared, "Agri-food") {
		t.Errorf("first suggestion %s does not share Agri-food: %v", got[0].Name, got[0].Shared)
	}
	want := []string{"Smart Food Cluster", "Valorial", "Skåne Food Innovation Network"}
	for _, w := range want {
		if !slices.ContainsFunc(got, func(s Suggestion) bool { return s.Name == w }) {
			t.Errorf("%s missing from the top ten", w)
		}
	}
	// Food-Processing Initiative and Flanders' FOOD share as much, but their labels ran out years ago (2016 and
	// 2018, no renewal known): they come after the food clusters with a current or unlabelled standing.
	for _, s := range got[:8] {
		if s.LongExpired {
			t.Errorf("%s, whose label ran out long ago, is in the top eight", s.Name)
		}
		if !slices.Contains(s.SharedTerms, "food") {
			t.Errorf("%s: shared words %v lack food", s.Name, s.SharedTerms)
		}
	}
}

// At curiosity 1 the list turns to what the home lacks. Seen by hand for Food & Bio Cluster Denmark:
// AgroBioCluster (PL) and Arena Legasea (NO) share Agri-food and bring Health; Sustainable Business Hub (SE) and
// Arctic Cluster Team (NO) bring Energy-renewables; Cluster do Mar Português and De Blauwe Cluster share
// Agri-food and bring Energy-renewables (blue economy). All ten bring a complementary ecosystem.
func TestCuriosity(t *testing.T) {
	cs := sample(t)
	ix := NewIndex(cs)
	for _, name := range []string{"Food & Bio Cluster Denmark", "Lifestyle & Design Cluster", "GCE Ocean Technology",
		"Danish Life Science Cluster", "Basque Energy Cluster"} {
		home := HomeFromCluster(named(t, cs, name))
		curious := ix.Suggest(home, Options{Limit: 10, Curiosity: 1, Today: today})
		checkList(t, home, curious)
		bring := 0
		for _, s := range curious {
			if len(s.Complementary) > 0 {
				bring++
			}
		}
		if bring < 5 {
			t.Errorf("%s at curiosity 1: only %d of %d bring a complementary ecosystem", name, bring, len(curious))
		}
		alike := ix.Suggest(home, Options{Limit: 10, Curiosity: 0, Today: today})
		if len(alike) == 0 {
			t.Fatalf("%s at curiosity 0: no suggestion", name)
		}
		checkList(t, home, alike)
		for _, s := range alike {
			if len(s.Shared) == 0 && len(s.SharedTerms) == 0 {
				t.Errorf("%s at curiosity 0: %s shares no ecosystem and no word (%v)", name, s.Name, s.Complementary)
			}
		}
		// Out-of-range curiosity is clamped.
		if a, b := ix.Suggest(home, Options{Limit: 10, Curiosity: 7, Today: today}), curious; !sameIDs(a, b) {
			t.Errorf("%s: curiosity 7 is not treated as 1", name)
		}
		if a, b := ix.Suggest(home, Options{Limit: 10, Curiosity: math.NaN(), Today: today}), alike; !sameIDs(a, b) {
			t.Errorf("%s: curiosity NaN is not treated as 0", name)
		}
		if a, b := ix.Suggest(home, Options{Limit: 10, Curiosity: -3, Today: today}), alike; !sameIDs(a, b) {
			t.Errorf("%s: curiosity -3 is not treated as 0", name)
		}
	}
}

func sameIDs(a, b []Suggestion) bool {
	return slices.EqualFunc(a, b, func(x, y Suggestion) bool { return x.ID == y.ID })
}

func TestCountryFilter(t *testing.T) {
	cs := sample(t)
	ix := NewIndex(cs)
	home := HomeFromCluster(named(t, cs, "Food & Bio Cluster Denmark"))
	got := ix.Suggest(home, Options{Countries: []string{"Benelux"}, Today: today})
	// By hand: the sample's Belgian and Dutch food clusters (Flanders' FOOD, Wagralim, Biobased Delta, …).
	if len(got) < 5 {
		t.Fatalf("Benelux: %d suggestions, want at least 5", len(got))
	}
	seen := map[string]bool{}
	for _, s := range got {
		seen[s.Country] = true
		if s.Country != "BE" && s.Country != "NL" && s.Country != "LU" {
			t.Errorf("Benelux: %s is in %s", s.Name, s.Country)
		}
	}
	if !seen["BE"] || !seen["NL"] {
		t.Errorf("Benelux: countries seen %v, want BE and NL", seen)
	}
	// A group that holds the home's country still leaves the home's country out.
	nordic := ix.Suggest(home, Options{Countries: []string{"nordic"}, Today: today})
	if len(nordic) == 0 {
		t.Fatal("Nordic from Denmark: no suggestion")
	}
	for _, s := range nordic {
		if !slices.Contains([]string{"FI", "IS", "NO", "SE"}, s.Country) {
			t.Errorf("Nordic from Denmark: %s is in %s", s.Name, s.Country)
		}
	}
	// Codes and names mix with groups.
	mixed := map[string]bool{}
	for _, s := range ix.Suggest(home, Options{Countries: []string{"Iberia", "fr"}, Today: today}) {
		mixed[s.Country] = true
		if !slices.Contains([]string{"ES", "PT", "FR"}, s.Country) {
			t.Errorf("Iberia+fr: %s is in %s", s.Name, s.Country)
		}
	}
	if !mixed["ES"] || !mixed["FR"] {
		t.Errorf("Iberia+fr: countries seen %v, want ES and FR among them", mixed)
	}
	if got := ix.Suggest(home, Options{Countries: []string{"Atlantis"}, Today: today}); len(got) != 0 {
		t.Errorf("an unknown country matched %d clusters", len(got))
	}
}

func TestLabelFilters(t *testing.T) {
	cs := sample(t)
	ix := NewIndex(cs)
	home := HomeFromCluster(named(t, cs, "Food & Bio Cluster Denmark"))
	gold := ix.Suggest(home, Options{Labels: []data.Label{data.LabelGold}, Today: today})
	if len(gold) == 0 {
		t.Fatal("no gold suggestions")
	}
	for _, s := range gold {
		if s.Label != data.LabelGold {
			t.Errorf("gold filter let %s (%q) through", s.Name, s.Label)
		}
	}
	none := ix.Suggest(home, Options{Labels: []data.Label{data.LabelNone}, Today: today})
	if len(none) == 0 {
		t.Fatal("no suggestion without a label")
	}
	for _, s := range none {
		if s.Label != data.LabelNone || s.LabelStatus != data.StatusNone || s.LabelThrough != "" {
			t.Errorf("none filter let %s (%q) through", s.Name, s.Label)
		}
	}
	// By hand: on 2026-11-22 every dated label in the sample has expired (the latest, CzecHemp's bronze, ran
	// until 2025-08-31), so valid-only leaves nothing.
	if got := ix.Suggest(home, Options{ValidOnly: true, Today: today}); len(got) != 0 {
		t.Errorf("valid only on %s: %d suggestions, want none; first %s", today.Format(time.DateOnly), len(got), got[0].Name)
	}
	// On 2023-06-01 three labels are valid: MADE (DK, left out as Danish), CzecHemp (CZ, bronze until
	// 2025-08-31, Agri-food) and none else abroad with something in common.
	day := time.Date(2023, 6, 1, 0, 0, 0, 0, time.UTC)
	got := ix.Suggest(home, Options{ValidOnly: true, Today: day})
	if len(got) != 1 || got[0].Name != "CzecHemp" || got[0].LabelStatus != data.StatusValid {
		t.Fatalf("valid only on 2023-06-01: got %v", names(got))
	}
	if got[0].LabelThrough != "2025-08-31" {
		t.Errorf("label through %q, want 2025-08-31", got[0].LabelThrough)
	}
}

func names(ss []Suggestion) []string {
	var out []string
	for _, s := range ss {
		out = append(out, s.Name)
	}
	return out
}

// A small made-up catalogue whose reasons can be written down exactly.
func tiny() []data.Cluster {
	eco := func(es ...data.Ecosystem) []data.Ecosystem { return es }
	return []data.Cluster{
		{ID: 1, Name: "Home Food", Country: "DK", Ecosystems: eco(ecoAgri), Focus: "dairy and meat processing"},
		{ID: 2, Name: "Biogas Netherlands", Country: "NL", Ecosystems: eco(ecoAgri, ecoRenew),
			Focus: "manure digesters", Label: data.LabelGold, LabelValidUntil: "2026-09"},
		{ID: 3, Name: "Old Silver", Country: "SE", Ecosystems: eco(ecoAgri), Focus: "bakeries",
			Label: data.LabelSilver, LabelValidUntil: "2019-04-30"},
		{ID: 4, Name: "Unverified Bronze", Country: "FR", Ecosystems: eco(ecoTourism), Focus: "wine routes",
			Label: data.LabelBronze, LabelYear: 2025}, // estimated to run to the end of 2027: unverified on day
		{ID: 5, Name: "No Label", Country: "DE", Ecosystems: eco(ecoAero), Focus: "dairy robots"},
		{ID: 6, Name: "Nothing In Common", Country: "PL", Ecosystems: eco(ecoAero), Focus: "satellites"},
		{ID: 7, Name: "Danish Neighbour", Country: "DK", Ecosystems: eco(ecoAgri), Focus: "dairy"},
	}
}

func TestWhy(t *testing.T) {
	cs := tiny()
	ix := NewIndex(cs)
	home := HomeFromCluster(cs[0])
	day := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	got := ix.Suggest(home, Options{Today: day, Shortlisted: map[int64]bool{3: true}})
	checkList(t, home, got)
	by := map[string]Suggestion{}
	for _, s := range got {
		by[s.Name] = s
		if s.Shortlisted != (s.ID == 3) {
			t.Errorf("%s: shortlisted %v", s.Name, s.Shortlisted)
		}
	}
	type reasons struct {
		terms, brought []string
		shared, brings []data.Ecosystem
		long           bool
	}
	want := map[string]reasons{
		"Biogas Netherlands": {brought: nil, shared: []data.Ecosystem{ecoAgri}, brings: []data.Ecosystem{ecoRenew}},
		"Old Silver":         {shared: []data.Ecosystem{ecoAgri}, long: true},
		"Unverified Bronze":  {brings: []data.Ecosystem{ecoTourism}},
		"No Label":           {terms: []string{"dairy"}},
	}
	for name, w := range want {
		g := by[name]
		if !slices.Equal(g.SharedTerms, w.terms) || !slices.Equal(g.BroughtTerms, w.brought) ||
			!slices.Equal(g.Shared, w.shared) || !slices.Equal(g.Complementary, w.brings) || g.LongExpired != w.long {
			t.Errorf("%s: terms %v, brought %v, shared %v, brings %v, long expired %v; want %+v",
				name, g.SharedTerms, g.BroughtTerms, g.Shared, g.Complementary, g.LongExpired, w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("got %v, want the %d above (not the home, the Danish one or the one with nothing in common)",
			names(got), len(want))
	}
	b := got[slices.IndexFunc(got, func(s Suggestion) bool { return s.ID == 2 })]
	if !slices.Equal(b.Shared, []data.Ecosystem{ecoAgri}) || !slices.Equal(b.Complementary, []data.Ecosystem{ecoRenew}) ||
		b.LabelStatus != data.StatusValid || b.Label != data.LabelGold || b.Country != "NL" {
		t.Errorf("Biogas Netherlands: %+v", b)
	}
	if got[0].ID != 2 {
		t.Errorf("first is %s, want Biogas Netherlands (shares, brings, valid gold)", got[0].Name)
	}
}

func TestLabelText(t *testing.T) {
	for _, c := range []struct {
		l     data.Label
		st    data.LabelStatus
		until string
		want  string
	}{
		{data.LabelGold, data.StatusValid, "2026-09", "Gold valid until 2026-09-30"},
		{data.LabelSilver, data.StatusExpired, "2019-04-30", "Silver, expired 2019-04"},
		{data.LabelBronze, data.StatusUnverified, "", "Bronze, unverified"},
		{data.LabelGold, data.StatusProbablyExpired, "", "Gold, probably expired"},
		{data.LabelNone, data.StatusNone, "", ""},
	} {
		if got := LabelText(c.l, c.st, c.until); got != c.want {
			t.Errorf("LabelText(%q, %q, %q) = %q, want %q", c.l, c.st, c.until, got, c.want)
		}
	}
	// Label quality: valid gold > silver > bronze > unverified > expired > none.
	order := []float64{
		labelScore(3, data.StatusValid, false), labelScore(2, data.StatusValid, false), labelScore(1, data.StatusValid, false),
		labelScore(3, data.StatusUnverified, false), labelScore(1, data.StatusUnverified, false),
		labelScore(3, data.StatusExpired, false), labelScore(1, data.StatusExpired, false), labelScore(0, data.StatusNone, false),
	}
	if labelScore(3, data.StatusExpired, true) != 0 {
		t.Error("a label that ran out long ago still counts")
	}
	if labelScore(2, data.StatusProbablyExpired, false) != labelScore(2, data.StatusExpired, false) {
		t.Error("a probably expired label does not score as an expired one")
	}
	for i := 1; i < len(order); i++ {
		if order[i] >= order[i-1] {
			t.Errorf("label scores not decreasing: %v", order)
		}
	}
}

// "My cluster": a profile that is not in the catalogue, with keywords in Spanish with accents.
// By hand: the sample's aquaculture and seafood clusters should come first; Clúster de Acuicultura de Galicia
// is Spanish, so the home must not be Spanish for it to appear.
func TestMyCluster(t *testing.T) {
	cs := sample(t)
	ix := NewIndex(cs)
	home := Home{Name: "Mariscos del Atlántico", Country: "IE", Ecosystems: []data.Ecosystem{ecoAgri},
		Keywords: "acuicultura, salmón, mejillones y productos del mar"}
	got := ix.Suggest(home, Options{Limit: 5, Today: today})
	checkList(t, home, got)
	if len(got) != 5 {
		t.Fatalf("got %d", len(got))
	}
	if got[0].Name != "Clúster de Acuicultura de Galicia" && got[0].Name != "NCE Seafood Innovation Cluster" {
		t.Errorf("first is %s (%v), want an aquaculture cluster", got[0].Name, got[0].SharedTerms)
	}
	if !slices.ContainsFunc(got, func(s Suggestion) bool { return s.Name == "Clúster de Acuicultura de Galicia" }) {
		t.Errorf("accent-folded 'acuicultura' did not find Clúster de Acuicultura de Galicia: %v", names(got))
	}
	// A profile without a country gets everyone, even clusters of unknown country.
	all := ix.Suggest(Home{Ecosystems: []data.Ecosystem{ecoAgri}}, Options{Today: today})
	if len(all) < 39 { // the sample has 39 Agri-food clusters
		t.Errorf("countryless profile: %d suggestions, want at least 39", len(all))
	}
}

func TestLimitAndEmpty(t *testing.T) {
	cs := sample(t)
	ix := NewIndex(cs)
	home := HomeFromCluster(named(t, cs, "Danish Life Science Cluster"))
	all := ix.Suggest(home, Options{Today: today})
	checkList(t, home, all)
	if len(all) <= 20 || len(all) >= len(cs) {
		t.Errorf("no limit: %d suggestions", len(all))
	}
	top := ix.Suggest(home, Options{Limit: 20, Today: today})
	if !sameIDs(top, all[:20]) {
		t.Errorf("limit 20 is not the first 20 of the full list")
	}
	if got := NewIndex(nil).Suggest(home, Options{}); got != nil {
		t.Errorf("empty index: %v", got)
	}
	if got := ix.Suggest(Home{Country: "SE"}, Options{Today: today}); len(got) != 0 {
		t.Errorf("a home with nothing: %d suggestions", len(got))
	}
}

func TestConcurrent(t *testing.T) {
	cs := sample(t)
	ix := NewIndex(cs)
	want := ix.Suggest(HomeFromCluster(cs[0]), Options{Limit: 10, Curiosity: 0.5, Today: today})
	if len(want) != 10 {
		t.Fatalf("%s: %d suggestions, want 10 to compare", cs[0].Name, len(want))
	}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for j := range 20 {
				got := ix.Suggest(HomeFromCluster(cs[(i*20+j)%len(cs)]), Options{Limit: 10, Today: today})
				_ = got
				if again := ix.Suggest(HomeFromCluster(cs[0]), Options{Limit: 10, Curiosity: 0.5, Today: today}); !sameIDs(again, want) {
					t.Error("results differ under concurrency")
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestExpandCountries(t *testing.T) {
	codes, unknown := ExpandCountries([]string{"nordic", "dk", "Danmark", "Benelux", " The Netherlands ", "Atlantis", ""})
	want := []string{"DK", "FI", "IS", "NO", "SE", "BE", "NL", "LU"}
	if !slices.Equal(codes, want) || !slices.Equal(unknown, []string{"Atlantis"}) {
		t.Errorf("got %v, %v; want %v, [Atlantis]", codes, unknown, want)
	}
	if len(CountryGroups) != 5 || CountryGroups[3].Name != "DACH" {
		t.Errorf("CountryGroups: %v", CountryGroups)
	}
}

func TestComplementTable(t *testing.T) {
	if len(ComplementTable) < 40 {
		t.Errorf("only %d pairs", len(ComplementTable))
	}
	for _, a := range data.Ecosystems {
		n := 0
		for _, b := range data.Ecosystems {
			sa, ra := Complements(a, b)
			sb, rb := Complements(b, a)
			if sa != sb || ra != rb {
				t.Errorf("%s/%s not symmetric", a, b)
			}
			if sa > 0 {
				n++
				if ra == "" {
					t.Errorf("%s/%s has no reason", a, b)
				}
			}
		}
		if n == 0 {
			t.Errorf("%s complements nothing", a)
		}
	}
	if s, _ := Complements(ecoAgri, ecoRenew); s != Strong {
		t.Errorf("Agri-food/Energy-renewables strength %v", s)
	}
}

func TestLabelWatch(t *testing.T) {
	cs := sample(t)
	day := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	got := LabelWatch(cs, day, LabelWatchDays)
	probably := 0
	// By hand: CzecHemp's bronze runs until 2025-08-31, 61 days after 2025-07-01, so it is the one still
	// valid; every other dated label in the sample has expired, the oldest first.
	if len(got) < 50 {
		t.Fatalf("only %d watched", len(got))
	}
	last := got[len(got)-1]
	if last.Name != "CzecHemp" || last.Status != data.StatusValid || last.Days != 61 || len(last.Sources) == 0 {
		t.Errorf("last watched: %+v", last)
	}
	for i, w := range got {
		if i > 0 && w.Through.Before(got[i-1].Through) {
			t.Errorf("not sorted by date at %s", w.Name)
		}
		if w.Name != "CzecHemp" && (!w.Status.OutOfDate() || w.Days >= 0) {
			t.Errorf("%s: status %s, days %d", w.Name, w.Status, w.Days)
		}
		if w.Status == data.StatusProbablyExpired {
			probably++
			if w.ValidUntil != "" || w.Through.Format(time.DateOnly) != data.EstimatedThrough(w.Year) {
				t.Errorf("%s: a year-only label watched through %s (year %d, valid until %q)", w.Name, w.Through, w.Year, w.ValidUntil)
			}
		}
	}
	// The sample's year-only labels whose estimate has passed are watched too, and only those.
	want := 0
	for _, c := range cs {
		if c.LabelStatus(day) == data.StatusProbablyExpired {
			want++
		}
	}
	if want == 0 || probably != want {
		t.Errorf("%d probably expired labels watched, want %d (and more than none)", probably, want)
	}
	// 30 days ahead: CzecHemp is not yet due.
	if soon := LabelWatch(cs, day, 30); len(soon) != len(got)-1 {
		t.Errorf("within 30 days: %d, want %d", len(soon), len(got)-1)
	}
	// The last day counts as valid, with 0 days left.
	w := LabelWatch([]data.Cluster{{Name: "X", Label: data.LabelGold, LabelValidUntil: "2025-07"}},
		time.Date(2025, 7, 31, 15, 0, 0, 0, time.UTC), 90)
	if len(w) != 1 || w[0].Days != 0 || w[0].Status != data.StatusValid {
		t.Errorf("last day: %+v", w)
	}
}

func TestAProbablyExpiredLabelRanksLikeAnExpiredOne(t *testing.T) {
	eco := []data.Ecosystem{ecoAgri}
	cs := []data.Cluster{
		{ID: 1, Name: "Home", Country: "DK", Ecosystems: eco, Focus: "dairy"},
		{ID: 2, Name: "Year Only", Country: "NL", Ecosystems: eco, Focus: "dairy", Label: data.LabelGold, LabelYear: 2015},
		{ID: 3, Name: "Dated", Country: "NL", Ecosystems: eco, Focus: "dairy", Label: data.LabelGold, LabelValidUntil: "2017-06-30"},
		{ID: 4, Name: "Recent Year", Country: "NL", Ecosystems: eco, Focus: "dairy", Label: data.LabelGold, LabelYear: 2025},
	}
	day := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	got := NewIndex(cs).Suggest(HomeFromCluster(cs[0]), Options{Today: day})
	by := map[string]Suggestion{}
	for _, s := range got {
		by[s.Name] = s
	}
	if len(by) != 3 {
		t.Fatalf("suggestions %v", names(got))
	}
	if by["Year Only"].LabelStatus != data.StatusProbablyExpired || by["Recent Year"].LabelStatus != data.StatusUnverified {
		t.Errorf("statuses: year only %s, recent year %s", by["Year Only"].LabelStatus, by["Recent Year"].LabelStatus)
	}
	// The names differ, so the text parts do: compare the label parts.
	if by["Year Only"].Parts.Label != by["Dated"].Parts.Label || by["Recent Year"].Parts.Label <= by["Year Only"].Parts.Label {
		t.Errorf("label parts: year only %.3f, expired %.3f, recent year %.3f",
			by["Year Only"].Parts.Label, by["Dated"].Parts.Label, by["Recent Year"].Parts.Label)
	}
	if by["Year Only"].LabelThrough != "2017-12-31" {
		t.Errorf("year only: label through %q, want the estimate 2017-12-31", by["Year Only"].LabelThrough)
	}
}
