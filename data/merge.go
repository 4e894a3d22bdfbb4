package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// MergeCounts say what merging a page's records did: clusters added, updated (a field changed or a new
// source was kept) and unchanged.
type MergeCounts struct {
	Added, Updated, Unchanged int
}

// Ambiguity is a record that fits several clusters of the catalogue, or one that nothing but its name ties it
// to; it is kept for the user to settle (Reviews) and left unmerged.
type Ambiguity struct {
	Record     string   // the record's name
	Source     string   // the page or file it came from
	Candidates []string // "Name (id N)" of each cluster it fits
	// Unplaced: the record or the candidates name no country, and no website or page confirms the name.
	Unplaced bool
}

func (a Ambiguity) Reason() string {
	if a.Unplaced {
		return fmt.Sprintf("%q may be %s, but no country or website confirms it; not merged, for you to settle",
			a.Record, strings.Join(a.Candidates, " or "))
	}
	return fmt.Sprintf("%q fits %d clusters by name: %s; not merged, for you to settle", a.Record,
		len(a.Candidates), strings.Join(a.Candidates, "; "))
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
// is added as a new one. A record that may be one of several clusters is kept for the user to settle (a
// match review, review.go), reported and, when runID is not 0, recorded as a problem of that import run.
//
// Matching (match.go holds the identity rules): a record goes where the user's decision for it says (a
// review settled earlier); else to the one cluster of its country whose name is the same
// (SameName = MatchSame) and that it is found by: the same name key, acronym, website or source page. A
// website or page is evidence, never proof: a cluster there whose name disagrees is another organisation. A
// record without a country matches a cluster with one only when a website or page backs the name. Several
// such clusters are an ambiguity. A name only probably the same is left to the duplicate finder, which asks
// the user after the import.
//
// Updating, field by field (MergeFields):
//   - a known value is never blanked by an unknown one (empty text, zero number);
//   - a value is never replaced by a weaker form of itself (capitals, lost accents, a postcode added); a
//     better form of the same value replaces it;
//   - a differing value is replaced only by a source that stands higher than the one that gave it
//     (SourceStanding: an ECCP profile, the cluster's own statement > other ECCP pages and spreadsheets >
//     ESCA and EUCLES lists > the sample), or by a new reading of that same source. The loser stays a source;
//   - the name is never changed but to a better form of itself, so a match never renames a cluster;
//   - the country is only ever filled in, never changed; websites on the same site count as equal;
//   - ecosystems and sectors are unioned; every source is kept, its read time the latest;
//   - labels follow LabelWins, whatever the source;
//   - each value remembers its source (Cluster.Facts).
func (s *Store) Merge(ctx context.Context, runID int64, records []Cluster) (MergeCounts, []Ambiguity, error) {
	return s.SavePage(ctx, runID, PageRead{Records: records})
}

// SavePage merges a page's records as Merge does and, in the same transaction, remembers the page's
// validators and read time (unless a record was ambiguous, so that the page is read again next time).
func (s *Store) SavePage(ctx context.Context, runID int64, p PageRead) (MergeCounts, []Ambiguity, error) {
	var counts MergeCounts
	var amb []Ambiguity
	done, err := s.takeTurn(ctx)
	if err != nil {
		return counts, nil, err
	}
	defer done()
	tx, err := s.begin(ctx)
	if err != nil {
		return counts, nil, err
	}
	defer tx.Rollback()
	m, err := s.newMerger(ctx, tx, runID)
	if err != nil {
		return counts, nil, err
	}
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
	if err := s.syncFTS(ctx, tx); err != nil {
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
	tx              *sql.Tx
	ins, src, facts *sql.Stmt
	change          *sql.Stmt // records what the run did to a cluster; nil without a run
	runID           int64
	now             time.Time
	store           *Store
}

// query runs a look-up through the store's statement prepared for it: a page of records asks the same few
// questions of every record, and parsing them anew cost a fifth of an import's time.
func (m *merger) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := m.store.stmt(ctx, m.tx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

// newMerger prepares the statements a merge runs for every record; they end with the transaction.
func (s *Store) newMerger(ctx context.Context, tx *sql.Tx, runID int64) (m *merger, err error) {
	m = &merger{tx: tx, now: s.now(), store: s, runID: runID}
	if runID != 0 {
		if m.change, err = s.stmt(ctx, tx, recordChangeSQL); err != nil {
			return nil, friendly(err)
		}
	}
	if m.ins, err = s.stmt(ctx, tx, insertClusterSQL); err != nil {
		return nil, friendly(err)
	}
	if m.src, err = s.stmt(ctx, tx, upsertSourceSQL); err != nil {
		return nil, friendly(err)
	}
	if m.facts, err = s.stmt(ctx, tx, upsertFactSQL); err != nil {
		return nil, friendly(err)
	}
	return m, nil
}

func (m *merger) merge(ctx context.Context, r *Cluster) (outcome, Ambiguity, error) {
	id, a, err := m.place(ctx, r)
	switch {
	case err != nil:
		return 0, Ambiguity{}, err
	case a.Record != "":
		return ambiguous, a, nil
	case id == 0:
		return m.add(ctx, r)
	}
	return m.update(ctx, id, r)
}

// place finds the cluster a record is, under the rules of Merge: its id, 0 for none (a new cluster), or an
// ambiguity, saved for the user's review.
func (m *merger) place(ctx context.Context, r *Cluster) (int64, Ambiguity, error) {
	r.Name = strings.TrimSpace(r.Name)
	r.Country = strings.ToUpper(strings.TrimSpace(r.Country))
	if r.Name == "" {
		return 0, Ambiguity{}, errors.New("a record without a name cannot be merged")
	}
	rf := formsOf(r.Name, r.Acronym) // once per record: the subject and every candidate compare by it
	target, decided, err := m.decisionFor(ctx, subjectOf(r.Country, rf.sorted))
	if err != nil || decided {
		return target, Ambiguity{}, err
	}
	cands, maybe, err := m.candidates(ctx, r, rf)
	if err != nil {
		return 0, Ambiguity{}, friendly(err)
	}
	switch {
	case len(cands) == 1:
		return cands[0].ID, Ambiguity{}, nil
	case len(cands) == 0 && len(maybe) == 0:
		return 0, Ambiguity{}, nil
	case len(cands) == 0:
		cands = maybe
	}
	a := Ambiguity{Record: r.Name, Unplaced: len(maybe) > 0 && len(cands) == len(maybe)}
	if len(r.Sources) > 0 {
		a.Source = r.Sources[0].URL
	}
	ids := make([]int64, len(cands))
	for i, c := range cands {
		ids[i] = c.ID
		a.Candidates = append(a.Candidates, c.Name+" (id "+strconv.FormatInt(c.ID, 10)+")")
	}
	if err := saveReview(ctx, m.tx, reviewOfRecord(*r, ids, a.Reason()), m.now); err != nil {
		return 0, Ambiguity{}, err
	}
	return 0, a, nil
}

func (m *merger) add(ctx context.Context, r *Cluster) (outcome, Ambiguity, error) {
	r.ID, r.UpdatedAt = 0, time.Time{}
	if _, err := insertCluster(ctx, m.ins, m.src, r, m.now); err != nil {
		return 0, Ambiguity{}, err
	}
	if err := saveFacts(ctx, m.facts, r.ID, factsOfRecord(*r, m.now)); err != nil {
		return 0, Ambiguity{}, err
	}
	if err := m.recordChange(ctx, r.ID, ChangeAdded); err != nil {
		return 0, Ambiguity{}, err
	}
	return added, Ambiguity{}, nil
}

// recordChangeSQL keeps the first change a run made to a cluster: one it added and then updated was added.
const recordChangeSQL = `INSERT INTO import_run_changes (run_id, cluster_id, change) VALUES (?, ?, ?)
	ON CONFLICT (run_id, cluster_id) DO NOTHING`

// recordChange remembers that the merger's run added or updated a cluster, for the run's summary.
func (m *merger) recordChange(ctx context.Context, clusterID int64, change string) error {
	if m.change == nil {
		return nil
	}
	if _, err := m.change.ExecContext(ctx, m.runID, clusterID, change); err != nil {
		return fmt.Errorf("cannot record the import's change to cluster %d: %w", clusterID, friendly(err))
	}
	return nil
}

// update merges r into cluster id field by field (MergeFields) and keeps r's sources.
func (m *merger) update(ctx context.Context, id int64, r *Cluster) (outcome, Ambiguity, error) {
	old, err := scanCluster(m.tx.QueryRowContext(ctx, selectCluster+` WHERE id = ?`, id))
	if err != nil {
		return 0, Ambiguity{}, fmt.Errorf("cannot read cluster %d: %w", id, friendly(err))
	}
	known, fallback, err := m.knownSources(ctx, id)
	if err != nil {
		return 0, Ambiguity{}, err
	}
	if old.Facts, err = factsOf(ctx, m.tx, id); err != nil {
		return 0, Ambiguity{}, err
	}
	merged, changed := MergeFields(old, *r, fallback, m.now)
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
	if err := saveFacts(ctx, m.facts, id, changedFacts(old.Facts, merged.Facts)); err != nil {
		return 0, Ambiguity{}, err
	}
	if err := addSources(ctx, m.src, id, r.Sources, m.now); err != nil {
		return 0, Ambiguity{}, err
	}
	if changed || newSource {
		if err := m.recordChange(ctx, id, ChangeUpdated); err != nil {
			return 0, Ambiguity{}, err
		}
		return updated, Ambiguity{}, nil
	}
	return unchanged, Ambiguity{}, nil
}

// candidate is a cluster a record may be, as matching found it.
type candidate struct {
	ID                     int64
	Name, Acronym, Country string
	Website                string
	bySite, byPage         bool // the record's website or source page is this cluster's
}

// candidates finds the clusters a record is, under the rules of Merge. sure are the clusters it is; when there
// is none, maybe are those whose name is the same but whose country cannot be compared (one side has none)
// and that no website or page backs: a question for the user.
func (m *merger) candidates(ctx context.Context, r *Cluster, rf nameForms) (sure, maybe []candidate, err error) {
	found, err := m.lookUp(ctx, r, rf)
	if err != nil {
		return nil, nil, err
	}
	for _, c := range found {
		if r.Country != "" && c.Country != "" && r.Country != c.Country {
			continue // never across countries
		}
		if sameForms(r.Name, rf, c.Name, formsOf(c.Name, c.Acronym)) != MatchSame {
			continue // the same site or page, another organisation
		}
		if r.Country != c.Country && !c.bySite && !c.byPage {
			maybe = append(maybe, c) // a name alone does not place a record without a country
			continue
		}
		sure = append(sure, c)
	}
	return sure, maybe, nil
}

// lookUp reads the clusters that share something with a record: its name key, its acronym (or a name that
// is the record's acronym), its website's site, or one of its source pages that speaks of one organisation.
func (m *merger) lookUp(ctx context.Context, r *Cluster, rf nameForms) ([]candidate, error) {
	byID := map[int64]*candidate{}
	var order []int64
	collect := func(mark func(*candidate), query string, args ...any) error {
		rows, err := m.query(ctx, query, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c candidate
			if err := rows.Scan(&c.ID, &c.Name, &c.Acronym, &c.Country, &c.Website); err != nil {
				return err
			}
			if byID[c.ID] == nil {
				byID[c.ID] = &c
				order = append(order, c.ID)
			}
			mark(byID[c.ID])
		}
		return rows.Err()
	}
	const cols = `SELECT id, name, acronym, country, website FROM clusters`
	none := func(*candidate) {}
	if key := rf.sorted; key != "" {
		if err := collect(none, cols+` WHERE name_key = ?`, key); err != nil {
			return nil, err
		}
	}
	// An acronym ties two names only when one of them is nothing but the acronym (SameName).
	if acr := rf.acronym; acr != "" {
		query := cols + ` WHERE name_key = ? AND country = ?` // a cluster called by the record's acronym
		if onlyAcronym(r.Name) {
			query = cols + ` WHERE acronym <> '' AND lower(replace(acronym, ' ', '')) = ? AND country = ?` // the record is called by one
		}
		if err := collect(none, query, acr, r.Country); err != nil {
			return nil, err
		}
	}
	if site := SiteKey(r.Website); site != "" {
		err := collect(func(c *candidate) { c.bySite = c.bySite || SiteKey(c.Website) == site },
			cols+` WHERE website_host = ?`, WebsiteHost(r.Website))
		if err != nil {
			return nil, err
		}
	}
	for _, so := range r.Sources {
		if !singleOrganisationPage(so.Kind) || so.URL == "" {
			continue
		}
		err := collect(func(c *candidate) { c.byPage = true },
			cols+` WHERE id IN (SELECT cluster_id FROM cluster_sources WHERE url = ?)`, so.URL)
		if err != nil {
			return nil, err
		}
	}
	out := make([]candidate, len(order))
	for i, id := range order {
		out[i] = *byID[id]
	}
	return out, nil
}

// singleOrganisationPage says whether a kind of source speaks of one organisation (a profile), so that the
// same page read again is evidence of the same cluster. A list names many.
func singleOrganisationPage(kind string) bool { return kind == "eccp-profile" }

// knownSources returns the URLs of the cluster's sources and the best standing among them (-1 for none): the
// standing of a value whose own source is not recorded.
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

// SourceStanding ranks a kind of source for settling disagreements: an ECCP profile (the cluster's own
// statement) 3; another ECCP page or a spreadsheet the user chose 2; an ESCA or EUCLES list, or any other
// source, 1; the sample 0. A spreadsheet is one source among others: it may be old, or copied from a list.
func SourceStanding(kind string) int {
	switch {
	case kind == "eccp-profile":
		return 3
	case strings.HasPrefix(kind, "eccp"), kind == "csv":
		return 2
	case kind == "sample":
		return 0
	}
	return 1
}

// MergeFields merges record r into cluster old as Merge describes. old.Facts says which source gave each of
// its values; a value without one stands at fallback. The result's Facts name r's first source for every
// value r gave. It reports whether any value changed.
func MergeFields(old, r Cluster, fallback int, now time.Time) (Cluster, bool) {
	c := old
	c.Facts = maps.Clone(old.Facts)
	if c.Facts == nil {
		c.Facts = map[string]Source{}
	}
	src := recordSource(r, now)
	standing := SourceStanding(src.Kind)
	changed := false
	// wins says whether r's value replaces the field's differing one: a higher standing, or a new reading of
	// the same page.
	wins := func(field string) bool {
		f, ok := c.Facts[field]
		if !ok {
			f, ok = c.Facts[FieldOrigin]
		}
		if !ok {
			return standing > fallback
		}
		return standing > SourceStanding(f.Kind) || (src.URL != "" && src.URL == f.URL)
	}
	text := func(field string, dst *string, v string) {
		v = strings.TrimSpace(v)
		switch {
		case v == "" || v == *dst:
		case *dst == "" || weakerForm(v, *dst) || (!weakerForm(*dst, v) && wins(field)):
			*dst, changed = v, true
			c.Facts[field] = src
		}
	}
	if v := strings.TrimSpace(r.Name); v != c.Name && formsOf(v, "").full == formsOf(c.Name, "").full && weakerForm(v, c.Name) {
		c.Name, changed = v, true // only ever a better form of the same name: a match never renames
		c.Facts[FieldName] = src
	}
	text(FieldAcronym, &c.Acronym, r.Acronym)
	if c.Country == "" && r.Country != "" {
		c.Country, changed = r.Country, true
		c.Facts[FieldCountry] = src
	}
	text(FieldRegion, &c.Region, r.Region)
	text(FieldCity, &c.City, r.City)
	text(FieldFocus, &c.Focus, r.Focus)
	text(FieldDescription, &c.Description, r.Description)
	text(FieldContact, &c.Contact, r.Contact)
	if w := strings.TrimSpace(r.Website); w != "" && w != c.Website {
		if c.Website == "" || (SiteKey(w) != SiteKey(c.Website) && wins(FieldWebsite)) {
			c.Website, changed = w, true
			c.Facts[FieldWebsite] = src
		}
	}
	if (r.Members != 0 || r.MembersText != "") && (r.Members != c.Members || r.MembersText != c.MembersText) {
		if (c.Members == 0 && c.MembersText == "") || wins(FieldMembers) {
			if r.Members != 0 {
				c.Members = r.Members
			}
			if r.MembersText != "" {
				c.MembersText = r.MembersText
			}
			if c.Members != old.Members || c.MembersText != old.MembersText {
				changed = true
				c.Facts[FieldMembers] = src
			}
		}
	}
	if r.Founded != 0 && r.Founded != c.Founded && (c.Founded == 0 || wins(FieldFounded)) {
		c.Founded, changed = r.Founded, true
		c.Facts[FieldFounded] = src
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
			c.Facts[FieldLabel] = src
		}
	}
	return c, changed
}

// recordSource is the source a record's values are credited to: its first, read now when it does not say.
func recordSource(r Cluster, now time.Time) Source {
	if len(r.Sources) == 0 {
		return Source{ReadAt: now}
	}
	so := r.Sources[0]
	if so.ReadAt.IsZero() {
		so.ReadAt = now
	}
	return so
}

// weakerForm says whether v is a weaker form of the same value as cur: the same words with fewer accents,
// in capitals or lower case where cur is mixed, or with a postcode or other numbers added ("1010 WIEN" for
// "Wien").
func weakerForm(cur, v string) bool {
	if cur == v {
		return false
	}
	fc, fv := Fold(cur), Fold(v)
	if fc != fv {
		return withoutNumbers(fv) == fc && fv != fc
	}
	if n, m := nonASCII(v), nonASCII(cur); n != m {
		return n < m
	}
	return oneCase(v) && !oneCase(cur)
}

func withoutNumbers(folded string) string {
	var kept []string
	for _, w := range strings.Fields(folded) {
		if strings.IndexFunc(w, func(r rune) bool { return !unicode.IsDigit(r) }) >= 0 {
			kept = append(kept, w)
		}
	}
	return strings.Join(kept, " ")
}

func nonASCII(s string) int {
	n := 0
	for _, r := range s {
		if r >= utf8.RuneSelf {
			n++
		}
	}
	return n
}

// oneCase says whether text with letters has them all in capitals or all in lower case.
func oneCase(s string) bool {
	return strings.IndexFunc(s, unicode.IsLetter) >= 0 && (s == strings.ToUpper(s) || s == strings.ToLower(s))
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
