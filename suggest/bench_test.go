package suggest

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"clusterbridge/data"
)

// synthetic makes n clusters deterministically: names and focus texts in several European languages, countries
// from data.Countries, one to three ecosystems, and labels of every kind.
func synthetic(n int) []data.Cluster {
	r := rand.New(rand.NewPCG(2026, 11))
	langs := []struct {
		cluster string
		join    string
		words   []string
	}{
		{"Cluster", "and", []string{"food", "processing", "renewable", "energy", "offshore", "wind", "medical", "devices", "software", "robotics", "textiles", "fashion", "tourism", "aerospace", "batteries", "hydrogen", "logistics", "construction", "timber", "design", "games", "packaging", "seafood", "dairy", "photonics"}},
		{"Netzwerk", "und", []string{"Lebensmittel", "Verarbeitung", "erneuerbare", "Energien", "Windkraft", "Medizintechnik", "Software", "Robotik", "Textilien", "Mode", "Tourismus", "Luftfahrt", "Batterien", "Wasserstoff", "Logistik", "Bauwirtschaft", "Holz", "Gestaltung", "Verpackung", "Maschinenbau", "Kunststoffe"}},
		{"Pôle", "et", []string{"agroalimentaire", "énergies", "renouvelables", "éolien", "santé", "dispositifs", "médicaux", "logiciel", "robotique", "textile", "mode", "tourisme", "aéronautique", "batteries", "hydrogène", "bâtiment", "bois", "emballage", "numérique", "végétal"}},
		{"Clúster", "y", []string{"alimentación", "energías", "renovables", "eólica", "salud", "dispositivos", "médicos", "robótica", "textil", "moda", "turismo", "aeronáutica", "baterías", "hidrógeno", "logística", "construcción", "madera", "envases", "acuicultura", "vino"}},
		{"Distretto", "e", []string{"agroalimentare", "energia", "rinnovabile", "salute", "dispositivi", "medici", "robotica", "tessile", "moda", "turismo", "aerospazio", "batterie", "idrogeno", "logistica", "edilizia", "legno", "imballaggi", "meccatronica", "vino"}},
		{"Klynge", "og", []string{"fødevarer", "energi", "vindmøller", "sundhed", "medicinsk", "udstyr", "software", "robotter", "tekstil", "mode", "turisme", "batterier", "brint", "byggeri", "træ", "design", "emballage", "akvakultur"}},
		{"Kluster", "och", []string{"livsmedel", "förnybar", "energi", "vindkraft", "hälsa", "medicinteknik", "mjukvara", "robotik", "textil", "mode", "turism", "flyg", "batterier", "vätgas", "byggande", "trä", "skog", "förpackningar"}},
		{"Klaster", "i", []string{"żywność", "przetwórstwo", "energia", "odnawialna", "zdrowie", "urządzenia", "medyczne", "oprogramowanie", "robotyka", "tekstylia", "moda", "turystyka", "lotnictwo", "baterie", "wodór", "budownictwo", "drewno", "opakowania", "meble"}},
		{"Klusteri", "ja", []string{"elintarvike", "uusiutuva", "energia", "tuulivoima", "terveys", "lääkinnälliset", "ohjelmistot", "robotiikka", "tekstiili", "muoti", "matkailu", "akut", "vety", "rakentaminen", "puu", "metsä", "pakkaukset"}},
		{"Cluster", "en", []string{"voedsel", "verwerking", "hernieuwbare", "energie", "windenergie", "gezondheid", "medische", "hulpmiddelen", "robotica", "textiel", "mode", "toerisme", "luchtvaart", "batterijen", "waterstof", "bouw", "hout", "verpakking", "tuinbouw"}},
		{"Cluster", "e", []string{"agroalimentar", "energias", "renováveis", "saúde", "dispositivos", "médicos", "robótica", "têxtil", "moda", "turismo", "aeronáutica", "baterias", "hidrogénio", "construção", "madeira", "cortiça", "calçado", "vinho", "mar"}},
	}
	places := []string{"North", "South", "Coast", "Valley", "Alpine", "Baltic", "Atlantic", "Danube", "Rhine", "Nordic", "Iberian", "Central", "Lake", "Delta", "Highland", "Metro"}
	labels := []data.Label{data.LabelNone, data.LabelNone, data.LabelBronze, data.LabelSilver, data.LabelGold}
	cs := make([]data.Cluster, n)
	for i := range cs {
		l := langs[r.IntN(len(langs))]
		w := func() string { return l.words[r.IntN(len(l.words))] }
		var eco []data.Ecosystem
		for range 1 + r.IntN(3) {
			eco = append(eco, data.Ecosystems[r.IntN(len(data.Ecosystems))])
		}
		var focus strings.Builder
		focus.WriteString(w() + " " + l.join + " " + w())
		for range r.IntN(4) {
			focus.WriteString(", " + w())
		}
		c := data.Cluster{
			ID:         int64(i + 1),
			Name:       fmt.Sprintf("%s %s %s %d", places[r.IntN(len(places))], strings.ToUpper(w()[:1])+w()[1:], l.cluster, i),
			Country:    data.Countries[r.IntN(len(data.Countries))].Code,
			Ecosystems: eco,
			Focus:      focus.String(),
			Label:      labels[r.IntN(len(labels))],
			Sources:    []data.Source{{URL: fmt.Sprintf("https://example.org/%d", i), Kind: "bench"}},
		}
		if c.Label != data.LabelNone && r.IntN(2) == 0 {
			c.LabelValidUntil = fmt.Sprintf("%d-%02d-%02d", 2016+r.IntN(14), 1+r.IntN(12), 1+r.IntN(28))
		}
		if r.IntN(3) == 0 {
			c.Description = w() + " " + w() + " " + l.join + " " + w()
		}
		cs[i] = c
	}
	return cs
}

func BenchmarkIndex100k(b *testing.B) {
	cs := synthetic(100_000)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		NewIndex(cs)
	}
}

func BenchmarkSuggest100k(b *testing.B) {
	cs := synthetic(100_000)
	ix := NewIndex(cs)
	homes := make([]Home, 64)
	for i := range homes {
		homes[i] = HomeFromCluster(cs[i*997])
	}
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		got := ix.Suggest(homes[i%len(homes)], Options{Limit: 20, Curiosity: float64(i%3) / 2, Today: today})
		if len(got) != 20 {
			b.Fatalf("got %d", len(got))
		}
		i++
	}
}
