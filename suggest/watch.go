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

// Watch is a cluster whose label has expired or is about to, with the sources to check for a renewal.
type Watch struct {
	ID         int64
	Name       string
	Country    string
	Label      data.Label
	ValidUntil string           // as the catalogue states it: "YYYY-MM-DD" or "YYYY-MM"
	Through    time.Time        // the last day the label covers
	Status     data.LabelStatus // StatusExpired or StatusValid (expiring soon)
	Days       int              // days from today to Through: negative when expired, 0 on its last day
	Sources    []data.Source
}

// LabelWatch returns the clusters of cs whose label has expired or expires within the given number of days
// of today (LabelWatchDays is the usual choice), soonest expiry first, ties by name. Labels without a known
// validity date are not included: there is no date to watch.
func LabelWatch(cs []data.Cluster, today time.Time, within int) []Watch {
	day := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	var out []Watch
	for _, c := range cs {
		if c.Label == data.LabelNone {
			continue
		}
		through, err := time.Parse(time.DateOnly, data.ValidThrough(c.LabelValidUntil))
		if err != nil {
			continue
		}
		days := int(through.Sub(day).Hours() / 24)
		if days > within {
			continue
		}
		st := data.StatusValid
		if days < 0 {
			st = data.StatusExpired
		}
		out = append(out, Watch{
			ID: c.ID, Name: c.Name, Country: c.Country, Label: c.Label, ValidUntil: c.LabelValidUntil,
			Through: through, Status: st, Days: days, Sources: c.Sources,
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
