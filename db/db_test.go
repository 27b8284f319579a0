package db_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"skillgraph/db"
	"skillgraph/kb"
	"skillgraph/seed"
)

// MustOpen opens a new store in a temporary directory, closed when the test
// ends.
func MustOpen(tb testing.TB) *db.DB {
	tb.Helper()
	return mustOpenAt(tb, filepath.Join(tb.TempDir(), "kb.db"))
}

// searchIndex is the store as kb.Search takes an index: the version each
// search reads with its matches is left out.
type searchIndex struct{ d *db.DB }

func (s searchIndex) SearchText(ctx context.Context, query string, lang kb.Lang, limit int) ([]kb.TextMatch, error) {
	matches, _, err := s.d.SearchText(ctx, query, lang, limit)
	return matches, err
}

func mustOpenAt(tb testing.TB, path string) *db.DB {
	tb.Helper()
	d, err := db.Open(context.Background(), path)
	if err != nil {
		tb.Fatalf("Open(%q): %v", path, err)
	}
	tb.Cleanup(func() {
		if err := d.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	return d
}

func mustReplace(tb testing.TB, d *db.DB, ds *kb.Dataset) {
	tb.Helper()
	if err := d.Replace(context.Background(), ds); err != nil {
		tb.Fatalf("Replace: %v", err)
	}
}

func mustDataset(tb testing.TB, d *db.DB) *kb.Dataset {
	tb.Helper()
	ds, err := d.Dataset(context.Background())
	if err != nil {
		tb.Fatalf("Dataset: %v", err)
	}
	return ds
}

func assertDatasetEqual(tb testing.TB, got, want *kb.Dataset) {
	tb.Helper()
	if !reflect.DeepEqual(got, want) {
		tb.Errorf("dataset differs\n got: %+v\nwant: %+v", *got, *want)
	}
}

func TestFixtureIsValid(t *testing.T) {
	if err := kb.Validate(fixture()); err != nil {
		t.Fatal(err)
	}
}

func TestRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		ds   *kb.Dataset
	}{
		{"empty", &kb.Dataset{}},
		{"one category", &kb.Dataset{Categories: []kb.Category{{Slug: "tool", Name: kb.Texts{KO: "도구", EN: "Tool"}}}}},
		{"full", fixture()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := MustOpen(t)
			mustReplace(t, d, tt.ds)
			assertDatasetEqual(t, mustDataset(t, d), tt.ds)
		})
	}
}

func TestReplaceIsIdempotent(t *testing.T) {
	d := MustOpen(t)
	mustReplace(t, d, fixture())
	first := dump(t, d)
	if len(first["text"]) == 0 || len(first["choice_skill"]) == 0 {
		t.Fatalf("dump is missing rows: %v", first)
	}
	t.Logf("%d texts, e.g. %s", len(first["text"]), first["text"][0])
	mustReplace(t, d, fixture())
	if second := dump(t, d); !reflect.DeepEqual(first, second) {
		t.Errorf("contents changed on the second Replace\nfirst:  %v\nsecond: %v", first, second)
	}
	assertDatasetEqual(t, mustDataset(t, d), fixture())
	checkSearchIndex(t, d)
}

// TestEmbeddedSeedLoadedTwice stores the real seed twice: the rows stay the
// same and read back as exactly what the seed files say.
func TestEmbeddedSeedLoadedTwice(t *testing.T) {
	ds, err := seed.Load(seed.Files())
	if err != nil {
		t.Fatal(err)
	}
	d := MustOpen(t)
	mustReplace(t, d, ds)
	first := dump(t, d)
	mustReplace(t, d, ds)
	if second := dump(t, d); !reflect.DeepEqual(first, second) {
		t.Errorf("contents changed when the seed was loaded a second time")
	}
	assertDatasetEqual(t, mustDataset(t, d), ds)
	checkSearchIndex(t, d)
}

func TestReplaceOverwrites(t *testing.T) {
	d := MustOpen(t)
	mustReplace(t, d, fixture())
	smaller := fixture()
	smaller.Traits = smaller.Traits[:1]
	smaller.Skills[2].Name.Set(kb.English, "Spark")
	mustReplace(t, d, smaller)
	assertDatasetEqual(t, mustDataset(t, d), smaller)
	checkSearchIndex(t, d)
	matches, _, err := d.SearchText(context.Background(), "operations", "", 10)
	if err != nil || len(matches) != 0 {
		t.Errorf("SearchText after Replace found removed texts: %v, %v", matches, err)
	}
}

// dump returns every row of every table but the search indexes' own, which
// the integrity check covers. The name and alias indexes' rows (not their
// shadow tables) are in: the aliases' is a copy the writer keeps.
func dump(tb testing.TB, d *db.DB) map[string][]string {
	tb.Helper()
	_, read := d.Pools()
	ctx := context.Background()
	names, err := column[string](ctx, read, `SELECT name FROM sqlite_schema
		WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'text_search%' AND name NOT GLOB '*_search_*'
		AND name <> 'goose_db_version'`)
	if err != nil {
		tb.Fatal(err)
	}
	out := map[string][]string{}
	for _, name := range names {
		cols, err := column[string](ctx, read, `SELECT 'quote("' || name || '")' FROM pragma_table_info(?)`, name)
		if err != nil {
			tb.Fatal(err)
		}
		// The names come from the schema, not from input.
		row := strings.Join(cols, " || ',' || ")
		rows, err := column[string](ctx, read, `SELECT `+row+` FROM "`+name+`" ORDER BY 1`)
		if err != nil {
			tb.Fatalf("dump %s: %v", name, err)
		}
		out[name] = rows
	}
	if len(out) < 10 {
		tb.Fatalf("dump found only tables %v", names)
	}
	return out
}

func column[T any](ctx context.Context, pool *sql.DB, query string, args ...any) ([]T, error) {
	rows, err := pool.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var v T
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// checkSearchIndex asks FTS5 whether its indexes match what they index.
func checkSearchIndex(tb testing.TB, d *db.DB) {
	tb.Helper()
	write, _ := d.Pools()
	for _, index := range []string{"text_search", "name_search", "alias_search"} {
		_, err := write.ExecContext(context.Background(),
			`INSERT INTO `+index+` (`+index+`, rank) VALUES ('integrity-check', 1)`)
		if err != nil {
			tb.Errorf("search index %s is out of step with what it indexes: %v", index, err)
		}
	}
}

func TestReplaceFailureKeepsContents(t *testing.T) {
	tests := []struct {
		name   string
		break_ func(ds *kb.Dataset)
		want   string // in the error message
	}{
		{"unknown skill in a choice", func(ds *kb.Dataset) {
			ds.Requirements[0].Needs[1].AnyOf = append(ds.Requirements[0].Needs[1].AnyOf, "haskell")
		}, `"haskell"`},
		{"unknown such-as skill", func(ds *kb.Dataset) { ds.Requirements[2].Needs[0].SuchAs = "hdfs" }, `"hdfs"`},
		{"unknown category", func(ds *kb.Dataset) { ds.Skills[0].Category = "tools" }, `"hadoop"`},
		{"unknown broader skill", func(ds *kb.Dataset) { ds.Skills[1].Broader = []string{"hadop"} }, `"hadop"`},
		{"unknown stage", func(ds *kb.Dataset) { ds.Traits[1].Stage = "enterprise" }, `"enterprise"`},
		{"unknown evidence", func(ds *kb.Dataset) { ds.Traits[0].Evidence[1] = "startup-ml" }, `"startup-ml"`},
		{"unknown merged skill", func(ds *kb.Dataset) { ds.Traits[0].Widens[0].Merge[1] = "go" }, `"go"`},
		{"duplicate slug", func(ds *kb.Dataset) { ds.Skills[3].Slug = "spark" }, `"spark"`},
		{"alias taken by another skill", func(ds *kb.Dataset) { ds.Skills[0].Aliases = append(ds.Skills[0].Aliases, "K8S") }, `alias "k8s"`},
		{"unknown requirement kind", func(ds *kb.Dataset) { ds.Requirements[1].Kind = "NICE_TO_HAVE" }, `"startup-bi"`},
		{"unknown trait kind", func(ds *kb.Dataset) { ds.Traits[0].Kind = "GUESS" }, `"startup-generalist"`},
		{"source line 0", func(ds *kb.Dataset) { ds.Traits[1].Source.Line = 0 }, `source of trait:mid-operations`},
		{"slug with a colon only", func(ds *kb.Dataset) { ds.Stages[1].Slug = "" }, `stage ""`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := MustOpen(t)
			mustReplace(t, d, fixture())
			broken := fixture()
			tt.break_(broken)
			err := d.Replace(context.Background(), broken)
			if err == nil {
				t.Fatal("Replace accepted broken data")
			}
			if code := kb.ErrorCode(err); code != kb.EINVALID {
				t.Errorf("error code = %s, want %s (%v)", code, kb.EINVALID, err)
			}
			msg := kb.ErrorMessage(err)
			if !strings.Contains(msg, tt.want) {
				t.Errorf("message %q does not name %s", msg, tt.want)
			}
			for _, sqlWord := range []string{"INSERT", "constraint failed", "node.", "skill_", "(787)", "(2067)"} {
				if strings.Contains(msg, sqlWord) {
					t.Errorf("message %q shows SQL detail %q", msg, sqlWord)
				}
			}
			assertDatasetEqual(t, mustDataset(t, d), fixture())
		})
	}
}

func TestReplaceNil(t *testing.T) {
	d := MustOpen(t)
	if err := d.Replace(context.Background(), nil); kb.ErrorCode(err) != kb.EINVALID {
		t.Errorf("Replace(nil) = %v, want an %s error", err, kb.EINVALID)
	}
}

func TestIsEmpty(t *testing.T) {
	d := MustOpen(t)
	ctx := context.Background()
	steps := []struct {
		name  string
		ds    *kb.Dataset // stored before the check; nil for none
		empty bool
	}{
		{"new", nil, true},
		{"after Replace", fixture(), false},
		{"after Replace with nothing", &kb.Dataset{}, true},
	}
	for _, s := range steps {
		if s.ds != nil {
			mustReplace(t, d, s.ds)
		}
		empty, err := d.IsEmpty(ctx)
		if err != nil || empty != s.empty {
			t.Errorf("%s: IsEmpty = %v, %v; want %v", s.name, empty, err, s.empty)
		}
	}
}

func TestReopenKeepsDataAndSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "nested", "dir", "kb.db") // Open creates the directories
	first, err := db.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	mustReplace(t, first, fixture())
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}

	d := mustOpenAt(t, path)
	assertDatasetEqual(t, mustDataset(t, d), fixture())
	latest, err := db.LatestSchemaVersion()
	if err != nil {
		t.Fatal(err)
	}
	if v, err := d.SchemaVersion(ctx); err != nil || v != latest {
		t.Errorf("SchemaVersion = %d, %v; want %d", v, err, latest)
	}
	_, read := d.Pools()
	// goose records version 0 when it creates its table, then each
	// migration once: a second Open must add nothing.
	var want []int64
	for v := range latest + 1 {
		want = append(want, v)
	}
	versions, err := column[int64](ctx, read, `SELECT version_id FROM goose_db_version ORDER BY id`)
	if err != nil || !reflect.DeepEqual(versions, want) {
		t.Errorf("applied versions = %v, %v; want %v", versions, err, want)
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kb.db")
	d, err := db.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	write, _ := d.Pools()
	if _, err := write.ExecContext(ctx, `INSERT INTO goose_db_version (version_id, is_applied) VALUES (99, 1)`); err != nil {
		t.Fatal(err)
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	d, err = db.Open(ctx, path)
	if err == nil {
		d.Close()
		t.Fatal("Open accepted a database of schema version 99")
	}
	if !errors.Is(err, db.ErrSchemaTooNew) || !strings.Contains(err.Error(), "99") {
		t.Errorf("Open error = %v, want ErrSchemaTooNew naming version 99", err)
	}
}

func TestConnectionSettings(t *testing.T) {
	d := MustOpen(t)
	write, read := d.Pools()
	ctx := context.Background()
	for name, pool := range map[string]*sql.DB{"writer": write, "reader": read} {
		// Hold several connections at once, so the check covers more than
		// the first one the pool opened.
		var conns []*sql.Conn
		for i := range 3 {
			if name == "writer" && i > 0 {
				break // the writer has one connection
			}
			c, err := pool.Conn(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			conns = append(conns, c)
		}
		for i, c := range conns {
			for pragma, want := range map[string]string{"journal_mode": "wal", "foreign_keys": "1", "busy_timeout": "5000"} {
				var got string
				if err := c.QueryRowContext(ctx, "PRAGMA "+pragma).Scan(&got); err != nil || got != want {
					t.Errorf("%s connection %d: %s = %q, %v; want %q", name, i, pragma, got, err, want)
				}
			}
		}
	}
	if _, err := read.ExecContext(ctx, `DELETE FROM node`); err == nil {
		t.Error("the reader pool could write")
	}
}

func TestReadsDoNotWaitForTheWriter(t *testing.T) {
	d := MustOpen(t)
	mustReplace(t, d, fixture())
	write, _ := d.Pools()
	ctx := context.Background()
	tx, err := write.BeginTx(ctx, nil) // BEGIN IMMEDIATE: holds the write lock
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM node`); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	ds, err := d.Dataset(ctx)
	if err != nil {
		t.Fatalf("Dataset while a write is open: %v", err)
	}
	assertDatasetEqual(t, ds, fixture()) // the uncommitted delete is not seen
}

func TestPingAndSchemaVersion(t *testing.T) {
	d := MustOpen(t)
	ctx := context.Background()
	if err := d.Ping(ctx); err != nil {
		t.Errorf("Ping: %v", err)
	}
	if v, err := d.SchemaVersion(ctx); err != nil || v < 1 {
		t.Errorf("SchemaVersion = %d, %v", v, err)
	}
}

func TestOpenOddPath(t *testing.T) {
	// Characters that mean something in a URI must stay part of the name.
	path := filepath.Join(t.TempDir(), "a dir?x=1#frag%20", "k b.db")
	d := mustOpenAt(t, path)
	mustReplace(t, d, fixture())
	if _, err := os.Stat(path); err != nil {
		t.Errorf("database file not at %q: %v", path, err)
	}
}

// TestConcurrentReadsSeeWholeReplaces reads while another goroutine keeps
// replacing the data: every read must see one dataset whole.
func TestConcurrentReadsSeeWholeReplaces(t *testing.T) {
	d := MustOpen(t)
	a, b := fixture(), fixture()
	b.Traits = b.Traits[:1]
	b.Skills[2].Name.Set(kb.English, "Spark")
	mustReplace(t, d, a)
	ctx := context.Background()
	done := make(chan error)
	go func() {
		for i := range 20 {
			if err := d.Replace(ctx, []*kb.Dataset{a, b}[i%2]); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	for running := true; running; {
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
			running = false
		default:
		}
		got := mustDataset(t, d)
		if !reflect.DeepEqual(got, a) && !reflect.DeepEqual(got, b) {
			t.Fatalf("read a mix of two datasets: %+v", *got)
		}
		if _, _, err := d.SearchText(ctx, "spark", "", 10); err != nil {
			t.Fatal(err)
		}
	}
}
