package main

import "testing"

// The version the command line and the About box show is the one FyneApp.toml gives, and the ID is the one
// main.go asks Fyne for (preferences are kept under it).
func TestMetadataComesFromFyneAppTOML(t *testing.T) {
	m := metadata()
	if m.ID != appID || m.Name != "ClusterBridge" || m.Version == "" || m.Build < 1 {
		t.Errorf("metadata from FyneApp.toml: %+v", m)
	}
}
