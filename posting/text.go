package posting

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"
)

// folded is a posting's text as it is matched: NFC, full-width forms
// folded to ASCII (ＡＷＳ is AWS, ： is :), in runes, with the original
// code-point offset of every rune, so a match maps back to the posting's
// own words. lower is the same runes in lower case, for matching that
// ignores case; both have one rune per position.
type folded struct {
	runes []rune
	lower []rune
	at    []int // at[i] is the offset, in the original's code points, of runes[i]; at[len] is the original's length
	orig  []rune
}

func foldText(text string) *folded {
	f := &folded{orig: []rune(text)}
	var it norm.Iter
	it.InitString(norm.NFC, text)
	origAt := 0 // code points of the original consumed so far
	for !it.Done() {
		start := it.Pos()
		seg := it.Next()
		n := utf8.RuneCountInString(text[start:it.Pos()])
		for _, r := range string(seg) {
			if w := width.LookupRune(r).Folded(); w != 0 && isFoldable(r) {
				r = w
			}
			f.runes = append(f.runes, r)
			f.lower = append(f.lower, unicode.ToLower(r))
			f.at = append(f.at, origAt)
		}
		origAt += n
	}
	f.at = append(f.at, origAt)
	return f
}

// foldLower is foldText's lower runes alone, for a text whose spans are
// never reported (a requirement's, read once per graph): one pass, and
// none of the normalizer's work for a text that is already NFC.
func foldLower(text string) []rune {
	if !norm.NFC.IsNormalString(text) {
		text = norm.NFC.String(text)
	}
	out := make([]rune, 0, len(text))
	for _, r := range text {
		if isFoldable(r) {
			if w := width.LookupRune(r).Folded(); w != 0 {
				r = w
			}
		}
		out = append(out, unicode.ToLower(r))
	}
	return out
}

// isFoldable reports whether width folding keeps r's meaning: full-width
// ASCII and half-width katakana, not the wide forms of Hangul jamo, which
// fold to conjoining jamo.
func isFoldable(r rune) bool {
	return (r >= 0xFF01 && r <= 0xFF5E) || (r >= 0xFF61 && r <= 0xFF9F) || r == 0x3000
}

// span returns the posting's own text between folded positions i and j.
func (f *folded) span(i, j int) Span {
	start, end := f.at[i], f.at[j]
	return Span{Start: start, End: end, Text: string(f.orig[start:end])}
}

// Span is a run of the posting's text: code-point offsets, End exclusive,
// and the text between them, as the posting writes it.
type Span struct {
	Start, End int
	Text       string
}
