package seed

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"skillgraph/kb"
)

// validate runs kb.Validate on the dataset and reports each of its problems
// at the YAML it comes from: kb knows the rules, the loader knows the lines.
func (l *loader) validate() {
	err := kb.Validate(&l.ds)
	if err == nil {
		return
	}
	var ve *kb.ValidationError
	if !errors.As(err, &ve) {
		l.add("", 0, 0, err.Error())
		return
	}
	duplicates := map[string]int{}
	for _, p := range ve.Problems {
		l.place(p, duplicates)
	}
}

// place reports one kb problem at its node's field.
func (l *loader) place(p kb.Problem, duplicates map[string]int) {
	refs := l.nodes[p.Node]
	if len(refs) == 0 {
		l.add("", 0, 0, p.String()) // not expected: every node comes from a file
		return
	}
	ref, msg := refs[0], p.Message
	if strings.HasPrefix(msg, "duplicate slug") {
		ref, msg = duplicateOf(refs, p, duplicates)
	}
	switch {
	case p.Field == "stage" && ref.file.stageless:
		return // reported once, as the stage file's missing slug
	case p.Field == "quote" && l.unquoted[p.Node]:
		return // reported as the reason the heading could not be quoted
	}
	if p.Field == "kind" || p.Field == "rule.cue" {
		msg = kindMessageToYAML(msg)
	}
	if at := l.position(p.Other, p.OtherField); at != "" {
		msg += " (at " + at + ")"
	}
	path := ref.at(fieldPath(p.Field)...)
	if s, ok := ref.file.childQuoted(path, msg); ok {
		path = append(path, s)
	}
	l.addAt(ref.file, path, "%s", msg)
}

// position renders where a node's field is written as file:line:col, or ""
// when node is "" or comes from no file.
func (l *loader) position(node, field string) string {
	refs := l.nodes[node]
	if node == "" || len(refs) == 0 {
		return ""
	}
	ref := refs[0]
	line, col := ref.file.locate(ref.at(fieldPath(field)...))
	return fmt.Sprintf("%s:%d:%d", ref.file.name, line, col)
}

// duplicateOf places a duplicate slug. kb reports the second and later nodes
// with a slug, in file order, so the k-th report is about refs[k]; the message
// says where the first one is.
func duplicateOf(refs []nodeRef, p kb.Problem, seen map[string]int) (nodeRef, string) {
	seen[p.Node]++
	first := refs[0]
	line, col := first.file.locate(first.path)
	msg := fmt.Sprintf("%s (first at %s:%d:%d)", p.Message, first.file.name, line, col)
	return refs[min(seen[p.Node], len(refs)-1)], msg
}

// yamlNames maps kb's field names to the keys of the seed files where they
// differ.
var yamlNames = map[string]string{
	"anyOf":    "any_of",
	"suchAs":   "such_as",
	"atLeast":  "at_least",
	"sections": "in",
}

// fieldPath turns a kb field path such as "needs[0].anyOf[2]" into steps
// through the YAML node: needs, 0, any_of, 2.
func fieldPath(field string) []step {
	if field == "" {
		return nil
	}
	var path []step
	for _, part := range strings.Split(field, ".") {
		name, rest, _ := strings.Cut(part, "[")
		if y, ok := yamlNames[name]; ok {
			name = y
		}
		path = append(path, key(name))
		for rest != "" { // "2]" or "0][1]"
			num, after, _ := strings.Cut(rest, "]")
			i, err := strconv.Atoi(num)
			if err != nil || i < 0 {
				break
			}
			path = append(path, index(i))
			rest = strings.TrimPrefix(after, "[")
		}
	}
	return path
}
