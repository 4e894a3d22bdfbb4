package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"
)

// ContactPerson is one of the user's own contacts at a shortlisted cluster, kept apart from the contact a
// source publishes (Cluster.Contact). A person has a name or an e-mail address, or both.
type ContactPerson struct {
	ID                       int64
	Name, Role, Email, Phone string
	AddedBy, ChangedBy       string // who added the person and who changed them last; "" from before authors
}

// String is the person on one line, as exports and the command line show it: "Name (Role) <email> phone".
func (p ContactPerson) String() string {
	parts := make([]string, 0, 4)
	if p.Name != "" {
		parts = append(parts, p.Name)
	}
	if p.Role != "" {
		parts = append(parts, "("+p.Role+")")
	}
	if p.Email != "" {
		parts = append(parts, "<"+p.Email+">")
	}
	if p.Phone != "" {
		parts = append(parts, p.Phone)
	}
	return strings.Join(parts, " ")
}

// NextStep is what is to be done next with a shortlisted cluster, and by when.
type NextStep struct {
	Text string
	Due  string // "YYYY-MM-DD" or ""
}

// RemovedEntry is everything a removal took off a shortlist, for RestoreEntry to put back as it was.
type RemovedEntry struct {
	Entry     Entry // with its shortlist, cluster, status, people, next step and AddedAt
	ChangedAt time.Time
	// peopleCreated is when each of Entry.People was first added, in their order.
	peopleCreated []string
}

// LogEntry is one dated line of a shortlist's log: the partnership's joint reflection.
type LogEntry struct {
	ID, ShortlistID int64
	At, EditedAt    time.Time // EditedAt is zero until the entry is edited
	Text            string
}

// ParseEmail reads an e-mail address as a user or a source writes it: one bare address, name@domain.tld.
// It is the one reader of e-mail addresses: validation, exports and ShortlistEmails all use it.
func ParseEmail(s string) (string, error) {
	s = strings.TrimSpace(s)
	a, err := mail.ParseAddress(s)
	at := strings.LastIndexByte(s, '@')
	if err != nil || a.Name != "" || a.Address != s || at < 1 || !strings.Contains(s[at+1:], ".") ||
		strings.HasSuffix(s, ".") {
		return "", fmt.Errorf("e-mail %q does not look like an address such as name@example.org; correct it or leave it empty", s)
	}
	return s, nil
}

// ParseDue reads a next-step date: YYYY-MM-DD, a real day, or "" for none.
func ParseDue(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	d, err := time.Parse(time.DateOnly, s)
	if err != nil || d.Format(time.DateOnly) != s {
		return "", fmt.Errorf("next-step date %q is not a date; write it as YYYY-MM-DD, such as 2026-12-01", s)
	}
	return s, nil
}

// cleanPerson trims a person's fields and checks that they hold a name or an e-mail, and a real e-mail.
func cleanPerson(p ContactPerson) (ContactPerson, error) {
	p.Name, p.Role = strings.TrimSpace(p.Name), strings.TrimSpace(p.Role)
	p.Email, p.Phone = strings.TrimSpace(p.Email), strings.TrimSpace(p.Phone)
	if p.Name == "" && p.Email == "" {
		return p, errors.New("a contact person needs a name or an e-mail address")
	}
	if p.Email != "" {
		var err error
		if p.Email, err = ParseEmail(p.Email); err != nil {
			return p, err
		}
	}
	return p, nil
}

// cleanNext trims a next step and checks its date; a date needs a text saying what is due.
func cleanNext(n NextStep) (NextStep, error) {
	n.Text = strings.TrimSpace(n.Text)
	due, err := ParseDue(n.Due)
	if err != nil {
		return n, err
	}
	n.Due = due
	if n.Text == "" && n.Due != "" {
		return n, fmt.Errorf("the next step due %s has no text; say what is to be done", n.Due)
	}
	return n, nil
}

func entryNotFound(shortlistID, clusterID int64) error {
	return fmt.Errorf("cluster %d is not on shortlist %d: %w", clusterID, shortlistID, ErrNotFound)
}

// touchEntry records that the entry changed now; it fails when there is no such entry.
func touchEntry(ctx context.Context, tx *sql.Tx, shortlistID, clusterID int64, now string) error {
	res, err := tx.ExecContext(ctx, `UPDATE shortlist_entries SET changed_at = ? WHERE shortlist_id = ? AND cluster_id = ?`,
		now, shortlistID, clusterID)
	if err != nil {
		return err
	}
	return mustHaveChanged(res, entryNotFound(shortlistID, clusterID))
}

// insertPerson adds a person after the entry's others and returns its id.
func insertPerson(ctx context.Context, tx *sql.Tx, shortlistID, clusterID int64, p ContactPerson, createdAt string) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO contact_people
		(shortlist_id, cluster_id, name, role, email, phone, position, created_at, added_by, changed_by)
		SELECT CAST(?1 AS BIGINT), CAST(?2 AS BIGINT), CAST(?3 AS TEXT), CAST(?4 AS TEXT), CAST(?5 AS TEXT),
			CAST(?6 AS TEXT), coalesce(max(position), 0) + 1, CAST(?7 AS TEXT), CAST(?8 AS TEXT), CAST(?9 AS TEXT)
		FROM contact_people WHERE shortlist_id = ?1 AND cluster_id = ?2 RETURNING id`,
		shortlistID, clusterID, p.Name, p.Role, p.Email, p.Phone, createdAt, p.AddedBy, p.ChangedBy).Scan(&id)
	return id, err
}

// SaveContactPerson adds a person to a shortlist entry (p.ID 0: after the others) or changes that person.
func (s *Store) SaveContactPerson(ctx context.Context, shortlistID, clusterID int64, p ContactPerson) (ContactPerson, error) {
	return s.saveContactPerson(ctx, shortlistID, clusterID, p, nil)
}

// SaveContactPersonSeen changes a person as SaveContactPerson does, but only if they are still as the user saw
// them (seen); otherwise nothing changes and the error is a *StalePersonError with the person as they are now.
func (s *Store) SaveContactPersonSeen(ctx context.Context, shortlistID, clusterID int64, p, seen ContactPerson) (ContactPerson, error) {
	return s.saveContactPerson(ctx, shortlistID, clusterID, p, &seen)
}

// StalePersonError refuses a change to a contact person a colleague changed meanwhile (ErrStale), with the
// person as they are now.
type StalePersonError struct{ Fresh ContactPerson }

func (e *StalePersonError) Error() string {
	return fmt.Sprintf("contact person %s was changed meanwhile by %s; nothing was changed, look and try again",
		e.Fresh, changerName(e.Fresh.ChangedBy))
}

// changerName is who a refused change names as having changed the thing meanwhile.
func changerName(changedBy string) string {
	if changedBy == "" {
		return "someone else" // a change from before authors
	}
	return changedBy
}

func (e *StalePersonError) Unwrap() error { return ErrStale }

// personAsSeen refuses, with the person as they are now, a change to a person no longer as seen.
func personAsSeen(ctx context.Context, tx *sql.Tx, seen ContactPerson) error {
	var now ContactPerson
	err := tx.QueryRowContext(ctx, `SELECT id, name, role, email, phone, added_by, changed_by FROM contact_people WHERE id = ?`,
		seen.ID).Scan(&now.ID, &now.Name, &now.Role, &now.Email, &now.Phone, &now.AddedBy, &now.ChangedBy)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("contact person %d: %w", seen.ID, ErrNotFound)
	}
	if err != nil {
		return err
	}
	if now.Name != seen.Name || now.Role != seen.Role || now.Email != seen.Email || now.Phone != seen.Phone {
		return &StalePersonError{now}
	}
	return nil
}

func (s *Store) saveContactPerson(ctx context.Context, shortlistID, clusterID int64, p ContactPerson, seen *ContactPerson) (ContactPerson, error) {
	p, err := cleanPerson(p)
	if err != nil {
		return p, err
	}
	now := formatTime(s.now())
	err = s.write(ctx, func(tx *sql.Tx) error {
		if err := touchEntry(ctx, tx, shortlistID, clusterID, now); err != nil {
			return err
		}
		if p.ID == 0 {
			p.AddedBy, p.ChangedBy = s.author, ""
			p.ID, err = insertPerson(ctx, tx, shortlistID, clusterID, p, now)
			return err
		}
		if seen != nil {
			if err := personAsSeen(ctx, tx, *seen); err != nil {
				return err
			}
		}
		p.ChangedBy = s.author
		res, err := tx.ExecContext(ctx, `UPDATE contact_people SET name = ?, role = ?, email = ?, phone = ?, changed_by = ?
			WHERE id = ? AND shortlist_id = ? AND cluster_id = ?`, p.Name, p.Role, p.Email, p.Phone, p.ChangedBy, p.ID, shortlistID, clusterID)
		if err != nil {
			return err
		}
		return mustHaveChanged(res, fmt.Errorf("contact person %d is not on that entry: %w", p.ID, ErrNotFound))
	})
	return p, err
}

// RemoveContactPerson removes a person and returns them as they were, so that the caller can show what went.
func (s *Store) RemoveContactPerson(ctx context.Context, personID int64) (ContactPerson, error) {
	p := ContactPerson{ID: personID}
	now := formatTime(s.now())
	err := s.write(ctx, func(tx *sql.Tx) error {
		var listID, clusterID int64
		err := tx.QueryRowContext(ctx, `DELETE FROM contact_people WHERE id = ?
			RETURNING shortlist_id, cluster_id, name, role, email, phone, added_by, changed_by`, personID).
			Scan(&listID, &clusterID, &p.Name, &p.Role, &p.Email, &p.Phone, &p.AddedBy, &p.ChangedBy)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("contact person %d: %w", personID, ErrNotFound)
		}
		if err != nil {
			return err
		}
		return touchEntry(ctx, tx, listID, clusterID, now)
	})
	return p, err
}

// MoveContactPerson puts a person at place to (0 first) among its entry's people, keeping the others' order; a
// place past the end is the last.
func (s *Store) MoveContactPerson(ctx context.Context, personID int64, to int) error {
	now := formatTime(s.now())
	return s.write(ctx, func(tx *sql.Tx) error {
		var listID, clusterID int64
		err := tx.QueryRowContext(ctx, `SELECT shortlist_id, cluster_id FROM contact_people WHERE id = ?`, personID).
			Scan(&listID, &clusterID)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("contact person %d: %w", personID, ErrNotFound)
		}
		if err != nil {
			return err
		}
		row, err := readEntryRow(ctx, tx, listID, clusterID)
		if err != nil {
			return err
		}
		order := make([]int64, 0, len(row.people))
		for _, p := range row.people {
			if p.ID != personID {
				order = append(order, p.ID)
			}
		}
		to = min(max(to, 0), len(order))
		order = append(order[:to], append([]int64{personID}, order[to:]...)...)
		for i, id := range order {
			if _, err := tx.ExecContext(ctx, `UPDATE contact_people SET position = ? WHERE id = ?`, i+1, id); err != nil {
				return err
			}
		}
		return touchEntry(ctx, tx, listID, clusterID, now)
	})
}

// SetEntryStatus changes how far contact with a shortlisted cluster has come.
func (s *Store) SetEntryStatus(ctx context.Context, shortlistID, clusterID int64, status EntryStatus) error {
	st, ok := ParseEntryStatus(string(status))
	if !ok {
		return fmt.Errorf("unknown status %q; use one of %s", status, statusNames())
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		return s.setStatus(ctx, tx, shortlistID, clusterID, st, formatTime(s.now()))
	})
}

// ErrStale refuses a change made on an entry as it was before a colleague changed it: applying it would undo
// their change without anyone seeing. The error is a *StaleEntryError, which holds the entry as it is now.
var ErrStale = errors.New("changed meanwhile")

// StaleEntryError is ErrStale with the entry as it is now, for the window to show.
type StaleEntryError struct {
	Fresh    Entry
	NextStep bool // the change refused was to the next step, not the status
}

func (e *StaleEntryError) Error() string {
	now := string(e.Fresh.Status)
	if e.NextStep {
		now = fmt.Sprintf("its next step is %q", e.Fresh.Next.Text)
	}
	return fmt.Sprintf("%s on %q was changed meanwhile by %s: %s; nothing was changed, look and try again",
		e.Fresh.Cluster.Name, e.Fresh.Shortlist, changerName(e.Fresh.ChangedBy), now)
}

func (e *StaleEntryError) Unwrap() error { return ErrStale }

// SetEntryStatusSeen changes an entry's status as SetEntryStatus does, but only if the entry is still at the
// version the user saw (Entry.Version); otherwise nothing changes and the error is a *StaleEntryError.
func (s *Store) SetEntryStatusSeen(ctx context.Context, shortlistID, clusterID int64, status EntryStatus, seen int) error {
	st, ok := ParseEntryStatus(string(status))
	if !ok {
		return fmt.Errorf("unknown status %q; use one of %s", status, statusNames())
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		if err := stillAsSeen(ctx, tx, shortlistID, clusterID, seen); err != nil {
			return err
		}
		return s.setStatus(ctx, tx, shortlistID, clusterID, st, formatTime(s.now()))
	})
}

// stillAsSeen refuses, with the entry as it is now, a change to an entry no longer at the version seen.
func stillAsSeen(ctx context.Context, tx *sql.Tx, shortlistID, clusterID int64, seen int) error {
	var version int
	err := tx.QueryRowContext(ctx, `SELECT version FROM shortlist_entries WHERE shortlist_id = ? AND cluster_id = ?`,
		shortlistID, clusterID).Scan(&version)
	if errors.Is(err, sql.ErrNoRows) {
		return entryNotFound(shortlistID, clusterID)
	}
	if err != nil || version == seen {
		return err
	}
	fresh, err := entriesWhere(ctx, tx, `e.shortlist_id = ? AND e.cluster_id = ?`, `e.cluster_id`, shortlistID, clusterID)
	if err != nil || len(fresh) == 0 {
		return entryNotFound(shortlistID, clusterID)
	}
	return &StaleEntryError{Fresh: fresh[0]}
}

// setStatus sets an entry's status, recording a change (when, by whom, one version more) only when it is one.
func (s *Store) setStatus(ctx context.Context, tx *sql.Tx, shortlistID, clusterID int64, st EntryStatus, now string) error {
	res, err := tx.ExecContext(ctx, `UPDATE shortlist_entries
		SET changed_at = CASE WHEN status = ?1 THEN changed_at ELSE ?2 END,
			changed_by = CASE WHEN status = ?1 THEN changed_by ELSE ?5 END,
			version = version + CASE WHEN status = ?1 THEN 0 ELSE 1 END, status = ?1
		WHERE shortlist_id = ?3 AND cluster_id = ?4`, string(st), now, shortlistID, clusterID, s.author)
	if err != nil {
		return err
	}
	return mustHaveChanged(res, entryNotFound(shortlistID, clusterID))
}

// SetNextStep sets what is to be done next with a shortlisted cluster, and by when; an empty one clears it.
func (s *Store) SetNextStep(ctx context.Context, shortlistID, clusterID int64, n NextStep) error {
	return s.setNextStep(ctx, shortlistID, clusterID, n, -1)
}

// SetNextStepSeen sets the next step as SetNextStep does, but only if the entry is still at the version the
// user saw (Entry.Version); otherwise nothing changes and the error is a *StaleEntryError.
func (s *Store) SetNextStepSeen(ctx context.Context, shortlistID, clusterID int64, n NextStep, seen int) error {
	return s.setNextStep(ctx, shortlistID, clusterID, n, seen)
}

// setNextStep sets the next step, after checking the version seen unless seen is -1.
func (s *Store) setNextStep(ctx context.Context, shortlistID, clusterID int64, n NextStep, seen int) error {
	n, err := cleanNext(n)
	if err != nil {
		return err
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		if seen >= 0 {
			var stale *StaleEntryError
			if err := stillAsSeen(ctx, tx, shortlistID, clusterID, seen); errors.As(err, &stale) {
				stale.NextStep = true
				return stale
			} else if err != nil {
				return err
			}
		}
		res, err := tx.ExecContext(ctx, `UPDATE shortlist_entries SET next_step = ?, next_step_due = ?, changed_at = ?,
			changed_by = ?, version = version + 1 WHERE shortlist_id = ? AND cluster_id = ?`,
			n.Text, n.Due, formatTime(s.now()), s.author, shortlistID, clusterID)
		if err != nil {
			return err
		}
		return mustHaveChanged(res, entryNotFound(shortlistID, clusterID))
	})
}

// FollowUpsDue lists the entries of every shortlist whose next step is due on or before day + within days,
// the most overdue first. Entries without a due date are never listed.
func (s *Store) FollowUpsDue(ctx context.Context, day time.Time, within int) ([]Entry, error) {
	last := day.AddDate(0, 0, max(within, 0)).Format(time.DateOnly)
	entries, err := entriesWhere(ctx, s.db, `e.next_step_due <> '' AND e.next_step_due <= ?`,
		`e.next_step_due, lower(l.name), lower(c.name)`, last)
	if err != nil {
		return nil, err
	}
	return entries, s.attachNotes(ctx, entries)
}

// RemoveFromShortlist takes a cluster off a shortlist and returns all that went with it (status, people, next
// step, when it was added), for RestoreEntry. The cluster's notes stay.
func (s *Store) RemoveFromShortlist(ctx context.Context, shortlistID, clusterID int64) (RemovedEntry, error) {
	var r RemovedEntry
	err := s.write(ctx, func(tx *sql.Tx) error {
		entries, err := entriesWhere(ctx, tx, `e.shortlist_id = ? AND e.cluster_id = ?`, `e.added_at`, shortlistID, clusterID)
		if err != nil {
			return err
		}
		if len(entries) == 0 {
			return fmt.Errorf("cluster %d is not on that shortlist: %w", clusterID, ErrNotFound)
		}
		row, err := readEntryRow(ctx, tx, shortlistID, clusterID)
		if err != nil {
			return err
		}
		r = RemovedEntry{Entry: entries[0], ChangedAt: parseTime(row.changedAt), peopleCreated: row.peopleCreated}
		_, err = tx.ExecContext(ctx, `DELETE FROM shortlist_entries WHERE shortlist_id = ? AND cluster_id = ?`,
			shortlistID, clusterID)
		return err
	})
	return r, err
}

// RestoreEntry undoes RemoveFromShortlist: the entry comes back as it was, its people under their ids. A
// cluster put on the list again meanwhile keeps that entry, which gains what the removed one held (as a merge
// of two entries would). It fails, changing nothing, when the shortlist or the cluster is gone.
func (s *Store) RestoreEntry(ctx context.Context, r RemovedEntry) error {
	e := r.Entry
	listID, clusterID := e.ShortlistID, e.Cluster.ID
	row := entryRow{status: e.Status, next: e.Next, addedAt: formatTime(e.AddedAt), people: e.People,
		peopleCreated: r.peopleCreated}
	if !r.ChangedAt.IsZero() {
		row.changedAt = formatTime(r.ChangedAt)
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		var one int
		err := tx.QueryRowContext(ctx, `SELECT 1 FROM shortlists WHERE id = ?`, listID).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("shortlist %q is gone, so %s cannot be put back on it: %w", e.Shortlist, e.Cluster.Name, ErrNotFound)
		}
		if err != nil {
			return err
		}
		if err := clusterExists(ctx, tx, clusterID); err != nil {
			return fmt.Errorf("%s is no longer in the catalogue (merged into another?): %w", e.Cluster.Name, err)
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO shortlist_entries
			(shortlist_id, cluster_id, status, added_at, changed_at, next_step, next_step_due, version, added_by, changed_by)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (shortlist_id, cluster_id) DO NOTHING`,
			listID, clusterID, string(row.status), row.addedAt, nullString(row.changedAt), row.next.Text, row.next.Due,
			max(e.Version, 1), e.AddedBy, e.ChangedBy)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			if err != nil {
				return err
			}
			return combineInto(ctx, tx, listID, clusterID, row, formatTime(s.now()))
		}
		for i, p := range row.people {
			created := row.addedAt
			if i < len(row.peopleCreated) {
				created = row.peopleCreated[i]
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO contact_people
				(id, shortlist_id, cluster_id, name, role, email, phone, position, created_at, added_by, changed_by)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				p.ID, listID, clusterID, p.Name, p.Role, p.Email, p.Phone, i+1, created, p.AddedBy, p.ChangedBy); err != nil {
				return err
			}
		}
		return nil
	})
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// entryRow is one shortlist entry as stored: what merging two entries combines.
type entryRow struct {
	status             EntryStatus
	next               NextStep
	addedAt, changedAt string
	people             []ContactPerson // in their order
	peopleCreated      []string
}

func readEntryRow(ctx context.Context, tx *sql.Tx, shortlistID, clusterID int64) (entryRow, error) {
	var r entryRow
	var changed sql.NullString
	err := tx.QueryRowContext(ctx, `SELECT status, next_step, next_step_due, added_at, changed_at FROM shortlist_entries
		WHERE shortlist_id = ? AND cluster_id = ?`, shortlistID, clusterID).
		Scan(&r.status, &r.next.Text, &r.next.Due, &r.addedAt, &changed)
	if errors.Is(err, sql.ErrNoRows) {
		return r, entryNotFound(shortlistID, clusterID)
	}
	if err != nil {
		return r, err
	}
	r.changedAt = changed.String
	type person struct {
		p       ContactPerson
		created string
	}
	ps, err := queryAll(ctx, tx, func(sc scanner) (person, error) {
		var p person
		err := sc.Scan(&p.p.ID, &p.p.Name, &p.p.Role, &p.p.Email, &p.p.Phone, &p.created, &p.p.AddedBy, &p.p.ChangedBy)
		return p, err
	}, `SELECT id, name, role, email, phone, created_at, added_by, changed_by FROM contact_people
		WHERE shortlist_id = ? AND cluster_id = ? ORDER BY position, id`, shortlistID, clusterID)
	for _, p := range ps {
		r.people = append(r.people, p.p)
		r.peopleCreated = append(r.peopleCreated, p.created)
	}
	return r, err
}

// combineInto adds what another entry holds to the entry of clusterID on the list, losing nothing: the status
// that went further, every person (one of the same name and e-mail is kept once), both next steps (see
// combineNext), the earlier added and the later changed time.
func combineInto(ctx context.Context, tx *sql.Tx, shortlistID, clusterID int64, other entryRow, now string) error {
	k, err := readEntryRow(ctx, tx, shortlistID, clusterID)
	if err != nil {
		return err
	}
	status := k.status
	if statusOrder(other.status) > statusOrder(k.status) {
		status = other.status
	}
	next := combineNext(k.next, other.next)
	added := min(k.addedAt, other.addedAt)
	changed := max(k.changedAt, other.changedAt)
	if status != k.status || next != k.next {
		changed = now
	}
	for i, p := range other.people {
		if hasPerson(k.people, p) {
			continue
		}
		created := now
		if i < len(other.peopleCreated) {
			created = other.peopleCreated[i]
		}
		if _, err := insertPerson(ctx, tx, shortlistID, clusterID, p, created); err != nil {
			return err
		}
		k.people = append(k.people, p)
		changed = now
	}
	_, err = tx.ExecContext(ctx, `UPDATE shortlist_entries SET status = ?, next_step = ?, next_step_due = ?,
		added_at = ?, changed_at = ? WHERE shortlist_id = ? AND cluster_id = ?`,
		string(status), next.Text, next.Due, added, nullString(changed), shortlistID, clusterID)
	return err
}

// hasPerson says whether people holds one of p's name and e-mail, case-insensitively.
func hasPerson(people []ContactPerson, p ContactPerson) bool {
	for _, q := range people {
		if strings.EqualFold(q.Name, p.Name) && strings.EqualFold(q.Email, p.Email) {
			return true
		}
	}
	return false
}

// combineNext keeps the sooner of two next steps (one with a date before one without) and, when the other
// says something else, appends its text and date to the kept one's text, so that neither is lost.
func combineNext(a, b NextStep) NextStep {
	switch {
	case b.Text == "":
		return a
	case a.Text == "":
		return b
	}
	if b.Due != "" && (a.Due == "" || b.Due < a.Due) {
		a, b = b, a
	}
	if strings.EqualFold(a.Text, b.Text) || strings.Contains(strings.ToLower(a.Text), strings.ToLower(b.Text)) {
		return a
	}
	a.Text += "; also: " + b.Text
	if b.Due != "" && b.Due != a.Due {
		a.Text += " (due " + b.Due + ")"
	}
	return a
}

// statusOrder orders entry statuses by how far contact went; declined is as far as partner.
func statusOrder(st EntryStatus) int {
	switch st {
	case EntryCandidate:
		return 0
	case EntryContacted:
		return 1
	case EntryMeeting:
		return 2
	}
	return 3
}

// moveEntries moves cluster gone's shortlist entries to keep, in a merge. On a list both are on, keep's
// entry gains gone's (combineInto); elsewhere gone's entry moves whole, its people with it.
func moveEntries(ctx context.Context, tx *sql.Tx, keep, gone int64, now string) error {
	shared, err := queryAll(ctx, tx, func(sc scanner) (id int64, err error) {
		err = sc.Scan(&id)
		return id, err
	}, `SELECT shortlist_id FROM shortlist_entries WHERE cluster_id = ? AND shortlist_id IN
		(SELECT shortlist_id FROM shortlist_entries WHERE cluster_id = ?)`, gone, keep)
	if err != nil {
		return err
	}
	for _, listID := range shared {
		g, err := readEntryRow(ctx, tx, listID, gone)
		if err != nil {
			return err
		}
		if err := combineInto(ctx, tx, listID, keep, g, now); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM shortlist_entries WHERE shortlist_id = ? AND cluster_id = ?`,
			listID, gone); err != nil {
			return err
		}
	}
	// contact_people follow by ON UPDATE CASCADE
	_, err = tx.ExecContext(ctx, `UPDATE shortlist_entries SET cluster_id = ? WHERE cluster_id = ?`, keep, gone)
	return err
}

// addPersonNamed adds a person of that name to an entry unless it has one of that name (case-insensitive).
func addPersonNamed(ctx context.Context, tx *sql.Tx, shortlistID, clusterID int64, name, author, now string) (bool, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return false, nil
	}
	names, err := queryAll(ctx, tx, func(sc scanner) (n string, err error) {
		err = sc.Scan(&n)
		return n, err
	}, `SELECT name FROM contact_people WHERE shortlist_id = ? AND cluster_id = ?`, shortlistID, clusterID)
	if err != nil {
		return false, err
	}
	for _, n := range names {
		if strings.EqualFold(n, name) {
			return false, nil
		}
	}
	_, err = insertPerson(ctx, tx, shortlistID, clusterID, ContactPerson{Name: name, AddedBy: author}, now)
	return err == nil, err
}

// entryColumns are what entriesWhere reads of an entry before its cluster's columns. The last activity is the
// latest of its adding, its last change and the latest note on its cluster (written or edited).
const entryColumns = `e.shortlist_id, l.name, e.status, e.added_at, e.next_step, e.next_step_due,
	e.version, e.added_by, e.changed_by,
	greatest(e.added_at, coalesce(e.changed_at, ''),
		coalesce((SELECT max(greatest(n.at, n.edited_at)) FROM notes n WHERE n.cluster_id = e.cluster_id), ''))`

const entryFrom = ` FROM shortlist_entries e JOIN shortlists l ON l.id = e.shortlist_id JOIN clusters c ON c.id = e.cluster_id`

// entriesWhere reads the entries that where selects (aliases e, l, c), in the given order, with their people.
func entriesWhere(ctx context.Context, q querier, where, order string, args ...any) ([]Entry, error) {
	out, err := queryAll(ctx, q, func(row scanner) (Entry, error) {
		var e Entry
		var added, last string
		c, err := scanCluster(prefixScanner{row, []any{&e.ShortlistID, &e.Shortlist, &e.Status, &added,
			&e.Next.Text, &e.Next.Due, &e.Version, &e.AddedBy, &e.ChangedBy, &last}})
		e.Cluster, e.AddedAt, e.LastActivity = c, parseTime(added), parseTime(last)
		return e, err
	}, `SELECT `+entryColumns+`, c.id, `+prefixed("c", clusterColumns)+entryFrom+` WHERE `+where+` ORDER BY `+order, args...)
	if err != nil || len(out) == 0 {
		return out, err
	}
	type person struct {
		list, cluster int64
		p             ContactPerson
	}
	people, err := queryAll(ctx, q, func(sc scanner) (person, error) {
		var p person
		err := sc.Scan(&p.list, &p.cluster, &p.p.ID, &p.p.Name, &p.p.Role, &p.p.Email, &p.p.Phone, &p.p.AddedBy, &p.p.ChangedBy)
		return p, err
	}, `SELECT p.shortlist_id, p.cluster_id, p.id, p.name, p.role, p.email, p.phone, p.added_by, p.changed_by
		FROM contact_people p
		JOIN shortlist_entries e ON e.shortlist_id = p.shortlist_id AND e.cluster_id = p.cluster_id
		JOIN shortlists l ON l.id = e.shortlist_id JOIN clusters c ON c.id = e.cluster_id
		WHERE `+where+` ORDER BY p.position, p.id`, args...)
	if err != nil {
		return nil, err
	}
	type key struct{ list, cluster int64 }
	byEntry := map[key][]ContactPerson{}
	for _, p := range people {
		k := key{p.list, p.cluster}
		byEntry[k] = append(byEntry[k], p.p)
	}
	for i := range out {
		out[i].People = byEntry[key{out[i].ShortlistID, out[i].Cluster.ID}]
	}
	return out, nil
}

// attachNotes fills each entry's notes (oldest first) and last note.
func (s *Store) attachNotes(ctx context.Context, entries []Entry) error {
	ids := make([]int64, len(entries))
	for i, e := range entries {
		ids[i] = e.Cluster.ID
	}
	notes, err := s.notesOf(ctx, ids)
	if err != nil {
		return err
	}
	for i := range entries {
		entries[i].Notes = notes[entries[i].Cluster.ID]
		if n := len(entries[i].Notes); n > 0 {
			entries[i].LastNote = &entries[i].Notes[n-1]
		}
	}
	return nil
}

// ErrEmptyLogEntry refuses a log entry with no text: emptying one is not deleting it, which DeleteLogEntry does.
var ErrEmptyLogEntry = errors.New("the log entry is empty; write something to keep, or delete the entry")

// AddLogEntry writes a dated line in a shortlist's log.
func (s *Store) AddLogEntry(ctx context.Context, shortlistID int64, text string) (LogEntry, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return LogEntry{}, ErrEmptyLogEntry
	}
	l := LogEntry{ShortlistID: shortlistID, At: s.now().UTC().Truncate(time.Second), Text: text}
	err := s.write(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO shortlist_log (shortlist_id, at, text) VALUES (?, ?, ?) RETURNING id`,
			shortlistID, formatTime(l.At), text).Scan(&l.ID)
		if isForeignKeyViolation(err) {
			return fmt.Errorf("shortlist %d: %w", shortlistID, ErrNotFound)
		}
		return err
	})
	return l, err
}

// EditLogEntry replaces a log entry's text and records when; it keeps when the entry was written.
func (s *Store) EditLogEntry(ctx context.Context, id int64, text string) (LogEntry, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return LogEntry{}, ErrEmptyLogEntry
	}
	l := LogEntry{ID: id, EditedAt: s.now().UTC().Truncate(time.Second), Text: text}
	err := s.write(ctx, func(tx *sql.Tx) error {
		var at string
		err := tx.QueryRowContext(ctx, `UPDATE shortlist_log SET text = ?, edited_at = ? WHERE id = ?
			RETURNING shortlist_id, at`, text, formatTime(l.EditedAt), id).Scan(&l.ShortlistID, &at)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("log entry %d: %w", id, ErrNotFound)
		}
		l.At = parseTime(at)
		return err
	})
	return l, err
}

// DeleteLogEntry removes a log entry for good and returns it as it was.
func (s *Store) DeleteLogEntry(ctx context.Context, id int64) (LogEntry, error) {
	l := LogEntry{ID: id}
	err := s.write(ctx, func(tx *sql.Tx) error {
		var at, edited string
		err := tx.QueryRowContext(ctx, `DELETE FROM shortlist_log WHERE id = ? RETURNING shortlist_id, at, edited_at, text`, id).
			Scan(&l.ShortlistID, &at, &edited, &l.Text)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("log entry %d: %w", id, ErrNotFound)
		}
		l.At, l.EditedAt = parseTime(at), parseTime(edited)
		return err
	})
	return l, err
}

// ShortlistLog returns a shortlist's log, newest first.
func (s *Store) ShortlistLog(ctx context.Context, shortlistID int64) ([]LogEntry, error) {
	return queryAll(ctx, s.db, func(row scanner) (LogEntry, error) {
		var l LogEntry
		var at, edited string
		err := row.Scan(&l.ID, &l.ShortlistID, &at, &edited, &l.Text)
		l.At, l.EditedAt = parseTime(at), parseTime(edited)
		return l, err
	}, `SELECT id, shortlist_id, at, edited_at, text FROM shortlist_log WHERE shortlist_id = ? ORDER BY at DESC, id DESC`,
		shortlistID)
}

// ShortlistEmails lists the e-mail addresses of a shortlist, for a mail program: the contact people's, then
// the published contacts that are e-mail addresses, in the list's order, each once (case-insensitively).
func (s *Store) ShortlistEmails(ctx context.Context, shortlistID int64) ([]string, error) {
	entries, err := entriesWhere(ctx, s.db, `e.shortlist_id = ?`, `lower(c.name), c.id`, shortlistID)
	if err != nil {
		return nil, err
	}
	var out []string
	seen := map[string]bool{}
	add := func(addr string) {
		if a, err := ParseEmail(addr); err == nil && !seen[strings.ToLower(a)] {
			seen[strings.ToLower(a)] = true
			out = append(out, a)
		}
	}
	for _, e := range entries {
		for _, p := range e.People {
			add(p.Email)
		}
	}
	for _, e := range entries {
		add(e.Cluster.Contact)
	}
	return out, nil
}
