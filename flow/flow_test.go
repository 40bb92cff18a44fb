package flow

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/money"
	"github.com/stretchr/testify/require"
)

var d0 = date.MustParse("2025-03-01")

// walk runs a case through f day by day from the due date, taking each step on the
// first day Decide says it is due, and returns the day (counted from due) of every
// step taken.
func walk(t testing.TB, f Flow, facts Facts, days int) []int {
	t.Helper()
	p := Start(f)
	var got []int
	for day := 0; day <= days; day++ {
		today := facts.Due.AddDays(day)
		d := Decide(f, p, facts, today)
		if d.Due {
			got = append(got, day)
			p = p.Take(d, today)
		}
	}
	return got
}

func dkFacts(due date.Date) Facts {
	return Facts{Due: due, Jurisdiction: dunning.DK, Party: dunning.Consumer}
}

// TestPresetDaysE1 walks each standard flow day by day from the due date and checks
// the exact day of every step. Implements E1.
func TestPresetDaysE1(t *testing.T) {
	tests := []struct {
		name string
		flow Flow
		// days between steps as E1 gives them, and their cumulative day
		want []int
	}{
		// Lenient: R1 +5, R2 +15, warning +15, demand +15, offer 20 % +10, missing payment +30, claim +15.
		{"Lenient", Lenient(), []int{5, 20, 35, 50, 60, 90, 105}},
		// Standard: R1 +3, R2 +12, warning +12, demand +12, offer 20 % +10, claim +30.
		{"Standard", Standard(), []int{3, 15, 27, 39, 49, 79}},
		// FastToCourt: R1 +1, R2 +11, warning +11, demand +10, claim +10.
		{"FastToCourt", FastToCourt(), []int{1, 12, 23, 33, 43}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.name, tt.flow.Name())
			require.Equal(t, tt.want, tt.flow.Offsets())
			want := tt.want
			if tt.name == "FastToCourt" {
				// In Denmark the warning gives at least 10 days (inkassoloven § 10):
				// its deadline is day 33, so the demand letter waits for day 34.
				want = []int{1, 12, 23, 34, 44}
			}
			require.Equal(t, want, walk(t, tt.flow, dkFacts(d0), 200))
		})
	}
}

func TestPresetStepsE1(t *testing.T) {
	s := Standard()
	kinds := []Kind{Reminder, Reminder, CollectionWarning, DemandLetter, SettlementOffer, PaymentClaim}
	for i, k := range kinds {
		require.Equal(t, k, s.Step(i).Kind, "step %d", i)
	}
	require.Equal(t, "20", s.Step(4).Discount.String())
	l := Lenient()
	require.Equal(t, MissingPaymentLetter, l.Step(5).Kind)
	require.Equal(t, "20", l.Step(4).Discount.String())
	for _, f := range []Flow{Lenient(), Standard(), FastToCourt()} {
		n := 0
		for _, st := range f.All() {
			if st.FeeBearing() {
				n++
			}
		}
		require.Equal(t, 3, n, "%s: three fee-bearing reminders (E4)", f.Name())
	}
}

func TestPostalDaysS2(t *testing.T) {
	facts := dkFacts(d0)
	facts.PostalDays = 3
	require.Equal(t, []int{6, 18, 30, 42, 52, 82}, walk(t, Standard(), facts, 200))
}

func TestReminderModuleS1S2S3(t *testing.T) {
	sek := func(s string) money.Money { return money.MustNew(s, money.SEK) }
	tests := []struct {
		name      string
		set       ModuleSettings
		kinds     []Kind
		days      []int // day of each step from the due date when taken on time
		blocks    []bool
		fees      []string // "" for none
		wantError bool
	}{
		{
			name: "all levels on",
			set: ModuleSettings{PostalDays: 3, ListDays: 5,
				Reminder1:  LevelSettings{Days: 10, Fee: sek("60"), Comment: "Vi har inte fått er betalning."},
				Reminder2:  LevelSettings{Days: 10, Fee: sek("60")},
				Warning:    LevelSettings{Days: 14},
				BlockFrom:  LevelWarning,
				Collection: LevelSettings{}},
			kinds:  []Kind{Reminder, Reminder, CollectionWarning, AgencyHandover},
			days:   []int{8, 18, 28, 42},
			blocks: []bool{false, false, true, true},
			fees:   []string{"60.00 SEK", "60.00 SEK", "", ""},
		},
		{
			name: "Reminder 2 off: the warning follows Reminder 1 after its days",
			set: ModuleSettings{PostalDays: 2, ListDays: 0,
				Reminder1: LevelSettings{Days: 7},
				Reminder2: LevelSettings{Off: true, Days: 99},
				Warning:   LevelSettings{Days: 10},
				BlockFrom: LevelReminder2},
			kinds:  []Kind{Reminder, CollectionWarning, AgencyHandover},
			days:   []int{2, 9, 19},
			blocks: []bool{false, true, true},
			fees:   []string{"", "", ""},
		},
		{
			name: "only Reminder 2 and collection",
			set: ModuleSettings{ListDays: 14,
				Reminder1: LevelSettings{Off: true},
				Reminder2: LevelSettings{Days: 20, Fee: sek("60")},
				Warning:   LevelSettings{Off: true}},
			kinds:  []Kind{Reminder, AgencyHandover},
			days:   []int{14, 34},
			blocks: []bool{false, false},
			fees:   []string{"60.00 SEK", ""},
		},
		{
			name:      "every level off",
			set:       ModuleSettings{Reminder1: LevelSettings{Off: true}, Reminder2: LevelSettings{Off: true}, Warning: LevelSettings{Off: true}, Collection: LevelSettings{Off: true}},
			wantError: true,
		},
		{
			name:      "negative days",
			set:       ModuleSettings{ListDays: -1, Reminder1: LevelSettings{Days: -2}},
			wantError: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := ReminderModule(tt.set)
			if tt.wantError {
				require.ErrorIs(t, err, ErrInvalidFlow)
				require.ErrorIs(t, err, dunning.ErrInvalid)
				return
			}
			require.NoError(t, err)
			require.Equal(t, len(tt.kinds), f.Len())
			for i, st := range f.All() {
				require.Equal(t, tt.kinds[i], st.Kind, "step %d", i)
				require.Equal(t, tt.blocks[i], st.BlocksCustomer, "step %d blocks (S5)", i)
				if tt.fees[i] == "" {
					require.False(t, st.FeeBearing(), "step %d", i)
				} else {
					require.Equal(t, FeeFixed, st.Fee.Mode)
					require.Equal(t, tt.fees[i], st.Fee.Amount.String())
				}
			}
			require.Equal(t, tt.days, walk(t, f, Facts{Due: d0, Jurisdiction: dunning.SE, Party: dunning.Business}, 200))
		})
	}
	f, err := ReminderModule(ModuleSettings{Reminder1: LevelSettings{Comment: "Betalningen saknas."}})
	require.NoError(t, err)
	require.Equal(t, "Betalningen saknas.", f.Step(0).Comment, "S6")
}

func TestNewRejectsBadSteps(t *testing.T) {
	_, err := New("", Step{Kind: 0, Days: -1}, Step{Kind: DemandLetter, Fee: FeeRule{Mode: FeeMax}},
		Step{Kind: SettlementOffer}, Step{Kind: FreeLetter})
	require.ErrorIs(t, err, ErrInvalidFlow)
	require.ErrorIs(t, err, dunning.ErrInvalid)
	var fe *dunning.FieldError
	require.ErrorAs(t, err, &fe)
	for _, want := range []string{"Name", "Steps[0].Kind", "Steps[0].Days", "Steps[1].Fee", "Steps[2].Discount", "Steps[3].Kind"} {
		require.Contains(t, err.Error(), want)
	}
	_, err = New("empty")
	require.ErrorIs(t, err, ErrInvalidFlow)
}

func TestNewCopiesSteps(t *testing.T) {
	steps := []Step{{Kind: Reminder, Days: 3}}
	f, err := New("x", steps...)
	require.NoError(t, err)
	steps[0].Days = 99
	require.Equal(t, 3, f.Step(0).Days)
	require.Equal(t, "reminder", f.Step(0).Name, "unnamed step is named after its kind")
}

func TestFlowJSONRoundTrip(t *testing.T) {
	for _, f := range []Flow{Lenient(), Standard(), FastToCourt()} {
		b, err := json.Marshal(f)
		require.NoError(t, err)
		var g Flow
		require.NoError(t, json.Unmarshal(b, &g))
		b2, err := json.Marshal(g)
		require.NoError(t, err)
		require.JSONEq(t, string(b), string(b2))
		require.Equal(t, f.Offsets(), g.Offsets())
	}
	var g Flow
	require.ErrorIs(t, json.Unmarshal([]byte(`{"name":"x","steps":[{"kind":"reminder","days":-1}]}`), &g), ErrInvalidFlow)
	require.ErrorIs(t, json.Unmarshal([]byte(`{"name":"x","steps":[{"kind":"nope"}]}`), &g), dunning.ErrInvalid)
}

func TestEnumText(t *testing.T) {
	for k := Reminder; k <= Wait; k++ {
		b, err := k.MarshalText()
		require.NoError(t, err)
		var k2 Kind
		require.NoError(t, k2.UnmarshalText(b))
		require.Equal(t, k, k2)
	}
	_, err := Kind(0).MarshalText()
	require.ErrorIs(t, err, dunning.ErrInvalid)
	require.Equal(t, "Kind(0)", Kind(0).String())
	_, err = ParseKind("")
	require.ErrorIs(t, err, dunning.ErrInvalid)
	for c := Channel(0); c <= Print; c++ {
		b, err := c.MarshalText()
		require.NoError(t, err)
		var c2 Channel
		require.NoError(t, c2.UnmarshalText(b))
		require.Equal(t, c, c2)
	}
	for tr := TrackMain; tr <= TrackOffer; tr++ {
		b, err := tr.MarshalText()
		require.NoError(t, err)
		var t2 Track
		require.NoError(t, t2.UnmarshalText(b))
		require.Equal(t, tr, t2)
	}
	for r := ReasonNone; r <= ReasonNoDueDate; r++ {
		b, err := r.MarshalText()
		require.NoError(t, err)
		var r2 Reason
		require.NoError(t, r2.UnmarshalText(b))
		require.Equal(t, r, r2)
	}
	var m FeeMode
	require.NoError(t, m.UnmarshalText([]byte("max")))
	require.Equal(t, FeeMax, m)
	require.Error(t, m.UnmarshalText([]byte("MAX")))
}

func TestProgressJSONRoundTrip(t *testing.T) {
	f := Standard()
	p := Start(f)
	d := Decide(f, p, dkFacts(d0), d0.AddDays(3))
	p = p.Take(d, d0.AddDays(3)).Letter(d0.AddDays(4)).WithPause(d0.AddDays(20), "calls back").WithManual(true)
	b, err := json.Marshal(p)
	require.NoError(t, err)
	var q Progress
	require.NoError(t, json.Unmarshal(b, &q))
	b2, err := json.Marshal(q)
	require.NoError(t, err)
	require.JSONEq(t, string(b), string(b2))
	today := d0.AddDays(30)
	require.Equal(t, Decide(f, p, dkFacts(d0), today).Explain(), Decide(f, q, dkFacts(d0), today).Explain())
}

var errSentinel = errors.New("x")

func TestStepError(t *testing.T) {
	e := &StepError{Flow: "F", Index: 3, Step: "Reminder 4", Err: errSentinel}
	require.ErrorIs(t, e, ErrUnlawful)
	require.ErrorIs(t, e, errSentinel)
	require.Equal(t, `flow "F": step 4 "Reminder 4": x`, e.Error())
}

// TestZeroFeesSurviveJSON: a fee of 0.00 ("charge nothing") must not come back as
// Money{} ("no fee given") after a JSON round trip, which is what a JSON-based Store does.
func TestZeroFeesSurviveJSON(t *testing.T) {
	zero := money.MustNew("0", money.DKK)
	p := Progress{Taken: []Taken{{Kind: Reminder, Name: "R1", Fee: zero}}, Override: Override{Fee: zero}}
	b, err := json.Marshal(p)
	require.NoError(t, err)
	var got Progress
	require.NoError(t, json.Unmarshal(b, &got))
	require.True(t, got.Taken[0].Fee.Equal(zero), "taken fee: %#v", got.Taken[0].Fee)
	require.True(t, got.Override.Fee.Equal(zero), "override fee: %#v", got.Override.Fee)

	s := Step{Kind: Reminder, Name: "R1", Fee: FeeRule{Mode: FeeFixed, Amount: zero}}
	b, err = json.Marshal(s)
	require.NoError(t, err)
	var gs Step
	require.NoError(t, json.Unmarshal(b, &gs))
	require.True(t, gs.Fee.Amount.Equal(zero), "step fee: %#v", gs.Fee.Amount)
}
