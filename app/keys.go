package app

import (
	"runtime"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
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

// shortcutKey names a key with the system's shortcut modifier: "Ctrl+F", or "⌘F" on macOS.
func shortcutKey(key string) string {
	if runtime.GOOS == "darwin" {
		return "⌘" + key
	}
	return lang.L("Ctrl") + "+" + key
}

// keyboardShortcuts lists the keys the window and its dialogs answer to, as pairs of key and what it does.
func keyboardShortcuts() [][2]string {
	return [][2]string{
		{shortcutKey(string(keySearch.KeyName)), lang.L("Search the clusters")},
		{shortcutKey(string(keyImport.KeyName)), lang.L("Import clusters…")},
		{shortcutKey(string(keyExport.KeyName)), lang.L("Export the open shortlist…")},
		{lang.L("Up, Down"), lang.L("Move through the results")},
		{shortcutKey(lang.L("Enter")), lang.L("Save the note or log entry being written")},
		{lang.L("Enter"), lang.L("In a dialog: confirm it (in a field of several lines, Ctrl+Enter; on a button, press it)")},
		{lang.L("Escape"), lang.L("In a dialog: cancel or close it")},
		{lang.L("Tab, Shift+Tab"), lang.L("Move to the next or previous field or button")},
	}
}

// onKeyboardShortcuts shows the list of keyboard shortcuts (Help › Keyboard shortcuts).
func (m *MainWindow) onKeyboardShortcuts() {
	grid := container.New(layout.NewFormLayout())
	for _, s := range keyboardShortcuts() {
		grid.Add(widget.NewLabelWithStyle(s[0], fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}))
		grid.Add(wrapped(s[1]))
	}
	d := newMessageDialog(lang.L("Keyboard shortcuts"), lang.L("Close"), grid, m.win)
	d.Resize(fyne.NewSize(560, 420))
	showMessage(m.win, d)
}
