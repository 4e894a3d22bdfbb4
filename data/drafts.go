package data

import (
	"context"
	"database/sql"
	"strings"
	"time"
)

// Draft is note text the user typed and has not saved: a new note about a cluster (NoteID 0) or the changed
// text of a note being edited. Drafts are kept in the catalogue so that closing the window loses nothing.
type Draft struct {
	ClusterID int64
	NoteID    int64 // 0 for a new note
	Text      string
	SavedAt   time.Time
}

// SaveDraft keeps a draft, replacing the one before it; text with nothing but spaces removes it (the user
// emptied the entry or saved the note).
func (s *Store) SaveDraft(ctx context.Context, d Draft) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		if strings.TrimSpace(d.Text) == "" {
			_, err := tx.ExecContext(ctx, `DELETE FROM note_drafts WHERE cluster_id = ? AND note_id = ?`, d.ClusterID, d.NoteID)
			return err
		}
		if err := clusterExists(ctx, tx, d.ClusterID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO note_drafts (cluster_id, note_id, text, saved_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (cluster_id, note_id) DO UPDATE SET text = excluded.text, saved_at = excluded.saved_at`,
			d.ClusterID, d.NoteID, d.Text, formatTime(s.now()))
		return err
	})
}

// Drafts returns every draft kept, oldest first.
func (s *Store) Drafts(ctx context.Context) ([]Draft, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT cluster_id, note_id, text, saved_at FROM note_drafts ORDER BY saved_at, cluster_id, note_id`)
	if err != nil {
		return nil, friendly(err)
	}
	defer rows.Close()
	var out []Draft
	for rows.Next() {
		var d Draft
		var at string
		if err := rows.Scan(&d.ClusterID, &d.NoteID, &d.Text, &at); err != nil {
			return nil, friendly(err)
		}
		d.SavedAt = parseTime(at)
		out = append(out, d)
	}
	return out, friendly(rows.Err())
}
