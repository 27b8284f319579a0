package posting_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"skillgraph/internal/kbtest"
	"skillgraph/internal/postings"
	"skillgraph/kb"
	"skillgraph/posting"
)

// score is the evaluation of a set of labelled postings.
type score struct {
	postings, decided, correct int     // stage: postings labelled growth or mature, and how many the top stage matches
	between                    int     // postings labelled between
	betweenMax                 float64 // the largest top probability among them
	betweenSum                 float64
	gold, found, hit           int // technologies: labelled, reported, both
	exact                      int // labelled technologies whose first reported mention is written as labelled
	sectionsOK                 int // postings whose requirement sections are found as labelled
	leaked                     int // technologies named only outside requirements but read as requirements
	notes                      []string
}

func evaluate(t *testing.T, set string) score {
	t.Helper()
	_, g := kbtest.Seed(t)
	a := posting.NewAnalyzer(g)
	ps, err := postings.Load(set)
	if err != nil {
		t.Fatal(err)
	}
	var sc score
	for _, p := range ps {
		an, err := a.Analyze(p.Text, nil)
		if err != nil {
			t.Fatalf("%s: %v", p.File, err)
		}
		sc.postings++
		top := an.Stages[0]
		switch p.Stage {
		case "growth", "mature":
			sc.decided++
			if top.Stage.Slug == p.Stage {
				sc.correct++
			} else {
				sc.notes = append(sc.notes, fmt.Sprintf("%s: %s, read as %s %.2f", p.File, p.Stage, top.Stage.Slug, top.Probability))
			}
		case "between":
			sc.between++
			sc.betweenSum += top.Probability
			sc.betweenMax = max(sc.betweenMax, top.Probability)
		}
		sc.checkSkills(t, g, p, an)
		sc.checkSections(p, an)
	}
	return sc
}

func (sc *score) checkSkills(t *testing.T, g *kb.Graph, p postings.Posting, an *posting.Analysis) {
	gold := map[string]string{} // slug → as labelled
	for _, name := range p.Technologies {
		if s := g.ResolveSkill(name); s != nil {
			gold[s.Slug] = name
		} else {
			gold["?"+name] = name // unknown to the vocabulary: a miss
		}
	}
	sc.gold += len(gold)
	reported := map[string]posting.SkillUse{}
	for _, u := range an.Skills {
		reported[u.Skill.Slug] = u
		for _, m := range u.Mentions {
			if s := g.ResolveSkill(m.Text); s != u.Skill {
				t.Errorf("%s: the mention %q at %d is reported as %s", p.File, m.Text, m.Start, u.Skill.Slug)
			}
			if got := string([]rune(p.Text)[m.Start:m.End]); got != m.Text {
				t.Errorf("%s: span %d–%d reads %q, its text says %q", p.File, m.Start, m.End, got, m.Text)
			}
		}
	}
	sc.found += len(reported)
	for slug, name := range gold {
		u, ok := reported[slug]
		if !ok {
			sc.notes = append(sc.notes, fmt.Sprintf("%s: missed %q", p.File, name))
			continue
		}
		sc.hit++
		if u.Mentions[0].Text == name {
			sc.exact++
		} else {
			sc.notes = append(sc.notes, fmt.Sprintf("%s: %q first written %q", p.File, name, u.Mentions[0].Text))
		}
		inReq := slices.ContainsFunc(p.InRequirements, func(n string) bool { return g.ResolveSkill(n) == u.Skill })
		readAsReq := slices.ContainsFunc(u.Kinds, posting.Kind.IsRequirement)
		if !inReq && readAsReq {
			sc.leaked++
			sc.notes = append(sc.notes, fmt.Sprintf("%s: %q, named outside requirements, read in %v", p.File, name, u.Kinds))
		}
	}
	for slug, u := range reported {
		if _, ok := gold[slug]; !ok {
			sc.notes = append(sc.notes, fmt.Sprintf("%s: reported %s (%q), not labelled", p.File, slug, u.Mentions[0].Text))
		}
	}
}

func (sc *score) checkSections(p postings.Posting, an *posting.Analysis) {
	var want, got []string
	for _, k := range p.Sections {
		if k != "other" {
			want = append(want, k)
		}
	}
	for _, s := range an.Sections {
		if k := strings.ToLower(string(s.Kind)); s.Kind.IsRequirement() && !slices.Contains(got, k) {
			got = append(got, k)
		}
	}
	if slices.Equal(want, got) {
		sc.sectionsOK++
	} else {
		var heads []string
		for _, s := range an.Sections {
			heads = append(heads, fmt.Sprintf("%s %q", s.Kind, s.Heading.Text))
		}
		sc.notes = append(sc.notes, fmt.Sprintf("%s: sections %v, want %v (%s)", p.File, got, want, strings.Join(heads, "; ")))
	}
}

func (sc score) report(t *testing.T, set string, verbose bool) {
	t.Logf("%s: %d postings", set, sc.postings)
	t.Logf("  stage accuracy %.3f (%d of %d growth or mature)", ratio(sc.correct, sc.decided), sc.correct, sc.decided)
	t.Logf("  between: %d postings, top probability mean %.2f, max %.2f", sc.between, sc.betweenSum/float64(max(sc.between, 1)), sc.betweenMax)
	t.Logf("  technologies: recall %.3f, precision %.3f, first spans as labelled %.3f (%d labelled, %d reported, %d both)",
		ratio(sc.hit, sc.gold), ratio(sc.hit, sc.found), ratio(sc.exact, sc.hit), sc.gold, sc.found, sc.hit)
	t.Logf("  sections: %d of %d postings as labelled; %d technologies named outside requirements read as requirements", sc.sectionsOK, sc.postings, sc.leaked)
	if verbose {
		for _, n := range sc.notes {
			t.Log("   ", n)
		}
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// TestEvaluate reads the labelled postings and reports how the analysis
// does against the targets (run with -v). The dev set must meet them; the
// holdout set is reported only, in numbers.
func TestEvaluate(t *testing.T) {
	dev := evaluate(t, postings.Dev)
	dev.report(t, postings.Dev, t.Failed() || testing.Verbose())
	holdout := evaluate(t, postings.Holdout)
	holdout.report(t, postings.Holdout, false)
	for _, target := range []struct {
		name      string
		got, want float64
	}{
		{"stage accuracy", ratio(dev.correct, dev.decided), 0.9},
		{"skill recall", ratio(dev.hit, dev.gold), 0.9},
		{"skill precision", ratio(dev.hit, dev.found), 0.95},
		{"postings with their sections found", ratio(dev.sectionsOK, dev.postings), 1},
	} {
		if target.got < target.want {
			t.Errorf("dev %s %.3f, target %.2f", target.name, target.got, target.want)
		}
	}
	if dev.leaked > 0 {
		t.Errorf("%d technologies named only outside requirement sections were read as requirements", dev.leaked)
	}
	if mean := dev.betweenSum / float64(max(dev.between, 1)); mean > 0.75 {
		t.Errorf("postings labelled between get a top probability of %.2f on average: too confident", mean)
	}
}
