package letters_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"github.com/dunning-go/dunning"
	"github.com/dunning-go/dunning/letters"
)

// refVector is a published example of a payment reference. When base is set the row
// is a generation case (NewReference(kind, base) must give want); otherwise input is
// parsed and must give want, or fail when want is "".
type refVector struct {
	id      string
	kind    letters.ReferenceKind
	base    string // NewReference input; "" for a parse row
	input   string // ParseReference input; "" for a generation row
	want    string // machine form; "" means the input must be rejected
	display string // expected Display(); "" means not checked
	source  string
}

// refVectors are examples published by banks, their standards or independent public
// implementations; every row names where its numbers come from. None is invented.
// Where no published example was found that is said here and the scheme is covered by
// computed round trips in the properties below:
//   - Nets' own KID examples (System Specification OCR giro §4) and Bankgirot's own OCR
//     examples were not retrievable; the NO and SE rows come from vendor manuals and
//     independent implementations that follow those specifications.
//   - The FI reference "12344" suggested in the brief was not found in a Finance
//     Finland publication; it is not used as a published row.
//   - The ISO 11649 Annex A paper example quoted as "RF68 5390 0754 7034" on one wiki
//     fails MOD 97-10; the published, valid form is "RF18 5390 0754 7034" (REF-RF-01).
var refVectors = []refVector{
	// NO KID.
	{id: "REF-NO-01", kind: letters.KIDMod10, base: "60224", want: "602243",
		source: `Monitor ERP (NO) user guide "Getting started with KID numbers": invoice 60224 gives KID 602243`},
	{id: "REF-NO-02", kind: letters.KIDMod10, base: "1234", want: "12344",
		source: "Ondkloss/norwegian-numbers.js README: makeKidNumber('1234') = '12344'"},
	{id: "REF-NO-03", kind: letters.KIDMod11, base: "1234", want: "12343",
		source: "Ondkloss/norwegian-numbers.js README: makeKidNumber('1234', 'MOD11') = '12343'"},
	{id: "REF-NO-04", kind: letters.KIDMod10, input: "2345676", want: "2345676",
		source: "navikt/mulighetsrommet ModulusTest (NAV): mod 10 valid"},
	{id: "REF-NO-05", kind: letters.KIDMod10, input: "23456767", want: "23456767",
		source: "navikt/mulighetsrommet ModulusTest (NAV): mod 10 valid"},
	{id: "REF-NO-06", kind: letters.KIDMod10, input: "0044555258", want: "0044555258",
		source: "navikt/mulighetsrommet ModulusTest (NAV): mod 10 valid, leading zeros kept"},
	{id: "REF-NO-07", kind: letters.KIDMod10, input: "2345674",
		source: "navikt/mulighetsrommet ModulusTest (NAV): mod 10 invalid"},
	{id: "REF-NO-08", kind: letters.KIDMod10, input: "0044555251",
		source: "navikt/mulighetsrommet ModulusTest (NAV): mod 10 invalid"},
	{id: "REF-NO-09", kind: letters.KIDMod11, input: "0365327", want: "0365327",
		source: "navikt/mulighetsrommet ModulusTest (NAV): mod 11 valid"},
	{id: "REF-NO-10", kind: letters.KIDMod11, input: "12345678903", want: "12345678903",
		source: "navikt/mulighetsrommet ModulusTest (NAV): mod 11 valid"},
	{id: "REF-NO-11", kind: letters.KIDMod11, input: "036536-", want: "036536-",
		source: `navikt/mulighetsrommet ModulusTest (NAV): mod 11 valid with check "-" (remainder 1)`},
	{id: "REF-NO-12", kind: letters.KIDMod11, base: "036536", want: "036536-",
		source: "navikt/mulighetsrommet ModulusTest (NAV): the same KID, generated"},
	{id: "REF-NO-13", kind: letters.KIDMod11, input: "1677036255",
		source: "navikt/mulighetsrommet ModulusTest (NAV): mod 11 invalid"},
	{id: "REF-NO-14", kind: letters.KIDMod10, input: "006402710013", want: "006402710013",
		source: `navikt/mulighetsrommet ModulusTest (NAV) "ekte kid nummer" (a real KID; MOD10)`},
	{id: "REF-NO-15", kind: letters.KIDMod10, input: "0094026358", want: "0094026358",
		source: `navikt/mulighetsrommet ModulusTest (NAV) "ekte kid nummer" (a real KID; MOD10)`},
	{id: "REF-NO-16", kind: letters.KIDMod11, input: "0004614992", want: "0004614992",
		source: `navikt/mulighetsrommet ModulusTest (NAV) "ekte kid nummer" (a real KID; MOD11)`},

	// SE OCR.
	{id: "REF-SE-01", kind: letters.OCR, base: "123", want: "1230",
		source: `barsoom/banktools-se README and spec/ocr_spec.rb (after Bankgirot BG6070 §5.2): from_number("123") = "1230"`},
	{id: "REF-SE-02", kind: letters.OCRWithLength, base: "123", want: "12351",
		source: `barsoom/banktools-se README: from_number("123", length_digit: true) = "12351"`},
	{id: "REF-SE-03", kind: letters.OCRWithLength, base: "1234567890", want: "123456789023",
		source: `barsoom/banktools-se spec/ocr_spec.rb: 12 digits, length digit 2`},
	{id: "REF-SE-04", kind: letters.OCR, input: "1231",
		source: `barsoom/banktools-se spec/ocr_spec.rb: "1231" raises BadChecksum`},
	{id: "REF-SE-05", kind: letters.OCRWithLength, input: "12369",
		source: `barsoom/banktools-se spec/ocr_spec.rb: "12369" raises BadLengthDigit`},
	{id: "REF-SE-06", kind: letters.OCRWithLength, base: "2019121", want: "201912193",
		source: "zerodep/ocrgenerator test/generatorTest.js (variabel längdkontroll)"},
	{id: "REF-SE-07", kind: letters.OCRWithLength, base: "0", want: "034",
		source: "zerodep/ocrgenerator test/generatorTest.js: generate('0') = '034'"},
	{id: "REF-SE-08", kind: letters.OCRWithLength, base: "181084013456787", want: "18108401345678778",
		source: "zerodep/ocrgenerator test/generatorTest.js valids"},
	{id: "REF-SE-09", kind: letters.OCRWithLength, base: "181967014753074", want: "18196701475307475",
		source: "zerodep/ocrgenerator test/generatorTest.js valids"},
	{id: "REF-SE-10", kind: letters.OCRWithLength, base: "033689126", want: "03368912618",
		source: "zerodep/ocrgenerator test/generatorTest.js valids (leading zero kept)"},
	{id: "REF-SE-11", kind: letters.OCRWithLength, input: "1636976", want: "1636976",
		source: "zerodep/ocrgenerator test/generatorTest.js valids"},
	{id: "REF-SE-12", kind: letters.OCR, input: "3646124682631", want: "3646124682631",
		source: "briandunning.com/cf/2455 CheckBankGiro sample input (valid OCR)"},

	// FI national reference.
	{id: "REF-FI-01", kind: letters.FIReference, base: "123", want: "1232", display: "1232",
		source: `Paytrail E2 payment interface docs (REFERENCE_NUMBER): "e.g. 1232 or RF111232"; terokallio/reference-numbers-ISO-11649 tests`},
	{id: "REF-FI-02", kind: letters.FIReference, base: "123456", want: "1234561", display: "12 34561",
		source: "XMLdation knowledge base, Finnish reference number (after Finance Finland): paper format 12 34561"},
	{id: "REF-FI-03", kind: letters.FIReference, input: "00000000000001234561", want: "1234561", display: "12 34561",
		source: "XMLdation knowledge base: machine-readable format 00000000000001234561"},
	{id: "REF-FI-04", kind: letters.FIReference, base: "123456712345678", want: "1234567123456784", display: "1 23456 71234 56784",
		source: "JustOn docs, Setting Up Finnish Reference Number: check digit 4, printed 1 23456 71234 56784"},
	{id: "REF-FI-05", kind: letters.FIReference, base: "23409678", want: "234096783", display: "2340 96783",
		source: "tanty/finnish-reference-number README: viitenumero.py 23409678 prints 2340 96783"},
	{id: "REF-FI-06", kind: letters.FIReference, base: "1234567", want: "12345672",
		source: "willcommit/checkSum Finnish_checksum_explained.md: 1234567 gives 12345672"},
	{id: "REF-FI-07", kind: letters.FIReference, base: "123123", want: "1231234",
		source: "enberg/viite README (packagist) and terokallio/reference-numbers-ISO-11649 tests"},
	{id: "REF-FI-08", kind: letters.FIReference, base: "1000", want: "10003",
		source: "viitenumero Ruby gem README (rubydoc.info): Viite.generate(1000) = 10003"},
	{id: "REF-FI-09", kind: letters.FIReference, input: "75310116600498132890", want: "75310116600498132890", display: "75310 11660 04981 32890",
		source: "viitenumero Ruby gem README: valid, paper format 75310 11660 04981 32890"},
	{id: "REF-FI-10", kind: letters.FIReference, base: "999", want: "9991",
		source: "terokallio/reference-numbers-ISO-11649 ReferenceNumberTest"},

	// RF creditor reference (ISO 11649).
	{id: "REF-RF-01", kind: letters.RFReference, input: "RF18 5390 0754 7034", want: "RF18539007547034", display: "RF18 5390 0754 7034",
		source: "python-stdnum stdnum/iso11649.py doctest (the ISO 11649 example, as on Wikipedia Creditor Reference)"},
	{id: "REF-RF-02", kind: letters.RFReference, input: "RF18539007547034", want: "RF18539007547034", display: "RF18 5390 0754 7034",
		source: "python-stdnum stdnum/iso11649.py doctest: format('RF18539007547034')"},
	{id: "REF-RF-03", kind: letters.RFReference, base: "539007547034", want: "RF18539007547034",
		source: "python-stdnum stdnum/iso11649.py doctest (generated)"},
	{id: "REF-RF-04", kind: letters.RFReference, input: "RF18 5390 0754 70Y", want: "RF185390075470Y",
		source: "python-stdnum stdnum/iso11649.py doctest"},
	{id: "REF-RF-05", kind: letters.RFReference, input: "RF17 5390 0754 7034",
		source: "python-stdnum stdnum/iso11649.py doctest: InvalidChecksum"},
	{id: "REF-RF-06", kind: letters.RFReference, base: "2348231", want: "RF712348231",
		source: "ISO 11649:2009 Annex B.1 worked example, quoted on homebeaver/ungueltig wiki MOD-97-10"},
	{id: "REF-RF-07", kind: letters.RFReference, base: "12345 12345", want: "RF451234512345", display: "RF45 1234 5123 45",
		source: "nruotsal/node-iso11649 README: generate('12345 12345', {pretty}) = 'RF45 1234 5123 45'"},
	{id: "REF-RF-08", kind: letters.RFReference, base: "aB2g5", want: "RF68AB2G5",
		source: "nruotsal/node-iso11649 README: not case sensitive (aB2g5 => RF68AB2G5)"},
	{id: "REF-RF-09", kind: letters.RFReference, base: "TU06FX", want: "RF96TU06FX",
		source: "iso-11649 npm package README (libraries.io)"},
	{id: "REF-RF-10", kind: letters.RFReference, base: "X2HU4TC28XTYLHASYWT91", want: "RF14X2HU4TC28XTYLHASYWT91",
		source: "iso-11649 npm package README (libraries.io): 21-character body"},
	{id: "REF-RF-11", kind: letters.RFReference, input: "RF720HYA6", want: "RF720HYA6",
		source: "iso-11649 npm package README: validate('RF720HYA6') = true"},
	{id: "REF-RF-12", kind: letters.RFReference, input: "RF19GAX8WS5JYOOUJ87",
		source: "iso-11649 npm package README: validate('RF19GAX8WS5JYOOUJ87') = false"},
	{id: "REF-RF-13", kind: letters.RFReference, input: "rf11 1232", want: "RF111232",
		source: "Paytrail E2 payment interface docs: RF111232 (lower case and a space, accepted per ISO 11649 paper format)"},

	// DK FIK +71 payment id.
	{id: "REF-DK-01", kind: letters.FIK71, input: "026840149965328", want: "026840149965328",
		source: "Business::DK::FI (CPAN, metacpan-cpan-extracted) t/Business/DK/FI/validate.t: valid"},
	{id: "REF-DK-02", kind: letters.FIK71, input: "026840149965327",
		source: "Business::DK::FI t/Business/DK/FI/validate.t: 'error prone' (invalid)"},
	{id: "REF-DK-03", kind: letters.FIK71, base: "1", want: "000000000000018",
		source: "Business::DK::FI POD synopsis: generate(1) eq '000000000000018'"},
	{id: "REF-DK-04", kind: letters.FIK71, base: "2", want: "000000000000026",
		source: `giro-kort.dk "Betalingsidentifikation": payment id 2 gets check digit 6`},
	{id: "REF-DK-05", kind: letters.FIK71, input: "004040400000669", want: "004040400000669",
		source: "Uniconta support, Setting up FIK code: +71< 004040400000669+12345678<"},
}

// TestReferencePublishedVectors checks every published example (payment references,
// docs/design.md letters section).
func TestReferencePublishedVectors(t *testing.T) {
	for _, v := range refVectors {
		t.Run(v.id, func(t *testing.T) {
			var (
				got letters.Reference
				err error
			)
			if v.base != "" {
				got, err = letters.NewReference(v.kind, v.base)
			} else {
				got, err = letters.ParseReference(v.kind, v.input)
			}
			if v.want == "" {
				require.Error(t, err, "source: %s", v.source)
				require.ErrorIs(t, err, letters.ErrInvalidReference)
				require.ErrorIs(t, err, dunning.ErrInvalid)
				require.True(t, got.IsZero())
				return
			}
			require.NoError(t, err, "source: %s", v.source)
			require.Equal(t, v.want, got.String(), "source: %s", v.source)
			require.Equal(t, v.kind, got.Kind())
			if v.display != "" {
				require.Equal(t, v.display, got.Display(), "source: %s", v.source)
			}
			// A generated reference validates, and a parsed one regenerates.
			back, err := letters.ParseReference(v.kind, got.Display())
			require.NoError(t, err)
			require.Equal(t, got, back)
		})
	}
}

// TestReferenceFIToRF checks the Finnish RF form of national references against
// published pairs.
func TestReferenceFIToRF(t *testing.T) {
	tests := []struct {
		id, fiBase, wantFI, wantRF, source string
	}{
		{"REF-FIRF-01", "123", "1232", "RF111232",
			`Paytrail E2 payment interface docs "e.g. 1232 or RF111232"; terokallio/reference-numbers-ISO-11649 RFCreditorReferenceTest`},
		{"REF-FIRF-02", "132", "1326", "RF921326",
			"an Odoo Finnish localisation addon test (test_payment_reference_rf): 132 gives RF921326; terokallio tests"},
		{"REF-FIRF-03", "124", "1245", "RF481245", "terokallio/reference-numbers-ISO-11649 RFCreditorReferenceTest"},
		{"REF-FIRF-04", "1234567890123456789", "12345678901234567894", "RF0912345678901234567894",
			"terokallio/reference-numbers-ISO-11649 RFCreditorReferenceTest (20-digit national reference)"},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			fi, err := letters.NewReference(letters.FIReference, tt.fiBase)
			require.NoError(t, err)
			require.Equal(t, tt.wantFI, fi.String(), tt.source)
			rf, err := fi.RF()
			require.NoError(t, err)
			require.Equal(t, tt.wantRF, rf.String(), tt.source)
			require.Equal(t, letters.RFReference, rf.Kind())
			again, err := rf.RF()
			require.NoError(t, err)
			require.Equal(t, rf, again, "RF of an RF reference is itself")
		})
	}
	// A KID ending in "-" and a 25-digit OCR have no RF form.
	kid, err := letters.ParseReference(letters.KIDMod11, "036536-")
	require.NoError(t, err)
	_, err = kid.RF()
	require.ErrorIs(t, err, letters.ErrInvalidReference)
	long, err := letters.NewReference(letters.OCR, strings.Repeat("1", 24))
	require.NoError(t, err)
	_, err = long.RF()
	require.ErrorIs(t, err, letters.ErrInvalidReference)
	_, err = letters.Reference{}.RF()
	require.ErrorIs(t, err, letters.ErrInvalidReference)
}

func TestReferenceFIKLine(t *testing.T) {
	// REF-DK-05, Uniconta support "Setting up FIK code": the printed line with a space.
	ref, cred, err := letters.ParseFIKLine("+71< 004040400000669+12345678<")
	require.NoError(t, err)
	require.Equal(t, "004040400000669", ref.String())
	require.Equal(t, letters.FIK71, ref.Kind())
	require.Equal(t, "12345678", cred)
	line, err := ref.FIKLine(cred)
	require.NoError(t, err)
	require.Equal(t, "+71<004040400000669+12345678<", line)

	bad := []struct{ in, reason string }{
		{"", "code line"},
		{"71<004040400000669+12345678<", "code line"},
		{"+73<004040400000669+12345678<", "+73"},
		{"+75<0040404000006690+12345678<", "+75"},
		{"+72<004040400000669+12345678<", "+72"},
		{"+71<004040400000669+12345678", `end with "<"`},
		{"+71<00404040000066912345678<", `no "+"`},
		{"+71<004040400000668+12345678<", "check digit"},
		{"+71<4040400000669+12345678<", "want 15"},
		{"+71<004040400000669+1234567<", "creditor number"},
		{"+71<004040400000669+1234567X<", "creditor number"},
		{"+71<00404040000066X+123<", "creditor number"}, // both problems are reported
	}
	for _, b := range bad {
		_, _, err := letters.ParseFIKLine(b.in)
		require.Error(t, err, b.in)
		require.ErrorIs(t, err, letters.ErrInvalidReference, b.in)
		require.ErrorIs(t, err, dunning.ErrInvalid, b.in)
		require.Contains(t, err.Error(), b.reason, b.in)
	}
	_, _, err = letters.ParseFIKLine("+71<00404040000066X+123<")
	require.Contains(t, err.Error(), "not valid")

	kid, err := letters.NewReference(letters.KIDMod10, "1234")
	require.NoError(t, err)
	_, err = kid.FIKLine("12345678")
	require.ErrorIs(t, err, letters.ErrInvalidReference)
	_, err = ref.FIKLine("1234")
	require.ErrorIs(t, err, letters.ErrInvalidReference)
	var fe *dunning.FieldError
	require.ErrorAs(t, err, &fe)
	require.Equal(t, "Creditor", fe.Field)
	require.Equal(t, "1234", fe.Value)
}

func TestReferenceErrors(t *testing.T) {
	tests := []struct {
		name    string
		kind    letters.ReferenceKind
		base    string // NewReference when parse is false
		parse   bool
		reasons []string // each must appear in the error text
	}{
		{"kid empty base", letters.KIDMod10, "", false, []string{"is empty"}},
		{"kid letters", letters.KIDMod10, "12a4", false, []string{`contains 'a'`}},
		{"kid too long", letters.KIDMod10, strings.Repeat("1", 25), false, []string{"has 25 characters; want 1 to 24"}},
		{"kid letters and too long", letters.KIDMod11, strings.Repeat("x", 30), false, []string{`contains 'x'`, "has 30 characters"}},
		{"ocr-length too long", letters.OCRWithLength, strings.Repeat("1", 24), false, []string{"want 1 to 23"}},
		{"fi too short", letters.FIReference, "12", false, []string{"want 3 to 19"}},
		{"fi only zeros", letters.FIReference, "0000", false, []string{"no digits but leading zeros"}},
		{"fi too long", letters.FIReference, strings.Repeat("1", 20), false, []string{"want 3 to 19"}},
		{"rf bad char", letters.RFReference, "AB-12", false, []string{`contains '-'`}},
		{"rf too long", letters.RFReference, strings.Repeat("A", 22), false, []string{"want 1 to 21"}},
		{"fik too long", letters.FIK71, strings.Repeat("1", 15), false, []string{"want 1 to 14"}},
		{"bad kind", letters.ReferenceKind(0), "123", false, []string{"not a reference kind"}},
		{"parse empty", letters.OCR, " ", true, []string{"is empty"}},
		{"parse kid one digit", letters.KIDMod10, "0", true, []string{"want 2 to 25"}},
		{"parse kid dash inside", letters.KIDMod11, "12-3", true, []string{`contains '-'`}},
		{"parse mod10 with dash", letters.KIDMod10, "036536-", true, []string{`contains '-'`}},
		{"parse ocr length and check", letters.OCRWithLength, "12361", true, []string{"length digit 6", "check digit"}},
		{"parse fi short", letters.FIReference, "0123", true, []string{"want 4 to 20 (leading zeros not counted)"}},
		{"parse fik short", letters.FIK71, "18", true, []string{"want 15"}},
		{"parse rf no prefix", letters.RFReference, "XX18539007547034", true, []string{`does not start with "RF"`}},
		{"parse rf check letters", letters.RFReference, "RFAB1234", true, []string{"want two digits"}},
		{"parse rf check 00", letters.RFReference, "RF00123", true, []string{"want 02 to 98"}},
		{"parse rf check 99", letters.RFReference, "RF99 5390 0754 7034", true, []string{"want 02 to 98"}},
		{"parse rf body too short", letters.RFReference, "RF18", true, []string{"want 5 to 25"}},
		{"parse rf bad char", letters.RFReference, "RF18-5390", true, []string{`contains '-'`}},
		{"parse bad kind", letters.ReferenceKind(99), "12", true, []string{"not a reference kind"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var (
				r   letters.Reference
				err error
			)
			if tt.parse {
				r, err = letters.ParseReference(tt.kind, tt.base)
			} else {
				r, err = letters.NewReference(tt.kind, tt.base)
			}
			require.Error(t, err)
			require.True(t, r.IsZero())
			require.ErrorIs(t, err, letters.ErrInvalidReference)
			require.ErrorIs(t, err, dunning.ErrInvalid)
			var fe *dunning.FieldError
			require.ErrorAs(t, err, &fe)
			if tt.kind.IsValid() {
				require.Equal(t, tt.base, fe.Value, "the error names the value as given")
			}
			for _, want := range tt.reasons {
				require.Contains(t, err.Error(), want)
			}
		})
	}
	// The RF check-digit aliases are rejected even though they satisfy MOD 97-10:
	// RF00 ≡ RF97, RF01 ≡ RF98 and RF99 ≡ RF02 (ISO 13616 allows only 02..98).
	r, err := letters.NewReference(letters.RFReference, "72")
	require.NoError(t, err)
	require.Equal(t, "RF9772", r.String())
	_, err = letters.ParseReference(letters.RFReference, "RF0072")
	require.ErrorIs(t, err, letters.ErrInvalidReference)
	require.ErrorContains(t, err, "want 02 to 98")
}

func TestReferenceKind(t *testing.T) {
	all := []letters.ReferenceKind{letters.KIDMod10, letters.KIDMod11, letters.OCR, letters.OCRWithLength,
		letters.FIReference, letters.RFReference, letters.FIK71}
	names := []string{"kid-mod10", "kid-mod11", "ocr", "ocr-length", "fi", "rf", "fik71"}
	for i, k := range all {
		require.True(t, k.IsValid())
		require.Equal(t, names[i], k.String())
		got, err := letters.ParseReferenceKind(" " + strings.ToUpper(names[i]) + " ")
		require.NoError(t, err)
		require.Equal(t, k, got)
		b, err := json.Marshal(k)
		require.NoError(t, err)
		var back letters.ReferenceKind
		require.NoError(t, json.Unmarshal(b, &back))
		require.Equal(t, k, back)
	}
	require.False(t, letters.ReferenceKind(0).IsValid())
	require.Equal(t, "ReferenceKind(8)", letters.ReferenceKind(8).String())
	_, err := letters.ParseReferenceKind("iban")
	require.ErrorIs(t, err, letters.ErrInvalidReference)
	_, err = letters.ReferenceKind(8).MarshalText()
	require.ErrorIs(t, err, letters.ErrInvalidReference)
	b, err := letters.ReferenceKind(0).MarshalText()
	require.NoError(t, err)
	require.Empty(t, b)
	var k letters.ReferenceKind = letters.OCR
	require.NoError(t, k.UnmarshalText(nil))
	require.Equal(t, letters.ReferenceKind(0), k)
	require.Error(t, k.UnmarshalText([]byte("nope")))
}

func TestReferenceForJurisdiction(t *testing.T) {
	want := map[dunning.Jurisdiction]letters.ReferenceKind{
		dunning.NO: letters.KIDMod10,
		dunning.SE: letters.OCRWithLength,
		dunning.FI: letters.FIReference,
		dunning.DK: letters.FIK71,
		dunning.DE: letters.RFReference,
		dunning.NL: letters.RFReference,
		dunning.EU: letters.RFReference,
	}
	for _, j := range dunning.Jurisdictions() {
		require.Equal(t, want[j], letters.ReferenceForJurisdiction(j), j.String())
	}
	require.Equal(t, letters.ReferenceKind(0), letters.ReferenceForJurisdiction("XX"))
}

func TestReferenceText(t *testing.T) {
	r, err := letters.ParseReference(letters.RFReference, "RF18 5390 0754 7034")
	require.NoError(t, err)
	b, err := json.Marshal(struct{ Ref letters.Reference }{r})
	require.NoError(t, err)
	require.JSONEq(t, `{"Ref":"rf:RF18539007547034"}`, string(b))
	var back struct{ Ref letters.Reference }
	require.NoError(t, json.Unmarshal(b, &back))
	require.Equal(t, r, back.Ref)

	var zero letters.Reference
	b, err = zero.MarshalText()
	require.NoError(t, err)
	require.Empty(t, b)
	require.NoError(t, back.Ref.UnmarshalText(nil))
	require.True(t, back.Ref.IsZero())
	require.Equal(t, "", zero.String())
	require.Equal(t, "", zero.Display())

	for _, in := range []string{"RF18539007547034", "zz:123", "kid-mod10:1235", "rf:RF17539007547034"} {
		var x letters.Reference
		err := x.UnmarshalText([]byte(in))
		require.ErrorIs(t, err, letters.ErrInvalidReference, in)
		require.True(t, x.IsZero(), in)
	}
}

// refKinds are all defined kinds, for generators.
var refKinds = []letters.ReferenceKind{letters.KIDMod10, letters.KIDMod11, letters.OCR, letters.OCRWithLength,
	letters.FIReference, letters.RFReference, letters.FIK71}

// refBaseLen returns the base-length range NewReference accepts for k.
func refBaseLen(k letters.ReferenceKind) (int, int) {
	switch k {
	case letters.OCRWithLength:
		return 1, 23
	case letters.FIReference:
		return 3, 19
	case letters.RFReference:
		return 1, 21
	case letters.FIK71:
		return 1, 14
	}
	return 1, 24
}

// genRefBase draws a valid base for k, favouring the shortest and longest lengths.
func genRefBase(t *rapid.T, k letters.ReferenceKind) string {
	lo, hi := refBaseLen(k)
	n := rapid.OneOf(rapid.IntRange(lo, hi), rapid.SampledFrom([]int{lo, lo + 1, hi - 1, hi})).Draw(t, "len")
	alphabet := []rune("0123456789")
	if k == letters.RFReference {
		alphabet = []rune("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcxyz")
	}
	s := rapid.StringOfN(rapid.RuneFrom(alphabet), n, n, -1).Draw(t, "base")
	if k == letters.FIReference && s[0] == '0' {
		s = "1" + s[1:] // leading zeros are not part of a Finnish reference
	}
	return s
}

// genReference draws a valid reference of any kind.
func genReference(t *rapid.T) letters.Reference {
	k := rapid.SampledFrom(refKinds).Draw(t, "kind")
	r, err := letters.NewReference(k, genRefBase(t, k))
	if err != nil {
		t.Fatalf("NewReference: %v", err)
	}
	return r
}

// TestReferencePropGeneratedValidates: every generated reference validates, and
// parse(display(x)) == parse(string(x)) == x.
func TestReferencePropGeneratedValidates(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := genReference(t)
		for _, form := range []string{r.String(), r.Display(), " " + r.Display() + "\t", strings.ToLower(r.Display())} {
			back, err := letters.ParseReference(r.Kind(), form)
			if err != nil {
				t.Fatalf("ParseReference(%s, %q) of generated %q: %v", r.Kind(), form, r, err)
			}
			if back != r {
				t.Fatalf("ParseReference(%s, %q) = %q, want %q", r.Kind(), form, back, r)
			}
		}
		b, err := r.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back letters.Reference
		if err := back.UnmarshalText(b); err != nil || back != r {
			t.Fatalf("text round trip of %q: %q, %v", r, back, err)
		}
	})
}

// TestReferencePropSingleDigitChange: changing any single digit of a valid reference
// to another digit makes it invalid, for every scheme. This is complete detection, not
// a likelihood:
//   - Luhn (KID MOD10, OCR, OCR with length, FIK): the doubled-digit map 0..9 ->
//     0,2,4,6,8,1,3,5,7,9 is a permutation, so each position changes the sum mod 10.
//   - 7-3-1 (FI): 7, 3 and 1 are units mod 10.
//   - MOD11 (KID): 11 is prime and the weights 2..7 and any digit difference 1..9 are
//     non-zero mod 11, and the check mapping (0 -> 0, 1 -> "-", r -> 11-r) is
//     one-to-one, so the expected check character always changes. A variant that wrote
//     0 instead of "-" for remainder 1 would miss changes between remainders 0 and 1;
//     ours does not. The "-" itself is not a digit and is not substituted here.
//   - MOD 97-10 (RF): a digit change alters the number by d*10^k with 1 <= |d| <= 9,
//     never a multiple of the prime 97; letters are not changed here (substituting a
//     letter changes the length of the numeric string, where detection is not total).
//
// For FI a change of the leading digit to 0 also shortens the canonical reference;
// the check still fails because a leading zero adds nothing to the 7-3-1 sum.
func TestReferencePropSingleDigitChange(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := genReference(t)
		s := r.String()
		var digits []int
		for i := 0; i < len(s); i++ {
			if s[i] >= '0' && s[i] <= '9' {
				digits = append(digits, i)
			}
		}
		i := rapid.SampledFrom(digits).Draw(t, "pos")
		d := byte('0' + rapid.IntRange(1, 9).Draw(t, "delta"))
		nd := '0' + (s[i]-'0'+d-'0')%10
		changed := s[:i] + string(nd) + s[i+1:]
		if got, err := letters.ParseReference(r.Kind(), changed); err == nil {
			t.Fatalf("%s %q changed at %d to %q still validates as %q", r.Kind(), s, i, changed, got)
		} else if !errors.Is(err, letters.ErrInvalidReference) {
			t.Fatalf("error %v does not unwrap to ErrInvalidReference", err)
		}
	})
}

// TestReferencePropOCRLengthDigit: the length digit of a generated OCRWithLength
// reference is its length mod 10, and it still passes a plain OCR (check digit only)
// validation, as Bankgirot's levels are nested.
func TestReferencePropOCRLengthDigit(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r, err := letters.NewReference(letters.OCRWithLength, genRefBase(t, letters.OCRWithLength))
		if err != nil {
			t.Fatal(err)
		}
		s := r.String()
		if want := byte('0' + len(s)%10); s[len(s)-2] != want {
			t.Fatalf("%q: length digit %c, want %c", s, s[len(s)-2], want)
		}
		if _, err := letters.ParseReference(letters.OCR, s); err != nil {
			t.Fatalf("%q fails the plain OCR check: %v", s, err)
		}
	})
}

// TestReferencePropBadBase: a base with a character outside the scheme is rejected
// with an error naming the value, and nothing panics.
func TestReferencePropBadBase(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		k := rapid.SampledFrom(refKinds).Draw(t, "kind")
		base := rapid.String().Draw(t, "base")
		r, err := letters.NewReference(k, base)
		if err != nil {
			var fe *dunning.FieldError
			if !errors.As(err, &fe) || fe.Value != base || !errors.Is(err, letters.ErrInvalidReference) {
				t.Fatalf("NewReference(%s, %q): error %v does not name the value", k, base, err)
			}
			if !r.IsZero() {
				t.Fatalf("NewReference(%s, %q) returned %q with an error", k, base, r)
			}
			return
		}
		if _, err := letters.ParseReference(k, r.String()); err != nil {
			t.Fatalf("NewReference(%s, %q) = %q does not validate: %v", k, base, r, err)
		}
	})
}

var sinkRef letters.Reference

// BenchmarkNewReference measures generating a reference. docs/design.md sets no target of
// its own; references are part of rendering one reminder (text + HTML, <= 30 µs), so
// this should be well under 1 µs with one allocation (the result string).
func BenchmarkNewReference(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkRef, _ = letters.NewReference(letters.RFReference, "539007547034")
	}
}

// BenchmarkParseReference measures validating a printed RF reference (spaces removed,
// MOD 97-10 checked). No docs/design.md target; part of the <= 30 µs per-reminder budget.
func BenchmarkParseReference(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkRef, _ = letters.ParseReference(letters.RFReference, "RF18 5390 0754 7034")
	}
}

// BenchmarkParseReferenceKID measures validating a compact 25-digit KID, which needs
// no allocation.
func BenchmarkParseReferenceKID(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkRef, _ = letters.ParseReference(letters.KIDMod11, "1234567890123456789012341")
	}
}

// TestReferenceParseCompactDoesNotAllocate asserts that validating a reference already
// in machine form allocates nothing (it measures allocations, not time).
func TestReferenceParseCompactDoesNotAllocate(t *testing.T) {
	for _, in := range []struct {
		k letters.ReferenceKind
		s string
	}{{letters.KIDMod10, "602243"}, {letters.FIK71, "026840149965328"}, {letters.RFReference, "RF18539007547034"}} {
		if n := testing.AllocsPerRun(100, func() { sinkRef, _ = letters.ParseReference(in.k, in.s) }); n != 0 {
			t.Errorf("ParseReference(%s, %q): %v allocations, want 0", in.k, in.s, n)
		}
	}
}
