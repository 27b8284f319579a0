// Package synth generates synthetic knowledge bases of any size, shaped like
// the seed, for benchmarks and to reproduce the large case:
//
//	go run . seed synth -stages 100 -skills 10000 -requirements 100000 -seed 1 -db /tmp/synth.db
//
// A dataset is a function of its Options alone: the same seed and sizes give
// the same dataset, byte for byte, on every machine and Go version
// (math/rand/v2's PCG is specified). Its shapes follow the article's: skills
// in categories with Korean and English names and up to four aliases, some
// narrower than others (Kafka Streams is part of Kafka); requirements of
// every kind with one to three choices of one to eight skills, some open to a
// "such as" group, popular skills named far more often than rare ones;
// traits with evidence, emphasis and a few widenings; Korean and English
// texts as long as real bullets, each citing its line of a synthetic
// document (Document) verbatim. The result passes kb.Validate; seed.Check,
// which reads the cited documents, does not apply, as Document exists only
// in the cited lines.
package synth

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"skillgraph/kb"
)

// Document is the file name every synthetic source cites.
const Document = "synthetic.ko.md"

// Options are the sizes and the seed of a synthetic dataset.
type Options struct {
	Seed         uint64 // the same seed and sizes give the same dataset
	Stages       int    // at least 1
	Skills       int    // at least 1
	Requirements int    // spread over the stages, some getting more than others
	Traits       int    // 0 means one for every ten requirements, at least one per stage
}

func (o Options) normalized() Options {
	o.Stages = max(o.Stages, 1)
	o.Skills = max(o.Skills, 1)
	o.Requirements = max(o.Requirements, 0)
	if o.Traits <= 0 {
		o.Traits = max(o.Requirements/10, o.Stages)
	}
	return o
}

// Generate returns the dataset the options describe. It never fails: sizes
// below 1 are raised to 1.
func Generate(opts Options) *kb.Dataset {
	opts = opts.normalized()
	g := &generator{
		opts: opts,
		r:    rand.New(rand.NewPCG(opts.Seed, 0x736b696c6c677261)), // "skillgra"
		used: map[string]string{},
		ds:   &kb.Dataset{},
	}
	g.skills()
	g.stages()
	g.requirements() // and the traits, stage by stage
	return g.ds
}

type generator struct {
	opts Options
	r    *rand.Rand
	ds   *kb.Dataset
	used map[string]string // name key → slug of the skill that has it

	skillsByPopularity []*genSkill // most often named first
	byCategory         map[string][]*genSkill
	bySlug             map[string]*genSkill
	line               int // the last line of the synthetic document written
}

// genSkill is a skill while it is being generated.
type genSkill struct {
	kb.Skill
	rank     int // place in skillsByPopularity
	tech     int // index in techs, or -1
	facets   []int
	narrower []*genSkill
}

func (g *generator) chance(p float64) bool { return g.r.Float64() < p }

// weighted picks an index with probability proportional to its weight.
func (g *generator) weighted(weights []float64) int {
	total := 0.0
	for _, w := range weights {
		total += w
	}
	x := g.r.Float64() * total
	for i, w := range weights {
		if x < w {
			return i
		}
		x -= w
	}
	return len(weights) - 1
}

// claim takes the name keys of a new skill, or reports that one of them is
// empty or already another skill's.
func (g *generator) claim(slug string, names ...string) bool {
	keys := make([]string, 0, len(names))
	for _, n := range names {
		k := kb.NameKey(n)
		if _, taken := g.used[k]; k == "" || taken {
			return false
		}
		if !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	for _, k := range keys {
		g.used[k] = slug
	}
	return true
}

func slugOf(en string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(en) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}

// skills names the skills, most popular first: technologies, practices,
// then a technology's parts and practices ("Kafka Streams"), then practices
// of those ("Kafka Streams Tuning"), then numbered variants when the words
// run out. The dataset lists them by category, as the seed does.
func (g *generator) skills() {
	n := g.opts.Skills
	var all []*genSkill
	add := func(en, ko string, tech int, facets []int) *genSkill {
		slug := slugOf(en)
		if !g.claim(slug, slug, en, ko) {
			return nil
		}
		cat := "practice"
		if tech >= 0 {
			cat = techs[tech].cat
		}
		s := &genSkill{Skill: kb.Skill{Slug: slug, Kind: kb.Technology, Category: cat, Name: kb.Texts{EN: en, KO: ko}},
			rank: len(all), tech: tech, facets: facets}
		all = append(all, s)
		return s
	}
	for _, t := range g.r.Perm(len(techs)) {
		if len(all) < n {
			add(techs[t].en, techs[t].ko, t, nil)
		}
	}
	for f := practiceFrom; f < len(facets) && len(all) < n; f++ {
		add(facets[f].en, facets[f].ko, -1, []int{f})
	}
	for _, i := range g.r.Perm(len(techs) * len(facets)) {
		if len(all) >= n {
			break
		}
		t, f := i/len(facets), i%len(facets)
		add(techs[t].en+" "+facets[f].en, techs[t].ko+" "+facets[f].ko, t, []int{f})
	}
	for misses := 0; len(all) < n && misses < 50*n; {
		t, f1, f2 := g.r.IntN(len(techs)), g.r.IntN(len(facets)), practiceFrom+g.r.IntN(len(facets)-practiceFrom)
		if f1 == f2 || add(techs[t].en+" "+facets[f1].en+" "+facets[f2].en,
			techs[t].ko+" "+facets[f1].ko+" "+facets[f2].ko, t, []int{f1, f2}) == nil {
			misses++
		}
	}
	for v := 2; len(all) < n; v++ {
		for i := 0; i < len(all) && len(all) < n; i++ {
			s := all[i]
			add(fmt.Sprintf("%s %d", s.Name.Exact(kb.English), v), fmt.Sprintf("%s %d", s.Name.Exact(kb.Korean), v), s.tech, s.facets)
		}
	}
	g.skillsByPopularity = all
	g.bySlug = make(map[string]*genSkill, len(all))
	for _, s := range all {
		g.bySlug[s.Slug] = s
	}
	for _, s := range all {
		g.broader(s)
	}
	for _, s := range all {
		g.aliases(s)
		g.related(s)
	}
	g.byCategory = map[string][]*genSkill{}
	for _, s := range all {
		g.byCategory[s.Category] = append(g.byCategory[s.Category], s)
	}
	for _, c := range categories {
		list := g.byCategory[c.slug]
		if len(list) == 0 {
			continue
		}
		g.ds.Categories = append(g.ds.Categories, kb.Category{Slug: c.slug, Name: kb.Texts{EN: c.en, KO: c.ko}})
		for _, s := range list {
			g.ds.Skills = append(g.ds.Skills, s.Skill)
		}
	}
}

// broader links about half the skills to one with fewer words: "Kafka
// Streams Tuning" is part of "Kafka Streams", which is part of "Kafka", and
// now and then also a kind of the practice "Tuning". Links only ever point
// to shorter names, so they never form a cycle.
func (g *generator) broader(s *genSkill) {
	if s.tech < 0 || len(s.facets) == 0 || !g.chance(0.5) {
		return
	}
	link := func(to *genSkill) {
		if to != nil && to != s && !slices.Contains(s.Broader, to.Slug) {
			s.Broader = append(s.Broader, to.Slug)
			to.narrower = append(to.narrower, s)
		}
	}
	t := techs[s.tech]
	parent := g.bySlug[slugOf(t.en)]
	if len(s.facets) == 2 {
		if p := g.bySlug[slugOf(t.en+" "+facets[s.facets[0]].en)]; p != nil {
			parent = p
		}
	}
	link(parent)
	if last := s.facets[len(s.facets)-1]; last >= practiceFrom && g.chance(0.15) {
		link(g.bySlug[slugOf(facets[last].en)])
	}
}

// aliases gives a skill up to four other spellings, as people type them:
// "Apache Kafka", initials, a common typo (the article's own "Hadoo"), a
// Korean and English mix. An alias another skill already answers to is
// skipped.
func (g *generator) aliases(s *genSkill) {
	want := []int{0, 0, 0, 1, 1, 1, 2, 2, 3, 4}[g.r.IntN(10)]
	if want == 0 {
		return
	}
	en, ko := s.Name.Exact(kb.English), s.Name.Exact(kb.Korean)
	enWords, koWords := strings.Fields(en), strings.Fields(ko)
	var candidates []string
	if len(enWords) == 1 {
		candidates = append(candidates, "Apache "+en, "아파치 "+ko)
	} else {
		initials := ""
		for _, w := range enWords {
			initials += w[:1]
		}
		last := enWords[len(enWords)-1]
		if strings.HasSuffix(last, "s") {
			last = strings.TrimSuffix(last, "s")
		} else {
			last += "s"
		}
		candidates = append(candidates, initials, enWords[0]+" "+strings.Join(koWords[1:], " "),
			strings.Join(enWords[:len(enWords)-1], " ")+" "+last)
	}
	if last := enWords[len(enWords)-1]; len(last) >= 5 {
		i := 1 + g.r.IntN(len(last)-3)
		typo := last[:i] + last[i+1:i+2] + last[i:i+1] + last[i+2:]
		candidates = append(candidates, strings.Join(append(slices.Clone(enWords[:len(enWords)-1]), typo), " "))
	}
	candidates = append(candidates, en+" 경험")
	g.r.Shuffle(len(candidates), func(i, j int) { candidates[i], candidates[j] = candidates[j], candidates[i] })
	for _, a := range candidates {
		if len(s.Aliases) == want {
			break
		}
		k := kb.NameKey(a)
		if _, taken := g.used[k]; k == "" || taken {
			continue
		}
		g.used[k] = s.Slug
		s.Aliases = append(s.Aliases, a)
	}
}

// related links a few skills to others of the same technology.
func (g *generator) related(s *genSkill) {
	if s.tech < 0 || !g.chance(0.2) {
		return
	}
	for range 1 + g.r.IntN(2) {
		other := g.skillsByPopularity[g.r.IntN(len(g.skillsByPopularity))]
		if other != s && other.tech == s.tech && !slices.Contains(s.Related, other.Slug) {
			s.Related = append(s.Related, other.Slug)
		}
	}
}

// genStage is a stage while its requirements and traits are generated.
type genStage struct {
	*kb.Stage
	industry, phase facet
	heading         string // the section heading: "12) 성장 단계의 핀테크 회사"
	reqs            []*kb.Requirement
	weight          float64
}

var stageFlavour = map[string][2]string{
	"seed":     {"the first data hires set up everything from logging to reports", "첫 데이터 인력이 로그 수집부터 리포트까지 모든 것을 처음 만든다"},
	"early":    {"a small team builds the first pipelines and warehouse while the product changes weekly", "제품이 매주 바뀌는 가운데 작은 팀이 첫 파이프라인과 웨어하우스를 만든다"},
	"growth":   {"traffic grows fast and the data platform must be built to scale", "트래픽이 빠르게 늘어 확장 가능한 데이터 플랫폼을 구축해야 한다"},
	"scale-up": {"several teams share the platform, which must become reliable and self-service", "여러 팀이 플랫폼을 함께 쓰며, 플랫폼은 안정적이고 셀프서비스가 되어야 한다"},
	"mature":   {"the service is on track and the platform must be operated stably and efficiently", "서비스가 궤도에 올라 플랫폼을 안정적이고 효율적으로 운영해야 한다"},
}

func (g *generator) stages() {
	for i := range g.opts.Stages {
		ind, ph := industries[(i/len(phases))%len(industries)], phases[i%len(phases)]
		slug := slugOf(ind.en) + "-" + ph.en
		en := fmt.Sprintf("%s company at the %s stage", ind.en, ph.en)
		ko := fmt.Sprintf("%s 단계의 %s 회사", ph.ko, ind.ko)
		if round := i / (len(phases) * len(industries)); round > 0 {
			slug += fmt.Sprint("-", round+1)
			en += fmt.Sprint(" (", round+1, ")")
			ko += fmt.Sprint(" (", round+1, ")")
		}
		flavour := stageFlavour[ph.en]
		g.ds.Stages = append(g.ds.Stages, kb.Stage{
			Slug: slug,
			Name: kb.Texts{EN: en, KO: ko},
			Summary: kb.Texts{
				EN: fmt.Sprintf("A %s company at the %s stage: %s. The postings ask for solid fundamentals first and for hands-on experience with the stacks the team runs.", strings.ToLower(ind.en), ph.en, flavour[0]),
				KO: fmt.Sprintf("%s 단계의 %s 회사: %s. 공고는 기본기를 먼저 보고, 팀이 쓰는 기술 스택의 실무 경험을 우대한다.", ph.ko, ind.ko, flavour[1]),
			},
		})
	}
}

// requirements spreads the requirements over the stages, some stages
// getting up to three times as many as others, and writes each stage's
// section of the synthetic document: its heading, then its bullets by kind
// (responsibilities, required, preferred), then its traits.
func (g *generator) requirements() {
	stages := make([]*genStage, len(g.ds.Stages))
	total := 0.0
	for i := range g.ds.Stages {
		st := &g.ds.Stages[i]
		stages[i] = &genStage{Stage: st, weight: 0.5 + g.r.Float64()}
		total += stages[i].weight
	}
	counts := spread(g.opts.Requirements, stages, total, func(s *genStage) float64 { return s.weight })
	traitCounts := spread(g.opts.Traits, stages, total, func(s *genStage) float64 { return s.weight })
	for i, st := range stages {
		ind, ph := industries[(i/len(phases))%len(industries)], phases[i%len(phases)]
		st.industry, st.phase = ind, ph
		g.line += 2
		st.heading = fmt.Sprintf("%d) %s", i+1, st.Name.Exact(kb.Korean))
		st.Source = kb.Source{Document: Document, Section: st.heading, Line: g.line, Quote: st.heading}
		kinds := make([]kb.RequirementKind, counts[i])
		for j := range kinds {
			kinds[j] = kb.RequirementKinds[g.weighted([]float64{0.3, 0.3, 0.4})]
		}
		slices.SortStableFunc(kinds, func(a, b kb.RequirementKind) int {
			return slices.Index(kb.RequirementKinds, a) - slices.Index(kb.RequirementKinds, b)
		})
		for j, kind := range kinds {
			if j == 0 || kinds[j-1] != kind {
				g.line += 2 // a blank line and the kind's heading
			}
			g.line++
			r := g.requirement(st, kind, fmt.Sprintf("%s-%s-%d", st.Slug, kindSlug[kind], j+1))
			g.ds.Requirements = append(g.ds.Requirements, r)
		}
		g.line += 2 // room for the traits' heading
		g.stageTraits(st, traitCounts[i])
	}
}

var kindSlug = map[kb.RequirementKind]string{kb.Responsibility: "does", kb.Required: "needs", kb.Preferred: "prefers"}

var kindHeading = map[kb.RequirementKind]string{kb.Responsibility: "담당 업무", kb.Required: "자격요건", kb.Preferred: "우대사항"}

// spread divides n over the stages in proportion to their weights.
func spread(n int, stages []*genStage, total float64, weight func(*genStage) float64) []int {
	counts := make([]int, len(stages))
	given := 0
	for i, s := range stages {
		counts[i] = int(float64(n) * weight(s) / total)
		given += counts[i]
	}
	for i := 0; given < n; i = (i + 1) % len(stages) {
		counts[i]++
		given++
	}
	return counts
}

// popular picks a skill, popular ones far more often: a Zipf law over the
// popularity order, flattened at the top so no skill is in every posting.
func (g *generator) popular(list []*genSkill) *genSkill {
	if len(list) == 1 {
		return list[0]
	}
	z := rand.NewZipf(g.r, 1.1, 8, uint64(len(list)-1))
	return list[z.Uint64()]
}

var choiceSizes = []float64{45, 18, 12, 9, 7, 4, 3, 2} // of 1 to 8 skills

func (g *generator) requirement(st *genStage, kind kb.RequirementKind, slug string) kb.Requirement {
	nChoices := 1 + g.weighted([]float64{0.55, 0.33, 0.12})
	var needs []kb.Choice
	var named []string
	for tries := 0; len(needs) < nChoices && (tries < 3*nChoices || len(needs) == 0); tries++ {
		c := g.choice(named)
		if len(c.AnyOf) > 0 {
			named = append(named, c.AnyOf...)
			needs = append(needs, c)
		}
	}
	en, ko := g.requirementText(st, kind, needs)
	r := kb.Requirement{
		Slug: slug, Stage: st.Slug, Kind: kind,
		Text:  kb.Texts{EN: en, KO: ko},
		Needs: needs,
		Source: kb.Source{Document: Document, Section: st.heading + " › " + kindHeading[kind],
			Line: g.line, Quote: ko},
	}
	st.reqs = append(st.reqs, &r)
	return r
}

// choice picks the skills of one choice, none of them in taken: a popular
// skill and alternatives of its category ("Python, Java or Scala"), or,
// for a group skill, skills narrower than it with "such as". It returns
// an empty choice when every skill it tried was taken.
func (g *generator) choice(taken []string) kb.Choice {
	size := 1 + g.weighted(choiceSizes)
	topic := g.popular(g.skillsByPopularity)
	var c kb.Choice
	pool := g.byCategory[topic.Category]
	if len(topic.narrower) > 0 && g.chance(0.4) {
		c.SuchAs = topic.Slug
		pool = topic.narrower
	} else if !slices.Contains(taken, topic.Slug) {
		c.AnyOf = append(c.AnyOf, topic.Slug)
	}
	for tries := 0; len(c.AnyOf) < size && tries < 4*size; tries++ {
		s := g.popular(pool)
		if s.Slug != c.SuchAs && !slices.Contains(c.AnyOf, s.Slug) && !slices.Contains(taken, s.Slug) {
			c.AnyOf = append(c.AnyOf, s.Slug)
		}
	}
	if len(c.AnyOf) == 0 {
		return kb.Choice{}
	}
	return c
}

func (g *generator) names(slugs []string, lang kb.Lang) []string {
	out := make([]string, len(slugs))
	for i, s := range slugs {
		out[i] = g.bySlug[s].Name.Exact(lang)
	}
	return out
}

// phrase renders a choice: "Kafka", "one of Python, Java or Scala", "a
// stream processor such as Flink or Spark Streams".
func (g *generator) phrase(c kb.Choice, lang kb.Lang) string {
	names := g.names(c.AnyOf, lang)
	if lang == kb.Korean {
		switch {
		case c.SuchAs != "":
			return g.bySlug[c.SuchAs].Name.Exact(kb.Korean) + "(" + strings.Join(names, ", ") + " 등)"
		case len(names) > 1:
			return strings.Join(names, "/") + " 중 하나 이상"
		}
		return names[0]
	}
	list := names[0]
	if len(names) > 1 {
		list = strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
	}
	switch {
	case c.SuchAs != "":
		return g.bySlug[c.SuchAs].Name.Exact(kb.English) + " (such as " + list + ")"
	case len(names) > 1:
		return "at least one of " + list
	}
	return list
}

func (g *generator) requirementText(st *genStage, kind kb.RequirementKind, needs []kb.Choice) (en, ko string) {
	var ens, kos []string
	for _, c := range needs {
		ens = append(ens, g.phrase(c, kb.English))
		kos = append(kos, g.phrase(c, kb.Korean))
	}
	p, pk := strings.Join(ens, " and "), strings.Join(kos, ", 그리고 ")
	tail := tails[g.r.IntN(len(tails))]
	withTail := g.chance(0.6)
	switch kind {
	case kb.Responsibility:
		if g.chance(0.5) {
			en = fmt.Sprintf("Build and operate the %s service's data platform on %s", strings.ToLower(st.industry.en), p)
			ko = fmt.Sprintf("%s%s %s 서비스의 데이터 플랫폼 구축 및 운영", pk, josa(pk, "으로", "로"), st.industry.ko)
		} else {
			en = fmt.Sprintf("Design and improve pipelines that use %s", p)
			ko = fmt.Sprintf("%s%s 사용하는 파이프라인 설계 및 개선", pk, josa(pk, "을", "를"))
		}
	case kb.Required:
		years := 2 + g.r.IntN(6)
		if g.chance(0.5) {
			en = fmt.Sprintf("%d+ years of hands-on experience with %s", years, p)
			ko = fmt.Sprintf("%s 실무 경험 %d년 이상이신 분", pk, years)
		} else {
			en = fmt.Sprintf("Proficient in %s", p)
			ko = fmt.Sprintf("%s에 능숙하신 분", pk)
		}
	default:
		en = fmt.Sprintf("Experience with %s is a plus", p)
		ko = fmt.Sprintf("%s 사용 경험이 있으신 분 우대", pk)
	}
	if withTail {
		en += ", " + tail.en
		ko = tail.ko + " " + ko
	}
	return en, ko
}

var traitKindHeading = map[kb.TraitKind]string{kb.PostingSignal: "채용 공고에서 나타나는 특징", kb.WorkReality: "실제 업무에서 나타날 특징"}

// stageTraits writes n traits of a stage: each reads one to four of the
// stage's requirements, may emphasize skills they name and, now and then,
// widens a requirement of several choices so one strength is enough.
func (g *generator) stageTraits(st *genStage, n int) {
	kinds := make([]kb.TraitKind, n)
	for i := range kinds {
		kinds[i] = kb.TraitKinds[g.r.IntN(2)]
	}
	slices.SortStableFunc(kinds, func(a, b kb.TraitKind) int { return strings.Compare(string(a), string(b)) })
	for i, kind := range kinds {
		if i > 0 && kinds[i-1] != kind {
			g.line += 2
		}
		g.line++
		t := kb.Trait{Slug: fmt.Sprintf("%s-%s-%d", st.Slug, map[kb.TraitKind]string{kb.PostingSignal: "signal", kb.WorkReality: "reality"}[kind], i+1),
			Stage: st.Slug, Kind: kind}
		var named []string
		if len(st.reqs) > 0 {
			for _, r := range g.sample(st.reqs, 1+g.r.IntN(4)) {
				t.Evidence = append(t.Evidence, r.Slug)
				for _, c := range r.Needs {
					named = append(named, c.AnyOf...)
				}
				if len(r.Needs) >= 2 && len(t.Widens) == 0 && g.chance(0.1) {
					var merge []string
					for _, c := range r.Needs {
						merge = append(merge, c.AnyOf[g.r.IntN(len(c.AnyOf))])
					}
					t.Widens = append(t.Widens, kb.Widening{Requirement: r.Slug, Merge: merge})
				}
			}
		}
		emphasis := 0
		if kind == kb.PostingSignal {
			emphasis = g.r.IntN(5)
		} else if g.chance(0.3) {
			emphasis = 1
		}
		for range emphasis {
			if len(named) == 0 {
				break
			}
			s := named[g.r.IntN(len(named))]
			if !slices.Contains(t.Emphasizes, s) {
				t.Emphasizes = append(t.Emphasizes, s)
			}
		}
		about := t.Emphasizes
		if len(about) == 0 && len(named) > 0 {
			about = named[:1]
		}
		t.Statement = g.statement(kind, about)
		for range g.r.IntN(4) {
			im := implications[g.r.IntN(len(implications))]
			t.Implications = append(t.Implications, kb.Texts{EN: im.en, KO: im.ko})
		}
		quote := t.Statement.Exact(kb.Korean)
		for _, im := range t.Implications {
			quote += " -> " + im.Exact(kb.Korean)
		}
		t.Source = kb.Source{Document: Document, Section: st.heading + " › " + traitKindHeading[kind], Line: g.line, Quote: quote}
		g.ds.Traits = append(g.ds.Traits, t)
	}
}

// sample picks up to n distinct requirements of list, in random order.
func (g *generator) sample(list []*kb.Requirement, n int) []*kb.Requirement {
	n = min(n, len(list))
	out := make([]*kb.Requirement, 0, n)
	for len(out) < n {
		if r := list[g.r.IntN(len(list))]; !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	return out
}

func (g *generator) statement(kind kb.TraitKind, about []string) kb.Texts {
	en, ko := "the team's stack", "팀의 기술 스택"
	if len(about) > 0 {
		ens, kos := g.names(about, kb.English), g.names(about, kb.Korean)
		en, ko = strings.Join(ens, ", "), strings.Join(kos, ", ")
	}
	var e, k string
	switch v := g.r.IntN(3); {
	case kind == kb.PostingSignal && v == 0:
		e, k = "The posting names "+en+" explicitly", "공고에 "+ko+josa(ko, "을", "를")+" 명시함"
	case kind == kb.PostingSignal && v == 1:
		e, k = "Many stacks are listed under preferred qualifications, "+en+" among them", "우대사항 항목에 "+ko+" 등 기술스택이 많이 적혀있다"
	case kind == kb.PostingSignal:
		e, k = "The required qualifications stress "+en+" over any particular tool", "자격요건에서 특정 도구보다 "+ko+josa(ko, "을", "를")+" 강조함"
	case v == 0:
		e, k = "Much of the work will be operating "+en+" stably", ko+josa(ko, "을", "를")+" 안정적으로 운영하는 일이 많을 것이다"
	case v == 1:
		e, k = "The focus will be on building with "+en+" rather than tuning it", ko+"의 성능 개선보다는 구축에 관심이 많을 것이다"
	default:
		e, k = "You will often help colleagues who use "+en, ko+josa(ko, "을", "를")+" 쓰는 동료들을 자주 돕게 될 것이다"
	}
	return kb.Texts{EN: e, KO: k}
}

// josa picks the form of a Korean particle that fits the word before it:
// withFinal after a syllable that ends in a consonant (batchim), else
// without. A word ending in anything but Hangul (a digit, a parenthesis)
// takes withFinal, as most such readings do.
func josa(word, withFinal, without string) string {
	r := []rune(word)
	if len(r) == 0 {
		return withFinal
	}
	last := r[len(r)-1]
	if last < 0xAC00 || last > 0xD7A3 {
		return withFinal
	}
	switch final := (last - 0xAC00) % 28; {
	case final == 0, final == 8 && withFinal == "으로": // no final consonant; ㄹ takes 로
		return without
	}
	return withFinal
}
