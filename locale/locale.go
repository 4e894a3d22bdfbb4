// Package locale knows the languages the window speaks and writes dates, numbers and country names as each of
// them does. The words come from CLDR, through libraries made for it (golang.org/x/text for country names,
// github.com/go-playground/locales for dates and numbers), not from tables written here. It imports no Fyne, so
// the command line and the tests use it too.
package locale

import (
	"strconv"
	"strings"
	"time"

	"github.com/go-playground/locales"
	"github.com/go-playground/locales/da"
	"github.com/go-playground/locales/de"
	"github.com/go-playground/locales/en_GB"
	"github.com/go-playground/locales/fr"
	"github.com/go-playground/locales/nb"
	"github.com/go-playground/locales/nl"
	"github.com/go-playground/locales/sv"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// Language is one the window speaks: its code (the name of its assets/translations file) and its name in itself.
type Language struct {
	Code string
	Name string
}

// Languages lists the window's languages, English first: it is the fallback.
var Languages = []Language{
	{"en", "English"},
	{"sv", "Svenska"},
	{"nb", "Norsk bokmål"},
	{"da", "Dansk"},
	{"nl", "Nederlands"},
	{"de", "Deutsch"},
	{"fr", "Français"},
}

// conventions writes dates and numbers per language. English is British English: the users are in Europe.
var conventions = map[string]locales.Translator{
	"en": en_GB.New(), "sv": sv.New(), "nb": nb.New(), "da": da.New(), "nl": nl.New(), "de": de.New(), "fr": fr.New(),
}

var matcher = func() language.Matcher {
	tags := make([]language.Tag, len(Languages))
	for i, l := range Languages {
		tags[i] = language.Make(l.Code)
	}
	return language.NewMatcher(tags)
}()

// Match picks the language of Languages that serves best someone who reads the given locales, in order of
// preference ("sv-SE", "no", "de_AT.UTF-8"); English when none is close. Norwegian without a written standard
// and Nynorsk are served by Bokmål, as CLDR's matching data says.
func Match(locales ...string) string {
	tags := make([]language.Tag, 0, len(locales))
	for _, l := range locales {
		l = strings.TrimSpace(l)
		if i := strings.IndexAny(l, ".@"); i >= 0 {
			l = l[:i] // "sv_SE.UTF-8" → "sv_SE"
		}
		if t, err := language.Parse(strings.ReplaceAll(l, "_", "-")); err == nil && l != "" {
			tags = append(tags, t)
		}
	}
	if len(tags) == 0 {
		return "en"
	}
	_, i, conf := matcher.Match(tags...)
	if conf == language.No {
		return "en"
	}
	return Languages[i].Code
}

// Known says whether code is one of Languages.
func Known(code string) bool {
	_, ok := conventions[code]
	return ok
}

func conventionsOf(lang string) locales.Translator {
	if c, ok := conventions[lang]; ok {
		return c
	}
	return conventions["en"]
}

// CountryName is the name of the country with the ISO 3166-1 code in the language, as CLDR writes it; the
// code itself when CLDR has no name for it.
func CountryName(lang, code string) string {
	r, err := language.ParseRegion(code)
	if err != nil {
		return code
	}
	if name := display.Regions(language.Make(lang)).Name(r); name != "" {
		return name
	}
	return code
}

// Date writes a day as the language's medium date: "22 Nov 2026", "22 nov. 2026", "22.11.2026".
func Date(lang string, t time.Time) string { return conventionsOf(lang).FmtDateMedium(t) }

// DateTime writes a day and its time of day: "22 Nov 2026, 14:05"; Danish writes "14.05".
func DateTime(lang string, t time.Time) string {
	c := conventionsOf(lang)
	return c.FmtDateMedium(t) + ", " + c.FmtTimeShort(t)
}

// Month writes a month of a year: "Nov 2026", "nov. 2026".
func Month(lang string, t time.Time) string {
	return conventionsOf(lang).MonthAbbreviated(t.Month()) + " " + strconv.Itoa(t.Year())
}

// Number writes a whole number with the language's grouping: 100,000, 100 000, 100.000.
func Number(lang string, n int) string { return conventionsOf(lang).FmtNumber(float64(n), 0) }
