package qrcode

import (
	"bytes"
	"image/png"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestEPCFitsVersion13: any payload of at most 331 bytes, the EPC limit, is drawn in
// QR version 13 or below (17 + 4 × 13 = 69 modules), as EPC069-12 asks.
func TestEPCFitsVersion13(t *testing.T) {
	for _, p := range []string{strings.Repeat("\xff", 331), strings.Repeat("a", 331)} {
		q, err := encode(p)
		if err != nil {
			t.Fatal(err)
		}
		if q.Size() != 69 {
			t.Fatalf("331 bytes give %d modules; want 69 (version 13)", q.Size())
		}
	}
	q, err := encode(strings.Repeat("a", 332))
	if err != nil || q.Size() <= 69 {
		t.Fatalf("332 bytes give %v modules, %v; want more than version 13", q.Size(), err)
	}
}

// TestImagesMatchModules: every module of the PNG and of the SVG is the encoder's.
func TestImagesMatchModules(t *testing.T) {
	p := "BCD\n002\n1\nSCT\n\nErika Mustermann\nDE89370400440532013000\nEUR42"
	q, err := encode(p)
	if err != nil {
		t.Fatal(err)
	}
	n := q.Size()
	const size = 333 // not a multiple of the modules: the margins absorb the rest
	img, err := PNG(p, size)
	if err != nil {
		t.Fatal(err)
	}
	m, err := png.Decode(bytes.NewReader(img))
	if err != nil {
		t.Fatal(err)
	}
	scale, off, _ := layout(n, size)
	if off < QuietZone*scale {
		t.Fatalf("offset %d is less than the quiet zone %d", off, QuietZone*scale)
	}
	for y := -QuietZone; y < n+QuietZone; y++ {
		for x := -QuietZone; x < n+QuietZone; x++ {
			r, _, _, _ := m.At(off+x*scale+scale/2, off+y*scale+scale/2).RGBA()
			if dark := r == 0; dark != q.Module(x, y) {
				t.Fatalf("PNG module (%d,%d) dark %v; want %v", x, y, dark, q.Module(x, y))
			}
		}
	}

	svg, err := SVG(p, 200)
	if err != nil {
		t.Fatal(err)
	}
	dark := make([][]bool, n)
	for i := range dark {
		dark[i] = make([]bool, n)
	}
	for _, s := range regexp.MustCompile(`M(\d+) (\d+)h(\d+)v1h-(\d+)z`).FindAllStringSubmatch(string(svg), -1) {
		x, _ := strconv.Atoi(s[1])
		y, _ := strconv.Atoi(s[2])
		run, _ := strconv.Atoi(s[3])
		for i := 0; i < run; i++ {
			dark[y-QuietZone][x-QuietZone+i] = true
		}
	}
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			if dark[y][x] != q.Module(x, y) {
				t.Fatalf("SVG module (%d,%d) dark %v; want %v", x, y, dark[y][x], q.Module(x, y))
			}
		}
	}
}
