package dunning_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/dunning-go/dunning"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/language"
	"pgregory.net/rapid"
)

func TestParseJurisdiction(t *testing.T) {
	tests := []struct {
		in      string
		want    dunning.Jurisdiction
		wantErr string
	}{
		{"DK", dunning.DK, ""},
		{"dk", dunning.DK, ""},
		{" se ", dunning.SE, ""},
		{"NO", dunning.NO, ""},
		{"De", dunning.DE, ""},
		{"NL", dunning.NL, ""},
		{"FI", dunning.FI, ""},
		{"EU", dunning.EU, ""},
		{"gb", dunning.GB, ""},
		{"FR", dunning.FR, ""},
		{" be", "BE", ""}, // no shipped pack: a host pack gives its law
		{"", "", `Jurisdiction "": is not a jurisdiction code (want two letters such as DK, GB or FR, or EU; a code without a shipped law pack needs a host pack)`},
		{"DNK", "", `Jurisdiction "DNK": is not a jurisdiction code (want two letters such as DK, GB or FR, or EU; a code without a shipped law pack needs a host pack)`},
		{"D1", "", `Jurisdiction "D1": is not a jurisdiction code (want two letters such as DK, GB or FR, or EU; a code without a shipped law pack needs a host pack)`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := dunning.ParseJurisdiction(tt.in)
			if tt.wantErr != "" {
				require.EqualError(t, err, tt.wantErr)
				require.ErrorIs(t, err, dunning.ErrInvalid)
				var fe *dunning.FieldError
				require.ErrorAs(t, err, &fe)
				require.Equal(t, tt.in, fe.Value)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.want, got)
		})
	}
}

func TestJurisdictionFacts(t *testing.T) {
	tests := []struct {
		j                  dunning.Jurisdiction
		lang, ccy, tz, str string
	}{
		{dunning.DK, "da", "DKK", "Europe/Copenhagen", "DK"},
		{dunning.SE, "sv", "SEK", "Europe/Stockholm", "SE"},
		{dunning.NO, "nb", "NOK", "Europe/Oslo", "NO"},
		{dunning.DE, "de", "EUR", "Europe/Berlin", "DE"},
		{dunning.NL, "nl", "EUR", "Europe/Amsterdam", "NL"},
		{dunning.FI, "fi", "EUR", "Europe/Helsinki", "FI"},
		{dunning.EU, "en", "EUR", "Europe/Brussels", "EU"},
		{dunning.GB, "en", "GBP", "Europe/London", "GB"},
		{dunning.FR, "fr", "EUR", "Europe/Paris", "FR"},
		{"xx", "und", "", "", `Jurisdiction("xx")`},
	}
	for _, tt := range tests {
		t.Run(string(tt.j), func(t *testing.T) {
			require.Equal(t, tt.lang, tt.j.Language().String())
			require.Equal(t, tt.ccy, tt.j.CurrencyCode())
			require.Equal(t, tt.tz, tt.j.TimeZone())
			require.Equal(t, tt.str, tt.j.String())
			require.Equal(t, tt.tz != "", tt.j.IsValid())
			require.Equal(t, tt.tz != "", tt.j.Builtin())
			require.Equal(t, tt.tz != "", tt.j.Name() != "")
		})
	}
	require.Len(t, dunning.Jurisdictions(), 7)
	// A well-formed code without a shipped pack is valid (a host pack gives its law)
	// and has no facts.
	require.True(t, dunning.Jurisdiction("XX").IsValid())
	require.False(t, dunning.Jurisdiction("XX").Builtin())
	require.Equal(t, "XX", dunning.Jurisdiction("XX").String())
	require.Empty(t, dunning.Jurisdiction("XX").CurrencyCode())
}

func TestPartyKind(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want dunning.PartyKind
	}{{"consumer", dunning.Consumer}, {"Business", dunning.Business}, {" CONSUMER ", dunning.Consumer}} {
		got, err := dunning.ParsePartyKind(tt.in)
		require.NoError(t, err)
		require.Equal(t, tt.want, got)
	}
	_, err := dunning.ParsePartyKind("company")
	require.EqualError(t, err, `PartyKind "company": is not a party kind (want "consumer" or "business")`)
	require.Equal(t, "PartyKind(0)", dunning.PartyKind(0).String())
	require.Equal(t, "PartyKind(7)", dunning.PartyKind(7).String())
	require.False(t, dunning.PartyKind(0).IsValid())
	_, err = dunning.PartyKind(7).MarshalText()
	require.ErrorIs(t, err, dunning.ErrInvalid)
}

func TestJSONRoundTrip(t *testing.T) {
	type wire struct {
		J dunning.Jurisdiction `json:"j"`
		K dunning.PartyKind    `json:"k"`
	}
	b, err := json.Marshal(wire{dunning.NL, dunning.Business})
	require.NoError(t, err)
	require.JSONEq(t, `{"j":"NL","k":"business"}`, string(b))
	var got wire
	require.NoError(t, json.Unmarshal(b, &got))
	require.Equal(t, wire{dunning.NL, dunning.Business}, got)

	require.NoError(t, json.Unmarshal([]byte(`{"j":"","k":""}`), &got))
	require.Equal(t, wire{}, got)
	require.ErrorIs(t, json.Unmarshal([]byte(`{"j":"USA"}`), &got), dunning.ErrInvalid)
	require.ErrorIs(t, json.Unmarshal([]byte(`{"k":"robot"}`), &got), dunning.ErrInvalid)
	_, err = json.Marshal(wire{J: "us"})
	require.ErrorIs(t, err, dunning.ErrInvalid)
}

func validParty() dunning.Party {
	return dunning.Party{
		ID:           "C-1001",
		Name:         "Jens Hansen ApS",
		Kind:         dunning.Business,
		Jurisdiction: dunning.DK,
		Address:      dunning.Address{Lines: []string{"Vesterbrogade 1"}, PostalCode: "1620", City: "København V", Country: "DK"},
		Email:        "bogholderi@jenshansen.dk",
		Phone:        "+45 12 34 56 78",
		Registration: dunning.Registration{Scheme: dunning.CVR, Number: "24256790"},
	}
}

func TestPartyValidateAccepts(t *testing.T) {
	require.NoError(t, validParty().Validate())
	minimal := dunning.Party{ID: "1", Name: "Anna", Kind: dunning.Consumer, Jurisdiction: dunning.SE}
	require.NoError(t, minimal.Validate())
}

// TestPartyValidateReportsEveryProblem checks that Validate names every bad field with its
// value, not only the first.
func TestPartyValidateReportsEveryProblem(t *testing.T) {
	p := dunning.Party{
		Kind:         9,
		Jurisdiction: "U.S.",
		Address:      dunning.Address{City: "Aarhus", Country: "dk"},
		Email:        "Jens <jens@example.dk>",
		Phone:        "12345678",
		Registration: dunning.Registration{Scheme: dunning.CVR, Number: "24256791"},
	}
	err := p.Validate()
	require.ErrorIs(t, err, dunning.ErrInvalid)
	want := []string{
		`Party.ID "": is required`,
		`Party.Name "": is required`,
		`Party.Kind "PartyKind(9)": must be Consumer or Business`,
		`Party.Jurisdiction "U.S.": is not a jurisdiction code (want two letters such as DK, GB or FR, or EU; a code without a shipped law pack needs a host pack)`,
		`Party.Address.Lines "": needs at least a street line`,
		`Party.Address.PostalCode "": is required in an address`,
		`Party.Address.Country "dk": is not an ISO 3166-1 alpha-2 country code such as DK`,
		`Party.Email "Jens <jens@example.dk>": is not a bare e-mail address such as name@example.com`,
		`Party.Phone "12345678": must be in international form, starting with + and the country code`,
		`Party.Registration.Number "24256791": is not a valid CVR number (check digit)`,
	}
	require.Equal(t, strings.Join(want, "\n"), err.Error())
	joined, ok := err.(interface{ Unwrap() []error })
	require.True(t, ok)
	for _, e := range joined.Unwrap() {
		var fe *dunning.FieldError
		require.True(t, errors.As(e, &fe), "%v is not a *FieldError", e)
	}
}

func TestPartyValidateContactDetails(t *testing.T) {
	tests := []struct {
		email, phone, want string
	}{
		{"a@b", "", `Party.Email "a@b": has no domain with a dot after the @`},
		{"not an address", "", `Party.Email "not an address": is not a bare e-mail address such as name@example.com`},
		{"", "+45 1234", `Party.Phone "+45 1234": must have between 8 and 15 digits (ITU-T E.164)`},
		{"", "+45  12345678", `Party.Phone "+45  12345678": may contain only digits, single spaces and hyphens after the +`},
		{"", "+45 12345678 ", `Party.Phone "+45 12345678 ": must have between 8 and 15 digits (ITU-T E.164)`},
		{"", "+1234567890123456", `Party.Phone "+1234567890123456": must have between 8 and 15 digits (ITU-T E.164)`},
		{"", "+47-22-33-44-55", ""},
	}
	for _, tt := range tests {
		p := validParty()
		p.Email, p.Phone = tt.email, tt.phone
		err := p.Validate()
		if tt.want == "" {
			require.NoError(t, err)
			continue
		}
		require.EqualError(t, err, tt.want)
	}
}

func TestRegistrationValidate(t *testing.T) {
	tests := []struct {
		scheme dunning.RegistrationScheme
		number string
		want   string // "" when valid
	}{
		{dunning.CVR, "24256790", ""}, // Novo Nordisk A/S
		{dunning.CVR, "24256791", "is not a valid CVR number (check digit)"},
		{dunning.CVR, "2425679", "is not a CVR number (want 8 digits)"},
		{dunning.CVR, "DK24256790", "is not a CVR number (want 8 digits)"},
		{dunning.CPR, "010190-1234", ""},
		{dunning.CPR, "2902001234", ""},
		{dunning.CPR, "320190-1234", "is not a valid CPR number (no such birth date)"},
		{dunning.CPR, "011390-1234", "is not a valid CPR number (no such birth date)"},
		{dunning.CPR, "0101901234-5", "is not a CPR number (want DDMMYY-SSSS)"},
		{dunning.SEOrgNr, "556012-5790", ""}, // AB Volvo
		{dunning.SEOrgNr, "5560125790", ""},
		{dunning.SEOrgNr, "556012-5791", "is not a valid organisationsnummer (Luhn check digit)"},
		{dunning.NOOrgNr, "923609016", ""}, // Equinor ASA
		{dunning.NOOrgNr, "923 609 016", ""},
		{dunning.NOOrgNr, "923609017", "is not a valid organisasjonsnummer (check digit)"},
		{dunning.NLKvK, "12345678", ""},
		{dunning.NLKvK, "1234567", "is not a KvK number (want 8 digits)"},
		{dunning.FIYTunnus, "0112038-9", ""}, // Nokia Oyj
		{dunning.FIYTunnus, "0112038-8", "is not a valid Y-tunnus (check digit)"},
		{dunning.FIYTunnus, "01120389", "is not a Y-tunnus (want NNNNNNN-C)"},
		{dunning.DEHandelsregister, "HRB 12345 Amtsgericht München", ""},
		{"XX:OTHER", "anything", ""},
	}
	for _, tt := range tests {
		t.Run(string(tt.scheme)+" "+tt.number, func(t *testing.T) {
			err := dunning.Registration{Scheme: tt.scheme, Number: tt.number}.Validate()
			if tt.want == "" {
				require.NoError(t, err)
				return
			}
			var fe *dunning.FieldError
			require.ErrorAs(t, err, &fe)
			require.Equal(t, "Registration.Number", fe.Field)
			require.Equal(t, tt.number, fe.Value)
			require.Equal(t, tt.want, fe.Reason)
		})
	}
	require.EqualError(t, dunning.Registration{Number: "1"}.Validate(), `Registration.Scheme "": is required when a registration number is given`)
	require.EqualError(t, dunning.Registration{Scheme: dunning.CVR}.Validate(), `Registration.Number "": is required for scheme DK:CVR`)
}

// TestCheckDigitsCatchEverySingleDigitError: the check digits of CVR (mod 11), SE (Luhn),
// NO (mod 11) and FI (mod 11) detect any change of one digit.
func TestCheckDigitsCatchEverySingleDigitError(t *testing.T) {
	valid := map[dunning.RegistrationScheme]string{
		dunning.CVR: "24256790", dunning.SEOrgNr: "5560125790", dunning.NOOrgNr: "923609016", dunning.FIYTunnus: "0112038-9",
	}
	rapid.Check(t, func(t *rapid.T) {
		scheme := rapid.SampledFrom([]dunning.RegistrationScheme{dunning.CVR, dunning.SEOrgNr, dunning.NOOrgNr, dunning.FIYTunnus}).Draw(t, "scheme")
		num := []byte(valid[scheme])
		i := rapid.IntRange(0, len(num)-1).Filter(func(i int) bool { return num[i] != '-' }).Draw(t, "position")
		d := byte(rapid.IntRange(0, 9).Filter(func(d int) bool { return byte('0'+d) != num[i] }).Draw(t, "digit"))
		num[i] = '0' + d
		if err := (dunning.Registration{Scheme: scheme, Number: string(num)}).Validate(); err == nil {
			t.Fatalf("%s %s passed the check after one digit changed", scheme, num)
		}
	})
}

func TestJurisdictionTextRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		j := rapid.SampledFrom(dunning.Jurisdictions()).Draw(t, "j")
		b, err := j.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var got dunning.Jurisdiction
		if err := got.UnmarshalText(b); err != nil || got != j {
			t.Fatalf("round trip of %s gave %s, %v", j, got, err)
		}
	})
}

func TestLetterLanguage(t *testing.T) {
	p := validParty()
	require.Equal(t, language.Danish, p.LetterLanguage())
	p.Language = language.English
	require.Equal(t, language.English, p.LetterLanguage())
}

// TestJurisdictionLookupsDoNotAllocate: IsValid and CurrencyCode sit on the hot path of
// flow.Decide and fees.Assess, whose targets are 0 allocations.
func TestJurisdictionLookupsDoNotAllocate(t *testing.T) {
	for _, j := range dunning.Jurisdictions() {
		allocs := testing.AllocsPerRun(100, func() {
			if !j.IsValid() || j.CurrencyCode() == "" || j.TimeZone() == "" {
				t.Fatal("lookup failed")
			}
		})
		require.Zero(t, allocs, "%s", j)
	}
}

func TestStatus(t *testing.T) {
	require.Equal(t, dunning.Unverified, dunning.Status(0), "the zero value must never pass for verified")
	order := []dunning.Status{dunning.Unverified, dunning.Secondary, dunning.Derived, dunning.Verified}
	for i, s := range order {
		b, err := s.MarshalText()
		require.NoError(t, err)
		var got dunning.Status
		require.NoError(t, got.UnmarshalText(b))
		require.Equal(t, s, got)
		for _, o := range order[i:] {
			require.Equal(t, s, s.Weaker(o), "%s weaker than %s", s, o)
			require.Equal(t, s, o.Weaker(s), "%s weaker than %s", s, o)
		}
	}
	require.Equal(t, "Status(9)", dunning.Status(9).String())
	_, err := dunning.Status(9).MarshalText()
	require.ErrorIs(t, err, dunning.ErrInvalid)
	_, err = dunning.ParseStatus("probably")
	require.EqualError(t, err, `Status "probably": is not a research status (want VERIFIED, SECONDARY, DERIVED or UNVERIFIED)`)
	s, err := dunning.ParseStatus("derived")
	require.NoError(t, err)
	require.Equal(t, dunning.Derived, s)
}
