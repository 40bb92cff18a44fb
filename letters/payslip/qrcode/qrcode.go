// Package qrcode draws a payment payload, such as the EPC QR code payload of
// payslip.EPC.Encode, as a QR code image for a letter: PNG for print and e-mail,
// SVG for HTML.
//
// The payload's bytes are encoded as one byte-mode segment, without an ECI header
// (EPC069-12 names the character set inside the payload), at error correction level
// M as EPC069-12 asks, in the smallest QR version that holds them. A payload of at
// most 331 bytes, the EPC limit, always fits version 13, the largest EPC069-12
// allows. The image has the four-module quiet zone ISO/IEC 18004 asks for around
// the symbol. Output is deterministic: the same payload and size give the same
// bytes.
//
// The QR encoder is github.com/piglig/go-qr (MIT, no dependencies of its own),
// the only QR library the SDK imports; the rendering is this package's own, with
// the standard library's image/png. The tests read every image back with
// github.com/makiuchi-d/gozxing, an independent decoder (a port of ZXing).
package qrcode

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strconv"
	"strings"

	goqr "github.com/piglig/go-qr"

	"github.com/dunning-go/dunning"
)

// QuietZone is the light margin around the symbol, in modules (ISO/IEC 18004).
const QuietZone = 4

// MaxPNGSize is the largest PNG side PNG draws, in pixels (a 64 MiB image).
const MaxPNGSize = 8192

// encode returns the QR code of payload: one byte segment, level M, the smallest
// version, no error-correction boost, the mask chosen by the encoder's penalty
// rule (deterministic: the first of the lowest).
func encode(payload string) (*goqr.QrCode, error) {
	if payload == "" {
		return nil, &dunning.FieldError{Field: "payload", Value: payload, Reason: "is empty"}
	}
	seg, err := goqr.MakeBytes([]byte(payload))
	if err != nil {
		return nil, &dunning.FieldError{Field: "payload", Value: payload, Reason: "cannot be encoded: " + err.Error(), Err: err}
	}
	q, err := goqr.EncodeSegments([]*goqr.QrSegment{seg}, goqr.Medium, goqr.MinVersion, goqr.MaxVersion, -1, false)
	if err != nil {
		return nil, &dunning.FieldError{Field: "payload", Value: payload,
			Reason: "has " + strconv.Itoa(len(payload)) + " bytes, more than a QR code holds at level M", Err: err}
	}
	return q, nil
}

// layout returns the module size in pixels and the offset of the symbol in an
// image of size pixels for a symbol of n modules, or an error when size cannot
// hold the symbol and its quiet zone at one pixel per module.
func layout(n, size int) (scale, offset int, err error) {
	total := n + 2*QuietZone
	if size < total {
		return 0, 0, &dunning.FieldError{Field: "size", Value: strconv.Itoa(size),
			Reason: fmt.Sprintf("is below %d pixels, the %d modules of this code and its quiet zone", total, total)}
	}
	scale = size / total
	// The pixels left over widen the margins, so the image is exactly size.
	return scale, (size - scale*n) / 2, nil
}

// PNG returns payload as a QR code in a PNG image of size × size pixels: black
// modules on white, each module a whole number of pixels, with at least the quiet
// zone around the symbol (the pixels that do not divide evenly widen it). size
// must be at least the symbol's modules plus 8 (77 for any EPC payload) and at
// most MaxPNGSize. The error is a *dunning.FieldError for "payload" (empty, or too
// long for a QR code) or "size".
func PNG(payload string, size int) ([]byte, error) {
	q, err := encode(payload)
	if err != nil {
		return nil, err
	}
	if size > MaxPNGSize {
		return nil, &dunning.FieldError{Field: "size", Value: strconv.Itoa(size), Reason: "is above " + strconv.Itoa(MaxPNGSize) + " pixels"}
	}
	n := q.Size()
	scale, off, err := layout(n, size)
	if err != nil {
		return nil, err
	}
	img := image.NewPaletted(image.Rect(0, 0, size, size), color.Palette{color.White, color.Black})
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			if !q.Module(x, y) {
				continue
			}
			for py := off + y*scale; py < off+(y+1)*scale; py++ {
				row := img.Pix[py*img.Stride:]
				for px := off + x*scale; px < off+(x+1)*scale; px++ {
					row[px] = 1
				}
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// SVG returns payload as a QR code in an SVG image of size × size pixels, drawn in
// module units (the quiet zone included in the view box) so that it scales
// without blurring: a white background and one path of black modules. The error
// is that of PNG, except that any size of at least 1 is accepted.
func SVG(payload string, size int) ([]byte, error) {
	q, err := encode(payload)
	if err != nil {
		return nil, err
	}
	if size < 1 {
		return nil, &dunning.FieldError{Field: "size", Value: strconv.Itoa(size), Reason: "is below 1 pixel"}
	}
	n := q.Size()
	total := n + 2*QuietZone
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" shape-rendering="crispEdges">`, size, size, total, total)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#fff"/><path fill="#000" d="`, total, total)
	for y := 0; y < n; y++ {
		for x := 0; x < n; {
			if !q.Module(x, y) {
				x++
				continue
			}
			run := 1
			for x+run < n && q.Module(x+run, y) {
				run++
			}
			fmt.Fprintf(&b, "M%d %dh%dv1h-%dz", x+QuietZone, y+QuietZone, run, run)
			x += run
		}
	}
	b.WriteString(`"/></svg>`)
	return []byte(b.String()), nil
}
