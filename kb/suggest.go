package kb

import (
	"fmt"
	"slices"
	"strings"
)

// suggest returns ` (did you mean "x"?)` for the known word closest to word,
// or "" when nothing is close enough to be a likely typo.
func suggest(word string, known []string) string {
	if best, ok := Closest(word, known); ok {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	return ""
}

// Closest returns the known word with the smallest edit distance to word,
// if that distance is small next to the word's length (at most a third of it,
// and at least 1). Ties go to the earlier word in known.
func Closest(word string, known []string) (string, bool) {
	best, bestDist := "", -1
	for _, k := range known {
		d := editDistance(word, k)
		if bestDist < 0 || d < bestDist {
			best, bestDist = k, d
		}
	}
	limit := max(1, len([]rune(word))/3)
	if bestDist < 0 || bestDist > limit {
		return "", false
	}
	return best, true
}

// editDistance is the optimal-string-alignment distance between a and b, in
// runes: insertions, deletions, substitutions and swaps of two neighbours
// (the commonest typo, "kafak") each count 1.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	// d[i][j] is the distance between ra[:i] and rb[:j].
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

// SuggestSkills returns up to n skills a person typing text may mean, best
// first: the skill text names exactly, then skills with a name or alias
// starting with it, then containing it, then those within a typo or two of
// it ("kafak", "pyhton"). Case, spaces and punctuation are ignored, as in
// ResolveSkill; ties keep the data order.
func (g *Graph) SuggestSkills(text string, n int) []*Skill {
	key := NameKey(text)
	if key == "" || n <= 0 {
		return nil
	}
	rank := map[*Skill]int{} // lower is better
	consider := func(s *Skill, r int) {
		if old, ok := rank[s]; !ok || r < old {
			rank[s] = r
		}
	}
	typos := max(1, len([]rune(key))/3)
	for k, s := range g.skillByKey {
		switch {
		case k == key:
			consider(s, 0)
		case strings.HasPrefix(k, key):
			consider(s, 1)
		case strings.Contains(k, key):
			consider(s, 2)
		case len([]rune(key)) >= 3 && editDistance(key, prefixOf(k, key)) <= typos:
			consider(s, 3) // a typo in what was typed so far
		}
	}
	out := make([]*Skill, 0, len(rank))
	for s := range rank {
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b *Skill) int {
		if rank[a] != rank[b] {
			return rank[a] - rank[b]
		}
		return g.skillOrder[a.Slug] - g.skillOrder[b.Slug]
	})
	return limit(out, n)
}

// prefixOf cuts k to the length of typed, so a word still being typed is
// compared with the start of each name.
func prefixOf(k, typed string) string {
	r := []rune(k)
	return string(r[:min(len(r), len([]rune(typed)))])
}
