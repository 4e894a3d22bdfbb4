package data

import (
	"context"
	"database/sql"
	"strings"
)

// MarkClosed records the user's finding that a cluster has closed (closed true, with an optional note on why or
// where it was read) or takes the mark off again (closed false). Marking a closed cluster again replaces its
// note. The mark is the user's, like notes: imports never touch it and merges carry it to the kept cluster.
func (s *Store) MarkClosed(ctx context.Context, clusterID int64, closed bool, note string) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		if err := clusterExists(ctx, tx, clusterID); err != nil {
			return err
		}
		if !closed {
			_, err := tx.ExecContext(ctx, `DELETE FROM cluster_marks WHERE cluster_id = ?`, clusterID)
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO cluster_marks (cluster_id, closed_at, note) VALUES (?, ?, ?)
			ON CONFLICT (cluster_id) DO UPDATE SET note = excluded.note`,
			clusterID, formatTime(s.now()), strings.TrimSpace(note))
		return err
	})
}

// attachMarks fills in the user's closed marks of the clusters in cs.
func (s *Store) attachMarks(ctx context.Context, cs []Cluster) error {
	type mark struct {
		id   int64
		note string
	}
	marks, err := queryAll(ctx, s.db, func(sc scanner) (mark, error) {
		var m mark
		err := sc.Scan(&m.id, &m.note)
		return m, err
	}, `SELECT cluster_id, note FROM cluster_marks`)
	if err != nil || len(marks) == 0 {
		return err
	}
	notes := make(map[int64]string, len(marks))
	for _, m := range marks {
		notes[m.id] = m.note
	}
	for i := range cs {
		if note, ok := notes[cs[i].ID]; ok {
			cs[i].Closed, cs[i].ClosedNote = true, note
		}
	}
	return nil
}
