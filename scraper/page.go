// Package scraper reads the public sources of cluster facts (ECCP profiles, listings and sitemaps, ESCA label
// tables, EUCLES label news, CSV files) into plain data.Cluster records. It fetches politely and parses pure
// bytes; it writes nothing itself: records go to a Sink, which the catalogue implements.
package scraper

import (
	"golang.org/x/text/encoding"
	"time"

	"clusterbridge/data"
)

// Kind says what a page turned out to be.
type Kind string

const (
	KindECCPProfile Kind = "eccp-profile"
	KindECCPListing Kind = "eccp-listing"
	KindECCPSitemap Kind = "eccp-sitemap"
	KindESCA        Kind = "esca"
	KindEUCLES      Kind = "eucles"
	KindCSV         Kind = "csv"
	KindOther       Kind = "other" // none of the sources: skipped, with a reason
)

// Page is what one fetched or saved page yields.
type Page struct {
	URL  string // where it came from: the canonical URL when the page states one, else the URL or file read
	Kind Kind
	// Records are the clusters the page describes, each with this page among its Sources.
	Records []data.Cluster
	// Links are pages to read next: profile links of a listing card, or the sitemap's profile URLs.
	Links []Link
	// Next is a listing's rel=next page, absolute, or "".
	Next string
	// Skipped says why a page of KindOther was passed over ("a news item, not a cluster profile").
	Skipped string
	// CatalogueCopy is set for a CSV file that ClusterBridge exported: its rows are the catalogue's facts read
	// back, so the file is not made their source.
	CatalogueCopy bool `json:",omitempty"`
	// Warnings are problems that did not stop the page, e.g. unknown CSV columns or an unreadable date.
	Warnings []string
}

// Link is a page to follow, with the sitemap's lastmod when it gave one.
type Link struct {
	URL     string
	LastMod time.Time
}

// Options tune parsing for what a page cannot say by itself.
type Options struct {
	// Country is the ISO code to use when a page does not name the country (an ESCA table), from --country.
	Country string
	// ReadAt stamps the records' Sources; zero means now.
	ReadAt time.Time
	// Encoding is the encoding of files and pages, from --encoding; nil finds it out (BOM, declaration,
	// UTF-8, else the single-byte encoding that reads best).
	Encoding encoding.Encoding
	// Delimiter separates a CSV file's columns, from --delimiter; 0 finds it out from the header line.
	Delimiter rune
}
