package kb_test

import (
	"strings"
	"testing"

	"skillgraph/internal/kbtest"
	"skillgraph/kb"
)

// TestSuggestSkillsOnTheSeed holds what the explorer's autocomplete shows,
// now that suggestSkills is its only source: what a reader types, alias,
// Korean name or typo, comes first as the skill meant.
func TestSuggestSkillsOnTheSeed(t *testing.T) {
	_, g := kbtest.Seed(t)
	tests := []struct {
		typed string
		first string // "" for no suggestion at all
	}{
		{"go", "go"},
		{"golang", "go"}, // an alias
		{"gola", "go"},   // an alias, half typed
		{"k8s", "kubernetes"},
		{"kub", "kubernetes"}, // a name, half typed
		{"kafak", "kafka"},    // a typo
		{"Kafak", "kafka"},    // in another case
		{"Hadoo", "hadoop"},   // a typo, or a name half typed
		{"airflw", "airflow"}, // a letter left out
		{"카프카", "kafka"},      // a Korean name
		{"파이썬", "python"},
		{"spar", "spark"},
		{"Fortran", ""}, // nothing close
	}
	for _, tt := range tests {
		got := g.SuggestSkills(tt.typed, 6)
		switch {
		case tt.first == "" && len(got) > 0:
			t.Errorf("SuggestSkills(%q) = %v, want none", tt.typed, slugs(got))
		case tt.first != "" && (len(got) == 0 || got[0].Slug != tt.first):
			t.Errorf("SuggestSkills(%q) = %v, want %s first", tt.typed, slugs(got), tt.first)
		}
	}
}

// TestSuggestSkillsRanksByHowTheTextMatches: a name equal to the text,
// then names it begins, then names it is inside, each with the shorter
// name first, then typos.
func TestSuggestSkillsRanksByHowTheTextMatches(t *testing.T) {
	_, g := kbtest.Seed(t)
	for _, typed := range []string{"spar", "sql", "ka", "kafka", "data", "py", "hadop"} {
		key := kb.NameKey(typed)
		got := g.SuggestSkills(typed, 20)
		if len(got) == 0 {
			t.Errorf("SuggestSkills(%q): nothing", typed)
			continue
		}
		prev := -1
		prevLen := 0
		for _, s := range got {
			tier, length := matchTier(s, key)
			if tier < prev || (tier == prev && tier < 3 && length < prevLen) {
				t.Errorf("SuggestSkills(%q) = %v: %s (tier %d, %d bytes) comes after a worse match", typed, slugs(got), s.Slug, tier, length)
				break
			}
			prev, prevLen = tier, length
		}
	}
}

// matchTier is how well key matches the best of s's names and aliases:
// 0 equal, 1 a prefix, 2 inside, 3 neither (a typo), with that name's
// length in bytes.
func matchTier(s *kb.Skill, key string) (tier, length int) {
	tier, length = 3, 1<<30
	names := []string{}
	for _, n := range s.Name.Values() {
		names = append(names, n)
	}
	names = append(names, s.Aliases...)
	for _, n := range names {
		k := kb.NameKey(n)
		t := 3
		switch {
		case k == key:
			t = 0
		case strings.HasPrefix(k, key):
			t = 1
		case strings.Contains(k, key):
			t = 2
		}
		if t < tier || (t == tier && len(k) < length) {
			tier, length = t, len(k)
		}
	}
	return tier, length
}

func slugs(skills []*kb.Skill) []string {
	out := make([]string, len(skills))
	for i, s := range skills {
		out[i] = s.Slug
	}
	return out
}
