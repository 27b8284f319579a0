package seed_test

import (
	"context"
	"errors"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	"skillgraph/db"
	"skillgraph/kb"
	"skillgraph/seed"
)

// newService is the write path over a fresh store in a temp dir.
func newService(t *testing.T) (*db.DB, *kb.Live, *seed.Service) {
	t.Helper()
	store, err := db.Open(context.Background(), filepath.Join(t.TempDir(), "kb.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	live := &kb.Live{}
	return store, live, seed.NewService(store, live, slog.New(slog.DiscardHandler))
}

// TestService drives the write path against a real store: the first
// seeding, an edit the seed's rules refuse, an edit they accept, and a
// change another process made, which Reload serves.
func TestService(t *testing.T) {
	ctx := context.Background()
	store, live, svc := newService(t)
	served := make(chan *kb.Graph, 10)
	svc.OnServe = func(g *kb.Graph) { served <- g }

	if err := svc.SeedIfEmpty(ctx); err != nil {
		t.Fatal(err)
	}
	g, version := live.Current()
	if g == nil || version != 1 || len(g.Stages()) == 0 {
		t.Fatalf("after seeding, version %d is served (graph %v)", version, g)
	}
	if got := <-served; got != g {
		t.Error("OnServe was not told of the seeded graph")
	}
	if err := svc.SeedIfEmpty(ctx); err != nil {
		t.Fatal(err)
	}
	if v, _ := store.SeedVersion(ctx); v != 1 {
		t.Errorf("seeding a store with data wrote version %d", v)
	}

	meta := kb.ChangeMeta{Author: "test", Message: "rename"}
	_, _, err := svc.Edit(ctx, meta, func(ds *kb.Dataset) error {
		ds.Requirements[0].Source.Quote = "not what the article says"
		return nil
	})
	if kb.ErrorCode(err) != kb.EINVALID {
		t.Errorf("a quote the article does not have: %v, want EINVALID", err)
	}
	if now, v := live.Current(); now != g || v != 1 {
		t.Errorf("a refused edit served version %d", v)
	}

	cs, edited, err := svc.Edit(ctx, meta, func(ds *kb.Dataset) error {
		ds.Stages[0].Name.EN = "Renamed"
		return nil
	})
	if err != nil || cs == nil || cs.Version != 2 {
		t.Fatalf("Edit = %+v, %v", cs, err)
	}
	if now, v := live.Current(); now != edited || v != 2 || now.Stages()[0].Name.EN != "Renamed" {
		t.Errorf("after the edit version %d is served", v)
	}
	cs, same, err := svc.Edit(ctx, meta, func(ds *kb.Dataset) error { return nil })
	if err != nil || cs != nil || same != edited {
		t.Errorf("an edit that changes nothing = %+v, %v (same graph: %t)", cs, err, same == edited)
	}

	// Another process (a `seed apply`) writes: Reload serves its data.
	other := seed.NewService(store, nil, slog.New(slog.DiscardHandler))
	if _, _, err := other.Edit(ctx, meta, func(ds *kb.Dataset) error {
		ds.Stages[0].Name.EN = "Renamed again"
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if now, v := live.Current(); now != edited || v != 2 {
		t.Errorf("before Reload version %d is served", v)
	}
	if err := svc.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	if now, v := live.Current(); v != 3 || now.Stages()[0].Name.EN != "Renamed again" {
		t.Errorf("after Reload version %d is served", v)
	}
}

// TestServiceDurable: an edit is acknowledged only once Durable returns;
// when it fails, the edit is committed and served all the same, and its
// error (NOT_REPLICATED) comes back with the change set.
func TestServiceDurable(t *testing.T) {
	ctx := context.Background()
	store, live, svc := newService(t)
	if err := svc.SeedIfEmpty(ctx); err != nil {
		t.Fatal(err)
	}
	var calls int
	var storageErr error
	svc.Durable = func(context.Context) error { calls++; return storageErr }
	rename := func(name string) (*kb.ChangeSet, error) {
		cs, _, err := svc.Edit(ctx, kb.ChangeMeta{Author: "test"}, func(ds *kb.Dataset) error {
			ds.Stages[0].Name.EN = name
			return nil
		})
		return cs, err
	}

	if cs, err := rename("Durable"); err != nil || cs == nil || calls != 1 {
		t.Fatalf("with storage answering: %+v, %v, %d calls of Durable", cs, err, calls)
	}
	storageErr = errors.New("storage did not answer")
	cs, err := rename("Committed")
	if kb.ErrorCode(err) != kb.ENOTREPLICATED || cs == nil || cs.Version != 3 {
		t.Fatalf("with storage down: %+v, %v; want version 3 and NOT_REPLICATED", cs, err)
	}
	if !strings.Contains(err.Error(), "committed") {
		t.Errorf("the error does not say the change is committed: %v", err)
	}
	if g, v := live.Current(); v != 3 || g.Stages()[0].Name.EN != "Committed" {
		t.Errorf("the committed change is not served: version %d", v)
	}
	if v, _ := store.SeedVersion(ctx); v != 3 {
		t.Errorf("the store holds version %d, want 3", v)
	}
	calls = 0
	if cs, _, err := svc.Edit(ctx, kb.ChangeMeta{}, func(*kb.Dataset) error { return nil }); cs != nil || err != nil || calls != 0 {
		t.Errorf("an edit that changes nothing waited for storage: %+v, %v, %d calls", cs, err, calls)
	}
}
