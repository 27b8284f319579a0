package kb

import (
	"cmp"
	"container/list"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
)

// The score rule. A skill's importance to a stage is the sum of its evidence:
//
//	score(skill, stage) = Σ  KindWeight(r.Kind) / n   over each choice of each
//	                         requirement r of the stage that names the skill,
//	                         n being the number of skills that choice names
//	                    + Σ  EmphasisWeight           over each trait of the stage
//	                         that emphasizes the skill
//
// So a skill required on its own counts 3, one of five languages any of which
// will do counts 3/5, a preferred skill counts 1, and every "strongly
// preferred" the article reads into a posting adds 1. Choices are the
// effective ones: where the article widens a requirement ("one strength is
// enough"), the merged skills share one choice.
const EmphasisWeight = 1.0

// KindWeight is how much a requirement of a kind weighs, in scores and in
// gap coverage.
func KindWeight(k RequirementKind) float64 {
	switch k {
	case Required:
		return 3
	case Responsibility:
		return 2
	case Preferred:
		return 1
	}
	return 0
}

// Reason is one piece of evidence behind a score, with its contribution and
// an explanation in each language (Why).
type Reason struct {
	Requirement *Requirement // the requirement, for requirement evidence
	Trait       *Trait       // the trait, for emphasis
	Points      float64
	why         *lazyWhy
}

// lazyWhy is the explanation of the reasons of one requirement's choice
// (shared by every skill the choice names), of one trait's emphasis, or of
// what learning a skill fills in a gap. It is written on first use, not when
// the graph is built: a large graph holds hundreds of thousands of reasons
// and a request reads a few of them.
type lazyWhy struct {
	choice *EffectiveChoice // for requirement evidence and gaps
	open   int              // for gaps: the requirement's open choices; 0 otherwise
	en, ko atomic.Pointer[string]
}

// Why returns the explanation in lang: Korean, or English for any other
// language.
func (r Reason) Why(lang Lang) string {
	slot := &r.why.en
	if lang == Korean {
		slot = &r.why.ko
	} else {
		lang = English
	}
	if s := slot.Load(); s != nil {
		return *s
	}
	var s string
	switch {
	case r.Trait != nil:
		s = emphasisWhy(r.Trait, lang)
	case r.why.open > 0:
		s = gapWhy(r.Requirement, r.why.choice, r.Points, r.why.open, lang)
	default:
		s = requirementWhy(r.Requirement, r.why.choice, lang)
	}
	slot.Store(&s) // concurrent writers store equal strings
	return s
}

// RankedSkill is a skill with its score and the evidence behind it.
type RankedSkill struct {
	Skill    *Skill
	Score    float64
	Kinds    []RequirementKind // kinds of the requirements that name it, in RequirementKinds order
	Evidence []*Requirement    // those requirements, in posting order
	Reasons  []Reason
	first    int // where the stage first names the skill: equal scores keep the posting's order
}

// Why returns the explanation lines in lang (falling back to English).
func (r RankedSkill) Why(lang Lang) []string {
	out := make([]string, len(r.Reasons))
	for i, reason := range r.Reasons {
		out[i] = reason.Why(lang)
	}
	return out
}

// EmphasizedBy returns the traits whose emphasis adds to the score.
func (r RankedSkill) EmphasizedBy() []*Trait {
	var out []*Trait
	for _, reason := range r.Reasons {
		if reason.Trait != nil && !slices.Contains(out, reason.Trait) {
			out = append(out, reason.Trait)
		}
	}
	return out
}

// StageRelevance is how much a skill matters to one stage.
type StageRelevance struct {
	Stage *Stage
	Kinds []RequirementKind
	Score float64
	order int // the stage's place in the data, which a skill's relevance is sorted by
}

// score lists each skill's relevance to each stage (its score and the
// kinds of its evidence) and measures the rankings, without ranking: the
// rankings themselves are made when a stage is asked about, and kept for
// the stages recently asked about (rankingCache). A large graph's rankings
// would be a fifth of its memory, and sorting them all most of the time it
// takes to build; one stage's takes milliseconds.
func (g *Graph) score() {
	g.rankings = newRankingCache(rankingsKept)
	type entry struct {
		skill int32
		rel   StageRelevance
	}
	var entries []entry
	count := make([]int, len(g.skills))
	// A stage's scores by skill order, summed in the order rankStage sums
	// a skill's reasons, so that the two agree to the last bit.
	scores := make([]float64, len(g.skills))
	masks := make([]int, len(g.skills))
	mentioned := make([]bool, len(g.skills))
	var touched []int32
	mention := func(i int32, points float64, kind RequirementKind) {
		if !mentioned[i] {
			mentioned[i] = true
			touched = append(touched, i)
		}
		scores[i] += points
		if kind != "" {
			masks[i] |= 1 << slices.Index(RequirementKinds, kind)
		}
	}
	for order, st := range g.stages {
		touched = touched[:0]
		for _, r := range g.reqsByStage[st.Slug] {
			for _, c := range g.needs[g.reqIndex[r.Slug]] {
				points := KindWeight(r.Kind) / float64(len(c.Named))
				for _, s := range c.Named {
					mention(int32(g.skillOrder[s.Slug]), points, r.Kind)
				}
			}
		}
		for _, t := range g.traitsByStage[st.Slug] {
			for _, s := range t.Emphasizes {
				mention(int32(g.skillOrder[s]), EmphasisWeight, "")
			}
		}
		g.rankedSkills = max(g.rankedSkills, len(touched))
		for _, i := range touched {
			entries = append(entries, entry{i, StageRelevance{Stage: st, Kinds: kindSets[masks[i]], Score: roundScore(scores[i]), order: order}})
			count[i]++
			scores[i], masks[i], mentioned[i] = 0, 0, false
		}
	}
	// Each skill's relevance, in stage order: slices of one allocation.
	all := make([]StageRelevance, len(entries))
	next := make([]int, len(g.skills)) // where each skill's next entry goes
	g.relevance = make(map[string][]StageRelevance, len(g.skills))
	at := 0
	for i, s := range g.skills {
		if count[i] > 0 {
			next[i] = at
			g.relevance[s.Slug] = all[at : at+count[i] : at+count[i]]
			at += count[i]
		}
	}
	for _, e := range entries {
		all[next[e.skill]] = e.rel
		next[e.skill]++
	}
}

// rankingsKept is how many stages' rankings a graph keeps at once.
const rankingsKept = 8

// ranking returns a stage's full ranking: every kind of evidence, best
// first.
func (g *Graph) ranking(stage string) []RankedSkill {
	if r, ok := g.rankings.get(stage); ok {
		return r
	}
	st := g.stageBySlug[stage]
	if st == nil {
		return nil
	}
	r := g.rankStage(st)
	g.rankings.put(stage, r)
	return r
}

// rankStage computes the reasons of every skill for a stage, and from them
// the stage's full ranking. Its reasons and evidence are each one
// allocation, which its ranked skills share slices of.
func (g *Graph) rankStage(st *Stage) []RankedSkill {
	type mention struct {
		skill  int32 // order
		at     int32 // place among the stage's mentions: the posting's order
		reason Reason
	}
	var mentions []mention
	for _, r := range g.reqsByStage[st.Slug] {
		needs := g.needs[g.reqIndex[r.Slug]]
		for i := range needs {
			c := &needs[i]
			reason := requirementReason(r, c)
			for _, s := range c.Named {
				mentions = append(mentions, mention{int32(g.skillOrder[s.Slug]), int32(len(mentions)), reason})
			}
		}
	}
	for _, t := range g.traitsByStage[st.Slug] {
		reason := Reason{Trait: t, Points: EmphasisWeight, why: &lazyWhy{}}
		for _, s := range t.Emphasizes {
			mentions = append(mentions, mention{int32(g.skillOrder[s]), int32(len(mentions)), reason})
		}
	}
	// Group by skill; a skill's reasons keep the order above, which is the
	// order they are summed and explained in.
	slices.SortStableFunc(mentions, func(a, b mention) int { return cmp.Compare(a.skill, b.skill) })
	reasons := make([]Reason, len(mentions))
	skills := 0
	for i, m := range mentions {
		reasons[i] = m.reason
		if i == 0 || m.skill != mentions[i-1].skill {
			skills++
		}
	}
	evidence := make([]*Requirement, 0, len(mentions))
	ranking := make([]RankedSkill, 0, skills)
	for i := 0; i < len(mentions); {
		j := i + 1
		for j < len(mentions) && mentions[j].skill == mentions[i].skill {
			j++
		}
		if rs, ok := rankEntry(g.skills[mentions[i].skill], reasons[i:j:j], nil, nil, &evidence); ok {
			rs.first = int(mentions[i].at) // a stable sort keeps each skill's first mention first
			ranking = append(ranking, rs)
		}
		i = j
	}
	g.sortRanked(ranking)
	return ranking
}

// rankingCache keeps the rankings of the stages most recently asked about,
// at most max of them. It is safe for concurrent use; two requests for a
// stage it dropped may both rank it, and one result is kept.
type rankingCache struct {
	mu    sync.Mutex
	max   int
	byKey map[string]*list.Element // of *rankingEntry, most recent first
	order *list.List
}

type rankingEntry struct {
	stage   string
	ranking []RankedSkill
}

func newRankingCache(max int) *rankingCache {
	return &rankingCache{max: max, byKey: map[string]*list.Element{}, order: list.New()}
}

func (c *rankingCache) get(stage string) ([]RankedSkill, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.byKey[stage]; ok {
		c.order.MoveToFront(e)
		return e.Value.(*rankingEntry).ranking, true
	}
	return nil, false
}

func (c *rankingCache) put(stage string, ranking []RankedSkill) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.byKey[stage]; ok {
		return
	}
	c.byKey[stage] = c.order.PushFront(&rankingEntry{stage, ranking})
	for c.order.Len() > c.max {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.byKey, last.Value.(*rankingEntry).stage)
	}
}

// requirementReason is the evidence r gives each skill its choice c names.
func requirementReason(r *Requirement, c *EffectiveChoice) Reason {
	return Reason{Requirement: r, Points: KindWeight(r.Kind) / float64(len(c.Named)), why: &lazyWhy{choice: c}}
}

func requirementWhy(r *Requirement, c *EffectiveChoice, lang Lang) string {
	alternatives := len(c.Named)
	w := KindWeight(r.Kind)
	points := w / float64(alternatives)
	if lang == Korean {
		quoteKO := Shorten(r.Text.Get(Korean), 40)
		if alternatives == 1 {
			return fmt.Sprintf("%s %d행: “%s”에 필요: +%s", kindLabel(r.Kind, Korean), r.Source.Line, quoteKO, formatPoints(points)) + widenNote(c, Korean)
		}
		return fmt.Sprintf("%s %d행: “%s”에서 %d개 중 하나로 인정: %s ÷ %d = +%s",
			kindLabel(r.Kind, Korean), r.Source.Line, quoteKO, alternatives, formatPoints(w), alternatives, formatPoints(points)) + widenNote(c, Korean)
	}
	quote := Shorten(r.Text.Get(English), 60)
	if alternatives == 1 {
		return fmt.Sprintf("%s, line %d: “%s” needs it: +%s", kindLabel(r.Kind, English), r.Source.Line, quote, formatPoints(points)) + widenNote(c, English)
	}
	return fmt.Sprintf("%s, line %d: “%s” accepts it as one of %d alternatives: %s ÷ %d = +%s",
		kindLabel(r.Kind, English), r.Source.Line, quote, alternatives, formatPoints(w), alternatives, formatPoints(points)) + widenNote(c, English)
}

// widenNote tells, for a choice a trait widened, which line of the article
// says one of its skills is enough.
func widenNote(c *EffectiveChoice, lang Lang) string {
	if c.WidenedBy == nil {
		return ""
	}
	if lang == Korean {
		return fmt.Sprintf(" (%d행: 이 중 하나만 있어도 됨)", c.WidenedBy.Source.Line)
	}
	return fmt.Sprintf(" (line %d: any one of these is enough)", c.WidenedBy.Source.Line)
}

func emphasisWhy(t *Trait, lang Lang) string {
	if lang == Korean {
		return fmt.Sprintf("%s %d행: “%s”에서 강조: +%s",
			traitLabel(t.Kind, Korean), t.Source.Line, Shorten(t.Statement.Get(Korean), 40), formatPoints(EmphasisWeight))
	}
	return fmt.Sprintf("%s, line %d: “%s” puts weight on it: +%s",
		traitLabel(t.Kind, English), t.Source.Line, Shorten(t.Statement.Get(English), 60), formatPoints(EmphasisWeight))
}

// rankKinds ranks a stage again, from its full ranking, on the evidence of
// requirements of the given kinds plus emphasis: only skills named by
// requirements of those kinds are ranked.
func (g *Graph) rankKinds(full []RankedSkill, kinds []RequirementKind) []RankedSkill {
	total := 0
	for _, rs := range full {
		total += len(rs.Reasons)
	}
	reasons := make([]Reason, 0, total)
	evidence := make([]*Requirement, 0, total)
	var out []RankedSkill
	for _, f := range full {
		if rs, ok := rankEntry(f.Skill, f.Reasons, kinds, &reasons, &evidence); ok {
			rs.first = f.first
			out = append(out, rs)
		}
	}
	g.sortRanked(out)
	return out
}

// rankEntry sums the reasons of skill s that count, on the evidence of
// requirements of kinds (all when nil) and emphasis, into its ranked entry;
// ok is false when nothing counts. With kinds nil the entry shares reasons;
// otherwise it appends the reasons that count to *reasonBuf. It appends its
// evidence to *evidenceBuf; both buffers must be large enough never to grow,
// as entries keep slices of them.
func rankEntry(s *Skill, reasons []Reason, kinds []RequirementKind, reasonBuf *[]Reason, evidenceBuf *[]*Requirement) (RankedSkill, bool) {
	rs := RankedSkill{Skill: s}
	if kinds == nil {
		rs.Reasons = reasons // all of them: share, do not copy
	}
	reasonsFrom, evidenceFrom := 0, len(*evidenceBuf)
	if reasonBuf != nil {
		reasonsFrom = len(*reasonBuf)
	}
	mask := 0
	for _, r := range reasons {
		if r.Requirement != nil && kinds != nil && !slices.Contains(kinds, r.Requirement.Kind) {
			continue
		}
		if kinds != nil {
			*reasonBuf = append(*reasonBuf, r)
		}
		rs.Score += r.Points
		if r.Requirement != nil {
			if !slices.Contains((*evidenceBuf)[evidenceFrom:], r.Requirement) {
				*evidenceBuf = append(*evidenceBuf, r.Requirement)
			}
			mask |= 1 << slices.Index(RequirementKinds, r.Requirement.Kind)
		}
	}
	if kinds != nil {
		if n := len(*reasonBuf); n > reasonsFrom {
			rs.Reasons = (*reasonBuf)[reasonsFrom:n:n]
		}
	}
	if n := len(*evidenceBuf); n > evidenceFrom {
		rs.Evidence = (*evidenceBuf)[evidenceFrom:n:n]
	}
	if len(rs.Reasons) == 0 || (kinds != nil && len(rs.Evidence) == 0) {
		return RankedSkill{}, false
	}
	rs.Score = roundScore(rs.Score)
	rs.Kinds = kindSets[mask]
	return rs, true
}

// kindSets are the sets of requirement kinds in RequirementKinds order, by
// bit mask (bit i for RequirementKinds[i]): the Kinds of every ranked skill
// is one of these eight slices.
var kindSets = func() (sets [8][]RequirementKind) {
	for mask := range sets {
		for i, k := range RequirementKinds {
			if mask&(1<<i) != 0 {
				sets[mask] = append(sets[mask], k)
			}
		}
		sets[mask] = slices.Clip(sets[mask])
	}
	return sets
}()

// sortRanked orders by score, then by where the stage first names the
// skill (the posting's order, which does not change when a skill moves in
// the vocabulary), then by the skill's place in the data, so rankings are
// stable.
func (g *Graph) sortRanked(list []RankedSkill) {
	slices.SortStableFunc(list, func(a, b RankedSkill) int {
		if a.Score != b.Score {
			if a.Score > b.Score {
				return -1
			}
			return 1
		}
		return cmp.Or(a.first-b.first, g.skillOrder[a.Skill.Slug]-g.skillOrder[b.Skill.Slug])
	})
}

// RankSkills returns the skills that matter for a stage, best first, on the
// evidence of requirements of the given kinds (all kinds when kinds is
// empty). first > 0 keeps only that many. An unknown stage is ENOTFOUND.
func (g *Graph) RankSkills(stage string, kinds []RequirementKind, first int) ([]RankedSkill, error) {
	if _, err := g.mustStage(stage); err != nil {
		return nil, err
	}
	ranking := g.ranking(stage)
	if len(kinds) > 0 && !coversAllKinds(kinds) {
		ranking = g.rankKinds(ranking, kinds)
	}
	return limit(ranking, first), nil
}

func coversAllKinds(kinds []RequirementKind) bool {
	for _, k := range RequirementKinds {
		if !slices.Contains(kinds, k) {
			return false
		}
	}
	return true
}

// Relevance returns how much a skill matters to each stage it matters to,
// in stage order.
func (g *Graph) Relevance(skill string) []StageRelevance { return g.relevance[skill] }

// StageScore returns a skill's score for a stage, 0 when it has no evidence there.
func (g *Graph) StageScore(skill, stage string) float64 {
	score, _ := g.stageScore(skill, stage)
	return score
}

// stageScore is StageScore, and whether the skill has evidence for the stage.
func (g *Graph) stageScore(skill, stage string) (float64, bool) {
	order, ok := g.stageOrder[stage]
	if !ok {
		return 0, false
	}
	rel := g.relevance[skill]
	i, found := slices.BinarySearchFunc(rel, order, func(r StageRelevance, order int) int { return r.order - order })
	if !found {
		return 0, false
	}
	return rel[i].Score, true
}

func limit[T any](list []T, first int) []T {
	if first > 0 && first < len(list) {
		return list[:first]
	}
	return list
}

// roundScore keeps scores readable (3/5 is 0.6, not 0.6000000000000001).
func roundScore(x float64) float64 { return math.Round(x*1000) / 1000 }

func formatPoints(x float64) string {
	s := fmt.Sprintf("%.2f", x)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s
}

func kindLabel(k RequirementKind, lang Lang) string {
	labels := map[RequirementKind][2]string{
		Responsibility: {"Responsibility", "담당 업무"},
		Required:       {"Required", "자격요건"},
		Preferred:      {"Preferred", "우대사항"},
	}
	return pick(labels[k], lang)
}

func traitLabel(k TraitKind, lang Lang) string {
	labels := map[TraitKind][2]string{
		PostingSignal: {"Posting signal", "채용 공고의 특징"},
		WorkReality:   {"Work reality", "실제 업무의 특징"},
	}
	return pick(labels[k], lang)
}

func pick(l [2]string, lang Lang) string {
	if lang == Korean {
		return l[1]
	}
	return l[0]
}

// Shorten trims s and cuts it to at most n runes, ending with "…" when
// cut: for quoting what someone wrote in a message.
func Shorten(s string, n int) string {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	cut, runes := 0, 0
	for cut = range s {
		if runes == n-1 {
			break
		}
		runes++
	}
	return strings.TrimSpace(s[:cut]) + "…"
}
