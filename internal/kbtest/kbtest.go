// Package kbtest gives tests of every package the embedded seed, as data and
// as the graph the server would serve.
package kbtest

import (
	"testing"

	"skillgraph/kb"
	"skillgraph/seed"
)

// Seed loads the embedded seed files and builds their graph, failing tb if
// either breaks.
func Seed(tb testing.TB) (*kb.Dataset, *kb.Graph) {
	tb.Helper()
	ds, err := seed.Load(seed.Files())
	if err != nil {
		tb.Fatalf("load the embedded seed: %v", err)
	}
	g, err := kb.NewGraph(ds)
	if err != nil {
		tb.Fatalf("build the seed's graph: %v", err)
	}
	return ds, g
}
