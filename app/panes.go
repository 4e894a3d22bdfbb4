package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
)

// narrowWidth is the width below which the Clusters tab shows two panes rather than three: half a 1366-pixel
// laptop screen (683) and a 1024-pixel window are below it, a whole 1366-pixel screen above. At 1024 three panes
// left the cluster's detail a column 230 pixels wide that broke words in the middle; two give it half the window.
const narrowWidth = 1100

// clusterPanes lays out the Clusters tab. On a wide window the filters, the results and the selected cluster
// stand side by side. On a narrow one (a window on half a laptop screen) three panes leave each too thin to
// read, so the results and the filters share the left pane as two tabs, and the cluster keeps the right pane:
// the advisor still sees the list and the cluster together, and the filters are one click away.
type clusterPanes struct {
	filters, results, detail fyne.CanvasObject
	box                      *fyne.Container
	narrow                   bool
	left                     *container.AppTabs // the narrow left pane: results and filters
	filterTab                *container.TabItem
	onNarrow                 func(narrow bool) // told when the arrangement changes
	// narrowSaves is how much narrower the narrow arrangement made the results (onNarrow shortens their
	// header): the wide arrangement's width is measured as it would be, or the panes would flip back and forth.
	narrowSaves float32
	// The splits' offsets, kept across a change of arrangement.
	filterOffset, detailOffset, narrowOffset float64
}

func newClusterPanes(filters, results, detail fyne.CanvasObject) *clusterPanes {
	p := &clusterPanes{filters: filters, results: results, detail: detail,
		filterOffset: 0.22, detailOffset: 0.5, narrowOffset: 0.5, onNarrow: func(bool) {}}
	p.box = container.New(p, p.arrangement(false))
	return p
}

// arrangement builds the panes anew for a wide or a narrow window: an object is drawn in one place only.
func (p *clusterPanes) arrangement(narrow bool) fyne.CanvasObject {
	if narrow {
		p.filterTab = container.NewTabItemWithIcon(lang.L("Filters"), theme.SearchIcon(), p.filters)
		p.left = container.NewAppTabs(container.NewTabItemWithIcon(lang.L("Results"), theme.ListIcon(), p.results), p.filterTab)
		split := container.NewHSplit(p.left, p.detail)
		split.Offset = p.narrowOffset
		return split
	}
	p.left, p.filterTab = nil, nil
	for _, o := range []fyne.CanvasObject{p.filters, p.results, p.detail} {
		o.Show() // the narrow arrangement's tabs hid the one not selected
	}
	centre := container.NewHSplit(p.results, p.detail)
	centre.Offset = p.detailOffset
	split := container.NewHSplit(p.filters, centre)
	split.Offset = p.filterOffset
	return split
}

// rearrange changes the arrangement when the window crosses narrowWidth, keeping where the user put the splits.
func (p *clusterPanes) rearrange(narrow bool) {
	if narrow == p.narrow {
		return
	}
	if split, ok := p.box.Objects[0].(*container.Split); ok {
		if p.narrow {
			p.narrowOffset = split.Offset
		} else if centre, ok := split.Trailing.(*container.Split); ok {
			p.filterOffset, p.detailOffset = split.Offset, centre.Offset
		}
	}
	p.narrow = narrow
	before := p.results.MinSize().Width
	p.onNarrow(narrow)
	p.narrowSaves = 0
	if narrow {
		p.narrowSaves = before - p.results.MinSize().Width
	}
	p.box.Objects = []fyne.CanvasObject{p.arrangement(narrow)}
}

// showFilters brings the filters into sight (their tab, on a narrow window).
func (p *clusterPanes) showFilters() {
	if p.left != nil {
		p.left.Select(p.filterTab)
	}
}

// showResults brings the results into sight (their tab, on a narrow window).
func (p *clusterPanes) showResults() {
	if p.left != nil {
		p.left.SelectIndex(0)
	}
}

// Layout is the box's layout: the arrangement for the width, filling the box.
func (p *clusterPanes) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	if size.Width > 0 { // not laid out yet
		p.rearrange(size.Width < fyne.Max(narrowWidth, p.wideMinWidth()))
	}
	o := p.box.Objects[0]
	o.Move(fyne.NewPos(0, 0))
	o.Resize(size)
}

// MinSize is the narrow arrangement's: the window may be made that small, and the wide arrangement is used
// only where it fits.
func (p *clusterPanes) MinSize([]fyne.CanvasObject) fyne.Size {
	f, r, d := p.filters.MinSize(), p.results.MinSize(), p.detail.MinSize()
	divider := 4 * theme.Padding() // a split's handle, with room to spare
	tabBar := theme.TextSize() + 6*theme.Padding()
	return fyne.NewSize(fyne.Max(f.Width, r.Width)+d.Width+divider,
		fyne.Max(fyne.Max(f.Height, r.Height)+tabBar, d.Height))
}

func (p *clusterPanes) wideMinWidth() float32 {
	return p.filters.MinSize().Width + p.results.MinSize().Width + p.narrowSaves + p.detail.MinSize().Width + 8*theme.Padding()
}
