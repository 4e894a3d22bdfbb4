//go:build ignore

// make_icon draws assets/icon.png: two nodes joined by a bridge, legible from 512 down to 32 pixels.
// Run it once from the assets folder: go run make_icon.go
package main

import (
	"image"
	"image/color"
	"image/png"
	"log"
	"math"
	"os"
)

const size = 512

var (
	blue  = color.NRGBA{0x0b, 0x3d, 0x91, 0xff} // the EU flag's blue
	gold  = color.NRGBA{0xff, 0xcc, 0x00, 0xff} // and its stars
	white = color.NRGBA{0xff, 0xff, 0xff, 0xff}
)

// shapeAt says which colour covers a point, painting later shapes over earlier ones; ok is false outside the icon.
func shapeAt(x, y float64) (c color.NRGBA, ok bool) {
	if !inRoundedSquare(x, y, 8, size-8, 104) {
		return c, false
	}
	c, ok = blue, true
	// A suspension bridge: two towers, a cable sagging between them and running down to the nodes, a deck.
	const deckY, left, right = 316.0, 96.0, 416.0
	const towerTop, towerL, towerR, sagY = 150.0, 184.0, 328.0, 282.0
	mid, halfSpan := (towerL+towerR)/2, (towerR-towerL)/2
	cable := func(x float64) float64 { // height of the cable at x
		switch {
		case x < towerL: // down to the left node
			return towerTop + (deckY-towerTop)*(towerL-x)/(towerL-left)
		case x > towerR:
			return towerTop + (deckY-towerTop)*(x-towerR)/(right-towerR)
		}
		u := (x - mid) / halfSpan
		return sagY - (sagY-towerTop)*u*u
	}
	if x >= left && x <= right && math.Abs(y-cable(x)) <= 12 {
		c = gold
	}
	for _, tx := range []float64{towerL, towerR} {
		if math.Abs(x-tx) <= 13 && y >= towerTop-6 && y <= deckY+40 {
			c = gold
		}
	}
	if x >= left && x <= right && math.Abs(y-deckY) <= 15 {
		c = gold
	}
	// The two nodes: white discs with a gold ring.
	for _, nx := range []float64{left, right} {
		dn := math.Hypot(x-nx, y-deckY)
		if dn <= 62 {
			c = gold
		}
		if dn <= 45 {
			c = white
		}
	}
	return c, true
}

func inRoundedSquare(x, y, lo, hi, radius float64) bool {
	qx := math.Max(math.Max(lo+radius-x, x-(hi-radius)), 0)
	qy := math.Max(math.Max(lo+radius-y, y-(hi-radius)), 0)
	return qx*qx+qy*qy <= radius*radius
}

func main() {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	const n = 4 // samples per side of a pixel, for smooth edges
	for py := 0; py < size; py++ {
		for px := 0; px < size; px++ {
			var r, g, b, a float64
			for sy := 0; sy < n; sy++ {
				for sx := 0; sx < n; sx++ {
					c, ok := shapeAt(float64(px)+(float64(sx)+0.5)/n, float64(py)+(float64(sy)+0.5)/n)
					if !ok {
						continue
					}
					r, g, b, a = r+float64(c.R), g+float64(c.G), b+float64(c.B), a+255
				}
			}
			if a == 0 {
				continue
			}
			cov := a / 255
			img.SetNRGBA(px, py, color.NRGBA{uint8(r / cov), uint8(g / cov), uint8(b / cov), uint8(a / (n * n))})
		}
	}
	f, err := os.Create("icon.png")
	if err != nil {
		log.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}
