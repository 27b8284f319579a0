package kb_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"skillgraph/internal/kbtest"
	"skillgraph/kb"
	"skillgraph/synth"
)

// TestExtentBoundsEveryList lists every list the graph answers with, on the
// seed and on a synthetic graph, and checks that the Extent measured while
// the graph was built is at least its longest: the cost of a query must
// never be estimated below what the answer holds. Lists the graph keeps
// whole are measured exactly.
func TestExtentBoundsEveryList(t *testing.T) {
	_, seedGraph := kbtest.Seed(t)
	synthetic, err := kb.NewGraph(synth.Generate(synth.Options{Seed: 3, Stages: 4, Skills: 300, Requirements: 1200}))
	if err != nil {
		t.Fatal(err)
	}
	for name, g := range map[string]*kb.Graph{"seed": seedGraph, "synthetic": synthetic} {
		t.Run(name, func(t *testing.T) {
			var got kb.Extent
			got.Stages, got.Categories, got.Skills = len(g.Stages()), len(g.Categories()), len(g.Skills())
			for _, st := range g.Stages() {
				got.StageRequirements = max(got.StageRequirements, len(g.StageRequirements(st.Slug, "")))
				got.StageTraits = max(got.StageTraits, len(g.StageTraits(st.Slug, "")))
				ranked, err := g.RankSkills(st.Slug, nil, 0)
				if err != nil {
					t.Fatal(err)
				}
				got.RankedSkills = max(got.RankedSkills, len(ranked))
				for _, r := range g.StageRequirements(st.Slug, "") {
					got.RequirementSkills = max(got.RequirementSkills, len(g.RequirementSkills(r.Slug)))
					for _, choices := range [][]kb.EffectiveChoice{g.Needs(r.Slug), g.PostedNeeds(r.Slug)} {
						got.RequirementChoices = max(got.RequirementChoices, len(choices))
						for _, c := range choices {
							got.ChoiceSkills = max(got.ChoiceSkills, len(c.AnyOf))
							got.ChoiceNamed = max(got.ChoiceNamed, len(c.Named))
						}
					}
				}
				for _, tr := range g.StageTraits(st.Slug, "") {
					got.TraitEvidence = max(got.TraitEvidence, len(tr.Evidence))
					got.TraitEmphases = max(got.TraitEmphases, len(tr.Emphasizes))
					got.TraitWidenings = max(got.TraitWidenings, len(tr.Widens))
				}
			}
			for _, s := range g.Skills() {
				got.SkillRequirements = max(got.SkillRequirements, len(g.SkillRequirements(s.Slug)))
				got.SkillStages = max(got.SkillStages, len(g.Relevance(s.Slug)))
				got.SkillBroader = max(got.SkillBroader, len(g.Broader(s.Slug)))
				got.SkillNarrower = max(got.SkillNarrower, len(g.Narrower(s.Slug)))
				got.SkillRelated = max(got.SkillRelated, len(g.Related(s.Slug)))
				got.BroaderDepth = max(got.BroaderDepth, chainLength(g, s))
			}
			for _, c := range g.Categories() {
				got.CategorySkills = max(got.CategorySkills, len(g.CategorySkills(c.Slug)))
			}

			e := g.Extent()
			for _, f := range []struct {
				name            string
				extent, longest int
				exact           bool
			}{
				{"stages", e.Stages, got.Stages, true},
				{"categories", e.Categories, got.Categories, true},
				{"skills", e.Skills, got.Skills, true},
				{"a stage's requirements", e.StageRequirements, got.StageRequirements, true},
				{"a stage's traits", e.StageTraits, got.StageTraits, true},
				{"a stage's ranking", e.RankedSkills, got.RankedSkills, true},
				{"a requirement's choices", e.RequirementChoices, got.RequirementChoices, true},
				{"a requirement's skills", e.RequirementSkills, got.RequirementSkills, false},
				{"the skills that meet a choice", e.ChoiceSkills, got.ChoiceSkills, false},
				{"the skills a choice names", e.ChoiceNamed, got.ChoiceNamed, true},
				{"a skill's requirements", e.SkillRequirements, got.SkillRequirements, true},
				{"a skill's stages", e.SkillStages, got.SkillStages, true},
				{"a skill's broader skills", e.SkillBroader, got.SkillBroader, true},
				{"a skill's narrower skills", e.SkillNarrower, got.SkillNarrower, true},
				{"a skill's related skills", e.SkillRelated, got.SkillRelated, true},
				{"a chain of broader links", e.BroaderDepth, got.BroaderDepth, true},
				{"a category's skills", e.CategorySkills, got.CategorySkills, true},
				{"a trait's evidence", e.TraitEvidence, got.TraitEvidence, true},
				{"a trait's emphases", e.TraitEmphases, got.TraitEmphases, true},
				{"a trait's widenings", e.TraitWidenings, got.TraitWidenings, true},
			} {
				if f.extent < f.longest || (f.exact && f.extent != f.longest) {
					t.Errorf("%s: extent %d, longest %d", f.name, f.extent, f.longest)
				}
			}
		})
	}
}

// chainLength counts the skills on the longest chain of broader links from s up.
func chainLength(g *kb.Graph, s *kb.Skill) int {
	n := 1
	for _, b := range g.Broader(s.Slug) {
		n = max(n, 1+chainLength(g, b))
	}
	return n
}

// TestRankingsDroppedAreRankedAgainTheSame asks for more stages than the
// graph keeps rankings of: a stage asked again after its ranking was
// dropped ranks the same skills, with the same scores and reasons.
func TestRankingsDroppedAreRankedAgainTheSame(t *testing.T) {
	ds := synth.Generate(synth.Options{Seed: 5, Stages: 40, Skills: 200, Requirements: 800})
	g, err := kb.NewGraph(ds)
	if err != nil {
		t.Fatal(err)
	}
	summary := func(stage string) []string {
		ranked, err := g.RankSkills(stage, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, rs := range ranked {
			out = append(out, fmt.Sprintf("%s %.3f %s", rs.Skill.Slug, rs.Score, strings.Join(rs.Why(kb.English), "; ")))
		}
		return out
	}
	first := summary(ds.Stages[0].Slug)
	for _, st := range ds.Stages[1:] {
		summary(st.Slug)
	}
	if again := summary(ds.Stages[0].Slug); !slices.Equal(again, first) {
		t.Errorf("ranked again:\n%v\nfirst:\n%v", again, first)
	}
	if len(first) == 0 {
		t.Error("the stage ranks nothing: the test proves nothing")
	}
}

// TestRelevanceAgreesWithRankings: a skill's relevance to a stage, listed
// when the graph is built, is its score and kinds in the stage's ranking,
// made when the stage is asked about; and a skill relevant to a stage is in
// its ranking.
func TestRelevanceAgreesWithRankings(t *testing.T) {
	_, seedGraph := kbtest.Seed(t)
	synthetic, err := kb.NewGraph(synth.Generate(synth.Options{Seed: 9, Stages: 5, Skills: 300, Requirements: 1500}))
	if err != nil {
		t.Fatal(err)
	}
	for name, g := range map[string]*kb.Graph{"seed": seedGraph, "synthetic": synthetic} {
		ranked := 0
		for _, st := range g.Stages() {
			ranking, err := g.RankSkills(st.Slug, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			for _, rs := range ranking {
				ranked++
				i := slices.IndexFunc(g.Relevance(rs.Skill.Slug), func(r kb.StageRelevance) bool { return r.Stage == st })
				if i < 0 {
					t.Errorf("%s: %s ranks %s, whose relevance lacks the stage", name, st.Slug, rs.Skill.Slug)
					continue
				}
				if rel := g.Relevance(rs.Skill.Slug)[i]; rel.Score != rs.Score || !slices.Equal(rel.Kinds, rs.Kinds) {
					t.Errorf("%s: %s in %s: relevance %v %v, ranking %v %v", name, rs.Skill.Slug, st.Slug, rel.Score, rel.Kinds, rs.Score, rs.Kinds)
				}
			}
		}
		relevant := 0
		for _, s := range g.Skills() {
			relevant += len(g.Relevance(s.Slug))
		}
		if relevant != ranked || ranked == 0 {
			t.Errorf("%s: %d relevances, %d ranked skills", name, relevant, ranked)
		}
	}
}
