package app

import "context"

// uiJobs runs work off the UI goroutine and hands its result back to it. Every screen uses one, so that the
// window and its tests know when all work has landed.
type uiJobs struct {
	ctx     context.Context // cancelled when the window closes: results then arrive nowhere
	do      func(func())    // runs a function on the UI goroutine: fyne.Do in the app; tests queue them
	pending int             // jobs whose results have not reached the UI yet; touched only on the UI goroutine
}

// run calls work on a goroutine; the function it returns, if any, then runs on the UI goroutine.
func (j *uiJobs) run(work func(ctx context.Context) func()) {
	ctx := j.ctx
	if ctx == nil {
		ctx = context.Background()
	}
	j.pending++
	go func() {
		apply := work(ctx)
		j.do(func() {
			j.pending--
			if apply != nil && ctx.Err() == nil {
				apply()
			}
		})
	}()
}

func (j *uiJobs) idle() bool { return j.pending == 0 }
