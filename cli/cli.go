// Package cli is ClusterBridge's command line: the same catalogue as the desktop app, for scripts and for
// people who live in a terminal. Run is the whole of it, so that tests drive it without a process.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"clusterbridge/data"
	"clusterbridge/scraper"
)

// Version is ClusterBridge's version, set by main from FyneApp.toml's.
var Version = "dev"

// usageError is a mistake in how a command was called: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// env is what every command gets: the open catalogue and where to write.
type env struct {
	ctx            context.Context
	store          *data.Store
	stdout, stderr io.Writer
}

// command is one verb of the command line.
type command struct {
	usage string
	run   func(e *env, args []string) error
}

// commands are the verbs; init adds those defined in other files.
var commands = map[string]command{
	"list":      {listUsage, runList},
	"show":      {showUsage, runShow},
	"shortlist": {shortlistUsage, runShortlist},
	"note":      {noteUsage, runNote},
	"export":    {exportUsage, runExport},
}

// Global holds the options that come before the command.
type Global struct {
	DB string // the catalogue: a file, or a team catalogue's postgres:// address; "" means data.DefaultPath
}

// ParseGlobal reads the options before the command ("--db FILE") and returns the command and its arguments.
// No command means: open the desktop app.
func ParseGlobal(args []string) (Global, []string, error) {
	var g Global
	fs := flag.NewFlagSet("clusterbridge", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&g.DB, "db", "", "catalogue file or team catalogue address")
	if err := fs.Parse(args); err != nil {
		return g, nil, usagef("%v; usage: clusterbridge [--db FILE|postgres://…] [COMMAND]", err)
	}
	return g, fs.Args(), nil
}

// Run runs one command line (without the program's name) and returns the exit status: 0 done, 1 failed,
// 2 wrong usage. Errors are one line on stderr; a failed command changes nothing.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	g, rest, err := ParseGlobal(args)
	if err != nil {
		return fail(stderr, err)
	}
	if len(rest) == 0 || rest[0] == "help" || rest[0] == "--help" || rest[0] == "-h" {
		fmt.Fprint(stdout, Usage())
		if len(rest) == 0 {
			return 2
		}
		return 0
	}
	if rest[0] == "version" || rest[0] == "--version" {
		fmt.Fprintln(stdout, "ClusterBridge", Version)
		return 0
	}
	cmd, ok := commands[rest[0]]
	if !ok {
		return fail(stderr, usagef("unknown command %q; run 'clusterbridge help' for the list", rest[0]))
	}
	path := g.DB
	if path == "" {
		if path, err = data.DefaultPath(); err != nil {
			return fail(stderr, err)
		}
	}
	if run, ok := catalogueCommands[rest[0]]; ok {
		return fail(stderr, run(ctx, path, rest[1:], stdout))
	}
	store, err := data.Open(ctx, path, data.WithSeed(scraper.Sample), authorOption())
	if err != nil {
		return fail(stderr, err)
	}
	defer store.Close()
	warnOpening(stderr, store)
	return fail(stderr, cmd.run(&env{ctx: ctx, store: store, stdout: stdout, stderr: stderr}, rest[1:]))
}

// authorOption signs the command's changes with $CLUSTERBRIDGE_NAME, the advisor's name set once in their
// shell; without it a team catalogue signs with the database role, and a file leaves changes unsigned.
func authorOption() data.Option { return data.WithAuthor(os.Getenv("CLUSTERBRIDGE_NAME")) }

// fail prints err as one line and gives the exit status it deserves.
func fail(stderr io.Writer, err error) int {
	if err == nil {
		return 0
	}
	msg := strings.ReplaceAll(err.Error(), "\n", " ")
	fmt.Fprintln(stderr, "clusterbridge:", msg)
	var u usageError
	if errors.As(err, &u) {
		return 2
	}
	return 1
}

// Usage is the command-line reference.
func Usage() string {
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("usage: clusterbridge [--db FILE|postgres://…] [COMMAND]\n\nWith no command, opens the desktop app.\n" +
		"The catalogue is --db FILE, else $CLUSTERBRIDGE_DB, else catalogue.db in your config folder.\n" +
		"A team's shared catalogue is --db postgres://ROLE@HOST/DATABASE?sslmode=verify-full (the password in\n" +
		"~/.pgpass, never in the address); $CLUSTERBRIDGE_NAME signs your changes. See the README's\n" +
		"\"Working as a team\".\n" +
		"CLUSTER is an id, a name (case-insensitive) or the start of one name.\n\ncommands:\n")
	for _, n := range names {
		for _, line := range strings.Split(commands[n].usage, "\n") {
			b.WriteString("  " + line + "\n")
		}
	}
	return b.String()
}

// parseFlags parses fs from args, letting flags and arguments mix in any order ("show X --format json").
func parseFlags(fs *flag.FlagSet, args []string, usage string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, usagef("%v; usage: %s", err, strings.Split(usage, "\n")[0])
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		if args[0] == "--" {
			return append(positional, args[1:]...), nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// listFlag gathers a flag that may be repeated or comma-separated: --country SE,NO --country DK.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(v string) error {
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*l = append(*l, p)
		}
	}
	return nil
}

// repeatFlag gathers a flag that may be repeated, each value whole (ecosystem names hold commas).
type repeatFlag []string

func (r *repeatFlag) String() string { return strings.Join(*r, "; ") }

func (r *repeatFlag) Set(v string) error { *r = append(*r, v); return nil }

func wantArgs(args []string, n int, usage string) error {
	if len(args) != n {
		return usagef("expected %d argument(s), got %d; usage: %s", n, len(args), strings.Split(usage, "\n")[0])
	}
	return nil
}

func oneOf(flagName, v string, allowed ...string) error {
	for _, a := range allowed {
		if v == a {
			return nil
		}
	}
	return usagef("--%s %q is not one of %s", flagName, v, strings.Join(allowed, ", "))
}
