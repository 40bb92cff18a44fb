package tmplexec

import (
	"fmt"
	"reflect"
	"strings"
	"text/template/parse"
)

// Set is what a Program is compiled from: the templates of a set and their functions.
type Set struct {
	// Lookup returns the parse tree of a template of the set by name, nil if there
	// is none: for text/template t.Lookup(name).Tree, for html/template the same after
	// the template has been escaped (executed once).
	Lookup func(name string) *parse.Tree
	// Funcs are the set's functions by name: a Func, or the Go function itself, which
	// is then called by reflection.
	Funcs map[string]any
	// Methods are optional fast calls of niladic methods the templates call, by
	// method name: Func1 (or Appender1) of the method expression ((*T).Name), whose
	// receiver is its parameter; of several adapters under one name (methods of the
	// same name on different types), the one whose parameter is the receiver's type
	// is used. A method without an adapter here is called by reflection.
	Methods map[string][]Func
}

// Compile compiles the template name of set for data of type data. It returns an
// error wrapping ErrUnsupported when the template uses anything outside the subset
// the package executes.
func Compile(set Set, name string, data reflect.Type) (*Program, error) {
	c := &compiler{set: set, bodies: map[bodyKey]*body{}}
	b, err := c.template(name, static{t: data, addr: addrNo})
	if err != nil {
		return nil, err
	}
	return &Program{name: name, data: data, body: b}, nil
}

// addressability is whether a value is addressable, as far as is known when
// compiling: it decides whether pointer methods are found (text/template takes the
// address of an addressable receiver).
type addressability uint8

const (
	addrNo addressability = iota
	addrYes
	addrUnknown
)

// static is what is known of a value when compiling: its type (nil when there is no
// value) and whether it is addressable.
type static struct {
	t    reflect.Type
	addr addressability
}

type bodyKey struct {
	name string
	dot  static
}

type compiler struct {
	set    Set
	bodies map[bodyKey]*body
	root   static // the type of $ in the template being compiled
}

func unsupported(n parse.Node, format string, args ...any) error {
	pos := ""
	if n != nil {
		pos = fmt.Sprintf(" at %q", truncate(n.String()))
	}
	return fmt.Errorf("%w: "+format+"%s", append([]any{ErrUnsupported}, append(args, pos)...)...)
}

func truncate(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

// template compiles the named template for a dot; a template already compiled (or
// being compiled, when it calls itself) for the same dot is reused.
func (c *compiler) template(name string, dot static) (*body, error) {
	key := bodyKey{name, dot}
	if b, ok := c.bodies[key]; ok {
		return b, nil
	}
	tree := c.set.Lookup(name)
	if tree == nil || tree.Root == nil {
		return nil, unsupported(nil, "no template %q", name)
	}
	b := &body{}
	c.bodies[key] = b
	saved := c.root
	c.root = dot
	list, err := c.list(tree.Root, dot)
	c.root = saved
	if err != nil {
		return nil, err
	}
	b.list = list
	return b, nil
}

func (c *compiler) list(l *parse.ListNode, dot static) (stmt, error) {
	if l == nil {
		return listStmt(nil), nil
	}
	var out listStmt
	for _, n := range l.Nodes {
		s, err := c.node(n, dot)
		if err != nil {
			return nil, err
		}
		if s == nil {
			continue
		}
		// Adjacent text is merged.
		if t, ok := s.(textStmt); ok && len(out) > 0 {
			if prev, ok := out[len(out)-1].(textStmt); ok {
				out[len(out)-1] = append(prev[:len(prev):len(prev)], t...)
				continue
			}
		}
		out = append(out, s)
	}
	if len(out) == 1 {
		return out[0], nil
	}
	return out, nil
}

func (c *compiler) node(n parse.Node, dot static) (stmt, error) {
	switch n := n.(type) {
	case *parse.TextNode:
		if len(n.Text) == 0 {
			return nil, nil
		}
		return textStmt(n.Text), nil
	case *parse.CommentNode:
		return nil, nil
	case *parse.ActionNode:
		return c.action(n, dot)
	case *parse.IfNode:
		return c.ifOrWith(n, &n.BranchNode, dot, false)
	case *parse.WithNode:
		return c.ifOrWith(n, &n.BranchNode, dot, true)
	case *parse.RangeNode:
		return c.rangeNode(n, dot)
	case *parse.TemplateNode:
		var e expr
		in := static{}
		if n.Pipe != nil {
			var err error
			if e, in, err = c.pipe(n.Pipe, dot); err != nil {
				return nil, err
			}
		}
		b, err := c.template(n.Name, in)
		if err != nil {
			return nil, err
		}
		return &callTemplateStmt{e: e, body: b}, nil
	}
	return nil, unsupported(n, "node")
}

func (c *compiler) action(n *parse.ActionNode, dot static) (stmt, error) {
	pipe := n.Pipe
	html := false
	if k := len(pipe.Cmds); k > 1 {
		if id, ok := pipe.Cmds[k-1].Args[0].(*parse.IdentifierNode); ok && id.Ident == htmlEscaperName && len(pipe.Cmds[k-1].Args) == 1 {
			html = true
			cp := *pipe
			cp.Cmds = pipe.Cmds[:k-1]
			pipe = &cp
		}
	}
	e, st, err := c.pipe(pipe, dot)
	if err != nil {
		return nil, err
	}
	if st.t == nil {
		return nil, unsupported(n, "printing no value")
	}
	if fe, ok := e.(*fieldExpr); ok && fe.steps[len(fe.steps)-1].str != nil &&
		st.t.Kind() == reflect.String && !printsByMethod(st) {
		// A string printed as it is (escaped for HTML text unless it is HTML).
		return printMethod(fe, html && st.t != htmlType), nil
	}
	if html {
		if call, ok := e.(*callExpr); ok && call.fn.str != nil && st.t == stringType {
			return &printHTMLCallStmt{c: call}, nil
		}
		if call, ok := e.(*callExpr); ok && call.fn.str != nil && st.t == htmlType {
			return &printCallStmt{c: call}, nil
		}
		switch {
		case st.t == htmlType:
			return &printStmt{e: e, print: printString}, nil
		case st.t.Kind() == reflect.String && !printsByMethod(st):
			return &printStmt{e: e, print: printHTMLString}, nil
		case st.t.Kind() == reflect.Interface:
			return nil, unsupported(n, "printing an interface")
		}
		return &printStmt{e: e, print: printHTMLAny}, nil
	}
	if call, ok := e.(*callExpr); ok && call.fn.str != nil {
		return &printCallStmt{c: call}, nil
	}
	return c.printer(n, e, st)
}

// printMethod prints fe, whose last step is a method with an appending adapter.
func printMethod(fe *fieldExpr, escape bool) stmt {
	p := &printMethodStmt{recv: fe.recv, last: fe.steps[len(fe.steps)-1], escape: escape}
	if len(fe.steps) > 1 {
		p.recv = &fieldExpr{recv: fe.recv, steps: fe.steps[:len(fe.steps)-1]}
	}
	return p
}

// printsByMethod reports whether text/template or html/template could print a value
// of this type by its String or Error method.
func printsByMethod(st static) bool {
	t := st.t
	if t.Implements(errorType) || t.Implements(stringerType) {
		return true
	}
	p := reflect.PointerTo(t)
	return st.addr != addrNo && (p.Implements(errorType) || p.Implements(stringerType))
}

func (c *compiler) printer(n parse.Node, e expr, st static) (stmt, error) {
	t := st.t
	if t.Kind() == reflect.Interface {
		return nil, unsupported(n, "printing an interface")
	}
	if t.Kind() == reflect.Chan || t.Kind() == reflect.Func {
		return nil, unsupported(n, "printing %s", t)
	}
	if !printsByMethod(st) {
		switch t.Kind() {
		case reflect.String:
			return &printStmt{e: e, print: printString}, nil
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			return &printStmt{e: e, print: printInt}, nil
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
			return &printStmt{e: e, print: printUint}, nil
		case reflect.Bool:
			return &printStmt{e: e, print: printBool}, nil
		}
	}
	return &printStmt{e: e, print: printAny}, nil
}

func (c *compiler) ifOrWith(n parse.Node, b *parse.BranchNode, dot static, with bool) (stmt, error) {
	if len(b.Pipe.Decl) > 0 {
		return nil, unsupported(n, "variables")
	}
	e, st, err := c.pipe(b.Pipe, dot)
	if err != nil {
		return nil, err
	}
	inner := dot
	if with {
		inner = st
	}
	then, err := c.list(b.List, inner)
	if err != nil {
		return nil, err
	}
	var el stmt
	if b.ElseList != nil {
		if el, err = c.list(b.ElseList, dot); err != nil {
			return nil, err
		}
	}
	if call, ok := e.(*callExpr); ok && !with && call.fn.pred != nil {
		return &predIfStmt{c: call, then: then, el: el}, nil
	}
	truth, err := truthOf(n, st)
	if err != nil {
		return nil, err
	}
	return &ifStmt{cond: e, truth: truth, with: with, then: then, el: el}, nil
}

// truthOf returns text/template's isTrue for values of a static type.
func truthOf(n parse.Node, st static) (func(reflect.Value) bool, error) {
	if st.t == nil {
		return func(reflect.Value) bool { return false }, nil
	}
	switch st.t.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return func(v reflect.Value) bool { return v.Len() > 0 }, nil
	case reflect.Bool:
		return reflect.Value.Bool, nil
	case reflect.Complex64, reflect.Complex128:
		return func(v reflect.Value) bool { return v.Complex() != 0 }, nil
	case reflect.Chan, reflect.Func, reflect.Pointer, reflect.UnsafePointer:
		return func(v reflect.Value) bool { return !v.IsNil() }, nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return func(v reflect.Value) bool { return v.Int() != 0 }, nil
	case reflect.Float32, reflect.Float64:
		return func(v reflect.Value) bool { return v.Float() != 0 }, nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return func(v reflect.Value) bool { return v.Uint() != 0 }, nil
	case reflect.Struct:
		return func(reflect.Value) bool { return true }, nil
	}
	return nil, unsupported(n, "truth of %s", st.t)
}

func (c *compiler) rangeNode(n *parse.RangeNode, dot static) (stmt, error) {
	if len(n.Pipe.Decl) > 0 {
		return nil, unsupported(n, "variables")
	}
	e, st, err := c.pipe(n.Pipe, dot)
	if err != nil {
		return nil, err
	}
	if st.t == nil {
		return nil, unsupported(n, "range over no value")
	}
	t, derefs := st.t, 0
	addr := st.addr
	for t.Kind() == reflect.Pointer {
		t, derefs, addr = t.Elem(), derefs+1, addrYes
	}
	var elem static
	switch t.Kind() {
	case reflect.Slice:
		elem = static{t: t.Elem(), addr: addrYes}
	case reflect.Array:
		elem = static{t: t.Elem(), addr: addr}
	default:
		return nil, unsupported(n, "range over %s", t)
	}
	if hasBreak(n.List) {
		return nil, unsupported(n, "break or continue")
	}
	body, err := c.list(n.List, elem)
	if err != nil {
		return nil, err
	}
	var el stmt
	if n.ElseList != nil {
		if el, err = c.list(n.ElseList, dot); err != nil {
			return nil, err
		}
	}
	return &rangeStmt{e: e, derefs: derefs, body: body, el: el}, nil
}

// hasBreak reports whether a range body has a break or continue of its own.
func hasBreak(l *parse.ListNode) bool {
	if l == nil {
		return false
	}
	for _, n := range l.Nodes {
		switch n := n.(type) {
		case *parse.BreakNode, *parse.ContinueNode:
			return true
		case *parse.IfNode:
			if hasBreak(n.List) || hasBreak(n.ElseList) {
				return true
			}
		case *parse.WithNode:
			if hasBreak(n.List) || hasBreak(n.ElseList) {
				return true
			}
		}
	}
	return false
}

// pipe compiles a pipeline without variable declarations.
func (c *compiler) pipe(p *parse.PipeNode, dot static) (expr, static, error) {
	if p == nil || len(p.Cmds) == 0 {
		return nil, static{}, unsupported(p, "empty pipeline")
	}
	if len(p.Decl) > 0 {
		return nil, static{}, unsupported(p, "variables")
	}
	e, st, err := c.command(p.Cmds[0], dot, nil)
	if err != nil {
		return nil, static{}, err
	}
	if len(p.Cmds) == 1 {
		return e, st, nil
	}
	pe := &pipeExpr{first: e}
	for _, cmd := range p.Cmds[1:] {
		final := st
		var next expr
		if next, st, err = c.command(cmd, dot, &final); err != nil {
			return nil, static{}, err
		}
		call, ok := next.(*callExpr)
		if !ok || !call.final {
			return nil, static{}, unsupported(cmd, "pipeline into a non-function")
		}
		pe.rest = append(pe.rest, call)
	}
	return pe, st, nil
}

// command compiles one command of a pipeline; final is the static type of the
// previous command's value, nil for the first.
func (c *compiler) command(cmd *parse.CommandNode, dot static, final *static) (expr, static, error) {
	switch n := cmd.Args[0].(type) {
	case *parse.FieldNode:
		if len(cmd.Args) > 1 || final != nil {
			return nil, static{}, unsupported(cmd, "method arguments")
		}
		return c.fields(dotExpr{}, dot, n.Ident, n)
	case *parse.ChainNode:
		if len(cmd.Args) > 1 || final != nil {
			return nil, static{}, unsupported(cmd, "method arguments")
		}
		base, st, err := c.operand(n.Node, dot)
		if err != nil {
			return nil, static{}, err
		}
		return c.fields(base, st, n.Field, n)
	case *parse.VariableNode:
		if len(cmd.Args) > 1 || final != nil {
			return nil, static{}, unsupported(cmd, "method arguments")
		}
		return c.variable(n)
	case *parse.IdentifierNode:
		return c.call(n, cmd.Args[1:], dot, final)
	}
	if len(cmd.Args) > 1 || final != nil {
		return nil, static{}, unsupported(cmd, "arguments to a non-function")
	}
	return c.operand(cmd.Args[0], dot)
}

// operand compiles a value that is not a function call with arguments: dot, a
// constant, a field chain, a variable, a parenthesised pipeline, a niladic function.
func (c *compiler) operand(n parse.Node, dot static) (expr, static, error) {
	switch n := n.(type) {
	case *parse.DotNode:
		return dotExpr{}, dot, nil
	case *parse.FieldNode:
		return c.fields(dotExpr{}, dot, n.Ident, n)
	case *parse.ChainNode:
		base, st, err := c.operand(n.Node, dot)
		if err != nil {
			return nil, static{}, err
		}
		return c.fields(base, st, n.Field, n)
	case *parse.VariableNode:
		return c.variable(n)
	case *parse.PipeNode:
		return c.pipe(n, dot)
	case *parse.IdentifierNode:
		return c.call(n, nil, dot, nil)
	case *parse.StringNode:
		v := reflect.ValueOf(n.Text)
		return constExpr{v}, static{t: v.Type()}, nil
	case *parse.BoolNode:
		v := reflect.ValueOf(n.True)
		return constExpr{v}, static{t: v.Type()}, nil
	case *parse.NumberNode:
		v, err := idealConstant(n)
		if err != nil {
			return nil, static{}, err
		}
		return constExpr{v}, static{t: v.Type()}, nil
	}
	return nil, static{}, unsupported(n, "operand")
}

// idealConstant is text/template's: an integer constant is an int, one with a
// fraction or exponent a float64.
func idealConstant(n *parse.NumberNode) (reflect.Value, error) {
	switch {
	case n.IsComplex:
		return reflect.ValueOf(n.Complex128), nil
	case n.IsFloat && !isHexInt(n.Text) && !isRuneInt(n.Text) && strings.ContainsAny(n.Text, ".eEpP"):
		return reflect.ValueOf(n.Float64), nil
	case n.IsInt && int64(int(n.Int64)) == n.Int64:
		return reflect.ValueOf(int(n.Int64)), nil
	}
	return reflect.Value{}, unsupported(n, "constant")
}

func isRuneInt(s string) bool { return len(s) > 0 && s[0] == '\'' }

func isHexInt(s string) bool {
	return len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && !strings.ContainsAny(s, "pP")
}

func (c *compiler) variable(n *parse.VariableNode) (expr, static, error) {
	if n.Ident[0] != "$" {
		return nil, static{}, unsupported(n, "variables other than $")
	}
	if len(n.Ident) == 1 {
		return rootExpr{}, c.root, nil
	}
	return c.fields(rootExpr{}, c.root, n.Ident[1:], n)
}

// fields compiles a chain of field and method names on recv, as text/template's
// evalField resolves each: pointers followed, then a method of the value (of its
// address when it is addressable), then a field.
func (c *compiler) fields(recv expr, st static, names []string, n parse.Node) (expr, static, error) {
	fe := &fieldExpr{recv: recv}
	for _, name := range names {
		if st.t == nil {
			return nil, static{}, unsupported(n, "field of no value")
		}
		t, derefs, addr := st.t, 0, st.addr
		for t.Kind() == reflect.Pointer {
			t, derefs, addr = t.Elem(), derefs+1, addrYes
		}
		if t.Kind() == reflect.Interface {
			return nil, static{}, unsupported(n, "field of an interface")
		}
		// Methods: of *T when the value is addressable, else of T.
		ptrMethod, ptrOK := reflect.PointerTo(t).MethodByName(name)
		valMethod, valOK := t.MethodByName(name)
		if ptrOK && !valOK && addr == addrUnknown {
			return nil, static{}, unsupported(n, "method %s of a value that may not be addressable", name)
		}
		if ptrOK && (valOK || addr == addrYes) {
			s := step{derefs: derefs}
			m := valMethod
			if addr == addrYes {
				s.addr, m = true, ptrMethod
			}
			s.method = m.Index
			mt := m.Type // with the receiver as first argument
			switch {
			case mt.NumIn() != 1 || mt.IsVariadic():
				return nil, static{}, unsupported(n, "method %s with arguments", name)
			case mt.NumOut() == 1:
			case mt.NumOut() == 2 && mt.Out(1) == errorType:
				s.errorOK = true
			default:
				return nil, static{}, unsupported(n, "method %s's results", name)
			}
			for _, f := range c.set.Methods[name] {
				if f.call == nil || f.typ.NumIn() != 1 || f.typ.NumOut() != 1 || f.typ.Out(0) != mt.Out(0) || s.errorOK {
					continue
				}
				switch recv := f.typ.In(0); {
				case s.addr && recv == reflect.PointerTo(t):
					s.fast, s.str = f.call, f.str
				case valOK && recv == t: // a value method: called on the value itself
					s.fast, s.str, s.addr = f.call, f.str, false
				}
				if s.fast != nil {
					break
				}
			}
			fe.steps = append(fe.steps, s)
			st = static{t: mt.Out(0), addr: addrNo}
			continue
		}
		if t.Kind() != reflect.Struct {
			return nil, static{}, unsupported(n, "field %s of %s", name, t)
		}
		f, ok := t.FieldByName(name)
		if !ok || !f.IsExported() {
			return nil, static{}, unsupported(n, "no exported field %s in %s", name, t)
		}
		fe.steps = append(fe.steps, step{derefs: derefs, field: f.Index})
		st = static{t: f.Type, addr: addr}
	}
	return fe, st, nil
}

// call compiles a call of a function or builtin with args, and the previous
// command's value as the last argument when final is not nil.
func (c *compiler) call(id *parse.IdentifierNode, args []parse.Node, dot static, final *static) (expr, static, error) {
	if f, ok := c.set.Funcs[id.Ident]; ok {
		return c.userCall(id, f, args, dot, final)
	}
	return c.builtin(id, args, dot, final)
}

func (c *compiler) userCall(id *parse.IdentifierNode, f any, args []parse.Node, dot static, final *static) (expr, static, error) {
	ce := &callExpr{final: final != nil}
	var typ reflect.Type
	switch f := f.(type) {
	case Func:
		ce.fn, typ = f, f.typ
	default:
		ce.rv = reflect.ValueOf(f)
		typ = ce.rv.Type()
		if typ.Kind() != reflect.Func {
			return nil, static{}, unsupported(id, "%s is not a function", id.Ident)
		}
	}
	n := len(args)
	if final != nil {
		n++
	}
	if typ.IsVariadic() || typ.NumIn() != n {
		return nil, static{}, unsupported(id, "call of %s with %d arguments", id.Ident, n)
	}
	switch {
	case typ.NumOut() == 1:
	case typ.NumOut() == 2 && typ.Out(1) == errorType:
		ce.errorOK = true
		if ce.fn.call != nil {
			return nil, static{}, unsupported(id, "Func %s with an error result", id.Ident)
		}
	default:
		return nil, static{}, unsupported(id, "results of %s", id.Ident)
	}
	for i, a := range args {
		ae, err := c.argument(a, typ.In(i), dot)
		if err != nil {
			return nil, static{}, err
		}
		ce.args = append(ce.args, ae)
	}
	if final != nil {
		if final.t == nil || !final.t.AssignableTo(typ.In(n-1)) {
			return nil, static{}, unsupported(id, "final argument of %s", id.Ident)
		}
	}
	return ce, static{t: typ.Out(0), addr: addrNo}, nil
}

// argument compiles an argument for a parameter of type want, as text/template's
// evalArg and validateType convert it.
func (c *compiler) argument(n parse.Node, want reflect.Type, dot static) (arg, error) {
	switch a := n.(type) {
	case *parse.NilNode:
		switch want.Kind() {
		case reflect.Chan, reflect.Func, reflect.Interface, reflect.Map, reflect.Pointer, reflect.Slice:
			return arg{e: constExpr{reflect.Zero(want)}}, nil
		}
		return arg{}, unsupported(n, "nil for %s", want)
	case *parse.StringNode:
		if want.Kind() == reflect.String {
			return arg{e: constExpr{reflect.ValueOf(a.Text).Convert(want)}}, nil
		}
		if want.Kind() == reflect.Interface && want.NumMethod() == 0 {
			return arg{e: constExpr{reflect.ValueOf(a.Text)}}, nil
		}
		return arg{}, unsupported(n, "string for %s", want)
	case *parse.BoolNode:
		if want.Kind() == reflect.Bool {
			return arg{e: constExpr{reflect.ValueOf(a.True).Convert(want)}}, nil
		}
		if want.Kind() == reflect.Interface && want.NumMethod() == 0 {
			return arg{e: constExpr{reflect.ValueOf(a.True)}}, nil
		}
		return arg{}, unsupported(n, "bool for %s", want)
	case *parse.NumberNode:
		return numberArg(a, want)
	}
	e, st, err := c.operand(n, dot)
	if err != nil {
		return arg{}, err
	}
	if st.t == nil {
		return arg{}, unsupported(n, "no value for %s", want)
	}
	switch {
	case st.t.AssignableTo(want):
		return arg{e: e}, nil
	case st.t.Kind() == reflect.Interface:
		return arg{}, unsupported(n, "interface for %s", want)
	case st.t.Kind() == reflect.Pointer && st.t.Elem().AssignableTo(want):
		return arg{e: e, conv: convDeref}, nil
	case reflect.PointerTo(st.t).AssignableTo(want) && st.addr == addrYes:
		return arg{e: e, conv: convAddr}, nil
	}
	return arg{}, unsupported(n, "%s for %s", st.t, want)
}

// numberArg converts a numeric constant to the parameter's type, as text/template's
// evalInteger, evalUnsignedInteger and evalFloat do; an empty interface gets the
// ideal constant.
func numberArg(n *parse.NumberNode, want reflect.Type) (arg, error) {
	v := reflect.New(want).Elem()
	switch want.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if !n.IsInt || v.OverflowInt(n.Int64) {
			return arg{}, unsupported(n, "constant for %s", want)
		}
		v.SetInt(n.Int64)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if !n.IsUint || v.OverflowUint(n.Uint64) {
			return arg{}, unsupported(n, "constant for %s", want)
		}
		v.SetUint(n.Uint64)
	case reflect.Interface:
		if want.NumMethod() != 0 {
			return arg{}, unsupported(n, "constant for %s", want)
		}
		ideal, err := idealConstant(n)
		if err != nil {
			return arg{}, err
		}
		return arg{e: constExpr{ideal}}, nil
	default:
		return arg{}, unsupported(n, "constant for %s", want)
	}
	return arg{e: constExpr{v}}, nil
}
