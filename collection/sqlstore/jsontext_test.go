package sqlstore

import (
	"encoding/json"
	"testing"

	"pgregory.net/rapid"
)

// TestAppendJSONStringIsEncodingJSON: every string, valid UTF-8 or not,
// encodes as encoding/json encodes it without HTML escaping, and decodes
// back to what encoding/json decodes.
func TestAppendJSONStringIsEncodingJSON(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := rapid.OneOf(rapid.String(), rapid.Map(rapid.SliceOf(rapid.Byte()), func(b []byte) string { return string(b) }),
			rapid.SampledFrom([]string{"\x00", "\xff", "a\u2028b", "<p>&amp;</p>", "\"\\\n\r\t\x1f"})).Draw(t, "s")
		want, err := marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendJSONString(nil, s); string(got) != want {
			t.Fatalf("appendJSONString(%q) = %s, want %s", s, got, want)
		}
	})
}

// TestJSONRows: the rows decode as the objects they were built from.
func TestJSONRows(t *testing.T) {
	var a jsonRows
	if a.text() != "[]" {
		t.Fatalf("empty rows = %s", a.text())
	}
	a.row()
	a.str("id", "c\"1").num("v", -7).raw("doc", `{"x":[1,2]}`).null("due")
	a.row()
	a.str("id", "c2")
	var got []map[string]any
	if err := json.Unmarshal([]byte(a.text()), &got); err != nil {
		t.Fatalf("%s: %v", a.text(), err)
	}
	if len(got) != 2 || got[0]["id"] != "c\"1" || got[0]["v"] != -7.0 || got[0]["due"] != nil || got[1]["id"] != "c2" {
		t.Fatalf("rows = %v", got)
	}
	if doc := got[0]["doc"].(map[string]any); len(doc["x"].([]any)) != 2 {
		t.Fatalf("doc = %v", doc)
	}
}
