// Package data is ClusterBridge's catalogue: cluster organisations read from public sources, kept in SQLite,
// and the user's own shortlists and notes kept apart from them so that no import ever touches them.
package data

import (
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
	StatusValid      LabelStatus = "valid"      // the valid-until date is not past
	StatusExpired    LabelStatus = "expired"    // the valid-until date is past
	StatusUnverified LabelStatus = "unverified" // a label is stated but no validity date is known
	StatusNone       LabelStatus = "none"       // no label
)

// LabelStatusOn derives the status of a label with the given valid-until text ("YYYY-MM-DD", "YYYY-MM" or "")
// on the given day.
func LabelStatusOn(label Label, validUntil string, day time.Time) LabelStatus {
	if label == LabelNone {
		return StatusNone
	}
	through := ValidThrough(validUntil)
	if through == "" {
		return StatusUnverified
	}
	if through >= day.Format(time.DateOnly) {
		return StatusValid
	}
	return StatusExpired
}

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
	UpdatedAt       time.Time

	// Filled only by Store.Cluster: the user's own data about this cluster.
	Notes      []Note
	Shortlists []Membership
}

// LabelStatus is the cluster's label status on the given day.
func (c Cluster) LabelStatus(day time.Time) LabelStatus {
	return LabelStatusOn(c.Label, c.LabelValidUntil, day)
}

// Source is one page or file a cluster's facts were read from.
type Source struct {
	URL    string    // a URL or a file path
	Kind   string    // what the source was, e.g. "sample", "eccp-profile", "esca", "eucles", "csv"
	ReadAt time.Time // when it was read
}

// Note is a dated remark of the user's about a cluster.
type Note struct {
	ID   int64
	At   time.Time
	Text string
}

// Membership says that a cluster is on a shortlist, and how far contact with it has come.
type Membership struct {
	ShortlistID int64
	Shortlist   string
	Status      EntryStatus
	Contact     string
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
