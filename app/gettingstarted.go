package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// gettingStarted are the four things to do first, each with where to click.
func gettingStarted() [][2]string {
	return [][2]string{
		{lang.L("Filter"), lang.L("On the Clusters tab, tick a label, an ecosystem or a country on the left, or type in the search box above them.")},
		{lang.L("Shortlist"), lang.L("Make a list with New shortlist on the Shortlists tab, then select a cluster and, in its detail, choose the list and click Add to shortlist.")},
		{lang.L("Note"), lang.L("Write in the Notes box of a cluster's detail and click Add note (or press Ctrl+Enter).")},
		{lang.L("Export"), lang.L("On the Shortlists tab open a list and click Export…; File › Export this list… writes the clusters the filters show.")},
	}
}

// onGettingStarted shows the four things to do first (Help › Getting started).
func (m *MainWindow) onGettingStarted() {
	grid := container.New(layout.NewFormLayout())
	for i, step := range gettingStarted() {
		grid.Add(widget.NewLabelWithStyle(fmt.Sprintf("%d. %s", i+1, step[0]), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		grid.Add(wrapped(step[1]))
	}
	d := newMessageDialog(lang.L("Getting started"), lang.L("Close"), grid, m.win)
	d.Resize(fyne.NewSize(620, 340))
	showMessage(m.win, d)
}
