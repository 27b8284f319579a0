package kb

import (
	"fmt"
	"slices"
)

// Gap is what a person with some skills has and lacks for a stage.
type Gap struct {
	Stage       *Stage
	Known       []*Skill       // the skills of have that resolved, deduplicated
	Resolved    []ResolvedName // each name of have and the skill it resolved to, if any
	Unknown     []string       // the names of have that resolved to no skill, as given
	Coverage    float64        // weighted share of requirements satisfied, 0 to 1
	Satisfied   []*Requirement
	Unsatisfied []*Requirement
	Missing     []RankedSkill // what to learn next, by coverage gained
}

// ResolvedName is a name as given and the skill it resolved to (nil for none).
type ResolvedName struct {
	Name  string
	Skill *Skill
}

// Gap analyses what a person who has the named skills satisfies of a stage.
//
// A requirement is satisfied when each of its effective choices is met by a
// skill of have (a skill narrower than a named one meets it too). Coverage
// is the share of the stage's requirement weight (KindWeight) satisfied.
// Missing ranks the skills named by the open choices of unsatisfied
// requirements by how much coverage learning each would add: for each such
// requirement, its weight share divided by the number of its open choices, so
// a skill that completes a requirement gains its whole share. Unknown names
// are returned in Unknown, never as an error; an unknown stage is ENOTFOUND.
func (g *Graph) Gap(stage string, have []string) (*Gap, error) {
	st, err := g.mustStage(stage)
	if err != nil {
		return nil, err
	}
	gap := &Gap{Stage: st}
	owned := map[string]bool{}
	for _, name := range have {
		s := g.ResolveSkill(name)
		gap.Resolved = append(gap.Resolved, ResolvedName{Name: name, Skill: s})
		switch {
		case s == nil:
			if !slices.Contains(gap.Unknown, name) {
				gap.Unknown = append(gap.Unknown, name)
			}
		case !owned[s.Slug]:
			owned[s.Slug] = true
			gap.Known = append(gap.Known, s)
		}
	}

	reqs := g.reqsByStage[stage]
	total := 0.0
	for _, r := range reqs {
		total += KindWeight(r.Kind)
	}
	gains := map[string]*RankedSkill{}
	var order []string
	satisfiedWeight := 0.0
	for _, r := range reqs {
		open := g.openChoices(r, owned)
		if len(open) == 0 {
			gap.Satisfied = append(gap.Satisfied, r)
			satisfiedWeight += KindWeight(r.Kind)
			continue
		}
		gap.Unsatisfied = append(gap.Unsatisfied, r)
		share := KindWeight(r.Kind) / total / float64(len(open))
		for _, c := range open {
			for _, s := range c.Named {
				rs, ok := gains[s.Slug]
				if !ok {
					rs = &RankedSkill{Skill: s}
					gains[s.Slug] = rs
					order = append(order, s.Slug)
				}
				rs.Score += share
				rs.Reasons = append(rs.Reasons, gapReason(r, c, share, len(open)))
				if !slices.Contains(rs.Evidence, r) {
					rs.Evidence = append(rs.Evidence, r)
				}
				if !slices.Contains(rs.Kinds, r.Kind) {
					rs.Kinds = append(rs.Kinds, r.Kind)
				}
			}
		}
	}
	if total > 0 {
		gap.Coverage = roundScore(satisfiedWeight / total)
	}
	gap.Missing = g.rankGains(stage, order, gains)
	return gap, nil
}

// openChoices returns the effective choices of r that no owned skill meets.
func (g *Graph) openChoices(r *Requirement, owned map[string]bool) []EffectiveChoice {
	var open []EffectiveChoice
	for _, c := range g.needs[r.Slug] {
		met := false
		for s := range owned {
			if c.Meets(s) {
				met = true
				break
			}
		}
		if !met {
			open = append(open, c)
		}
	}
	return open
}

// rankGains orders missing skills by gain, then by their score for the
// stage, then by data order.
func (g *Graph) rankGains(stage string, order []string, gains map[string]*RankedSkill) []RankedSkill {
	out := make([]RankedSkill, 0, len(order))
	for _, slug := range order {
		rs := *gains[slug]
		rs.Score = roundScore(rs.Score)
		slices.SortFunc(rs.Kinds, func(a, b RequirementKind) int {
			return slices.Index(RequirementKinds, a) - slices.Index(RequirementKinds, b)
		})
		out = append(out, rs)
	}
	slices.SortStableFunc(out, func(a, b RankedSkill) int {
		if a.Score != b.Score {
			if a.Score > b.Score {
				return -1
			}
			return 1
		}
		sa, sb := g.StageScore(a.Skill.Slug, stage), g.StageScore(b.Skill.Slug, stage)
		if sa != sb {
			if sa > sb {
				return -1
			}
			return 1
		}
		return g.skillOrder[a.Skill.Slug] - g.skillOrder[b.Skill.Slug]
	})
	return out
}

func gapReason(r *Requirement, c EffectiveChoice, share float64, open int) Reason {
	pct := formatPoints(share * 100)
	quote := shorten(r.Text.Get(English), 60)
	quoteKO := shorten(r.Text.Get(Korean), 40)
	var en, ko string
	if open == 1 {
		en = fmt.Sprintf("%s, line %d: completes “%s”: +%s%% coverage", kindLabel(r.Kind, English), r.Source.Line, quote, pct)
		ko = fmt.Sprintf("%s %d행: “%s” 충족: 커버리지 +%s%%", kindLabel(r.Kind, Korean), r.Source.Line, quoteKO, pct)
	} else {
		en = fmt.Sprintf("%s, line %d: fills 1 of %d open needs of “%s”: +%s%% coverage", kindLabel(r.Kind, English), r.Source.Line, open, quote, pct)
		ko = fmt.Sprintf("%s %d행: “%s”의 남은 조건 %d개 중 하나: 커버리지 +%s%%", kindLabel(r.Kind, Korean), r.Source.Line, quoteKO, open, pct)
	}
	return Reason{Requirement: r, Points: share, Why: Texts{English: en + widenNote(c, English), Korean: ko + widenNote(c, Korean)}}
}
