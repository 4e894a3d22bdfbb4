// Package synthetic makes large, deterministic catalogues for benchmarks: names, places and focus texts in
// several European languages, spread over countries, ecosystems and labels the way real catalogues are.
package synthetic

import (
	"fmt"
	"math/rand/v2"

	"clusterbridge/data"
)

var (
	prefixes = []string{"Nordic", "Baltic", "Alpine", "Atlantic", "Danube", "Rhine", "Iberian", "Adriatic",
		"Cluster", "Klynge", "Kluster", "Pôle", "Clúster", "Polo", "Netzwerk", "Innovatienetwerk", "Klaster", "Klasteris"}
	topics = []string{"Food & Bio", "Maritime", "Offshore Wind", "Life Science", "Robotics", "Textil", "Tèxtil",
		"Bioøkonomi", "Energía", "Automoción", "Aéronautique", "Medizintechnik", "Smart Grid", "Wood & Furniture",
		"Photonics", "Tourisme", "Agroalimentaire", "Logistics", "Hydrogen", "Circular Plastics", "Digital Health",
		"Mikroelektronik", "Water", "Kreativ", "Batteries"}
	places = []string{"Småland", "Skåne", "Jylland", "Bergen", "Trøndelag", "Göteborg", "Tampere", "Gdańsk",
		"Łódź", "Brno", "Košice", "Bayern", "Baden-Württemberg", "Île-de-France", "Bretagne", "Cataluña",
		"País Vasco", "Aragón", "Lombardia", "Emilia-Romagna", "Noord-Brabant", "Vlaanderen", "Wallonie",
		"Kaunas", "Tartu", "Rīga", "Porto", "Dublin"}
	// words is a domain vocabulary; descriptions draw from it with Zipf frequencies, as real texts do.
	words     = []string{"innovation", "sustainable", "digital", "circular", "energy", "food", "processing", "manufacturing", "health", "hydrogen", "biogas", "aquaculture", "offshore", "software", "textiles", "materials", "logistics", "tourism", "design", "robots", "sensors", "water", "recycling", "packaging", "batteries", "photonics", "semiconductors", "microelectronics", "medtech", "diagnostics", "pharma", "biotech", "vaccines", "ehealth", "telemedicine", "ageing", "nutrition", "dairy", "meat", "seafood", "fisheries", "forestry", "wood", "furniture", "construction", "buildings", "housing", "retrofit", "insulation", "cement", "steel", "aluminium", "chemicals", "plastics", "polymers", "composites", "coatings", "ceramics", "glass", "paper", "pulp", "printing", "media", "film", "games", "music", "fashion", "footwear", "leather", "jewellery", "crafts", "museums", "heritage", "hospitality", "gastronomy", "wine", "beer", "olive", "fruit", "vegetables", "cereals", "seeds", "fertiliser", "irrigation", "drones", "satellites", "aerospace", "defence", "security", "cybersecurity", "blockchain", "fintech", "insurance", "banking", "data", "cloud", "ai", "analytics", "iot", "5g", "connectivity", "automotive", "mobility", "railways", "shipping", "ports", "maritime", "shipbuilding", "subsea", "wind", "solar", "geothermal", "heat", "grids", "storage", "efficiency", "mining", "minerals", "metals", "foundry", "machining", "automation", "mechatronics", "plasma", "lasers", "optics", "quantum", "nano", "hospitals", "care", "rehabilitation", "sport", "wellbeing", "education", "skills", "training", "startups", "incubation", "internationalisation", "export", "smes", "retail", "ecommerce", "fairs", "events", "creative", "architecture", "urban", "smart", "cities", "transport", "freight", "aviation", "space", "bioeconomy", "biomass", "algae", "enzymes", "fermentation", "proteins", "insects", "cosmetics", "hygiene", "textiles", "workwear", "Nachhaltigkeit", "innovación", "durabilité", "bæredygtig", "hållbar", "kestävä", "zrównoważony", "duurzaam", "sostenibile", "Lebensmittel", "alimentación", "alimentaire", "fødevarer", "livsmedel", "elintarvike", "żywność", "voedsel", "alimentare", "Energie", "energía", "énergie", "energi", "energia", "Gesundheit", "salud", "santé", "sundhed", "hälsa", "terveys", "zdrowie", "gezondheid"}
	countries = []string{"SE", "NO", "DK", "FI", "IS", "NL", "BE", "DE", "AT", "FR", "ES", "PT", "IT", "PL",
		"CZ", "SK", "LT", "LV", "EE", "IE", "HU", "RO", "SI", "HR", "GR"}
)

// Clusters makes n clusters, the same n every time.
func Clusters(n int) []data.Cluster {
	r := rand.New(rand.NewPCG(2026, 11))
	zipf := rand.NewZipf(r, 1.07, 4, uint64(len(words)-1))
	out := make([]data.Cluster, n)
	for i := range out {
		c := &out[i]
		place := places[r.IntN(len(places))]
		topic := topics[r.IntN(len(topics))]
		c.Name = fmt.Sprintf("%s %s %s %d", prefixes[r.IntN(len(prefixes))], topic, place, i)
		c.Country = countries[r.IntN(len(countries))]
		c.City = place
		for k := 0; k < 1+r.IntN(3); k++ {
			e := data.Ecosystems[r.IntN(len(data.Ecosystems))]
			if e.Bit()&data.EcosystemMask(c.Ecosystems) == 0 {
				c.Ecosystems = append(c.Ecosystems, e)
			}
		}
		c.Focus = fmt.Sprintf("%s %s and %s", topic, words[zipf.Uint64()], words[zipf.Uint64()])
		desc := make([]byte, 0, 200)
		for k := 0; k < 20; k++ {
			desc = append(desc, words[zipf.Uint64()]...)
			desc = append(desc, ' ')
		}
		c.Description = string(desc)
		switch x := r.IntN(10); {
		case x < 1:
			c.Label = data.LabelGold
		case x < 2:
			c.Label = data.LabelSilver
		case x < 5:
			c.Label = data.LabelBronze
		}
		if c.Label != data.LabelNone {
			c.LabelYear = 2014 + r.IntN(12)
			if r.IntN(2) == 0 {
				c.LabelValidUntil = fmt.Sprintf("%d-%02d-%02d", c.LabelYear+2, 1+r.IntN(12), 1+r.IntN(28))
			}
		}
		c.Website = fmt.Sprintf("https://cluster-%d.example.eu", i)
		c.Sources = []data.Source{{URL: c.Website + "/about", Kind: "synthetic"}}
	}
	return out
}
