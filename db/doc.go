// Package db is the SQLite store of skillgraph: it keeps a kb.Dataset in a
// single database file and finds texts for search.
//
// The store is an adapter around package kb. It records each edit of the
// dataset with its change set, writing only what changed (Edit, EditFrom),
// reads it back whole (Dataset, Snapshot) for kb.NewGraph to index, and
// implements kb.VersionedIndex with FTS5 trigram indexes. It does not
// validate: callers run kb.Validate first, and the schema's constraints only
// guard the file against what slips through.
//
// A DB holds two connection pools on one file in WAL mode: a single writer,
// because SQLite allows one writer at a time, and a few read-only readers
// that never wait for it. The schema is versioned with goose migrations
// embedded in the binary and applied by Open.
package db
