package posting

import (
	"slices"
	"strings"
	"unicode"

	"skillgraph/kb"
)

// Mention is a place where a posting names a skill.
type Mention struct {
	Skill *kb.Skill
	Span  Span
	start int // folded positions of the name
	end   int
}

// matcher finds the vocabulary's names and aliases in free text. It is
// built once per graph: every name folded as the text is, bucketed by its
// first rune, longest first, so the longest name at a place wins (Spark
// Streaming over Spark, JavaScript over Java).
type matcher struct {
	buckets map[rune][]*entry
}

// entry is one name of a skill as the matcher compares it.
type entry struct {
	key       []rune // letters, digits, + and #, folded and lower case: what must appear
	exact     []rune // the same runes in the case written, for names matched by case
	skill     *kb.Skill
	byCase    bool // matched only in the case written: an ambiguous name, or one of one or two Latin letters
	ambiguous bool // an ordinary word too: counted only in context
	latinEnd  bool // ends in a Latin letter or digit
	hangulEnd bool // ends in Hangul: what may follow it is a particle
}

func newMatcher(g *kb.Graph) *matcher {
	m := &matcher{buckets: map[rune][]*entry{}}
	seen := map[string]bool{}
	for _, s := range g.Skills() {
		names := slices.Clone(s.Aliases)
		for _, l := range []kb.Lang{kb.Korean, kb.English, kb.Japanese} {
			if n := s.Name.Exact(l); n != "" {
				names = append(names, n)
			}
		}
		for _, name := range names {
			e := newEntry(s, name)
			if e == nil || seen[string(e.exact)+"\x00"+s.Slug] {
				continue
			}
			seen[string(e.exact)+"\x00"+s.Slug] = true
			m.buckets[e.key[0]] = append(m.buckets[e.key[0]], e)
		}
	}
	for _, b := range m.buckets {
		slices.SortStableFunc(b, func(x, y *entry) int { return len(y.key) - len(x.key) })
	}
	return m
}

func newEntry(s *kb.Skill, name string) *entry {
	f := foldText(name)
	e := &entry{skill: s, ambiguous: s.IsAmbiguous(name)}
	latin := 0
	for i, r := range f.runes {
		if isKeyRune(r) {
			e.key = append(e.key, f.lower[i])
			e.exact = append(e.exact, r)
			if isLatin(r) {
				latin++
			}
		}
	}
	if len(e.key) == 0 {
		return nil
	}
	last := e.exact[len(e.exact)-1]
	e.latinEnd = isLatin(last) || unicode.IsDigit(last)
	e.hangulEnd = isHangul(last)
	e.byCase = e.ambiguous || (latin == len(e.key) && latin <= 2)
	return e
}

// isKeyRune reports whether r is part of what a name must show: letters,
// digits, + and # (C++, C#). The rest (spaces, hyphens, dots, slashes) may
// be written or left out: "Big Query", "CI/CD", "Node.js".
func isKeyRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '+' || r == '#' }

// isSkippable reports whether r may stand between the runes of a name:
// one space, hyphen, underscore, dot or slash.
func isSkippable(r rune) bool { return r == ' ' || r == '-' || r == '_' || r == '.' || r == '/' }

func isLatin(r rune) bool { return r < 0x250 && unicode.IsLetter(r) }

func isHangul(r rune) bool { return unicode.Is(unicode.Hangul, r) }

// find returns every skill mention of the text: the longest name at each
// place, at a word's start and end, in the case written where that
// matters, ambiguous names only in context. Inside a concept's name, the
// technologies it names count too: "SQL 튜닝" is query optimization and SQL.
func (m *matcher) find(f *folded) []Mention {
	var found []candidate
	for i := 0; i < len(f.runes); {
		if c, ok := m.longestAt(f, i, len(f.runes), false); ok {
			found = append(found, c)
			if c.e.skill.Kind == kb.Concept {
				found = append(found, m.within(f, c)...)
			}
			i = c.end
			continue
		}
		i++
	}
	var out []Mention
	for k, c := range found {
		if c.e.ambiguous && !inContext(f, found, k) {
			continue
		}
		out = append(out, Mention{Skill: c.e.skill, Span: f.span(c.start, c.end), start: c.start, end: c.end})
	}
	return out
}

// within finds the technologies named inside a concept's mention.
func (m *matcher) within(f *folded, c candidate) []candidate {
	var out []candidate
	for i := c.start; i < c.end; {
		if t, ok := m.longestAt(f, i, c.end, true); ok && (t.start != c.start || t.end != c.end) {
			out = append(out, t)
			i = t.end
			continue
		}
		i++
	}
	return out
}

type candidate struct {
	e          *entry
	start, end int
}

// longestAt returns the longest name that starts a word at i and ends by
// limit; of technologies only, when techOnly.
func (m *matcher) longestAt(f *folded, i, limit int, techOnly bool) (candidate, bool) {
	r := f.lower[i]
	if !isKeyRune(r) || !startsWord(f, i) {
		return candidate{}, false
	}
	for _, e := range m.buckets[r] {
		if techOnly && e.skill.Kind != kb.Technology {
			continue
		}
		if end, ok := e.matchAt(f, i); ok && end <= limit && endsWord(f, e, end) {
			return candidate{e, i, end}, true
		}
	}
	return candidate{}, false
}

// matchAt reports whether e's name is written at i, and where it ends.
func (e *entry) matchAt(f *folded, i int) (int, bool) {
	text, want := f.lower, e.key
	if e.byCase {
		text, want = f.runes, e.exact
	}
	j := i
	for k, r := range want {
		if k > 0 && j < len(text) && text[j] != r && isSkippable(f.runes[j]) {
			j++ // "Big Query", "CI/CD"
		}
		if j >= len(text) || text[j] != r {
			return 0, false
		}
		j++
	}
	return j, true
}

// startsWord reports whether a name may start at i: a Latin name not right
// after a Latin letter or digit, a Korean one not right after Hangul.
func startsWord(f *folded, i int) bool {
	if i == 0 {
		return true
	}
	prev, r := f.runes[i-1], f.runes[i]
	switch {
	case isHangul(r):
		return !isHangul(prev)
	case isLatin(r) || unicode.IsDigit(r):
		return !isLatin(prev) && !unicode.IsDigit(prev)
	}
	return !unicode.IsLetter(prev) && !unicode.IsDigit(prev)
}

// endsWord reports whether a name may end at j: after a Latin name, no
// Latin letter, digit, + or # (Java is not JavaScript, C is not C++; Korean
// particles may follow: Kafka와, Spark기반); after a Korean one, Hangul only
// when it is a particle or a noun postings attach (쿠버네티스를, 하둡 기반).
func endsWord(f *folded, e *entry, j int) bool {
	if j == len(f.runes) {
		return true
	}
	next := f.runes[j]
	switch {
	case e.latinEnd:
		return !isLatin(next) && !unicode.IsDigit(next) && next != '+' && next != '#'
	case e.hangulEnd && isHangul(next):
		// A one-syllable name (고 for Go) is a syllable of too many words
		// to take anything attached.
		return len(e.key) > 1 && attachesTo(f.runes[j:])
	}
	return true
}

// suffixes are what Korean postings attach to a name: particles, and the
// nouns that follow a technology without a space.
var suffixes = func() []string {
	s := strings.Fields(`을 를 이 가 은 는 와 과 로 으로 의 에 에서 에게 도 만 까지 부터 랑 이랑 나 이나 이라 라 등 및 처럼 같은
		이며 이고 이면 으로도 로도 에서도 에는 으로는 로는 과의 와의 에서의 으로의 로의 기반 기반의 활용 경험 환경 개발 운영 구축 관련 사용
		엔지니어 엔지니어링 클러스터 플랫폼 파이프라인 서버 서비스 데이터 쿼리 스크립트 프로그래밍 언어 도입 설계 튜닝 모니터링`)
	slices.SortFunc(s, func(a, b string) int { return len(b) - len(a) })
	return s
}()

func attachesTo(rest []rune) bool {
	s := string(rest[:min(len(rest), 8)])
	for _, suf := range suffixes {
		if strings.HasPrefix(s, suf) {
			return true
		}
	}
	return false
}

// contextWords tell that an ambiguous name right before them is meant as a
// technology: "Go 언어", "R language".
var contextWords = []string{"언어", "language", "lang", "programming", "프로그래밍", "개발", "script", "스크립트"}

// inContext reports whether the ambiguous candidate found[k] is meant as
// the skill. Never when it is joined to a word ("R&D", "go-to-market").
// Yes when a Korean particle is attached (Go로), a context word follows
// (Go 언어), or it stands in a list with another name of its line
// ("Python, Go, Java", "Hive or Presto"; a Korean word such as 클릭 or 노드
// only beside a technology that is no word). A name of one or two letters,
// or in Hangul, needs one of those. A longer Latin name also counts in a Korean line, where
// Latin words are names, and capitalised as its vendor writes it inside an
// English sentence (we use Snowflake), where it is a proper noun.
func inContext(f *folded, found []candidate, k int) bool {
	c := found[k]
	var next rune
	if c.end < len(f.runes) {
		next = f.runes[c.end]
	}
	switch {
	case next == '&' || next == '\'' || next == '’' || (next == '-' && c.end+1 < len(f.runes) && unicode.IsLetter(f.runes[c.end+1])):
		return false
	case c.e.latinEnd && isHangul(next):
		return true
	}
	after := strings.TrimLeft(string(f.lower[c.end:min(len(f.lower), c.end+16)]), " ")
	for _, w := range contextWords {
		if strings.HasPrefix(after, w) {
			return true
		}
	}
	korean := !isLatin(c.e.exact[0])
	for _, o := range []int{k - 1, k + 1} {
		if o < 0 || o >= len(found) {
			continue
		}
		if n := found[o].e; korean && (n.ambiguous || n.skill.Kind != kb.Technology) {
			continue // a Korean word (클릭, 노드) needs a technology beside it
		}
		lo, hi := found[o].end, c.start
		if o > k {
			lo, hi = c.end, found[o].start
		}
		if lo <= hi && listed(f.lower[lo:hi]) {
			return true
		}
	}
	if len(c.e.key) <= 2 || korean {
		return false
	}
	lineStart, lineEnd := c.start, c.end
	for lineStart > 0 && f.runes[lineStart-1] != '\n' {
		lineStart--
	}
	for lineEnd < len(f.runes) && f.runes[lineEnd] != '\n' {
		lineEnd++
	}
	if slices.ContainsFunc(f.runes[lineStart:lineEnd], isHangul) {
		return true
	}
	return hasUpper(c.e.exact) && !sentenceStart(f, lineStart, c.start) && !verbPhrase(after)
}

func hasUpper(rs []rune) bool { return slices.ContainsFunc(rs, unicode.IsUpper) }

// sentenceStart reports whether position i begins a sentence inside its
// line: after ". ", "! " or "? ".
func sentenceStart(f *folded, lineStart, i int) bool {
	j := i
	for j > lineStart && isSpace(f.runes[j-1]) {
		j--
	}
	return j > lineStart && j < i && strings.ContainsRune(".!?", f.runes[j-1])
}

// verbPhrase reports whether the words after a name make it an English verb
// or noun phrase rather than a product: "Go to market", "Spark the change".
func verbPhrase(after string) bool {
	for _, w := range []string{"to ", "beyond", "ahead", "forward", "the ", "a ", "an ", "your ", "our ", "with us", "for it"} {
		if strings.HasPrefix(after, w) {
			return true
		}
	}
	return false
}

// listed reports whether the text between two names joins them in a list:
// separators and conjunctions only, on one line.
func listed(between []rune) bool {
	if len(between) > 12 {
		return false
	}
	s := string(between)
	for _, w := range []string{" and ", " or ", "및", "또는", "혹은", "그리고", "이나", "나 ", "와 ", "과 "} {
		s = strings.ReplaceAll(s, w, ",")
	}
	for _, r := range s {
		if !strings.ContainsRune(" ,/·、|&()[]+", r) {
			return false
		}
	}
	return true
}
