// Package graph serves the knowledge base over GraphQL with gqlgen: the
// generated executable schema, thin resolvers over package kb, the error
// presenter and the HTTP handler that assembles them.
package graph

//go:generate go tool gqlgen generate

import (
	"context"

	"skillgraph/kb"
)

// Resolver holds the resolvers' dependencies and nothing else.
type Resolver struct {
	Live   *kb.Live       // the graph being served
	Index  kb.SearchIndex // full-text search over the graph's texts
	Editor kb.Editor      // admin edits; nil disables them
	Log    kb.ChangeLog   // the record of change sets
}

type graphKey struct{}

// pinned is the graph one request reads. A mutation moves it to the graph
// its edit produced, so the payload shows the new data.
type pinned struct{ g *kb.Graph }

// withGraph pins the graph a request reads, so all its fields agree even if
// the data changes while it runs.
func withGraph(ctx context.Context, g *kb.Graph) context.Context {
	return context.WithValue(ctx, graphKey{}, &pinned{g: g})
}

// graph returns the graph pinned for this request, or the live one.
func (r *Resolver) graph(ctx context.Context) *kb.Graph {
	if p, ok := ctx.Value(graphKey{}).(*pinned); ok {
		return p.g
	}
	return r.Live.Load()
}

// repin makes the request read g from now on.
func repin(ctx context.Context, g *kb.Graph) {
	if p, ok := ctx.Value(graphKey{}).(*pinned); ok {
		p.g = g
	}
}
