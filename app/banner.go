package app

import (
	"context"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"clusterbridge/assets"
)

// sampleBanner tells a first-time user that the catalogue is only the sample and offers the importer.
type sampleBanner struct {
	text    *widget.Label
	content *fyne.Container

	onImport  func()
	onDismiss func()
}

func newSampleBanner() *sampleBanner {
	b := &sampleBanner{onImport: func() {}, onDismiss: func() {}}
	b.build()
	return b
}

func (b *sampleBanner) build() {
	b.text = widget.NewLabel(lang.L("This catalogue is a sample of {{.Size}} European cluster organisations. Import the public sources (ECCP, ESCA, EUCLES) for the full picture.",
		map[string]any{"Size": assets.SampleSize}))
	b.text.Wrapping = fyne.TextWrapWord
	importButton := widget.NewButtonWithIcon(lang.L("Import…"), theme.DownloadIcon(), func() { b.onImport() })
	importButton.Importance = widget.HighImportance
	dismiss := widget.NewButtonWithIcon("", theme.CancelIcon(), func() { b.onDismiss() })
	dismiss.Importance = widget.LowImportance
	bg := canvas.NewRectangle(color.NRGBA{0xff, 0xcc, 0x00, 0x40})
	row := container.NewBorder(nil, nil, widget.NewIcon(theme.InfoIcon()),
		container.NewHBox(importButton, dismiss), b.text)
	b.content = container.NewStack(bg, container.NewPadded(row))
	b.content.Hide()
}

// checkBanner shows the banner while the catalogue is still the untouched sample: no import has run, it
// holds the sample's count, and the user has not dismissed the banner; otherwise it hides it, so that the
// banner is gone as soon as an import has run, not at the next start.
// It also learns the catalogue's size for the result count.
func (m *MainWindow) checkBanner() {
	dismissed := m.app.Preferences().Bool(prefBannerDismissed)
	m.background(func(ctx context.Context) func() {
		runs, err := m.store.ImportRuns(ctx, 1)
		if err != nil {
			return nil
		}
		n, err := m.store.Count(ctx)
		if err != nil {
			return nil
		}
		return func() {
			m.results.catalogue = n
			m.results.showCount()
			show := !dismissed && len(runs) == 0 && n == assets.SampleSize
			if show != m.banner.content.Visible() {
				if show {
					m.banner.content.Show()
				} else {
					m.banner.content.Hide()
				}
				m.relayoutContent()
			}
		}
	})
}

func (m *MainWindow) onDismissBanner() {
	m.app.Preferences().SetBool(prefBannerDismissed, true)
	m.banner.content.Hide()
	m.relayoutContent()
}

// relayoutContent lays the window's content out again after the banner above it was shown or hidden.
func (m *MainWindow) relayoutContent() {
	if c := m.win.Content(); c != nil {
		c.Refresh()
	}
}
