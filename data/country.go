package data

import (
	"strings"
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// Country is a country the catalogue knows by its ISO 3166-1 alpha-2 code.
type Country struct {
	Code    string
	Name    string   // English short name
	Aliases []string // names a source may use that countryNameLanguages do not give: old or informal ones
}

// Countries lists the countries European cluster sources name: the EU, the EEA, candidates and neighbours.
var Countries = []Country{
	{"AL", "Albania", []string{"Shqipëria"}},
	{"AT", "Austria", nil},
	{"BA", "Bosnia and Herzegovina", nil},
	{"BE", "Belgium", nil},
	{"BG", "Bulgaria", nil},
	{"CH", "Switzerland", nil},
	{"CY", "Cyprus", nil},
	{"CZ", "Czechia", []string{"Czech Republic", "Česká republika"}},
	{"DE", "Germany", nil},
	{"DK", "Denmark", nil},
	{"EE", "Estonia", nil},
	{"ES", "Spain", nil},
	{"FI", "Finland", nil},
	{"FR", "France", nil},
	{"GB", "United Kingdom", []string{"UK", "Great Britain", "England", "Scotland", "Wales", "Northern Ireland"}},
	{"GE", "Georgia", nil},
	{"GR", "Greece", nil},
	{"HR", "Croatia", nil},
	{"HU", "Hungary", nil},
	{"IE", "Ireland", nil},
	{"IL", "Israel", nil},
	{"IS", "Iceland", nil},
	{"IT", "Italy", nil},
	{"LI", "Liechtenstein", nil},
	{"LT", "Lithuania", nil},
	{"LU", "Luxembourg", nil},
	{"LV", "Latvia", nil},
	{"MD", "Moldova", []string{"Republic of Moldova"}},
	{"ME", "Montenegro", nil},
	{"MK", "North Macedonia", nil},
	{"MT", "Malta", nil},
	{"NL", "Netherlands", []string{"The Netherlands"}},
	{"NO", "Norway", nil},
	{"PL", "Poland", nil},
	{"PT", "Portugal", nil},
	{"RO", "Romania", nil},
	{"RS", "Serbia", nil},
	{"SE", "Sweden", nil},
	{"SI", "Slovenia", nil},
	{"SK", "Slovakia", []string{"Slovak Republic"}},
	{"TR", "Türkiye", nil},
	{"UA", "Ukraine", nil},
	{"XK", "Kosovo", nil},
}

// countryNameLanguages are the languages whose names of the countries CountryCode reads, from CLDR through
// golang.org/x/text/language/display: English, what the sources print, the users' languages and those of the
// countries listed.
var countryNameLanguages = []string{"en", "de", "fr", "nl", "sv", "da", "nb", "nn", "fi", "is", "es", "it", "pt",
	"pl", "cs", "sk", "sl", "hr", "sr", "sr-Latn", "bs", "hu", "ro", "bg", "el", "et", "lv", "lt", "sq", "mk", "tr",
	"uk", "ga", "lb", "ca"}

// countryName is one name of a country that CountryCode reads.
type countryName struct{ name, code string }

// countryNames are the names of Countries: English, the hand aliases, then each of countryNameLanguages in turn.
var countryNames = sync.OnceValue(func() []countryName {
	var out []countryName
	seen := map[string]bool{}
	add := func(name, code string) {
		if name != "" && !seen[name] {
			seen[name] = true
			out = append(out, countryName{name, code})
		}
	}
	for _, c := range Countries {
		add(c.Name, c.Code)
		for _, a := range c.Aliases {
			add(a, c.Code)
		}
	}
	for _, l := range countryNameLanguages {
		names := display.Regions(language.MustParse(l))
		for _, c := range Countries {
			if r, err := language.ParseRegion(c.Code); err == nil {
				add(names.Name(r), c.Code)
			}
		}
	}
	return out
})

// CountryNames lists every name CountryCode reads (not the codes): the suggestions leave them out of a
// cluster's words, since a country says nothing of its focus.
func CountryNames() []string {
	out := make([]string, len(countryNames()))
	for i, n := range countryNames() {
		out[i] = n.name
	}
	return out
}

// countryByKey maps folded ISO alpha-2 and alpha-3 codes and countryNames to a code of Countries. It is built
// on first use: the display tables are large, and the window starts without them.
var countryByKey = sync.OnceValue(func() map[string]string {
	m := make(map[string]string)
	add := func(key, code string) {
		if k := Fold(key); k != "" {
			if _, taken := m[k]; !taken { // codes and English names first: they win a clash
				m[k] = code
			}
		}
	}
	for _, c := range Countries {
		add(c.Code, c.Code)
		if r, err := language.ParseRegion(c.Code); err == nil {
			add(r.ISO3(), c.Code)
		}
	}
	for _, n := range countryNames() {
		add(n.name, n.code)
	}
	return m
})

// CountryCode is the one country reader: it finds the ISO code for a country's name in English or in the
// languages of the sources and users ("Denmark", "Danmark", "Dänemark", "Pays-Bas"), an ISO alpha-2 or alpha-3
// code ("dk", "DNK") or a common alias ("UK", "Holland"), ignoring case and accents. It reports false when the
// text names no country of Countries.
func CountryCode(s string) (string, bool) {
	code, ok := countryByKey()[Fold(s)]
	return code, ok
}

// CountryName is the English name of an ISO code, or the code itself when unknown.
func CountryName(code string) string {
	code = strings.ToUpper(code)
	for _, c := range Countries {
		if c.Code == code {
			return c.Name
		}
	}
	return code
}
