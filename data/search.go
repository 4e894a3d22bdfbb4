package data

import (
	"context"
	"slices"
	"strings"
	"time"
)

// SortOrder orders search results.
type SortOrder string

const (
	SortByName    SortOrder = "name"
	SortByCountry SortOrder = "country"
	SortByLabel   SortOrder = "label" // best label first
)

// Query is what the user asks of the catalogue: words, filters, an order and a page.
type Query struct {
	Text       string      // words to find in name, acronym, focus, description and city
	Labels     []Label     // any of these; LabelNone means "no label"; empty means all
	ValidOnly  bool        // only labels whose valid-until date is not past
	Countries  []string    // any of these ISO codes; empty means all
	Ecosystems []Ecosystem // any of these; empty means all
	Sort       SortOrder
	Offset     int
	Limit      int // 0 means no limit
}

// Result is one page of matching clusters, how many match in all, and the facet counts.
type Result struct {
	Clusters []Cluster // without sources, notes or shortlists
	Total    int       // how many match the whole query
	// Facets count, for each option of a filter, how many clusters would match with that option chosen
	// under the other filters: the numbers a GUI shows beside each check box.
	Facets Facets
}

// Facets are counts per label, per country and per ecosystem.
type Facets struct {
	Labels     map[Label]int
	Countries  map[string]int
	Ecosystems map[Ecosystem]int
}

// Search finds the clusters that match q, one page of them, with counts for the filters beside them.
func (s *Store) Search(ctx context.Context, q Query) (Result, error) {
	var res Result
	idx, err := s.index(ctx)
	if err != nil {
		return res, err
	}
	tiers, err := s.textTiers(ctx, idx, q.Text)
	if err != nil {
		return res, err
	}
	ids, total, facets := idx.scan(q, tiers, dayNumber(s.now().Format(time.DateOnly)))
	res.Total, res.Facets = total, facets
	res.Clusters, err = s.clustersByID(ctx, ids)
	return res, err
}

// clustersByID reads clusters in the order of ids.
func (s *Store) clustersByID(ctx context.Context, ids []int64) ([]Cluster, error) {
	found, err := queryByIDs(ctx, s.db, scanCluster, selectCluster+` WHERE id IN (%s)`, ids)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]Cluster, len(found))
	for _, c := range found {
		byID[c.ID] = c
	}
	out := make([]Cluster, 0, len(ids))
	for _, id := range ids {
		if c, ok := byID[id]; ok {
			out = append(out, c)
		}
	}
	return out, nil
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// textTiers are the clusters whose text matches what the user typed, best first: those with the words as typed
// (or as respelled, "koebenhavn" for København), then those found only through the sector glossary
// ("livsmedel" finding "food"). It is nil when nothing was typed: no text filter. A concept's clusters are
// asked of the full-text index once per catalogue version (idx keeps them): its terms in seven languages make
// a long query.
func (s *Store) textTiers(ctx context.Context, idx *filterIndex, text string) ([]matchSet, error) {
	words := searchWords(text)
	if len(words) == 0 {
		return nil, nil
	}
	if !slices.ContainsFunc(words, func(w searchWord) bool { return len(w.concepts) > 0 }) {
		typed, err := s.textMatches(ctx, matchQuery(words))
		return []matchSet{typed}, err
	}
	// Each word's own clusters, then with its concepts': the words as typed are all of the first, the widened
	// search all of the second.
	var typed, widened matchSet
	for i, w := range words {
		own, err := s.textMatches(ctx, matchQuery(words[i:i+1]))
		if err != nil {
			return nil, err
		}
		wide := own
		for _, c := range w.concepts {
			cs, err := s.conceptMatches(ctx, idx, c)
			if err != nil {
				return nil, err
			}
			wide = wide.union(cs)
		}
		if i == 0 {
			typed, widened = own, wide
		} else {
			typed, widened = typed.intersect(own), widened.intersect(wide)
		}
	}
	return []matchSet{typed, widened}, nil
}

// conceptMatches are the clusters whose text says one of a concept's terms, in any language.
func (s *Store) conceptMatches(ctx context.Context, idx *filterIndex, concept string) (matchSet, error) {
	idx.conceptsMu.Lock()
	defer idx.conceptsMu.Unlock()
	if m, ok := idx.concepts[concept]; ok {
		return m, nil
	}
	m, err := s.textMatches(ctx, textQuery{conceptTerms(concept)})
	if err != nil {
		return nil, err
	}
	if idx.concepts == nil {
		idx.concepts = map[string]matchSet{}
	}
	idx.concepts[concept] = m
	return m, nil
}

// searchWord is one word the user typed, folded, with the spellings it stands for and the glossary's concepts
// it names.
type searchWord struct {
	spellings []textTerm
	concepts  []string
}

// searchWords reads what a user typed. Every word is folded as the index is (Fold) and quoted, so the query can
// never be a syntax error; the last one also matches as a prefix, so that results follow typing ("smal" finds
// Småland). A word with the digraphs people type for ø, ö, ä, å or ü ("Koebenhavn", "Soenderborg", "Aarhus")
// also matches the word without them.
func searchWords(text string) []searchWord {
	words := strings.Fields(Fold(text))
	out := make([]searchWord, len(words))
	for i, w := range words {
		typing := i == len(words)-1
		out[i].spellings = []textTerm{{w, typing}}
		out[i].concepts = glossary().concepts(w, typing)
		if alt, lastAt := undoDigraphs(w); alt != w {
			// "shoe" is no "sho*" word being typed: the respelling is a prefix only when the typed word
			// goes on after its last digraph.
			out[i].spellings = append(out[i].spellings, textTerm{alt, typing && lastAt+2 < len(w)})
			for _, c := range glossary().concepts(alt, typing) {
				if !slices.Contains(out[i].concepts, c) {
					out[i].concepts = append(out[i].concepts, c)
				}
			}
		}
	}
	return out
}

// digraphs are how people write a letter their keyboard lacks: oe for ø and ö, ae for æ and ä, aa for å,
// ue for ü. Folded, those letters are o, a (æ is ae already) and u.
var digraphs = []struct{ from, to string }{{"oe", "o"}, {"ae", "a"}, {"aa", "a"}, {"ue", "u"}}

// undoDigraphs writes w with its digraphs as single letters, and where the last one started (-1: none).
func undoDigraphs(w string) (string, int) {
	var b strings.Builder
	last := -1
	for i := 0; i < len(w); {
		done := false
		for _, d := range digraphs {
			if strings.HasPrefix(w[i:], d.from) {
				b.WriteString(d.to)
				last, i, done = i, i+len(d.from), true
				break
			}
		}
		if !done {
			b.WriteByte(w[i])
			i++
		}
	}
	return b.String(), last
}

// textTerm is a folded word or phrase (words separated by one space) that a text must contain; a prefix term
// also matches the words it begins.
type textTerm struct {
	text   string
	prefix bool
}

// textQuery is what a text must contain: one term of each group.
type textQuery [][]textTerm

// fts5 writes q in FTS5's query language, every word quoted so that no input is a syntax error.
func (q textQuery) fts5() string {
	groups := make([]string, len(q))
	for i, g := range q {
		alts := make([]string, len(g))
		for j, t := range g {
			alts[j] = `"` + strings.ReplaceAll(t.text, `"`, `""`) + `"`
			if t.prefix {
				alts[j] += "*"
			}
		}
		groups[i] = "(" + strings.Join(alts, " OR ") + ")"
	}
	return strings.Join(groups, " AND ")
}

// tsquery writes q for PostgreSQL's to_tsquery: every word a quoted lexeme, a phrase's words joined by <->.
func (q textQuery) tsquery() string {
	groups := make([]string, len(q))
	for i, g := range q {
		alts := make([]string, len(g))
		for j, t := range g {
			words := strings.Fields(t.text)
			for k, w := range words {
				words[k] = "'" + strings.ReplaceAll(w, "'", "''") + "'"
			}
			if t.prefix && len(words) > 0 {
				words[len(words)-1] += ":*"
			}
			alts[j] = strings.Join(words, " <-> ")
		}
		groups[i] = "(" + strings.Join(alts, " | ") + ")"
	}
	return strings.Join(groups, " & ")
}

// matchQuery is what the words ask of a text: each must occur in one of its spellings.
func matchQuery(words []searchWord) textQuery {
	q := make(textQuery, len(words))
	for i, w := range words {
		q[i] = w.spellings
	}
	return q
}

// MatchExpression is the FTS5 query for what a user typed, the words as typed (see searchWords); "" when
// there is nothing to search for.
func MatchExpression(text string) string {
	words := searchWords(text)
	if len(words) == 0 {
		return ""
	}
	return matchQuery(words).fts5()
}
