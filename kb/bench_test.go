package kb_test

import (
	"sync"
	"testing"

	"skillgraph/kb"
	"skillgraph/seed"
	"skillgraph/synth"
)

// Benchmarks of the domain at two sizes: the seed (2 stages, 20
// requirements) and the synthetic scale (100 stages, 10,000 skills, 100,000
// requirements), built once per run with synth. Run them with
//
//	go test -run '^$' -bench . -benchmem ./kb/
//
// -short skips the synthetic scale.

// SyntheticScale is the large case of the performance issue.
var SyntheticScale = synth.Options{Seed: 1, Stages: 100, Skills: 10000, Requirements: 100000}

type benchCase struct {
	name  string
	ds    *kb.Dataset
	g     *kb.Graph
	stage string   // a stage to rank and analyse
	other string   // another, to compare with
	have  []string // skills someone has, for the gap
}

var (
	seedOnce, synthOnce sync.Once
	seedCase, synthCase benchCase
)

func benchCases(b *testing.B) []*benchCase {
	b.Helper()
	seedOnce.Do(func() {
		ds, err := seed.Load(seed.Files())
		if err != nil {
			b.Fatal(err)
		}
		seedCase = benchCase{name: "seed", ds: ds, g: mustGraph(b, ds), stage: "mature", other: "growth",
			have: []string{"Python", "Kafka"}}
	})
	cases := []*benchCase{&seedCase}
	if testing.Short() {
		return cases
	}
	synthOnce.Do(func() {
		ds := synth.Generate(SyntheticScale)
		g := mustGraph(b, ds)
		st := ds.Stages[len(ds.Stages)/2].Slug
		// Someone who knows the stage's three most important skills and
		// two of its less important ones.
		ranked, err := g.RankSkills(st, nil, 0)
		if err != nil {
			b.Fatal(err)
		}
		var have []string
		for _, i := range []int{0, 1, 2, len(ranked) / 3, len(ranked) / 2} {
			have = append(have, ranked[i].Skill.Name.Exact(kb.English))
		}
		synthCase = benchCase{name: "synthetic", ds: ds, g: g, stage: st, other: ds.Stages[len(ds.Stages)/2+1].Slug, have: have}
	})
	return append(cases, &synthCase)
}

func BenchmarkNewGraph(b *testing.B) {
	for _, c := range benchCases(b) {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := kb.NewGraph(c.ds); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkValidate(b *testing.B) {
	for _, c := range benchCases(b) {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := kb.Validate(c.ds); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkRankSkills(b *testing.B) {
	for _, c := range benchCases(b) {
		for _, v := range []struct {
			name  string
			kinds []kb.RequirementKind
		}{{"all-kinds", nil}, {"required", []kb.RequirementKind{kb.Required}}} {
			b.Run(c.name+"/"+v.name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					ranked, err := c.g.RankSkills(c.stage, v.kinds, 10)
					if err != nil || len(ranked) == 0 {
						b.Fatal(err, len(ranked))
					}
					// What the resolver reads of each: the reasons' lines.
					for _, rs := range ranked {
						_ = rs.Why(kb.English)
					}
				}
			})
		}
	}
}

func BenchmarkGap(b *testing.B) {
	for _, c := range benchCases(b) {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				gap, err := c.g.Gap(c.stage, c.have)
				if err != nil || len(gap.Known) == 0 {
					b.Fatal(err)
				}
				for _, rs := range gap.Missing[:min(10, len(gap.Missing))] {
					_ = rs.Why(kb.English)
				}
			}
		})
	}
}

func BenchmarkCompare(b *testing.B) {
	for _, c := range benchCases(b) {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := c.g.Compare(c.stage, c.other); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkResolveSkill(b *testing.B) {
	for _, c := range benchCases(b) {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, name := range c.have {
					if c.g.ResolveSkill(name) == nil {
						b.Fatal(name)
					}
				}
			}
		})
	}
}
