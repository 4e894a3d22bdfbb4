package locale

import (
	"testing"
	"time"
)

func TestMatchFollowsTheSystemLocale(t *testing.T) {
	for _, c := range []struct {
		in   []string
		want string
	}{
		{[]string{"sv_SE.UTF-8"}, "sv"},
		{[]string{"nb-NO"}, "nb"},
		{[]string{"no"}, "nb"},
		{[]string{"nn_NO"}, "nb"},
		{[]string{"da_DK.UTF-8"}, "da"},
		{[]string{"nl_BE"}, "nl"},
		{[]string{"de_AT.UTF-8"}, "de"},
		{[]string{"fr_CH"}, "fr"},
		{[]string{"en_US.UTF-8"}, "en"},
		{[]string{"fi_FI", "sv_FI"}, "sv"},
		{[]string{"ja_JP"}, "en"},
		{[]string{"C"}, "en"},
		{nil, "en"},
	} {
		if got := Match(c.in...); got != c.want {
			t.Errorf("Match(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestDatesNumbersAndCountriesAsEachLanguageWritesThem(t *testing.T) {
	day := time.Date(2026, 11, 22, 14, 5, 0, 0, time.UTC)
	for _, c := range []struct{ lang, date, number, denmark string }{
		{"en", "22 Nov 2026", "100,000", "Denmark"},
		{"sv", "22 nov. 2026", "100\u00a0000", "Danmark"},
		{"nb", "22. nov. 2026", "100\u00a0000", "Danmark"},
		{"da", "22. nov. 2026", "100.000", "Danmark"},
		{"nl", "22 nov. 2026", "100.000", "Denemarken"},
		{"de", "22.11.2026", "100.000", "Dänemark"},
		{"fr", "22 nov. 2026", "100\u202f000", "Danemark"},
	} {
		if got := Date(c.lang, day); got != c.date {
			t.Errorf("Date(%s) = %q, want %q", c.lang, got, c.date)
		}
		if got := Number(c.lang, 100000); got != c.number {
			t.Errorf("Number(%s) = %q, want %q", c.lang, got, c.number)
		}
		if got := CountryName(c.lang, "DK"); got != c.denmark {
			t.Errorf("CountryName(%s, DK) = %q, want %q", c.lang, got, c.denmark)
		}
	}
	if got := DateTime("da", day); got != "22. nov. 2026, 14.05" {
		t.Errorf("DateTime(da) = %q", got)
	}
	if got := CountryName("en", "XK"); got != "Kosovo" {
		t.Errorf("CountryName(en, XK) = %q", got)
	}
}
