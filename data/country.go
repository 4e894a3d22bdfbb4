package data

import "strings"

// Country is a country the catalogue knows by its ISO 3166-1 alpha-2 code.
type Country struct {
	Code    string
	Name    string   // English short name
	Aliases []string // other names a source may use, in English or the country's own languages
}

// Countries lists the countries European cluster sources name: the EU, the EEA, candidates and neighbours.
var Countries = []Country{
	{"AL", "Albania", []string{"Shqipëria"}},
	{"AT", "Austria", []string{"Österreich"}},
	{"BA", "Bosnia and Herzegovina", nil},
	{"BE", "Belgium", []string{"België", "Belgique", "Belgien"}},
	{"BG", "Bulgaria", nil},
	{"CH", "Switzerland", []string{"Schweiz", "Suisse", "Svizzera"}},
	{"CY", "Cyprus", nil},
	{"CZ", "Czechia", []string{"Czech Republic", "Česko", "Česká republika"}},
	{"DE", "Germany", []string{"Deutschland"}},
	{"DK", "Denmark", []string{"Danmark"}},
	{"EE", "Estonia", []string{"Eesti"}},
	{"ES", "Spain", []string{"España"}},
	{"FI", "Finland", []string{"Suomi"}},
	{"FR", "France", nil},
	{"GB", "United Kingdom", []string{"UK", "Great Britain", "England", "Scotland", "Wales", "Northern Ireland"}},
	{"GE", "Georgia", nil},
	{"GR", "Greece", []string{"Hellas", "Ελλάδα"}},
	{"HR", "Croatia", []string{"Hrvatska"}},
	{"HU", "Hungary", []string{"Magyarország"}},
	{"IE", "Ireland", []string{"Éire"}},
	{"IL", "Israel", nil},
	{"IS", "Iceland", []string{"Ísland"}},
	{"IT", "Italy", []string{"Italia"}},
	{"LI", "Liechtenstein", nil},
	{"LT", "Lithuania", []string{"Lietuva"}},
	{"LU", "Luxembourg", []string{"Luxemburg", "Lëtzebuerg"}},
	{"LV", "Latvia", []string{"Latvija"}},
	{"MD", "Moldova", []string{"Republic of Moldova"}},
	{"ME", "Montenegro", nil},
	{"MK", "North Macedonia", []string{"Macedonia"}},
	{"MT", "Malta", nil},
	{"NL", "Netherlands", []string{"The Netherlands", "Nederland", "Holland"}},
	{"NO", "Norway", []string{"Norge", "Noreg"}},
	{"PL", "Poland", []string{"Polska"}},
	{"PT", "Portugal", nil},
	{"RO", "Romania", []string{"România"}},
	{"RS", "Serbia", []string{"Srbija"}},
	{"SE", "Sweden", []string{"Sverige"}},
	{"SI", "Slovenia", []string{"Slovenija"}},
	{"SK", "Slovakia", []string{"Slovensko", "Slovak Republic"}},
	{"TR", "Türkiye", []string{"Turkey"}},
	{"UA", "Ukraine", []string{"Україна"}},
	{"XK", "Kosovo", nil},
}

var countryByKey = func() map[string]string {
	m := make(map[string]string)
	for _, c := range Countries {
		m[Fold(c.Code)] = c.Code
		m[Fold(c.Name)] = c.Code
		for _, a := range c.Aliases {
			m[Fold(a)] = c.Code
		}
	}
	return m
}()

// CountryCode finds the ISO code for a country name or code in any of the forms sources use
// ("Denmark", "Danmark", "dk", "The Netherlands"). It reports false when the text names no known country.
func CountryCode(s string) (string, bool) {
	code, ok := countryByKey[Fold(s)]
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
