package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"clusterbridge/data"
	"clusterbridge/scraper"
)

const checkUsage = `check
    run SQLite's full integrity check on the catalogue and say what it found and what to do;
    exit status 0 when the file is whole, 1 when it is damaged. On a team catalogue (postgres://…), check
    that it answers and say what it holds`

const restoreUsage = `restore [BACKUP | --list]
    bring the catalogue back to a backup: a day (2026-11-23) or a file; without one, the newest backup that
    passes the integrity check. The catalogue as it is now is kept beside its backups, never deleted.
    ClusterBridge makes a backup a day when it opens the catalogue and keeps the last 7; --list lists them`

const importsUsage = `imports [--limit N] [--problems RUN]
    list the latest import runs: when, what, the counts, how each ended (finished, cancelled, interrupted,
    running) and how many problems; --problems RUN lists that run's problems`

// catalogueCommands open the catalogue themselves: they must work on a file too damaged to open.
var catalogueCommands = map[string]func(ctx context.Context, path string, args []string, stdout io.Writer) error{
	"check":   runCheck,
	"restore": runRestore,
}

func init() {
	commands["check"] = command{checkUsage, nil}
	commands["restore"] = command{restoreUsage, nil}
	commands["imports"] = command{importsUsage, runImports}
}

// warnOpening says on stderr what the opening checks found that the user must know: a damaged catalogue (read
// only until restored) or a backup that could not be made.
func warnOpening(stderr io.Writer, store *data.Store) {
	op := store.Opened()
	if !op.Health.Whole() {
		fmt.Fprintf(stderr, "clusterbridge: warning: catalogue %s is damaged (%s), so it is open read-only; %s\n",
			store.Path(), op.Health.Summary(), data.RestoreAdvice)
	}
	if op.BackupErr != nil {
		fmt.Fprintln(stderr, "clusterbridge: warning:", op.BackupErr)
	}
}

func runCheck(ctx context.Context, path string, args []string, stdout io.Writer) error {
	if err := wantArgs(args, 0, checkUsage); err != nil {
		return err
	}
	if data.IsTeamAddress(path) {
		return checkTeam(ctx, path, stdout)
	}
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("there is no catalogue at %s; choose one with --db", path)
	}
	store, err := data.Open(ctx, path, data.DeferCheck())
	if err != nil {
		return err
	}
	defer store.Close()
	h, err := store.Check(ctx, true)
	if err != nil {
		return err
	}
	backups, _ := data.Backups(path)
	if h.Whole() {
		fmt.Fprintf(stdout, "catalogue %s is whole: SQLite's integrity check found no problem; %s\n", path, backupsLine(backups))
		return nil
	}
	return fmt.Errorf("catalogue %s is damaged (%s); it opens read-only until you %s; %s",
		path, h.Summary(), data.RestoreAdvice, backupsLine(backups))
}

// checkTeam opens a team catalogue, which tells apart each failure to reach it, and says what it holds.
func checkTeam(ctx context.Context, address string, stdout io.Writer) error {
	// A new team catalogue starts with the sample, as a new file does, whichever command opens it first.
	store, err := data.Open(ctx, address, data.WithSeed(scraper.Sample), authorOption())
	if err != nil {
		return err
	}
	defer store.Close()
	n, err := store.Count(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "team catalogue %s answers as %s and holds %d clusters; %s\n", store.Path(), store.Author(), n, data.TeamBackupAdvice)
	return nil
}

func backupsLine(backups []data.Backup) string {
	if len(backups) == 0 {
		return "no backup yet (one is made a day when ClusterBridge opens the catalogue)"
	}
	return fmt.Sprintf("%d backup(s), the newest of %s", len(backups), backups[0].Day.Format("2006-01-02"))
}

func runRestore(ctx context.Context, path string, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	list := fs.Bool("list", false, "list the backups")
	rest, err := parseFlags(fs, args, restoreUsage)
	if err != nil {
		return err
	}
	if len(rest) > 1 || (*list && len(rest) > 0) {
		return usagef("give one backup or --list; usage: %s", strings.Split(restoreUsage, "\n")[0])
	}
	backups, err := data.Backups(path)
	if err != nil {
		return err // a team catalogue's, among others: its administrator restores it
	}
	if *list {
		return listBackups(stdout, path, backups)
	}
	backup, err := chooseBackup(ctx, path, rest, backups)
	if err != nil {
		return err
	}
	setAside, err := restore(ctx, path, backup)
	if err != nil {
		return err
	}
	kept := ""
	if setAside != "" {
		kept = "; the catalogue as it was is kept in " + setAside
	}
	fmt.Fprintf(stdout, "restored %s from %s%s\n", path, backup, kept)
	return nil
}

func listBackups(stdout io.Writer, path string, backups []data.Backup) error {
	if len(backups) == 0 {
		fmt.Fprintf(stdout, "no backup of %s yet; ClusterBridge makes one a day when it opens the catalogue\n", path)
		return nil
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "DAY\tSIZE\tFILE")
	for _, b := range backups {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", b.Day.Format("2006-01-02"), humanSize(b.Size), b.Path)
	}
	return tw.Flush()
}

// chooseBackup is the backup named (a day or a file), or else the newest one that passes the integrity check.
func chooseBackup(ctx context.Context, path string, named []string, backups []data.Backup) (string, error) {
	if len(named) == 1 {
		if _, err := time.Parse("2006-01-02", named[0]); err == nil {
			return filepath.Join(data.BackupDir(path), named[0]+".db"), nil
		}
		return named[0], nil
	}
	for _, b := range backups {
		if h, err := data.CheckBackup(ctx, b.Path); err == nil && h.Whole() {
			return b.Path, nil
		}
	}
	if len(backups) == 0 {
		return "", fmt.Errorf("there is no backup of %s to restore; ClusterBridge makes one a day when it opens the catalogue", path)
	}
	return "", fmt.Errorf("none of the %d backups of %s passes the integrity check; see 'clusterbridge restore --list'", len(backups), path)
}

// restore restores through the open catalogue, so that windows on it see the change; a catalogue too
// damaged to open (or none) is replaced as a file.
func restore(ctx context.Context, path, backup string) (string, error) {
	if _, err := os.Stat(path); err == nil {
		store, err := data.Open(ctx, path, data.DeferCheck())
		if err == nil {
			defer store.Close()
			return store.Restore(ctx, backup)
		}
		if !errors.Is(err, data.ErrCorrupt) {
			return "", err
		}
	}
	return data.RestoreFile(ctx, path, backup)
}

func humanSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

func runImports(e *env, args []string) error {
	fs := flag.NewFlagSet("imports", flag.ContinueOnError)
	limit := fs.Int("limit", 20, "how many runs")
	problems := fs.String("problems", "", "list this run's problems")
	rest, err := parseFlags(fs, args, importsUsage)
	if err != nil {
		return err
	}
	if err := wantArgs(rest, 0, importsUsage); err != nil {
		return err
	}
	if *problems != "" {
		id, err := strconv.ParseInt(*problems, 10, 64)
		if err != nil || id <= 0 {
			return usagef("--problems %q is no run number; see the RUN column of 'clusterbridge imports'", *problems)
		}
		return listProblems(e, id)
	}
	if *limit <= 0 {
		return usagef("--limit %d: give a positive number", *limit)
	}
	runs, err := e.store.ImportRuns(e.ctx, *limit)
	if err != nil {
		return err
	}
	if len(runs) == 0 {
		fmt.Fprintln(e.stdout, "no import yet; 'clusterbridge import SOURCE' reads one")
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "RUN\tSTARTED\tSTATUS\tADDED\tUPDATED\tUNCHANGED\tSKIPPED\tFAILED\tPROBLEMS\tSOURCES")
	for _, r := range runs {
		counts := fmt.Sprintf("%d\t%d\t%d", r.Counts.Added, r.Counts.Updated, r.Counts.Unchanged)
		if r.Status() == data.RunInterrupted || r.Status() == data.RunRunning {
			counts = "-\t-\t-" // not recorded until the run finishes
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%d\t%d\t%d\t%s\n", r.ID, r.StartedAt.Local().Format("2006-01-02 15:04"),
			r.Status(), counts, r.Counts.Skipped, r.Counts.Failed, len(r.Problems), sourcesLine(r.Sources))
	}
	return tw.Flush()
}

// sourcesLine is a run's sources on one line, the first two and how many more.
func sourcesLine(sources []string) string {
	if len(sources) > 2 {
		return fmt.Sprintf("%s, %s and %d more", sources[0], sources[1], len(sources)-2)
	}
	return strings.Join(sources, ", ")
}

func listProblems(e *env, runID int64) error {
	ps, err := e.store.RunProblems(e.ctx, runID)
	if err != nil {
		return err
	}
	if len(ps) == 0 {
		fmt.Fprintf(e.stdout, "import run %d recorded no problem\n", runID)
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "KIND\tPAGE\tREASON")
	for _, p := range ps {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", p.Kind, p.URL, p.Reason)
	}
	return tw.Flush()
}
