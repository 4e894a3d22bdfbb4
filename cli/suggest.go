package cli

import (
	"flag"
	"fmt"
	"strings"
	"text/tabwriter"

	"clusterbridge/data"
	"clusterbridge/suggest"
)

const suggestUsage = `suggest CLUSTER [--limit N] [--countries CC,CC] [--curiosity 0..1] [--format table|json]
    partner clusters abroad, best first, each with why; --countries takes codes and the groups
    Nordic, Baltic, Benelux, DACH, Iberia; curiosity 0 favours the similar, 1 the complementary`

const labelsUsage = `labels [--within DAYS]
    shortlisted clusters whose label has expired, probably expired (a year-only label over two years old) or
    expires within DAYS (90), with the page that stated it to check`

func init() {
	commands["suggest"] = command{suggestUsage, runSuggest}
	commands["labels"] = command{labelsUsage, runLabels}
}

// suggestionJSON is a suggestion as the command line prints it in JSON: the field names are a contract.
type suggestionJSON struct {
	ID            int64    `json:"id"`
	Name          string   `json:"name"`
	Country       string   `json:"country"`
	Score         float64  `json:"score"`
	Shared        []string `json:"shared"`
	Complementary []string `json:"complementary"`
	Label         string   `json:"label"`
	LabelStatus   string   `json:"label_status"`
	Why           string   `json:"why"`
	Shortlisted   bool     `json:"shortlisted"`
}

func runSuggest(e *env, args []string) error {
	fs := flag.NewFlagSet("suggest", flag.ContinueOnError)
	limit := fs.Int("limit", 10, "how many")
	var countries listFlag
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
		return usagef("--countries %q is neither a country code nor one of Nordic, Baltic, Benelux, DACH, Iberia", unknown[0])
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
				Shared: ecoStrings(s.Shared), Complementary: ecoStrings(s.Complementary), Label: string(s.Label),
				LabelStatus: string(s.LabelStatus), Why: s.Why, Shortlisted: s.Shortlisted}
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
		fmt.Fprintf(tw, "%.2f\t%d\t%s%s\t%s\n", s.Score, s.ID, s.Name, mark, s.Why)
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
		fmt.Fprintf(tw, "%s, %s\t%s\t%s\t%s\t%s\n", w.Label, state, until, w.Name, w.Country, check)
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
