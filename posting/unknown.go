package posting

import (
	"slices"
	"strings"
	"unicode"
)

// unknownTerms lists the words of the posting's requirement sections (and
// of its tech-stack sections) that look like technologies but name no
// skill: camel case (ClickHouse), capitals (CDC), letters with digits
// (GA4), dots, plus or sharp inside (Node.js), or any Latin word in a
// Korean line, which Korean postings write only for names. Common English
// words and job words never count. Each is listed once, as first written,
// and every place it is written is a span.
func unknownTerms(f *folded, an *Analysis, mentions []Mention) ([]string, []Span) {
	covered := make([]bool, len(f.runes))
	for _, m := range mentions {
		for i := m.start; i < m.end; i++ {
			covered[i] = true
		}
	}
	var out []string
	var spans []Span
	seen := map[string]bool{}
	for _, s := range an.Sections {
		if !s.Kind.IsRequirement() && !isStackHeading(s.Heading.Text) {
			continue
		}
		for _, it := range s.Items {
			korean := slices.ContainsFunc(f.runes[it.start:it.end], isHangul)
			for _, w := range latinWords(f, it.start, it.end) {
				if covered[w.start] || !looksTechnical(f, w, korean) {
					continue
				}
				text := string(f.runes[w.start:w.end])
				spans = append(spans, f.span(w.start, w.end))
				if key := strings.ToLower(text); !seen[key] {
					seen[key] = true
					out = append(out, text)
				}
			}
		}
	}
	return out, spans
}

func isStackHeading(h string) bool {
	k := squash(h)
	for _, p := range []string{"기술스택", "기술스텍", "사용기술", "개발환경", "techstack", "ourstack", "stack", "tools"} {
		if strings.Contains(k, p) {
			return true
		}
	}
	return false
}

// latinWords lists the runs of Latin letters, digits and . + # - inside
// [start, end), trimmed of trailing punctuation.
func latinWords(f *folded, start, end int) []span {
	var out []span
	i := start
	for i < end {
		if !isLatin(f.runes[i]) {
			i++
			continue
		}
		j := i
		for j < end && (isLatin(f.runes[j]) || unicode.IsDigit(f.runes[j]) || strings.ContainsRune(".+#-_", f.runes[j])) {
			j++
		}
		k := j
		for k > i && strings.ContainsRune(".-_", f.runes[k-1]) {
			k--
		}
		if i == start || !isLatin(f.runes[i-1]) {
			out = append(out, span{i, k})
		}
		i = j
	}
	return out
}

// looksTechnical reports whether a Latin word reads as a technology's
// name.
func looksTechnical(f *folded, w span, korean bool) bool {
	rs := f.runes[w.start:w.end]
	word := strings.ToLower(string(rs))
	if len(rs) < 2 || commonWords[word] || commonWords[strings.TrimSuffix(word, "s")] {
		return false
	}
	upper, lowerThenUpper, digit, inner := 0, false, false, false
	for i, r := range rs {
		switch {
		case unicode.IsUpper(r):
			upper++
			if i > 0 && unicode.IsLower(rs[i-1]) {
				lowerThenUpper = true
			}
		case unicode.IsDigit(r):
			digit = true
		case i > 0 && i < len(rs)-1 && strings.ContainsRune(".+#", r):
			inner = true
		}
	}
	switch {
	case lowerThenUpper, inner, digit && upper > 0:
		return true
	case upper == len(rs) && len(rs) <= 8:
		return true
	case korean && upper > 0:
		return true
	}
	return false
}

// commonWords are words of postings that are never a technology: English
// words postings capitalise, job and company words, and stack-shaped
// abbreviations of non-technologies.
var commonWords = set(strings.Fields(`
	a an the and or of to in on for with at by from as is are be we you your our will who that this these those have has
	it its into over under up out not no yes all any some each every more most less new old own same other such only also
	experience experienced years year strong ability knowledge skills skill understanding working work using use etc
	including like plus nice least one two three good great excellent familiarity proficiency solid deep hands
	data engineer engineering engineers developer development team teams company role position job career candidate
	manager lead senior junior staff principal head director intern internship contract full time part remote hybrid office
	about join us our they them their what why how when where which while if then than so but because
	mon tue wed thu fri sat sun jan feb mar apr may jun jul aug sep oct nov dec
	ceo cto cfo coo cpo vp hr pm po pd ux ui qa okr kpi kpis b2b b2c b2g saas paas iaas it ai ml bi oo er
	usa us uk eu eeo eoe pto ok etc e.g i.e vs via per
	ios aos apac emea na latam kr jp
	experience-based long-term short-term end-to-end e2e
`))
