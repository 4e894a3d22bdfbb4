package suggest

import "clusterbridge/data"

// Short names for the 14 ecosystems, used only to keep the complement table readable.
const (
	ecoAero      data.Ecosystem = "Aerospace & defence"
	ecoAgri      data.Ecosystem = "Agri-food"
	ecoConstr    data.Ecosystem = "Construction"
	ecoCreative  data.Ecosystem = "Cultural and creative industries"
	ecoDigital   data.Ecosystem = "Digital"
	ecoElectr    data.Ecosystem = "Electronics"
	ecoIntensive data.Ecosystem = "Energy-intensive industries"
	ecoRenew     data.Ecosystem = "Energy-renewables"
	ecoHealth    data.Ecosystem = "Health"
	ecoMobility  data.Ecosystem = "Mobility-Transport-Automotive"
	ecoSocial    data.Ecosystem = "Proximity, social economy and civil society"
	ecoRetail    data.Ecosystem = "Retail"
	ecoTextiles  data.Ecosystem = "Textiles"
	ecoTourism   data.Ecosystem = "Tourism"
)

// Strengths of a complement: a strong pair has a concrete, well-trodden joint value chain; a moderate pair is a
// real but broader link (Digital touches everything, so most of its pairs are moderate).
const (
	Strong   = 1.0
	Moderate = 0.6
)

// Complement is one pair of ecosystems that complement each other, with the reason an advisor can repeat.
// Pairs are symmetric: the table holds each pair once and Complements looks both ways.
type Complement struct {
	A, B     data.Ecosystem
	Strength float64 // Strong or Moderate
	Reason   string
}

// ComplementTable lists which of the 14 ecosystems complement which, and why. Pairs not listed do not
// complement each other for scoring (they may still share text or ecosystems).
var ComplementTable = []Complement{
	// Agri-food
	{ecoAgri, ecoRenew, Strong, "biogas and biomethane from manure and food residues, agri-PV, biomass"},
	{ecoAgri, ecoTourism, Strong, "food and wine tourism, regional gastronomy, farm stays"},
	{ecoAgri, ecoRetail, Strong, "food retail, short supply chains, private labels"},
	{ecoAgri, ecoHealth, Strong, "nutrition, functional food, food safety and microbiome"},
	{ecoAgri, ecoIntensive, Moderate, "bio-based chemicals and packaging from agricultural side streams"},
	{ecoAgri, ecoDigital, Moderate, "precision farming, food traceability and supply-chain data"},
	{ecoAgri, ecoSocial, Moderate, "rural communities, food cooperatives, social farming"},
	// Health
	{ecoHealth, ecoDigital, Strong, "e-health, telemedicine, health data and AI diagnostics"},
	{ecoHealth, ecoElectr, Strong, "medical devices, sensors and imaging"},
	{ecoHealth, ecoTextiles, Strong, "medical and smart textiles, wearables"},
	{ecoHealth, ecoTourism, Moderate, "health, spa and wellness tourism"},
	{ecoHealth, ecoSocial, Moderate, "care services, active ageing, welfare technology in communities"},
	{ecoHealth, ecoIntensive, Moderate, "pharmaceutical chemistry and active ingredients"},
	// Textiles
	{ecoTextiles, ecoDigital, Strong, "digital design, 3D knitting, e-commerce and product passports"},
	{ecoTextiles, ecoCreative, Strong, "fashion and design"},
	{ecoTextiles, ecoRetail, Strong, "fashion retail and circular resale"},
	{ecoTextiles, ecoIntensive, Moderate, "fibres, dyes and chemical recycling"},
	{ecoTextiles, ecoMobility, Moderate, "technical textiles and composites for vehicles"},
	// Construction
	{ecoConstr, ecoRenew, Strong, "energy-efficient buildings, building-integrated PV, heat pumps, district heating"},
	{ecoConstr, ecoIntensive, Strong, "low-carbon cement, steel, glass and insulation"},
	{ecoConstr, ecoDigital, Moderate, "BIM, digital twins and smart buildings"},
	{ecoConstr, ecoCreative, Moderate, "architecture and design"},
	{ecoConstr, ecoMobility, Moderate, "transport infrastructure: roads, rail, ports, charging"},
	{ecoConstr, ecoSocial, Moderate, "social housing and neighbourhood renovation"},
	// Tourism
	{ecoTourism, ecoCreative, Strong, "cultural tourism, heritage, festivals and events"},
	{ecoTourism, ecoMobility, Moderate, "visitor transport and sustainable mobility"},
	{ecoTourism, ecoDigital, Moderate, "booking platforms, visitor data, XR experiences"},
	{ecoTourism, ecoSocial, Moderate, "community-based tourism and local economy"},
	// Mobility
	{ecoMobility, ecoRenew, Strong, "electric vehicles, charging, hydrogen and green fuels for shipping"},
	{ecoMobility, ecoElectr, Strong, "automotive and power electronics, batteries"},
	{ecoMobility, ecoDigital, Moderate, "connected and automated vehicles, mobility as a service"},
	{ecoMobility, ecoIntensive, Moderate, "lightweight steel, aluminium and battery materials"},
	// Aerospace & defence
	{ecoAero, ecoElectr, Strong, "avionics, radar, microelectronics"},
	{ecoAero, ecoDigital, Moderate, "space data, cybersecurity and simulation"},
	{ecoAero, ecoMobility, Moderate, "drones, air mobility and shared propulsion technology"},
	{ecoAero, ecoIntensive, Moderate, "advanced materials: titanium, composites, special alloys"},
	// Electronics
	{ecoElectr, ecoDigital, Strong, "embedded systems, IoT and chips for AI"},
	{ecoElectr, ecoRenew, Strong, "power electronics, inverters and smart grids"},
	// Energy
	{ecoIntensive, ecoRenew, Strong, "decarbonising process heat and power, electrification, hydrogen"},
	{ecoIntensive, ecoDigital, Moderate, "process digitalisation and Industry 4.0"},
	{ecoRenew, ecoDigital, Moderate, "smart grids and energy data"},
	{ecoRenew, ecoSocial, Moderate, "energy communities and cooperatives"},
	// Culture, retail, social economy
	{ecoCreative, ecoDigital, Strong, "games, media technology, XR"},
	{ecoRetail, ecoDigital, Strong, "e-commerce and retail technology"},
	{ecoRetail, ecoCreative, Moderate, "branding, design and shop experience"},
	{ecoRetail, ecoSocial, Strong, "local shops and proximity commerce"},
	{ecoSocial, ecoDigital, Moderate, "digital inclusion and civic technology"},
}

// complementStrength[i][j] is the strength with which ecosystem bit i complements bit j (0 when not at all).
var complementStrength = func() (m [14][14]float64) {
	idx := func(e data.Ecosystem) int {
		for i, x := range data.Ecosystems {
			if x == e {
				return i
			}
		}
		panic("suggest: unknown ecosystem in ComplementTable: " + string(e))
	}
	for _, p := range ComplementTable {
		a, b := idx(p.A), idx(p.B)
		if a == b || m[a][b] != 0 {
			panic("suggest: bad or duplicate pair in ComplementTable: " + string(p.A) + " / " + string(p.B))
		}
		m[a][b], m[b][a] = p.Strength, p.Strength
	}
	return m
}()

// Complements reports whether two ecosystems complement each other, how strongly, and why.
func Complements(a, b data.Ecosystem) (strength float64, reason string) {
	for _, p := range ComplementTable {
		if (p.A == a && p.B == b) || (p.A == b && p.B == a) {
			return p.Strength, p.Reason
		}
	}
	return 0, ""
}
