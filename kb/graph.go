package kb

import (
	"slices"
)

// Graph is a validated, indexed, immutable view of a Dataset, with its
// derived data (effective choices, stage scores) computed once. It is safe
// for concurrent use; a change to the data makes a new Graph.
type Graph struct {
	data *Dataset

	categoryBySlug map[string]*Category
	skillBySlug    map[string]*Skill
	skillByKey     map[string]*Skill // NameKey of slug, names and aliases
	stageBySlug    map[string]*Stage
	reqBySlug      map[string]*Requirement
	traitBySlug    map[string]*Trait

	reqsByStage   map[string][]*Requirement
	traitsByStage map[string][]*Trait
	reqsBySkill   map[string][]*Requirement // requirements whose choices name the skill
	narrower      map[string][]string       // direct narrower skills, in dataset order
	skillOrder    map[string]int

	needs            map[string][]EffectiveChoice // by requirement slug, widened
	posted           map[string][]EffectiveChoice // by requirement slug, as posted
	stages           []*Stage
	skills           []*Skill
	skillsByCategory map[string][]*Skill
	reasons          map[string]map[string][]Reason
	rankings         map[string][]RankedSkill // by stage slug, every kind, best first
	relevance        map[string][]StageRelevance
}

// EffectiveChoice is a choice as the knowledge base applies it: the posting's
// choice, widened where the article says so, with every skill that meets it.
type EffectiveChoice struct {
	Named     []*Skill // the skills the posting names
	SuchAs    *Skill   // the group the posting's "such as" (등) opens the choice to, or nil
	AnyOf     []*Skill // every skill that meets the choice: named, group, and narrower ones
	WidenedBy *Trait   // the trait that merged posted choices into this one, or nil
	meets     map[string]bool
}

// Meets reports whether the skill with the given slug meets the choice.
func (c EffectiveChoice) Meets(slug string) bool { return c.meets[slug] }

// NewGraph validates ds and builds its Graph. The Graph keeps ds; the caller
// must not change it afterwards.
func NewGraph(ds *Dataset) (*Graph, error) {
	if err := Validate(ds); err != nil {
		return nil, err
	}
	g := &Graph{data: ds}
	g.index()
	for i := range ds.Requirements {
		r := &ds.Requirements[i]
		g.posted[r.Slug] = g.postedChoices(r)
		g.needs[r.Slug] = g.widenedChoices(r, g.posted[r.Slug])
	}
	g.score()
	return g, nil
}

func (g *Graph) index() {
	ds := g.data
	g.categoryBySlug = make(map[string]*Category, len(ds.Categories))
	for i := range ds.Categories {
		g.categoryBySlug[ds.Categories[i].Slug] = &ds.Categories[i]
	}
	g.stages = ptrs(ds.Stages)
	g.skills = ptrs(ds.Skills)
	g.skillsByCategory = map[string][]*Skill{}
	for _, s := range g.skills {
		g.skillsByCategory[s.Category] = append(g.skillsByCategory[s.Category], s)
	}
	g.skillBySlug = make(map[string]*Skill, len(ds.Skills))
	g.skillByKey = make(map[string]*Skill, 4*len(ds.Skills))
	g.skillOrder = make(map[string]int, len(ds.Skills))
	g.narrower = map[string][]string{}
	for i := range ds.Skills {
		s := &ds.Skills[i]
		g.skillBySlug[s.Slug] = s
		g.skillOrder[s.Slug] = i
		g.skillByKey[NameKey(s.Slug)] = s
		for _, name := range s.Name {
			g.skillByKey[NameKey(name)] = s
		}
		for _, a := range s.Aliases {
			g.skillByKey[NameKey(a)] = s
		}
		for _, b := range s.Broader {
			g.narrower[b] = append(g.narrower[b], s.Slug)
		}
	}
	g.stageBySlug = make(map[string]*Stage, len(ds.Stages))
	for i := range ds.Stages {
		g.stageBySlug[ds.Stages[i].Slug] = &ds.Stages[i]
	}
	g.reqBySlug = make(map[string]*Requirement, len(ds.Requirements))
	g.reqsByStage = map[string][]*Requirement{}
	g.reqsBySkill = map[string][]*Requirement{}
	g.needs = make(map[string][]EffectiveChoice, len(ds.Requirements))
	g.posted = make(map[string][]EffectiveChoice, len(ds.Requirements))
	for i := range ds.Requirements {
		r := &ds.Requirements[i]
		g.reqBySlug[r.Slug] = r
		g.reqsByStage[r.Stage] = append(g.reqsByStage[r.Stage], r)
		seen := map[string]bool{}
		for _, c := range r.Needs {
			for _, s := range c.AnyOf {
				if !seen[s] {
					seen[s] = true
					g.reqsBySkill[s] = append(g.reqsBySkill[s], r)
				}
			}
		}
	}
	g.traitBySlug = make(map[string]*Trait, len(ds.Traits))
	g.traitsByStage = map[string][]*Trait{}
	for i := range ds.Traits {
		t := &ds.Traits[i]
		g.traitBySlug[t.Slug] = t
		g.traitsByStage[t.Stage] = append(g.traitsByStage[t.Stage], t)
	}
}

// postedChoices expands the choices of r as the posting states them.
func (g *Graph) postedChoices(r *Requirement) []EffectiveChoice {
	choices := make([]EffectiveChoice, len(r.Needs))
	for i, c := range r.Needs {
		choices[i] = g.expand(c.AnyOf, c.SuchAs)
	}
	return choices
}

// widenedChoices applies to posted choices the widenings traits record for r.
func (g *Graph) widenedChoices(r *Requirement, posted []EffectiveChoice) []EffectiveChoice {
	choices := posted
	for _, t := range g.data.Traits {
		for _, w := range t.Widens {
			if w.Requirement == r.Slug {
				choices = g.widen(choices, w, g.traitBySlug[t.Slug])
			}
		}
	}
	return choices
}

// expand builds the choice met by the named skills, the such-as group and
// every skill narrower than any of them.
func (g *Graph) expand(named []string, suchAs string) EffectiveChoice {
	c := EffectiveChoice{meets: map[string]bool{}}
	roots := slices.Clone(named)
	if suchAs != "" {
		c.SuchAs = g.skillBySlug[suchAs]
		roots = append(roots, suchAs)
	}
	for _, s := range named {
		c.Named = append(c.Named, g.skillBySlug[s])
	}
	var extra []string
	var walk func(slug string)
	walk = func(slug string) {
		if c.meets[slug] {
			return
		}
		c.meets[slug] = true
		if !slices.Contains(named, slug) {
			extra = append(extra, slug)
		}
		for _, n := range g.narrower[slug] {
			walk(n)
		}
	}
	for _, s := range roots {
		walk(s)
	}
	slices.SortStableFunc(extra, func(a, b string) int { return g.skillOrder[a] - g.skillOrder[b] })
	c.AnyOf = slices.Clone(c.Named)
	for _, s := range extra {
		c.AnyOf = append(c.AnyOf, g.skillBySlug[s])
	}
	return c
}

// widen merges the choices that name any of w.Merge into one, placed where
// the first of them was.
func (g *Graph) widen(choices []EffectiveChoice, w Widening, by *Trait) []EffectiveChoice {
	var out []EffectiveChoice
	merged := EffectiveChoice{WidenedBy: by, meets: map[string]bool{}}
	at := -1
	for _, c := range choices {
		if !namesAny(c, w.Merge) {
			out = append(out, c)
			continue
		}
		if at < 0 {
			at = len(out)
			out = append(out, EffectiveChoice{})
		}
		merged.Named = appendNew(merged.Named, c.Named...)
		merged.AnyOf = appendNew(merged.AnyOf, c.AnyOf...)
		for s := range c.meets {
			merged.meets[s] = true
		}
	}
	if at >= 0 {
		out[at] = merged
	}
	return out
}

func namesAny(c EffectiveChoice, slugs []string) bool {
	for _, s := range c.Named {
		if slices.Contains(slugs, s.Slug) {
			return true
		}
	}
	return false
}

func appendNew(list []*Skill, add ...*Skill) []*Skill {
	for _, s := range add {
		if !slices.Contains(list, s) {
			list = append(list, s)
		}
	}
	return list
}

// Stages returns every stage in data order. Do not change the slice.
func (g *Graph) Stages() []*Stage { return g.stages }

// Skills returns every skill in data order. Do not change the slice.
func (g *Graph) Skills() []*Skill { return g.skills }

// CategorySkills returns the skills of a category in data order.
func (g *Graph) CategorySkills(category string) []*Skill { return g.skillsByCategory[category] }

// Look-ups. Each returns nil when nothing has that slug.

func (g *Graph) Categories() []*Category              { return ptrs(g.data.Categories) }
func (g *Graph) Stage(slug string) *Stage             { return g.stageBySlug[slug] }
func (g *Graph) Skill(slug string) *Skill             { return g.skillBySlug[slug] }
func (g *Graph) Category(slug string) *Category       { return g.categoryBySlug[slug] }
func (g *Graph) Requirement(slug string) *Requirement { return g.reqBySlug[slug] }
func (g *Graph) Trait(slug string) *Trait             { return g.traitBySlug[slug] }

// Dataset returns the data the graph was built from. Do not change it.
func (g *Graph) Dataset() *Dataset { return g.data }

// ResolveSkill finds a skill by slug, name in any language or alias, ignoring
// case, spaces and punctuation. It returns nil when none matches.
func (g *Graph) ResolveSkill(name string) *Skill {
	return g.skillByKey[NameKey(name)]
}

// StageRequirements returns the requirements of a stage in posting order,
// those of the given kind only when kind is not "".
func (g *Graph) StageRequirements(stage string, kind RequirementKind) []*Requirement {
	return filter(g.reqsByStage[stage], func(r *Requirement) bool { return kind == "" || r.Kind == kind })
}

// StageTraits returns the traits of a stage in article order, those of the
// given kind only when kind is not "".
func (g *Graph) StageTraits(stage string, kind TraitKind) []*Trait {
	return filter(g.traitsByStage[stage], func(t *Trait) bool { return kind == "" || t.Kind == kind })
}

// Needs returns the effective choices of a requirement, widened where a
// trait says so.
func (g *Graph) Needs(req string) []EffectiveChoice { return g.needs[req] }

// PostedNeeds returns the choices of a requirement as the posting states
// them, expanded but not widened.
func (g *Graph) PostedNeeds(req string) []EffectiveChoice { return g.posted[req] }

// RequirementSkills returns the skills a requirement names, in order.
func (g *Graph) RequirementSkills(req string) []*Skill {
	var out []*Skill
	for _, c := range g.needs[req] {
		out = appendNew(out, c.Named...)
	}
	return out
}

// SkillRequirements returns the requirements that name a skill.
func (g *Graph) SkillRequirements(skill string) []*Requirement { return g.reqsBySkill[skill] }

// Narrower returns the skills directly narrower than a skill.
func (g *Graph) Narrower(skill string) []*Skill { return g.skillsOf(g.narrower[skill]) }

// Broader returns the skills a skill is directly part or a kind of.
func (g *Graph) Broader(skill string) []*Skill {
	if s := g.skillBySlug[skill]; s != nil {
		return g.skillsOf(s.Broader)
	}
	return nil
}

// Related returns the skills related to a skill.
func (g *Graph) Related(skill string) []*Skill {
	if s := g.skillBySlug[skill]; s != nil {
		return g.skillsOf(s.Related)
	}
	return nil
}

// Requirements returns the requirements with the given slugs, skipping unknown ones.
func (g *Graph) Requirements(slugs []string) []*Requirement {
	var out []*Requirement
	for _, s := range slugs {
		if r := g.reqBySlug[s]; r != nil {
			out = append(out, r)
		}
	}
	return out
}

func (g *Graph) skillsOf(slugs []string) []*Skill {
	var out []*Skill
	for _, s := range slugs {
		if sk := g.skillBySlug[s]; sk != nil {
			out = append(out, sk)
		}
	}
	return out
}

// SkillsBySlug returns the skills with the given slugs, skipping unknown ones.
func (g *Graph) SkillsBySlug(slugs []string) []*Skill { return g.skillsOf(slugs) }

// WidenedRequirements returns the requirements a trait widens.
func (g *Graph) WidenedRequirements(t *Trait) []*Requirement {
	var out []*Requirement
	for _, w := range t.Widens {
		if r := g.reqBySlug[w.Requirement]; r != nil {
			out = append(out, r)
		}
	}
	return out
}

// StageNotFound is the error for an unknown stage slug: it names the slug and
// the known ones.
func (g *Graph) StageNotFound(slug string) error {
	known := make([]string, len(g.data.Stages))
	for i, s := range g.data.Stages {
		known[i] = s.Slug
	}
	return Errorf(ENOTFOUND, "unknown stage %q%s; known stages: %s", slug, suggest(slug, known), joinKinds(known))
}

// mustStage returns the stage or the NOT_FOUND error.
func (g *Graph) mustStage(slug string) (*Stage, error) {
	if s := g.stageBySlug[slug]; s != nil {
		return s, nil
	}
	return nil, g.StageNotFound(slug)
}

func ptrs[T any](items []T) []*T {
	out := make([]*T, len(items))
	for i := range items {
		out[i] = &items[i]
	}
	return out
}

func filter[T any](items []T, keep func(T) bool) []T {
	var out []T
	for _, it := range items {
		if keep(it) {
			out = append(out, it)
		}
	}
	return out
}
