package suggest

import "testing"

// TestLookTopTen prints the top ten for a few homes at three curiosity levels (run with -v to judge them by
// eye), and checks that each is a full, well-formed list.
func TestLookTopTen(t *testing.T) {
	cs := sample(t)
	ix := NewIndex(cs)
	for _, name := range []string{"Food & Bio Cluster Denmark", "Lifestyle & Design Cluster", "GCE Ocean Technology", "Danish Life Science Cluster"} {
		home := HomeFromCluster(named(t, cs, name))
		for _, cur := range []float64{0, 0.5, 1} {
			t.Logf("== %s (%s %v) curiosity %.1f", home.Name, home.Country, home.Ecosystems, cur)
			got := ix.Suggest(home, Options{Limit: 10, Curiosity: cur, Today: today})
			if len(got) != 10 {
				t.Errorf("%s at curiosity %.1f: %d suggestions, want 10", name, cur, len(got))
			}
			checkList(t, home, got)
			for i, s := range got {
				t.Logf("%2d %.3f E%.2f T%.2f D%.2f L%.2f %s — %v %v %v %v", i+1, s.Score, s.Parts.Shared, s.Parts.Text, s.Parts.Complementary, s.Parts.Label, s.Name, s.SharedTerms, s.Shared, s.Complementary, s.BroughtTerms)
			}
		}
	}
}
