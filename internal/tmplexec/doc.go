// Package tmplexec executes text/template and html/template parse trees faster than
// text/template does, for one data type known when the template is compiled.
//
// text/template decides everything while it executes: it looks up every field and
// method by name, converts every argument and calls every function by reflection.
// Compile does that work once. It walks a parse tree (text/template/parse, as
// text/template or html/template produced it) with the static type of the data, and
// resolves each field to its index, each method to its index in the method set, each
// function to a typed adapter (Func1, Func3, Predicate) or a reflect.Value, and each
// printed value to a printer for its type. Program.Append then runs the result.
//
// # The contract
//
// A Program writes exactly the bytes text/template would write for the same tree,
// functions and data, or it does not run at all:
//
//   - Compile returns an error wrapping ErrUnsupported for anything outside the
//     subset below. The caller executes that template with text/template (or
//     html/template) instead.
//   - Append returns an error wrapping ErrFallback when a value at run time is not
//     what the fast path handles (a nil pointer in a field chain, a method or function
//     returning an error, a panic in a function, output beyond the limit). The caller
//     discards the partial output and executes the template with text/template, which
//     then writes the output or the error text/template gives. A Program never
//     reports an error of its own to the end user.
//
// The tests hold the package to this: every construct of the subset is executed by
// both and compared byte for byte (a table, a rapid property over random data and a
// fuzz target over random templates).
//
// # The subset
//
// Text, comments, {{if}}, {{with}} and {{range}} over slices and arrays (with
// {{else}}, without variables, break or continue), {{template "name" pipeline}},
// field chains through structs and pointers, niladic methods (with an optional error
// result), the root variable $, constants, parenthesised pipelines, chained fields
// ((f .).Field), pipelines with |, the functions given to Compile, and the builtins
// eq, ne, lt, le, gt, ge on basic types, not, len. For html/template trees the
// escaper html/template inserts for HTML text (_html_template_htmlescaper) is
// executed; any other escaper (attributes, URLs, JavaScript, CSS) is unsupported, so
// a template that places data there runs on html/template.
//
// Not supported, and left to text/template: variables other than $, and, or, index,
// slice, print, printf, println, html, js, urlquery, call, maps, interface-typed
// values, methods with arguments, variadic functions, range over integers, maps,
// channels and functions.
package tmplexec
