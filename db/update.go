package db

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"skillgraph/kb"
)

// update writes what turns old, the data stored, into ds: only the nodes
// changes (kb.Diff(old, ds)) name, and the places of the nodes that moved.
// An admin edit of a graph of 100,000 requirements touches a few rows, not
// millions.
//
// It goes in three steps, each a pass over the kinds in the order their
// foreign keys need: the rows of changed nodes are cleared and removed
// nodes deleted (traits first, categories last), then the moved nodes take
// their new places, then changed nodes get their rows again and added
// nodes are inserted (categories first). Clearing everything before
// inserting anything lets an alias, say, move from one skill to another
// in one edit.
func (w *writer) update(ctx context.Context, old, ds *kb.Dataset, changes []kb.Change) error {
	added, removed, changed := classify(changes)
	oldPos, newPos := positions(old), positions(ds)
	for _, id := range changed {
		if err := w.clear(ctx, id); err != nil {
			return err
		}
	}
	if err := w.remove(ctx, removed); err != nil {
		return err
	}
	if err := w.move(ctx, oldPos, newPos, added); err != nil {
		return err
	}
	isAdded, isChanged := set(added), set(changed)
	for i, c := range ds.Categories {
		id := kb.NodeID(kb.KindCategory, c.Slug)
		switch {
		case isAdded[id]:
			if err := w.category(ctx, i, c); err != nil {
				return err
			}
		case isChanged[id]:
			if err := w.texts(ctx, id, kb.FieldName, 0, c.Name); err != nil {
				return err
			}
		}
	}
	for i := range ds.Skills {
		s := &ds.Skills[i]
		id := kb.NodeID(kb.KindSkill, s.Slug)
		switch {
		case isAdded[id]:
			if err := w.skill(ctx, i, s); err != nil {
				return err
			}
		case isChanged[id]:
			err := w.exec(ctx, fmt.Sprintf("skill %q", s.Slug), `UPDATE skill SET category = ?, kind = ?, reference = ? WHERE node = ?`,
				kb.NodeID(kb.KindCategory, s.Category), string(s.Kind), s.Reference, id)
			if err == nil {
				err = w.skillParts(ctx, s)
			}
			if err != nil {
				return err
			}
		}
	}
	for i := range ds.Skills {
		s := &ds.Skills[i]
		if id := kb.NodeID(kb.KindSkill, s.Slug); isAdded[id] || isChanged[id] {
			if err := w.relations(ctx, s); err != nil {
				return err
			}
		}
	}
	for i := range ds.Stages {
		s := &ds.Stages[i]
		id := kb.NodeID(kb.KindStage, s.Slug)
		switch {
		case isAdded[id]:
			if err := w.stage(ctx, i, s); err != nil {
				return err
			}
		case isChanged[id]:
			if err := w.stageParts(ctx, s); err != nil {
				return err
			}
		}
	}
	for i := range ds.Requirements {
		r := &ds.Requirements[i]
		id := kb.NodeID(kb.KindRequirement, r.Slug)
		switch {
		case isAdded[id]:
			if err := w.requirement(ctx, i, r); err != nil {
				return err
			}
		case isChanged[id]:
			err := w.exec(ctx, fmt.Sprintf("requirement %q", r.Slug), `UPDATE requirement SET stage = ?, kind = ? WHERE node = ?`,
				kb.NodeID(kb.KindStage, r.Stage), string(r.Kind), id)
			if err == nil {
				err = w.requirementParts(ctx, r)
			}
			if err != nil {
				return err
			}
		}
	}
	for i := range ds.Traits {
		t := &ds.Traits[i]
		id := kb.NodeID(kb.KindTrait, t.Slug)
		switch {
		case isAdded[id]:
			if err := w.trait(ctx, i, t); err != nil {
				return err
			}
		case isChanged[id]:
			rule, err := encodeRule(t.Rule)
			if err != nil {
				return fmt.Errorf("the rule of trait %q: %w", t.Slug, err)
			}
			err = w.exec(ctx, fmt.Sprintf("trait %q", t.Slug), `UPDATE trait SET stage = ?, kind = ?, rule = ? WHERE node = ?`,
				kb.NodeID(kb.KindStage, t.Stage), string(t.Kind), rule, id)
			if err == nil {
				err = w.traitParts(ctx, t)
			}
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// classify sorts the nodes changes name into added, removed, and changed
// (in both datasets, with a field that differs), each in the order of
// changes.
func classify(changes []kb.Change) (added, removed, changed []string) {
	seen := map[string]bool{}
	for _, c := range changes {
		if !strings.Contains(c.Node, ":") {
			continue // an order change names a kind: positions are compared instead
		}
		switch {
		case c.Field == "" && c.Op == kb.OpAdd:
			added = append(added, c.Node)
			seen[c.Node] = true
		case c.Field == "" && c.Op == kb.OpRemove:
			removed = append(removed, c.Node)
			seen[c.Node] = true
		}
	}
	for _, c := range changes {
		if strings.Contains(c.Node, ":") && !seen[c.Node] {
			changed = append(changed, c.Node)
			seen[c.Node] = true
		}
	}
	return added, removed, changed
}

// clear deletes a changed node's rows but its node row and its kind's row,
// which the insert step updates: texts, source, and its kind's parts.
func (w *writer) clear(ctx context.Context, id string) error {
	what := "the old rows of " + id
	queries := []string{`DELETE FROM text WHERE node = ?`, `DELETE FROM source WHERE node = ?`}
	switch kind, _, _ := strings.Cut(id, ":"); kind {
	case kb.KindSkill:
		queries = append(queries, `DELETE FROM skill_alias WHERE skill = ?`, `DELETE FROM alias_search WHERE skill = ?`,
			`DELETE FROM skill_ambiguous WHERE skill = ?`, `DELETE FROM skill_relation WHERE skill = ?`)
	case kb.KindRequirement:
		queries = append(queries, `DELETE FROM requirement_choice WHERE requirement = ?`) // and their skills
	case kb.KindTrait:
		queries = append(queries, `DELETE FROM trait_evidence WHERE trait = ?`, `DELETE FROM trait_emphasis WHERE trait = ?`,
			`DELETE FROM trait_widening WHERE trait = ?`) // and their skills
	}
	for _, q := range queries {
		if err := w.exec(ctx, what, q, id); err != nil {
			return err
		}
	}
	return nil
}

// remove deletes removed nodes, which takes their rows with them: traits
// first and categories last, as each kind refers to the ones before it,
// and a removed skill's own relations before any skill, as skills refer
// to each other.
func (w *writer) remove(ctx context.Context, removed []string) error {
	byKind := map[string][]string{}
	for _, id := range removed {
		kind, _, _ := strings.Cut(id, ":")
		byKind[kind] = append(byKind[kind], id)
	}
	for _, id := range byKind[kb.KindSkill] {
		for _, q := range []string{`DELETE FROM skill_relation WHERE skill = ?`, `DELETE FROM alias_search WHERE skill = ?`} {
			if err := w.exec(ctx, "the relations of "+id, q, id); err != nil {
				return err
			}
		}
	}
	for _, kind := range []string{kb.KindTrait, kb.KindRequirement, kb.KindStage, kb.KindSkill, kb.KindCategory} {
		for _, id := range byKind[kind] {
			if err := w.exec(ctx, "the removal of "+id, `DELETE FROM node WHERE id = ?`, id); err != nil {
				return err
			}
		}
	}
	return nil
}

// move gives each node kept whose place in its kind changed its new
// place: first a place past every old one (places are unique within a
// kind), then the new one, before the added nodes take theirs. Inserting a
// node early in a kind moves every node after it, so the places go in two
// statements, whatever their number, each reading them from a JSON list.
func (w *writer) move(ctx context.Context, oldPos, newPos map[string]int, added []string) error {
	isAdded := set(added)
	var moved [][2]any // [id, new place]
	for id, p := range newPos {
		if op, kept := oldPos[id]; kept && op != p && !isAdded[id] {
			moved = append(moved, [2]any{id, p})
		}
	}
	if len(moved) == 0 {
		return nil
	}
	list, err := json.Marshal(moved)
	if err != nil {
		return fmt.Errorf("the places of the nodes that moved: %w", err)
	}
	past := len(oldPos) + len(newPos) // more than any place of either
	for _, offset := range []int{past, 0} {
		err := w.exec(ctx, fmt.Sprintf("the places of %d nodes", len(moved)),
			`UPDATE node SET position = CAST(m.value ->> 1 AS INTEGER) + ? FROM json_each(?) AS m WHERE node.id = m.value ->> 0`,
			offset, string(list))
		if err != nil {
			return err
		}
	}
	return nil
}

// positions maps each node of ds to its place within its kind.
func positions(ds *kb.Dataset) map[string]int {
	m := make(map[string]int, len(ds.Categories)+len(ds.Skills)+len(ds.Stages)+len(ds.Requirements)+len(ds.Traits))
	for i, c := range ds.Categories {
		m[kb.NodeID(kb.KindCategory, c.Slug)] = i
	}
	for i, s := range ds.Skills {
		m[kb.NodeID(kb.KindSkill, s.Slug)] = i
	}
	for i, s := range ds.Stages {
		m[kb.NodeID(kb.KindStage, s.Slug)] = i
	}
	for i, r := range ds.Requirements {
		m[kb.NodeID(kb.KindRequirement, r.Slug)] = i
	}
	for i, t := range ds.Traits {
		m[kb.NodeID(kb.KindTrait, t.Slug)] = i
	}
	return m
}

func set(items []string) map[string]bool {
	m := make(map[string]bool, len(items))
	for _, it := range items {
		m[it] = true
	}
	return m
}
