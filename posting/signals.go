package posting

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"

	"skillgraph/kb"
)

// The stage rule. Every stage starts at even odds. Each signal found in the
// posting adds its weight to the log-odds of the stage it points to:
//
//	z(stage) = Σ weight of the stage's trait rules that fire
//	         + Σ resemblanceWeight × (best − runner-up)   over items that read
//	                                                       most like a requirement of the stage
//	P(stage) = exp z(stage) / Σ exp z(s)    over every stage
//
// A trait rule (kb.SignalRule, in the seed files) fires when its cues are in
// the sections it reads. An item resembles a stage when the stage has the
// requirement most similar to it (at least minResemblance), by a margin over
// the best requirement of any other stage. With no signal every stage is
// equally likely: a posting that says little gets even odds, not a guess.
const (
	resemblanceWeight = 1.5  // log-odds per unit of similarity margin
	maxResemblance    = 0.35 // the most one item adds
	minResemblance    = 0.2  // the least similarity that counts as resembling
	minMargin         = 0.03 // the least margin that says one stage more than the other
)

// StageFit is how likely a posting is to be of a stage, and why.
type StageFit struct {
	Stage       *kb.Stage
	Probability float64
	Signals     []Signal // what moved the probability, strongest first
}

// Signal is one reason a stage's probability moved, citing the article: the
// posting signal (trait) it applies or the requirement an item resembles.
type Signal struct {
	Trait       *kb.Trait
	Requirement *kb.Requirement
	// Weight is the signal's contribution to the log-odds of the stage of
	// the StageFit it is listed in, against the others: negative when it
	// points to another stage.
	Weight   float64
	Evidence []Span
	For      *kb.Stage // the stage the signal points to
	detail   detail
}

// detail is what a signal's explanation needs to say.
type detail struct {
	sections []string  // the kinds of section a skills rule read, for no_skills: the headings
	skills   []string  // skill names a skills rule found
	item     Span      // the item that resembles Requirement
	score    float64   // its similarity to Requirement
	runnerUp float64   // the best similarity of another stage
	other    *kb.Stage // that stage
}

// rule is a trait's kb.SignalRule, ready to apply.
type rule struct {
	trait *kb.Trait
	r     *kb.SignalRule
	terms [][]rune // folded, lower case; a trailing * is a prefix
	roots []*kb.Skill
}

func rulesOf(g *kb.Graph) []rule {
	var out []rule
	for _, st := range g.Stages() {
		for _, t := range g.StageTraits(st.Slug, kb.PostingSignal) {
			if t.Rule == nil {
				continue
			}
			r := rule{trait: t, r: t.Rule, roots: g.SkillsBySlug(t.Rule.Skills)}
			for _, term := range t.Rule.Terms {
				r.terms = append(r.terms, foldText(term).lower)
			}
			out = append(out, r)
		}
	}
	return out
}

// stages weighs every signal and turns the stages' log-odds into
// probabilities.
func (a *Analyzer) stages(f *folded, an *Analysis) []StageFit {
	var found []Signal
	for _, r := range a.rules {
		if s, ok := a.apply(r, f, an); ok {
			found = append(found, s)
		}
	}
	found = append(found, a.resemblances(f, an)...)
	z := map[*kb.Stage]float64{}
	for _, s := range found {
		z[s.For] += s.Weight
	}
	stages := a.g.Stages()
	fits := make([]StageFit, len(stages))
	top := 0.0
	for _, st := range stages {
		top = math.Max(top, z[st])
	}
	sum := 0.0
	for i, st := range stages {
		fits[i] = StageFit{Stage: st, Probability: math.Exp(z[st] - top)}
		sum += fits[i].Probability
	}
	for i := range fits {
		fit := &fits[i]
		fit.Probability = math.Round(fit.Probability/sum*1000) / 1000
		for _, s := range found {
			if s.For != fit.Stage {
				s.Weight = -s.Weight / float64(max(len(stages)-1, 1))
			}
			s.Weight = math.Round(s.Weight*1000) / 1000
			fit.Signals = append(fit.Signals, s)
		}
		slices.SortStableFunc(fit.Signals, func(x, y Signal) int { return cmp.Compare(math.Abs(y.Weight), math.Abs(x.Weight)) })
	}
	slices.SortStableFunc(fits, func(x, y StageFit) int { return cmp.Compare(y.Probability, x.Probability) })
	return fits
}

// scope returns the items a rule reads: those of its sections, or by default
// those of requirement sections (every item when the posting has none).
func scope(r *kb.SignalRule, an *Analysis) (items []*Item, sections []*Section) {
	wanted := func(k Kind) bool {
		if len(r.Sections) == 0 {
			return k.IsRequirement()
		}
		return slices.Contains(r.Sections, k.ruleName())
	}
	for _, s := range an.Sections {
		if wanted(s.Kind) {
			items = append(items, s.Items...)
			sections = append(sections, s)
		}
	}
	if len(r.Sections) == 0 && len(sections) == 0 {
		for _, s := range an.Sections {
			items = append(items, s.Items...)
		}
	}
	return items, sections
}

// apply looks for a rule's cues in the posting; it reports false when the
// rule does not fire.
func (a *Analyzer) apply(r rule, f *folded, an *Analysis) (Signal, bool) {
	items, sections := scope(r.r, an)
	sig := Signal{Trait: r.trait, For: a.g.Stage(r.trait.Stage)}
	cues := 0
	switch r.r.Cue {
	case kb.CueTerms:
		for _, term := range r.terms {
			if at, ok := findTerm(f, items, term); ok {
				cues++
				sig.Evidence = append(sig.Evidence, at)
			}
		}
	case kb.CueSkills:
		seen := map[*kb.Skill]bool{}
		for _, it := range items {
			for _, m := range it.Mentions {
				if !seen[m.Skill] && a.under(m.Skill, r.roots) {
					seen[m.Skill] = true
					sig.Evidence = append(sig.Evidence, m.Span)
					sig.detail.skills = append(sig.detail.skills, m.Span.Text)
				}
			}
		}
		if cues = len(seen) - r.r.AtLeast + 1; len(seen) < r.r.AtLeast {
			cues = 0
		}
	case kb.CueNoSkills:
		if len(items) == 0 {
			return sig, false
		}
		for _, it := range items {
			for _, m := range it.Mentions {
				if a.under(m.Skill, r.roots) {
					return sig, false
				}
			}
		}
		cues = 1
		for _, s := range sections {
			if s.Heading.Text != "" {
				sig.Evidence = append(sig.Evidence, s.Heading)
				sig.detail.sections = append(sig.detail.sections, s.Heading.Text)
			}
		}
	}
	if cues == 0 {
		return sig, false
	}
	w := math.Min(math.Abs(r.r.Weight)*float64(cues), r.r.Limit())
	sig.Weight = math.Copysign(w, r.r.Weight)
	return sig, true
}

// under reports whether a mention is a cue of a skills rule: a technology
// that is one of roots or narrower (any technology when roots is empty).
func (a *Analyzer) under(s *kb.Skill, roots []*kb.Skill) bool {
	if s.Kind != kb.Technology {
		return false
	}
	if len(roots) == 0 {
		return true
	}
	for _, r := range roots {
		if a.g.CountsAs(s, r) != nil {
			return true
		}
	}
	return false
}

// findTerm finds a term in the items: a Korean term anywhere (it takes
// particles), a Latin one at a word's start and, unless it ends in *, end.
func findTerm(f *folded, items []*Item, term []rune) (Span, bool) {
	prefix := len(term) > 1 && term[len(term)-1] == '*'
	if prefix {
		term = term[:len(term)-1]
	}
	latinStart, latinEnd := isLatin(term[0]), isLatin(term[len(term)-1])
	for _, it := range items {
		text := f.lower[it.start:it.end]
		for i := 0; i+len(term) <= len(text); i++ {
			if !slices.Equal(text[i:i+len(term)], term) {
				continue
			}
			if latinStart && i > 0 && (isLatin(text[i-1]) || unicode.IsDigit(text[i-1])) {
				continue
			}
			if j := i + len(term); latinEnd && !prefix && j < len(text) && (isLatin(text[j]) || unicode.IsDigit(text[j])) {
				continue
			}
			return f.span(it.start+i, it.start+i+len(term)), true
		}
	}
	return Span{}, false
}

// resemblances are the signals of items that read like one stage's
// requirements more than any other's.
func (a *Analyzer) resemblances(f *folded, an *Analysis) []Signal {
	var out []Signal
	for _, s := range an.Sections {
		if !s.Kind.IsRequirement() {
			continue
		}
		for _, it := range s.Items {
			best := map[*kb.Stage]struct {
				r     *kb.Requirement
				score float64
			}{}
			for r, score := range a.similar.scores(f, it) {
				st := a.g.Stage(r.Stage)
				if b := best[st]; score > b.score || (score == b.score && b.r != nil && r.Slug < b.r.Slug) {
					best[st] = struct {
						r     *kb.Requirement
						score float64
					}{r, score}
				}
			}
			var top, second *kb.Stage
			for _, st := range a.g.Stages() {
				switch {
				case top == nil || best[st].score > best[top].score:
					top, second = st, top
				case second == nil || best[st].score > best[second].score:
					second = st
				}
			}
			if top == nil || best[top].score < minResemblance {
				continue
			}
			runnerUp := 0.0
			if second != nil {
				runnerUp = best[second].score
			}
			margin := best[top].score - runnerUp
			if margin < minMargin {
				continue
			}
			out = append(out, Signal{Requirement: best[top].r, For: top, Evidence: []Span{it.Span},
				Weight: math.Min(resemblanceWeight*margin, maxResemblance),
				detail: detail{item: it.Span, score: best[top].score, runnerUp: runnerUp, other: second}})
		}
	}
	return out
}

// Why explains a signal in lang (Korean, or English for any other), citing
// the article line of its trait or requirement.
func (s Signal) Why(lang kb.Lang) string {
	ko := lang == kb.Korean
	pts := fmt.Sprintf("%+.2f", s.Weight)
	quote := func(spans []Span) string {
		var parts []string
		for _, sp := range spans[:min(len(spans), 4)] {
			parts = append(parts, "“"+sp.Text+"”")
		}
		out := strings.Join(parts, ", ")
		if len(spans) > 4 {
			out += fmt.Sprintf(" …(+%d)", len(spans)-4)
		}
		return out
	}
	// A signal for the stage it is listed under needs no stage named; one
	// listed against it says which stage it points to instead.
	elsewhere := ""
	if s.Weight < 0 {
		elsewhere = fmt.Sprintf(" (→ %s)", s.For.Name.Get(lang))
	}
	if s.Trait != nil {
		t := s.Trait
		var found string
		switch t.Rule.Cue {
		case kb.CueTerms:
			found = fmt.Sprintf("the posting says %s", quote(s.Evidence))
			if ko {
				found = fmt.Sprintf("공고에 %s", quote(s.Evidence))
			}
		case kb.CueSkills:
			found = fmt.Sprintf("the posting names %s", strings.Join(s.detail.skills, ", "))
			if ko {
				found = fmt.Sprintf("공고가 %s 명시", strings.Join(s.detail.skills, ", "))
			}
		case kb.CueNoSkills:
			found = "the posting's sections there name none"
			if len(s.detail.sections) > 0 {
				found = fmt.Sprintf("%s names none", quote(s.Evidence))
			}
			if ko {
				found = "해당 섹션에 없음"
				if len(s.detail.sections) > 0 {
					found = fmt.Sprintf("%s에 없음", quote(s.Evidence))
				}
			}
		}
		if ko {
			return fmt.Sprintf("%s %d행: “%s” — %s: %s%s", traitLabelKO(t.Kind), t.Source.Line, kb.Shorten(t.Statement.Get(kb.Korean), 50), found, pts, elsewhere)
		}
		return fmt.Sprintf("%s, line %d: “%s” — %s: %s%s", traitLabelEN(t.Kind), t.Source.Line, kb.Shorten(t.Statement.Get(kb.English), 70), found, pts, elsewhere)
	}
	r := s.Requirement
	d := s.detail
	if ko {
		return fmt.Sprintf("“%s”: %s %d행과 비슷함 (유사도 %.2f, 다른 단계 최고 %.2f): %s%s",
			kb.Shorten(d.item.Text, 40), kindLabelKO(r.Kind), r.Source.Line, d.score, d.runnerUp, pts, elsewhere)
	}
	return fmt.Sprintf("“%s” reads like %s line %d (similarity %.2f, the other stage's best %.2f): %s%s",
		kb.Shorten(d.item.Text, 50), strings.ToLower(string(r.Kind)), r.Source.Line, d.score, d.runnerUp, pts, elsewhere)
}

func traitLabelEN(k kb.TraitKind) string {
	if k == kb.WorkReality {
		return "Work reality"
	}
	return "Posting signal"
}

func traitLabelKO(k kb.TraitKind) string {
	if k == kb.WorkReality {
		return "실제 업무의 특징"
	}
	return "채용 공고의 특징"
}

func kindLabelKO(k kb.RequirementKind) string {
	switch k {
	case kb.Responsibility:
		return "담당 업무"
	case kb.Required:
		return "자격요건"
	}
	return "우대사항"
}
