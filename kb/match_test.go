package kb_test

import (
	"strings"
	"testing"

	"skillgraph/kb"
)

// TestGapMatches checks how each skill someone has meets a choice: named,
// through broader links, or through a such-as group, and that every why
// line names the links it relies on.
func TestGapMatches(t *testing.T) {
	g := mustGraph(t, fixture())
	type match struct{ requirement, skill, countsAs, path string }
	tests := []struct {
		name    string
		stage   string
		have    []string
		want    []match
		whyEN   []string // one part of each match's English why, in order
		whyKO   []string
		related string // a skill of have that only relates, and so meets nothing
	}{
		{name: "named", stage: "growth", have: []string{"golang"},
			want:  []match{{"g-lang", "go", "go", "go"}},
			whyEN: []string{"Required, line 2: “One of Python or Go”: names Go"},
			whyKO: []string{"자격요건 2행: “파이썬/고”: 고를 직접 요구함"}},
		{name: "through a broader link", stage: "mature", have: []string{"Hadoop MR"},
			want:  []match{{"m-dist", "hadoop-mapreduce", "hadoop", "hadoop-mapreduce > hadoop"}},
			whyEN: []string{"Hadoop MapReduce counts as Hadoop: it is a kind or part of it"},
			whyKO: []string{"하둡 맵리듀스는 하둡으로 인정됨: 하둡 맵리듀스 → 하둡"}},
		{name: "through the such-as group", stage: "growth", have: []string{"Rust"},
			want:  []match{{"g-lang", "rust", "language", "rust > language"}},
			whyEN: []string{"Rust counts as Programming language: it is a kind or part of it (the posting's “such as” opens the choice to it)"},
			whyKO: []string{"러스트는 프로그래밍 언어로 인정됨: 러스트 → 프로그래밍 언어 (각각 다음 것의 한 종류 또는 일부) (‘등’이 연 범위)"}},
		{name: "a widened choice says so", stage: "mature", have: []string{"processing"},
			want:  []match{{"m-pipe", "processing", "processing", "processing"}},
			whyEN: []string{"names Processing (line 24: any one of these is enough)"},
			whyKO: []string{"처리를 직접 요구함 (24행: 이 중 하나만 있어도 됨)"}},
		{name: "one match per skill and choice", stage: "growth", have: []string{"aws", "cloud", "iac"},
			want:  []match{{"g-iac", "aws", "aws", "aws"}, {"g-iac", "cloud", "cloud", "cloud"}, {"g-iac", "iac", "iac", "iac"}},
			whyEN: []string{"names AWS", "names Cloud, the group of its “such as”", "names IaC"}},
		{name: "unknown and unrelated skills meet nothing", stage: "mature", have: []string{"COBOL", "tableau"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gap, err := g.Gap(tt.stage, tt.have)
			if err != nil {
				t.Fatal(err)
			}
			var got []match
			for _, m := range gap.Matches {
				var path []string
				for _, s := range m.Path {
					path = append(path, s.Slug)
				}
				got = append(got, match{m.Requirement.Slug, m.Skill.Slug, m.CountsAs.Slug, strings.Join(path, " > ")})
			}
			if len(got) != len(tt.want) {
				t.Fatalf("matches = %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("match %d = %v, want %v", i, got[i], tt.want[i])
				}
			}
			for i, want := range tt.whyEN {
				if why := gap.Matches[i].Why(kb.English); !strings.Contains(why, want) {
					t.Errorf("match %d why = %q, want it to contain %q", i, why, want)
				}
			}
			for i, want := range tt.whyKO {
				if why := gap.Matches[i].Why(kb.Korean); !strings.Contains(why, want) {
					t.Errorf("match %d why(KO) = %q, want it to contain %q", i, why, want)
				}
			}
		})
	}
}

// TestGapMatchesPathOfSeveralLinks builds a chain, a → b → c, where only c
// is named: the why line names b, the link in between.
func TestGapMatchesPathOfSeveralLinks(t *testing.T) {
	ds := fixture()
	ds.Skills = append(ds.Skills,
		kb.Skill{Slug: "airflow", Kind: kb.Technology, Category: "tech", Name: kb.Texts{EN: "Airflow", KO: "에어플로우"}, Broader: []string{"orchestration"}},
		kb.Skill{Slug: "orchestration", Kind: kb.Concept, Category: "tech", Name: kb.Texts{EN: "Workflow orchestration", KO: "워크플로 오케스트레이션"}, Broader: []string{"processing"}},
		kb.Skill{Slug: "dagster", Kind: kb.Technology, Category: "tech", Name: kb.Texts{EN: "Dagster", KO: "대그스터"}, Related: []string{"airflow"}},
	)
	g := mustGraph(t, ds)
	gap, err := g.Gap("mature", []string{"Airflow", "Dagster"})
	if err != nil {
		t.Fatal(err)
	}
	if len(gap.Matches) != 1 {
		t.Fatalf("matches = %+v, want Airflow's only (related skills meet nothing)", gap.Matches)
	}
	m := gap.Matches[0]
	if want := "Airflow counts as Processing: it is a kind or part of Workflow orchestration, which is a kind or part of Processing"; !strings.Contains(m.Why(kb.English), want) {
		t.Errorf("why = %q, want it to contain %q", m.Why(kb.English), want)
	}
	if want := "에어플로우는 처리로 인정됨: 에어플로우 → 워크플로 오케스트레이션 → 처리"; !strings.Contains(m.Why(kb.Korean), want) {
		t.Errorf("why(KO) = %q, want it to contain %q", m.Why(kb.Korean), want)
	}
	if got := gap.Satisfied; len(got) != 1 || got[0].Slug != "m-pipe" {
		t.Errorf("satisfied = %v, want m-pipe (Airflow through orchestration meets processing)", reqSlugs(got))
	}
}
