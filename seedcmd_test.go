package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// seedRun runs `skillgraph seed args...` against dbPath and returns its exit
// status and output.
func seedRun(t *testing.T, dbPath string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	env := map[string]string{"KB_DB": dbPath, "KB_AUTHOR": "maintainer"}
	status := runSeed(context.Background(), args, func(k string) string { return env[k] }, &stdout, &stderr)
	return status, stdout.String(), stderr.String()
}

// copySeed copies the checked-in seed files into a temp dir a test may edit.
func copySeed(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	err := filepath.WalkDir("seed", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !(strings.HasPrefix(path, "seed/data/") || strings.HasPrefix(path, "seed/documents/")) {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		to := filepath.Join(dir, strings.TrimPrefix(path, "seed/"))
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return err
		}
		return os.WriteFile(to, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func appendFile(t *testing.T, path, text string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(text); err != nil {
		t.Fatal(err)
	}
}

// acmeSkill is a made-up tool, so no version of the vocabulary has it
// already; it goes at the end of data/vocabulary/data-engineering.yaml.
const acmeSkill = `  - slug: acme-etl
    name: {ko: 애크미 ETL, en: Acme ETL, ja: アクメETL}
    aliases: [acme data loader]
    reference: https://acme-etl.example.com/
    broader: [data-processing]
`

// vocabularyFile is the file of a category's skills in a copy of the seed.
func vocabularyFile(dir, category string) string {
	return filepath.Join(dir, "data", "vocabulary", category+".yaml")
}

func TestSeedValidate(t *testing.T) {
	status, out, _ := seedRun(t, "", "validate", "seed")
	if status != exitOK || !strings.Contains(out, "is valid: 2 stages") {
		t.Errorf("validate seed = %d %q", status, out)
	}

	dir := copySeed(t)
	appendFile(t, vocabularyFile(dir, "big-data"), `  - slug: spark-jobs
    name: {en: Spark jobs}
    aliases: [Spark]
    reference: https://spark.apache.org/docs/latest/job-scheduling.html
    broader: [sparkk]
`)
	status, _, errs := seedRun(t, "", "validate", dir)
	if status != exitChanges {
		t.Errorf("validate broken = %d, want %d", status, exitChanges)
	}
	for _, want := range []string{
		dir + "/data/vocabulary/big-data.yaml:",
		"missing the Korean (ko) text",
		`"Spark" is already a name or alias of skill "spark"`,
		`unknown skill "sparkk" (did you mean "spark"?)`,
		"3 problem(s)",
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("validate output lacks %q:\n%s", want, errs)
		}
	}
}

// TestSeedDiffApplyExport walks a maintainer's loop: apply the files,
// change one, see the diff, apply it, export, and find nothing left to do.
func TestSeedDiffApplyExport(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "kb.db")
	dir := copySeed(t)

	if status, out, errs := seedRun(t, dbPath, "apply", "-m", "first load", dir); status != exitOK || !strings.Contains(out, "applied as version 1 by maintainer") {
		t.Fatalf("first apply = %d\n%s\n%s", status, out, errs)
	}
	if status, out, _ := seedRun(t, dbPath, "diff", dir); status != exitOK || !strings.Contains(out, "no changes") {
		t.Errorf("diff after apply = %d %q", status, out)
	}
	if status, out, _ := seedRun(t, dbPath, "apply", dir); status != exitOK || !strings.Contains(out, "nothing to apply") {
		t.Errorf("second apply = %d %q", status, out)
	}

	appendFile(t, vocabularyFile(dir, "data-engineering"), acmeSkill)
	status, out, _ := seedRun(t, dbPath, "diff", dir)
	if status != exitChanges || !strings.Contains(out, "+ skill:acme-etl") || !strings.Contains(out, `name.ja: + "アクメETL"`) {
		t.Errorf("diff = %d\n%s", status, out)
	}
	status, out, _ = seedRun(t, dbPath, "diff", "-json", dir)
	var diff struct {
		Changes []struct{ Op, Node, Field, New string }
	}
	if err := json.Unmarshal([]byte(out), &diff); err != nil || status != exitChanges || len(diff.Changes) == 0 || diff.Changes[0].Node != "skill:acme-etl" {
		t.Errorf("diff -json = %d %v\n%s", status, err, out)
	}
	if status, out, errs := seedRun(t, dbPath, "apply", "-m", "add Acme ETL", dir); status != exitOK || !strings.Contains(out, "applied as version 2") {
		t.Fatalf("apply = %d\n%s\n%s", status, out, errs)
	}

	exported := filepath.Join(t.TempDir(), "exported")
	if status, _, errs := seedRun(t, dbPath, "export", exported); status != exitOK {
		t.Fatalf("export = %d %s", status, errs)
	}
	if status, out, errs := seedRun(t, dbPath, "diff", exported); status != exitOK {
		t.Errorf("diff of the export = %d\n%s%s", status, out, errs)
	}
	if status, _, errs := seedRun(t, "", "validate", exported); status != exitOK {
		t.Errorf("the export does not validate: %s", errs)
	}
}

// TestExportOfTheSeedIsTheSeed exports a database seeded from the checked-in
// files and compares the files byte for byte.
func TestExportOfTheSeedIsTheSeed(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "kb.db")
	if status, _, errs := seedRun(t, dbPath, "apply", "seed"); status != exitOK {
		t.Fatal(errs)
	}
	exported := t.TempDir()
	if status, _, errs := seedRun(t, dbPath, "export", exported); status != exitOK {
		t.Fatal(errs)
	}
	err := filepath.WalkDir("seed/data", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		want, _ := os.ReadFile(path)
		got, err := os.ReadFile(filepath.Join(exported, strings.TrimPrefix(path, "seed/")))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("exported %s differs from the checked-in file (%v)", path, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestSeedFmt(t *testing.T) {
	dir := copySeed(t)
	skills := vocabularyFile(dir, "data-engineering")
	// A hand edit in a layout of its own.
	appendFile(t, skills, "  - {slug: acme-etl, reference: 'https://acme-etl.example.com/',\n     name: {en: Acme ETL, ko: 애크미 ETL}, aliases: ['acme data loader']}\n")
	if status, out, errs := seedRun(t, "", "fmt", dir); status != exitOK || !strings.Contains(out, "formatted") {
		t.Fatalf("fmt = %d %s %s", status, out, errs)
	}
	got, _ := os.ReadFile(skills)
	if !strings.HasSuffix(string(got), "  - slug: acme-etl\n    name: {ko: 애크미 ETL, en: Acme ETL}\n    aliases: [acme data loader]\n    reference: https://acme-etl.example.com/\n") {
		t.Errorf("fmt did not write the canonical layout:\n%s", got[len(got)-200:])
	}
	if status, _, errs := seedRun(t, "", "validate", dir); status != exitOK {
		t.Errorf("formatted files do not validate: %s", errs)
	}
}

func TestSeedCommandUsage(t *testing.T) {
	tests := []struct {
		args   []string
		status int
		want   string
	}{
		{nil, exitError, "usage: skillgraph seed <command>"},
		{[]string{"-h"}, exitOK, "Commands:"},
		{[]string{"frobnicate"}, exitError, `unknown command "frobnicate"`},
		{[]string{"apply", "-h"}, exitOK, "-author"},
		{[]string{"diff", "a", "b"}, exitError, "want at most one DIR"},
		{[]string{"validate", "/no/such/dir"}, exitError, "no such file"},
	}
	for _, tt := range tests {
		status, out, errs := seedRun(t, "", tt.args...)
		if status != tt.status || !strings.Contains(out+errs, tt.want) {
			t.Errorf("seed %v = %d, output %q; want %d and %q", tt.args, status, out+errs, tt.status, tt.want)
		}
	}
}

// TestRunningServerSeesAnApply applies seed files from "another process"
// while the server runs, and waits for the server to serve the change.
func TestRunningServerSeesAnApply(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "kb.db")
	s := startServer(t, withDB(dbPath), withReloadInterval(20*time.Millisecond))
	dir := copySeed(t)
	appendFile(t, vocabularyFile(dir, "data-engineering"), acmeSkill)
	if status, _, errs := seedRun(t, dbPath, "apply", dir); status != exitOK {
		t.Fatal(errs)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		var got struct{ Skill *struct{ Slug string } }
		s.data(`{ skill(name: "acme data loader") { slug } }`, nil, &got)
		if got.Skill != nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the server never served the applied change")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if v := s.seedVersion(); v != 2 {
		t.Errorf("seedVersion = %d, want 2", v)
	}
}

func TestSeedSynth(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "synth.db")
	args := []string{"synth", "-stages", "3", "-skills", "200", "-requirements", "300", "-seed", "7"}
	status, out, errs := seedRun(t, dbPath, args...)
	if status != exitOK {
		t.Fatalf("seed synth = %d: %s%s", status, out, errs)
	}
	for _, want := range []string{"3 stages, 200 skills", "300 requirements, 30 traits", "as version 1"} {
		if !strings.Contains(out, want) {
			t.Errorf("output %q lacks %q", out, want)
		}
	}
	// The same seed and sizes are the same data: nothing to write.
	if status, out, _ := seedRun(t, dbPath, args...); status != exitOK || !strings.Contains(out, "nothing to change") {
		t.Errorf("second seed synth = %d %q, want nothing to change", status, out)
	}
	// A server serves it.
	s := startServer(t, withDB(dbPath))
	var got struct {
		Stages []struct {
			Requirements []struct{ ID string }
		}
	}
	s.data(`{ stages { requirements(first: null) { id } } }`, nil, &got)
	n := 0
	for _, st := range got.Stages {
		n += len(st.Requirements)
	}
	if len(got.Stages) != 3 || n != 300 {
		t.Errorf("served %d stages, %d requirements; want 3 and 300", len(got.Stages), n)
	}

	for _, bad := range [][]string{{"synth", "-stages", "0"}, {"synth", "-skills", "-1"}, {"synth", "somedir"}} {
		if status, _, errs := seedRun(t, dbPath, bad...); status != exitError || errs == "" {
			t.Errorf("seed %v = %d %q, want a usage error", bad, status, errs)
		}
	}
}
