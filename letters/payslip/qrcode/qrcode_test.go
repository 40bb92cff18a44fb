package qrcode_test

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"image/png"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	zxqr "github.com/makiuchi-d/gozxing/qrcode"
	"pgregory.net/rapid"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/letters"
	"github.com/dunning-go/dunning/letters/payslip"
	"github.com/dunning-go/dunning/letters/payslip/qrcode"
	"github.com/dunning-go/dunning/money"
)

// fataler is what decode needs of a *testing.T or a *rapid.T.
type fataler interface {
	Helper()
	Fatalf(format string, args ...any)
}

// decode reads a PNG back with gozxing, an independent QR decoder, and returns the
// bytes of its byte segments and the error correction level.
func decode(t fataler, img []byte, pure bool) ([]byte, string) {
	t.Helper()
	m, err := png.Decode(bytes.NewReader(img))
	if err != nil {
		t.Fatalf("png.Decode: %v", err)
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(m)
	if err != nil {
		t.Fatalf("gozxing bitmap: %v", err)
	}
	hints := map[gozxing.DecodeHintType]interface{}{}
	if pure {
		hints[gozxing.DecodeHintType_PURE_BARCODE] = true
	}
	res, err := zxqr.NewQRCodeReader().Decode(bmp, hints)
	if err != nil {
		t.Fatalf("gozxing Decode: %v", err)
	}
	meta := res.GetResultMetadata()
	var got []byte
	segs, _ := meta[gozxing.ResultMetadataType_BYTE_SEGMENTS].([][]byte)
	for _, s := range segs {
		got = append(got, s...)
	}
	level, _ := meta[gozxing.ResultMetadataType_ERROR_CORRECTION_LEVEL].(string)
	return got, level
}

// payloads are EPC payloads to draw: the guideline's examples, one of 331 bytes,
// and a non-UTF-8 (ISO 8859-1) one.
func payloads(t *testing.T) map[string]string {
	ref, err := letters.ParseReference(letters.RFReference, "RF18539007547034")
	if err != nil {
		t.Fatal(err)
	}
	ex1, err := payslip.EPC{Version: 1, BIC: "BHBLDEHHXXX", Name: "Franz Mustermänn", IBAN: "DE71110220330123456789",
		Amount: money.MustNew("12.30", money.EUR), Purpose: "GDDS", Reference: ref}.Encode()
	if err != nil {
		t.Fatal(err)
	}
	max := payslip.EPC{Name: strings.Repeat("ä", 70), IBAN: "DE89370400440532013000",
		Amount: money.MustNew("999999999.99", money.EUR), Text: "€"}
	p, err := max.Encode()
	if err != nil {
		t.Fatal(err)
	}
	max.Text += strings.Repeat("t", payslip.MaxEPCPayload-len(p))
	full, err := max.Encode()
	if err != nil || len(full) != payslip.MaxEPCPayload {
		t.Fatalf("331-byte payload: %d bytes, %v", len(full), err)
	}
	return map[string]string{
		"EPC069-12 example 1": ex1,
		"331 bytes":           full,
		"ISO 8859-1 example 2": "BCD\n002\n2\nSCT\n\nFran\xe7ois D'Alsace S.A.\nFR1420041010050500013M02606\nEUR12.3\n\n\n" +
			"Client:Marie Louise La Lune",
	}
}

func TestPNGDecodesToPayload(t *testing.T) {
	for name, p := range payloads(t) {
		for _, size := range []int{77, 300, 512} {
			t.Run(fmt.Sprintf("%s/%d", name, size), func(t *testing.T) {
				img, err := qrcode.PNG(p, size)
				if err != nil {
					if name == "331 bytes" && size == 77 {
						checkField(t, err, "size") // version 13 needs 69+8 = 77; see below
						return
					}
					t.Fatalf("PNG: %v", err)
				}
				cfg, err := png.DecodeConfig(bytes.NewReader(img))
				if err != nil || cfg.Width != size || cfg.Height != size {
					t.Fatalf("image is %dx%d, %v; want %dx%d", cfg.Width, cfg.Height, err, size, size)
				}
				for _, pure := range []bool{false, true} {
					got, level := decode(t, img, pure)
					if !bytes.Equal(got, []byte(p)) {
						t.Fatalf("decoded (pure %v)\n%q\nwant\n%q", pure, got, p)
					}
					if level != "M" {
						t.Fatalf("error correction level %q; want M", level)
					}
				}
				again, err := qrcode.PNG(p, size)
				if err != nil || !bytes.Equal(again, img) {
					t.Fatal("PNG is not deterministic")
				}
			})
		}
	}
}

func TestPropPNGRoundTrip(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		p := string(rapid.SliceOfN(rapid.Byte(), 1, payslip.MaxEPCPayload).Draw(rt, "payload"))
		size := rapid.IntRange(160, 400).Draw(rt, "size")
		img, err := qrcode.PNG(p, size)
		if err != nil {
			rt.Fatalf("PNG(%q, %d): %v", p, size, err)
		}
		// Pure mode reads the module grid without gozxing's finder-pattern
		// detector, which misjudges the size of a few synthetic codes (seen: 20
		// bytes, mostly 0x00 and 0x01, at 4 pixels per module: "dimension = 23"
		// for a 25-module code that pure mode and go-qr's own decoder read).
		got, level := decode(rt, img, true)
		if !bytes.Equal(got, []byte(p)) || level != "M" {
			rt.Fatalf("decoded %q at level %q; want %q at M", got, level, p)
		}
	})
}

func TestErrors(t *testing.T) {
	_, err := qrcode.PNG("", 300)
	checkField(t, err, "payload")
	_, err = qrcode.SVG("", 300)
	checkField(t, err, "payload")
	_, err = qrcode.PNG(strings.Repeat("x", 3000), 3000)
	checkField(t, err, "payload")
	// "BCD" is a version 1 code: 21 modules and the quiet zone need 29 pixels.
	_, err = qrcode.PNG("BCD", 28)
	checkField(t, err, "size")
	if _, err := qrcode.PNG("BCD", 29); err != nil {
		t.Fatal(err)
	}
	_, err = qrcode.PNG("BCD", qrcode.MaxPNGSize+1)
	checkField(t, err, "size")
	_, err = qrcode.SVG("BCD", 0)
	checkField(t, err, "size")
}

func checkField(t *testing.T, err error, field string) {
	t.Helper()
	fe, ok := err.(*dunning.FieldError)
	if !ok || fe.Field != field {
		t.Fatalf("err = %v; want a *dunning.FieldError for %q", err, field)
	}
}

func TestSVG(t *testing.T) {
	p := payloads(t)["EPC069-12 example 1"]
	svg, err := qrcode.SVG(p, 300)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		XMLName xml.Name `xml:"svg"`
		Width   string   `xml:"width,attr"`
		ViewBox string   `xml:"viewBox,attr"`
		Path    struct {
			D string `xml:"d,attr"`
		} `xml:"path"`
	}
	if err := xml.Unmarshal(svg, &doc); err != nil {
		t.Fatalf("SVG is not XML: %v", err)
	}
	// Example 1 (96 bytes) is a version 6 code at level M (version 5 holds 84
	// bytes): 41 modules, 49 with the quiet zone.
	if doc.Width != "300" || doc.ViewBox != "0 0 49 49" || !strings.HasPrefix(doc.Path.D, "M4 4h7v1h-7z") {
		t.Fatalf("svg width %q viewBox %q path %.40q", doc.Width, doc.ViewBox, doc.Path.D)
	}
	again, _ := qrcode.SVG(p, 300)
	if !bytes.Equal(again, svg) {
		t.Fatal("SVG is not deterministic")
	}
}
