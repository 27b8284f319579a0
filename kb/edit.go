package kb

import (
	"cmp"
	"slices"
)

// Edits change a Dataset in place, the way the admin mutations ask. They
// check what they need to find their target (ENOTFOUND when it is missing)
// and leave every other rule to Validate, which the caller runs on the
// result, so an edit and a seed file are held to the same rules.

// SkillInput is a skill to create or update. On update, empty fields keep
// their value; Name merges by language; a non-nil list replaces the list.
type SkillInput struct {
	Slug      string
	Category  string
	Kind      SkillKind // a new skill is a Technology unless set
	Name      Texts
	Aliases   []string
	Ambiguous []string
	Reference string
	Broader   []string
	Related   []string
}

// UpsertSkill creates the skill in.Slug, placed after the last skill of its
// category, or updates it. A skill that changes category moves after the
// last skill of its new one, so a category's skills stay together.
func UpsertSkill(ds *Dataset, in SkillInput) error {
	i := slices.IndexFunc(ds.Skills, func(s Skill) bool { return s.Slug == in.Slug })
	if i < 0 {
		s := Skill{Slug: in.Slug, Category: in.Category, Kind: cmp.Or(in.Kind, Technology), Name: in.Name,
			Aliases: in.Aliases, Ambiguous: in.Ambiguous, Reference: in.Reference, Broader: in.Broader, Related: in.Related}
		ds.Skills = insertInCategory(ds.Skills, s)
		return nil
	}
	if in.Category != "" && in.Category != ds.Skills[i].Category {
		s := ds.Skills[i]
		s.Category = in.Category
		ds.Skills = insertInCategory(slices.Delete(ds.Skills, i, i+1), s)
		i = slices.IndexFunc(ds.Skills, func(s Skill) bool { return s.Slug == in.Slug })
	}
	s := &ds.Skills[i]
	if in.Kind != "" {
		s.Kind = in.Kind
	}
	if in.Reference != "" {
		s.Reference = in.Reference
	}
	if in.Ambiguous != nil {
		s.Ambiguous = in.Ambiguous
	}
	s.Name = mergeTexts(s.Name, in.Name)
	if in.Aliases != nil {
		s.Aliases = in.Aliases
	}
	if in.Broader != nil {
		s.Broader = in.Broader
	}
	if in.Related != nil {
		s.Related = in.Related
	}
	return nil
}

// insertInCategory inserts s after the last skill of its category, or last
// when the category has none yet.
func insertInCategory(skills []Skill, s Skill) []Skill {
	at := lastIndex(skills, func(o Skill) bool { return o.Category == s.Category }) + 1
	if at == 0 {
		at = len(skills)
	}
	return slices.Insert(skills, at, s)
}

// AddAlias gives a skill (by slug) one more alias; an alias it already has,
// in any spelling, is left as it is.
func AddAlias(ds *Dataset, skill, alias string) error {
	s, err := findSkill(ds, skill)
	if err != nil {
		return err
	}
	key := NameKey(alias)
	if key == "" {
		return Errorf(EINVALID, "alias %q has no letters or digits", alias)
	}
	if slices.ContainsFunc(s.Aliases, func(a string) bool { return NameKey(a) == key }) {
		return nil
	}
	s.Aliases = append(s.Aliases, alias)
	return nil
}

// RemoveAlias removes a skill's alias, matched in any spelling.
func RemoveAlias(ds *Dataset, skill, alias string) error {
	s, err := findSkill(ds, skill)
	if err != nil {
		return err
	}
	key := NameKey(alias)
	i := slices.IndexFunc(s.Aliases, func(a string) bool { return NameKey(a) == key })
	if i < 0 {
		return Errorf(ENOTFOUND, "skill %q has no alias %q; its aliases: %v", skill, alias, s.Aliases)
	}
	s.Aliases = slices.Delete(s.Aliases, i, i+1)
	if len(s.Aliases) == 0 {
		s.Aliases = nil
	}
	return nil
}

// Skill relations that LinkSkills and UnlinkSkills manage.
const (
	RelationBroader = "broader"
	RelationRelated = "related"
)

// LinkSkills records that skill is part or a kind of other (broader) or
// often goes with it (related). Linking twice is a no-op.
func LinkSkills(ds *Dataset, skill, other, relation string) error {
	list, err := relationList(ds, skill, other, relation)
	if err != nil {
		return err
	}
	if !slices.Contains(*list, other) {
		*list = append(*list, other)
	}
	return nil
}

// UnlinkSkills removes a link LinkSkills made.
func UnlinkSkills(ds *Dataset, skill, other, relation string) error {
	list, err := relationList(ds, skill, other, relation)
	if err != nil {
		return err
	}
	i := slices.Index(*list, other)
	if i < 0 {
		return Errorf(ENOTFOUND, "skill %q is not linked to %q as %s", skill, other, relation)
	}
	*list = slices.Delete(*list, i, i+1)
	if len(*list) == 0 {
		*list = nil
	}
	return nil
}

func relationList(ds *Dataset, skill, other, relation string) (*[]string, error) {
	s, err := findSkill(ds, skill)
	if err != nil {
		return nil, err
	}
	if _, err := findSkill(ds, other); err != nil {
		return nil, err
	}
	switch relation {
	case RelationBroader:
		return &s.Broader, nil
	case RelationRelated:
		return &s.Related, nil
	}
	return nil, Errorf(EINVALID, "unknown relation %q: want %s or %s", relation, RelationBroader, RelationRelated)
}

// SetText sets the text of a node's field in one language: "name" of a
// category, skill or stage, "summary" of a stage, "text" of a requirement,
// "statement" or "implication" (with index) of a trait. An empty value
// removes the text in that language.
func SetText(ds *Dataset, node, field string, lang Lang, index int, value string) error {
	if lang == "" {
		return Errorf(EINVALID, "a text needs a language")
	}
	t, err := textField(ds, node, field, index)
	if err != nil {
		return err
	}
	if !t.Set(lang, value) {
		return Errorf(EINVALID, "unknown language %q: texts are in %v", lang, Langs)
	}
	return nil
}

// textField finds the Texts a SetText addresses.
func textField(ds *Dataset, node, field string, index int) (*Texts, error) {
	kind, slug, err := ParseNodeID(node)
	if err != nil {
		return nil, err
	}
	bad := func() (*Texts, error) {
		return nil, Errorf(EINVALID, "a %s has no text field %q", kind, field)
	}
	switch kind {
	case KindCategory:
		c, err := find(ds.Categories, kind, slug, func(c Category) string { return c.Slug })
		if err != nil || field != FieldName {
			return orBad(err, bad)
		}
		return &c.Name, nil
	case KindSkill:
		s, err := find(ds.Skills, kind, slug, func(s Skill) string { return s.Slug })
		if err != nil || field != FieldName {
			return orBad(err, bad)
		}
		return &s.Name, nil
	case KindStage:
		s, err := find(ds.Stages, kind, slug, func(s Stage) string { return s.Slug })
		switch {
		case err != nil:
			return nil, err
		case field == FieldName:
			return &s.Name, nil
		case field == FieldSummary:
			return &s.Summary, nil
		}
		return bad()
	case KindRequirement:
		r, err := find(ds.Requirements, kind, slug, func(r Requirement) string { return r.Slug })
		if err != nil || field != FieldText {
			return orBad(err, bad)
		}
		return &r.Text, nil
	default: // KindTrait
		t, err := find(ds.Traits, kind, slug, func(t Trait) string { return t.Slug })
		switch {
		case err != nil:
			return nil, err
		case field == FieldStatement:
			return &t.Statement, nil
		case field == FieldImplication && index >= 0 && index < len(t.Implications):
			return &t.Implications[index], nil
		case field == FieldImplication && index == len(t.Implications):
			t.Implications = append(t.Implications, Texts{})
			return &t.Implications[index], nil
		case field == FieldImplication:
			return nil, Errorf(EINVALID, "trait %q has %d implications; index %d is out of range", slug, len(t.Implications), index)
		}
		return bad()
	}
}

func orBad(err error, bad func() (*Texts, error)) (*Texts, error) {
	if err != nil {
		return nil, err
	}
	return bad()
}

// RequirementInput is a requirement to create or update. On update, empty
// fields keep their value, Text merges by language and non-nil Needs
// replaces the choices. The source line and quote cite the document of the
// requirement's stage; the caller checks them against it.
type RequirementInput struct {
	Slug  string
	Stage string
	Kind  RequirementKind
	Text  Texts
	Needs []Choice
	Line  int
	Quote string
}

// UpsertRequirement creates the requirement in.Slug, placed after the last
// requirement of its stage, or updates it. A new requirement's Korean text
// defaults to its quote, as in the seed files.
func UpsertRequirement(ds *Dataset, in RequirementInput) error {
	i := slices.IndexFunc(ds.Requirements, func(r Requirement) bool { return r.Slug == in.Slug })
	if i < 0 {
		st, err := find(ds.Stages, KindStage, in.Stage, func(s Stage) string { return s.Slug })
		if err != nil {
			return err
		}
		r := Requirement{Slug: in.Slug, Stage: in.Stage, Kind: in.Kind, Text: in.Text, Needs: in.Needs,
			Source: Source{Document: st.Source.Document, Line: in.Line, Quote: in.Quote}}
		if !r.Text.Has(Korean) && in.Quote != "" {
			r.Text.KO = in.Quote
		}
		at := lastIndex(ds.Requirements, func(r Requirement) bool { return r.Stage == in.Stage }) + 1
		if at == 0 {
			at = len(ds.Requirements)
		}
		ds.Requirements = slices.Insert(ds.Requirements, at, r)
		return nil
	}
	r := &ds.Requirements[i]
	if in.Stage != "" && in.Stage != r.Stage {
		return Errorf(EINVALID, "requirement %q belongs to stage %q; it cannot move to %q", in.Slug, r.Stage, in.Stage)
	}
	if in.Kind != "" {
		r.Kind = in.Kind
	}
	r.Text = mergeTexts(r.Text, in.Text)
	if in.Needs != nil {
		r.Needs = in.Needs
	}
	if in.Line != 0 {
		r.Source.Line = in.Line
	}
	if in.Quote != "" {
		r.Source.Quote = in.Quote
	}
	return nil
}

// DeleteNode removes a node. While other nodes refer to it, it is refused
// with an error naming them, unless cascade is set: then the references go
// too, and so do requirements left with an empty choice and traits of a
// deleted stage. It returns the IDs of every node it removed.
func DeleteNode(ds *Dataset, id string, cascade bool) ([]string, error) {
	kind, slug, err := ParseNodeID(id)
	if err != nil {
		return nil, err
	}
	if !hasNode(ds, kind, slug) {
		return nil, Errorf(ENOTFOUND, "no node %q", id)
	}
	if refs := Dependents(ds, id); len(refs) > 0 && !cascade {
		return nil, Errorf(EINVALID, "%s is still used by %s; remove those references first, or delete with cascade", id, joinKinds(refs))
	}
	deleted := []string{id}
	removeNode(ds, kind, slug)
	// Removing references may leave a requirement with an empty choice
	// or nodes of a removed stage: they go too, until nothing dangles.
	for {
		more := dangling(ds)
		if len(more) == 0 {
			return deleted, nil
		}
		for _, d := range more {
			k, s, _ := ParseNodeID(d)
			removeNode(ds, k, s)
			deleted = append(deleted, d)
		}
	}
}

// Dependents lists the nodes that refer to the node with the given ID.
func Dependents(ds *Dataset, id string) []string {
	kind, slug, _ := ParseNodeID(id)
	var refs []string
	add := func(k, s string) {
		if ref := NodeID(k, s); !slices.Contains(refs, ref) {
			refs = append(refs, ref)
		}
	}
	for _, s := range ds.Skills {
		if (kind == KindCategory && s.Category == slug) ||
			(kind == KindSkill && (slices.Contains(s.Broader, slug) || slices.Contains(s.Related, slug))) {
			add(KindSkill, s.Slug)
		}
	}
	for _, r := range ds.Requirements {
		if (kind == KindStage && r.Stage == slug) || (kind == KindSkill && choicesName(r.Needs, slug)) {
			add(KindRequirement, r.Slug)
		}
	}
	for _, t := range ds.Traits {
		if (kind == KindStage && t.Stage == slug) ||
			(kind == KindSkill && (slices.Contains(t.Emphasizes, slug) || wideningNames(t.Widens, slug) || ruleNames(t.Rule, slug))) ||
			(kind == KindRequirement && (slices.Contains(t.Evidence, slug) || slices.ContainsFunc(t.Widens, func(w Widening) bool { return w.Requirement == slug }))) {
			add(KindTrait, t.Slug)
		}
	}
	return refs
}

func choicesName(choices []Choice, skill string) bool {
	return slices.ContainsFunc(choices, func(c Choice) bool { return slices.Contains(c.AnyOf, skill) || c.SuchAs == skill })
}

func ruleNames(r *SignalRule, skill string) bool { return r != nil && slices.Contains(r.Skills, skill) }

func wideningNames(ws []Widening, skill string) bool {
	return slices.ContainsFunc(ws, func(w Widening) bool { return slices.Contains(w.Merge, skill) })
}

// removeNode deletes a node and every reference to it.
func removeNode(ds *Dataset, kind, slug string) {
	drop := func(list []string) []string {
		out := slices.DeleteFunc(list, func(s string) bool { return s == slug })
		if len(out) == 0 {
			return nil
		}
		return out
	}
	switch kind {
	case KindCategory:
		ds.Categories = slices.DeleteFunc(ds.Categories, func(c Category) bool { return c.Slug == slug })
	case KindSkill:
		ds.Skills = slices.DeleteFunc(ds.Skills, func(s Skill) bool { return s.Slug == slug })
		for i := range ds.Skills {
			ds.Skills[i].Broader, ds.Skills[i].Related = drop(ds.Skills[i].Broader), drop(ds.Skills[i].Related)
		}
		for i := range ds.Requirements {
			r := &ds.Requirements[i]
			for j := range r.Needs {
				r.Needs[j].AnyOf = drop(r.Needs[j].AnyOf)
				if r.Needs[j].SuchAs == slug {
					r.Needs[j].SuchAs = ""
				}
			}
		}
		for i := range ds.Traits {
			t := &ds.Traits[i]
			t.Emphasizes = drop(t.Emphasizes)
			if t.Rule != nil {
				t.Rule.Skills = drop(t.Rule.Skills)
			}
			for j := range t.Widens {
				t.Widens[j].Merge = drop(t.Widens[j].Merge)
			}
		}
	case KindStage:
		ds.Stages = slices.DeleteFunc(ds.Stages, func(s Stage) bool { return s.Slug == slug })
	case KindRequirement:
		ds.Requirements = slices.DeleteFunc(ds.Requirements, func(r Requirement) bool { return r.Slug == slug })
		for i := range ds.Traits {
			t := &ds.Traits[i]
			t.Evidence = drop(t.Evidence)
			t.Widens = slices.DeleteFunc(t.Widens, func(w Widening) bool { return w.Requirement == slug })
			if len(t.Widens) == 0 {
				t.Widens = nil
			}
		}
	case KindTrait:
		ds.Traits = slices.DeleteFunc(ds.Traits, func(t Trait) bool { return t.Slug == slug })
	}
}

// dangling lists the nodes a cascade must also remove: skills of a removed
// category, requirements and traits of a removed stage, requirements left
// with an empty choice, and widenings merging fewer than two skills.
func dangling(ds *Dataset) []string {
	var out []string
	has := func(kind, slug string) bool { return hasNode(ds, kind, slug) }
	for _, s := range ds.Skills {
		if !has(KindCategory, s.Category) {
			out = append(out, NodeID(KindSkill, s.Slug))
		}
	}
	for _, r := range ds.Requirements {
		if !has(KindStage, r.Stage) || slices.ContainsFunc(r.Needs, func(c Choice) bool { return len(c.AnyOf) == 0 }) {
			out = append(out, NodeID(KindRequirement, r.Slug))
		}
	}
	for i := range ds.Traits {
		t := &ds.Traits[i]
		if !has(KindStage, t.Stage) {
			out = append(out, NodeID(KindTrait, t.Slug))
			continue
		}
		t.Widens = slices.DeleteFunc(t.Widens, func(w Widening) bool { return len(w.Merge) < 2 })
		if len(t.Widens) == 0 {
			t.Widens = nil
		}
	}
	return out
}

func hasNode(ds *Dataset, kind, slug string) bool {
	switch kind {
	case KindCategory:
		return slices.ContainsFunc(ds.Categories, func(c Category) bool { return c.Slug == slug })
	case KindSkill:
		return slices.ContainsFunc(ds.Skills, func(s Skill) bool { return s.Slug == slug })
	case KindStage:
		return slices.ContainsFunc(ds.Stages, func(s Stage) bool { return s.Slug == slug })
	case KindRequirement:
		return slices.ContainsFunc(ds.Requirements, func(r Requirement) bool { return r.Slug == slug })
	case KindTrait:
		return slices.ContainsFunc(ds.Traits, func(t Trait) bool { return t.Slug == slug })
	}
	return false
}

func findSkill(ds *Dataset, slug string) (*Skill, error) {
	return find(ds.Skills, KindSkill, slug, func(s Skill) string { return s.Slug })
}

// find returns a pointer to the item with the slug, or ENOTFOUND.
func find[T any](items []T, kind, slug string, slugOf func(T) string) (*T, error) {
	for i := range items {
		if slugOf(items[i]) == slug {
			return &items[i], nil
		}
	}
	known := make([]string, len(items))
	for i, it := range items {
		known[i] = slugOf(it)
	}
	return nil, Errorf(ENOTFOUND, "unknown %s %q%s", kind, slug, suggest(slug, known))
}

func lastIndex[T any](items []T, match func(T) bool) int {
	for i := len(items) - 1; i >= 0; i-- {
		if match(items[i]) {
			return i
		}
	}
	return -1
}

// mergeTexts returns base with the languages of add set (empty values
// remove a language).
func mergeTexts(base, add Texts) Texts {
	out := base
	for _, l := range add.Present() {
		out.Set(l, add.Exact(l))
	}
	return out
}
