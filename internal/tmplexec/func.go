package tmplexec

import (
	"reflect"
)

// Func is a template function with a calling convention that avoids reflect.Call:
// its arguments are converted with reflect.TypeAssert, which does not allocate, and a
// string result is written straight to the output when the function's result is
// printed. Build one with Func1, Func3 or Predicate and put it in the map given to
// Compile under the name the templates use; text/template is given the plain Go
// function under the same name.
type Func struct {
	typ  reflect.Type                                  // the Go function's type, as text/template sees it
	call func(args []reflect.Value) reflect.Value      // the call, result boxed
	str  func(dst []byte, args []reflect.Value) []byte // the call, result appended; nil unless a string result (or Appender1)
	pred func(args []reflect.Value) bool               // the call, for a bool result; nil otherwise
}

// Func1 adapts a function of one argument.
func Func1[A, R any](f func(A) R) Func {
	fn := Func{typ: reflect.TypeOf(f)}
	fn.call = func(args []reflect.Value) reflect.Value {
		a, _ := reflect.TypeAssert[A](args[0])
		return reflect.ValueOf(f(a))
	}
	if g, ok := any(f).(func(A) string); ok {
		fn.str = func(dst []byte, args []reflect.Value) []byte {
			a, _ := reflect.TypeAssert[A](args[0])
			return append(dst, g(a)...)
		}
	}
	if g, ok := any(f).(func(A) bool); ok {
		fn.pred = func(args []reflect.Value) bool {
			a, _ := reflect.TypeAssert[A](args[0])
			return g(a)
		}
	}
	return fn
}

// Appender1 is Func1 for a function of one argument whose result is of a string
// type (string, html/template.HTML) and which can append that result instead of
// returning it: app(a, dst) must append exactly f(a) to dst (a method
// expression (*T).AppendName fits). Where the result is
// printed (a call, or a method at the end of a field chain), app writes it straight
// to the output and the string is never made; every other use of the result calls
// f, and text/template is given f.
func Appender1[A any, R ~string](f func(A) R, app func(a A, dst []byte) []byte) Func {
	fn := Func1(f)
	fn.str = func(dst []byte, args []reflect.Value) []byte {
		a, _ := reflect.TypeAssert[A](args[0])
		return app(a, dst)
	}
	return fn
}

// Func3 adapts a function of three arguments.
func Func3[A, B, C, R any](f func(A, B, C) R) Func {
	fn := Func{typ: reflect.TypeOf(f)}
	fn.call = func(args []reflect.Value) reflect.Value {
		a, _ := reflect.TypeAssert[A](args[0])
		b, _ := reflect.TypeAssert[B](args[1])
		c, _ := reflect.TypeAssert[C](args[2])
		return reflect.ValueOf(f(a, b, c))
	}
	if g, ok := any(f).(func(A, B, C) string); ok {
		fn.str = func(dst []byte, args []reflect.Value) []byte {
			a, _ := reflect.TypeAssert[A](args[0])
			b, _ := reflect.TypeAssert[B](args[1])
			c, _ := reflect.TypeAssert[C](args[2])
			return append(dst, g(a, b, c)...)
		}
	}
	return fn
}

// Predicate adapts a function the templates know as func(any) bool (a test of any
// value, such as "is it set") to one that receives the reflect.Value itself, so that
// testing a struct does not box it. f must give the answer the func(any) bool it
// stands for gives for v.Interface().
func Predicate(f func(v reflect.Value) bool) Func {
	pred := func(args []reflect.Value) bool { return f(args[0]) }
	return Func{
		typ:  reflect.TypeFor[func(any) bool](),
		call: func(args []reflect.Value) reflect.Value { return reflect.ValueOf(f(args[0])) },
		pred: pred,
	}
}
