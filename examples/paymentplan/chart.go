package main

import (
	"encoding/xml"
	"fmt"
	"strings"

	"github.com/dunning-go/dunning/agreement"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/money"
	"golang.org/x/text/language"
)

// The chart's geometry in pixels: the plot area is [left, left+plotW] × [top, top+plotH].
const (
	width, height  = 830, 420
	left, top      = 90, 50
	plotW, plotH   = 640, 290
	balanceColor   = "#1d4ed8"
	interestColor  = "#dc2626"
	maxDateLabels  = 7
	maxValueLabels = 6
)

// point is a pixel coordinate.
type point struct{ x, y int64 }

// chart draws plan p as an SVG line chart: the balance (principal outstanding) on the
// left axis and the cumulative interest on the right axis, both as steps at the due
// dates. Amounts become pixels by integer arithmetic on minor units:
// y = top + plotH − v·plotH/yMax, with yMax a round number above the largest value.
func chart(p agreement.Plan, tag language.Tag) (string, error) {
	s := p.Summary()
	cur := s.Principal.Currency()
	start, end := p.Terms().Start, s.Last
	days := int64(start.DaysUntil(end))
	debtMinor, err := s.Principal.MinorUnits()
	if err != nil {
		return "", err
	}
	interestMinor, err := s.TotalInterest.MinorUnits()
	if err != nil {
		return "", err
	}
	step, yMax := scale(debtMinor)
	iStep, iMax := scale(interestMinor)
	x := func(d date.Date) int64 { return left + int64(start.DaysUntil(d))*plotW/days }
	y := func(v int64) int64 { return top + plotH - v*plotH/yMax }
	yi := func(v int64) int64 { return top + plotH - v*plotH/iMax }

	// The two series as steps: a value holds until the day it changes.
	balance := []point{{x(start), y(debtMinor)}}
	interest := []point{{x(start), yi(0)}}
	prevBal, cum := debtMinor, int64(0)
	var dues []date.Date
	for in := range p.All() {
		bal, err := in.Balance.MinorUnits()
		if err != nil {
			return "", err
		}
		i, err := in.Interest.MinorUnits()
		if err != nil {
			return "", err
		}
		balance = append(balance, point{x(in.Due), y(prevBal)}, point{x(in.Due), y(bal)})
		interest = append(interest, point{x(in.Due), yi(cum)}, point{x(in.Due), yi(cum + i)})
		prevBal, cum = bal, cum+i
		if !in.IsDownPayment() {
			dues = append(dues, in.Due)
		}
	}

	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="11">
`, width, height, width, height)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#ffffff"/>
`, width, height)
	fmt.Fprintf(&b, `<text x="%d" y="24" font-size="15" font-weight="bold">%s</text>
`, left, esc(fmt.Sprintf("Payment plan: %d instalments, %s to %s", s.Count, s.First, s.Last)))

	// The value axis: grid lines and labels at multiples of step.
	for v := int64(0); v <= yMax; v += step {
		m, err := money.FromMinorUnits(v, cur)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#e5e7eb"/>
<text x="%d" y="%d" text-anchor="end">%s</text>
`, left, y(v), left+plotW, y(v), left-8, y(v)+4, esc(m.FormatNumber(tag)))
	}
	fmt.Fprintf(&b, `<text x="16" y="%d" transform="rotate(-90 16 %d)" text-anchor="middle" fill="%s">%s</text>
`, top+plotH/2, top+plotH/2, balanceColor, esc("Balance ("+string(cur)+")"))

	// The right axis: the cumulative interest, on its own scale.
	for v := int64(0); v <= iMax; v += iStep {
		m, err := money.FromMinorUnits(v, cur)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s"/>
<text x="%d" y="%d" fill="%s">%s</text>
`, left+plotW, yi(v), left+plotW+5, yi(v), interestColor, left+plotW+8, yi(v)+4, interestColor, esc(m.FormatNumber(tag)))
	}
	rx := int64(width - 14)
	fmt.Fprintf(&b, `<text x="%d" y="%d" transform="rotate(90 %d %d)" text-anchor="middle" fill="%s">%s</text>
`, rx, top+plotH/2, rx, top+plotH/2, interestColor, esc("Cumulative interest ("+string(cur)+")"))

	// The time axis: a tick at every due date, a label at every few and at the
	// last, leaving out a regular label closer to the last than the spacing (the
	// two would overlap).
	every := (len(dues) + maxDateLabels - 1) / maxDateLabels
	last := len(dues) - 1
	for i, d := range dues {
		fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#374151"/>
`, x(d), top+plotH, x(d), top+plotH+5)
		if i == last || (i%every == 0 && last-i >= every) {
			fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle">%s</text>
`, x(d), top+plotH+19, esc(d.String()))
		}
	}
	fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle">Due date</text>
`, left+plotW/2, top+plotH+40)

	// The axes themselves, over the grid.
	fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#374151"/>
<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#374151"/>
<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s"/>
`, left, top, left, top+plotH, left, top+plotH, left+plotW, top+plotH, left+plotW, top, left+plotW, top+plotH, interestColor)

	// The series.
	fmt.Fprintf(&b, `<polyline id="balance" fill="none" stroke="%s" stroke-width="2" points="%s"/>
<polyline id="interest" fill="none" stroke="%s" stroke-width="2" points="%s"/>
`, balanceColor, points(balance), interestColor, points(interest))

	// The legend, at the top centre of the plot, where both lines are low: the balance
	// falls from the top left and the interest rises to the top right.
	lx, ly := int64(left+plotW/2-150), int64(top+12)
	for i, e := range []struct{ color, label string }{
		{balanceColor, "Balance (principal outstanding), left axis"},
		{interestColor, "Cumulative interest, right axis"},
	} {
		yy := ly + int64(i)*18
		fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="2"/>
<text x="%d" y="%d">%s</text>
`, lx, yy, lx+24, yy, e.color, lx+30, yy+4, esc(e.label))
	}
	b.WriteString("</svg>\n")
	return b.String(), nil
}

// scale returns the step between axis labels and the top of an axis showing values
// from 0 to hi minor units: a round step, and the first multiple of it at or above hi.
func scale(hi int64) (step, top int64) {
	step = niceStep(hi / (maxValueLabels - 1))
	top = (hi + step - 1) / step * step
	if top == 0 {
		top = step // an interest-free plan: an empty axis, still drawable
	}
	return step, top
}

// niceStep returns the smallest 1, 2 or 5 × 10^k (in minor units) that is at least raw.
func niceStep(raw int64) int64 {
	raw = max(raw, 1)
	for mag := int64(1); ; mag *= 10 {
		for _, f := range []int64{1, 2, 5} {
			if f*mag >= raw {
				return f * mag
			}
		}
	}
}

// points writes the polyline's points attribute: "x,y x,y ...".
func points(ps []point) string {
	var b strings.Builder
	for i, p := range ps {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%d,%d", p.x, p.y)
	}
	return b.String()
}

// esc escapes s for XML text and attribute values.
func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s)) // a strings.Builder never fails
	return b.String()
}
