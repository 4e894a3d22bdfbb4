package app

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"clusterbridge/data"
)

// followUpsView is "Follow-ups due": the entries of every shortlist whose next step is due within
// followUpDays or overdue, overdue first, each with its list, cluster, step and date. Tapping one opens its
// shortlist on it.
type followUpsView struct {
	store   *data.Store
	jobs    uiJobs
	onOpen  func(e data.Entry)
	onCount func(n int)

	due   []data.Entry
	today time.Time

	count *widget.Label
	list  *widget.List
	empty *widget.Label
	body  fyne.CanvasObject
}

func newFollowUpsView(store *data.Store, onOpen func(e data.Entry)) *followUpsView {
	v := &followUpsView{store: store, onOpen: onOpen, onCount: func(int) {}, jobs: uiJobs{do: fyne.Do}, today: store.Today()}
	v.build()
	return v
}

func (v *followUpsView) build() {
	v.count = widget.NewLabel("")
	v.count.Wrapping = fyne.TextWrapWord
	v.list = widget.NewList(func() int { return len(v.due) }, v.createRow, v.updateRow)
	v.list.OnSelected = v.onRowSelected
	v.empty = widget.NewLabelWithStyle(lang.L("No next step on your shortlists is overdue or due within 7 days."),
		fyne.TextAlignCenter, fyne.TextStyle{})
	v.empty.Wrapping = fyne.TextWrapWord
	v.empty.Hide()
	top := container.NewVBox(sectionTitle(lang.L("Follow-ups due")), v.count)
	// The message sits at the top, full width: a wrapping label in a Center container would stand one word a line.
	v.body = container.NewBorder(top, nil, nil, nil, container.NewStack(v.list, container.NewBorder(container.NewPadded(v.empty), nil, nil, nil)))
}

func (v *followUpsView) content() fyne.CanvasObject { return v.body }

// refresh reads the due follow-ups again off the UI goroutine.
func (v *followUpsView) refresh() {
	v.jobs.run(func(ctx context.Context) func() {
		today := v.store.Today()
		due, err := v.store.FollowUpsDue(ctx, today, followUpDays)
		return func() {
			if err != nil {
				v.count.SetText(lang.L("Cannot read the shortlists: {{.Error}}", map[string]any{"Error": errorText(err)}))
				return
			}
			v.show(due, today)
		}
	})
}

func (v *followUpsView) show(due []data.Entry, today time.Time) {
	v.due, v.today = due, today
	v.list.UnselectAll()
	v.list.Refresh()
	v.onCount(len(due))
	if len(due) == 0 {
		v.count.SetText("")
		v.empty.Show()
		return
	}
	v.empty.Hide()
	v.count.SetText(lang.N("{{.Count}} next steps are overdue or due within 7 days. Tap one to open its shortlist.",
		len(due), map[string]any{"Count": formatCount(len(due))}))
}

func (v *followUpsView) onRowSelected(id widget.ListItemID) {
	v.list.Unselect(id)
	if id >= 0 && id < len(v.due) {
		v.onOpen(v.due[id])
	}
}

func (v *followUpsView) createRow() fyne.CanvasObject {
	name := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.Truncation = fyne.TextTruncateEllipsis
	when := widget.NewLabel("")
	step := widget.NewLabel("")
	step.Truncation = fyne.TextTruncateEllipsis
	step.SizeName = theme.SizeNameCaptionText
	top := container.NewBorder(nil, nil, nil, when, name)
	return container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()), top, step)
}

func (v *followUpsView) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(v.due) {
		return
	}
	e := v.due[id]
	lines := o.(*fyne.Container).Objects
	top := lines[0].(*fyne.Container).Objects
	top[0].(*widget.Label).SetText(e.Cluster.Name + " · " + e.Shortlist)
	when := top[1].(*widget.Label)
	when.SetText(dueText(e.Next.Due, v.today))
	when.Importance = dueImportance(e.Next.Due, v.today)
	when.Refresh()
	step := e.Next.Text
	if step == "" {
		step = lang.L("(no step written)")
	}
	lines[1].(*widget.Label).SetText(step)
	lines[0].(*fyne.Container).Refresh() // the date's width may have changed
}

// dueText says when a step is due: "overdue since 3 Nov 2026", "due today", "due 12 Dec 2026 (in 4 days)".
func dueText(due string, today time.Time) string {
	days, ok := dueDays(due, today)
	if !ok {
		return ""
	}
	d, _ := time.Parse(time.DateOnly, due)
	date := formatDay(d)
	switch {
	case days < 0:
		return lang.L("overdue since {{.Date}}", map[string]any{"Date": date})
	case days == 0:
		return lang.L("due today")
	}
	return lang.N("due {{.Date}} (in {{.Count}} days)", days, map[string]any{"Date": date, "Count": formatCount(days)})
}
