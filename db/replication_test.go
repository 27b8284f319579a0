package db_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"skillgraph/db"
	"skillgraph/kb"
)

// TestOpenFollower: a follower's copy opens only once it exists, reads
// what the writer wrote (its heartbeat included), refuses every write, and
// keeps no connection open between reads.
func TestOpenFollower(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kb.db")
	if _, err := db.OpenFollower(ctx, path); !errors.Is(err, db.ErrNoCopy) {
		t.Fatalf("OpenFollower before the copy exists: %v, want ErrNoCopy", err)
	}

	writer := mustOpenAt(t, path)
	mustReplace(t, writer, fixture())
	beat := time.Date(2026, 12, 1, 9, 30, 0, 125e6, time.UTC)
	if err := writer.WriteHeartbeat(ctx, beat); err != nil {
		t.Fatal(err)
	}
	want, err := writer.SeedVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := writer.Close(); err != nil {
		t.Fatal(err)
	}

	follower, err := db.OpenFollower(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer follower.Close()
	if got, err := follower.LastHeartbeat(ctx); err != nil || !got.Equal(beat) {
		t.Errorf("LastHeartbeat = %v, %v; want %v", got, err, beat)
	}
	if v, err := follower.SeedVersion(ctx); err != nil || v != want {
		t.Errorf("SeedVersion = %d, %v; want the writer's %d", v, err, want)
	}
	if _, _, err := follower.SearchText(ctx, "kafka", "", 5); err != nil {
		t.Errorf("search the copy: %v", err)
	}
	if err := follower.WriteHeartbeat(ctx, time.Now()); !errors.Is(err, db.ErrReadOnly) {
		t.Errorf("WriteHeartbeat on the copy: %v, want ErrReadOnly", err)
	}
	if _, _, err := follower.Edit(ctx, kb.ChangeMeta{}, func(*kb.Dataset) error { return nil }); !errors.Is(err, db.ErrReadOnly) {
		t.Errorf("Edit on the copy: %v, want ErrReadOnly", err)
	}
	if open := follower.PoolStats()[db.PoolRead].OpenConnections; open != 0 {
		t.Errorf("%d connections to the copy stay open between reads, want 0", open)
	}
}
