// Package seed holds the knowledge base's seed data and loads it into a
// kb.Dataset.
//
// The seed files are the human-editable source of truth: the store is built
// from them, never the other way round. Each data/vocabulary/<category>.yaml
// holds one skill category and its skills: the article's and the curated
// data-engineering vocabulary beyond it. Each data/stages/*.yaml describes
// one company stage of an article under documents/, one requirement or trait
// per bullet of the article, each citing its line and quoting it verbatim.
// See README.md for the format.
//
// Load checks the files as it reads them and reports every mistake at once,
// each at its file, line and column, so a person editing the data can fix
// them all in one go.
package seed

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"skillgraph/kb"
)

//go:embed data documents
var files embed.FS

// Files returns the embedded seed tree, whose root holds data/ and
// documents/.
func Files() fs.FS { return files }

const (
	vocabularyGlob = "data/vocabulary/*.yaml"
	stagesGlob     = "data/stages/*.yaml"
	documentsDir   = "documents"
	// legacySkillsPath is where skills lived before the vocabulary: a
	// tree that still has it is told where they went.
	legacySkillsPath = "data/skills.yaml"
)

// Load reads the seed tree rooted at fsys (such as Files()) into a Dataset.
// Vocabulary and stage files are read in lexical order of their names, which
// is the order of the categories (and their skills) and of the stages. When the data is wrong it returns a *Error listing every problem,
// including those kb.Validate finds, placed at the YAML they come from.
// Other errors are failures to read fsys.
func Load(fsys fs.FS) (*kb.Dataset, error) {
	l := &loader{
		fsys:     fsys,
		nodes:    map[string][]nodeRef{},
		docs:     map[string]*document{},
		claims:   map[citedLine]citation{},
		unquoted: map[string]bool{},
	}
	if err := l.loadSkills(); err != nil {
		return nil, err
	}
	if err := l.loadStages(); err != nil {
		return nil, err
	}
	// A file that could not be decoded is missing from the dataset; the
	// cross-file checks would only repeat that as unknown references.
	if !l.broken {
		l.validate()
	}
	if len(l.problems) > 0 {
		return nil, newError(l.problems)
	}
	return &l.ds, nil
}

// loader collects the dataset and its problems while it reads the files.
type loader struct {
	fsys     fs.FS
	ds       kb.Dataset
	problems []Problem
	broken   bool                 // some file could not be decoded
	nodes    map[string][]nodeRef // node ID → where each node with that ID is written
	docs     map[string]*document // documents read so far, by file name
	claims   map[citedLine]citation
	unquoted map[string]bool // stages whose heading could not be quoted
}

// nodeRef is where a node is written: its file and its path in the file.
type nodeRef struct {
	file *yamlFile
	path []step
}

// at returns the path of a field of the node. It copies, so paths of
// sibling fields never share a backing array.
func (r nodeRef) at(steps ...step) []step {
	return append(slices.Clip(r.path), steps...)
}

func (l *loader) track(id string, ref nodeRef) {
	l.nodes[id] = append(l.nodes[id], ref)
}

func (l *loader) add(file string, line, col int, msg string) {
	l.problems = append(l.problems, Problem{File: file, Line: line, Col: col, Message: msg})
}

// addAt reports a problem at path in f, or as near it as the file allows.
func (l *loader) addAt(f *yamlFile, path []step, format string, args ...any) {
	line, col := f.locate(path)
	l.add(f.name, line, col, fmt.Sprintf(format, args...))
}

// readFile reads a seed file. A missing file is a problem of the data; any
// other failure is an error of fsys and ends the load.
func (l *loader) readFile(name string) ([]byte, bool, error) {
	data, err := fs.ReadFile(l.fsys, name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, false, nil
	case err != nil:
		return nil, false, fmt.Errorf("load seed %s: %w", name, err)
	}
	return data, true, nil
}

// readYAML reads, parses and decodes a seed file into v. It reports false
// when the file is missing or unreadable as YAML; the dataset then lacks it.
func (l *loader) readYAML(name string, v any) (*yamlFile, bool, error) {
	data, ok, err := l.readFile(name)
	if err != nil {
		return nil, false, err
	}
	if !ok {
		l.add(name, 0, 0, "missing seed file")
		l.broken = true
		return nil, false, nil
	}
	f, ok := l.parseYAML(name, data)
	if !ok || !l.decodeInto(f, v) {
		l.broken = true
		return nil, false, nil
	}
	return f, true, nil
}

func (l *loader) loadSkills() error {
	if _, err := fs.Stat(l.fsys, legacySkillsPath); err == nil {
		l.add(legacySkillsPath, 1, 1, "skills are no longer read from this file: move each category and its skills to data/vocabulary/<category>.yaml (see seed/README.md)")
	}
	names, err := fs.Glob(l.fsys, vocabularyGlob)
	if err != nil {
		return fmt.Errorf("load seed %s: %w", vocabularyGlob, err)
	}
	if len(names) == 0 {
		l.add(path.Dir(vocabularyGlob), 0, 0, "no vocabulary files (<category>.yaml)")
	}
	slices.Sort(names) // the categories' order, part of the format
	for _, name := range names {
		if err := l.loadVocabulary(name); err != nil {
			return err
		}
	}
	return nil
}

// loadVocabulary reads one category and its skills. The file is named after
// the category, so every skill has one place to be written back to.
func (l *loader) loadVocabulary(name string) error {
	var raw rawVocabularyFile
	f, ok, err := l.readYAML(name, &raw)
	if !ok {
		return err
	}
	c := raw.Category
	want := strings.TrimSuffix(path.Base(name), ".yaml")
	switch {
	case c.Slug == "":
		l.addAt(f, []step{key("category"), key("slug")}, "the vocabulary file names no category: category.slug is missing")
	case c.Slug != want:
		l.addAt(f, []step{key("category"), key("slug")}, "category %q is in %s: a vocabulary file is named after its category (%s)", c.Slug, name, vocabularyPath(c.Slug))
	}
	l.ds.Categories = append(l.ds.Categories, c.toKB())
	l.track(kb.NodeID(kb.KindCategory, c.Slug), nodeRef{f, []step{key("category")}})
	for i, s := range raw.Skills {
		ref := nodeRef{f, []step{key("skills"), index(i)}}
		skill := s.toKB(c.Slug)
		if skill.Kind == kb.Technology && skill.Reference == "" {
			l.addAt(f, ref.at(key("reference")), "missing the reference: a technology needs the address of its official page (https://…)")
		}
		l.ds.Skills = append(l.ds.Skills, skill)
		l.track(kb.NodeID(kb.KindSkill, s.Slug), ref)
	}
	return nil
}

// vocabularyPath is the file of a category's skills.
func vocabularyPath(category string) string {
	return path.Join(path.Dir(vocabularyGlob), category+".yaml")
}

func (l *loader) loadStages() error {
	names, err := fs.Glob(l.fsys, stagesGlob)
	if err != nil {
		return fmt.Errorf("load seed %s: %w", stagesGlob, err)
	}
	if len(names) == 0 {
		l.add("data/stages", 0, 0, "no stage files (*.yaml)")
	}
	slices.Sort(names) // the stages' order; fs.Glob sorts, but the order is part of the format
	for _, name := range names {
		if err := l.loadStage(name); err != nil {
			return err
		}
	}
	return nil
}
