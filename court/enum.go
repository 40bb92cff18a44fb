package court

import (
	"strconv"
	"strings"
)

// The enumerations of the package are small unsigned integers whose zero value is
// invalid. Each has a table of names; these helpers give them String, text marshalling
// and a parser that names the bad input.

func enumString[T ~uint8](v T, names []string, typ string) string {
	if int(v) > 0 && int(v) < len(names) {
		return names[v]
	}
	return typ + "(" + strconv.Itoa(int(v)) + ")"
}

func enumValid[T ~uint8](v T, names []string) bool { return int(v) > 0 && int(v) < len(names) }

func enumParse[T ~uint8](s string, names []string, typ string) (T, error) {
	for i := 1; i < len(names); i++ {
		if strings.EqualFold(s, names[i]) {
			return T(i), nil
		}
	}
	return 0, fieldErr(typ, s, "is not a "+typ+" (want one of "+strings.Join(names[1:], ", ")+")", nil)
}

func enumMarshal[T ~uint8](v T, names []string, typ string) ([]byte, error) {
	if !enumValid(v, names) {
		return nil, fieldErr(typ, enumString(v, names, typ), "is not a valid "+typ, nil)
	}
	return []byte(names[v]), nil
}
