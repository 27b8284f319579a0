package kb_test

import (
	"slices"
	"strings"
	"testing"

	"skillgraph/kb"
)

type scored struct {
	slug  string
	score float64
}

func scores(ranked []kb.RankedSkill) []scored {
	out := make([]scored, len(ranked))
	for i, r := range ranked {
		out[i] = scored{r.Skill.Slug, r.Score}
	}
	return out
}

func TestRankSkills(t *testing.T) {
	g := mustGraph(t, fixture())
	tests := []struct {
		name  string
		stage string
		kinds []kb.RequirementKind
		first int
		want  []scored
	}{
		{
			// tableau: preferred alone (1) + emphasis (1); python and go share
			// a required choice (3 ÷ 2); aws and iac are preferred, each alone
			// in its own choice.
			name: "all kinds", stage: "growth",
			want: []scored{{"tableau", 2}, {"python", 1.5}, {"go", 1.5}, {"aws", 1}, {"iac", 1}},
		},
		{name: "first two", stage: "growth", first: 2, want: []scored{{"tableau", 2}, {"python", 1.5}}},
		{name: "required only", stage: "growth", kinds: []kb.RequirementKind{kb.Required},
			want: []scored{{"python", 1.5}, {"go", 1.5}}},
		{name: "preferred keeps emphasis", stage: "growth", kinds: []kb.RequirementKind{kb.Preferred},
			want: []scored{{"tableau", 2}, {"aws", 1}, {"iac", 1}}},
		{
			// The widened choice shares 3 between ingestion and processing;
			// ties keep the data order.
			name: "widened choice", stage: "mature",
			want: []scored{{"python", 2}, {"ingestion", 1.5}, {"processing", 1.5}, {"hadoop", 1.5}, {"kafka", 1.5}}, // equal scores in posting order
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ranked, err := g.RankSkills(tt.stage, tt.kinds, tt.first)
			if err != nil {
				t.Fatal(err)
			}
			if got := scores(ranked); !slices.Equal(got, tt.want) {
				t.Errorf("got %v\nwant %v", got, tt.want)
			}
		})
	}
}

func TestRankSkillsExplainsEveryPoint(t *testing.T) {
	g := mustGraph(t, fixture())
	ranked, err := g.RankSkills("growth", nil, 0)
	if err != nil || len(ranked) == 0 {
		t.Fatalf("RankSkills: %d skills, %v", len(ranked), err)
	}
	for _, rs := range ranked {
		sum := 0.0
		for _, r := range rs.Reasons {
			sum += r.Points
		}
		if diff := sum - rs.Score; diff > 0.001 || diff < -0.001 {
			t.Errorf("%s: reasons add up to %v, score is %v", rs.Skill.Slug, sum, rs.Score)
		}
		for _, lang := range []kb.Lang{kb.English, kb.Korean} {
			for _, why := range rs.Why(lang) {
				if !strings.Contains(why, "line ") && !strings.Contains(why, "행") {
					t.Errorf("%s: why %q cites no line", rs.Skill.Slug, why)
				}
			}
		}
	}
	tableau := ranked[0]
	want := []string{
		`Preferred, line 4: “Tableau” needs it: +1`,
		`Posting signal, line 5: “Many stacks” puts weight on it: +1`,
	}
	if got := tableau.Why(kb.English); !slices.Equal(got, want) {
		t.Errorf("why(tableau) = %q\nwant %q", got, want)
	}
	if got := ranked[1].Why(kb.English)[0]; got != `Required, line 2: “One of Python or Go” accepts it as one of 2 alternatives: 3 ÷ 2 = +1.5` {
		t.Errorf("why(python) = %q", got)
	}
}

func TestUnknownStageIsNotFound(t *testing.T) {
	g := mustGraph(t, fixture())
	_, err1 := g.RankSkills("startup", nil, 0)
	_, err2 := g.Gap("grwth", nil)
	_, err3 := g.Compare("growth", "nope")
	for _, err := range []error{err1, err2, err3} {
		if kb.ErrorCode(err) != kb.ENOTFOUND {
			t.Errorf("error %v: code %q, want NOT_FOUND", err, kb.ErrorCode(err))
		}
		if !strings.Contains(kb.ErrorMessage(err), "known stages: growth, mature") {
			t.Errorf("message %q does not list the known stages", kb.ErrorMessage(err))
		}
	}
	if msg := kb.ErrorMessage(err2); !strings.Contains(msg, `did you mean "growth"?`) {
		t.Errorf("message %q suggests nothing", msg)
	}
}

func TestRelevanceAndCompare(t *testing.T) {
	g := mustGraph(t, fixture())
	rel := g.Relevance("python")
	if len(rel) != 2 || rel[0].Stage.Slug != "growth" || rel[1].Stage.Slug != "mature" {
		t.Fatalf("python relevance = %+v, want growth and mature", rel)
	}
	if !slices.Equal(rel[1].Kinds, []kb.RequirementKind{kb.Responsibility}) || rel[1].Score != 2 {
		t.Errorf("python in mature = %+v", rel[1])
	}

	c, err := g.Compare("growth", "mature")
	if err != nil {
		t.Fatal(err)
	}
	var shared []string
	for _, s := range c.Shared {
		shared = append(shared, s.Slug)
	}
	if !slices.Equal(shared, []string{"python"}) {
		t.Errorf("shared = %v, want [python]", shared)
	}
	if got := scores(c.OnlyA); !slices.Equal(got, []scored{{"tableau", 2}, {"go", 1.5}, {"aws", 1}, {"iac", 1}}) {
		t.Errorf("onlyA = %v", got)
	}
	if got := scores(c.OnlyB); !slices.Equal(got, []scored{{"ingestion", 1.5}, {"processing", 1.5}, {"hadoop", 1.5}, {"kafka", 1.5}}) {
		t.Errorf("onlyB = %v", got)
	}
}
