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
// no longer has.
type consistentIndex struct {
	store   kb.SearchIndex
	log     kb.ChangeLog
	graph   *kb.Graph
	version int
}

func (c consistentIndex) SearchText(ctx context.Context, query string, lang kb.Lang, limit int) ([]kb.TextMatch, error) {
	switch {
	case c.store == nil:
		return c.graph.SearchText(ctx, query, lang, limit)
	case c.log == nil: // nothing tells the index's version: trust it
		return c.store.SearchText(ctx, query, lang, limit)
	}
	// Versions only grow: the same version before and after the search
	// means the index held that version's data all along.
	before, err := c.log.SeedVersion(ctx)
	if err != nil {
		return nil, err
	}
	if before != c.version {
		return c.graph.SearchText(ctx, query, lang, limit)
	}
	matches, err := c.store.SearchText(ctx, query, lang, limit)
	if err != nil {
		return nil, err
	}
	if after, err := c.log.SeedVersion(ctx); err != nil || after != c.version {
		return c.graph.SearchText(ctx, query, lang, limit)
	}
	return matches, nil
}
