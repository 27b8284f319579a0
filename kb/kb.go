package kb

import (
	"fmt"
	"strings"
)

// Lang is a language tag such as "ko" or "en". Texts are keyed by it, so a
// new language is new data, not a new field.
type Lang string

// The languages every node must have a text in. Korean is the article's own.
const (
	Korean   Lang = "ko"
	English  Lang = "en"
	Japanese Lang = "ja" // optional: texts fall back to English
)

// RequiredLangs are the languages in which every text must exist.
var RequiredLangs = []Lang{Korean, English}

// Texts holds one text in each language: a struct rather than a map, as a
// large graph holds hundreds of thousands of them.
type Texts struct {
	KO, EN, JA string
}

// Langs lists the languages Texts can hold, in the order texts are listed
// (that of their codes).
var Langs = []Lang{English, Japanese, Korean}

// of returns the field of t that holds lang, nil for a language Texts has
// no place for.
func (t *Texts) of(lang Lang) *string {
	switch lang {
	case Korean:
		return &t.KO
	case English:
		return &t.EN
	case Japanese:
		return &t.JA
	}
	return nil
}

// Has reports whether t has a text in lang.
func (t Texts) Has(lang Lang) bool {
	p := t.of(lang)
	return p != nil && *p != ""
}

// Exact returns the text in lang, "" when there is none: no fallback.
func (t Texts) Exact(lang Lang) string {
	if p := t.of(lang); p != nil {
		return *p
	}
	return ""
}

// Set sets the text in lang; it reports false for a language Texts has no
// place for.
func (t *Texts) Set(lang Lang, s string) bool {
	p := t.of(lang)
	if p == nil {
		return false
	}
	*p = s
	return true
}

// Present lists the languages t has a text in, in Langs order.
func (t Texts) Present() []Lang {
	var out []Lang
	for _, l := range Langs {
		if t.Has(l) {
			out = append(out, l)
		}
	}
	return out
}

// Values lists t's texts, in Langs order, leaving out empty ones.
func (t Texts) Values() []string {
	var out []string
	for _, l := range Langs {
		if s := t.Exact(l); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// IsZero reports whether t has no text at all.
func (t Texts) IsZero() bool { return t == Texts{} }

// In returns the text in lang. When there is none it falls back to English,
// then Korean, and reports the language it actually used.
func (t Texts) In(lang Lang) (string, Lang) {
	for _, l := range []Lang{lang, English, Korean} {
		if s := t.Exact(l); s != "" {
			return s, l
		}
	}
	return "", lang
}

// Get is In without the language it fell back to.
func (t Texts) Get(lang Lang) string {
	s, _ := t.In(lang)
	return s
}

// RequirementKind says which part of a posting a requirement comes from.
type RequirementKind string

const (
	Responsibility RequirementKind = "RESPONSIBILITY"
	Required       RequirementKind = "REQUIRED"
	Preferred      RequirementKind = "PREFERRED"
)

// RequirementKinds lists every kind, in the order a posting presents them.
var RequirementKinds = []RequirementKind{Responsibility, Required, Preferred}

// Valid reports whether k is a known kind.
func (k RequirementKind) Valid() bool {
	return k == Responsibility || k == Required || k == Preferred
}

// TraitKind says what an inference of the article is about.
type TraitKind string

const (
	PostingSignal TraitKind = "POSTING_SIGNAL" // what the posting's wording reveals
	WorkReality   TraitKind = "WORK_REALITY"   // what the work will really be like
)

// TraitKinds lists every trait kind.
var TraitKinds = []TraitKind{PostingSignal, WorkReality}

// Valid reports whether k is a known kind.
func (k TraitKind) Valid() bool { return k == PostingSignal || k == WorkReality }

// Source is where a fact comes from: a line of a document, quoted verbatim.
type Source struct {
	Document string // file name of the document, e.g. "data-engineer-mid-sized-company.ko.md"
	Section  string // the headings above the line, e.g. "1) … › 자격요건"
	Line     int    // 1-based line number in the document
	Quote    string // the line's text without its list marker
}

// Category groups skills: a language, a framework, a practice, …
type Category struct {
	Slug string
	Name Texts
}

// Skill is a technology, a practice or a competency.
//
// Broader is the one relation that carries evidence: a skill narrower than
// the one a requirement names meets the requirement (Airflow experience is
// workflow-orchestration experience, which is data-pipeline experience).
// Related only relates: it never meets a requirement.
type Skill struct {
	Slug      string
	Category  string // slug of a Category
	Kind      SkillKind
	Name      Texts
	Aliases   []string // other spellings: the article's own and what users type; see AliasLang
	Ambiguous []string // names and aliases that are also ordinary words: free text needs context for them
	Reference string   // the project's or vendor's official page, or a page that explains a concept
	Broader   []string // slugs of skills this one is part or a kind of
	Related   []string // slugs of skills often mentioned with this one
}

// SkillKind says what sort of thing a skill is.
type SkillKind string

const (
	// Technology is a named product, project, service, language, library,
	// format or protocol: what a posting lists under its tech stack.
	Technology SkillKind = "TECHNOLOGY"
	// Concept is a practice, a competency, a domain or a class of
	// technologies (data warehouse, container orchestration).
	Concept SkillKind = "CONCEPT"
)

// SkillKinds lists every skill kind.
var SkillKinds = []SkillKind{Technology, Concept}

// Valid reports whether k is a known kind.
func (k SkillKind) Valid() bool { return k == Technology || k == Concept }

// Stage is a company stage the article describes.
type Stage struct {
	Slug    string
	Name    Texts
	Summary Texts
	Source  Source // the heading of the stage's section
}

// Requirement is one bullet of a posting.
type Requirement struct {
	Slug   string
	Stage  string // slug of a Stage
	Kind   RequirementKind
	Text   Texts
	Needs  []Choice // all must be met; each is met by any one of its skills
	Source Source
}

// Choice is one thing a requirement needs, met by any one of its skills.
//
// AnyOf lists the skills the posting names. SuchAs is set when the posting
// says "such as" (등): then the named group skill and every skill narrower
// than it meet the choice too. A skill narrower than a named one (Hadoop
// MapReduce for Hadoop) always meets it.
type Choice struct {
	AnyOf  []string
	SuchAs string
}

// Trait is an inference the article draws from a posting: a posting signal or
// a work reality.
type Trait struct {
	Slug         string
	Stage        string
	Kind         TraitKind
	Statement    Texts
	Implications []Texts
	Evidence     []string    // slugs of the requirements it is read from
	Emphasizes   []string    // slugs of the skills it puts weight on
	Widens       []Widening  // requirements it reads more loosely than posted
	Rule         *SignalRule // how a posting signal fires on other postings, or nil
	Source       Source
}

// Widening records the article reading a requirement more loosely than its
// posting: the choices that hold any of the Merge skills become one choice,
// so one strength among them is enough.
type Widening struct {
	Requirement string
	Merge       []string
}

// Dataset is the whole knowledge base as plain data, in presentation order.
// It is what the seed files describe and what the store keeps.
type Dataset struct {
	Categories   []Category
	Skills       []Skill
	Stages       []Stage
	Requirements []Requirement
	Traits       []Trait
}

// Node kinds, the prefixes of node IDs.
const (
	KindStage       = "stage"
	KindRequirement = "requirement"
	KindSkill       = "skill"
	KindTrait       = "trait"
	KindCategory    = "category"
)

// NodeID returns the stable, readable ID of a node: "skill:spark".
func NodeID(kind, slug string) string { return kind + ":" + slug }

// ParseNodeID splits an ID made by NodeID. It fails on anything else.
func ParseNodeID(id string) (kind, slug string, err error) {
	kind, slug, ok := strings.Cut(id, ":")
	switch {
	case !ok || slug == "":
		return "", "", Errorf(EINVALID, "invalid node ID %q: want KIND:SLUG such as skill:spark", id)
	case kind != KindStage && kind != KindRequirement && kind != KindSkill && kind != KindTrait && kind != KindCategory:
		return "", "", Errorf(EINVALID, "invalid node ID %q: unknown kind %q", id, kind)
	}
	return kind, slug, nil
}

// String renders a source as "document:line".
func (s Source) String() string { return fmt.Sprintf("%s:%d", s.Document, s.Line) }
