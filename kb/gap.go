package kb

import (
	"cmp"
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
	Matches     []Match       // how the skills of have meet the stage's choices, in requirement order

	// What Steps needs: the open choices of the unsatisfied requirements,
	// how many each requirement has, and the stage's total weight.
	g     *Graph
	opens []*EffectiveChoice
	nOpen []int
	total float64
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
	gap := &Gap{Stage: st, g: g}
	resolved := map[string]bool{}
	var ownedOrder []int32 // the owned skills' orders
	for _, name := range have {
		s := g.ResolveSkill(name)
		gap.Resolved = append(gap.Resolved, ResolvedName{Name: name, Skill: s})
		switch {
		case s == nil:
			if !slices.Contains(gap.Unknown, name) {
				gap.Unknown = append(gap.Unknown, name)
			}
		case !resolved[s.Slug]:
			resolved[s.Slug] = true
			ownedOrder = append(ownedOrder, int32(g.skillOrder[s.Slug]))
			gap.Known = append(gap.Known, s)
		}
	}

	owned := g.ownedSkills(ownedOrder)
	reqs := g.reqsByStage[stage]
	total := 0.0
	for _, r := range reqs {
		total += KindWeight(r.Kind)
	}
	// A large stage has thousands of skills to learn next: they are
	// gathered in two passes, the first finding the open choices and
	// counting each skill's reasons, the second filling one buffer of
	// reasons and one of evidence that the ranked skills share slices of.
	var (
		opens   []*EffectiveChoice // the open choices of the unsatisfied requirements, in order
		nOpen   []int              // how many each has
		cands   []gapCandidate
		bySkill = map[*Skill]int{} // index in cands
		reasons int
	)
	satisfiedWeight := 0.0
	for _, r := range reqs {
		gap.Matches = g.appendMatches(gap.Matches, r, gap.Known)
		before := len(opens)
		opens = g.openChoices(opens, r, owned)
		if len(opens) == before {
			gap.Satisfied = append(gap.Satisfied, r)
			satisfiedWeight += KindWeight(r.Kind)
			continue
		}
		gap.Unsatisfied = append(gap.Unsatisfied, r)
		nOpen = append(nOpen, len(opens)-before)
		for _, c := range opens[before:] {
			for _, s := range c.Named {
				i, ok := bySkill[s]
				if !ok {
					i = len(cands)
					bySkill[s] = i
					cands = append(cands, gapCandidate{skill: s})
				}
				cands[i].reasons++
				reasons++
			}
		}
	}
	at := 0
	for i := range cands {
		cands[i].at, at = at, at+cands[i].reasons
		cands[i].reasons = 0
	}
	reasonBuf := make([]Reason, reasons)
	evidenceBuf := make([]*Requirement, reasons)
	next := 0
	for k, r := range gap.Unsatisfied {
		open := opens[next : next+nOpen[k]]
		next += nOpen[k]
		share := KindWeight(r.Kind) / total / float64(len(open))
		for _, c := range open {
			// One reason for every skill the choice names, written if asked.
			reason := Reason{Requirement: r, Points: share, why: &lazyWhy{choice: c, open: len(open)}}
			for _, s := range c.Named {
				cand := &cands[bySkill[s]]
				cand.score += share
				reasonBuf[cand.at+cand.reasons] = reason
				cand.reasons++
				// A requirement repeats only right after itself.
				if cand.evidence == 0 || evidenceBuf[cand.at+cand.evidence-1] != r {
					evidenceBuf[cand.at+cand.evidence] = r
					cand.evidence++
				}
				cand.kinds |= 1 << slices.Index(RequirementKinds, r.Kind)
			}
		}
	}
	if total > 0 {
		gap.Coverage = roundScore(satisfiedWeight / total)
	}
	gap.opens, gap.nOpen, gap.total = opens, nOpen, total
	gap.Missing = g.rankGains(stage, cands, reasonBuf, evidenceBuf)
	return gap, nil
}

// gapCandidate is a skill to learn next while a gap is analysed: its
// reasons and evidence are at [at, at+reasons) and [at, at+evidence) of
// the analysis's buffers.
type gapCandidate struct {
	skill                 *Skill
	score                 float64
	at, reasons, evidence int
	kinds                 int // bit mask, as kindSets
	stageScore            float64
	first                 int // where the open choices first name it: the posting's order
}

// ownedSet is what someone has, in the two forms choices are matched by.
type ownedSet struct {
	orders []int32  // the skills' orders: a listed choice holds one of them
	above  []*Skill // the skills and every broader one: a choice kept as its roots names one of them
}

func (g *Graph) ownedSkills(orders []int32) ownedSet {
	o := ownedSet{orders: orders}
	var climb func(s *Skill)
	climb = func(s *Skill) {
		if s == nil || slices.Contains(o.above, s) {
			return
		}
		o.above = append(o.above, s)
		for _, b := range s.Broader {
			climb(g.skillBySlug[b])
		}
	}
	for _, i := range orders {
		climb(g.skills[i])
	}
	return o
}

// metBy reports whether an owned skill meets the choice: is one of its
// AnyOf, that is, is a root of the choice or narrower than one.
func (c *EffectiveChoice) metBy(owned ownedSet) bool {
	if !c.lazy {
		for _, s := range owned.orders {
			if _, found := slices.BinarySearch(c.meets, s); found {
				return true
			}
		}
		return false
	}
	if c.SuchAs != nil && slices.Contains(owned.above, c.SuchAs) {
		return true
	}
	for _, s := range c.Named {
		if slices.Contains(owned.above, s) {
			return true
		}
	}
	return false
}

// openChoices appends to open the effective choices of r that no owned
// skill meets.
func (g *Graph) openChoices(open []*EffectiveChoice, r *Requirement, owned ownedSet) []*EffectiveChoice {
	needs := g.needs[g.reqIndex[r.Slug]]
	for i := range needs {
		if c := &needs[i]; !c.metBy(owned) {
			open = append(open, c)
		}
	}
	return open
}

// rankGains orders missing skills by gain, then by their score for the
// stage, then by the posting's order (the order the candidates were found
// in).
func (g *Graph) rankGains(stage string, cands []gapCandidate, reasons []Reason, evidence []*Requirement) []RankedSkill {
	// Each candidate's sort keys are looked up once, not at every comparison.
	for i := range cands {
		c := &cands[i]
		c.score = roundScore(c.score)
		c.stageScore = g.StageScore(c.skill.Slug, stage)
		c.first = i
	}
	slices.SortFunc(cands, func(a, b gapCandidate) int {
		switch {
		case a.score != b.score:
			return cmp.Compare(b.score, a.score)
		case a.stageScore != b.stageScore:
			return cmp.Compare(b.stageScore, a.stageScore)
		}
		return a.first - b.first // distinct skills, distinct places: a total order
	})
	out := make([]RankedSkill, len(cands))
	for i, c := range cands {
		out[i] = RankedSkill{Skill: c.skill, Score: c.score, Kinds: kindSets[c.kinds],
			Reasons:  reasons[c.at : c.at+c.reasons : c.at+c.reasons],
			Evidence: evidence[c.at : c.at+c.evidence : c.at+c.evidence]}
	}
	return out
}

func gapWhy(r *Requirement, c *EffectiveChoice, share float64, open int, lang Lang) string {
	pct := formatPoints(share * 100)
	if lang == Korean {
		quoteKO := Shorten(r.Text.Get(Korean), 40)
		if open == 1 {
			return fmt.Sprintf("%s %d행: “%s” 충족: 커버리지 +%s%%", kindLabel(r.Kind, Korean), r.Source.Line, quoteKO, pct) + widenNote(c, Korean)
		}
		return fmt.Sprintf("%s %d행: “%s”의 남은 조건 %d개 중 하나: 커버리지 +%s%%", kindLabel(r.Kind, Korean), r.Source.Line, quoteKO, open, pct) + widenNote(c, Korean)
	}
	quote := Shorten(r.Text.Get(English), 60)
	if open == 1 {
		return fmt.Sprintf("%s, line %d: completes “%s”: +%s%% coverage", kindLabel(r.Kind, English), r.Source.Line, quote, pct) + widenNote(c, English)
	}
	return fmt.Sprintf("%s, line %d: fills 1 of %d open needs of “%s”: +%s%% coverage", kindLabel(r.Kind, English), r.Source.Line, open, quote, pct) + widenNote(c, English)
}
