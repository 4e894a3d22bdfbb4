package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// MergeCounts say what merging a page's records did: clusters added, updated (a field changed or a new
// source was kept) and unchanged.
type MergeCounts struct {
	Added, Updated, Unchanged int
}

// Ambiguity is a record that fits several clusters of the catalogue; it is reported and left unmerged.
type Ambiguity struct {
	Record     string   // the record's name
	Source     string   // the page or file it came from
	By         string   // "website" or "name"
	Candidates []string // "Name (id N)" of each cluster it fits
}

func (a Ambiguity) Reason() string {
	return fmt.Sprintf("%q fits %d clusters by %s: %s; not merged", a.Record, len(a.Candidates), a.By,
		strings.Join(a.Candidates, "; "))
}

// PageRead is one page's records with what its server said about it.
type PageRead struct {
	// URL is the page fetched or file read. When set, its Validators are remembered with the records, so that
	// the next import can ask whether it changed.
	URL        string
	Validators Validators
	Records    []Cluster
}

// Merge merges records into the catalogue in one transaction: each record updates the cluster it matches or
// is added as a new one. Ambiguous records are reported and, when runID is not 0, recorded as problems of
// that import run.
//
// Matching: a record matches the cluster with the same website host (WebsiteHost, "www." dropped); without a
// website match, the cluster with the same NameKey and country (any country when the record names none).
// Several clusters on one host are narrowed by NameKey; several left is an ambiguity.
//
// Updating, field by field:
//   - a known value is never blanked by an unknown one (empty text, zero number);
//   - a differing known value is replaced only by a source of at least the same standing as the best
//     source the cluster already has: a CSV file the user chose > an ECCP profile (the cluster's own
//     statement) > ESCA and EUCLES lists > the sample. So a page read again, or two sources that disagree,
//     never flip a value back and forth, and importing the same pages twice changes nothing;
//   - a name is replaced only by a different name, not by the same one written with a legal form or
//     in other case;
//   - the country is only ever filled in, never changed; websites on the same host count as equal;
//   - ecosystems and sectors are unioned; every source is kept, its read time the latest;
//   - labels follow LabelWins, whatever the source.
func (s *Store) Merge(ctx context.Context, runID int64, records []Cluster) (MergeCounts, []Ambiguity, error) {
	return s.SavePage(ctx, runID, PageRead{Records: records})
}

// SavePage merges a page's records as Merge does and, in the same transaction, remembers the page's
// validators and read time (unless a record was ambiguous, so that the page is read again next time).
func (s *Store) SavePage(ctx context.Context, runID int64, p PageRead) (MergeCounts, []Ambiguity, error) {
	var counts MergeCounts
	var amb []Ambiguity
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return counts, nil, friendly(err)
	}
	defer tx.Rollback()
	m := merger{tx: tx, now: s.now()}
	if m.ins, err = tx.PrepareContext(ctx, insertClusterSQL); err != nil {
		return counts, nil, friendly(err)
	}
	defer m.ins.Close()
	if m.src, err = tx.PrepareContext(ctx, upsertSourceSQL); err != nil {
		return counts, nil, friendly(err)
	}
	defer m.src.Close()
	for i := range p.Records {
		r := p.Records[i] // a copy: the caller's record stays as it was
		outcome, a, err := m.merge(ctx, &r)
		if err != nil {
			return MergeCounts{}, nil, err
		}
		switch outcome {
		case added:
			counts.Added++
		case updated:
			counts.Updated++
		case unchanged:
			counts.Unchanged++
		case ambiguous:
			if a.Source == "" {
				a.Source = p.URL
			}
			amb = append(amb, a)
			if err := recordProblem(ctx, tx, runID, Problem{URL: a.Source, Kind: ProblemAmbiguous, Reason: a.Reason()}); err != nil {
				return MergeCounts{}, nil, friendly(err)
			}
		}
	}
	if p.URL != "" && len(amb) == 0 {
		if err := rememberValidators(ctx, tx, p.URL, p.Validators, m.now); err != nil {
			return MergeCounts{}, nil, friendly(err)
		}
	}
	if err := syncFTS(ctx, tx); err != nil {
		return MergeCounts{}, nil, err
	}
	if err := tx.Commit(); err != nil {
		return MergeCounts{}, nil, friendly(err)
	}
	return counts, amb, nil
}

type outcome int

const (
	added outcome = iota
	updated
	unchanged
	ambiguous
)

type merger struct {
	tx       *sql.Tx
	ins, src *sql.Stmt
	now      time.Time
}

func (m *merger) merge(ctx context.Context, r *Cluster) (outcome, Ambiguity, error) {
	r.Name = strings.TrimSpace(r.Name)
	r.Country = strings.ToUpper(strings.TrimSpace(r.Country))
	if r.Name == "" {
		return 0, Ambiguity{}, errors.New("a record without a name cannot be merged")
	}
	ids, by, err := m.candidates(ctx, r)
	if err != nil {
		return 0, Ambiguity{}, friendly(err)
	}
	switch len(ids) {
	case 0:
		r.ID, r.UpdatedAt = 0, time.Time{}
		if _, err := insertCluster(ctx, m.ins, m.src, r, m.now); err != nil {
			return 0, Ambiguity{}, err
		}
		return added, Ambiguity{}, nil
	case 1:
	default:
		a := Ambiguity{Record: r.Name, By: by}
		if len(r.Sources) > 0 {
			a.Source = r.Sources[0].URL
		}
		for _, id := range ids {
			var name string
			if err := m.tx.QueryRowContext(ctx, `SELECT name FROM clusters WHERE id = ?`, id).Scan(&name); err != nil {
				return 0, Ambiguity{}, friendly(err)
			}
			a.Candidates = append(a.Candidates, name+" (id "+strconv.FormatInt(id, 10)+")")
		}
		return ambiguous, a, nil
	}
	id := ids[0]
	old, err := scanCluster(m.tx.QueryRowContext(ctx, selectCluster+` WHERE id = ?`, id))
	if err != nil {
		return 0, Ambiguity{}, friendly(err)
	}
	known, standing, err := m.knownSources(ctx, id)
	if err != nil {
		return 0, Ambiguity{}, err
	}
	merged, changed := MergeFields(old, *r, standing <= bestStanding(r.Sources))
	newSource := false
	for _, so := range r.Sources {
		if so.URL != "" && !known[so.URL] {
			newSource = true
		}
	}
	if changed {
		merged.UpdatedAt = m.now
		args := append(clusterArgs(&merged), id)
		if _, err := m.tx.ExecContext(ctx, updateClusterSQL, args...); err != nil {
			return 0, Ambiguity{}, fmt.Errorf("cannot update cluster %q: %w", old.Name, friendly(err))
		}
	}
	if err := addSources(ctx, m.src, id, r.Sources, m.now); err != nil {
		return 0, Ambiguity{}, err
	}
	if changed || newSource {
		return updated, Ambiguity{}, nil
	}
	return unchanged, Ambiguity{}, nil
}

// candidates finds the clusters a record matches, and by what.
func (m *merger) candidates(ctx context.Context, r *Cluster) ([]int64, string, error) {
	key := NameKey(r.Name)
	if host := WebsiteHost(r.Website); host != "" {
		ids, keys, err := m.ids(ctx, `SELECT id, name_key FROM clusters WHERE website_host = ? ORDER BY id`, host)
		if err != nil {
			return nil, "", err
		}
		if len(ids) > 1 {
			var same []int64
			for i, k := range keys {
				if k == key {
					same = append(same, ids[i])
				}
			}
			if len(same) == 1 {
				return same, "website", nil
			}
		}
		if len(ids) > 0 {
			return ids, "website", nil
		}
	}
	if key == "" {
		return nil, "", nil
	}
	var ids []int64
	var err error
	if r.Country != "" {
		ids, _, err = m.ids(ctx, `SELECT id, name_key FROM clusters WHERE name_key = ? AND country = ? ORDER BY id`, key, r.Country)
	} else {
		ids, _, err = m.ids(ctx, `SELECT id, name_key FROM clusters WHERE name_key = ? ORDER BY id`, key)
	}
	return ids, "name", err
}

func (m *merger) ids(ctx context.Context, query string, args ...any) ([]int64, []string, error) {
	rows, err := m.tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var ids []int64
	var keys []string
	for rows.Next() {
		var id int64
		var k string
		if err := rows.Scan(&id, &k); err != nil {
			return nil, nil, err
		}
		ids, keys = append(ids, id), append(keys, k)
	}
	return ids, keys, rows.Err()
}

// knownSources returns the URLs of the cluster's sources and the best standing among them (-1 for none).
func (m *merger) knownSources(ctx context.Context, id int64) (map[string]bool, int, error) {
	rows, err := m.tx.QueryContext(ctx, `SELECT url, kind FROM cluster_sources WHERE cluster_id = ?`, id)
	if err != nil {
		return nil, 0, friendly(err)
	}
	defer rows.Close()
	urls := map[string]bool{}
	best := -1
	for rows.Next() {
		var u, k string
		if err := rows.Scan(&u, &k); err != nil {
			return nil, 0, err
		}
		urls[u] = true
		best = max(best, SourceStanding(k))
	}
	return urls, best, rows.Err()
}

// SourceStanding ranks a kind of source for settling disagreements: a CSV file the user chose 4, an ECCP
// profile 3, another ECCP page 2, an ESCA or EUCLES list (or any other source) 1, the sample 0.
func SourceStanding(kind string) int {
	switch {
	case kind == "csv":
		return 4
	case kind == "eccp-profile":
		return 3
	case strings.HasPrefix(kind, "eccp"):
		return 2
	case kind == "sample":
		return 0
	}
	return 1
}

func bestStanding(sources []Source) int {
	best := -1
	for _, so := range sources {
		best = max(best, SourceStanding(so.Kind))
	}
	return best
}

// MergeFields merges record r into cluster old as Merge describes; overwrite says whether r's source stands
// high enough to replace a differing known value. It reports whether any field changed.
func MergeFields(old, r Cluster, overwrite bool) (Cluster, bool) {
	c := old
	changed := false
	text := func(dst *string, v string) {
		v = strings.TrimSpace(v)
		if v == "" || v == *dst {
			return
		}
		if *dst == "" || overwrite {
			*dst, changed = v, true
		}
	}
	if NameKey(r.Name) != NameKey(c.Name) {
		text(&c.Name, r.Name) // a new name, not the same one with another legal form or case
	}
	text(&c.Acronym, r.Acronym)
	if c.Country == "" && r.Country != "" {
		c.Country, changed = r.Country, true
	}
	text(&c.Region, r.Region)
	text(&c.City, r.City)
	text(&c.Focus, r.Focus)
	text(&c.Description, r.Description)
	text(&c.Contact, r.Contact)
	if w := strings.TrimSpace(r.Website); w != "" && w != c.Website {
		if c.Website == "" || (overwrite && WebsiteHost(w) != WebsiteHost(c.Website)) {
			c.Website, changed = w, true
		}
	}
	if (r.Members != 0 || r.MembersText != "") && (r.Members != c.Members || r.MembersText != c.MembersText) {
		if (c.Members == 0 && c.MembersText == "") || overwrite {
			if r.Members != 0 {
				c.Members = r.Members
			}
			if r.MembersText != "" {
				c.MembersText = r.MembersText
			}
			changed = changed || c.Members != old.Members || c.MembersText != old.MembersText
		}
	}
	if r.Founded != 0 && r.Founded != c.Founded && (c.Founded == 0 || overwrite) {
		c.Founded, changed = r.Founded, true
	}
	if eco := unionEcosystems(c.Ecosystems, r.Ecosystems); len(eco) != len(c.Ecosystems) {
		c.Ecosystems, changed = eco, true
	}
	if sec := unionSectors(c.Sectors, r.Sectors); len(sec) != len(c.Sectors) {
		c.Sectors, changed = sec, true
	}
	if LabelWins(c, r) {
		year := r.LabelYear
		if year == 0 && r.Label == c.Label {
			year = c.LabelYear // the same level, its assessment year known from elsewhere
		}
		if r.Label != c.Label || r.LabelValidUntil != c.LabelValidUntil || year != c.LabelYear {
			c.Label, c.LabelValidUntil, c.LabelYear, changed = r.Label, r.LabelValidUntil, year, true
		}
	}
	return c, changed
}

// LabelWins says whether record r's label replaces cluster c's. Labels expire, so the latest statement wins:
//   - no label stated never replaces one; any label replaces none;
//   - both dated: the later valid-until wins; on the same last day, the better level;
//   - dated against undated: the dated one wins unless it ran out before the undated one's label year began
//     (an undated gold of 2024 beats a bronze valid until 2021);
//   - both undated: the later label year wins; on the same year, the better level.
//
// A label that does not win leaves the cluster's label, year and date as they are.
func LabelWins(c, r Cluster) bool {
	if r.Label == LabelNone {
		return false
	}
	if c.Label == LabelNone {
		return true
	}
	ct, rt := ValidThrough(c.LabelValidUntil), ValidThrough(r.LabelValidUntil)
	switch {
	case ct != "" && rt != "":
		if rt != ct {
			return rt > ct
		}
		return r.Label.Rank() > c.Label.Rank()
	case rt != "": // r dated, c undated
		return c.LabelYear == 0 || rt >= fmt.Sprintf("%04d-01-01", c.LabelYear)
	case ct != "": // r undated, c dated
		return r.LabelYear != 0 && fmt.Sprintf("%04d-01-01", r.LabelYear) > ct
	}
	if r.LabelYear != c.LabelYear {
		return r.LabelYear > c.LabelYear
	}
	return r.Label.Rank() > c.Label.Rank()
}

// unionEcosystems is every ecosystem of a and b, once each, in the canonical order the catalogue stores.
func unionEcosystems(a, b []Ecosystem) []Ecosystem {
	return EcosystemsOf(EcosystemMask(a) | EcosystemMask(b))
}

func unionSectors(a, b []string) []string {
	out := append([]string(nil), a...)
	seen := map[string]bool{}
	for _, s := range a {
		seen[Fold(s)] = true
	}
	for _, s := range b {
		s = strings.TrimSpace(s)
		if s == "" || seen[Fold(s)] {
			continue
		}
		seen[Fold(s)] = true
		out = append(out, s)
	}
	return out
}
