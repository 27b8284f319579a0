package synth_test

import (
	"reflect"
	"testing"

	"skillgraph/kb"
	"skillgraph/synth"
)

func TestGeneratedDataIsValid(t *testing.T) {
	sizes := []synth.Options{
		{Seed: 1, Stages: 1, Skills: 1, Requirements: 1},
		{Seed: 2, Stages: 3, Skills: 40, Requirements: 30},
		{Seed: 3, Stages: 10, Skills: 500, Requirements: 2000},
		{Seed: 4, Stages: 20, Skills: 3000, Requirements: 10000, Traits: 500},
	}
	if testing.Short() {
		sizes = sizes[:3]
	}
	for _, opts := range sizes {
		ds := synth.Generate(opts)
		if err := kb.Validate(ds); err != nil {
			t.Fatalf("%+v: %v", opts, err)
		}
		if len(ds.Stages) != opts.Stages || len(ds.Skills) != opts.Skills || len(ds.Requirements) != opts.Requirements {
			t.Errorf("%+v: got %d stages, %d skills, %d requirements", opts,
				len(ds.Stages), len(ds.Skills), len(ds.Requirements))
		}
		wantTraits := opts.Traits
		if wantTraits == 0 {
			wantTraits = max(opts.Requirements/10, opts.Stages)
		}
		if len(ds.Traits) != wantTraits {
			t.Errorf("%+v: got %d traits, want %d", opts, len(ds.Traits), wantTraits)
		}
		if _, err := kb.NewGraph(ds); err != nil {
			t.Errorf("%+v: NewGraph: %v", opts, err)
		}
	}
}

func TestGenerateIsDeterministic(t *testing.T) {
	opts := synth.Options{Seed: 7, Stages: 5, Skills: 300, Requirements: 400}
	a, b := synth.Generate(opts), synth.Generate(opts)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("the same options gave different datasets")
	}
	opts.Seed = 8
	if reflect.DeepEqual(a, synth.Generate(opts)) {
		t.Fatal("another seed gave the same dataset")
	}
}

// TestShapes checks the dataset looks like the seed's: what the generator
// promises in its documentation, measured on a medium-sized dataset.
func TestShapes(t *testing.T) {
	ds := synth.Generate(synth.Options{Seed: 1, Stages: 10, Skills: 2000, Requirements: 5000})
	var (
		kinds                   = map[kb.RequirementKind]int{}
		choices, suchAs, wide   int
		minChoice, maxChoice    = 99, 0
		minNeeds, maxNeeds      = 99, 0
		aliases, maxAliases     int
		broader                 int
		evidence, emphasis      int
		perStage                = map[string]int{}
		koreanTexts, shortTexts int
	)
	for _, s := range ds.Skills {
		aliases += len(s.Aliases)
		maxAliases = max(maxAliases, len(s.Aliases))
		if len(s.Broader) > 0 {
			broader++
		}
		if !hasHangul(s.Name.Exact(kb.Korean)) {
			t.Errorf("skill %s: Korean name %q has no Hangul", s.Slug, s.Name.Exact(kb.Korean))
		}
	}
	for _, r := range ds.Requirements {
		kinds[r.Kind]++
		perStage[r.Stage]++
		minNeeds, maxNeeds = min(minNeeds, len(r.Needs)), max(maxNeeds, len(r.Needs))
		for _, c := range r.Needs {
			choices++
			minChoice, maxChoice = min(minChoice, len(c.AnyOf)), max(maxChoice, len(c.AnyOf))
			if c.SuchAs != "" {
				suchAs++
			}
		}
		if hasHangul(r.Text.Exact(kb.Korean)) && r.Source.Quote == r.Text.Exact(kb.Korean) {
			koreanTexts++
		}
		if len([]rune(r.Text.Exact(kb.English))) < 15 {
			shortTexts++
		}
		if r.Source.Document != synth.Document || r.Source.Line < 1 {
			t.Fatalf("requirement %s cites %v", r.Slug, r.Source)
		}
	}
	for _, tr := range ds.Traits {
		evidence += len(tr.Evidence)
		emphasis += len(tr.Emphasizes)
		wide += len(tr.Widens)
	}
	n := float64(len(ds.Requirements))
	checks := []struct {
		what   string
		got    float64
		lo, hi float64
	}{
		{"share of responsibilities", float64(kinds[kb.Responsibility]) / n, 0.25, 0.35},
		{"share of required", float64(kinds[kb.Required]) / n, 0.25, 0.35},
		{"share of preferred", float64(kinds[kb.Preferred]) / n, 0.35, 0.45},
		{"fewest choices of a requirement", float64(minNeeds), 1, 1},
		{"most choices of a requirement", float64(maxNeeds), 3, 3},
		{"fewest skills of a choice", float64(minChoice), 1, 1},
		{"most skills of a choice", float64(maxChoice), 8, 8},
		{"share of such-as choices", float64(suchAs) / float64(choices), 0.03, 0.4},
		{"aliases per skill", float64(aliases) / float64(len(ds.Skills)), 0.5, 2.5},
		{"most aliases of a skill", float64(maxAliases), 3, 4},
		{"share of skills with a broader one", float64(broader) / float64(len(ds.Skills)), 0.2, 0.6},
		{"evidence per trait", float64(evidence) / float64(len(ds.Traits)), 1, 4},
		{"emphasis per trait", float64(emphasis) / float64(len(ds.Traits)), 0.3, 3},
		{"widenings", float64(wide), 1, n},
		{"share of Korean texts quoting their line", float64(koreanTexts) / n, 1, 1},
		{"texts shorter than 15 characters", float64(shortTexts), 0, 0},
	}
	for _, c := range checks {
		if c.got < c.lo || c.got > c.hi {
			t.Errorf("%s = %.3f, want within [%g, %g]", c.what, c.got, c.lo, c.hi)
		}
	}
	least, most := len(ds.Requirements), 0
	for _, c := range perStage {
		least, most = min(least, c), max(most, c)
	}
	if len(perStage) != 10 || least == most || most > 4*least {
		t.Errorf("requirements per stage range from %d to %d over %d stages; want every stage, unevenly but within 4×", least, most, len(perStage))
	}
}

func hasHangul(s string) bool {
	for _, r := range s {
		if r >= 0xAC00 && r <= 0xD7A3 {
			return true
		}
	}
	return false
}
