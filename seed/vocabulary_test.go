package seed_test

import (
	"strings"
	"testing"

	"skillgraph/internal/kbtest"
	"skillgraph/internal/postings"
)

// TestVocabularyResolvesPostingTechnologies measures the vocabulary against
// the labelled postings: of the technologies each names, as written, how
// many resolve to a skill. Run with -v for the figures; the README reports
// them. The target is 98% of the dev set.
func TestVocabularyResolvesPostingTechnologies(t *testing.T) {
	_, g := kbtest.Seed(t)
	for _, set := range []string{postings.Dev, postings.Holdout} {
		ps, err := postings.Load(set)
		if err != nil {
			t.Fatal(err)
		}
		total, resolved := 0, 0
		var misses []string
		for _, p := range ps {
			for _, name := range p.Technologies {
				total++
				if g.ResolveSkill(name) != nil {
					resolved++
				} else {
					misses = append(misses, p.File+": "+name)
				}
			}
		}
		share := float64(resolved) / float64(max(total, 1))
		t.Logf("%s: %d postings, %d technologies named, %d resolved (%.1f%%)", set, len(ps), total, resolved, 100*share)
		// The holdout set stays unread: its misses are counted, not shown.
		if len(misses) > 0 && set == postings.Dev {
			t.Logf("%s: unresolved:\n  %s", set, strings.Join(misses, "\n  "))
		}
		if set == postings.Dev && share < 0.98 {
			t.Errorf("the vocabulary resolves %.1f%% of the dev postings' technologies, want at least 98%%", 100*share)
		}
	}
}
