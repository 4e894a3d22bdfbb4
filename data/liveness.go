package data

import (
	"context"
	"database/sql"
	"sync"
	"time"
)

// An import run is live only within the process that began it. That process says so every heartbeatEvery
// (alive_at); a run with no end whose last sign of life is older than staleAfter belongs to a process that
// stopped without finishing it. A heartbeat rather than a lock: it needs nothing but the catalogue, works the
// same for two windows on one computer and on any file system, and survives the process that wrote it.
const (
	heartbeatEvery = 30 * time.Second
	staleAfter     = 4 * heartbeatEvery
)

// heartbeats are the goroutines keeping this process's runs alive, one per run.
type heartbeats struct {
	mu   sync.Mutex
	done map[int64]chan struct{}
	wg   sync.WaitGroup
}

func (h *heartbeats) start(runID int64, beat func(int64)) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.done == nil {
		h.done = map[int64]chan struct{}{}
	}
	done := make(chan struct{})
	h.done[runID] = done
	h.wg.Add(1)
	go func() {
		defer h.wg.Done()
		tick := time.NewTicker(heartbeatEvery)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				beat(runID)
			}
		}
	}()
}

func (h *heartbeats) stop(runID int64) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if done, ok := h.done[runID]; ok {
		close(done)
		delete(h.done, runID)
	}
}

// stopAll stops every heartbeat and waits for them, before the catalogue closes.
func (h *heartbeats) stopAll() {
	h.mu.Lock()
	for id, done := range h.done {
		close(done)
		delete(h.done, id)
	}
	h.mu.Unlock()
	h.wg.Wait()
}

// heartbeat says run runID is alive. A missed beat is harmless (the next one comes), so errors are dropped.
func (s *Store) heartbeat(runID int64) {
	if s.damage.Load() != nil {
		return
	}
	s.db.Exec(`UPDATE import_runs SET alive_at = ? WHERE id = ? AND finished_at IS NULL`, formatTime(s.now()), runID)
}

// closeInterrupted closes the runs whose process stopped without finishing them, as interrupted, with the
// problems they recorded counted; it returns how many.
func (s *Store) closeInterrupted(ctx context.Context) (int, error) {
	cutoff := formatTime(s.now().Add(-staleAfter))
	// Asked first without the write lock, so that an opening waits for no other program's import.
	var stale bool
	if err := s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM import_runs
		WHERE finished_at IS NULL AND coalesce(alive_at, started_at) < ?)`, cutoff).Scan(&stale); err != nil || !stale {
		return 0, friendly(err)
	}
	var n int64
	err := s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE import_runs SET finished_at = coalesce(alive_at, started_at),
			interrupted = 1,
			failed = (SELECT count(*) FROM import_problems p WHERE p.run_id = import_runs.id AND p.kind = 'failed'),
			skipped = (SELECT count(*) FROM import_problems p WHERE p.run_id = import_runs.id AND p.kind = 'skipped')
			WHERE finished_at IS NULL AND coalesce(alive_at, started_at) < ?`, cutoff)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return int(n), err
}
