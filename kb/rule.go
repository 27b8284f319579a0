package kb

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// SignalRule is how a trait fires on a posting other than the article's
// own (a posting signal, or a work reality the wording gives away): the cues that show what the trait observes, the
// sections of the posting to look for them in, and how far each cue moves
// the odds toward the trait's stage. Rules live with their traits in the
// seed files, so a maintainer reviews and tunes them like any other data;
// package posting applies them.
type SignalRule struct {
	Cue Cue
	// Sections are the kinds of section to read: "responsibility",
	// "required", "preferred", "other"; none for the three kinds of
	// requirement (the whole text when a posting has no such section).
	Sections []string
	// Terms are the words or phrases that are cues (CueTerms). A term
	// ending in "*" is a prefix ("migrat*"); case and width are ignored.
	Terms []string
	// Skills are the skills whose technologies, and those narrower, are
	// cues (CueSkills) or must be absent (CueNoSkills); none means any
	// technology.
	Skills []string
	// AtLeast is the number of distinct cues CueSkills needs to fire.
	AtLeast int
	// Weight is what each distinct cue adds to the log-odds of the trait's
	// stage: positive for it, negative against it.
	Weight float64
	// Max bounds the rule's whole contribution, in absolute value; 0 means
	// one cue's worth.
	Max float64
}

// Cue is what a rule looks for.
type Cue string

const (
	CueTerms    Cue = "TERMS"     // any of the terms
	CueSkills   Cue = "SKILLS"    // at least AtLeast distinct technologies under Skills
	CueNoSkills Cue = "NO_SKILLS" // sections that name no technology under Skills
)

// Cues lists every cue.
var Cues = []Cue{CueTerms, CueSkills, CueNoSkills}

// SectionKinds are the kinds of posting section a rule may read.
var SectionKinds = []string{"responsibility", "required", "preferred", "other"}

// MaxRuleWeight bounds a rule's weight and maximum: one rule alone never
// makes a stage more than e³ ≈ 20 times as likely as another.
const MaxRuleWeight = 3.0

// Limit is the most the rule adds in absolute value.
func (r *SignalRule) Limit() float64 {
	if r.Max == 0 {
		return math.Abs(r.Weight)
	}
	return r.Max
}

// String renders the rule on one line, as a diff shows it.
func (r *SignalRule) String() string {
	if r == nil {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s", strings.ToLower(string(r.Cue)))
	switch r.Cue {
	case CueTerms:
		fmt.Fprintf(&b, " [%s]", strings.Join(r.Terms, ", "))
	default:
		fmt.Fprintf(&b, " [%s]", strings.Join(r.Skills, ", "))
		if r.AtLeast > 1 {
			fmt.Fprintf(&b, " at least %d", r.AtLeast)
		}
	}
	if len(r.Sections) > 0 {
		fmt.Fprintf(&b, " in %s", strings.Join(r.Sections, ", "))
	}
	fmt.Fprintf(&b, ": %s", signed(r.Weight))
	if r.Max != 0 {
		fmt.Fprintf(&b, " each, up to %s", formatPoints(r.Max))
	}
	return b.String()
}

func signed(x float64) string {
	if x >= 0 {
		return "+" + formatPoints(x)
	}
	return "-" + formatPoints(-x)
}

// checkRule reports what is wrong with a trait's rule.
func (v *validator) checkRule(id string, t Trait) {
	r := t.Rule
	if r == nil {
		return
	}
	switch r.Cue {
	case CueTerms:
		if len(r.Terms) == 0 {
			v.addf(id, "rule.terms", "a terms rule needs at least one term")
		}
		for i, term := range r.Terms {
			if strings.TrimSpace(strings.TrimSuffix(term, "*")) == "" {
				v.addf(id, fmt.Sprintf("rule.terms[%d]", i), "term %q has nothing to look for", term)
			}
		}
		if len(r.Skills) > 0 || r.AtLeast != 0 {
			v.addf(id, "rule", "a terms rule takes no skills and no at_least")
		}
	case CueSkills, CueNoSkills:
		if len(r.Terms) > 0 {
			v.addf(id, "rule.terms", "a %s rule takes no terms", strings.ToLower(string(r.Cue)))
		}
		if r.Cue == CueSkills && r.AtLeast < 1 {
			v.addf(id, "rule.atLeast", "a skills rule needs at_least 1 or more, got %d", r.AtLeast)
		}
		if r.Cue == CueNoSkills && r.AtLeast != 0 {
			v.addf(id, "rule.atLeast", "a no_skills rule takes no at_least")
		}
	default:
		v.addf(id, "rule.cue", "unknown cue %q: want one of %s", r.Cue, joinKinds(Cues))
	}
	for i, s := range r.Skills {
		v.checkSkillRef(id, fmt.Sprintf("rule.skills[%d]", i), s)
	}
	for i, s := range r.Sections {
		if !slices.Contains(SectionKinds, s) {
			v.addf(id, fmt.Sprintf("rule.sections[%d]", i), "unknown section kind %q: want one of %s", s, strings.Join(SectionKinds, ", "))
		}
	}
	switch w := r.Weight; {
	case math.IsNaN(w) || w == 0 || math.Abs(w) > MaxRuleWeight:
		v.addf(id, "rule.weight", "the weight must be non-zero and at most %v in absolute value, got %v", MaxRuleWeight, w)
	case math.IsNaN(r.Max) || r.Max < 0 || r.Max > MaxRuleWeight || (r.Max != 0 && r.Max < math.Abs(w)):
		v.addf(id, "rule.max", "max must be 0 (one cue's worth) or from |weight| to %v, got %v", MaxRuleWeight, r.Max)
	}
}
