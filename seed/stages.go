package seed

import (
	"fmt"
	"path"
	"strings"

	"skillgraph/kb"
)

// citedLine is a line of a document that a node cites.
type citedLine struct {
	document string
	line     int
}

// citation is the node that cites a line first.
type citation struct {
	id  string
	ref nodeRef
}

// stageFile is what the nodes of one stage file share while they are read.
type stageFile struct {
	file    *yamlFile
	stage   string    // the stage's slug
	docName string    // the file name the stage file gives
	doc     *document // nil when it cannot be read; its checks are skipped
	heading int       // line of the stage's "## " heading, 0 when unknown
}

func (l *loader) loadStage(name string) error {
	var raw rawStageFile
	f, ok, err := l.readYAML(name, &raw)
	if !ok {
		return err
	}
	doc, err := l.stageDocument(f, raw.Document)
	if err != nil {
		return err
	}
	sf := &stageFile{file: f, stage: raw.Stage.Slug, docName: raw.Document, doc: doc}
	l.addStage(sf, raw.Stage)
	for i, r := range raw.Requirements {
		ref := nodeRef{f, []step{key("requirements"), index(i)}}
		id := kb.NodeID(kb.KindRequirement, r.Slug)
		l.ds.Requirements = append(l.ds.Requirements, r.toKB(sf.stage, l.cite(sf, ref, id, r.Line, r.Quote)))
		l.track(id, ref)
	}
	for i, t := range raw.Traits {
		ref := nodeRef{f, []step{key("traits"), index(i)}}
		id := kb.NodeID(kb.KindTrait, t.Slug)
		l.ds.Traits = append(l.ds.Traits, t.toKB(sf.stage, l.cite(sf, ref, id, t.Line, t.Quote)))
		l.track(id, ref)
	}
	return nil
}

// addStage adds the stage a stage file describes. A file without a stage slug
// adds none: its requirements and traits then belong to no stage, which is
// reported once here rather than once per node by kb.Validate.
func (l *loader) addStage(sf *stageFile, raw rawStage) {
	ref := nodeRef{sf.file, []step{key("stage")}}
	if raw.Slug == "" {
		sf.file.stageless = true
		l.addAt(sf.file, ref.at(key("slug")), "the stage file names no stage: stage.slug is missing")
		return
	}
	id := kb.NodeID(kb.KindStage, raw.Slug)
	src, ok := l.stageSource(sf, ref, raw.Line)
	if !ok {
		// A stage's quote is its heading, not a key of the file: kb's
		// report of it missing would only repeat why it could not be read.
		l.unquoted[id] = true
	}
	l.ds.Stages = append(l.ds.Stages, kb.Stage{
		Slug:    raw.Slug,
		Name:    raw.Name.toKB(),
		Summary: raw.Summary.toKB(),
		Source:  src,
	})
	l.track(id, ref)
}

// stageDocument reads the document a stage file cites, once per load. It
// reports a problem and returns nil when the file cannot be found.
func (l *loader) stageDocument(f *yamlFile, name string) (*document, error) {
	at := []step{key("document")}
	switch {
	case name == "":
		l.addAt(f, at, "missing document: the file name of the article under %s/", documentsDir)
		return nil, nil
	case strings.ContainsAny(name, `/\`) || name == "." || name == "..":
		// A bare name keeps every cited document inside documents/.
		l.addAt(f, at, "document %q must be a file name under %s/, without directories", name, documentsDir)
		return nil, nil
	}
	if doc, ok := l.docs[name]; ok {
		return doc, nil
	}
	data, ok, err := l.readFile(path.Join(documentsDir, name))
	if err != nil {
		return nil, err
	}
	if !ok {
		l.addAt(f, at, "document %q does not exist under %s/", name, documentsDir)
		return nil, nil
	}
	doc := parseDocument(name, data)
	l.docs[name] = doc
	return doc, nil
}

// stageSource checks that a stage's line is a "## " heading and cites it. It
// reports false when the heading could not be read; the reason is reported
// already, except a line below 1, which kb.Validate reports.
func (l *loader) stageSource(sf *stageFile, ref nodeRef, line int) (kb.Source, bool) {
	src := kb.Source{Document: sf.docName, Line: line}
	if sf.doc == nil || line < 1 {
		return src, false
	}
	at := ref.at(key("line"))
	text, ok := sf.doc.line(line)
	if !ok {
		l.addAt(sf.file, at, "%s", outOfRange(sf.doc, line))
		return src, false
	}
	title, ok := headingText(text, 2)
	if !ok {
		l.addAt(sf.file, at, "line %d of %s is not a \"## \" heading: %q", line, sf.doc.name, text)
		return src, false
	}
	sf.heading = line
	src.Section, src.Quote = title, title
	l.claim(sf, ref, kb.NodeID(kb.KindStage, sf.stage), line)
	return src, true
}

// cite checks a requirement's or trait's line and quote against the
// document and returns its source. A line below 1 or an empty quote is left
// to kb.Validate, which reports both.
func (l *loader) cite(sf *stageFile, ref nodeRef, id string, line int, quote string) kb.Source {
	src := kb.Source{Document: sf.docName, Line: line, Quote: quote}
	if sf.doc == nil || line < 1 {
		return src
	}
	text, ok := sf.doc.line(line)
	if !ok {
		l.addAt(sf.file, ref.at(key("line")), "%s", outOfRange(sf.doc, line))
		return src
	}
	want, isBullet := bulletText(text)
	switch {
	case !isBullet:
		l.addAt(sf.file, ref.at(key("line")), "line %d of %s is not a list item (- …): %q", line, sf.doc.name, text)
	case quote != "" && quote != want:
		l.addAt(sf.file, ref.at(key("quote")), "quote does not match line %d of %s: want %q", line, sf.doc.name, want)
	}
	section, h2 := sf.doc.section(line)
	src.Section = section
	if sf.heading > 0 && h2 != sf.heading {
		l.addAt(sf.file, ref.at(key("line")), "line %d of %s is outside this stage's section (the \"## \" heading on line %d)", line, sf.doc.name, sf.heading)
	}
	l.claim(sf, ref, id, line)
	return src
}

func outOfRange(doc *document, line int) string {
	return fmt.Sprintf("line %d is out of range: %s has %d lines", line, doc.name, len(doc.lines))
}

// claim records that node id, written at ref, cites line. Two nodes citing
// one line would count one bullet twice.
func (l *loader) claim(sf *stageFile, ref nodeRef, id string, line int) {
	k := citedLine{sf.doc.name, line}
	first, taken := l.claims[k]
	if !taken {
		l.claims[k] = citation{id, ref}
		return
	}
	fl, fc := first.ref.file.locate(first.ref.path)
	l.addAt(sf.file, ref.at(key("line")), "line %d of %s is already cited by %s (%s:%d:%d); a line is one stage, requirement or trait",
		line, sf.doc.name, first.id, first.ref.file.name, fl, fc)
}
