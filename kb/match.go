package kb

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Match is how a skill someone has meets one choice of a requirement: the
// skill the choice names (or its such-as group) that it counts as, and the
// broader links it goes up to get there. Only broader links meet a choice:
// a related skill never does.
type Match struct {
	Requirement *Requirement
	Choice      int      // the index of the choice in the requirement's effective (widened) needs
	Skill       *Skill   // the skill someone has
	CountsAs    *Skill   // the skill of the choice it counts as
	Path        []*Skill // Skill, then each broader skill up to CountsAs; just Skill when the choice names it
	SuchAs      bool     // CountsAs is the group of the choice's "such as" (등)
	WidenedBy   *Trait   // the trait that merged the choice, when it did
}

// Direct reports whether the choice names the skill itself.
func (m Match) Direct() bool { return len(m.Path) == 1 && !m.SuchAs }

// appendMatches appends how each of have meets the effective choices of r:
// one match per skill and choice it meets.
func (g *Graph) appendMatches(out []Match, r *Requirement, have []*Skill) []Match {
	needs := g.needs[g.reqIndex[r.Slug]]
	for i := range needs {
		c := &needs[i]
		for _, s := range have {
			if !c.meetsSkill(int32(g.skillOrder[s.Slug])) {
				continue
			}
			path, suchAs := g.pathToChoice(s, c)
			if len(path) == 0 {
				continue // not expected: a skill that meets a choice reaches a root of it
			}
			out = append(out, Match{Requirement: r, Choice: i, Skill: s, CountsAs: path[len(path)-1], Path: path,
				SuchAs: suchAs, WidenedBy: c.WidenedBy})
		}
	}
	return out
}

// pathToChoice finds the shortest way up the broader links from s to a root
// of c: a skill it names, else its such-as group. suchAs tells which.
func (g *Graph) pathToChoice(s *Skill, c *EffectiveChoice) (path []*Skill, suchAs bool) {
	if p := g.pathUp(s, func(t *Skill) bool { return slices.Contains(c.Named, t) }); p != nil {
		return p, false
	}
	if c.SuchAs != nil {
		return g.pathUp(s, func(t *Skill) bool { return t == c.SuchAs }), true
	}
	return nil, false
}

// pathUp is a breadth-first search up the broader links from s to the first
// skill that is a goal: the path from s to it, or nil. Broader links have no
// cycles, but a skill can be reached twice; each is visited once.
func (g *Graph) pathUp(s *Skill, goal func(*Skill) bool) []*Skill {
	prev := map[*Skill]*Skill{s: nil}
	queue := []*Skill{s}
	for len(queue) > 0 {
		at := queue[0]
		queue = queue[1:]
		if goal(at) {
			var path []*Skill
			for n := at; n != nil; n = prev[n] {
				path = append(path, n)
			}
			slices.Reverse(path)
			return path
		}
		for _, b := range at.Broader {
			up := g.skillBySlug[b]
			if _, seen := prev[up]; up != nil && !seen {
				prev[up] = at
				queue = append(queue, up)
			}
		}
	}
	return nil
}

// Why explains the match in lang (Korean, or English for any other), citing
// the requirement's line and naming every broader link it relies on:
// "Required, line 43: “…”: Airflow counts as Data pipelines: it is a kind
// or part of Workflow orchestration, which is a kind or part of Data
// pipelines".
func (m Match) Why(lang Lang) string {
	if lang != Korean {
		lang = English
	}
	r := m.Requirement
	name := func(s *Skill) string { return s.Name.Get(lang) }
	if lang == Korean {
		head := fmt.Sprintf("%s %d행: “%s”", kindLabel(r.Kind, Korean), r.Source.Line, Shorten(r.Text.Get(Korean), 40))
		var how string
		switch {
		case len(m.Path) == 1:
			how = fmt.Sprintf("%s%s 직접 요구함", name(m.Skill), josa(name(m.Skill), "을", "를"))
		default:
			names := make([]string, len(m.Path))
			for i, s := range m.Path {
				names[i] = name(s)
			}
			how = fmt.Sprintf("%s%s %s%s 인정됨: %s (각각 다음 것의 한 종류 또는 일부)",
				name(m.Skill), josa(name(m.Skill), "은", "는"), name(m.CountsAs), josa(name(m.CountsAs), "으로", "로"), strings.Join(names, " → "))
		}
		if m.SuchAs {
			how += " (‘등’이 연 범위)"
			if len(m.Path) == 1 {
				how = fmt.Sprintf("‘등’으로 %s%s 요구함", name(m.Skill), josa(name(m.Skill), "을", "를"))
			}
		}
		return head + ": " + how + widenNoteOf(m.WidenedBy, Korean)
	}
	head := fmt.Sprintf("%s, line %d: “%s”", kindLabel(r.Kind, English), r.Source.Line, Shorten(r.Text.Get(English), 60))
	var how string
	switch {
	case len(m.Path) == 1:
		how = fmt.Sprintf("names %s", name(m.Skill))
	case len(m.Path) == 2:
		how = fmt.Sprintf("%s counts as %s: it is a kind or part of it", name(m.Skill), name(m.CountsAs))
	default:
		links := make([]string, 0, len(m.Path)-2)
		for _, s := range m.Path[1 : len(m.Path)-1] {
			links = append(links, name(s))
		}
		how = fmt.Sprintf("%s counts as %s: it is a kind or part of %s, which is a kind or part of %s",
			name(m.Skill), name(m.CountsAs), strings.Join(links, ", which is a kind or part of "), name(m.CountsAs))
	}
	if m.SuchAs {
		how += " (the posting's “such as” opens the choice to it)"
		if len(m.Path) == 1 {
			how = fmt.Sprintf("names %s, the group of its “such as”", name(m.Skill))
		}
	}
	return head + ": " + how + widenNoteOf(m.WidenedBy, English)
}

// widenNoteOf is widenNote for the trait that widened a choice, if any.
func widenNoteOf(t *Trait, lang Lang) string {
	return widenNote(&EffectiveChoice{WidenedBy: t}, lang)
}

// josa picks the Korean particle that follows word: withBatchim after a
// word whose reading ends in a consonant, else without; "으로" becomes "로"
// after ㄹ too. A Latin name is read as Koreans say it: one ending in m, n,
// ng or l ends in a consonant (Python → 파이썬, SQL → 에스큐엘), others in a
// vowel (Spark → 스파크, Airflow → 에어플로우).
func josa(word, withBatchim, without string) string {
	final, rieul, ok := finalConsonant(strings.TrimRight(word, " )]}.,"))
	switch {
	case !ok:
		return withBatchim + "(" + without + ")"
	case !final, withBatchim == "으로" && rieul:
		return without
	}
	return withBatchim
}

// finalConsonant reports whether the reading of word ends in a consonant,
// and whether that consonant is ㄹ; ok is false when it cannot tell.
func finalConsonant(word string) (final, rieul, ok bool) {
	last, _ := utf8.DecodeLastRuneInString(word)
	switch {
	case last >= 0xAC00 && last <= 0xD7A3:
		jong := (last - 0xAC00) % 28
		return jong != 0, jong == 8, true
	case last >= '0' && last <= '9':
		// 영 일 이 삼 사 오 육 칠 팔 구
		return strings.ContainsRune("0136789", last), strings.ContainsRune("178", last), true
	case last < utf8.RuneSelf && unicode.IsLetter(last):
		l := unicode.ToLower(last)
		return l == 'm' || l == 'n' || l == 'l' || strings.HasSuffix(strings.ToLower(word), "ng"), l == 'l', true
	}
	return false, false, false
}

// CountsAs returns how experience with s counts as experience with target:
// s, each broader skill on the shortest way up, and target; just s when s
// is target; nil when s is not target or narrower than it.
func (g *Graph) CountsAs(s, target *Skill) []*Skill {
	if s == nil || target == nil {
		return nil
	}
	return g.pathUp(s, func(t *Skill) bool { return t == target })
}
