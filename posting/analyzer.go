package posting

import (
	"slices"
	"sync"
	"sync/atomic"

	"skillgraph/kb"
)

// MaxLength is the longest posting, in characters, that Analyze reads.
const MaxLength = 20000

// Item is one bullet or line of a section.
type Item struct {
	Kind     Kind
	Span     Span
	Skills   []*kb.Skill // every skill the item names, technologies and concepts, in order of first mention
	Mentions []Mention
	// Closest is the article requirement the item reads most like, and
	// Similarity how much (0 to 1); both nil for items of OTHER sections
	// and items like none.
	Closest    *kb.Requirement
	Similarity *float64
	choices    []choice // what a reader must have to meet the item
	start, end int
}

// SkillUse is a skill the posting names: every place it does, and the kinds
// of the sections it does so in.
type SkillUse struct {
	Skill    *kb.Skill
	Mentions []Span
	Kinds    []Kind
}

// Analysis is a posting read the way the article reads its two: what it
// asks, which stage it resembles and why, and how far a reader is from it.
type Analysis struct {
	Sections []*Section
	// Skills are the technologies the posting names, in order of first
	// mention; Concepts the practices, competencies and domains.
	Skills, Concepts []SkillUse
	// Stages lists every stage, most likely first.
	Stages []StageFit
	// UnknownTerms are words that look like technologies but name no
	// skill, each once; UnknownMentions every place the posting writes one.
	UnknownTerms    []string
	UnknownMentions []Span
	// Gap is the reader against the posting's requirements; nil without have.
	Gap *Gap
}

// Analyzer reads postings against one graph. It is built once per graph
// (the vocabulary's names, the rules of its traits, the requirements'
// features) and is safe for concurrent use.
type Analyzer struct {
	g       *kb.Graph
	names   *matcher
	rules   []rule
	similar *similarity
}

// NewAnalyzer prepares to read postings against g.
func NewAnalyzer(g *kb.Graph) *Analyzer {
	a := &Analyzer{g: g, names: newMatcher(g)}
	a.rules = rulesOf(g)
	a.similar = newSimilarity(g)
	return a
}

// Analyze reads a posting. have, when not nil, are the reader's skills by
// any name; names that resolve to no skill come back in Gap.Unknown. A text
// longer than MaxLength characters is EINVALID; an empty one gives an empty
// analysis, its stages even.
func (a *Analyzer) Analyze(text string, have []string) (*Analysis, error) {
	if n := len([]rune(text)); n > MaxLength {
		return nil, kb.Errorf(kb.EINVALID, "the posting is %d characters long; the limit is %d", n, MaxLength)
	}
	f := foldText(text)
	mentions := a.names.find(f)
	at := make([]bool, len(f.runes))
	for _, m := range mentions {
		if m.Skill.Kind == kb.Technology {
			for i := m.start; i < m.end; i++ {
				at[i] = true
			}
		}
	}
	an := &Analysis{Sections: readSections(f, func(i int) bool { return at[i] })}
	a.assign(an, f, mentions)
	an.UnknownTerms, an.UnknownMentions = unknownTerms(f, an, mentions)
	an.Stages = a.stages(f, an)
	if have != nil {
		an.Gap = a.gap(an, have)
	}
	return an, nil
}

// assign gives each item its mentions, skills, choices and closest
// requirement, and lists the skills the posting names.
func (a *Analyzer) assign(an *Analysis, f *folded, mentions []Mention) {
	uses := map[*kb.Skill]*SkillUse{}
	var order []*kb.Skill
	kindOf := make([]Kind, len(mentions)) // the kind of the section each mention is in
	for i := range kindOf {
		kindOf[i] = Other // a heading's
	}
	k := 0
	for _, s := range an.Sections {
		for _, it := range s.Items {
			for k < len(mentions) && mentions[k].start < it.start {
				k++ // a mention in a heading: not an item's
			}
			for ; k < len(mentions) && mentions[k].end <= it.end; k++ {
				m := mentions[k]
				kindOf[k] = s.Kind
				it.Mentions = append(it.Mentions, m)
				if !slices.Contains(it.Skills, m.Skill) {
					it.Skills = append(it.Skills, m.Skill)
				}
			}
			if s.Kind.IsRequirement() && len(it.Mentions) > 0 {
				it.choices = choicesOf(f, it.Mentions)
			}
			if s.Kind.IsRequirement() {
				if r, score := a.similar.closest(f, it); r != nil {
					it.Closest, it.Similarity = r, &score
				}
			}
		}
	}
	for i, m := range mentions {
		u := uses[m.Skill]
		if u == nil {
			u = &SkillUse{Skill: m.Skill}
			uses[m.Skill] = u
			order = append(order, m.Skill)
		}
		u.Mentions = append(u.Mentions, m.Span)
		if !slices.Contains(u.Kinds, kindOf[i]) {
			u.Kinds = append(u.Kinds, kindOf[i])
		}
	}
	for _, s := range order {
		u := uses[s]
		slices.SortFunc(u.Kinds, func(x, y Kind) int { return kindRank(x) - kindRank(y) })
		if s.Kind == kb.Technology {
			an.Skills = append(an.Skills, *u)
		} else {
			an.Concepts = append(an.Concepts, *u)
		}
	}
}

func kindRank(k Kind) int { return slices.Index([]Kind{Responsibility, Required, Preferred, Other}, k) }

// Cache keeps one Analyzer for the graph being served, made on first use.
type Cache struct {
	p  atomic.Pointer[Analyzer]
	mu sync.Mutex // one build at a time: the others wait for it
}

// For returns the Analyzer of g, building it when g is new.
func (c *Cache) For(g *kb.Graph) *Analyzer {
	if a := c.p.Load(); a != nil && a.g == g {
		return a
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if a := c.p.Load(); a != nil && a.g == g {
		return a // built while this one waited
	}
	a := NewAnalyzer(g)
	c.p.Store(a)
	return a
}
