package pdf

import "github.com/dunning-go/dunning/letters"

// rect is a rectangle on the page in millimetres: its left and top edges, its width
// and its height.
type rect struct{ x, y, w, h float64 }

func (r rect) right() float64  { return r.x + r.w }
func (r rect) bottom() float64 { return r.y + r.h }

// contains reports whether s lies inside r.
func (r rect) contains(s rect) bool {
	const eps = 1e-9
	return s.x >= r.x-eps && s.y >= r.y-eps && s.right() <= r.right()+eps && s.bottom() <= r.bottom()+eps
}

// geometry is the first page's layout around a window.
type geometry struct {
	// window is the area the envelope's window shows: the return address and the
	// recipient's address are printed inside it.
	window rect
	// textX is where the lines of the address start (DIN 5008: 25 mm, 5 mm inside
	// the field).
	textX float64
	// returnBottom is the foot of the return-address line: DIN 5008 prints it at
	// the foot of its 17.7 mm zone, directly above the address; in a Nordic window
	// it is the window's first line.
	returnBottom float64
	// addressTop is where the recipient's address starts.
	addressTop float64
	// info is where the references (date, case, customer number) start, and its
	// width: beside the window, as DIN 5008's information block.
	info rect
}

// The page: A4 portrait, DIN 5008's 25 mm left margin and 20 mm on the right.
const (
	pageW   = 210.0
	pageH   = 297.0
	marginL = 25.0
	marginR = 20.0
	bodyW   = pageW - marginL - marginR
)

// geometryOf returns the layout of the first page for window w; an invalid w is
// DIN 5008 form B, as in the HTML letter.
func geometryOf(w letters.Window) geometry {
	switch w {
	case letters.WindowDINA:
		return dinGeometry(27, 32)
	case letters.WindowNordicLeft:
		win := rect{15, 44, 95, 26}
		return geometry{window: win, textX: marginL, returnBottom: 48, addressTop: 48.4,
			info: rect{125, 44, pageW - marginR - 125, 0}}
	case letters.WindowNordicRight:
		win := rect{pageW - 15 - 95, 44, 95, 26}
		return geometry{window: win, textX: win.x + 5, returnBottom: 48, addressTop: 48.4,
			info: rect{marginL, 44, win.x - 8 - marginL, 0}}
	default:
		return dinGeometry(45, 50)
	}
}

// dinGeometry is DIN 5008's address field at top (27 or 45 mm), with the
// information block from infoTop at 125 mm.
func dinGeometry(top, infoTop float64) geometry {
	const returnZone = 17.7
	win := rect{20, top, 85, 45}
	return geometry{
		window: win, textX: marginL,
		returnBottom: top + returnZone - 0.4,
		addressTop:   top + returnZone,
		info:         rect{125, infoTop, pageW - marginR - 125, 0},
	}
}
