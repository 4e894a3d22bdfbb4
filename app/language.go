package app

import (
	"os"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"clusterbridge/locale"
)

// prefLanguage is the language the user chose in View › Language: a code of locale.Languages, or "" to follow
// the system.
const prefLanguage = "language"

var language struct {
	sync.Mutex
	code       string            // the window's language, once known
	systemEnv  map[string]string // the locale variables as the process started, to go back to the system's
	systemSeen bool
}

// localeVars are the variables Fyne's localizer (through github.com/jeandeaual/go-locale) and its date entry read.
var localeVars = []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"}

// uiLanguage is the code of the language the window speaks, one of locale.Languages.
func uiLanguage() string {
	language.Lock()
	defer language.Unlock()
	if language.code == "" {
		language.code = locale.Match(string(lang.SystemLocale()))
	}
	return language.code
}

// useLanguage makes the window speak code from now on, or the system's language when code is "". Fyne chooses
// its translations from the process's locale variables, so this sets LANGUAGE (which wins over LANG unless the
// locale is C) and asks Fyne to choose again. Widgets built before keep their words: the window is rebuilt.
func useLanguage(code string) {
	language.Lock()
	if !language.systemSeen {
		language.systemEnv = map[string]string{}
		for _, v := range localeVars {
			if val, ok := os.LookupEnv(v); ok {
				language.systemEnv[v] = val
			}
		}
		language.systemSeen = true
	}
	for _, v := range localeVars {
		if val, ok := language.systemEnv[v]; ok {
			os.Setenv(v, val)
		} else {
			os.Unsetenv(v)
		}
	}
	if code != "" {
		os.Setenv("LANGUAGE", code+systemRegion()) // the region keeps Fyne's date entry in the system's format
		if !hasMessagesLocale() {
			os.Setenv("LC_MESSAGES", code) // with no locale, or C, gettext's rules ignore LANGUAGE
		}
	}
	language.code = ""
	language.Unlock()
	registerTranslations()
	// Adding an empty set of messages is Fyne's one way to make its localizer read the locale again.
	if err := lang.AddTranslationsForLocale([]byte("{}"), "en"); err != nil {
		fyne.LogError("cannot change the language", err)
	}
}

// systemRegion is "_SE" when the system's locale is sv_SE.UTF-8 (or de_SE), "" when it names no region.
func systemRegion() string {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if val := os.Getenv(v); val != "" {
			val, _, _ = strings.Cut(val, ".")
			if _, region, ok := strings.Cut(val, "_"); ok && len(region) == 2 {
				return "_" + region
			}
			return ""
		}
	}
	return ""
}

// hasMessagesLocale says whether gettext's rules find a locale for messages other than C, unsetting the
// variables that say C or POSIX so that LANGUAGE counts.
func hasMessagesLocale() bool {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		switch val := os.Getenv(v); val {
		case "":
		case "C", "POSIX", "C.UTF-8":
			os.Unsetenv(v)
		default:
			return true
		}
	}
	return false
}

// applyLanguagePreference makes the window speak the language the user chose, if any.
func applyLanguagePreference(p fyne.Preferences) {
	if code := p.String(prefLanguage); code != "" && locale.Known(code) && code != uiLanguage() {
		useLanguage(code)
	}
}

// languageMenuItem is View › Language: the system's language or one of the seven, the current choice ticked.
func (m *MainWindow) languageMenuItem() *fyne.MenuItem {
	chosen := m.app.Preferences().String(prefLanguage)
	system := fyne.NewMenuItem(lang.L("As the system"), func() { m.onChooseLanguage("") })
	system.Checked = chosen == ""
	items := []*fyne.MenuItem{system, fyne.NewMenuItemSeparator()}
	for _, l := range locale.Languages {
		item := fyne.NewMenuItem(l.Name, func() { m.onChooseLanguage(l.Code) })
		item.Checked = chosen == l.Code
		items = append(items, item)
	}
	menu := fyne.NewMenuItem(lang.L("Language"), nil)
	menu.ChildMenu = fyne.NewMenu("", items...)
	return menu
}

// onChooseLanguage remembers the choice and rebuilds the window in that language at once. The rebuild is the
// window's close and open without the closing: the filters, drafts and size are saved and read back, and the
// tab and cluster the user had open stay open.
func (m *MainWindow) onChooseLanguage(code string) {
	m.app.Preferences().SetString(prefLanguage, code)
	tab := m.tabs.SelectedIndex()
	var open int64
	if m.detail.shown {
		open = m.detail.cluster.ID
	}
	m.onClosed()
	m.renew()
	useLanguage(code)
	m.build()
	m.tabs.SelectIndex(tab)
	if open != 0 {
		m.autoSelect = false
		m.onClusterSelected(open)
	}
}
