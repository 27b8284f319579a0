package kb_test

import (
	"reflect"
	"slices"
	"testing"

	"skillgraph/kb"
)

func TestDiff(t *testing.T) {
	tests := []struct {
		name string
		edit func(ds *kb.Dataset)
		want []kb.Change
	}{
		{"nothing", func(ds *kb.Dataset) {}, nil},
		{"a translation", func(ds *kb.Dataset) { ds.Skills[1].Name.JA = "パイソン" },
			[]kb.Change{{Op: kb.OpAdd, Node: "skill:python", Field: "name.ja", New: "パイソン"}}},
		{"a changed text", func(ds *kb.Dataset) { ds.Stages[0].Summary.EN = "Builds fast" },
			[]kb.Change{{Op: kb.OpChange, Node: "stage:growth", Field: "summary.en", Old: "Builds", New: "Builds fast"}}},
		{"an alias", func(ds *kb.Dataset) { ds.Skills[2].Aliases = append(ds.Skills[2].Aliases, "go-lang") },
			[]kb.Change{{Op: kb.OpChange, Node: "skill:go", Field: "aliases", Old: "golang", New: "golang, go-lang"}}},
		{"a choice", func(ds *kb.Dataset) { ds.Requirements[0].Needs[0].AnyOf = []string{"go"} },
			[]kb.Change{{Op: kb.OpChange, Node: "requirement:g-lang", Field: "needs[0]",
				Old: "any of python, go (such as language)", New: "any of go (such as language)"}}},
		{"a removed node", func(ds *kb.Dataset) { ds.Categories = ds.Categories[:1]; ds.Skills = ds.Skills[:4] }, nil},
		{"a new skill", func(ds *kb.Dataset) {
			ds.Skills = append(ds.Skills, kb.Skill{Slug: "dbt", Kind: kb.Technology, Category: "tech", Name: kb.Texts{EN: "dbt", KO: "디비티"}})
		}, []kb.Change{
			{Op: kb.OpAdd, Node: "skill:dbt"},
			{Op: kb.OpAdd, Node: "skill:dbt", Field: "category", New: "tech"},
			{Op: kb.OpAdd, Node: "skill:dbt", Field: "kind", New: "TECHNOLOGY"},
			{Op: kb.OpAdd, Node: "skill:dbt", Field: "name.en", New: "dbt"},
			{Op: kb.OpAdd, Node: "skill:dbt", Field: "name.ko", New: "디비티"},
		}},
		{"a new order", func(ds *kb.Dataset) { ds.Stages[0], ds.Stages[1] = ds.Stages[1], ds.Stages[0] },
			[]kb.Change{{Op: kb.OpChange, Node: "stages", Field: "order", Old: "stage:growth, stage:mature", New: "stage:mature, stage:growth"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			old := fixture()
			ds := old.Clone()
			tt.edit(ds)
			got := kb.Diff(old, ds)
			if tt.name == "a removed node" {
				// Every field of every removed node is listed as removed.
				for _, c := range got {
					if c.Op != kb.OpRemove || (c.Old == "") != (c.Field == "") {
						t.Errorf("unexpected %+v", c)
					}
				}
				if !slices.ContainsFunc(got, func(c kb.Change) bool { return c.Node == "category:tech" && c.Field == "name.en" }) {
					t.Errorf("the removed category is missing from %+v", got)
				}
				return
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Diff = %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestCloneIsDeep(t *testing.T) {
	old := fixture()
	ds := old.Clone()
	if !reflect.DeepEqual(ds, old) {
		t.Fatal("clone differs")
	}
	ds.Skills[2].Aliases[0] = "changed"
	ds.Requirements[0].Needs[0].AnyOf[0] = "changed"
	ds.Traits[0].Implications[0].EN = "changed"
	ds.Traits[1].Widens[0].Merge[0] = "changed"
	if len(kb.Diff(fixture(), old)) != 0 {
		t.Error("editing the clone changed the original")
	}
}
