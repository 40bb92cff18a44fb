package proccpu_test

import (
	"fmt"

	"github.com/dunning-go/dunning/internal/proccpu"
)

// A benchmark reads the CPU before and after the work it measures.
func Example() {
	before := proccpu.CPU()
	n := 0
	for i := range 1_000_000 {
		n += i % 7
	}
	used := proccpu.CPU() - before
	fmt.Println(n > 0, used >= 0)
	// Output: true true
}
