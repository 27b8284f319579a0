package httpapi

import (
	"math"
	"strings"
	"sync/atomic"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"skillgraph/graph"
	"skillgraph/kb"
)

// The cost of a query estimates the objects it makes the server produce.
// Every field costs 1. A field that returns a list multiplies the cost of
// what it selects by its length: its `first` argument (given, or its
// default in the schema), no more than the longest such list in the data
// being served; without one, or with `first: null` (all), that longest list
// (every stage's requirements, say, are costed as the longest stage's). A field of an interface type costs its common fields plus the
// dearest of its type-specific fragments, since each object is of one type.
// Introspection costs 1 per root field: its size is the schema's.
//
// The walk is cheap: the limiter has already bounded the fields it visits
// (Limits.MaxComplexity, fragments expanded) before the document was
// validated.

// costOverflow is the cost of a query whose cost does not fit an int.
const costOverflow = math.MaxInt

// defaultListSize is the length a list is costed at when the data says
// nothing about it.
const defaultListSize = 20

// fixedSizes are lengths the served graph cannot tell. A posting's lists
// grow with its text, which longText bounds; these are a long posting's.
var fixedSizes = map[string]int{
	"ChangeSet.items":                 100,
	"PostingAnalysis.sections":        10,
	"PostingSection.items":            15,
	"PostingItem.skills":              5,
	"PostingAnalysis.skills":          40,
	"PostingAnalysis.concepts":        30,
	"PostingSkill.mentions":           3,
	"StageFit.signals":                20,
	"PostingSignal.evidence":          4,
	"PostingGap.met":                  20,
	"PostingGap.open":                 20,
	"PostingGap.missing":              40,
	"PostingGap.matches":              40,
	"PostingAnalysis.unknownMentions": 20,
}

// inputSized are lists as long as a list argument of the query, which
// Limits.MaxListLength bounds.
var inputSized = map[string]bool{
	"SkillGap.resolved": true, // one per name of `have`
	"SkillGap.matches":  true, // one per name of `have` and choice it meets: mostly one
	"SkillGap.known":    true, // at most one per name of `have`
	"PostingGap.known":  true, // at most one per name of `have`
}

// coster computes an operation's cost on a validated document.
type coster struct {
	schema      *ast.Schema
	vars        map[string]any
	sizes       map[string]int
	maxList     int             // Limits.MaxListLength: the longest list argument
	introspects bool            // the operation reads __schema or __type
	err         *gqlerror.Error // a `first` out of range
}

func (c *coster) selectionSet(set ast.SelectionSet, parent string) int {
	parentDef := c.schema.Types[parent]
	abstract := parentDef != nil && (parentDef.Kind == ast.Interface || parentDef.Kind == ast.Union)
	direct := 0
	var branches map[string]int // cost of the fragments on each object type of an abstract parent
	fragment := func(on string, set ast.SelectionSet) {
		cost := c.selectionSet(set, on)
		if def := c.schema.Types[on]; abstract && def != nil && def.Kind == ast.Object {
			if branches == nil {
				branches = map[string]int{}
			}
			branches[on] = addCost(branches[on], cost)
			return
		}
		direct = addCost(direct, cost)
	}
	for _, sel := range set {
		if c.err != nil {
			return 0
		}
		switch s := sel.(type) {
		case *ast.Field:
			direct = addCost(direct, c.field(s, parent))
		case *ast.InlineFragment:
			on := s.TypeCondition
			if on == "" {
				on = parent
			}
			fragment(on, s.SelectionSet)
		case *ast.FragmentSpread:
			if s.Definition != nil {
				fragment(s.Definition.TypeCondition, s.Definition.SelectionSet)
			}
		}
	}
	dearest := 0
	for _, cost := range branches {
		dearest = max(dearest, cost)
	}
	return addCost(direct, dearest)
}

func (c *coster) field(f *ast.Field, parent string) int {
	if isIntrospection(f.Name) {
		c.introspects = true
		return 1
	}
	if f.Definition == nil {
		return 1 // __typename
	}
	n, counted := 1, false
	if f.Definition.Arguments.ForName("first") != nil {
		// ArgumentMap fills in the schema's default; null (all) is costed
		// as the list's length below.
		if v, ok := intArg(f.ArgumentMap(c.vars)["first"]); ok {
			if err := firstError(f.Name, v); err != nil {
				c.err = err
				return 0
			}
			n, counted = v, true
		} else if d, ok := graph.PageDefaults[parent+"."+f.Name]; ok {
			n, counted = d, true
		}
	}
	if f.Definition.Type.Elem != nil {
		// A page is no longer than the longest such list in the data.
		if longest, known := c.sizes[parent+"."+f.Name]; !counted {
			n = c.listSize(parent, f.Name)
		} else if known && longest < n {
			n = longest
		}
	}
	children := 0
	if len(f.SelectionSet) > 0 {
		children = c.selectionSet(f.SelectionSet, f.Definition.Type.Name())
	}
	return addCost(1, mulCost(n, children))
}

// listSize is the length a list field is costed at when no `first` says.
func (c *coster) listSize(parent, field string) int {
	if field == "edges" && strings.HasSuffix(parent, "Connection") {
		return 1 // the connection field's `first` counted the edges
	}
	if n, ok := c.sizes[parent+"."+field]; ok {
		return n
	}
	if n, ok := fixedSizes[parent+"."+field]; ok {
		return n
	}
	if inputSized[parent+"."+field] && c.maxList > 0 {
		return c.maxList
	}
	return defaultListSize
}

// broaderDepth is the number of skills on the longest chain of broader
// links: the longest path a gap match can list.
func broaderDepth(g *kb.Graph) int {
	depth := map[string]int{}
	var of func(s *kb.Skill) int
	of = func(s *kb.Skill) int {
		if d, ok := depth[s.Slug]; ok {
			return d
		}
		d := 1
		for _, b := range g.Broader(s.Slug) {
			d = max(d, 1+of(b)) // broader links have no cycles (kb.Validate)
		}
		depth[s.Slug] = d
		return d
	}
	longest := 1
	for _, s := range g.Skills() {
		longest = max(longest, of(s))
	}
	return longest
}

func addCost(a, b int) int {
	if a > costOverflow-b {
		return costOverflow
	}
	return a + b
}

func mulCost(a, b int) int {
	if a != 0 && b > costOverflow/a {
		return costOverflow
	}
	return a * b
}

// sizeCache keeps the list sizes of the graph being served, computed once
// per graph.
type sizeCache struct {
	p atomic.Pointer[graphSizes]
}

type graphSizes struct {
	g     *kb.Graph
	sizes map[string]int
}

func (c *sizeCache) of(g *kb.Graph) map[string]int {
	if cur := c.p.Load(); cur != nil && cur.g == g {
		return cur.sizes
	}
	s := listSizes(g)
	c.p.Store(&graphSizes{g: g, sizes: s})
	return s
}

// listSizes returns, for each list field of the schema ("Type.field"), the
// longest list of its kind in g: the length a query is costed at for it.
func listSizes(g *kb.Graph) map[string]int {
	m := map[string]int{}
	if g == nil {
		return m
	}
	set := func(field string, n int) { m[field] = max(m[field], n, 1) }
	ds := g.Dataset()
	stages, skills := g.Stages(), g.Skills()
	set("Query.stages", len(stages))
	set("PostingAnalysis.stages", len(stages))
	set("Query.categories", len(g.Categories()))
	set("Query.suggestSkills", len(skills))
	ranked := 1
	for _, st := range stages {
		set("Stage.requirements", len(g.StageRequirements(st.Slug, "")))
		set("Stage.traits", len(g.StageTraits(st.Slug, "")))
		if r, err := g.RankSkills(st.Slug, nil, 0); err == nil {
			ranked = max(ranked, len(r))
		}
	}
	for _, r := range ds.Requirements {
		needs, posted := g.Needs(r.Slug), g.PostedNeeds(r.Slug)
		set("Requirement.needs", len(needs))
		set("Requirement.postedNeeds", len(posted))
		set("Requirement.skills", len(g.RequirementSkills(r.Slug)))
		for _, choices := range [][]kb.EffectiveChoice{needs, posted} {
			for _, ch := range choices {
				set("SkillChoice.anyOf", len(ch.AnyOf))
				set("SkillChoice.named", len(ch.Named))
			}
		}
	}
	emphasized := map[string]int{} // traits that emphasize each skill
	for i := range ds.Traits {
		for _, slug := range ds.Traits[i].Emphasizes {
			emphasized[slug]++
		}
	}
	for _, s := range skills {
		set("RankedSkill.emphasizedBy", emphasized[s.Slug])
		set("Skill.stages", len(g.Relevance(s.Slug)))
		set("Skill.requirements", len(g.SkillRequirements(s.Slug)))
		set("Skill.broader", len(g.Broader(s.Slug)))
		set("Skill.narrower", len(g.Narrower(s.Slug)))
		set("Skill.related", len(g.Related(s.Slug)))
	}
	for _, c := range g.Categories() {
		set("Category.skills", len(g.CategorySkills(c.Slug)))
	}
	set("GapMatch.path", broaderDepth(g))
	set("PostingMatch.path", broaderDepth(g))
	for i := range ds.Traits {
		t := &ds.Traits[i]
		set("Trait.evidence", len(t.Evidence))
		set("Trait.emphasizes", len(t.Emphasizes))
		set("Trait.widens", len(t.Widens))
	}
	// A ranking's evidence names the skill, as the skill's requirements do;
	// rankings, comparisons and gaps list at most a stage's ranked skills
	// or requirements, and known skills at most every skill.
	set("RankedSkill.evidence", m["Skill.requirements"])
	for _, f := range []string{"Query.skillsForStage", "StageComparison.shared", "StageComparison.onlyA", "StageComparison.onlyB"} {
		set(f, ranked)
	}
	set("SkillGap.satisfied", m["Stage.requirements"])
	set("SkillGap.unsatisfied", m["Stage.requirements"])
	set("SkillGap.missing", ranked)
	set("SkillGap.steps", ranked)
	set("GapStep.anyOf", m["SkillChoice.named"])
	set("GapStep.requirements", m["Stage.requirements"])
	return m
}
