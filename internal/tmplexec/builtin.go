package tmplexec

import (
	"reflect"
	"text/template/parse"
)

var (
	boolType = reflect.TypeFor[bool]()
	intType  = reflect.TypeFor[int]()
)

// basic is text/template's kind of a value for comparison.
type basic uint8

const (
	basicInvalid basic = iota
	basicBool
	basicInt
	basicUint
	basicFloat
	basicString
)

func basicOf(t reflect.Type) basic {
	switch t.Kind() {
	case reflect.Bool:
		return basicBool
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return basicInt
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return basicUint
	case reflect.Float32, reflect.Float64:
		return basicFloat
	case reflect.String:
		return basicString
	}
	return basicInvalid
}

// builtin compiles a call of one of text/template's builtins: eq, ne, lt, le, gt, ge
// on operands of one basic kind, not and len.
func (c *compiler) builtin(id *parse.IdentifierNode, args []parse.Node, dot static, final *static) (expr, static, error) {
	var ops []expr
	var types []reflect.Type
	for _, a := range args {
		e, st, err := c.operand(a, dot)
		if err != nil {
			return nil, static{}, err
		}
		if st.t == nil || st.t.Kind() == reflect.Interface {
			return nil, static{}, unsupported(a, "operand of %s", id.Ident)
		}
		ops, types = append(ops, e), append(types, st.t)
	}
	if final != nil {
		if final.t == nil || final.t.Kind() == reflect.Interface {
			return nil, static{}, unsupported(id, "final operand of %s", id.Ident)
		}
		types = append(types, final.t)
	}
	bool1 := static{t: boolType}
	switch id.Ident {
	case "eq", "ne", "lt", "le", "gt", "ge":
		if len(types) < 2 || (id.Ident != "eq" && len(types) != 2) {
			return nil, static{}, unsupported(id, "%s with %d operands", id.Ident, len(types))
		}
		kinds := make([]basic, len(types))
		for i, t := range types {
			kinds[i] = basicOf(t)
			if !canCompare(kinds[0], kinds[i], id.Ident) {
				return nil, static{}, unsupported(id, "%s of %s and %s", id.Ident, types[0], t)
			}
		}
		return c.builtinExpr(ops, final != nil, comparison(id.Ident, kinds)), bool1, nil
	case "not":
		if len(types) != 1 {
			return nil, static{}, unsupported(id, "not with %d operands", len(types))
		}
		truth, err := truthOf(id, static{t: types[0]})
		if err != nil {
			return nil, static{}, err
		}
		return c.builtinExpr(ops, final != nil, func(a []reflect.Value) reflect.Value {
			return reflect.ValueOf(!truth(a[0]))
		}), bool1, nil
	case "len":
		if len(types) != 1 {
			return nil, static{}, unsupported(id, "len with %d operands", len(types))
		}
		t, derefs := types[0], 0
		for t.Kind() == reflect.Pointer {
			t, derefs = t.Elem(), derefs+1
		}
		switch t.Kind() {
		case reflect.Array, reflect.Chan, reflect.Map, reflect.Slice, reflect.String:
		default:
			return nil, static{}, unsupported(id, "len of %s", t)
		}
		return c.builtinExpr(ops, final != nil, func(a []reflect.Value) reflect.Value {
			return reflect.ValueOf(deref(a[0], derefs).Len())
		}), static{t: intType}, nil
	}
	return nil, static{}, unsupported(id, "function %s", id.Ident)
}

// builtinExpr is a builtin's expression; with final, the previous command's value is
// its last operand, so it is a callExpr of a pipeline.
func (c *compiler) builtinExpr(ops []expr, final bool, f func([]reflect.Value) reflect.Value) expr {
	if !final {
		return &builtinExpr{args: ops, f: f}
	}
	args := make([]arg, len(ops))
	for i, e := range ops {
		args[i] = arg{e: e}
	}
	return &callExpr{fn: Func{call: f}, args: args, final: true}
}

// canCompare reports whether text/template compares operands of kinds a and b
// without an error: the same basic kind, or an int with a uint; bools only for
// equality.
func canCompare(a, b basic, op string) bool {
	switch {
	case a == basicInvalid || b == basicInvalid:
		return false
	case a == basicBool || b == basicBool:
		return a == b && (op == "eq" || op == "ne")
	case a == b:
		return true
	}
	return (a == basicInt && b == basicUint) || (a == basicUint && b == basicInt)
}

// comparison returns text/template's eq, ne, lt, le, gt or ge for operands of the
// given kinds (which comparable accepted).
func comparison(name string, kinds []basic) func([]reflect.Value) reflect.Value {
	k1 := kinds[0]
	eq := func(a, b reflect.Value, k2 basic) bool {
		switch {
		case k1 == basicInt && k2 == basicUint:
			return a.Int() >= 0 && uint64(a.Int()) == b.Uint()
		case k1 == basicUint && k2 == basicInt:
			return b.Int() >= 0 && a.Uint() == uint64(b.Int())
		}
		switch k1 {
		case basicBool:
			return a.Bool() == b.Bool()
		case basicInt:
			return a.Int() == b.Int()
		case basicUint:
			return a.Uint() == b.Uint()
		case basicFloat:
			return a.Float() == b.Float()
		}
		return a.String() == b.String()
	}
	k2 := kinds[len(kinds)-1]
	lt := func(a, b reflect.Value) bool {
		switch {
		case k1 == basicInt && k2 == basicUint:
			return a.Int() < 0 || uint64(a.Int()) < b.Uint()
		case k1 == basicUint && k2 == basicInt:
			return b.Int() >= 0 && a.Uint() < uint64(b.Int())
		}
		switch k1 {
		case basicInt:
			return a.Int() < b.Int()
		case basicUint:
			return a.Uint() < b.Uint()
		case basicFloat:
			return a.Float() < b.Float()
		}
		return a.String() < b.String()
	}
	var f func(a []reflect.Value) bool
	switch name {
	case "eq":
		f = func(a []reflect.Value) bool {
			for i, b := range a[1:] {
				if eq(a[0], b, kinds[i+1]) {
					return true
				}
			}
			return false
		}
	case "ne":
		f = func(a []reflect.Value) bool { return !eq(a[0], a[1], k2) }
	case "lt":
		f = func(a []reflect.Value) bool { return lt(a[0], a[1]) }
	case "le":
		f = func(a []reflect.Value) bool { return lt(a[0], a[1]) || eq(a[0], a[1], k2) }
	case "gt":
		f = func(a []reflect.Value) bool { return !(lt(a[0], a[1]) || eq(a[0], a[1], k2)) }
	default: // ge
		f = func(a []reflect.Value) bool { return !lt(a[0], a[1]) }
	}
	return func(a []reflect.Value) reflect.Value { return reflect.ValueOf(f(a)) }
}
