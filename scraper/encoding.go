package scraper

import (
	"bytes"
	"fmt"
	"strings"
	stdunicode "unicode"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
)

// EncodingByName is the encoding a user names (--encoding): utf-8, utf-16, windows-1252, windows-1250,
// iso-8859-2 and the other names the WHATWG encoding standard knows.
func EncodingByName(name string) (encoding.Encoding, error) {
	n := strings.ToLower(strings.TrimSpace(name))
	if n == "utf-16" {
		n = "utf-16le" // what Excel writes as "Unicode text"; a BOM still decides
	}
	enc, err := htmlindex.Get(n)
	if err != nil {
		return nil, fmt.Errorf("unknown encoding %q; give one such as utf-8, utf-16, windows-1252, windows-1250 or iso-8859-2", name)
	}
	return enc, nil
}

// singleByteGuesses are the encodings a file that declares none and is not UTF-8 may be in: Western European
// Excel, Central European Excel, and the ISO variant of the latter.
var singleByteGuesses = []*charmap.Charmap{charmap.Windows1252, charmap.Windows1250, charmap.ISO8859_2}

// centralEuropean are the countries whose spreadsheets are most likely saved in windows-1250, as codes and
// English names: when the letters alone cannot tell (Plzeň and Plzeò are both letters), the rows' countries do.
var centralEuropean = map[string]bool{"cz": true, "pl": true, "sk": true, "hu": true, "si": true, "hr": true,
	"ro": true, "rs": true, "ba": true, "al": true, "czechia": true, "czech republic": true, "poland": true,
	"slovakia": true, "hungary": true, "slovenia": true, "croatia": true, "romania": true, "serbia": true}

// guessSingleByte decodes text that declares no encoding and is not UTF-8. Each guess is scored by how much of
// it reads as letters (a symbol or a control where a letter belongs, like Polish ł read as ³, counts against
// it); a tie goes to windows-1250 when most rows name a Central European country, else to windows-1252.
func guessSingleByte(body []byte) []byte {
	var best []byte
	bestScore := 0
	for i, cm := range singleByteGuesses {
		out, err := cm.NewDecoder().Bytes(body)
		if err != nil {
			continue
		}
		score := letterScore(out)
		if cm == charmap.Windows1250 && score == bestScore && mostlyCentralEuropean(out) {
			score++
		}
		if i == 0 || score > bestScore {
			best, bestScore = out, score
		}
	}
	return best
}

func letterScore(text []byte) int {
	score := 0
	for _, r := range string(text) {
		switch {
		case r < 0x80:
		case stdunicode.IsLetter(r):
			score++
		case stdunicode.IsControl(r) || stdunicode.IsSymbol(r) || r == '¿' || r == '¡':
			score -= 3
		}
	}
	return score
}

func mostlyCentralEuropean(text []byte) bool {
	central, other := 0, 0
	for _, line := range bytes.Split(text, []byte("\n")) {
		for _, f := range bytes.FieldsFunc(line, func(r rune) bool { return strings.ContainsRune(",;\t|\"", r) }) {
			k := strings.ToLower(strings.TrimSpace(string(f)))
			if centralEuropean[k] {
				central++
			} else if len(k) == 2 && k[0] >= 'a' && k[0] <= 'z' && k[1] >= 'a' && k[1] <= 'z' {
				other++
			}
		}
	}
	return central > other
}

// utf16WithoutBOM recognises UTF-16 saved without its byte-order mark: text of Latin letters has a zero byte in
// every other place, after each letter (little-endian) or before it (big-endian). nil when it is not.
func utf16WithoutBOM(body []byte) encoding.Encoding {
	n := min(len(body), 4096) &^ 1
	if n < 8 {
		return nil
	}
	var evenZeros, oddZeros int
	for i := 0; i < n; i += 2 {
		if body[i] == 0 {
			evenZeros++
		}
		if body[i+1] == 0 {
			oddZeros++
		}
	}
	switch half := n / 4; {
	case oddZeros > half && evenZeros == 0:
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
	case evenZeros > half && oddZeros == 0:
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
	}
	return nil
}
