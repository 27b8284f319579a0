package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// readers is the size of the read-only pool. Reads are short and the
// machine is small; a few connections let requests overlap.
const readers = 4

// DB is the store. It is safe for concurrent use.
type DB struct {
	write *sql.DB // one connection: SQLite has one writer at a time
	read  *sql.DB // read-only connections, which WAL lets run beside the writer
}

// Open opens the database file at path, creating it and its directory when
// missing, and migrates its schema to the version this binary knows. It
// refuses a file whose schema is newer (ErrSchemaTooNew).
func Open(ctx context.Context, path string) (*DB, error) {
	// An absolute path keeps a name like "//x" from being read as a URI
	// authority.
	path, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("open database: create directory: %w", err)
	}
	write, err := openPool(writerDSN(path), 1)
	if err != nil {
		return nil, err
	}
	// The writer migrates first: it creates the file and turns on WAL mode,
	// which read-only connections cannot do.
	if err := migrate(ctx, write); err != nil {
		write.Close()
		return nil, err
	}
	read, err := openPool(readerDSN(path), readers)
	if err != nil {
		write.Close()
		return nil, err
	}
	d := &DB{write: write, read: read}
	if err := d.Ping(ctx); err != nil {
		d.Close()
		return nil, fmt.Errorf("open database: %w", err)
	}
	return d, nil
}

func openPool(dsn string, conns int) (*sql.DB, error) {
	pool, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	pool.SetMaxOpenConns(conns)
	pool.SetMaxIdleConns(conns)
	return pool, nil
}

// Pragmas every connection gets. They are DSN parameters, not statements
// run after Open, so that each connection the pool opens later has them too.
const pragmas = "_pragma=foreign_keys(1)&_pragma=busy_timeout(5000)&_pragma=synchronous(NORMAL)"

// writerDSN takes the write lock at BEGIN (_txlock=immediate), so a write
// transaction waits for the lock up front instead of failing at its first
// write.
func writerDSN(path string) string {
	return "file:" + escapePath(path) + "?" + pragmas + "&_pragma=journal_mode(WAL)&_txlock=immediate"
}

// readerDSN opens the file read-only; journal_mode is left out because a
// read-only connection cannot change it, and the file is in WAL mode already.
func readerDSN(path string) string {
	return "file:" + escapePath(path) + "?mode=ro&" + pragmas
}

// escapePath percent-encodes path for a file: URI, so that '?', '#' or '%'
// in it are not read as the start of the query or as an escape.
func escapePath(path string) string {
	return (&url.URL{Path: filepath.ToSlash(path)}).EscapedPath()
}

// Close closes both pools.
func (d *DB) Close() error {
	return errors.Join(d.read.Close(), d.write.Close())
}

// Ping checks that both pools can reach the database.
func (d *DB) Ping(ctx context.Context) error {
	if err := d.write.PingContext(ctx); err != nil {
		return fmt.Errorf("ping writer: %w", err)
	}
	if err := d.read.PingContext(ctx); err != nil {
		return fmt.Errorf("ping reader: %w", err)
	}
	return nil
}

// IsEmpty reports whether the store holds no nodes yet, as before the first
// Replace.
func (d *DB) IsEmpty(ctx context.Context) (bool, error) {
	var empty bool
	err := d.read.QueryRowContext(ctx, `SELECT NOT EXISTS (SELECT 1 FROM node)`).Scan(&empty)
	if err != nil {
		return false, fmt.Errorf("check for nodes: %w", err)
	}
	return empty, nil
}
