package kb

import (
	"slices"
)

// Graph is a validated, indexed, immutable view of a Dataset, with its
// derived data (effective choices, each skill's relevance to each stage)
// computed once, and the rankings of the stages recently asked about. It is
// safe for concurrent use; a change to the data makes a new Graph.
type Graph struct {
	data *Dataset

	categoryBySlug map[string]*Category
	skillBySlug    map[string]*Skill
	skillByKey     map[string]*Skill // NameKey of slug, names and aliases
	stageBySlug    map[string]*Stage
	reqIndex       map[string]int32 // requirement slug → place in the data
	traitBySlug    map[string]*Trait

	reqsByStage   map[string][]*Requirement
	traitsByStage map[string][]*Trait
	reqsBySkill   map[string][]*Requirement  // requirements whose choices name the skill
	evidenced     map[string]bool            // skills an article line names
	widenings     map[string][]traitWidening // by requirement slug, in trait order
	narrower      map[string][]string        // direct narrower skills, in dataset order
	skillOrder    map[string]int
	stageOrder    map[string]int
	closures      []closure // by skill order, filled as choices need them
	order         []int32   // 0, 1, 2, …: one-element sorted sets of skills, shared

	needs            [][]EffectiveChoice // by requirement index, widened
	posted           [][]EffectiveChoice // by requirement index, as posted
	stages           []*Stage
	skills           []*Skill
	skillsByCategory map[string][]*Skill
	rankings         *rankingCache // by stage slug, every kind, best first
	rankedSkills     int           // the longest ranking
	relevance        map[string][]StageRelevance
	extent           Extent
}

// EffectiveChoice is a choice as the knowledge base applies it: the posting's
// choice, widened where the article says so, with every skill that meets it.
//
// Choices are most of a large graph, so they share what they can: a choice
// of one skill (most are) uses the skill's closure, computed once, for its
// Named, AnyOf and meets. A choice of several skills with narrower ones is
// kept as its roots, its AnyOf listed only when asked (Graph.Needs): every
// stored AnyOf would be most of the memory of a graph whose popular skills
// have many narrower ones. Do not change the slices.
type EffectiveChoice struct {
	Named     []*Skill // the skills the posting names
	SuchAs    *Skill   // the group the posting's "such as" (등) opens the choice to, or nil
	AnyOf     []*Skill // every skill that meets the choice: named, group, and narrower ones
	WidenedBy *Trait   // the trait that merged posted choices into this one, or nil
	meets     []int32  // the skill orders of AnyOf, sorted; nil while lazy
	lazy      bool     // AnyOf and meets are left to be derived from Named and SuchAs
	g         *Graph
}

// meetsSkill reports whether the skill of the given order meets the choice:
// it is one of AnyOf, that is, a root (named or such-as skill) or narrower
// than one.
func (c *EffectiveChoice) meetsSkill(i int32) bool {
	if !c.lazy {
		_, found := slices.BinarySearch(c.meets, i)
		return found
	}
	if c.SuchAs != nil && c.g.closureOf(c.SuchAs.Slug).has(i) {
		return true
	}
	for _, s := range c.Named {
		if c.g.closureOf(s.Slug).has(i) {
			return true
		}
	}
	return false
}

// materialized returns c with AnyOf and meets listed.
func (c EffectiveChoice) materialized() EffectiveChoice {
	if !c.lazy {
		return c
	}
	g := c.g
	var members []int32
	if c.SuchAs != nil {
		members = g.closureOf(c.SuchAs.Slug).members
	}
	for _, s := range c.Named {
		members = unionSorted(members, g.closureOf(s.Slug).members)
	}
	c.meets = slices.Clip(members)
	c.AnyOf = slices.Clone(c.Named)
	for _, m := range members {
		if s := g.skills[m]; !slices.Contains(c.Named, s) {
			c.AnyOf = append(c.AnyOf, s)
		}
	}
	c.lazy = false
	return c
}

// materializedAll returns choices with every AnyOf listed: choices itself
// when none is lazy.
func materializedAll(choices []EffectiveChoice) []EffectiveChoice {
	if !slices.ContainsFunc(choices, func(c EffectiveChoice) bool { return c.lazy }) {
		return choices
	}
	out := make([]EffectiveChoice, len(choices))
	for i, c := range choices {
		out[i] = c.materialized()
	}
	return out
}

// closure is a skill and every skill narrower than it, directly or not: the
// skills that meet a choice naming it alone.
type closure struct {
	done    bool
	anyOf   []*Skill // the skill, then the narrower ones in data order
	members []int32  // their orders, sorted
}

// has reports whether the skill of the given order is in the closure.
func (c *closure) has(i int32) bool {
	_, found := slices.BinarySearch(c.members, i)
	return found
}

// closureOf returns the closure of the skill with the given slug, computing
// it on first use, which is always while the graph is built (every root of
// a choice is expanded then), never later, when the graph is shared.
// Broader links have no cycles (Validate checks), so the recursion ends.
func (g *Graph) closureOf(slug string) *closure {
	i := g.skillOrder[slug]
	c := &g.closures[i]
	if c.done {
		return c
	}
	c.done = true
	narrower := g.narrower[slug]
	if len(narrower) == 0 {
		c.anyOf, c.members = g.skills[i:i+1:i+1], g.order[i:i+1:i+1]
		return c
	}
	members := []int32{int32(i)}
	for _, n := range narrower {
		members = unionSorted(members, g.closureOf(n).members)
	}
	c.members = slices.Clip(members)
	c.anyOf = make([]*Skill, 0, len(members))
	c.anyOf = append(c.anyOf, g.skills[i])
	for _, m := range members {
		if m != int32(i) {
			c.anyOf = append(c.anyOf, g.skills[m])
		}
	}
	return c
}

// unionSorted merges two sorted sets into a new sorted set.
func unionSorted(a, b []int32) []int32 {
	out := make([]int32, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			out = append(out, a[i])
			i++
		case a[i] > b[j]:
			out = append(out, b[j])
			j++
		default:
			out = append(out, a[i])
			i, j = i+1, j+1
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}

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
		g.posted[i] = g.postedChoices(r)
		g.needs[i] = g.widenedChoices(r, g.posted[i])
	}
	g.score()
	g.measure()
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
		for _, name := range s.Name.Values() {
			g.skillByKey[NameKey(name)] = s
		}
		for _, a := range s.Aliases {
			g.skillByKey[NameKey(a)] = s
		}
		for _, b := range s.Broader {
			g.narrower[b] = append(g.narrower[b], s.Slug)
		}
	}
	g.closures = make([]closure, len(ds.Skills))
	g.order = make([]int32, len(ds.Skills))
	for i := range g.order {
		g.order[i] = int32(i)
	}
	g.stageBySlug = make(map[string]*Stage, len(ds.Stages))
	g.stageOrder = make(map[string]int, len(ds.Stages))
	for i := range ds.Stages {
		g.stageBySlug[ds.Stages[i].Slug] = &ds.Stages[i]
		g.stageOrder[ds.Stages[i].Slug] = i
	}
	g.reqIndex = make(map[string]int32, len(ds.Requirements))
	g.reqsByStage = map[string][]*Requirement{}
	g.reqsBySkill = map[string][]*Requirement{}
	g.evidenced = map[string]bool{}
	g.needs = make([][]EffectiveChoice, len(ds.Requirements))
	g.posted = make([][]EffectiveChoice, len(ds.Requirements))
	for i := range ds.Requirements {
		r := &ds.Requirements[i]
		g.reqIndex[r.Slug] = int32(i)
		g.reqsByStage[r.Stage] = append(g.reqsByStage[r.Stage], r)
		seen := map[string]bool{}
		for _, c := range r.Needs {
			if c.SuchAs != "" {
				g.evidenced[c.SuchAs] = true
			}
			for _, s := range c.AnyOf {
				g.evidenced[s] = true
				if !seen[s] {
					seen[s] = true
					g.reqsBySkill[s] = append(g.reqsBySkill[s], r)
				}
			}
		}
	}
	g.traitBySlug = make(map[string]*Trait, len(ds.Traits))
	g.traitsByStage = map[string][]*Trait{}
	g.widenings = map[string][]traitWidening{}
	for i := range ds.Traits {
		t := &ds.Traits[i]
		g.traitBySlug[t.Slug] = t
		g.traitsByStage[t.Stage] = append(g.traitsByStage[t.Stage], t)
		for _, w := range t.Widens {
			g.widenings[w.Requirement] = append(g.widenings[w.Requirement], traitWidening{w, t})
		}
		for _, s := range t.Emphasizes {
			g.evidenced[s] = true
		}
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

// widenedChoices applies to posted choices the widenings traits record for
// r, in the order of the traits.
func (g *Graph) widenedChoices(r *Requirement, posted []EffectiveChoice) []EffectiveChoice {
	choices := posted
	for _, w := range g.widenings[r.Slug] {
		choices = g.widen(choices, w.Widening, w.by)
	}
	return choices
}

// traitWidening is a widening and the trait that records it.
type traitWidening struct {
	Widening
	by *Trait
}

// expand builds the choice met by the named skills, the such-as group and
// every skill narrower than any of them: AnyOf lists the named skills, then
// the others in data order.
func (g *Graph) expand(named []string, suchAs string) EffectiveChoice {
	c := EffectiveChoice{g: g}
	if len(named) == 1 && suchAs == "" {
		cl := g.closureOf(named[0])
		c.Named, c.AnyOf, c.meets = cl.anyOf[:1:1], cl.anyOf, cl.members
		return c
	}
	c.Named = make([]*Skill, len(named))
	leaves := suchAs == ""
	for i, s := range named {
		c.Named[i] = g.skillBySlug[s]
		// Every named skill's closure is computed now, while the graph is
		// built: it is shared, unlocked, once served.
		cl := g.closureOf(s)
		leaves = leaves && len(cl.members) == 1
	}
	if suchAs != "" {
		c.SuchAs = g.skillBySlug[suchAs]
		g.closureOf(suchAs) // computed now, while the graph is built
	}
	if !leaves {
		c.lazy = true
		return c
	}
	// Only the named skills meet the choice: AnyOf is Named.
	c.AnyOf = c.Named
	c.meets = make([]int32, 0, len(named))
	for _, s := range named {
		c.meets = append(c.meets, int32(g.skillOrder[s]))
	}
	slices.Sort(c.meets)
	c.meets = slices.Compact(c.meets)
	return c
}

// widen merges the choices that name any of w.Merge into one, placed where
// the first of them was.
func (g *Graph) widen(choices []EffectiveChoice, w Widening, by *Trait) []EffectiveChoice {
	var out []EffectiveChoice
	merged := EffectiveChoice{WidenedBy: by, g: g}
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
		c = c.materialized()
		// New slices: the merged choices' may be shared closures.
		merged.Named = appendNew(slices.Clip(merged.Named), c.Named...)
		merged.AnyOf = appendNew(slices.Clip(merged.AnyOf), c.AnyOf...)
		merged.meets = unionSorted(merged.meets, c.meets)
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

func (g *Graph) Categories() []*Category        { return ptrs(g.data.Categories) }
func (g *Graph) Stage(slug string) *Stage       { return g.stageBySlug[slug] }
func (g *Graph) Skill(slug string) *Skill       { return g.skillBySlug[slug] }
func (g *Graph) Category(slug string) *Category { return g.categoryBySlug[slug] }
func (g *Graph) Requirement(slug string) *Requirement {
	if i, ok := g.reqIndex[slug]; ok {
		return &g.data.Requirements[i]
	}
	return nil
}
func (g *Graph) Trait(slug string) *Trait { return g.traitBySlug[slug] }

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
func (g *Graph) Needs(req string) []EffectiveChoice {
	if i, ok := g.reqIndex[req]; ok {
		return materializedAll(g.needs[i])
	}
	return nil
}

// PostedNeeds returns the choices of a requirement as the posting states
// them, expanded but not widened.
func (g *Graph) PostedNeeds(req string) []EffectiveChoice {
	if i, ok := g.reqIndex[req]; ok {
		return materializedAll(g.posted[i])
	}
	return nil
}

// RequirementSkills returns the skills a requirement names, in order.
func (g *Graph) RequirementSkills(req string) []*Skill {
	var out []*Skill
	i, ok := g.reqIndex[req]
	if !ok {
		return nil
	}
	for _, c := range g.needs[i] {
		out = appendNew(out, c.Named...)
	}
	return out
}

// Roots returns the skills a requirement's choices name and the groups
// their "such as" opens, choice by choice, without the narrower skills
// that meet them too.
func (g *Graph) Roots(req string) []*Skill {
	i, ok := g.reqIndex[req]
	if !ok {
		return nil
	}
	var out []*Skill
	for _, c := range g.needs[i] {
		out = append(out, c.Named...)
		if c.SuchAs != nil {
			out = append(out, c.SuchAs)
		}
	}
	return out
}

// Evidenced reports whether an article line names the skill: a
// requirement's choice (or its such-as group), or a trait's emphasis. The
// other skills are the vocabulary: the knowledge base knows them, and they
// meet requirements only through broader links to skills that are
// evidenced.
func (g *Graph) Evidenced(skill string) bool { return g.evidenced[skill] }

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
		if r := g.Requirement(s); r != nil {
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
		if r := g.Requirement(w.Requirement); r != nil {
			out = append(out, r)
		}
	}
	return out
}

// stageNotFound is the error for an unknown stage slug: it names the slug and
// the known ones.
func (g *Graph) stageNotFound(slug string) error {
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
	return nil, g.stageNotFound(slug)
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

// SkillFilter selects skills; its zero value selects every one.
type SkillFilter struct {
	Category  string    // a category slug, or "" for any
	Kind      SkillKind // or "" for any
	Evidenced *bool     // only skills an article line names (true), only the vocabulary beyond them (false), or any (nil)
}

// FindSkills returns the skills f selects, in data order. An unknown
// category is ENOTFOUND.
func (g *Graph) FindSkills(f SkillFilter) ([]*Skill, error) {
	all := g.skills
	if f.Category != "" {
		if g.categoryBySlug[f.Category] == nil {
			return nil, Errorf(ENOTFOUND, "unknown category %q%s", f.Category, suggest(f.Category, keys(g.categoryBySlug)))
		}
		all = g.skillsByCategory[f.Category]
	}
	if f.Kind == "" && f.Evidenced == nil {
		return all, nil
	}
	return filter(all, func(s *Skill) bool {
		return (f.Kind == "" || s.Kind == f.Kind) && (f.Evidenced == nil || g.evidenced[s.Slug] == *f.Evidenced)
	}), nil
}
