package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// PushSummary says what Push did.
type PushSummary struct {
	Clusters MergeCounts // the catalogue's clusters: new to the target, updated with facts it lacked, unchanged
	// Unplaced are clusters the target holds more than one of: left for its review of matches, with their
	// shortlist entries and notes, which a push after the review brings.
	Unplaced   []string
	Shortlists int // shortlists created (the others had the same name, case-insensitively)
	Entries    int // shortlist entries added
	Combined   int // entries on both, combined: the status that went further, every person, both next steps
	People     int // contact people added
	Notes      int // notes added
	LogEntries int // shortlist log entries added
	Marks      int // clusters marked closed
}

// pushSource is everything of a catalogue that Push brings, read as stored.
type pushSource struct {
	clusters []Cluster // with their sources and facts
	lists    []Shortlist
	entries  []pushEntry
	notes    []Note
	log      []LogEntry
	marks    []pushMark
}

type pushEntry struct {
	shortlistID, clusterID int64
	row                    entryRow
	addedBy, changedBy     string
}

type pushMark struct {
	clusterID      int64
	closedAt, note string
}

// Push brings the catalogue of from into s, as one import run ("push from …") in one transaction: its
// clusters merge by the same identity rules as an import's records (a new one keeps where each of its values
// came from; one the target has gains what it lacked, under the sources' standing), then its shortlists
// (by name), entries, contact people, next steps, notes, log and closed marks follow their clusters. Nothing
// of the target's is replaced or downgraded: an entry on both is combined as a merge of matches combines
// one. Pushing again adds nothing twice. Changes are signed with their authors, or with s's for those
// from isn't signed.
func (s *Store) Push(ctx context.Context, from *Store) (PushSummary, error) {
	src, err := readPushSource(ctx, from)
	if err != nil {
		return PushSummary{}, fmt.Errorf("cannot read %s: %w", from.Path(), err)
	}
	runID, err := s.BeginRun(ctx, []string{"push from " + from.Path()})
	if err != nil {
		return PushSummary{}, err
	}
	var sum PushSummary
	err = s.write(ctx, func(tx *sql.Tx) error {
		ids, err := s.pushClusters(ctx, tx, runID, src.clusters, &sum)
		if err != nil {
			return err
		}
		return s.pushUserData(ctx, tx, src, ids, &sum)
	})
	if err != nil {
		sum = PushSummary{}
	}
	c := sum.Clusters
	s.FinishRun(ctx, runID, RunCounts{Added: c.Added, Updated: c.Updated, Unchanged: c.Unchanged, Skipped: len(sum.Unplaced)}, err != nil)
	return sum, err
}

func readPushSource(ctx context.Context, from *Store) (pushSource, error) {
	var src pushSource
	var err error
	if src.clusters, err = from.AllClusters(ctx); err != nil {
		return src, err
	}
	if err = from.attachSources(ctx, src.clusters); err != nil {
		return src, err
	}
	if src.lists, err = from.Shortlists(ctx); err != nil {
		return src, err
	}
	if src.entries, err = readPushEntries(ctx, from.db); err != nil {
		return src, err
	}
	if src.notes, err = queryAll(ctx, from.db, func(sc scanner) (Note, error) {
		var n Note
		var at, edited string
		err := sc.Scan(&n.ClusterID, &at, &edited, &n.Text, &n.Author, &n.EditedBy)
		n.At, n.EditedAt = parseTime(at), parseTime(edited)
		return n, err
	}, `SELECT cluster_id, at, edited_at, text, author, edited_by FROM notes ORDER BY at, id`); err != nil {
		return src, err
	}
	if src.log, err = queryAll(ctx, from.db, func(sc scanner) (LogEntry, error) {
		var l LogEntry
		var at, edited string
		err := sc.Scan(&l.ShortlistID, &at, &edited, &l.Text)
		l.At, l.EditedAt = parseTime(at), parseTime(edited)
		return l, err
	}, `SELECT shortlist_id, at, edited_at, text FROM shortlist_log ORDER BY at, id`); err != nil {
		return src, err
	}
	src.marks, err = queryAll(ctx, from.db, func(sc scanner) (pushMark, error) {
		var m pushMark
		return m, sc.Scan(&m.clusterID, &m.closedAt, &m.note)
	}, `SELECT cluster_id, closed_at, note FROM cluster_marks ORDER BY cluster_id`)
	return src, err
}

// readPushEntries reads every shortlist entry with its contact people, in their order.
func readPushEntries(ctx context.Context, q querier) ([]pushEntry, error) {
	entries, err := queryAll(ctx, q, func(sc scanner) (pushEntry, error) {
		var e pushEntry
		var changed sql.NullString
		err := sc.Scan(&e.shortlistID, &e.clusterID, &e.row.status, &e.row.next.Text, &e.row.next.Due,
			&e.row.addedAt, &changed, &e.addedBy, &e.changedBy)
		e.row.changedAt = changed.String
		return e, err
	}, `SELECT shortlist_id, cluster_id, status, next_step, next_step_due, added_at, changed_at, added_by, changed_by
		FROM shortlist_entries ORDER BY shortlist_id, cluster_id`)
	if err != nil {
		return nil, err
	}
	type person struct {
		listID, clusterID int64
		p                 ContactPerson
		created           string
	}
	people, err := queryAll(ctx, q, func(sc scanner) (person, error) {
		var p person
		return p, sc.Scan(&p.listID, &p.clusterID, &p.p.Name, &p.p.Role, &p.p.Email, &p.p.Phone, &p.created,
			&p.p.AddedBy, &p.p.ChangedBy)
	}, `SELECT shortlist_id, cluster_id, name, role, email, phone, created_at, added_by, changed_by FROM contact_people
		ORDER BY shortlist_id, cluster_id, position, id`)
	if err != nil {
		return nil, err
	}
	at := map[[2]int64]int{}
	for i, e := range entries {
		at[[2]int64{e.shortlistID, e.clusterID}] = i
	}
	for _, p := range people {
		if i, ok := at[[2]int64{p.listID, p.clusterID}]; ok {
			entries[i].row.people = append(entries[i].row.people, p.p)
			entries[i].row.peopleCreated = append(entries[i].row.peopleCreated, p.created)
		}
	}
	return entries, nil
}

// pushClusters merges the clusters into the target and returns, for each one placed, its id there.
func (s *Store) pushClusters(ctx context.Context, tx *sql.Tx, runID int64, cs []Cluster, sum *PushSummary) (map[int64]int64, error) {
	m, err := s.newMerger(ctx, tx, runID)
	if err != nil {
		return nil, err
	}
	ids := make(map[int64]int64, len(cs))
	for _, c := range cs {
		r := pushRecord(c)
		id, a, err := m.place(ctx, &r)
		if err != nil {
			return nil, err
		}
		if a.Record != "" {
			sum.Unplaced = append(sum.Unplaced, c.Name)
			if err := recordProblem(ctx, tx, runID, Problem{URL: a.Source, Kind: ProblemAmbiguous, Reason: a.Reason()}); err != nil {
				return nil, err
			}
			continue
		}
		if id == 0 {
			if _, _, err := m.add(ctx, &r); err != nil {
				return nil, err
			}
			// A new cluster keeps where each of its values came from, as the source catalogue says.
			if err := saveFacts(ctx, m.facts, r.ID, c.Facts); err != nil {
				return nil, err
			}
			ids[c.ID] = r.ID
			sum.Clusters.Added++
			continue
		}
		outcome, err := m.updateBySource(ctx, id, c)
		if err != nil {
			return nil, err
		}
		if outcome == updated {
			sum.Clusters.Updated++
		} else {
			sum.Clusters.Unchanged++
		}
		ids[c.ID] = id
	}
	return ids, nil
}

// pushRecord is a cluster as a record to merge: its sources with the one its values came from first, which a
// merge credits them to.
func pushRecord(c Cluster) Cluster {
	r := c
	r.ID = 0
	origin, ok := c.Facts[FieldOrigin]
	if !ok {
		return r
	}
	r.Sources = []Source{origin}
	for _, so := range c.Sources {
		if so.URL != origin.URL {
			r.Sources = append(r.Sources, so)
		}
	}
	return r
}

// updateBySource merges a cluster into the target's cluster id one source at a time: each record holds the
// values that came from one source, so that each is weighed by its own source's standing and credited to it.
func (m *merger) updateBySource(ctx context.Context, id int64, c Cluster) (outcome, error) {
	result := unchanged
	for _, r := range recordsBySource(c) {
		o, _, err := m.update(ctx, id, &r)
		if err != nil {
			return 0, err
		}
		if o == updated {
			result = updated
		}
	}
	return result, nil
}

// recordsBySource splits a cluster into one record per source its values came from (by its facts; a value
// without a fact of its own came from the origin's source), each listing that source first.
func recordsBySource(c Cluster) []Cluster {
	origin := c.Facts[FieldOrigin]
	if len(c.Sources) > 0 && origin.URL == "" && origin.Kind == "" {
		origin = c.Sources[0]
	}
	sourceOf := func(field string) Source {
		if so, ok := c.Facts[field]; ok {
			return so
		}
		return origin
	}
	base := Cluster{Name: c.Name, Country: c.Country, Ecosystems: c.Ecosystems, Sectors: c.Sectors,
		Sources: pushRecord(c).Sources}
	records := []Cluster{base}
	recordFor := func(so Source) *Cluster {
		for i := range records {
			if len(records[i].Sources) > 0 && records[i].Sources[0].URL == so.URL && records[i].Sources[0].Kind == so.Kind {
				return &records[i]
			}
		}
		records = append(records, Cluster{Name: c.Name, Country: c.Country, Sources: []Source{so}})
		return &records[len(records)-1]
	}
	if len(base.Sources) == 0 {
		records[0].Sources = []Source{origin}
	}
	recordFor(sourceOf(FieldAcronym)).Acronym = c.Acronym
	recordFor(sourceOf(FieldRegion)).Region = c.Region
	recordFor(sourceOf(FieldCity)).City = c.City
	recordFor(sourceOf(FieldFocus)).Focus = c.Focus
	recordFor(sourceOf(FieldDescription)).Description = c.Description
	recordFor(sourceOf(FieldContact)).Contact = c.Contact
	recordFor(sourceOf(FieldWebsite)).Website = c.Website
	r := recordFor(sourceOf(FieldMembers))
	r.Members, r.MembersText = c.Members, c.MembersText
	recordFor(sourceOf(FieldFounded)).Founded = c.Founded
	r = recordFor(sourceOf(FieldLabel))
	r.Label, r.LabelYear, r.LabelValidUntil = c.Label, c.LabelYear, c.LabelValidUntil
	return records
}

// pushUserData brings the shortlists, entries, notes, log and marks of the pushed clusters placed in ids.
func (s *Store) pushUserData(ctx context.Context, tx *sql.Tx, src pushSource, ids map[int64]int64, sum *PushSummary) error {
	now := formatTime(s.now())
	lists := map[int64]int64{}
	for _, l := range src.lists {
		id, created, err := shortlistNamed(ctx, tx, l, now)
		if err != nil {
			return err
		}
		lists[l.ID] = id
		if created {
			sum.Shortlists++
		}
	}
	for _, e := range src.entries {
		clusterID, placed := ids[e.clusterID]
		if !placed {
			continue
		}
		if err := s.pushEntry(ctx, tx, lists[e.shortlistID], clusterID, e, now, sum); err != nil {
			return err
		}
	}
	for _, n := range src.notes {
		if clusterID, placed := ids[n.ClusterID]; placed {
			added, err := s.pushNote(ctx, tx, clusterID, n)
			if err != nil {
				return err
			}
			sum.Notes += added
		}
	}
	for _, l := range src.log {
		added, err := insertMissing(ctx, tx, `SELECT 1 FROM shortlist_log WHERE shortlist_id = ? AND at = ? AND text = ?`,
			[]any{lists[l.ShortlistID], formatTime(l.At), l.Text},
			`INSERT INTO shortlist_log (shortlist_id, at, edited_at, text) VALUES (?, ?, ?, ?)`,
			lists[l.ShortlistID], formatTime(l.At), formatOptionalTime(l.EditedAt), l.Text)
		if err != nil {
			return err
		}
		sum.LogEntries += added
	}
	for _, m := range src.marks {
		if clusterID, placed := ids[m.clusterID]; placed {
			added, err := insertMissing(ctx, tx, `SELECT 1 FROM cluster_marks WHERE cluster_id = ?`, []any{clusterID},
				`INSERT INTO cluster_marks (cluster_id, closed_at, note) VALUES (?, ?, ?)`, clusterID, m.closedAt, m.note)
			if err != nil {
				return err
			}
			sum.Marks += added
		}
	}
	return nil
}

// shortlistNamed is the target's shortlist of l's name (case-insensitively), created when there is none. A
// purpose the target's list lacks is added to its own, so that neither is lost.
func shortlistNamed(ctx context.Context, tx *sql.Tx, l Shortlist, now string) (id int64, created bool, err error) {
	var purpose string
	err = tx.QueryRowContext(ctx, `SELECT id, purpose FROM shortlists WHERE lower(name) = lower(?)`, l.Name).Scan(&id, &purpose)
	if err == nil && l.Purpose != "" && !strings.Contains(purpose, l.Purpose) {
		if purpose != "" {
			purpose += "; "
		}
		_, err = tx.ExecContext(ctx, `UPDATE shortlists SET purpose = ? WHERE id = ?`, purpose+l.Purpose, id)
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return id, false, err
	}
	at := formatOptionalTime(l.CreatedAt)
	if at == "" {
		at = now
	}
	err = tx.QueryRowContext(ctx, `INSERT INTO shortlists (name, purpose, created_at) VALUES (?, ?, ?) RETURNING id`,
		l.Name, l.Purpose, at).Scan(&id)
	return id, true, err
}

// pushEntry adds an entry to the target's list, or combines it with the one there, signing what changed.
func (s *Store) pushEntry(ctx context.Context, tx *sql.Tx, listID, clusterID int64, e pushEntry, now string, sum *PushSummary) error {
	before, err := readEntryRow(ctx, tx, listID, clusterID)
	if errors.Is(err, ErrNotFound) {
		_, err = tx.ExecContext(ctx, `INSERT INTO shortlist_entries (shortlist_id, cluster_id, status, added_at,
			next_step, next_step_due, changed_at, added_by, changed_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			listID, clusterID, string(e.row.status), e.row.addedAt, e.row.next.Text, e.row.next.Due,
			nullString(e.row.changedAt), s.signer(e.addedBy), e.changedBy)
		if err != nil {
			return err
		}
		for i, p := range e.row.people {
			if _, err := insertPerson(ctx, tx, listID, clusterID, p, e.row.peopleCreated[i]); err != nil {
				return err
			}
		}
		sum.Entries++
		sum.People += len(e.row.people)
		return nil
	}
	if err != nil {
		return err
	}
	if err := combineInto(ctx, tx, listID, clusterID, e.row, now); err != nil {
		return err
	}
	after, err := readEntryRow(ctx, tx, listID, clusterID)
	if err != nil {
		return err
	}
	if after.status == before.status && after.next == before.next && len(after.people) == len(before.people) {
		return nil
	}
	sum.Combined++
	sum.People += len(after.people) - len(before.people)
	_, err = tx.ExecContext(ctx, `UPDATE shortlist_entries SET version = version + 1, changed_by = ?
		WHERE shortlist_id = ? AND cluster_id = ?`, s.author, listID, clusterID)
	return err
}

// pushNote adds a note unless the cluster has one of the same time and text (pushed before); it returns 1
// when it added it.
func (s *Store) pushNote(ctx context.Context, tx *sql.Tx, clusterID int64, n Note) (int, error) {
	at := formatTime(n.At)
	return insertMissing(ctx, tx, `SELECT 1 FROM notes WHERE cluster_id = ? AND at = ? AND text = ?`,
		[]any{clusterID, at, n.Text},
		`INSERT INTO notes (cluster_id, at, text, edited_at, author, edited_by) VALUES (?, ?, ?, ?, ?, ?)`,
		clusterID, at, n.Text, formatOptionalTime(n.EditedAt), s.signer(n.Author), n.EditedBy)
}

// signer is who signs a pushed change: its author, or, for one from before authors, this store's.
func (s *Store) signer(author string) string {
	if author != "" {
		return author
	}
	return s.author
}

// insertMissing runs insert unless exists finds a row; it returns 1 when it inserted.
func insertMissing(ctx context.Context, tx *sql.Tx, exists string, existsArgs []any, insert string, args ...any) (int, error) {
	var one int
	err := tx.QueryRowContext(ctx, exists, existsArgs...).Scan(&one)
	if err == nil {
		return 0, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	if _, err := tx.ExecContext(ctx, insert, args...); err != nil {
		return 0, err
	}
	return 1, nil
}
