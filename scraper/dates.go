package scraper

import (
	"fmt"
	"strconv"
	"time"
	"unicode"

	"clusterbridge/data"
)

// monthNames maps month names and their usual abbreviations, folded (data.Fold: lower case, no accents), to
// month numbers: English, which the sources print, and the languages of the users and of the spreadsheets they
// keep (Swedish, Norwegian, Danish, Dutch, German, French, Spanish, Italian).
var monthNames = func() map[string]int {
	names := [12][]string{
		{"january", "jan", "januari", "januar", "janvier", "janv", "jänner", "enero", "ene", "gennaio", "gen"},
		{"february", "feb", "februari", "februar", "février", "févr", "fevr", "febrero", "febbraio"},
		{"march", "mar", "mars", "maart", "mrt", "märz", "mär", "marts", "marzo"},
		{"april", "apr", "avril", "avr", "abril", "abr", "aprile"},
		{"may", "maj", "mai", "mei", "mayo", "maggio", "mag"},
		{"june", "jun", "juni", "juin", "junio", "giugno", "giu"},
		{"july", "jul", "juli", "juillet", "juil", "julio", "luglio", "lug"},
		{"august", "aug", "augusti", "augustus", "août", "aout", "agosto", "ago"},
		{"september", "sep", "sept", "septembre", "septiembre", "settembre", "set"},
		{"october", "oct", "oktober", "okt", "octobre", "octubre", "ottobre", "ott"},
		{"november", "nov", "novembre", "noviembre"},
		{"december", "dec", "desember", "des", "dezember", "dez", "décembre", "déc", "diciembre", "dic", "dicembre"},
	}
	m := map[string]int{}
	for i, ns := range names {
		for _, n := range ns {
			m[data.Fold(n)] = i + 1
		}
	}
	return m
}()

// ordinalSuffixes belong to the number before them: "30th September", "1er octobre".
var ordinalSuffixes = map[string]bool{"st": true, "nd": true, "rd": true, "th": true, "er": true}

// dateToken is a run of digits or of letters in a date text; sep is the character just before it.
type dateToken struct {
	num  int
	len  int // digits, for numbers
	word string
	sep  rune
}

// parseDate is the one date reader of every source and spreadsheet. It reads a date in any of the forms the
// sources print and Excel writes in the users' locales — 2026-09-30, 2026/09/30, 30/09/2026, 30.09.2026,
// 30-09-2026, 30 September 2026, 30. september 2026, September 30, 2026, September 2026, 09/2026, 2026-09, or
// an ISO timestamp — into data's "YYYY-MM-DD" or "YYYY-MM"; a month stays a month. Day-month order is
// European unless the numbers rule it out. Years are those data.ValidThrough accepts (2000–2100).
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
			w := data.Fold(string(runes[i:j]))
			if len(toks) > 0 && toks[len(toks)-1].word == "" && ordinalSuffixes[w] {
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
	if m < 1 || m > 12 || d < 1 {
		return "", false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return "", false
	}
	return stored(t.Format(time.DateOnly))
}

func ym(y, m int) (string, bool) {
	if m < 1 || m > 12 {
		return "", false
	}
	return stored(fmt.Sprintf("%04d-%02d", y, m))
}

// stored keeps a date only when the catalogue takes it: the year range is data.ValidThrough's, not a second one.
func stored(d string) (string, bool) {
	if data.ValidThrough(d) == "" {
		return "", false
	}
	return d, true
}
