package seed

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"testing/fstest"

	"skillgraph/kb"
)

// Check holds a dataset built some other way than from files (an admin edit,
// say) to every rule the seed files are held to: it writes the dataset as
// seed files, beside the embedded documents, and loads them back. It
// returns the dataset as loaded (sources complete with their sections), or
// an EINVALID error listing each problem. Being the very code that checks
// the files, it cannot drift from it.
func Check(ds *kb.Dataset) (*kb.Dataset, error) {
	// kb's own rules first: its problems name the node and field.
	if err := kb.Validate(ds); err != nil {
		return nil, err
	}
	files, err := Export(ds)
	if err != nil {
		return nil, kb.Errorf(kb.EINVALID, "%s", err)
	}
	tree := fstest.MapFS{}
	for name, data := range files {
		tree[name] = &fstest.MapFile{Data: data}
	}
	if err := addDocuments(tree, Files()); err != nil {
		return nil, err
	}
	checked, err := Load(tree)
	var problems *Error
	if errors.As(err, &problems) {
		return nil, checkError(problems, files)
	}
	return checked, err
}

// FromDocuments reports whether every source of ds is a document of the
// embedded seed: data that seed files can hold, which Check holds to
// their rules. Data from elsewhere (a synthetic dataset) cites documents
// the seed does not have, and is held to kb's rules alone.
func FromDocuments(ds *kb.Dataset) bool {
	known := func(doc string) bool {
		_, err := fs.Stat(Files(), documentsDir+"/"+doc)
		return err == nil
	}
	for _, st := range ds.Stages {
		if !known(st.Source.Document) {
			return false
		}
	}
	for _, r := range ds.Requirements {
		if !known(r.Source.Document) {
			return false
		}
	}
	for _, t := range ds.Traits {
		if !known(t.Source.Document) {
			return false
		}
	}
	return true
}

// addDocuments copies the documents of fsys into tree.
func addDocuments(tree fstest.MapFS, fsys fs.FS) error {
	return fs.WalkDir(fsys, documentsDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, path)
		if err != nil {
			return fmt.Errorf("read document %s: %w", path, err)
		}
		tree[path] = &fstest.MapFile{Data: data}
		return nil
	})
}

// checkError reports each problem with the node it is about instead of a
// position: the positions point into files that exist only for the check.
func checkError(e *Error, files map[string][]byte) error {
	msgs := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		msgs[i] = p.Message
		if node := nodeAt(files[p.File], p.Line); node != "" {
			msgs[i] = node + ": " + p.Message
		}
	}
	return kb.Errorf(kb.EINVALID, "%s", strings.Join(msgs, "; "))
}

// nodeAt finds the node an exported file describes at a line: the nearest
// "slug:" above it, of the kind its top-level key holds.
func nodeAt(file []byte, line int) string {
	lines := strings.Split(string(file), "\n")
	slug := ""
	for i := min(line, len(lines)) - 1; i >= 0; i-- {
		l := lines[i]
		if rest, ok := strings.CutPrefix(strings.TrimLeft(l, " -"), "slug: "); ok && slug == "" {
			slug = strings.TrimSpace(rest)
		}
		if slug != "" && l != "" && l[0] != ' ' && l[0] != '#' && l[0] != '-' {
			kind := map[string]string{"category:": kb.KindCategory, "skills:": kb.KindSkill, "stage:": kb.KindStage,
				"requirements:": kb.KindRequirement, "traits:": kb.KindTrait}[strings.TrimSpace(l)]
			if kind == "" {
				return ""
			}
			return kb.NodeID(kind, slug)
		}
	}
	return ""
}
