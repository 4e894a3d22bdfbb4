//go:build !race

package scraper

// raceEnabled says whether the race detector slows this test binary down (several times over).
const raceEnabled = false
