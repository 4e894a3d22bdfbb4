package scraper

import (
	"bytes"
	"fmt"

	"clusterbridge/data"
)

// readCSV reads a CSV file of clusters through data.ReadClustersCSV; the file itself becomes each record's source.
func (r *pageReader) readCSV(body []byte) (Page, error) {
	recs, unknown, err := data.ReadClustersCSV(bytes.NewReader(body), string(KindCSV))
	if err != nil {
		return Page{}, fmt.Errorf("%s: %w", r.url, err)
	}
	for _, col := range unknown {
		r.warnf("unknown column %q ignored", col)
	}
	// The sources the file names were read now, as far as this import knows; stamp them like the file.
	for i := range recs {
		for j := range recs[i].Sources {
			recs[i].Sources[j].ReadAt = r.readAt
		}
	}
	p := r.page(r.url, KindCSV, recs)
	if len(p.Records) == 0 {
		return Page{}, fmt.Errorf("no cluster rows found in %s as a CSV file", r.url)
	}
	return p, nil
}
