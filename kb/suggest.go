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
// starting with it, then containing it, then those a typo or two away from
// it ("kafak", "pyhton"), then those whose start is. Case, spaces and
// punctuation are ignored, as in ResolveSkill. Within a tier, the skill
// whose matching name is shortest (closest to what was typed) comes first,
// then the data order.
func (g *Graph) SuggestSkills(text string, n int) []*Skill {
	key := NameKey(text)
	if key == "" || n <= 0 {
		return nil
	}
	type rank struct{ tier, length int } // lower is better
	ranks := map[*Skill]rank{}
	consider := func(s *Skill, tier int, k string) {
		r := rank{tier, len(k)}
		if old, ok := ranks[s]; !ok || r.tier < old.tier || (r.tier == old.tier && r.length < old.length) {
			ranks[s] = r
		}
	}
	typos := max(1, len([]rune(key))/3)
	long := len([]rune(key)) >= 3
	for k, s := range g.skillByKey {
		switch {
		case k == key:
			consider(s, 0, k)
		case strings.HasPrefix(k, key):
			consider(s, 1, k)
		case strings.Contains(k, key):
			consider(s, 2, k)
		case long && editDistance(key, k) <= typos:
			consider(s, 3, k) // a typo of the whole name
		case long && editDistance(key, prefixOf(k, key)) <= typos:
			consider(s, 4, k) // a typo in what was typed so far
		}
	}
	out := make([]*Skill, 0, len(ranks))
	for s := range ranks {
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b *Skill) int {
		ra, rb := ranks[a], ranks[b]
		if ra.tier != rb.tier {
			return ra.tier - rb.tier
		}
		if ra.length != rb.length {
			return ra.length - rb.length
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
