package data

import (
	"context"
	"fmt"
)

// SampleCaveats are what a user must know about the sample; the About box shows them.
var SampleCaveats = []string{
	"Labels expire about two years after the assessment. A label in the sample means a source stated it at that time; it is not proof that the label is valid today.",
	"Where only the year of a label is known, its validity is unverified: check the ESCA or EUCLES lists.",
	"Some organisations have since merged, been renamed or closed (for example Future Position X decided to wind down in 2022).",
	"The ecosystems and the focus phrase are an editor's summary of what the sources state.",
}

func (s *Store) loadSeed(ctx context.Context, seed func(context.Context) ([]Cluster, error)) error {
	recs, err := seed(ctx)
	if err != nil {
		return fmt.Errorf("the first-run catalogue is unreadable: %w", err)
	}
	return s.AddClusters(ctx, recs)
}
