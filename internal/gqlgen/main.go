// Command gqlgen generates package graph with gqlgen (v0.17.98, from
// go.mod), as `gqlgen generate` does, with one difference in how the
// generated code executes: every field and every list element is resolved
// in the goroutine of its parent.
//
// gqlgen runs a field in its own goroutine when it has a resolver or a
// method that takes a context, and marshals every list of objects with a
// goroutine per element. That suits resolvers that wait on the network;
// this API answers from an immutable graph in memory, where a goroutine and
// its stack growth cost more than the field (the profile of a request was a
// third stack copying and garbage). So this command:
//
//   - marks every object type but Query as not concurrent (gqlgen does so
//     for Mutation already): its fields run inline, resolvers included.
//     Query's fields still run concurrently, so root fields that read the
//     store (search, changes) do not wait on each other;
//   - rewrites the generated calls of graphql.MarshalSliceConcurrently to
//     marshalSlice (graph/slice.go), which marshals a list in order, with
//     the same field contexts and panic recovery.
//
// Run it through go generate ./...; the output is deterministic.
package main

import (
	"bytes"
	"fmt"
	"os"

	"github.com/99designs/gqlgen/api"
	"github.com/99designs/gqlgen/codegen"
	"github.com/99designs/gqlgen/codegen/config"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "gqlgen:", err)
		os.Exit(1)
	}
}

func run() error {
	cfg, err := config.LoadConfigFromDefaultLocations()
	if err != nil {
		return fmt.Errorf("load gqlgen.yml: %w", err)
	}
	if err := api.Generate(cfg, api.AddPlugin(inline{})); err != nil {
		return fmt.Errorf("generate: %w", err)
	}
	return rewriteSlices(cfg.Exec.Filename)
}

// inline is the plugin that marks object types as not concurrent.
type inline struct{}

func (inline) Name() string { return "inline" }

func (inline) GenerateCode(data *codegen.Data) error {
	for _, o := range data.Objects {
		if !o.Root {
			o.DisableConcurrency = true
		}
	}
	return nil
}

// rewriteSlices replaces the generated calls of MarshalSliceConcurrently.
func rewriteSlices(file string) error {
	src, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	const from, to = "graphql.MarshalSliceConcurrently(", "marshalSlice("
	if !bytes.Contains(src, []byte(from)) {
		return fmt.Errorf("%s calls no %s: gqlgen changed how it marshals lists; revisit this command", file, from)
	}
	return os.WriteFile(file, bytes.ReplaceAll(src, []byte(from), []byte(to)), 0o644)
}
