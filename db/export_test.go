package db

import (
	"context"
	"database/sql"
)

// Pools exposes the writer and reader pools to the black-box tests, which
// check the settings every connection gets.
func (d *DB) Pools() (write, read *sql.DB) { return d.write, d.read }

// SetTestHookBeforeCommit makes Edit call f after writing and before
// committing, as a crash there would interrupt it.
func SetTestHookBeforeCommit(f func()) { testHookBeforeCommit = f }

// QueryForTest runs query on the reading pool and calls row with each row's
// columns.
func QueryForTest(d *DB, query string, row func(cols ...any)) error {
	rows, err := d.queryRead(context.Background(), query)
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		row(vals...)
	}
	return rows.Err()
}
