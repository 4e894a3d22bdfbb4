package cli

import (
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"

	"clusterbridge/data"
	"clusterbridge/suggest"
)

const suggestUsage = `suggest CLUSTER [--limit N] [--country CC,CC] [--curiosity 0..1] [--format table|json]
    partner clusters abroad, best first, each with why; --country (or --countries) takes one or more codes,
    names and the groups Nordic, Baltic, Benelux, DACH, Iberia; curiosity 0 favours the similar, 1 the
    complementary; clusters you marked closed come last`

const markClosedUsage = `mark-closed CLUSTER [--note TEXT]
    mark a cluster as closed (your own finding; no source publishes it): suggestions list it last`

const markActiveUsage = `mark-active CLUSTER
    take the closed mark off a cluster`

const labelsUsage = `labels [--within DAYS]
    shortlisted clusters whose label has expired, probably expired (a year-only label over two years old) or
    expires within DAYS (90), with the page that stated it to check`

func init() {
	commands["suggest"] = command{suggestUsage, runSuggest}
	commands["labels"] = command{labelsUsage, runLabels}
	commands["mark-closed"] = command{markClosedUsage, runMarkClosed}
	commands["mark-active"] = command{markActiveUsage, runMarkActive}
}

// suggestionJSON is a suggestion as the command line prints it in JSON: the field names are a contract.
type suggestionJSON struct {
	ID            int64    `json:"id"`
	Name          string   `json:"name"`
	Country       string   `json:"country"`
	Score         float64  `json:"score"`
	SharedTerms   []string `json:"shared_terms"`
	Shared        []string `json:"shared"`
	Complementary []string `json:"complementary"`
	BroughtTerms  []string `json:"brought_terms"`
	Closed        bool     `json:"closed"`
	Label         string   `json:"label"`
	LabelStatus   string   `json:"label_status"`
	Why           string   `json:"why"`
	Shortlisted   bool     `json:"shortlisted"`
}

func runSuggest(e *env, args []string) error {
	fs := flag.NewFlagSet("suggest", flag.ContinueOnError)
	limit := fs.Int("limit", 10, "how many")
	var countries listFlag
	fs.Var(&countries, "country", "countries or groups")
	fs.Var(&countries, "countries", "countries or groups")
	curiosity := fs.Float64("curiosity", 0.5, "0 similar … 1 complementary")
	format := fs.String("format", "table", "table or json")
	rest, err := parseFlags(fs, args, suggestUsage)
	if err != nil {
		return err
	}
	if err := wantArgs(rest, 1, suggestUsage); err != nil {
		return err
	}
	if err := oneOf("format", *format, "table", "json"); err != nil {
		return err
	}
	if *curiosity < 0 || *curiosity > 1 {
		return usagef("--curiosity %v is not between 0 and 1", *curiosity)
	}
	if *limit < 1 {
		return usagef("--limit %d: give at least 1", *limit)
	}
	codes, unknown := suggest.ExpandCountries(countries)
	if len(unknown) > 0 {
		return usagef("--country %q is neither a country code or name nor one of Nordic, Baltic, Benelux, DACH, Iberia", unknown[0])
	}
	home, err := e.store.FindCluster(e.ctx, rest[0])
	if err != nil {
		return err
	}
	all, err := e.store.AllClusters(e.ctx)
	if err != nil {
		return err
	}
	shortlisted, err := e.store.ShortlistedIDs(e.ctx)
	if err != nil {
		return err
	}
	list := suggest.NewIndex(all).Suggest(suggest.HomeFromCluster(home), suggest.Options{
		Limit: *limit, Countries: codes, Curiosity: *curiosity, Today: e.store.Today(), Shortlisted: shortlisted,
	})
	if *format == "json" {
		out := make([]suggestionJSON, len(list))
		for i, s := range list {
			out[i] = suggestionJSON{ID: s.ID, Name: s.Name, Country: s.Country, Score: s.Score,
				SharedTerms: nonNil(s.SharedTerms), Shared: ecoStrings(s.Shared), Complementary: ecoStrings(s.Complementary),
				BroughtTerms: nonNil(s.BroughtTerms), Closed: s.Closed, Label: string(s.Label),
				LabelStatus: string(s.LabelStatus), Why: whyLine(s), Shortlisted: s.Shortlisted}
		}
		return writeJSON(e.stdout, out)
	}
	if len(list) == 0 {
		fmt.Fprintf(e.stderr, "no partner suggestions for %s under these filters; try more countries or another curiosity\n", home.Name)
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SCORE\tID\tNAME\tWHY")
	for _, s := range list {
		mark := ""
		if s.Shortlisted {
			mark = " (shortlisted)"
		}
		fmt.Fprintf(tw, "%.2f\t%d\t%s%s\t%s\n", s.Score, s.ID, cell(s.Name), mark, whyLine(s))
	}
	return tw.Flush()
}

func runLabels(e *env, args []string) error {
	fs := flag.NewFlagSet("labels", flag.ContinueOnError)
	within := fs.Int("within", suggest.LabelWatchDays, "days ahead")
	rest, err := parseFlags(fs, args, labelsUsage)
	if err != nil {
		return err
	}
	if err := wantArgs(rest, 0, labelsUsage); err != nil {
		return err
	}
	cs, err := e.store.ShortlistedClusters(e.ctx)
	if err != nil {
		return err
	}
	watch := suggest.LabelWatch(cs, e.store.Today(), *within)
	if len(watch) == 0 {
		fmt.Fprintf(e.stderr, "no shortlisted cluster has a label that expired, probably expired or expires within %d days\n", *within)
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "LABEL\tUNTIL\tNAME\tCOUNTRY\tCHECK")
	for _, w := range watch {
		check := ""
		if srcs := w.CheckSources(); len(srcs) > 0 {
			check = srcs[0].URL // the page that stated the label, when known
		}
		state, until := "expired", w.ValidUntil
		switch w.Status {
		case data.StatusValid:
			state = fmt.Sprintf("in %d days", w.Days)
		case data.StatusProbablyExpired:
			state, until = "probably expired", fmt.Sprintf("%d (+%d years)", w.Year, data.LabelLifeYears)
		}
		fmt.Fprintf(tw, "%s, %s\t%s\t%s\t%s\t%s\n", w.Label, state, until, cell(w.Name), w.Country, check)
	}
	return tw.Flush()
}

func ecoStrings(es []data.Ecosystem) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = string(e)
	}
	return out
}

// ecosystemText joins ecosystems for a table cell.
func ecosystemText(es []data.Ecosystem) string { return strings.Join(ecoStrings(es), ", ") }

// whyLine phrases a suggestion's reasons in English: "Both work on forestry; they bring wood (Construction);
// Silver, probably expired; Germany". A shared ecosystem is named only when no word is shared: alone it is weak.
func whyLine(s suggest.Suggestion) string {
	var parts []string
	if s.Closed {
		parts = append(parts, strings.TrimSuffix("closed (your mark) "+s.ClosedNote, " "))
	}
	switch {
	case len(s.SharedTerms) > 0:
		parts = append(parts, "both work on "+andList(s.SharedTerms))
	case len(s.Shared) > 0:
		parts = append(parts, "both in "+andList(ecoStrings(s.Shared)))
	}
	switch {
	case len(s.BroughtTerms) > 0 && len(s.Complementary) > 0:
		parts = append(parts, "they bring "+andList(s.BroughtTerms)+" ("+ecosystemText(s.Complementary)+")")
	case len(s.Complementary) > 0:
		parts = append(parts, "they bring "+andList(ecoStrings(s.Complementary)))
	case len(s.BroughtTerms) > 0:
		parts = append(parts, "they bring "+andList(s.BroughtTerms))
	}
	if l := suggest.LabelText(s.Label, s.LabelStatus, s.LabelThrough); l != "" {
		if s.LongExpired && s.LabelStatus == data.StatusProbablyExpired { // a dated one tells when by its date
			l += " long ago"
		}
		parts = append(parts, l)
	}
	parts = append(parts, data.CountryName(s.Country))
	line := strings.Join(parts, "; ")
	return strings.ToUpper(line[:1]) + line[1:]
}

// andList joins words as English does: "a", "a and b", "a, b and c".
func andList(ws []string) string {
	if len(ws) < 2 {
		return strings.Join(ws, "")
	}
	return strings.Join(ws[:len(ws)-1], ", ") + " and " + ws[len(ws)-1]
}

func nonNil(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
}

func runMarkClosed(e *env, args []string) error {
	fs := flag.NewFlagSet("mark-closed", flag.ContinueOnError)
	note := fs.String("note", "", "why, or where you read it")
	rest, err := parseFlags(fs, args, markClosedUsage)
	if err != nil {
		return err
	}
	return markClosed(e, rest, true, *note, markClosedUsage)
}

func runMarkActive(e *env, args []string) error {
	fs := flag.NewFlagSet("mark-active", flag.ContinueOnError)
	rest, err := parseFlags(fs, args, markActiveUsage)
	if err != nil {
		return err
	}
	return markClosed(e, rest, false, "", markActiveUsage)
}

func markClosed(e *env, rest []string, closed bool, note, usage string) error {
	if err := wantArgs(rest, 1, usage); err != nil {
		return err
	}
	c, err := e.store.FindCluster(e.ctx, rest[0])
	if err != nil {
		return err
	}
	if err := e.store.MarkClosed(e.ctx, c.ID, closed, note); err != nil {
		return err
	}
	state := "active"
	if closed {
		state = "closed"
	}
	fmt.Fprintf(e.stdout, "%s (%d) marked %s\n", c.Name, c.ID, state)
	return nil
}
