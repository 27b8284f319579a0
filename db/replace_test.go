package db

import (
	"context"
	"fmt"

	"skillgraph/kb"
)

// Replace makes ds the whole content of the store, in one transaction:
// either all of ds lands or the previous content stays, and records no
// change set. It does not validate ds (run kb.Validate first); data that
// breaks the schema's constraints fails with a kb.EINVALID error.
//
// The program writes through Edit, which writes what changed; the tests
// set a store's content in one go with Replace, and check the row writers
// Edit shares with it.
func (d *DB) Replace(ctx context.Context, ds *kb.Dataset) error {
	if ds == nil {
		return kb.Errorf(kb.EINVALID, "replace: no dataset to store")
	}
	tx, err := d.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("replace: begin: %w", err)
	}
	defer tx.Rollback() // a no-op once committed
	w := newWriter(ctx, tx)
	if err := w.dataset(ctx, ds); err != nil {
		return fmt.Errorf("replace: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("replace: commit: %w", err)
	}
	return nil
}

// dataset deletes every node, which cascades to all their rows, then
// inserts ds. Foreign keys are checked per statement, so nodes go in before
// what refers to them, and skills' relations after all the skills. Last, it
// merges each search index into one segment, the fastest to search, which
// the many inserts and deletes of a write leave spread over many.
func (w *writer) dataset(ctx context.Context, ds *kb.Dataset) error {
	if err := w.exec(ctx, "the deletion of the old data", `DELETE FROM node`); err != nil {
		return err
	}
	// The alias index keeps its own copy (see migration 00003).
	if err := w.exec(ctx, "the deletion of the old aliases' index", `DELETE FROM alias_search`); err != nil {
		return err
	}
	for i, c := range ds.Categories {
		if err := w.category(ctx, i, c); err != nil {
			return err
		}
	}
	for i := range ds.Skills {
		if err := w.skill(ctx, i, &ds.Skills[i]); err != nil {
			return err
		}
	}
	for i := range ds.Skills {
		if err := w.relations(ctx, &ds.Skills[i]); err != nil {
			return err
		}
	}
	for i := range ds.Stages {
		if err := w.stage(ctx, i, &ds.Stages[i]); err != nil {
			return err
		}
	}
	for i := range ds.Requirements {
		if err := w.requirement(ctx, i, &ds.Requirements[i]); err != nil {
			return err
		}
	}
	for i := range ds.Traits {
		if err := w.trait(ctx, i, &ds.Traits[i]); err != nil {
			return err
		}
	}
	for _, index := range []string{"text_search", "name_search", "alias_search"} {
		err := w.exec(ctx, "the "+index+" index", `INSERT INTO `+index+` (`+index+`) VALUES ('optimize')`)
		if err != nil {
			return err
		}
	}
	return nil
}
