package scraper

import (
	"errors"
	"fmt"
	"slices"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"clusterbridge/data"
)

// escaSite holds the ESCA benchmarked-clusters page: its table columns, found by header text in any order,
// and where the page names its country.
var escaSite = struct {
	Path            string      // URL path of the label tables
	Columns         []fieldRule // header texts, folded, per record field
	RequiredColumns []string    // a table needs a name column and one of these to be a label table
	CountryOption   []string    // the selected country of the page's form, first found wins
	Headings        string      // elements whose text may name the label level of the tables after them
}{
	Path: "/benchmarked-clusters",
	Columns: []fieldRule{
		{Field: fieldName, Labels: []string{"name", "cluster", "cluster name", "cluster organisation", "organisation"}},
		{Field: fieldFocus, Labels: []string{"comparative portfolio", "portfolio", "sector", "focus"}},
		{Field: fieldWebsite, Labels: []string{"www", "website", "web", "url", "homepage"}},
		{Field: fieldValidUntil, Labels: []string{"label valid until", "valid until", "validity", "label validity", "expiry date"}},
		{Field: fieldLabel, Labels: []string{"label", "label level", "level", "esca label"}},
		{Field: fieldCountry, Labels: []string{"country"}},
		{Field: fieldCity, Labels: []string{"city", "town"}},
	},
	RequiredColumns: []string{fieldValidUntil, fieldWebsite, fieldFocus, fieldLabel},
	CountryOption: []string{"select[name=country] option[selected]", "select#country option[selected]",
		"select[name*=country] option[selected]"},
	Headings: "h1, h2, h3, h4, h5, h6",
}

// escaTable is a table recognised as a label table: its node and the record field of each column.
type escaTable struct {
	node    *html.Node
	columns []string // per column: a field, or "" when ignored
	level   data.Label
}

// escaTables finds the label tables of a page and the level each falls under: its caption's, else that of the
// nearest heading before it (a deeper heading without a level does not clear its parent's).
func escaTables(doc *goquery.Selection) []escaTable {
	var tables []escaTable
	var levels [7]data.Label // per heading depth h1..h6
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if depth := headingDepth(n); depth > 0 && matcher(escaSite.Headings).Match(n) {
				levels[depth], _ = data.ParseLabel(textOf(n))
				for d := depth + 1; d < len(levels); d++ {
					levels[d] = data.LabelNone
				}
				return
			}
			if n.Data == "table" {
				if t, ok := readTableHeader(n); ok {
					t.level = currentLevel(levels[:])
					if caption := findFirst(goquery.NewDocumentFromNode(n).Selection, "caption"); caption != nil {
						if l, ok := data.ParseLabel(textOf(caption)); ok {
							t.level = l
						}
					}
					tables = append(tables, t)
				}
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range doc.Nodes {
		walk(n)
	}
	return tables
}

func headingDepth(n *html.Node) int {
	if len(n.Data) == 2 && n.Data[0] == 'h' && n.Data[1] >= '1' && n.Data[1] <= '6' {
		return int(n.Data[1] - '0')
	}
	return 0
}

func currentLevel(levels []data.Label) data.Label {
	for d := len(levels) - 1; d >= 0; d-- {
		if levels[d] != data.LabelNone {
			return levels[d]
		}
	}
	return data.LabelNone
}

// readTableHeader maps a table's header cells (its <th> row, else its first row) to fields.
func readTableHeader(table *html.Node) (escaTable, bool) {
	rows := tableRows(table)
	if len(rows) == 0 {
		return escaTable{}, false
	}
	cells := rowCells(rows[0])
	t := escaTable{node: table, columns: make([]string, len(cells))}
	hasName, hasOther := false, false
	for i, c := range cells {
		field, ok := matchField(escaSite.Columns, textOf(c))
		if !ok {
			continue
		}
		t.columns[i] = field
		hasName = hasName || field == fieldName
		for _, req := range escaSite.RequiredColumns {
			hasOther = hasOther || field == req
		}
	}
	return t, hasName && hasOther
}

// tableRows lists a table's rows, those of thead, tbody and tfoot included, but not those of nested tables.
func tableRows(table *html.Node) []*html.Node {
	var rows []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.Data {
			case "tr":
				rows = append(rows, c)
			case "thead", "tbody", "tfoot":
				walk(c)
			}
		}
	}
	walk(table)
	return rows
}

func rowCells(tr *html.Node) []*html.Node {
	var cells []*html.Node
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.Data == "td" || c.Data == "th") {
			cells = append(cells, c)
		}
	}
	return cells
}

// readESCA reads every label table of an ESCA page; expired labels are read too, with their date.
func (r *pageReader) readESCA(doc *goquery.Document) (Page, error) {
	tables := escaTables(doc.Selection)
	if len(tables) == 0 {
		return Page{}, errors.New("no label table (with Name and Label valid until columns) found on the page as an ESCA page")
	}
	country, err := r.escaCountry(doc)
	var recs []data.Cluster
	for _, t := range tables {
		perRow := slices.Contains(t.columns, fieldCountry)
		for _, tr := range tableRows(t.node)[1:] {
			c, stated := r.escaRow(t, rowCells(tr))
			if c.Name == "" {
				continue
			}
			switch {
			case stated != "" && c.Country == "":
				// The industry view lists clusters outside Europe too; the catalogue keeps European ones.
				r.warnf(outsideEurope, c.Name, stated)
				continue
			case c.Country == "" && country != "":
				c.Country = country
			case c.Country == "" && perRow:
				r.warnf("%s: skipped: its Country cell is empty and the page names no country", c.Name)
				continue
			case c.Country == "":
				return Page{}, err // a country page that does not say its country: ask for it
			}
			recs = append(recs, c)
		}
	}
	p := r.page(r.url, KindESCA, recs)
	if len(p.Records) == 0 {
		return Page{}, errors.New("no cluster rows found on the page as an ESCA label table")
	}
	return p, nil
}

// escaCountry is the page's selected country, else --country; the error says which to give.
func (r *pageReader) escaCountry(doc *goquery.Document) (string, error) {
	if name := firstMatch(doc.Selection, escaSite.CountryOption, ""); name != "" {
		if code, ok := countries.get(name); ok {
			return code, nil
		}
	}
	if r.opts.Country != "" {
		if code, ok := countries.get(r.opts.Country); ok {
			return code, nil
		}
		return "", fmt.Errorf("--country %q is no known country code; use --country CC with an ISO code such as DK", r.opts.Country)
	}
	return "", errors.New("the page does not say which country its ESCA table is for; give it (import --country DK, or \"ESCA country\" in the Import dialog)")
}

// outsideEurope is the warning for a row whose country is not one of data.Countries.
const outsideEurope = "%s: skipped: %s is outside Europe (not a country of the catalogue)"

// escaRow reads one row; stated is the text of its Country cell, "" when it has none.
func (r *pageReader) escaRow(t escaTable, cells []*html.Node) (c data.Cluster, stated string) {
	c.Label = t.level
	for i, cell := range cells {
		if i >= len(t.columns) || t.columns[i] == fieldNone {
			continue
		}
		v := valueOf(cell)
		switch t.columns[i] {
		case fieldName:
			c.Name = v.text
		case fieldFocus:
			c.Focus = v.text
			if e, ok := ecosystems.get(v.text); ok {
				c.Ecosystems = append(c.Ecosystems, e)
			}
		case fieldWebsite:
			c.Website = websiteOf([]fieldValue{v})
		case fieldValidUntil:
			if d, ok := dateOf(v); ok {
				c.LabelValidUntil = d
			} else if v.text != "" {
				r.warnf(unreadableDate, recordName(c.Name, "a row"), v.text)
			}
		case fieldLabel:
			if l, ok := data.ParseLabel(v.text); ok {
				c.Label = l
			}
		case fieldCountry:
			// Not countryOf: a row of a country the catalogue does not keep is skipped, not kept without it.
			stated = v.text
			c.Country, _ = countries.get(v.text)
		case fieldCity:
			c.City = v.text
		}
	}
	return c, stated
}
