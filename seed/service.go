package seed

import (
	"context"
	"fmt"
	"log/slog"
	"sync"

	"skillgraph/kb"
)

// Store is what the Service needs of the store (db.DB): edits recorded
// with their change set, the version of the stored data, and the data
// with its version read in one snapshot.
type Store interface {
	// EditFrom applies edit to the stored data in one transaction and
	// records the change set; base, the data of version, saves reading
	// it when the store is still at that version.
	EditFrom(ctx context.Context, meta kb.ChangeMeta, base *kb.Dataset, version int, edit func(ds *kb.Dataset) error) (*kb.ChangeSet, *kb.Dataset, error)
	// SeedVersion is the newest change set's version, 0 before the first.
	SeedVersion(ctx context.Context) (int, error)
	// Snapshot reads the whole data and the version it is at.
	Snapshot(ctx context.Context) (*kb.Dataset, int, error)
	// IsEmpty reports whether the store holds no data yet.
	IsEmpty(ctx context.Context) (bool, error)
}

// Service is the write path of the knowledge base, shared by the admin
// mutations, `seed apply` and the first start's seeding: an edit is checked
// by the same rules as the seed files, stored with its change set in one
// transaction, and the graph built from it is served at once.
type Service struct {
	store  Store
	live   *kb.Live // nil in the seed command, which serves nothing
	logger *slog.Logger

	// OnServe, when set, is told of each graph swapped in, in a goroutine
	// of its own: the server prepares what the first request to the new
	// graph would otherwise wait for. Set it before the first Edit or
	// Reload.
	OnServe func(*kb.Graph)
	// Durable, when set, is called after each change is committed and
	// served, and the change is acknowledged only once it returns nil: a
	// writer's replication to storage (replicate.Primary.Sync). Its error
	// comes back with the change set, as a kb.ENOTREPLICATED error.
	Durable func(context.Context) error

	mu      sync.Mutex // orders swaps of the served graph
	version int        // the change set the served graph reflects
}

var _ kb.Editor = (*Service)(nil)

// NewService returns the write path of store, which serves each new graph
// in live (nil when nothing is served, as in the seed command) and logs
// each change to logger.
func NewService(store Store, live *kb.Live, logger *slog.Logger) *Service {
	return &Service{store: store, live: live, logger: logger}
}

// Edit implements kb.Editor.
func (s *Service) Edit(ctx context.Context, meta kb.ChangeMeta, edit func(ds *kb.Dataset) error) (*kb.ChangeSet, *kb.Graph, error) {
	var g *kb.Graph
	base, version := s.current()
	cs, _, err := s.store.EditFrom(ctx, meta, base, version, func(ds *kb.Dataset) error {
		if err := edit(ds); err != nil {
			return err
		}
		checked := ds
		var err error
		if FromDocuments(ds) {
			// The seed's data must stay writable as seed files.
			if checked, err = Check(ds); err != nil {
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
		return nil, s.served(), nil
	}
	s.serve(g, cs.Version)
	s.logger.Info("knowledge base changed", "version", cs.Version, "author", cs.Author, "changes", len(cs.Changes), "message", cs.Message)
	if s.Durable != nil {
		if err := s.Durable(ctx); err != nil {
			s.logger.Warn("change not replicated yet", "version", cs.Version, "err", err)
			return cs, g, kb.Errorf(kb.ENOTREPLICATED,
				"version %d is committed and served on the writer, but storage has not acknowledged it yet: it replicates when storage answers (%v)", cs.Version, err)
		}
	}
	return cs, g, nil
}

// SeedIfEmpty loads the embedded seed files (Files) into a store that has
// no data yet, as a change set of its own; a store with data is left as
// it is.
func (s *Service) SeedIfEmpty(ctx context.Context) error {
	empty, err := s.store.IsEmpty(ctx)
	if err != nil {
		return fmt.Errorf("check database: %w", err)
	}
	if !empty {
		return nil
	}
	ds, err := Load(Files())
	if err != nil {
		return fmt.Errorf("load embedded seed: %w", err)
	}
	meta := kb.ChangeMeta{Author: "skillgraph", Message: "initial seed from the embedded seed files"}
	if _, _, err := s.Edit(ctx, meta, func(d *kb.Dataset) error { *d = *ds; return nil }); err != nil {
		return fmt.Errorf("seed database: %w", err)
	}
	s.logger.Info("seeded empty database", "skills", len(ds.Skills), "requirements", len(ds.Requirements), "traits", len(ds.Traits))
	return nil
}

// Reload serves the stored data when another process (a `seed apply`, say)
// changed it since the graph being served was built, or when no graph is
// served yet.
func (s *Service) Reload(ctx context.Context) error {
	v, err := s.store.SeedVersion(ctx)
	if err != nil {
		return err
	}
	s.mu.Lock()
	current := s.version
	s.mu.Unlock()
	if v == current && s.served() != nil {
		return nil
	}
	// The version read with the data, not the one above: another change
	// may have landed in between.
	ds, v, err := s.store.Snapshot(ctx)
	if err != nil {
		return fmt.Errorf("read knowledge base: %w", err)
	}
	g, err := kb.NewGraph(ds)
	if err != nil {
		return fmt.Errorf("knowledge base version %d: %w", v, err)
	}
	s.serve(g, v)
	if current != 0 {
		s.logger.Info("reloaded the knowledge base", "version", v)
	}
	return nil
}

// current returns the data of the graph being served and its version, nil
// when none is: what an edit starts from while the store is at that
// version.
func (s *Service) current() (*kb.Dataset, int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.live == nil {
		return nil, 0
	}
	g, v := s.live.Current()
	if g == nil || v != s.version {
		return nil, 0
	}
	return g.Dataset(), v
}

// served returns the graph being served, if any.
func (s *Service) served() *kb.Graph {
	if s.live == nil {
		return nil
	}
	return s.live.Load()
}

// serve swaps in g, built from the data of change set version, unless a
// newer graph is served already.
func (s *Service) serve(g *kb.Graph, version int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.live == nil || version < s.version {
		return
	}
	s.live.Store(g, version)
	s.version = version
	if s.OnServe != nil {
		go s.OnServe(g)
	}
}
