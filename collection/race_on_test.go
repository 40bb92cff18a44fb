//go:build race

package collection_test

// raceEnabled scales the large simulations down under the race detector, which makes
// them about ten times slower; the plain `go test ./...` run in CI runs them in full.
const raceEnabled = true
