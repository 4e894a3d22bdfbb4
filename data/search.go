package data

import (
	"context"
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
	text, err := s.textMatches(ctx, q.Text)
	if err != nil {
		return res, err
	}
	ids, total, facets := idx.scan(q, text, dayNumber(s.now().Format(time.DateOnly)))
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

// MatchExpression turns what a user typed into an FTS5 query that can never be a syntax error: every word is
// quoted as a string, and the last one also matches as a prefix so that results follow typing ("smal" finds
// Småland). Words must all occur. It returns "" when there is nothing to search for.
func MatchExpression(text string) string {
	words := strings.FieldsFunc(text, func(r rune) bool {
		// Split where the tokenizer would, so that "agri-food" asks for both words.
		return !(r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 127)
	})
	if len(words) == 0 {
		return ""
	}
	parts := make([]string, len(words))
	for i, w := range words {
		parts[i] = `"` + strings.ReplaceAll(w, `"`, `""`) + `"`
	}
	parts[len(parts)-1] += "*"
	return strings.Join(parts, " ")
}
