package seed

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"skillgraph/kb"
)

// Export writes ds as seed files in their canonical layout (see README.md):
// one data/vocabulary/<category>.yaml per category and one
// data/stages/<slug>.yaml per stage, keyed by their path relative to the
// seed root. Load reads the files back, next to the
// documents the stages cite, as a dataset equal to ds, empty lists being nil.
//
// Requirements and traits go to their stage's file in their order; Load
// reads them back stage by stage, as it lists them itself; skills likewise
// category by category. Export fails, with an EINVALID error naming each
// reason, when ds cannot be written so: categories or stages out of the
// order of their file names (the order Load reads them in), a slug that
// cannot be a file name, a skill of no category or out of its category's
// run, a requirement or trait of no stage, or a stage whose requirements and
// traits cite more than one document. Before it returns, it decodes every file it wrote the way Load
// does and checks that it reads back as ds.
func Export(ds *kb.Dataset) (map[string][]byte, error) {
	categories, problems := planCategories(ds)
	stages, stageProblems := planStages(ds)
	if problems = append(problems, stageProblems...); len(problems) > 0 {
		return nil, kb.Errorf(kb.EINVALID, "cannot export the seed files:\n%s", strings.Join(problems, "\n"))
	}
	files := map[string][]byte{}
	for _, c := range categories {
		files[c.path] = vocabularyYAML(c)
	}
	for _, st := range stages {
		files[st.path] = stageYAML(st)
	}
	if err := checkExport(ds, categories, stages, files); err != nil {
		return nil, err
	}
	return files, nil
}

// categoryOut is a category with the skills its file holds.
type categoryOut struct {
	path     string // "data/vocabulary/<slug>.yaml"
	category kb.Category
	skills   []kb.Skill
}

// planCategories assigns every skill to its category's file and reports
// whatever keeps ds from being written so: Load reads the files in the order
// of their names, and each file's skills in order, so the skills must come
// category by category in that order.
func planCategories(ds *kb.Dataset) ([]*categoryOut, []string) {
	var (
		problems []string
		out      []*categoryOut
		bySlug   = map[string]*categoryOut{}
	)
	for _, c := range ds.Categories {
		p, ok := dataPath(vocabularyGlob, c.Slug)
		switch {
		case !ok:
			problems = append(problems, fmt.Sprintf("category %q: its slug cannot be a file name", c.Slug))
			continue
		case bySlug[c.Slug] != nil:
			problems = append(problems, fmt.Sprintf("category %q is defined twice", c.Slug))
			continue
		case len(out) > 0 && p < out[len(out)-1].path:
			problems = append(problems, fmt.Sprintf("category %q comes after category %q, but Load reads %s before %s: vocabulary files are read in the order of their names, which is the categories' order",
				c.Slug, out[len(out)-1].category.Slug, p, out[len(out)-1].path))
		}
		co := &categoryOut{path: p, category: c}
		bySlug[c.Slug] = co
		out = append(out, co)
	}
	last := -1 // index in out of the category of the skill before
	for _, s := range ds.Skills {
		co, ok := bySlug[s.Category]
		if !ok {
			problems = append(problems, fmt.Sprintf("skill %q: its category %q has no file to write it to", s.Slug, s.Category))
			continue
		}
		i := slices.Index(out, co)
		if i < last {
			problems = append(problems, fmt.Sprintf("skill %q of category %q comes after a skill of category %q: skills are read category by category, in the order of their files",
				s.Slug, s.Category, out[last].category.Slug))
		}
		last = max(last, i)
		co.skills = append(co.skills, s)
	}
	return out, problems
}

// stageOut is a stage with the requirements and traits its file holds.
type stageOut struct {
	path     string // "data/stages/<slug>.yaml"
	stage    kb.Stage
	document string
	reqs     []kb.Requirement
	traits   []kb.Trait
}

// planStages assigns every requirement and trait to its stage's file and
// reports whatever keeps ds from being written as seed files.
func planStages(ds *kb.Dataset) ([]*stageOut, []string) {
	var (
		problems []string
		out      []*stageOut
		bySlug   = map[string]*stageOut{}
		byPath   = map[string]string{} // lower-cased path → stage slug
	)
	for _, s := range ds.Stages {
		p, ok := dataPath(stagesGlob, s.Slug)
		if !ok {
			problems = append(problems, fmt.Sprintf("stage %q: its slug cannot be a file name", s.Slug))
			continue
		}
		// Lower-cased, so two stages never share a file on a file system
		// that ignores case.
		if other, dup := byPath[strings.ToLower(p)]; dup {
			problems = append(problems, fmt.Sprintf("stages %q and %q would both be written to %s", other, s.Slug, p))
			continue
		}
		if n := len(out); n > 0 && p < out[n-1].path {
			problems = append(problems, fmt.Sprintf("stage %q comes after stage %q, but Load reads %s before %s: stage files are read in the order of their names, which is the stages' order",
				s.Slug, out[n-1].stage.Slug, p, out[n-1].path))
		}
		byPath[strings.ToLower(p)] = s.Slug
		st := &stageOut{path: p, stage: s, document: s.Source.Document}
		bySlug[s.Slug] = st
		out = append(out, st)
	}
	for _, r := range ds.Requirements {
		st, ok := bySlug[r.Stage]
		if !ok {
			problems = append(problems, fmt.Sprintf("requirement %q: its stage %q has no file to write it to", r.Slug, r.Stage))
			continue
		}
		if r.Source.Document != st.document {
			problems = append(problems, documentProblem("requirement", r.Slug, r.Source.Document, st))
		}
		st.reqs = append(st.reqs, r)
	}
	for _, t := range ds.Traits {
		st, ok := bySlug[t.Stage]
		if !ok {
			problems = append(problems, fmt.Sprintf("trait %q: its stage %q has no file to write it to", t.Slug, t.Stage))
			continue
		}
		if t.Source.Document != st.document {
			problems = append(problems, documentProblem("trait", t.Slug, t.Source.Document, st))
		}
		st.traits = append(st.traits, t)
	}
	return out, problems
}

func documentProblem(kind, slug, doc string, st *stageOut) string {
	return fmt.Sprintf("%s %q cites document %q, but its stage %q cites %q: a stage file names one document for the stage and all its requirements and traits",
		kind, slug, doc, st.stage.Slug, st.document)
}

// dataPath returns the file of a stage or a category, "<dir>/<slug>.yaml"
// in the directory of glob, or false when the slug cannot be a file name
// there.
func dataPath(glob, slug string) (string, bool) {
	if slug == "" || slug == "." || slug == ".." || strings.ContainsAny(slug, "/\\\x00") {
		return "", false
	}
	p := path.Join(path.Dir(glob), slug+".yaml")
	if ok, _ := path.Match(glob, p); !ok || !fs.ValidPath(p) {
		return "", false
	}
	return p, true
}

// The fixed comments of the files. Export writes these and the section and
// category comments it derives from the data; no other comment survives it.
const (
	vocabularyHeader = `The skills of one category: the technologies, practices and competencies
the article names, and the data-engineering vocabulary beyond it. The file
is named after its category. Requirements and traits refer to skills by
slug. See seed/README.md for the format; seed.Export writes this layout.

kind: concept for a practice, competency, domain or class of technologies;
  left out for a technology (a product, project, service, language, format).
aliases: other spellings people and postings write; their language is their
  script (Hangul is Korean, Latin belongs to every language).
ambiguous: names that are also ordinary words, which free text must show
  are meant as the skill.
reference: the official page (required for a technology).
broader: the skills this one is part or a kind of. A skill narrower than the
  one a requirement names meets that requirement too (Airflow experience is
  workflow-orchestration experience, which is data-pipeline experience).
related: often mentioned together; informational only, never meets one.`

	stageHeader = `Every bullet of the stage's section of the document is one requirement or
one trait below: ` + "`line`" + ` is its 1-based line in the document and ` + "`quote`" + ` its
verbatim text, both checked by the loader. A requirement's Korean text
defaults to its quote. See seed/README.md for the format; seed.Export writes
this layout.`
)

func vocabularyYAML(co *categoryOut) []byte {
	c := co.category
	w := newYAMLWriter()
	w.comment(0, strings.TrimSuffix("Vocabulary "+c.Slug+": "+c.Name.Get(kb.English), ": "))
	w.line(0, "#")
	w.commentBlock(vocabularyHeader)
	w.blank()
	w.line(0, "category:")
	w.str(2, "slug", c.Slug)
	w.texts(2, "name", c.Name)
	if len(co.skills) == 0 {
		return w.bytes()
	}
	w.blank()
	w.line(0, "skills:")
	for _, s := range co.skills {
		w.item(2)
		w.str(4, "slug", s.Slug)
		if s.Kind != kb.Technology {
			w.str(4, "kind", kindToYAML(string(s.Kind)))
		}
		w.texts(4, "name", s.Name)
		w.list(4, "aliases", s.Aliases)
		w.list(4, "ambiguous", s.Ambiguous)
		w.str(4, "reference", s.Reference)
		w.list(4, "broader", s.Broader)
		w.list(4, "related", s.Related)
		w.endItem()
	}
	return w.bytes()
}

func stageYAML(st *stageOut) []byte {
	s := st.stage
	w := newYAMLWriter()
	w.comment(0, strings.TrimSuffix("Stage "+s.Slug+": "+s.Name.Get(kb.English), ": "))
	w.line(0, "#")
	w.commentBlock(stageHeader)
	w.str(0, "document", st.document)
	w.blank()
	w.line(0, "stage:")
	w.str(2, "slug", s.Slug)
	w.number(2, "line", s.Source.Line)
	w.texts(2, "name", s.Name)
	w.texts(2, "summary", s.Summary)
	if len(st.reqs) > 0 {
		w.blank()
		w.line(0, "requirements:")
		for i, r := range st.reqs {
			w.section(i, r.Source.Section, st.reqs[max(i-1, 0)].Source.Section)
			requirementYAML(w, r)
		}
	}
	if len(st.traits) > 0 {
		w.blank()
		w.line(0, "traits:")
		for i, t := range st.traits {
			w.section(i, t.Source.Section, st.traits[max(i-1, 0)].Source.Section)
			traitYAML(w, t)
		}
	}
	return w.bytes()
}

func requirementYAML(w *yamlWriter, r kb.Requirement) {
	w.item(2)
	w.str(4, "slug", r.Slug)
	w.str(4, "kind", kindToYAML(string(r.Kind)))
	w.number(4, "line", r.Source.Line)
	w.str(4, "quote", r.Source.Quote)
	text := r.Text
	if text.Has(kb.Korean) && text.KO == r.Source.Quote {
		text.KO = "" // Load defaults the Korean text to the quote
	}
	w.texts(4, "text", text)
	if len(r.Needs) > 0 {
		w.line(4, "needs:")
		for _, c := range r.Needs {
			w.item(6)
			w.list(8, "any_of", c.AnyOf)
			w.str(8, "such_as", c.SuchAs)
			w.endItem()
		}
	}
	w.endItem()
}

func traitYAML(w *yamlWriter, t kb.Trait) {
	w.item(2)
	w.str(4, "slug", t.Slug)
	w.str(4, "kind", kindToYAML(string(t.Kind)))
	w.number(4, "line", t.Source.Line)
	w.str(4, "quote", t.Source.Quote)
	w.texts(4, "statement", t.Statement)
	if len(t.Implications) > 0 {
		// One style for the whole list, so its items line up.
		flow := !slices.ContainsFunc(t.Implications, func(im kb.Texts) bool {
			_, ok := flowTexts(im)
			return !ok
		})
		w.line(4, "implications:")
		for _, im := range t.Implications {
			w.item(6)
			if s, _ := flowTexts(im); flow && !im.IsZero() {
				w.line(8, s)
			} else {
				w.textsBlock(8, im)
			}
			w.endItem()
		}
	}
	w.list(4, "evidence", t.Evidence)
	w.list(4, "emphasizes", t.Emphasizes)
	if len(t.Widens) > 0 {
		w.line(4, "widens:")
		for _, wd := range t.Widens {
			w.item(6)
			w.str(8, "requirement", wd.Requirement)
			w.list(8, "merge", wd.Merge)
			w.endItem()
		}
	}
	if r := t.Rule; r != nil {
		w.line(4, "rule:")
		w.str(6, "cue", kindToYAML(string(r.Cue)))
		w.list(6, "in", r.Sections)
		w.list(6, "terms", r.Terms)
		w.list(6, "skills", r.Skills)
		w.number(6, "at_least", r.AtLeast)
		w.float(6, "weight", r.Weight)
		w.float(6, "max", r.Max)
	}
	w.endItem()
}

// kindToYAML writes a kind as the files spell it: "posting_signal".
func kindToYAML(kind string) string { return strings.ToLower(kind) }

// yamlWriter writes the canonical layout line by line. A list item's "- "
// goes before the first line written after item, at the item's indent.
type yamlWriter struct {
	buf  bytes.Buffer
	dash int // indent of the "- " of an item with no line yet, or -1
}

func newYAMLWriter() *yamlWriter { return &yamlWriter{dash: -1} }

func (w *yamlWriter) bytes() []byte { return w.buf.Bytes() }

func (w *yamlWriter) line(indent int, s string) {
	if w.dash >= 0 {
		indent = w.dash
		s = "- " + s
		w.dash = -1
	}
	w.buf.WriteString(strings.Repeat(" ", indent))
	w.buf.WriteString(s)
	w.buf.WriteByte('\n')
}

func (w *yamlWriter) blank() { w.buf.WriteByte('\n') }

// item starts a list item at indent; its fields go at indent+2.
func (w *yamlWriter) item(indent int) { w.dash = indent }

// endItem ends a list item, writing it as an empty mapping if it wrote no
// field.
func (w *yamlWriter) endItem() {
	if w.dash >= 0 {
		w.line(0, "{}")
	}
}

// comment writes text as a one-line comment. Line breaks and other
// invisible characters become spaces, so data cannot end the comment.
func (w *yamlWriter) comment(indent int, text string) {
	text = strings.Join(strings.FieldsFunc(text, func(r rune) bool { return !isGraphic(r) || r == ' ' }), " ")
	if text != "" {
		w.line(indent, "# "+text)
	}
}

// commentBlock writes fixed text as comment lines, a blank line as "#".
func (w *yamlWriter) commentBlock(text string) {
	for l := range strings.SplitSeq(text, "\n") {
		w.line(0, strings.TrimRight("# "+l, " "))
	}
}

// section starts a run of requirements or traits under one heading of the
// document with a comment naming it: the last part of the section.
func (w *yamlWriter) section(i int, section, prev string) {
	if i > 0 && section == prev {
		return
	}
	if i > 0 {
		w.blank()
	}
	if at := strings.LastIndex(section, sectionSep); at >= 0 {
		section = section[at+len(sectionSep):]
	}
	w.comment(2, section)
}

// sectionSep joins the headings of a kb.Source's Section; see
// document.section.
const sectionSep = " › "

func (w *yamlWriter) str(indent int, key, value string) {
	if value != "" {
		w.line(indent, key+": "+scalar(value, blockContext))
	}
}

func (w *yamlWriter) float(indent int, key string, x float64) {
	if x != 0 {
		w.line(indent, key+": "+strconv.FormatFloat(x, 'g', -1, 64))
	}
}

func (w *yamlWriter) number(indent int, key string, n int) {
	if n != 0 {
		w.line(indent, key+": "+strconv.Itoa(n))
	}
}

// list writes a list of slugs or aliases as a flow sequence, [a, b].
func (w *yamlWriter) list(indent int, key string, items []string) {
	if len(items) == 0 {
		return
	}
	quoted := make([]string, len(items))
	for i, s := range items {
		quoted[i] = scalar(s, flowContext)
	}
	w.line(indent, key+": ["+strings.Join(quoted, ", ")+"]")
}

// texts writes a text in several languages: {ko: …, en: …} when it fits on
// a line unquoted, else a block mapping.
func (w *yamlWriter) texts(indent int, key string, t kb.Texts) {
	if t.IsZero() {
		return
	}
	if flow, ok := flowTexts(t); ok {
		w.line(indent, key+": "+flow)
		return
	}
	w.line(indent, key+":")
	w.textsBlock(indent+2, t)
}

// textsBlock writes a text's languages at indent, one "lang: text" line
// each.
func (w *yamlWriter) textsBlock(indent int, t kb.Texts) {
	for _, l := range langOrder(t) {
		w.line(indent, scalar(string(l), blockContext)+": "+scalar(t.Exact(l), blockContext))
	}
}

// maxFlowRunes is the length up to which the values of a text go on one
// line, {ko: …, en: …}.
const maxFlowRunes = 50

func flowTexts(t kb.Texts) (string, bool) {
	var parts []string
	for _, l := range langOrder(t) {
		s := t.Exact(l)
		if len([]rune(s)) > maxFlowRunes || !plainSafe(s, flowContext) || !plainSafe(string(l), flowContext) {
			return "", false
		}
		parts = append(parts, string(l)+": "+s)
	}
	return "{" + strings.Join(parts, ", ") + "}", true
}

// langOrder is the order a text's languages are written in: Korean,
// English, then Japanese.
func langOrder(t kb.Texts) []kb.Lang {
	var langs []kb.Lang
	for _, l := range []kb.Lang{kb.Korean, kb.English, kb.Japanese} {
		if t.Has(l) {
			langs = append(langs, l)
		}
	}
	return langs
}

// checkExport decodes the files as Load does and checks that they read back
// as ds, requirements and traits grouped by stage. What only the documents
// can tell, the headings a node sits under, is taken from ds.
func checkExport(ds *kb.Dataset, categories []*categoryOut, stages []*stageOut, files map[string][]byte) error {
	l := &loader{}
	got := &kb.Dataset{}
	want := &kb.Dataset{Categories: ds.Categories, Stages: ds.Stages}
	for _, co := range categories {
		want.Skills = append(want.Skills, co.skills...)
		var raw rawVocabularyFile
		decodeExported(l, co.path, files[co.path], &raw)
		got.Categories = append(got.Categories, raw.Category.toKB())
		for _, s := range raw.Skills {
			got.Skills = append(got.Skills, s.toKB(raw.Category.Slug))
		}
	}
	for _, st := range stages {
		want.Requirements = append(want.Requirements, st.reqs...)
		want.Traits = append(want.Traits, st.traits...)
		var raw rawStageFile
		decodeExported(l, st.path, files[st.path], &raw)
		src := kb.Source{Document: raw.Document, Line: raw.Stage.Line,
			Section: st.stage.Source.Section, Quote: st.stage.Source.Quote}
		got.Stages = append(got.Stages, kb.Stage{Slug: raw.Stage.Slug, Name: raw.Stage.Name.toKB(), Summary: raw.Stage.Summary.toKB(), Source: src})
		for i, r := range raw.Requirements {
			src := kb.Source{Document: raw.Document, Line: r.Line, Quote: r.Quote}
			if i < len(st.reqs) {
				src.Section = st.reqs[i].Source.Section
			}
			got.Requirements = append(got.Requirements, r.toKB(raw.Stage.Slug, src))
		}
		for i, t := range raw.Traits {
			src := kb.Source{Document: raw.Document, Line: t.Line, Quote: t.Quote}
			if i < len(st.traits) {
				src.Section = st.traits[i].Source.Section
			}
			got.Traits = append(got.Traits, t.toKB(raw.Stage.Slug, src))
		}
	}
	if len(l.problems) > 0 {
		return fmt.Errorf("export seed: the files written do not decode: %w", newError(l.problems))
	}
	if diff := datasetDiff(want, got); diff != "" {
		return kb.Errorf(kb.EINVALID, "cannot export the seed files: %s", diff)
	}
	return nil
}

func decodeExported(l *loader, name string, data []byte, v any) {
	if f, ok := l.parseYAML(name, data); ok {
		l.decodeInto(f, v)
	}
}

// datasetDiff names the first node of want that got differs in, or returns
// "" when they are equal, empty lists and texts being equal to nil ones.
func datasetDiff(want, got *kb.Dataset) string {
	return cmp.Or(
		listDiff(kb.KindCategory, want.Categories, got.Categories, func(c kb.Category) string { return c.Slug }),
		listDiff(kb.KindSkill, want.Skills, got.Skills, func(s kb.Skill) string { return s.Slug }),
		listDiff(kb.KindStage, want.Stages, got.Stages, func(s kb.Stage) string { return s.Slug }),
		listDiff(kb.KindRequirement, want.Requirements, got.Requirements, func(r kb.Requirement) string { return r.Slug }),
		listDiff(kb.KindTrait, want.Traits, got.Traits, func(t kb.Trait) string { return t.Slug }))
}

func listDiff[T any](kind string, want, got []T, slug func(T) string) string {
	for i := range max(len(want), len(got)) {
		switch {
		case i >= len(got):
			return fmt.Sprintf("%s would be missing when read back", kb.NodeID(kind, slug(want[i])))
		case i >= len(want):
			return fmt.Sprintf("an extra %s would be read back", kb.NodeID(kind, slug(got[i])))
		case !sameData(reflect.ValueOf(want[i]), reflect.ValueOf(got[i])):
			return fmt.Sprintf("%s would read back as %+v, not %+v", kb.NodeID(kind, slug(want[i])), got[i], want[i])
		}
	}
	return ""
}

// sameData is reflect.DeepEqual for plain data, except that an empty slice
// or map equals a nil one.
func sameData(a, b reflect.Value) bool {
	switch a.Kind() {
	case reflect.Pointer:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		return sameData(a.Elem(), b.Elem())
	case reflect.Slice:
		if a.Len() != b.Len() {
			return false
		}
		for i := range a.Len() {
			if !sameData(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	case reflect.Map:
		if a.Len() != b.Len() {
			return false
		}
		for it := a.MapRange(); it.Next(); {
			bv := b.MapIndex(it.Key())
			if !bv.IsValid() || !sameData(it.Value(), bv) {
				return false
			}
		}
		return true
	case reflect.Struct:
		for i := range a.NumField() {
			if !sameData(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	}
	return a.Equal(b)
}

// WriteDir writes files, as Export returns them, into the seed tree rooted
// at dir, each atomically: written in full to a temporary file, then renamed
// over the old one. It creates the directories it needs, and removes every
// data/vocabulary/*.yaml and data/stages/*.yaml that files lacks, so a
// category or stage deleted from the dataset is deleted from the tree. It leaves documents/ alone; when dir has none,
// it copies the embedded documents (Files()), so that the tree loads on its
// own.
func WriteDir(dir string, files map[string][]byte) error {
	names := slices.Sorted(maps.Keys(files))
	for _, name := range names {
		if !fs.ValidPath(name) || name == "." || strings.Contains(name, `\`) {
			return fmt.Errorf("write seed: %q is not a path inside the seed tree", name)
		}
	}
	for _, name := range names {
		if err := writeFileAtomic(filepath.Join(dir, filepath.FromSlash(name)), files[name]); err != nil {
			return fmt.Errorf("write seed: %w", err)
		}
	}
	for _, glob := range []string{vocabularyGlob, stagesGlob} {
		if err := removeStale(dir, glob, files); err != nil {
			return fmt.Errorf("write seed: %w", err)
		}
	}
	docs := filepath.Join(dir, documentsDir)
	switch _, err := os.Stat(docs); {
	case errors.Is(err, fs.ErrNotExist):
		if err := copyDocuments(dir); err != nil {
			return fmt.Errorf("write seed: copy the documents: %w", err)
		}
	case err != nil:
		return fmt.Errorf("write seed: %w", err)
	}
	return nil
}

// removeStale removes the files under dir matching glob that files lacks.
func removeStale(dir, glob string, files map[string][]byte) error {
	dataDir := path.Dir(glob)
	entries, err := os.ReadDir(filepath.Join(dir, filepath.FromSlash(dataDir)))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	} else if err != nil {
		return err
	}
	for _, e := range entries {
		name := path.Join(dataDir, e.Name())
		if ok, _ := path.Match(glob, name); !ok || !e.Type().IsRegular() {
			continue
		}
		if _, keep := files[name]; !keep {
			if err := os.Remove(filepath.Join(dir, filepath.FromSlash(name))); err != nil {
				return err
			}
		}
	}
	return nil
}

func copyDocuments(dir string) error {
	return fs.WalkDir(Files(), documentsDir, func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(Files(), name)
		if err != nil {
			return err
		}
		return writeFileAtomic(filepath.Join(dir, filepath.FromSlash(name)), data)
	})
}

// writeFileAtomic replaces name with data, so a reader sees the old file or
// the new one, never part of one. A file that already holds data is left
// untouched; a new file gets mode 0644, a replaced one keeps its mode.
func writeFileAtomic(name string, data []byte) (err error) {
	dir := filepath.Dir(name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	perm := fs.FileMode(0o644)
	if info, err := os.Stat(name); err == nil && info.Mode().IsRegular() {
		if old, err := os.ReadFile(name); err == nil && bytes.Equal(old, data) {
			return nil
		}
		perm = info.Mode().Perm()
	}
	// The temporary name ends in ".tmp", so a crash never leaves a file
	// that Load would read as a stage.
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(name)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return err
	}
	if err := tmp.Chmod(perm); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}
