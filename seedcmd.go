package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"skillgraph/db"
	"skillgraph/kb"
	"skillgraph/seed"
	"skillgraph/synth"
)

// The seed commands: `skillgraph seed <command>`, for maintainers who change
// the knowledge base through reviewed seed files.
const seedUsage = `usage: skillgraph seed <command> [flags] [DIR]

Commands:
  validate  check the seed files in DIR and list every problem
  diff      show what apply would change in the database (exit 1 when something would)
  apply     validate, then apply the seed files in one transaction and record a change set
  export    write the database back as seed files into DIR
  fmt       rewrite the seed files in DIR in the canonical layout (as export writes it)
  synth     replace the database's content with a synthetic dataset of the sizes asked,
            for benchmarks (go run . seed synth -stages 100 -skills 10000 -requirements 100000)

DIR is the seed directory (holding data/ and documents/), "seed" by default.
Run "skillgraph seed <command> -h" for a command's flags.
`

// Exit statuses of the seed commands.
const (
	exitOK      = 0
	exitChanges = 1 // validate found problems; diff found changes
	exitError   = 2
)

// runSeed runs a seed command and returns the process's exit status.
func runSeed(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stderr, seedUsage)
		if len(args) == 0 {
			return exitError
		}
		return exitOK
	}
	cmd := &seedCommand{name: args[0], getenv: getenv, stdout: stdout, stderr: stderr}
	run, ok := map[string]func(context.Context) int{
		"validate": cmd.validate, "diff": cmd.diff, "apply": cmd.apply, "export": cmd.export, "fmt": cmd.fmt,
		"synth": cmd.synth,
	}[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "skillgraph seed: unknown command %q\n\n%s", args[0], seedUsage)
		return exitError
	}
	if err := cmd.parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitError
	}
	return run(ctx)
}

type seedCommand struct {
	name           string
	getenv         func(string) string
	stdout, stderr io.Writer

	dir     string
	dbPath  string
	author  string
	message string
	syncURL string // of apply: a writer's /replication/sync, waited on before success
	json    bool
	sizes   synth.Options // of the synth command
}

// parse reads the flags the command takes; the environment gives defaults.
func (c *seedCommand) parse(args []string) error {
	fs := flag.NewFlagSet("skillgraph seed "+c.name, flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	c.dbPath = envOr(c.getenv, "KB_DB", "data/kb.db")
	if c.name != "validate" && c.name != "fmt" {
		fs.StringVar(&c.dbPath, "db", c.dbPath, "SQLite database file (env KB_DB)")
	}
	switch c.name {
	case "diff":
		fs.BoolVar(&c.json, "json", false, "print the changes as JSON")
	case "apply":
		fs.StringVar(&c.author, "author", envOr(c.getenv, "KB_AUTHOR", envOr(c.getenv, "USER", "unknown")), "who makes the change (env KB_AUTHOR)")
		fs.StringVar(&c.message, "m", "", "what the change is and why, for the change log")
		fs.StringVar(&c.syncURL, "sync-url", c.getenv("KB_SYNC_URL"),
			"on a writer's database: its operations endpoint, http://HOST:PORT/replication/sync, to report success only once the change is in storage (env KB_SYNC_URL)")
	case "synth":
		c.sizes = synth.Options{Seed: 1, Stages: 100, Skills: 10000, Requirements: 100000}
		fs.Uint64Var(&c.sizes.Seed, "seed", c.sizes.Seed, "random seed: the same seed and sizes give the same data")
		fs.IntVar(&c.sizes.Stages, "stages", c.sizes.Stages, "number of stages")
		fs.IntVar(&c.sizes.Skills, "skills", c.sizes.Skills, "number of skills")
		fs.IntVar(&c.sizes.Requirements, "requirements", c.sizes.Requirements, "number of requirements, spread over the stages")
		fs.IntVar(&c.sizes.Traits, "traits", 0, "number of traits (0: one per ten requirements, at least one per stage)")
	}
	fs.Usage = func() {
		fmt.Fprintf(c.stderr, "usage: skillgraph seed %s [flags] [DIR]\n\nFlags:\n", c.name)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	switch {
	case c.name == "synth" && fs.NArg() > 0:
		fmt.Fprintf(c.stderr, "skillgraph seed synth: takes no DIR, got %q\n", fs.Args())
		return errors.New("bad arguments")
	case c.name == "synth" && (c.sizes.Stages < 1 || c.sizes.Skills < 1 || c.sizes.Requirements < 0 || c.sizes.Traits < 0):
		fmt.Fprintln(c.stderr, "skillgraph seed synth: want at least one stage and one skill, and no negative count")
		return errors.New("bad arguments")
	}
	switch fs.NArg() {
	case 0:
		c.dir = "seed"
	case 1:
		c.dir = fs.Arg(0)
	default:
		fmt.Fprintf(c.stderr, "skillgraph seed %s: want at most one DIR, got %q\n", c.name, fs.Args())
		return errors.New("bad arguments")
	}
	return nil
}

func envOr(getenv func(string) string, key, def string) string {
	if v := getenv(key); v != "" {
		return v
	}
	return def
}

// load reads and checks the seed files, printing every problem.
func (c *seedCommand) load() (*kb.Dataset, int) {
	if _, err := os.Stat(c.dir); err != nil {
		fmt.Fprintf(c.stderr, "skillgraph seed %s: %v\n", c.name, err)
		return nil, exitError
	}
	ds, err := seed.Load(os.DirFS(c.dir))
	var problems *seed.Error
	switch {
	case errors.As(err, &problems):
		for _, p := range problems.Problems {
			p.File = joinPath(c.dir, p.File)
			fmt.Fprintln(c.stderr, p)
		}
		fmt.Fprintf(c.stderr, "%d problem(s) in %s\n", len(problems.Problems), c.dir)
		return nil, exitChanges
	case err != nil:
		fmt.Fprintf(c.stderr, "skillgraph seed %s: %v\n", c.name, err)
		return nil, exitError
	}
	return ds, exitOK
}

func joinPath(dir, file string) string {
	if file == "" {
		return dir
	}
	return strings.TrimSuffix(dir, "/") + "/" + file
}

func (c *seedCommand) validate(ctx context.Context) int {
	ds, status := c.load()
	if status != exitOK {
		return status
	}
	fmt.Fprintf(c.stdout, "%s is valid: %d stages, %d requirements, %d traits, %d skills\n",
		c.dir, len(ds.Stages), len(ds.Requirements), len(ds.Traits), len(ds.Skills))
	return exitOK
}

// open opens the database for a command that reads or writes it.
func (c *seedCommand) open(ctx context.Context) (*db.DB, bool) {
	store, err := db.Open(ctx, c.dbPath)
	if err != nil {
		fmt.Fprintf(c.stderr, "skillgraph seed %s: %v\n", c.name, err)
		return nil, false
	}
	return store, true
}

// loadAndOpen reads the seed files and opens the database, for the
// commands that compare the two or apply one to the other.
func (c *seedCommand) loadAndOpen(ctx context.Context) (*kb.Dataset, *db.DB, int) {
	ds, status := c.load()
	if status != exitOK {
		return nil, nil, status
	}
	store, ok := c.open(ctx)
	if !ok {
		return nil, nil, exitError
	}
	return ds, store, exitOK
}

func (c *seedCommand) diff(ctx context.Context) int {
	ds, store, status := c.loadAndOpen(ctx)
	if status != exitOK {
		return status
	}
	defer store.Close()
	current, err := store.Dataset(ctx)
	if err != nil {
		fmt.Fprintf(c.stderr, "skillgraph seed diff: %v\n", err)
		return exitError
	}
	changes := kb.Diff(current, ds)
	if c.json {
		enc := json.NewEncoder(c.stdout)
		enc.SetIndent("", "  ")
		enc.Encode(struct {
			Changes []kb.Change `json:"changes"`
		}{nonNil(changes)})
	} else {
		writeChanges(c.stdout, changes)
	}
	if len(changes) > 0 {
		return exitChanges
	}
	return exitOK
}

func nonNil(changes []kb.Change) []kb.Change {
	if changes == nil {
		return []kb.Change{}
	}
	return changes
}

func (c *seedCommand) apply(ctx context.Context) int {
	ds, store, status := c.loadAndOpen(ctx)
	if status != exitOK {
		return status
	}
	defer store.Close()
	ed := seed.NewService(store, nil, discardLogger())
	if c.syncURL != "" {
		ed.Durable = func(ctx context.Context) error { return waitForStorage(ctx, c.syncURL) }
	}
	ctx, done := c.showProgress(ctx)
	cs, _, err := ed.Edit(ctx, kb.ChangeMeta{Author: c.author, Message: c.message}, func(d *kb.Dataset) error {
		*d = *ds
		return nil
	})
	done()
	switch {
	case err != nil && cs != nil: // committed, not yet in storage
		writeChanges(c.stdout, cs.Changes)
		fmt.Fprintf(c.stderr, "skillgraph seed apply: %s\n", errorText(err))
		return exitError
	case err != nil:
		fmt.Fprintf(c.stderr, "skillgraph seed apply: %s\n", errorText(err))
		return exitError
	case cs == nil:
		fmt.Fprintf(c.stdout, "nothing to apply: %s matches the database\n", c.dir)
		return exitOK
	}
	writeChanges(c.stdout, cs.Changes)
	fmt.Fprintf(c.stdout, "applied as version %d by %s\n", cs.Version, cs.Author)
	return exitOK
}

// waitForStorage asks a writer (its POST /replication/sync on the
// operations listener) to return once every change committed to its
// database, this command's included, is in storage.
func waitForStorage(ctx context.Context, syncURL string) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, syncURL, nil)
	if err != nil {
		return fmt.Errorf("sync %s: %w", syncURL, err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("sync %s: %w", syncURL, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4<<10))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("sync %s: %s: %s", syncURL, resp.Status, strings.TrimSpace(string(body)))
	}
	return nil
}

func (c *seedCommand) export(ctx context.Context) int {
	store, ok := c.open(ctx)
	if !ok {
		return exitError
	}
	defer store.Close()
	ds, err := store.Dataset(ctx)
	if err == nil {
		var files map[string][]byte
		if files, err = seed.Export(ds); err == nil {
			err = seed.WriteDir(c.dir, files)
		}
	}
	if err != nil {
		fmt.Fprintf(c.stderr, "skillgraph seed export: %v\n", err)
		return exitError
	}
	fmt.Fprintf(c.stdout, "exported %d stages, %d requirements, %d traits, %d skills to %s\n",
		len(ds.Stages), len(ds.Requirements), len(ds.Traits), len(ds.Skills), c.dir)
	return exitOK
}

// fmt rewrites valid seed files in the layout export writes, so hand edits
// reach the form the checked-in files must keep (a test compares them byte
// for byte with an export).
func (c *seedCommand) fmt(ctx context.Context) int {
	ds, status := c.load()
	if status != exitOK {
		return status
	}
	files, err := seed.Export(ds)
	if err == nil {
		err = seed.WriteDir(c.dir, files)
	}
	if err != nil {
		fmt.Fprintf(c.stderr, "skillgraph seed fmt: %v\n", err)
		return exitError
	}
	fmt.Fprintf(c.stdout, "formatted %s\n", c.dir)
	return exitOK
}

// synth replaces the database's content with a synthetic dataset, in one
// transaction recorded as a change set, like an apply. The data is checked
// by kb.Validate; seed.Check does not apply, as the synthetic document the
// sources cite exists only in them.
func (c *seedCommand) synth(ctx context.Context) int {
	start := time.Now()
	ds := synth.Generate(c.sizes)
	generated := time.Since(start)
	store, ok := c.open(ctx)
	if !ok {
		return exitError
	}
	defer store.Close()
	meta := kb.ChangeMeta{Author: "synth", Message: fmt.Sprintf("synthetic dataset: seed %d, %d stages, %d skills, %d requirements, %d traits",
		c.sizes.Seed, len(ds.Stages), len(ds.Skills), len(ds.Requirements), len(ds.Traits))}
	ctx, done := c.showProgress(ctx)
	cs, _, err := store.Edit(ctx, meta, func(d *kb.Dataset) error {
		*d = *ds
		return kb.Validate(d)
	})
	done()
	if err != nil {
		fmt.Fprintf(c.stderr, "skillgraph seed synth: %s\n", errorText(err))
		return exitError
	}
	version := "nothing to change: the database holds this dataset already"
	if cs != nil {
		version = fmt.Sprintf("version %d, %d change(s)", cs.Version, len(cs.Changes))
	}
	fmt.Fprintf(c.stdout, "synthetic dataset (seed %d): %d stages, %d skills, %d categories, %d requirements, %d traits\n",
		c.sizes.Seed, len(ds.Stages), len(ds.Skills), len(ds.Categories), len(ds.Requirements), len(ds.Traits))
	fmt.Fprintf(c.stdout, "written to %s as %s in %s (generated in %s)\n",
		c.dbPath, version, time.Since(start).Round(time.Millisecond), generated.Round(time.Millisecond))
	return exitOK
}

// showProgress returns ctx reporting, on a terminal, how far a long write
// has gone (db.WithProgress), on one line of stderr that done ends. Off a
// terminal (a script, a log) it reports nothing.
func (c *seedCommand) showProgress(ctx context.Context) (context.Context, func()) {
	f, ok := c.stderr.(*os.File)
	if !ok {
		return ctx, func() {}
	}
	if fi, err := f.Stat(); err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		return ctx, func() {}
	}
	start, last, shown := time.Now(), time.Time{}, false
	report := func(written int) {
		if now := time.Now(); now.Sub(last) >= 500*time.Millisecond {
			last, shown = now, true
			fmt.Fprintf(f, "\r  writing: %d statements, %s", written, now.Sub(start).Round(time.Second))
		}
	}
	return db.WithProgress(ctx, report), func() {
		if shown {
			fmt.Fprintln(f)
		}
	}
}

// errorText is an error as a maintainer should read it: a domain error's
// message, or the whole chain for anything else.
func errorText(err error) string {
	if kb.ErrorCode(err) != kb.EINTERNAL {
		return kb.ErrorMessage(err)
	}
	return err.Error()
}

// writeChanges prints changes for a person, node by node: a line per node
// marked "+" (new), "~" (changed) or "-" (removed), then an indented line
// per field with its old and new value.
func writeChanges(w io.Writer, changes []kb.Change) {
	if len(changes) == 0 {
		fmt.Fprintln(w, "no changes")
		return
	}
	nodes := 0
	for i, ch := range changes {
		if i == 0 || ch.Node != changes[i-1].Node {
			nodes++
			mark := "~"
			if ch.Field == "" {
				mark = map[string]string{kb.OpAdd: "+", kb.OpRemove: "-"}[ch.Op]
			}
			fmt.Fprintf(w, "%s %s\n", mark, ch.Node)
			if ch.Field == "" {
				continue
			}
		}
		switch ch.Op {
		case kb.OpAdd:
			fmt.Fprintf(w, "    %s: + %q\n", ch.Field, ch.New)
		case kb.OpRemove:
			fmt.Fprintf(w, "    %s: - %q\n", ch.Field, ch.Old)
		default:
			fmt.Fprintf(w, "    %s: %q → %q\n", ch.Field, ch.Old, ch.New)
		}
	}
	fmt.Fprintf(w, "%d change(s) in %d node(s)\n", len(changes), nodes)
}
