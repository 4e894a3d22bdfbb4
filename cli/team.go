package cli

import (
	"flag"
	"fmt"
	"strings"

	"clusterbridge/data"
)

const teamUsage = `team push --to postgres://…
team copy --to FILE
    push: bring this catalogue (clusters, shortlists, contact people, next steps, notes) into a team
    catalogue, merged by the same rules as imports; nothing there is replaced, and pushing again adds
    nothing twice. copy: write the catalogue (a team's, with --db postgres://…) to a read-only file for
    reading offline; an earlier copy is replaced, a catalogue of your own never`

func init() { commands["team"] = command{teamUsage, runTeam} }

func runTeam(e *env, args []string) error {
	fs := flag.NewFlagSet("team", flag.ContinueOnError)
	to := fs.String("to", "", "where to push or copy")
	rest, err := parseFlags(fs, args, teamUsage)
	if err != nil {
		return err
	}
	if len(rest) != 1 || (rest[0] != "push" && rest[0] != "copy") {
		return usagef("say push or copy; usage: %s", strings.Split(teamUsage, "\n")[0])
	}
	if *to == "" {
		return usagef("team %s needs --to; usage: %s", rest[0], teamUsageLine(rest[0]))
	}
	if rest[0] == "copy" {
		return teamCopy(e, *to)
	}
	return teamPush(e, *to)
}

func teamUsageLine(verb string) string {
	for _, l := range strings.Split(teamUsage, "\n") {
		if strings.HasPrefix(l, "team "+verb) {
			return l
		}
	}
	return teamUsage
}

func teamPush(e *env, address string) error {
	team, err := data.Open(e.ctx, address, authorOption())
	if err != nil {
		return err
	}
	defer team.Close()
	sum, err := team.Push(e.ctx, e.store)
	if err != nil {
		return fmt.Errorf("nothing was pushed into %s: %w", team.Path(), err)
	}
	c := sum.Clusters
	fmt.Fprintf(e.stdout, "pushed %s into %s as %s\n", e.store.Path(), team.Path(), team.Author())
	fmt.Fprintf(e.stdout, "  clusters: %d added, %d updated with facts the team lacked, %d unchanged\n", c.Added, c.Updated, c.Unchanged)
	fmt.Fprintf(e.stdout, "  shortlists: %d created; entries: %d added, %d combined with the team's (no status went back)\n",
		sum.Shortlists, sum.Entries, sum.Combined)
	fmt.Fprintf(e.stdout, "  contact people: %d, notes: %d, log entries: %d, closed marks: %d added\n",
		sum.People, sum.Notes, sum.LogEntries, sum.Marks)
	if n := len(sum.Unplaced); n > 0 {
		fmt.Fprintf(e.stdout, "  %d cluster(s) match more than one of the team's and wait, with their shortlists and notes, for the review of matches (clusterbridge --db %s matches); push again after it: %s\n",
			n, team.Path(), strings.Join(sum.Unplaced, "; "))
	}
	return nil
}

func teamCopy(e *env, file string) error {
	if data.IsTeamAddress(file) {
		return usagef("team copy --to takes a file; to bring this catalogue into a team catalogue, use team push --to")
	}
	n, err := e.store.CopyTo(e.ctx, file)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "copied %s to %s: %d clusters with every shortlist and note, read-only; read it offline with --db %s\n",
		e.store.Path(), file, n, file)
	return nil
}
