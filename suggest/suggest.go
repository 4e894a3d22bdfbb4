package suggest

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"clusterbridge/data"
)

// Home is the cluster partners are sought for: a cluster of the catalogue (HomeFromCluster) or the user's own
// "my cluster" profile. Keywords is free text in any European language.
type Home struct {
	ID         int64 // 0 for a profile that is not in the catalogue
	Name       string
	Country    string // ISO code; clusters in this country are left out
	Ecosystems []data.Ecosystem
	Keywords   string
	Sectors    []string // named sectors; a candidate naming the same one shares it as a whole
}

// HomeFromCluster makes a Home of a catalogue cluster: its focus, description and sectors are the keywords.
func HomeFromCluster(c data.Cluster) Home {
	kw := strings.TrimSpace(c.Focus + " " + c.Description + " " + strings.Join(c.Sectors, " "))
	return Home{ID: c.ID, Name: c.Name, Country: c.Country, Ecosystems: c.Ecosystems, Keywords: kw, Sectors: c.Sectors}
}

// Options narrow and tune a suggestion list. The zero value suggests every fitting cluster abroad, by likeness.
type Options struct {
	Limit       int            // at most this many suggestions; 0 or less means all
	Countries   []string       // codes, names or group names (see ExpandCountries); empty means all countries
	Labels      []data.Label   // label levels to keep (data.LabelNone keeps unlabelled ones); empty means all
	ValidOnly   bool           // keep only clusters whose label is valid on Today
	Curiosity   float64        // 0 most similar … 1 most complementary; clamped to [0,1]
	Today       time.Time      // the day label validity is judged on; zero means time.Now()
	Shortlisted map[int64]bool // IDs of clusters already on a shortlist; they are marked, not left out
}

// Parts are the components of a score, each in [0,1] (see the package documentation).
type Parts struct {
	Shared        float64 // E
	Text          float64 // T
	Complementary float64 // D
	Label         float64 // L
}

// Suggestion is one suggested partner cluster and why. The reasons are structured – the words and sectors
// both use, the ecosystems both are in, what the candidate brings – for the window and the command line to
// phrase in their own words.
type Suggestion struct {
	ID          int64
	Name        string
	Country     string
	Score       float64 // 0..1
	Parts       Parts
	SharedTerms []string // up to three sectors or words both use (the candidate's words), best first
	// SharedConcepts are up to three concepts of the sector glossary both texts name, in any language ("food"
	// for livsmedel and food), best first: the window names them in its language (data.ConceptName).
	SharedConcepts []string
	Shared         []data.Ecosystem // ecosystems home and candidate both have
	Complementary  []data.Ecosystem // ecosystems the candidate brings that complement the home's and the home lacks
	BroughtTerms   []string         // up to two of the candidate's words the home does not use, best first
	Label          data.Label
	LabelStatus    data.LabelStatus
	LabelThrough   string // the last day the label covers (or, for a year-only label, its estimate); "" if unknown
	LongExpired    bool   // the label ran out more than a year before Today: the cluster may have wound down
	Closed         bool   // the user marked it closed; closed clusters come last
	ClosedNote     string
	Shortlisted    bool
}

// Index holds the catalogue prepared for suggestions: folded, stemmed TF-IDF vectors in an inverted index,
// ecosystem masks and label dates. Build it once per catalogue with NewIndex; it is safe for concurrent use.
// It keeps the slice it was built from, which must not be changed while the index is used.
type Index struct {
	cs    []data.Cluster
	docs  []doc
	vocab map[string]int32
	idf   []float32
	// postings of term t: postDoc/postW[postStart[t]:postStart[t+1]]
	postStart []int32
	postDoc   []int32
	postW     []float32
	countries map[string]uint16 // country code → small number
	acc       sync.Pool         // *[]float32 of len(docs)
	fits      sync.Pool         // *[]fit
	// labels are the distinct labels as stated (level, year, valid-until text); each doc points at one.
	// Their statuses come from data.LabelStatusOn, once per day (statuses), so that suggestions judge a label
	// by the catalogue's one rule without asking it for every candidate.
	labels   []statedLabel
	statuses atomic.Pointer[dayStatuses]
	df       []int32 // how many clusters use each term
}

type doc struct {
	mask    int64
	stated  int32 // index into Index.labels
	country uint16
	label   int8 // data.Label.Rank()
	closed  bool // the user's mark
}

// statedLabel is a label as the catalogue states it: what data.LabelStatusOn needs.
type statedLabel struct {
	label      data.Label
	year       int
	validUntil string
}

// dayStatuses are the statuses of Index.labels on one day ("YYYY-MM-DD"), and which ran out long before it.
type dayStatuses struct {
	day  string
	st   []data.LabelStatus
	long []bool
}

// NewIndex prepares cs for suggestions.
func NewIndex(cs []data.Cluster) *Index {
	ix := &Index{
		cs:        cs,
		docs:      make([]doc, len(cs)),
		vocab:     make(map[string]int32),
		countries: map[string]uint16{"": 0},
	}
	type tf struct {
		term  int32
		count int32
	}
	var (
		df      []int32
		docTerm = make([][]tf, len(cs))
		local   = make(map[int32]int32)
		stated  = map[statedLabel]int32{}
	)
	for i := range cs {
		c := &cs[i]
		cc := strings.ToUpper(c.Country)
		cn, ok := ix.countries[cc]
		if !ok {
			cn = uint16(len(ix.countries))
			ix.countries[cc] = cn
		}
		sl := statedLabel{c.Label, c.LabelYear, c.LabelValidUntil}
		if c.Label == data.LabelNone {
			sl = statedLabel{}
		}
		k, ok := stated[sl]
		if !ok {
			k = int32(len(ix.labels))
			stated[sl] = k
			ix.labels = append(ix.labels, sl)
		}
		ix.docs[i] = doc{
			mask:    data.EcosystemMask(c.Ecosystems),
			stated:  k,
			country: cn,
			label:   int8(c.Label.Rank()),
			closed:  c.Closed,
		}
		clear(local)
		eachText(c, func(s string) {
			tokens(s, func(st, _ string) {
				t, ok := ix.vocab[st]
				if !ok {
					t = int32(len(df))
					ix.vocab[st] = t
					df = append(df, 0)
				}
				if local[t] == 0 {
					df[t]++
				}
				local[t]++
			})
		})
		terms := make([]tf, 0, len(local))
		for t, n := range local {
			terms = append(terms, tf{t, n})
		}
		docTerm[i] = terms
	}
	n := float64(len(cs))
	ix.df = df
	ix.idf = make([]float32, len(df))
	for t, d := range df {
		ix.idf[t] = float32(1 + math.Log((n+1)/(float64(d)+1)))
	}
	ix.postStart = make([]int32, len(df)+1)
	for t, d := range df {
		ix.postStart[t+1] = ix.postStart[t] + d
	}
	total := ix.postStart[len(df)]
	ix.postDoc = make([]int32, total)
	ix.postW = make([]float32, total)
	fill := slices.Clone(ix.postStart[:len(df)])
	for i, terms := range docTerm {
		var norm float64
		for _, x := range terms {
			w := (1 + math.Log(float64(x.count))) * float64(ix.idf[x.term])
			norm += w * w
		}
		norm = math.Sqrt(norm)
		for _, x := range terms {
			w := (1 + math.Log(float64(x.count))) * float64(ix.idf[x.term])
			p := fill[x.term]
			fill[x.term]++
			ix.postDoc[p] = int32(i)
			ix.postW[p] = float32(w / norm)
		}
	}
	ix.fits.New = func() any {
		f := make([]fit, 0, len(ix.docs))
		return &f
	}
	ix.acc.New = func() any {
		a := make([]float32, len(ix.docs))
		return &a
	}
	return ix
}

// eachText calls fn with every text of a cluster that text similarity reads.
func eachText(c *data.Cluster, fn func(string)) {
	fn(c.Name)
	fn(c.Focus)
	fn(c.Description)
	for _, s := range c.Sectors {
		fn(s)
	}
}

// Len is the number of clusters in the index.
func (ix *Index) Len() int { return len(ix.docs) }

// query is the home's TF-IDF vector over the index's vocabulary.
type query struct {
	terms   []int32
	weights []float32 // normalised over all the home's words, known to the index or not
	// concepts are the terms the sector glossary brought in for a home word no cluster uses ("livsmedel" brings
	// food, agrifood, nutrition…), each with its concept.
	concepts map[int32]string
}

func (ix *Index) query(home Home) query {
	counts := make(map[string]int)
	wordOf := make(map[string]string)
	var order []string
	for _, s := range []string{home.Name, home.Keywords} {
		tokens(s, func(st, w string) {
			if counts[st] == 0 {
				order = append(order, st)
				wordOf[st] = w
			}
			counts[st]++
		})
	}
	n := float64(len(ix.docs))
	var q query
	var norm float64
	for _, st := range order {
		idf := 1 + math.Log(n+1) // a word no cluster uses
		t, known := ix.vocab[st]
		if known {
			idf = float64(ix.idf[t])
		}
		w := (1 + math.Log(float64(counts[st]))) * idf
		norm += w * w
		if known {
			q.terms = append(q.terms, t)
			q.weights = append(q.weights, float32(w))
		} else {
			ix.widen(&q, wordOf[st], float32(w))
		}
	}
	if norm > 0 {
		norm = math.Sqrt(norm)
		for i := range q.weights {
			q.weights[i] = float32(float64(q.weights[i]) / norm)
		}
	}
	return q
}

// widen adds to q, for a home word no cluster uses, the words the clusters do use for the glossary's concepts it
// names, in any language: a profile in Swedish or Norwegian then meets descriptions in English. Each counts as
// much as the word, and none adds to the norm: the profile says the same thing, in words the index knows.
func (ix *Index) widen(q *query, word string, w float32) {
	for _, c := range data.ConceptsOf(word, false) {
		if strings.HasPrefix(c, "place:") {
			continue
		}
		for _, term := range data.ConceptWords(c) {
			t, known := ix.vocab[stem(term)]
			if !known || slices.Contains(q.terms, t) {
				continue
			}
			if q.concepts == nil {
				q.concepts = map[int32]string{}
			}
			q.terms, q.weights, q.concepts[t] = append(q.terms, t), append(q.weights, w), c
		}
	}
}

// Weights of the formula in the package documentation.
const (
	wLabel      = 0.15
	wSharedInS  = 0.3 // a shared broad ecosystem is weak evidence; shared words count more
	wBareC      = 0.6 // the share of the complementary score a candidate with no touch point keeps
	curveExp    = 1.5 // the slider's c moves the weights by u = c^1.5, lest the first step only break ties
	complementK = 0.7
	// longExpiredFactor scales the score of a cluster whose label ran out more than a year ago.
	longExpiredFactor = 0.8
)

type candidate struct {
	i     int32
	score float64
	key   float64 // the score, less 2 for a closed cluster so that closed ones come last
}

// Suggest ranks the clusters abroad for home, best first (ties by name).
func (ix *Index) Suggest(home Home, opts Options) []Suggestion {
	if len(ix.docs) == 0 {
		return nil
	}
	cur := opts.Curiosity
	if !(cur >= 0) { // also NaN
		cur = 0
	}
	cur = min(cur, 1)
	today := opts.Today
	if today.IsZero() {
		today = time.Now()
	}
	day := ix.statusesOn(today)
	statuses := day.st

	// Filters as small tables.
	homeCountry, hasHomeCountry := ix.countries[strings.ToUpper(home.Country)]
	homeCountryKnown := strings.TrimSpace(home.Country) != ""
	var allowCountry []bool
	if len(opts.Countries) > 0 {
		allowCountry = make([]bool, len(ix.countries))
		codes, _ := ExpandCountries(opts.Countries)
		for _, c := range codes {
			if n, ok := ix.countries[c]; ok {
				allowCountry[n] = true
			}
		}
	}
	allowLabel := [4]bool{true, true, true, true}
	if len(opts.Labels) > 0 {
		allowLabel = [4]bool{}
		for _, l := range opts.Labels {
			allowLabel[l.Rank()] = true
		}
	}

	// Per-home tables: E by the candidate's mask size and overlap, D by the mask of what the candidate brings.
	hmask := data.EcosystemMask(home.Ecosystems)
	hn := bits.OnesCount64(uint64(hmask))
	var brings [14]float64 // strength with which each ecosystem complements the home
	for j := range brings {
		if hmask&(1<<j) != 0 {
			continue
		}
		for i := range brings {
			if hmask&(1<<i) != 0 {
				brings[j] = max(brings[j], complementStrength[i][j])
			}
		}
	}
	var bringMask int64
	for j, s := range brings {
		if s > 0 {
			bringMask |= 1 << j
		}
	}
	var keep [14]float64 // 1 − 0.7·s for each ecosystem the home could be brought
	for j, s := range brings {
		keep[j] = 1 - complementK*s
	}

	// Text: accumulate the cosine with every candidate through the postings.
	q := ix.query(home)
	accp := ix.acc.Get().(*[]float32)
	acc := *accp
	defer func() {
		clear(acc)
		ix.acc.Put(accp)
	}()
	for k, t := range q.terms {
		qw := q.weights[k]
		lo, hi := ix.postStart[t], ix.postStart[t+1]
		docs, ws := ix.postDoc[lo:hi], ix.postW[lo:hi]
		for j, d := range docs {
			acc[d] += qw * ws[j]
		}
	}

	limit := opts.Limit
	if limit <= 0 || limit > len(ix.docs) {
		limit = len(ix.docs)
	}
	fitsp := ix.fits.Get().(*[]fit)
	fits := (*fitsp)[:0]
	defer func() {
		*fitsp = fits[:0]
		ix.fits.Put(fitsp)
	}()
	var maxS, maxC float32
	for i := range ix.docs {
		d := &ix.docs[i]
		if home.ID != 0 && ix.cs[i].ID == home.ID {
			continue
		}
		if homeCountryKnown && (d.country == 0 || (hasHomeCountry && d.country == homeCountry)) {
			continue
		}
		if allowCountry != nil && !allowCountry[d.country] {
			continue
		}
		if !allowLabel[d.label] {
			continue
		}
		status := statuses[d.stated]
		if opts.ValidOnly && status != data.StatusValid {
			continue
		}
		shared := bits.OnesCount64(uint64(hmask & d.mask))
		var e float64
		if shared > 0 {
			e = sharedScore(shared, hn, bits.OnesCount64(uint64(d.mask)))
		}
		var t float64
		if cos := acc[i]; cos > 0 {
			t = min(math.Sqrt(float64(cos)), 1)
		}
		var dd float64
		if b := d.mask & bringMask; b != 0 {
			p := 1.0
			for ; b != 0; b &= b - 1 {
				p *= keep[bits.TrailingZeros64(uint64(b))]
			}
			dd = 1 - p
		}
		if e == 0 && t == 0 && dd == 0 {
			continue
		}
		s := likeness(e, t)
		c := complementarity(s, dd)
		maxS, maxC = max(maxS, s), max(maxC, c)
		fits = append(fits, fit{int32(i), s, c})
	}
	// Likeness and complementarity are each scaled to the best of this home's candidates; the slider moves the
	// weight from likeness through "both" to complementarity (see the package documentation).
	u := math.Pow(cur, curveExp)
	wS, wB, wC := (1-u)*(1-u), 2*u*(1-u), u*u
	inS, inC := 1/max(float64(maxS), 1e-9), 1/max(float64(maxC), 1e-9)
	top := make([]candidate, 0, min(limit, 1024))
	for _, f := range fits {
		d := &ix.docs[f.i]
		long := day.long[d.stated]
		s, c := float64(f.s)*inS, float64(f.c)*inC
		m := min(wS*s+wB*math.Sqrt(s*c)+wC*c, 1)
		score := (1-wLabel)*m + wLabel*labelScore(d.label, statuses[d.stated], long)
		if long {
			score *= longExpiredFactor
		}
		key := score
		if d.closed {
			key -= 2
		}
		top = push(top, limit, candidate{f.i, score, key}, ix.cs)
	}
	slices.SortFunc(top, func(a, b candidate) int { return ix.cmp(a, b) })

	out := make([]Suggestion, len(top))
	for k, cd := range top {
		out[k] = ix.suggestion(cd, home, hmask, bringMask, q, opts, day)
	}
	return out
}

// fit is a candidate that passed the filters, with its likeness and complementarity.
type fit struct {
	i    int32
	s, c float32
}

// likeness is S: shared words weigh more than a shared broad ecosystem.
func likeness(e, t float64) float32 {
	return float32(wSharedInS*e + (1-wSharedInS)*t)
}

// complementarity is C: what the candidate brings (D), worth most with a touch point (likeness s) to start from.
func complementarity(s float32, d float64) float32 {
	return float32(d * (wBareC + (1-wBareC)*math.Sqrt(float64(s))))
}

// sharedScore is E: the mean of how much of the home the shared ecosystems cover and their Dice coefficient.
func sharedScore(shared, home, cand int) float64 {
	return 0.5*float64(shared)/float64(home) + float64(shared)/float64(home+cand)
}

// statusesOn is the status of each stated label on today's date, by data.LabelStatusOn, worked out once a day.
// A label that ran out more than a year before today is long expired.
func (ix *Index) statusesOn(today time.Time) *dayStatuses {
	day := today.Format(time.DateOnly)
	if ds := ix.statuses.Load(); ds != nil && ds.day == day {
		return ds
	}
	ds := &dayStatuses{day: day, st: make([]data.LabelStatus, len(ix.labels)), long: make([]bool, len(ix.labels))}
	yearAgo := today.AddDate(-1, 0, 0).Format(time.DateOnly)
	for i, l := range ix.labels {
		ds.st[i] = data.LabelStatusOn(l.label, l.year, l.validUntil, today)
		ds.long[i] = ds.st[i].OutOfDate() && labelThrough(l) < yearAgo
	}
	ix.statuses.Store(ds)
	return ds
}

// labelThrough is the last day a stated label covers, or its estimate for a year-only label; "" if unknown.
func labelThrough(l statedLabel) string {
	if t := data.ValidThrough(l.validUntil); t != "" {
		return t
	}
	return data.EstimatedThrough(l.year)
}

// labelScore is L: valid gold > silver > bronze > any unverified label > any expired (or probably expired)
// label > none, and a label that ran out long ago counts as none.
func labelScore(rank int8, st data.LabelStatus, long bool) float64 {
	if long {
		return 0
	}
	switch st {
	case data.StatusValid:
		return 0.4 + 0.2*float64(rank) // 1, 0.8, 0.6
	case data.StatusUnverified:
		return 0.25 + 0.05*float64(rank) // 0.4, 0.35, 0.3
	case data.StatusExpired, data.StatusProbablyExpired:
		return 0.125 + 0.025*float64(rank) // 0.2, 0.175, 0.15
	}
	return 0
}

// cmp orders candidates best first: higher score, then name, then ID.
func (ix *Index) cmp(a, b candidate) int {
	if a.key != b.key {
		if a.key > b.key {
			return -1
		}
		return 1
	}
	if c := strings.Compare(ix.cs[a.i].Name, ix.cs[b.i].Name); c != 0 {
		return c
	}
	switch {
	case ix.cs[a.i].ID < ix.cs[b.i].ID:
		return -1
	case ix.cs[a.i].ID > ix.cs[b.i].ID:
		return 1
	}
	return 0
}

// push keeps the best limit candidates in a heap whose root is the worst kept.
func push(h []candidate, limit int, c candidate, cs []data.Cluster) []candidate {
	worse := func(a, b candidate) bool { // a ranks below b
		if a.key != b.key {
			return a.key < b.key
		}
		if na, nb := cs[a.i].Name, cs[b.i].Name; na != nb {
			return na > nb
		}
		return cs[a.i].ID > cs[b.i].ID
	}
	if len(h) < limit {
		h = append(h, c)
		for j := len(h) - 1; j > 0; {
			p := (j - 1) / 2
			if !worse(h[j], h[p]) {
				break
			}
			h[j], h[p] = h[p], h[j]
			j = p
		}
		return h
	}
	if !worse(h[0], c) {
		return h
	}
	h[0] = c
	for j := 0; ; {
		l, r, m := 2*j+1, 2*j+2, j
		if l < len(h) && worse(h[l], h[m]) {
			m = l
		}
		if r < len(h) && worse(h[r], h[m]) {
			m = r
		}
		if m == j {
			break
		}
		h[j], h[m] = h[m], h[j]
		j = m
	}
	return h
}

func (ix *Index) suggestion(cd candidate, home Home, hmask, bringMask int64, q query, opts Options, day *dayStatuses) Suggestion {
	c := &ix.cs[cd.i]
	d := &ix.docs[cd.i]
	st := day.st[d.stated]
	s := Suggestion{
		ID:            c.ID,
		Name:          c.Name,
		Country:       c.Country,
		Score:         cd.score,
		Shared:        data.EcosystemsOf(hmask & d.mask),
		Complementary: data.EcosystemsOf(d.mask & bringMask),
		Label:         c.Label,
		LabelStatus:   st,
		LongExpired:   day.long[d.stated],
		Closed:        c.Closed,
		ClosedNote:    c.ClosedNote,
		Shortlisted:   opts.Shortlisted[c.ID],
	}
	if c.Label != data.LabelNone {
		s.LabelThrough = labelThrough(ix.labels[d.stated])
	}
	// Recompute the parts for display (cheap: only for the kept few).
	if n := bits.OnesCount64(uint64(hmask & d.mask)); n > 0 {
		s.Parts.Shared = sharedScore(n, bits.OnesCount64(uint64(hmask)), bits.OnesCount64(uint64(d.mask)))
	}
	s.Parts.Label = labelScore(d.label, st, s.LongExpired)
	var brings [14]float64
	for _, e := range s.Complementary {
		j := bits.TrailingZeros64(uint64(e.Bit()))
		for i := range 14 {
			if hmask&(1<<i) != 0 {
				brings[j] = max(brings[j], complementStrength[i][j])
			}
		}
	}
	p := 1.0
	for _, b := range brings {
		p *= 1 - complementK*b
	}
	s.Parts.Complementary = 1 - p
	var words []string
	words, s.BroughtTerms, s.Parts.Text = ix.terms(c, q)
	s.SharedTerms = sharedSectors(home.Sectors, c.Sectors)
	for _, w := range words {
		if concept, ok := isConcept(w); ok {
			if len(s.SharedConcepts) < maxSharedTerms {
				s.SharedConcepts = append(s.SharedConcepts, concept)
			}
			continue
		}
		if len(s.SharedTerms) == maxSharedTerms {
			continue
		}
		if !slices.ContainsFunc(s.SharedTerms, func(t string) bool { return strings.Contains(data.Fold(t), w) }) {
			s.SharedTerms = append(s.SharedTerms, w)
		}
	}
	return s
}

// conceptPrefix marks a shared term that is a concept of the sector glossary rather than a word: the home
// said "livsmedel", the candidate "food".
const conceptPrefix = "§"

// isConcept says whether a shared term is a glossary concept, and which.
func isConcept(term string) (string, bool) { return strings.CutPrefix(term, conceptPrefix) }

// How many shared and brought words a reason names.
const (
	maxSharedTerms  = 3
	maxBroughtTerms = 2
)

// sharedSectors are the candidate's sectors the home names too (folded alike), in the candidate's order.
func sharedSectors(home, cand []string) []string {
	var out []string
	for _, c := range cand {
		if len(out) == maxSharedTerms {
			break
		}
		if slices.ContainsFunc(home, func(h string) bool { return data.Fold(h) == data.Fold(c) }) {
			out = append(out, c)
		}
	}
	return out
}

// terms finds the candidate's words that match the home's, best first; what it brings that the home does not
// use, best first; and the text part T. A brought word must be used by another cluster as well (a word only one
// cluster uses is mostly a place or a name) and say what the cluster works on (not placeWords); a brought word's
// neighbour in the text that is brought too joins it as one phrase ("mechanical engineering").
func (ix *Index) terms(c *data.Cluster, q query) (shared, brought []string, text float64) {
	qw := make(map[int32]float32, len(q.terms))
	for k, t := range q.terms {
		qw[t] = q.weights[k]
	}
	type place struct{ field, at int } // which text, and which word of it
	type term struct {
		id             int32
		word           string // as it first stands
		places         []place
		shared, brings bool
		w              float64
	}
	var terms []term
	index := make(map[int32]int)
	field := 0
	eachText(c, func(s string) {
		tokensAt(s, func(at int, st, w string) {
			t, ok := ix.vocab[st]
			if !ok {
				return
			}
			if k, seen := index[t]; seen {
				terms[k].places = append(terms[k].places, place{field, at})
				return
			}
			index[t] = len(terms)
			terms = append(terms, term{id: t, word: w, places: []place{{field, at}}})
		})
		field++
	})
	var norm, dot float64
	for k := range terms {
		x := &terms[k]
		x.w = (1 + math.Log(float64(len(x.places)))) * float64(ix.idf[x.id])
		norm += x.w * x.w
		if h, ok := qw[x.id]; ok {
			x.shared = true
			dot += x.w * float64(h)
			x.w *= float64(h)
		} else {
			// field 0 is the name: its words name the cluster rather than say what it brings
			x.brings = x.places[0].field > 0 && ix.df[x.id] > 1 && utf8.RuneCountInString(x.word) > 3 && !placeWords[x.word]
		}
	}
	if norm > 0 && dot > 0 {
		text = min(math.Sqrt(dot/math.Sqrt(norm)), 1)
	}
	byWeight := slices.Clone(terms)
	slices.SortStableFunc(byWeight, func(a, b term) int { return cmp.Compare(b.w, a.w) })
	used := make(map[int32]bool)
	for _, x := range byWeight {
		switch {
		case x.shared && len(shared) < maxSharedTerms:
			word := x.word
			if c, ok := q.concepts[x.id]; ok {
				word = conceptPrefix + c
			}
			if !slices.Contains(shared, word) {
				shared = append(shared, word)
			}
		case x.brings && len(brought) < maxBroughtTerms && !used[x.id]:
			phrase := x.word
			used[x.id] = true
			for _, y := range terms { // a brought neighbour joins it, in the text's order
				if !y.brings || used[y.id] {
					continue
				}
				for _, px := range x.places {
					if slices.Contains(y.places, place{px.field, px.at + 1}) {
						phrase, used[y.id] = phrase+" "+y.word, true
						break
					}
					if slices.Contains(y.places, place{px.field, px.at - 1}) {
						phrase, used[y.id] = y.word+" "+phrase, true
						break
					}
				}
			}
			brought = append(brought, phrase)
		}
	}
	return shared, brought, text
}

// LabelText describes a label for a reason line in English: "Gold valid until 2026-09-30", "Silver, expired
// 2019-04", "Gold, probably expired" (a year-only label past its estimate), "Bronze, unverified", or "" when
// there is none. The window words it in the user's language instead.
func LabelText(l data.Label, st data.LabelStatus, validUntil string) string {
	if l == data.LabelNone {
		return ""
	}
	name := strings.ToUpper(string(l[:1])) + string(l[1:])
	through := data.ValidThrough(validUntil)
	switch st {
	case data.StatusValid:
		return name + " valid until " + through
	case data.StatusExpired:
		return name + ", expired " + through[:7]
	case data.StatusProbablyExpired:
		return name + ", probably expired"
	}
	return name + ", unverified"
}
