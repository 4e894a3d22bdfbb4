package suggest

import (
	"math"
	"math/bits"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

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
}

// HomeFromCluster makes a Home of a catalogue cluster: its focus, description and sectors are the keywords.
func HomeFromCluster(c data.Cluster) Home {
	kw := strings.TrimSpace(c.Focus + " " + c.Description + " " + strings.Join(c.Sectors, " "))
	return Home{ID: c.ID, Name: c.Name, Country: c.Country, Ecosystems: c.Ecosystems, Keywords: kw}
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

// Suggestion is one suggested partner cluster and why.
type Suggestion struct {
	ID            int64
	Name          string
	Country       string
	Score         float64 // 0..1
	Parts         Parts
	Shared        []data.Ecosystem // ecosystems home and candidate both have
	Complementary []data.Ecosystem // ecosystems the candidate brings that complement the home's and the home lacks
	FocusWords    []string         // up to three of the candidate's words that match the home's, best first
	Label         data.Label
	LabelStatus   data.LabelStatus
	Why           string // one line, e.g. "Shares Agri-food; brings Energy-renewables; Gold valid until 2026-09-30; Netherlands"
	Shortlisted   bool
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
	// labels are the distinct labels as stated (level, year, valid-until text); each doc points at one.
	// Their statuses come from data.LabelStatusOn, once per day (statuses), so that suggestions judge a label
	// by the catalogue's one rule without asking it for every candidate.
	labels   []statedLabel
	statuses atomic.Pointer[dayStatuses]
}

type doc struct {
	mask    int64
	stated  int32 // index into Index.labels
	country uint16
	label   int8 // data.Label.Rank()
}

// statedLabel is a label as the catalogue states it: what data.LabelStatusOn needs.
type statedLabel struct {
	label      data.Label
	year       int
	validUntil string
}

// dayStatuses are the statuses of Index.labels on one day ("YYYY-MM-DD").
type dayStatuses struct {
	day string
	st  []data.LabelStatus
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
}

func (ix *Index) query(home Home) query {
	counts := make(map[string]int)
	var order []string
	for _, s := range []string{home.Name, home.Keywords} {
		tokens(s, func(st, _ string) {
			if counts[st] == 0 {
				order = append(order, st)
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

// Weights of the formula in the package documentation.
const (
	wLabel      = 0.15
	wSharedInS  = 0.6
	wCuriousD   = 0.6
	complementK = 0.7
)

type candidate struct {
	i     int32
	score float64
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
	statuses := ix.statusesOn(today)

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
	top := make([]candidate, 0, min(limit, 1024))
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
		s := wSharedInS*e + (1-wSharedInS)*t
		m := s*(1-wCuriousD*cur) + wCuriousD*cur*dd
		score := (1-wLabel)*m + wLabel*labelScore(d.label, status)
		top = push(top, limit, candidate{int32(i), score}, ix.cs)
	}
	slices.SortFunc(top, func(a, b candidate) int { return ix.cmp(a, b) })

	out := make([]Suggestion, len(top))
	for k, cd := range top {
		out[k] = ix.suggestion(cd, home, hmask, bringMask, q, opts, statuses)
	}
	return out
}

// sharedScore is E: the mean of how much of the home the shared ecosystems cover and their Dice coefficient.
func sharedScore(shared, home, cand int) float64 {
	return 0.5*float64(shared)/float64(home) + float64(shared)/float64(home+cand)
}

// statusesOn is the status of each stated label on today's date, by data.LabelStatusOn, worked out once a day.
func (ix *Index) statusesOn(today time.Time) []data.LabelStatus {
	day := today.Format(time.DateOnly)
	if ds := ix.statuses.Load(); ds != nil && ds.day == day {
		return ds.st
	}
	st := make([]data.LabelStatus, len(ix.labels))
	for i, l := range ix.labels {
		st[i] = data.LabelStatusOn(l.label, l.year, l.validUntil, today)
	}
	ix.statuses.Store(&dayStatuses{day: day, st: st})
	return st
}

// labelScore is L: valid gold > silver > bronze > any unverified label > any expired (or probably expired)
// label > none.
func labelScore(rank int8, st data.LabelStatus) float64 {
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
	if a.score != b.score {
		if a.score > b.score {
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
		if a.score != b.score {
			return a.score < b.score
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

func (ix *Index) suggestion(cd candidate, home Home, hmask, bringMask int64, q query, opts Options, statuses []data.LabelStatus) Suggestion {
	c := &ix.cs[cd.i]
	d := &ix.docs[cd.i]
	st := statuses[d.stated]
	s := Suggestion{
		ID:            c.ID,
		Name:          c.Name,
		Country:       c.Country,
		Score:         cd.score,
		Shared:        data.EcosystemsOf(hmask & d.mask),
		Complementary: data.EcosystemsOf(d.mask & bringMask),
		Label:         c.Label,
		LabelStatus:   st,
		Shortlisted:   opts.Shortlisted[c.ID],
	}
	// Recompute the parts for display (cheap: only for the kept few).
	if n := bits.OnesCount64(uint64(hmask & d.mask)); n > 0 {
		s.Parts.Shared = sharedScore(n, bits.OnesCount64(uint64(hmask)), bits.OnesCount64(uint64(d.mask)))
	}
	s.Parts.Label = labelScore(d.label, st)
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
	s.FocusWords, s.Parts.Text = ix.focusWords(c, q)
	s.Why = why(s, c.LabelValidUntil)
	return s
}

// focusWords finds the candidate's words that match the home's, best first, and the text part T.
func (ix *Index) focusWords(c *data.Cluster, q query) ([]string, float64) {
	qw := make(map[int32]float32, len(q.terms))
	for k, t := range q.terms {
		qw[t] = q.weights[k]
	}
	type hit struct {
		word string
		w    float64
	}
	var hits []hit
	seen := make(map[int32]bool)
	counts := make(map[int32]int)
	var words []string
	var terms []int32
	eachText(c, func(s string) {
		tokens(s, func(st, w string) {
			t, ok := ix.vocab[st]
			if !ok {
				return
			}
			if counts[t] == 0 {
				terms = append(terms, t)
				words = append(words, w)
			}
			counts[t]++
		})
	})
	var norm, dot float64
	for k, t := range terms {
		w := (1 + math.Log(float64(counts[t]))) * float64(ix.idf[t])
		norm += w * w
		if x, ok := qw[t]; ok && !seen[t] {
			seen[t] = true
			hits = append(hits, hit{words[k], w * float64(x)})
			dot += w * float64(x)
		}
	}
	var text float64
	if norm > 0 && dot > 0 {
		text = min(math.Sqrt(dot/math.Sqrt(norm)), 1)
	}
	slices.SortStableFunc(hits, func(a, b hit) int {
		switch {
		case a.w > b.w:
			return -1
		case a.w < b.w:
			return 1
		}
		return 0
	})
	var out []string
	for _, h := range hits {
		if len(out) == 3 {
			break
		}
		out = append(out, h.word)
	}
	return out, text
}

// why writes the one-line reason: "Shares Agri-food; brings Energy-renewables; similar focus: seafood;
// Gold valid until 2026-09-30; Netherlands".
func why(s Suggestion, validUntil string) string {
	var parts []string
	if len(s.Shared) > 0 {
		parts = append(parts, "shares "+joinEco(s.Shared))
	}
	if len(s.Complementary) > 0 {
		parts = append(parts, "brings "+joinEco(s.Complementary))
	}
	if len(s.FocusWords) > 0 {
		parts = append(parts, "similar focus: "+strings.Join(s.FocusWords, ", "))
	}
	if l := LabelText(s.Label, s.LabelStatus, validUntil); l != "" {
		parts = append(parts, l)
	}
	parts = append(parts, data.CountryName(s.Country))
	line := strings.Join(parts, "; ")
	return strings.ToUpper(line[:1]) + line[1:]
}

func joinEco(es []data.Ecosystem) string {
	ss := make([]string, len(es))
	for i, e := range es {
		ss[i] = string(e)
	}
	return strings.Join(ss, ", ")
}

// LabelText describes a label for a reason line: "Gold valid until 2026-09-30", "Silver, expired 2019-04",
// "Gold, probably expired" (a year-only label past its estimate), "Bronze, unverified", or "" when there is none.
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
