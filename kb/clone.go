package kb

import "slices"

// Clone returns a deep copy of ds, so an edit of the copy leaves ds as it
// was. Texts are values, copied with the structs that hold them.
func (ds *Dataset) Clone() *Dataset {
	out := &Dataset{
		Categories:   slices.Clone(ds.Categories),
		Skills:       slices.Clone(ds.Skills),
		Stages:       slices.Clone(ds.Stages),
		Requirements: slices.Clone(ds.Requirements),
		Traits:       slices.Clone(ds.Traits),
	}
	for i := range out.Skills {
		s := &out.Skills[i]
		s.Aliases, s.Broader, s.Related = slices.Clone(s.Aliases), slices.Clone(s.Broader), slices.Clone(s.Related)
		s.Ambiguous = slices.Clone(s.Ambiguous)
	}
	for i := range out.Requirements {
		r := &out.Requirements[i]
		r.Needs = slices.Clone(r.Needs)
		for j := range r.Needs {
			r.Needs[j].AnyOf = slices.Clone(r.Needs[j].AnyOf)
		}
	}
	for i := range out.Traits {
		t := &out.Traits[i]
		t.Implications = slices.Clone(t.Implications) // Texts are values: the copy is deep
		t.Evidence, t.Emphasizes = slices.Clone(t.Evidence), slices.Clone(t.Emphasizes)
		t.Widens = slices.Clone(t.Widens)
		if t.Rule != nil {
			rule := *t.Rule
			rule.Sections, rule.Terms, rule.Skills = slices.Clone(rule.Sections), slices.Clone(rule.Terms), slices.Clone(rule.Skills)
			t.Rule = &rule
		}
		for j := range t.Widens {
			t.Widens[j].Merge = slices.Clone(t.Widens[j].Merge)
		}
	}
	return out
}
