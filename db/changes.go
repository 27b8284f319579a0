package db

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"time"

	"skillgraph/kb"
)

// Edit changes the knowledge base in one write transaction: it reads the
// current data, lets edit change a copy of it, and when that differs from
// what is stored, writes what differs and records a change set. edit runs
// while the write lock is held, on data no other writer can change
// meanwhile, so concurrent edits (a seed apply in another process, two
// mutations) apply one after the other and none is lost. edit must
// validate what it builds: its error rolls everything back.
//
// Edit returns the recorded change set and the new data, or a nil change
// set when nothing differed (nothing is written then).
func (d *DB) Edit(ctx context.Context, meta kb.ChangeMeta, edit func(ds *kb.Dataset) error) (*kb.ChangeSet, *kb.Dataset, error) {
	return d.EditFrom(ctx, meta, nil, 0, edit)
}

// EditFrom is Edit starting from base, the data of change set version as
// the caller holds it (the graph it serves was built from it), rather than
// from the data read back from the store: reading a large knowledge base
// takes seconds. When the store has moved on (another process changed it),
// or base is nil, the current data is read as Edit does. base is not
// changed.
func (d *DB) EditFrom(ctx context.Context, meta kb.ChangeMeta, base *kb.Dataset, version int, edit func(ds *kb.Dataset) error) (*kb.ChangeSet, *kb.Dataset, error) {
	if d.write == nil {
		return nil, nil, ErrReadOnly
	}
	tx, err := d.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, nil, fmt.Errorf("edit: begin: %w", err)
	}
	defer tx.Rollback() // a no-op once committed
	old := base
	if stored, err := storedVersion(ctx, tx); err != nil {
		return nil, nil, fmt.Errorf("edit: %w", err)
	} else if base == nil || stored != version {
		if old, err = readDataset(ctx, tx); err != nil {
			return nil, nil, fmt.Errorf("edit: %w", err)
		}
	}
	ds := old.Clone()
	if err := edit(ds); err != nil {
		return nil, nil, err
	}
	changes := kb.Diff(old, ds)
	if len(changes) == 0 {
		return nil, old, nil
	}
	w := newWriter(ctx, tx)
	if err := w.update(ctx, old, ds, changes); err != nil {
		return nil, nil, fmt.Errorf("edit: %w", err)
	}
	cs, err := w.changeSet(ctx, meta, changes)
	if err != nil {
		return nil, nil, fmt.Errorf("edit: record change set: %w", err)
	}
	if testHookBeforeCommit != nil {
		testHookBeforeCommit()
	}
	if err := tx.Commit(); err != nil {
		return nil, nil, fmt.Errorf("edit: commit: %w", err)
	}
	return cs, ds, nil
}

// testHookBeforeCommit, when set by a test, runs after everything is
// written and before the commit: the moment a crash must not leave a
// half-applied change.
var testHookBeforeCommit func()

// changeSet records the next change set and its items.
func (w *writer) changeSet(ctx context.Context, meta kb.ChangeMeta, changes []kb.Change) (*kb.ChangeSet, error) {
	last, err := storedVersion(ctx, w.tx)
	if err != nil {
		return nil, err
	}
	cs := &kb.ChangeSet{Version: last + 1, At: time.Now().UTC().Truncate(time.Second),
		Author: meta.Author, Message: meta.Message, Changes: changes}
	err = w.exec(ctx, "the change set", `INSERT INTO change_set (version, at, author, message) VALUES (?, ?, ?, ?)`,
		cs.Version, cs.At.Format(time.RFC3339), cs.Author, cs.Message)
	if err != nil {
		return nil, err
	}
	for i, c := range changes {
		err := w.exec(ctx, "a change item", `INSERT INTO change_item (version, position, op, node, field, old, new) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			cs.Version, i, c.Op, c.Node, c.Field, c.Old, c.New)
		if err != nil {
			return nil, err
		}
	}
	return cs, nil
}

// versionQuery reads the version of the stored data: that of its newest
// change set, 0 before the first.
const versionQuery = `SELECT COALESCE(MAX(version), 0) FROM change_set`

// SeedVersion returns the version of the knowledge base: that of its newest
// change set, 0 before the first.
//
// The server's reload watcher reads it every few seconds, and every search
// reads it in its transaction (SearchText), so it is a prepared statement
// like the search's own.
func (d *DB) SeedVersion(ctx context.Context) (int, error) {
	v, err := scanVersion(d.queryRead(ctx, versionQuery))
	if err != nil {
		return 0, fmt.Errorf("read seed version: %w", err)
	}
	return v, nil
}

// scanVersion reads the one row of versionQuery.
func scanVersion(rows *sql.Rows, err error) (int, error) {
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	if !rows.Next() {
		return 0, cmp.Or(rows.Err(), sql.ErrNoRows)
	}
	var v int
	err = rows.Scan(&v)
	return v, err
}

// Changes returns up to first change sets older than version before (all
// when before <= 0), newest first, with their items, and whether older ones
// remain.
func (d *DB) Changes(ctx context.Context, first, before int) ([]kb.ChangeSet, bool, error) {
	tx, err := d.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, false, fmt.Errorf("read changes: begin: %w", err)
	}
	defer tx.Rollback()
	if before <= 0 {
		before = int(^uint(0) >> 1)
	}
	sets, err := readChangeSets(ctx, tx, first+1, before)
	if err != nil {
		return nil, false, fmt.Errorf("read changes: %w", err)
	}
	more := len(sets) > first
	if more {
		sets = sets[:first]
	}
	if err := readChangeItems(ctx, tx, sets); err != nil {
		return nil, false, fmt.Errorf("read change items: %w", err)
	}
	return sets, more, nil
}

func readChangeSets(ctx context.Context, tx *sql.Tx, limit, before int) ([]kb.ChangeSet, error) {
	rows, err := tx.QueryContext(ctx, `SELECT version, at, author, message FROM change_set
		WHERE version < ? ORDER BY version DESC LIMIT ?`, before, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var sets []kb.ChangeSet
	for rows.Next() {
		var cs kb.ChangeSet
		var at string
		if err := rows.Scan(&cs.Version, &at, &cs.Author, &cs.Message); err != nil {
			return nil, err
		}
		if cs.At, err = time.Parse(time.RFC3339, at); err != nil {
			return nil, fmt.Errorf("change set %d: %w", cs.Version, err)
		}
		sets = append(sets, cs)
	}
	return sets, rows.Err()
}

// readChangeItems fills in the items of sets with one query.
func readChangeItems(ctx context.Context, tx *sql.Tx, sets []kb.ChangeSet) error {
	if len(sets) == 0 {
		return nil
	}
	byVersion := make(map[int]*kb.ChangeSet, len(sets))
	for i := range sets {
		byVersion[sets[i].Version] = &sets[i]
	}
	rows, err := tx.QueryContext(ctx, `SELECT version, op, node, field, old, new FROM change_item
		WHERE version BETWEEN ? AND ? ORDER BY version, position`, sets[len(sets)-1].Version, sets[0].Version)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var v int
		var c kb.Change
		if err := rows.Scan(&v, &c.Op, &c.Node, &c.Field, &c.Old, &c.New); err != nil {
			return err
		}
		if cs := byVersion[v]; cs != nil {
			cs.Changes = append(cs.Changes, c)
		}
	}
	return rows.Err()
}

// storedVersion is the version of the data tx sees: its last change set's.
func storedVersion(ctx context.Context, tx *sql.Tx) (int, error) {
	var v int
	if err := tx.QueryRowContext(ctx, versionQuery).Scan(&v); err != nil {
		return 0, fmt.Errorf("read the stored version: %w", err)
	}
	return v, nil
}
