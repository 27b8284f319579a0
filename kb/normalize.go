package kb

import (
	"strings"
	"unicode"
)

// NameKey folds a skill name or alias to the key look-ups compare: lower
// case, with spaces, punctuation and symbols removed, so "Apache Spark",
// "apache-spark" and "APACHESPARK" are one key. Letters of every script are
// kept, so Korean names fold too. It returns "" when nothing is left.
func NameKey(name string) string {
	var b strings.Builder
	b.Grow(len(name))
	for _, r := range name {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		case r == '+' || r == '#':
			// Keep the marks that tell C, C++ and C# apart.
			b.WriteRune(r)
		}
	}
	return b.String()
}
