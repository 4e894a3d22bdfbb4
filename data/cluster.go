// Package data is ClusterBridge's catalogue: cluster organisations read from public sources, kept in SQLite,
// and the user's own shortlists and notes kept apart from them so that no import ever touches them.
package data

import (
	"fmt"
	"strings"
	"time"
)

// Label is an ESCA/EUCLES Cluster Management Excellence label level. The empty Label means none.
type Label string

const (
	LabelGold   Label = "gold"
	LabelSilver Label = "silver"
	LabelBronze Label = "bronze"
	LabelNone   Label = ""
)

// Labels lists every label level, best first, with LabelNone last.
var Labels = []Label{LabelGold, LabelSilver, LabelBronze, LabelNone}

// ParseLabel reads a label level from loose text such as "Gold", "GOLD Label" or "bronze".
// It reports false when the text names no level.
func ParseLabel(s string) (Label, bool) {
	s = strings.ToLower(s)
	for _, l := range []Label{LabelGold, LabelSilver, LabelBronze} {
		if strings.Contains(s, string(l)) {
			return l, true
		}
	}
	return LabelNone, false
}

// Rank orders labels for sorting and scoring: gold 3, silver 2, bronze 1, none 0.
func (l Label) Rank() int {
	switch l {
	case LabelGold:
		return 3
	case LabelSilver:
		return 2
	case LabelBronze:
		return 1
	}
	return 0
}

// LabelStatus is a label's standing as of a given day; it is derived, never stored.
type LabelStatus string

const (
	StatusValid           LabelStatus = "valid"            // the valid-until date is not past
	StatusExpired         LabelStatus = "expired"          // the valid-until date is past
	StatusProbablyExpired LabelStatus = "probably-expired" // no date, but the label year's estimate has passed
	StatusUnverified      LabelStatus = "unverified"       // a label is stated but no validity date is known
	StatusNone            LabelStatus = "none"             // no label
)

// LabelLifeYears is how long a label lasts: ESCA and EUCLES labels run about two years from the assessment.
const LabelLifeYears = 2

// LabelStatusOn derives the status of a label on the given day from its valid-until text ("YYYY-MM-DD",
// "YYYY-MM" or "") or, without one, its year (0 when unknown). This is the one place the rule lives; the
// suggestions, the label watch, the window and the exports all ask it.
//
// A label with a year but no date is estimated to run until the end of year+LabelLifeYears (the latest day a
// label assessed that year could last): once that has passed it is probably expired; before, unverified.
func LabelStatusOn(label Label, year int, validUntil string, day time.Time) LabelStatus {
	if label == LabelNone {
		return StatusNone
	}
	today := day.Format(time.DateOnly)
	if through := ValidThrough(validUntil); through != "" {
		if through >= today {
			return StatusValid
		}
		return StatusExpired
	}
	if through := EstimatedThrough(year); through != "" && through < today {
		return StatusProbablyExpired
	}
	return StatusUnverified
}

// EstimatedThrough is the last day a label of the given year can be expected to cover, "YYYY-MM-DD", or ""
// when the year is unknown.
func EstimatedThrough(year int) string {
	if year < 2000 || year > 2100 {
		return ""
	}
	return fmt.Sprintf("%04d-12-31", year+LabelLifeYears)
}

// OutOfDate says whether a status means the label cannot be relied on today: expired, or probably so.
func (st LabelStatus) OutOfDate() bool { return st == StatusExpired || st == StatusProbablyExpired }

// ValidThrough turns a valid-until text into the last day it covers, as "YYYY-MM-DD": a month ("2026-09")
// covers its last day. It returns "" for text that is no such date.
func ValidThrough(validUntil string) string {
	t, err := time.Parse(time.DateOnly, validUntil)
	if err != nil {
		if t, err = time.Parse("2006-01", validUntil); err != nil {
			return ""
		}
		t = t.AddDate(0, 1, -1)
	}
	// Cluster labels began in 2009; a year far outside that is a typing or parsing slip, not a date.
	if t.Year() < 2000 || t.Year() > 2100 {
		return ""
	}
	return t.Format(time.DateOnly)
}

// Cluster is one cluster organisation as the catalogue knows it. Imported facts and the user's own data
// (Notes, Shortlists) travel together here but are stored apart.
type Cluster struct {
	ID              int64
	Name            string
	Acronym         string
	Country         string // ISO 3166-1 alpha-2, upper case
	Region          string
	City            string
	Ecosystems      []Ecosystem
	Sectors         []string
	Focus           string
	Description     string
	Label           Label
	LabelYear       int    // 0 when unknown
	LabelValidUntil string // "YYYY-MM-DD", "YYYY-MM" or ""
	Website         string
	Members         int    // 0 when unknown
	MembersText     string // as the source states it: "~90", "90+"
	Founded         int    // year, 0 when unknown
	Contact         string // e-mail or person as published
	Sources         []Source
	// Facts says where each field's value came from, by field name (FieldLabel, FieldName, …). Filled by
	// Store.Cluster and by the reads that show a cluster's label; merges keep it up to date.
	Facts     map[string]Source
	UpdatedAt time.Time

	// The user's mark that the cluster has closed (no source publishes this), and why. Filled by Store.Cluster
	// and Store.AllClusters; set with Store.MarkClosed. Left out of JSON when unset, as a record read from a
	// source never has it.
	Closed     bool   `json:",omitempty"`
	ClosedNote string `json:",omitempty"`

	// Filled only by Store.Cluster: the user's own data about this cluster.
	Notes      []Note
	Shortlists []Membership
}

// LabelStatus is the cluster's label status on the given day.
func (c Cluster) LabelStatus(day time.Time) LabelStatus {
	return LabelStatusOn(c.Label, c.LabelYear, c.LabelValidUntil, day)
}

// LabelSource is the source that stated the cluster's label (zero without a label, or when none is known).
func (c Cluster) LabelSource() Source {
	if c.Label == LabelNone {
		return Source{}
	}
	return c.SourceOf(FieldLabel)
}

// SourceOf is the source a field's value came from: its own fact, else the record the cluster was made
// from; zero when neither is known (a catalogue older than provenance).
func (c Cluster) SourceOf(field string) Source {
	if so, ok := c.Facts[field]; ok {
		return so
	}
	return c.Facts[FieldOrigin]
}

// Source is one page or file a cluster's facts were read from.
type Source struct {
	URL    string    // a URL or a file path
	Kind   string    // what the source was, e.g. "sample", "eccp-profile", "esca", "eucles", "csv"
	ReadAt time.Time // when it was read
}

// Note is a dated remark of the user's about a cluster.
type Note struct {
	ID        int64
	ClusterID int64
	At        time.Time // when it was written; editing keeps it
	EditedAt  time.Time // when it was last edited; zero if never
	Text      string
	Author    string // who wrote it (Store.Author when it was written); "" for notes from before authors
	EditedBy  string // who last edited it; "" if never edited
}

// Membership says that a cluster is on a shortlist, how far contact with it has come, the user's contact
// people there and the next step.
type Membership struct {
	ShortlistID int64
	Shortlist   string
	Status      EntryStatus
	People      []ContactPerson
	Next        NextStep
	Version     int // the entry's change count when read, for SetEntryStatusSeen
}

// EntryStatus is how far contact with a shortlisted cluster has come.
type EntryStatus string

const (
	EntryCandidate EntryStatus = "candidate"
	EntryContacted EntryStatus = "contacted"
	EntryMeeting   EntryStatus = "meeting"
	EntryPartner   EntryStatus = "partner"
	EntryDeclined  EntryStatus = "declined"
)

// EntryStatuses lists the statuses in the order contact usually goes.
var EntryStatuses = []EntryStatus{EntryCandidate, EntryContacted, EntryMeeting, EntryPartner, EntryDeclined}

// ParseEntryStatus checks a status name, case-insensitively.
func ParseEntryStatus(s string) (EntryStatus, bool) {
	for _, st := range EntryStatuses {
		if strings.EqualFold(s, string(st)) {
			return st, true
		}
	}
	return "", false
}
