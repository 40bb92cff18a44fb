package tmplexec

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"sync"
)

// ErrUnsupported is wrapped by Compile's error when a template uses something outside
// the subset the package executes (see the package documentation).
var ErrUnsupported = errors.New("tmplexec: unsupported")

// ErrFallback is wrapped by Append's error when a value at run time is one the fast
// path does not handle; the caller executes the template with text/template instead.
var ErrFallback = errors.New("tmplexec: execute with text/template")

// maxDepth bounds nested template calls; text/template's limit is far higher, and a
// template that nests deeper falls back to it.
const maxDepth = 1000

// Program is a compiled template. It is immutable and safe for concurrent use.
type Program struct {
	name string
	data reflect.Type
	body *body
}

// Append executes the program with data, which must be of the type the program was
// compiled for, and appends the output to dst. When the output would exceed max
// bytes, or a value needs text/template (see ErrFallback), it returns an error
// wrapping ErrFallback and dst with undefined content beyond its original length.
func (p *Program) Append(dst []byte, data any, max int) (out []byte, err error) {
	v := reflect.ValueOf(data)
	if v.Type() != p.data {
		return dst, fmt.Errorf("%w: %s: data is %s, want %s", ErrFallback, p.name, v.Type(), p.data)
	}
	s := statePool.Get().(*state)
	*s = state{buf: dst, limit: len(dst) + max, root: v}
	s.args = s.argBuf[:0]
	defer func() {
		if r := recover(); r != nil {
			out, err = s.buf, fmt.Errorf("%w: %s: %v", ErrFallback, p.name, r)
		}
		*s = state{} // keeps nothing of this execution
		statePool.Put(s)
	}()
	p.body.exec(s, v)
	return s.buf, nil
}

// statePool holds the states of executions for reuse, as an execution
// escapes its state to the heap: a cache only (sync.Pool is safe for
// concurrent use, a state is taken by one execution and cleared when it
// ends).
var statePool = sync.Pool{New: func() any { return new(state) }}

// fallback is the panic value of a run-time condition the fast path does not handle.
type fallback string

// state is one execution: the output, its limit, the root value $ of the template
// being executed, the depth of template calls and a stack for function arguments.
type state struct {
	buf   []byte
	limit int
	root  reflect.Value
	depth int
	args  []reflect.Value
	// argBuf is the first backing array of args: enough for the arguments of a few
	// nested calls without growing.
	argBuf [6]reflect.Value
}

func (s *state) write(b []byte) {
	s.buf = append(s.buf, b...)
	s.check()
}

func (s *state) check() {
	if len(s.buf) > s.limit {
		panic(fallback("output exceeds the limit"))
	}
}

// stmt is a compiled node that writes output.
type stmt interface {
	exec(s *state, dot reflect.Value)
}

// expr is a compiled expression: a field chain, a function call, a constant.
type expr interface {
	eval(s *state, dot reflect.Value) reflect.Value
}

// body is the compiled list of a template; it is a pointer so that a template that
// calls itself can be compiled.
type body struct{ list stmt }

func (b *body) exec(s *state, dot reflect.Value) { b.list.exec(s, dot) }

type listStmt []stmt

func (l listStmt) exec(s *state, dot reflect.Value) {
	for _, n := range l {
		n.exec(s, dot)
	}
}

type textStmt []byte

func (t textStmt) exec(s *state, _ reflect.Value) { s.write(t) }

// printStmt prints the value of an expression.
type printStmt struct {
	e     expr
	print func(s *state, v reflect.Value)
}

func (p *printStmt) exec(s *state, dot reflect.Value) { p.print(s, p.e.eval(s, dot)) }

// printCallStmt prints the string result of a Func, appending it directly.
type printCallStmt struct{ c *callExpr }

func (p *printCallStmt) exec(s *state, dot reflect.Value) {
	mark := len(s.args)
	args := p.c.evalArgs(s, dot)
	s.buf = p.c.fn.str(s.buf, args)
	s.args = s.args[:mark]
	s.check()
}

// ifStmt is {{if}} and {{with}}.
type ifStmt struct {
	cond     expr
	truth    func(reflect.Value) bool
	with     bool
	then, el stmt // el may be nil
}

func (n *ifStmt) exec(s *state, dot reflect.Value) {
	v := n.cond.eval(s, dot)
	switch {
	case !n.truth(v):
		if n.el != nil {
			n.el.exec(s, dot)
		}
	case n.with:
		n.then.exec(s, v)
	default:
		n.then.exec(s, dot)
	}
}

// predIfStmt is {{if}} on a bool-returning Func: no boxing of the result.
type predIfStmt struct {
	c        *callExpr
	then, el stmt
}

func (n *predIfStmt) exec(s *state, dot reflect.Value) {
	mark := len(s.args)
	ok := n.c.fn.pred(n.c.evalArgs(s, dot))
	s.args = s.args[:mark]
	if ok {
		n.then.exec(s, dot)
	} else if n.el != nil {
		n.el.exec(s, dot)
	}
}

// rangeStmt is {{range}} over a slice or array.
type rangeStmt struct {
	e        expr
	derefs   int
	body, el stmt
}

func (n *rangeStmt) exec(s *state, dot reflect.Value) {
	v := deref(n.e.eval(s, dot), n.derefs)
	if v.Len() == 0 {
		if n.el != nil {
			n.el.exec(s, dot)
		}
		return
	}
	for i := 0; i < v.Len(); i++ {
		n.body.exec(s, v.Index(i))
	}
}

// callTemplateStmt is {{template "name" pipeline}}.
type callTemplateStmt struct {
	e    expr // nil: no pipeline
	body *body
}

func (n *callTemplateStmt) exec(s *state, dot reflect.Value) {
	var v reflect.Value
	if n.e != nil {
		v = n.e.eval(s, dot)
	}
	if s.depth >= maxDepth {
		panic(fallback("template calls nest too deep"))
	}
	root := s.root
	s.root = v
	s.depth++
	n.body.exec(s, v)
	s.depth--
	s.root = root
}

// deref follows n pointers, falling back on a nil one.
func deref(v reflect.Value, n int) reflect.Value {
	for range n {
		if v.IsNil() {
			panic(fallback("nil pointer"))
		}
		v = v.Elem()
	}
	return v
}

type dotExpr struct{}

func (dotExpr) eval(_ *state, dot reflect.Value) reflect.Value { return dot }

type rootExpr struct{}

func (rootExpr) eval(s *state, _ reflect.Value) reflect.Value { return s.root }

type constExpr struct{ v reflect.Value }

func (c constExpr) eval(*state, reflect.Value) reflect.Value { return c.v }

// step is one name of a field chain: pointers followed, then a field or a method.
type step struct {
	derefs  int
	field   []int // the field's index path; nil for a method
	method  int   // index in the method set of the receiver (or of its address)
	addr    bool  // call the method on the receiver's address
	errorOK bool  // the method's second result is an error
	// fast calls the method through its adapter (Set.Methods), the receiver its
	// argument; str, when the adapter has it, appends the method's string result.
	fast func(args []reflect.Value) reflect.Value
	str  func(dst []byte, args []reflect.Value) []byte
}

// fieldExpr is a chain of fields and niladic methods on a value.
type fieldExpr struct {
	recv  expr
	steps []step
}

func (f *fieldExpr) eval(s *state, dot reflect.Value) reflect.Value {
	v := f.recv.eval(s, dot)
	for i := range f.steps {
		v = f.steps[i].eval(s, v)
	}
	return v
}

// receiver follows the step's pointers to its field's struct or its method's
// receiver.
func (st *step) receiver(v reflect.Value) reflect.Value {
	v = deref(v, st.derefs)
	if st.field == nil && st.addr {
		v = v.Addr()
	}
	return v
}

// eval is the step's value on v.
func (st *step) eval(s *state, v reflect.Value) reflect.Value {
	v = st.receiver(v)
	if st.field != nil {
		if len(st.field) == 1 {
			return v.Field(st.field[0])
		}
		v, err := v.FieldByIndexErr(st.field)
		if err != nil {
			panic(fallback(err.Error()))
		}
		return v
	}
	if st.fast != nil {
		mark := len(s.args)
		s.args = append(s.args, v)
		v = st.fast(s.args[mark:])
		s.args = s.args[:mark]
		return v
	}
	out := v.Method(st.method).Call(nil)
	if st.errorOK && !out[1].IsNil() {
		panic(fallback("method returned an error"))
	}
	return out[0]
}

// printMethodStmt prints the string result of a field chain's last step, a method
// whose adapter appends it (step.str): the result is appended straight to the
// output, escaped for HTML text when escape is set, as printHTMLCallStmt does.
type printMethodStmt struct {
	recv   expr // the chain up to the method's receiver
	last   step
	escape bool
}

func (p *printMethodStmt) exec(s *state, dot reflect.Value) {
	v := p.last.receiver(p.recv.eval(s, dot))
	mark := len(s.args)
	s.args = append(s.args, v)
	from := len(s.buf)
	s.buf = p.last.str(s.buf, s.args[mark:])
	s.args = s.args[:mark]
	if p.escape {
		escapeFrom(s, from)
	}
	s.check()
}

// conversion is how an argument is made to fit its parameter, as text/template's
// validateType does.
type conversion uint8

const (
	convNone  conversion = iota
	convDeref            // a pointer where its element is wanted
	convAddr             // an addressable value where a pointer to it is wanted
)

type arg struct {
	e    expr
	conv conversion
}

func (a *arg) eval(s *state, dot reflect.Value) reflect.Value {
	v := a.e.eval(s, dot)
	switch a.conv {
	case convDeref:
		v = deref(v, 1)
	case convAddr:
		v = v.Addr()
	}
	return v
}

// callExpr calls a function. With fn.call set it is a Func; otherwise reflect.Call
// on rv.
type callExpr struct {
	fn      Func
	rv      reflect.Value
	errorOK bool
	args    []arg
	final   bool // the pipeline's previous value is the last argument
}

// evalArgs evaluates the arguments onto s.args and returns them; the caller
// truncates s.args to its length before the call.
func (c *callExpr) evalArgs(s *state, dot reflect.Value) []reflect.Value {
	mark := len(s.args)
	for i := range c.args {
		v := c.args[i].eval(s, dot)
		s.args = append(s.args, v)
	}
	return s.args[mark:]
}

func (c *callExpr) eval(s *state, dot reflect.Value) reflect.Value {
	mark := len(s.args)
	v := c.invoke(c.evalArgs(s, dot))
	s.args = s.args[:mark]
	return v
}

// invoke calls the function with its arguments evaluated.
func (c *callExpr) invoke(args []reflect.Value) reflect.Value {
	if c.fn.call != nil {
		return c.fn.call(args)
	}
	out := c.rv.Call(args)
	if c.errorOK && !out[1].IsNil() {
		panic(fallback("function returned an error"))
	}
	return out[0]
}

// pipeExpr is a pipeline of several commands: each command's value is the final
// argument of the next.
type pipeExpr struct {
	first expr
	rest  []*callExpr // each with final set
}

func (p *pipeExpr) eval(s *state, dot reflect.Value) reflect.Value {
	v := p.first.eval(s, dot)
	for _, c := range p.rest {
		mark := len(s.args)
		c.evalArgs(s, dot)
		s.args = append(s.args, v) // the final argument comes last
		v = c.invoke(s.args[mark:])
		s.args = s.args[:mark]
	}
	return v
}

// builtinExpr is a builtin (eq, not, len, …) evaluated in Go.
type builtinExpr struct {
	args []expr
	f    func(args []reflect.Value) reflect.Value
}

func (b *builtinExpr) eval(s *state, dot reflect.Value) reflect.Value {
	mark := len(s.args)
	for _, a := range b.args {
		s.args = append(s.args, a.eval(s, dot))
	}
	v := b.f(s.args[mark:])
	s.args = s.args[:mark]
	return v
}

// Printers, chosen by Compile from the static type.

func printString(s *state, v reflect.Value) { s.buf = append(s.buf, v.String()...); s.check() }
func printInt(s *state, v reflect.Value)    { s.buf = strconv.AppendInt(s.buf, v.Int(), 10); s.check() }
func printUint(s *state, v reflect.Value)   { s.buf = strconv.AppendUint(s.buf, v.Uint(), 10); s.check() }
func printBool(s *state, v reflect.Value)   { s.buf = strconv.AppendBool(s.buf, v.Bool()); s.check() }

// printAny prints as text/template's printValue does.
func printAny(s *state, v reflect.Value) {
	if v.Kind() == reflect.Pointer {
		for (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) && !v.IsNil() {
			v = v.Elem()
		}
	}
	if !v.IsValid() {
		s.buf = append(s.buf, "<no value>"...)
		s.check()
		return
	}
	if !v.Type().Implements(errorType) && !v.Type().Implements(stringerType) {
		if v.CanAddr() && (reflect.PointerTo(v.Type()).Implements(errorType) || reflect.PointerTo(v.Type()).Implements(stringerType)) {
			v = v.Addr()
		} else if k := v.Kind(); k == reflect.Chan || k == reflect.Func {
			panic(fallback("cannot print " + v.Type().String()))
		}
	}
	s.buf = fmt.Append(s.buf, v.Interface())
	s.check()
}

var (
	errorType    = reflect.TypeFor[error]()
	stringerType = reflect.TypeFor[fmt.Stringer]()
)
