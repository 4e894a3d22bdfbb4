package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// The window's keyboard shortcuts; Ctrl stands for Cmd on macOS.
var (
	keySearch = &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}
	keyImport = &desktop.CustomShortcut{KeyName: fyne.KeyI, Modifier: fyne.KeyModifierShortcutDefault}
	keyExport = &desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: fyne.KeyModifierShortcutDefault}
)

func isWindowShortcut(s fyne.Shortcut) bool {
	switch s.ShortcutName() {
	case keySearch.ShortcutName(), keyImport.ShortcutName(), keyExport.ShortcutName():
		return true
	}
	return false
}

// registerKeys binds the shortcuts on the canvas, and Up/Down to the results when nothing has the focus (the
// search box and the list handle those keys themselves when focused).
func (m *MainWindow) registerKeys() {
	c := m.win.Canvas()
	c.AddShortcut(keySearch, func(fyne.Shortcut) { m.onFocusSearch() })
	c.AddShortcut(keyImport, func(fyne.Shortcut) { m.onImport() })
	c.AddShortcut(keyExport, func(fyne.Shortcut) { m.onExportOpenShortlist() })
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		switch ev.Name {
		case fyne.KeyUp:
			m.results.move(-1)
		case fyne.KeyDown:
			m.results.move(1)
		}
	})
}
