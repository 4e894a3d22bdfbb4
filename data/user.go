package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Shortlist is a named list of candidate partners the user keeps, with what it is for.
type Shortlist struct {
	ID        int64
	Name      string
	Purpose   string
	CreatedAt time.Time
	Size      int // how many clusters it holds
}

// Entry is one cluster on a shortlist, with how far contact has come, the user's contact people, the next
// step and the latest note about it.
type Entry struct {
	Cluster      Cluster // without notes or shortlists
	ShortlistID  int64
	Shortlist    string // the shortlist's name
	Status       EntryStatus
	People       []ContactPerson // the user's own contact people, in the user's order
	Next         NextStep
	AddedAt      time.Time
	LastActivity time.Time // latest of: added, status/people/next-step change, a note on the cluster
	Version      int       // how many changes of status or next step the entry has had, plus one
	AddedBy      string    // who put it on the shortlist; "" from before authors
	ChangedBy    string    // who changed its status or next step last
	LastNote     *Note
	Notes        []Note // every note, oldest first; exports join them
}

// ErrDuplicate says that a shortlist of that name exists already: the name is taken.
var ErrDuplicate = errors.New("already exists")

// AddNote records a dated note about a cluster.
func (s *Store) AddNote(ctx context.Context, clusterID int64, text string) (Note, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return Note{}, errors.New("the note is empty; write something to keep")
	}
	n := Note{ClusterID: clusterID, At: s.now().UTC().Truncate(time.Second), Text: text, Author: s.author}
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := clusterExists(ctx, tx, clusterID); err != nil {
			return err
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO notes (cluster_id, at, text, author) VALUES (?, ?, ?, ?) RETURNING id`,
			clusterID, formatTime(n.At), text, n.Author).Scan(&n.ID)
		return err
	})
	return n, err
}

// ErrEmptyNote refuses a note with no text: emptying a note is not deleting it, which DeleteNote does.
var ErrEmptyNote = errors.New("the note is empty; write something to keep, or delete the note")

// EditNote replaces a note's text and records when; it keeps when the note was written and its place.
func (s *Store) EditNote(ctx context.Context, noteID int64, text string) (Note, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return Note{}, ErrEmptyNote
	}
	edited := s.now().UTC().Truncate(time.Second)
	var n Note
	err := s.write(ctx, func(tx *sql.Tx) error {
		var at, author string
		var clusterID int64
		err := tx.QueryRowContext(ctx, `UPDATE notes SET text = ?, edited_at = ?, edited_by = ? WHERE id = ?
			RETURNING cluster_id, at, author`, text, formatTime(edited), s.author, noteID).Scan(&clusterID, &at, &author)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("note %d: %w", noteID, ErrNotFound)
		}
		if err != nil {
			return err
		}
		n = Note{ID: noteID, ClusterID: clusterID, At: parseTime(at), EditedAt: edited, Text: text, Author: author,
			EditedBy: s.author}
		return nil
	})
	return n, err
}

// DeleteNote removes a note and returns it as it was, so that the caller can show what went and
// RestoreNote can bring it back. An unsaved edit of the note goes with it: it has nothing left to save into.
func (s *Store) DeleteNote(ctx context.Context, noteID int64) (Note, error) {
	n := Note{ID: noteID}
	err := s.write(ctx, func(tx *sql.Tx) error {
		var at, edited string
		err := tx.QueryRowContext(ctx, `DELETE FROM notes WHERE id = ? RETURNING cluster_id, at, edited_at, text, author, edited_by`, noteID).
			Scan(&n.ClusterID, &at, &edited, &n.Text, &n.Author, &n.EditedBy)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("note %d: %w", noteID, ErrNotFound)
		}
		if err != nil {
			return err
		}
		n.At, n.EditedAt = parseTime(at), parseTime(edited)
		_, err = tx.ExecContext(ctx, `DELETE FROM note_drafts WHERE note_id = ?`, noteID)
		return err
	})
	return n, err
}

// RestoreNote puts a deleted note back as it was: its cluster, when it was written and last edited, its text,
// and its id unless another note has taken it meanwhile. It undoes DeleteNote.
func (s *Store) RestoreNote(ctx context.Context, n Note) (Note, error) {
	if strings.TrimSpace(n.Text) == "" {
		return Note{}, ErrEmptyNote
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := clusterExists(ctx, tx, n.ClusterID); err != nil {
			return err
		}
		// The note comes back with its id unless another note took it meanwhile; then it gets a new one.
		var taken bool
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM notes WHERE id = ?)`, n.ID).Scan(&taken); err != nil {
			return err
		}
		args := []any{n.ClusterID, formatTime(n.At), formatOptionalTime(n.EditedAt), n.Text, n.Author, n.EditedBy}
		insert := `INSERT INTO notes (cluster_id, at, edited_at, text, author, edited_by) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`
		if !taken {
			args = append([]any{n.ID}, args...)
			insert = `INSERT INTO notes (id, cluster_id, at, edited_at, text, author, edited_by) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`
		}
		return tx.QueryRowContext(ctx, insert, args...).Scan(&n.ID)
	})
	return n, err
}

// Notes returns a cluster's notes, oldest first.
func (s *Store) Notes(ctx context.Context, clusterID int64) ([]Note, error) {
	byID, err := s.notesOf(ctx, []int64{clusterID})
	return byID[clusterID], err
}

// notesOf reads the notes of many clusters, oldest first, by cluster.
func (s *Store) notesOf(ctx context.Context, ids []int64) (map[int64][]Note, error) {
	type row struct {
		id int64
		n  Note
	}
	rows, err := queryByIDs(ctx, s.db, func(sc scanner) (row, error) {
		var r row
		var at, edited string
		err := sc.Scan(&r.id, &r.n.ID, &at, &edited, &r.n.Text, &r.n.Author, &r.n.EditedBy)
		r.n.ClusterID, r.n.At, r.n.EditedAt = r.id, parseTime(at), parseTime(edited)
		return r, err
	}, `SELECT cluster_id, id, at, edited_at, text, author, edited_by FROM notes WHERE cluster_id IN (%s) ORDER BY at, id`, ids)
	byID := map[int64][]Note{}
	for _, r := range rows {
		byID[r.id] = append(byID[r.id], r.n)
	}
	return byID, err
}

// CreateShortlist makes a new, empty shortlist. Names are unique, case-insensitively.
func (s *Store) CreateShortlist(ctx context.Context, name, purpose string) (Shortlist, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return Shortlist{}, errors.New("a shortlist needs a name")
	}
	l := Shortlist{Name: name, Purpose: strings.TrimSpace(purpose), CreatedAt: s.now().UTC().Truncate(time.Second)}
	err := s.write(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO shortlists (name, purpose, created_at) VALUES (?, ?, ?) RETURNING id`,
			l.Name, l.Purpose, formatTime(l.CreatedAt)).Scan(&l.ID)
		if isUniqueViolation(err) {
			return fmt.Errorf("shortlist %q %w; choose another name", name, ErrDuplicate)
		}
		return err
	})
	return l, err
}

// UpdateShortlist renames a shortlist and sets its purpose.
func (s *Store) UpdateShortlist(ctx context.Context, id int64, name, purpose string) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return errors.New("a shortlist needs a name")
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE shortlists SET name = ?, purpose = ? WHERE id = ?`,
			name, strings.TrimSpace(purpose), id)
		if err != nil {
			if isUniqueViolation(err) {
				return fmt.Errorf("shortlist %q %w; choose another name", name, ErrDuplicate)
			}
			return err
		}
		return mustHaveChanged(res, fmt.Errorf("shortlist %d: %w", id, ErrNotFound))
	})
}

// DeleteShortlist removes a shortlist and its entries; the clusters and their notes stay.
func (s *Store) DeleteShortlist(ctx context.Context, id int64) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM shortlists WHERE id = ?`, id)
		if err != nil {
			return err
		}
		return mustHaveChanged(res, fmt.Errorf("shortlist %d: %w", id, ErrNotFound))
	})
}

// Shortlists lists every shortlist by name, with its size.
func (s *Store) Shortlists(ctx context.Context) ([]Shortlist, error) {
	return queryAll(ctx, s.db, func(row scanner) (Shortlist, error) {
		var l Shortlist
		var at string
		err := row.Scan(&l.ID, &l.Name, &l.Purpose, &at, &l.Size)
		l.CreatedAt = parseTime(at)
		return l, err
	}, `SELECT l.id, l.name, l.purpose, l.created_at,
		(SELECT count(*) FROM shortlist_entries e WHERE e.shortlist_id = l.id)
		FROM shortlists l ORDER BY lower(l.name)`)
}

// ShortlistByName finds a shortlist by its name, case-insensitively.
func (s *Store) ShortlistByName(ctx context.Context, name string) (Shortlist, error) {
	ls, err := s.Shortlists(ctx)
	if err != nil {
		return Shortlist{}, err
	}
	for _, l := range ls {
		if strings.EqualFold(l.Name, strings.TrimSpace(name)) {
			return l, nil
		}
	}
	return Shortlist{}, fmt.Errorf("no shortlist called %q: %w; 'shortlist list' shows them", name, ErrNotFound)
}

// AddToShortlist puts a cluster on a shortlist with the given status (candidate when empty) and, when contact
// is not empty, a contact person of that name. A cluster already on the list keeps its entry as it is, status
// and people included: changing them is SetEntry's work, so that adding twice can never set a "meeting" back
// to "candidate". It reports whether the cluster was added.
func (s *Store) AddToShortlist(ctx context.Context, shortlistID, clusterID int64, status EntryStatus, contact string) (bool, error) {
	if status == "" {
		status = EntryCandidate
	}
	if _, ok := ParseEntryStatus(string(status)); !ok {
		return false, fmt.Errorf("unknown status %q; use one of %s", status, statusNames())
	}
	added := false
	now := formatTime(s.now())
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := clusterExists(ctx, tx, clusterID); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO shortlist_entries (shortlist_id, cluster_id, status, added_at, added_by)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT (shortlist_id, cluster_id) DO NOTHING`,
			shortlistID, clusterID, string(status), now, s.author)
		if isForeignKeyViolation(err) { // the cluster is known to exist: the list is what is missing
			return fmt.Errorf("shortlist %d: %w", shortlistID, ErrNotFound)
		}
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if added = n == 1; !added || err != nil {
			return err
		}
		_, err = addPersonNamed(ctx, tx, shortlistID, clusterID, contact, s.author, now)
		return err
	})
	return added, err
}

// Entry returns one cluster's entry on a shortlist.
func (s *Store) Entry(ctx context.Context, shortlistID, clusterID int64) (Membership, error) {
	es, err := entriesWhere(ctx, s.db, `e.shortlist_id = ? AND e.cluster_id = ?`, `e.added_at`, shortlistID, clusterID)
	if err != nil {
		return Membership{}, err
	}
	if len(es) == 0 {
		return Membership{}, entryNotFound(shortlistID, clusterID)
	}
	return es[0].Membership(), nil
}

// Membership is the entry as its cluster's shortlists list it.
func (e Entry) Membership() Membership {
	return Membership{ShortlistID: e.ShortlistID, Shortlist: e.Shortlist, Status: e.Status, People: e.People, Next: e.Next, Version: e.Version}
}

// SetEntry changes the status of a cluster on a shortlist and, when contact is not empty, adds a contact
// person of that name unless the entry has one of that name (case-insensitively). It never removes or
// changes the entry's other people.
func (s *Store) SetEntry(ctx context.Context, shortlistID, clusterID int64, status EntryStatus, contact string) error {
	st, ok := ParseEntryStatus(string(status))
	if !ok {
		return fmt.Errorf("unknown status %q; use one of %s", status, statusNames())
	}
	now := formatTime(s.now())
	return s.write(ctx, func(tx *sql.Tx) error {
		if err := s.setStatus(ctx, tx, shortlistID, clusterID, st, now); err != nil {
			return err
		}
		added, err := addPersonNamed(ctx, tx, shortlistID, clusterID, contact, s.author, now)
		if err != nil || !added {
			return err
		}
		return touchEntry(ctx, tx, shortlistID, clusterID, now)
	})
}

// Entries lists the clusters on a shortlist by name, each with status, people, next step and notes.
func (s *Store) Entries(ctx context.Context, shortlistID int64) ([]Entry, error) {
	out, err := entriesWhere(ctx, s.db, `e.shortlist_id = ?`, `lower(c.name), c.id`, shortlistID)
	if err != nil {
		return nil, err
	}
	return out, s.attachNotes(ctx, out)
}

// ShortlistedIDs is the set of clusters on any shortlist.
func (s *Store) ShortlistedIDs(ctx context.Context) (map[int64]bool, error) {
	ids, err := queryAll(ctx, s.db, func(row scanner) (id int64, err error) {
		err = row.Scan(&id)
		return id, err
	}, `SELECT DISTINCT cluster_id FROM shortlist_entries`)
	out := make(map[int64]bool, len(ids))
	for _, id := range ids {
		out[id] = true
	}
	return out, err
}

// prefixScanner scans leading columns into extra before handing the rest to scanCluster.
type prefixScanner struct {
	row   scanner
	extra []any
}

func (p prefixScanner) Scan(dest ...any) error { return p.row.Scan(append(p.extra, dest...)...) }

func prefixed(alias, columns string) string {
	parts := strings.Split(columns, ",")
	for i, p := range parts {
		parts[i] = alias + "." + strings.TrimSpace(p)
	}
	return strings.Join(parts, ", ")
}

func statusNames() string {
	names := make([]string, len(EntryStatuses))
	for i, s := range EntryStatuses {
		names[i] = string(s)
	}
	return strings.Join(names, ", ")
}

// write runs fn in one transaction, committed only when fn succeeds, with the search index brought up to date.
func (s *Store) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	done, err := s.takeTurn(ctx)
	if err != nil {
		return err
	}
	defer done()
	tx, err := s.begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return friendly(err)
	}
	if err := s.syncFTS(ctx, tx); err != nil {
		return err
	}
	return friendly(tx.Commit())
}

func clusterExists(ctx context.Context, tx *sql.Tx, id int64) error {
	var one int
	err := tx.QueryRowContext(ctx, `SELECT 1 FROM clusters WHERE id = ?`, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("cluster %d: %w", id, ErrNotFound)
	}
	return err
}

func mustHaveChanged(res sql.Result, notFound error) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return notFound
	}
	return nil
}

// ShortlistedClusters returns every cluster on any shortlist, with its sources: what the label watch checks.
func (s *Store) ShortlistedClusters(ctx context.Context) ([]Cluster, error) {
	ids, err := s.ShortlistedIDs(ctx)
	if err != nil {
		return nil, err
	}
	list := make([]int64, 0, len(ids))
	for id := range ids {
		list = append(list, id)
	}
	cs, err := s.clustersByID(ctx, list)
	if err != nil {
		return nil, err
	}
	return cs, s.attachSources(ctx, cs)
}
