package collection_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/collection"
	"github.com/dunning-go/dunning/date"
	"github.com/dunning-go/dunning/letters"
	"github.com/dunning-go/dunning/money"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// TestN8_PaymentReference pins the reference of a case per jurisdiction: the
// values are what the letters printed before the rule was exported (checked
// against that code on 200,000 random ids), so a host that stored or printed a
// reference keeps matching. Implements N8 (payments matched to the case).
func TestN8_PaymentReference(t *testing.T) {
	for _, tc := range []struct {
		id               collection.CaseID
		j                dunning.Jurisdiction
		kind             letters.ReferenceKind
		display, machine string
	}{
		{"R20250101", dunning.DK, letters.FIK71, "000000202501011", "000000202501011"},         // the ERP example's case
		{"c1", dunning.DK, letters.FIK71, "000005844456573", "000005844456573"},                // < 3 digits: checksum of the id
		{"A-1001", dunning.DK, letters.FIK71, "000000000010017", "000000000010017"},            // the digits only ...
		{"B1001", dunning.DK, letters.FIK71, "000000000010017", "000000000010017"},             // ... so the same reference
		{"12345678901234567", dunning.DK, letters.FIK71, "456789012345671", "456789012345671"}, // the last 14 digits
		{"0042-77", dunning.DK, letters.FIK71, "000000010042778", "000000010042778"},           // a leading 0 gets a 1 in front
		{"2025-0101", dunning.NO, letters.KIDMod10, "202501011", "202501011"},
		{"c1", dunning.NO, letters.KIDMod10, "5844456573", "5844456573"},
		{"2025-0101", dunning.SE, letters.OCRWithLength, "2025010105", "2025010105"},
		{"2025-0101", dunning.FI, letters.FIReference, "2025 01019", "202501019"},
		{"00000000000000", dunning.FI, letters.FIReference, "10000 00000 00007", "100000000000007"},
		{"2025-0101", dunning.DE, letters.RFReference, "RF96 2025 0101", "RF9620250101"},
		{"2025-0101", dunning.NL, letters.RFReference, "RF96 2025 0101", "RF9620250101"},
		{"2025-0101", dunning.EU, letters.RFReference, "RF96 2025 0101", "RF9620250101"},
	} {
		t.Run(string(tc.j)+"/"+string(tc.id), func(t *testing.T) {
			ref, err := collection.PaymentReference(tc.id, tc.j)
			require.NoError(t, err)
			require.Equal(t, tc.kind, ref.Kind())
			require.Equal(t, letters.ReferenceForJurisdiction(tc.j), ref.Kind())
			require.Equal(t, tc.display, ref.Display())
			require.Equal(t, tc.machine, ref.String())
		})
	}
}

func TestPaymentReference_BadInput(t *testing.T) {
	_, err := collection.PaymentReference("", "xx")
	require.ErrorIs(t, err, dunning.ErrInvalid)
	var fields []string
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var fe *dunning.FieldError
		require.True(t, errors.As(e, &fe))
		fields = append(fields, fe.Field+"="+fe.Value)
	}
	require.Equal(t, []string{"id=", "jurisdiction=xx"}, fields, "every problem, naming the value")
	_, err = collection.PaymentReference("c1", "")
	require.ErrorIs(t, err, dunning.ErrInvalid)
}

// TestProperty_PaymentReferenceIsValidAndStable: for every id and jurisdiction the
// reference exists, is in the jurisdiction's scheme, parses back from what the
// letter prints (Display) and from its machine form, and depends on the id's
// digits alone once it has 3 or more: what a bank-line matcher relies on.
// Implements N8.
func TestProperty_PaymentReferenceIsValidAndStable(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		id := collection.CaseID(rapid.StringOfN(rapid.SampledFrom([]rune("0123456789-/Ac")), 1, 22, -1).Draw(t, "id"))
		j := rapid.SampledFrom(dunning.Jurisdictions()).Draw(t, "jurisdiction")
		ref, err := collection.PaymentReference(id, j)
		if err != nil {
			t.Fatalf("PaymentReference(%q, %s): %v", id, j, err)
		}
		if ref.Kind() != letters.ReferenceForJurisdiction(j) {
			t.Fatalf("%q %s: kind %s", id, j, ref.Kind())
		}
		for _, s := range []string{ref.Display(), ref.String()} {
			if back, err := letters.ParseReference(ref.Kind(), s); err != nil || back != ref {
				t.Fatalf("%q %s: %q parses to %v, %v", id, j, s, back, err)
			}
		}
		digits := strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, string(id))
		if len(digits) >= 3 {
			same, err := collection.PaymentReference(collection.CaseID("X-"+digits), j)
			if err != nil || same != ref {
				t.Fatalf("%q and %q have the same digits but references %v and %v (%v)", id, "X-"+digits, ref, same, err)
			}
		}
	})
}

// TestE14_LetterPrintsThePaymentReference: the step letter of a case, text and
// HTML, prints PaymentReference(c.ID, c.Jurisdiction) in its Display form, in every
// jurisdiction. Implements E14, N8.
func TestE14_LetterPrintsThePaymentReference(t *testing.T) {
	for _, j := range dunning.Jurisdictions() {
		t.Run(string(j), func(t *testing.T) {
			e := newBatchEnv(t, jan31, collection.Options{})
			cur, err := money.ParseCurrency(j.CurrencyCode())
			require.NoError(t, err)
			r := openReq("2025-0101")
			r.Jurisdiction, r.Currency = j, cur
			r.Debtor.Jurisdiction, r.Debtor.Kind = j, dunning.Business
			r.Invoices[0].Amount = money.MustNew("1000.00", cur)
			_, err = e.svc.Open(t.Context(), r)
			require.NoError(t, err)
			for d := jan31; len(e.outbox()) == 0 && d.Before(date.MustNew(2025, 4, 30)); d = d.AddDays(1) {
				e.runDays(d, d, collection.BatchRequest{})
			}
			out := e.outbox()
			require.NotEmpty(t, out, "no letter by the end of April")
			ref, err := collection.PaymentReference("2025-0101", j)
			require.NoError(t, err)
			m := out[0].Message
			require.Contains(t, m.Text, ref.Display(), "%s text", m.ID)
			require.Contains(t, m.HTML, ref.Display(), "%s HTML", m.ID)
		})
	}
}
