package seed_test

import (
	"context"
	"log/slog"
	"path/filepath"
	"testing"

	"skillgraph/db"
	"skillgraph/kb"
	"skillgraph/seed"
)

// TestService drives the write path against a real store: the first
// seeding, an edit the seed's rules refuse, an edit they accept, and a
// change another process made, which Reload serves.
func TestService(t *testing.T) {
	ctx := context.Background()
	store, err := db.Open(ctx, filepath.Join(t.TempDir(), "kb.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	live := &kb.Live{}
	svc := seed.NewService(store, live, slog.New(slog.DiscardHandler))
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
	_, _, err = svc.Edit(ctx, meta, func(ds *kb.Dataset) error {
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
