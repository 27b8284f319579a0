package db

import (
	"errors"
	"fmt"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"skillgraph/kb"
)

// storeError turns a failed write of what (e.g. `skill "spark"`) into an
// error. A broken constraint means bad data, which the caller can fix, so it
// becomes a kb.EINVALID error whose message names the data, not the SQL;
// the driver's error stays in the chain for logs. Anything else is internal.
func storeError(what string, err error) error {
	var e *sqlite.Error
	if !errors.As(err, &e) {
		return fmt.Errorf("store %s: %w", what, err)
	}
	reason := constraintReason(e.Code())
	if reason == "" {
		return fmt.Errorf("store %s: %w", what, err)
	}
	return fmt.Errorf("%w: %w", kb.Errorf(kb.EINVALID, "cannot store %s: %s", what, reason), err)
}

// constraintReason explains a constraint error code in words, or returns ""
// when code is not one.
func constraintReason(code int) string {
	switch code {
	case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
		return "it refers to a category, skill, stage or requirement that does not exist"
	case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
		return "it is a duplicate of one already stored (same ID, or an alias of the same spelling)"
	case sqlite3.SQLITE_CONSTRAINT_CHECK:
		return "a value is out of range (unknown kind, bad ID, empty alias or language, or line < 1)"
	case sqlite3.SQLITE_CONSTRAINT_NOTNULL, sqlite3.SQLITE_CONSTRAINT_DATATYPE:
		return "a value is missing or of the wrong type"
	}
	if code&0xff == sqlite3.SQLITE_CONSTRAINT {
		return "it breaks a rule of the data"
	}
	return ""
}
