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

// inputSized are lists as long as a list argument of the field they are
// under (`have`): costed at that argument's length, or at most
// Limits.MaxListLength when it is not known.
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
	inputLen    int             // the length of the list argument of the nearest field above that has one; 0 for none
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
		outer := c.inputLen
		if n, ok := listArgumentLength(f, c.vars); ok {
			c.inputLen = n
		}
		children = c.selectionSet(f.SelectionSet, f.Definition.Type.Name())
		c.inputLen = outer
	}
	return addCost(1, mulCost(n, children))
}

// listArgumentLength is the length of f's list argument, when it has one
// whose value is known.
func listArgumentLength(f *ast.Field, vars map[string]any) (int, bool) {
	for _, def := range f.Definition.Arguments {
		if def.Type.Elem == nil {
			continue
		}
		if list, ok := f.ArgumentMap(vars)[def.Name].([]any); ok {
			return len(list), true
		}
	}
	return 0, false
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
	if inputSized[parent+"."+field] {
		switch {
		case c.inputLen > 0:
			return c.inputLen
		case c.maxList > 0:
			return c.maxList
		}
	}
	return defaultListSize
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
// longest list of its kind in g (its kb.Extent): the length a query is
// costed at for it.
func listSizes(g *kb.Graph) map[string]int {
	if g == nil {
		return map[string]int{}
	}
	e := g.Extent()
	// A ranking's evidence names the skill, as the skill's requirements do;
	// rankings, comparisons and gaps list at most a stage's ranked skills
	// or requirements.
	sizes := map[string]int{
		"Query.stages":             e.Stages,
		"PostingAnalysis.stages":   e.Stages,
		"Query.categories":         e.Categories,
		"Query.suggestSkills":      e.Skills,
		"Stage.requirements":       e.StageRequirements,
		"Stage.traits":             e.StageTraits,
		"Requirement.needs":        e.RequirementChoices,
		"Requirement.postedNeeds":  e.RequirementChoices,
		"Requirement.skills":       e.RequirementSkills,
		"SkillChoice.anyOf":        e.ChoiceSkills,
		"SkillChoice.named":        e.ChoiceNamed,
		"RankedSkill.emphasizedBy": e.SkillEmphases,
		"RankedSkill.evidence":     e.SkillRequirements,
		"Skill.stages":             e.SkillStages,
		"Skill.requirements":       e.SkillRequirements,
		"Skill.broader":            e.SkillBroader,
		"Skill.narrower":           e.SkillNarrower,
		"Skill.related":            e.SkillRelated,
		"Category.skills":          e.CategorySkills,
		"GapMatch.path":            e.BroaderDepth,
		"PostingMatch.path":        e.BroaderDepth,
		"Trait.evidence":           e.TraitEvidence,
		"Trait.emphasizes":         e.TraitEmphases,
		"Trait.widens":             e.TraitWidenings,
		"Query.skillsForStage":     e.RankedSkills,
		"StageComparison.shared":   e.RankedSkills,
		"StageComparison.onlyA":    e.RankedSkills,
		"StageComparison.onlyB":    e.RankedSkills,
		"SkillGap.satisfied":       e.StageRequirements,
		"SkillGap.unsatisfied":     e.StageRequirements,
		"SkillGap.missing":         e.RankedSkills,
		"SkillGap.steps":           e.RankedSkills,
		"GapStep.anyOf":            e.ChoiceNamed,
		"GapStep.requirements":     e.StageRequirements,
	}
	for field, n := range sizes {
		sizes[field] = max(n, 1)
	}
	return sizes
}
