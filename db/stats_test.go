package db_test

import (
	"context"
	"testing"

	"skillgraph/db"
)

func TestStatementsAreCounted(t *testing.T) {
	ctx := context.Background()
	d := MustOpen(t)
	before := d.Statements()
	mustReplace(t, d, fixture())
	afterReplace := d.Statements()
	// One DELETE and at least one INSERT per node, each a run of a
	// prepared statement on the writer.
	if got := afterReplace.Write - before.Write; got < 1+int64(len(fixture().Skills)) {
		t.Errorf("Replace ran %d statements on the writer, want one per row at least", got)
	}
	if afterReplace.Read != before.Read {
		t.Errorf("Replace ran %d statements on the readers", afterReplace.Read-before.Read)
	}

	mustDataset(t, d)
	// The node counts, the nodes, then one query per table.
	if got := d.Statements().Read - afterReplace.Read; got != 16 {
		t.Errorf("Dataset ran %d statements, want 16", got)
	}

	// The version, aliases, names, and a page of the other texts.
	for _, q := range []string{"spark", "분산", "spark hadoop"} {
		start := d.Statements()
		if _, _, err := d.SearchText(ctx, q, "", 10); err != nil {
			t.Fatal(err)
		}
		if got := d.Statements(); got.Read-start.Read != 4 || got.Write != start.Write {
			t.Errorf("SearchText(%q) ran %+v statements, want 4 reads", q, db.StatementCounts{Read: got.Read - start.Read, Write: got.Write - start.Write})
		}
	}
}
