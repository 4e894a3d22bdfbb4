// Package plainlocale stops Fyne from logging an error at start-up on machines whose locale is "C.UTF-8"
// (containers, CI, fresh Debian installs): Fyne's lang package reads the locale in its init and cannot parse
// "C". Imported first by main, this package's init rewrites such a setting to plain "C", which means the same
// for messages and which Fyne reads as English without complaint.
//
// It must import nothing but the standard library: Go initialises packages in import-path order once their
// dependencies are ready, and "clusterbridge/…" comes before "fyne.io/…".
package plainlocale

import (
	"os"
	"strings"
)

func init() {
	// The first of these that is set decides the language of messages (gettext's order).
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(name)
		if v == "" {
			continue
		}
		if strings.HasPrefix(v, "C.") {
			os.Setenv(name, "C")
		}
		return
	}
}
