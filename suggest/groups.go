package suggest

import (
	"slices"
	"strings"

	"clusterbridge/data"
)

// CountryGroup is a ready-made set of countries an advisor can filter by.
type CountryGroup struct {
	Name  string
	Codes []string // ISO 3166-1 alpha-2
}

// CountryGroups lists the ready groups in the order a menu shows them.
var CountryGroups = []CountryGroup{
	{"Nordic", []string{"DK", "FI", "IS", "NO", "SE"}},
	{"Baltic", []string{"EE", "LV", "LT"}},
	{"Benelux", []string{"BE", "NL", "LU"}},
	{"DACH", []string{"DE", "AT", "CH"}},
	{"Iberia", []string{"ES", "PT"}},
}

// ExpandCountries turns group names ("Nordic", case-insensitive), country codes ("dk") and country names in any
// form data.CountryCode knows ("Danmark") into upper-case ISO codes, each once, in the order first named.
// Items that name nothing known come back in unknown.
func ExpandCountries(items []string) (codes, unknown []string) {
	seen := make(map[string]bool)
	add := func(c string) {
		if !seen[c] {
			seen[c] = true
			codes = append(codes, c)
		}
	}
	for _, it := range items {
		it = strings.TrimSpace(it)
		if it == "" {
			continue
		}
		if g, ok := groupNamed(it); ok {
			for _, c := range g.Codes {
				add(c)
			}
			continue
		}
		if c, ok := data.CountryCode(it); ok {
			add(c)
			continue
		}
		unknown = append(unknown, it)
	}
	return codes, unknown
}

func groupNamed(s string) (CountryGroup, bool) {
	for _, g := range CountryGroups {
		if strings.EqualFold(g.Name, s) {
			return g, true
		}
	}
	return CountryGroup{}, false
}

// Countries are the codes of the countries the index's clusters are in, sorted; clusters of unknown country
// add none.
func (ix *Index) Countries() []string {
	var out []string
	for c := range ix.countries {
		if c != "" {
			out = append(out, c)
		}
	}
	slices.Sort(out)
	return out
}
