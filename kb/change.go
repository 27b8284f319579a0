package kb

import (
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Change operations.
const (
	OpAdd    = "add"    // a node, or a field of a node, that was not there
	OpRemove = "remove" // a node, or a field of a node, that is gone
	OpChange = "change" // a field whose value changed
)

// Change is one field of one node that differs between two datasets. A node
// added or removed appears as a change with no Field, then one change per
// field it has. Changes of order name the kind in Node ("skills") and
// "order" in Field.
type Change struct {
	Op    string `json:"op"`
	Node  string `json:"node"`
	Field string `json:"field"`
	Old   string `json:"old,omitempty"`
	New   string `json:"new,omitempty"`
}

// ChangeSet is one applied change to the knowledge base: a seed apply or a
// mutation. Versions count up from 1; the knowledge base's version is the
// last change set's.
type ChangeSet struct {
	Version int       `json:"version"`
	At      time.Time `json:"at"`
	Author  string    `json:"author"`
	Message string    `json:"message"`
	Changes []Change  `json:"changes"`
}

// ChangeMeta is what a writer says about a change: who and why.
type ChangeMeta struct {
	Author  string
	Message string
}

// Diff lists, node by node and field by field, what turns old into new:
// nodes in kind order (categories, skills, stages, requirements, traits) and
// data order, fields sorted. It is empty when the datasets hold the same data
// in the same order. Nodes equal in both are compared as they are, not
// rendered as fields: an edit of a large dataset changes a few of them.
func Diff(old, new *Dataset) []Change {
	if old == nil {
		old = &Dataset{}
	}
	if new == nil {
		new = &Dataset{}
	}
	var changes []Change
	changes = diffKind(changes, KindCategory, old.Categories, new.Categories, func(c *Category) string { return c.Slug }, flattenCategory)
	changes = diffKind(changes, KindSkill, old.Skills, new.Skills, func(s *Skill) string { return s.Slug }, flattenSkill)
	changes = diffKind(changes, KindStage, old.Stages, new.Stages, func(s *Stage) string { return s.Slug }, flattenStage)
	changes = diffKind(changes, KindRequirement, old.Requirements, new.Requirements, func(r *Requirement) string { return r.Slug }, flattenRequirement)
	changes = diffKind(changes, KindTrait, old.Traits, new.Traits, func(t *Trait) string { return t.Slug }, flattenTrait)
	return changes
}

// diffKind appends the changes of one kind's nodes: added and changed
// ones in new's order, then removed ones, then the order of the ones both
// keep.
func diffKind[T any](changes []Change, kind string, old, new []T, slug func(*T) string, flatten func(*T) fields) []Change {
	oldAt := make(map[string]int, len(old))
	for i := range old {
		oldAt[slug(&old[i])] = i
	}
	kept := make(map[string]bool, len(new))
	var orderOld, orderNew []string
	for j := range new {
		s := slug(&new[j])
		id := NodeID(kind, s)
		i, existed := oldAt[s]
		switch {
		case !existed:
			changes = append(changes, Change{Op: OpAdd, Node: id})
			changes = append(changes, diffFields(id, nil, flatten(&new[j]))...)
			continue
		case !reflect.DeepEqual(old[i], new[j]):
			changes = append(changes, diffFields(id, flatten(&old[i]), flatten(&new[j]))...)
		}
		kept[s] = true
		orderNew = append(orderNew, id)
	}
	for i := range old {
		s := slug(&old[i])
		id := NodeID(kind, s)
		if !kept[s] {
			changes = append(changes, Change{Op: OpRemove, Node: id})
			changes = append(changes, diffFields(id, flatten(&old[i]), nil)...)
			continue
		}
		orderOld = append(orderOld, id)
	}
	if !slices.Equal(orderOld, orderNew) {
		changes = append(changes, Change{Op: OpChange, Node: kind + "s", Field: "order",
			Old: strings.Join(orderOld, ", "), New: strings.Join(orderNew, ", ")})
	}
	return changes
}

// diffFields compares one node's fields; a nil side means the node is not
// there, so every field of the other side is an add or a remove.
func diffFields(id string, old, new map[string]string) []Change {
	var changes []Change
	for _, f := range unionKeys(old, new) {
		ov, inOld := old[f]
		nv, inNew := new[f]
		switch {
		case inOld && !inNew:
			changes = append(changes, Change{Op: OpRemove, Node: id, Field: f, Old: ov})
		case !inOld && inNew:
			changes = append(changes, Change{Op: OpAdd, Node: id, Field: f, New: nv})
		case ov != nv:
			changes = append(changes, Change{Op: OpChange, Node: id, Field: f, Old: ov, New: nv})
		}
	}
	return changes
}

func unionKeys(a, b map[string]string) []string {
	keys := make([]string, 0, len(a)+len(b))
	for k := range a {
		keys = append(keys, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}

func flattenCategory(c *Category) fields {
	f := fields{}
	f.texts("name", c.Name)
	return f
}

func flattenSkill(s *Skill) fields {
	f := fields{"category": s.Category, "kind": string(s.Kind)}
	f.set("reference", s.Reference)
	f.texts("name", s.Name)
	f.list("aliases", s.Aliases)
	f.list("ambiguous", s.Ambiguous)
	f.list("broader", s.Broader)
	f.list("related", s.Related)
	return f
}

func flattenStage(s *Stage) fields {
	f := fields{}
	f.texts("name", s.Name)
	f.texts("summary", s.Summary)
	f.source(s.Source)
	return f
}

func flattenRequirement(r *Requirement) fields {
	f := fields{"stage": r.Stage, "kind": string(r.Kind)}
	f.texts("text", r.Text)
	for i, c := range r.Needs {
		f[fmt.Sprintf("needs[%d]", i)] = choiceString(c)
	}
	f.source(r.Source)
	return f
}

func flattenTrait(t *Trait) fields {
	f := fields{"stage": t.Stage, "kind": string(t.Kind)}
	f.texts("statement", t.Statement)
	for i, im := range t.Implications {
		f.texts(fmt.Sprintf("implications[%d]", i), im)
	}
	f.list("evidence", t.Evidence)
	f.list("emphasizes", t.Emphasizes)
	f.set("rule", t.Rule.String())
	for i, w := range t.Widens {
		f[fmt.Sprintf("widens[%d]", i)] = w.Requirement + ": " + strings.Join(w.Merge, ", ")
	}
	f.source(t.Source)
	return f
}

// fields is a node's fields as readable strings; empty ones are left out.
type fields map[string]string

func (f fields) texts(name string, t Texts) {
	for _, lang := range t.Present() {
		f[name+"."+string(lang)] = t.Exact(lang)
	}
}

func (f fields) set(name, value string) {
	if value != "" {
		f[name] = value
	}
}

func (f fields) list(name string, items []string) {
	if len(items) > 0 {
		f[name] = strings.Join(items, ", ")
	}
}

func (f fields) source(s Source) {
	if s == (Source{}) {
		return
	}
	f["source.document"] = s.Document
	f["source.section"] = s.Section
	f["source.line"] = strconv.Itoa(s.Line)
	f["source.quote"] = s.Quote
}

// choiceString renders a choice as "any of python, java (such as programming-language)".
func choiceString(c Choice) string {
	s := "any of " + strings.Join(c.AnyOf, ", ")
	if c.SuchAs != "" {
		s += " (such as " + c.SuchAs + ")"
	}
	return s
}
