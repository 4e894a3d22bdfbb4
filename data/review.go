package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// ReviewKind says what a match review asks.
type ReviewKind string

const (
	// ReviewAmbiguous: an imported record fits several clusters (or one only probably); it was not merged.
	// Choices: merge it into one of them, or keep it as a cluster of its own.
	ReviewAmbiguous ReviewKind = "ambiguous"
	// ReviewDuplicate: two clusters of the catalogue are probably one organisation. Choices: merge one into
	// the other, or keep them apart.
	ReviewDuplicate ReviewKind = "duplicate"
)

// Review is a match for the user to settle. Decisions are remembered by the review's subject: the record's
// name and country, or the pair of clusters, so that the next import does not ask again.
type Review struct {
	ID         int64
	Kind       ReviewKind
	Record     Cluster   // ReviewAmbiguous: the record as read
	Source     string    // the page or file the record came from
	Candidates []Cluster // the clusters it may be; for ReviewDuplicate, the pair
	Reason     string
	FoundAt    time.Time
	subject    string
}

// ErrReviewSettled says that a review was already settled, or that a cluster it named is gone.
var ErrReviewSettled = errors.New("this match was already settled")

// recordSubject is what a decision about an imported record is remembered by: its name's key and country.
func recordSubject(r *Cluster) string { return subjectOf(r.Country, NameKey(r.Name)) }

// subjectOf is recordSubject for a country and a name key worked out already.
func subjectOf(country, nameKey string) string {
	return "record:" + strings.ToUpper(country) + ":" + nameKey
}

func pairSubject(a, b int64) string {
	a, b = min(a, b), max(a, b)
	return "pair:" + strconv.FormatInt(a, 10) + ":" + strconv.FormatInt(b, 10)
}

// decisionFor returns the cluster the user decided subject goes to, when they did and it still exists. Every
// imported record asks, so it runs through the store's prepared statement.
func (m *merger) decisionFor(ctx context.Context, subject string) (int64, bool, error) {
	rows, err := m.query(ctx, `SELECT d.cluster_id FROM match_decisions d JOIN clusters c ON c.id = d.cluster_id
		WHERE d.subject = ?`, subject)
	if err != nil {
		return 0, false, friendly(err)
	}
	defer rows.Close()
	if !rows.Next() {
		return 0, false, friendly(rows.Err())
	}
	var id int64
	if err := rows.Scan(&id); err != nil {
		return 0, false, friendly(err)
	}
	return id, true, nil
}

// decide remembers the user's decision about subject, signed with who made it.
func (s *Store) decide(ctx context.Context, tx *sql.Tx, subject string, clusterID int64, now time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO match_decisions (subject, cluster_id, decided_at, decided_by) VALUES (?, ?, ?, ?)
		ON CONFLICT (subject) DO UPDATE SET cluster_id = excluded.cluster_id, decided_at = excluded.decided_at,
		decided_by = excluded.decided_by`,
		subject, clusterID, formatTime(now), s.author)
	return friendly(err)
}

func reviewOfRecord(r Cluster, candidates []int64, reason string) Review {
	rv := Review{Kind: ReviewAmbiguous, Record: r, Reason: reason, subject: recordSubject(&r)}
	if len(r.Sources) > 0 {
		rv.Source = r.Sources[0].URL
	}
	for _, id := range candidates {
		rv.Candidates = append(rv.Candidates, Cluster{ID: id})
	}
	return rv
}

// saveReview keeps a review, or refreshes the one with the same subject (the same record read again).
func saveReview(ctx context.Context, tx *sql.Tx, rv Review, now time.Time) error {
	var record []byte
	if rv.Kind == ReviewAmbiguous {
		var err error
		if record, err = json.Marshal(rv.Record); err != nil {
			return err
		}
	}
	ids := make([]string, len(rv.Candidates))
	for i, c := range rv.Candidates {
		ids[i] = strconv.FormatInt(c.ID, 10)
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO match_reviews (kind, subject, record, source, candidates, reason, found_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (subject) DO UPDATE SET record = excluded.record,
		source = excluded.source, candidates = excluded.candidates, reason = excluded.reason`,
		string(rv.Kind), rv.subject, string(record), rv.Source, strings.Join(ids, " "), rv.Reason, formatTime(now))
	if err != nil {
		return fmt.Errorf("cannot keep the match for review: %w", friendly(err))
	}
	return nil
}

// Reviews lists the matches waiting for the user, oldest first, each with its candidate clusters.
func (s *Store) Reviews(ctx context.Context) ([]Review, error) {
	type row struct {
		rv         Review
		record     string
		candidates string
		found      string
	}
	rows, err := queryAll(ctx, s.db, func(sc scanner) (row, error) {
		var r row
		err := sc.Scan(&r.rv.ID, &r.rv.Kind, &r.rv.subject, &r.record, &r.rv.Source, &r.candidates, &r.rv.Reason, &r.found)
		return r, err
	}, `SELECT id, kind, subject, record, source, candidates, reason, found_at FROM match_reviews r
		WHERE NOT EXISTS (SELECT 1 FROM match_decisions d WHERE d.subject = r.subject) ORDER BY id`)
	if err != nil {
		return nil, err
	}
	out := make([]Review, 0, len(rows))
	for _, r := range rows {
		rv := r.rv
		rv.FoundAt = parseTime(r.found)
		if r.record != "" {
			if err := json.Unmarshal([]byte(r.record), &rv.Record); err != nil {
				return nil, fmt.Errorf("match review %d is unreadable: %w", rv.ID, err)
			}
		}
		var ids []int64
		for _, f := range strings.Fields(r.candidates) {
			id, _ := strconv.ParseInt(f, 10, 64)
			ids = append(ids, id)
		}
		if rv.Candidates, err = s.clustersByID(ctx, ids); err != nil {
			return nil, err
		}
		if len(rv.Candidates) < min(len(ids), 2) {
			continue // a candidate was merged away since: the question no longer stands
		}
		if err := s.attachSources(ctx, rv.Candidates); err != nil {
			return nil, err
		}
		out = append(out, rv)
	}
	return out, nil
}

// Decide settles review reviewID. into is the cluster it goes to: for ReviewAmbiguous, the candidate the
// record is merged into, or 0 to add the record as a cluster of its own; for ReviewDuplicate, the one of the
// pair that stays (the other is merged into it, with its sources, notes and shortlist entries), or 0 to keep
// both. The decision is remembered: later imports of the same record go where it went.
func (s *Store) Decide(ctx context.Context, reviewID, into int64) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		var kind, subject, record, candidates string
		err := tx.QueryRowContext(ctx, `SELECT kind, subject, record, candidates FROM match_reviews WHERE id = ?`, reviewID).
			Scan(&kind, &subject, &record, &candidates)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("match %d: %w", reviewID, ErrNotFound)
		}
		if err != nil {
			return err
		}
		var ids []int64
		for _, f := range strings.Fields(candidates) {
			id, _ := strconv.ParseInt(f, 10, 64)
			ids = append(ids, id)
		}
		if into != 0 && !slices.Contains(ids, into) {
			return fmt.Errorf("cluster %d is not one of match %d's candidates", into, reviewID)
		}
		switch ReviewKind(kind) {
		case ReviewAmbiguous:
			err = s.decideRecord(ctx, tx, subject, record, ids, into)
		case ReviewDuplicate:
			err = s.decidePair(ctx, tx, subject, ids, into)
		}
		if err != nil {
			return err
		}
		return s.syncFTS(ctx, tx)
	})
}

func (s *Store) decideRecord(ctx context.Context, tx *sql.Tx, subject, record string, candidates []int64, into int64) error {
	var r Cluster
	if err := json.Unmarshal([]byte(record), &r); err != nil {
		return fmt.Errorf("the record of this match is unreadable: %w", err)
	}
	m, err := s.newMerger(ctx, tx, 0) // a decision belongs to no import run
	if err != nil {
		return err
	}
	if into == 0 {
		if _, _, err := m.add(ctx, &r); err != nil {
			return err
		}
		into = r.ID
		// The user said the record is none of the candidates: the new cluster and each of them stay apart.
		for _, id := range candidates {
			if err := s.decide(ctx, tx, pairSubject(into, id), 0, m.now); err != nil {
				return err
			}
		}
	} else if _, _, err := m.update(ctx, into, &r); err != nil {
		return err
	}
	return s.decide(ctx, tx, subject, into, m.now)
}

// decidePair merges one of a pair into the other (keep), or keeps both apart (keep 0).
func (s *Store) decidePair(ctx context.Context, tx *sql.Tx, subject string, pair []int64, keep int64) error {
	now := s.now()
	if keep == 0 {
		return s.decide(ctx, tx, subject, 0, now)
	}
	gone := pair[0]
	if gone == keep {
		gone = pair[1]
	}
	if err := mergeClusters(ctx, tx, keep, gone, now); err != nil {
		return err
	}
	return s.decide(ctx, tx, subject, keep, now)
}

// mergeClusters merges cluster gone into cluster keep and deletes gone. keep's values stay, gone's fill the
// gaps (MergeFields, gone's sources standing as they stand). The user's work on gone comes along whole: its
// notes, and its shortlist entries with their people and next steps (moveEntries). On a list both are on,
// keep's entry gains gone's: the status that went further, both sets of people, both next steps. Later
// imports of gone's name go to keep.
func mergeClusters(ctx context.Context, tx *sql.Tx, keep, gone int64, now time.Time) error {
	k, err := scanCluster(tx.QueryRowContext(ctx, selectCluster+` WHERE id = ?`, keep))
	if err != nil {
		return fmt.Errorf("cluster %d: %w", keep, ErrReviewSettled)
	}
	g, err := scanCluster(tx.QueryRowContext(ctx, selectCluster+` WHERE id = ?`, gone))
	if err != nil {
		return fmt.Errorf("cluster %d: %w", gone, ErrReviewSettled)
	}
	if k.Facts, err = factsOf(ctx, tx, keep); err != nil {
		return err
	}
	if g.Facts, err = factsOf(ctx, tx, gone); err != nil {
		return err
	}
	// gone's values fill keep's gaps only: fallback 4 stands above every source.
	merged, _ := MergeFields(k, g, 4, now)
	merged.Label, merged.LabelYear, merged.LabelValidUntil = k.Label, k.LabelYear, k.LabelValidUntil
	if LabelWins(k, g) {
		merged.Label, merged.LabelYear, merged.LabelValidUntil = g.Label, g.LabelYear, g.LabelValidUntil
	}
	merged.UpdatedAt = now
	// The label's source comes along with the label that stays.
	labelSource := k.LabelSource()
	if merged.Label != k.Label || merged.LabelValidUntil != k.LabelValidUntil || merged.LabelYear != k.LabelYear {
		labelSource = g.LabelSource()
	}
	labelFact := []any{keep, FieldLabel, labelSource.URL, labelSource.Kind, formatTime(labelSource.ReadAt)}
	if merged.Label == LabelNone || labelSource.ReadAt.IsZero() {
		labelFact = []any{keep, FieldLabel, "", "", ""} // nothing to record: the statement below changes no row
	}
	if err := moveEntries(ctx, tx, keep, gone, formatTime(now)); err != nil {
		return fmt.Errorf("cannot merge %q into %q: %w", g.Name, k.Name, friendly(err))
	}
	for _, step := range []struct {
		query string
		args  []any
	}{
		{updateClusterSQL, append(clusterArgs(&merged), keep)},
		// gone's facts where keep has none, and for the label when gone's won
		{`INSERT INTO cluster_facts (cluster_id, field, url, kind, read_at)
			SELECT CAST(? AS BIGINT), field, url, kind, read_at FROM cluster_facts WHERE cluster_id = ?
			ON CONFLICT DO NOTHING`, []any{keep, gone}},
		{`INSERT INTO cluster_facts (cluster_id, field, url, kind, read_at)
			SELECT CAST(?1 AS BIGINT), CAST(?2 AS TEXT), CAST(?3 AS TEXT), CAST(?4 AS TEXT), CAST(?5 AS TEXT)
			WHERE ?5 <> ''` + factUpsert, labelFact},
		{`INSERT INTO cluster_sources (cluster_id, url, kind, read_at) SELECT CAST(? AS BIGINT), url, kind, read_at
			FROM cluster_sources WHERE cluster_id = ? ON CONFLICT (cluster_id, url)
			DO UPDATE SET read_at = greatest(cluster_sources.read_at, excluded.read_at)`, []any{keep, gone}},
		{`UPDATE notes SET cluster_id = ? WHERE cluster_id = ?`, []any{keep, gone}},
		// unsaved new notes: one draft for keep holding both texts
		{`UPDATE note_drafts AS k SET text = k.text || ?3 || g.text, saved_at = greatest(k.saved_at, g.saved_at)
			FROM note_drafts AS g WHERE k.cluster_id = ?1 AND k.note_id = 0 AND g.cluster_id = ?2 AND g.note_id = 0
			AND g.text <> k.text`, []any{keep, gone, "\n\n"}},
		{`DELETE FROM note_drafts WHERE cluster_id = ?2 AND note_id = 0
			AND EXISTS (SELECT 1 FROM note_drafts WHERE cluster_id = ?1 AND note_id = 0)`, []any{keep, gone}},
		{`UPDATE note_drafts SET cluster_id = ? WHERE cluster_id = ?`, []any{keep, gone}},
		// the user's closed mark comes along; when both are marked, the earlier date and both notes
		{`INSERT INTO cluster_marks (cluster_id, closed_at, note)
			SELECT CAST(? AS BIGINT), closed_at, note FROM cluster_marks WHERE cluster_id = ? AND true
			ON CONFLICT (cluster_id) DO UPDATE SET closed_at = least(cluster_marks.closed_at, excluded.closed_at),
			note = CASE WHEN excluded.note = '' OR excluded.note = cluster_marks.note THEN cluster_marks.note
				WHEN cluster_marks.note = '' THEN excluded.note ELSE cluster_marks.note || '; ' || excluded.note END`,
			[]any{keep, gone}},
		{`DELETE FROM cluster_marks WHERE cluster_id = ?`, []any{gone}},
		{`DELETE FROM cluster_sources WHERE cluster_id = ?`, []any{gone}},
		{`DELETE FROM clusters WHERE id = ?`, []any{gone}},
		// what pointed at gone points at keep
		{`UPDATE match_decisions SET cluster_id = ? WHERE cluster_id = ?`, []any{keep, gone}},
		{`INSERT INTO match_decisions (subject, cluster_id, decided_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
			[]any{recordSubject(&g), keep, formatTime(now)}},
	} {
		if _, err := tx.ExecContext(ctx, step.query, step.args...); err != nil {
			return fmt.Errorf("cannot merge %q into %q: %w", g.Name, k.Name, friendly(err))
		}
	}
	return nil
}

// FindDuplicates looks for pairs of clusters that are probably one organisation: the same country (or one
// without) and names that differ only in the ways match.go allows, or by a typo. Each pair the user has not
// settled is kept for review; it returns how many new pairs it found. Imports call it when they finish.
func (s *Store) FindDuplicates(ctx context.Context) (int, error) {
	type entry struct {
		id                     int64
		name, acronym, country string
		forms                  nameForms
	}
	all, err := queryAll(ctx, s.db, func(sc scanner) (entry, error) {
		var e entry
		err := sc.Scan(&e.id, &e.name, &e.acronym, &e.country)
		e.forms = formsOf(e.name, e.acronym)
		return e, err
	}, `SELECT id, name, acronym, country FROM clusters ORDER BY id`)
	if err != nil {
		return 0, err
	}
	// Only names that share a block are compared: the same form, words, acronym, or the same first or last
	// six letters (a typo leaves one of them whole in a form of twelve letters or more).
	blocks := map[string][]int{}
	for i, e := range all {
		f := e.forms
		keys := []string{"f" + f.full, "w" + f.sorted}
		if f.acronym != "" {
			keys = append(keys, "a"+f.acronym)
		}
		if len(f.full) >= 12 {
			keys = append(keys, "<"+f.full[:6], ">"+f.full[len(f.full)-6:])
		}
		for _, k := range keys {
			blocks[k] = append(blocks[k], i)
		}
		for _, k := range f.alts {
			blocks["f"+k] = append(blocks["f"+k], i)
		}
	}
	seen := map[[2]int]bool{}
	var found []Review
	for _, members := range blocks {
		if len(members) < 2 || len(members) > 50 { // a block that large is a common word, not a name
			continue
		}
		for x := 0; x < len(members); x++ {
			for y := x + 1; y < len(members); y++ {
				a, b := all[members[x]], all[members[y]]
				if seen[[2]int{members[x], members[y]}] || (a.country != b.country && a.country != "" && b.country != "") {
					continue
				}
				seen[[2]int{members[x], members[y]}] = true
				level := SameName(a.name, a.acronym, b.name, b.acronym)
				if level == MatchDifferent {
					continue
				}
				reason := "the same name written differently"
				if level == MatchProbable {
					reason = "names that differ by a letter or a translation"
				}
				found = append(found, Review{Kind: ReviewDuplicate, subject: pairSubject(a.id, b.id),
					Candidates: []Cluster{{ID: min(a.id, b.id)}, {ID: max(a.id, b.id)}},
					Reason:     fmt.Sprintf("%q and %q: %s", a.name, b.name, reason)})
			}
		}
	}
	if len(found) == 0 {
		return 0, nil
	}
	n := 0
	err = s.write(ctx, func(tx *sql.Tx) error {
		now := s.now()
		for _, rv := range found {
			var known int
			if err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM match_reviews WHERE subject = ?1) +
				(SELECT count(*) FROM match_decisions WHERE subject = ?1)`, rv.subject).Scan(&known); err != nil {
				return err
			}
			if known > 0 {
				continue
			}
			if err := saveReview(ctx, tx, rv, now); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	return n, err
}
