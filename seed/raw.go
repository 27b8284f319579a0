package seed

import (
	"strings"

	"skillgraph/kb"
)

// The raw types mirror the YAML files key for key. They are kept apart from
// the kb types so the file format (lower-case kinds, snake_case keys, a quote
// and a line instead of a Source) can differ from the domain's.

// rawVocabularyFile is data/vocabulary/<category>.yaml: one category and
// its skills, whose category the file gives.
type rawVocabularyFile struct {
	Category rawCategory `yaml:"category"`
	Skills   []rawSkill  `yaml:"skills"`
}

type rawCategory struct {
	Slug string   `yaml:"slug"`
	Name rawTexts `yaml:"name"`
}

type rawSkill struct {
	Slug      string   `yaml:"slug"`
	Kind      string   `yaml:"kind"` // "concept"; a technology leaves it out
	Name      rawTexts `yaml:"name"`
	Aliases   []string `yaml:"aliases"`
	Ambiguous []string `yaml:"ambiguous"`
	Reference string   `yaml:"reference"`
	Broader   []string `yaml:"broader"`
	Related   []string `yaml:"related"`
}

type rawStageFile struct {
	Document     string           `yaml:"document"`
	Stage        rawStage         `yaml:"stage"`
	Requirements []rawRequirement `yaml:"requirements"`
	Traits       []rawTrait       `yaml:"traits"`
}

type rawStage struct {
	Slug    string   `yaml:"slug"`
	Line    int      `yaml:"line"`
	Name    rawTexts `yaml:"name"`
	Summary rawTexts `yaml:"summary"`
}

type rawRequirement struct {
	Slug  string      `yaml:"slug"`
	Kind  string      `yaml:"kind"`
	Line  int         `yaml:"line"`
	Quote string      `yaml:"quote"`
	Text  rawTexts    `yaml:"text"`
	Needs []rawChoice `yaml:"needs"`
}

type rawChoice struct {
	AnyOf  []string `yaml:"any_of"`
	SuchAs string   `yaml:"such_as"`
}

type rawTrait struct {
	Slug         string        `yaml:"slug"`
	Kind         string        `yaml:"kind"`
	Line         int           `yaml:"line"`
	Quote        string        `yaml:"quote"`
	Statement    rawTexts      `yaml:"statement"`
	Implications []rawTexts    `yaml:"implications"`
	Evidence     []string      `yaml:"evidence"`
	Emphasizes   []string      `yaml:"emphasizes"`
	Widens       []rawWidening `yaml:"widens"`
	Rule         *rawRule      `yaml:"rule"`
}

// rawRule is a posting signal's rule; see kb.SignalRule.
type rawRule struct {
	Cue     string   `yaml:"cue"` // terms, skills or no_skills
	In      []string `yaml:"in"`
	Terms   []string `yaml:"terms"`
	Skills  []string `yaml:"skills"`
	AtLeast int      `yaml:"at_least"`
	Weight  float64  `yaml:"weight"`
	Max     float64  `yaml:"max"`
}

func (r *rawRule) toKB() *kb.SignalRule {
	if r == nil {
		return nil
	}
	return &kb.SignalRule{Cue: kb.Cue(kindFromYAML(r.Cue)), Sections: r.In, Terms: r.Terms, Skills: r.Skills,
		AtLeast: r.AtLeast, Weight: r.Weight, Max: r.Max}
}

type rawWidening struct {
	Requirement string   `yaml:"requirement"`
	Merge       []string `yaml:"merge"`
}

// rawTexts is {ko: …, en: …, ja: …}: another language is an unknown key,
// which the shape check reports with its line.
type rawTexts struct {
	KO string `yaml:"ko"`
	EN string `yaml:"en"`
	JA string `yaml:"ja"`
}

func (t rawTexts) toKB() kb.Texts { return kb.Texts{KO: t.KO, EN: t.EN, JA: t.JA} }

func (c rawCategory) toKB() kb.Category {
	return kb.Category{Slug: c.Slug, Name: c.Name.toKB()}
}

// toKB converts a skill of category. A skill is a technology unless its
// kind says otherwise.
func (s rawSkill) toKB(category string) kb.Skill {
	kind := kb.Technology
	if s.Kind != "" {
		kind = kb.SkillKind(kindFromYAML(s.Kind))
	}
	return kb.Skill{
		Slug:      s.Slug,
		Category:  category,
		Kind:      kind,
		Name:      s.Name.toKB(),
		Aliases:   s.Aliases,
		Ambiguous: s.Ambiguous,
		Reference: s.Reference,
		Broader:   s.Broader,
		Related:   s.Related,
	}
}

// toKB converts a requirement of stage. The Korean text defaults to the
// quote: a posting's bullet is already Korean, so the file need not repeat it.
func (r rawRequirement) toKB(stage string, src kb.Source) kb.Requirement {
	text := r.Text.toKB()
	if !text.Has(kb.Korean) {
		text.KO = r.Quote
	}
	needs := convert(r.Needs, func(c rawChoice) kb.Choice { return kb.Choice{AnyOf: c.AnyOf, SuchAs: c.SuchAs} })
	return kb.Requirement{
		Slug:   r.Slug,
		Stage:  stage,
		Kind:   kb.RequirementKind(kindFromYAML(r.Kind)),
		Text:   text,
		Needs:  needs,
		Source: src,
	}
}

func (t rawTrait) toKB(stage string, src kb.Source) kb.Trait {
	implications := convert(t.Implications, rawTexts.toKB)
	widens := convert(t.Widens, func(w rawWidening) kb.Widening { return kb.Widening{Requirement: w.Requirement, Merge: w.Merge} })
	return kb.Trait{
		Slug:         t.Slug,
		Stage:        stage,
		Kind:         kb.TraitKind(kindFromYAML(t.Kind)),
		Statement:    t.Statement.toKB(),
		Implications: implications,
		Evidence:     t.Evidence,
		Emphasizes:   t.Emphasizes,
		Widens:       widens,
		Rule:         t.Rule.toKB(),
		Source:       src,
	}
}

// convert maps a list, leaving an empty one nil as the store reads it back,
// so a dataset compares equal however it was made.
func convert[T, U any](in []T, f func(T) U) []U {
	if len(in) == 0 {
		return nil
	}
	out := make([]U, len(in))
	for i, v := range in {
		out[i] = f(v)
	}
	return out
}

// kindFromYAML maps a kind as written ("posting_signal") to kb's constant
// ("POSTING_SIGNAL"). An unknown kind stays unknown once upper-cased, so
// kb.Validate reports it.
func kindFromYAML(kind string) string { return strings.ToUpper(kind) }

// kindMessageToYAML rewrites kb's message about a kind in the file's lower
// case, since that is how the kinds must be written there.
func kindMessageToYAML(msg string) string { return strings.ToLower(msg) }
