package db_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"skillgraph/db"
	"skillgraph/kb"
	"skillgraph/synth"
)

// TestEditWritesOnlyWhatChanged applies edits of every kind, one after the
// other, each from the data the caller holds (EditFrom), and reads the
// store back after each: it must hold exactly the edited data, as a
// Replace of the whole of it would, aliases' index included; and an edit
// of a few nodes must write a few rows, not the graph.
func TestEditWritesOnlyWhatChanged(t *testing.T) {
	ctx := context.Background()
	d := MustOpen(t)
	ds := synth.Generate(synth.Options{Seed: 7, Stages: 3, Skills: 120, Requirements: 300})
	if _, _, err := d.Edit(ctx, kb.ChangeMeta{Message: "load"}, func(x *kb.Dataset) error { *x = *ds.Clone(); return nil }); err != nil {
		t.Fatal(err)
	}
	held, version := mustDataset(t, d), 1
	skill := func(x *kb.Dataset, i int) *kb.Skill { return &x.Skills[i] }
	unnamed := func(x *kb.Dataset) int { // a skill no requirement, trait or skill names
		named := map[string]bool{}
		for _, r := range x.Requirements {
			for _, c := range r.Needs {
				for _, s := range c.AnyOf {
					named[s] = true
				}
				named[c.SuchAs] = true
			}
		}
		for _, tr := range x.Traits {
			for _, s := range tr.Emphasizes {
				named[s] = true
			}
			for _, w := range tr.Widens {
				for _, s := range w.Merge {
					named[s] = true
				}
			}
		}
		for _, s := range x.Skills {
			for _, o := range append(slices.Clone(s.Broader), s.Related...) {
				named[o] = true
			}
		}
		for i, s := range x.Skills {
			if !named[s.Slug] {
				return i
			}
		}
		t.Fatal("every skill is named somewhere")
		return -1
	}
	edits := []struct {
		name string
		edit func(x *kb.Dataset) error
	}{
		{"an alias added", func(x *kb.Dataset) error { return kb.AddAlias(x, x.Skills[5].Slug, "zz alias") }},
		{"the alias moved to another skill", func(x *kb.Dataset) error {
			if err := kb.RemoveAlias(x, x.Skills[5].Slug, "zz alias"); err != nil {
				return err
			}
			return kb.AddAlias(x, x.Skills[9].Slug, "zz alias")
		}},
		{"a name and a requirement's text changed", func(x *kb.Dataset) error {
			skill(x, 3).Name.EN = "Renamed"
			x.Requirements[10].Text.EN = "A new text"
			return nil
		}},
		{"a skill added at the start of its category", func(x *kb.Dataset) error {
			s := kb.Skill{Slug: "zz-new", Category: x.Skills[0].Category, Kind: kb.Concept, Name: kb.Texts{KO: "새 기술", EN: "New skill"},
				Aliases: []string{"zz new"}, Broader: []string{x.Skills[2].Slug}}
			x.Skills = slices.Insert(x.Skills, 0, s)
			return nil
		}},
		{"a requirement's choices changed", func(x *kb.Dataset) error {
			x.Requirements[20].Needs = append(x.Requirements[20].Needs, kb.Choice{AnyOf: []string{"zz-new", x.Skills[7].Slug}})
			return nil
		}},
		{"a requirement and the evidence naming it removed", func(x *kb.Dataset) error {
			_, err := kb.DeleteNode(x, kb.NodeID(kb.KindRequirement, x.Requirements[30].Slug), true)
			return err
		}},
		{"an unnamed skill removed", func(x *kb.Dataset) error {
			_, err := kb.DeleteNode(x, kb.NodeID(kb.KindSkill, x.Skills[unnamed(x)].Slug), false)
			return err
		}},
		{"a trait's emphasis changed", func(x *kb.Dataset) error {
			x.Traits[0].Emphasizes = append(x.Traits[0].Emphasizes, "zz-new")
			return nil
		}},
		{"two skills swapped", func(x *kb.Dataset) error {
			x.Skills[1], x.Skills[2] = x.Skills[2], x.Skills[1]
			return nil
		}},
	}
	for _, tt := range edits {
		want := held.Clone()
		if err := tt.edit(want); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		before := d.Statements()
		cs, _, err := d.EditFrom(ctx, kb.ChangeMeta{Message: tt.name}, held, version, tt.edit)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		wrote := d.Statements().Write - before.Write
		version++
		if cs == nil || cs.Version != version {
			t.Fatalf("%s: change set %+v, want version %d", tt.name, cs, version)
		}
		got := mustDataset(t, d)
		if diff := kb.Diff(want, got); len(diff) > 0 {
			t.Errorf("%s: the store differs from the edited data: %+v", tt.name, diff)
		}
		checkAliasIndex(t, d, tt.name)
		if wrote > 200 {
			t.Errorf("%s: %d statements written for %d changes", tt.name, wrote, len(cs.Changes))
		}
		held = got
	}

	// The same edits, replaced whole into another store, give the same rows.
	other := MustOpen(t)
	mustReplace(t, other, held)
	if diff := kb.Diff(mustDataset(t, other), held); len(diff) > 0 {
		t.Errorf("a Replace of the edited data differs: %+v", diff)
	}
}

// TestEditFromStaleDataReadsTheStore holds data of an older version: the
// edit applies to what is stored, and nothing another writer did is lost.
func TestEditFromStaleDataReadsTheStore(t *testing.T) {
	ctx := context.Background()
	d := MustOpen(t)
	if _, _, err := d.Edit(ctx, kb.ChangeMeta{}, func(x *kb.Dataset) error { *x = *fixture(); return nil }); err != nil {
		t.Fatal(err)
	}
	stale := mustDataset(t, d)
	if _, _, err := d.Edit(ctx, kb.ChangeMeta{}, func(x *kb.Dataset) error { return kb.AddAlias(x, "spark", "by another writer") }); err != nil {
		t.Fatal(err)
	}
	if _, _, err := d.EditFrom(ctx, kb.ChangeMeta{}, stale, 1, func(x *kb.Dataset) error { return kb.AddAlias(x, "hadoop", "by this one") }); err != nil {
		t.Fatal(err)
	}
	got := mustDataset(t, d)
	for slug, alias := range map[string]string{"spark": "by another writer", "hadoop": "by this one"} {
		i := slices.IndexFunc(got.Skills, func(s kb.Skill) bool { return s.Slug == slug })
		if i < 0 || !slices.Contains(got.Skills[i].Aliases, alias) {
			t.Errorf("skill %s lost the alias %q: %+v", slug, alias, got.Skills)
		}
	}
}

// checkAliasIndex compares the aliases' search index, which the writer
// keeps itself, with the aliases.
func checkAliasIndex(t *testing.T, d *db.DB, when string) {
	t.Helper()
	aliases, index := rows(t, d, `SELECT skill, position, alias FROM skill_alias ORDER BY 1, 2`),
		rows(t, d, `SELECT skill, position, alias FROM alias_search ORDER BY 1, 2`)
	if !slices.Equal(aliases, index) {
		t.Errorf("%s: the alias index holds %d rows, the aliases %d:\n%v\n%v", when, len(index), len(aliases), index, aliases)
	}
}

func rows(t *testing.T, d *db.DB, query string) []string {
	t.Helper()
	var out []string
	err := db.QueryForTest(d, query, func(cols ...any) { out = append(out, fmt.Sprint(cols...)) })
	if err != nil {
		t.Fatal(err)
	}
	return out
}
