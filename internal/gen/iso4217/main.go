// Command iso4217 generates money/currency_table.go from list_one.tsv, our pinned
// transcription of ISO 4217 List One (current currency & funds codes) kept in this
// directory. It needs no network: updating the table means editing list_one.tsv (its
// header says where the data came from and which publication it is) and running
//
//	go generate ./money
//
// which runs this program from the money directory. Flags -in and -out override the
// paths; by default they are relative to the money directory.
//
// The generated file holds:
//   - ISO4217Published, the list's publication date;
//   - lookupCurrency, a switch from alphabetic code to numeric code, minor units and
//     name, for every code with numeric minor units;
//   - noMinorUnits, a switch over the codes ISO lists with minor units "N.A." (gold,
//     SDR, bond-market units, XTS, XXX ...), which money refuses to hold amounts in;
//   - currencyCodes, all codes with minor units, sorted.
//
// Switches rather than package-level maps keep the table free of mutable state.
//
// A test in this directory fails when money/currency_table.go differs from what this
// program would write, so a hand edit of either side cannot go unnoticed.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
)

func main() {
	in := flag.String("in", "../internal/gen/iso4217/list_one.tsv", "ISO 4217 List One transcription (TSV)")
	out := flag.String("out", "currency_table.go", "Go file to write")
	flag.Parse()

	if err := run(*in, *out); err != nil {
		fmt.Fprintln(os.Stderr, "iso4217:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	data, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	list, err := parseList(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	src, err := render(list)
	if err != nil {
		return err
	}
	return os.WriteFile(out, src, 0o644)
}
