package app

import (
	"testing"
	"time"

	"clusterbridge/data"
)

func TestLabelStatusText(t *testing.T) {
	day := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		c    data.Cluster
		want string
	}{
		{data.Cluster{Label: data.LabelGold, LabelValidUntil: "2026-09"}, "Gold, valid until 30 Sep 2026"},
		{data.Cluster{Label: data.LabelBronze, LabelValidUntil: "2018-06-30"}, "Bronze, expired 30 Jun 2018"},
		{data.Cluster{Label: data.LabelGold, LabelYear: 2021}, "Gold 2021, unverified"},
		{data.Cluster{Label: data.LabelSilver}, "Silver, unverified"},
		{data.Cluster{}, "No label"},
	} {
		if got := labelStatusText(tc.c, day); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.c, got, tc.want)
		}
	}
}

func TestOnlyWebAddressesOpenInTheBrowser(t *testing.T) {
	for site, ok := range map[string]bool{
		"https://odenserobotics.dk": true, "http://example.eu/path?q=1": true, " https://x.eu ": true,
		"javascript:alert(1)": false, "file:///etc/passwd": false, "www.example.eu": false, "mailto:a@b.eu": false,
		"https://": false, "": false,
	} {
		if _, got := webURL(site); got != ok {
			t.Errorf("webURL(%q) ok = %v, want %v", site, got, ok)
		}
	}
}

func TestFormatCount(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 100000: "100,000", 1234567: "1,234,567", -4200: "-4,200"} {
		if got := formatCount(n); got != want {
			t.Errorf("formatCount(%d) = %q, want %q", n, got, want)
		}
	}
}
