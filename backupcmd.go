package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"skillgraph/db"
	"skillgraph/replicate"
)

const backupUsage = `usage: skillgraph backup restore -from URL -o PATH [-timestamp T]

Brings back, from the storage a writer streams to (-replica-url), the
knowledge base as it was at time T (RFC 3339, e.g. 2026-12-01T09:30:00Z),
or its latest state without -timestamp, into a new SQLite file at PATH.
Serve it with: skillgraph -db PATH
`

// runBackup runs `skillgraph backup restore` and returns the exit status.
func runBackup(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "restore" {
		fmt.Fprint(stderr, backupUsage)
		if len(args) > 0 && (args[0] == "-h" || args[0] == "help") {
			return exitOK
		}
		return exitError
	}
	fs := flag.NewFlagSet("skillgraph backup restore", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, backupUsage+"\nFlags:\n"); fs.PrintDefaults() }
	from := fs.String("from", getenv("KB_REPLICA_URL"), "the storage: file:///dir or nats://host:4222/bucket (env KB_REPLICA_URL)")
	out := fs.String("o", "", "the SQLite file to write; it must not exist")
	stamp := fs.String("timestamp", "", "the moment to restore, RFC 3339; the latest state when empty")
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitError
	}
	var at time.Time
	switch {
	case fs.NArg() > 0:
		fmt.Fprintf(stderr, "skillgraph backup restore: unexpected arguments %q\n", fs.Args())
		return exitError
	case *from == "" || *out == "":
		fmt.Fprintln(stderr, "skillgraph backup restore: -from and -o are required")
		return exitError
	case *stamp != "":
		t, err := time.Parse(time.RFC3339Nano, *stamp)
		if err != nil {
			fmt.Fprintf(stderr, "skillgraph backup restore: -timestamp %q is not RFC 3339 (2026-12-01T09:30:00Z)\n", *stamp)
			return exitError
		}
		at = t
	}
	if _, err := os.Stat(*out); err == nil {
		fmt.Fprintf(stderr, "skillgraph backup restore: %s exists; restore into a new file\n", *out)
		return exitError
	}
	if err := replicate.Restore(ctx, *from, *out, at); err != nil {
		fmt.Fprintf(stderr, "skillgraph backup restore: %v\n", err)
		return exitError
	}
	version, err := restoredVersion(ctx, *out)
	if err != nil {
		fmt.Fprintf(stderr, "skillgraph backup restore: restored %s, but cannot read it: %v\n", *out, err)
		return exitError
	}
	fmt.Fprintf(stdout, "restored %s at version %d\n", *out, version)
	return exitOK
}

// restoredVersion is the change set a restored file holds.
func restoredVersion(ctx context.Context, path string) (int, error) {
	store, err := db.OpenFollower(ctx, path)
	if err != nil {
		return 0, err
	}
	defer store.Close()
	return store.SeedVersion(ctx)
}
