package cli

import (
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"clusterbridge/data"
)

const followupsUsage = `followups [--within DAYS]
    next steps due today or within DAYS (7 by default) on every shortlist, the most overdue first`

func init() {
	commands["followups"] = command{followupsUsage, runFollowUps}
}

// runShortlistContact adds a contact person to an entry or removes one by the id 'shortlist contacts' lists.
func runShortlistContact(e *env, args []string) error {
	const usage = "shortlist contact add NAME CLUSTER [--name TEXT] [--role TEXT] [--email ADDRESS] [--phone TEXT]"
	if len(args) > 0 && args[0] == "remove" {
		if len(args) != 2 {
			return usagef("usage: shortlist contact remove PERSON_ID")
		}
		id, err := personID(args[1])
		if err != nil {
			return err
		}
		p, err := e.store.RemoveContactPerson(e.ctx, id)
		if errors.Is(err, data.ErrNotFound) {
			return fmt.Errorf("%w; 'shortlist contacts NAME CLUSTER' lists the people with their ids", err)
		} else if err != nil {
			return err
		}
		// What went is printed whole, so that a person removed by mistake can be added again.
		fmt.Fprintf(e.stdout, "removed contact person %d: %s\n", p.ID, p)
		return nil
	}
	if len(args) == 0 || args[0] != "add" {
		return usagef("shortlist contact needs add or remove; usage: %s", usage)
	}
	fs := flag.NewFlagSet("shortlist contact add", flag.ContinueOnError)
	var p data.ContactPerson
	fs.StringVar(&p.Name, "name", "", "the person's name")
	fs.StringVar(&p.Role, "role", "", "the person's role")
	fs.StringVar(&p.Email, "email", "", "e-mail address")
	fs.StringVar(&p.Phone, "phone", "", "phone number")
	rest, err := parseFlags(fs, args[1:], usage)
	if err != nil {
		return err
	}
	if err := wantArgs(rest, 2, usage); err != nil {
		return err
	}
	l, c, err := shortlistAndCluster(e, rest[0], rest[1])
	if err != nil {
		return err
	}
	p, err = e.store.SaveContactPerson(e.ctx, l.ID, c.ID, p)
	if errors.Is(err, data.ErrNotFound) {
		return fmt.Errorf("%s is not on %q; add it with 'shortlist add'", c.Name, l.Name)
	} else if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "added contact person %d to %s on %q: %s\n", p.ID, c.Name, l.Name, p)
	return nil
}

func personID(arg string) (int64, error) {
	id, err := strconv.ParseInt(strings.TrimPrefix(arg, "#"), 10, 64)
	if err != nil || id <= 0 {
		return 0, usagef("%q is not a contact person's id; 'shortlist contacts NAME CLUSTER' lists them", arg)
	}
	return id, nil
}

// runShortlistContacts lists an entry's contact people with their ids, and the contact the source publishes.
func runShortlistContacts(e *env, args []string) error {
	if err := wantArgs(args, 2, "shortlist contacts NAME CLUSTER"); err != nil {
		return err
	}
	l, c, err := shortlistAndCluster(e, args[0], args[1])
	if err != nil {
		return err
	}
	m, err := e.store.Entry(e.ctx, l.ID, c.ID)
	if err != nil {
		return fmt.Errorf("%s is not on %q; add it with 'shortlist add'", c.Name, l.Name)
	}
	if len(m.People) == 0 {
		fmt.Fprintf(e.stderr, "no contact people for %s on %q yet; add one with 'shortlist contact add'\n", c.Name, l.Name)
	}
	for _, p := range m.People {
		by := ""
		if p.AddedBy != "" {
			by = "  (added by " + p.AddedBy + ")"
		}
		fmt.Fprintf(e.stdout, "#%d  %s%s\n", p.ID, p, by)
	}
	if c.Contact != "" {
		fmt.Fprintf(e.stdout, "published contact: %s\n", c.Contact)
	}
	return nil
}

// runShortlistNext sets an entry's next step; no text clears it.
func runShortlistNext(e *env, args []string) error {
	const usage = "shortlist next NAME CLUSTER [--due YYYY-MM-DD] [TEXT]"
	fs := flag.NewFlagSet("shortlist next", flag.ContinueOnError)
	due := fs.String("due", "", "when it is due, YYYY-MM-DD")
	rest, err := parseFlags(fs, args, usage)
	if err != nil {
		return err
	}
	if len(rest) < 2 {
		return usagef("usage: %s", usage)
	}
	l, c, err := shortlistAndCluster(e, rest[0], rest[1])
	if err != nil {
		return err
	}
	n := data.NextStep{Text: strings.Join(rest[2:], " "), Due: *due}
	if err := e.store.SetNextStep(e.ctx, l.ID, c.ID, n); errors.Is(err, data.ErrNotFound) {
		return fmt.Errorf("%s is not on %q; add it with 'shortlist add'", c.Name, l.Name)
	} else if err != nil {
		return err
	}
	m, err := e.store.Entry(e.ctx, l.ID, c.ID)
	if err != nil {
		return err
	}
	if m.Next.Text == "" {
		fmt.Fprintf(e.stdout, "cleared the next step of %s on %q\n", c.Name, l.Name)
		return nil
	}
	fmt.Fprintf(e.stdout, "%s on %q: %s\n", c.Name, l.Name, nextStepText(m.Next))
	return nil
}

// nextStepText is a next step as a line shows it, "next: TEXT (due DATE)", or "" when there is none.
func nextStepText(n data.NextStep) string {
	if n.Text == "" {
		return ""
	}
	if n.Due == "" {
		return "next: " + n.Text
	}
	return "next: " + n.Text + " (due " + n.Due + ")"
}

// runShortlistLog lists a shortlist's log, or adds, edits or deletes an entry of it.
func runShortlistLog(e *env, args []string) error {
	const usage = "shortlist log NAME | shortlist log add NAME TEXT | shortlist log edit LOG_ID TEXT | shortlist log delete LOG_ID"
	if len(args) == 0 {
		return usagef("usage: %s", usage)
	}
	switch args[0] {
	case "add":
		if len(args) < 3 {
			return usagef("usage: shortlist log add NAME TEXT")
		}
		l, err := e.store.ShortlistByName(e.ctx, args[1])
		if err != nil {
			return err
		}
		entry, err := e.store.AddLogEntry(e.ctx, l.ID, strings.Join(args[2:], " "))
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "logged for %q on %s (log entry %d)\n", l.Name, entry.At.Format(time.DateOnly), entry.ID)
		return nil
	case "edit", "delete":
		if (args[0] == "edit" && len(args) < 3) || (args[0] == "delete" && len(args) != 2) {
			return usagef("usage: %s", usage)
		}
		id, err := strconv.ParseInt(strings.TrimPrefix(args[1], "#"), 10, 64)
		if err != nil || id <= 0 {
			return usagef("%q is not a log entry's id; 'shortlist log NAME' lists them", args[1])
		}
		if args[0] == "edit" {
			entry, err := e.store.EditLogEntry(e.ctx, id, strings.Join(args[2:], " "))
			if err != nil {
				return logError(err)
			}
			fmt.Fprintf(e.stdout, "log entry %d changed; written %s, edited %s\n", entry.ID, noteTime(entry.At), noteTime(entry.EditedAt))
			return nil
		}
		entry, err := e.store.DeleteLogEntry(e.ctx, id)
		if err != nil {
			return logError(err)
		}
		fmt.Fprintf(e.stdout, "log entry %d deleted; it read: %s\n", entry.ID, strings.Join(strings.Fields(entry.Text), " "))
		return nil
	}
	if len(args) != 1 {
		return usagef("usage: %s", usage)
	}
	l, err := e.store.ShortlistByName(e.ctx, args[0])
	if err != nil {
		return err
	}
	entries, err := e.store.ShortlistLog(e.ctx, l.ID)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		fmt.Fprintf(e.stderr, "the log of %q is empty; write in it with 'shortlist log add'\n", l.Name)
	}
	for _, entry := range entries {
		edited := ""
		if !entry.EditedAt.IsZero() {
			edited = "  (edited " + noteTime(entry.EditedAt) + ")"
		}
		fmt.Fprintf(e.stdout, "#%d  %s  %s%s\n", entry.ID, noteTime(entry.At), entry.Text, edited)
	}
	return nil
}

func logError(err error) error {
	if errors.Is(err, data.ErrNotFound) {
		return fmt.Errorf("%w; 'shortlist log NAME' lists the log entries with their ids", err)
	}
	return err
}

// runShortlistEmails prints a shortlist's e-mail addresses one a line, for pasting into a mail program.
func runShortlistEmails(e *env, args []string) error {
	if err := wantArgs(args, 1, "shortlist emails NAME"); err != nil {
		return err
	}
	l, err := e.store.ShortlistByName(e.ctx, args[0])
	if err != nil {
		return err
	}
	emails, err := e.store.ShortlistEmails(e.ctx, l.ID)
	if err != nil {
		return err
	}
	if len(emails) == 0 {
		fmt.Fprintf(e.stderr, "no e-mail addresses on %q; add contact people with --email\n", l.Name)
	}
	for _, m := range emails {
		fmt.Fprintln(e.stdout, m)
	}
	return nil
}

// runFollowUps lists the next steps due within the window, the most overdue first.
func runFollowUps(e *env, args []string) error {
	fs := flag.NewFlagSet("followups", flag.ContinueOnError)
	within := fs.Int("within", 7, "days ahead")
	rest, err := parseFlags(fs, args, followupsUsage)
	if err != nil {
		return err
	}
	if err := wantArgs(rest, 0, followupsUsage); err != nil {
		return err
	}
	if *within < 0 {
		return usagef("--within %d is negative; give the number of days ahead, such as 7", *within)
	}
	today := e.store.Today()
	entries, err := e.store.FollowUpsDue(e.ctx, today, *within)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		fmt.Fprintf(e.stderr, "no next steps due within %d days\n", *within)
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
	day := today.Format(time.DateOnly)
	for _, en := range entries {
		when := en.Next.Due
		if when < day {
			when += " overdue"
		}
		people := make([]string, len(en.People))
		for i, p := range en.People {
			people[i] = p.String()
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", when, cell(en.Shortlist), cell(en.Cluster.Name), cell(en.Next.Text), cell(strings.Join(people, "; ")))
	}
	return tw.Flush()
}
