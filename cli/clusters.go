package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"clusterbridge/data"
)

const listUsage = `list [--query TEXT] [--label gold,silver,bronze,none] [--valid] [--country CC,CC] [--ecosystem NAME]... [--format table|csv|json|xlsx] [--delimiter ';'|','] [--out FILE]
    clusters that match, by name; csv and xlsx (an Excel workbook, needs --out) are the export's columns,
    --out writes them to a file instead of stdout`

const showUsage = `show CLUSTER [--format text|json]
    every fact about one cluster, its sources, notes and shortlists`

func runList(e *env, args []string) error {
	fs := flag.NewFlagSet("list", flag.ContinueOnError)
	text := fs.String("query", "", "words to find")
	var labels, countries listFlag
	var ecosystems repeatFlag
	fs.Var(&labels, "label", "labels")
	fs.Var(&countries, "country", "countries")
	fs.Var(&ecosystems, "ecosystem", "ecosystem")
	valid := fs.Bool("valid", false, "valid labels only")
	format := fs.String("format", "table", "table, csv, json or xlsx")
	delim := fs.String("delimiter", ";", "';' or ',' for csv")
	out := fs.String("out", "", "file for csv or xlsx; stdout when empty")
	rest, err := parseFlags(fs, args, listUsage)
	if err != nil {
		return err
	}
	if err := wantArgs(rest, 0, listUsage); err != nil {
		return err
	}
	if err := oneOf("format", *format, "table", "csv", "json", "xlsx"); err != nil {
		return err
	}
	if err := oneOf("delimiter", *delim, ";", ","); err != nil {
		return err
	}
	if *out != "" && *format != "csv" && *format != "xlsx" {
		return usagef("--out is for --format csv or xlsx")
	}
	exportAs, err := exportFormat(*format, *delim, *out)
	if err != nil {
		return err
	}
	q := data.Query{Text: *text, ValidOnly: *valid, Sort: data.SortByName}
	for _, l := range labels {
		if strings.EqualFold(l, "none") {
			q.Labels = append(q.Labels, data.LabelNone)
			continue
		}
		lab, ok := data.ParseLabel(l)
		if !ok {
			return usagef("--label %q is not one of gold, silver, bronze, none", l)
		}
		q.Labels = append(q.Labels, lab)
	}
	for _, c := range countries {
		code, ok := data.CountryCode(c)
		if !ok {
			return usagef("--country %q is not a country code such as SE or NO", c)
		}
		q.Countries = append(q.Countries, code)
	}
	for _, name := range ecosystems {
		eco, ok := data.ParseEcosystem(name)
		if !ok {
			return usagef("--ecosystem %q is not one of the 14 industrial ecosystems (e.g. Agri-food, Digital, Health; any of the window's languages will do)", name)
		}
		q.Ecosystems = append(q.Ecosystems, eco)
	}
	res, err := e.store.Search(e.ctx, q)
	if err != nil {
		return err
	}
	switch *format {
	case "csv", "xlsx":
		if *out == "" {
			return e.store.ExportClusters(e.ctx, res.Clusters, e.stdout, exportAs)
		}
		if err := writeFileAtomically(*out, func(w io.Writer) error { return e.store.ExportClusters(e.ctx, res.Clusters, w, exportAs) }); err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "exported %d clusters to %s\n", len(res.Clusters), *out)
		return nil
	case "json":
		out := make([]clusterJSON, 0, len(res.Clusters))
		for _, c := range res.Clusters {
			full, err := e.store.Cluster(e.ctx, c.ID)
			if err != nil {
				return err
			}
			out = append(out, toJSON(full, e.store.Today()))
		}
		return writeJSON(e.stdout, out)
	}
	tw := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tCOUNTRY\tLABEL\tECOSYSTEMS")
	for _, c := range res.Clusters {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", c.ID, cell(c.Name), c.Country, labelText(c, e.store.Today()), cell(ecosystemText(c.Ecosystems)))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "%d clusters\n", res.Total)
	return nil
}

func runShow(e *env, args []string) error {
	fs := flag.NewFlagSet("show", flag.ContinueOnError)
	format := fs.String("format", "text", "text or json")
	rest, err := parseFlags(fs, args, showUsage)
	if err != nil {
		return err
	}
	if err := wantArgs(rest, 1, showUsage); err != nil {
		return err
	}
	if err := oneOf("format", *format, "text", "json"); err != nil {
		return err
	}
	c, err := e.store.FindCluster(e.ctx, rest[0])
	if err != nil {
		return err
	}
	if *format == "json" {
		return writeJSON(e.stdout, toJSON(c, e.store.Today()))
	}
	writeClusterText(e.stdout, c, e.store.Today())
	return nil
}

// clusterJSON is a cluster as the command line prints it in JSON: the field names are a contract.
type clusterJSON struct {
	ID              int64            `json:"id"`
	Name            string           `json:"name"`
	Acronym         string           `json:"acronym"`
	Country         string           `json:"country"`
	Region          string           `json:"region"`
	City            string           `json:"city"`
	Ecosystems      []string         `json:"ecosystems"`
	Sectors         []string         `json:"sectors"`
	Focus           string           `json:"focus"`
	Description     string           `json:"description"`
	Label           string           `json:"label"`
	LabelYear       *int             `json:"label_year"`
	LabelValidUntil string           `json:"label_valid_until"`
	LabelStatus     string           `json:"label_status"`
	LabelSource     string           `json:"label_source"`  // the page or file that stated the label
	LabelReadAt     string           `json:"label_read_at"` // when it was read, RFC 3339; "" without a label
	Website         string           `json:"website"`
	Members         *int             `json:"members"`
	Sources         []string         `json:"sources"`
	Notes           []noteJSON       `json:"notes"`
	Shortlists      []membershipJSON `json:"shortlists"`
}

type noteJSON struct {
	ID       int64  `json:"id"` // what 'note edit' and 'note delete' take
	At       string `json:"at"`
	EditedAt string `json:"edited_at"` // RFC 3339; "" if never edited
	Text     string `json:"text"`
}

type membershipJSON struct {
	Name        string       `json:"name"`
	Status      string       `json:"status"`
	People      []personJSON `json:"people"` // the user's contact people, in their order
	NextStep    string       `json:"next_step"`
	NextStepDue string       `json:"next_step_due"` // YYYY-MM-DD or ""
}

type personJSON struct {
	ID    int64  `json:"id"` // what 'shortlist contact remove' takes
	Name  string `json:"name"`
	Role  string `json:"role"`
	Email string `json:"email"`
	Phone string `json:"phone"`
}

func peopleJSON(people []data.ContactPerson) []personJSON {
	out := make([]personJSON, len(people))
	for i, p := range people {
		out[i] = personJSON{ID: p.ID, Name: p.Name, Role: p.Role, Email: p.Email, Phone: p.Phone}
	}
	return out
}

func toJSON(c data.Cluster, today time.Time) clusterJSON {
	j := clusterJSON{
		ID: c.ID, Name: c.Name, Acronym: c.Acronym, Country: c.Country, Region: c.Region, City: c.City,
		Ecosystems: []string{}, Sectors: []string{}, Focus: c.Focus, Description: c.Description,
		Label: string(c.Label), LabelValidUntil: c.LabelValidUntil, LabelStatus: string(c.LabelStatus(today)),
		Website: c.Website, Sources: []string{}, Notes: []noteJSON{}, Shortlists: []membershipJSON{},
	}
	for _, eco := range c.Ecosystems {
		j.Ecosystems = append(j.Ecosystems, string(eco))
	}
	j.Sectors = append(j.Sectors, c.Sectors...)
	if c.LabelYear != 0 {
		j.LabelYear = &c.LabelYear
	}
	if ls := c.LabelSource(); c.Label != data.LabelNone && !ls.ReadAt.IsZero() {
		j.LabelSource, j.LabelReadAt = ls.URL, ls.ReadAt.Format(time.RFC3339)
	}
	if c.Members != 0 {
		j.Members = &c.Members
	}
	for _, s := range c.Sources {
		j.Sources = append(j.Sources, s.URL)
	}
	for _, n := range c.Notes {
		nj := noteJSON{ID: n.ID, At: n.At.Format(time.RFC3339), Text: n.Text}
		if !n.EditedAt.IsZero() {
			nj.EditedAt = n.EditedAt.Format(time.RFC3339)
		}
		j.Notes = append(j.Notes, nj)
	}
	for _, m := range c.Shortlists {
		j.Shortlists = append(j.Shortlists, membershipJSON{Name: m.Shortlist, Status: string(m.Status),
			People: peopleJSON(m.People), NextStep: m.Next.Text, NextStepDue: m.Next.Due})
	}
	return j
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func writeClusterText(w io.Writer, c data.Cluster, today time.Time) {
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	row := func(k, v string) {
		if v != "" {
			fmt.Fprintf(tw, "%s\t%s\n", k, v)
		}
	}
	row("Name", c.Name)
	row("Acronym", c.Acronym)
	row("Id", fmt.Sprint(c.ID))
	if c.Country != "" {
		row("Country", data.CountryName(c.Country)+" ("+c.Country+")")
	}
	row("Region", c.Region)
	row("City", c.City)
	row("Ecosystems", ecosystemText(c.Ecosystems))
	row("Sectors", strings.Join(c.Sectors, ", "))
	row("Focus", c.Focus)
	row("Label", labelText(c, today))
	row("Website", c.Website)
	if c.Members != 0 || c.MembersText != "" {
		row("Members", firstNonEmpty(c.MembersText, fmt.Sprint(c.Members)))
	}
	if c.Founded != 0 {
		row("Founded", fmt.Sprint(c.Founded))
	}
	row("Published contact", c.Contact)
	tw.Flush()
	if c.Description != "" {
		fmt.Fprintf(w, "\n%s\n", c.Description)
	}
	if len(c.Sources) > 0 {
		fmt.Fprintln(w, "\nSources:")
		for _, s := range c.Sources {
			fmt.Fprintf(w, "  %s  (%s, read %s)\n", s.URL, s.Kind, s.ReadAt.Format(time.DateOnly))
		}
	}
	if len(c.Shortlists) > 0 {
		fmt.Fprintln(w, "\nShortlists:")
		for _, m := range c.Shortlists {
			fmt.Fprintf(w, "  %s: %s%s\n", m.Shortlist, m.Status, prefixed(", ", nextStepText(m.Next)))
			for _, p := range m.People {
				fmt.Fprintf(w, "    #%d  %s\n", p.ID, p)
			}
		}
	}
	if len(c.Notes) > 0 {
		fmt.Fprintln(w, "\nNotes (#id for 'note edit' and 'note delete'):")
		for _, n := range c.Notes {
			edited := ""
			if !n.EditedAt.IsZero() {
				edited = "  (edited " + noteTime(n.EditedAt)
				if n.EditedBy != "" && n.EditedBy != n.Author {
					edited += " by " + n.EditedBy
				}
				edited += ")"
			}
			by := ""
			if n.Author != "" {
				by = n.Author + ": "
			}
			// A note written in the window may have several lines: the later ones are indented under the first.
			text := strings.ReplaceAll(n.Text, "\n", "\n      ")
			fmt.Fprintf(w, "  #%d  %s  %s%s%s\n", n.ID, noteTime(n.At), by, text, edited)
		}
	}
}

// labelText says a label, its standing and where it came from in a few words: "gold, valid until 2026-09-30
// (esca: https://…, read 2026-11-23)", "bronze, expired 2018-06-30", "gold 2021, probably expired (labels
// last about two years)", "gold, unverified", "none". Dates stay as the source stated them.
func labelText(c data.Cluster, today time.Time) string {
	var text string
	switch st := c.LabelStatus(today); st {
	case data.StatusNone:
		return "none"
	case data.StatusValid:
		text = fmt.Sprintf("%s, valid until %s", c.Label, c.LabelValidUntil)
	case data.StatusExpired:
		text = fmt.Sprintf("%s, expired %s", c.Label, c.LabelValidUntil)
	case data.StatusProbablyExpired:
		text = fmt.Sprintf("%s %d, probably expired (labels last about %d years)", c.Label, c.LabelYear, data.LabelLifeYears)
	default:
		text = fmt.Sprintf("%s, unverified", c.Label)
		if c.LabelYear != 0 {
			text = fmt.Sprintf("%s %d, unverified", c.Label, c.LabelYear)
		}
	}
	if ls := c.LabelSource(); ls.URL != "" || ls.Kind != "" {
		text += fmt.Sprintf(" (%s: %s, read %s)", ls.Kind, ls.URL, ls.ReadAt.Format(time.DateOnly))
	}
	return text
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

func prefixed(prefix, v string) string {
	if v == "" {
		return ""
	}
	return prefix + v
}
