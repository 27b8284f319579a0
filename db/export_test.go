package db

import "database/sql"

// Pools exposes the writer and reader pools to the black-box tests, which
// check the settings every connection gets.
func (d *DB) Pools() (write, read *sql.DB) { return d.write, d.read }
