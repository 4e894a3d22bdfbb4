package main

import (
	_ "embed"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
)

// fyneAppTOML is the app's metadata as `fyne package` reads it; embedding it keeps one place for the version,
// whether the binary was packaged, built with go build, or moved away from its sources.
//
//go:embed FyneApp.toml
var fyneAppTOML string

// metadata reads [Details] of FyneApp.toml: ID, Name, Version and Build are all this program needs.
func metadata() fyne.AppMetadata {
	m := fyne.AppMetadata{Custom: map[string]string{}, Migrations: map[string]bool{}}
	inDetails := false
	for _, line := range strings.Split(fyneAppTOML, "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "[") {
			inDetails = line == "[Details]"
			continue
		}
		key, value, ok := strings.Cut(line, "=")
		if !inDetails || !ok {
			continue
		}
		value = strings.TrimSpace(value)
		if unq, err := strconv.Unquote(value); err == nil {
			value = unq
		}
		switch strings.TrimSpace(key) {
		case "ID":
			m.ID = value
		case "Name":
			m.Name = value
		case "Version":
			m.Version = value
		case "Build":
			m.Build, _ = strconv.Atoi(value)
		}
	}
	return m
}
