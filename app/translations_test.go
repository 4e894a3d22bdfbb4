package app

import (
	"bytes"
	"encoding/json"
	"log"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"clusterbridge/assets"
	"clusterbridge/locale"
)

// pluralForms are the CLDR cardinal categories each language's plural keys need (French has "many" for
// millions since CLDR 38; go-i18n asks for it and logs a failure when it is missing).
var pluralForms = map[string][]string{
	"en": {"one", "other"}, "sv": {"one", "other"}, "nb": {"one", "other"}, "da": {"one", "other"},
	"nl": {"one", "other"}, "de": {"one", "other"}, "fr": {"many", "one", "other"},
}

// sameAsEnglish are the values a translation may leave as in English: names, and words the language writes the
// same (a loanword, a cognate, a key name). Each was reviewed; anything else left in English is an oversight.
// A value of placeholders and punctuation only ("{{.Kind}} {{.File}}") needs no entry.
var sameAsEnglish = map[string][]string{
	"":   {"ClusterBridge", "OK", "Benelux", "DACH", "Ctrl", "Format", "Status", "Partner"},
	"sv": {"Enter", "Silver", "Version {{.Version}}"},
	"nb": {"Enter", "Tab, Shift+Tab"},
	"da": {"Bronze", "E-mail", "Enter", "Log", "Log ({{.Count}})", "Note", "Version {{.Version}}", "score {{.Score}}"},
	"nl": {"Cluster", "Clusters", "E-mail", "Enter", "Filters", "Focus", "Help", "Label", "Partners", "Shortlist",
		"Shortlists", "Spreadsheet", "spreadsheet", "Tab, Shift+Tab", "score {{.Score}}"},
	"de": {"Bronze", "Cluster", "Gold", "Import", "Label", "Log", "Log ({{.Count}})", "Name", "Version {{.Version}}"},
	"fr": {"Bronze", "Cluster", "Clusters", "Construction", "E-mail", "Label", "Note", "Notes", "Sources",
		"Version {{.Version}}", "score {{.Score}}"},
}

// onlyPlaceholders says whether a text has no words of its own to translate: placeholders, punctuation, kB.
func onlyPlaceholders(s string) bool {
	rest := strings.ReplaceAll(placeholder.ReplaceAllString(s, ""), "kB", "")
	return strings.Trim(rest, " ,.;:—()+·") == ""
}

func readTranslation(t *testing.T, code string) map[string]any {
	t.Helper()
	raw, err := assets.Translations.ReadFile("translations/" + code + ".json")
	if err != nil {
		t.Fatalf("no translation for %s: %v", code, err)
	}
	m := map[string]any{}
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("%s.json: %v", code, err)
	}
	return m
}

var placeholder = regexp.MustCompile(`\{\{[^}]*\}\}`)

func placeholders(s string) []string {
	out := placeholder.FindAllString(s, -1)
	sort.Strings(out)
	return slices.Compact(out)
}

// Every language has every key of en.json, with the same placeholders and its own plural categories, and
// nothing left in English that is not on the reviewed list.
func TestEveryLanguageHasEveryKey(t *testing.T) {
	en := readTranslation(t, "en")
	for _, l := range locale.Languages[1:] {
		t.Run(l.Code, func(t *testing.T) {
			tr := readTranslation(t, l.Code)
			for k, v := range en {
				got, ok := tr[k]
				if !ok {
					t.Errorf("%s.json lacks %q", l.Code, k)
					continue
				}
				checkTranslatedValue(t, l.Code, k, v, got)
			}
			for k := range tr {
				if _, ok := en[k]; !ok {
					t.Errorf("%s.json holds %q, which en.json does not", l.Code, k)
				}
			}
		})
	}
}

func checkTranslatedValue(t *testing.T, code, key string, en, got any) {
	t.Helper()
	switch v := en.(type) {
	case string:
		s, ok := got.(string)
		if !ok || strings.TrimSpace(s) == "" {
			t.Errorf("%s.json gives %q no text", code, key)
			return
		}
		if !slices.Equal(placeholders(s), placeholders(v)) {
			t.Errorf("%s.json: %q has placeholders %v, English %v", code, key, placeholders(s), placeholders(v))
		}
		if s == v && !onlyPlaceholders(v) && !slices.Contains(sameAsEnglish[""], key) && !slices.Contains(sameAsEnglish[code], key) {
			t.Errorf("%s.json leaves %q in English", code, key)
		}
	case map[string]any:
		forms, ok := got.(map[string]any)
		if !ok {
			t.Errorf("%s.json gives the plural %q no forms", code, key)
			return
		}
		var cats []string
		for c := range forms {
			cats = append(cats, c)
		}
		sort.Strings(cats)
		if !slices.Equal(cats, pluralForms[code]) {
			t.Errorf("%s.json: %q has the plural forms %v, %s needs %v", code, key, cats, code, pluralForms[code])
		}
		want := placeholders(v["other"].(string))
		for c, f := range forms {
			s, _ := f.(string)
			p := placeholders(s)
			if !slices.Equal(p, want) && (c != "one" || len(p) >= len(want)) {
				t.Errorf("%s.json: %q[%s] has placeholders %v, English %v", code, key, c, p, want)
			}
		}
	}
}

// fyneTranslations is the folder of Fyne's own translations in the module cache, found through the source file
// of one of its functions.
func fyneTranslations(t *testing.T) string {
	t.Helper()
	file, _ := runtime.FuncForPC(reflect.ValueOf(lang.L).Pointer()).FileLine(0)
	dir := filepath.Join(filepath.Dir(file), "translations")
	if _, err := os.Stat(filepath.Join(dir, "base.en.json")); err != nil {
		t.Fatalf("cannot find Fyne's translations beside %s: %v", file, err)
	}
	return dir
}

// Fyne's own words (file dialogs, Cancel, Save, the calendar's days) exist in every language: from Fyne where
// it ships them, from assets/translations/base.LANG.json where it does not.
func TestFyneOwnWordsInEveryLanguage(t *testing.T) {
	dir := fyneTranslations(t)
	read := func(raw []byte, err error) map[string]any {
		m := map[string]any{}
		if err == nil {
			_ = json.Unmarshal(raw, &m)
		}
		return m
	}
	base := read(os.ReadFile(filepath.Join(dir, "base.en.json")))
	if len(base) < 30 {
		t.Fatalf("Fyne's base.en.json has %d keys", len(base))
	}
	for _, l := range locale.Languages[1:] {
		have := read(os.ReadFile(filepath.Join(dir, "base."+l.Code+".json")))
		for k, v := range read(assets.Translations.ReadFile("translations/base." + l.Code + ".json")) {
			have[k] = v
		}
		for k := range base {
			if _, ok := have[k]; !ok {
				t.Errorf("Fyne's %q has no %s translation", k, l.Code)
			}
		}
	}
}

// inLanguage makes the window speak code for the rest of the test.
func inLanguage(t *testing.T, code string) {
	t.Helper()
	useLanguage(code)
	t.Cleanup(func() { useLanguage("") })
	if got := uiLanguage(); got != code {
		t.Fatalf("asked for %s, the window speaks %s", code, got)
	}
}

// watchLog collects what Fyne and the app log (a translation failure, a missing plural form) for the rest of
// the test; the returned function says what was logged.
func watchLog(t *testing.T) func() string {
	var buf bytes.Buffer
	log.SetOutput(&buf)
	t.Cleanup(func() { log.SetOutput(os.Stderr) })
	return buf.String
}

// The window builds in each language, every tab opens, and nothing is logged: no key missing, no plural form
// the language needs left out. The tabs carry the language's words.
func TestWindowInEveryLanguage(t *testing.T) {
	for _, l := range locale.Languages {
		t.Run(l.Code, func(t *testing.T) {
			inLanguage(t, l.Code)
			logged := watchLog(t)
			tr := readTranslation(t, l.Code)
			w := newTestWindow(t)
			for _, it := range w.tabs.Items {
				w.tabs.Select(it)
				w.settle()
			}
			if want := tr["Shortlists"]; w.listTab.Text != want {
				t.Errorf("the Shortlists tab reads %q, want %q", w.listTab.Text, want)
			}
			for _, n := range []int{0, 1, 2, 1000000} {
				_ = lang.N("{{.Count}} clusters added", n, map[string]any{"Count": formatCount(n)})
			}
			if s := logged(); s != "" {
				t.Errorf("the window in %s logged:\n%s", l.Code, s)
			}
		})
	}
}

// View › Language changes the window's language at once and remembers it; the cluster the user had open and
// the filters stay.
func TestChooseLanguageRebuildsTheWindowAtOnce(t *testing.T) {
	inLanguage(t, "en")
	w := newTestWindow(t)
	c := mustFind(t, w, "Biobased Delta")
	w.onOpenCluster(c)
	w.settle()
	languages := languageItems(t, w)
	pick := func(name string) {
		t.Helper()
		for _, it := range languages {
			if it.Label == name {
				it.Action()
				w.settle()
				languages = languageItems(t, w)
				return
			}
		}
		t.Fatalf("View › Language has no %q", name)
	}
	pick("Svenska")
	sv := readTranslation(t, "sv")
	if w.listTab.Text != sv["Shortlists"] {
		t.Errorf("after choosing Svenska the Shortlists tab reads %q, want %q", w.listTab.Text, sv["Shortlists"])
	}
	if got := w.app.Preferences().String(prefLanguage); got != "sv" {
		t.Errorf("the choice saved is %q, want sv", got)
	}
	if !w.detail.shown || w.detail.cluster.ID != c {
		t.Errorf("after the change the detail shows %q, want Biobased Delta", w.detail.cluster.Name)
	}
	if got := countryName("DK"); got != "Danmark" {
		t.Errorf("Denmark in Swedish reads %q", got)
	}
	for _, it := range languages {
		if it.Checked != (it.Label == "Svenska") {
			t.Errorf("View › Language ticks %q: %v", it.Label, it.Checked)
		}
	}
	pick("English")
	if w.listTab.Text != "Shortlists" {
		t.Errorf("back in English the tab reads %q", w.listTab.Text)
	}
}

// languageItems are the items of View › Language.
func languageItems(t *testing.T, w *testWindow) []*fyne.MenuItem {
	t.Helper()
	for _, menu := range w.win.MainMenu().Items {
		for _, it := range menu.Items {
			if it.ChildMenu != nil && it.Label == lang.L("Language") {
				return it.ChildMenu.Items
			}
		}
	}
	t.Fatal("the View menu has no Language item")
	return nil
}
