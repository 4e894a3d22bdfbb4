package data

import (
	"encoding/json"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"clusterbridge/assets"
)

// Ecosystem is one of the EU's 14 industrial ecosystems (the 2021 update of the EU Industrial Strategy).
type Ecosystem string

// Ecosystems lists the 14 in their official order; an ecosystem's index is its bit in a cluster's eco_mask.
var Ecosystems = []Ecosystem{
	"Aerospace & defence",
	"Agri-food",
	"Construction",
	"Cultural and creative industries",
	"Digital",
	"Electronics",
	"Energy-intensive industries",
	"Energy-renewables",
	"Health",
	"Mobility-Transport-Automotive",
	"Proximity, social economy and civil society",
	"Retail",
	"Textiles",
	"Tourism",
}

// ecosystemAliases maps folded spellings seen on the public sources to an ecosystem.
var ecosystemAliases = map[string]Ecosystem{
	"aerospace and defence":                      "Aerospace & defence",
	"aerospace and defense":                      "Aerospace & defence",
	"aerospace":                                  "Aerospace & defence",
	"defence":                                    "Aerospace & defence",
	"agrifood":                                   "Agri-food",
	"agri food":                                  "Agri-food",
	"agriculture and food":                       "Agri-food",
	"food":                                       "Agri-food",
	"cultural and creative":                      "Cultural and creative industries",
	"creative industries":                        "Cultural and creative industries",
	"cultural and creative industries cci":       "Cultural and creative industries",
	"energy intensive industries":                "Energy-intensive industries",
	"energy intensive":                           "Energy-intensive industries",
	"energy renewables":                          "Energy-renewables",
	"renewable energy":                           "Energy-renewables",
	"renewable energies":                         "Energy-renewables",
	"mobility transport automotive":              "Mobility-Transport-Automotive",
	"mobility transport and automotive":          "Mobility-Transport-Automotive",
	"proximity social economy and civil society": "Proximity, social economy and civil society",
	"proximity and social economy":               "Proximity, social economy and civil society",
	"social economy":                             "Proximity, social economy and civil society",
	"textile":                                    "Textiles",
	"health":                                     "Health",
	"digital":                                    "Digital",
	"electronics":                                "Electronics",
	"construction":                               "Construction",
	"retail":                                     "Retail",
	"tourism":                                    "Tourism",
}

// ParseEcosystem reads an ecosystem from loose text ("Agrifood", "Aerospace and Defence", "agri-food"), also as
// the window names it in any of its languages ("Jordbruk och livsmedel", "Agroalimentaire"), or by one word of
// the sector glossary that belongs to one ecosystem only ("Livsmedel", "Lebensmittel": Agri-food).
func ParseEcosystem(s string) (Ecosystem, bool) {
	key := Fold(s)
	if e, ok := ecosystemByKey()[key]; ok {
		return e, true
	}
	var found []Ecosystem
	for _, c := range ConceptsOf(key, false) {
		if e, ok := conceptEcosystems[c]; ok && !slices.Contains(found, e) {
			found = append(found, e)
		}
	}
	if len(found) == 1 {
		return found[0], true
	}
	return "", false
}

// conceptEcosystems are the glossary's concepts that lie in one ecosystem.
var conceptEcosystems = map[string]Ecosystem{
	"food": "Agri-food", "agriculture": "Agri-food", "aquaculture": "Agri-food", "fisheries": "Agri-food",
	"construction": "Construction", "creative": "Cultural and creative industries", "digital": "Digital",
	"ai": "Digital", "cyber": "Digital", "electronics": "Electronics", "photonics": "Electronics",
	"renewables": "Energy-renewables", "hydrogen": "Energy-renewables", "health": "Health",
	"lifesciences": "Health", "medtech": "Health", "automotive": "Mobility-Transport-Automotive",
	"mobility": "Mobility-Transport-Automotive", "logistics": "Mobility-Transport-Automotive",
	"textiles": "Textiles", "tourism": "Tourism", "aerospace": "Aerospace & defence", "defence": "Aerospace & defence",
	"space": "Aerospace & defence", "chemicals": "Energy-intensive industries", "metals": "Energy-intensive industries",
	"plastics": "Energy-intensive industries",
}

// ecosystemByKey maps the folded official names, every alias and the window's names in each of its languages
// (assets/translations, where the ecosystems' English names are keys) to an ecosystem.
var ecosystemByKey = sync.OnceValue(func() map[string]Ecosystem {
	m := make(map[string]Ecosystem, len(Ecosystems)+len(ecosystemAliases))
	for k, e := range ecosystemAliases {
		m[k] = e
	}
	for _, e := range Ecosystems {
		m[Fold(string(e))] = e
	}
	files, _ := fs.Glob(assets.Translations, "translations/*.json")
	for _, f := range files {
		raw, err := assets.Translations.ReadFile(f)
		if err != nil {
			continue
		}
		var names map[string]any
		if json.Unmarshal(raw, &names) != nil {
			continue
		}
		for _, e := range Ecosystems {
			if name, ok := names[string(e)].(string); ok {
				if _, taken := m[Fold(name)]; !taken {
					m[Fold(name)] = e
				}
			}
		}
	}
	return m
})

// Bit is the ecosystem's bit in an eco_mask, or 0 for a name that is none of the 14.
func (e Ecosystem) Bit() int64 {
	for i, x := range Ecosystems {
		if x == e {
			return 1 << i
		}
	}
	return 0
}

// EcosystemMask packs ecosystems into one integer, a bit each.
func EcosystemMask(es []Ecosystem) int64 {
	var m int64
	for _, e := range es {
		m |= e.Bit()
	}
	return m
}

// EcosystemsOf unpacks a mask into ecosystems, in the official order.
func EcosystemsOf(mask int64) []Ecosystem {
	var out []Ecosystem
	for i, e := range Ecosystems {
		if mask&(1<<i) != 0 {
			out = append(out, e)
		}
	}
	return out
}

// Fold lowers text, strips accents (å→a, é→e) and spells out the letters no accent-stripping reaches (ø→o,
// æ→ae, ł→l, ß→ss, đ and ð→d, ı→i, œ→oe, þ→th), and turns every run of punctuation and spaces into one space, so
// that differently written names compare equal. It is the one folding rule: search (index and query), name
// matching on import, the countries' names and the suggestions' words all go through it. It is safe for concurrent use and quick on
// plain ASCII, which most labels, headers and names are: the importer and the suggestions call it per word.
func Fold(s string) string {
	if isASCII(s) {
		return foldASCII(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	nonASCII := false
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		nonASCII = nonASCII || r >= utf8.RuneSelf
		b.WriteRune(r)
	}
	s = b.String()
	if !nonASCII {
		return foldASCII(s)
	}
	s = norm.NFC.String(s)
	b = strings.Builder{}
	b.Grow(len(s))
	space := false
	for _, r := range s {
		r = unicode.ToLower(r)
		spelled := ""
		switch r {
		case 'ø':
			r = 'o'
		case 'ł':
			r = 'l'
		case 'đ', 'ð':
			r = 'd'
		case 'ı':
			r = 'i'
		case 'æ':
			spelled = "ae"
		case 'œ':
			spelled = "oe"
		case 'ß':
			spelled = "ss"
		case 'þ':
			spelled = "th"
		}
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		if spelled != "" {
			b.WriteString(spelled)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// foldASCII folds text that is all ASCII: lower case, runs of anything but letters and digits become one space.
func foldASCII(s string) string {
	b := make([]byte, 0, len(s))
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		default:
			space = true
			continue
		}
		if space && len(b) > 0 {
			b = append(b, ' ')
		}
		space = false
		b = append(b, c)
	}
	return string(b)
}
