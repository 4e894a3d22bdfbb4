package app

import (
	"net/mail"
	"net/url"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Copying and opening what the detail panel shows: every fact can be selected and copied, and an address
// that no program can open is copied instead, so the user can always take it elsewhere.

// fact is a fact of the detail panel: selectable text with a button that copies it whole.
func (d *clusterDetail) fact(text string) fyne.CanvasObject {
	l := wrapped(text)
	l.Selectable = true
	return d.withCopy(l, text)
}

// withCopy puts a copy button for text at the right of o; once tapped, it shows a tick, so the copy is seen.
func (d *clusterDetail) withCopy(o fyne.CanvasObject, text string) fyne.CanvasObject {
	var b *widget.Button
	b = widget.NewButtonWithIcon("", theme.ContentCopyIcon(), func() {
		d.onCopy(text)
		b.SetIcon(theme.ConfirmIcon())
	})
	b.Importance = widget.LowImportance
	d.copies[text] = b
	return container.NewBorder(nil, nil, nil, container.NewCenter(b), o)
}

// mailButton writes to the e-mail address in a published contact; nil when it holds none.
func (d *clusterDetail) mailButton(contact string) *widget.Button {
	u, ok := mailURL(contact)
	if !ok {
		return nil
	}
	return widget.NewButtonWithIcon(lang.L("Write e-mail"), theme.MailComposeIcon(), func() { d.onOpenAddress(u) })
}

// sourceLink is a source's page as a link opened through onOpenAddress (a file or other address as plain
// selectable text), with its copy button.
func (d *clusterDetail) sourceLink(address string) fyne.CanvasObject {
	u, ok := webURL(address)
	if !ok {
		return d.fact(address)
	}
	link := widget.NewHyperlink(address, u)
	link.Truncation = fyne.TextTruncateEllipsis
	link.OnTapped = func() { d.onOpenAddress(u) }
	return d.withCopy(link, address)
}

// mailURL is the mailto: address of the first e-mail address in a published contact ("Jane Roe
// <jane@example.eu>", "info@example.dk; +45 …").
func mailURL(contact string) (*url.URL, bool) {
	for _, word := range strings.FieldsFunc(contact, func(r rune) bool { return strings.ContainsRune(" \t\n;,()<>[]", r) }) {
		word = strings.TrimPrefix(strings.TrimRight(word, "."), "mailto:")
		if !strings.Contains(word, "@") {
			continue
		}
		if a, err := mail.ParseAddress(word); err == nil && a.Address == word {
			return &url.URL{Scheme: "mailto", Opaque: a.Address}, true
		}
	}
	return nil, false
}

// onOpenAddress opens a web or mailto: address with the system's browser or mail program. When none can be
// opened, the address goes on the clipboard and one line says so.
func (m *MainWindow) onOpenAddress(u *url.URL) {
	if err := m.openURL(u); err == nil {
		return
	}
	if u.Scheme == "mailto" {
		m.copyText(u.Opaque)
		m.showNotice(lang.L("Write e-mail"), lang.L("No mail program could be opened; the address is copied: {{.Address}}",
			map[string]any{"Address": u.Opaque}))
		return
	}
	m.copyText(u.String())
	m.showNotice(lang.L("Open website"), lang.L("No web browser could be opened; the address is copied: {{.Address}}",
		map[string]any{"Address": u.String()}))
}

// copyText puts text on the system clipboard.
func (m *MainWindow) copyText(text string) {
	m.app.Clipboard().SetContent(text)
}
