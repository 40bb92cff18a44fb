package letters

import (
	"strconv"
	"strings"
	"unicode/utf16"
)

// Encoding is the character encoding an SMS is sent in.
type Encoding uint8

// The SMS encodings (3GPP TS 23.038).
const (
	// GSM7 is the GSM 7-bit default alphabet with its extension table: 160 septets in
	// one message, 153 per part of a concatenated message; an extension character
	// ({ } [ ] ~ \ | ^ €) takes two septets and never straddles two parts.
	GSM7 Encoding = iota + 1
	// UCS2 is used when a character outside GSM 7-bit occurs: 70 UTF-16 code units in
	// one message, 67 per part; a surrogate pair never straddles two parts.
	UCS2
)

// String returns "GSM-7" or "UCS-2".
func (e Encoding) String() string {
	switch e {
	case GSM7:
		return "GSM-7"
	case UCS2:
		return "UCS-2"
	}
	return "Encoding(" + strconv.Itoa(int(e)) + ")"
}

// SMSText is the short text form of a letter.
type SMSText struct {
	Text     string
	Encoding Encoding
	// Segments is the number of messages the text is sent as (1 when it fits one).
	Segments int
}

// gsmBasic is the GSM 7-bit default alphabet (excluding the escape code).
const gsmBasic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
	"¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"

// gsmExtension is the GSM 7-bit extension table: each takes an escape plus itself.
const gsmExtension = "\f^{}\\[~]|€"

// gsmSeptets returns the septets r takes in GSM 7-bit, or 0 if it has none.
func gsmSeptets(r rune) int {
	switch {
	case strings.ContainsRune(gsmBasic, r):
		return 1
	case strings.ContainsRune(gsmExtension, r):
		return 2
	}
	return 0
}

// smsNormalize maps typographic characters our formatting produces to their GSM
// equivalents, so an amount such as "1 234,50 kr" (with no-break spaces) or a minus
// sign does not force the whole message into UCS-2.
func smsNormalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch r {
		case '\u00a0', '\u202f', '\u2009':
			b.WriteByte(' ')
		case '\u2212', '\u2013', '\u2014':
			b.WriteByte('-')
		case '\u2018', '\u2019':
			b.WriteByte('\'')
		case '\u201c', '\u201d', '\u201e':
			b.WriteByte('"')
		case '\u2026':
			b.WriteString("...")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// newSMS normalises text to one line of GSM-friendly characters and counts its
// segments.
func newSMS(text string) SMSText {
	text = strings.Join(strings.Fields(smsNormalize(text)), " ")
	enc, segs := SegmentCount(text)
	return SMSText{Text: text, Encoding: enc, Segments: segs}
}

// SegmentCount returns the encoding an SMS of text needs and the number of messages
// it is sent as: GSM-7 when every character is in the GSM 7-bit alphabet or its
// extension table (160 septets, or 153 per part), otherwise UCS-2 (70 code units, or
// 67 per part). An empty text is one GSM-7 message.
func SegmentCount(text string) (Encoding, int) {
	septets := 0
	gsm := true
	for _, r := range text {
		n := gsmSeptets(r)
		if n == 0 {
			gsm = false
			break
		}
		septets += n
	}
	if gsm {
		if septets <= 160 {
			return GSM7, 1
		}
		segs, used := 1, 0
		for _, r := range text {
			n := gsmSeptets(r)
			if used+n > 153 {
				segs++
				used = 0
			}
			used += n
		}
		return GSM7, segs
	}
	units := 0
	for _, r := range text {
		units += utf16.RuneLen(r)
	}
	if units <= 70 {
		return UCS2, 1
	}
	segs, used := 1, 0
	for _, r := range text {
		n := utf16.RuneLen(r)
		if used+n > 67 {
			segs++
			used = 0
		}
		used += n
	}
	return UCS2, segs
}
