package seed

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/goccy/go-yaml/token"
)

// scalarContext is where a scalar is written: a block mapping's value or key,
// or an item of a flow collection ([a, b], {ko: …}), where ",[]{}" end it.
type scalarContext int

const (
	blockContext scalarContext = iota
	flowContext
)

// scalar writes s as a YAML scalar that reads back as the string s: plain
// when that is safe in context, else double-quoted.
func scalar(s string, ctx scalarContext) string {
	if plainSafe(s, ctx) {
		return s
	}
	return doubleQuoted(s)
}

// plainIndicators may not start a plain scalar: YAML's indicators, and
// the ones it reserves.
const plainIndicators = "-?:,[]{}#&*!|>'\"%@`"

// yamlNonString matches the plain scalars that a YAML 1.2 or 1.1 parser may
// read as something other than a string: null, booleans, numbers in any
// base, with "_" separators or sexagesimal, infinities, NaN, and "=", YAML
// 1.1's value key. Case is ignored, to be safe.
var yamlNonString = regexp.MustCompile(`(?i)^(` +
	`~|null|true|false|yes|no|on|off|y|n|=` +
	`|[-+]?\.?[0-9][0-9_.]*(e[-+]?[0-9]+)?` + // 1, 1_000, .5, 1., 1.2.3, 1e3
	`|[-+]?0(x[0-9a-f_]+|o[0-7_]+|b[01_]+)` +
	`|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?` + // 1:30, 190:20:30.15
	`|[-+]?\.inf|\.nan` +
	`)$`)

// yamlDate matches the start of a YAML 1.1 timestamp, which may continue
// with a time after a space or a "T".
var yamlDate = regexp.MustCompile(`^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}`)

// plainSafe reports whether s can be written as a plain scalar in ctx and
// read back as exactly s, by YAML 1.2 and by the parser Load uses.
func plainSafe(s string, ctx scalarContext) bool {
	if s == "" || !utf8.ValidString(s) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	switch {
	case unicode.IsSpace(first) || unicode.IsSpace(last): // trimmed by the parser
		return false
	case strings.ContainsRune(plainIndicators, first):
		return false
	case strings.Contains(s, ": ") || strings.Contains(s, " #") || strings.HasSuffix(s, ":"): // a key, a comment
		return false
	case strings.Contains(s, "<<"): // go-yaml reads "<<" before ": " as a merge key, even inside a scalar
		return false
	case ctx == flowContext && strings.ContainsAny(s, ",[]{}:"): // go-yaml ends a flow key at any ':'
		return false
	case strings.ContainsFunc(s, func(r rune) bool { return !isGraphic(r) }): // line breaks, tabs, invisible characters
		return false
	case yamlNonString.MatchString(s) || yamlDate.MatchString(s):
		return false
	case token.IsNeedQuoted(s): // what go-yaml's own encoder quotes, for its parser's sake
		return false
	}
	return true
}

// isGraphic reports whether r may stand as it is in a scalar: a letter,
// mark, number, punctuation, symbol or space of Unicode. The rest (control
// and format characters, line and paragraph separators, private-use and
// unassigned code points) would be invisible or break a line, so they are
// escaped.
func isGraphic(r rune) bool { return unicode.IsGraphic(r) }

// doubleQuoted writes s as a double-quoted scalar with JSON's escapes (a
// JSON string is a YAML double-quoted scalar): \" \\ \n \t \r, and \uXXXX for
// any other character that is not graphic, so no line break or control
// character is written as it is. Beyond U+FFFF it writes \UXXXXXXXX, YAML's
// escape, where JSON would write a surrogate pair, which YAML does not allow.
func doubleQuoted(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		default:
			switch {
			case isGraphic(r):
				b.WriteRune(r)
			case r <= 0xFFFF:
				fmt.Fprintf(&b, `\u%04X`, r)
			default:
				fmt.Fprintf(&b, `\U%08X`, r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}
