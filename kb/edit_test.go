package kb_test

import (
	"slices"
	"strings"
	"testing"

	"skillgraph/kb"
)

// TestEdits applies each admin edit to the fixture, then validates the
// result as the write path does.
func TestEdits(t *testing.T) {
	tests := []struct {
		name    string
		edit    func(ds *kb.Dataset) error
		check   func(g *kb.Graph) bool
		wantErr string // from the edit or from validation
	}{
		{"new skill lands after its category", func(ds *kb.Dataset) error {
			return kb.UpsertSkill(ds, kb.SkillInput{Slug: "java", Category: "lang", Name: kb.Texts{EN: "Java", KO: "자바"}, Aliases: []string{"jdk"}})
		}, func(g *kb.Graph) bool {
			return g.ResolveSkill("JDK").Slug == "java" && g.Skills()[4].Slug == "java"
		}, ""},
		{"update keeps what is not given", func(ds *kb.Dataset) error {
			return kb.UpsertSkill(ds, kb.SkillInput{Slug: "go", Name: kb.Texts{JA: "ゴー"}})
		}, func(g *kb.Graph) bool {
			s := g.Skill("go")
			return s.Name.JA == "ゴー" && s.Name.Exact(kb.English) == "Go" && s.Category == "lang" && g.ResolveSkill("golang") == s
		}, ""},
		{"new skill without Korean is refused", func(ds *kb.Dataset) error {
			return kb.UpsertSkill(ds, kb.SkillInput{Slug: "dbt", Category: "tech", Name: kb.Texts{EN: "dbt"}})
		}, nil, "missing the Korean (ko) text"},
		{"alias collision is refused", func(ds *kb.Dataset) error { return kb.AddAlias(ds, "kafka", "Golang") },
			nil, `"Golang" is already a name or alias of skill "go"`},
		{"alias added", func(ds *kb.Dataset) error { return kb.AddAlias(ds, "kafka", "kfk") },
			func(g *kb.Graph) bool { return g.ResolveSkill("kfk").Slug == "kafka" }, ""},
		{"alias removed in any spelling", func(ds *kb.Dataset) error { return kb.RemoveAlias(ds, "go", "GOLANG") },
			func(g *kb.Graph) bool { return g.ResolveSkill("golang") == nil }, ""},
		{"unknown alias", func(ds *kb.Dataset) error { return kb.RemoveAlias(ds, "go", "gopher") }, nil, `has no alias "gopher"`},
		{"unknown skill", func(ds *kb.Dataset) error { return kb.AddAlias(ds, "pyhton", "x") }, nil, `unknown skill "pyhton" (did you mean "python"?)`},
		{"set a text", func(ds *kb.Dataset) error { return kb.SetText(ds, "stage:growth", "name", "ja", 0, "成長") },
			func(g *kb.Graph) bool { return g.Stage("growth").Name.JA == "成長" }, ""},
		{"set an implication", func(ds *kb.Dataset) error {
			return kb.SetText(ds, "trait:g-stacks", "implication", kb.English, 0, "Any one is enough")
		}, func(g *kb.Graph) bool { return g.Trait("g-stacks").Implications[0].EN == "Any one is enough" }, ""},
		{"removing a required language is refused", func(ds *kb.Dataset) error { return kb.SetText(ds, "skill:go", "name", kb.English, 0, "") },
			nil, "missing the English (en) text"},
		{"no such field", func(ds *kb.Dataset) error { return kb.SetText(ds, "skill:go", "summary", kb.English, 0, "x") },
			nil, `a skill has no text field "summary"`},
		{"link skills", func(ds *kb.Dataset) error { return kb.LinkSkills(ds, "kafka", "hadoop", kb.RelationRelated) },
			func(g *kb.Graph) bool { return len(g.Related("kafka")) == 1 }, ""},
		{"a broader cycle is refused", func(ds *kb.Dataset) error { return kb.LinkSkills(ds, "language", "go", kb.RelationBroader) },
			nil, "cycle in broader skills"},
		{"unlink skills", func(ds *kb.Dataset) error { return kb.UnlinkSkills(ds, "go", "language", kb.RelationBroader) },
			func(g *kb.Graph) bool { return len(g.Broader("go")) == 0 }, ""},
		{"new requirement with choices", func(ds *kb.Dataset) error {
			return kb.UpsertRequirement(ds, kb.RequirementInput{Slug: "g-stream", Stage: "growth", Kind: kb.Preferred,
				Text: kb.Texts{EN: "Kafka"}, Line: 6, Quote: "카프카", Needs: []kb.Choice{{AnyOf: []string{"kafka"}}}})
		}, func(g *kb.Graph) bool {
			r := g.Requirement("g-stream")
			return r != nil && r.Text.Exact(kb.Korean) == "카프카" && len(g.StageRequirements("growth", "")) == 4
		}, ""},
		{"requirement naming an unknown skill", func(ds *kb.Dataset) error {
			return kb.UpsertRequirement(ds, kb.RequirementInput{Slug: "g-viz", Needs: []kb.Choice{{AnyOf: []string{"tablaeu"}}}})
		}, nil, `unknown skill "tablaeu" (did you mean "tableau"?)`},
		{"delete refused while used", func(ds *kb.Dataset) error { _, err := kb.DeleteNode(ds, "skill:tableau", false); return err },
			nil, "skill:tableau is still used by requirement:g-viz, trait:g-stacks"},
		{"delete with cascade", func(ds *kb.Dataset) error { _, err := kb.DeleteNode(ds, "skill:tableau", true); return err },
			func(g *kb.Graph) bool { return g.Skill("tableau") == nil && g.Requirement("g-viz") == nil }, ""},
		{"delete a stage with cascade", func(ds *kb.Dataset) error { _, err := kb.DeleteNode(ds, "stage:mature", true); return err },
			func(g *kb.Graph) bool { return len(g.Stages()) == 1 && g.Trait("m-one") == nil }, ""},
		{"delete an unused node", func(ds *kb.Dataset) error { _, err := kb.DeleteNode(ds, "skill:rust", false); return err },
			func(g *kb.Graph) bool { return g.Skill("rust") == nil }, ""},
		{"delete nothing", func(ds *kb.Dataset) error { _, err := kb.DeleteNode(ds, "skill:cobol", false); return err }, nil, `no node "skill:cobol"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := fixture()
			err := tt.edit(ds)
			var g *kb.Graph
			if err == nil {
				g, err = kb.NewGraph(ds)
			}
			switch {
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("error = %v, want %q", err, tt.wantErr)
			case tt.wantErr == "" && err != nil:
				t.Fatalf("error = %v", err)
			case tt.check != nil && !tt.check(g):
				t.Errorf("the edit did not do what it should")
			}
		})
	}
}

func TestDeleteNodeReportsEverythingRemoved(t *testing.T) {
	ds := fixture()
	deleted, err := kb.DeleteNode(ds, "skill:tableau", true)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"skill:tableau", "requirement:g-viz"}; !slices.Equal(deleted, want) {
		t.Errorf("deleted %v, want %v", deleted, want)
	}
	if _, err := kb.NewGraph(ds); err != nil {
		t.Errorf("the cascade left invalid data: %v", err)
	}
}
