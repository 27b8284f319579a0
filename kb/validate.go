package kb

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"
)

// Problem is one thing wrong with a Dataset. Node and Field locate it, so an
// adapter can point at the line of the file it came from.
type Problem struct {
	Node    string // node ID, e.g. "requirement:growth-languages"
	Field   string // path inside the node, e.g. "needs[0].anyOf[2]"; "" for the node itself
	Message string
	// Other locates the second place a problem is about, when there is
	// one: the skill that already has the alias a skill repeats.
	Other      string
	OtherField string
}

func (p Problem) String() string {
	if p.Field == "" {
		return fmt.Sprintf("%s: %s", p.Node, p.Message)
	}
	return fmt.Sprintf("%s %s: %s", p.Node, p.Field, p.Message)
}

// ValidationError lists every problem found in a Dataset, not only the first.
// Its code is EINVALID.
type ValidationError struct {
	Problems []Problem
}

func (e *ValidationError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return fmt.Sprintf("%d problem(s) in the data:\n%s", len(e.Problems), strings.Join(lines, "\n"))
}

// Unwrap lets ErrorCode see EINVALID.
func (e *ValidationError) Unwrap() error {
	if len(e.Problems) == 0 {
		return Errorf(EINVALID, "invalid data")
	}
	return Errorf(EINVALID, "%d problem(s) in the data; first: %s", len(e.Problems), e.Problems[0])
}

var slugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// validator collects problems while walking a dataset.
type validator struct {
	problems   []Problem
	categories map[string]bool
	skills     map[string]*Skill
	stages     map[string]bool
	reqs       map[string]*Requirement
}

func (v *validator) addf(node, field, format string, args ...any) {
	v.problems = append(v.problems, Problem{Node: node, Field: field, Message: fmt.Sprintf(format, args...)})
}

// also sets where the last problem's other place is.
func (v *validator) also(node, field string) {
	p := &v.problems[len(v.problems)-1]
	p.Other, p.OtherField = node, field
}

// Validate checks a dataset and returns a *ValidationError listing every
// problem, or nil. It checks slugs, required languages, references (with a
// suggestion for misspelt ones), alias collisions, choices and cycles in the
// broader relation.
func Validate(ds *Dataset) error {
	v := &validator{
		categories: map[string]bool{},
		skills:     map[string]*Skill{},
		stages:     map[string]bool{},
		reqs:       map[string]*Requirement{},
	}
	v.collect(ds)
	v.checkCategories(ds)
	v.checkSkills(ds)
	v.checkStages(ds)
	v.checkRequirements(ds)
	v.checkTraits(ds)
	if len(v.problems) > 0 {
		return &ValidationError{Problems: v.problems}
	}
	return nil
}

// collect indexes slugs first, so references can be checked in any order,
// and reports bad or duplicate slugs.
func (v *validator) collect(ds *Dataset) {
	seen := map[string]bool{}
	claim := func(kind, slug string) bool {
		id := NodeID(kind, slug)
		switch {
		case !slugPattern.MatchString(slug):
			v.addf(id, "slug", "slug %q must be lower-case letters, digits and single hyphens", slug)
		case seen[id]:
			v.addf(id, "slug", "duplicate slug %q", slug)
			return false
		}
		seen[id] = true
		return true
	}
	for _, c := range ds.Categories {
		if claim(KindCategory, c.Slug) {
			v.categories[c.Slug] = true
		}
	}
	for i := range ds.Skills {
		if s := &ds.Skills[i]; claim(KindSkill, s.Slug) {
			v.skills[s.Slug] = s
		}
	}
	for _, s := range ds.Stages {
		if claim(KindStage, s.Slug) {
			v.stages[s.Slug] = true
		}
	}
	for i := range ds.Requirements {
		if r := &ds.Requirements[i]; claim(KindRequirement, r.Slug) {
			v.reqs[r.Slug] = r
		}
	}
	for _, t := range ds.Traits {
		claim(KindTrait, t.Slug)
	}
}

func (v *validator) checkTexts(node, field string, t Texts) {
	for _, l := range RequiredLangs {
		if strings.TrimSpace(t.Exact(l)) == "" {
			v.addf(node, field, "missing the %s text", langName(l))
		}
	}
}

func langName(l Lang) string {
	switch l {
	case Korean:
		return "Korean (ko)"
	case English:
		return "English (en)"
	}
	return string(l)
}

func (v *validator) checkSource(node string, s Source) {
	if s.Line < 1 {
		v.addf(node, "line", "line must be a 1-based line number of the article, got %d", s.Line)
	}
	if strings.TrimSpace(s.Quote) == "" {
		v.addf(node, "quote", "missing the verbatim quote of the article line")
	}
}

func (v *validator) checkCategories(ds *Dataset) {
	for _, c := range ds.Categories {
		v.checkTexts(NodeID(KindCategory, c.Slug), "name", c.Name)
	}
}

func (v *validator) checkSkills(ds *Dataset) {
	owner := map[string]nameOwner{} // name key -> the skill and field that has it
	for _, s := range ds.Skills {
		id := NodeID(KindSkill, s.Slug)
		v.checkTexts(id, "name", s.Name)
		if !v.categories[s.Category] {
			v.addf(id, "category", "unknown category %q%s", s.Category, suggest(s.Category, keys(v.categories)))
		}
		if !s.Kind.Valid() {
			v.addf(id, "kind", "unknown skill kind %q: want one of %s", s.Kind, joinKinds(SkillKinds))
		}
		v.checkReference(id, s)
		v.checkAliasRepeats(id, s.Aliases)
		for _, n := range skillNames(&s) {
			key := NameKey(n.name)
			switch other, taken := owner[key]; {
			case key == "":
				v.addf(id, n.field, "name %q has no letters or digits", n.name)
			case taken && other.skill != s.Slug:
				v.addf(id, n.field, "%q is already a name or alias of skill %q", n.name, other.skill)
				v.also(NodeID(KindSkill, other.skill), other.field)
			case !taken:
				owner[key] = nameOwner{s.Slug, n.field}
			}
		}
		v.checkAmbiguous(id, &s)
		for i, b := range s.Broader {
			v.checkSkillRef(id, fmt.Sprintf("broader[%d]", i), b)
		}
		for i, r := range s.Related {
			v.checkSkillRef(id, fmt.Sprintf("related[%d]", i), r)
		}
	}
	v.checkBroaderCycles(ds)
}

// nameOwner is the skill, and its field, that first has a name.
type nameOwner struct{ skill, field string }

// skillName is one of the names a skill is looked up by, and its field.
type skillName struct{ name, field string }

// skillNames lists the names a skill is looked up by: its slug, aliases and
// names, in that order.
func skillNames(s *Skill) []skillName {
	names := []skillName{{s.Slug, "slug"}}
	for i, a := range s.Aliases {
		names = append(names, skillName{a, fmt.Sprintf("aliases[%d]", i)})
	}
	for _, l := range s.Name.Present() {
		names = append(names, skillName{s.Name.Exact(l), "name." + string(l)})
	}
	return names
}

// checkReference checks the form of a skill's reference page. That every
// technology of the seed files has one is a rule of the files (package
// seed): a reviewer checks an entry against it.
func (v *validator) checkReference(id string, s Skill) {
	if ref := s.Reference; ref != "" && !validReference(ref) {
		v.addf(id, "reference", "reference %q must be an https:// address with a host and no spaces", ref)
	}
}

func validReference(ref string) bool {
	rest, ok := strings.CutPrefix(ref, "https://")
	host, _, _ := strings.Cut(rest, "/")
	return ok && strings.Contains(host, ".") && !strings.ContainsFunc(ref, unicode.IsSpace)
}

// checkAmbiguous requires each ambiguous name to be one of the skill's
// names or aliases, as free text would only ever find those.
func (v *validator) checkAmbiguous(id string, s *Skill) {
	keys := map[string]bool{}
	for _, n := range skillNames(s) {
		keys[NameKey(n.name)] = true
	}
	for i, a := range s.Ambiguous {
		if !keys[NameKey(a)] {
			v.addf(id, fmt.Sprintf("ambiguous[%d]", i), "%q is not a name or alias of skill %q", a, s.Slug)
		}
	}
}

// checkAliasRepeats reports aliases of one skill that fold to the same key:
// one of them is redundant, and the store keeps one alias per key.
func (v *validator) checkAliasRepeats(node string, aliases []string) {
	seen := map[string]string{}
	for i, a := range aliases {
		key := NameKey(a)
		if first, ok := seen[key]; ok && key != "" {
			v.addf(node, fmt.Sprintf("aliases[%d]", i), "alias %q repeats %q (case, spaces and punctuation are ignored)", a, first)
			continue
		}
		seen[key] = a
	}
}

func (v *validator) checkSkillRef(node, field, slug string) {
	if _, ok := v.skills[slug]; !ok {
		v.addf(node, field, "unknown skill %q%s", slug, suggest(slug, keys(v.skills)))
	}
}

// checkBroaderCycles reports every skill that is, through broader links, part
// of itself.
func (v *validator) checkBroaderCycles(ds *Dataset) {
	const (
		unvisited = iota
		active
		done
	)
	state := map[string]int{}
	var visit func(slug string, path []string)
	visit = func(slug string, path []string) {
		state[slug] = active
		path = append(path, slug)
		for _, b := range v.skills[slug].Broader {
			if _, ok := v.skills[b]; !ok {
				continue
			}
			switch state[b] {
			case active:
				v.addf(NodeID(KindSkill, slug), "broader", "cycle in broader skills: %s", cyclePath(path, b))
			case unvisited:
				visit(b, path)
			}
		}
		state[slug] = done
	}
	for _, s := range ds.Skills {
		if _, ok := v.skills[s.Slug]; ok && state[s.Slug] == unvisited {
			visit(s.Slug, nil)
		}
	}
}

func cyclePath(path []string, back string) string {
	for i, s := range path {
		if s == back {
			return strings.Join(append(path[i:], back), " → ")
		}
	}
	return back
}

func (v *validator) checkStages(ds *Dataset) {
	for _, s := range ds.Stages {
		id := NodeID(KindStage, s.Slug)
		v.checkTexts(id, "name", s.Name)
		v.checkTexts(id, "summary", s.Summary)
		v.checkSource(id, s.Source)
	}
}

func (v *validator) checkStageRef(node, slug string) {
	if !v.stages[slug] {
		v.addf(node, "stage", "unknown stage %q%s", slug, suggest(slug, keys(v.stages)))
	}
}

func (v *validator) checkRequirements(ds *Dataset) {
	for _, r := range ds.Requirements {
		id := NodeID(KindRequirement, r.Slug)
		v.checkStageRef(id, r.Stage)
		if !r.Kind.Valid() {
			v.addf(id, "kind", "unknown requirement kind %q: want one of %s", r.Kind, joinKinds(RequirementKinds))
		}
		v.checkTexts(id, "text", r.Text)
		v.checkSource(id, r.Source)
		if len(r.Needs) == 0 {
			v.addf(id, "needs", "a requirement needs at least one choice of skills")
		}
		for i, c := range r.Needs {
			field := fmt.Sprintf("needs[%d]", i)
			if len(c.AnyOf) == 0 {
				v.addf(id, field, "a choice needs at least one skill")
			}
			for j, s := range c.AnyOf {
				v.checkSkillRef(id, fmt.Sprintf("%s.anyOf[%d]", field, j), s)
			}
			if c.SuchAs != "" {
				v.checkSkillRef(id, field+".suchAs", c.SuchAs)
			}
		}
	}
}

func (v *validator) checkTraits(ds *Dataset) {
	for _, t := range ds.Traits {
		id := NodeID(KindTrait, t.Slug)
		v.checkStageRef(id, t.Stage)
		if !t.Kind.Valid() {
			v.addf(id, "kind", "unknown trait kind %q: want one of %s", t.Kind, joinKinds(TraitKinds))
		}
		v.checkTexts(id, "statement", t.Statement)
		for i, im := range t.Implications {
			v.checkTexts(id, fmt.Sprintf("implications[%d]", i), im)
		}
		v.checkSource(id, t.Source)
		for i, e := range t.Evidence {
			v.checkRequirementRef(id, fmt.Sprintf("evidence[%d]", i), e)
		}
		for i, s := range t.Emphasizes {
			v.checkSkillRef(id, fmt.Sprintf("emphasizes[%d]", i), s)
		}
		for i, w := range t.Widens {
			v.checkWidening(id, fmt.Sprintf("widens[%d]", i), w)
		}
		v.checkRule(id, t)
	}
}

func (v *validator) checkRequirementRef(node, field, slug string) {
	if _, ok := v.reqs[slug]; !ok {
		v.addf(node, field, "unknown requirement %q%s", slug, suggest(slug, keys(v.reqs)))
	}
}

func (v *validator) checkWidening(node, field string, w Widening) {
	r, ok := v.reqs[w.Requirement]
	if !ok {
		v.checkRequirementRef(node, field+".requirement", w.Requirement)
		return
	}
	if len(w.Merge) < 2 {
		v.addf(node, field+".merge", "a widening merges at least two skills' choices")
	}
	for i, s := range w.Merge {
		if !namedIn(r.Needs, s) {
			v.addf(node, fmt.Sprintf("%s.merge[%d]", field, i), "skill %q is not named by any choice of requirement %q", s, r.Slug)
		}
	}
}

func namedIn(choices []Choice, skill string) bool {
	for _, c := range choices {
		for _, s := range c.AnyOf {
			if s == skill {
				return true
			}
		}
	}
	return false
}

func joinKinds[K ~string](kinds []K) string {
	s := make([]string, len(kinds))
	for i, k := range kinds {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
