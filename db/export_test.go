package db

import "database/sql"

// Pools exposes the writer and reader pools to the black-box tests, which
// check the settings every connection gets.
func (d *DB) Pools() (write, read *sql.DB) { return d.write, d.read }

// SetTestHookBeforeCommit makes Edit call f after writing and before
// committing, as a crash there would interrupt it.
func SetTestHookBeforeCommit(f func()) { testHookBeforeCommit = f }
