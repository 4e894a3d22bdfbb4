package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Problem kinds recorded for an import run.
const (
	ProblemFailed    = "failed"    // a page or file could not be read or saved
	ProblemSkipped   = "skipped"   // a page that is no source (a news item), or one robots.txt forbids
	ProblemAmbiguous = "ambiguous" // a record that fits several clusters, left unmerged
	ProblemWarning   = "warning"   // a value a source gave that could not be read; the rest of the record was kept
)

// Problem is one page or record an import could not take in as it is, with the reason.
type Problem struct {
	URL    string
	Kind   string // ProblemFailed, ProblemSkipped, ProblemAmbiguous or ProblemWarning
	Reason string
}

// RunCounts are an import run's totals: clusters added, updated and unchanged; pages skipped and failed.
type RunCounts struct {
	Added, Updated, Unchanged, Skipped, Failed int
}

// ImportRun is one recorded import.
type ImportRun struct {
	ID         int64
	StartedAt  time.Time
	FinishedAt time.Time // zero while running, or when the program stopped before finishing it
	Sources    []string
	Counts     RunCounts
	Cancelled  bool
	// Interrupted says the program stopped before it could finish the run (killed, crashed, shut down); its
	// FinishedAt is when it was last known alive, and of its counts only the problems' are known.
	Interrupted bool
	Problems    []Problem
}

// Run statuses, as Status gives them.
const (
	RunRunning     = "running"
	RunFinished    = "finished"
	RunCancelled   = "cancelled"
	RunInterrupted = "interrupted"
)

// Status is how the run ended, or that it is still running.
func (r ImportRun) Status() string {
	switch {
	case r.Interrupted:
		return RunInterrupted
	case r.FinishedAt.IsZero():
		return RunRunning
	case r.Cancelled:
		return RunCancelled
	}
	return RunFinished
}

// Validators are what a server said about a page, to ask next time whether it changed.
type Validators struct {
	ETag         string
	LastModified string
	ReadAt       time.Time // when the page was last read and saved; zero when never
}

// BeginRun records the start of an import of the given sources and returns its id.
func (s *Store) BeginRun(ctx context.Context, sources []string) (int64, error) {
	var id int64
	err := s.write(ctx, func(tx *sql.Tx) error {
		now := formatTime(s.now())
		err := tx.QueryRowContext(ctx, `INSERT INTO import_runs (started_at, alive_at, sources) VALUES (?, ?, ?) RETURNING id`,
			now, now, strings.Join(sources, "\n")).Scan(&id)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("cannot record the import: %w", err)
	}
	s.beats.start(id, s.heartbeat)
	return id, nil
}

// RecordProblem records a page that failed or was skipped in run runID.
func (s *Store) RecordProblem(ctx context.Context, runID int64, p Problem) error {
	return s.write(ctx, func(tx *sql.Tx) error { return recordProblem(ctx, tx, runID, p) })
}

func recordProblem(ctx context.Context, tx *sql.Tx, runID int64, p Problem) error {
	if runID == 0 {
		return nil
	}
	switch p.Kind {
	case ProblemFailed, ProblemSkipped, ProblemAmbiguous, ProblemWarning:
	default:
		return fmt.Errorf("unknown kind of import problem %q", p.Kind)
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO import_problems (run_id, url, kind, reason) VALUES (?, ?, ?, ?)`,
		runID, p.URL, p.Kind, p.Reason)
	return err
}

// FinishRun records the end of run runID with its totals. It runs even when ctx is cancelled, so that a
// cancelled import is recorded as such.
func (s *Store) FinishRun(ctx context.Context, runID int64, c RunCounts, cancelled bool) error {
	ctx = context.WithoutCancel(ctx)
	s.beats.stop(runID)
	return s.write(ctx, func(tx *sql.Tx) error {
		// interrupted = 0: a run closed as interrupted by a window that missed its heartbeat (the laptop slept)
		// and finished after all is finished.
		_, err := tx.ExecContext(ctx, `UPDATE import_runs SET finished_at = ?, added = ?, updated = ?, unchanged = ?,
			skipped = ?, failed = ?, cancelled = ?, interrupted = 0 WHERE id = ?`,
			formatTime(s.now()), c.Added, c.Updated, c.Unchanged, c.Skipped, c.Failed, flag(cancelled), runID)
		return err
	})
}

// ImportRuns returns the latest import runs, newest first, each with its problems.
func (s *Store) ImportRuns(ctx context.Context, limit int) ([]ImportRun, error) {
	if limit <= 0 {
		limit = 20
	}
	out, err := queryAll(ctx, s.db, func(row scanner) (ImportRun, error) {
		var r ImportRun
		var started, finished, sources string
		err := row.Scan(&r.ID, &started, &finished, &sources, &r.Counts.Added, &r.Counts.Updated,
			&r.Counts.Unchanged, &r.Counts.Skipped, &r.Counts.Failed, &r.Cancelled, &r.Interrupted)
		r.StartedAt, r.FinishedAt = parseTime(started), parseTime(finished)
		if sources != "" {
			r.Sources = strings.Split(sources, "\n")
		}
		return r, err
	}, `SELECT id, started_at, coalesce(finished_at, ''), sources, added, updated,
		unchanged, skipped, failed, cancelled, interrupted FROM import_runs ORDER BY id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, err
	}
	for i := range out {
		if out[i].Problems, err = s.RunProblems(ctx, out[i].ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// RunProblems returns the problems recorded for run runID, in the order they happened; ErrNotFound when
// there is no such run.
func (s *Store) RunProblems(ctx context.Context, runID int64) ([]Problem, error) {
	ps, err := queryAll(ctx, s.db, func(row scanner) (Problem, error) {
		var p Problem
		err := row.Scan(&p.URL, &p.Kind, &p.Reason)
		return p, err
	}, `SELECT url, kind, reason FROM import_problems WHERE run_id = ? ORDER BY rowid`, runID)
	if err != nil || len(ps) > 0 {
		return ps, friendly(err)
	}
	var one int
	if err := s.db.QueryRowContext(ctx, `SELECT 1 FROM import_runs WHERE id = ?`, runID).Scan(&one); errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("there is no import run %d; see 'clusterbridge imports': %w", runID, ErrNotFound)
	} else if err != nil {
		return nil, friendly(err)
	}
	return nil, nil
}

// Validators returns what the last successful read of url remembered; all zero when it was never read.
func (s *Store) Validators(ctx context.Context, url string) (Validators, error) {
	var v Validators
	var at string
	err := s.db.QueryRowContext(ctx, `SELECT etag, last_modified, read_at FROM fetched_pages WHERE url = ?`, url).
		Scan(&v.ETag, &v.LastModified, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return Validators{}, nil
	}
	if err != nil {
		return Validators{}, friendly(err)
	}
	v.ReadAt = parseTime(at)
	return v, nil
}

// LastRead is when url was last read and saved successfully; zero when never.
func (s *Store) LastRead(ctx context.Context, url string) (time.Time, error) {
	v, err := s.Validators(ctx, url)
	return v.ReadAt, err
}

// RememberValidators records a successful read of url on its own; SavePage does it with the page's records.
func (s *Store) RememberValidators(ctx context.Context, url string, v Validators) error {
	return s.write(ctx, func(tx *sql.Tx) error { return rememberValidators(ctx, tx, url, v, s.now()) })
}

func rememberValidators(ctx context.Context, tx *sql.Tx, url string, v Validators, now time.Time) error {
	if url == "" {
		return nil
	}
	at := v.ReadAt
	if at.IsZero() {
		at = now
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO fetched_pages (url, etag, last_modified, read_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
		read_at = excluded.read_at`, url, v.ETag, v.LastModified, formatTime(at))
	return err
}

// Unchanged records that url was found unchanged (a 304, or a sitemap lastmod not newer than the last read)
// and returns how many clusters the catalogue knows from it. A non-zero readAt refreshes the read time of the
// page and of those clusters' sources.
func (s *Store) Unchanged(ctx context.Context, url string, readAt time.Time) (int, error) {
	var n int
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM cluster_sources WHERE url = ?`, url).Scan(&n); err != nil {
			return err
		}
		if readAt.IsZero() {
			return nil
		}
		at := formatTime(readAt)
		if _, err := tx.ExecContext(ctx, `UPDATE fetched_pages SET read_at = greatest(read_at, ?) WHERE url = ?`, at, url); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE cluster_sources SET read_at = greatest(read_at, ?) WHERE url = ?`, at, url)
		return err
	})
	return n, err
}

// What an import run did to a cluster (import_run_changes.change).
const (
	ChangeAdded   = "added"
	ChangeUpdated = "updated"
)

// RunChange is a cluster an import run added or updated.
type RunChange struct {
	ClusterID int64
	Name      string
	Country   string
	Change    string // ChangeAdded or ChangeUpdated
}

// RunChanges returns the clusters run runID added, then those it updated, each by name (a cluster added and
// then updated counts as added). Clusters merged away since are left out.
func (s *Store) RunChanges(ctx context.Context, runID int64) ([]RunChange, error) {
	out, err := queryAll(ctx, s.db, func(row scanner) (RunChange, error) {
		var c RunChange
		err := row.Scan(&c.ClusterID, &c.Name, &c.Country, &c.Change)
		return c, err
	}, `SELECT c.id, c.name, c.country, r.change FROM import_run_changes r JOIN clusters c ON c.id = r.cluster_id
		WHERE r.run_id = ? ORDER BY r.change = 'updated', lower(c.name), c.id`, runID)
	if err != nil {
		return nil, fmt.Errorf("cannot read what the import changed: %w", err)
	}
	return out, nil
}

// flag is a yes or no as the stores keep it, 1 or 0: PostgreSQL takes no Go bool for an integer column.
func flag(b bool) int {
	if b {
		return 1
	}
	return 0
}
