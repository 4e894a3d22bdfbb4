//go:build !ci

package main

import (
	"os"
	"strconv"

	"fyne.io/fyne/v2"
	"github.com/go-gl/glfw/v3.3/glfw"
)

// titleBar is room left for the window's title bar and frame, which the window manager adds around the content.
const titleBar = 40

// screenSize is the room a window's content has on the primary monitor, in Fyne's units: the monitor's work
// area (without task bars) less a title bar, divided by the scale Fyne draws at (the monitor's DPI over 120, at
// least 1, times FYNE_SCALE). Fyne has no monitor API; this is GLFW's, which Fyne's desktop driver has already
// started by the time the window asks (its first window is made first), on the main goroutine, where GLFW must
// be called. It gives the zero size, "not known", when GLFW cannot tell.
func screenSize() (size fyne.Size) {
	defer func() {
		if recover() != nil { // go-gl panics on a GLFW error, e.g. with no display
			size = fyne.Size{}
		}
	}()
	m := glfw.GetPrimaryMonitor()
	if m == nil {
		return fyne.Size{}
	}
	mode := m.GetVideoMode()
	if mode == nil {
		return fyne.Size{}
	}
	_, _, w, h := m.GetWorkarea()
	if w <= 0 || h <= 0 {
		w, h = mode.Width, mode.Height
	}
	scale := float32(1)
	if mm, _ := m.GetPhysicalSize(); mm > 0 {
		if dpi := float32(mode.Width) / (float32(mm) / 25.4); dpi >= 10 && dpi <= 1000 {
			scale = fyne.Max(1, dpi/120)
		}
	}
	if v, err := strconv.ParseFloat(os.Getenv("FYNE_SCALE"), 32); err == nil && v > 0 {
		scale *= float32(v)
	}
	return fyne.NewSize(float32(w)/scale, float32(h-titleBar)/scale)
}
