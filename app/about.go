package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"clusterbridge/assets"
	"clusterbridge/data"
)

// aboutBox says what the program is, where its data comes from, and what to beware of in the sample.
type aboutBox struct {
	version string
	content fyne.CanvasObject
}

func newAboutBox(version string) *aboutBox {
	b := &aboutBox{version: version}
	b.build()
	return b
}

func (b *aboutBox) build() {
	icon := canvas.NewImageFromResource(fyne.NewStaticResource("icon.png", assets.Icon))
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSquareSize(64))
	version := b.version
	if version == "" {
		version = lang.L("development build")
	}
	name := widget.NewLabelWithStyle(lang.L("ClusterBridge"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.SizeName = theme.SizeNameSubHeadingText
	head := container.NewBorder(nil, nil, icon, nil, container.NewVBox(name,
		widget.NewLabel(lang.L("Version {{.Version}}", map[string]any{"Version": version})),
		wrapped(lang.L("Find partner clusters across Europe's borders."))))

	caveats := container.NewVBox()
	for _, c := range data.SampleCaveats {
		caveats.Add(wrapped("• " + lang.L(c)))
	}
	b.content = container.NewVBox(head, widget.NewSeparator(),
		heading(lang.L("Where the data comes from")),
		wrapped(lang.L("The European Cluster Collaboration Platform (ECCP) profiles, the European Secretariat for Cluster Analysis (ESCA) label lists, and EUCLES, read with File › Import… or the command clusterbridge import. Until you import, the catalogue is a sample of {{.Size}} organisations collected by hand from these sources.",
			map[string]any{"Size": assets.SampleSize})),
		heading(lang.L("Before you rely on it")),
		caveats)
}

func (m *MainWindow) onAbout() {
	b := newAboutBox(m.app.Metadata().Version)
	d := newMessageDialog(lang.L("About ClusterBridge"), lang.L("Close"), b.content, m.win)
	d.Resize(fyne.NewSize(640, 640))
	showMessage(m.win, d)
}
