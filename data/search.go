package data

import (
	"context"
	"fmt"
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

// facet names a filter whose own condition its counts leave out.
type facet int

const (
	noFacet facet = iota
	labelFacet
	countryFacet
	ecosystemFacet
)

// Search finds the clusters that match q, one page of them, with counts for the filters beside them.
func (s *Store) Search(ctx context.Context, q Query) (Result, error) {
	today := s.now().Format(time.DateOnly)
	var res Result
	where, args := q.where(noFacet, today)

	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM clusters c WHERE `+where, args...).Scan(&res.Total); err != nil {
		return res, friendly(err)
	}
	page := selectCluster + ` c WHERE ` + where + ` ORDER BY ` + q.orderBy()
	pageArgs := args
	if q.Limit > 0 {
		page += ` LIMIT ? OFFSET ?`
		pageArgs = append(append([]any{}, args...), q.Limit, q.Offset)
	}
	rows, err := s.db.QueryContext(ctx, page, pageArgs...)
	if err != nil {
		return res, friendly(err)
	}
	for rows.Next() {
		c, err := scanCluster(rows)
		if err != nil {
			rows.Close()
			return res, err
		}
		res.Clusters = append(res.Clusters, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return res, err
	}
	res.Facets, err = s.facets(ctx, q, today)
	return res, err
}

func (s *Store) facets(ctx context.Context, q Query, today string) (Facets, error) {
	f := Facets{Labels: map[Label]int{}, Countries: map[string]int{}, Ecosystems: map[Ecosystem]int{}}

	where, args := q.where(labelFacet, today)
	if err := s.groupCount(ctx, `SELECT label, count(*) FROM clusters c WHERE `+where+` GROUP BY label`, args,
		func(k string, n int) { f.Labels[Label(k)] = n }); err != nil {
		return f, err
	}
	where, args = q.where(countryFacet, today)
	if err := s.groupCount(ctx, `SELECT country, count(*) FROM clusters c WHERE `+where+` GROUP BY country`, args,
		func(k string, n int) { f.Countries[k] = n }); err != nil {
		return f, err
	}
	// One pass counts all 14 ecosystems: a sum per bit of eco_mask.
	where, args = q.where(ecosystemFacet, today)
	sums := make([]string, len(Ecosystems))
	for i := range Ecosystems {
		sums[i] = fmt.Sprintf("coalesce(sum((eco_mask >> %d) & 1), 0)", i)
	}
	counts := make([]int, len(Ecosystems))
	dest := make([]any, len(counts))
	for i := range counts {
		dest[i] = &counts[i]
	}
	if err := s.db.QueryRowContext(ctx, `SELECT `+strings.Join(sums, ", ")+` FROM clusters c WHERE `+where, args...).Scan(dest...); err != nil {
		return f, friendly(err)
	}
	for i, e := range Ecosystems {
		if counts[i] > 0 {
			f.Ecosystems[e] = counts[i]
		}
	}
	return f, nil
}

func (s *Store) groupCount(ctx context.Context, query string, args []any, put func(string, int)) error {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return friendly(err)
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		var n int
		if err := rows.Scan(&k, &n); err != nil {
			return err
		}
		put(k, n)
	}
	return rows.Err()
}

// where builds the query's condition on clusters aliased c, leaving out the condition of the given facet.
func (q Query) where(skip facet, today string) (string, []any) {
	conds := []string{"1"}
	var args []any
	if m := MatchExpression(q.Text); m != "" {
		conds = append(conds, `c.id IN (SELECT rowid FROM clusters_fts WHERE clusters_fts MATCH ?)`)
		args = append(args, m)
	}
	if len(q.Labels) > 0 && skip != labelFacet {
		conds = append(conds, `c.label IN (`+placeholders(len(q.Labels))+`)`)
		for _, l := range q.Labels {
			args = append(args, string(l))
		}
	}
	if q.ValidOnly {
		conds = append(conds, `c.label <> '' AND c.label_through >= ?`)
		args = append(args, today)
	}
	if len(q.Countries) > 0 && skip != countryFacet {
		conds = append(conds, `c.country IN (`+placeholders(len(q.Countries))+`)`)
		for _, cc := range q.Countries {
			args = append(args, strings.ToUpper(cc))
		}
	}
	if mask := EcosystemMask(q.Ecosystems); mask != 0 && skip != ecosystemFacet {
		conds = append(conds, `c.eco_mask & ? <> 0`)
		args = append(args, mask)
	}
	return strings.Join(conds, " AND "), args
}

func (q Query) orderBy() string {
	switch q.Sort {
	case SortByCountry:
		return `c.country, c.name COLLATE NOCASE, c.id`
	case SortByLabel:
		return `c.label_rank DESC, c.label_through DESC, c.name COLLATE NOCASE, c.id`
	}
	return `c.name COLLATE NOCASE, c.id`
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
