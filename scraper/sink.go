package scraper

import (
	"context"
	"time"

	"clusterbridge/data"
)

// Sink is where an import puts what it reads. The catalogue (*data.Store) is one; its methods take data types
// only, so data needs nothing of this package.
type Sink interface {
	// BeginRun records the start of an import of the given sources and returns the run's id.
	BeginRun(ctx context.Context, sources []string) (int64, error)
	// SavePage merges one page's records, and remembers the page's validators, in one transaction. Records
	// that fit several clusters come back as ambiguities, unmerged.
	SavePage(ctx context.Context, runID int64, p data.PageRead) (data.MergeCounts, []data.Ambiguity, error)
	// RecordProblem records a page that failed or was skipped.
	RecordProblem(ctx context.Context, runID int64, p data.Problem) error
	// FinishRun records the end of the run with its totals; it must work with a cancelled ctx.
	FinishRun(ctx context.Context, runID int64, c data.RunCounts, cancelled bool) error
	// Validators are what the last successful read of a URL remembered (ETag, Last-Modified, read time).
	Validators(ctx context.Context, url string) (data.Validators, error)
	// LastRead is when a URL was last read and saved; zero when never.
	LastRead(ctx context.Context, url string) (time.Time, error)
	// Unchanged notes that a URL has not changed since its last read and says how many clusters came from it.
	// A non-zero readAt refreshes the read time.
	Unchanged(ctx context.Context, url string, readAt time.Time) (int, error)
	// FindDuplicates keeps each pair of clusters that is probably one organisation for the user to review,
	// and says how many new pairs it found.
	FindDuplicates(ctx context.Context) (int, error)
}

var _ Sink = (*data.Store)(nil)
