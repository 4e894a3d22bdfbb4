package app

import (
	"context"
	"errors"
	"net/url"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"clusterbridge/data"
)

// showMergedCluster adds a cluster to the window's catalogue and shows it in the detail panel.
func showMergedCluster(t *testing.T, w *testWindow, c data.Cluster) data.Cluster {
	t.Helper()
	if _, _, err := w.store.Merge(context.Background(), 0, []data.Cluster{c}); err != nil {
		t.Fatal(err)
	}
	w.runSearch(false)
	test.Type(w.filters.search, c.Name)
	w.waitFor("the new cluster", func() bool { return w.results.total == 1 })
	w.results.list.Select(0)
	w.waitFor("its detail", func() bool { return w.detail.cluster.Name == c.Name })
	return w.detail.cluster
}

// Every fact copies itself whole, the published e-mail address opens mailto:, and with no browser or mail
// program an address is copied instead, with one line saying so.
func TestDetailFactsCopyAndAddressesFallBackToTheClipboard(t *testing.T) {
	w := newTestWindow(t)
	var opened []string
	w.openURL = func(u *url.URL) error { opened = append(opened, u.String()); return nil }
	c := showMergedCluster(t, w, data.Cluster{Name: "Copyable Water Cluster", Country: "DK", City: "Aarhus",
		Website: "https://water.example.dk", Contact: "Jane Roe <jane.roe@water.example.dk>", Focus: "Smart water grids",
		Sources: []data.Source{{URL: "https://www.clustercollaboration.eu/cluster-organisations/copyable", Kind: "eccp-profile", ReadAt: testDay}}})
	clip := w.app.Clipboard()

	for _, fact := range []string{"Copyable Water Cluster", "https://water.example.dk", "Smart water grids",
		"Jane Roe <jane.roe@water.example.dk>"} {
		b := w.detail.copies[fact]
		if b == nil {
			t.Fatalf("no copy button for %q; the panel has %v", fact, keysOf(w.detail.copies))
		}
		test.Tap(b)
		if got := clip.Content(); got != fact {
			t.Errorf("copying %q put %q on the clipboard", fact, got)
		}
		if b.Icon != theme.ConfirmIcon() {
			t.Errorf("copying %q shows no tick on its button", fact)
		}
	}
	if len(c.Sources) == 0 || w.detail.copies[c.Sources[0].URL] == nil {
		t.Errorf("the source %v has no copy button", c.Sources)
	}

	if w.detail.mail == nil {
		t.Fatal("no Write e-mail button for a published e-mail address")
	}
	test.Tap(w.detail.mail)
	test.Tap(w.detail.website)
	if len(opened) != 2 || opened[0] != "mailto:jane.roe@water.example.dk" || opened[1] != "https://water.example.dk" {
		t.Fatalf("the buttons opened %q", opened)
	}

	// No browser, no mail program: the address is copied and the user told so, in one line, not an exec error.
	w.openURL = func(*url.URL) error { return errors.New(`exec: "xdg-open": executable file not found in $PATH`) }
	test.Tap(w.detail.website)
	if got := clip.Content(); got != "https://water.example.dk" {
		t.Errorf("with no browser the clipboard holds %q", got)
	}
	if want := "No web browser could be opened; the address is copied: https://water.example.dk"; w.lastNotice != want {
		t.Errorf("with no browser the window says %q, want %q", w.lastNotice, want)
	}
	test.Tap(w.detail.mail)
	if got := clip.Content(); got != "jane.roe@water.example.dk" {
		t.Errorf("with no mail program the clipboard holds %q", got)
	}
	if want := "No mail program could be opened; the address is copied: jane.roe@water.example.dk"; w.lastNotice != want {
		t.Errorf("with no mail program the window says %q, want %q", w.lastNotice, want)
	}
}

// A source page's link goes through the same opener, so a failure is never silent.
func TestSourceLinkWithoutBrowserIsCopied(t *testing.T) {
	w := newTestWindow(t)
	w.openURL = func(*url.URL) error { return errors.New("no browser") }
	w.results.list.Select(0)
	w.settle()
	var page string
	for _, s := range w.detail.cluster.Sources {
		if _, ok := webURL(s.URL); ok {
			page = s.URL
		}
	}
	if page == "" {
		t.Fatalf("the first cluster %q has no web source", w.detail.cluster.Name)
	}
	link := hyperlinkTo(w.detail.body, page)
	if link == nil {
		t.Fatalf("no link to %s in the detail", page)
	}
	link.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace}) // as a user does with the link focused
	if got := w.app.Clipboard().Content(); got != page {
		t.Errorf("a source link that could not open left %q on the clipboard, want %q", got, page)
	}
	if want := "No web browser could be opened; the address is copied: " + page; w.lastNotice != want {
		t.Errorf("the window says %q, want %q", w.lastNotice, want)
	}
}

func TestMailURLFindsTheAddressInAContact(t *testing.T) {
	for contact, want := range map[string]string{
		"info@cluster.example.dk":              "mailto:info@cluster.example.dk",
		"Jane Roe <jane@example.eu>":           "mailto:jane@example.eu",
		"Jane Roe, +45 1234 5678, jane@ex.eu.": "mailto:jane@ex.eu",
		"Jane Roe":                             "",
		"see website":                          "",
	} {
		u, ok := mailURL(contact)
		got := ""
		if ok {
			got = u.String()
		}
		if got != want {
			t.Errorf("mailURL(%q) = %q, want %q", contact, got, want)
		}
	}
}

func keysOf[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// hyperlinkTo finds the link to address under o.
func hyperlinkTo(o fyne.CanvasObject, address string) *widget.Hyperlink {
	var found *widget.Hyperlink
	walkObjects(o, func(c fyne.CanvasObject) {
		if l, ok := c.(*widget.Hyperlink); ok && l.URL != nil && l.URL.String() == address {
			found = l
		}
	})
	return found
}
