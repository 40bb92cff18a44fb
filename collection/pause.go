package collection

import (
	"slices"

	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/flow"
)

// Pauses and interest (L1, L2, E21). While a case is paused the debtor is not
// contacted and no fee is added (L1). Interest is another matter: in every
// jurisdiction the SDK covers the law lets late-payment interest run from the due
// date until payment (DK renteloven § 3, SE räntelagen 6 §, NO
// forsinkelsesrenteloven § 2, DE § 288 BGB, NL art. 6:119 BW, FI korkolaki 4 §)
// and none of them stops it because the creditor holds its dunning back. So by
// default interest runs on through a pause and is charged with the next step; a
// creditor who waives it for the pause says so in its profile
// (CreditorProfile.WaiveInterestWhilePaused), and the pause's days are then
// left out of every later interest charge (InterestTerms.Waived).

// startPause pauses c from today until until for reason, waiving the interest of
// the pause when waive is set; an earlier pause it replaces ends today.
func startPause(c *Case, today, until date.Date, reason string, waive bool) {
	cutWaiver(c, today)
	c.Progress = c.Progress.WithPause(until, reason)
	if waive {
		if c.Interest == nil {
			c.Interest = &InterestTerms{}
		}
		c.Interest.Waived = append(c.Interest.Waived, date.Period{From: today, To: until})
	}
}

// endPause ends the pause of c on today: an explicit Resume (L2), or an action
// with a deadline or a flow switch that replaces the pause date (E21). A waived
// period of the pause ends today too. It reports whether a pause was active.
func endPause(c *Case, today date.Date) bool {
	if !c.Progress.Pause.Active(today) {
		return false
	}
	c.Progress = c.Progress.Resume()
	cutWaiver(c, today)
	return true
}

// replacePause is endPause for an action with a deadline or a flow switch
// (E21), recorded as a resume by that action.
func replacePause(c *Case, today date.Date, ch *change, by string) {
	if endPause(c, today) {
		ch.add(EventResumed, "auto", "false", "by", by)
	}
}

// switchFlow moves c to flow to (flow.Switch, E2, E13), which replaces the pause
// (E21): a waived period of the pause ends today.
func switchFlow(c *Case, to flow.Flow, today date.Date) {
	cutWaiver(c, today)
	c.Progress = flow.Switch(c.Progress, to)
}

// cutWaiver ends a waived period still running after today on today: the pause
// it belongs to ended early.
func cutWaiver(c *Case, today date.Date) {
	if c.Interest == nil {
		return
	}
	w := c.Interest.Waived
	for i := range w {
		if w[i].To.After(today) {
			w[i].To = today
		}
	}
	c.Interest.Waived = slices.DeleteFunc(w, func(p date.Period) bool { return !p.From.Before(p.To) })
}

// excludedPeriods are the days no late-payment interest runs on c up to day: the
// payment plan's period (the plan charges its own interest, E12) and the pauses
// the creditor waived interest for.
func excludedPeriods(c *Case, day date.Date) []date.Period {
	out := planPeriod(c, day)
	if c.Interest == nil {
		return out
	}
	for _, w := range c.Interest.Waived {
		if w.From.Before(day) {
			if w.To.After(day) {
				w.To = day
			}
			out = append(out, w)
		}
	}
	return out
}
