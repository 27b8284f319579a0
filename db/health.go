package db

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"

	"github.com/pressly/goose/v3"
)

// Pool names, as PoolStats reports them.
const (
	PoolRead  = "read"
	PoolWrite = "write"
)

// PoolStats returns the statistics of the two connection pools, by name
// (PoolRead, PoolWrite), for metrics.
func (d *DB) PoolStats() map[string]sql.DBStats {
	stats := map[string]sql.DBStats{PoolRead: d.read.Stats()}
	if d.write != nil {
		stats[PoolWrite] = d.write.Stats()
	}
	return stats
}

// LatestSchemaVersion returns the newest migration embedded in this binary:
// the schema version Open migrates every database to.
func LatestSchemaVersion() (int64, error) {
	entries, err := fs.ReadDir(embedded, "migrations")
	if err != nil {
		return 0, fmt.Errorf("list migrations: %w", err)
	}
	var latest int64
	for _, e := range entries {
		v, err := goose.NumericComponent(e.Name())
		if err != nil {
			return 0, fmt.Errorf("migration %s: %w", e.Name(), err)
		}
		latest = max(latest, v)
	}
	return latest, nil
}

// SchemaCurrent returns the database's schema version, with an error unless
// it is the one this binary migrates to: a file changed behind the server's
// back (or rolled back) must not be served as if it were current.
func (d *DB) SchemaCurrent(ctx context.Context) (int64, error) {
	want, err := LatestSchemaVersion()
	if err != nil {
		return 0, err
	}
	got, err := d.SchemaVersion(ctx)
	if err != nil {
		return 0, err
	}
	if got != want {
		return got, fmt.Errorf("database schema is at version %d, this program needs %d", got, want)
	}
	return got, nil
}
