package suggest

import (
	"strings"
	"unicode/utf8"

	"clusterbridge/data"
)

// stemLen is how many letters of a word the text similarity keeps. Cutting words to a common prefix is a
// crude stemmer that works across the catalogue's languages: energy, Energie, energia and energi all become
// "energ"; biotechnology, Biotechnologie and biotecnologia become "biote".
const stemLen = 5

// stopWords are folded (data.Fold) words that carry no meaning for matching: a compact list for each of the
// main European languages, words that every cluster uses of itself, legal forms, and country names.
var stopWords = func() map[string]bool {
	lists := []string{
		// English
		`a an and are as at be by for from has have in into is it its of on or our that the their this to
		 was we were which with within all also more new other such than through over under about based`,
		// German
		`der die das den dem des ein eine einer eines einem einen und oder fur mit von zu zum zur im in am an
		 auf aus bei ist sind wird werden als auch nach uber unter sowie wir unser unsere`,
		// French
		`le la les un une des du de d l et ou en au aux pour par sur dans avec est sont qui que ce cette ces
		 son sa ses nous notre nos plus entre`,
		// Spanish
		`el la los las un una unos unas de del y o en al para por con sin sobre que es son su sus nuestro
		 nuestra entre como mas`,
		// Italian
		`il lo la i gli le un uno una di del della dei delle degli e ed o in nel nella nei al alla ai per
		 con su che sono suo sua tra fra come piu`,
		// Dutch
		`de het een en of van in op te voor met door aan bij uit naar is zijn wordt worden dat die deze dit
		 ons onze als ook`,
		// Swedish
		`och eller i pa av for med till fran om som ar det den de en ett var vara vi har inom samt`,
		// Danish
		`og eller i pa af for med til fra om som er det den de en et vores vi har inden samt`,
		// Norwegian
		`og eller i pa av for med til fra om som er det den de en et ei var vi har innen samt`,
		// Finnish
		`ja tai on ovat se ne etta kanssa kuin myos sekä seka joka jotka mika tama nama`,
		// Polish
		`i oraz lub w we na z ze do od dla po przez jest sa to ten ta te ktory ktora ktore jak nasz nasza`,
		// Portuguese
		`o a os as um uma uns umas de do da dos das e ou em no na nos nas ao aos para por com sem sobre que
		 e sao seu sua entre como mais`,
		// What every cluster says of itself, and legal forms
		`cluster clusters klaster klastr klastry klynge klyngen kluster klustret klusteri klasteris klasteri
		 klasters cluster's clusteren network networks netzwerk reseau red rete netwerk nettverk natverk
		 netvaerk association verband vereniging forening foreningen asociacion associazione associacao
		 stowarzyszenie ev e v gmbh ag sa sl spa srl asbl vzw vzw ab as aps oy ry bv nv ltd
		 esca portfolio listed national regional region europe european`,
	}
	m := make(map[string]bool)
	for _, l := range lists {
		for _, w := range strings.Fields(l) {
			m[data.Fold(w)] = true
		}
	}
	for _, n := range data.CountryNames() {
		for _, w := range strings.Fields(data.Fold(n)) {
			m[w] = true
		}
	}
	return m
}()

// placeWords are folded words that say where a cluster is, who runs it or how, not what it works on: a reason
// does not name them as something a partner brings. Country names are stop words already.
var placeWords = func() map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(`north south east west northern southern eastern western central lower upper
		nordic baltic arctic alpine atlantic mediterranean danish swedish norwegian finnish icelandic german
		french spanish italian dutch polish portuguese flemish walloon wallonia flanders basque catalan catalonia
		bavarian bavaria austrian belgian czech slovak slovenian croatian estonian latvian lithuanian irish
		british scottish welsh hungarian greek romanian bulgarian skane lapland brabant zeeland westland ecoplus
		focus per key spearhead cross state future sustainable smart competitiveness pole exporters export
		value chain companies organisations research name product products producers efficient primary
		supplier suppliers goods sector sectors association transition rapid advanced`) {
		m[w] = true
	}
	return m
}()

// tokens calls fn with the stem and the folded word of every meaningful word in s.
func tokens(s string, fn func(stem, word string)) {
	tokensFrom(s, 0, func(_ int, stem, word string) { fn(stem, word) })
}

// tokensAt is tokens with each word's place among all the words of s, meaningful or not: two words are
// neighbours in s when their places differ by one. A punctuation mark between them ("water, climate") takes a
// place of its own, so that they are not.
func tokensAt(s string, fn func(at int, stem, word string)) {
	at := 0
	for part := range strings.FieldsFuncSeq(s, isBreak) {
		at = tokensFrom(part, at, fn) + 1
	}
}

// isBreak is a punctuation mark that parts phrases; brackets do not ("sea (blue) economy").
func isBreak(r rune) bool { return strings.ContainsRune(",;:/|·•–—.!?", r) }

// tokensFrom calls fn for the words of s from place at on, and returns the place after the last.
func tokensFrom(s string, at int, fn func(at int, stem, word string)) int {
	f := data.Fold(s)
	for ; len(f) > 0; at++ {
		i := strings.IndexByte(f, ' ')
		var w string
		if i < 0 {
			w, f = f, ""
		} else {
			w, f = f[:i], f[i+1:]
		}
		if !meaningful(w) {
			continue
		}
		st := stem(w)
		if genericStems[st] {
			continue
		}
		fn(at, st, w)
	}
	return at
}

// genericStems are stems of words that nearly every cluster uses of itself in some language (innovation,
// innovasjon, technology, tecnologia, teknologi, industry, Industrie, industria, sustainable, smart, economy,
// "-based" …). Matching
// on them says nothing about fit, and would fill the reason line with "both work on technology".
var genericStems = map[string]bool{
	"innov": true, "techn": true, "tecno": true, "tekno": true, "tecnh": true, "indus": true, "secto": true,
	"devel": true, "busin": true, "compa": true, "manag": true, "excel": true, "compe": true, "platf": true,
	"initi": true, "partn": true, "allia": true, "valle": true, "centr": true, "cente": true, "park": true,
	"hub": true, "susta": true, "smart": true, "solut": true, "servi": true, "enter": true, "firms": true, "unter": true, "empre": true,
	"impre": true, "found": true, "membe": true, "mitgl": true, "sme": true, "smes": true, "econo": true, "based": true,
}

func meaningful(w string) bool {
	if utf8.RuneCountInString(w) < 2 || stopWords[w] {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return true
		}
	}
	return false // a number
}

func stem(w string) string {
	n := 0
	for i := range w {
		if n == stemLen {
			return w[:i]
		}
		n++
	}
	return w
}
