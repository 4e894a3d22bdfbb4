package scraper

import (
	"strconv"
	"strings"
)

// The one number reader of every source: members, founding years and label years are read here and nowhere
// else, whether from a page or a spreadsheet cell.

// leadingNumber reads the first number in text such as "~90", "90+" or "1,200 members".
func leadingNumber(s string) int {
	n, started := 0, false
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			if n > 100_000_000 {
				return n
			}
			n = n*10 + int(r-'0')
			started = true
		case started && (r == ',' || r == '.' || r == ' ' || r == '\u00a0' || r == '\''):
			// thousands separators inside the number
		case started:
			return n
		}
	}
	return n
}

// yearIn finds a plausible year (1800–2100) written as four digits in text such as "2006" or "12/03/2006".
func yearIn(s string) int {
	for _, tok := range numberTokens(s) {
		if len(tok) == 4 {
			if y, _ := strconv.Atoi(tok); y >= 1800 && y <= 2100 {
				return y
			}
		}
	}
	return 0
}

func numberTokens(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r < '0' || r > '9' })
}
