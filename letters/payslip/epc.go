package payslip

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dunning-go/dunning/letters"
	"github.com/dunning-go/dunning/money"
)

// MaxEPCPayload is the largest EPC payload in bytes: EPC069-12 allows QR code
// version 13 at error correction level M, which holds 331 bytes.
const MaxEPCPayload = 331

// EPC is the content of an EPC QR code ("GiroCode", EPC069-12): the data of a SEPA
// credit transfer that a banking app reads from the letter to pre-fill the payment.
// Encode writes the payload, ParseEPC reads one; payslip/qrcode draws it.
//
// The zero value is not a valid payment: Name and IBAN are required.
type EPC struct {
	// Version is the guideline's version, 1 ("001") or 2 ("002"); 0 means 2.
	// Version 1 requires BIC; in version 2 it is optional within the EEA.
	Version int
	// BIC is the beneficiary's bank (AT-23), 8 or 11 characters; spaces are
	// removed and letters upper-cased.
	BIC string
	// Name is the beneficiary (AT-21), 1 to 70 characters. Required.
	Name string
	// IBAN is the beneficiary's account (AT-20); spaces are removed and letters
	// upper-cased. Required.
	IBAN string
	// Amount is the amount (AT-04) in EUR, 0.01 to 999999999.99, or Money{} to let
	// the payer enter it.
	Amount money.Money
	// Purpose is the purpose code (AT-44), 1 to 4 characters A-Z or 0-9, such as
	// "GDDS"; optional.
	Purpose string
	// Reference is the structured remittance information (AT-05): an ISO 11649 RF
	// creditor reference (use letters.Reference.RF for a national one); optional.
	// It excludes Text.
	Reference letters.Reference
	// Text is the unstructured remittance information (AT-05), at most 140
	// characters; optional. It excludes Reference.
	Text string
	// Information is the beneficiary-to-originator information shown to the payer,
	// at most 70 characters; optional.
	Information string
}

// Encode returns the EPC069-12 payload of e: the twelve elements "BCD", the version
// ("001" or "002"), the character set "1" (UTF-8), "SCT", BIC, name, IBAN, amount
// ("EUR" and the amount with a '.' and without trailing fraction zeros, as the
// guideline's examples write it: "EUR12.3", "EUR1"), purpose, RF reference (without
// spaces), text and information, separated by line feeds, with the trailing empty
// elements left off, so that nothing follows the last element given. The payload is
// at most MaxEPCPayload bytes.
//
// Every problem found is returned, each a *dunning.FieldError naming the field
// ("EPC.IBAN", ...) and the value, joined with errors.Join.
func (e EPC) Encode() (string, error) {
	elems, errs := e.elements()
	if len(errs) > 0 {
		return "", join(errs)
	}
	last := len(elems)
	for last > 0 && elems[last-1] == "" {
		last--
	}
	p := strings.Join(elems[:last], "\n")
	if len(p) > MaxEPCPayload {
		return "", fieldError("EPC", p, "is "+strconv.Itoa(len(p))+" bytes; want at most "+strconv.Itoa(MaxEPCPayload))
	}
	return p, nil
}

// elements validates e and returns its twelve payload elements.
func (e EPC) elements() ([12]string, []error) {
	var el [12]string
	var errs []error
	bad := func(field, value, reason string) { errs = append(errs, fieldError(field, value, reason)) }

	version := e.Version
	if version == 0 {
		version = 2
	}
	if version != 1 && version != 2 {
		bad("EPC.Version", strconv.Itoa(e.Version), "is not 1 or 2")
	}
	var bic string
	switch {
	case strings.TrimSpace(e.BIC) != "":
		var why string
		if bic, why = checkBIC(e.BIC); why != "" {
			bad("EPC.BIC", e.BIC, why)
		}
	case version == 1:
		bad("EPC.BIC", e.BIC, "is required in version 001")
	}
	if strings.TrimSpace(e.Name) == "" {
		bad("EPC.Name", e.Name, "is required")
	} else if why := checkText(e.Name, 70); why != "" {
		bad("EPC.Name", e.Name, why)
	}
	iban, why := checkIBAN(e.IBAN)
	if why != "" {
		bad("EPC.IBAN", e.IBAN, why)
	}
	minor, why := checkAmount(e.Amount, money.EUR, 1, 99999999999)
	if why != "" {
		bad("EPC.Amount", moneyValue(e.Amount), why)
	}
	if n := len(e.Purpose); e.Purpose != "" && (n > 4 || !upperAlnum(e.Purpose)) {
		bad("EPC.Purpose", e.Purpose, "is not 1 to 4 characters A-Z or 0-9")
	}
	switch k := e.Reference.Kind(); k {
	case 0, letters.RFReference:
	default:
		bad("EPC.Reference", e.Reference.String(), "has kind "+k.String()+"; want an RF creditor reference (see letters.Reference.RF)")
	}
	if why := checkText(e.Text, 140); why != "" {
		bad("EPC.Text", e.Text, why)
	}
	if !e.Reference.IsZero() && e.Text != "" {
		bad("EPC.Text", e.Text, "is set together with Reference; the payload holds one or the other")
	}
	if why := checkText(e.Information, 70); why != "" {
		bad("EPC.Information", e.Information, why)
	}
	if len(errs) > 0 {
		return el, errs
	}
	el = [12]string{"BCD", "00" + strconv.Itoa(version), "1", "SCT", bic, e.Name, iban,
		epcAmount(minor), e.Purpose, e.Reference.String(), e.Text, e.Information}
	return el, nil
}

// epcAmount writes n cents as the guideline's examples do: "EUR12.3", "EUR1",
// "EUR0.05"; "" for 0 (no amount).
func epcAmount(n int64) string {
	if n == 0 {
		return ""
	}
	s := "EUR" + strconv.FormatInt(n/100, 10)
	switch c := n % 100; {
	case c == 0:
	case c%10 == 0:
		s += "." + strconv.FormatInt(c/10, 10)
	default:
		s += "." + string(rune('0'+c/10)) + string(rune('0'+c%10))
	}
	return s
}

// ParseEPC reads an EPC069-12 payload, as the bytes of the QR code, into an EPC.
// Elements may be separated by LF or CR LF; empty trailing elements may be left off
// or given (trailing separators are accepted). The character set element decides
// how the bytes are read: 1 (UTF-8) must be valid UTF-8, 2 (ISO 8859-1) and 8
// (ISO 8859-15) are converted to UTF-8, and 3 to 7 are accepted for ASCII payloads
// only. The service tag must be "BCD", the version "001" or "002", the
// identification "SCT", and every element must pass the checks of Encode: the
// IBAN's and an RF reference's check digits, the BIC's form, the amount ("EUR" and
// 0.01 to 999999999.99 with at most two decimals), the lengths, and at most one of
// the structured and unstructured remittance information. The payload may not be
// longer than MaxEPCPayload bytes.
//
// Every problem found is returned, each a *dunning.FieldError naming the element
// ("EPC.Amount", ...) and its value, joined with errors.Join. Bad input never
// panics.
func ParseEPC(payload string) (EPC, error) {
	if len(payload) > MaxEPCPayload {
		return EPC{}, fieldError("EPC", payload, "is "+strconv.Itoa(len(payload))+" bytes; want at most "+strconv.Itoa(MaxEPCPayload))
	}
	// The character set is the third element; the first three are ASCII in every
	// character set, so they can be read before the payload is decoded.
	head := strings.SplitN(payload, "\n", 4)
	if len(head) < 4 {
		return EPC{}, fieldError("EPC", payload, "has fewer than 7 elements")
	}
	charset := strings.TrimSuffix(head[2], "\r")
	text, why := epcDecode(payload, charset)
	if why != "" {
		return EPC{}, fieldError("EPC.CharacterSet", charset, why)
	}
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	for len(lines) > 12 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1] // trailing separators
	}
	switch n := len(lines); {
	case n < 7:
		return EPC{}, fieldError("EPC", payload, "has "+strconv.Itoa(n)+" elements; want at least 7 (up to the IBAN)")
	case n > 12:
		return EPC{}, fieldError("EPC", payload, "has "+strconv.Itoa(n)+" elements; want at most 12")
	}
	var el [12]string
	copy(el[:], lines)

	var errs []error
	bad := func(field, value, reason string) { errs = append(errs, fieldError(field, value, reason)) }
	if el[0] != "BCD" {
		bad("EPC.ServiceTag", el[0], `is not "BCD"`)
	}
	var e EPC
	switch el[1] {
	case "001":
		e.Version = 1
	case "002":
		e.Version = 2
	default:
		bad("EPC.Version", el[1], `is not "001" or "002"`)
		e.Version = 2 // check the rest as version 002
	}
	if el[3] != "SCT" {
		bad("EPC.Identification", el[3], `is not "SCT"`)
	}
	e.BIC, e.Name, e.IBAN, e.Purpose, e.Text, e.Information = el[4], el[5], el[6], el[8], el[10], el[11]
	if el[7] != "" {
		m, why := parseEPCAmount(el[7])
		if why != "" {
			bad("EPC.Amount", el[7], why)
		}
		e.Amount = m
	}
	if el[9] != "" {
		r, err := letters.ParseReference(letters.RFReference, el[9])
		if err != nil {
			errs = append(errs, refError("EPC.Reference", el[9], err))
		}
		e.Reference = r
	}
	if _, verrs := e.elements(); len(verrs) > 0 {
		errs = append(errs, verrs...)
	}
	if len(errs) > 0 {
		return EPC{}, join(errs)
	}
	e.BIC, _ = checkBIC(e.BIC) // the canonical forms Encode writes
	e.IBAN, _ = checkIBAN(e.IBAN)
	return e, nil
}

// parseEPCAmount reads "EUR" followed by 1 to 9 digits and optionally '.' and 1 or
// 2 decimals, 0.01 to 999999999.99.
func parseEPCAmount(s string) (money.Money, string) {
	num, ok := strings.CutPrefix(s, "EUR")
	if !ok {
		return money.Money{}, `does not start with "EUR"`
	}
	whole, frac, dot := strings.Cut(num, ".")
	if !allDigits(whole) || len(whole) > 9 || (dot && (!allDigits(frac) || len(frac) > 2)) {
		return money.Money{}, "is not EUR followed by an amount of up to 9 digits and at most 2 decimals"
	}
	m, err := money.New(num, money.EUR)
	if err != nil {
		return money.Money{}, "is not an amount: " + err.Error()
	}
	if !m.IsPositive() {
		return money.Money{}, "is below 0.01 EUR"
	}
	return m, ""
}

// epcDecode returns payload as UTF-8 text according to the EPC character set code
// cs, or the reason it cannot.
func epcDecode(payload, cs string) (string, string) {
	switch cs {
	case "1":
		if !utf8.ValidString(payload) {
			return "", "is 1 (UTF-8) but the payload is not valid UTF-8"
		}
		return payload, ""
	case "2", "8":
		var b strings.Builder
		b.Grow(len(payload) + len(payload)/8)
		for i := 0; i < len(payload); i++ {
			r := rune(payload[i])
			if cs == "8" {
				if x, ok := latin9[payload[i]]; ok {
					r = x
				}
			}
			b.WriteRune(r)
		}
		return b.String(), ""
	case "3", "4", "5", "6", "7":
		for i := 0; i < len(payload); i++ {
			if payload[i] >= utf8.RuneSelf {
				return "", "is " + cs + " (an ISO 8859 part this package does not convert) and the payload is not ASCII"
			}
		}
		return payload, ""
	}
	return "", "is not a character set code 1 to 8"
}

// latin9 holds the eight code points where ISO 8859-15 differs from ISO 8859-1.
var latin9 = map[byte]rune{
	0xA4: '€', 0xA6: 'Š', 0xA8: 'š', 0xB4: 'Ž', 0xB8: 'ž', 0xBC: 'Œ', 0xBD: 'œ', 0xBE: 'Ÿ',
}
