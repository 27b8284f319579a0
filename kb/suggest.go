package kb

import "fmt"

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

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
