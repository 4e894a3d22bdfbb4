package data

import (
	"testing"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

func TestCountryCodeReadsNamesInManyLanguagesAndCodes(t *testing.T) {
	for in, want := range map[string]string{
		"Denmark": "DK", "danmark": "DK", "Dänemark": "DK", "Danemark": "DK", "Denemarken": "DK", "dk": "DK", "DNK": "DK",
		"Germany": "DE", "Deutschland": "DE", "Allemagne": "DE", "Tyskland": "DE", "Duitsland": "DE", "Niemcy": "DE",
		"The Netherlands": "NL", "Netherlands": "NL", "Nederland": "NL", "Holland": "NL", "Pays-Bas": "NL", "Nederländerna": "NL", "Niederlande": "NL",
		"Sverige": "SE", "Schweden": "SE", "Suède": "SE", "suede": "SE", "Zweden": "SE",
		"Norge": "NO", "Noreg": "NO", "Norwegen": "NO", "Norvège": "NO",
		"Österreich": "AT", "Autriche": "AT", "Oostenrijk": "AT",
		"Belgique": "BE", "België": "BE", "Belgien": "BE",
		"Schweiz": "CH", "Suisse": "CH", "Svizzera": "CH",
		"Czech Republic": "CZ", "Czechia": "CZ", "Česko": "CZ", "Tschechien": "CZ",
		"España": "ES", "Spanien": "ES", "Espagne": "ES", "Italia": "IT", "Polska": "PL", "Suomi": "FI",
		"UK": "GB", "Great Britain": "GB", "Scotland": "GB", "Royaume-Uni": "GB", "Storbritannien": "GB",
		"Ελλάδα": "GR", "Hellas": "GR", "Україна": "UA", "Turkey": "TR", "Türkiye": "TR",
		"Macedonia": "MK", "North Macedonia": "MK", "Bosnia and Herzegovina": "BA", "Bosnia & Herzegovina": "BA",
		"Kosovo": "XK", "Éire": "IE", "Lëtzebuerg": "LU", "Shqipëria": "AL",
	} {
		if got, ok := CountryCode(in); !ok || got != want {
			t.Errorf("CountryCode(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"Atlantis", "Mexico", "México", "USA", "", "EU", "Europe"} {
		if got, ok := CountryCode(in); ok {
			t.Errorf("CountryCode(%q) = %q, want no country", in, got)
		}
	}
}

// TestCountryNamesDoNotClash: two countries whose names fold alike in some language would make CountryCode
// answer by the order of the tables.
func TestCountryNamesDoNotClash(t *testing.T) {
	byKey := map[string]string{}
	for _, n := range countryNames() {
		k := Fold(n.name)
		if other, ok := byKey[k]; ok && other != n.code {
			t.Errorf("%q names both %s and %s", n.name, other, n.code)
		}
		byKey[k] = n.code
	}
	if len(byKey) < 10*len(Countries) {
		t.Errorf("only %d names for %d countries: the display tables gave little", len(byKey), len(Countries))
	}
}

// TestCountryAliasesAreNeeded keeps the hand aliases to those the display tables lack.
func TestCountryAliasesAreNeeded(t *testing.T) {
	fromDisplay := map[string]bool{}
	for _, l := range countryNameLanguages {
		names := display.Regions(language.MustParse(l))
		for _, c := range Countries {
			fromDisplay[Fold(names.Name(language.MustParseRegion(c.Code)))] = true
		}
	}
	for _, c := range Countries {
		for _, a := range c.Aliases {
			if fromDisplay[Fold(a)] {
				t.Errorf("%s alias %q is given by the display tables already", c.Code, a)
			}
		}
	}
}
