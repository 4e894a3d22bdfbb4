package app

import (
	"context"
	"time"

	"clusterbridge/data"
)

// pageSize is how many clusters one query fetches; the list asks for the next page as it nears the end, so
// that a catalogue of 100,000 stays quick.
const pageSize = 200

// typingPause is how long the search waits after a keystroke, so that fast typing runs one query, not five.
const typingPause = 200 * time.Millisecond

// queryRunner runs catalogue searches off the UI goroutine. A new search cancels the one before it, and only
// the newest one's results reach the window. Its fields are touched on the UI goroutine only.
type queryRunner struct {
	store *data.Store
	do    func(func()) // runs a function on the UI goroutine
	pause time.Duration

	timer  *time.Timer
	cancel context.CancelFunc
	ctx    context.Context
	asked  int  // searches started
	landed int  // the search whose results are shown
	paging bool // a further page is on its way

	onResult func(q data.Query, res data.Result, nextPage bool)
	onError  func(error)
}

func newQueryRunner(store *data.Store, do func(func())) *queryRunner {
	return &queryRunner{store: store, do: do, pause: typingPause}
}

// start runs q, after the typing pause when typed is true, replacing whatever search was under way.
func (r *queryRunner) start(q data.Query, typed bool) {
	r.stop()
	r.asked++
	r.paging = false
	r.ctx, r.cancel = context.WithCancel(context.Background())
	delay := time.Duration(0)
	if typed {
		delay = r.pause
	}
	r.launch(r.ctx, q, r.asked, false, delay)
}

// nextPage fetches the page of the current search that starts at offset.
func (r *queryRunner) nextPage(q data.Query, offset int) {
	if r.paging || r.ctx == nil || r.landed != r.asked {
		return
	}
	r.paging = true
	q.Offset = offset
	r.launch(r.ctx, q, r.asked, true, 0)
}

func (r *queryRunner) launch(ctx context.Context, q data.Query, gen int, page bool, delay time.Duration) {
	work := func() {
		res, err := r.store.Search(ctx, q)
		if ctx.Err() != nil {
			return // superseded; the newer search reports instead
		}
		r.do(func() {
			if gen != r.asked {
				return
			}
			if page {
				r.paging = false
			} else {
				r.landed = gen
			}
			if err != nil {
				r.onError(err)
				return
			}
			r.onResult(q, res, page)
		})
	}
	if delay > 0 {
		r.timer = time.AfterFunc(delay, work)
		return
	}
	go work()
}

func (r *queryRunner) stop() {
	if r.timer != nil {
		r.timer.Stop()
		r.timer = nil
	}
	if r.cancel != nil {
		r.cancel()
	}
}

// idle reports whether the newest search has landed and no page is on its way.
func (r *queryRunner) idle() bool { return r.landed == r.asked && !r.paging }
