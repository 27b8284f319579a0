package kb

// Extent is the length of the longest list of each kind the graph answers
// with: what the cost of a query is estimated from before it runs. It is
// measured once, while the graph is built, without listing anything: the
// skills that meet a choice of several roots are bounded by the sum of the
// roots' closures rather than counted as their union.
type Extent struct {
	Stages, Categories, Skills int

	StageRequirements int // of one stage
	StageTraits       int
	RankedSkills      int // a stage's ranking

	RequirementChoices int // the needs, or the posted needs, of one requirement
	ChoiceSkills       int // the skills that meet one choice (a bound)
	ChoiceNamed        int // the skills one choice names
	RequirementSkills  int // the skills one requirement names

	SkillRequirements int // the requirements that name one skill
	SkillStages       int
	SkillBroader      int
	SkillNarrower     int
	SkillRelated      int
	SkillEmphases     int // the traits that emphasize one skill
	CategorySkills    int
	BroaderDepth      int // skills on the longest chain of broader links

	TraitEvidence  int
	TraitEmphases  int
	TraitWidenings int
}

// Extent returns the longest lists of the graph.
func (g *Graph) Extent() Extent { return g.extent }

// measure computes g.extent; it runs last in NewGraph.
func (g *Graph) measure() {
	e := Extent{Stages: len(g.stages), Categories: len(g.data.Categories), Skills: len(g.skills), RankedSkills: g.rankedSkills}
	for _, st := range g.stages {
		e.StageRequirements = max(e.StageRequirements, len(g.reqsByStage[st.Slug]))
		e.StageTraits = max(e.StageTraits, len(g.traitsByStage[st.Slug]))
	}
	for i := range g.needs {
		for _, choices := range [][]EffectiveChoice{g.needs[i], g.posted[i]} {
			e.RequirementChoices = max(e.RequirementChoices, len(choices))
			named := 0
			for j := range choices {
				c := &choices[j]
				e.ChoiceNamed = max(e.ChoiceNamed, len(c.Named))
				e.ChoiceSkills = max(e.ChoiceSkills, g.choiceSkillsBound(c))
				named += len(c.Named)
			}
			e.RequirementSkills = max(e.RequirementSkills, named)
		}
	}
	emphases := map[string]int{}
	for i := range g.data.Traits {
		t := &g.data.Traits[i]
		e.TraitEvidence = max(e.TraitEvidence, len(t.Evidence))
		e.TraitEmphases = max(e.TraitEmphases, len(t.Emphasizes))
		e.TraitWidenings = max(e.TraitWidenings, len(t.Widens))
		for _, s := range t.Emphasizes {
			emphases[s]++
		}
	}
	depth := make([]int, len(g.skills)) // 0: not measured yet
	for _, s := range g.skills {
		e.SkillRequirements = max(e.SkillRequirements, len(g.reqsBySkill[s.Slug]))
		e.SkillStages = max(e.SkillStages, len(g.relevance[s.Slug]))
		e.SkillBroader = max(e.SkillBroader, len(s.Broader))
		e.SkillNarrower = max(e.SkillNarrower, len(g.narrower[s.Slug]))
		e.SkillRelated = max(e.SkillRelated, len(s.Related))
		e.SkillEmphases = max(e.SkillEmphases, emphases[s.Slug])
		e.BroaderDepth = max(e.BroaderDepth, g.broaderDepth(s, depth))
	}
	for _, skills := range g.skillsByCategory {
		e.CategorySkills = max(e.CategorySkills, len(skills))
	}
	g.extent = e
}

// choiceSkillsBound bounds the number of skills that meet c: exact when
// they are listed, the sum of its roots' closures when they are not.
func (g *Graph) choiceSkillsBound(c *EffectiveChoice) int {
	if !c.lazy {
		return len(c.AnyOf)
	}
	n := 0
	if c.SuchAs != nil {
		n += len(g.closureOf(c.SuchAs.Slug).members)
	}
	for _, s := range c.Named {
		n += len(g.closureOf(s.Slug).members)
	}
	return n
}

// broaderDepth is the number of skills on the longest chain of broader
// links from s up, memoized in depth by skill order. Broader links have no
// cycles (Validate checks), so the recursion ends.
func (g *Graph) broaderDepth(s *Skill, depth []int) int {
	i := g.skillOrder[s.Slug]
	if depth[i] > 0 {
		return depth[i]
	}
	d := 1
	for _, b := range s.Broader {
		if up := g.skillBySlug[b]; up != nil {
			d = max(d, 1+g.broaderDepth(up, depth))
		}
	}
	depth[i] = d
	return d
}
