package kb

import "unicode"

// AliasLang is the language an alias is written in, read off its script:
// Korean for Hangul, Japanese for kana or kanji, and "" for everything else.
// Latin-script names (Kafka, k8s, Apache Spark) are written the same in
// Korean, English and Japanese texts, so they belong to no one language: a
// search limited to a language matches its own aliases and these.
func AliasLang(alias string) Lang {
	for _, r := range alias {
		switch {
		case unicode.Is(unicode.Hangul, r):
			return Korean
		case unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Han):
			return Japanese
		}
	}
	return ""
}

// AliasesIn returns the aliases of s that a reader of lang would write: those
// in lang's script and the language-neutral ones (AliasLang ""); all of them
// when lang is "".
func (s *Skill) AliasesIn(lang Lang) []string {
	if lang == "" {
		return s.Aliases
	}
	var out []string
	for _, a := range s.Aliases {
		if l := AliasLang(a); l == "" || l == lang {
			out = append(out, a)
		}
	}
	return out
}

// IsAmbiguous reports whether name, one of s's names or aliases, is also an
// ordinary word or part of other names, so that free text must show it is
// meant as the skill (Go, R, Hive). Spelling variants count: the comparison
// is by NameKey.
func (s *Skill) IsAmbiguous(name string) bool {
	key := NameKey(name)
	for _, a := range s.Ambiguous {
		if NameKey(a) == key {
			return true
		}
	}
	return false
}
