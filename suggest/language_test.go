package suggest

import (
	"slices"
	"testing"
)

// A "My cluster" profile written in Swedish or Norwegian meets partners whose descriptions are English, through
// the sector glossary, and the reason names the concept both share rather than a word the home never wrote.
func TestProfileInTheAdvisorsLanguageFindsEnglishDescriptions(t *testing.T) {
	ix := NewIndex(sample(t))
	for _, c := range []struct {
		keywords string
		concept  string
		partner  string // one the top ten must hold
	}{
		{"livsmedel, förpackning", "packaging", "Packaging Cluster"},
		{"livsmedel, förpackning", "food", "Food & Bio Cluster Denmark"},
		{"havbruk, sjømat", "aquaculture", "Clúster de Acuicultura de Galicia"},
		{"Lebensmittel, Verpackung", "packaging", "Packaging Cluster"},
	} {
		home := Home{Name: "Mitt kluster", Country: "SE", Keywords: c.keywords}
		got := ix.Suggest(home, Options{Curiosity: 0, Today: today, Limit: 10})
		i := slices.IndexFunc(got, func(s Suggestion) bool { return s.Name == c.partner })
		if i < 0 {
			t.Errorf("%q: the top ten %v lack %s", c.keywords, names(got), c.partner)
			continue
		}
		if !slices.Contains(got[i].SharedConcepts, c.concept) {
			t.Errorf("%q: %s shares concepts %v and words %v, want %s", c.keywords, c.partner,
				got[i].SharedConcepts, got[i].SharedTerms, c.concept)
		}
	}
	// Without the glossary's help nothing would be shared: the Swedish words themselves are in no description.
	_, livsm := ix.vocab["livsm"]
	_, forpa := ix.vocab["forpa"]
	if livsm || forpa {
		t.Fatalf("the sample uses the Swedish words themselves; pick words it does not")
	}
}
