package posting

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind is the kind of a posting's section: what its items are.
type Kind string

const (
	Responsibility Kind = "RESPONSIBILITY" // what the hire will do
	Required       Kind = "REQUIRED"       // qualifications the posting requires
	Preferred      Kind = "PREFERRED"      // qualifications it prefers
	Other          Kind = "OTHER"          // company, team, benefits, process, conditions, tech stack: never a requirement
)

// IsRequirement reports whether items of the kind are requirements.
func (k Kind) IsRequirement() bool { return k == Responsibility || k == Required || k == Preferred }

// ruleName is the kind as seed rules name it ("required").
func (k Kind) ruleName() string { return strings.ToLower(string(k)) }

// Section is a heading and the items under it. The text before the first
// heading, when there is any, is an OTHER section with an empty heading.
type Section struct {
	Kind    Kind
	Heading Span
	Items   []*Item
	lines   []lineSpan // the items' folded positions
}

// lineSpan is a run [start, end) of folded positions.
type lineSpan struct{ start, end int }

// headings are the phrases section headings are made of, by kind, folded to
// lower case without spaces. They are tried in this order, so the more
// specific kind wins: "우대 요건" is preferred, not required.
var headings = []struct {
	kind    Kind
	phrases []string
}{
	{Other, []string{
		// What a heading that merely mentions a requirement word is about.
		"맞지않을수있", "잘맞지않", "이런분은지원하지", "지원하지마", "notafit", "notforyou",
		"전형", "채용절차", "채용과정", "채용프로세스", "지원방법", "제출서류", "접수", "마감", "hiringprocess",
		"interviewprocess", "ourprocess", "howtoapply", "applicationprocess", "nextsteps", "recruitmentprocess", "howwehire",
		"interviewsteps", "theopportunity", "포지션상세", "whatweoffer", "whyyoulllove", "모집부문", "모집분야", "모집요강", "채용정보", "근무정보",
		"유의사항", "복리후생",
	}},
	{Preferred, []string{
		"우대", "더좋아", "더좋습니다", "더좋겠", "있으면좋", "있으면더", "더반가", "면좋아요", "면좋습니다", "가산점", "플러스", "우대조건", "이런분이면더",
		"preferred", "nicetohave", "nicetohaves", "niceto", "nice", "bonus", "pluses", "plus", "extracredit", "goodtohave",
		"desired", "evenbetter", "standout", "wouldbegreat", "wouldbeaplus", "isaplus", "wedloveit", "extrapoints", "browniepoints", "가점",
	}},
	{Required, []string{
		"자격요건", "자격요구", "지원자격", "필수요건", "필수사항", "필수역량", "필수조건", "자격조건", "자격사항", "필요역량", "필요경험",
		"필요기술", "요구사항", "요구역량", "요구경험", "이런분을찾", "이런분과함께", "이런분이필요", "이런분이면좋", "이런분이면", "찾고있는분", "찾는분", "함께하고싶",
		"필요한역량", "필요한경험", "역량이필요", "지원요건", "기본자격", "필수자격", "지원조건", "필요스킬", "찾는사람", "찾고있어요",
		"찾고있습니다", "오셨으면", "이런분을원", "이런분께", "원하는인재", "인재상",
		"requirements", "requirement", "qualifications", "qualification", "musthave", "musthaves", "mustknow",
		"whatwerelookingfor", "whatwearelookingfor", "lookingfor", "whatyoullbring", "whatyouwillbring", "whatyoubring",
		"whoyouare", "aboutyou", "youhave", "youshouldhave", "youshould", "shouldhave", "youllhave", "skillsandexperience", "skillsexperience", "requiredskills",
		"whatyouneed", "whatittakes", "youmightbe", "idealcandidate", "basicqualifications", "minimumqualifications",
		"whatweneed", "youllneed", "requiredexperience", "experienceandskills", "experienceskills", "skillsrequired",
		"yourskills", "skills", "experience", "whoweneed", "whoyoullbe",
	}},
	{Responsibility, []string{
		"주요업무", "담당업무", "업무내용", "업무소개", "수행업무", "직무내용", "직무소개", "하는일", "하시는일", "하게될일", "하실일",
		"함께할업무", "이런일을", "이런업무", "주요역할", "맡게될", "맡으실", "업무범위", "포지션소개", "하고싶은일", "할일",
		"주요책임", "업무설명", "직무설명", "포지션설명", "담당하실", "하게될업무", "하실업무", "맡을업무", "상세업무", "업무상세",
		"직무상세", "담당역할", "역할", "jobdescription", "roledescription", "thework", "whatthisroleinvolves",
		"responsibilities", "responsibility", "whatyoulldo", "whatyouwilldo", "whatyoudo", "whatyoullbedoing",
		"whatyouwillbedoing", "yourrole", "theroleinvolves", "inthisrole", "daytoday", "keyresponsibilities", "duties",
		"yourmission", "whatyoullworkon", "whatyouwillworkon", "youwill", "youll", "yourimpact", "responsiblefor", "keyduties",
		"whatthejobinvolves", "roleandresponsibilities", "jobresponsibilities",
	}},
	{Other, []string{
		"회사소개", "팀소개", "기업소개", "서비스소개", "회사", "팀", "혜택", "복지", "근무조건", "근무환경", "근무지", "근무형태", "근무",
		"급여", "연봉", "처우", "기술스택", "기술스텍", "사용기술", "개발환경", "기타", "참고", "안내", "문의", "소개", "faq", "질문",
		"aboutus", "abouttheteam", "aboutthecompany", "aboutthe", "about", "whoweare", "ourteam", "theteam", "ourstack",
		"techstack", "technologystack", "ourtech", "benefits", "perks", "compensation", "salary", "pay", "location",
		"equalopportunity", "eeo", "diversity", "culture", "whyjoin", "whywork", "lifeat", "theroom", "therole", "aboutthisrole",
		"workinghere", "workenvironment", "logistics", "details", "other", "notes", "ourvalues", "mission", "vision",
	}},
}

// headingKind returns the kind of a heading's core text (folded, lower
// case), and whether it names one at all.
func headingKind(core string) (Kind, bool) {
	key := squash(core)
	if key == "" {
		return "", false
	}
	for _, h := range headings {
		for _, p := range h.phrases {
			if strings.Contains(key, p) {
				return h.kind, true
			}
		}
	}
	return "", false
}

// squash keeps the letters and digits of s, lower case.
func squash(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// line is one line of a posting, as the section reader sees it.
type line struct {
	start, end   int  // folded positions of the line, without its line break
	core         span // the line without markers, decoration, a bullet or a trailing colon
	bullet       bool // it starts with a list marker (-, *, •, 1., ①, …)
	decorated    bool // it is formatted as a heading: #, **bold**, [brackets], ■ ▶ and the like
	headingStyle bool // decorated in a way only headings are (#, **bold** alone, [brackets])
}

type span struct{ start, end int }

// readSections splits a posting into sections and their items. A line is a
// heading when it is formatted as one (a markdown heading, a bold line, a
// bracketed line, a line behind ■ ▶ ● …) or is a short plain line made of a
// heading phrase; its phrase decides its kind, and a formatted heading no
// phrase names is OTHER. "자격요건: Python 3년 이상" is a heading and an
// item. Every other non-blank line is an item of the section above it.
func readSections(f *folded, isSkillAt func(i int) bool) []*Section {
	var sections []*Section
	var cur *Section
	for _, ln := range splitLines(f) {
		if ln.core.start >= ln.core.end {
			continue
		}
		if kind, rest, ok := headingOf(f, ln, isSkillAt); ok {
			cur = &Section{Kind: kind, Heading: f.span(ln.core.start, headingEnd(f, ln, rest))}
			sections = append(sections, cur)
			if rest.start < rest.end {
				cur.lines = append(cur.lines, lineSpan{rest.start, rest.end})
			}
			continue
		}
		if cur == nil {
			cur = &Section{Kind: Other, Heading: Span{}}
			sections = append(sections, cur)
		}
		cur.lines = append(cur.lines, lineSpan{ln.core.start, ln.core.end})
	}
	for _, s := range sections {
		for _, l := range s.lines {
			s.Items = append(s.Items, &Item{Kind: s.Kind, Span: f.span(l.start, l.end), start: l.start, end: l.end})
		}
	}
	return sections
}

// headingEnd is where a heading's span ends: before the inline item that
// follows its colon, or at the end of its core.
func headingEnd(f *folded, ln line, rest span) int {
	if rest.start >= rest.end {
		return ln.core.end
	}
	end := rest.start
	for end > ln.core.start && (isSpace(f.runes[end-1]) || f.runes[end-1] == ':') {
		end--
	}
	return end
}

// maxHeadingRunes is the longest core a heading has: longer lines are
// sentences, whatever words they use.
const maxHeadingRunes = 40

// headingOf reports whether a line is a heading, its kind, and the inline
// item after "Heading:", if any.
func headingOf(f *folded, ln line, isSkillAt func(i int) bool) (Kind, span, bool) {
	core := string(f.lower[ln.core.start:ln.core.end])
	// "자격요건: Python 3년 이상", "Nice: AWS, dbt": a heading phrase, a
	// colon, then the first item.
	if i := strings.IndexAny(core, ":"); i > 0 {
		head := []rune(core[:i])
		if len(head) <= 20 {
			if kind, ok := headingKind(string(head)); ok {
				start := ln.core.start + len(head) + 1
				for start < ln.core.end && isSpace(f.runes[start]) {
					start++
				}
				if start < ln.core.end && !isSkillIn(isSkillAt, ln.core.start, ln.core.start+len(head)) {
					return kind, span{start, ln.core.end}, true
				}
			}
		}
	}
	n := ln.core.end - ln.core.start
	if n > maxHeadingRunes {
		return "", span{}, false
	}
	kind, named := headingKind(core)
	switch {
	case ln.headingStyle:
		if !named {
			kind = Other
		}
		return kind, span{}, true
	case !named || isSkillIn(isSkillAt, ln.core.start, ln.core.end):
		// A line that names a technology is an item: headings never do
		// (the tech-stack heading names none itself).
		return "", span{}, false
	case ln.decorated, !ln.bullet && !endsSentence(core):
		return kind, span{}, true
	case ln.bullet && numbered(f, ln) && n <= 20:
		return kind, span{}, true // "1. 주요업무"
	}
	return "", span{}, false
}

func isSkillIn(isSkillAt func(int) bool, start, end int) bool {
	for i := start; i < end; i++ {
		if isSkillAt(i) {
			return true
		}
	}
	return false
}

// endsSentence reports whether a line reads as a sentence, not a heading:
// it ends with a full stop or a Korean sentence ending.
func endsSentence(core string) bool {
	core = strings.TrimRightFunc(core, func(r rune) bool { return unicode.IsSpace(r) || r == '!' })
	for _, end := range []string{".", "。", "니다", "합니다", "습니다", "됩니다"} {
		if strings.HasSuffix(core, end) {
			return true
		}
	}
	return false
}

// numbered reports whether a bulleted line's marker is a number.
func numbered(f *folded, ln line) bool {
	r := f.runes[ln.start]
	for i := ln.start; i < ln.core.start && isSpace(r); i++ {
		r = f.runes[i]
	}
	return unicode.IsDigit(r) || (r >= '①' && r <= '⑳') || (r >= 'Ⅰ' && r <= 'Ⅻ')
}

// splitLines cuts the folded text into lines and finds each one's core.
func splitLines(f *folded) []line {
	var lines []line
	start := 0
	for i := 0; i <= len(f.runes); i++ {
		if i < len(f.runes) && f.runes[i] != '\n' {
			continue
		}
		lines = append(lines, parseLine(f, start, i))
		start = i + 1
	}
	return lines
}

// parseLine finds a line's core: it strips, from the start, spaces, a
// markdown heading's #s, quote marks, bullets, numbering and decorative
// symbols; from both ends, ** and __ and brackets around the whole line;
// from the end, a colon and trailing symbols.
func parseLine(f *folded, start, end int) line {
	ln := line{start: start, end: end}
	i, j := start, end
	trim := func() {
		for i < j && (isSpace(f.runes[i]) || isInvisible(f.runes[i])) {
			i++
		}
		for j > i && (isSpace(f.runes[j-1]) || isInvisible(f.runes[j-1])) {
			j--
		}
	}
	trim()
	if i < j && f.runes[i] == '#' {
		k := i
		for k < j && f.runes[k] == '#' {
			k++
		}
		if k == j || isSpace(f.runes[k]) || k-i <= 6 {
			ln.decorated, ln.headingStyle = true, true
			i = k
			trim()
		}
	}
	for round := 0; round < 4 && i < j; round++ {
		before := i
		for i < j && f.runes[i] == '>' { // a quote
			i++
		}
		trim()
		if n := bulletLen(f.runes[i:j]); n > 0 {
			ln.bullet = true
			i += n
			trim()
		}
		for i < j && isDecoration(f.runes[i]) {
			ln.decorated = true
			i++
			trim()
		}
		if i == before {
			break
		}
	}
	// **Heading**, __Heading__, [Heading], 【Heading】, <Heading>.
	for round := 0; round < 3 && j-i >= 2; round++ {
		if wrapped(f.runes[i:j], "**", "**") || wrapped(f.runes[i:j], "__", "__") {
			i, j = i+2, j-2
		} else if open, close := f.runes[i], f.runes[j-1]; closes(open) == close {
			i, j = i+1, j-1
		} else {
			break
		}
		if !ln.bullet {
			ln.decorated, ln.headingStyle = true, true
		} else {
			ln.decorated = true
		}
		trim()
	}
	for j > i && (f.runes[j-1] == ':' || isDecoration(f.runes[j-1]) || f.runes[j-1] == '*') {
		j--
		trim()
	}
	ln.core = span{i, j}
	return ln
}

// bulletLen returns the length of a list marker at the start of rs
// (followed by a space, for the ASCII ones), or 0.
func bulletLen(rs []rune) int {
	if len(rs) == 0 {
		return 0
	}
	switch r := rs[0]; {
	case strings.ContainsRune("•·∙◦‣▪▫⁃–—→⇒➔➜➤✓✔☑✅", r):
		return 1
	case strings.ContainsRune("-*+", r):
		if len(rs) > 1 && isSpace(rs[1]) {
			return 1
		}
		return 0
	case r >= '①' && r <= '⑳', r >= '⑴' && r <= '⒇', r >= '❶' && r <= '❿':
		return 1
	}
	// 1. 1) (1) a. 가.
	k := 0
	if rs[0] == '(' {
		k = 1
	}
	n := k
	for n < len(rs) && n-k < 3 && unicode.IsDigit(rs[n]) {
		n++
	}
	if n == k {
		if n < len(rs) && (isHangulSyllable(rs[n]) || (rs[n] >= 'a' && rs[n] <= 'z')) && n+1 < len(rs) && (rs[n+1] == '.' || rs[n+1] == ')') && (n+2 == len(rs) || isSpace(rs[n+2])) {
			return n + 2
		}
		return 0
	}
	if n < len(rs) && (rs[n] == '.' || rs[n] == ')') && (n+1 == len(rs) || isSpace(rs[n+1]) || !unicode.IsDigit(rs[n+1])) {
		return n + 1
	}
	return 0
}

func wrapped(rs []rune, open, close string) bool {
	o, c := []rune(open), []rune(close)
	if len(rs) < len(o)+len(c)+1 {
		return false
	}
	return string(rs[:len(o)]) == open && string(rs[len(rs)-len(c):]) == close
}

func closes(open rune) rune {
	switch open {
	case '[':
		return ']'
	case '【':
		return '】'
	case '〔':
		return '〕'
	case '<':
		return '>'
	case '〈':
		return '〉'
	case '《':
		return '》'
	case '「':
		return '」'
	case '『':
		return '』'
	}
	return -1
}

// isDecoration reports whether r is a symbol postings put before or after
// headings: ■ ▶ ● ★ 📌 🚀 and the like (but not a letter, digit or bracket).
func isDecoration(r rune) bool {
	if strings.ContainsRune("■□▣▤▥▦▧▨▩▪▫▲△▶▷►▸▹▻◆◇◈◉○◎●◐◑★☆※✦✧✱✲❖❗❓·|=~", r) {
		return true
	}
	return r >= 0x1F000 || (r >= 0x2600 && r <= 0x27BF) || (r >= 0x2B00 && r <= 0x2BFF) || r == 0xFE0F
}

func isInvisible(r rune) bool { return r == 0xFE0F || r == 0x200B || r == 0x200D || r == 0xFEFF }

func isSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\r' || r == 0x3000 || r == 0xA0 }

func isHangulSyllable(r rune) bool { return r >= 0xAC00 && r <= 0xD7A3 }

var _ = utf8.RuneError
