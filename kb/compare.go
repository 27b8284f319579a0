package kb

// Comparison sets two stages' skills side by side.
type Comparison struct {
	A, B   *Stage
	Shared []*Skill      // skills with evidence in both, by combined score
	OnlyA  []RankedSkill // skills only A has evidence for, ranked for A
	OnlyB  []RankedSkill // skills only B has evidence for, ranked for B
}

// Compare contrasts the skills that matter for stages a and b, using the
// full rankings (every requirement kind and emphasis). An unknown stage is
// ENOTFOUND.
func (g *Graph) Compare(a, b string) (*Comparison, error) {
	sa, err := g.mustStage(a)
	if err != nil {
		return nil, err
	}
	sb, err := g.mustStage(b)
	if err != nil {
		return nil, err
	}
	// A skill's relevance lists the stages it has evidence for, so no
	// set of either ranking needs building.
	ra, rb := g.ranking(a), g.ranking(b)
	c := &Comparison{A: sa, B: sb}
	var shared []RankedSkill
	for _, rs := range ra {
		if scoreB, ok := g.stageScore(rs.Skill.Slug, b); ok {
			shared = append(shared, RankedSkill{Skill: rs.Skill, Score: rs.Score + scoreB, first: rs.first})
		} else {
			c.OnlyA = append(c.OnlyA, rs)
		}
	}
	for _, rs := range rb {
		if _, ok := g.stageScore(rs.Skill.Slug, a); !ok {
			c.OnlyB = append(c.OnlyB, rs)
		}
	}
	g.sortRanked(shared)
	c.Shared = make([]*Skill, len(shared))
	for i, rs := range shared {
		c.Shared[i] = rs.Skill
	}
	return c, nil
}
