package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"clusterbridge/data"
)

const shortlistUsage = `shortlist new NAME [--purpose TEXT]
shortlist add NAME CLUSTER [--status STATUS] [--contact TEXT]
shortlist set NAME CLUSTER [--status STATUS] [--contact TEXT]
shortlist remove NAME CLUSTER
shortlist list [NAME] [--format table|json]
shortlist contact add NAME CLUSTER [--name TEXT] [--role TEXT] [--email ADDRESS] [--phone TEXT]
shortlist contact remove PERSON_ID
shortlist contacts NAME CLUSTER
shortlist next NAME CLUSTER [--due YYYY-MM-DD] [TEXT]
shortlist log NAME
shortlist log add NAME TEXT
shortlist log edit LOG_ID TEXT
shortlist log delete LOG_ID
shortlist emails NAME
    STATUS is candidate, contacted, meeting, partner or declined; add leaves a cluster already on the
    list as it is, set changes only what it is given (--contact adds a contact person of that name);
    next without TEXT clears the next step; emails prints the list's addresses one a line`

const noteUsage = `note CLUSTER TEXT
note edit NOTE_ID TEXT
note delete NOTE_ID
    adds a dated note to a cluster, or changes or deletes one; 'show CLUSTER' lists a cluster's notes with
    their ids`

const exportUsage = `export NAME [--format csv|xlsx] [--out FILE] [--delimiter ';'|',']
    a shortlist for Excel: CSV (UTF-8 with BOM; ';' by default), to stdout without --out, or an Excel
    workbook (xlsx, needs --out)`

func runShortlist(e *env, args []string) error {
	if len(args) == 0 {
		return usagef("shortlist needs new, add, set, remove, list, contact, contacts, next, log or emails; usage: %s",
			strings.Split(shortlistUsage, "\n")[0])
	}
	switch args[0] {
	case "new":
		return runShortlistNew(e, args[1:])
	case "add":
		return runShortlistAdd(e, args[1:])
	case "set":
		return runShortlistSet(e, args[1:])
	case "remove":
		return runShortlistRemove(e, args[1:])
	case "list":
		return runShortlistList(e, args[1:])
	case "contact":
		return runShortlistContact(e, args[1:])
	case "contacts":
		return runShortlistContacts(e, args[1:])
	case "next":
		return runShortlistNext(e, args[1:])
	case "log":
		return runShortlistLog(e, args[1:])
	case "emails":
		return runShortlistEmails(e, args[1:])
	}
	return usagef("unknown shortlist command %q; use new, add, set, remove, list, contact, contacts, next, log or emails", args[0])
}

func runShortlistNew(e *env, args []string) error {
	fs := flag.NewFlagSet("shortlist new", flag.ContinueOnError)
	purpose := fs.String("purpose", "", "what the shortlist is for")
	rest, err := parseFlags(fs, args, shortlistUsage)
	if err != nil {
		return err
	}
	if err := wantArgs(rest, 1, shortlistUsage); err != nil {
		return err
	}
	l, err := e.store.CreateShortlist(e.ctx, rest[0], *purpose)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "created shortlist %q\n", l.Name)
	return nil
}

func runShortlistAdd(e *env, args []string) error {
	fs := flag.NewFlagSet("shortlist add", flag.ContinueOnError)
	status := fs.String("status", "candidate", "candidate, contacted, meeting, partner or declined")
	contact := fs.String("contact", "", "contact person")
	rest, err := parseFlags(fs, args, shortlistUsage)
	if err != nil {
		return err
	}
	if err := wantArgs(rest, 2, "shortlist add NAME CLUSTER [--status STATUS] [--contact TEXT]"); err != nil {
		return err
	}
	st, ok := data.ParseEntryStatus(*status)
	if !ok {
		return usagef("--status %q is not one of candidate, contacted, meeting, partner, declined", *status)
	}
	l, c, err := shortlistAndCluster(e, rest[0], rest[1])
	if err != nil {
		return err
	}
	added, err := e.store.AddToShortlist(e.ctx, l.ID, c.ID, st, *contact)
	if err != nil {
		return err
	}
	if added {
		fmt.Fprintf(e.stdout, "%s is on %q as %s\n", c.Name, l.Name, st)
		return nil
	}
	m, err := e.store.Entry(e.ctx, l.ID, c.ID)
	if err != nil {
		return err
	}
	if flagSet(fs, "status") || flagSet(fs, "contact") {
		return fmt.Errorf("%s is already on %q as %s; nothing changed: use 'shortlist set' to change its status or contact",
			c.Name, l.Name, m.Status)
	}
	fmt.Fprintf(e.stdout, "%s is already on %q as %s; nothing changed\n", c.Name, l.Name, m.Status)
	return nil
}

// runShortlistSet changes the status of a cluster on a list or adds a contact person, and nothing else.
func runShortlistSet(e *env, args []string) error {
	fs := flag.NewFlagSet("shortlist set", flag.ContinueOnError)
	status := fs.String("status", "", "candidate, contacted, meeting, partner or declined")
	contact := fs.String("contact", "", "a contact person's name to add")
	rest, err := parseFlags(fs, args, shortlistUsage)
	if err != nil {
		return err
	}
	const usage = "shortlist set NAME CLUSTER [--status STATUS] [--contact TEXT]"
	if err := wantArgs(rest, 2, usage); err != nil {
		return err
	}
	if !flagSet(fs, "status") && !flagSet(fs, "contact") {
		return usagef("shortlist set needs --status or --contact; usage: %s", usage)
	}
	l, c, err := shortlistAndCluster(e, rest[0], rest[1])
	if err != nil {
		return err
	}
	m, err := e.store.Entry(e.ctx, l.ID, c.ID)
	if err != nil {
		return fmt.Errorf("%s is not on %q; add it with 'shortlist add'", c.Name, l.Name)
	}
	if flagSet(fs, "status") {
		st, ok := data.ParseEntryStatus(*status)
		if !ok {
			return usagef("--status %q is not one of candidate, contacted, meeting, partner, declined", *status)
		}
		m.Status = st
	}
	if err := e.store.SetEntry(e.ctx, l.ID, c.ID, m.Status, *contact); err != nil {
		return err
	}
	if m, err = e.store.Entry(e.ctx, l.ID, c.ID); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s on %q: %s%s\n", c.Name, l.Name, m.Status, prefixed(", contact people: ", peopleText(m.People)))
	return nil
}

// flagSet says whether the user gave a flag, as opposed to its default.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

func runShortlistRemove(e *env, args []string) error {
	fs := flag.NewFlagSet("shortlist remove", flag.ContinueOnError)
	rest, err := parseFlags(fs, args, shortlistUsage)
	if err != nil {
		return err
	}
	if err := wantArgs(rest, 2, "shortlist remove NAME CLUSTER"); err != nil {
		return err
	}
	l, c, err := shortlistAndCluster(e, rest[0], rest[1])
	if err != nil {
		return err
	}
	r, err := e.store.RemoveFromShortlist(e.ctx, l.ID, c.ID)
	if errors.Is(err, data.ErrNotFound) {
		return fmt.Errorf("%s is not on %q; 'shortlist list %s' shows who is", c.Name, l.Name, l.Name)
	} else if err != nil {
		return err
	}
	// What went with the entry is printed whole, so that it can be written again after a mistake.
	fmt.Fprintf(e.stdout, "removed %s from %q (it was %s)\n", c.Name, l.Name, r.Entry.Status)
	for _, p := range r.Entry.People {
		fmt.Fprintf(e.stdout, "  contact person: %s\n", p)
	}
	if r.Entry.Next.Text != "" {
		fmt.Fprintf(e.stdout, "  %s\n", nextStepText(r.Entry.Next))
	}
	return nil
}

// shortlistAndCluster resolves what a user typed to name a shortlist and a cluster.
func shortlistAndCluster(e *env, list, cluster string) (data.Shortlist, data.Cluster, error) {
	l, err := e.store.ShortlistByName(e.ctx, list)
	if err != nil {
		return l, data.Cluster{}, err
	}
	c, err := e.store.FindCluster(e.ctx, cluster)
	return l, c, err
}

type shortlistJSON struct {
	Name     string      `json:"name"`
	Purpose  string      `json:"purpose"`
	Clusters []entryJSON `json:"clusters"`
}

type entryJSON struct {
	ID           int64        `json:"id"`
	Name         string       `json:"name"`
	Country      string       `json:"country"`
	Status       string       `json:"status"`
	People       []personJSON `json:"people"`
	NextStep     string       `json:"next_step"`
	NextStepDue  string       `json:"next_step_due"`
	LastActivity string       `json:"last_activity"` // RFC 3339
	LastNote     string       `json:"last_note"`
	contacts     string       // the people on one line, for the table
	next         string
}

// peopleText is people on one line: "Name (Role) <email> phone; …".
func peopleText(people []data.ContactPerson) string {
	parts := make([]string, len(people))
	for i, p := range people {
		parts[i] = p.String()
	}
	return strings.Join(parts, "; ")
}

func runShortlistList(e *env, args []string) error {
	fs := flag.NewFlagSet("shortlist list", flag.ContinueOnError)
	format := fs.String("format", "table", "table or json")
	rest, err := parseFlags(fs, args, shortlistUsage)
	if err != nil {
		return err
	}
	if len(rest) > 1 {
		return usagef("usage: shortlist list [NAME] [--format table|json]")
	}
	if err := oneOf("format", *format, "table", "json"); err != nil {
		return err
	}
	var lists []data.Shortlist
	if len(rest) == 1 {
		l, err := e.store.ShortlistByName(e.ctx, rest[0])
		if err != nil {
			return err
		}
		lists = []data.Shortlist{l}
	} else if lists, err = e.store.Shortlists(e.ctx); err != nil {
		return err
	}
	out := make([]shortlistJSON, 0, len(lists))
	for _, l := range lists {
		entries, err := e.store.Entries(e.ctx, l.ID)
		if err != nil {
			return err
		}
		sj := shortlistJSON{Name: l.Name, Purpose: l.Purpose, Clusters: []entryJSON{}}
		for _, en := range entries {
			ej := entryJSON{ID: en.Cluster.ID, Name: en.Cluster.Name, Country: en.Cluster.Country, Status: string(en.Status),
				People: peopleJSON(en.People), NextStep: en.Next.Text, NextStepDue: en.Next.Due,
				LastActivity: en.LastActivity.Format(time.RFC3339), contacts: peopleText(en.People), next: nextStepText(en.Next)}
			if en.LastNote != nil {
				ej.LastNote = en.LastNote.Text
			}
			sj.Clusters = append(sj.Clusters, ej)
		}
		out = append(out, sj)
	}
	if *format == "json" {
		return writeJSON(e.stdout, out)
	}
	if len(out) == 0 {
		fmt.Fprintln(e.stderr, "no shortlists yet; make one with: clusterbridge shortlist new NAME")
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
	for i, l := range out {
		if i > 0 {
			fmt.Fprintln(tw)
		}
		fmt.Fprintf(tw, "%s (%d)%s\n", l.Name, len(l.Clusters), prefixed(": ", l.Purpose))
		for _, c := range l.Clusters {
			fmt.Fprintf(tw, "  %d\t%s\t%s\t%s\t%s\t%s\t%s\n", c.ID, cell(c.Name), c.Country, c.Status, cell(c.contacts), cell(c.next), cell(c.LastNote))
		}
	}
	return tw.Flush()
}

func runNote(e *env, args []string) error {
	// "edit" and "delete" come first, as in shortlist; a cluster whose name starts with them is named by its id.
	if len(args) > 0 && (args[0] == "edit" || args[0] == "delete") {
		return runNoteChange(e, args[0], args[1:])
	}
	if len(args) < 2 {
		return usagef("usage: %s", strings.Split(noteUsage, "\n")[0])
	}
	c, err := e.store.FindCluster(e.ctx, args[0])
	if err != nil {
		return err
	}
	n, err := e.store.AddNote(e.ctx, c.ID, strings.Join(args[1:], " "))
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "noted for %s on %s (note %d)\n", c.Name, n.At.Format(time.DateOnly), n.ID)
	return nil
}

// runNoteChange edits or deletes a note by the id 'show' lists ("12" or "#12").
func runNoteChange(e *env, verb string, args []string) error {
	usage := "note edit NOTE_ID TEXT"
	if verb == "delete" {
		usage = "note delete NOTE_ID"
	}
	if len(args) == 0 || (verb == "edit" && len(args) < 2) || (verb == "delete" && len(args) != 1) {
		return usagef("usage: %s", usage)
	}
	id, err := strconv.ParseInt(strings.TrimPrefix(args[0], "#"), 10, 64)
	if err != nil || id <= 0 {
		return usagef("%q is not a note id; 'show CLUSTER' lists the notes with their ids; usage: %s", args[0], usage)
	}
	if verb == "edit" {
		n, err := e.store.EditNote(e.ctx, id, strings.Join(args[1:], " "))
		if err != nil {
			return noteError(err)
		}
		fmt.Fprintf(e.stdout, "note %d changed; written %s, edited %s\n", n.ID, noteTime(n.At), noteTime(n.EditedAt))
		return nil
	}
	n, err := e.store.DeleteNote(e.ctx, id)
	if err != nil {
		return noteError(err)
	}
	// The text goes to the output, so that a note deleted by mistake can be written again.
	fmt.Fprintf(e.stdout, "note %d deleted; it read: %s\n", n.ID, strings.Join(strings.Fields(n.Text), " "))
	return nil
}

// noteError adds to a missing note where to find the right id.
func noteError(err error) error {
	if errors.Is(err, data.ErrNotFound) {
		return fmt.Errorf("%w; 'show CLUSTER' lists the notes with their ids", err)
	}
	return err
}

// noteTime is when a note was written or edited, to the minute in the user's time zone: notes of one day
// are told apart by their time.
func noteTime(t time.Time) string { return t.Local().Format("2006-01-02 15:04") }

func runExport(e *env, args []string) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	out := fs.String("out", "", "file to write; stdout when empty")
	format := fs.String("format", "csv", "csv or xlsx")
	delim := fs.String("delimiter", ";", "';' or ',' for csv")
	rest, err := parseFlags(fs, args, exportUsage)
	if err != nil {
		return err
	}
	if err := wantArgs(rest, 1, exportUsage); err != nil {
		return err
	}
	if err := oneOf("format", *format, "csv", "xlsx"); err != nil {
		return err
	}
	if *delim != ";" && *delim != "," {
		return usagef("--delimiter %q is not ';' or ','", *delim)
	}
	f, err := exportFormat(*format, *delim, *out)
	if err != nil {
		return err
	}
	l, err := e.store.ShortlistByName(e.ctx, rest[0])
	if err != nil {
		return err
	}
	if *out == "" {
		return e.store.ExportShortlist(e.ctx, l.ID, e.stdout, f)
	}
	if err := writeFileAtomically(*out, func(w io.Writer) error { return e.store.ExportShortlist(e.ctx, l.ID, w, f) }); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "exported %d clusters of %q to %s\n", l.Size, l.Name, *out)
	return nil
}
