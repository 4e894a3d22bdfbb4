package suggest

import "testing"

// TestLookTopTen prints the top ten for a few homes at three curiosity levels; run with -v to judge them.
func TestLookTopTen(t *testing.T) {
	if !testing.Verbose() {
		t.Skip("only with -v")
	}
	cs := sample(t)
	ix := NewIndex(cs)
	for _, name := range []string{"Food & Bio Cluster Denmark", "Lifestyle & Design Cluster", "GCE Ocean Technology", "Danish Life Science Cluster"} {
		home := HomeFromCluster(named(t, cs, name))
		for _, cur := range []float64{0, 0.5, 1} {
			t.Logf("== %s (%s %v) curiosity %.1f", home.Name, home.Country, home.Ecosystems, cur)
			for i, s := range ix.Suggest(home, Options{Limit: 10, Curiosity: cur, Today: today}) {
				t.Logf("%2d %.3f E%.2f T%.2f D%.2f L%.2f %s — %s", i+1, s.Score, s.Parts.Shared, s.Parts.Text, s.Parts.Complementary, s.Parts.Label, s.Name, s.Why)
			}
		}
	}
}
