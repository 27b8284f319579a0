package kb

import (
	"context"
	"slices"
	"strings"
	"unicode"
)

// Text fields a node can be found by.
const (
	FieldName        = "name"
	FieldAlias       = "alias"
	FieldSummary     = "summary"
	FieldText        = "text"
	FieldStatement   = "statement"
	FieldImplication = "implication"
)

// TextMatch is a text of a node that contains the searched words, as a
// search index finds it. Lang is "" for language-neutral texts (aliases).
type TextMatch struct {
	Node  string // node ID
	Field string
	Lang  Lang
	Text  string
}

// SearchIndex finds the texts that contain every word of a query, in any
// case. It may return more than limit matches for different nodes; matches
// for one node count once toward limit.
type SearchIndex interface {
	SearchText(ctx context.Context, query string, lang Lang, limit int) ([]TextMatch, error)
}

// VersionedIndex is a search index of stored data that also says which
// version of the data it searched (that of its newest change set): the
// version and the matches are read in one snapshot, so a caller compares
// the version with that of the graph it reads to know whether the matches
// belong to that graph.
type VersionedIndex interface {
	SearchText(ctx context.Context, query string, lang Lang, limit int) (matches []TextMatch, version int, err error)
}

// SearchHit is a node that matches a search, with the best matching text.
type SearchHit struct {
	Node    string // node ID
	Field   string
	Lang    Lang
	Snippet string
	Score   float64
}

// MaxSearchLength is the longest query, in runes, that a search accepts.
const MaxSearchLength = 200

// Search finds nodes whose texts contain every word of text, ranked by
// RankMatches, at most first of them (all when first <= 0). lang, when not
// "", restricts the search to texts in that language (aliases always count).
func Search(ctx context.Context, idx SearchIndex, text string, lang Lang, first int) ([]SearchHit, error) {
	query := strings.Join(strings.Fields(text), " ")
	switch n := len([]rune(query)); {
	case n == 0:
		return nil, Errorf(EINVALID, "search text is empty")
	case n > MaxSearchLength:
		return nil, Errorf(EINVALID, "search text is %d characters long; the limit is %d", n, MaxSearchLength)
	}
	// Fetch more than asked: ranking may reorder candidates across nodes.
	matches, err := idx.SearchText(ctx, query, lang, max(first, 20)*4)
	if err != nil {
		return nil, err
	}
	return limit(RankMatches(query, matches), first), nil
}

// fieldWeight says how telling a match in a field is: a name says what the
// node is, a long text only mentions it.
func fieldWeight(field string) float64 {
	switch field {
	case FieldName:
		return 1
	case FieldAlias:
		return 0.9
	case FieldText, FieldStatement:
		return 0.7
	default:
		return 0.6
	}
}

// MatchQuality rates how well query matches text, case-insensitively:
// 1 for the whole text, 0.9 for a prefix, 0.8 for a match at a word start,
// 0.6 for any other substring, 0 for no match. A query of several words
// is rated by its weakest word.
func MatchQuality(query, text string) float64 {
	lt := strings.ToLower(text)
	lq := strings.ToLower(strings.TrimSpace(query))
	if lq == "" {
		return 0
	}
	if lt == lq {
		return 1
	}
	quality := 1.0
	for _, w := range strings.Fields(lq) {
		quality = min(quality, wordQuality(w, lt))
	}
	return quality
}

func wordQuality(w, lt string) float64 {
	i := strings.Index(lt, w)
	switch {
	case i < 0:
		return 0
	case i == 0:
		return 0.9
	}
	for i >= 0 {
		if r := lastRune(lt[:i]); !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return 0.8
		}
		next := strings.Index(lt[i+1:], w)
		if next < 0 {
			break
		}
		i += 1 + next
	}
	return 0.6
}

func lastRune(s string) rune {
	r := []rune(s)
	return r[len(r)-1]
}

// RankMatches turns text matches into hits, one per node, scored by
// fieldWeight × MatchQuality of its best text, best first; ties keep the
// index's order. The snippet is the matching text around the first match.
func RankMatches(query string, matches []TextMatch) []SearchHit {
	best := map[string]int{}
	var hits []SearchHit
	for _, m := range matches {
		score := roundScore(fieldWeight(m.Field) * MatchQuality(query, m.Text))
		if score == 0 {
			continue
		}
		hit := SearchHit{Node: m.Node, Field: m.Field, Lang: m.Lang, Snippet: Snippet(m.Text, query, 80), Score: score}
		if i, ok := best[m.Node]; ok {
			if score > hits[i].Score {
				hits[i] = hit
			}
			continue
		}
		best[m.Node] = len(hits)
		hits = append(hits, hit)
	}
	slices.SortStableFunc(hits, func(a, b SearchHit) int {
		switch {
		case a.Score > b.Score:
			return -1
		case a.Score < b.Score:
			return 1
		}
		return 0
	})
	return hits
}

// Snippet returns at most width runes of text around the first
// case-insensitive match of query's first word, with "…" where it was cut.
func Snippet(text, query string, width int) string {
	runes := []rune(text)
	if len(runes) <= width {
		return text
	}
	words := strings.Fields(query)
	at := 0
	if len(words) > 0 {
		at = runeIndexFold(runes, []rune(words[0]))
	}
	start := max(0, at-width/3)
	end := min(len(runes), start+width)
	start = max(0, end-width)
	s := strings.TrimSpace(string(runes[start:end]))
	if start > 0 {
		s = "…" + s
	}
	if end < len(runes) {
		s += "…"
	}
	return s
}

// runeIndexFold is the rune index of the first case-insensitive match of
// sub in s, or 0 when none.
func runeIndexFold(s, sub []rune) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		match := true
		for j := range sub {
			if unicode.ToLower(s[i+j]) != unicode.ToLower(sub[j]) {
				match = false
				break
			}
		}
		if match {
			return i
		}
	}
	return 0
}
