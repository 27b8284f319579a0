package posting

import (
	"slices"
	"strings"

	"skillgraph/kb"
)

// choice is one thing an item needs, met by any one of its skills, as in
// the article ("Python/Java/Scala/Kotlin/Go 등" is one choice).
type choice []*kb.Skill

// choicesOf groups an item's mentions into choices. Names joined only by
// separators or "or" (Python, Java, Go · AWS 또는 GCP · 분산 시스템(Hadoop,
// Kafka 등)) are one choice: any of them will do. Names joined by "and"
// (Python과 SQL · Spark and Kafka) are a choice each, unless the item says
// "such as", "등", "중 하나", "one of" around them. Names apart in the
// sentence are separate choices.
func choicesOf(f *folded, mentions []Mention) []choice {
	var out []choice
	run := []Mention{mentions[0]}
	and, or := false, false
	flush := func() {
		if and && !or && !alternatives(f, run) {
			for _, m := range run {
				out = appendChoice(out, choice{m.Skill})
			}
		} else {
			var c choice
			for _, m := range run {
				if !slices.Contains(c, m.Skill) {
					c = append(c, m.Skill)
				}
			}
			out = appendChoice(out, c)
		}
	}
	for _, m := range mentions[1:] {
		prev := run[len(run)-1]
		if m.start < prev.end {
			run = append(run, m) // a technology inside a concept's name: SQL in "SQL 튜닝"
			continue
		}
		joinAnd, joinOr, ok := joiner(f.lower[prev.end:m.start])
		if !ok {
			flush()
			run, and, or = []Mention{m}, false, false
			continue
		}
		run = append(run, m)
		and, or = and || joinAnd, or || joinOr
	}
	flush()
	return out
}

// appendChoice appends c unless an equal choice is there already.
func appendChoice(out []choice, c choice) []choice {
	for _, o := range out {
		if slices.Equal(o, c) {
			return out
		}
	}
	return append(out, c)
}

// joiner reads the text between two names: whether it joins them in one
// list, and with "and" or with "or".
func joiner(between []rune) (and, or, ok bool) {
	if len(between) > 16 {
		return false, false, false
	}
	s := " " + string(between) + " "
	for _, w := range []string{" or ", "또는", "혹은", "이나 ", "나 ", " / "} {
		if strings.Contains(s, w) {
			or = true
			s = strings.ReplaceAll(s, w, " ")
		}
	}
	for _, w := range []string{" and ", " & ", "및", "그리고", "이랑 ", "랑 ", "와 ", "과 ", " plus "} {
		if strings.Contains(s, w) {
			and = true
			s = strings.ReplaceAll(s, w, " ")
		}
	}
	for _, r := range s {
		if !strings.ContainsRune(" ,/·、|()[]{}+:;", r) {
			return false, false, false
		}
	}
	return and, or, true
}

// alternatives reports whether the item presents a run of names as
// examples or alternatives: "such as A and B", "A와 B 등", "A, B 중 하나".
func alternatives(f *folded, run []Mention) bool {
	before := string(f.lower[max(0, run[0].start-12):run[0].start])
	after := string(f.lower[run[len(run)-1].end:min(len(f.lower), run[len(run)-1].end+12)])
	for _, w := range []string{"such as", "e.g", "like", "including", "one of", "any of", "either"} {
		if strings.Contains(before, w) {
			return true
		}
	}
	for _, w := range []string{"등", "중", "같은", "하나", "etc", "or similar", "or equivalent", "or other"} {
		if strings.Contains(after, w) {
			return true
		}
	}
	return false
}
