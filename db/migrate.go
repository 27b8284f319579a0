package db

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"

	"github.com/pressly/goose/v3"
)

//go:embed migrations/*.sql
var embedded embed.FS

// ErrSchemaTooNew is returned by Open for a database migrated by a newer
// binary: this one does not know its tables and must not write to them.
var ErrSchemaTooNew = errors.New("database schema is newer than this program supports")

// versionTable is goose's default table of applied migrations.
const versionTable = "goose_db_version"

// migrate brings the schema to the newest embedded version, each migration
// in its own transaction.
func migrate(ctx context.Context, pool *sql.DB) error {
	provider, err := newProvider(pool)
	if err != nil {
		return err
	}
	current, known, err := provider.GetVersions(ctx)
	if err != nil {
		return fmt.Errorf("migrate: read schema version: %w", err)
	}
	if current > known {
		return fmt.Errorf("%w: the file has version %d, this program knows up to %d; upgrade the program",
			ErrSchemaTooNew, current, known)
	}
	if _, err := provider.Up(ctx); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return nil
}

func newProvider(pool *sql.DB) (*goose.Provider, error) {
	migrations, err := fs.Sub(embedded, "migrations")
	if err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	// Go migrations registered globally by other packages are not ours.
	provider, err := goose.NewProvider(goose.DialectSQLite3, pool, migrations,
		goose.WithDisableGlobalRegistry(true))
	if err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	return provider, nil
}

// SchemaVersion returns the newest migration applied to the database.
func (d *DB) SchemaVersion(ctx context.Context) (int64, error) {
	var version sql.NullInt64
	err := d.read.QueryRowContext(ctx, `SELECT MAX(version_id) FROM `+versionTable).Scan(&version)
	if err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	return version.Int64, nil
}
