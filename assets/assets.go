// Package assets holds the files ClusterBridge ships inside its binary: the sample catalogue, the icon and the
// translations. It is plain bytes so that every package, the GUI's or not, can use it.
package assets

import "embed"

// SampleCSV is the first-run catalogue: 248 real European cluster organisations (see SampleCaveats).
//
//go:embed clusters-sample.csv
var SampleCSV []byte

// Translations holds translations/<lang>.json for fyne's lang package.
//
//go:embed translations
var Translations embed.FS

// SampleSize is how many organisations SampleCSV holds; the first-run banner names it.
const SampleSize = 248

// Icon is the application's icon: two nodes joined by a bridge, drawn by make_icon.go.
//
//go:embed icon.png
var Icon []byte

// Sectors holds sectors/<lang>.json, the sector glossary: the words for food, aquaculture, energy… in each
// language the window speaks, which widen a search and let a profile in one language meet texts in another.
//
//go:embed sectors
var Sectors embed.FS
