package kb

import (
	"cmp"
	"slices"
	"strings"
)

// Step is one thing to learn next for a stage: an open choice of its
// requirements, which any one of its alternatives meets ("one of Python,
// Java, Scala, Kotlin, Go"). The same alternatives open in several
// requirements are one step, whose gain adds up.
type Step struct {
	AnyOf        []*Skill       // the alternatives the posting names, the closest to what someone has first
	Gain         float64        // the coverage (0 to 1) learning any one of them adds
	Requirements []*Requirement // where the choice is open, in posting order
	Reasons      []Reason       // one per requirement, as the why lines of Missing
	first        int
}

// Why explains the step in lang, one line per requirement.
func (s Step) Why(lang Lang) []string {
	out := make([]string, len(s.Reasons))
	for i, r := range s.Reasons {
		out[i] = r.Why(lang)
	}
	return out
}

// Steps groups what to learn next by choice: unlike Missing, which ranks
// each skill alone, a choice of five languages is one step, not five. Steps
// come by gain, then in posting order; at most first of them (all when
// first <= 0).
func (gap *Gap) Steps(first int) []Step {
	if gap.g == nil || gap.total == 0 {
		return nil
	}
	byKey := map[string]*Step{}
	var steps []*Step
	next := 0
	for k, r := range gap.Unsatisfied {
		open := gap.opens[next : next+gap.nOpen[k]]
		next += gap.nOpen[k]
		share := KindWeight(r.Kind) / gap.total / float64(len(open))
		for _, c := range open {
			key := skillsKey(c.Named)
			st := byKey[key]
			if st == nil {
				st = &Step{AnyOf: gap.g.closestFirst(c.Named, gap.Known), first: len(steps)}
				byKey[key] = st
				steps = append(steps, st)
			}
			st.Gain += share
			st.Reasons = append(st.Reasons, Reason{Requirement: r, Points: share, why: &lazyWhy{choice: c, open: len(open)}})
			if !slices.Contains(st.Requirements, r) {
				st.Requirements = append(st.Requirements, r)
			}
		}
	}
	slices.SortStableFunc(steps, func(a, b *Step) int {
		return cmp.Or(cmp.Compare(roundScore(b.Gain), roundScore(a.Gain)), a.first-b.first)
	})
	out := make([]Step, len(steps))
	for i, st := range steps {
		st.Gain = roundScore(st.Gain)
		out[i] = *st
	}
	return limit(out, first)
}

func skillsKey(skills []*Skill) string {
	slugs := make([]string, len(skills))
	for i, s := range skills {
		slugs[i] = s.Slug
	}
	slices.Sort(slugs)
	return strings.Join(slugs, "\x00")
}

// closestFirst orders a choice's alternatives by how close each is to the
// skills someone has: related to one of them first (Trino for someone who
// knows Presto), then beside one (a kind of the same skill: Scala for
// someone who knows Java), then the rest, each in the posting's order.
func (g *Graph) closestFirst(alternatives, have []*Skill) []*Skill {
	if len(have) == 0 || len(alternatives) < 2 {
		return alternatives
	}
	closeness := func(s *Skill) int {
		best := 0
		for _, h := range have {
			switch {
			case slices.Contains(s.Related, h.Slug) || slices.Contains(h.Related, s.Slug):
				return 2
			case sharesBroader(s, h):
				best = 1
			}
		}
		return best
	}
	out := slices.Clone(alternatives)
	slices.SortStableFunc(out, func(a, b *Skill) int { return closeness(b) - closeness(a) })
	return out
}

func sharesBroader(a, b *Skill) bool {
	for _, x := range a.Broader {
		if slices.Contains(b.Broader, x) {
			return true
		}
	}
	return false
}
