package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// OpenFollower opens, read-only, the copy of a database that a Litestream
// follower (`litestream restore -f`) keeps at path. Every read opens its
// own connection and closes it when done: the follower rewrites the file's
// pages in place, and a pooled connection would both stall it (holding a
// lock it waits on) and keep serving pages it has replaced. No migration
// runs (the copy is the writer's, schema included), nothing is written,
// and no statement is kept prepared, as that would keep its connection.
//
// It fails with ErrNoCopy while the follower has written nothing yet, and
// with ErrSchemaTooNew for a copy of a newer schema than this binary's.
func OpenFollower(ctx context.Context, path string) (*DB, error) {
	path, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open follower copy: %w", err)
	}
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%w at %s", ErrNoCopy, path)
	}
	d := &DB{} // no writer: a copy is only read
	d.read = openPool(readerDSN(path), readers, &d.readStatements)
	d.read.SetMaxIdleConns(0) // each read's connection closes after it
	if err := d.read.PingContext(ctx); err != nil {
		d.Close()
		return nil, fmt.Errorf("open follower copy: %w", err)
	}
	got, err := d.SchemaVersion(ctx)
	if err != nil {
		d.Close()
		return nil, fmt.Errorf("open follower copy: %w", err)
	}
	want, err := LatestSchemaVersion()
	if err != nil {
		d.Close()
		return nil, fmt.Errorf("open follower copy: %w", err)
	}
	if got > want {
		d.Close()
		return nil, fmt.Errorf("%w: the copy is at version %d, this binary knows %d", ErrSchemaTooNew, got, want)
	}
	return d, nil
}

// ErrNoCopy is OpenFollower's error while there is no copy to read yet.
var ErrNoCopy = errors.New("no copy of the database yet")

// ErrReadOnly is what a write to a follower's copy fails with.
var ErrReadOnly = errors.New("this is a read-only copy of the database: writes go to the writer")

// WriteHeartbeat records that the writer is up at t: a replica that reads
// it in its copy knows how far behind it is.
func (d *DB) WriteHeartbeat(ctx context.Context, t time.Time) error {
	if d.write == nil {
		return ErrReadOnly
	}
	_, err := d.write.ExecContext(ctx, `INSERT INTO replication_heartbeat (id, at) VALUES (1, ?)
		ON CONFLICT (id) DO UPDATE SET at = excluded.at`, t.UTC().Format(heartbeatLayout))
	if err != nil {
		return fmt.Errorf("write heartbeat: %w", err)
	}
	return nil
}

// LastHeartbeat is the latest heartbeat the data holds; zero when the
// writer never wrote one.
func (d *DB) LastHeartbeat(ctx context.Context) (time.Time, error) {
	var at sql.NullString
	err := d.read.QueryRowContext(ctx, `SELECT at FROM replication_heartbeat WHERE id = 1`).Scan(&at)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && !at.Valid) {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("read heartbeat: %w", err)
	}
	t, err := time.Parse(heartbeatLayout, at.String)
	if err != nil {
		return time.Time{}, fmt.Errorf("read heartbeat %q: %w", at.String, err)
	}
	return t, nil
}

const heartbeatLayout = "2006-01-02T15:04:05.000Z07:00"
