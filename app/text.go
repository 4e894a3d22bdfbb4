package app

import (
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"clusterbridge/data"
)

// dateLayout is how dates read in the window: "30 Sep 2026".
const dateLayout = "2 Jan 2006"

func formatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Local().Format(dateLayout)
}

// formatCount writes a count with thousands grouped, as English does: 100,000.
func formatCount(n int) string {
	if n < 0 {
		return "-" + formatCount(-n)
	}
	s := strconv.Itoa(n)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(lang.L(","))
		}
		b.WriteRune(r)
	}
	return b.String()
}

// labelName is a label level as the window names it.
func labelName(l data.Label) string {
	switch l {
	case data.LabelGold:
		return lang.L("Gold")
	case data.LabelSilver:
		return lang.L("Silver")
	case data.LabelBronze:
		return lang.L("Bronze")
	}
	return lang.L("No label")
}

// statusName is a shortlist entry's status as the window names it.
func statusName(s data.EntryStatus) string {
	switch s {
	case data.EntryCandidate:
		return lang.L("Candidate")
	case data.EntryContacted:
		return lang.L("Contacted")
	case data.EntryMeeting:
		return lang.L("Meeting")
	case data.EntryPartner:
		return lang.L("Partner")
	case data.EntryDeclined:
		return lang.L("Declined")
	}
	return string(s)
}

func statusNames() []string {
	out := make([]string, len(data.EntryStatuses))
	for i, s := range data.EntryStatuses {
		out[i] = statusName(s)
	}
	return out
}

// countryName and ecosystemName translate catalogue values; en.json holds every one (see the keys test).
func countryName(code string) string        { return lang.L(data.CountryName(code)) }
func ecosystemName(e data.Ecosystem) string { return lang.L(string(e)) }

func ecosystemList(es []data.Ecosystem) string {
	names := make([]string, len(es))
	for i, e := range es {
		names[i] = ecosystemName(e)
	}
	return strings.Join(names, ", ")
}

// labelStatusText says what a cluster's label is worth today: "Gold, valid until 30 Sep 2026",
// "Bronze, expired 30 Jun 2018", "Gold 2021, unverified" or "No label".
func labelStatusText(c data.Cluster, today time.Time) string {
	name := labelName(c.Label)
	through, _ := time.Parse(time.DateOnly, data.ValidThrough(c.LabelValidUntil))
	switch c.LabelStatus(today) {
	case data.StatusValid:
		return lang.L("{{.Label}}, valid until {{.Date}}", map[string]any{"Label": name, "Date": through.Format(dateLayout)})
	case data.StatusExpired:
		return lang.L("{{.Label}}, expired {{.Date}}", map[string]any{"Label": name, "Date": through.Format(dateLayout)})
	case data.StatusUnverified:
		if c.LabelYear > 0 {
			return lang.L("{{.Label}} {{.Year}}, unverified", map[string]any{"Label": name, "Year": c.LabelYear})
		}
		return lang.L("{{.Label}}, unverified", map[string]any{"Label": name})
	}
	return name
}

// sourceKindName names where a fact came from.
func sourceKindName(kind string) string {
	switch kind {
	case "sample":
		return lang.L("Sample catalogue")
	case "eccp-profile", "eccp":
		return lang.L("ECCP profile")
	case "esca":
		return lang.L("ESCA")
	case "eucles":
		return lang.L("EUCLES")
	case "csv":
		return lang.L("CSV file")
	}
	return kind
}
