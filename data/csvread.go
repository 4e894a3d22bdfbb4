package data

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// csvFields maps folded column names to the field they fill. The sample's own names come first; the rest are
// what a spreadsheet made by hand tends to call them.
var csvFields = map[string]string{
	"name": "name", "organisation": "name", "organization": "name", "cluster": "name", "cluster name": "name",
	"acronym": "acronym", "short name": "acronym",
	"country": "country", "country code": "country",
	"region": "region",
	"city":   "city", "town": "city",
	"ecosystems": "ecosystems", "ecosystem": "ecosystems", "industrial ecosystems": "ecosystems",
	"sectors": "sectors", "sectoral industries": "sectors", "sector": "sectors",
	"focus": "focus", "specialisation": "focus", "specialization": "focus",
	"description": "description",
	"label":       "label", "esca label": "label",
	"label year":        "label_year",
	"label valid until": "label_valid_until", "valid until": "label_valid_until",
	"website": "website", "www": "website", "web": "website", "url": "website",
	"members": "members", "number of members": "members",
	"founded": "founded", "year founded": "founded",
	"contact": "contact", "email": "contact", "e mail": "contact",
	"source url": "source_url", "source": "source_url", "sources": "source_url",
}

// ReadClustersCSV reads clusters from a CSV file with a header row: the sample's columns, or any spreadsheet
// whose column names match the fields, case-insensitively. Comma and semicolon files both work. It returns the
// names of the columns it did not know, which it ignored. Rows without a name are skipped.
func ReadClustersCSV(r io.Reader, kind string) (recs []Cluster, unknown []string, err error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, nil, err
	}
	b = trimBOM(b)
	cr := csv.NewReader(strings.NewReader(string(b)))
	cr.Comma = sniffDelimiter(b)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, nil, errors.New("the CSV file is empty; it needs a header row such as name,country,ecosystems")
	}
	if err != nil {
		return nil, nil, fmt.Errorf("not a readable CSV file: %w", err)
	}
	cols := make([]string, len(header))
	hasName := false
	for i, h := range header {
		f, ok := csvFields[Fold(h)]
		if !ok {
			unknown = append(unknown, strings.TrimSpace(h))
			continue
		}
		cols[i] = f
		hasName = hasName || f == "name"
	}
	if !hasName {
		return nil, unknown, errors.New("the CSV file has no name column; add one headed \"name\"")
	}
	now := time.Now()
	for {
		row, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return recs, unknown, fmt.Errorf("not a readable CSV file: %w", err)
		}
		c := Cluster{}
		for i, v := range row {
			if i >= len(cols) || cols[i] == "" {
				continue
			}
			setCSVField(&c, cols[i], strings.TrimSpace(v), kind, now)
		}
		if c.Name == "" {
			continue
		}
		recs = append(recs, c)
	}
	return recs, unknown, nil
}

func setCSVField(c *Cluster, field, v, kind string, now time.Time) {
	if v == "" {
		return
	}
	switch field {
	case "name":
		c.Name = v
	case "acronym":
		c.Acronym = v
	case "country":
		// An unknown country is kept as written, upper case, so that the importer can name it in a warning.
		if code, ok := CountryCode(v); ok {
			c.Country = code
		} else {
			c.Country = strings.ToUpper(v)
		}
	case "region":
		c.Region = v
	case "city":
		c.City = v
	case "ecosystems":
		var mask int64
		for _, part := range splitList(v) {
			if e, ok := ParseEcosystem(part); ok {
				mask |= e.Bit()
			}
		}
		c.Ecosystems = EcosystemsOf(mask)
	case "sectors":
		c.Sectors = splitList(v)
	case "focus":
		c.Focus = v
	case "description":
		c.Description = v
	case "label":
		c.Label, _ = ParseLabel(v)
	case "label_year":
		c.LabelYear, _ = strconv.Atoi(v)
	case "label_valid_until":
		if ValidThrough(v) != "" {
			c.LabelValidUntil = v
		}
	case "website":
		c.Website = v
	case "members":
		c.MembersText = v
		c.Members = leadingNumber(v)
	case "founded":
		c.Founded = leadingNumber(v)
	case "contact":
		c.Contact = v
	case "source_url":
		for _, u := range strings.Fields(v) {
			c.Sources = append(c.Sources, Source{URL: u, Kind: kind, ReadAt: now})
		}
	}
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

// leadingNumber reads the first run of digits in text such as "~90", "90+" or "1,200 members".
func leadingNumber(s string) int {
	digits := strings.Builder{}
	started := false
	for _, r := range s {
		switch {
		case unicode.IsDigit(r):
			digits.WriteRune(r)
			started = true
		case started && (r == ',' || r == '.' || r == ' ' || r == '\u00a0'):
			// thousands separators inside the number
		case started:
			n, _ := strconv.Atoi(digits.String())
			return n
		}
	}
	n, _ := strconv.Atoi(digits.String())
	return n
}

func trimBOM(b []byte) []byte {
	if len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
		return b[3:]
	}
	return b
}

// sniffDelimiter picks ; when the header line has more semicolons than commas, as Excel writes in most of Europe.
func sniffDelimiter(b []byte) rune {
	line := string(b)
	if i := strings.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	if strings.Count(line, ";") > strings.Count(line, ",") {
		return ';'
	}
	return ','
}
