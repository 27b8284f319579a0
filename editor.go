package main

import (
	"context"
	"fmt"
	"log/slog"
	"sync"

	"skillgraph/db"
	"skillgraph/kb"
	"skillgraph/seed"
)

// editor is the write path of the knowledge base, shared by the admin
// mutations, `seed apply` and the first start's seeding: an edit is checked
// by the same rules as the seed files, stored with its change set in one
// transaction, and the graph built from it is served at once.
type editor struct {
	store  *db.DB
	live   *kb.Live // nil in the seed command, which serves nothing
	logger *slog.Logger
	// served, when set, is told of each graph swapped in, in a goroutine
	// of its own: the server prepares what the first request to the new
	// graph would otherwise wait for.
	onServe func(*kb.Graph)

	mu      sync.Mutex // orders swaps of the served graph
	version int        // the change set the served graph reflects
}

var _ kb.Editor = (*editor)(nil)

// Edit implements kb.Editor.
func (e *editor) Edit(ctx context.Context, meta kb.ChangeMeta, edit func(ds *kb.Dataset) error) (*kb.ChangeSet, *kb.Graph, error) {
	var g *kb.Graph
	base, version := e.current()
	cs, _, err := e.store.EditFrom(ctx, meta, base, version, func(ds *kb.Dataset) error {
		if err := edit(ds); err != nil {
			return err
		}
		checked := ds
		var err error
		if seed.FromDocuments(ds) {
			// The seed's data must stay writable as seed files.
			if checked, err = seed.Check(ds); err != nil {
				return err
			}
		}
		if g, err = kb.NewGraph(checked); err != nil { // which validates it
			return err
		}
		*ds = *checked
		return nil
	})
	switch {
	case err != nil:
		return nil, nil, err
	case cs == nil:
		return nil, e.served(), nil
	}
	e.serve(g, cs.Version)
	e.logger.Info("knowledge base changed", "version", cs.Version, "author", cs.Author, "changes", len(cs.Changes), "message", cs.Message)
	return cs, g, nil
}

// current returns the data of the graph being served and its version, nil
// when none is: what an edit starts from while the store is at that
// version.
func (e *editor) current() (*kb.Dataset, int) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.live == nil {
		return nil, 0
	}
	g, v := e.live.Current()
	if g == nil || v != e.version {
		return nil, 0
	}
	return g.Dataset(), v
}

// served returns the graph being served, if any.
func (e *editor) served() *kb.Graph {
	if e.live == nil {
		return nil
	}
	return e.live.Load()
}

// serve swaps in g, built from the data of change set version, unless a
// newer graph is served already.
func (e *editor) serve(g *kb.Graph, version int) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.live == nil || version < e.version {
		return
	}
	e.live.Store(g, version)
	e.version = version
	if e.onServe != nil {
		go e.onServe(g)
	}
}

// reload serves the stored data when another process (a `seed apply`, say)
// changed it since the graph being served was built.
func (e *editor) reload(ctx context.Context) error {
	v, err := e.store.SeedVersion(ctx)
	if err != nil {
		return err
	}
	e.mu.Lock()
	current := e.version
	e.mu.Unlock()
	if v == current && e.served() != nil {
		return nil
	}
	// The version read with the data, not the one above: another change
	// may have landed in between.
	ds, v, err := e.store.Snapshot(ctx)
	if err != nil {
		return fmt.Errorf("read knowledge base: %w", err)
	}
	g, err := kb.NewGraph(ds)
	if err != nil {
		return fmt.Errorf("knowledge base version %d: %w", v, err)
	}
	e.serve(g, v)
	if current != 0 {
		e.logger.Info("reloaded the knowledge base", "version", v)
	}
	return nil
}
