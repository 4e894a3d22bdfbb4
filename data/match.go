package data

import (
	"net/url"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Identity: when two records name the same organisation. Every rule of it lives in this file; merge.go asks
// SameName and SiteKey, the duplicate finder asks SameName, and match_test.go holds the table of real-looking
// pairs that must and must not match.
//
// Names are compared by their forms (nameForms), after:
//   - case, accents and punctuation are folded (Fold);
//   - legal forms are dropped wherever they end a part of the name ("Example Network e.V. - digital cluster");
//   - an acronym written before a dash or in brackets is set apart ("ABC – Alpha Beta Cluster",
//     "Alpha Beta Cluster (ABC)") and compared with the other side's acronym field;
//   - a translation in brackets is another form of the same name;
//   - the local words for cluster (klaster, klastr, clúster, pôle, klynge, kluster…) count as "cluster";
//   - a country word before or after the name is dropped ("Example Cluster Finland");
//   - word order and spaces do not matter ("Bio Valley" ≡ "BioValley").
//
// Two names with the same form are MatchSame. A name one letter off from the other (a typo, in names long
// enough that one letter is not a word) is MatchProbable: a question for the user, never merged on its own,
// because two clusters of one region often differ by a single word ("Food Cluster" / "Wood Cluster").
//
// Websites are evidence, never proof: a record and a cluster on the same site count only when their names
// agree too, and a site that carries many organisations (a social network, ECCP itself, an agency host with
// several clusters) says nothing about which one.

// MatchLevel is how surely two names are one organisation's.
type MatchLevel int

const (
	MatchDifferent MatchLevel = iota
	MatchProbable             // for the user to settle
	MatchSame
)

// clusterWords are the words for "cluster" in the sources' languages; each folds to "cluster".
var clusterWords = map[string]bool{
	"cluster": true, "clusters": true, "klaster": true, "klastr": true, "klasteris": true, "klasteri": true,
	"klasters": true, "klastras": true, "kluster": true, "klustret": true, "klynge": true, "klyngen": true,
	"klyngjen": true, "pole": true, "poles": true, "clustere": true,
	"klaszter": true, "klusteri": true, "klustrid": true, "klasterio": true,
}

// fillerWords carry no identity between two sources' spellings of a name.
var fillerWords = map[string]bool{"the": true, "of": true, "and": true, "for": true, "de": true, "du": true,
	"des": true, "la": true, "le": true, "et": true, "und": true, "der": true, "die": true, "das": true,
	"og": true, "och": true, "en": true, "van": true, "het": true, "y": true, "i": true, "e": true, "del": true}

// nameForms are the ways a name can be compared. Each form is its significant words, sorted and joined
// without spaces. full is the whole name without its acronym; alts are what brackets hold (a translation, an
// older name); acronym is an acronym found in the name, or else the record's own.
type nameForms struct {
	full    string // the words in order, joined without spaces: "Bio Valley" ≡ "BioValley"
	sorted  string // the words sorted, joined with spaces: word order does not matter
	alts    []string
	acronym string
	country string // a country word the name carried, which the forms leave out
}

// formsOf works out a name's forms; acronym is the record's own acronym field, if any.
func formsOf(name, acronym string) nameForms {
	var nf nameForms
	outside, inside := splitBrackets(name)
	parts := splitDashes(outside)
	var main []string
	for _, p := range parts {
		if a := acronymOf(p); a != "" && len(parts) > 1 {
			nf.acronym = a
			continue
		}
		main = append(main, trimLegalForms(p))
	}
	if len(main) == 0 { // a name that is only an acronym
		main = parts
	}
	words, country := significantWords(strings.Join(main, " "))
	nf.country = country
	nf.full = strings.Join(words, "")
	words = slices.Clone(words)
	slices.Sort(words)
	nf.sorted = strings.Join(words, " ")
	for _, in := range inside {
		if a := acronymOf(in); a != "" {
			nf.acronym = a
		} else if w, _ := significantWords(in); len(w) > 0 && strings.Join(w, "") != nf.full && len(w) > 1 {
			nf.alts = append(nf.alts, strings.Join(w, ""))
		}
	}
	if nf.acronym == "" && len(parts) == 1 {
		nf.acronym = acronymOf(parts[0]) // the name is an acronym
	}
	if nf.acronym == "" {
		nf.acronym = foldAcronym(acronym)
	}
	return nf
}

// splitBrackets separates what stands in brackets from the rest of a name.
func splitBrackets(name string) (outside string, inside []string) {
	var out strings.Builder
	depth, start := 0, 0
	for i, r := range name {
		switch r {
		case '(', '[':
			if depth == 0 {
				start = i + 1
			}
			depth++
		case ')', ']':
			if depth == 1 {
				if in := strings.TrimSpace(name[start:i]); in != "" {
					inside = append(inside, in)
				}
			}
			depth = max(depth-1, 0)
		default:
			if depth == 0 {
				out.WriteRune(r)
			}
		}
	}
	return out.String(), inside
}

var dashes = strings.NewReplacer(" – ", "|", " — ", "|", " - ", "|", " / ", "|", ": ", "|")

// splitDashes cuts a name at dashes, slashes and colons set apart by spaces: "ABC – Alpha Beta Cluster".
func splitDashes(name string) []string {
	name = dashes.Replace(name)
	var out []string
	for _, p := range strings.Split(name, "|") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// acronymOf returns the folded acronym when a name part is one: a single word of 2–10 letters that is mostly
// capitals ("ABC", "AFBW", "BioM"), or digits mixed in ("BM3"). "" otherwise.
func acronymOf(part string) string {
	part = strings.TrimSpace(trimLegalForms(part))
	if strings.ContainsAny(part, " \t") || utf8.RuneCountInString(part) < 2 || utf8.RuneCountInString(part) > 10 {
		return ""
	}
	upper, letters := 0, 0
	for _, r := range part {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	if letters == 0 || upper*2 < letters+1 {
		return ""
	}
	return foldAcronym(part)
}

func foldAcronym(a string) string { return strings.ReplaceAll(Fold(a), " ", "") }

// significantWords folds a name into the words that identify it, in order.
// A country word that starts or ends a longer name is left out and returned apart.
func significantWords(name string) (kept []string, country string) {
	name = trimLegalForms(name)
	if !isASCII(name) {
		name = norm.NFKC.String(name) // superscripts and ligatures as letters: BM³ is BM3
	}
	words := strings.Fields(Fold(name))
	words = dropLegalWords(words)
	for i, w := range words {
		switch {
		case clusterWords[w]:
			w = "cluster"
		case fillerWords[w]:
			continue
		case (i == 0 || i == len(words)-1) && len(words) > 2 && countryWords[w] != "":
			country = countryWords[w] // "Example Cluster Finland": the record's country says it
			continue
		}
		kept = append(kept, w)
	}
	return kept, country
}

// trimLegalForms drops legal forms from the end of a name part, as NameKey does for the whole name.
func trimLegalForms(part string) string {
	words := strings.Fields(part)
	for len(words) > 1 {
		last := Fold(words[len(words)-1])
		if !legalForms[last] && !legalForms[strings.ReplaceAll(last, " ", "")] {
			break
		}
		words = words[:len(words)-1]
	}
	return strings.Join(words, " ")
}

// dropLegalWords drops legal forms (possibly spelt as single letters: "e v", "sp z o o") from the end of
// folded words.
func dropLegalWords(words []string) []string {
	for {
		dropped := false
		for n := 4; n >= 1; n-- {
			if len(words) > n && legalForms[strings.Join(words[len(words)-n:], " ")] {
				words = words[:len(words)-n]
				dropped = true
				break
			}
		}
		if !dropped {
			return words
		}
	}
}

// countryWords are single-word country names and adjectives a source may add to a name, by ISO code.
var countryWords = func() map[string]string {
	m := map[string]string{}
	for _, c := range Countries {
		for _, n := range append([]string{c.Name, c.Code}, c.Aliases...) {
			if f := Fold(n); !strings.Contains(f, " ") && len(f) > 2 {
				m[f] = c.Code
			}
		}
	}
	for a, code := range map[string]string{"danish": "DK", "swedish": "SE", "norwegian": "NO", "finnish": "FI",
		"dutch": "NL", "german": "DE", "french": "FR", "polish": "PL", "spanish": "ES", "italian": "IT",
		"austrian": "AT", "belgian": "BE", "czech": "CZ", "estonian": "EE", "latvian": "LV",
		"lithuanian": "LT", "portuguese": "PT"} {
		m[a] = code
	}
	return m
}()

// SameName compares two organisations' names (with their acronym fields) under the identity rules above.
func SameName(nameA, acronymA, nameB, acronymB string) MatchLevel {
	return sameForms(nameA, formsOf(nameA, acronymA), nameB, formsOf(nameB, acronymB))
}

// sameForms is SameName over forms worked out already: a record's, once for all its candidates.
func sameForms(nameA string, a nameForms, nameB string, b nameForms) MatchLevel {
	if a.country != "" && b.country != "" && a.country != b.country {
		return MatchDifferent // "Maritime Cluster Norway" and "Maritime Cluster Sweden"
	}
	if a.full != "" && (a.full == b.full || a.sorted == b.sorted) {
		return MatchSame
	}
	// A name that is the other's acronym: "ABC" on one page, "Alpha Beta Cluster" with acronym ABC on another.
	if a.acronym != "" && a.acronym == b.acronym && (onlyAcronym(nameA) || onlyAcronym(nameB)) {
		return MatchSame
	}
	// What brackets hold may be the other's name, and a typo is a typo: both for the user to confirm.
	if slices.Contains(a.alts, b.full) || slices.Contains(b.alts, a.full) || oneEditApart(a.full, b.full) {
		return MatchProbable
	}
	return MatchDifferent
}

func onlyAcronym(name string) bool { return acronymOf(name) != "" }

// oneEditApart says whether two forms differ by one letter inserted, deleted, replaced or two swapped, in
// forms of at least 12 letters, so that one letter is a typo and not a word ("food"/"wood" are never that).
func oneEditApart(a, b string) bool {
	if a == b || min(len(a), len(b)) < 12 {
		return false
	}
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > 1 || d < -1 {
		return false
	}
	i := 0
	for i < len(ra) && i < len(rb) && ra[i] == rb[i] {
		i++
	}
	ja, jb := len(ra), len(rb)
	for ja > i && jb > i && ra[ja-1] == rb[jb-1] {
		ja, jb = ja-1, jb-1
	}
	switch {
	case ja-i <= 1 && jb-i <= 1:
		return true // one inserted, deleted or replaced
	case ja-i == 2 && jb-i == 2:
		return ra[i] == rb[i+1] && ra[i+1] == rb[i] // two swapped
	}
	return false
}

// platformHosts carry pages of many organisations: a website there says nothing about which one.
var platformHosts = []string{
	"linkedin.com", "facebook.com", "fb.com", "twitter.com", "x.com", "instagram.com", "youtube.com",
	"xing.com", "clustercollaboration.eu", "cluster-analysis.org", "eucles.be", "sites.google.com",
	"google.com", "wixsite.com", "wordpress.com", "blogspot.com", "github.io", "medium.com", "about.me",
	"ec.europa.eu", "europa.eu",
}

// PlatformHost says whether a host carries many organisations' pages (a social network, ECCP, …).
func PlatformHost(host string) bool {
	for _, p := range platformHosts {
		if host == p || strings.HasSuffix(host, "."+p) {
			return true
		}
	}
	return false
}

// SiteKey is what a website says about identity: its host without "www.", and its path when it has one, so
// that "agency.at/cluster/food" and "agency.at/cluster/plastics" are two sites. It is "" for a website on a
// platform host, which tells nothing, and for text that is no web address.
func SiteKey(website string) string {
	host := WebsiteHost(website)
	if host == "" || PlatformHost(host) {
		return ""
	}
	w := strings.TrimSpace(website)
	if !strings.Contains(w, "://") {
		w = "http://" + w
	}
	u, err := url.Parse(w)
	if err != nil {
		return host
	}
	path := strings.ToLower(strings.Trim(u.Path, "/"))
	for _, index := range []string{"index.html", "index.htm", "index.php", "en", "home", "de", "fr", "nl", "sv", "da", "no"} {
		if path == index {
			path = ""
		}
	}
	if path == "" {
		return host
	}
	return host + "/" + path
}
