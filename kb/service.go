package kb

import "context"

// Editor changes the knowledge base: it applies edit to the current data,
// checks the result by the same rules as the seed files, stores it in one
// transaction with a change set, and serves the new graph. It returns the
// change set (nil when nothing changed) and the graph now served. An edit's
// error, or a rule the result breaks, changes nothing.
//
// Edit returns the change set and the graph built from it; an error with
// them (a non-nil change set) means the change is committed and served but
// something after the commit failed (ENOTREPLICATED), an error alone that
// nothing changed.
type Editor interface {
	Edit(ctx context.Context, meta ChangeMeta, edit func(ds *Dataset) error) (*ChangeSet, *Graph, error)
}

// ChangeLog reads the record of change sets.
type ChangeLog interface {
	// SeedVersion is the newest change set's version, 0 before the first.
	SeedVersion(ctx context.Context) (int, error)
	// Changes returns up to first change sets older than version before
	// (all when before <= 0), newest first, and whether older ones remain.
	Changes(ctx context.Context, first, before int) ([]ChangeSet, bool, error)
}
