package app

import (
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"clusterbridge/data"
	"clusterbridge/locale"
)

func formatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return locale.Date(uiLanguage(), t.Local())
}

// formatDay writes a calendar day (a due date, a label's end), which has no time zone to convert.
func formatDay(t time.Time) string { return locale.Date(uiLanguage(), t) }

// formatCount writes a count with thousands grouped as the window's language does: 100,000, 100 000, 100.000.
func formatCount(n int) string { return locale.Number(uiLanguage(), n) }

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

// countryName is CLDR's name of the country in the window's language; ecosystemName translates one of the
// EU's fourteen, which en.json and every translation hold (see the keys test).
func countryName(code string) string        { return locale.CountryName(uiLanguage(), code) }
func ecosystemName(e data.Ecosystem) string { return lang.L(string(e)) }

func ecosystemList(es []data.Ecosystem) string {
	names := make([]string, len(es))
	for i, e := range es {
		names[i] = ecosystemName(e)
	}
	return strings.Join(names, ", ")
}

// statedDate writes a valid-until date as the source stated it: "2026-09-30" as "30 Sep 2026", a month
// "2026-09" as "Sep 2026" (never a day no source gave); other text as it is.
func statedDate(v string) string {
	if t, err := time.Parse(time.DateOnly, v); err == nil {
		return formatDay(t)
	}
	if t, err := time.Parse("2006-01", v); err == nil {
		return locale.Month(uiLanguage(), t)
	}
	return v
}

// labelStatusText says what a cluster's label is worth today: "Gold, valid until 30 Sep 2026", "Gold, valid
// until Sep 2026" (a month as stated), "Bronze, expired 30 Jun 2018", "Gold 2021, probably expired (labels
// last about two years)", "Gold 2024, unverified" or "No label".
func labelStatusText(c data.Cluster, today time.Time) string {
	name := labelName(c.Label)
	switch c.LabelStatus(today) {
	case data.StatusValid:
		return lang.L("{{.Label}}, valid until {{.Date}}", map[string]any{"Label": name, "Date": statedDate(c.LabelValidUntil)})
	case data.StatusExpired:
		return lang.L("{{.Label}}, expired {{.Date}}", map[string]any{"Label": name, "Date": statedDate(c.LabelValidUntil)})
	case data.StatusProbablyExpired:
		return lang.L("{{.Label}} {{.Year}}, probably expired (labels last about two years)", map[string]any{"Label": name, "Year": c.LabelYear})
	case data.StatusUnverified:
		if c.LabelYear > 0 {
			return lang.L("{{.Label}} {{.Year}}, unverified", map[string]any{"Label": name, "Year": c.LabelYear})
		}
		return lang.L("{{.Label}}, unverified", map[string]any{"Label": name})
	}
	return name
}

// labelLineText is the label's status and where it came from: "Gold, valid until Sep 2026 — ESCA list on
// cluster-analysis.org, read 23 Nov 2026". Without a known source it is the status alone.
func labelLineText(c data.Cluster, today time.Time) string {
	status := labelStatusText(c, today)
	if c.Label == data.LabelNone {
		return status
	}
	from := sourceText(c.LabelSource())
	if from == "" {
		return status
	}
	return lang.L("{{.Status}} — {{.Source}}", map[string]any{"Status": status, "Source": from})
}

// sourceText says in words where a fact came from and when: "ESCA list on cluster-analysis.org, read 23 Nov
// 2026", "sample, citing gceocean.no, read 1 Jun 2025", "spreadsheet clusters.csv, read 2 Jun 2025"; "" for
// no source.
func sourceText(so data.Source) string {
	if so.URL == "" && so.Kind == "" {
		return ""
	}
	kind := sourceKindWords(so.Kind)
	var where string
	if u, ok := webURL(so.URL); ok {
		host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
		if so.Kind == "sample" {
			where = lang.L("{{.Kind}}, citing {{.Host}}", map[string]any{"Kind": kind, "Host": host})
		} else {
			where = lang.L("{{.Kind}} on {{.Host}}", map[string]any{"Kind": kind, "Host": host})
		}
	} else if so.URL != "" {
		where = lang.L("{{.Kind}} {{.File}}", map[string]any{"Kind": kind, "File": filepath.Base(so.URL)})
	} else {
		where = kind
	}
	if so.ReadAt.IsZero() {
		return where
	}
	return lang.L("{{.Source}}, read {{.Date}}", map[string]any{"Source": where, "Date": formatDate(so.ReadAt)})
}

// sourceKindWords names a kind of source within a sentence: "ESCA list", "EUCLES list", "ECCP profile",
// "ECCP page", "spreadsheet", "sample".
func sourceKindWords(kind string) string {
	switch kind {
	case "sample":
		return lang.L("sample")
	case "eccp-profile", "eccp":
		return lang.L("ECCP profile")
	case "eccp-listing", "eccp-sitemap":
		return lang.L("ECCP page")
	case "esca":
		return lang.L("ESCA list")
	case "eucles":
		return lang.L("EUCLES list")
	case "csv":
		return lang.L("spreadsheet")
	}
	return kind
}

// sourceKindName names a kind of source at the start of a line: "Sample", "Spreadsheet", "ESCA list", ….
func sourceKindName(kind string) string {
	switch kind {
	case "sample":
		return lang.L("Sample")
	case "csv":
		return lang.L("Spreadsheet")
	}
	return sourceKindWords(kind)
}

// newTwoLineRow is a list row of a bold line over a small one, each cut with an ellipsis so that every row
// of a list has the same height.
func newTwoLineRow() fyne.CanvasObject {
	title := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Truncation = fyne.TextTruncateEllipsis
	detail := widget.NewLabel("")
	detail.Truncation = fyne.TextTruncateEllipsis
	detail.SizeName = theme.SizeNameCaptionText
	return container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()), title, detail)
}

// setTwoLineRow fills a row made by newTwoLineRow.
func setTwoLineRow(o fyne.CanvasObject, title, detail string) {
	lines := o.(*fyne.Container).Objects
	lines[0].(*widget.Label).SetText(title)
	lines[1].(*widget.Label).SetText(detail)
}

// middle stands o in the middle of the height it is given, across the whole width: a wrapped label in a
// Center container would get no width of its own and stand as one tall column of single words.
func middle(o fyne.CanvasObject) fyne.CanvasObject {
	return container.NewVBox(layout.NewSpacer(), o, layout.NewSpacer())
}

// narrowMin gives o all the room it is given but asks for at most width: a Select's least width is its longest
// option's, and one long shortlist name would make the whole pane, and the window, wider. Its text is cut
// with an ellipsis instead.
func narrowMin(o fyne.CanvasObject, width float32) fyne.CanvasObject {
	return container.New(&narrowMinLayout{width: width}, o)
}

type narrowMinLayout struct{ width float32 }

func (l *narrowMinLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	m := objects[0].MinSize()
	return fyne.NewSize(min(m.Width, l.width), m.Height)
}

func (l *narrowMinLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	objects[0].Move(fyne.Position{})
	objects[0].Resize(size)
}

// elided is s cut to fit width at the text size, ending in "…" when cut.
func elided(s string, width, size float32) string {
	fits := func(t string) bool { return fyne.MeasureText(t, size, fyne.TextStyle{}).Width <= width }
	if fits(s) {
		return s
	}
	r := []rune(s)
	lo, hi := 0, len(r) // the longest prefix that fits with its ellipsis is r[:lo]
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if fits(strings.TrimRight(string(r[:mid]), " ,") + "…") {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return strings.TrimRight(string(r[:lo]), " ,") + "…"
}
