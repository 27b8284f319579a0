// Package graph is the GraphQL schema of the knowledge base, served with
// gqlgen: the generated executable schema (see internal/gqlgen), thin
// resolvers over packages kb and posting, the error presenter (the one
// place a domain error's code becomes extensions.code) and the extension
// that reports language fallbacks. Package httpapi serves it over HTTP.
package graph

//go:generate go run skillgraph/internal/gqlgen

import (
	"context"
	"sync"

	"skillgraph/kb"
	"skillgraph/posting"
)

// Resolver holds the resolvers' dependencies and nothing else.
type Resolver struct {
	Live   *kb.Live          // the graph being served
	Index  kb.VersionedIndex // the store's full-text search; nil searches the graph itself
	Editor kb.Editor         // admin edits; nil disables them
	Log    kb.ChangeLog      // the record of change sets
	// Postings reads job postings against the graph being served, with
	// one analyzer per graph, made on first use.
	Postings posting.Cache
}

type graphKey struct{}

// pinned is the graph one request reads and its data's version. A mutation
// moves it to the graph its edit produced, so the payload shows the new data.
type pinned struct {
	mu      sync.Mutex
	g       *kb.Graph
	version int
}

// WithGraph pins the graph a request reads, of the given version, so all
// its fields agree even if the data changes while it runs.
func WithGraph(ctx context.Context, g *kb.Graph, version int) context.Context {
	return context.WithValue(ctx, graphKey{}, &pinned{g: g, version: version})
}

// pinnedGraph returns the graph pinned for this request and its version, or
// the live ones.
func (r *Resolver) pinnedGraph(ctx context.Context) (*kb.Graph, int) {
	if p, ok := ctx.Value(graphKey{}).(*pinned); ok {
		p.mu.Lock()
		defer p.mu.Unlock()
		return p.g, p.version
	}
	return r.Live.Current()
}

// graph returns the graph pinned for this request, or the live one.
func (r *Resolver) graph(ctx context.Context) *kb.Graph {
	g, _ := r.pinnedGraph(ctx)
	return g
}

// repin makes the request read g, of the given version, from now on.
func repin(ctx context.Context, g *kb.Graph, version int) {
	if p, ok := ctx.Value(graphKey{}).(*pinned); ok {
		p.mu.Lock()
		defer p.mu.Unlock()
		p.g, p.version = g, version
	}
}
