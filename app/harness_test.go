package app

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"clusterbridge/data"
	"clusterbridge/scraper"
)

// uiQueue stands in for fyne.Do in tests: background goroutines queue their window updates, and the test's
// goroutine runs them while it waits. So widgets change on one goroutine only, as in the app, and the race
// detector has nothing to find.
type uiQueue struct {
	mu  sync.Mutex
	fns []func()
}

func (q *uiQueue) do(fn func()) {
	q.mu.Lock()
	q.fns = append(q.fns, fn)
	q.mu.Unlock()
}

// drain runs the queued updates and reports how many there were.
func (q *uiQueue) drain() int {
	q.mu.Lock()
	fns := q.fns
	q.fns = nil
	q.mu.Unlock()
	for _, fn := range fns {
		fn()
	}
	return len(fns)
}

// testWindow is a main window on the test driver over a fresh sample catalogue.
type testWindow struct {
	*MainWindow
	t      testing.TB
	queue  *uiQueue
	closed bool
}

// testDay is the day label statuses are judged on in tests, so that they do not change as time passes.
var testDay = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

func openTestStore(t testing.TB) *data.Store {
	t.Helper()
	store, err := data.Open(context.Background(), filepath.Join(t.TempDir(), "c.db"), data.WithSeed(scraper.Sample))
	if err != nil {
		t.Fatal(err)
	}
	store.SetClock(func() time.Time { return testDay })
	t.Cleanup(func() { store.Close() })
	return store
}

func newTestWindow(t testing.TB) *testWindow {
	t.Helper()
	a := test.NewTempApp(t)
	return newTestWindowOn(t, a, openTestStore(t))
}

func newTestWindowOn(t testing.TB, a fyne.App, store *data.Store) *testWindow {
	t.Helper()
	return newTestWindowWith(t, a, store, Options{})
}

func newTestWindowWith(t testing.TB, a fyne.App, store *data.Store, opts Options) *testWindow {
	t.Helper()
	q := &uiQueue{}
	w := &testWindow{MainWindow: newMainWindow(a, store, q.do, opts), t: t, queue: q}
	w.win.Resize(defaultSize)
	t.Cleanup(w.close)
	w.settle()
	return w
}

// close closes the window as the user would, once.
func (w *testWindow) close() {
	if !w.closed {
		w.closed = true
		w.win.Close()
	}
}

// settle waits until every search and background job has landed in the window, running their updates.
func (w *testWindow) settle() {
	w.t.Helper()
	w.waitFor("the window to settle", func() bool { return true })
}

// waitFor polls, running queued window updates, until cond holds and the window is idle, or fails the test
// after a deadline.
func (w *testWindow) waitFor(what string, cond func() bool) {
	w.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		ran := w.queue.drain()
		if ran == 0 && w.idle() && cond() {
			return
		}
		if time.Now().After(deadline) {
			w.t.Fatalf("timed out waiting for %s", what)
		}
		if ran == 0 {
			time.Sleep(time.Millisecond)
		}
	}
}

func (w *testWindow) names() []string {
	out := make([]string, len(w.results.clusters))
	for i, c := range w.results.clusters {
		out[i] = c.Name
	}
	return out
}
