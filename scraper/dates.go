package scraper

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// monthNames maps month names and their abbreviations, lower case, to month numbers. English is what the
// sources print; the sources' own languages are here for pages read in them.
var monthNames = map[string]int{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
	"june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
	"october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
	// a few of the sources' own languages
	"januar": 1, "janvier": 1, "februar": 2, "février": 2, "fevrier": 2, "mars": 3, "märz": 3, "marts": 3,
	"avril": 4, "mai": 5, "juni": 6, "juin": 6, "juli": 7, "juillet": 7, "août": 8, "aout": 8,
	"septembre": 9, "oktober": 10, "octobre": 10, "novembre": 11, "dezember": 12, "décembre": 12,
}

// dateToken is a run of digits or of letters in a date text; sep is the character just before it.
type dateToken struct {
	num  int
	len  int // digits, for numbers
	word string
	sep  rune
}

// parseDate reads a date in any of the forms the sources print — 2026-09-30, 2026/09/30, 30/09/2026,
// 30.09.2026, 30 September 2026, September 30, 2026, September 2026, 09/2026, 2026-09, or an ISO timestamp —
// into data's "YYYY-MM-DD" or "YYYY-MM". Day-month order is European unless the numbers rule it out.
func parseDate(s string) (string, bool) {
	toks := dateTokens(s)
	for i := range toks {
		// Never start inside a run of numbers such as "31/02/2026": its tail "02/2026" is no date of its own.
		if i > 0 && toks[i-1].word == "" && toks[i].sep != ' ' && toks[i].sep != ',' {
			continue
		}
		if d, ok := dateAt(toks[i:]); ok {
			return d, true
		}
	}
	return "", false
}

func dateTokens(s string) []dateToken {
	var toks []dateToken
	var sep rune = ' '
	runes := []rune(s)
	for i := 0; i < len(runes); {
		r := runes[i]
		j := i
		switch {
		case r >= '0' && r <= '9':
			for j < len(runes) && runes[j] >= '0' && runes[j] <= '9' {
				j++
			}
			n, _ := strconv.Atoi(string(runes[i:min(j, i+6)]))
			toks = append(toks, dateToken{num: n, len: j - i, sep: sep})
		case unicode.IsLetter(r):
			for j < len(runes) && unicode.IsLetter(runes[j]) {
				j++
			}
			w := strings.ToLower(string(runes[i:j]))
			// ordinal suffixes belong to the number before them: "30th September"
			if len(toks) > 0 && toks[len(toks)-1].word == "" && (w == "st" || w == "nd" || w == "rd" || w == "th") {
				i = j
				continue
			}
			toks = append(toks, dateToken{word: w, sep: sep})
		default:
			if !unicode.IsSpace(r) || sep == ' ' {
				sep = r
			}
			i++
			continue
		}
		sep = ' '
		i = j
	}
	return toks
}

// dateAt tries the date patterns on the tokens starting at t[0].
func dateAt(t []dateToken) (string, bool) {
	isNum := func(i, minLen, maxLen int) bool {
		return i < len(t) && t[i].word == "" && t[i].len >= minLen && t[i].len <= maxLen
	}
	month := func(i int) int {
		if i < len(t) {
			return monthNames[t[i].word]
		}
		return 0
	}
	switch {
	case isNum(0, 4, 4) && isNum(1, 1, 2) && isNum(2, 1, 2) && t[1].sep != ' ': // 2026-09-30, 2026/09/30
		return ymd(t[0].num, t[1].num, t[2].num)
	case isNum(0, 1, 2) && isNum(1, 1, 2) && isNum(2, 4, 4) && t[1].sep != ' ': // 30/09/2026, 09/30/2026
		if t[1].num > 12 && t[0].num <= 12 {
			return ymd(t[2].num, t[0].num, t[1].num)
		}
		return ymd(t[2].num, t[1].num, t[0].num)
	case isNum(0, 1, 2) && month(1) > 0 && isNum(2, 4, 4): // 30 September 2026
		return ymd(t[2].num, month(1), t[0].num)
	case month(0) > 0 && isNum(1, 1, 2) && isNum(2, 4, 4): // September 30, 2026
		return ymd(t[2].num, month(0), t[1].num)
	case month(0) > 0 && isNum(1, 4, 4): // September 2026
		return ym(t[1].num, month(0))
	case isNum(0, 4, 4) && isNum(1, 1, 2) && (t[1].sep == '-' || t[1].sep == '/'): // 2026-09
		return ym(t[0].num, t[1].num)
	case isNum(0, 1, 2) && isNum(1, 4, 4) && (t[1].sep == '/' || t[1].sep == '.' || t[1].sep == '-'): // 09/2026
		return ym(t[1].num, t[0].num)
	}
	return "", false
}

func ymd(y, m, d int) (string, bool) {
	if y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 {
		return "", false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return "", false
	}
	return t.Format(time.DateOnly), true
}

func ym(y, m int) (string, bool) {
	if y < 1900 || y > 2200 || m < 1 || m > 12 {
		return "", false
	}
	return fmt.Sprintf("%04d-%02d", y, m), true
}
