package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"clusterbridge/data"
	"clusterbridge/scraper"
)

const importUsage = `import [--delay 1s] [--max-pages N] [--country CC] [--encoding NAME] [--delimiter D] [--review] SOURCE...
    read clusters from web pages (ECCP profiles, listings, sitemaps; ESCA and EUCLES lists), files or folders
    into the catalogue, matching the clusters it knows; Ctrl-C stops and keeps what was read; --review lists
    the matches left for you to settle (see 'matches'); a CSV file's encoding and delimiter are found out, or
    named with --encoding (utf-8, utf-16, windows-1252, windows-1250, iso-8859-2…) and --delimiter (, ; tab |)`

func init() {
	commands["import"] = command{importUsage, runImport}
}

// errNothingRead makes the command exit 1 when no source could be read; the failures are printed already.
var errNothingRead = errors.New("no source could be read")

func runImport(e *env, args []string) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	delay := fs.Duration("delay", time.Second, "least time between two requests to one site")
	maxPages := fs.Int("max-pages", scraper.DefaultMaxPages, "most web pages to read")
	country := fs.String("country", "", "country of pages that do not name it (ESCA tables)")
	review := fs.Bool("review", false, "list the matches left to settle")
	encName := fs.String("encoding", "", "the files' encoding (utf-8, utf-16, windows-1252, windows-1250, iso-8859-2…); found out when not given")
	delimiter := fs.String("delimiter", "", "a CSV file's column delimiter: , ; tab or |; found out when not given")
	sources, err := parseFlags(fs, args, importUsage)
	if err != nil {
		return err
	}
	if len(sources) == 0 {
		return usagef("give at least one web address, file or folder; usage: %s", strings.Split(importUsage, "\n")[0])
	}
	if *delay < 0 {
		return usagef("--delay %s is negative", *delay)
	}
	if *maxPages <= 0 {
		return usagef("--max-pages %d: give a positive number", *maxPages)
	}
	cc := ""
	if *country != "" {
		var ok bool
		if cc, ok = data.CountryCode(*country); !ok {
			return usagef("--country %q is no country this program knows; give an ISO code such as DK", *country)
		}
	}
	parse := scraper.Options{Country: cc}
	if *encName != "" {
		if parse.Encoding, err = scraper.EncodingByName(*encName); err != nil {
			return usagef("--encoding: %v", err)
		}
	}
	if parse.Delimiter, err = delimiterFlag(*delimiter); err != nil {
		return err
	}
	f := scraper.NewFetcher(Version)
	f.Delay = *delay
	opts := scraper.ImportOptions{Fetcher: f, MaxPages: *maxPages, Parse: parse}
	live := isTerminal(e.stderr)
	if live {
		opts.Progress = func(p scraper.Progress) {
			fmt.Fprintf(e.stderr, "\r\033[K%d/%d pages, added %d, updated %d, failed %d: %s",
				p.Done, p.Total, p.Counts.Added, p.Counts.Updated, p.Counts.Failed, shorten(p.Current, 60))
		}
	}
	sum, err := scraper.Import(e.ctx, sources, opts, e.store)
	if live {
		fmt.Fprint(e.stderr, "\r\033[K")
	}
	fmt.Fprintf(e.stdout, "added %d, updated %d, unchanged %d, skipped %d, failed %d, warnings %d\n",
		sum.Added, sum.Updated, sum.Unchanged, sum.Skipped, sum.Failed, sum.Warnings)
	if err := printRunChanges(e, sum.RunID); err != nil {
		return err
	}
	for _, p := range sum.Problems {
		fmt.Fprintf(e.stderr, "%s: %s: %s\n", p.Kind, p.URL, p.Reason)
	}
	if sum.AnyRead() {
		if err := announceMatches(e, *review); err != nil {
			return err
		}
	}
	switch {
	case sum.Cancelled:
		fmt.Fprintln(e.stderr, "import cancelled: the pages read so far are kept; run the same command again to continue")
		if !sum.AnyRead() {
			return errNothingRead
		}
		return nil
	case err != nil:
		return err
	case !sum.AnyRead():
		return errNothingRead
	}
	return nil
}

// isTerminal says whether w is a terminal, where a progress line that rewrites itself makes sense.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return "…" + string(r[len(r)-n+1:])
}

// namesShown is how many names a line of printRunChanges shows before "and N more".
const namesShown = 10

// printRunChanges names the clusters run runID added and updated: "Added: A, B, C and 12 more".
func printRunChanges(e *env, runID int64) error {
	if runID == 0 {
		return nil
	}
	changes, err := e.store.RunChanges(context.WithoutCancel(e.ctx), runID)
	if err != nil {
		return err
	}
	byChange := map[string][]string{}
	for _, c := range changes {
		byChange[c.Change] = append(byChange[c.Change], c.Name)
	}
	for _, line := range []struct{ title, change string }{{"Added", data.ChangeAdded}, {"Updated", data.ChangeUpdated}} {
		if names := byChange[line.change]; len(names) > 0 {
			fmt.Fprintf(e.stdout, "%s: %s\n", line.title, nameList(names, namesShown))
		}
	}
	return nil
}

// nameList joins names as a sentence does, showing at most n of them: "A, B and C", "A, B, C and 12 more".
func nameList(names []string, n int) string {
	if len(names) > n {
		return strings.Join(names[:n], ", ") + fmt.Sprintf(" and %d more", len(names)-n)
	}
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// delimiterFlag reads --delimiter: one of the delimiters spreadsheets use, or "" to find it out.
func delimiterFlag(v string) (rune, error) {
	switch v {
	case "":
		return 0, nil
	case ",", ";", "|":
		return rune(v[0]), nil
	case "tab", "\\t", "\t":
		return '\t', nil
	}
	return 0, usagef("--delimiter %q: give , ; tab or |", v)
}
