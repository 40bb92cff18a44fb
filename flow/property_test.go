package flow

import (
	"testing"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/fees"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"pgregory.net/rapid"
)

type scenario struct {
	f     Flow
	p     Progress
	facts Facts
	today date.Date
}

func genFlow(t *rapid.T) Flow {
	switch rapid.IntRange(0, 3).Draw(t, "flow") {
	case 0:
		return Lenient()
	case 1:
		return Standard()
	case 2:
		return FastToCourt()
	}
	lvl := func(name string) LevelSettings {
		return LevelSettings{Off: rapid.IntRange(0, 3).Draw(t, name+".off") == 0,
			Days: rapid.IntRange(0, 20).Draw(t, name+".days")}
	}
	f, err := ReminderModule(ModuleSettings{
		PostalDays: rapid.IntRange(0, 5).Draw(t, "postal"), ListDays: rapid.IntRange(0, 15).Draw(t, "list"),
		Reminder1: lvl("r1"), Reminder2: lvl("r2"), Warning: lvl("warning"), Collection: lvl("collection"),
	})
	if err != nil {
		return Standard() // every level off
	}
	return f
}

func genFacts(t *rapid.T) Facts {
	due := date.MustParse("2025-03-01").AddDays(rapid.IntRange(-700, 400).Draw(t, "due"))
	j := rapid.SampledFrom([]dunning.Jurisdiction{dunning.DK, dunning.SE, dunning.NO, dunning.DE, dunning.NL, dunning.FI}).Draw(t, "jurisdiction")
	k := rapid.SampledFrom([]dunning.PartyKind{dunning.Consumer, dunning.Business}).Draw(t, "party")
	rule, err := fees.ReminderRules(j, k, due, due)
	if err != nil {
		t.Fatalf("no rule: %v", err)
	}
	facts := Facts{Due: due, Jurisdiction: j, Party: k, Fees: rule,
		PostalDays: rapid.IntRange(0, 4).Draw(t, "postalDays"),
		Disputed:   rapid.IntRange(0, 4).Draw(t, "disputed") == 0,
		FeeAgreed:  rapid.Bool().Draw(t, "feeAgreed")}
	for i := range rapid.IntRange(0, 3).Draw(t, "windows") {
		_ = i
		from := due.AddDays(rapid.IntRange(0, 150).Draw(t, "from"))
		facts.Holidays = append(facts.Holidays, date.Period{From: from, To: from.AddDays(rapid.IntRange(0, 20).Draw(t, "len"))})
	}
	return facts
}

// genScenario draws a case somewhere along a flow: some steps taken late or on time,
// perhaps letters, a pause, a decision mark, a track, an override, holidays.
func genScenario(t *rapid.T) scenario {
	f := genFlow(t)
	facts := genFacts(t)
	p := Start(f)
	cur := facts.Due
	for range rapid.IntRange(0, f.Len()).Draw(t, "taken") {
		d := Decide(f, p, facts, cur)
		if d.Index < 0 {
			break
		}
		on := d.On
		if cur.After(on) {
			on = cur
		}
		on = on.AddDays(rapid.IntRange(0, 15).Draw(t, "late"))
		p, cur = p.Take(d, on), on
		if rapid.IntRange(0, 5).Draw(t, "letter") == 0 {
			p = p.Letter(cur)
		}
	}
	if rapid.Bool().Draw(t, "pause") {
		p = p.WithPause(cur.AddDays(rapid.IntRange(-5, 40).Draw(t, "until")), "r")
	}
	if rapid.IntRange(0, 5).Draw(t, "await") == 0 {
		p = p.Await()
	}
	if rapid.IntRange(0, 5).Draw(t, "track") == 0 {
		p = p.WithTrack(Track(rapid.IntRange(1, 2).Draw(t, "which")))
	}
	if rapid.IntRange(0, 4).Draw(t, "override") == 0 {
		p = p.WithDeadline(cur.AddDays(rapid.IntRange(0, 40).Draw(t, "deadline")))
	}
	return scenario{f: f, p: p, facts: facts, today: cur.AddDays(rapid.IntRange(-3, 60).Draw(t, "today"))}
}

var cmpDecision = cmp.Options{cmp.AllowUnexported(Decision{}), cmpopts.EquateErrors()}

func TestPropDecideDeterministic(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := genScenario(t)
		a := Decide(s.f, s.p, s.facts, s.today)
		b := Decide(s.f, s.p, s.facts, s.today)
		if diff := cmp.Diff(a, b, cmpDecision); diff != "" {
			t.Fatalf("Decide differs between calls:\n%s", diff)
		}
	})
}

// TestPropNeverDueWhilePausedL1OrHolidayL3: a paused case is never contacted, nor one
// in a creditor holiday window.
func TestPropNeverDueWhilePausedL1OrHolidayL3(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := genScenario(t)
		d := Decide(s.f, s.p, s.facts, s.today)
		if !d.Due {
			if d.Reason == ReasonNone {
				t.Fatalf("not due without a reason: %v", d)
			}
			return
		}
		if s.p.Pause.Active(s.today) {
			t.Fatalf("due on %s while paused until %s", s.today, s.p.Pause.Until)
		}
		for _, w := range s.facts.Holidays {
			if w.Contains(s.today) {
				t.Fatalf("due on %s in holiday %s", s.today, w)
			}
		}
		if d.On.After(s.today) || d.Reason != ReasonNone {
			t.Fatalf("due but On %s after today %s or reason %v", d.On, s.today, d.Reason)
		}
	})
}

// TestPropEligibleNeverDecreases walks a whole flow, taking each step some days after
// it is allowed, with pauses and holidays, and checks that eligible dates never go back.
func TestPropEligibleNeverDecreases(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f := genFlow(t)
		facts := genFacts(t)
		p := Start(f)
		var prev date.Date
		cur := facts.Due
		for range 50 {
			if rapid.IntRange(0, 4).Draw(t, "pause") == 0 {
				p = p.WithPause(cur.AddDays(rapid.IntRange(0, 30).Draw(t, "until")), "")
			}
			d := Decide(f, p, facts, cur)
			if d.Index < 0 {
				break
			}
			if d.On.Before(prev) {
				t.Fatalf("step %d allowed on %s, before the previous step's %s", d.Index, d.On, prev)
			}
			if !d.Due {
				cur = d.On
				continue
			}
			prev = d.On
			cur = cur.AddDays(rapid.IntRange(0, 10).Draw(t, "late"))
			p = p.Take(d, cur)
		}
	})
}

// TestPropOnTimeReproducesOffsetsE1: taking every step on its eligible day reproduces
// the flow's days from the due date plus postal days, except that a step waits for
// the day after the previous deadline where the law's notice made that deadline
// longer than the flow's spacing; every deadline is at least the law's notice
// (fees.EarliestDeadline, looked up here independently of Decide). Implements E1,
// S2.
func TestPropOnTimeReproducesOffsetsE1(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		f := genFlow(t)
		facts := genFacts(t)
		facts.Holidays = nil
		p := Start(f)
		var prevOn, prevDeadline date.Date
		for i := range f.Len() {
			d := Decide(f, p, facts, facts.Due.AddDays(-10))
			if d.Index != i {
				t.Fatalf("step %d proposed, want %d", d.Index, i)
			}
			want := facts.Due.AddDays(facts.PostalDays + f.Step(0).Days)
			if i > 0 {
				want = prevOn.AddDays(f.Step(i).Days)
				if !prevDeadline.IsZero() && !prevDeadline.Before(want) {
					want = prevDeadline.AddDays(1)
				}
			}
			if d.On != want {
				t.Fatalf("step %d on %s, want %s", i, d.On, want)
			}
			if n, ok := map[Kind]fees.Notice{Reminder: fees.Reminder, CollectionWarning: fees.CollectionWarning, DemandLetter: fees.PaymentDemand}[d.Step.Kind]; ok {
				if law, _, ok := fees.EarliestDeadline(facts.Jurisdiction, facts.Party, n, d.On); ok && d.Deadline.Before(law) {
					t.Fatalf("step %d (%s) gives %s, the law asks for %s", i, d.Step.Kind, d.Deadline, law)
				}
			}
			prevOn, prevDeadline = d.On, d.Deadline
			if !Decide(f, p, facts, d.On).Due || Decide(f, p, facts, d.On.AddDays(-1)).Due {
				t.Fatalf("step %d not due exactly from %s", i, d.On)
			}
			p = p.Take(d, d.On)
		}
		if d := Decide(f, p, facts, facts.Due.AddDays(1000)); d.Reason != ReasonFinished {
			t.Fatalf("after the last step: %v", d.Reason)
		}
	})
}

// TestPropRewindRestoresE19: taking the proposed step and deleting it gives back the
// same decision.
func TestPropRewindRestoresE19(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := genScenario(t)
		want := Decide(s.f, s.p, s.facts, s.today)
		if want.Index < 0 {
			return
		}
		taken := s.p.Take(want, s.today.AddDays(rapid.IntRange(0, 10).Draw(t, "takenOn")))
		got := Decide(s.f, Rewind(taken), s.facts, s.today)
		if diff := cmp.Diff(want, got, cmpDecision); diff != "" {
			t.Fatalf("after Take and Rewind:\n%s", diff)
		}
	})
}
