package data

import (
	"context"
	"slices"
	"testing"
)

// searchNames runs a search over s and names what it found, in order.
func searchNames(t *testing.T, s *Store, text string) []string {
	t.Helper()
	res, err := s.Search(context.Background(), Query{Text: text})
	if err != nil {
		t.Fatalf("search %q: %v", text, err)
	}
	names := make([]string, len(res.Clusters))
	for i, c := range res.Clusters {
		names[i] = c.Name
	}
	return names
}

// The queries advisors type in their own languages, over the 248 clusters of the sample: what each must find,
// and what a careless folding or widening would wrongly bring.
func TestSearchInTheAdvisorsLanguages(t *testing.T) {
	openEach(t, checkSearchInTheAdvisorsLanguages, WithSeed(testSample))
}

func checkSearchInTheAdvisorsLanguages(t *testing.T, s *Store) {
	for _, c := range []struct {
		query, lang   string
		find, notFind []string
	}{
		{"kobenhavn", "da", []string{"Copenhagen FinTech", "Danish Life Science Cluster"}, []string{"Odense Robotics"}},
		{"Koebenhavn", "de", []string{"Copenhagen FinTech", "Danish Life Science Cluster"}, []string{"Food & Bio Cluster Denmark"}},
		{"wroclaw", "pl", []string{"NUTRIBIOMED Klaster"}, []string{"Bydgoszcz Industrial Cluster (Bydgoski Klaster Przemysłowy – Dolina Narzędziowa)"}},
		{"sorlandet", "nb", []string{"NCE NODE"}, []string{"NCE Subsea"}},
		{"soerlandet", "nb", []string{"NCE NODE"}, nil},
		{"swiatlowodow", "pl", []string{"Klaster Fotoniki i Światłowodów"}, nil},
		{"przemyslowy", "pl", []string{"Bydgoszcz Industrial Cluster (Bydgoski Klaster Przemysłowy – Dolina Narzędziowa)"}, nil},

		{"livsmedel", "sv", []string{"Food & Bio Cluster Denmark", "Flanders' FOOD", "Lebensmittel Cluster Niederösterreich"}, []string{"Odense Robotics", "Packaging Cluster"}},
		{"vattenbruk", "sv", []string{"NCE Seafood Innovation Cluster", "Clúster de Acuicultura de Galicia"}, []string{"Den Danske Vandklynge (Danish Water Cluster)"}},
		{"skogsindustri", "sv", []string{"Paper Province", "Cluster Forst und Holz in Bayern"}, []string{"Food & Bio Cluster Denmark"}},
		{"sjöfart", "sv", []string{"GCE Blue Maritime Cluster", "NCE Maritime CleanTech"}, []string{"Aerospace Cluster Sweden"}},
		{"förpackning", "sv", []string{"Packaging Cluster", "Packbridge"}, []string{"Paper Province"}},
		{"fordon", "sv", []string{"Commercial Vehicle Cluster"}, []string{"Hamburg Aviation"}},

		{"havbruk", "nb", []string{"NCE Seafood Innovation Cluster", "Clúster de Acuicultura de Galicia"}, []string{"Water Alliance", "NCE Subsea"}},
		{"havbruksnæringen", "nb", []string{"NCE Seafood Innovation Cluster"}, []string{"Water Alliance"}},
		{"næringsmiddel", "nb", []string{"Food & Bio Cluster Denmark", "Flanders' FOOD"}, []string{"NCE Seafood Innovation Cluster"}},
		{"fornybar", "nb", []string{"Windcluster Mid-Norway", "WAB e. V."}, []string{"NCE Subsea"}},
		{"reiseliv", "nb", []string{"Visit Dalarna", "Cluster do Turismo"}, []string{"Hamburg Aviation"}},
		{"skog", "nb", []string{"Cluster Forst und Holz in Bayern"}, []string{"Packaging Cluster"}},

		{"fødevarer", "da", []string{"Food & Bio Cluster Denmark", "Flanders' FOOD"}, []string{"Odense Robotics"}},
		{"akvakultur", "da", []string{"NCE Seafood Innovation Cluster"}, []string{"Den Danske Vandklynge (Danish Water Cluster)"}},
		{"sundhed", "da", []string{"Health Cluster Portugal", "BioMed Community"}, []string{"Copenhagen FinTech"}},
		{"byggeri", "da", []string{"Cluster Bau", "Clean Air Cluster"}, []string{"Odense Robotics"}},
		{"træ", "da", []string{"Paper Province", "Cluster Holz & Technik"}, []string{"Packaging Cluster"}},

		{"voedsel", "nl", []string{"Food & Bio Cluster Denmark", "Flanders' FOOD"}, []string{"Water Alliance"}},
		{"scheepvaart", "nl", []string{"GCE Blue Maritime Cluster"}, []string{"Hamburg Aviation"}},
		{"bouw", "nl", []string{"Cluster Bau", "Cluster Eco-construction"}, []string{"Health Valley"}},
		{"toerisme", "nl", []string{"Visit Dalarna"}, []string{"Water Alliance"}},
		{"waterstof", "nl", nil, []string{"Water Alliance", "Den Danske Vandklynge (Danish Water Cluster)"}},
		{"logistiek", "nl", []string{"Estonian logistics cluster", "Logistik-Initiative Hamburg"}, []string{"Hamburg Aviation"}},

		{"Lebensmittel", "de", []string{"Lebensmittel Cluster Niederösterreich", "Food & Bio Cluster Denmark"}, []string{"Odense Robotics"}},
		{"Kunststoff", "de", []string{"Kunststoff-Cluster", "Plastipolis", "Lithuanian Plastics Cluster"}, []string{"Packaging Cluster"}},
		{"Holz", "de", []string{"Cluster Holz & Technik", "Paper Province"}, []string{"Cluster Bau"}},
		{"Medizintechnik", "de", []string{"MedSilesia – Śląska Sieć Wyrobów Medycznych"}, []string{"HealthTurku", "Food & Bio Cluster Denmark"}},
		{"Wasserstoff", "de", nil, []string{"Water Alliance"}},
		{"Raumfahrt", "de", []string{"Holland Space Cluster"}, []string{"Packaging Cluster"}},

		{"alimentaire", "fr", []string{"Food & Bio Cluster Denmark", "Cluster Alimentaris"}, []string{"Plastipolis"}},
		{"bois", "fr", []string{"Paper Province", "Cluster Holz & Technik"}, []string{"Food & Bio Cluster Denmark", "Flanders' FOOD"}},
		{"santé", "fr", []string{"Health Cluster Portugal"}, []string{"Packaging Cluster"}},
		{"aéronautique", "fr", []string{"Aerospace Valley", "Hamburg Aviation"}, []string{"Packaging Cluster"}},
		{"emballage", "fr", []string{"Packaging Cluster", "Omnipack Cluster"}, []string{"Plastipolis"}},
		{"chimie", "fr", []string{"Axelera", "Catalisti"}, []string{"Health Valley"}},

		{"food", "en", []string{"Food & Bio Cluster Denmark", "Lebensmittel Cluster Niederösterreich"}, []string{"Odense Robotics"}},
		{"aquaculture", "en", []string{"NCE Seafood Innovation Cluster"}, []string{"Water Alliance"}},
		{"photonics", "en", []string{"Klaster Fotoniki i Światłowodów", "OptecBB"}, []string{"Packaging Cluster"}},
		{"forestry", "en", []string{"Cluster Forst und Holz in Bayern"}, []string{"Water Alliance"}},
		{"tourism", "en", []string{"Visit Dalarna", "Cluster do Turismo"}, []string{"Water Alliance"}},
	} {
		got := searchNames(t, s, c.query)
		for _, n := range c.find {
			if !slices.Contains(got, n) {
				t.Errorf("%q (%s) does not find %q; it finds %q", c.query, c.lang, n, got)
			}
		}
		for _, n := range c.notFind {
			if slices.Contains(got, n) {
				t.Errorf("%q (%s) finds %q", c.query, c.lang, n)
			}
		}
	}
}

// A word as typed ranks before what only the glossary found: "Lebensmittel" lists the cluster named so first,
// whatever the order asked for.
func TestTypedWordsRankFirst(t *testing.T) {
	openEach(t, checkTypedWordsRankFirst, WithSeed(testSample))
}

func checkTypedWordsRankFirst(t *testing.T, s *Store) {
	for _, sort := range []SortOrder{SortByName, SortByCountry, SortByLabel} {
		res, err := s.Search(context.Background(), Query{Text: "Lebensmittel", Sort: sort})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Clusters) < 5 || res.Clusters[0].Name != "Lebensmittel Cluster Niederösterreich" {
			t.Fatalf("sorted by %s, Lebensmittel gives %d clusters, the first %q", sort, len(res.Clusters), res.Clusters[0].Name)
		}
		if res.Total != len(res.Clusters) {
			t.Errorf("total %d, listed %d", res.Total, len(res.Clusters))
		}
	}
	// Pages follow the same order: the second page starts where the first ended.
	all := searchNames(t, s, "livsmedel")
	res, err := s.Search(context.Background(), Query{Text: "livsmedel", Offset: 3, Limit: 4})
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range res.Clusters {
		if c.Name != all[3+i] {
			t.Errorf("page item %d is %q, want %q", i, c.Name, all[3+i])
		}
	}
}

// The letters remove_diacritics leaves alone, and the spellings people type for them, find the clusters.
func TestSearchFoldsLettersAndTypedSpellings(t *testing.T) {
	openEach(t, checkSearchFoldsLetters)
}

func checkSearchFoldsLetters(t *testing.T, s *Store) {
	ctx := context.Background()
	if err := s.AddClusters(ctx, []Cluster{
		{Name: "Sønderborg Energy Cluster", Country: "DK", City: "Sønderborg"},
		{Name: "Łódź Textile Cluster", Country: "PL", City: "Łódź"},
		{Name: "Straße der Innovation", Country: "DE", City: "Göttingen"},
		{Name: "Færøsk Fiskeri", Country: "DK", Focus: "fish"},
		{Name: "Shop Cluster", Country: "SE", Focus: "shopping"},
		{Name: "Åbo Maritime", Country: "FI", City: "Turku"},
	}); err != nil {
		t.Fatal(err)
	}
	for q, want := range map[string]string{
		"sonderborg": "Sønderborg Energy Cluster", "Soenderborg": "Sønderborg Energy Cluster",
		"Sønderb": "Sønderborg Energy Cluster", "lodz": "Łódź Textile Cluster", "strasse": "Straße der Innovation",
		"Straße": "Straße der Innovation", "Goettingen": "Straße der Innovation", "faerosk": "Færøsk Fiskeri",
		"færøsk": "Færøsk Fiskeri", "Aabo": "Åbo Maritime", "åbo": "Åbo Maritime",
	} {
		if got := searchNames(t, s, q); !slices.Equal(got, []string{want}) {
			t.Errorf("%q finds %q, want only %q", q, got, want)
		}
	}
	// "shoe" typed in full is not "sho" being typed: its respelling does not find "shop".
	if got := searchNames(t, s, "shoe"); len(got) != 0 {
		t.Errorf("shoe finds %q", got)
	}
	if got := MatchExpression("Koebenh"); got != `("koebenh"* OR "kobenh"*)` {
		t.Errorf("MatchExpression(Koebenh) = %s", got)
	}
}

// Every language's glossary names every concept and gives it words, so that a concept found in one language
// can be named in another.
func TestGlossaryCoversEveryLanguage(t *testing.T) {
	g := glossary()
	langs := []string{"en", "sv", "nb", "da", "nl", "de", "fr"}
	concepts := 0
	for id, names := range g.names {
		if len(id) > 6 && id[:6] == "place:" {
			continue
		}
		concepts++
		for _, l := range langs {
			if names[l] == "" {
				t.Errorf("the %s glossary does not name %q", l, id)
			}
		}
	}
	if concepts < 30 || len(g.terms) < 300 {
		t.Errorf("the glossary has %d concepts and %d terms", concepts, len(g.terms))
	}
	if got := ConceptName("food", "sv"); got != "livsmedel" {
		t.Errorf("food in Swedish is %q", got)
	}
}

// An ecosystem can be named in any of the window's languages, or by a sector word of one ecosystem.
func TestParseEcosystemInTheAdvisorsLanguages(t *testing.T) {
	for in, want := range map[string]Ecosystem{
		"Livsmedel": "Agri-food", "Lebensmittel": "Agri-food", "Jordbruk och livsmedel": "Agri-food",
		"Agroalimentaire": "Agri-food", "Landbruk og mat": "Agri-food", "Agrovoeding": "Agri-food",
		"Gezondheid": "Health", "Sundhed": "Health", "Reiseliv": "Tourism", "Tourismus": "Tourism",
		"Erneuerbare Energien": "Energy-renewables", "Förnybar energi": "Energy-renewables",
		"Kultur- und Kreativwirtschaft": "Cultural and creative industries", "agri-food": "Agri-food",
	} {
		if got, ok := ParseEcosystem(in); !ok || got != want {
			t.Errorf("ParseEcosystem(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"energi", "Kraft", "Nothing at all"} { // energy lies in two ecosystems
		if got, ok := ParseEcosystem(in); ok {
			t.Errorf("ParseEcosystem(%q) = %q, want none", in, got)
		}
	}
}

// A catalogue whose search index was written before migration 0009 (unfolded text) is re-indexed when it is
// opened: "wroclaw" then finds Wrocław, which remove_diacritics alone could not.
func TestOlderSearchIndexIsFoldedOnOpen(t *testing.T) {
	ctx := context.Background()
	path := t.TempDir() + "/c.db"
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AddClusters(ctx, []Cluster{{Name: "Klaster Wrocław", Country: "PL", City: "Wrocław"}}); err != nil {
		t.Fatal(err)
	}
	// Make it the catalogue an older build left: the index holds the text as written, 0009 not applied.
	for _, q := range []string{
		`INSERT INTO clusters_fts (clusters_fts) VALUES ('delete-all')`,
		`INSERT INTO clusters_fts (rowid, name, acronym, focus, description, city)
			SELECT id, name, acronym, focus, description, city FROM clusters`,
		`DELETE FROM schema_migrations WHERE version >= 9`,
		// and undo what the migrations after 0009 add, so that opening applies them again
		`ALTER TABLE notes DROP COLUMN author`,
		`ALTER TABLE notes DROP COLUMN edited_by`,
		`ALTER TABLE shortlist_entries DROP COLUMN version`,
		`ALTER TABLE shortlist_entries DROP COLUMN added_by`,
		`ALTER TABLE shortlist_entries DROP COLUMN changed_by`,
		`DROP TABLE catalogue_copy`,
		`ALTER TABLE contact_people DROP COLUMN added_by`,
		`ALTER TABLE contact_people DROP COLUMN changed_by`,
		`ALTER TABLE match_decisions DROP COLUMN decided_by`,
		`UPDATE catalogue_state SET version = version + 1`,
	} {
		if _, err := s.db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if got := searchNames(t, s, "wroclaw"); len(got) != 0 {
		t.Fatalf("the older index already finds %q: the test would prove nothing", got)
	}
	s.Close()
	if s, err = Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := searchNames(t, s, "wroclaw"); !slices.Equal(got, []string{"Klaster Wrocław"}) {
		t.Errorf("after reopening, wroclaw finds %q", got)
	}
}
