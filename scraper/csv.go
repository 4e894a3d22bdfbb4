package scraper

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"clusterbridge/assets"
	"clusterbridge/data"
)

// csvColumns maps folded column names to the field they fill: the sample's and the export's own names first,
// then what a spreadsheet made by hand tends to call them.
var csvColumns = map[string]string{
	"name": fieldName, "organisation": fieldName, "organization": fieldName, "cluster": fieldName, "cluster name": fieldName,
	"acronym": fieldAcronym, "short name": fieldAcronym,
	"country": fieldCountry, "country code": fieldCountry,
	"region": fieldRegion,
	"city":   fieldCity, "town": fieldCity,
	"ecosystems": fieldEcosystems, "ecosystem": fieldEcosystems, "industrial ecosystems": fieldEcosystems,
	"sectors": fieldSectors, "sectoral industries": fieldSectors, "sector": fieldSectors,
	"focus": fieldFocus, "specialisation": fieldFocus, "specialization": fieldFocus,
	"description": fieldDescription,
	"label":       fieldLabel, "esca label": fieldLabel,
	"label year":        fieldLabelYear,
	"label valid until": fieldValidUntil, "valid until": fieldValidUntil,
	"website": fieldWebsite, "www": fieldWebsite, "web": fieldWebsite, "url": fieldWebsite,
	"members": fieldMembers, "number of members": fieldMembers,
	"founded": fieldFounded, "year founded": fieldFounded,
	"contact": fieldContact, "email": fieldContact, "e mail": fieldContact, "published contact": fieldContact,
	"source url": fieldSources, "source": fieldSources, "sources": fieldSources,
}

// fieldSources is a CSV column of the pages a row's facts came from.
const fieldSources = "sources"

// csvIgnored are columns read knowingly and not kept: what an export derives (the label status, where the label
// came from) and the user's own data (shortlist status, contact people, next step, notes), which an import
// never writes.
var csvIgnored = map[string]bool{
	"label status": true, "label source": true, "label read at": true,
	"status": true, "shortlist status": true, "contact person": true, "contact people": true, "notes": true, "note": true,
	"next step": true, "next step due": true, "last activity": true, "added by": true,
}

// exportMarker is a column that only ClusterBridge's own export writes. In such a file "contact" is the user's
// contact person and "sources" lists where the catalogue's facts came from: neither is a fact of the file, so
// both are ignored, and so is "email", which repeats published_contact; the rows are no new statement of
// their own (see readClustersCSV).
const exportMarker = "label status"

var exportIgnored = map[string]bool{"contact": true, "sources": true, "email": true}

// Sample reads the embedded first-run catalogue (assets/clusters-sample.csv): 248 clusters, each with the
// pages its facts came from as sources of kind "sample". data.Open takes it through data.WithSeed.
func Sample(ctx context.Context) ([]data.Cluster, error) {
	var problems []string
	recs, _, err := readClustersCSV(assets.SampleCSV, "sample", time.Now(), func(format string, args ...any) {
		problems = append(problems, fmt.Sprintf(format, args...))
	})
	if err == nil && len(problems) > 0 {
		err = fmt.Errorf("the sample has %d unreadable values, the first: %s", len(problems), problems[0])
	}
	if err != nil {
		return nil, fmt.Errorf("the embedded sample: %w", err)
	}
	return recs, ctx.Err()
}

// readCSV reads a CSV file of clusters; the file itself becomes each row's source, except in a file this
// program exported: its rows are the catalogue's own facts read back, not a new statement of them.
func (r *pageReader) readCSV(body []byte) (Page, error) {
	recs, export, err := readClustersCSV(r.delimited(body), string(KindCSV), r.readAt, r.warnf)
	if err != nil {
		return Page{}, fmt.Errorf("%s: %w", r.url, err)
	}
	if len(recs) == 0 {
		return Page{}, fmt.Errorf("no cluster rows found in %s as a CSV file", r.url)
	}
	if !export {
		return r.page(r.url, KindCSV, recs), nil
	}
	p := Page{URL: r.url, Kind: KindCSV, CatalogueCopy: true}
	for i := range recs {
		if r.normalise(&recs[i]) {
			p.Records = append(p.Records, recs[i])
		}
	}
	p.Warnings = r.warnings
	return p, nil
}

// readClustersCSV reads clusters from CSV with a header row: the sample's columns, an export's, or any
// spreadsheet whose column names match the fields, case- and accent-insensitively. Comma and semicolon files
// both work. Rows without a name are skipped; every value it cannot read is left out with a warning naming the
// row. export says whether the file is one this program exported.
func readClustersCSV(body []byte, kind string, readAt time.Time, warnf func(string, ...any)) (recs []data.Cluster, export bool, err error) {
	body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	comma, named := namedDelimiter(body)
	if named {
		_, body, _ = bytes.Cut(body, []byte("\n"))
		body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	} else {
		comma = sniffDelimiter(body)
	}
	cr := csv.NewReader(bytes.NewReader(body))
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, false, errors.New("the CSV file is empty; it needs a header row such as name;country;ecosystems")
	}
	if err != nil {
		return nil, false, fmt.Errorf("not a readable CSV file: %w", err)
	}
	for _, h := range header {
		export = export || data.Fold(h) == exportMarker
	}
	cols := make([]string, len(header))
	hasName := false
	for i, h := range header {
		key := data.Fold(h)
		switch f, ok := csvColumns[key]; {
		case csvIgnored[key] || export && exportIgnored[key]:
		case ok:
			cols[i] = f
			hasName = hasName || f == fieldName
		case key != "":
			warnf("unknown column %q ignored; rename it to a field such as name, country, label_valid_until", strings.TrimSpace(h))
		}
	}
	if !hasName {
		return nil, export, errors.New("the CSV file has no name column; add one headed \"name\"")
	}
	for {
		row, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return recs, export, fmt.Errorf("not a readable CSV file: %w", err)
		}
		line, _ := cr.FieldPos(0)
		cells := map[string]string{}
		for i, v := range row {
			if i < len(cols) && cols[i] != "" && cells[cols[i]] == "" {
				cells[cols[i]] = unneutralise(strings.TrimSpace(v))
			}
		}
		if cells[fieldName] == "" {
			continue
		}
		who := fmt.Sprintf("row %d (%s)", line, collapse(cells[fieldName]))
		c := data.Cluster{}
		for _, f := range cols {
			if v := cells[f]; v != "" {
				setCSVField(&c, f, v, who, kind, readAt, warnf)
				cells[f] = "" // a field named by two columns is read once
			}
		}
		recs = append(recs, c)
	}
	return recs, export, nil
}

// setCSVField reads one cell through the same readers as the pages: parseDate, countryOf, leadingNumber.
func setCSVField(c *data.Cluster, field, v, who, kind string, readAt time.Time, warnf func(string, ...any)) {
	switch field {
	case fieldName:
		c.Name = v
	case fieldAcronym:
		c.Acronym = v
	case fieldCountry:
		c.Country = countryOf(v, who, warnf)
	case fieldRegion:
		c.Region = v
	case fieldCity:
		c.City = v
	case fieldEcosystems:
		for _, part := range splitList(v) {
			if e, ok := ecosystems.get(part); ok {
				c.Ecosystems = append(c.Ecosystems, e)
			} else {
				warnf(unknownEcosystem, who, part)
			}
		}
	case fieldSectors:
		c.Sectors = splitList(v)
	case fieldFocus:
		c.Focus = v
	case fieldDescription:
		c.Description = v
	case fieldLabel:
		if l, ok := data.ParseLabel(v); ok {
			c.Label = l
		} else if !saysNo(v) {
			warnf("%s: unknown label %q left out; write gold, silver or bronze", who, v)
		}
	case fieldLabelYear:
		if c.LabelYear = yearIn(v); c.LabelYear == 0 {
			warnf("%s: unreadable label year %q left out; write it as 2024", who, v)
		}
	case fieldValidUntil:
		c.LabelValidUntil = dateOrWarn(v, who, warnf)
	case fieldWebsite:
		c.Website = v
	case fieldMembers:
		c.MembersText = v
		c.Members = leadingNumber(v)
	case fieldFounded:
		if c.Founded = yearIn(v); c.Founded == 0 {
			warnf("%s: unreadable founding year %q left out; write it as 2006", who, v)
		}
	case fieldContact:
		c.Contact = v
	case fieldSources:
		for _, part := range splitList(v) {
			for _, u := range strings.Fields(part) {
				c.Sources = append(c.Sources, data.Source{URL: u, Kind: kind, ReadAt: readAt})
			}
		}
	}
}

// unneutralise takes off the apostrophe that data.WriteCSV puts before a cell a spreadsheet would run as a
// formula, so that "-Tech Cluster" exported and read back is itself again.
func unneutralise(v string) string {
	if len(v) >= 2 && v[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(v[1])) {
		return v[1:]
	}
	return v
}

// splitList splits a cell holding several values, separated by |, ; or newlines.
func splitList(v string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(v, func(r rune) bool { return r == '|' || r == ';' || r == '\n' }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// sniffDelimiter picks ; when the header line has more semicolons than commas, as Excel writes in most of Europe.
// delimited marks body with the delimiter the user named (--delimiter), for readClustersCSV; without one, the
// header line decides.
func (r *pageReader) delimited(body []byte) []byte {
	if r.opts.Delimiter == 0 {
		return body
	}
	return append([]byte("sep="+string(r.opts.Delimiter)+"\n"), body...)
}

// namedDelimiter reads Excel's own "sep=;" first line, which names the delimiter (and which Excel writes and
// reads itself); the line is then no header. It returns the delimiter and whether the line was there.
func namedDelimiter(body []byte) (rune, bool) {
	if !bytes.HasPrefix(body, []byte("sep=")) {
		return 0, false
	}
	line, _, _ := bytes.Cut(body[4:], []byte("\n"))
	d := []rune(strings.TrimRight(string(line), "\r"))
	if len(d) != 1 {
		return 0, false
	}
	return d[0], true
}

func sniffDelimiter(b []byte) rune {
	line := b
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	// The delimiter is the one that splits the header line most; a tie keeps the order below (',' first).
	best, most := ',', 0
	for _, d := range []rune{',', ';', '\t', '|'} {
		if n := strings.Count(string(line), string(d)); n > most {
			best, most = d, n
		}
	}
	return best
}
