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
		// A month-only date stays a month: no source said "30 Sep".
		{data.Cluster{Label: data.LabelGold, LabelValidUntil: "2026-09"}, "Gold, valid until Sep 2026"},
		{data.Cluster{Label: data.LabelGold, LabelValidUntil: "2026-09-30"}, "Gold, valid until 30 Sep 2026"},
		{data.Cluster{Label: data.LabelBronze, LabelValidUntil: "2018-06-30"}, "Bronze, expired 30 Jun 2018"},
		{data.Cluster{Label: data.LabelBronze, LabelValidUntil: "2018-06"}, "Bronze, expired Jun 2018"},
		// 2021's estimate ran to the end of 2023; 2024's runs to the end of 2026.
		{data.Cluster{Label: data.LabelGold, LabelYear: 2021}, "Gold 2021, probably expired (labels last about two years)"},
		{data.Cluster{Label: data.LabelGold, LabelYear: 2024}, "Gold 2024, unverified"},
		{data.Cluster{Label: data.LabelSilver}, "Silver, unverified"},
		{data.Cluster{}, "No label"},
	} {
		if got := labelStatusText(tc.c, day); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.c, got, tc.want)
		}
	}
}

func TestLabelLineSaysWhereTheLabelCameFrom(t *testing.T) {
	registerTranslations()
	day := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	read := time.Date(2026, 11, 23, 10, 0, 0, 0, time.Local)
	esca := data.Source{URL: "https://www.cluster-analysis.org/benchmarked-clusters/?country=7", Kind: "esca", ReadAt: read}
	for _, tc := range []struct {
		c    data.Cluster
		want string
	}{
		{data.Cluster{Label: data.LabelGold, LabelValidUntil: "2027-09", Facts: map[string]data.Source{data.FieldLabel: esca}},
			"Gold, valid until Sep 2027 — ESCA list on cluster-analysis.org, read 23 Nov 2026"},
		{data.Cluster{Label: data.LabelGold, LabelYear: 2021, Facts: map[string]data.Source{data.FieldLabel: {
			URL: "https://www.gceocean.no/about-us/cluster-management-excellence/", Kind: "sample", ReadAt: read}}},
			"Gold 2021, probably expired (labels last about two years) — sample, citing gceocean.no, read 23 Nov 2026"},
		{data.Cluster{Label: data.LabelSilver, LabelValidUntil: "2026-01-31", Facts: map[string]data.Source{data.FieldLabel: {
			URL: "/home/anna/Downloads/clusters.csv", Kind: "csv", ReadAt: read}}},
			"Silver, expired 31 Jan 2026 — spreadsheet clusters.csv, read 23 Nov 2026"},
		{data.Cluster{Label: data.LabelBronze, LabelValidUntil: "2027-01-31", Facts: map[string]data.Source{data.FieldLabel: {
			URL: "https://clustercollaboration.eu/content/x", Kind: "eccp-profile", ReadAt: read}}},
			"Bronze, valid until 31 Jan 2027 — ECCP profile on clustercollaboration.eu, read 23 Nov 2026"},
		{data.Cluster{Label: data.LabelBronze, LabelValidUntil: "2027-01-31", Facts: map[string]data.Source{data.FieldLabel: {
			URL: "https://eucles.be/news", Kind: "eucles", ReadAt: read}}},
			"Bronze, valid until 31 Jan 2027 — EUCLES list on eucles.be, read 23 Nov 2026"},
		{data.Cluster{Label: data.LabelSilver}, "Silver, unverified"}, // no source known: the status alone
		{data.Cluster{}, "No label"},
	} {
		if got := labelLineText(tc.c, day); got != tc.want {
			t.Errorf("got  %q\nwant %q", got, tc.want)
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
