package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"clusterbridge/data"
)

// shortlistLogPanel is a shortlist's own dated log, the partnership's joint reflection: an entry to write in
// (Ctrl+Enter saves) and the entries, newest first, each with Edit and Delete.
type shortlistLogPanel struct {
	entries []data.LogEntry

	input   *noteEntry
	add     *widget.Button
	box     *fyne.Container
	empty   *widget.Label
	content fyne.CanvasObject

	onAdd    func(text string)
	onEdit   func(e data.LogEntry)
	onDelete func(e data.LogEntry)
}

func newShortlistLogPanel() *shortlistLogPanel {
	p := &shortlistLogPanel{onAdd: func(string) {}, onEdit: func(data.LogEntry) {}, onDelete: func(data.LogEntry) {}}
	p.build()
	return p
}

func (p *shortlistLogPanel) build() {
	p.input = newNoteEntry(p.onAddTapped)
	p.input.SetPlaceHolder(lang.L("What did you agree or learn together? Ctrl+Enter saves."))
	p.add = widget.NewButtonWithIcon(lang.L("Add to log"), theme.ContentAddIcon(), p.onAddTapped)
	p.empty = dim(lang.L("Nothing in this shortlist's log yet: note here what the partnership decides and learns, with the date."))
	p.box = container.NewVBox()
	top := container.NewBorder(nil, nil, nil, container.NewVBox(p.add), p.input)
	p.content = container.NewBorder(container.NewPadded(top), nil, nil, nil,
		container.NewVScroll(container.NewVBox(p.empty, p.box)))
}

func (p *shortlistLogPanel) onAddTapped() {
	if text := p.input.Text; text != "" {
		p.add.Disable() // until the store has it: a second tap would add it twice
		p.onAdd(text)
	}
}

// added is called when the store has the typed entry: the field empties for the next one.
func (p *shortlistLogPanel) added(ok bool) {
	p.add.Enable()
	if ok {
		p.input.SetText("")
	}
}

// show replaces the entries, newest first.
func (p *shortlistLogPanel) show(entries []data.LogEntry) {
	p.entries = entries
	rows := make([]fyne.CanvasObject, 0, len(entries))
	for _, e := range entries {
		rows = append(rows, p.row(e))
	}
	p.box.Objects = rows
	p.box.Refresh()
	if len(entries) == 0 {
		p.empty.Show()
	} else {
		p.empty.Hide()
	}
}

func (p *shortlistLogPanel) row(e data.LogEntry) fyne.CanvasObject {
	when := widget.NewLabelWithStyle(logWhen(e), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	when.SizeName = theme.SizeNameCaptionText
	edit := widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() { p.onEdit(e) })
	remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { p.onDelete(e) })
	edit.Importance, remove.Importance = widget.LowImportance, widget.LowImportance
	head := container.NewBorder(nil, nil, nil, container.NewHBox(edit, remove), when)
	return container.NewVBox(head, wrapped(e.Text), widget.NewSeparator())
}

// logWhen says when a log entry was written and, if it was, last edited.
func logWhen(e data.LogEntry) string {
	return noteWhen(data.Note{At: e.At, EditedAt: e.EditedAt})
}
