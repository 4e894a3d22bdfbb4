package data

import (
	"context"
	"testing"
	"time"
)

func TestInterruptedRunsAreClosedAndLiveOnesLeftRunning(t *testing.T) {
	ctx := context.Background()
	path, _ := catalogueWithWork(t)
	// A killed import: begun, a page failed, never finished.
	killed, err := Open(ctx, path, WithClock(clockAt(day0.Add(time.Hour))))
	if err != nil {
		t.Fatal(err)
	}
	dead, err := killed.BeginRun(ctx, []string{"https://clustercollaboration.eu/"})
	if err != nil {
		t.Fatal(err)
	}
	if err := killed.RecordProblem(ctx, dead, Problem{URL: "https://a.example/x", Kind: ProblemFailed, Reason: "HTTP 500"}); err != nil {
		t.Fatal(err)
	}
	killed.beats.stopAll() // the process died: no more heartbeats, no FinishRun
	// Another window, importing now and beating its heart.
	window, err := Open(ctx, path, WithClock(clockAt(day0.Add(time.Hour+time.Minute))))
	if err != nil {
		t.Fatal(err)
	}
	defer window.Close()
	if n := window.Opened().Interrupted; n != 0 {
		t.Errorf("a run alive a minute ago was closed as interrupted")
	}
	live, err := window.BeginRun(ctx, []string{"eucles.csv"})
	if err != nil {
		t.Fatal(err)
	}
	window.SetClock(clockAt(day0.Add(time.Hour + 20*time.Minute)))
	window.heartbeat(live) // what its ticker does every half minute

	// A third opening, a minute later.
	third, err := Open(ctx, path, WithClock(clockAt(day0.Add(time.Hour+21*time.Minute))))
	if err != nil {
		t.Fatal(err)
	}
	defer third.Close()
	if n := third.Opened().Interrupted; n != 1 {
		t.Errorf("the opening closed %d runs as interrupted, want the killed one", n)
	}
	runs, err := third.ImportRuns(ctx, 10)
	if err != nil || len(runs) != 2 {
		t.Fatalf("runs %+v (%v)", runs, err)
	}
	byID := map[int64]ImportRun{runs[0].ID: runs[0], runs[1].ID: runs[1]}
	if r := byID[dead]; r.Status() != RunInterrupted || !r.FinishedAt.Equal(day0.Add(time.Hour)) || r.Counts.Failed != 1 {
		t.Errorf("the killed run reads %+v (%s), want interrupted at its last sign of life with its failure counted", r, r.Status())
	}
	if r := byID[live]; r.Status() != RunRunning {
		t.Errorf("the window's live run reads %s, want running", r.Status())
	}
	// The window finishes its import: finished, even had it been taken for interrupted.
	if err := window.FinishRun(ctx, live, RunCounts{Added: 3}, false); err != nil {
		t.Fatal(err)
	}
	if runs, _ = third.ImportRuns(ctx, 1); runs[0].Status() != RunFinished || runs[0].Counts.Added != 3 {
		t.Errorf("the finished run reads %+v", runs[0])
	}
}
