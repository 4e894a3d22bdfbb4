// ClusterBridge helps European cluster advisors find partner clusters across borders: a catalogue of cluster
// organisations, filled from public sources, shown in a desktop window and on the command line.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	fyneapp "fyne.io/fyne/v2/app"

	// First, before Fyne reads the locale.
	_ "clusterbridge/internal/plainlocale"

	"clusterbridge/app"
	"clusterbridge/cli"
	"clusterbridge/data"
	"clusterbridge/scraper"
)

// appID is the application's identity; FyneApp.toml states the same.
const appID = "eu.clusterbridge.desktop"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cli.Version = metadata().Version

	g, rest, err := cli.ParseGlobal(os.Args[1:])
	if err != nil || len(rest) > 0 {
		code := cli.Run(ctx, os.Args[1:], os.Stdout, os.Stderr)
		stop()
		os.Exit(code)
	}
	os.Exit(runDesktop(ctx, g))
}

// runDesktop opens the catalogue and shows the main window until the user closes it. Without --db or
// $CLUSTERBRIDGE_DB it opens the advisor's own file, and the window then goes on to the team catalogue it
// showed last, if any.
func runDesktop(ctx context.Context, g cli.Global) int {
	explicit := g.DB != "" || os.Getenv("CLUSTERBRIDGE_DB") != ""
	path := g.DB
	if path == "" {
		var err error
		if path, err = data.DefaultPath(); err != nil {
			fmt.Fprintln(os.Stderr, "clusterbridge:", err)
			return 1
		}
	}
	// A desktop app idles between clicks, so a tighter heap costs little CPU and keeps the window's memory
	// down (the Go heap is mostly Fyne's glyph and image caches). GOGC still overrides it.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(50)
	}
	a := fyneapp.NewWithID(appID)
	if a.Metadata().ID == "" {
		// Neither packaged by fyne nor run beside its sources: the embedded FyneApp.toml says who we are.
		fyneapp.SetMetadata(metadata())
	}
	// The window checks the file after its first frame (MainWindow.verifyCatalogue).
	store, err := data.Open(ctx, path, data.WithSeed(scraper.Sample), data.DeferCheck(), data.WithAuthor(app.AuthorName(a)))
	if err != nil {
		fmt.Fprintln(os.Stderr, "clusterbridge:", err)
		return 1
	}
	defer store.Close()
	opts := app.Options{ScreenSize: screenSize, ReopenTeam: !explicit}
	if !data.IsTeamAddress(path) {
		opts.OwnFile = path
	}
	// The window opens no larger than the screen; the screen is asked in screen.go, the one other file that
	// reaches below Fyne (GLFW, which needs cgo and so stays out of the ci build).
	app.NewMainWindow(a, store, opts).ShowAndRun()
	return 0
}
