package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strconv"

	"clusterbridge/data"
)

const matchesUsage = `matches [--format table|json]
matches merge MATCH CLUSTER
matches keep MATCH
    the matches an import left for you: records that fit several clusters (or one only by name) and pairs of
    clusters that are probably one organisation; merge puts the record (or the other of the pair) into CLUSTER,
    with the user's notes and shortlist entries; keep adds the record as a cluster of its own, or keeps the pair
    apart. Decisions are remembered: the next import does not ask again`

func init() {
	commands["matches"] = command{matchesUsage, runMatches}
}

func runMatches(e *env, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "merge":
			return runMatchesDecide(e, args[1:], true)
		case "keep":
			return runMatchesDecide(e, args[1:], false)
		}
	}
	fs := flag.NewFlagSet("matches", flag.ContinueOnError)
	format := fs.String("format", "table", "table or json")
	rest, err := parseFlags(fs, args, matchesUsage)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("unknown matches command %q; use merge or keep, or none to list", rest[0])
	}
	if *format != "table" && *format != "json" {
		return usagef("--format %q: use table or json", *format)
	}
	if _, err := e.store.FindDuplicates(e.ctx); err != nil {
		return err
	}
	reviews, err := e.store.Reviews(e.ctx)
	if err != nil {
		return err
	}
	if *format == "json" {
		return writeMatchesJSON(e.stdout, reviews)
	}
	writeMatches(e.stdout, reviews)
	return nil
}

// writeMatches lists reviews for a person: each with its number, what it asks, and the clusters to choose.
func writeMatches(w io.Writer, reviews []data.Review) {
	if len(reviews) == 0 {
		fmt.Fprintln(w, "no matches to review")
		return
	}
	for _, rv := range reviews {
		switch rv.Kind {
		case data.ReviewAmbiguous:
			r := rv.Record
			fmt.Fprintf(w, "match %d: record %q (%s) from %s\n", rv.ID, r.Name, countryOrNone(r.Country), rv.Source)
		case data.ReviewDuplicate:
			fmt.Fprintf(w, "match %d: probably one organisation\n", rv.ID)
		}
		fmt.Fprintf(w, "  why: %s\n", rv.Reason)
		for _, c := range rv.Candidates {
			fmt.Fprintf(w, "  cluster %d: %s (%s)%s\n", c.ID, c.Name, countryOrNone(c.Country), websiteSuffix(c.Website))
		}
		if rv.Kind == data.ReviewAmbiguous {
			fmt.Fprintf(w, "  settle: matches merge %d CLUSTER, or matches keep %d (a cluster of its own)\n", rv.ID, rv.ID)
		} else {
			fmt.Fprintf(w, "  settle: matches merge %d CLUSTER (the one that stays), or matches keep %d (two clusters)\n", rv.ID, rv.ID)
		}
	}
}

func countryOrNone(cc string) string {
	if cc == "" {
		return "no country"
	}
	return data.CountryName(cc)
}

func websiteSuffix(w string) string {
	if w == "" {
		return ""
	}
	return ", " + w
}

type matchJSON struct {
	ID         int64              `json:"id"`
	Kind       string             `json:"kind"`
	Reason     string             `json:"reason"`
	Record     *matchClusterJSON  `json:"record,omitempty"`
	Source     string             `json:"source,omitempty"`
	Candidates []matchClusterJSON `json:"candidates"`
}

type matchClusterJSON struct {
	ID      int64  `json:"id,omitempty"`
	Name    string `json:"name"`
	Country string `json:"country"`
	City    string `json:"city"`
	Website string `json:"website"`
}

func writeMatchesJSON(w io.Writer, reviews []data.Review) error {
	out := make([]matchJSON, 0, len(reviews))
	for _, rv := range reviews {
		m := matchJSON{ID: rv.ID, Kind: string(rv.Kind), Reason: rv.Reason, Source: rv.Source, Candidates: []matchClusterJSON{}}
		if rv.Kind == data.ReviewAmbiguous {
			r := rv.Record
			m.Record = &matchClusterJSON{Name: r.Name, Country: r.Country, City: r.City, Website: r.Website}
		}
		for _, c := range rv.Candidates {
			m.Candidates = append(m.Candidates, matchClusterJSON{c.ID, c.Name, c.Country, c.City, c.Website})
		}
		out = append(out, m)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func runMatchesDecide(e *env, args []string, merge bool) error {
	usage := "matches keep MATCH"
	want := 1
	if merge {
		usage, want = "matches merge MATCH CLUSTER", 2
	}
	if err := wantArgs(args, want, usage); err != nil {
		return err
	}
	id, err := strconv.ParseInt(args[0], 10, 64)
	if err != nil {
		return usagef("MATCH %q is not a number; 'matches' lists them", args[0])
	}
	var into data.Cluster
	if merge {
		if into, err = e.store.FindCluster(e.ctx, args[1]); err != nil {
			return err
		}
	}
	if err := e.store.Decide(e.ctx, id, into.ID); err != nil {
		return err
	}
	if merge {
		fmt.Fprintf(e.stdout, "match %d settled: merged into %s (cluster %d)\n", id, into.Name, into.ID)
	} else {
		fmt.Fprintf(e.stdout, "match %d settled: kept apart\n", id)
	}
	return nil
}

// announceMatches tells, after an import, how many matches wait for the user, or lists them.
func announceMatches(e *env, list bool) error {
	reviews, err := e.store.Reviews(e.ctx)
	if err != nil || len(reviews) == 0 {
		return err
	}
	if list {
		writeMatches(e.stdout, reviews)
		return nil
	}
	noun := "matches"
	if len(reviews) == 1 {
		noun = "match"
	}
	fmt.Fprintf(e.stdout, "%d %s to review: run 'clusterbridge matches' or 'import --review'\n", len(reviews), noun)
	return nil
}
