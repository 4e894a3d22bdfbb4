package data

import (
	"sync"
	"testing"
)

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Tèxtils":                    "textils",
		"Automation Småland":         "automation smaland",
		"Bioøkonomi & Fødevarer":     "biookonomi fodevarer",
		"Łódź":                       "lodz",
		"Straße":                     "strasse",
		"Æbeltoft Øresund":           "aebeltoft oresund",
		"Đakovo Þórshöfn Ðað":        "dakovo thorshofn dad",
		"Işık Œuvre cœur":            "isik oeuvre coeur",
		"  Food & Bio Cluster, e.V.": "food bio cluster e v",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

// Fold is called from many goroutines at once (the GUI's queries, the importer, suggestions).
func TestFoldIsSafeAcrossGoroutines(t *testing.T) {
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 2000; i++ {
				if got := Fold("Clúster Aeronáutico Aragonés"); got != "cluster aeronautico aragones" {
					t.Errorf("Fold gave %q", got)
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestNameKeyDropsLegalForms(t *testing.T) {
	for _, pair := range [][2]string{
		{"Allianz Faserbasierte Werkstoffe e.V.", "Allianz Faserbasierte Werkstoffe"},
		{"Techtank AB", "TECHTANK"},
		{"NCE Seafood Innovation AS", "NCE Seafood Innovation"},
		{"Flanders' FOOD vzw", "Flanders FOOD"},
	} {
		if NameKey(pair[0]) != NameKey(pair[1]) {
			t.Errorf("NameKey(%q) = %q but NameKey(%q) = %q", pair[0], NameKey(pair[0]), pair[1], NameKey(pair[1]))
		}
	}
}

func TestValidThrough(t *testing.T) {
	for in, want := range map[string]string{"2026-09-30": "2026-09-30", "2026-09": "2026-09-30", "2024-02": "2024-02-29",
		"0000-01": "", "2026-13-01": "", "30/09/2026": "", "": ""} {
		if got := ValidThrough(in); got != want {
			t.Errorf("ValidThrough(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseEcosystem(t *testing.T) {
	for in, want := range map[string]Ecosystem{"Agrifood": "Agri-food", "agri-food": "Agri-food",
		"Aerospace and Defence": "Aerospace & defence", "Renewable energy": "Energy-renewables",
		"Proximity, social economy and civil society": "Proximity, social economy and civil society"} {
		if got, ok := ParseEcosystem(in); !ok || got != want {
			t.Errorf("ParseEcosystem(%q) = %q, %v", in, got, ok)
		}
	}
	if _, ok := ParseEcosystem("Underwater basket weaving"); ok {
		t.Error("an unknown ecosystem was accepted")
	}
}
