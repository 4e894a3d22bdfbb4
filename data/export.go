package data

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// ExportColumns are the columns of an export, in order. label_source is the page that stated the label and
// label_read_at the day it was read; published_contact is what a source publishes (email repeats it when it
// is an e-mail address), contact_people the user's own contacts on the shortlist; next_step, next_step_due
// and last_activity are the entry's.
var ExportColumns = []string{"name", "acronym", "country", "city", "ecosystems", "focus", "label", "label_year",
	"label_valid_until", "label_status", "label_source", "label_read_at", "website", "published_contact", "email",
	"status", "added_by", "contact_people", "next_step", "next_step_due", "last_activity", "notes", "sources"}

// Format is the file format of an export.
type Format int

const (
	CSVSemicolon Format = iota // CSV with ';', what Excel expects in most European locales
	CSVComma                   // CSV with ','
	XLSX                       // an Excel workbook
)

// ExportShortlist writes a shortlist in the given format: see WriteCSV and WriteXLSX.
func (s *Store) ExportShortlist(ctx context.Context, shortlistID int64, w io.Writer, f Format) error {
	entries, err := s.Entries(ctx, shortlistID)
	if err != nil {
		return err
	}
	cs := make([]Cluster, len(entries))
	for i, e := range entries {
		cs[i] = e.Cluster
	}
	if err := s.attachSources(ctx, cs); err != nil {
		return err
	}
	for i := range entries {
		entries[i].Cluster.Sources, entries[i].Cluster.Facts = cs[i].Sources, cs[i].Facts
	}
	return WriteExport(w, entries, f, s.now())
}

// ExportClusters writes any list of clusters (a filtered search, say) with their sources and notes in the
// given format; the shortlist's columns (status, contact people, next step, last activity) stay empty.
func (s *Store) ExportClusters(ctx context.Context, cs []Cluster, w io.Writer, f Format) error {
	cs = append([]Cluster(nil), cs...) // the caller's slice keeps what it had
	if err := s.attachSources(ctx, cs); err != nil {
		return err
	}
	ids := make([]int64, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
	}
	notes, err := s.notesOf(ctx, ids)
	if err != nil {
		return err
	}
	entries := make([]Entry, len(cs))
	for i, c := range cs {
		entries[i] = Entry{Cluster: c, Notes: notes[c.ID]}
	}
	return WriteExport(w, entries, f, s.now())
}

// WriteExport writes entries in the given format.
func WriteExport(w io.Writer, entries []Entry, f Format, today time.Time) error {
	switch f {
	case CSVSemicolon:
		return WriteCSV(w, entries, ';', today)
	case CSVComma:
		return WriteCSV(w, entries, ',', today)
	case XLSX:
		return WriteXLSX(w, entries, today)
	}
	return fmt.Errorf("export format %d is not supported", f)
}

// exportRows are the cells of an export under ExportColumns, one row an entry, as plain text: each format
// writes the same cells its own way.
func exportRows(entries []Entry, today time.Time) [][]string {
	rows := make([][]string, len(entries))
	for r, e := range entries {
		c := e.Cluster
		notes := make([]string, len(e.Notes))
		for i, n := range e.Notes {
			notes[i] = n.At.Format(time.DateOnly)
			if n.Author != "" {
				notes[i] += " " + n.Author // who wrote it, for a manager reading a team's export
			}
			notes[i] += ": " + n.Text
		}
		sources := make([]string, len(c.Sources))
		for i, so := range c.Sources {
			sources[i] = so.URL
		}
		ecos := make([]string, len(c.Ecosystems))
		for i, eco := range c.Ecosystems {
			ecos[i] = string(eco)
		}
		people := make([]string, len(e.People))
		for i, p := range e.People {
			people[i] = p.String()
		}
		email, _ := ParseEmail(c.Contact)
		year, labelRead, activity := "", "", ""
		if !e.LastActivity.IsZero() {
			activity = e.LastActivity.UTC().Format(time.DateOnly)
		}
		if c.LabelYear != 0 {
			year = strconv.Itoa(c.LabelYear)
		}
		ls := c.LabelSource()
		if !ls.ReadAt.IsZero() {
			labelRead = ls.ReadAt.Format(time.DateOnly)
		}
		rows[r] = []string{c.Name, c.Acronym, c.Country, c.City, strings.Join(ecos, listSeparator), c.Focus,
			string(c.Label), year, c.LabelValidUntil, string(c.LabelStatus(today)), ls.URL, labelRead, c.Website,
			c.Contact, email, string(e.Status), e.AddedBy, strings.Join(people, "; "), e.Next.Text, e.Next.Due, activity,
			strings.Join(notes, listSeparator), strings.Join(sources, listSeparator)}
	}
	return rows
}

// WriteCSV writes entries as CSV that Excel opens right: UTF-8 with a byte-order mark, the given delimiter
// (';' is what Excel expects in most European locales), lists joined with " | ", and every cell that Excel
// would run as a formula made inert with a leading apostrophe.
func WriteCSV(w io.Writer, entries []Entry, delimiter rune, today time.Time) error {
	if delimiter != ';' && delimiter != ',' {
		return fmt.Errorf("delimiter %q is not supported; use ';' or ','", delimiter)
	}
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Comma = delimiter
	cw.UseCRLF = true // what Excel writes and expects
	if err := cw.Write(ExportColumns); err != nil {
		return err
	}
	for _, row := range exportRows(entries, today) {
		for i := range row {
			row[i] = neutralise(row[i])
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// neutralise stops a spreadsheet from reading a cell as a formula (CSV injection): a cell that begins with
// =, +, -, @, tab or carriage return gets a leading apostrophe, which Excel shows as text and hides.
func neutralise(cell string) string {
	if cell == "" {
		return cell
	}
	switch cell[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + cell
	}
	return cell
}
