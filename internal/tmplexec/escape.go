package tmplexec

import (
	"fmt"
	htemplate "html/template"
	"reflect"
)

// htmlEscaperName is the function html/template appends to a pipeline whose value is
// printed in HTML text; it is the only escaper this package executes.
const htmlEscaperName = "_html_template_htmlescaper"

var (
	htmlType   = reflect.TypeFor[htemplate.HTML]()
	stringType = reflect.TypeFor[string]()
)

// htmlEscaped marks the bytes appendHTMLEscaped replaces. Read-only.
var htmlEscaped = [256]bool{0: true, '"': true, '&': true, '\'': true, '+': true, '<': true, '>': true}

// appendHTMLEscaped appends s escaped as html/template escapes HTML text: the
// characters " & ' + < > as entities and NUL as U+FFFD; every other byte as it is
// (invalid UTF-8 included).
func appendHTMLEscaped(dst []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); i++ {
		if !htmlEscaped[s[i]] {
			continue
		}
		var repl string
		switch s[i] {
		case 0:
			repl = "\uFFFD"
		case '"':
			repl = "&#34;"
		case '&':
			repl = "&amp;"
		case '\'':
			repl = "&#39;"
		case '+':
			repl = "&#43;"
		case '<':
			repl = "&lt;"
		default: // '>'
			repl = "&gt;"
		}
		dst = append(dst, s[last:i]...)
		dst = append(dst, repl...)
		last = i + 1
	}
	return append(dst, s[last:]...)
}

// printHTMLString prints a string-kinded value that is not html/template.HTML.
func printHTMLString(s *state, v reflect.Value) {
	s.buf = appendHTMLEscaped(s.buf, v.String())
	s.check()
}

// printHTMLAny prints any value as html/template's HTML text escaper does: content
// of type HTML as it is, anything else as its text, escaped.
func printHTMLAny(s *state, v reflect.Value) {
	if !v.IsValid() {
		return // text/template passes a nil interface, which stringify skips
	}
	a := v.Interface()
	switch x := htmlIndirect(a).(type) {
	case htemplate.HTML:
		s.buf = append(s.buf, x...)
	case string:
		s.buf = appendHTMLEscaped(s.buf, x)
	case htemplate.CSS, htemplate.HTMLAttr, htemplate.JS, htemplate.JSStr, htemplate.URL, htemplate.Srcset:
		// Content of another kind is text in HTML: escaped like a string.
		s.buf = appendHTMLEscaped(s.buf, reflect.ValueOf(x).String())
	default:
		s.buf = appendHTMLEscaped(s.buf, fmt.Sprint(indirectToStringerOrError(a)))
	}
	s.check()
}

// htmlIndirect is html/template's indirect: pointers followed to a non-pointer or a
// nil one.
func htmlIndirect(a any) any {
	if a == nil {
		return nil
	}
	if t := reflect.TypeOf(a); t.Kind() != reflect.Pointer {
		return a
	}
	v := reflect.ValueOf(a)
	for v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	return v.Interface()
}

// indirectToStringerOrError is html/template's: pointers followed until a Stringer or
// an error.
func indirectToStringerOrError(a any) any {
	if a == nil {
		return nil
	}
	v := reflect.ValueOf(a)
	for !v.Type().Implements(stringerType) && !v.Type().Implements(errorType) && v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	return v.Interface()
}

// printHTMLCallStmt prints the string result of a Func escaped for HTML text: the
// result is appended as it is and escaped in place when it has a byte to escape,
// which a formatted amount or date seldom has.
type printHTMLCallStmt struct{ c *callExpr }

func (p *printHTMLCallStmt) exec(s *state, dot reflect.Value) {
	mark := len(s.args)
	args := p.c.evalArgs(s, dot)
	from := len(s.buf)
	s.buf = p.c.fn.str(s.buf, args)
	s.args = s.args[:mark]
	escapeFrom(s, from)
	s.check()
}

// escapeFrom escapes for HTML text, in place, what was appended to s.buf since from.
func escapeFrom(s *state, from int) {
	for _, c := range s.buf[from:] {
		if htmlEscaped[c] {
			raw := string(s.buf[from:])
			s.buf = appendHTMLEscaped(s.buf[:from], raw)
			return
		}
	}
}
