package kb

import (
	"fmt"
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
// in the same order.
func Diff(old, new *Dataset) []Change {
	var changes []Change
	a, b := flattenAll(old), flattenAll(new)
	for _, kind := range nodeKinds {
		changes = append(changes, diffNodes(a[kind], b[kind])...)
		if oa, ob := commonOrder(a[kind], b[kind]); !slices.Equal(oa, ob) {
			changes = append(changes, Change{Op: OpChange, Node: kind + "s", Field: "order",
				Old: strings.Join(oa, ", "), New: strings.Join(ob, ", ")})
		}
	}
	return changes
}

var nodeKinds = []string{KindCategory, KindSkill, KindStage, KindRequirement, KindTrait}

// flatNode is a node as field → value, in data order within its kind.
type flatNode struct {
	id     string
	fields map[string]string
}

func diffNodes(old, new []flatNode) []Change {
	var changes []Change
	byID := func(nodes []flatNode) map[string]map[string]string {
		m := make(map[string]map[string]string, len(nodes))
		for _, n := range nodes {
			m[n.id] = n.fields
		}
		return m
	}
	oldByID, newByID := byID(old), byID(new)
	for _, n := range new {
		if _, existed := oldByID[n.id]; !existed {
			changes = append(changes, Change{Op: OpAdd, Node: n.id})
		}
		changes = append(changes, diffFields(n.id, oldByID[n.id], n.fields)...)
	}
	for _, n := range old {
		if _, kept := newByID[n.id]; !kept {
			changes = append(changes, Change{Op: OpRemove, Node: n.id})
			changes = append(changes, diffFields(n.id, n.fields, nil)...)
		}
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

// commonOrder returns the IDs both lists hold, in each list's order.
func commonOrder(old, new []flatNode) (a, b []string) {
	inOld, inNew := map[string]bool{}, map[string]bool{}
	for _, n := range old {
		inOld[n.id] = true
	}
	for _, n := range new {
		inNew[n.id] = true
		if inOld[n.id] {
			b = append(b, n.id)
		}
	}
	for _, n := range old {
		if inNew[n.id] {
			a = append(a, n.id)
		}
	}
	return a, b
}

// flattenAll renders every node of ds as fields, by kind.
func flattenAll(ds *Dataset) map[string][]flatNode {
	out := map[string][]flatNode{}
	if ds == nil {
		return out
	}
	add := func(kind, slug string, f fields) {
		out[kind] = append(out[kind], flatNode{id: NodeID(kind, slug), fields: f})
	}
	for _, c := range ds.Categories {
		f := fields{}
		f.texts("name", c.Name)
		add(KindCategory, c.Slug, f)
	}
	for _, s := range ds.Skills {
		f := fields{"category": s.Category, "kind": string(s.Kind)}
		f.set("reference", s.Reference)
		f.texts("name", s.Name)
		f.list("aliases", s.Aliases)
		f.list("ambiguous", s.Ambiguous)
		f.list("broader", s.Broader)
		f.list("related", s.Related)
		add(KindSkill, s.Slug, f)
	}
	for _, s := range ds.Stages {
		f := fields{}
		f.texts("name", s.Name)
		f.texts("summary", s.Summary)
		f.source(s.Source)
		add(KindStage, s.Slug, f)
	}
	for _, r := range ds.Requirements {
		f := fields{"stage": r.Stage, "kind": string(r.Kind)}
		f.texts("text", r.Text)
		for i, c := range r.Needs {
			f[fmt.Sprintf("needs[%d]", i)] = choiceString(c)
		}
		f.source(r.Source)
		add(KindRequirement, r.Slug, f)
	}
	for _, t := range ds.Traits {
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
		add(KindTrait, t.Slug, f)
	}
	return out
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
