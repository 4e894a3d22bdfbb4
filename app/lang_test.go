package app

import (
	"encoding/json"
	"flag"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"clusterbridge/assets"
	"clusterbridge/data"
)

var updateEN = flag.Bool("update-en", false, "add missing keys to assets/translations/en.json")

// usedKeys finds every string literal passed to lang.L or lang.N in the package's Go files, and the catalogue
// values the window translates (ecosystems, the sample's caveats; country names come from CLDR). A key is true when it is plural
// (lang.N): en.json must then give its "one" and "other" forms.
func usedKeys(t *testing.T) map[string]bool {
	t.Helper()
	keys := map[string]bool{}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || (sel.Sel.Name != "L" && sel.Sel.Name != "N") {
				return true
			}
			if pkg, ok := sel.X.(*ast.Ident); !ok || pkg.Name != "lang" {
				return true
			}
			if lit, ok := call.Args[0].(*ast.BasicLit); ok && lit.Kind == token.STRING {
				s, err := strconv.Unquote(lit.Value)
				if err != nil {
					t.Fatalf("%s: %v", fset.Position(lit.Pos()), err)
				}
				keys[s] = sel.Sel.Name == "N"
			}
			return true
		})
	}
	for _, e := range data.Ecosystems {
		keys[string(e)] = false
	}
	for _, c := range data.SampleCaveats {
		keys[c] = false
	}
	return keys
}

func TestEveryTranslationKeyIsInEnglish(t *testing.T) {
	raw, err := assets.Translations.ReadFile("translations/en.json")
	if err != nil {
		t.Fatal(err)
	}
	en := map[string]any{} // a string, or {"one": …, "other": …} for a plural
	if err := json.Unmarshal(raw, &en); err != nil {
		t.Fatalf("en.json: %v", err)
	}
	used := usedKeys(t)
	if len(used) < 100 {
		t.Fatalf("found only %d keys; is the parser missing lang.L calls?", len(used))
	}
	var missing []string
	for k, plural := range used {
		v, ok := en[k]
		if !ok {
			missing = append(missing, k)
			continue
		}
		forms, isPlural := v.(map[string]any)
		if plural && (!isPlural || forms["one"] == nil || forms["other"] == nil) {
			t.Errorf("en.json gives %q no \"one\" and \"other\" forms, as lang.N needs", k)
		}
		if !plural && isPlural {
			t.Errorf("en.json gives %q plural forms, but it is used with lang.L", k)
		}
	}
	sort.Strings(missing)
	if *updateEN && len(missing) > 0 {
		for _, k := range missing {
			if used[k] {
				en[k] = map[string]string{"one": k, "other": k}
			} else {
				en[k] = k
			}
		}
		var b strings.Builder
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false) // "Aerospace & defence", not "\u0026"
		enc.SetIndent("", "  ")
		if err := enc.Encode(en); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile("../assets/translations/en.json", []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("added %d keys to en.json", len(missing))
		return
	}
	for _, k := range missing {
		t.Errorf("en.json lacks %q", k)
	}
}

// TestEveryEnglishKeyIsUsed keeps en.json to the words the window shows: a stale key would cost every
// translator a sentence nobody reads.
func TestEveryEnglishKeyIsUsed(t *testing.T) {
	raw, err := assets.Translations.ReadFile("translations/en.json")
	if err != nil {
		t.Fatal(err)
	}
	en := map[string]any{}
	if err := json.Unmarshal(raw, &en); err != nil {
		t.Fatalf("en.json: %v", err)
	}
	used := usedKeys(t)
	var unused []string
	for k := range en {
		if _, ok := used[k]; !ok {
			unused = append(unused, k)
		}
	}
	sort.Strings(unused)
	for _, k := range unused {
		t.Errorf("en.json holds %q, which the window never shows; remove it", k)
	}
}
