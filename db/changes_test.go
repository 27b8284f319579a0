package db_test

import (
	"bufio"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"skillgraph/db"
	"skillgraph/kb"
)

func setJapaneseName(ds *kb.Dataset) error {
	ds.Skills[0].Name.JA = "ハドゥープ"
	return nil
}

func TestEditRecordsChangeSets(t *testing.T) {
	ctx := context.Background()
	d := MustOpen(t)
	meta := kb.ChangeMeta{Author: "ana", Message: "first load"}
	cs, ds, err := d.Edit(ctx, meta, func(ds *kb.Dataset) error { *ds = *fixture(); return nil })
	if err != nil || cs == nil {
		t.Fatalf("Edit = %v, %v", cs, err)
	}
	if cs.Version != 1 || cs.Author != "ana" || cs.Message != "first load" || len(cs.Changes) == 0 {
		t.Errorf("first change set = %+v", cs)
	}
	assertDatasetEqual(t, ds, fixture())
	assertDatasetEqual(t, mustDataset(t, d), fixture())

	// The same data again changes nothing and records nothing.
	cs, _, err = d.Edit(ctx, meta, func(ds *kb.Dataset) error { *ds = *fixture(); return nil })
	if err != nil || cs != nil {
		t.Errorf("second identical Edit = %+v, %v; want no change set", cs, err)
	}

	cs, _, err = d.Edit(ctx, kb.ChangeMeta{Author: "bo", Message: "add Japanese"}, setJapaneseName)
	if err != nil || cs == nil || cs.Version != 2 {
		t.Fatalf("third Edit = %+v, %v", cs, err)
	}
	want := []kb.Change{{Op: kb.OpAdd, Node: "skill:hadoop", Field: "name.ja", New: "ハドゥープ"}}
	if !reflect.DeepEqual(cs.Changes, want) {
		t.Errorf("changes = %+v, want %+v", cs.Changes, want)
	}
	if v, err := d.SeedVersion(ctx); err != nil || v != 2 {
		t.Errorf("SeedVersion = %d, %v; want 2", v, err)
	}

	sets, more, err := d.Changes(ctx, 1, 0)
	if err != nil || len(sets) != 1 || !more || sets[0].Version != 2 || !reflect.DeepEqual(sets[0].Changes, want) {
		t.Errorf("Changes(1, 0) = %+v, %v, %v", sets, more, err)
	}
	sets, more, err = d.Changes(ctx, 10, 2)
	if err != nil || len(sets) != 1 || more || sets[0].Version != 1 || sets[0].Author != "ana" {
		t.Errorf("Changes(10, before 2) = %+v, %v, %v", sets, more, err)
	}
}

func TestEditErrorChangesNothing(t *testing.T) {
	ctx := context.Background()
	d := MustOpen(t)
	mustReplace(t, d, fixture())
	boom := errors.New("invalid")
	_, _, err := d.Edit(ctx, kb.ChangeMeta{}, func(ds *kb.Dataset) error {
		ds.Skills = ds.Skills[:1]
		return boom
	})
	if !errors.Is(err, boom) {
		t.Errorf("Edit error = %v, want the edit's own", err)
	}
	assertDatasetEqual(t, mustDataset(t, d), fixture())
	if v, _ := d.SeedVersion(ctx); v != 0 {
		t.Errorf("SeedVersion = %d after a failed edit, want 0", v)
	}
}

// TestConcurrentEditsLoseNothing runs edits from many goroutines, each adding
// its own alias: every one must survive.
func TestConcurrentEditsLoseNothing(t *testing.T) {
	ctx := context.Background()
	d := MustOpen(t)
	mustReplace(t, d, fixture())
	const n = 20
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Go(func() {
			_, _, err := d.Edit(ctx, kb.ChangeMeta{Author: "t"}, func(ds *kb.Dataset) error {
				return kb.AddAlias(ds, "sql", "sql-alias-"+string(rune('a'+i)))
			})
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	ds := mustDataset(t, d)
	for _, s := range ds.Skills {
		if s.Slug == "sql" && len(s.Aliases) != n {
			t.Errorf("sql has %d aliases, want %d: %v", len(s.Aliases), n, s.Aliases)
		}
	}
	if v, _ := d.SeedVersion(ctx); v != n {
		t.Errorf("SeedVersion = %d, want %d", v, n)
	}
}

// The kill test runs an edit in a child process (this test binary, re-run
// with killChildEnv set), kills it with SIGKILL just before the commit, and
// checks the database is exactly as before, then lets an edit commit and
// checks it is fully there.
const killChildEnv = "SKILLGRAPH_KILL_CHILD_DB"

func TestKillChildProcess(t *testing.T) {
	path := os.Getenv(killChildEnv)
	if path == "" {
		t.Skip("run by TestKillDuringEdit")
	}
	d, err := db.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	db.SetTestHookBeforeCommit(func() {
		os.Stdout.WriteString("written\n")
		time.Sleep(time.Minute) // killed here
	})
	d.Edit(context.Background(), kb.ChangeMeta{Author: "child"}, func(ds *kb.Dataset) error {
		ds.Skills = ds.Skills[:2]
		return setJapaneseName(ds)
	})
	t.Fatal("the edit committed; it should have been killed first")
}

func TestKillDuringEdit(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	path := filepath.Join(t.TempDir(), "kb.db")
	d := mustOpenAt(t, path)
	mustReplace(t, d, fixture())
	before := dump(t, d)

	cmd := exec.Command(os.Args[0], "-test.run=^TestKillChildProcess$", "-test.v")
	cmd.Env = append(os.Environ(), killChildEnv+"="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	for sc.Scan() && !strings.Contains(sc.Text(), "written") {
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()

	if after := dump(t, d); !reflect.DeepEqual(before, after) {
		t.Fatalf("the killed edit left changes behind")
	}
	assertDatasetEqual(t, mustDataset(t, d), fixture())
	checkSearchIndex(t, d)
	if v, _ := d.SeedVersion(context.Background()); v != 0 {
		t.Errorf("SeedVersion = %d after the killed edit, want 0", v)
	}
	// The database is still writable: the next edit lands whole.
	if cs, _, err := d.Edit(context.Background(), kb.ChangeMeta{}, setJapaneseName); err != nil || cs == nil {
		t.Errorf("edit after the kill = %v, %v", cs, err)
	}
}

func TestSnapshotPairsDataWithItsVersion(t *testing.T) {
	ctx := context.Background()
	d := MustOpen(t)
	if _, _, err := d.Edit(ctx, kb.ChangeMeta{}, func(ds *kb.Dataset) error { *ds = *fixture(); return nil }); err != nil {
		t.Fatal(err)
	}
	ds, v, err := d.Snapshot(ctx)
	if err != nil || v != 1 {
		t.Fatalf("Snapshot = version %d, %v; want 1", v, err)
	}
	assertDatasetEqual(t, ds, fixture())
}
