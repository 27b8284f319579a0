package graph

import (
	"context"
	"errors"
	"slices"
	"testing"

	"skillgraph/internal/kbtest"
	"skillgraph/kb"
)

// fixedIndex answers every search with its matches, found in data of its
// version.
type fixedIndex struct {
	matches []kb.TextMatch
	version int
	err     error
}

func (f fixedIndex) SearchText(context.Context, string, kb.Lang, int) ([]kb.TextMatch, int, error) {
	return f.matches, f.version, f.err
}

// TestConsistentIndex checks that a search answers from the store's index
// only when the index searched the version of the graph the request reads.
func TestConsistentIndex(t *testing.T) {
	ctx := context.Background()
	_, g := kbtest.Seed(t)
	fromGraph, err := g.SearchText(ctx, "kafka", "", 10)
	if err != nil || len(fromGraph) == 0 {
		t.Fatalf("the graph finds %v, %v", fromGraph, err)
	}
	fromIndex := []kb.TextMatch{{Node: "skill:spark", Field: kb.FieldName, Lang: kb.English, Text: "Spark"}}
	broken := errors.New("the index broke")
	for _, tt := range []struct {
		name    string
		store   kb.VersionedIndex
		want    []kb.TextMatch
		wantErr error
	}{
		{"the graph's version", fixedIndex{matches: fromIndex, version: 3}, fromIndex, nil},
		{"a newer version", fixedIndex{matches: fromIndex, version: 4}, fromGraph, nil},
		{"an older version", fixedIndex{matches: fromIndex, version: 2}, fromGraph, nil},
		{"no index", nil, fromGraph, nil},
		{"a failing index", fixedIndex{version: 3, err: broken}, nil, broken},
	} {
		got, err := consistentIndex{store: tt.store, graph: g, version: 3}.SearchText(ctx, "kafka", "", 10)
		if !errors.Is(err, tt.wantErr) || !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v, %v; want %v, %v", tt.name, got, err, tt.want, tt.wantErr)
		}
	}
}
