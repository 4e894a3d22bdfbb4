package data

import "testing"

// matchPairs are real-looking pairs of names from the sources (see the fixtures' README for how the same
// organisation is written across them, and how different ones look alike), with the level they must get.
var matchPairs = []struct {
	a, acrA, b, acrB string
	want             MatchLevel
}{
	// the same organisation, written differently
	{"Food & Bio Cluster Denmark", "", "FOOD & BIO CLUSTER DENMARK", "", MatchSame},
	{"GCE Ocean Technology", "", "GCE Ocean Technology AS", "", MatchSame},
	{"Odense Robotics", "", "Odense Robotics A/S", "", MatchSame},
	{"ABC – Alpha Beta Cluster", "", "Alpha Beta Cluster", "ABC", MatchSame},
	{"Alpha Beta Cluster (ABC)", "", "ABC - Alpha Beta Cluster", "", MatchSame},
	{"TREC – Transylvania Energy Cluster", "", "Transylvania Energy Cluster", "TREC", MatchSame},
	{"Allianz Faserbasierte Werkstoffe – AFBW e.V.", "", "Allianz Faserbasierte Werkstoffe", "AFBW", MatchSame},
	{"Example Network e.V. - digital cluster", "", "Example Network digital cluster", "", MatchSame},
	{"Lebensmittel Cluster Niederösterreich", "", "LEBENSMITTEL CLUSTER NIEDEROSTERREICH", "", MatchSame},
	{"Klaster Obróbki Metali", "", "Cluster Obrobki Metali", "", MatchSame},
	{"Clúster de la Energía", "", "Cluster Energia", "", MatchSame},
	{"Pôle Véhicule du Futur", "", "Cluster Vehicule du Futur", "", MatchSame},
	{"Example Cluster Finland", "", "Example Cluster", "", MatchSame},
	{"Bio Valley", "", "BioValley", "", MatchSame},
	{"Cluster Food Denmark", "", "Food Cluster Denmark", "", MatchSame},
	{"CWP", "", "Catalan Water Partnership", "CWP", MatchSame},
	{"Catalan Water Partnership", "CWP", "Catalan Water Partnership", "", MatchSame},
	{"Klastr Česká technologická platforma", "", "Cluster Ceska technologicka platforma", "", MatchSame},
	// for the user to settle: a typo, a translation in brackets
	{"Automation Region Smaland", "", "Automation Region Smaalnd", "", MatchProbable},
	{"Lithuanian Laser Association", "", "Lithuanian Lazer Association", "", MatchProbable},
	{"Klaster Logistyka Polska (Logistics Network Poland)", "", "Logistics Network Poland", "", MatchProbable},
	// different organisations that look alike
	{"Lebensmittel Cluster Niederösterreich", "", "Kunststoff-Cluster Niederösterreich", "", MatchDifferent},
	{"Food Cluster", "", "Wood Cluster", "", MatchDifferent},
	{"Mechatronik-Cluster", "", "Cleantech-Cluster", "", MatchDifferent},
	{"Digital Health Cluster", "", "Digital Cluster", "", MatchDifferent},
	{"Energy Cluster Denmark", "", "Energy Cluster", "", MatchSame}, // the store matches only within Denmark
	{"Maritime Cluster Norway", "", "Maritime Cluster Sweden", "", MatchDifferent},
	{"ABC – Alpha Beta Cluster", "", "ABD – Alpha Beta Cluster", "", MatchSame}, // the names agree; acronyms are not identity
	{"ABC", "", "ABD", "", MatchDifferent},
	{"Alpha Beta Cluster", "ABC", "Gamma Cluster", "ABC", MatchDifferent},
	{"Green Energy Cluster", "", "Blue Energy Cluster", "", MatchDifferent},
	{"Cluster Agroalimentario de Navarra", "", "Cluster Agroalimentario de Aragon", "", MatchDifferent},
	{"Oslo Cancer Cluster", "", "Oslo Medtech", "", MatchDifferent},
}

func TestSameName(t *testing.T) {
	names := map[MatchLevel]string{MatchSame: "same", MatchProbable: "probable", MatchDifferent: "different"}
	for _, p := range matchPairs {
		if got := SameName(p.a, p.acrA, p.b, p.acrB); got != p.want {
			t.Errorf("SameName(%q [%s], %q [%s]) = %s, want %s", p.a, p.acrA, p.b, p.acrB, names[got], names[p.want])
		}
		if got := SameName(p.b, p.acrB, p.a, p.acrA); got != p.want {
			t.Errorf("SameName is not symmetric for %q and %q: %s one way, %s the other", p.a, p.b, names[p.want], names[got])
		}
	}
}

func TestSiteKey(t *testing.T) {
	for _, c := range []struct{ website, want string }{
		{"https://www.gceocean.no/", "gceocean.no"},
		{"gceocean.no/en/", "gceocean.no"},
		{"https://www.ecoplus.at/interessiert-an/cluster/lebensmittel/", "ecoplus.at/interessiert-an/cluster/lebensmittel"},
		{"https://www.linkedin.com/company/food-cluster", ""},
		{"https://dk.linkedin.com/company/x", ""},
		{"https://www.facebook.com/foodcluster", ""},
		{"https://clustercollaboration.eu/content/food", ""},
		{"not a website", ""},
	} {
		if got := SiteKey(c.website); got != c.want {
			t.Errorf("SiteKey(%q) = %q, want %q", c.website, got, c.want)
		}
	}
}
