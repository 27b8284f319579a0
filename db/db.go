package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// readers is the size of the read-only pool. Reads are short and the
// machine is small; a few connections let requests overlap.
const readers = 4

// DB is the store. It is safe for concurrent use.
type DB struct {
	// One connection: SQLite has one writer at a time. Nil for the copy a
	// Litestream follower keeps (OpenFollower): read-only, nothing pooled.
	write *sql.DB
	read  *sql.DB // read-only connections, which WAL lets run beside the writer

	// The statements each pool has run (Statements).
	readStatements, writeStatements atomic.Int64

	// Read statements kept prepared, by query (prepare).
	prepared  sync.Map
	preparing sync.Mutex // held to add to prepared, which it bounds
	nPrepared int
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
	d := &DB{}
	write := openPool(writerDSN(path), 1, &d.writeStatements)
	// The writer migrates first: it creates the file and turns on WAL mode,
	// which read-only connections cannot do.
	if err := migrate(ctx, write); err != nil {
		write.Close()
		return nil, err
	}
	d.write, d.read = write, openPool(readerDSN(path), readers, &d.readStatements)
	if err := d.Ping(ctx); err != nil {
		d.Close()
		return nil, fmt.Errorf("open database: %w", err)
	}
	return d, nil
}

// openPool opens a pool of at most conns connections to dsn, counting the
// statements they run in n.
func openPool(dsn string, conns int, n *atomic.Int64) *sql.DB {
	pool := sql.OpenDB(countingConnector{dsn: dsn, n: n})
	pool.SetMaxOpenConns(conns)
	pool.SetMaxIdleConns(conns)
	return pool
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

// Close closes the prepared statements and both pools.
func (d *DB) Close() error {
	var errs []error
	d.prepared.Range(func(_, stmt any) bool {
		errs = append(errs, stmt.(*sql.Stmt).Close())
		return true
	})
	errs = append(errs, d.read.Close())
	if d.write != nil {
		errs = append(errs, d.write.Close())
	}
	return errors.Join(errs...)
}

// maxPrepared bounds the read statements kept prepared. The queries that
// run per request (search) differ only by their number of words, so a few
// dozen cover every common one; a rarer one is prepared each time.
const maxPrepared = 64

// prepare keeps each read query of queries prepared, once per connection
// instead of at every run (parsing and planning an FTS query costs about
// as much as running it on a small knowledge base), up to maxPrepared
// queries. Preparing a query takes a connection of the read pool: call it
// before a read transaction, which holds one, not inside it.
func (d *DB) prepare(ctx context.Context, queries ...string) error {
	if d.write == nil {
		return nil // a follower's copy: a prepared statement would keep a connection to it
	}
	for _, query := range queries {
		if _, ok := d.prepared.Load(query); ok {
			continue
		}
		d.preparing.Lock()
		if _, ok := d.prepared.Load(query); !ok && d.nPrepared < maxPrepared {
			stmt, err := d.read.PrepareContext(ctx, query)
			if err != nil {
				d.preparing.Unlock()
				return err
			}
			d.prepared.Store(query, stmt)
			d.nPrepared++
		}
		d.preparing.Unlock()
	}
	return nil
}

// queryRead runs a read query as a prepared statement (prepare).
func (d *DB) queryRead(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if err := d.prepare(ctx, query); err != nil {
		return nil, err
	}
	if stmt, ok := d.prepared.Load(query); ok {
		return stmt.(*sql.Stmt).QueryContext(ctx, args...)
	}
	return d.read.QueryContext(ctx, query, args...)
}

// queryIn runs a read query inside tx, a transaction of the read pool, as
// the statement prepare keeps for it, or unprepared when it keeps none.
func (d *DB) queryIn(ctx context.Context, tx *sql.Tx, query string, args ...any) (*sql.Rows, error) {
	if stmt, ok := d.prepared.Load(query); ok {
		return tx.StmtContext(ctx, stmt.(*sql.Stmt)).QueryContext(ctx, args...)
	}
	return tx.QueryContext(ctx, query, args...)
}

// Ping checks that both pools can reach the database.
func (d *DB) Ping(ctx context.Context) error {
	if d.write != nil {
		if err := d.write.PingContext(ctx); err != nil {
			return fmt.Errorf("ping writer: %w", err)
		}
	}
	if err := d.read.PingContext(ctx); err != nil {
		return fmt.Errorf("ping reader: %w", err)
	}
	return nil
}

// IsEmpty reports whether the store holds no nodes yet, as before the first
// edit.
func (d *DB) IsEmpty(ctx context.Context) (bool, error) {
	var empty bool
	err := d.read.QueryRowContext(ctx, `SELECT NOT EXISTS (SELECT 1 FROM node)`).Scan(&empty)
	if err != nil {
		return false, fmt.Errorf("check for nodes: %w", err)
	}
	return empty, nil
}
