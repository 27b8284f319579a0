package graph

import (
	"context"

	"skillgraph/kb"
)

// consistentIndex searches the store's full-text index when it holds the
// same data as the graph the request reads, and the graph itself otherwise.
// The store commits a change a moment before the new graph is served (and a
// request may be pinned to the old one for its whole run), so without this
// a search could find texts the graph it is read with does not have yet, or
// no longer has. The store's search says which version it read, in the
// same snapshot as the matches: one comparison tells.
type consistentIndex struct {
	store   kb.VersionedIndex // nil: search the graph
	graph   *kb.Graph
	version int // the graph's
}

func (c consistentIndex) SearchText(ctx context.Context, query string, lang kb.Lang, limit int) ([]kb.TextMatch, error) {
	if c.store != nil {
		matches, version, err := c.store.SearchText(ctx, query, lang, limit)
		if err != nil || version == c.version {
			return matches, err
		}
	}
	return c.graph.SearchText(ctx, query, lang, limit)
}
