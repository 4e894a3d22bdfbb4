package app

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"clusterbridge/data"
	"clusterbridge/locale"
)

// noteEntry is a multi-line entry where Ctrl+Enter (Cmd+Enter on macOS) saves; Enter alone starts a new line.
// Fyne's Entry keeps its own shortcuts private, so the key is caught here before the Entry's handling.
type noteEntry struct {
	widget.Entry
	onSave func()
}

func newNoteEntry(onSave func()) *noteEntry {
	e := &noteEntry{onSave: onSave}
	e.ExtendBaseWidget(e)
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.SetMinRowsVisible(2)
	return e
}

// TypedShortcut saves on Ctrl+Enter and leaves every other shortcut (copy, paste, undo…) to the Entry.
func (e *noteEntry) TypedShortcut(s fyne.Shortcut) {
	if isSaveNoteShortcut(s) {
		e.onSave()
		return
	}
	e.Entry.TypedShortcut(s)
}

func isSaveNoteShortcut(s fyne.Shortcut) bool {
	cs, ok := s.(*desktop.CustomShortcut)
	if !ok || (cs.KeyName != fyne.KeyReturn && cs.KeyName != fyne.KeyEnter) {
		return false
	}
	// Control on every system, and the system's own (Cmd on macOS) where that differs.
	return cs.Modifier == fyne.KeyModifierControl || cs.Modifier == fyne.KeyModifierShortcutDefault
}

// formatDateTime is when a note was written, to the minute: "22 Nov 2026, 14:05".
func formatDateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return locale.DateTime(uiLanguage(), t.Local())
}

// noteWhen says when a note was written and, if it was, last edited.
func noteWhen(n data.Note) string {
	when := formatDateTime(n.At)
	if !n.EditedAt.IsZero() {
		when = lang.L("{{.Written}}, edited {{.Edited}}",
			map[string]any{"Written": when, "Edited": formatDateTime(n.EditedAt)})
	}
	if n.Author == "" {
		return when
	}
	return lang.L("{{.When}} · {{.Author}}", map[string]any{"When": when, "Author": n.Author})
}

// noteRow is one note in the detail panel: when it was written, its text, Edit and Delete. Edit turns the
// text into an entry with Save and Cancel in place; what is typed there is kept in the drafts until saved or
// cancelled.
type noteRow struct {
	note   data.Note
	drafts *noteDrafts

	content *fyne.Container
	when    *widget.Label
	text    *widget.Label
	edit    *widget.Button
	remove  *widget.Button
	editor  *noteEntry     // while editing; nil otherwise
	save    *widget.Button // while editing
	cancel  *widget.Button // while editing

	onSave   func(n data.Note, text string)
	onDelete func(n data.Note)
}

func newNoteRow(n data.Note, drafts *noteDrafts, onSave func(data.Note, string), onDelete func(data.Note)) *noteRow {
	r := &noteRow{note: n, drafts: drafts, onSave: onSave, onDelete: onDelete}
	r.build()
	return r
}

func (r *noteRow) build() {
	r.when = widget.NewLabelWithStyle(noteWhen(r.note), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	r.when.SizeName = theme.SizeNameCaptionText
	r.when.Wrapping = fyne.TextWrapWord
	r.text = wrapped(r.note.Text)
	r.text.Selectable = true
	r.edit = widget.NewButtonWithIcon(lang.L("Edit"), theme.DocumentCreateIcon(), r.onEdit)
	r.edit.Importance = widget.LowImportance
	r.remove = widget.NewButtonWithIcon(lang.L("Delete"), theme.DeleteIcon(), func() { r.onDelete(r.note) })
	r.remove.Importance = widget.LowImportance
	r.content = container.NewVBox()
	if text, ok := r.drafts.edit(r.note.ID); ok {
		r.openEditor(text) // an edit left unsaved when the panel last showed another cluster
		return
	}
	r.showText()
}

func (r *noteRow) showText() {
	r.editor, r.save, r.cancel = nil, nil, nil
	r.content.Objects = []fyne.CanvasObject{
		container.NewBorder(nil, nil, nil, container.NewHBox(r.edit, r.remove), r.when), r.text}
	r.content.Refresh()
}

func (r *noteRow) onEdit() {
	r.drafts.setEdit(r.note, r.note.Text)
	r.openEditor(r.note.Text)
}

func (r *noteRow) openEditor(text string) {
	r.editor = newNoteEntry(r.onSaveTapped)
	r.editor.SetText(text)
	r.save = widget.NewButtonWithIcon(lang.L("Save"), theme.DocumentSaveIcon(), r.onSaveTapped)
	r.save.Importance = widget.HighImportance
	r.enableSave(text)
	r.editor.OnChanged = func(s string) {
		r.drafts.setEdit(r.note, s)
		r.enableSave(s)
	}
	r.cancel = widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), r.onCancel)
	r.content.Objects = []fyne.CanvasObject{r.when, r.editor, container.NewHBox(layout.NewSpacer(), r.cancel, r.save)}
	r.content.Refresh()
}

// enableSave offers Save only for text to keep: emptying a note is not deleting it, which Delete does after
// asking.
func (r *noteRow) enableSave(text string) {
	if strings.TrimSpace(text) == "" {
		r.save.Disable()
	} else {
		r.save.Enable()
	}
}

func (r *noteRow) onSaveTapped() {
	if r.editor == nil || strings.TrimSpace(r.editor.Text) == "" {
		return
	}
	r.onSave(r.note, r.editor.Text)
}

func (r *noteRow) onCancel() {
	r.drafts.dropEdit(r.note)
	r.showText()
}

// ellipsis shortens text to at most n characters, ending in "…" when cut.
func ellipsis(text string, n int) string {
	r := []rune(text)
	if len(r) <= n {
		return text
	}
	return string(r[:n-1]) + "…"
}
