package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"clusterbridge/data"
)

// The Shortlists tab's handlers: the dialogs, and the work they start.

// reloadShortlists fetches the shortlists and the open one's entries.
func (m *MainWindow) reloadShortlists() {
	open := m.shortlists.open
	m.background(func(ctx context.Context) func() {
		lists, err := m.store.Shortlists(ctx)
		var entries []data.Entry
		var log []data.LogEntry
		if err == nil && open != 0 {
			entries, err = m.store.Entries(ctx, open)
		}
		if err == nil && open != 0 {
			log, err = m.store.ShortlistLog(ctx, open)
		}
		return func() {
			if err != nil {
				m.showError(err)
				return
			}
			m.shortlists.showLists(lists)
			if open != 0 && m.shortlists.open == open {
				m.shortlists.showEntries(open, entries)
				m.shortlists.showLog(open, log)
			}
		}
	})
}

func (m *MainWindow) onOpenShortlist(id int64) {
	m.background(func(ctx context.Context) func() {
		entries, err := m.store.Entries(ctx, id)
		var log []data.LogEntry
		if err == nil {
			log, err = m.store.ShortlistLog(ctx, id)
		}
		return func() {
			if err != nil {
				m.showError(err)
				return
			}
			m.shortlists.showEntries(id, entries)
			m.shortlists.showLog(id, log)
		}
	})
}

// shortlistForm asks for a shortlist's name and purpose; done gets them when the user confirms.
func (m *MainWindow) shortlistForm(title, confirm string, l data.Shortlist, done func(name, purpose string)) {
	name := newFormEntry()
	name.SetText(l.Name)
	name.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New(lang.L("A shortlist needs a name."))
		}
		return nil
	}
	purpose := newFormMultiLineEntry()
	purpose.SetText(l.Purpose)
	purpose.SetPlaceHolder(lang.L("What is it for? e.g. Partners for a Horizon Europe bid on water"))
	d := newFormDialog(title, confirm, lang.L("Cancel"), []*widget.FormItem{
		widget.NewFormItem(lang.L("Name"), name),
		widget.NewFormItem(lang.L("Purpose"), purpose),
	}, func(ok bool) {
		if ok {
			done(name.Text, purpose.Text)
		}
	}, m.win)
	d.Resize(fyne.NewSize(480, 260))
	showForm(m.win, d)
	m.win.Canvas().Focus(name)
}

func (m *MainWindow) onNewShortlist() {
	m.shortlistForm(lang.L("New shortlist"), lang.L("Create"), data.Shortlist{}, m.createShortlist)
}

// createShortlist makes a shortlist and opens it.
func (m *MainWindow) createShortlist(name, purpose string) {
	m.background(func(ctx context.Context) func() {
		l, err := m.store.CreateShortlist(ctx, name, purpose)
		return func() {
			if err != nil {
				m.showError(err)
				return
			}
			m.shortlists.open = l.ID
			m.reloadShortlists()
			m.reloadDetail()
		}
	})
}

func (m *MainWindow) onRenameShortlist() {
	l, ok := m.shortlists.openList()
	if !ok {
		return
	}
	m.shortlistForm(lang.L("Edit shortlist"), lang.L("Save"), l, func(name, purpose string) {
		m.renameShortlist(l.ID, name, purpose)
	})
}

func (m *MainWindow) renameShortlist(id int64, name, purpose string) {
	m.change(func(ctx context.Context) error { return m.store.UpdateShortlist(ctx, id, name, purpose) })
}

func (m *MainWindow) onDeleteShortlist() {
	l, ok := m.shortlists.openList()
	if !ok {
		return
	}
	msg := lang.L("Delete the shortlist “{{.Name}}” and its {{.Size}} entries? The clusters and your notes about them stay.",
		map[string]any{"Name": l.Name, "Size": l.Size})
	showConfirm(m.win, newConfirmDialog(lang.L("Delete shortlist"), msg, func(ok bool) {
		if ok {
			m.deleteShortlist(l.ID)
		}
	}, m.win))
}

func (m *MainWindow) deleteShortlist(id int64) {
	m.change(func(ctx context.Context) error { return m.store.DeleteShortlist(ctx, id) })
}

// onExportOpenShortlist asks for the format (CSV with ';' or ',', or a workbook), then for the file, and
// writes the open shortlist.
func (m *MainWindow) onExportOpenShortlist() {
	l, ok := m.shortlists.openList()
	if !ok {
		m.tabs.Select(m.listTab)
		showInfo(m.win, lang.L("Export shortlist"), lang.L("Open a shortlist first, then export it."))
		return
	}
	m.askExportFormat(lang.L("Export shortlist"), func(f data.Format) { m.chooseExportFile(l, f) })
}

// askExportFormat asks for an export's format (CSV with ';' or ',', or a workbook); choose gets it when the
// user goes on.
func (m *MainWindow) askExportFormat(title string, choose func(data.Format)) {
	semicolon := lang.L("CSV, semicolon (;) – Excel in most of Europe")
	comma := lang.L("CSV, comma (,)")
	workbook := lang.L("Excel workbook (.xlsx)")
	formats := map[string]data.Format{semicolon: data.CSVSemicolon, comma: data.CSVComma, workbook: data.XLSX}
	format := newFormSelect([]string{semicolon, comma, workbook}, nil)
	format.SetSelected(semicolon)
	d := newFormDialog(title, lang.L("Choose file…"), lang.L("Cancel"),
		[]*widget.FormItem{widget.NewFormItem(lang.L("Format"), format)}, func(ok bool) {
			if ok {
				choose(formats[format.Selected])
			}
		}, m.win)
	d.Resize(fyne.NewSize(480, 0))
	showForm(m.win, d)
}

func (m *MainWindow) chooseExportFile(l data.Shortlist, f data.Format) {
	showFileDialog(m.win, m.exportDialog(l, f))
}

// exportDialog is the Save dialog for a shortlist's export.
func (m *MainWindow) exportDialog(l data.Shortlist, f data.Format) *dialog.FileDialog {
	return m.saveExportDialog(lang.L("Export shortlist"), l.Name, f, func(ctx context.Context, file *os.File) error {
		return m.store.ExportShortlist(ctx, l.ID, file, f)
	})
}

// saveExportDialog is the Save dialog for an export named name (the file's suggested name, and what the
// message says was saved). It takes only the chosen address from the dialog's writer (lazy, see savefile.go,
// so the file is still whole) and writes the file itself, atomically, off the UI goroutine.
func (m *MainWindow) saveExportDialog(title, name string, f data.Format, write func(context.Context, *os.File) error) *dialog.FileDialog {
	save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			m.showError(err)
			return
		}
		if w == nil {
			return // cancelled
		}
		u := w.URI()
		w.Close() // unwritten: the chosen file is as it was
		if u.Scheme() != "file" {
			m.showError(fmt.Errorf("cannot save to %s; choose a file on this computer", u))
			return
		}
		path := u.Path()
		m.exportFile(path, write, func(err error) {
			if err != nil {
				m.showError(err)
				return
			}
			showInfo(m.win, title,
				lang.L("Saved {{.Name}} to {{.Path}}", map[string]any{"Name": name, "Path": path}))
		})
	}, m.win)
	save.SetFileName(exportFileName(name, f))
	save.SetFilter(storage.NewExtensionFileFilter([]string{exportExtension(f)}))
	save.Resize(fyne.NewSize(800, 560))
	return save
}

// exportExtension is the file extension of an export format.
func exportExtension(f data.Format) string {
	if f == data.XLSX {
		return ".xlsx"
	}
	return ".csv"
}

// exportFileName is a file name made of a shortlist's name: "Water partners.csv".
func exportFileName(name string, f data.Format) string {
	clean := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < ' ' {
			return '-'
		}
		return r
	}, strings.TrimSpace(name))
	if clean == "" {
		clean = "shortlist"
	}
	return clean + exportExtension(f)
}

// exportFile writes an export to path atomically off the UI goroutine, then reports to done on it.
func (m *MainWindow) exportFile(path string, write func(context.Context, *os.File) error, done func(error)) {
	m.background(func(ctx context.Context) func() {
		err := writeFileAtomically(path, func(file *os.File) error { return write(ctx, file) })
		return func() { done(err) }
	})
}

// exportShortlist writes a shortlist in format f to path off the UI goroutine, then reports to done on it.
func (m *MainWindow) exportShortlist(id int64, path string, f data.Format, done func(error)) {
	m.exportFile(path, func(ctx context.Context, file *os.File) error { return m.store.ExportShortlist(ctx, id, file, f) }, done)
}
