package kb

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// The score rule. A skill's importance to a stage is the sum of its evidence:
//
//	score(skill, stage) = Σ  KindWeight(r.Kind) / n   over each choice of each
//	                         requirement r of the stage that names the skill,
//	                         n being the number of skills that choice names
//	                    + Σ  EmphasisWeight           over each trait of the stage
//	                         that emphasizes the skill
//
// So a skill required on its own counts 3, one of five languages any of which
// will do counts 3/5, a preferred skill counts 1, and every "strongly
// preferred" the article reads into a posting adds 1. Choices are the
// effective ones: where the article widens a requirement ("one strength is
// enough"), the merged skills share one choice.
const EmphasisWeight = 1.0

// KindWeight is how much a requirement of a kind weighs, in scores and in
// gap coverage.
func KindWeight(k RequirementKind) float64 {
	switch k {
	case Required:
		return 3
	case Responsibility:
		return 2
	case Preferred:
		return 1
	}
	return 0
}

// Reason is one piece of evidence behind a score, with its contribution and
// an explanation in each language.
type Reason struct {
	Requirement *Requirement // the requirement, for requirement evidence
	Trait       *Trait       // the trait, for emphasis
	Points      float64
	Why         Texts
}

// RankedSkill is a skill with its score and the evidence behind it.
type RankedSkill struct {
	Skill    *Skill
	Score    float64
	Kinds    []RequirementKind // kinds of the requirements that name it, in RequirementKinds order
	Evidence []*Requirement    // those requirements, in posting order
	Reasons  []Reason
}

// Why returns the explanation lines in lang (falling back to English).
func (r RankedSkill) Why(lang Lang) []string {
	out := make([]string, len(r.Reasons))
	for i, reason := range r.Reasons {
		out[i] = reason.Why.Get(lang)
	}
	return out
}

// EmphasizedBy returns the traits whose emphasis adds to the score.
func (r RankedSkill) EmphasizedBy() []*Trait {
	var out []*Trait
	for _, reason := range r.Reasons {
		if reason.Trait != nil && !slices.Contains(out, reason.Trait) {
			out = append(out, reason.Trait)
		}
	}
	return out
}

// StageRelevance is how much a skill matters to one stage.
type StageRelevance struct {
	Stage *Stage
	Kinds []RequirementKind
	Score float64
}

// score computes the reasons of every skill for every stage once, and from
// them the full ranking of each stage and each skill's relevance.
func (g *Graph) score() {
	g.reasons = map[string]map[string][]Reason{}
	g.rankings = map[string][]RankedSkill{}
	g.relevance = map[string][]StageRelevance{}
	for _, st := range g.Stages() {
		byskill := map[string][]Reason{}
		for _, r := range g.reqsByStage[st.Slug] {
			for _, c := range g.needs[r.Slug] {
				for _, s := range c.Named {
					byskill[s.Slug] = append(byskill[s.Slug], requirementReason(r, c))
				}
			}
		}
		for _, t := range g.traitsByStage[st.Slug] {
			for _, s := range t.Emphasizes {
				byskill[s] = append(byskill[s], emphasisReason(t))
			}
		}
		g.reasons[st.Slug] = byskill
		ranking := g.rank(byskill, nil)
		g.rankings[st.Slug] = ranking
		for _, rs := range ranking {
			g.relevance[rs.Skill.Slug] = append(g.relevance[rs.Skill.Slug],
				StageRelevance{Stage: st, Kinds: rs.Kinds, Score: rs.Score})
		}
	}
}

func requirementReason(r *Requirement, c EffectiveChoice) Reason {
	alternatives := len(c.Named)
	w := KindWeight(r.Kind)
	points := w / float64(alternatives)
	quote := shorten(r.Text.Get(English), 60)
	quoteKO := shorten(r.Text.Get(Korean), 40)
	var en, ko string
	if alternatives == 1 {
		en = fmt.Sprintf("%s, line %d: “%s” needs it: +%s", kindLabel(r.Kind, English), r.Source.Line, quote, formatPoints(points))
		ko = fmt.Sprintf("%s %d행: “%s”에 필요: +%s", kindLabel(r.Kind, Korean), r.Source.Line, quoteKO, formatPoints(points))
	} else {
		en = fmt.Sprintf("%s, line %d: “%s” accepts it as one of %d alternatives: %s ÷ %d = +%s",
			kindLabel(r.Kind, English), r.Source.Line, quote, alternatives, formatPoints(w), alternatives, formatPoints(points))
		ko = fmt.Sprintf("%s %d행: “%s”에서 %d개 중 하나로 인정: %s ÷ %d = +%s",
			kindLabel(r.Kind, Korean), r.Source.Line, quoteKO, alternatives, formatPoints(w), alternatives, formatPoints(points))
	}
	return Reason{Requirement: r, Points: points, Why: Texts{English: en + widenNote(c, English), Korean: ko + widenNote(c, Korean)}}
}

// widenNote tells, for a choice a trait widened, which line of the article
// says one of its skills is enough.
func widenNote(c EffectiveChoice, lang Lang) string {
	if c.WidenedBy == nil {
		return ""
	}
	if lang == Korean {
		return fmt.Sprintf(" (%d행: 이 중 하나만 있어도 됨)", c.WidenedBy.Source.Line)
	}
	return fmt.Sprintf(" (line %d: any one of these is enough)", c.WidenedBy.Source.Line)
}

func emphasisReason(t *Trait) Reason {
	en := fmt.Sprintf("%s, line %d: “%s” puts weight on it: +%s",
		traitLabel(t.Kind, English), t.Source.Line, shorten(t.Statement.Get(English), 60), formatPoints(EmphasisWeight))
	ko := fmt.Sprintf("%s %d행: “%s”에서 강조: +%s",
		traitLabel(t.Kind, Korean), t.Source.Line, shorten(t.Statement.Get(Korean), 40), formatPoints(EmphasisWeight))
	return Reason{Trait: t, Points: EmphasisWeight, Why: Texts{English: en, Korean: ko}}
}

// rank turns reasons into a ranking, best first. With kinds set, only skills
// named by requirements of those kinds are ranked, on the evidence of those
// kinds plus emphasis; with kinds nil, every skill with any evidence is.
func (g *Graph) rank(byskill map[string][]Reason, kinds []RequirementKind) []RankedSkill {
	var out []RankedSkill
	for slug, reasons := range byskill {
		rs := RankedSkill{Skill: g.skillBySlug[slug]}
		for _, r := range reasons {
			if r.Requirement != nil && kinds != nil && !slices.Contains(kinds, r.Requirement.Kind) {
				continue
			}
			rs.Reasons = append(rs.Reasons, r)
			rs.Score += r.Points
			if r.Requirement != nil {
				if !slices.Contains(rs.Evidence, r.Requirement) {
					rs.Evidence = append(rs.Evidence, r.Requirement)
				}
				if !slices.Contains(rs.Kinds, r.Requirement.Kind) {
					rs.Kinds = append(rs.Kinds, r.Requirement.Kind)
				}
			}
		}
		if len(rs.Reasons) == 0 || (kinds != nil && len(rs.Evidence) == 0) {
			continue
		}
		rs.Score = roundScore(rs.Score)
		slices.SortFunc(rs.Kinds, func(a, b RequirementKind) int {
			return slices.Index(RequirementKinds, a) - slices.Index(RequirementKinds, b)
		})
		out = append(out, rs)
	}
	g.sortRanked(out)
	return out
}

// sortRanked orders by score, then by the skill's place in the data, so
// rankings are stable.
func (g *Graph) sortRanked(list []RankedSkill) {
	slices.SortStableFunc(list, func(a, b RankedSkill) int {
		if a.Score != b.Score {
			if a.Score > b.Score {
				return -1
			}
			return 1
		}
		return g.skillOrder[a.Skill.Slug] - g.skillOrder[b.Skill.Slug]
	})
}

// RankSkills returns the skills that matter for a stage, best first, on the
// evidence of requirements of the given kinds (all kinds when kinds is
// empty). first > 0 keeps only that many. An unknown stage is ENOTFOUND.
func (g *Graph) RankSkills(stage string, kinds []RequirementKind, first int) ([]RankedSkill, error) {
	if _, err := g.mustStage(stage); err != nil {
		return nil, err
	}
	ranking := g.rankings[stage]
	if len(kinds) > 0 && !coversAllKinds(kinds) {
		ranking = g.rank(g.reasons[stage], kinds)
	}
	return limit(ranking, first), nil
}

func coversAllKinds(kinds []RequirementKind) bool {
	for _, k := range RequirementKinds {
		if !slices.Contains(kinds, k) {
			return false
		}
	}
	return true
}

// Relevance returns how much a skill matters to each stage it matters to,
// in stage order.
func (g *Graph) Relevance(skill string) []StageRelevance { return g.relevance[skill] }

// StageScore returns a skill's score for a stage, 0 when it has no evidence there.
func (g *Graph) StageScore(skill, stage string) float64 {
	for _, r := range g.relevance[skill] {
		if r.Stage.Slug == stage {
			return r.Score
		}
	}
	return 0
}

func limit[T any](list []T, first int) []T {
	if first > 0 && first < len(list) {
		return list[:first]
	}
	return list
}

// roundScore keeps scores readable (3/5 is 0.6, not 0.6000000000000001).
func roundScore(x float64) float64 { return math.Round(x*1000) / 1000 }

func formatPoints(x float64) string {
	s := fmt.Sprintf("%.2f", x)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s
}

func kindLabel(k RequirementKind, lang Lang) string {
	labels := map[RequirementKind][2]string{
		Responsibility: {"Responsibility", "담당 업무"},
		Required:       {"Required", "자격요건"},
		Preferred:      {"Preferred", "우대사항"},
	}
	return pick(labels[k], lang)
}

func traitLabel(k TraitKind, lang Lang) string {
	labels := map[TraitKind][2]string{
		PostingSignal: {"Posting signal", "채용 공고의 특징"},
		WorkReality:   {"Work reality", "실제 업무의 특징"},
	}
	return pick(labels[k], lang)
}

func pick(l [2]string, lang Lang) string {
	if lang == Korean {
		return l[1]
	}
	return l[0]
}

// shorten cuts s to at most n runes, ending with "…" when cut.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
