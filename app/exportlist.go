package app

import (
	"context"
	"os"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"clusterbridge/data"
)

// onExportList asks for a format and a file, then writes the clusters the list shows — every one that matches
// the filters, not only the pages fetched so far — in the list's order.
func (m *MainWindow) onExportList() {
	q := m.lastQuery
	m.askExportFormat(lang.L("Export this list"), func(f data.Format) { m.exportListDialog(q, f).Show() })
}

// exportListDialog is the Save dialog for the clusters that match q, in its order.
func (m *MainWindow) exportListDialog(q data.Query, f data.Format) *dialog.FileDialog {
	q.Offset, q.Limit = 0, 0
	return m.saveExportDialog(lang.L("Export this list"), lang.L("Clusters"), f, func(ctx context.Context, file *os.File) error {
		res, err := m.store.Search(ctx, q)
		if err != nil {
			return err
		}
		return m.store.ExportClusters(ctx, res.Clusters, file, f)
	})
}
