package data

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"clusterbridge/assets"
)

// The sector glossary maps the words advisors type in their languages (livsmedel, havbruk, Lebensmittel,
// voedsel) to shared concepts (food, aquaculture), so that a search or a "My cluster" profile in one language
// finds clusters described in another. It lives in assets/sectors/LANG.json, one file per language for its
// reviewer: {"food": {"name": "livsmedel", "terms": ["livsmedel", "livsmedels*"]}}. A term ending in "*" is a
// stem: every word that starts with it.

// glossaryTerm is one term of a concept, folded.
type glossaryTerm struct {
	text    string // folded; words separated by one space
	stem    bool   // the term ended in "*": it names every word it starts
	concept string
}

// glossaryIndex is the glossary ready for lookups.
type glossaryIndex struct {
	names  map[string]map[string]string // concept → language → name
	terms  []glossaryTerm
	byText map[string][]glossaryTerm // the one-word terms by their text
}

// minCompound is how long a term must be to be found at the start of a longer word: "havbruk" in
// "havbruksnæringen", "livsmedel" in "livsmedelsindustrin". Shorter ones ("fisk", "food") would name too much.
const minCompound = 5

// minTyped is how many letters of a word still being typed must be there before it is read as a term's start.
const minTyped = 4

var glossary = sync.OnceValue(func() *glossaryIndex {
	g, err := loadGlossary(assets.Sectors)
	if err != nil {
		panic(err) // the files are built in; a test reads them all
	}
	return g
})

func loadGlossary(fsys fs.FS) (*glossaryIndex, error) {
	g := &glossaryIndex{names: map[string]map[string]string{}, byText: map[string][]glossaryTerm{}}
	files, err := fs.Glob(fsys, "sectors/*.json")
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		language := strings.TrimSuffix(strings.TrimPrefix(f, "sectors/"), ".json")
		raw, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, err
		}
		var concepts map[string]struct {
			Name  string   `json:"name"`
			Terms []string `json:"terms"`
		}
		if err := json.Unmarshal(raw, &concepts); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		for id, c := range concepts {
			if g.names[id] == nil {
				g.names[id] = map[string]string{}
			}
			g.names[id][language] = c.Name
			for _, t := range c.Terms {
				g.add(id, t)
			}
		}
	}
	sort.Slice(g.terms, func(i, j int) bool { return g.terms[i].text < g.terms[j].text })
	return g, nil
}

func (g *glossaryIndex) add(concept, term string) {
	stem := strings.HasSuffix(term, "*")
	text := Fold(strings.TrimSuffix(term, "*"))
	if text == "" {
		return
	}
	for _, t := range g.terms {
		if t.text == text && t.stem == stem && t.concept == concept {
			return // the same word in two languages
		}
	}
	t := glossaryTerm{text, stem, concept}
	g.terms = append(g.terms, t)
	if !strings.Contains(text, " ") {
		g.byText[text] = append(g.byText[text], t)
	}
}

// concepts are the concepts a folded word names: by its longest term, whether the word is that term, or a stem
// or a long term begins it ("havbruksnaeringen" by "havbruk"; "waterstof" is hydrogen by "waterstof", not water
// by "water"). Only a word that names none that way and is still being typed is read as the start of a term
// ("livsme"), so that "bois" is wood and not "boisson".
func (g *glossaryIndex) concepts(word string, typing bool) []string {
	var found []string
	for n := len(word); n > 0 && len(found) == 0; n-- { // the word's starts, longest first
		if n < len(word) && !utf8.RuneStart(word[n]) {
			continue // not a whole letter
		}
		for _, t := range g.byText[word[:n]] {
			if (n == len(word) || t.stem || n >= minCompound) && !slices.Contains(found, t.concept) {
				found = append(found, t.concept)
			}
		}
	}
	if len(found) == 0 && typing && len(word) >= minTyped {
		for _, t := range g.terms {
			if strings.HasPrefix(t.text, word) && !slices.Contains(found, t.concept) {
				found = append(found, t.concept)
			}
		}
	}
	sort.Strings(found)
	return found
}

// ConceptsOf lists the glossary's concepts that a word names (any language, any case or accents); typing says
// the word is still being typed, so that its start counts.
func ConceptsOf(word string, typing bool) []string {
	w := Fold(word)
	if w == "" || strings.Contains(w, " ") {
		return nil
	}
	return glossary().concepts(w, typing)
}

// ConceptName is a concept's name in a language ("livsmedel" for food in Swedish), in English when that
// language's file does not name it, and the concept's id when no file does.
func ConceptName(concept, language string) string {
	names := glossary().names[concept]
	if n := names[language]; n != "" {
		return n
	}
	if n := names["en"]; n != "" {
		return n
	}
	return concept
}

// conceptTerms are the terms of a concept in every language, a stem as a prefix.
func conceptTerms(concept string) []textTerm {
	var out []textTerm
	for _, t := range glossary().terms {
		if t.concept == concept {
			out = append(out, textTerm{t.text, t.stem})
		}
	}
	return out
}

// ConceptWords are the one-word terms of a concept in every language, folded, stems without their "*".
func ConceptWords(concept string) []string {
	var out []string
	for _, t := range glossary().terms {
		if t.concept == concept && !strings.Contains(t.text, " ") {
			out = append(out, t.text)
		}
	}
	return out
}
