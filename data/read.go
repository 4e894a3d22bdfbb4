package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// ErrNotFound says that no cluster or shortlist answers to a name or id.
var ErrNotFound = errors.New("not found")

// AmbiguousError says that a name prefix fits several clusters; Candidates lists their names.
type AmbiguousError struct {
	Ref        string
	Candidates []string
}

func (e *AmbiguousError) Error() string {
	return fmt.Sprintf("%q fits %d clusters: %s; give more of the name or the id",
		e.Ref, len(e.Candidates), strings.Join(e.Candidates, "; "))
}

const selectCluster = `SELECT id, ` + clusterColumns + ` FROM clusters`

// scanCluster reads one row of selectCluster.
func scanCluster(row scanner) (Cluster, error) {
	var (
		c                         Cluster
		mask                      int64
		sectors, label, updatedAt string
		labelRank                 int
		labelYear, members, found sql.NullInt64
		through, host, nameKey    string
	)
	err := row.Scan(&c.ID, &c.Name, &c.Acronym, &c.Country, &c.Region, &c.City, &mask, &sectors, &c.Focus,
		&c.Description, &label, &labelRank, &labelYear, &c.LabelValidUntil, &through, &c.Website, &host, &nameKey,
		&members, &c.MembersText, &found, &c.Contact, &updatedAt)
	if err != nil {
		return c, err
	}
	c.Ecosystems = EcosystemsOf(mask)
	if sectors != "" {
		c.Sectors = strings.Split(sectors, listSeparator)
	}
	c.Label = Label(label)
	c.LabelYear = int(labelYear.Int64)
	c.Members = int(members.Int64)
	c.Founded = int(found.Int64)
	c.UpdatedAt = parseTime(updatedAt)
	return c, nil
}

// Cluster returns one cluster with its sources, notes (oldest first) and shortlists.
func (s *Store) Cluster(ctx context.Context, id int64) (Cluster, error) {
	c, err := scanCluster(s.db.QueryRowContext(ctx, selectCluster+` WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("cluster %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return c, friendly(err)
	}
	one := []Cluster{c}
	if err := s.attachSources(ctx, one); err != nil {
		return c, err
	}
	if err := s.attachMarks(ctx, one); err != nil {
		return c, err
	}
	c = one[0]
	if c.Notes, err = s.Notes(ctx, id); err != nil {
		return c, err
	}
	c.Shortlists, err = s.memberships(ctx, id)
	return c, err
}

// attachSources fills in the sources of every cluster in cs, newest read first, and where each value came from.
func (s *Store) attachSources(ctx context.Context, cs []Cluster) error {
	type row struct {
		id int64
		so Source
	}
	ids := make([]int64, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
	}
	rows, err := queryByIDs(ctx, s.db, func(sc scanner) (row, error) {
		var r row
		var at string
		err := sc.Scan(&r.id, &r.so.URL, &r.so.Kind, &at)
		r.so.ReadAt = parseTime(at)
		return r, err
	}, `SELECT cluster_id, url, kind, read_at FROM cluster_sources WHERE cluster_id IN (%s) ORDER BY read_at DESC, url`, ids)
	if err != nil {
		return err
	}
	byID := map[int64][]Source{}
	for _, r := range rows {
		byID[r.id] = append(byID[r.id], r.so)
	}
	facts, err := factsOfMany(ctx, s.db, ids)
	if err != nil {
		return err
	}
	for i := range cs {
		cs[i].Sources = byID[cs[i].ID]
		cs[i].Facts = facts[cs[i].ID]
	}
	return nil
}

func (s *Store) memberships(ctx context.Context, id int64) ([]Membership, error) {
	es, err := entriesWhere(ctx, s.db, `e.cluster_id = ?`, `lower(l.name)`, id)
	out := make([]Membership, len(es))
	for i, e := range es {
		out[i] = e.Membership()
	}
	return out, err
}

// FindCluster resolves what a user typed to name a cluster: an id, a whole name (case-insensitive; an exact
// name wins) or a prefix of one name. A prefix of several names is an *AmbiguousError listing them.
func (s *Store) FindCluster(ctx context.Context, ref string) (Cluster, error) {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return Cluster{}, fmt.Errorf("no cluster given: %w", ErrNotFound)
	}
	if id, err := strconv.ParseInt(ref, 10, 64); err == nil {
		c, err := s.Cluster(ctx, id)
		if err == nil || !errors.Is(err, ErrNotFound) {
			return c, err
		}
	}
	var ids []int64
	var names []string
	rows, err := s.db.QueryContext(ctx, `SELECT id, name, name = ? AS exact FROM clusters
		WHERE lower(name) = lower(?) OR lower(name) LIKE lower(?) ESCAPE '\'
		ORDER BY exact DESC, lower(name) = lower(?) DESC, lower(name) LIMIT 21`,
		ref, ref, likePrefix(ref), ref)
	if err != nil {
		return Cluster{}, friendly(err)
	}
	defer rows.Close()
	exact := false
	for rows.Next() {
		var id int64
		var name string
		var isExact bool
		if err := rows.Scan(&id, &name, &isExact); err != nil {
			return Cluster{}, err
		}
		if len(ids) == 0 && (isExact || strings.EqualFold(name, ref)) {
			exact = true
		}
		ids = append(ids, id)
		names = append(names, name)
	}
	if err := rows.Err(); err != nil {
		return Cluster{}, err
	}
	rows.Close()
	switch {
	case len(ids) == 0:
		return Cluster{}, fmt.Errorf("no cluster called %q: %w; try 'list --query %s'", ref, ErrNotFound, ref)
	case len(ids) == 1 || exact:
		return s.Cluster(ctx, ids[0])
	}
	if len(names) > 20 {
		names = append(names[:20], "…")
	}
	return Cluster{}, &AmbiguousError{Ref: ref, Candidates: names}
}

// likePrefix escapes LIKE's wildcards in a prefix.
func likePrefix(p string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(p) + "%"
}

// Count is how many clusters the catalogue holds.
func (s *Store) Count(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM clusters`).Scan(&n)
	return n, friendly(err)
}

// AllClusters returns every cluster without notes or shortlists, for scoring and exports of the whole catalogue.
// The user's closed marks come along: the suggestions rank closed clusters last.
func (s *Store) AllClusters(ctx context.Context) ([]Cluster, error) {
	cs, err := queryAll(ctx, s.db, scanCluster, selectCluster+` ORDER BY id`)
	if err != nil {
		return nil, err
	}
	return cs, s.attachMarks(ctx, cs)
}
