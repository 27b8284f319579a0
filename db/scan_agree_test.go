package db_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"skillgraph/internal/kbtest"
	"skillgraph/kb"
)

// TestGraphScanAgreesWithTheIndex checks that the graph's own search, which
// stands in while the index holds other data, finds exactly what the index
// finds.
func TestGraphScanAgreesWithTheIndex(t *testing.T) {
	ds, g := kbtest.Seed(t)
	d := MustOpen(t)
	mustReplace(t, d, ds)
	ctx := context.Background()
	key := func(m kb.TextMatch) string {
		return strings.Join([]string{m.Node, m.Field, string(m.Lang), m.Text}, "|")
	}
	for _, q := range []string{"kafka", "데이터", "분산", "BI", "data pipe", "k8s", "strongly preferred", "스티리밍", "ml", "zzz"} {
		for _, lang := range []kb.Lang{"", kb.Korean, kb.English} {
			fromIndex, _, err := d.SearchText(ctx, q, lang, 0)
			if err != nil {
				t.Fatal(err)
			}
			fromGraph, _ := g.SearchText(ctx, q, lang, 0)
			a, b := make([]string, 0), make([]string, 0)
			for _, m := range fromIndex {
				a = append(a, key(m))
			}
			for _, m := range fromGraph {
				b = append(b, key(m))
			}
			slices.Sort(a)
			slices.Sort(b)
			if !slices.Equal(a, b) {
				t.Errorf("search %q (lang %q): the index found %d texts, the graph %d\nindex: %v\ngraph: %v", q, lang, len(a), len(b), a, b)
			}
		}
	}
}
