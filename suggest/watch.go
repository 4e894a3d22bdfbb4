package suggest

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"clusterbridge/data"
)

// LabelWatchDays is how far ahead the label watch looks by default.
const LabelWatchDays = 90

// Watch is a cluster whose label has expired, probably has, or is about to, with the sources to check for a
// renewal.
type Watch struct {
	ID         int64
	Name       string
	Country    string
	Label      data.Label
	Year       int              // the label's year, 0 when unknown
	ValidUntil string           // as the catalogue states it: "YYYY-MM-DD", "YYYY-MM", or "" for a year-only label
	Through    time.Time        // the last day the label covers, or for a year-only label the estimate's
	Status     data.LabelStatus // StatusExpired, StatusProbablyExpired, or StatusValid (expiring soon)
	Days       int              // days from today to Through: negative when past, 0 on its last day
	// LabelSource is the page or file that stated the label (zero when the catalogue does not know it);
	// Sources are all the cluster's sources, for when it is not known.
	LabelSource data.Source
	Sources     []data.Source
}

// LabelWatch returns the clusters of cs whose label has expired or expires within the given number of days
// of today (LabelWatchDays is the usual choice), and those whose year-only label is probably expired
// (data.LabelStatusOn decides: its estimate, data.EstimatedThrough, has passed); soonest first, ties by
// name. A label with neither a date nor a year, or whose estimate has not passed, has nothing to watch.
func LabelWatch(cs []data.Cluster, today time.Time, within int) []Watch {
	day := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	var out []Watch
	for _, c := range cs {
		st := data.LabelStatusOn(c.Label, c.LabelYear, c.LabelValidUntil, today)
		var through string
		switch st {
		case data.StatusValid, data.StatusExpired:
			through = data.ValidThrough(c.LabelValidUntil)
		case data.StatusProbablyExpired:
			through = data.EstimatedThrough(c.LabelYear)
		default:
			continue
		}
		t, err := time.Parse(time.DateOnly, through)
		if err != nil {
			continue
		}
		days := int(t.Sub(day).Hours() / 24)
		if st == data.StatusValid && days > within {
			continue
		}
		out = append(out, Watch{
			ID: c.ID, Name: c.Name, Country: c.Country, Label: c.Label, Year: c.LabelYear,
			ValidUntil: c.LabelValidUntil, Through: t, Status: st, Days: days,
			LabelSource: c.LabelSource(), Sources: c.Sources,
		})
	}
	slices.SortFunc(out, func(a, b Watch) int {
		if c := a.Through.Compare(b.Through); c != 0 {
			return c
		}
		if c := strings.Compare(a.Name, b.Name); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return out
}

// CheckSources are the places to check a watched label, best first: the page that stated it, then the
// cluster's other sources.
func (w Watch) CheckSources() []data.Source {
	out := make([]data.Source, 0, len(w.Sources)+1)
	if w.LabelSource.URL != "" {
		out = append(out, w.LabelSource)
	}
	for _, s := range w.Sources {
		if s.URL != w.LabelSource.URL {
			out = append(out, s)
		}
	}
	return out
}
