package letters

import (
	"strconv"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
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

// gsmSeptets returns the septets r takes in GSM 7-bit, or 0 if it has none: 1 for a
// character of gsmBasic, 2 for one of gsmExtension (a test checks it against them).
func gsmSeptets(r rune) int {
	if r < utf8.RuneSelf {
		switch {
		case ' ' <= r && r <= '?', 'A' <= r && r <= 'Z', 'a' <= r && r <= 'z',
			r == '@', r == '_', r == '\n', r == '\r':
			return 1
		case r == '\f', r == '^', r == '{', r == '}', r == '\\', r == '[', r == '~', r == ']', r == '|':
			return 2
		}
		return 0
	}
	switch r {
	case '£', '¥', 'è', 'é', 'ù', 'ì', 'ò', 'Ç', 'Ø', 'ø', 'Å', 'å', 'Δ', 'Φ', 'Γ', 'Λ', 'Ω',
		'Π', 'Ψ', 'Σ', 'Θ', 'Ξ', 'Æ', 'æ', 'ß', 'É', '¤', '¡', 'Ä', 'Ö', 'Ñ', 'Ü', '§', '¿',
		'ä', 'ö', 'ñ', 'ü', 'à':
		return 1
	case '€':
		return 2
	}
	return 0
}

// newSMS normalises text to one line of GSM-friendly characters and counts its
// segments.
func newSMS(text string) SMSText {
	return newSMSText(string(appendSMS(nil, []byte(text))))
}

// newSMSText counts the segments of text, normalised already.
func newSMSText(text string) SMSText {
	enc, segs := SegmentCount(text)
	return SMSText{Text: text, Encoding: enc, Segments: segs}
}

// appendSMS appends s normalised for an SMS, in one pass: the typographic characters
// our formatting produces are mapped to their GSM equivalents (no-break and thin
// spaces to spaces, minus signs and dashes to "-", curly quotes to straight ones, the
// ellipsis to "..."), so an amount such as "1 234,50 kr" or a minus sign does not
// force the whole message into UCS-2; then the words are joined by single spaces
// (strings.Join of strings.Fields).
func appendSMS(dst, s []byte) []byte {
	start := len(dst)
	space := false
	word := func(w string) {
		if space && len(dst) > start {
			dst = append(dst, ' ')
		}
		space = false
		dst = append(dst, w...)
	}
	for len(s) > 0 {
		if c := s[0]; c < utf8.RuneSelf { // ASCII: a space or itself
			s = s[1:]
			if c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' {
				space = true
				continue
			}
			if space && len(dst) > start {
				dst = append(dst, ' ')
			}
			space = false
			dst = append(dst, c)
			continue
		}
		r, n := utf8.DecodeRune(s)
		s = s[n:]
		switch r {
		case '\u00a0', '\u202f', '\u2009':
			space = true
		case '\u2212', '\u2013', '\u2014':
			word("-")
		case '\u2018', '\u2019':
			word("'")
		case '\u201c', '\u201d', '\u201e':
			word(`"`)
		case '\u2026':
			word("...")
		default:
			if unicode.IsSpace(r) {
				space = true
				continue
			}
			if space && len(dst) > start {
				dst = append(dst, ' ')
			}
			space = false
			dst = utf8.AppendRune(dst, r)
		}
	}
	return dst
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
